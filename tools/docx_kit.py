"""Building blocks shared by the template builders: paragraphs, tables, pages, saving."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.text.paragraph import Paragraph

from docgen.documents.schema_order import put_properties_in_schema_order

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "docgen" / "templates"  # shipped inside the package
FONT = "Calibri"  # metric-compatible with Carlito, which LibreOffice uses when Calibri is absent
BLUE = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x59, 0x59, 0x59)
RIGHT_BLOCK = Cm(9.5)  # where French window envelopes show the recipient's address
STAMP = (2026, 1, 1, 0, 0, 0)
DROPPED_PARTS = {
    RT.NUMBERING,
    RT.WEB_SETTINGS,
    RT.CUSTOM_XML,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
}
KEPT_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}

Run = tuple[str, str]
"""(text, flags): flags among b (bold), i (italic), s (small), g (grey), c (blue), L (large)."""
SMALL = Pt(8.5)


def write_runs(paragraph: Paragraph, runs: list[Run], *, small: Length = SMALL) -> None:
    """Append each run to `paragraph`, formatted by its flags."""
    for text, flags in runs:
        run = paragraph.add_run(text)
        run.bold = "b" in flags or None
        run.italic = "i" in flags or None
        if "s" in flags:
            run.font.size = small
        if "g" in flags:
            run.font.color.rgb = GREY
        if "c" in flags:
            run.font.color.rgb = BLUE
        if "L" in flags:
            run.font.size = Pt(15)


def add_paragraph(
    container: object,
    runs: list[Run],
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: object = None,
    before: float = 0,
    after: float = 3,
    hanging: bool = False,
    keep_next: bool = False,
    size: float = 0,
) -> Paragraph:
    """A paragraph of `runs` added to `container`; `size` (pt), if given, sets every run's size."""
    paragraph: Paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if align is not None:
        paragraph.alignment = align
    if indent is not None:
        fmt.left_indent = indent
    if hanging:
        fmt.left_indent = Cm(0.6)
        fmt.first_line_indent = Cm(-0.6)
        fmt.tab_stops.add_tab_stop(Cm(0.6))
    if keep_next:
        fmt.keep_with_next = True
    write_runs(paragraph, runs)
    if size:
        for run in paragraph.runs:
            run.font.size = Pt(size)
    return paragraph


def tag_paragraph(container: object, tag: str) -> None:
    """A paragraph holding only a `{%p … %}` tag: docxtpl removes it from the output."""
    add_paragraph(container, [(tag, "")], after=0)


def rule(paragraph: Paragraph, side: str) -> None:
    """A thin blue line above or below a paragraph."""
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="6" w:space="4" '
            'w:color="8EAADB"/></w:pBdr>'
        )
    )


def heading(container: object, text: str) -> None:
    add_paragraph(container, [(text, "bc")], before=8, after=3, keep_next=True)


def small_grey_footer(document: object, lines: list[list[str]], *, page_numbers: bool) -> None:
    """Centred small grey footer lines; the last one may end with « page n / N »."""
    footer = document.sections[0].footer  # type: ignore[attr-defined]
    for index, texts in enumerate(lines):
        paragraph = footer.paragraphs[0] if index == 0 else footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text in texts:
            run = paragraph.add_run(text)
            run.font.size = Pt(8)
            run.font.color.rgb = GREY
    if not page_numbers:
        return
    grey_small = '<w:rPr><w:color w:val="595959"/><w:sz w:val="16"/></w:rPr>'
    last = footer.paragraphs[-1]
    for instruction, text in ((None, " – page "), ("PAGE", "1"), (None, " / "), ("NUMPAGES", "1")):
        if instruction is None:
            run = last.add_run(text)
            run.font.size = Pt(8)
            run.font.color.rgb = GREY
            continue
        last._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} ">'
                f"<w:r>{grey_small}<w:t>{text}</w:t></w:r></w:fldSimple>"
            )
        )


def prune(document: object) -> None:
    """Drop what python-docx's default template carries and the letter never uses (~800 KB)."""
    styles = document.styles.element  # type: ignore[attr-defined]
    for child in list(styles):
        unused_style = child.tag == qn("w:style") and child.get(qn("w:styleId")) not in KEPT_STYLES
        if child.tag == qn("w:latentStyles") or unused_style:
            styles.remove(child)
    part = document.part  # type: ignore[attr-defined]
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype in DROPPED_PARTS:
            part.drop_rel(rel_id)
    package_rels = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]


def schema_valid(document: object) -> None:
    """What python-docx leaves out of schema order or incomplete, put right for Word."""
    put_properties_in_schema_order(document.element)  # type: ignore[attr-defined]
    for section in document.sections:  # type: ignore[attr-defined]
        for part in (section.header, section.footer):
            if part.is_linked_to_previous:
                continue
            put_properties_in_schema_order(part._element)
    settings = document.settings.element  # type: ignore[attr-defined]
    for zoom in settings.iter(qn("w:zoom")):
        zoom.set(qn("w:percent"), "100")  # required by the schema; python-docx's default lacks it


def build_document(
    fill: Callable[[object], None],
    *,
    title: str,
    comments: str,
    landscape: bool = False,
    font_size: float = 10.5,
    styles: Sequence[str] = (),
) -> bytes:
    """A lean A4 document filled by `fill`, saved with fixed timestamps (identical rebuilds).

    `styles`: `<w:style>` elements of the template's own (without namespace declarations)."""
    document = Document()
    section = document.sections[0]
    if landscape:
        from docx.enum.section import WD_ORIENT

        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
    else:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2) if not landscape else Cm(1.5)
    section.top_margin = Cm(1.6) if not landscape else Cm(1.3)
    section.bottom_margin = Cm(1.8) if not landscape else Cm(1.3)
    section.footer_distance = Cm(0.8)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(font_size)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    language = normal.element.get_or_add_rPr()
    language.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="fr-FR" w:eastAsia="fr-FR"/>'))
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.05
    fill(document)
    prune(document)
    for style in styles:
        declared = style.replace("<w:style ", f"<w:style {nsdecls('w')} ", 1)
        document.styles.element.append(parse_xml(declared))
    schema_valid(document)
    core = document.core_properties
    core.author = core.last_modified_by = "docgen"
    core.title = title
    core.comments = comments
    core.created = core.modified = datetime(*STAMP)
    core.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def write_template(name: str, content: bytes) -> int:
    """Write `docgen/templates/<name>` and say so; the exit code of a builder script."""
    target = TEMPLATES / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    print(f"{target.relative_to(ROOT)} écrit ({len(content)} octets).")
    return 0
