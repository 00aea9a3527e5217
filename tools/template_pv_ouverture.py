"""The procès-verbal d'ouverture des plis (templates/pv_ouverture.docx): seals and signatures."""

from __future__ import annotations

from centre_blocks import sheet_heading
from docx.shared import Cm
from docx_kit import add_paragraph, build_document, heading
from docx_tables import BOX, add_borders, cell_text, fill_row, table_with_header

PLIS = [
    ("DTE jury", "Grilles d'évaluation et résultats attendus"),
    ("DTE candidat", "Sujets remis aux candidats"),
]


def _plis(document: object) -> None:
    table = table_with_header(
        document,
        ["Pli", "Nombre de plis", "Scellé intact", "Observations"],
        [5.2, 2.6, 4.0, 5.2],
        len(PLIS),
    )
    for index, (name, what) in enumerate(PLIS, start=1):
        fill_row(table, index, ["", "", f"{BOX} oui   {BOX} non", ""], height=1.3)
        cell = table.rows[index].cells[0]
        cell_text(cell, [(name, "b")])
        add_paragraph(cell, [(what, "sg")], after=0)


def _vault(document: object) -> None:
    """The DTE vault's journal fingerprint: copied here at seal time, compared at the opening."""
    add_paragraph(
        document,
        [
            ("Empreinte du journal du coffre (au scellement) : ", "b"),
            ("………… – ………… – ………… – …………", ""),
            (" (entrée n° ……)", ""),
        ],
        before=6,
        after=2,
    )
    add_paragraph(
        document,
        [
            ("Empreinte tapée à l'ouverture (docgen vault open) acceptée : ", ""),
            (f"{BOX} oui   {BOX} non", ""),
            (" – si non, ne pas ouvrir : prévenir le responsable de session.", "sg"),
        ],
        after=6,
    )


def _writing_lines(document: object, count: int) -> None:
    """Dotted lines to write on: a borderless table whose rows are underlined."""
    table = document.add_table(rows=count, cols=1)  # type: ignore[attr-defined]
    add_borders(table, style="dotted", size=6, sides=("bottom", "insideH"))
    for row in table.rows:
        row.height = Cm(0.9)
        row.cells[0].width = Cm(17)


def _signatures(document: object) -> None:
    table = document.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
    add_borders(table)
    for row in table.rows:
        for cell in row.cells:
            cell.width = Cm(8.5)
    cell_text(table.rows[0].cells[0], [("Le responsable de session", "b")])
    add_paragraph(table.rows[0].cells[0], [("{{ manager.name }}", "")], after=0)
    cell_text(table.rows[0].cells[1], [("Le candidat témoin", "b")])
    add_paragraph(table.rows[0].cells[1], [("Nom, prénom et signature", "sg")], after=0)
    table.rows[1].height = Cm(3)


def _pv(document: object) -> None:
    d = document
    sheet_heading(d, [("Procès-verbal d'ouverture des plis", "")])
    add_paragraph(
        d,
        [
            ("Ouverture prévue le ", ""),
            ("{{ opening.date }}", "b"),
            (" à ", ""),
            ("{{ opening.time }}", "b"),
            (", en présence du responsable de session et d'un candidat témoin.", ""),
        ],
        after=4,
    )
    add_paragraph(
        d, [("Ouverture effective le ……… / ……… / ………… à ……… h ………", "")], before=4, after=6
    )
    heading(d, "Plis d'examen")
    _plis(d)
    _vault(d)
    heading(d, "Personnes présentes")
    add_paragraph(
        d,
        [
            ("Responsable de session : ", ""),
            ("{{ manager.name }}", "b"),
            (" – tél. ", ""),
            ("{{ manager.phone }}", ""),
        ],
        after=4,
    )
    add_paragraph(d, [("Candidat témoin – nom et prénom : ", ""), ("…" * 30, "g")], after=4)
    add_paragraph(d, [("N° candidat : ", ""), ("…" * 20, "g")], after=4)
    heading(d, "Incidents et observations")
    _writing_lines(d, 4)
    heading(d, "Signatures")
    _signatures(d)


NAME = "pv_ouverture.docx"


def build() -> bytes:
    return build_document(
        _pv,
        title="Procès-verbal d'ouverture des plis",
        comments="Modèle de procès-verbal d'ouverture des plis rempli par docgen.",
    )
