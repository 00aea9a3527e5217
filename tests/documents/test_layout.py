"""Pages as LibreOffice lays them out: no last page holding only a letter's closing and
signature. Skipped where LibreOffice is not installed (CI installs it)."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from benchmarks.synthetic import synthetic_session, workbook_rows
from docgen.documents.kinds import KINDS
from docgen.documents.sheets import render_sheets
from docgen.pipeline import check_session
from docgen.settings import Settings
from tests.documents.conftest import ROOT
from tests.factory import write_workbook
from tests.libreoffice import convert_to_pdf, needs_libreoffice

SIGNATURE = "Le responsable de session,"
BEFORE_THE_CLOSING = {
    "convocations/": "Consignes",
    "invitations/": "Merci de nous confirmer",
}


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@needs_libreoffice
def test_a_letters_signature_never_stands_alone_on_its_page(tmp_path: Path) -> None:
    settings = Settings(as_of=date(2027, 1, 11))
    checked = check_session(ROOT / "inputs" / "exemple", settings)
    letters: dict[str, bytes] = {}
    for kind in KINDS[:2]:  # convocations and invitations
        rendered = kind.render(checked.data, checked.plan, settings, None)
        letters.update({n: c for n, c in rendered.items() if n.endswith(".docx")})
    assert len(letters) > 11
    pdfs = convert_to_pdf(letters, tmp_path)
    for name in letters:
        pages = page_texts(pdfs[Path(name).stem])
        [signed] = [text for text in pages if SIGNATURE in text]
        before = next(
            text for prefix, text in BEFORE_THE_CLOSING.items() if name.startswith(prefix)
        )
        assert before in signed.replace("\n", " "), f"{name}: signature seule en page"


ROW = re.compile(r"^\s*(?:227\d{4}\b|.*\bJury J\d+\b)", re.MULTILINE)


@needs_libreoffice
def test_no_attendance_sheet_page_holds_a_single_row(tmp_path: Path) -> None:
    data, days = synthetic_session(40, 2, 10, 3, 4)
    session = tmp_path / "session"
    write_workbook(session / "session.xlsx", workbook_rows(data))
    settings = Settings(as_of=date(days[0].year - 1, 12, 1))
    checked = check_session(session, settings)
    assert checked.plan is not None
    sheets = {
        name: content
        for name, content in render_sheets(checked.data, checked.plan, settings).items()
        if "emargement_" in name
    }
    pdfs = convert_to_pdf(sheets, tmp_path / "pdf")
    pages = [page for name in sheets for page in page_texts(pdfs[Path(name).stem])]
    assert len(pages) > len(sheets)  # some sheets run over two pages: the case to look at
    for text in pages:
        assert len(ROW.findall(text)) != 1, text
