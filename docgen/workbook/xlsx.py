"""The sheets of an .xlsx read with openpyxl cell by cell: a damaged cell spoils only itself."""

from __future__ import annotations

import warnings
from typing import Any

import openpyxl
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import ROW_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.xml.functions import iterparse

from docgen.workbook.raw import MAX_ROWS, UNREADABLE, RawSheet, build_sheet


class _CellByCellParser(WorkSheetParser):
    """openpyxl's sheet parser, reading only rows, and marking the cells it cannot convert."""

    def rows(self) -> tuple[dict[int, dict[int, object]], bool]:
        """The cells by row and column, and whether filled rows follow the first MAX_ROWS (then
        left unread: they would take long to read, for nothing)."""
        cells: dict[int, dict[int, object]] = {}
        filled = 0
        for _, element in iterparse(self.source):
            if element.tag != ROW_TAG:
                continue
            if filled >= MAX_ROWS and any(len(cell) for cell in element):
                return cells, True
            number, row = self._row(element)
            cells.setdefault(number, {}).update(row)
            filled += any(value is not None and value != "" for value in row.values())
            element.clear()
        return cells, False

    def _row(self, element: Any) -> tuple[int, dict[int, object]]:
        try:
            self.row_counter = int(float(element.get("r")))
        except (TypeError, ValueError, OverflowError):
            self.row_counter += 1
        self.col_counter = 0
        row: dict[int, object] = {}
        for cell in element:
            column, value = self._cell(cell)
            row[column] = value
        return self.row_counter, row

    def _cell(self, element: Any) -> tuple[int, object]:
        """The cell's column and value; UNREADABLE when openpyxl cannot convert it."""
        try:
            if element.get("t") == "s" and not (element.findtext(VALUE_TAG) or "0").isdigit():
                raise ValueError("a shared string index is a natural number")
            parsed = self.parse_cell(element)
            self.row_counter = parsed["row"] if parsed["row"] > 0 else self.row_counter
            return int(parsed["column"]), parsed["value"]
        except Exception:  # openpyxl raises many types for one malformed cell
            try:
                _, column = coordinate_to_tuple(element.get("r"))
            except Exception:  # no usable reference: the cell after the previous one
                column = self.col_counter + 1
            self.col_counter = column
            return column, UNREADABLE


def read_xlsx_sheets(path: object) -> tuple[RawSheet, ...]:
    """Every worksheet of the .xlsx at `path`; openpyxl's exceptions for a broken file pass."""
    with warnings.catch_warnings():
        # openpyxl warns about Excel features it skips (validation, styles): not for users.
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)  # type: ignore[arg-type]  # a path
        try:
            return tuple(
                _sheet(sheet)
                for sheet in workbook.worksheets
                if isinstance(sheet, ReadOnlyWorksheet)
            )
        finally:
            workbook.close()


class DamagedSheetError(Exception):
    """A worksheet's XML cannot be parsed as a whole (truncated, missing from the archive)."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.title = title


def _sheet(sheet: ReadOnlyWorksheet) -> RawSheet:
    try:
        return _parsed_sheet(sheet)
    except Exception as problem:  # any parse failure of the sheet's XML as a whole
        raise DamagedSheetError(sheet.title) from problem


def _parsed_sheet(sheet: ReadOnlyWorksheet) -> RawSheet:
    workbook: Any = sheet.parent  # openpyxl keeps the reading state on private attributes
    with sheet._get_source() as source:  # type: ignore[attr-defined]  # read-only API, not typed
        parser = _CellByCellParser(
            source,
            sheet._shared_strings,  # type: ignore[attr-defined]  # set by the read-only reader
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        cells, left_out = parser.rows()
        return build_sheet(sheet.title, cells, left_out)
