"""PDF: checks and stamps, LibreOffice conversion, print files (pypdf and soffice live here).

pypdf is imported on first use only: a run without PDFs does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docgen.pdf.pages import check_pdf, stamp_footer, text_pdf

__all__ = ["check_pdf", "stamp_footer", "text_pdf"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from docgen.pdf import pages

        return getattr(pages, name)
    raise AttributeError(f"module 'docgen.pdf' has no attribute {name!r}")
