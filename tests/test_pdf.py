"""docgen.pdf as a user sees it: a bad file is refused in French, every page gets the footer."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from docgen.errors import InputError
from docgen.pdf import check_pdf, stamp_footer, text_pdf


def test_a_text_pdf_has_its_pages_and_text() -> None:
    data = text_pdf([["EXEMPLE — document fictif", "Épreuve (1) \\ fin"], ["page 2"]], title="t")
    assert check_pdf(data, "x") == 2
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "EXEMPLE — document fictif" in text and "Épreuve (1) \\ fin" in text


def test_the_footer_is_stamped_on_every_page_and_the_body_kept() -> None:
    data = text_pdf([["corps 1"], ["corps 2"], ["corps 3"]], title="t")
    stamped = stamp_footer(data, "Ouvert le 15/03/2027 à 08:00 — session exemple")
    pages = PdfReader(io.BytesIO(stamped)).pages
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"corps {number}" in text
        assert "Ouvert le 15/03/2027 à 08:00 — session exemple" in text


def test_the_footer_follows_an_offset_media_box() -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=400)
    page.mediabox.lower_left = (100, 100)
    buffer = io.BytesIO()
    writer.write(buffer)
    stamped = stamp_footer(buffer.getvalue(), "pied")
    assert "pied" in PdfReader(io.BytesIO(stamped)).pages[0].extract_text()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "n'est pas un fichier PDF"),
        (b"bonjour", "n'est pas un fichier PDF"),
        (b"%PDF-1.7\n garbage", "PDF"),
    ],
)
def test_unusable_files_are_refused_in_french(data: bytes, words: str) -> None:
    with pytest.raises(InputError, match=words):
        check_pdf(data, "Le fichier DTE.pdf")


def test_an_encrypted_pdf_is_refused() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([["x"]], title="t"))))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(InputError, match="protégé par mot de passe"):
        check_pdf(buffer.getvalue(), "Le fichier DTE.pdf")


def test_a_pdf_without_pages_is_refused() -> None:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    with pytest.raises(InputError, match="sans aucune page"):
        check_pdf(buffer.getvalue(), "Le fichier DTE.pdf")


def test_a_pdf_pypdf_cannot_stamp_is_a_french_input_error_not_a_crash() -> None:
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=300)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): ArrayObject()})
    buffer = io.BytesIO()
    writer.write(buffer)
    assert check_pdf(buffer.getvalue(), "x") == 1  # accepted by the checks…
    with pytest.raises(InputError, match="pied de page"):  # …but cannot take a footer
        stamp_footer(buffer.getvalue(), "pied")
