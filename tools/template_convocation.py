"""The convocation template (templates/convocation.docx): a letter, one Jinja tag per run."""

from __future__ import annotations

from centre_blocks import letterhead, manager_signature
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx_kit import (
    GREY,
    RIGHT_BLOCK,
    add_paragraph,
    build_document,
    heading,
    rule,
    small_grey_footer,
    tag_paragraph,
)
from docx_tables import BLUE_BORDER, LOOP_ROW, cell_text, fill_row, loop_table


def _schedule_table(document: object) -> None:
    table = loop_table(
        document,
        ["Horaire", "Durée", "Épreuve", "Salle"],
        [3.2, 1.7, 8.1, 4.0],
        "for row in day.rows",
        border=BLUE_BORDER,
        header_flags="b",
    )
    fill_row(table, LOOP_ROW, ["{{ row.hours }}", "{{ row.duration }}", "", "{{ row.room }}"])
    step = table.rows[LOOP_ROW].cells[2]
    cell_text(step, [("{{ row.name }}", "b")])
    for text in ("{%p if row.description %}", "{{ row.description }}", "{%p endif %}"):
        paragraph = step.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        if not text.startswith("{%"):
            run.font.size = Pt(9)
            run.font.color.rgb = GREY


CONSIGNES = (
    "Les téléphones portables et tout appareil connecté sont interdits pendant les épreuves "
    "(éteints et rangés), sauf si le référentiel d'évaluation du titre les autorise.",
    "Un candidat en retard peut être admis à composer, mais l'heure de fin de l'épreuve "
    "n'est pas reportée.",
    "Le règlement général des sessions d'examen (arrêté du 21 juillet 2016) est affiché sur "
    "le lieu des épreuves et vous est remis sur simple demande.",
)


def _letter(document: object) -> None:
    d = document
    letterhead(d)

    add_paragraph(
        d,
        [("{{ recipient.civility }}", ""), (" ", ""), ("{{ recipient.name }}", "b")],
        indent=RIGHT_BLOCK,
        before=22,
        after=0,
    )
    add_paragraph(d, [("{{ recipient.address }}", "")], indent=RIGHT_BLOCK, after=0)

    add_paragraph(
        d,
        [("{{ issue.place }}", ""), (", le ", ""), ("{{ issue.date }}", "")],
        indent=RIGHT_BLOCK,
        before=22,
        after=10,
    )
    add_paragraph(d, [("{{ delivery.text }}", "bs")], after=0)
    add_paragraph(d, [("Candidat n° ", "s"), ("{{ recipient.number }}", "bs")], after=0)
    tag_paragraph(d, "{%p if session.ceres_number %}")
    add_paragraph(d, [("Session CERES n° ", "s"), ("{{ session.ceres_number }}", "s")], after=0)
    tag_paragraph(d, "{%p endif %}")
    add_paragraph(d, [("Objet : ", "b"), ("{{ objet }}", "b")], before=10, after=10)

    add_paragraph(d, [("{{ recipient.salutation }}", ""), (",", "")], after=6)
    add_paragraph(
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

    heading(d, "Programme de vos épreuves")
    tag_paragraph(d, "{%p for day in days %}")
    add_paragraph(
        d,
        [("{{ day.date }}", "bc"), (" – arrivée à ", "b"), ("{{ day.arrival }}", "b")],
        before=4,
        after=0,
        keep_next=True,
    )
    add_paragraph(d, [("Lieu : ", "g"), ("{{ day.place }}", "g")], after=3, keep_next=True)
    _schedule_table(d)
    tag_paragraph(d, "{%p endfor %}")
    tag_paragraph(d, "{%p if timetable_note %}")
    add_paragraph(d, [("{{ timetable_note }}", "i")], before=3, after=0)
    tag_paragraph(d, "{%p endif %}")

    heading(d, "À apporter obligatoirement")
    tag_paragraph(d, "{%p for item in items_to_bring %}")
    add_paragraph(d, [("•\t", "c"), ("{{ item }}", "")], hanging=True, after=1)
    tag_paragraph(d, "{%p endfor %}")

    heading(d, "Consignes")
    # The consignes, written in the template (the centre edits them in Word), stay with the
    # closing and the signature: a second page never holds the signature alone.
    for consigne in CONSIGNES:
        add_paragraph(
            d,
            [("•\t", "c"), (consigne, "")],
            hanging=True,
            after=1,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            keep_next=True,
        )
    tag_paragraph(d, "{%p if extra_time %}")
    add_paragraph(
        d, [("•\t", "c"), ("{{ extra_time }}", "b")], hanging=True, after=1, keep_next=True
    )
    tag_paragraph(d, "{%p endif %}")

    add_paragraph(
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
        keep_next=True,  # never a page holding only the closing formula and the signature
    )
    add_paragraph(
        d,
        [
            ("Nous vous prions d'agréer, ", ""),
            ("{{ recipient.salutation }}", ""),
            (", l'expression de nos salutations distinguées.", ""),
        ],
        after=10,
        keep_next=True,
    )
    manager_signature(d)

    tag_paragraph(d, "{%p if delivery.by_hand %}")
    receipt = add_paragraph(
        d, [("Remise en main propre contre signature", "b")], before=10, after=4
    )
    rule(receipt, "top")
    add_paragraph(
        d,
        [("Reçue le : …… / …… / ………", ""), ("\tSignature du candidat :", "")],
        after=36,
    ).paragraph_format.tab_stops.add_tab_stop(RIGHT_BLOCK)
    tag_paragraph(d, "{%p endif %}")


def _convocation(document: object) -> None:
    _letter(document)
    small_grey_footer(
        document,
        [
            ["{{ centre.name }}", " – ", "{{ centre.address_inline }}"],
            [
                "Convocation de ",
                "{{ recipient.name }}",
                " – candidat n° ",
                "{{ recipient.number }}",
            ],
        ],
        page_numbers=True,
    )


NAME = "convocation.docx"


def build() -> bytes:
    return build_document(
        _convocation,
        title="Convocation à une session d'examen",
        comments="Modèle de convocation rempli par docgen.",
    )
