"""Equipment quantity and state, confidential rooms."""

from __future__ import annotations

from dataclasses import replace

from docgen.findings import Severity
from docgen.model import (
    EquipmentState,
    Room,
    RoomType,
    SessionData,
    Step,
    StepMode,
    StepNature,
)
from docgen.rules.resources import (
    equipment_quantity,
    equipment_state,
    equipment_steps,
    largest_group,
    room_confidentiality,
)
from docgen.settings import Settings
from docgen.workbook import load_workbook_file
from tests.conftest import MakeWorkbook
from tests.factory import set_cell, tidy_session_rows


def with_candidates(data: SessionData, count: int) -> SessionData:
    """`count` candidates, copies of the first one under new numbers."""
    first = data.candidates[0]
    candidates = tuple(replace(first, number=f"22454{index:02d}") for index in range(count))
    return replace(data, candidates=candidates)


def with_welding_stations(data: SessionData, available: int) -> SessionData:
    welding, *others = data.equipment
    return replace(data, equipment=(replace(welding, available_quantity=available), *others))


def test_the_largest_group_is_bounded_by_candidates_step_and_room(clean: SessionData) -> None:
    assert largest_group(clean) == 2  # two candidates
    assert largest_group(with_candidates(clean, 9)) == 4  # the MSP's Capacité
    no_capacity = tuple(replace(step, capacity=None) for step in clean.steps)
    assert largest_group(replace(with_candidates(clean, 9), steps=no_capacity)) == 6  # Atelier 1


def test_without_collective_step_one_candidate_at_a_time(clean: SessionData) -> None:
    steps = tuple(step for step in clean.steps if step.mode is not StepMode.COLLECTIF)
    assert largest_group(replace(with_candidates(clean, 9), steps=steps)) == 1


def test_without_candidates_listed_the_expected_count_is_used(clean: SessionData) -> None:
    assert largest_group(replace(clean, candidates=())) == 2


def test_enough_stations_for_the_largest_group(clean: SessionData, settings: Settings) -> None:
    data = with_welding_stations(with_candidates(clean, 9), 4)
    assert list(equipment_quantity(data, settings)) == []


def test_too_few_stations_for_the_largest_group_is_an_error(
    clean: SessionData, settings: Settings
) -> None:
    data = with_welding_stations(with_candidates(clean, 9), 3)
    [finding] = equipment_quantity(data, settings)
    assert finding.code == "equipment-short"
    assert finding.severity is Severity.ERROR
    assert finding.location.cell == "Matériel!E2"
    assert finding.message == (
        "« Poste de soudage MIG » : 3 disponible(s) pour 4 nécessaire(s) (1 par candidat × 4 "
        "candidats à la fois). Complétez le matériel, ou réduisez la capacité de l'épreuve "
        "collective dans la feuille Déroulé."
    )


def test_a_shared_item_needs_only_its_required_quantity(
    clean: SessionData, settings: Settings
) -> None:
    welding, grinder, gloves = clean.equipment
    data = replace(
        with_candidates(clean, 9),
        equipment=(welding, replace(grinder, available_quantity=1), gloves),
    )
    [finding] = equipment_quantity(data, settings)
    assert "« Meuleuse d'angle » : 1 disponible(s) pour 2 nécessaire(s)" in finding.message


def test_items_the_candidate_brings_never_count(clean: SessionData, settings: Settings) -> None:
    # The gloves have 0 available and are « Hors service »: the candidates bring their own.
    welding, grinder, gloves = clean.equipment
    gloves = replace(gloves, state=EquipmentState.HORS_SERVICE)
    data = replace(clean, equipment=(welding, grinder, gloves))
    assert list(equipment_quantity(data, settings)) == []
    assert list(equipment_state(data, settings)) == []


def test_equipment_out_of_order_is_an_error_and_to_check_a_warning(
    clean: SessionData, settings: Settings
) -> None:
    welding, grinder, gloves = clean.equipment
    equipment = (
        replace(welding, state=EquipmentState.HORS_SERVICE),
        replace(grinder, state=EquipmentState.A_VERIFIER),
        gloves,
    )
    out_of_order, to_check = equipment_state(replace(clean, equipment=equipment), settings)
    assert (out_of_order.code, out_of_order.severity) == ("equipment-not-ready", Severity.ERROR)
    assert out_of_order.location.cell == "Matériel!F2"
    assert (to_check.code, to_check.severity) == ("equipment-not-ready", Severity.WARNING)
    assert to_check.location.cell == "Matériel!F3"
    # D−7 before Monday 15 March 2027 is Monday 8 March.
    assert to_check.message == (
        "« Meuleuse d'angle » est à vérifier. Vérifiez qu'il fonctionne au plus tard le lundi "
        "8 mars 2027, puis mettez son état à « Opérationnel » et la date dans « Vérifié le »."
    )


