"""Reproducible PDFs: LibreOffice's dates and file identifiers replaced, in place, by fixed ones.

LibreOffice stamps the conversion time (`/CreationDate`, XMP `CreateDate`) and random file
identifiers (`/ID`, `/DocChecksum`) into every PDF. They are overwritten byte for byte with
values of the same length, so no offset moves and a PDF/A file stays valid. The identifier
becomes the fingerprint of the source .docx: a later run reuses a PDF whose identifier matches.
"""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, StreamObject

RECIPE = b"docgen-pdf-1"
"""Changes whenever the conversion changes, so that older PDFs are made again."""

_INFO_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
_XMP_DATE = re.compile(
    rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})"
)
_TRAILER_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")


def fingerprint(docx: bytes, archival: bool) -> str:
    """32 hexadecimal digits naming a .docx and the way it is converted."""
    digest = hashlib.sha256(RECIPE + (b"A" if archival else b"P") + docx)
    return digest.hexdigest()[:32].upper()


def combined_fingerprint(parts: list[str]) -> str:
    """The fingerprint of a print file: its documents' fingerprints and its layout, in order."""
    return hashlib.sha256("\n".join([RECIPE.decode(), *parts]).encode()).hexdigest()[:32].upper()


def _sized(text: str, length: int) -> bytes:
    return (text * (length // len(text) + 1))[:length].encode("ascii")


def stabilised(pdf: bytes, source_fingerprint: str, day: date) -> bytes:
    """`pdf` with its dates set to `day` at midnight and its identifier set to the fingerprint."""
    stamp = day.strftime("%Y%m%d") + "000000"
    iso = day.isoformat() + "T00:00:00"
    pdf = _INFO_DATE.sub(lambda match: match[1] + stamp.encode(), pdf)
    pdf = _XMP_DATE.sub(lambda match: match[1] + iso.encode(), pdf)
    pdf, identified = _TRAILER_ID.subn(
        lambda match: (
            match[1]
            + _sized(source_fingerprint, len(match[2]))
            + match[3]
            + _sized(source_fingerprint, len(match[4]))
            + match[5]
        ),
        pdf,
    )
    pdf = _CHECKSUM.sub(lambda match: match[1] + _sized(source_fingerprint, len(match[2])), pdf)
    if b"/OutputIntents" in pdf or not identified:
        return _rewritten(pdf, day, None if identified else source_fingerprint)
    return pdf


def _rewritten(pdf: bytes, day: date, identifier: str | None) -> bytes:
    """PDF/A embeds an ICC colour profile whose header holds its creation time (bytes 24–35):
    set it to `day`. The stream is recompressed, so pypdf writes the file again, with
    `identifier` as its /ID when the producer wrote none."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header
    if identifier is not None:
        value = ByteStringObject(bytes.fromhex(identifier))
        # pypdf draws a random identifier only when encrypting; this one names the source.
        writer._ID = ArrayObject([value, value])
    header = b"".join(value.to_bytes(2, "big") for value in (day.year, day.month, day.day, 0, 0, 0))
    for intent in writer.root_object.get("/OutputIntents", []):
        profile = intent.get_object().get("/DestOutputProfile")
        stream = profile.get_object() if profile is not None else None
        if isinstance(stream, StreamObject):
            data = stream.get_data()
            if len(data) >= 36:
                stream.set_data(data[:24] + header + data[36:])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def fingerprint_of(pdf: bytes) -> str | None:
    """The fingerprint a PDF was stamped with (its last `/ID`), or None."""
    found = _TRAILER_ID.findall(pdf[-4096:])
    return found[-1][1].decode("ascii").upper() if found else None
