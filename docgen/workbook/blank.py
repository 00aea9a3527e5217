"""A blank session workbook (`docgen init`): every sheet and column the loader reads, with help.

Each header carries an input message saying what the column holds; choice columns get a drop-down
list; dates, times and codes get the cell format that keeps them as typed (a postal code keeps its
leading zero). `--depuis` carries over what a previous session of the same title can reuse.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from docgen.model import EquipmentState, JurorResponse
from docgen.workbook import candidates, cells, jurors, logistics, moments, session_sheet
from docgen.workbook.guide import GUIDE, SHEET_PURPOSE, ColumnHelp
from docgen.workbook.headers import canonical_sheets, find_header_row, label_keys
from docgen.workbook.raw import RawSheet
from docgen.workbook.table import Column

CellValue = str | int | float | bool | datetime | date | time | None
HELP_SHEET = "Aide"
TABLE_ROWS = 500  # rows prepared with drop-downs and formats below each header
SESSION_HEADERS = ("Champ", "Valeur")

TABLES: tuple[tuple[str, Sequence[Column[Any]]], ...] = (
    ("Candidats", candidates.COLUMNS),
    ("Jurys", jurors.COLUMNS),
    ("Déroulé", logistics.STEP_COLUMNS),
    ("Matériel", logistics.EQUIPMENT_COLUMNS),
    ("Salles", logistics.ROOM_COLUMNS),
    ("À apporter", (logistics.ITEM,)),
)
SHEETS: tuple[tuple[str, Sequence[Column[Any]]], ...] = (
    ("Session", session_sheet.FIELDS),
    *TABLES,
)

# What a new session of the same title reuses from the previous one (--depuis).
CARRIED_SHEETS = ("Jurys", "Déroulé", "Matériel", "Salles", "À apporter")
STABLE_SESSION_FIELDS = frozenset(
    {
        "Intitulé du titre",
        "Code du titre",
        "Type de session",
        "Centre",
        "Adresse du centre",
        "Code postal",
        "Ville",
        "Lieu des épreuves",
        "Heure d'ouverture",
        "Début de journée",
        "Fin de journée",
        "Pause déjeuner",
        "Marge d'arrivée",
        "Attente maximale",
        "Jours maximum par juré",
        "Heures maximum par juré et par jour",
        "Responsable de session",
        "Téléphone du responsable",
        "Email du responsable",
        "Fin de validité du titre",
    }
)
# Per session, never carried: the juror's answer, availability and links to old candidates;
# the equipment's state and check date.
RESET: Mapping[str, Mapping[str, object]] = {
    "Jurys": {
        "Réponse": JurorResponse.EN_ATTENTE.value,
        "Disponibilités": None,
        "Liens déclarés": None,
    },
    "Matériel": {"État": EquipmentState.A_VERIFIER.value, "Vérifié le": None},
}

_DATE_FORMAT = "DD/MM/YYYY"
_TIME_FORMAT = "HH:MM"
_TEXT_FORMAT = "@"
_AS_TYPED: frozenset[Callable[[object], object]] = frozenset(
    {
        cells.text,
        cells.postal_code,
        cells.session_postal_code,
        cells.phone,
        cells.siret,
        cells.siret_list,
        cells.text_list,
        cells.positional_list,
        moments.time_span,
        moments.available_days,
    }
)
_HELP_WIDTHS = (36, 12, 70, 34, 40)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_BOLD = Font(bold=True)


def number_format(column: Column[Any]) -> str | None:
    """The cell format that keeps what is typed in this column readable by docgen."""
    if getattr(column.parse, "__name__", "").endswith("_date"):  # calendar_date, session_date…
        return _DATE_FORMAT
    if column.parse is moments.time_of_day:
        return _TIME_FORMAT
    if column.parse in _AS_TYPED:
        return _TEXT_FORMAT  # a postal code, a SIRET or a list stays text: no lost zero
    return None


def column_help(sheet: str, column: Column[Any]) -> ColumnHelp:
    """The guide's entry for a column; the bare header when the guide lacks it."""
    return GUIDE.get(sheet, {}).get(column.header, ColumnHelp(column.header))


