"""The récépissé de remise en main propre (docgen/templates/recepisse.docx), one per candidate."""

from __future__ import annotations

from centre_blocks import letterhead
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from docx_kit import add_paragraph, build_document
from docx_tables import add_borders, cell_text


def _receipt(document: object) -> None:
    d = document
    letterhead(d)
    add_paragraph(
        d,
        [("Récépissé de remise en main propre", "bcL")],
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=18,
        after=12,
    )
    add_paragraph(
        d,
        [
            ("Je soussigné(e) ", ""),
            ("{{ candidate.name }}", "b"),
            (", né(e) le ", ""),
            ("{{ candidate.birth_date }}", ""),
            (", demeurant ", ""),
            ("{{ candidate.address }}", ""),
            (", candidat n° ", ""),
            ("{{ candidate.number }}", "b"),
            (
                ", reconnais avoir reçu en main propre ma convocation à la session d'examen pour ",
                "",
            ),
            ("{{ session.kind }}", ""),
            (" ", ""),
            ("{{ session.dates }}", ""),
            (".", ""),
        ],
        after=8,
    )
    add_paragraph(
        d,
        [("Document remis : ", ""), ("{{ convocation }}", "b"), (".", "")],
        after=8,
    )
    add_paragraph(
        d,
        [
            ("(À remettre au plus tard le ", "g"),
            ("{{ leave_by }}", "g"),
            (", date limite d'envoi des convocations).", "g"),
        ],
        after=14,
    )
    add_paragraph(d, [("Remise faite le ……… / ……… / ………… à ……… h ………", "")], after=18)
    table = d.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
    add_borders(table)
    for row in table.rows:
        for cell in row.cells:
            cell.width = Cm(8.5)
    cell_text(table.rows[0].cells[0], [("Le candidat", "b")])
    cell_text(table.rows[0].cells[1], [("Pour le centre", "b")])
    cell_text(table.rows[1].cells[0], [("Signature", "sg")])
    cell_text(table.rows[1].cells[1], [("Nom, qualité et signature", "sg")])
    table.rows[1].height = Cm(3.2)
    add_paragraph(
        d,
        [("Établi en deux exemplaires : un pour le candidat, un conservé par le centre.", "sg")],
        before=10,
    )


NAME = "recepisse.docx"


def build() -> bytes:
    return build_document(
        _receipt,
        title="Récépissé de remise en main propre",
        comments="Modèle du récépissé de remise en main propre rempli par docgen.",
    )
