"""The heading of the on-the-day sheets: centre, title, session, place."""

from __future__ import annotations

from docx.shared import Pt
from docx_kit import BLUE, add_paragraph, rule, tag_paragraph


def sheet_heading(document: object, title: list[tuple[str, str]], size: float = 17) -> None:
    """The centre's name, then the sheet's title in large blue type over a thin line."""
    add_paragraph(
        document,
        [("{{ centre.name }}", "b"), (" – ", "g"), ("{{ centre.address_inline }}", "g")],
        after=2,
    )
    paragraph = add_paragraph(document, title, before=4, after=2)
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.color.rgb = BLUE
        run.bold = True
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
