"""The `Session` sheet: one `Champ`/`Valeur` pair per row describing the whole session."""

from __future__ import annotations

from datetime import time
from typing import Any

from openpyxl.utils import get_column_letter

from docgen.findings import Finding, Location, error
from docgen.model import Origin, Session
from docgen.workbook import cells, choices, moments
from docgen.workbook.cells import is_blank
from docgen.workbook.headers import find_header_row, label_keys, unknown_label_finding
from docgen.workbook.raw import RawSheet
from docgen.workbook.table import Column, optional, read_cell, required

SHEET = "Session"

TITLE = required("title", "Intitulé du titre", cells.line, "Intitulé", "Titre professionnel")
TITLE_CODE = optional("title_code", "Code du titre", cells.line, None, "Code RNCP", "Code TP")
SESSION_TYPE = required("session_type", "Type de session", choices.session_type, "Type")
CERES_NUMBER = optional(
    "ceres_number",
    "N° de session CERES",
    cells.line,
    None,
    "Numéro de session CERES",
    "N° session CERES",
    "N° CERES",
    "N° de session",
)
CENTRE = required("centre", "Centre", cells.line, "Nom du centre", "Centre agréé")
CENTRE_ADDRESS = required("centre_address", "Adresse du centre", cells.text, "Adresse")
POSTAL_CODE = required("postal_code", "Code postal", cells.session_postal_code, "CP")
CITY = required("city", "Ville", cells.line, "Commune")
EXAM_PLACE = optional("exam_place", "Lieu des épreuves", cells.text, None, "Lieu")
START = required("start", "Date de début", moments.session_date, "Début des épreuves", "Début")
END = required("end", "Date de fin", moments.session_date, "Fin des épreuves", "Fin")
OPENING = required(
    "opening_time", "Heure d'ouverture", moments.time_of_day, "Heure d'ouverture de la session"
)
DAY_START = optional("day_start", "Début de journée", moments.time_of_day, time(8, 30))
DAY_END = optional("day_end", "Fin de journée", moments.time_of_day, time(17, 30))
LUNCH = optional("lunch", "Pause déjeuner", moments.time_span, (time(12), time(13)), "Déjeuner")
ARRIVAL_MARGIN = optional(
    "arrival_margin_minutes", "Marge d'arrivée", moments.duration_minutes, 15, "Marge d'accueil"
)
MAX_WAIT = optional(
    "max_wait_minutes", "Attente maximale", moments.duration_minutes, 60, "Attente max"
)
MAX_JUROR_DAYS = optional(
    "max_days_per_juror", "Jours maximum par juré", cells.whole_number, None, "Jours max par juré"
)


