"""Extra time on the example: DIALLO (33 %) gets it on every épreuve, collective ones included,
with the lunch break shown apart, and the public déroulé never shows it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from docgen.documents.convocation import convocation_context
from docgen.documents.deroule_grid import public_slots
from docgen.french import duration
from docgen.model import StepMode
from docgen.pipeline import check_session
from docgen.settings import Settings
from tests.documents.conftest import ROOT

EXAMPLE = ROOT / "inputs" / "exemple"
SETTINGS = Settings(as_of=date(2027, 1, 11))


def _rows_by_step(number: str) -> dict[str, dict[str, str]]:
    checked = check_session(Path(EXAMPLE), SETTINGS)
    candidate = next(c for c in checked.data.candidates if c.number == number)
    context = convocation_context(checked.data, candidate, checked.plan, SETTINGS)
    return {row["name"]: row for day in context["days"] for row in day["rows"]}


def test_the_extra_time_candidate_has_it_on_the_collective_epreuves_too() -> None:
    diallo = _rows_by_step("2270148")  # 33 %
    bernard = _rows_by_step("2270145")  # no extra time
    msp, questionnaire = "Mise en situation professionnelle", "Questionnaire professionnel"
    # The example's MSP lasts 3 h and the questionnaire 45 min: 33 % more is 4 h and 1 h.
    assert bernard[msp]["duration"] == duration(180)
    assert diallo[msp]["duration"] == duration(240)
    assert bernard[questionnaire]["duration"] == duration(45)
    assert diallo[questionnaire]["duration"] == duration(60)
    assert diallo["Entretien technique"]["duration"] == duration(54)
    # Temps cachés keep their length.
    assert diallo["Accueil"]["duration"] == bernard["Accueil"]["duration"]
    # The MSP runs across lunch: the break is shown apart and not counted.
    assert "puis 13" in diallo[msp]["hours"]
    assert "pause déjeuner non comptée" in diallo[msp]["hours"]


def test_the_public_deroule_shows_one_end_per_sitting_and_standard_interviews() -> None:
    checked = check_session(Path(EXAMPLE), SETTINGS)
    assert checked.plan is not None
    shown = public_slots(checked.plan.slots)
    for slot in shown:
        if slot.step.mode is StepMode.INDIVIDUEL and slot.step.is_epreuve:
            assert slot.end - slot.start <= timedelta(minutes=slot.step.duration_minutes)
    # DIALLO's MSP sitting is one block with the whole group, never a line of its own.
    sittings = [s for s in shown if s.step.name == "Mise en situation professionnelle"]
    assert any("2270148" in s.candidates for s in sittings)
    assert all(len(s.candidates) > 1 for s in sittings)
