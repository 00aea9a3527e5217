"""The feuille d'émargement of one half-day (templates/emargement.docx): candidates, then jurors."""

from __future__ import annotations

from centre_blocks import sheet_heading
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx_kit import add_paragraph, build_document, heading, tag_paragraph
from docx_tables import BOX, LOOP_ROW, fill_row, loop_table


def _sheet(document: object) -> None:
    d = document
    sheet_heading(
        d,
        [
            ("Feuille d'émargement – ", ""),
            ("{{ half_day.date }}", ""),
            (" – ", ""),
            ("{{ half_day.part }}", ""),
        ],
    )
    heading(d, "Candidats attendus")
    tag_paragraph(d, "{%p if candidates %}")
    table = loop_table(
        d,
        ["N° candidat", "Nom Prénom", "Arrivée prévue", "Heure d'arrivée", "Signature", "Absent"],
        [2.2, 4.9, 2.2, 2.2, 4.3, 1.4],
        "for candidate in candidates",
    )
    fill_row(
        table,
        LOOP_ROW,
        ["{{ candidate.number }}", "{{ candidate.name }}", "{{ candidate.arrival }}", "", "", BOX],
        height=1.0,
    )
    tag_paragraph(d, "{%p else %}")
    add_paragraph(d, [("Aucun candidat n'est attendu cette demi-journée.", "i")])
    tag_paragraph(d, "{%p endif %}")

    heading(d, "Membres du jury")
    tag_paragraph(d, "{%p if jurors %}")
    table = loop_table(
        d,
        ["Nom Prénom", "Rôle", "Heure d'arrivée", "Signature"],
        [5.0, 5.8, 2.2, 4.2],
        "for juror in jurors",
    )
    fill_row(table, LOOP_ROW, ["{{ juror.name }}", "{{ juror.role }}", "", ""], height=1.0)
    for row in table.rows:  # the jury's rows and the attestation move to a page together
        row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    tag_paragraph(d, "{%p else %}")
    add_paragraph(d, [("Aucun membre du jury n'est attendu cette demi-journée.", "i")])
    tag_paragraph(d, "{%p endif %}")

    add_paragraph(
        d,
        [
            ("Le responsable de session, ", ""),
            ("{{ manager.name }}", "b"),
            (", atteste l'exactitude de cette feuille.", ""),
        ],
        before=12,
        after=2,
        keep_next=True,
    )
    add_paragraph(d, [("Signature :", "")], after=30, size=10.5)


NAME = "emargement.docx"


def build() -> bytes:
    return build_document(
        _sheet,
        title="Feuille d'émargement",
        comments="Modèle de feuille d'émargement par demi-journée rempli par docgen.",
    )
