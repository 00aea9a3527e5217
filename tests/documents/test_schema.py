"""Word reads what docgen writes: every part of every template and generated .docx is valid
against the ISO/IEC 29500 Transitional schemas."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from benchmarks.synthetic import synthetic_session, workbook_rows
from docgen.documents.kinds import KINDS
from docgen.model import SessionData
from docgen.pipeline import check_session
from docgen.settings import Settings
from tests.documents.conftest import ROOT
from tests.factory import write_workbook
from tests.ooxml import violations

TEMPLATES = ROOT / "docgen" / "templates"
EXAMPLE = ROOT / "inputs" / "exemple"
HOSTILE = 'Ægir-Øyvind & <Fils> "l\'Ancien" ]]> {{ nom }} {% if %} ' + "Très-Long-Nom-Composé " * 12


def generated(session: Path, as_of: date) -> dict[str, bytes]:
    """Every .docx the session produces (all kinds), rendered as `docgen all` does."""
    settings = Settings(as_of=as_of)
    checked = check_session(session, settings)
    assert checked.plan is not None, [f.message for f in checked.findings if f.is_error]
    files: dict[str, bytes] = {}
    for kind in KINDS:
        files.update(kind.render(checked.data, checked.plan, settings, None))
    return {name: content for name, content in files.items() if name.endswith(".docx")}


def hostile(data: SessionData) -> SessionData:
    """The same session with long names full of XML and Jinja specials, in every text field."""
    assert data.session is not None
    candidates = tuple(
        replace(c, birth_name=f"{HOSTILE}{n}", first_name=f"Marie-{HOSTILE[:40]}", city=HOSTILE)
        for n, c in enumerate(data.candidates)
    )
    jurors = tuple(replace(j, last_name=f"{HOSTILE}{n}") for n, j in enumerate(data.jurors))
    session = replace(data.session, centre=HOSTILE, title=HOSTILE[:120], manager=HOSTILE[:60])
    return replace(data, session=session, candidates=candidates, jurors=jurors)


def written(folder: Path, data: SessionData) -> Path:
    write_workbook(folder / "session.xlsx", workbook_rows(data))
    return folder


def assert_valid(files: dict[str, bytes]) -> None:
    found = [problem for name, content in files.items() for problem in violations(name, content)]
    assert found == [], "\n".join(found[:20])


@pytest.mark.parametrize("template", sorted(path.name for path in TEMPLATES.glob("*.docx")))
def test_every_template_is_schema_valid(template: str) -> None:
    assert_valid({template: (TEMPLATES / template).read_bytes()})


def test_every_document_of_the_example_is_schema_valid() -> None:
    files = generated(EXAMPLE, date(2027, 1, 11))
    assert len(files) > 20
    assert_valid(files)


def test_every_document_of_a_24_candidate_session_is_schema_valid(tmp_path: Path) -> None:
    data, days = synthetic_session(24, 3, 8, 2, 3)
    files = generated(written(tmp_path, data), days[0].replace(year=days[0].year - 1))
    assert sum(name.startswith("convocations/") for name in files) == 24
    assert_valid(files)


def test_every_document_of_a_hostile_names_session_is_schema_valid(tmp_path: Path) -> None:
    data, days = synthetic_session(6, 2, 6, 1, 2)
    files = generated(written(tmp_path, hostile(data)), days[0].replace(year=days[0].year - 1))
    assert sum(name.startswith("convocations/") for name in files) == 6
    assert_valid(files)


def test_a_violation_names_the_document_the_part_the_element_and_the_line() -> None:
    content = (TEMPLATES / "convocation.docx").read_bytes()
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as broken:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/settings.xml":
                data = data.replace(b'w:percent="100"', b"")
            broken.writestr(name, data)
    [problem] = violations("convocation.docx", out.getvalue())
    assert problem.startswith("convocation.docx: word/settings.xml, ligne 2, /w:settings/w:zoom")
    assert "percent" in problem
