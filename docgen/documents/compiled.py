"""docxtpl's template language compiled once per template and rendered as strings into a zip.

docxtpl reloads the .docx with python-docx, re-runs its regex preprocessing and recompiles every
XML part as a Jinja template for each document. Here the preprocessing is docxtpl's own (so
templates behave the same), done once; each document is then one Jinja render per part, the
unchanged parts' compressed bytes are reused, and the archive is written once.
"""

from __future__ import annotations

import functools
import heapq
import io
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import jinja2
from lxml import etree

from docgen.documents.docx_zip import Member, stored_members, write_archive
from docgen.documents.schema_order import (
    cell_properties_ordered_in_source,
    put_properties_in_schema_order,
)
from docgen.documents.table_grid import fix_table_grids
from docgen.xml_text import escape_text

DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"
XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
RELATIONSHIPS = "word/_rels/document.xml.rels"
_RENDERED_RELATIONS = ("/header", "/footer", "/footnotes")
_TABLE_TAGS = re.compile(r"{%\s*(?:cellbg|colspan|hm|vm)\b|{[%{#]-?\s*tc\s")
"""Tags that change a table's cells: the output goes through docxtpl's table fix-up."""
_UNSUPPORTED = (
    ("word/media/", "il contient des images"),
    ("word/embeddings/", "il contient des objets intégrés"),
)
_UNSUPPORTED_MARKUP = (
    ("<w:drawing", "il contient des images"),
    ("<w:pict", "il contient des images"),
    ("<w:object", "il contient des objets intégrés"),
    ("<w:altChunk", "il contient des documents intégrés"),
)
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
LISTING_MARKS = "\n\t\a\f"
"""What docxtpl turns into a line break, a tab, a new paragraph or a page break."""


@dataclass(frozen=True)
class DocumentProperties:
    """The .docx core properties, set explicitly so nothing leaks from the template or the tool."""

    author: str
    title: str
    subject: str
    moment: datetime


