"""Session workbooks written as OpenDocument spreadsheets (.ods), as LibreOffice saves them."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="{_MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'office:version="1.2"'
)


def _cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        kind, attribute = "boolean", f'office:boolean-value="{str(value).lower()}"'
    elif isinstance(value, int | float):
        kind, attribute = "float", f'office:value="{value!r}"'
    elif isinstance(value, date):  # datetimes too
        kind, attribute = "date", f'office:date-value="{value.isoformat()}"'
    elif isinstance(value, time):
        kind = "time"
        attribute = f'office:time-value="PT{value.hour:02d}H{value.minute:02d}M{value.second:02d}S"'
    elif isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        kind, attribute = (
            "time",
            f'office:time-value="PT{minutes // 60:02d}H{minutes % 60:02d}M00S"',
        )
    else:
        paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
        return f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>'
    shown = escape(str(value))
    return (
        f'<table:table-cell office:value-type="{kind}" {attribute}>'
        f"<text:p>{shown}</text:p></table:table-cell>"
    )


def write_ods(path: Path, sheets: Mapping[str, Sequence[Sequence[object]]]) -> Path:
    """Write `sheets` (the factory's sheet name → rows) as an .ods at `path`."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join(
            "<table:table-row>" + "".join(_cell(value) for value in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NAMESPACES}>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", _MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path
