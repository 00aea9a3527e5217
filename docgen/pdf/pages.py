"""PDF through pypdf: check a PDF is usable, count pages, stamp a footer, write plain text."""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ContentStream,
    DictionaryObject,
    NameObject,
    RectangleObject,
)

from docgen.errors import InputError

A4_WIDTH = 595
A4_HEIGHT = 842
FOOTER_SIZE = 7


def _read(data: bytes, label: str) -> PdfReader:
    if b"%PDF-" not in data[:1024]:
        raise InputError(
            f"{label} n'est pas un fichier PDF. Vérifiez que vous avez choisi le bon fichier."
        )
    try:
        return PdfReader(io.BytesIO(data), strict=False)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(
            f"{label} est un PDF illisible ({exc}). Demandez une nouvelle copie du fichier."
        ) from exc


def check_pdf(data: bytes, label: str) -> int:
    """The page count of a readable, unencrypted PDF with pages; InputError otherwise."""
    reader = _read(data, label)
    if reader.is_encrypted:
        raise InputError(
            f"{label} est un PDF protégé par mot de passe : docgen ne peut pas le vérifier. "
            "Retirez la protection (ou demandez une copie sans protection) puis recommencez."
        )
    try:
        pages = len(reader.pages)
        for page in reader.pages:
            _ = page.mediabox
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(
            f"{label} est un PDF abîmé ({exc}). Demandez une nouvelle copie du fichier."
        ) from exc
    if pages == 0:
        raise InputError(f"{label} est un PDF sans aucune page. Vérifiez le fichier reçu.")
    return pages


def _pdf_string(text: str) -> bytes:
    """Text as a PDF literal string in WinAnsiEncoding, which covers French accents and dashes."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _font() -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


def _text_page(
    writer: PdfWriter, width: float, height: float, content: bytes, origin: tuple[float, float]
) -> None:
    page = writer.add_blank_page(width=width, height=height)
    if origin != (0, 0):
        page.mediabox = RectangleObject(
            (origin[0], origin[1], origin[0] + width, origin[1] + height)
        )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): _font()})}
    )
    stream = ContentStream(None, None)
    stream.set_data(content)
    page.replace_contents(stream)


def _to_bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def text_pdf(pages: Sequence[Sequence[str]], *, title: str) -> bytes:
    """A plain A4 PDF, one list of lines per page, uncompressed (used for samples and tests)."""
    writer = PdfWriter()
    for lines in pages:
        commands = [b"BT /F1 11 Tf 14 TL 56 780 Td"]
        commands += [_pdf_string(line) + b" Tj T*" for line in lines]
        commands.append(b"ET")
        _text_page(writer, A4_WIDTH, A4_HEIGHT, b"\n".join(commands), (0, 0))
    writer.add_metadata({"/Title": title, "/Author": "docgen", "/Producer": "docgen"})
    return _to_bytes(writer)


def stamp_footer(data: bytes, text: str) -> bytes:
    """A copy of a PDF whose every page carries `text` in small grey type at the bottom.

    InputError (French) when pypdf cannot merge the footer into this PDF.
    """
    reader = _read(data, "Le document à tamponner")
    try:
        return _stamped(reader, text)
    except Exception as exc:  # pypdf fails on odd but valid PDFs with any exception class
        raise InputError(
            f"Le document ne peut pas recevoir de pied de page ({type(exc).__name__} : {exc})."
        ) from exc


def _stamped(reader: PdfReader, text: str) -> bytes:
    writer = PdfWriter(clone_from=reader)
    overlays = PdfWriter()
    for page in writer.pages:
        box = page.mediabox
        content = (
            b"q 0.45 g BT /F1 %d Tf %.2f %.2f Td "
            % (FOOTER_SIZE, float(box.left) + 28, float(box.bottom) + 14)
            + _pdf_string(text)
            + b" Tj ET Q"
        )
        _text_page(
            overlays,
            float(box.width),
            float(box.height),
            content,
            (float(box.left), float(box.bottom)),
        )
        page.merge_page(overlays.pages[-1])
    return _to_bytes(writer)
