"""PDF: checks and stamps, LibreOffice conversion, print files (pypdf and soffice live here)."""

from docgen.pdf.pages import check_pdf, stamp_footer, text_pdf

__all__ = ["check_pdf", "stamp_footer", "text_pdf"]
