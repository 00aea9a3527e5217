"""The déroulé poster (templates/deroule.docx): one coloured timetable per day, A3 landscape.

The grid comes ready from the context (`day.grid`): rooms across (`{%tc for %}`, widened with
`{% colspan %}`), time rows down (`{%tr for %}`), each cell coloured with `{% cellbg %}` and
merged down its block: a cell starts a vertical merge unless `cell.continued` says it goes on.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm
from docx_kit import add_paragraph, build_document, tag_paragraph
from docx_tables import border_lines

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(42), Cm(29.7), Cm(1.2)
TWIPS_PER_CM = 567
TABLE_TWIPS = int((42 - 2 * 1.2) * TWIPS_PER_CM)
GRID_COLUMNS = 48
"""More than the time column plus the rooms' spans ever need: docxtpl drops the extra ones."""
BORDER = "A6A6A6"


def _run(text: str, *, bold: bool = False, size: float = 8, colour: str = "") -> str:
    properties = "<w:b/>" if bold else ""
    if colour:
        properties += f'<w:color w:val="{colour}"/>'
    properties += f'<w:sz w:val="{int(size * 2)}"/>'
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


CELL_STYLE, TIME_STYLE = "DerouleCellule", "DerouleHeure"
SPACING = '<w:spacing w:before="0" w:after="0" w:line="228" w:lineRule="auto"/>'
STYLES = (
    f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{CELL_STYLE}">'
    '<w:name w:val="Déroulé – cellule"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    f'<w:pPr>{SPACING}</w:pPr><w:rPr><w:sz w:val="16"/></w:rPr></w:style>',
    f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{TIME_STYLE}">'
    '<w:name w:val="Déroulé – heure"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    f'<w:pPr>{SPACING}<w:jc w:val="center"/></w:pPr>'
    '<w:rPr><w:color w:val="404040"/><w:sz w:val="16"/></w:rPr></w:style>',
)
"""The grid's paragraphs take their look from a style, not from properties repeated in each
cell: a 500-candidate poster has thousands of cells, and its size is most of its rendering time."""


