"""The templates docgen ships are clean for every kind of session: a run checks only the
templates a centre put in their place, so this test is what stands for the others."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from benchmarks.synthetic import synthetic_session, workbook_rows
from docgen.documents.kinds import KINDS, ensure_templates_usable, template_problems
from docgen.errors import TemplateError
from docgen.pipeline import check_session
from docgen.settings import Settings
from docgen.template_files import packaged_fingerprints, packaged_templates
from tests.cli.test_templates import misspell
from tests.documents.conftest import ROOT
from tests.documents.test_schema import hostile
from tests.documents.test_wording import tertiary, tertiary_plan
from tests.factory import write_workbook

EXAMPLE = ROOT / "inputs" / "exemple"


def shipped_problems(session: Path, as_of: date) -> list[str]:
    settings = Settings(as_of=as_of)
    checked = check_session(session, settings)
    assert checked.plan is not None
    problems = template_problems(KINDS, checked.data, checked.plan, settings)
    return [problem.describe() for problem in problems]


def test_the_shipped_templates_are_clean_for_the_example() -> None:
    assert shipped_problems(EXAMPLE, date(2027, 1, 11)) == []


@pytest.mark.parametrize("names", ["plain", "hostile"])
def test_the_shipped_templates_are_clean_for_a_generated_session(
    tmp_path: Path, names: str
) -> None:
    data, days = synthetic_session(24, 3, 8, 2, 3)
    if names == "hostile":
        data = hostile(data)
    write_workbook(tmp_path / "session.xlsx", workbook_rows(data))
    assert shipped_problems(tmp_path, days[0].replace(year=days[0].year - 1)) == []


def test_the_shipped_templates_are_clean_for_a_tertiary_session(settings: Settings) -> None:
    data = tertiary(check_session(EXAMPLE, settings).data)
    problems = template_problems(KINDS, data, tertiary_plan(data), settings)
    assert [problem.describe() for problem in problems] == []


def test_docgen_s_own_template_edited_in_place_is_checked_by_a_run(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A centre working from a clone may edit docgen/templates/ itself: the fingerprints
    recorded at build time tell that copy from the one the tests checked."""
    copy = tmp_path / "templates"
    shutil.copytree(packaged_templates(), copy)
    misspell(copy / "convocation.docx", "{{ objet }}", "{{ objet_mal_nomme }}")
    monkeypatch.setattr("docgen.template_files.packaged_templates", lambda: copy)
    packaged_fingerprints.cache_clear()
    try:
        checked = check_session(EXAMPLE, settings)
        with pytest.raises(TemplateError, match="objet_mal_nomme"):
            ensure_templates_usable(KINDS, checked.data, checked.plan, settings)
    finally:
        packaged_fingerprints.cache_clear()


def test_a_run_does_not_check_docgen_s_own_templates_again(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[Path] = []
    monkeypatch.setattr(
        "docgen.documents.kinds.check_template", lambda path, samples: checked.append(path) or []
    )
    data = check_session(EXAMPLE, settings)
    ensure_templates_usable(KINDS, data.data, data.plan, settings)
    assert checked == []
