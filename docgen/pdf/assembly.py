"""Print files: many PDFs merged in order, one bookmark each, ready for recto-verso printing."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject

from docgen.pdf.stable import combined_fingerprint, fingerprint_of


@dataclass(frozen=True)
class PrintPart:
    """One document of a print file: its PDF and the bookmark that names it."""

    pdf: bytes
    bookmark: str


def print_fingerprint(parts: Sequence[PrintPart], title: str, recto_verso: bool) -> str:
    """What a print file is made of; an unchanged print file is reused, not merged again."""
    sources = [f"{part.bookmark}\t{fingerprint_of(part.pdf)}" for part in parts]
    return combined_fingerprint([title, f"recto-verso={recto_verso}", *sources])


def print_file(
    parts: Sequence[PrintPart], *, title: str, author: str, recto_verso: bool, day: date
) -> tuple[bytes, int]:
    """The merged PDF and its number of blank pages added.

    With `recto_verso`, a blank page follows each document of an odd number of pages, so every
    document starts on the front of a sheet. Dates and identifier are fixed (reruns are
    byte-identical); the viewer opens with the bookmarks shown.
    """
    writer = PdfWriter()
    blanks = 0
    for part in parts:
        reader = PdfReader(io.BytesIO(part.pdf))
        writer.append(reader, outline_item=part.bookmark, import_outline=False)
        if recto_verso and len(reader.pages) % 2:
            last = reader.pages[-1].mediabox
            writer.add_blank_page(width=float(last.width), height=float(last.height))
            blanks += 1
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    stamp = f"D:{day.strftime('%Y%m%d')}000000Z"
    writer.add_metadata(
        {
            "/Title": title,
            "/Author": author,
            "/Creator": "docgen",
            "/Producer": "docgen",
            "/CreationDate": stamp,
            "/ModDate": stamp,
        }
    )
    writer.page_mode = "/UseOutlines"
    identifier = ByteStringObject(bytes.fromhex(print_fingerprint(parts, title, recto_verso)))
    # pypdf draws a random identifier only when encrypting; setting it keeps reruns identical.
    writer._ID = ArrayObject([identifier, identifier])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), blanks
