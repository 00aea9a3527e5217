"""Build templates/convocation.docx with python-docx: lean styles, one Jinja tag per run."""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "templates" / "convocation.docx"
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
"""(text, flags): flags among b (bold), i (italic), s (small), g (grey), c (blue)."""


def _add(
    container: object,
    runs: list[Run],
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: object = None,
    before: float = 0,
    after: float = 3,
    hanging: bool = False,
    keep_next: bool = False,
) -> Paragraph:
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
    for text, flags in runs:
        run = paragraph.add_run(text)
        run.bold = "b" in flags or None
        run.italic = "i" in flags or None
        if "s" in flags:
            run.font.size = Pt(8.5)
        if "g" in flags:
            run.font.color.rgb = GREY
        if "c" in flags:
            run.font.color.rgb = BLUE
        if "L" in flags:
            run.font.size = Pt(15)
    return paragraph


def _tag(container: object, tag: str) -> None:
    """A paragraph holding only a `{%p … %}` tag: docxtpl removes it from the output."""
    _add(container, [(tag, "")], after=0)


def _rule(paragraph: Paragraph, side: str) -> None:
    """A thin blue line above or below a paragraph."""
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="6" w:space="4" '
            'w:color="8EAADB"/></w:pBdr>'
        )
    )


def _heading(container: object, text: str) -> None:
    _add(container, [(text, "bc")], before=8, after=3, keep_next=True)


def _shade(cell: _Cell, colour: str) -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{colour}"/>')
    )


def _cell_text(cell: _Cell, runs: list[Run], *, after: float = 0) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(after)
    for text, flags in runs:
        run = paragraph.add_run(text)
        run.bold = "b" in flags or None
        run.italic = "i" in flags or None
        if "s" in flags:
            run.font.size = Pt(9)
        if "g" in flags:
            run.font.color.rgb = GREY


def _schedule_table(document: object) -> None:
    widths = [Cm(3.2), Cm(1.7), Cm(8.1), Cm(4.0)]
    table = document.add_table(rows=4, cols=4)  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"))
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    header = table.rows[0]
    header_row_properties = header._tr.get_or_add_trPr()
    header_row_properties.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for cell, title in zip(header.cells, ("Horaire", "Durée", "Épreuve", "Salle"), strict=True):
        _shade(cell, "D9E2F3")
        _cell_text(cell, [(title, "b")])
    _cell_text(table.rows[1].cells[0], [("{%tr for row in day.rows %}", "")])
    cells = table.rows[2].cells
    _cell_text(cells[0], [("{{ row.hours }}", "")])
    _cell_text(cells[1], [("{{ row.duration }}", "")])
    _cell_text(cells[2], [("{{ row.name }}", "b")])
    for text in ("{%p if row.description %}", "{{ row.description }}", "{%p endif %}"):
        paragraph = cells[2].add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        if not text.startswith("{%"):
            run.font.size = Pt(9)
            run.font.color.rgb = GREY
    _cell_text(cells[3], [("{{ row.room }}", "")])
    _cell_text(table.rows[3].cells[0], [("{%tr endfor %}", "")])


def _footer(document: object) -> None:
    section = document.sections[0]  # type: ignore[attr-defined]
    footer = section.footer
    first = footer.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in ("{{ centre.name }}", " – ", "{{ centre.address_inline }}"):
        run = first.add_run(text)
        run.font.size = Pt(8)
        run.font.color.rgb = GREY
    second = footer.add_paragraph()
    second.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in ("Convocation de ", "{{ recipient.name }}", " – candidat n° "):
        run = second.add_run(text)
        run.font.size = Pt(8)
        run.font.color.rgb = GREY
    run = second.add_run("{{ recipient.number }}")
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    run = second.add_run(" – page ")
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    grey_small = '<w:rPr><w:color w:val="595959"/><w:sz w:val="16"/></w:rPr>'
    for instruction, text in (("PAGE", "1"), (None, " / "), ("NUMPAGES", "1")):
        if instruction is None:
            run = second.add_run(text)
            run.font.size = Pt(8)
            run.font.color.rgb = GREY
            continue
        second._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} ">'
                f"<w:r>{grey_small}<w:t>{text}</w:t></w:r></w:fldSimple>"
            )
        )


