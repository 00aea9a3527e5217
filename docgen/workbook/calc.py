"""OpenDocument spreadsheets (.ods, LibreOffice's own format) read with python-calamine."""

from __future__ import annotations

import zipfile
from pathlib import Path

import python_calamine
from defusedxml.ElementTree import iterparse

from docgen.errors import InputError
from docgen.workbook.raw import RawSheet, build_sheet

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = frozenset({f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"})
# calamine holds each sheet as a dense grid of its used area: bound it before it is built.
MAX_GRID_CELLS = 2_000_000
_SAVE_AS_XLSX = (
    "ouvrez-le dans LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) », "
    "ou enregistrez-le à nouveau en .ods"
)


def read_calc_sheets(path: Path) -> tuple[RawSheet, ...]:
    """Every sheet of the .ods at `path`; InputError in French when it cannot be read."""
    try:
        cells = _used_area_cells(path)
    except Exception as problem:  # a malformed content.xml, however it fails
        raise _damaged(path) from problem
    if cells > MAX_GRID_CELLS:
        raise InputError(
            f"Le classeur « {path} » s'étend sur plus de {MAX_GRID_CELLS:,} cellules".replace(
                ",", " "
            )
            + " (valeurs répétées à l'infini ou cellules isolées très loin) : supprimez les "
            "lignes et colonnes inutiles, puis relancez."
        )
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            return tuple(_sheet(workbook, name) for name in workbook.sheet_names)
        finally:
            workbook.close()
    except BaseException as problem:  # calamine raises its own errors, or a Rust panic
        if isinstance(problem, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
            raise
        raise _damaged(path) from problem


def _sheet(workbook: python_calamine.CalamineWorkbook, name: str) -> RawSheet:
    rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return build_sheet(
        name,
        {
            number: dict(enumerate(values, start=1))
            for number, values in enumerate(rows, start=1)
            if any(value != "" for value in values)
        },
    )


def _damaged(path: Path) -> InputError:
    return InputError(
        f"Le classeur « {path} » est abîmé : son contenu OpenDocument est illisible : "
        f"{_SAVE_AS_XLSX}, puis relancez."
    )


def _used_area_cells(path: Path) -> int:
    """Cells in the rectangles from A1 to each sheet's last value, repeats counted."""
    total = 0
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        last_row = last_column = row = column = 0
        row_repeat = cell_repeat = 1
        row_has_value = cell_has_value = False
        for event, element in iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_TABLE}table":
                    last_row = last_column = row = 0
                elif tag == f"{_TABLE}table-row":
                    column, row_has_value = 0, False
                    row_repeat = _repeat(element.get(f"{_TABLE}number-rows-repeated"))
                elif tag in _CELLS:
                    cell_repeat = _repeat(element.get(f"{_TABLE}number-columns-repeated"))
                    cell_has_value = element.get(f"{_OFFICE}value-type") is not None
                else:
                    cell_has_value = True
                continue
            if tag in _CELLS:
                column += cell_repeat
                if cell_has_value:
                    last_column, row_has_value = max(last_column, column), True
                cell_has_value = False
            elif tag == f"{_TABLE}table-row":
                row += row_repeat
                if row_has_value:
                    last_row = row
            elif tag == f"{_TABLE}table":
                total += last_row * last_column
            element.clear()
    return total


def _repeat(typed: str | None) -> int:
    return max(1, int(typed)) if typed and typed.isdigit() and len(typed) < 10 else 1
