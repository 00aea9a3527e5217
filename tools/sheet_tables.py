"""Table building blocks for the on-the-day sheets: a titled header, tag rows, box rows."""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt
from docx.table import Table
from docx_kit import BLUE, add_paragraph, cell_text, rule, shade, tag_paragraph

HEADER_FILL = "D9E2F3"
BOX = "☐"


def borders(table: Table, colour: str = "7F7F7F") -> None:
    lines = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{colour}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{lines}</w:tblBorders>"))


def table_with_header(
    document: object, headers: list[str], widths: list[float], rows: int
) -> Table:
    """A bordered table: a repeated shaded header row, then `rows` empty rows to fill."""
    table: Table = document.add_table(rows=rows + 1, cols=len(headers))  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for cell, title in zip(header.cells, headers, strict=True):
        shade(cell, HEADER_FILL)
        cell_text(cell, [(title, "bs")])
    return table


def tagged_row(table: Table, index: int, tag: str) -> None:
    """A row holding only a `{%tr … %}` tag: docxtpl removes it from the output."""
    cell_text(table.rows[index].cells[0], [(tag, "")])


def fill_row(table: Table, index: int, texts: list[str], *, height: float = 0) -> None:
    """One template row: each text (a tag, a box or plain text) in its cell."""
    row = table.rows[index]
    if height:
        row.height = Cm(height)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for cell, text in zip(row.cells, texts, strict=True):
        if text:
            cell_text(cell, [(text, "b" if text == BOX else "")])
        if text == BOX:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def sheet_heading(document: object, title: list[tuple[str, str]], size: float = 17) -> None:
    """The centre's name, then the sheet's title in large blue type over a thin line."""
    add_paragraph(
        document,
        [("{{ centre.name }}", "b"), (" – ", "g"), ("{{ centre.address_inline }}", "g")],
        after=2,
    )
    paragraph = add_paragraph(document, title, before=4, after=2)
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.color.rgb = BLUE
        run.bold = True
    add_paragraph(
        document,
        [
            ("Session d'examen pour ", ""),
            ("{{ session.kind }}", "b"),
            (" ", ""),
            ("{{ session.dates }}", ""),
        ],
        after=0,
    )
    add_paragraph(document, [("Lieu : ", "g"), ("{{ session.place }}", "g")], after=0)
    tag_paragraph(document, "{%p if session.ceres_number %}")
    add_paragraph(
        document, [("Session CERES n° ", "g"), ("{{ session.ceres_number }}", "g")], after=0
    )
    tag_paragraph(document, "{%p endif %}")
    rule(add_paragraph(document, [], after=6), "bottom")