@functools.cache  # one moment for a whole run; strftime asks the C library for the time zone
def _w3cdtf(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _core_xml(properties: DocumentProperties) -> bytes:
    stamp = _w3cdtf(properties.moment)
    return (
        XML_DECLARATION
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcmitype="http://'
        'purl.org/dc/dcmitype/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://'
        'www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape_text(properties.title)}</dc:title>"
        f"<dc:subject>{escape_text(properties.subject)}</dc:subject>"
        f"<dc:creator>{escape_text(properties.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape_text(properties.author)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode("utf-8")


@functools.cache
def _docxtpl() -> Any:
    """docxtpl's own string passes (tag clean-up, listings), without a loaded document.

    Imported only to prepare a template docgen did not ship prepared, or for a value holding a
    tab, a paragraph or a page break: a run on docgen's own templates never loads docxtpl and
    python-docx (50 ms)."""
    from docxtpl import DocxTemplate

    class Preprocessor(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints
        def __init__(self) -> None:
            super().__init__(io.BytesIO())

    return Preprocessor()


@dataclass(frozen=True)
class PreparedPart:
    """One rendered part of a template, ready for Jinja: docxtpl's preprocessing done, its
    properties in schema order (`prepare_parts`)."""

    name: str
    source: str
    fix_tables: bool
    """Whether each rendered document needs the table grid fix-up (`fix_table_grids`)."""
    order_cells: bool
    """Whether each rendered document's cell properties need ordering (when the source's could
    not be ordered once: see `cell_properties_ordered_in_source`)."""


@dataclass(frozen=True)
class _Part:
    prepared: PreparedPart
    template: jinja2.Template


def rendered_part_names(archive: zipfile.ZipFile) -> list[str]:
    """The parts docxtpl renders: the body, then headers, footers and footnotes."""
    names = [DOCUMENT_PART]
    if RELATIONSHIPS in archive.namelist():
        relations = etree.fromstring(archive.read(RELATIONSHIPS), _PARSER)
        for relation in relations:
            if relation.get("TargetMode") == "External":
                continue
            if relation.get("Type", "").endswith(_RENDERED_RELATIONS):
                target = relation.get("Target", "").lstrip("/")
                names.append(target if target.startswith("word/") else f"word/{target}")
    return names


def unsupported_reason(archive: zipfile.ZipFile, parts: list[str]) -> str | None:
    """Why this template needs docxtpl's full path (French), or None when it can be compiled."""
    for prefix, reason in _UNSUPPORTED:
        if any(name.startswith(prefix) for name in archive.namelist()):
            return reason
    if CORE_PART not in archive.namelist():
        return "il n'a pas de propriétés de document"
    for name in parts:
        if name not in archive.namelist():
            return f"la partie {name} annoncée est absente"
        text = archive.read(name).decode("utf-8", "replace")
        for marker, reason in _UNSUPPORTED_MARKUP:
            if marker in text:
                return reason
    return None


def _grid_mismatch(xml: str) -> bool:
    """Whether docxtpl's table fix-up changes this part even before rendering (a table grid
    with more or fewer columns than its rows' cells): then every document needs it too."""
    if "<w:tbl>" not in xml and "<w:tbl " not in xml:
        return False
    fixed = etree.tostring(fix_table_grids(xml), encoding="unicode")
    return bool(fixed != etree.tostring(etree.fromstring(xml), encoding="unicode"))


_RUN = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>", re.DOTALL)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>.*?</w:t>", re.DOTALL)
LINE_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


def paragraph_listing(paragraph: str) -> str:
    """docxtpl's `resolve_listing` on one paragraph. For line breaks alone (nearly always: a
    cell of the déroulé, an address) the same substitution, run by run and text by text,
    without the look-ups of properties only tabs, paragraphs and page breaks need."""
    if "\t" in paragraph or "\a" in paragraph or "\f" in paragraph:
        return str(_docxtpl().resolve_listing(paragraph))
    return _RUN.sub(_run_line_breaks, paragraph)


def _run_line_breaks(run: re.Match[str]) -> str:
    return _TEXT.sub(_text_line_breaks, run.group(0))


def _text_line_breaks(text: re.Match[str]) -> str:
    return text.group(0).replace("\n", LINE_BREAK)


def _recovered(xml: str) -> etree._Element:
    """The rendered part as a tree, parsed as docxtpl's `fix_tables` parses it."""
    return etree.fromstring(xml, etree.XMLParser(recover=True))


def resolve_listings(xml: str) -> str:
    """docxtpl's `resolve_listing`, applied only to the paragraphs that hold such a character
    (the same result: it works paragraph by paragraph; over the whole part it is most of the
    render's time)."""
    pieces: list[str] = []
    done = 0
    for at in heapq.merge(*(_positions(xml, mark) for mark in LISTING_MARKS)):
        if at < done:
            continue
        start = max(xml.rfind("<w:p>", done, at), xml.rfind("<w:p ", done, at))
        end = xml.find("</w:p>", at)
        if start == -1 or end == -1 or xml.find("</w:p>", start, at) != -1:
            continue  # outside a paragraph: docxtpl leaves it
        end += len("</w:p>")
        pieces += [xml[done:start], paragraph_listing(xml[start:end])]
        done = end
    if not pieces:
        return xml
    pieces.append(xml[done:])
    return "".join(pieces)


def _positions(xml: str, mark: str) -> Iterator[int]:
    """Where `mark` is in `xml`, in order (str.find: a regex scan is ten times slower)."""
    at = xml.find(mark)
    while at != -1:
        yield at
        at = xml.find(mark, at + 1)


_PARAGRAPH = re.compile(r"<w:p([ >])")
_TAG = re.compile(r"<[^>]+>")


def paragraph_per_line(xml: str) -> str:
    """Each paragraph on a line of its own, as docxtpl hands a part to Jinja (so that a Jinja
    error's line number names a paragraph)."""
    return _PARAGRAPH.sub(r"\n<w:p\1", xml)


def tagless(xml: str) -> str:
    """The text of some XML, its tags dropped."""
    return _TAG.sub("", xml)


def prepare_parts(source: bytes, parts: list[str]) -> list[PreparedPart]:
    """The template's `parts` through docxtpl's preprocessing, ready to compile."""
    prepared: list[PreparedPart] = []
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        for name in parts:
            root = etree.fromstring(archive.read(name), _PARSER)
            put_properties_in_schema_order(root)  # the template's own, once for all
            raw = etree.tostring(root, encoding="unicode")
            patched = _docxtpl().patch_xml(raw)
            ordered = cell_properties_ordered_in_source(patched)
            patched = paragraph_per_line(ordered or patched)
            text = tagless(raw)  # Word may split a tag over several runs
            tables = bool(_TABLE_TAGS.search(text)) or _grid_mismatch(raw)
            prepared.append(PreparedPart(name, patched, tables, ordered is None))
    return prepared


class CompiledTemplate:
    """A template whose parts are preprocessed and compiled once, rendered as strings."""

    def __init__(
        self,
        source: bytes,
        environment: jinja2.Environment,
        parts: list[str],
        prepared: Sequence[PreparedPart] | None = None,
    ) -> None:
        """`prepared`: the parts as `prepare_parts` gives them, when known (docgen ships its
        own templates' preparations)."""
        self._members = stored_members(source)
        self._order = list(self._members)
        self._parts = [
            _Part(part, environment.from_string(part.source))
            for part in (prepared if prepared is not None else prepare_parts(source, parts))
        ]

    def render(self, context: Mapping[str, Any], properties: DocumentProperties) -> bytes:
        """The .docx bytes; Jinja errors propagate with docxtpl's `docx_context` attached."""
        rendered = {part.prepared.name: self._render_part(part, context) for part in self._parts}
        rendered[CORE_PART] = _core_xml(properties)
        members = [
            Member.of(name, rendered[name]) if name in rendered else self._members[name]
            for name in self._order
        ]
        return write_archive(members, properties.moment)

    def _render_part(self, compiled: _Part, context: Mapping[str, Any]) -> bytes:
        part = compiled.prepared
        try:
            xml = compiled.template.render(context)
        except jinja2.TemplateError as exc:
            if getattr(exc, "lineno", None) is not None:
                first = max(exc.lineno - 4, 0)  # type: ignore[attr-defined]  # checked above
                lines = part.source.splitlines()[first : first + 7]
                exc.docx_context = [tagless(line) for line in lines]  # type: ignore[attr-defined]  # docxtpl's attribute
            raise
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        for escaped, plain in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
            if escaped in xml:
                xml = xml.replace(escaped, plain)
        xml = resolve_listings(xml)
        if part.fix_tables or part.order_cells:
            tree = fix_table_grids(xml) if part.fix_tables else _recovered(xml)
            if part.order_cells:
                # The template's own properties were ordered when it was compiled; rendering
                # changes only cell properties (`cellbg`, `colspan`, `vm`, `hm`). (A RichText
                # value keeps docxtpl's run property order: docgen's contexts hold none.)
                put_properties_in_schema_order(tree, ("tcPr",))
            xml = etree.tostring(tree, encoding="unicode")
        return (XML_DECLARATION + xml).encode("utf-8")
