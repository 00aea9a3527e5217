"""The rétroplanning (templates/retroplanning.docx): one A4 page, deadlines and their status."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx_kit import add_paragraph, build_document, rule, small_grey_footer
from docx_tables import BLUE_BORDER, LOOP_ROW, fill_row_paragraphs, loop_table


def _header(d: object) -> None:
    add_paragraph(d, [("{{ centre.name }}", "bcL")], after=0)
    add_paragraph(d, [("{{ centre.address_inline }}", "g")], after=0)
    rule(add_paragraph(d, [], after=0), "bottom")
    add_paragraph(d, [("Rétroplanning de la session d'examen", "bcL")], before=10, after=2)
    add_paragraph(
        d,
        [
            ("Session d'examen ", "b"),
            ("{{ session.dates }}", "b"),
            (" pour ", ""),
            ("{{ session.kind }}", ""),
        ],
        after=0,
    )
    add_paragraph(
        d,
        [
            ("Ouverture (J) : ", "g"),
            ("{{ d_day }}", "g"),
            (" – lieu : ", "g"),
            ("{{ session.place }}", "g"),
        ],
        after=0,
    )
    add_paragraph(
        d,
        [
            ("Responsable de session : ", "g"),
            ("{{ manager.name }}", "g"),
            (" – tél. ", "g"),
            ("{{ manager.phone }}", "g"),
            ("{%r if session.ceres_number %}", ""),
            (" – session CERES n° ", "g"),
            ("{{ session.ceres_number }}", "g"),
            ("{%r endif %}", ""),
        ],
        after=8,
    )
    add_paragraph(
        d,
        [("Situation au ", "b"), ("{{ as_of }}", "b"), (" : ", "b"), ("{{ summary }}", "")],
        after=6,
    )


def _table(d: object) -> None:
    table = loop_table(
        d,
        ["Échéance", "À faire", "Fait le", "Statut"],
        [3.9, 7.0, 3.5, 2.6],
        "for row in rows",
        border=BLUE_BORDER,
    )
    fill_row_paragraphs(
        table,
        LOOP_ROW,
        [
            [
                [("{{ row.due }}", "bs")],
                [("{{ row.offset }}", "g")],
                [("{%p if row.moved %}", "")],
                [("{{ row.moved }}", "gis")],
                [("{%p endif %}", "")],
            ],
            [[("{{ row.action }}", "b")], [("{{ row.detail }}", "gs")]],
            [
                [("{{ row.done }}", "")],
                [("{%p if row.hint %}", "")],
                [("{{ row.hint }}", "gis")],
                [("{%p endif %}", "")],
            ],
            [
                [("{% cellbg row.colour %}", ""), ("{{ row.status }}", "b")],
                [("{{ row.status_detail }}", "s")],
            ],
        ],
    )


def _notes(d: object) -> None:
    for text in (
        "J est le premier jour des épreuves ; J−31 se compte en jours calendaires. Une échéance "
        "qui tombe un samedi, un dimanche ou un jour férié est avancée au jour ouvré précédent.",
        "« Fait le » reprend les dates du classeur (feuille Session ; « Vérifié le » de la "
        "feuille Matériel). Une date encore à venir y est indiquée comme prévue.",
        "Le fichier retroplanning.ics place ces échéances dans un agenda, avec un rappel une "
        "semaine avant et le jour même.",
    ):
        add_paragraph(d, [(text, "gs")], align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=2, after=0)


def _retroplanning(document: object) -> None:
    _header(document)
    _table(document)
    add_paragraph(document, [], after=4)
    _notes(document)
    small_grey_footer(
        document,
        [["{{ centre.name }}", " – rétroplanning au ", "{{ as_of }}"]],
        page_numbers=False,
    )


NAME = "retroplanning.docx"


def build() -> bytes:
    return build_document(
        _retroplanning,
        title="Rétroplanning d'une session d'examen",
        comments="Modèle de rétroplanning rempli par docgen.",
    )
