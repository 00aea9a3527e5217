"""The compile-once renderer writes the same XML as docxtpl, on docxtpl's own test templates.

Each case renders one of docxtpl's test templates (shared/peer-tests/docxtpl) with a context
written here, through docxtpl and through the compiled path, and compares every rendered part.
The features the compiled path claims, each covered by a case: variables with autoescape,
`{%p %}`, `{%tr %}`, `{%tc %}`, `{%r %}` and RichText, `{% cellbg %}`, `{% colspan %}`,
`{% hm %}`, `{% vm %}`, `{# #}` comments, headers and footers, footnotes, preserved spaces, tabs
and line breaks. Out of its scope, handed to docxtpl (the last tests check it): images,
subdocuments and embedded files (they need python-docx's live document); the core properties,
which docgen writes itself on both paths.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
import pytest
from docxtpl import DocxTemplate, RichText
from hypothesis import given
from hypothesis import strategies as st
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from docgen.documents.compiled import (
    CompiledTemplate,
    DocumentProperties,
    paragraph_listing,
    rendered_part_names,
    resolve_listings,
    unsupported_reason,
)
from docgen.documents.convocation import convocation_context
from docgen.documents.docx_zip import stored_members
from docgen.documents.render import DocumentTemplate
from docgen.documents.schema_order import SCHEMA_ORDER, put_properties_in_schema_order
from docgen.errors import TemplateError
from docgen.pipeline import check_session
from docgen.settings import Settings
from tests.ooxml import ROOT

PROPERTIES = DocumentProperties("Centre", "Titre", "Sujet", datetime(2027, 1, 11))
ITEMS = [
    {"desc": "Poste & <clavier>", "qty": 2, "price": "GRATUIT"},
    {"desc": "Écran « 24 pouces »", "qty": 5403, "price": "12,00"},
]
CASES: dict[str, dict[str, Any]] = {
    "order_tpl": {
        "customer_name": "Zoé O'Brien",
        "items": ITEMS,
        "in_europe": True,
        "is_paid": False,
        "company_name": "Société & Fils",
        "total_price": "100,00",
    },
    "cellbg_tpl": {
        "alerts": [
            {"date": "2027-03-15", "desc": "Critique", "type": "CRITICAL", "bg": "FF0000"},
            {"date": "2027-03-16", "desc": "Info <b>", "type": "INFO", "bg": "8888FF"},
        ]
    },
    "dynamic_table_tpl": {
        "col_labels": ["fruit", "légume", "pierre"],
        "tbl_contents": [
            {"label": "jaune", "cols": ["banane", "poivron", "pyrite"]},
            {"label": "rouge", "cols": ["pomme", "tomate", "cinabre"]},
        ],
    },
    "horizontal_merge_tpl": {},
    "vertical_merge_tpl": {"items": ITEMS, "total_price": "12,00", "category": "Livre"},
    "vertical_merge_nested_tpl": {},
    "merge_paragraph_tpl": {"living_in_town": True},
    "nested_for_tpl": {
        "dishes": [{"name": "Tarte", "ingredients": ["farine", "pommes"]}],
        "authors": [{"name": "Barjavel", "books": [{"title": "Ravage"}, {"title": "Le Diable"}]}],
    },
    "preserve_spaces_tpl": {"tag_1": "  deux espaces", "tag_2": "fin  "},
    "less_cells_after_loop_tpl": {},
    "escape_tpl_auto": {
        "nested_dict": {"lt": "<", "amp": "&", "quot": '"', "apos": "'", "gt": ">"},
        "autoescape": 'Échappé "chaîne & co"!',
        "autoescape_unicode": "Un <exemple> \u4f60 & \u6211",
        "iteritems": lambda mapping: mapping.items(),
    },
    "footnotes_tpl": {"a_jinja_variable": "Une variable & <balise>"},
    "comments_tpl": {},
    "header_footer_entities_tpl": {"title": "Titre & <entités>"},
    "richtext_tpl": {},
    "richtext_and_if_tpl": {},
    "word2016_tpl": {},
}
IMAGES_OR_SUBDOCUMENTS = [
    "inline_image_tpl",
    "header_footer_image_tpl",
    "replace_picture_tpl",
    "embedded_main_tpl",
]


def peer_templates() -> Path:
    for folder in (ROOT, *ROOT.parents):
        candidate = folder / "shared" / "peer-tests" / "docxtpl" / "tests" / "templates"
        if candidate.is_dir():
            return candidate
    pytest.skip("tests de docxtpl absents (shared/peer-tests/docxtpl introuvable)")


def environment() -> jinja2.Environment:
    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


def context_for(name: str) -> dict[str, Any]:
    if name == "richtext_and_if_tpl":
        return {"foobar": RichText("Rouge & gras", color="ff0000", bold=True)}
    if name == "word2016_tpl":
        return {
            "test_space": "      ",
            "test_tabs": "\t\t\t",
            "test_space_r": RichText("      "),
            "test_tabs_r": RichText("\t\t"),
        }
    if name != "richtext_tpl":
        return CASES[name]
    text = RichText("du texte riche", bold=True)
    text.add(" en italique & <signes>", italic=True, color="#ff00ff")
    text.add("\nune ligne\tune tabulation\aun paragraphe", underline=True)
    return {"example": text}


Tree = tuple[str, tuple[tuple[str, str], ...], str, str, tuple["Tree", ...]]


def _tree(element: etree._Element) -> Tree:
    """Names by namespace URI, not prefix: two prefixes may name the same namespace."""
    attributes = tuple(sorted((str(key), str(value)) for key, value in element.attrib.items()))
    children = tuple(_tree(child) for child in element if isinstance(child.tag, str))
    return (str(element.tag), attributes, element.text or "", element.tail or "", children)


def canonical(xml: bytes) -> Tree:
    """The part's content with properties sorted on both sides: docxtpl keeps the template's
    order, docgen writes the schema's (checked by the test after)."""
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    put_properties_in_schema_order(root)
    return _tree(root)


