"""The register of sending (docgen/templates/envois.docx): convocations and invitations to send."""

from __future__ import annotations

from centre_blocks import sheet_heading
from docx_kit import add_paragraph, build_document, small_grey_footer, tag_paragraph
from docx_tables import LOOP_ROW, fill_row, loop_table


def _register(document: object) -> None:
    d = document
    sheet_heading(d, [("Registre des envois", "")])
    add_paragraph(
        d,
        [
            ("État au ", "g"),
            ("{{ as_of }}", "g"),
            (
                ". Notez la date d'envoi et celle de l'accusé de réception : ce registre est la "
                "preuve de l'envoi demandée lors d'un contrôle.",
                "g",
            ),
        ],
        after=4,
    )
    tag_paragraph(d, "{%p if missing_numbers %}")
    add_paragraph(
        d,
        [
            ("{{ missing_numbers }}", "b"),
            (
                " convocation(s) en recommandé sans numéro : complétez la colonne "
                "« N° recommandé » du classeur.",
                "b",
            ),
        ],
        after=4,
    )
    tag_paragraph(d, "{%p endif %}")
    table = loop_table(
        d,
        [
            "Document",
            "Destinataire",
            "Adresse",
            "Mode",
            "N° recommandé",
            "À envoyer au plus tard le",
            "Envoyé le",
            "Accusé reçu le",
        ],
        [3.4, 4.0, 6.4, 2.2, 3.4, 2.4, 2.2, 2.2],
        "for line in lines",
    )
    fill_row(
        table,
        LOOP_ROW,
        [
            "{{ line.document }}",
            "{{ line.recipient }}",
            "{{ line.address }}",
            "{{ line.mode }}",
            "{{ line.number }}",
            "{{ line.leave_by }}",
            "",
            "",
        ],
        height=0.9,
    )
    small_grey_footer(d, [["{{ centre.name }} – registre des envois"]], page_numbers=True)


NAME = "envois.docx"


def build() -> bytes:
    return build_document(
        _register,
        title="Registre des envois",
        comments="Modèle du registre des envois (convocations, invitations) rempli par docgen.",
        landscape=True,
        font_size=9,
    )