def test_an_interview_room_not_confidential_is_an_error(
    clean: SessionData, settings: Settings
) -> None:
    atelier, bureau = clean.rooms
    data = replace(clean, rooms=(atelier, replace(bureau, confidential=False)))
    [finding] = room_confidentiality(data, settings)
    assert finding.code == "room-not-confidential"
    assert finding.severity is Severity.ERROR
    assert finding.location.cell == "Salles!D3"
    assert finding.message.startswith(
        "La salle « Bureau 2 » (Entretien) accueille des entretiens avec le jury mais n'est pas "
        "marquée confidentielle."
    )


def test_a_room_for_an_individual_step_with_jurors_must_be_confidential(
    clean: SessionData, settings: Settings
) -> None:
    steps = tuple(
        replace(step, room_type=RoomType.INFORMATIQUE) if step.name == "Entretien final" else step
        for step in clean.steps
    )
    rooms = (*clean.rooms, Room("Salle info", RoomType.INFORMATIQUE, 12))
    data = replace(clean, steps=steps, rooms=rooms)
    assert [f.message[:30] for f in room_confidentiality(data, settings)] == [
        "La salle « Salle info » (Infor"
    ]
    # The plateau hosts only the collective MSP: it need not be confidential.
    assert all("Atelier 1" not in f.message for f in room_confidentiality(data, settings))


def with_questionnaire(data: SessionData) -> SessionData:
    """A 12-seat questionnaire on computers, after the MSP on the plateau of 4."""
    questionnaire = Step(
        6, "Questionnaire professionnel", StepNature.EPREUVE, StepMode.COLLECTIF, 60,
        room_type=RoomType.INFORMATIQUE, capacity=12,
    )  # fmt: skip
    room = Room("Salle informatique", RoomType.INFORMATIQUE, 12)
    return replace(data, steps=(*data.steps, questionnaire), rooms=(*data.rooms, room))


def test_stations_are_sized_by_the_steps_that_use_them(
    clean: SessionData, settings: Settings
) -> None:
    # The issue: a 12-seat questionnaire sized the welding stations and blocked every document
    # with a false error. Per-candidate items count on the plateau steps by default.
    data = with_questionnaire(with_welding_stations(with_candidates(clean, 12), 4))
    assert [f.code for f in equipment_quantity(data, settings)] == []


def test_an_item_named_in_etapes_is_sized_by_those_steps(
    clean: SessionData, settings: Settings
) -> None:
    welding, *others = clean.equipment
    computers = replace(
        welding,
        name="Poste informatique",
        available_quantity=8,
        steps=("Questionnaire professionnel",),
    )
    data = with_questionnaire(replace(with_candidates(clean, 12), equipment=(computers, *others)))
    [finding] = equipment_quantity(data, settings)
    assert "« Poste informatique » : 8 disponible(s) pour 12 nécessaire(s)" in finding.message
    by_order = replace(computers, steps=("6",))
    assert list(equipment_quantity(replace(data, equipment=(by_order, *others)), settings))


def test_an_unknown_step_in_etapes_is_reported_at_its_cell(
    make_workbook: MakeWorkbook, settings: Settings
) -> None:
    sheets = tidy_session_rows()
    sheets["Matériel"][0].append("Étapes")
    set_cell(sheets, "Matériel", 0, "Étapes", "Mise en situation profesionelle; 4")
    set_cell(sheets, "Matériel", 1, "Étapes", "Questionnaire professionnel")
    data = load_workbook_file(make_workbook(sheets)).data

    [finding] = equipment_steps(data, settings)

    assert finding.code == "invalid-value"
    assert finding.severity is Severity.ERROR
    assert finding.location.cell == "Matériel!I2"
    assert "« Mise en situation profesionelle » de la colonne Étapes n'existe pas" in (
        finding.message
    )
    assert "Vouliez-vous dire « Mise en situation professionnelle » ?" in finding.message