def _letter(document: object) -> None:
    d = document
    _add(d, [("{{ centre.name }}", "bcL")], after=1)
    _add(d, [("{{ centre.address }}", "g")], after=0)
    _add(d, [("{{ centre.postal_code }}", "g"), (" ", "g"), ("{{ centre.city }}", "g")], after=0)
    _add(d, [("Centre agréé par le ministère chargé de l'emploi", "gi")], after=0)
    _add(
        d,
        [
            ("Responsable de session : ", "g"),
            ("{{ manager.name }}", "g"),
            (" – tél. ", "g"),
            ("{{ manager.phone }}", "g"),
        ],
        after=0,
    )
    _add(d, [("{%p if manager.email %}", "")], after=0)
    _add(d, [("{{ manager.email }}", "g")], after=0)
    _add(d, [("{%p endif %}", "")], after=0)
    _rule(_add(d, [], after=0), "bottom")

    _add(
        d,
        [("{{ recipient.civility }}", ""), (" ", ""), ("{{ recipient.name }}", "b")],
        indent=RIGHT_BLOCK,
        before=22,
        after=0,
    )
    _add(d, [("{{ recipient.address }}", "")], indent=RIGHT_BLOCK, after=0)

    _add(
        d,
        [("{{ issue.place }}", ""), (", le ", ""), ("{{ issue.date }}", "")],
        indent=RIGHT_BLOCK,
        before=22,
        after=10,
    )
    _add(d, [("{{ delivery.text }}", "bs")], after=0)
    _add(d, [("Candidat n° ", "s"), ("{{ recipient.number }}", "bs")], after=0)
    _tag(d, "{%p if session.ceres_number %}")
    _add(d, [("Session CERES n° ", "s"), ("{{ session.ceres_number }}", "s")], after=0)
    _tag(d, "{%p endif %}")
    _add(d, [("Objet : ", "b"), ("{{ objet }}", "b")], before=10, after=10)

    _add(d, [("{{ recipient.salutation }}", ""), (",", "")], after=6)
    _add(
        d,
        [
            ("Nous avons le plaisir de vous convoquer à la session d'examen ", ""),
            ("{{ session.dates }}", ""),
            (" pour ", ""),
            ("{{ session.kind }}", ""),
            (". Merci de vous présenter aux dates, heures et lieu indiqués ci-dessous.", ""),
        ],
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=4,
    )

    _heading(d, "Programme de vos épreuves")
    _tag(d, "{%p for day in days %}")
    _add(
        d,
        [("{{ day.date }}", "bc"), (" – arrivée à ", "b"), ("{{ day.arrival }}", "b")],
        before=4,
        after=0,
        keep_next=True,
    )
    _add(d, [("Lieu : ", "g"), ("{{ day.place }}", "g")], after=3, keep_next=True)
    _schedule_table(d)
    _tag(d, "{%p endfor %}")
    _tag(d, "{%p if timetable_note %}")
    _add(d, [("{{ timetable_note }}", "i")], before=3, after=0)
    _tag(d, "{%p endif %}")

    _heading(d, "À apporter obligatoirement")
    _tag(d, "{%p for item in items_to_bring %}")
    _add(d, [("•\t", "c"), ("{{ item }}", "")], hanging=True, after=1)
    _tag(d, "{%p endfor %}")

    _heading(d, "Consignes")
    for key in ("phone", "lateness", "reglement"):
        _add(
            d,
            [("•\t", "c"), (f"{{{{ rules.{key} }}}}", "")],
            hanging=True,
            after=1,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        )
    _tag(d, "{%p if extra_time %}")
    _add(d, [("•\t", "c"), ("{{ extra_time }}", "b")], hanging=True, after=1)
    _tag(d, "{%p endif %}")

    _add(
        d,
        [
            ("En cas d'empêchement, prévenez au plus tôt le responsable de session, ", ""),
            ("{{ manager.name }}", ""),
            (", au ", ""),
            ("{{ manager.phone }}", ""),
            (".", ""),
        ],
        before=8,
        after=4,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _add(
        d,
        [
            ("Nous vous prions d'agréer, ", ""),
            ("{{ recipient.salutation }}", ""),
            (", l'expression de nos salutations distinguées.", ""),
        ],
        after=10,
    )
    _add(d, [("Le responsable de session,", "")], indent=RIGHT_BLOCK, after=26, keep_next=True)
    _add(d, [("{{ manager.name }}", "b")], indent=RIGHT_BLOCK, after=8)

    _tag(d, "{%p if delivery.by_hand %}")
    receipt = _add(d, [("Remise en main propre contre signature", "b")], before=10, after=4)
    _rule(receipt, "top")
    _add(
        d,
        [("Reçue le : …… / …… / ………", ""), ("\tSignature du candidat :", "")],
        after=36,
    ).paragraph_format.tab_stops.add_tab_stop(RIGHT_BLOCK)
    _tag(d, "{%p endif %}")


def _prune(document: object) -> None:
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


def build() -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = Cm(1.6)
    section.bottom_margin = Cm(1.8)
    section.footer_distance = Cm(0.8)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    language = normal.element.get_or_add_rPr()
    language.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="fr-FR" w:eastAsia="fr-FR"/>'))
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.05
    _letter(document)
    _footer(document)
    _prune(document)
    core = document.core_properties
    core.author = core.last_modified_by = "docgen"
    core.title = "Convocation à une session d'examen"
    core.comments = "Modèle de convocation rempli par docgen."
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


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(build())
    print(f"{TARGET.relative_to(ROOT)} écrit ({TARGET.stat().st_size} octets).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
