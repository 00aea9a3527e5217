"""The example session is valid whatever the run date, and gives one convocation per candidate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from docgen.documents import render_convocations
from docgen.pipeline import check_session
from docgen.settings import Settings
from tests.documents.conftest import ROOT, docx_text

EXAMPLE = ROOT / "inputs" / "exemple"


@pytest.mark.parametrize("as_of", [date(2026, 11, 29), date(2027, 3, 1)])
def test_the_example_has_no_error_on_any_run_date(as_of: date) -> None:
    settings = Settings(as_of=as_of)
    checked = check_session(Path(EXAMPLE), settings)
    errors = [finding for finding in checked.findings if finding.is_error]
    assert errors == []
    codes = sorted(finding.code for finding in checked.findings)
    # The juror whose company hosted a candidate; the accepted jurors the plan leaves free,
    # named so that the centre can tell them.
    assert set(codes) == {"conflict-company", "juror-unused"}
    assert len(checked.data.candidates) == 11
    assert len(checked.data.jurors) == 7


def test_once_over_the_example_is_a_past_session() -> None:
    checked = check_session(Path(EXAMPLE), Settings(as_of=date(2027, 6, 1)))
    errors = [
        (finding.code, finding.location.cell) for finding in checked.findings if finding.is_error
    ]
    assert errors == [("session-past", "Session!B12")]


def test_the_example_renders_eleven_convocations() -> None:
    settings = Settings(as_of=date(2027, 1, 11))
    checked = check_session(Path(EXAMPLE), settings)
    files = render_convocations(checked.data, checked.plan, settings)
    assert len([name for name in files if name.endswith(".docx")]) == 11
    assert len([name for name in files if name.endswith(".ics")]) == 11
    text = docx_text(files["convocations/2270148_DIALLO_Mamadou.docx"])
    assert "temps majoré de 33 %" in text
    assert "Masque de soudage (cagoule)" in text
    hand = docx_text(files["convocations/2270150_FERREIRA_Hugo.docx"])
    assert "Remise en main propre contre signature" in hand
    usage = docx_text(files["convocations/2270146_GARCIA_Sarah.docx"])
    assert "Mme GARCIA Sarah" in usage
