"""The juror's invitation (templates/invitation.docx): a letter, one Jinja tag per run."""

from __future__ import annotations

from centre_blocks import letterhead, manager_signature
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx_kit import (
    RIGHT_BLOCK,
    add_paragraph,
    build_document,
    heading,
    small_grey_footer,
    tag_paragraph,
)
from docx_tables import BLUE_BORDER, LOOP_ROW, fill_row_paragraphs, loop_table


def _address_block(d: object) -> None:
    add_paragraph(
        d,
        [("{{ recipient.civility }}", ""), (" ", ""), ("{{ recipient.name }}", "b")],
        indent=RIGHT_BLOCK,
        before=22,
        after=0,
    )
    tag_paragraph(d, "{%p if recipient.company %}")
    add_paragraph(d, [("{{ recipient.company }}", "")], indent=RIGHT_BLOCK, after=0)
    tag_paragraph(d, "{%p endif %}")
    add_paragraph(d, [("{{ recipient.address }}", "")], indent=RIGHT_BLOCK, after=0)
    add_paragraph(
        d,
        [("{{ issue.place }}", ""), (", le ", ""), ("{{ issue.date }}", "")],
        indent=RIGHT_BLOCK,
        before=18,
        after=10,
    )
    tag_paragraph(d, "{%p if session.ceres_number %}")
    add_paragraph(d, [("Session CERES n° ", "s"), ("{{ session.ceres_number }}", "s")], after=0)
    tag_paragraph(d, "{%p endif %}")
    add_paragraph(d, [("Objet : ", "b"), ("{{ objet }}", "b")], before=6, after=10)


def _schedule(d: object) -> None:
    heading(d, "Vos journées de jury")
    tag_paragraph(d, "{%p for day in days %}")
    add_paragraph(
        d,
        [("{{ day.date }}", "bc"), (" – ", "b"), ("{{ day.hours }}", "b")],
        before=4,
        after=0,
        keep_next=True,
    )
    add_paragraph(d, [("Lieu : ", "g"), ("{{ day.place }}", "g")], after=3, keep_next=True)
    table = loop_table(
        d,
        ["Horaire", "Étapes", "Salle", "Candidats n°"],
        [2.9, 6.4, 3.8, 3.9],
        "for row in day.rows",
        border=BLUE_BORDER,
    )
    fill_row_paragraphs(
        table,
        LOOP_ROW,
        [
            [[("{{ row.hours }}", "s")]],
            [[("{{ row.steps }}", "s")]],
            [[("{{ row.room }}", "s")]],
            [[("{{ row.candidates }}", "s")]],
        ],
    )
    tag_paragraph(d, "{%p endfor %}")
    tag_paragraph(d, "{%p if fellow_jurors %}")
    add_paragraph(
        d,
        [("Vous siégerez avec : ", ""), ("{{ fellow_jurors }}", "")],
        before=4,
        after=0,
    )
    tag_paragraph(d, "{%p endif %}")


def _candidates(d: object) -> None:
    heading(d, "Candidats que vous évaluerez – CONFIDENTIEL")
    add_paragraph(
        d,
        [
            (
                "Ces informations vous sont communiquées à titre strictement confidentiel, "
                "pour vous permettre de vérifier votre impartialité ; ne les diffusez pas. "
                "Si vous avez ou avez eu un lien avec l'un de ces candidats ou avec son "
                "entreprise (employeur, entreprise d'accueil en stage ou en alternance, "
                "formation ou accompagnement du candidat, lien personnel ou familial), "
                "signalez-le au responsable de session ",
                "",
            ),
            ("{{ reply_by }}", "b"),
            (
                " : vous ne pourrez ni l'évaluer ni délibérer sur son cas, "
                "et nous adapterons la composition du jury.",
                "",
            ),
        ],
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=4,
    )
    table = loop_table(
        d,
        ["N° candidat", "Nom Prénom", "Entreprise(s)"],
        [2.9, 5.6, 8.5],
        "for candidate in candidates",
        border=BLUE_BORDER,
    )
    fill_row_paragraphs(
        table,
        LOOP_ROW,
        [
            [[("{{ candidate.number }}", "s")]],
            [[("{{ candidate.name }}", "bs")]],
            [[("{{ candidate.companies }}", "s")]],
        ],
    )