def is_required(sheet: str, column: Column[Any]) -> bool:
    """Required by the loader, or by a rule that reports it missing."""
    return column.required or column_help(sheet, column).needed


@dataclass(frozen=True)
class PreviousSession:
    """What a new session carries over from a previous one, by canonical header."""

    session: Mapping[str, object] = field(default_factory=dict)
    tables: Mapping[str, tuple[Mapping[str, object], ...]] = field(default_factory=dict)


def carried_over(sheets: Sequence[RawSheet]) -> PreviousSession:
    """The reusable part of a previous session's workbook, already reset for a new session."""
    by_title = {sheet.title: sheet for sheet in sheets}
    found = {name: by_title[title] for name, title in canonical_sheets(list(by_title)).items()}
    session: dict[str, object] = {}
    if "Session" in found:
        lookup = {
            key: column.header
            for column in session_sheet.FIELDS
            for spelling in column.spellings
            for key in label_keys(spelling)
        }
        for _, row in found["Session"].rows:
            name = row[0] if row else None
            if not isinstance(name, str) or len(row) < 2:
                continue
            header = next((lookup[key] for key in label_keys(name) if key in lookup), None)
            if header in STABLE_SESSION_FIELDS and header not in session:
                session[header] = row[1]
    tables: dict[str, tuple[Mapping[str, object], ...]] = {}
    for name, columns in TABLES:
        if name in CARRIED_SHEETS and name in found:
            tables[name] = _records(found[name], columns, RESET.get(name, {}))
    return PreviousSession(session, tables)


def _records(
    sheet: RawSheet, columns: Sequence[Column[Any]], reset: Mapping[str, object]
) -> tuple[Mapping[str, object], ...]:
    header = find_header_row(sheet, {column.header: column.spellings for column in columns})
    if header is None:
        return ()
    records = []
    for row_number, row in sheet.rows:
        if row_number <= header.row:
            continue
        values = {name: sheet.value(row, index) for name, index in header.positions.items()}
        if all(cells.is_blank(value) for value in values.values()):
            continue
        records.append({**values, **{name: value for name, value in reset.items()}})
    return tuple(records)


def blank_workbook(previous: PreviousSession | None = None) -> Workbook:
    """The new session workbook: help sheet first, then every sheet of the contract."""
    previous = previous or PreviousSession()
    workbook = Workbook()
    help_sheet = workbook.active
    assert help_sheet is not None  # a fresh workbook always has its first sheet
    help_sheet.title = HELP_SHEET
    _fill_help(help_sheet)
    _fill_session(workbook.create_sheet("Session"), previous.session)
    for name, columns in TABLES:
        _fill_table(workbook.create_sheet(name), name, columns, previous.tables.get(name, ()))
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _prompt(sheet: str, column: Column[Any]) -> DataValidation:
    """An input message (no restriction) explaining the column, shown when its cell is selected."""
    help_ = column_help(sheet, column)
    text = help_.meaning + (" Obligatoire." if is_required(sheet, column) else " Facultatif.")
    if help_.example:
        text += f" Ex. : {help_.example}"
    return DataValidation(
        showInputMessage=True,
        promptTitle=column.header[:32],  # Excel's limit for the title
        prompt=text[:255],  # and for the message
    )


def _choices(sheet: str, column: Column[Any]) -> DataValidation | None:
    """A drop-down list for a choice column. Other spellings docgen accepts stay possible:
    Excel only warns, and `docgen check` says what it cannot read."""
    choices = column_help(sheet, column).choices
    if not choices:
        return None
    listed = ", ".join(choices)
    return DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showDropDown=False,  # (sic) False shows the arrow
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=column.header[:32],
        error=f"Valeurs attendues : {listed}."[:255],
        showInputMessage=True,
        promptTitle=column.header[:32],
        prompt=f"Choisissez dans la liste : {listed}."[:255],
    )


def _style_header(cell: Any) -> None:
    cell.font = _BOLD
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(vertical="center", wrap_text=True)


