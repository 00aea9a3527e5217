"""The equipment and rooms checklist (templates/checklist.docx), A4 landscape."""

from __future__ import annotations

from centre_blocks import sheet_heading
from docx_kit import add_paragraph, build_document, heading, tag_paragraph
from docx_tables import LOOP_ROW, fill_row, loop_table


def _equipment(document: object) -> None:
    d = document
    heading(d, "Matériel fourni par le centre (DTE organisateur)")
    add_paragraph(
        d,
        [
            ("Quantité nécessaire calculée pour le plus grand groupe : ", "s"),
            ("{{ largest_group }}", "bs"),
            (" candidats à la fois.", "s"),
        ],
        after=3,
    )
    table = loop_table(
        d,
        [
            "Matériel",
            "Réf. DTE",
            "Nécessaire",
            "Disponible",
            "État (classeur)",
            "Opérationnel",
            "Vérifié par",
            "Le",
            "Signature",
        ],
        [6.4, 2.0, 2.6, 2.0, 3.2, 2.6, 3.2, 1.9, 2.8],
        "for item in equipment",
    )
    fill_row(
        table,
        LOOP_ROW,
        [
            "{{ item.name }}",
            "{{ item.reference }}",
            "{{ item.needed }}",
            "{{ item.available }}",
            "{{ item.state }}",
            "☐ oui  ☐ non",
            "",
            "",
            "",
        ],
        height=0.7,
    )
    row = table.rows[LOOP_ROW].cells
    add_paragraph(row[2], [("{{ item.basis }}", "sg")], after=0)
    add_paragraph(row[4], [("{{ item.last_check }}", "sg")], after=0)
    tag_paragraph(d, "{%p if brought %}")
    add_paragraph(
        d, [("À contrôler à l'accueil, apporté par chaque candidat : ", "b")], before=6, after=1
    )
    tag_paragraph(d, "{%p for item in brought %}")
    add_paragraph(d, [("☐\t", "c"), ("{{ item }}", "")], hanging=True, after=0)
    tag_paragraph(d, "{%p endfor %}")
    tag_paragraph(d, "{%p endif %}")


def _rooms(document: object) -> None:
    d = document
    heading(d, "Salles")
    table = loop_table(
        d,
        [
            "Salle",
            "Type",
            "Capacité",
            "Confidentielle (classeur)",
            "Confidentialité vérifiée",
            "Prête",
            "Vérifié par",
            "Le",
            "Signature",
        ],
        [6.0, 2.6, 1.9, 2.9, 3.3, 2.6, 3.2, 1.9, 2.3],
        "for room in rooms",
    )
    fill_row(
        table,
        LOOP_ROW,
        [
            "{{ room.name }}",
            "{{ room.type }}",
            "{{ room.capacity }}",
            "{{ room.confidential }}",
            "{{ room.confidentiality_check }}",
            "☐ oui  ☐ non",
            "",
            "",
            "",
        ],
        height=0.7,
    )


def _checklist(document: object) -> None:
    d = document
    sheet_heading(d, [("Vérification du matériel et des salles", "")])
    add_paragraph(
        d,
        [
            ("À faire au plus tard le ", ""),
            ("{{ check_by }}", "b"),
            (
                " : le matériel doit être disponible et en état de marche pendant toute "
                "la session, et les salles d'entretien doivent préserver la confidentialité.",
                "",
            ),
        ],
        after=2,
    )
    _equipment(d)
    _rooms(d)
    add_paragraph(
        d,
        [("Le responsable de session, ", ""), ("{{ manager.name }}", "b"), (" – signature :", "")],
        before=10,
        after=24,
    )


NAME = "checklist.docx"


def build() -> bytes:
    return build_document(
        _checklist,
        title="Vérification du matériel et des salles",
        comments="Modèle de liste de vérification du matériel et des salles rempli par docgen.",
        landscape=True,
        font_size=10,
    )