def _leave(d: object) -> None:
    tag_paragraph(d, "{%p if salaried %}")
    heading(d, "Autorisation d'absence (juré salarié)")
    add_paragraph(
        d,
        [
            (
                "En application des articles L3142-42 et suivants du Code du travail, "
                "votre employeur vous accorde une autorisation d'absence pour participer "
                "à ce jury d'examen. Adressez-lui votre demande par écrit au moins 15 jours "
                "avant votre première journée, soit au plus tard le ",
                "",
            ),
            ("{{ leave_deadline }}", "b"),
            (
                ", en y joignant la présente lettre : elle précise les dates, les horaires "
                "et le lieu de votre participation.",
                "",
            ),
        ],
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=4,
    )
    tag_paragraph(d, "{%p endif %}")


def _closing(d: object) -> None:
    heading(d, "Impartialité et confidentialité")
    add_paragraph(
        d,
        [
            (
                "Les membres du jury évaluent les candidats en toute impartialité et sont "
                "tenus au secret des sujets, des délibérations et des résultats, qui ne "
                "deviennent officiels qu'après leur validation par l'unité départementale de "
                "la DREETS.",
                "",
            )
        ],
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=4,
    )
    heading(d, "Votre réponse")
    add_paragraph(
        d,
        [
            ("Merci de nous confirmer votre participation ", ""),
            ("{{ reply_by }}", "b"),
            (" auprès de ", ""),
            ("{{ manager.name }}", ""),
            (", responsable de session, au ", ""),
            ("{{ manager.phone }}", ""),
            ("{%r if manager.email %}", ""),
            (" ou à ", ""),
            ("{{ manager.email }}", ""),
            ("{%r endif %}", ""),
            (
                ". Le fichier d'agenda (.ics) joint à ce courrier place vos journées dans "
                "votre agenda ; s'il vous est renvoyé, il met à jour les mêmes rendez-vous.",
                "",
            ),
        ],
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=6,
        keep_next=True,  # never a page holding only the closing formula and the signature
    )
    add_paragraph(
        d,
        [
            ("Nous vous remercions de votre engagement et vous prions d'agréer, ", ""),
            ("{{ recipient.salutation }}", ""),
            (", l'expression de nos salutations distinguées.", ""),
        ],
        after=10,
        keep_next=True,
    )
    manager_signature(d)


def _invitation(document: object) -> None:
    d = document
    letterhead(d)
    _address_block(d)
    add_paragraph(d, [("{{ recipient.salutation }}", ""), (",", "")], after=6)
    add_paragraph(
        d,
        [
            ("Nous avons le plaisir de vous inviter à siéger en qualité de membre du jury ", ""),
            ("de la session d'examen ", ""),
            ("{{ session.dates }}", ""),
            (" pour ", ""),
            ("{{ session.kind }}", ""),
            (", au lieu et aux horaires indiqués ci-dessous.", ""),
        ],
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=4,
    )
    _schedule(d)
    _candidates(d)
    _leave(d)
    _closing(d)
    small_grey_footer(
        d,
        [
            ["{{ centre.name }}", " – ", "{{ centre.address_inline }}"],
            ["Invitation de ", "{{ recipient.name }}", " – document confidentiel"],
        ],
        page_numbers=True,
    )


NAME = "invitation.docx"


def build() -> bytes:
    return build_document(
        _invitation,
        title="Invitation à siéger dans un jury d'examen",
        comments="Modèle d'invitation des jurés rempli par docgen.",
    )
