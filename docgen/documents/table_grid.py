"""docxtpl's table grid fix-up (`DocxTemplate.fix_tables`), without importing docxtpl.

A `{%tc for %}` loop or a `{% colspan %}` changes how many cells a row holds: each table's grid
is then widened (its columns narrowed to keep the table's width) or the columns no row reaches
are dropped (their width shared by the others). The same arithmetic as docxtpl 0.20, which
`tests/documents/test_table_grid.py` compares on generated tables; here it runs in one pass over
the rows, and a table without a grid, which docxtpl would fail on, is left as it is.
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LARGEST = 1e12
"""A width beyond any page (twentieths of a point): treated as none, so that no sum or share
of widths overflows (docxtpl stops there with an OverflowError)."""


def fix_table_grids(xml: str) -> etree._Element:
    """The rendered part as a tree, every table's grid matching its rows (parsed as docxtpl
    parses it, recovering from broken markup)."""
    tree = etree.fromstring(xml, etree.XMLParser(recover=True))
    ns = "{" + (tree.nsmap.get("w") or W) + "}"
    for table in tree.iter(f"{ns}tbl"):
        grid = table.find(f"{ns}tblGrid")
        if grid is None:
            continue
        most_cells = spanned = 0
        for row in table.iter(f"{ns}tr"):  # nested tables' rows too, as docxtpl counts them
            cells = row.findall(f"{ns}tc")
            most_cells = max(most_cells, len(cells))
            spanned = max(spanned, sum(_span(cell, ns) for cell in cells))
        _widen(grid, most_cells, ns)
        _narrow(grid, spanned, ns)
    return tree


def _span(cell: etree._Element, ns: str) -> int:
    span = cell.find(f"{ns}tcPr/{ns}gridSpan")  # the first properties': a cell has one
    if span is None:
        return 1
    try:
        return int(span.get(f"{ns}val", ""))
    except ValueError:
        return 1


def _width(column: etree._Element, ns: str) -> float:
    """The column's width; 0 when it is not a number, or too large to be one (`1e999`)."""
    try:
        width = float(column.get(f"{ns}w", ""))
    except ValueError:
        return 0.0
    return width if width < LARGEST else 0.0


def _widen(grid: etree._Element, cells: int, ns: str) -> None:
    """Columns added until the grid has as many as the row with the most cells."""
    columns = grid.findall(f"{ns}gridCol")
    missing = cells - len(columns)
    width = sum(_width(column, ns) for column in columns if column.get(f"{ns}w") is not None)
    if missing <= 0 or width <= 0:
        return
    old_average = width / len(columns)
    new_average = width / (len(columns) + missing)
    for column in columns:
        column.set(f"{ns}w", str(int(_width(column, ns) * new_average / old_average)))
    for _ in range(missing):
        etree.SubElement(grid, f"{ns}gridCol", {f"{ns}w": str(int(new_average))})


def _narrow(grid: etree._Element, spanned: int, ns: str) -> None:
    """The columns beyond the widest row dropped, their width shared by the others."""
    columns = grid.findall(f"{ns}gridCol")
    extra = len(columns) - spanned
    if extra <= 0:
        return
    removed = 0.0
    for column in columns[-extra:]:
        removed += _width(column, ns)
        grid.remove(column)
    left = columns[:-extra]
    share = int(removed / len(left)) if left else 0
    for column in left:
        column.set(f"{ns}w", str(int(_width(column, ns) + share)))