def parts_of(content: bytes, names: list[str]) -> dict[str, Tree]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: canonical(archive.read(name)) for name in names}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_compiled_path_writes_the_xml_docxtpl_writes(name: str) -> None:
    source = (peer_templates() / f"{name}.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        names = rendered_part_names(archive)
        assert unsupported_reason(archive, names) is None
    reference = DocxTemplate(io.BytesIO(source))
    reference.render(context_for(name), jinja_env=environment(), autoescape=True)
    buffer = io.BytesIO()
    reference.save(buffer)

    compiled = CompiledTemplate(source, environment(), names).render(context_for(name), PROPERTIES)

    assert parts_of(compiled, names) == parts_of(buffer.getvalue(), names)
    with zipfile.ZipFile(io.BytesIO(compiled)) as archive:
        assert archive.testzip() is None


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_compiled_path_writes_properties_in_schema_order(name: str) -> None:
    """docxtpl's own templates (LibreOffice-made, some out of order) come out in the order Word
    requires: the template's properties are ordered once, the cells after each render. Run
    properties of a RichText value keep docxtpl's order (docgen's contexts hold none)."""
    source = (peer_templates() / f"{name}.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        names = rendered_part_names(archive)
    compiled = CompiledTemplate(source, environment(), names).render(context_for(name), PROPERTIES)
    parents = ("tcPr", "pPr", "tblPr") if name.startswith("richtext") else tuple(SCHEMA_ORDER)
    with zipfile.ZipFile(io.BytesIO(compiled)) as archive:
        for part in names:
            root = etree.fromstring(archive.read(part))
            assert put_properties_in_schema_order(root, parents) == 0, part


@pytest.mark.parametrize("name", IMAGES_OR_SUBDOCUMENTS)
def test_templates_with_images_or_embedded_files_go_to_docxtpl(name: str) -> None:
    path = peer_templates() / f"{name}.docx"
    template = DocumentTemplate.load(path)
    assert template.fallback_reason is not None
    assert "docxtpl" in template.render_path


def test_docgen_templates_all_take_the_compiled_path() -> None:
    """Checked on the templates themselves: a shipped preparation skips the check at run time."""
    for path in sorted((ROOT / "docgen" / "templates").glob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            assert unsupported_reason(archive, rendered_part_names(archive)) is None, path.name
        assert DocumentTemplate.load(path).fallback_reason is None, path.name


def test_reruns_are_byte_identical_and_unchanged_parts_keep_their_stored_bytes() -> None:
    path = ROOT / "docgen" / "templates" / "convocation.docx"
    settings = Settings(as_of=date(2027, 1, 11))
    checked = check_session(ROOT / "inputs" / "exemple", settings)
    context = convocation_context(checked.data, checked.data.candidates[0], checked.plan, settings)

    first = DocumentTemplate.load(path).render(context, PROPERTIES)
    second = DocumentTemplate.load(path).render(context, PROPERTIES)

    assert first == second
    template, output = stored_members(path.read_bytes()), stored_members(first)
    assert list(output) == list(template)
    rendered = {"word/document.xml", "word/footer1.xml", "docProps/core.xml"}
    for name in set(template) - rendered:
        assert output[name] == template[name], name
    for name in rendered:
        assert output[name] != template[name], name


def test_an_unknown_variable_stops_the_compiled_path_with_a_french_message() -> None:
    template = DocumentTemplate.load(ROOT / "docgen" / "templates" / "convocation.docx")
    with pytest.raises(TemplateError, match="donnée inconnue"):
        template.render({"recipient": {}}, PROPERTIES)


_TEXTS = st.text(alphabet=st.sampled_from("ab é&<>\n\t\a\f"), max_size=12)
_RUN_PIECES = st.sampled_from(
    [
        '<w:rPr><w:b/><w:sz w:val="16"/></w:rPr>',
        "<w:br/>",
        "<w:tab/>",
        '<w:t xml:space="preserve"/>',
        "<w:t/>",
    ]
)


@st.composite
def _paragraphs(draw: st.DrawFn) -> str:
    runs = []
    for _ in range(draw(st.integers(0, 4))):
        pieces = draw(st.lists(_RUN_PIECES, max_size=2))
        for _ in range(draw(st.integers(0, 2))):
            opening = draw(st.sampled_from(["<w:t>", '<w:t xml:space="preserve">']))
            pieces.append(f"{opening}{draw(_TEXTS)}</w:t>")
        opening = draw(st.sampled_from(["<w:r>", '<w:r w:rsidR="00AB12CD">']))
        runs.append(f"{opening}{''.join(draw(st.permutations(pieces)))}</w:r>")
    properties = draw(st.sampled_from(["", '<w:pPr><w:jc w:val="left"/></w:pPr>']))
    opening = draw(st.sampled_from(["<w:p>", '<w:p w:rsidR="00AB12CD">']))
    return f"{opening}{properties}{''.join(runs)}</w:p>"


@given(_paragraphs())
def test_line_breaks_tabs_and_paragraph_marks_come_out_as_docxtpl_writes_them(
    paragraph: str,
) -> None:
    """The listing characters of a value (a line break in a déroulé cell, an address…) give
    the XML docxtpl gives: its own code for tabs, paragraph and page breaks, docgen's faster
    equivalent for line breaks alone."""
    assert paragraph_listing(paragraph) == DocxTemplate.resolve_listing(None, paragraph)


@given(st.lists(st.tuples(st.sampled_from(["", "\n", "\t<w:bookmarkEnd/>"]), _paragraphs())))
def test_a_whole_part_gets_the_listings_docxtpl_gives_it(
    paragraphs: list[tuple[str, str]],
) -> None:
    """Paragraph after paragraph, with listing characters between them that docxtpl leaves."""
    xml = "<w:body>" + "".join(between + paragraph for between, paragraph in paragraphs)
    xml += "\n</w:body>"
    assert resolve_listings(xml) == DocxTemplate.resolve_listing(None, xml)


def test_cell_properties_the_source_cannot_order_are_ordered_in_each_document() -> None:
    """A Jinja comment among a cell's properties keeps them from being ordered once in the
    compiled source: each rendered document's cells are ordered instead."""
    source = (peer_templates() / "cellbg_tpl.docx").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(buffer, "w") as copy:
        for item in original.infolist():
            content = original.read(item)
            if item.filename == "word/document.xml":
                content = content.replace(b"<w:tcPr>", b"<w:tcPr>{# note #}")
            copy.writestr(item, content)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        names = rendered_part_names(archive)
    template = CompiledTemplate(buffer.getvalue(), environment(), names)
    assert template._parts[0].prepared.order_cells

    compiled = template.render(context_for("cellbg_tpl"), PROPERTIES)

    with zipfile.ZipFile(io.BytesIO(compiled)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    assert put_properties_in_schema_order(root, ("tcPr",)) == 0
    assert parts_of(compiled, names) == parts_of(
        CompiledTemplate(source, environment(), names).render(
            context_for("cellbg_tpl"), PROPERTIES
        ),
        names,
    )
