"""The sheets that describe the exam itself: `Déroulé`, `Matériel`, `Salles` and `À apporter`."""

from __future__ import annotations

from typing import Literal

from docgen.findings import Finding
from docgen.model import DEFAULT_ITEMS_TO_BRING, Equipment, Room, Step
from docgen.workbook import cells, choices, moments
from docgen.workbook.raw import RawSheet
from docgen.workbook.table import Record, optional, read_table, required

ORDER = required("order", "Ordre", cells.whole_number, "N°", "Rang", "Numéro")
STEP_NAME = required("name", "Étape", cells.line, "Intitulé", "Libellé", "Nom de l'étape")
NATURE = required("nature", "Nature", choices.step_nature)
MODE = required("mode", "Mode", choices.step_mode, "Organisation")
DURATION = required("duration_minutes", "Durée", moments.step_duration, "Durée en minutes", "Temps")
ALL_JURORS: Literal["Tous"] = "Tous"


def juror_count(value: object) -> int | Literal["Tous"]:
    """`Jurés`: a whole number, or `Tous` (every juror who evaluated the candidates covered)."""
    if isinstance(value, str) and cells.fold(cells.clean_text(value)) in {"tous", "toutes"}:
        return ALL_JURORS
    try:
        return cells.whole_number(value)
    except cells.CellValueError:
        raise cells.CellValueError("un nombre entier comme 2, ou « Tous »") from None


JURORS = optional(
    "jurors_required", "Jurés", juror_count, 0, "Nombre de jurés", "Nb jurés", "Jurys"
)
STEP_ROOM = optional("room_type", "Salle", choices.room_type, None, "Type de salle")
STEP_CAPACITY = optional(
    "capacity", "Capacité", cells.whole_number, None, "Candidats par groupe", "Taille du groupe"
)
CANDIDATE_PRESENT = optional(
    "candidate_present", "Candidat présent", cells.yes_no, True, "Présence du candidat"
)
DESCRIPTION = optional("description", "Description", cells.text, None, "Commentaire")
STEP_COLUMNS = (
    ORDER,
    STEP_NAME,
    NATURE,
    MODE,
    DURATION,
    JURORS,
    STEP_ROOM,
    STEP_CAPACITY,
    CANDIDATE_PRESENT,
    DESCRIPTION,
)

EQUIPMENT_NAME = required("name", "Équipement", cells.line, "Matériel", "Désignation")
REFERENCE = optional(
    "dte_reference", "Référence DTE", cells.text, None, "Réf DTE", "Réf. DTE", "Référence"
)
REQUIRED_QUANTITY = required(
    "required_quantity", "Quantité requise", cells.whole_number, "Qté requise", "Quantité DTE"
)
PER_CANDIDATE = optional("per_candidate", "Par candidat", cells.yes_no, False)
AVAILABLE_QUANTITY = required(
    "available_quantity", "Quantité disponible", cells.whole_number, "Qté disponible", "Disponible"
)
STATE = required("state", "État", choices.equipment_state)
CHECKED_ON = optional(
    "checked_on", "Vérifié le", moments.session_date, None, "Date de vérification", "Vérifié"
)
EQUIPMENT_STEPS = optional(
    "steps", "Étapes", cells.text_list, (), "Étapes concernées", "Utilisé pour"
)
BROUGHT = optional(
    "brought_by_candidate",
    "À apporter par le candidat",
    cells.yes_no,
    False,
    "À apporter",
    "Apporté par le candidat",
    "Fourni par le candidat",
)
EQUIPMENT_COLUMNS = (
    EQUIPMENT_NAME,
    REFERENCE,
    REQUIRED_QUANTITY,
    PER_CANDIDATE,
    AVAILABLE_QUANTITY,
    STATE,
    CHECKED_ON,
    BROUGHT,
    EQUIPMENT_STEPS,
)

ROOM_NAME = required("name", "Salle", cells.line, "Nom de la salle", "Nom")
ROOM_TYPE = required("room_type", "Type", choices.room_type, "Type de salle")
ROOM_CAPACITY = optional("capacity", "Capacité", cells.whole_number, 1, "Places", "Nb places")
CONFIDENTIAL = optional(
    "confidential", "Confidentielle", cells.yes_no, False, "Confidentiel", "Confidentialité"
)
ROOM_COLUMNS = (ROOM_NAME, ROOM_TYPE, ROOM_CAPACITY, CONFIDENTIAL)

ITEM = required("item", "Élément", cells.line, "Éléments", "À apporter", "Objet")


def read_steps(sheet: RawSheet) -> tuple[tuple[Step, ...], tuple[Finding, ...]]:
    """The déroulé-type, one step per row."""
    table = read_table(sheet, "Déroulé", STEP_COLUMNS)
    steps = tuple(_step(record) for record in table.records)
    return steps, table.findings


def _step(record: Record) -> Step:
    """One déroulé row; `Jurés` = `Tous` counts as a pair wherever a number is needed."""
    jurors = record[JURORS]
    return Step(
        order=record[ORDER],
        name=record[STEP_NAME],
        nature=record[NATURE],
        mode=record[MODE],
        duration_minutes=record[DURATION],
        jurors_required=2 if jurors == ALL_JURORS else jurors,
        all_jurors=jurors == ALL_JURORS,
        room_type=record[STEP_ROOM],
        capacity=record[STEP_CAPACITY],
        candidate_present=record[CANDIDATE_PRESENT],
        description=record[DESCRIPTION],
        origin=record.origin,
    )


def read_equipment(sheet: RawSheet) -> tuple[tuple[Equipment, ...], tuple[Finding, ...]]:
    """The equipment list of the DTE organisateur."""
    table = read_table(sheet, "Matériel", EQUIPMENT_COLUMNS)
    equipment = tuple(
        Equipment(
            name=record[EQUIPMENT_NAME],
            required_quantity=record[REQUIRED_QUANTITY],
            available_quantity=record[AVAILABLE_QUANTITY],
            state=record[STATE],
            dte_reference=record[REFERENCE],
            per_candidate=record[PER_CANDIDATE],
            checked_on=record[CHECKED_ON],
            brought_by_candidate=record[BROUGHT],
            steps=record[EQUIPMENT_STEPS],
            origin=record.origin,
        )
        for record in table.records
    )
    return equipment, table.findings


def read_rooms(sheet: RawSheet) -> tuple[tuple[Room, ...], tuple[Finding, ...]]:
    """The rooms of the centre."""
    table = read_table(sheet, "Salles", ROOM_COLUMNS)
    rooms = tuple(
        Room(
            name=record[ROOM_NAME],
            room_type=record[ROOM_TYPE],
            capacity=record[ROOM_CAPACITY],
            confidential=record[CONFIDENTIAL],
            origin=record.origin,
        )
        for record in table.records
    )
    return rooms, table.findings


def read_items_to_bring(sheet: RawSheet) -> tuple[tuple[str, ...], tuple[Finding, ...]]:
    """What every candidate brings; an empty sheet keeps the defaults (an ID is always needed)."""
    table = read_table(sheet, "À apporter", (ITEM,))
    items = tuple(record[ITEM] for record in table.records)
    return items or DEFAULT_ITEMS_TO_BRING, table.findings
