"""The findings inside Excel: a copy of the workbook with each finding's cell coloured and
commented, and a first sheet `Constats` linking to them. The user's workbook is only read."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from docgen.findings import Finding
from docgen.workbook.headers import canonical_sheets
from docgen.workbook.opening import read_sheets

FINDINGS_SHEET = "Constats"
ANNOTATED_NAME = "session-annote.xlsx"
_ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")  # Excel's « light red » for bad cells
_WARNING_FILL = PatternFill("solid", fgColor="FFD8A8")  # orange
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_LINK_FONT = Font(color="0563C1", underline="single")
_STAMP = (2026, 1, 1, 0, 0, 0)  # zip entry times: a rerun writes the same bytes
_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>")


def annotated_workbook(source: Path, findings: Sequence[Finding]) -> bytes:
    """The annotated copy of the workbook at `source`, as bytes."""
    workbook = _copy_of(source)
    titles = canonical_sheets(workbook.sheetnames)
    listing = workbook.create_sheet(FINDINGS_SHEET, 0)
    _write_header(listing)
    in_error: set[tuple[str, str]] = set()  # cells already red: a warning does not repaint them
    for finding in sorted(findings, key=lambda finding: not finding.is_error):  # errors first
        location = finding.location
        title = titles.get(location.sheet or "", location.sheet)
        target = None
        if title in workbook.sheetnames and location.row is not None:
            target = f"{location.column or 'A'}{location.row}"
            if location.column is not None:
                cell = _anchor(workbook[title], target)
                _mark(cell, finding, repaint=(title, cell.coordinate) not in in_error)
                if finding.is_error:
                    in_error.add((title, cell.coordinate))
        _list(listing, finding, title, target)
    workbook.active = 0
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == FINDINGS_SHEET
    out = io.BytesIO()
    workbook.save(out)
    return _stable(out.getvalue())


def _copy_of(source: Path) -> Workbook:
    """The workbook to annotate: the .xlsx itself with its formatting (docgen's bounded reader
    has already accepted it), or, for another format or a cell openpyxl cannot load whole, its
    values in a new .xlsx."""
    if source.suffix.lower() in {".xlsx", ".xlsm"}:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # features openpyxl drops in the copy
                return openpyxl.load_workbook(source)
        except Exception:  # a damaged cell the bounded reader reported: copy the values instead
            pass
    copy = Workbook()
    copy.remove(copy.worksheets[0])
    for raw in read_sheets(source):
        sheet = copy.create_sheet(raw.title)
        for number, values in raw.rows:
            for index, value in enumerate(values, start=1):
                if value is not None:
                    sheet.cell(number, index, _plain(value))
    return copy


def _plain(value: object) -> str | int | float | bool | datetime | date | time:
    """A value of the bounded reader as a cell can hold it (a damaged cell shows as text)."""
    if isinstance(value, str | int | float | bool | datetime | date | time):
        return value
    return str(value)


def _write_header(listing: Worksheet) -> None:
    listing.append(["Gravité", "Cellule", "Code", "Constat"])
    for cell in listing[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    listing.freeze_panes = "A2"
    listing.page_setup.orientation = "landscape"
    listing.page_setup.fitToWidth = 1
    listing.page_setup.fitToHeight = 0
    listing.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    for letter, width in zip("ABCD", (14, 22, 26, 110), strict=True):
        listing.column_dimensions[letter].width = width


def _anchor(sheet: Worksheet, coordinate: str) -> Cell:
    """The cell itself, or the top-left cell of the merged range that covers it."""
    cell = sheet[coordinate]
    if isinstance(cell, MergedCell):
        for merged in sheet.merged_cells.ranges:
            if coordinate in merged:
                top_left = sheet.cell(merged.min_row, merged.min_col)
                assert isinstance(top_left, Cell)  # a range's first cell holds its value
                return top_left
    assert isinstance(cell, Cell)
    return cell


def _mark(cell: Cell, finding: Finding, *, repaint: bool) -> None:
    """Colour the cell (an error's red wins over a warning's orange) and add the message to its
    comment, after any comment already there."""
    if repaint:
        cell.fill = _ERROR_FILL if finding.is_error else _WARNING_FILL
    label = "Erreur" if finding.is_error else "Avertissement"
    text = f"{label} [{finding.code}] : {finding.message}"
    if cell.comment is not None:
        text = f"{cell.comment.text}\n\n{text}"
    comment = Comment(text, "docgen")
    comment.width, comment.height = 420, min(60 + 15 * (len(text) // 60), 600)
    cell.comment = comment


def _list(listing: Worksheet, finding: Finding, title: str | None, target: str | None) -> None:
    """One row of `Constats`, its cell a link to the finding's cell when it has one."""
    where = finding.location.where
    if title is not None and title != finding.location.sheet:
        where = where.replace(finding.location.sheet or "", title, 1)
    listing.append(
        ["Erreur" if finding.is_error else "Avertissement", where, finding.code, finding.message]
    )
    row = listing.max_row
    listing.cell(row, 1).fill = _ERROR_FILL if finding.is_error else _WARNING_FILL
    listing.cell(row, 4).alignment = Alignment(wrap_text=True, vertical="top")
    if target is not None and title is not None:
        link = listing.cell(row, 2)
        quoted = title.replace("'", "''")
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!{target}")
        link.font = _LINK_FONT


def _stable(content: bytes) -> bytes:
    """The same bytes for the same workbook and findings: fixed entry times, no save time."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "docProps/core.xml":
                data = _MODIFIED.sub(b"", data)
            info = zipfile.ZipInfo(member.filename, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out.getvalue()
