"""The on-the-day sheets: émargement per half-day, equipment and rooms checklist, PV des plis."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

from docx import Document

from docgen.documents.attendance import AFTERNOON, MORNING, half_days
from docgen.documents.sheets import CHECKLIST_FILE, PV_FILE, render_sheets
from docgen.model import Equipment, EquipmentState, Room, RoomType
from docgen.pipeline import check_session
from docgen.planning.plan import Plan
from docgen.settings import Settings
from tests.documents.conftest import (
    ROOT,
    at,
    docx_text,
    make_candidate,
    make_data,
    make_plan,
    xml_parts,
)
from tests.libreoffice import convert_to_pdf, needs_libreoffice

EXAMPLE = ROOT / "inputs" / "exemple"
HOSTILE = 'Soudure & Fils <SARL> "Ateliers" l\'Étoile 🔥'


def tables(content: bytes) -> list[list[list[str]]]:
    """Each table of the body as rows of cell texts, header row included."""
    document = Document(io.BytesIO(content))
    return [
        [[cell.text.replace("\u00a0", " ") for cell in row.cells] for row in table.rows]
        for table in document.tables
    ]


def people(content: bytes) -> tuple[list[str], list[str]]:
    """The candidate numbers and the juror names an émargement sheet lists."""
    found = tables(content)
    candidates = [row[0] for row in found[0][1:]] if found else []
    jurors = [row[0] for row in found[1][1:]] if len(found) > 1 else []
    return candidates, jurors


def emargements(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: content for name, content in files.items() if "emargement_" in name}


def test_one_emargement_per_half_day_with_people_listing_exactly_them(
    settings: Settings,
) -> None:
    files = render_sheets(make_data(make_candidate()), make_plan(), settings)
    sheets = emargements(files)
    # Day 17 has no slot and no afternoon has one: no sheet for them.
    assert sorted(sheets) == [
        "feuilles/emargement_2027-03-15_matin.docx",
        "feuilles/emargement_2027-03-16_matin.docx",
    ]
    first = sheets["feuilles/emargement_2027-03-15_matin.docx"]
    assert people(first) == (["2245403"], ["A", "B"])
    candidates = tables(first)[0]
    assert candidates[0] == [
        "N° candidat",
        "Nom Prénom",
        "Arrivée prévue",
        "Heure d'arrivée",
        "Signature",
        "Absent",
    ]
    assert candidates[1][:3] == ["2245403", "LEFÈVRE Hélène", "8 h 00"]
    assert candidates[1][5] == "☐"
    assert tables(first)[1][1][:2] == ["A", "Jury J1"]
    text = docx_text(first)
    assert "Feuille d'émargement – Lundi 15 mars 2027 – Matin" in text
    second = sheets["feuilles/emargement_2027-03-16_matin.docx"]
    # The interview starts at 9 h 00: expected 15 minutes before, as on the convocation.
    assert tables(second)[0][1][2] == "8 h 45"


def test_a_slot_over_lunch_puts_people_on_both_half_days(settings: Settings) -> None:
    data = make_data(make_candidate())
    assert data.session is not None
    long_interview = replace(make_plan().slots[2], start=at(16, 11), end=at(16, 14))
    plan = Plan(
        days=(date(2027, 3, 16),),
        slots=(long_interview,),
        jury_pairs=make_plan().jury_pairs,
        assignment=(("2245403", "J1"),),
        lower_bound_pairs=1,
    )
    halves = half_days(plan, data.session)
    assert [(half.day, half.part) for half in halves] == [
        (date(2027, 3, 16), MORNING),
        (date(2027, 3, 16), AFTERNOON),
    ]
    files = emargements(render_sheets(data, plan, settings))
    afternoon = files["feuilles/emargement_2027-03-16_apres-midi.docx"]
    assert people(afternoon) == (["2245403"], ["A", "B"])
    assert tables(afternoon)[0][1][2] == "13 h 00"  # back from lunch, not before it ends


def test_the_example_sheets_list_who_comes_each_half_day() -> None:
    settings = Settings(as_of=date(2027, 1, 11))
    checked = check_session(EXAMPLE, settings)
    files = render_sheets(checked.data, checked.plan, settings)
    sheets = emargements(files)
    plan = checked.plan
    assert plan is not None
    half_days_with_people = {
        (slot.start.date(), "matin" if slot.start.hour < 12 else "apres-midi")
        for slot in plan.slots
    }
    assert len(sheets) == len(half_days_with_people)
    opening = people(sheets["feuilles/emargement_2027-03-15_matin.docx"])
    first_morning = {
        n
        for slot in plan.slots
        if slot.start.date() == plan.days[0] and slot.start.hour < 12
        for n in slot.candidates
        if slot.step.candidate_present
    }
    # Only day 1's candidates come to the opening: the others come on their own day.
    assert sorted(opening[0]) == sorted(first_morning)
    assert len(first_morning) < len(checked.data.candidates)
    last_day = max(plan.days)
    last_name = max(name for name in sheets if last_day.isoformat() in name)
    last = people(sheets[last_name])
    last_half = [
        slot
        for slot in plan.slots
        if slot.start.date() == last_day and ("matin" in last_name) == (slot.start.hour < 12)
    ]
    expected = {n for slot in last_half if slot.step.candidate_present for n in slot.candidates}
    assert sorted(last[0]) == sorted(expected)
    assert sorted(last[1]) == sorted({name for slot in last_half for name in slot.jurors})
    names = {candidate.number: candidate.full_name for candidate in checked.data.candidates}
    rows = tables(sheets[last_name])[0][1:]
    assert all(row[1] == names[row[0]] for row in rows)
    assert {CHECKLIST_FILE, PV_FILE} <= set(files)


def test_the_checklist_gives_the_quantity_the_largest_group_needs(settings: Settings) -> None:
    candidates = [make_candidate(number=f"22454{index:02d}") for index in range(8)]
    data = make_data(*candidates)
    data = replace(
        data,
        equipment=(
            *data.equipment,
            Equipment("Meuleuse d'angle", 2, 6, EquipmentState.A_VERIFIER, "DTE-O 2.4", True),
        ),
        rooms=(
            Room("Atelier soudure", RoomType.PLATEAU, 6),
            Room("Salle d'entretien 1", RoomType.ENTRETIEN, 2, confidential=True),
        ),
    )
    content = render_sheets(data, None, settings)[CHECKLIST_FILE]
    equipment, rooms = tables(content)
    by_name = {row[0]: row for row in equipment[1:]}
    # Capacity 6 for 8 candidates: the largest group is 6.
    assert by_name["Poste de soudage MIG/MAG"][2].startswith("1")
    grinder = by_name["Meuleuse d'angle"]
    assert grinder[1] == "DTE-O 2.4"
    assert grinder[2].startswith("12") and "2 × 6 candidats" in grinder[2]
    assert grinder[3] == "6 – insuffisant"
    assert grinder[4].startswith("À vérifier")
    assert "Masque de soudage" not in by_name  # brought by each candidate, checked at the door
    text = docx_text(content)
    assert "Masque de soudage" in text
    assert "À faire au plus tard le lundi 8 mars 2027 :" in text  # D−7, lower case mid-sentence
    by_room = {row[0]: row for row in rooms[1:]}
    assert by_room["Salle d'entretien 1"][1:5] == ["Entretien", "2", "Oui", "☐ oui  ☐ non"]
    assert by_room["Atelier soudure"][4] == "sans objet"


def test_the_pv_holds_the_opening_the_plis_and_the_witness(settings: Settings) -> None:
    content = render_sheets(make_data(make_candidate()), None, settings)[PV_FILE]
    text = docx_text(content)
    for expected in (
        "Procès-verbal d'ouverture des plis",
        "Soudeur assembleur industriel",
        "Session CERES n° 2027-93-0042",
        "du 15 au 17 mars 2027",
        "Ouverture prévue le lundi 15 mars 2027 à 8 h 00",
        "DTE jury",
        "DTE candidat",
        "☐ oui   ☐ non",
        "Sophie Lemaire",
        "Le candidat témoin",
        "Incidents et observations",
    ):
        assert expected in text, expected
    assert [row[0] for row in tables(content)[0]][1:] == [
        "DTE jury\nGrilles d'évaluation et résultats attendus",
        "DTE candidat\nSujets remis aux candidats",
    ]


def test_hostile_values_survive_and_every_part_parses(settings: Settings) -> None:
    candidate = make_candidate(first_name=HOSTILE)
    data = make_data(candidate, centre=HOSTILE, manager=HOSTILE, exam_place=HOSTILE)
    files = render_sheets(data, make_plan(), settings)
    assert len(files) == 4
    for content in files.values():
        for xml in xml_parts(content).values():
            ElementTree.fromstring(xml)  # raises on a broken part
        assert HOSTILE in docx_text(content)


def test_two_renders_are_byte_identical(settings: Settings) -> None:
    data = make_data(make_candidate())
    assert render_sheets(data, make_plan(), settings) == render_sheets(data, make_plan(), settings)


@needs_libreoffice
def test_libreoffice_converts_every_sheet(tmp_path: Path, settings: Settings) -> None:
    files = render_sheets(make_data(make_candidate()), make_plan(), settings)
    pdfs = convert_to_pdf(files, tmp_path)
    assert len(pdfs) == len(files)
    for stem, pdf in pdfs.items():
        assert re.search(rb"/Type\s*/Page[^s]", pdf), stem