def hours_of_work(value: object) -> int:
    """A daily amount of work in minutes: a bare number is hours (`7` is 7 h), or `6h30`."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 24:
        return round(value * 60)
    if (
        isinstance(value, str)
        and cells.clean_text(value).replace(",", ".").replace(".", "", 1).isdigit()
    ):
        hours = float(cells.clean_text(value).replace(",", "."))
        if 0 < hours <= 24:
            return round(hours * 60)
    return moments.duration_minutes(value)


MAX_JUROR_DAY = optional(
    "max_juror_day_minutes",
    "Heures maximum par juré et par jour",
    hours_of_work,
    420,
    "Heures max par juré et par jour",
)
EXPECTED = required(
    "expected_candidates", "Candidats prévus", cells.whole_number, "Nombre de candidats"
)
MANAGER = optional("manager", "Responsable de session", cells.line, None, "Responsable")
MANAGER_PHONE = optional(
    "manager_phone", "Téléphone du responsable", cells.phone, None, "Tél. du responsable"
)
MANAGER_EMAIL = optional(
    "manager_email", "Email du responsable", cells.email, None, "E-mail du responsable"
)
PLI_ORDERED = optional(
    "pli_ordered", "Date de commande du pli", moments.session_date, None, "Commande du pli"
)
PLI_RECEIVED = optional(
    "pli_received", "Date de réception du pli", moments.session_date, None, "Réception du pli"
)
CONVOCATIONS = optional(
    "convocations_validated",
    "Date de validation des convocations",
    moments.session_date,
    None,
    "Validation des convocations",
)
INVITATIONS = optional(
    "invitations_sent",
    "Date d'envoi des invitations",
    moments.session_date,
    None,
    "Envoi des invitations",
)
VALIDITY = optional(
    "title_validity_end",
    "Fin de validité du titre",
    moments.session_date,
    None,
    "Validité du titre",
)
FIELDS: tuple[Column[Any], ...] = (
    TITLE,
    TITLE_CODE,
    SESSION_TYPE,
    CERES_NUMBER,
    CENTRE,
    CENTRE_ADDRESS,
    POSTAL_CODE,
    CITY,
    EXAM_PLACE,
    START,
    END,
    OPENING,
    DAY_START,
    DAY_END,
    LUNCH,
    ARRIVAL_MARGIN,
    MAX_WAIT,
    MAX_JUROR_DAYS,
    MAX_JUROR_DAY,
    EXPECTED,
    MANAGER,
    MANAGER_PHONE,
    MANAGER_EMAIL,
    PLI_ORDERED,
    PLI_RECEIVED,
    CONVOCATIONS,
    INVITATIONS,
    VALIDITY,
)
_HEADERS = {"Champ": ("Champ", "Champs", "Rubrique"), "Valeur": ("Valeur", "Valeurs")}


def read_session(sheet: RawSheet) -> tuple[Session | None, tuple[Finding, ...]]:
    """The session, or None (with findings) when a required value is missing or unreadable."""
    lookup = {
        key: field
        for field in FIELDS
        for spelling in field.spellings
        for key in label_keys(spelling)
    }
    header = find_header_row(sheet, _HEADERS)
    if header is not None and set(header.positions) == set(_HEADERS):
        first_row, name_index, value_index = (
            header.row + 1,
            header.positions["Champ"],
            header.positions["Valeur"],
        )
    elif any(_field_of(row, 0, lookup) for _, row in sheet.rows):
        first_row, name_index, value_index = 1, 0, 1
    else:
        return None, tuple(
            error(
                "missing-column",
                f"Colonne « {name} » introuvable : la feuille Session a deux colonnes, "
                "« Champ » (le nom de l'information) et « Valeur ».",
                Location(SHEET, header.row if header else None),
            )
            for name in _HEADERS
            if header is None or name not in header.positions
        )
    letter = get_column_letter(value_index + 1)
    values: dict[Column[Any], Any] = {}
    cells_read: list[tuple[str, str, int]] = []
    findings: list[Finding] = []
    unreadable: set[Column[Any]] = set()
    complete = True
    for row_number, row in sheet.rows:
        if row_number < first_row:
            continue
        field = _field_of(row, name_index, lookup)
        if field is None:
            findings.extend(_unknown_field(row, row_number, name_index, value_index))
            continue
        if field in values:
            continue
        location = Location(SHEET, row_number, letter)
        read = read_cell(field, sheet.value(row, value_index), location)
        values[field] = read.value
        complete = complete and read.readable
        names = ("lunch_start", "lunch_end") if field is LUNCH else (field.field,)
        cells_read.extend((name, letter, row_number) for name in names)
        if read.finding:
            findings.append(read.finding)
            unreadable.add(field)
    for field in FIELDS:
        if field.required and field not in values:
            complete = False
            findings.append(_absent(field))
    origin = Origin(SHEET, None, tuple(cells_read))
    if values.get(MANAGER_PHONE) is None and MANAGER_PHONE not in unreadable:
        findings.append(_phone_missing(origin))
    if not complete:
        return None, tuple(findings)
    return _session(values, origin), tuple(findings)


def _field_of(
    row: tuple[object, ...], index: int, lookup: dict[str, Column[Any]]
) -> Column[Any] | None:
    name = row[index] if index < len(row) else None
    if not isinstance(name, str):
        return None
    return next((lookup[key] for key in label_keys(name) if key in lookup), None)


def _unknown_field(
    row: tuple[object, ...], row_number: int, name_index: int, value_index: int
) -> list[Finding]:
    """`unknown-column` for a filled row whose field docgen does not know: its value is lost."""
    name = row[name_index] if name_index < len(row) else None
    value = row[value_index] if value_index < len(row) else None
    if is_blank(name) or is_blank(value) or _is_value_header(value):
        return []
    labels = {field.header: field.spellings for field in FIELDS}
    location = Location(SHEET, row_number, get_column_letter(name_index + 1))
    return [unknown_label_finding(name, labels, location, field=True)]


def _is_value_header(value: object) -> bool:
    """The `Valeur` header of a table whose `Champ` header was retyped: not a field."""
    spellings = {key for spelling in _HEADERS["Valeur"] for key in label_keys(spelling)}
    return isinstance(value, str) and bool(spellings & set(label_keys(value)))


def _absent(field: Column[Any]) -> Finding:
    return error(
        "missing-value",
        f"Le champ « {field.header} » manque dans la feuille Session : ajoutez une ligne "
        f"« {field.header} » avec sa valeur.",
        Location(SHEET),
    )


def _phone_missing(origin: Origin) -> Finding:
    location = origin.locate("manager_phone")
    return error(
        "missing-value",
        f"« {MANAGER_PHONE.header} » est vide : candidats et jurés doivent pouvoir joindre "
        "le responsable de session.",
        location if location.row is not None else Location(SHEET),
    )


def _session(values: dict[Column[Any], Any], origin: Origin) -> Session:
    def get(field: Column[Any]) -> Any:
        return values.get(field, field.default)

    lunch_start, lunch_end = get(LUNCH)
    return Session(
        title=get(TITLE),
        session_type=get(SESSION_TYPE),
        centre=get(CENTRE),
        centre_address=get(CENTRE_ADDRESS),
        postal_code=get(POSTAL_CODE),
        city=get(CITY),
        start=get(START),
        end=get(END),
        opening_time=get(OPENING),
        expected_candidates=get(EXPECTED),
        manager=get(MANAGER),
        manager_phone=get(MANAGER_PHONE),
        title_code=get(TITLE_CODE),
        ceres_number=get(CERES_NUMBER),
        exam_place=get(EXAM_PLACE),
        day_start=get(DAY_START),
        day_end=get(DAY_END),
        lunch_start=lunch_start,
        lunch_end=lunch_end,
        arrival_margin_minutes=get(ARRIVAL_MARGIN),
        max_wait_minutes=get(MAX_WAIT),
        max_days_per_juror=get(MAX_JUROR_DAYS),
        max_juror_day_minutes=get(MAX_JUROR_DAY),
        manager_email=get(MANAGER_EMAIL),
        pli_ordered=get(PLI_ORDERED),
        pli_received=get(PLI_RECEIVED),
        convocations_validated=get(CONVOCATIONS),
        invitations_sent=get(INVITATIONS),
        title_validity_end=get(VALIDITY),
        origin=origin,
    )