def _fill_session(sheet: Worksheet, values: Mapping[str, object]) -> None:
    sheet.append(list(SESSION_HEADERS))
    for cell in sheet[1]:
        _style_header(cell)
    for row, column in enumerate(session_sheet.FIELDS, start=2):
        sheet.cell(row, 1, column.header).font = _BOLD if is_required("Session", column) else Font()
        value_cell = sheet.cell(row, 2, _cell_value(values.get(column.header)))
        if (shape := number_format(column)) is not None:
            value_cell.number_format = shape
        prompt = _prompt("Session", column)
        sheet.add_data_validation(prompt)
        prompt.add(f"A{row}")
        choices = _choices("Session", column)
        if choices is not None:
            sheet.add_data_validation(choices)
            choices.add(f"B{row}")
        else:
            prompt.add(f"B{row}")
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 38
    sheet.column_dimensions["B"].width = 45


def _fill_table(
    sheet: Worksheet,
    name: str,
    columns: Sequence[Column[Any]],
    records: Sequence[Mapping[str, object]],
) -> None:
    sheet.append([column.header for column in columns])
    for record in records:
        sheet.append([_cell_value(record.get(column.header)) for column in columns])
    last = max(TABLE_ROWS, len(records) + 1)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        _style_header(sheet.cell(1, index))
        prompt = _prompt(name, column)
        sheet.add_data_validation(prompt)
        prompt.add(f"{letter}1")
        choices = _choices(name, column)
        if choices is not None:
            sheet.add_data_validation(choices)
            choices.add(f"{letter}2:{letter}{last}")
        if (shape := number_format(column)) is not None:
            for row in range(2, last + 1):
                sheet.cell(row, index).number_format = shape
        sheet.column_dimensions[letter].width = min(max(len(column.header) + 4, 12), 40)
    sheet.freeze_panes = "A2"


def _cell_value(value: object) -> CellValue:
    """A value read from a previous workbook, as openpyxl writes it back."""
    if value is None or isinstance(value, str | int | float | bool | datetime | date | time):
        return value
    return str(value)


def _fill_help(sheet: Worksheet) -> None:
    """The `Aide` sheet: how to fill the workbook, then each sheet's columns with an example."""
    sheet.append(["Classeur de session docgen"])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in (
        "Remplissez une feuille après l'autre ; les en-têtes en gras sont obligatoires.",
        "Cliquez sur un en-tête pour lire ce qu'il attend ; les listes déroulantes donnent les "
        "valeurs possibles.",
        "Dates : 15/03/2027 · heures : 8h30 · durées : 90 ou 1h30 · listes : séparées par « ; ».",
        "Vérifiez ensuite : docgen check inputs/<session> (le détail est dans docs/classeur.md).",
        "Cette feuille Aide peut rester : docgen l'ignore.",
    ):
        sheet.append([line])
    for name, columns in SHEETS:
        sheet.append([])
        sheet.append([f"Feuille {name}"])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        sheet.append([SHEET_PURPOSE.get(name, "")])
        sheet.append(["Colonne", "Obligatoire", "Signification", "Exemple", "Valeurs possibles"])
        for cell in sheet[sheet.max_row]:
            _style_header(cell)
        for column in columns:
            help_ = column_help(name, column)
            sheet.append(
                [
                    column.header,
                    "oui" if is_required(name, column) else "non",
                    help_.meaning,
                    help_.example,
                    ", ".join(help_.choices),
                ]
            )
    sheet.page_setup.orientation = "landscape"  # printed, the help fits the page's width
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    widths = dict(zip("ABCDE", _HELP_WIDTHS, strict=True))
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        if row[0].value is None or not any(cell.value for cell in row[1:]):
            continue  # a title or a sentence: it runs over the empty cells beside it
        lines = 1
        for letter, cell in zip("ABCDE", row, strict=False):
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            lines = max(lines, -(-len(str(cell.value or "")) // int(widths[letter] * 1.1)))
        sheet.row_dimensions[row[0].row].height = 15 * lines  # wrapped text needs its height
