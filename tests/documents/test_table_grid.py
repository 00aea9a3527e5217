"""docgen's table grid fix-up gives docxtpl's, on generated tables (and nested ones)."""

from __future__ import annotations

from docxtpl import DocxTemplate
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from docgen.documents.table_grid import W, fix_table_grids

_CELL = st.one_of(
    st.just("<w:tc><w:p/></w:tc>"),
    st.integers(1, 4).map(
        lambda span: f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p/></w:tc>'
    ),
    st.just('<w:tc><w:tcPr><w:tcW w:w="100" w:type="dxa"/></w:tcPr><w:p/></w:tc>'),
)


@st.composite
def _tables(draw: st.DrawFn, depth: int = 0) -> str:
    widths = draw(st.lists(st.integers(0, 3000), min_size=1, max_size=6))
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        cells = draw(st.lists(_CELL, max_size=8))
        if depth == 0 and cells and draw(st.booleans()):
            cells[0] = f"<w:tc>{draw(_tables(depth=1))}<w:p/></w:tc>"
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


@given(st.lists(_tables(), min_size=1, max_size=3))
def test_grids_are_widened_and_narrowed_as_docxtpl_does(tables: list[str]) -> None:
    xml = f'<w:document xmlns:w="{W}"><w:body>{"".join(tables)}<w:p/></w:body></w:document>'
    expected = DocxTemplate.fix_tables(None, xml)
    assert etree.tostring(fix_table_grids(xml)) == etree.tostring(expected)


def test_widths_beyond_any_page_count_as_none_instead_of_overflowing() -> None:
    huge = "9" * 400
    xml = (
        f'<w:document xmlns:w="{W}"><w:body><w:tbl><w:tblGrid><w:gridCol w:w="{huge}"/>'
        '<w:gridCol w:w="1e999"/><w:gridCol w:w="2000"/></w:tblGrid>'
        "<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"
    )
    grid = fix_table_grids(xml).find(f".//{{{W}}}tblGrid")
    assert grid is not None
    assert [column.get(f"{{{W}}}w") for column in grid] == ["2000"]
