"""The property elements' children follow the schema's order, whatever order they came in."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from docgen.documents.schema_order import (
    SCHEMA_ORDER,
    W,
    cell_properties_ordered_in_source,
    put_properties_in_schema_order,
)
from tests.ooxml import schema_driver


def element(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:root xmlns:w="{W}" xmlns:x="urn:x">{xml}</w:root>')


def names(parent: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in parent]


def test_cellbg_and_colspan_children_move_after_the_width() -> None:
    root = element(
        '<w:tc><w:tcPr><w:shd w:fill="FF0000"/><w:gridSpan w:val="2"/><w:tcW w:w="10"/>'
        '<w:vAlign w:val="center"/></w:tcPr></w:tc>'
    )
    assert put_properties_in_schema_order(root) == 1
    assert names(root[0][0]) == ["tcW", "gridSpan", "shd", "vAlign"]
    assert root[0][0][2].get(f"{{{W}}}fill") == "FF0000"


def test_paragraph_borders_and_table_borders_take_their_place() -> None:
    root = element(
        "<w:p><w:pPr><w:spacing/><w:jc/><w:pBdr/><w:keepNext/><w:rPr><w:sz/><w:b/></w:rPr>"
        "</w:pPr></w:p><w:tbl><w:tblPr><w:tblW/><w:tblLayout/><w:tblLook/><w:tblBorders/>"
        "<w:jc/></w:tblPr></w:tbl>"
    )
    assert put_properties_in_schema_order(root) == 3
    assert names(root[0][0]) == ["keepNext", "pBdr", "spacing", "jc", "rPr"]
    assert names(root[0][0][4]) == ["b", "sz"]
    assert names(root[1][0]) == ["tblW", "jc", "tblBorders", "tblLayout", "tblLook"]


def test_ordered_properties_are_left_alone_and_unknown_children_follow_their_neighbour() -> None:
    root = element("<w:tcPr><w:tcW/><x:ext/><w:vAlign/><w:shd/></w:tcPr>")
    assert put_properties_in_schema_order(root) == 1
    assert names(root[0]) == ["tcW", "ext", "shd", "vAlign"]
    assert put_properties_in_schema_order(root) == 0


TYPES = {"tcPr": "CT_TcPrBase", "pPr": "CT_PPrBase", "tblPr": "CT_TblPrBase"}


@pytest.mark.parametrize("parent", sorted(TYPES))
def test_the_order_table_is_the_schema_sequence(parent: str) -> None:
    driver = schema_driver()
    if driver is None:
        pytest.skip("schémas OOXML absents")
    wml = (driver.parent / "schemas" / "ISO-IEC29500-4_2016" / "wml.xsd").read_text()
    body = wml.split(f'<xsd:complexType name="{TYPES[parent]}">')[1].split("</xsd:complexType>")[0]
    sequence = re.findall(r'<xsd:element name="(\w+)"', body)
    table = SCHEMA_ORDER[parent]
    assert [name for name in table if name in sequence] == sequence


def test_the_reordering_can_be_kept_to_cell_properties() -> None:
    root = etree.fromstring(
        f'<w:body xmlns:w="{W}"><w:p><w:pPr><w:jc/><w:spacing/></w:pPr></w:p>'
        "<w:tbl><w:tr><w:tc><w:tcPr><w:shd/><w:tcW/></w:tcPr></w:tc></w:tr></w:tbl></w:body>"
    )
    assert put_properties_in_schema_order(root, ("tcPr",)) == 1
    names = [etree.QName(child).localname for child in root.iter(f"{{{W}}}pPr", f"{{{W}}}tcPr")]
    assert names == ["pPr", "tcPr"]
    [paragraph, cell] = [list(parent) for parent in root.iter(f"{{{W}}}pPr", f"{{{W}}}tcPr")]
    assert [etree.QName(child).localname for child in paragraph] == ["jc", "spacing"]
    assert [etree.QName(child).localname for child in cell] == ["tcW", "shd"]


def test_a_compiled_source_has_its_cell_properties_ordered_once_jinja_values_and_all() -> None:
    """What docxtpl's `{% cellbg %}`, `{% colspan %}` and `{% vm %}` leave in a template's
    source, with Jinja inside attribute values (even a `>`), nested children and a foreign one."""
    source = (
        '<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:fill="{{ c.colour }}"/><w:gridSpan w:val="{{ 2 > 1'
        ' }}"/><w:tcW w:w="10"/><w:tcBorders><w:top w:val="single"/></w:tcBorders><x:own/>'
        '<w:vMerge w:val="{% if loop.first %}restart{% else %}continue{% endif %}"/></w:tcPr>'
        "<w:p><w:r><w:t>{{ c.text }}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    ordered = cell_properties_ordered_in_source(source)
    assert ordered == (
        '<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w="10"/><w:gridSpan w:val="{{ 2 > 1 }}"/>'
        '<w:vMerge w:val="{% if loop.first %}restart{% else %}continue{% endif %}"/>'
        '<w:tcBorders><w:top w:val="single"/></w:tcBorders><x:own/><w:shd w:fill="{{ c.colour'
        ' }}"/></w:tcPr><w:p><w:r><w:t>{{ c.text }}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    )


@pytest.mark.parametrize(
    "inside",
    [
        '{% if c.shaded %}<w:shd w:fill="EEEEEE"/>{% endif %}<w:tcW w:w="10"/>',
        '<w:shd w:fill="EEEEEE"/>du texte<w:tcW w:w="10"/>',
        '<w:shd w:fill="EEEEEE"/><!-- note --><w:tcW w:w="10"/>',
        '<w:tcBorders><w:top/><w:tcW w:w="10"/>',
    ],
)
def test_a_source_whose_cell_properties_hold_more_than_elements_is_left_to_each_render(
    inside: str,
) -> None:
    assert cell_properties_ordered_in_source(f"<w:tc><w:tcPr>{inside}</w:tcPr></w:tc>") is None
