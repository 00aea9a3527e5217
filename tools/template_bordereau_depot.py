"""The bordereau de dépôt (docgen/templates/bordereau_depot.docx): the registered letters."""

from __future__ import annotations

from centre_blocks import sheet_heading
from docx.shared import Cm
from docx_kit import add_paragraph, build_document, heading
from docx_tables import LOOP_ROW, add_borders, cell_text, fill_row, loop_table


def _bordereau(document: object) -> None:
    d = document
    sheet_heading(d, [("Bordereau de dépôt – lettres recommandées", "")], size=15)
    add_paragraph(
        d,
        [
            ("{{ count }}", "b"),
            (
                " convocation(s) en lettre recommandée avec accusé de réception, à déposer au "
                "bureau de poste au plus tard le ",
                "",
            ),
            ("{{ leave_by }}", "b"),
            (".", ""),
        ],
        before=4,
        after=6,
    )
    table = loop_table(
        d,
        ["N°", "N° de recommandé", "Destinataire", "Adresse"],
        [1.0, 3.8, 4.6, 7.6],
        "for letter in letters",
    )
    fill_row(
        table,
        LOOP_ROW,
        [
            "{{ letter.rank }}",
            "{{ letter.number }}",
            "{{ letter.recipient }}",
            "{{ letter.address }}",
        ],
        height=0.8,
    )
    heading(d, "Dépôt")
    stamp = d.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    add_borders(stamp)
    for cell in stamp.rows[0].cells:
        cell.width = Cm(8.5)
    cell_text(stamp.rows[0].cells[0], [("Déposé par (nom, date, signature)", "bs")])
    cell_text(stamp.rows[0].cells[1], [("Cachet de La Poste", "bs")])
    stamp.rows[0].height = Cm(3.2)


NAME = "bordereau_depot.docx"


def build() -> bytes:
    return build_document(
        _bordereau,
        title="Bordereau de dépôt",
        comments="Modèle du bordereau de dépôt des lettres recommandées rempli par docgen.",
    )
