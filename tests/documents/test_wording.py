"""Wording a responsable de session would sign: no workshop sentence in a tertiary session's
documents, weekdays in lower case inside sentences."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from docgen.documents import render_convocations
from docgen.documents.kinds import KINDS
from docgen.documents.posters import REGLEMENT_FILE, render_posters
from docgen.model import Equipment, EquipmentState, RoomType, SessionData, Step
from docgen.pipeline import check_session
from docgen.planning.plan import Plan
from docgen.settings import Settings
from tests.documents.conftest import ROOT, docx_text, make_candidate, make_data, make_plan

WORKSHOP_WORDS = ("EPI", "plateau technique", "protection individuelle", "messagerie", "atelier")
"""Compared case-insensitively, except EPI (a word inside others once lower-cased)."""
WEEKDAY_MID_SENTENCE = re.compile(
    r"\b(?:le|du|au|dès le|jusqu'au|avant le|après le)\s+"
    r"(?:Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche)\b"
)


def tertiary(data: SessionData) -> SessionData:
    """A secretarial session: computers, no workshop room, nothing protective to bring."""
    assert data.session is not None
    steps: tuple[Step, ...] = tuple(
        replace(step, room_type=RoomType.ENTRETIEN if step.room_type else None, description="")
        for step in data.steps
    )
    computer = Equipment(
        "Poste informatique (traitement de texte, tableur, messagerie)",
        1,
        6,
        EquipmentState.OPERATIONNEL,
        per_candidate=True,
    )
    return replace(
        data,
        session=replace(data.session, title="Secrétaire assistant"),
        steps=steps,
        equipment=(computer,),
    )


def tertiary_plan(data: SessionData) -> Plan:
    """The hand-written plan, on the tertiary steps and in a computer room."""
    steps = {step.order: step for step in data.steps}
    plan = make_plan()
    slots = tuple(
        replace(slot, step=steps[slot.step.order], room="Salle informatique" if slot.room else None)
        for slot in plan.slots
    )
    return replace(plan, slots=slots)


def test_a_tertiary_session_has_no_workshop_wording(settings: Settings) -> None:
    data = tertiary(make_data(make_candidate()))
    reglement = docx_text(render_posters(data, tertiary_plan(data), settings)[REGLEMENT_FILE])
    convocations = render_convocations(data, tertiary_plan(data), settings)
    [convocation] = [docx_text(c) for n, c in convocations.items() if n.endswith(".docx")]
    for text in (reglement, convocation):
        assert "EPI" not in text
        for word in WORKSHOP_WORDS[1:]:
            assert word not in text.casefold(), word
    assert "Postes informatiques" in reglement
    # The consignes are the template's own text, which the centre edits in Word.
    assert "l'heure de fin de l'épreuve n'est pas reportée" in convocation
    assert "(arrêté du 21 juillet 2016)" in convocation
    assert "n'utilisez que les logiciels" in reglement


def test_a_welding_session_keeps_its_protective_equipment_rule(settings: Settings) -> None:
    reglement = docx_text(
        render_posters(make_data(make_candidate()), make_plan(), settings)[REGLEMENT_FILE]
    )
    assert "Les équipements de protection individuelle (EPI)" in reglement
    assert "obligatoires pour accéder au plateau technique." in reglement
    assert "Postes informatiques" not in reglement


def test_protective_equipment_without_a_plateau_is_required_for_the_epreuves(
    settings: Settings,
) -> None:
    data = make_data(make_candidate())
    steps = tuple(replace(step, room_type=None) for step in data.steps)
    reglement = docx_text(
        render_posters(replace(data, steps=steps), make_plan(), settings)[REGLEMENT_FILE]
    )
    assert "obligatoires pour accéder aux épreuves." in reglement
    assert "plateau technique" not in reglement


def test_no_weekday_takes_a_capital_inside_a_sentence() -> None:
    settings = Settings(as_of=date(2027, 1, 11))
    checked = check_session(ROOT / "inputs" / "exemple", settings)
    found = []
    for kind in KINDS:
        for name, content in kind.render(checked.data, checked.plan, settings, None).items():
            if name.endswith(".docx"):
                found += [
                    f"{name}: {m.group(0)}"
                    for m in WEEKDAY_MID_SENTENCE.finditer(docx_text(content))
                ]
    assert found == []
