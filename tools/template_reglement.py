"""The règlement de session poster (templates/reglement.docx): large type, A4 portrait."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx_kit import add_paragraph, build_document, rule, tag_paragraph

RULES: list[tuple[str, str, str]] = [
    # (condition, heading, text): a rule with a condition shows only when the session calls for
    # it; the text may hold tags. Every sentence specific to a kind of épreuve is conditional.
    (
        "",
        "Contrôle d'identité",
        "Présentez-vous à l'accueil avec l'original d'une pièce d'identité en cours de validité "
        "et votre convocation. Votre identité est vérifiée et vous signez la feuille "
        "d'émargement à chaque demi-journée.",
    ),
    (
        "",
        "Documents et équipements",
        "Apportez votre dossier professionnel et ce que demande votre convocation."
        "{% if reglement.protection_needed_for %} Les équipements de protection individuelle "
        "(EPI) qu'elle indique sont obligatoires pour accéder "
        "{{ reglement.protection_needed_for }}.{% endif %}",
    ),
    (
        "",
        "Retards",
        "Un candidat en retard peut être admis à composer, mais l'heure de fin de l'épreuve "
        "n'est pas reportée.",
    ),
    (
        "",
        "Téléphones et appareils",
        "Les téléphones portables, montres connectées et tout appareil non autorisé sont "
        "éteints et rangés pendant les épreuves, sauf si le référentiel d'évaluation du titre "
        "les autorise.",
    ),
    (
        "",
        "Aucune communication",
        "Toute communication entre candidats et toute aide extérieure sont interdites pendant "
        "les épreuves.",
    ),
    (
        "reglement.computers",
        "Postes informatiques",
        "Sur les ordinateurs mis à disposition, n'utilisez que les logiciels, les fichiers et "
        "les accès que prévoit l'épreuve. Aucun support de stockage personnel n'est autorisé.",
    ),
    (
        "",
        "Fraude",
        "Toute fraude ou tentative de fraude fait l'objet d'un rapport signé par les témoins et "
        "mentionné au procès-verbal de la session. Elle expose son auteur à des sanctions "
        "pouvant aller jusqu'au retrait du titre.",
    ),
    (
        "",
        "Délibération",
        "Le jury délibère seul, hors de la présence des candidats et de toute autre personne.",
    ),
    (
        "",
        "Résultats",
        "Les résultats ne sont officiels qu'après validation par l'unité départementale de la "
        "DREETS. Aucun résultat définitif n'est communiqué le jour de la session.",
    ),
    (
        "",
        "Recours",
        "Les voies et délais de recours sont indiqués sur la notification des résultats : "
        "recours gracieux auprès de la DREETS ou recours contentieux devant le tribunal "
        "administratif, dans les deux mois suivant cette notification.",
    ),
]
ARRETE = (
    "Arrêté du 21 juillet 2016 portant règlement général des sessions d'examen pour "
    "l'obtention du titre professionnel du ministère chargé de l'emploi"
)


def _poster(document: object) -> None:
    d = document
    section = d.sections[0]  # type: ignore[attr-defined]
    section.top_margin = section.bottom_margin = Cm(1.3)
    add_paragraph(
        d, [("{{ centre.name }}", "bc"), (" – ", "g"), ("{{ centre.city }}", "g")], after=2, size=12
    )
    add_paragraph(
        d,
        [("Règlement de la session d'examen", "bc")],
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=6,
        after=2,
        size=28,
    )
    add_paragraph(
        d,
        [("pour ", "b"), ("{{ session.kind }}", "b")],
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=2,
        size=16,
    )
    add_paragraph(
        d,
        [("Session ", ""), ("{{ session.dates }}", "b"), (" – ", ""), ("{{ session.place }}", "")],
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=0,
        size=13,
    )
    tag_paragraph(d, "{%p if session.ceres_number %}")
    add_paragraph(
        d,
        [("Session CERES n° ", "g"), ("{{ session.ceres_number }}", "g")],
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=0,
        size=11,
    )
    tag_paragraph(d, "{%p endif %}")
    manager = add_paragraph(
        d,
        [
            ("Responsable de session : ", ""),
            ("{{ manager.name }}", "b"),
            (" – tél. ", ""),
            ("{{ manager.phone }}", ""),
        ],
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=6,
        size=13,
    )
    rule(manager, "bottom")
    add_paragraph(
        d,
        [
            (
                "Ces règles s'appliquent à tous les candidats pendant toute la session, "
                "conformément à l'",
                "",
            ),
            (ARRETE, "i"),
            (".", ""),
        ],
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        before=6,
        after=8,
        size=13,
    )
    for condition, heading, text in RULES:
        if condition:
            tag_paragraph(d, f"{{%p if {condition} %}}")
        paragraph = add_paragraph(
            d,
            [("■\t", "c"), (heading, "bc"), (" – ", "c"), (text, "")],
            hanging=True,
            after=5,
            size=13,
        )
        paragraph.paragraph_format.left_indent = Pt(20)
        paragraph.paragraph_format.first_line_indent = Pt(-20)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(20))
        if condition:
            tag_paragraph(d, "{%p endif %}")
    closing = add_paragraph(
        d,
        [
            (
                "Le règlement général des sessions d'examen peut être consulté sur place : "
                "demandez-le au responsable de session.",
                "i",
            ),
        ],
        before=4,
        after=8,
        size=12,
    )
    rule(closing, "top")
    add_paragraph(
        d,
        [("Le responsable de session, ", ""), ("{{ manager.name }}", "b")],
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        after=0,
        size=13,
    )


NAME = "reglement.docx"


def build() -> bytes:
    return build_document(
        _poster,
        title="Règlement de session",
        comments="Affiche du règlement de session remplie par docgen.",
        font_size=14,
    )
