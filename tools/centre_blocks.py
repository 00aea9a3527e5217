"""What several templates print about the centre: letterhead, signature, sheet heading."""

from __future__ import annotations

from docx_kit import RIGHT_BLOCK, Run, add_paragraph, rule, tag_paragraph


def letterhead(document: object) -> None:
    """The centre's name and address, then the session manager's contact, over a thin line."""
    add_paragraph(document, [("{{ centre.name }}", "bcL")], after=1)
    add_paragraph(document, [("{{ centre.address }}", "g")], after=0)
    add_paragraph(
        document,
        [("{{ centre.postal_code }}", "g"), (" ", "g"), ("{{ centre.city }}", "g")],
        after=0,
    )
    add_paragraph(document, [("Centre agréé par le ministère chargé de l'emploi", "gi")], after=0)
    add_paragraph(
        document,
        [
            ("Responsable de session : ", "g"),
            ("{{ manager.name }}", "g"),
            (" – tél. ", "g"),
            ("{{ manager.phone }}", "g"),
        ],
        after=0,
    )
    tag_paragraph(document, "{%p if manager.email %}")
    add_paragraph(document, [("{{ manager.email }}", "g")], after=0)
    tag_paragraph(document, "{%p endif %}")
    rule(add_paragraph(document, [], after=0), "bottom")


def manager_signature(document: object) -> None:
    """« Le responsable de session, » and the manager's name, in the letter's right column."""
    add_paragraph(
        document, [("Le responsable de session,", "")], indent=RIGHT_BLOCK, after=26, keep_next=True
    )
    add_paragraph(document, [("{{ manager.name }}", "b")], indent=RIGHT_BLOCK, after=8)


def sheet_heading(document: object, title: list[Run], size: float = 17) -> None:
    """The centre's name, then the sheet's title in large blue type over a thin line."""
    add_paragraph(
        document,
        [("{{ centre.name }}", "b"), (" – ", "g"), ("{{ centre.address_inline }}", "g")],
        after=2,
    )
    blue_bold = [(text, flags + "bc") for text, flags in title]
    add_paragraph(document, blue_bold, before=4, after=2, size=size)
    add_paragraph(
        document,
        [
            ("Session d'examen pour ", ""),
            ("{{ session.kind }}", "b"),
            (" ", ""),
            ("{{ session.dates }}", ""),
        ],
        after=0,
    )
    add_paragraph(document, [("Lieu : ", "g"), ("{{ session.place }}", "g")], after=0)
    tag_paragraph(document, "{%p if session.ceres_number %}")
    add_paragraph(
        document, [("Session CERES n° ", "g"), ("{{ session.ceres_number }}", "g")], after=0
    )
    tag_paragraph(document, "{%p endif %}")
    rule(add_paragraph(document, [], after=6), "bottom")