def _styled(style: str, *runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{"".join(runs)}</w:p>'


def _tag(text: str) -> str:
    """A run holding only cell tags: docxtpl drops it once they are read (`<w:t>` bare)."""
    return f"<w:r><w:t>{escape(text)}</w:t></w:r>"


def _p(*runs: str, align: str = "left") -> str:
    spacing = '<w:spacing w:before="0" w:after="0" w:line="228" w:lineRule="auto"/>'
    return f'<w:p><w:pPr>{spacing}<w:jc w:val="{align}"/></w:pPr>{"".join(runs)}</w:p>'


def _tc(*paragraphs: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{''.join(paragraphs) or _p()}</w:tc>"


def _tag_tc(tag: str) -> str:
    return _tc(_p(_run(tag)))


def _tag_tr(tag: str) -> str:
    return f"<w:tr>{_tag_tc(tag)}</w:tr>"


def _table(rows: list[str], grid: list[int]) -> str:
    borders = border_lines(BORDER)
    columns = "".join(f'<w:gridCol w:w="{width}"/>' for width in grid)
    return (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblW w:w="{sum(grid)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
        f"<w:tblGrid>{columns}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _grid_table() -> str:
    header_shade = '<w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>'
    centred = '<w:vAlign w:val="center"/>'
    header = (
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        + _tc(
            _p(_run("Horaire", bold=True, size=9, colour="FFFFFF"), align="center"),
            properties=header_shade + centred,
        )
        + _tag_tc("{%tc for column in day.grid.columns %}")
        + _tc(
            _p(
                _run("{% colspan column.span %}"),
                _run("{{ column.name }}", bold=True, size=10, colour="FFFFFF"),
                align="center",
            ),
            _p(_run("{{ column.jury }}", size=8.5, colour="FFFFFF"), align="center"),
            properties=header_shade + centred,
        )
        + _tag_tc("{%tc endfor %}")
        + "</w:tr>"
    )
    time_cell = _tc(
        _styled(TIME_STYLE, '<w:r><w:t xml:space="preserve">{{ row.time }}</w:t></w:r>'),
        properties='<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>',
    )
    # No run left behind by the cell tags, no repeated properties: a poster of 500 candidates
    # has thousands of cells, and its size is most of its rendering time.
    continued = _tc(
        _styled(CELL_STYLE, _tag("{% colspan cell.span %}{% cellbg cell.colour %}")),
        properties='<w:vMerge/><w:vAlign w:val="top"/>',
    )
    starting = _tc(
        _styled(
            CELL_STYLE,
            _tag("{% colspan cell.span %}{% cellbg cell.colour %}"),
            '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{{ cell.title }}</w:t></w:r>',
            '<w:r><w:rPr><w:sz w:val="15"/></w:rPr>'
            '<w:t xml:space="preserve">{{ cell.detail }}</w:t></w:r>',
        ),
        properties='<w:vMerge w:val="restart"/><w:vAlign w:val="top"/>',
    )
    empty = _tc(
        _styled(CELL_STYLE, _tag("{% colspan cell.span %}{% cellbg cell.colour %}")),
        properties='<w:vAlign w:val="top"/>',
    )
    body = (
        '<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="280" w:hRule="atLeast"/></w:trPr>'
        + time_cell
        + _tag_tc("{%tc for cell in row.cells %}")
        + _tag_tc("{%tc if cell.continued %}")
        + continued
        + _tag_tc("{%tc elif cell.title %}")
        + starting
        + _tag_tc("{%tc else %}")
        + empty
        + _tag_tc("{%tc endif %}")
        + _tag_tc("{%tc endfor %}")
        + "</w:tr>"
    )
    width = TABLE_TWIPS // GRID_COLUMNS
    return _table(
        [
            header,
            _tag_tr("{%tr for row in day.grid.rows %}"),
            body,
            _tag_tr("{%tr endfor %}"),
        ],
        [width] * GRID_COLUMNS,
    )


def _legend_table() -> str:
    row = (
        "<w:tr>"
        + _tag_tc("{%tc for item in legend %}")
        + _tc(
            _p(_run("{% cellbg item.colour %}"), _run("{{ item.label }}", size=9)),
            properties='<w:vAlign w:val="center"/>',
        )
        + _tag_tc("{%tc endfor %}")
        + "</w:tr>"
    )
    count = 5
    return _table([row], [TABLE_TWIPS // count] * count)


def _append(document: object, xml: str) -> None:
    body = document.element.body  # type: ignore[attr-defined]
    body.sectPr.addprevious(parse_xml(xml))


def _poster(document: object) -> None:
    d = document
    section = d.sections[0]  # type: ignore[attr-defined]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = Cm(1.1)
    tag_paragraph(d, "{%p for day in days %}")
    title = add_paragraph(
        d,
        [("Déroulé de la session – ", "bc"), ("{{ day.date }}", "bc")],
        after=0,
        size=22,
    )
    title.paragraph_format.page_break_before = True
    add_paragraph(
        d,
        [
            ("{{ centre.name }}", "b"),
            (" – session d'examen pour ", ""),
            ("{{ session.kind }}", ""),
            (" ", ""),
            ("{{ session.dates }}", ""),
            (" – ", ""),
            ("{{ session.place }}", ""),
        ],
        after=6,
    )
    _append(d, _grid_table())
    add_paragraph(d, [("Légende", "bs")], before=4, after=1)
    _append(d, _legend_table())
    add_paragraph(
        d,
        [("Candidats attendus ce jour (n°) : ", "b"), ("{{ day.candidates }}", "")],
        before=5,
        after=1,
    )
    add_paragraph(
        d,
        [
            (
                "Affichage public : les candidats sont désignés par leur numéro. "
                "Responsable de session : ",
                "g",
            ),
            ("{{ manager.name }}", "g"),
            (" – tél. ", "g"),
            ("{{ manager.phone }}", "g"),
        ],
        align=WD_ALIGN_PARAGRAPH.LEFT,
        after=0,
    )
    tag_paragraph(d, "{%p endfor %}")


NAME = "deroule.docx"


def build() -> bytes:
    return build_document(
        _poster,
        title="Déroulé de session",
        comments="Affiche du déroulé de session remplie par docgen.",
        landscape=True,
        font_size=10,
        styles=STYLES,
    )
