"""Table building blocks shared by the template builders: borders, header rows, loops, cells."""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx_kit import Run, write_runs

HEADER_FILL = "D9E2F3"
BLUE_BORDER = "8EAADB"
GREY_BORDER = "7F7F7F"
ALL_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
BOX = "☐"
CELL_SMALL = Pt(9)  # what a cell's first paragraph has always used; the templates rely on it
LOOP_ROW = 2
"""The row of a `loop_table` that docxtpl repeats, between the `{%tr for %}` and `endfor` rows."""


def border_lines(
    colour: str, *, style: str = "single", size: int = 4, sides: tuple[str, ...] = ALL_SIDES
) -> str:
    """The children of a `<w:tblBorders>`: one line of `style` and `colour` per side."""
    return "".join(
        f'<w:{side} w:val="{style}" w:sz="{size}" w:space="0" w:color="{colour}"/>'
        for side in sides
    )


def add_borders(
    table: Table,
    colour: str = GREY_BORDER,
    *,
    style: str = "single",
    size: int = 4,
    sides: tuple[str, ...] = ALL_SIDES,
) -> None:
    lines = border_lines(colour, style=style, size=size, sides=sides)
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{lines}</w:tblBorders>"))


def shade(cell: _Cell, colour: str) -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{colour}"/>')
    )


def cell_text(cell: _Cell, runs: list[Run], *, after: float = 0) -> None:
    """Runs in a table cell's first paragraph (the one every cell starts with)."""
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(after)
    write_runs(paragraph, runs, small=CELL_SMALL)


def cell_paragraph(cell: _Cell, runs: list[Run]) -> None:
    """Runs in a further paragraph of a table cell, with no space after it."""
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    write_runs(paragraph, runs)


def table_with_header(
    document: object,
    headers: list[str],
    widths: list[float],
    rows: int,
    *,
    border: str = GREY_BORDER,
    header_flags: str = "bs",
) -> Table:
    """A bordered table, `widths` in cm: a repeated shaded header row, then `rows` empty rows."""
    table: Table = document.add_table(rows=rows + 1, cols=len(headers))  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    add_borders(table, border)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for cell, title in zip(header.cells, headers, strict=True):
        shade(cell, HEADER_FILL)
        cell_text(cell, [(title, header_flags)])
    return table


def loop_table(
    document: object,
    headers: list[str],
    widths: list[float],
    loop: str,
    *,
    border: str = GREY_BORDER,
    header_flags: str = "bs",
) -> Table:
    """A `table_with_header` whose row `LOOP_ROW`, left to fill, repeats `{%tr <loop> %}`."""
    table = table_with_header(
        document, headers, widths, 3, border=border, header_flags=header_flags
    )
    tagged_row(table, LOOP_ROW - 1, f"{{%tr {loop} %}}")
    tagged_row(table, LOOP_ROW + 1, "{%tr endfor %}")
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


def fill_row_paragraphs(table: Table, index: int, cells: list[list[list[Run]]]) -> None:
    """One template row: each cell gets its paragraphs, each a list of runs."""
    for cell, paragraphs in zip(table.rows[index].cells, cells, strict=True):
        cell_text(cell, paragraphs[0])
        for runs in paragraphs[1:]:
            cell_paragraph(cell, runs)
