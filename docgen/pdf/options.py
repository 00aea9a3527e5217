"""What a run asks of the PDF step and what it reports back (no pypdf here: light to import)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

RECTO_VERSO_CHOICES = ("auto", "oui", "non")
Ticker = Callable[[int, int], None]
"""Called with (documents converted so far, documents to convert)."""


@dataclass(frozen=True)
class PdfOptions:
    convert: bool = True
    """Make the missing PDFs with LibreOffice; when False, only still-valid PDFs are kept."""
    recto_verso: str = "auto"
    """`auto`: blank pages for recto-verso in the convocations only; `oui`: every print file;
    `non`: none."""
    instances: int | None = None
    """LibreOffice instances run at once (default: as many as processor cores)."""


@dataclass
class PdfOutcome:
    """What the PDF step adds to a run, for the files to publish and the summary."""

    files: dict[str, bytes] = field(default_factory=dict)
    converted: int = 0
    reused: int = 0
    archival: int = 0
    print_lines: list[str] = field(default_factory=list)
    """« impression/convocations.pdf : 12 documents, 26 pages (2 pages blanches) »."""
    stale: list[str] = field(default_factory=list)
    """Print files dropped because some of their documents have no PDF."""
    libreoffice_missing: bool = False
