"""docxtpl's whole render path, for the templates the compiled renderer cannot take (images,
embedded documents): imported only when such a template is used."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from docgen.documents.compiled import DocumentProperties
from docgen.documents.schema_order import put_properties_in_schema_order


def render_with_docxtpl(
    source: bytes,
    patched: dict[str, str],
    context: Mapping[str, Any],
    environment: jinja2.Environment,
    properties: DocumentProperties,
) -> bytes:
    """One document through docxtpl (its errors propagate), with docgen's properties and
    schema order, stamped `properties.moment` so that reruns give the same bytes."""
    document = _PreparedDocxTemplate(source, patched)
    document.render(context, jinja_env=environment, autoescape=True)
    _schema_order(document)
    core = document.docx.core_properties
    core.author = properties.author
    core.last_modified_by = properties.author
    core.title = properties.title
    core.subject = properties.subject
    core.comments = ""
    core.keywords = ""
    core.category = ""
    core.revision = 1
    core.created = properties.moment
    core.modified = properties.moment
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic_zip(buffer.getvalue(), properties.moment)


class _PreparedDocxTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints
    """A docxtpl template whose regex clean-up of each XML part is shared across documents."""

    def __init__(self, source: bytes, patched: dict[str, str]) -> None:
        super().__init__(io.BytesIO(source))
        self._patched = patched

    def patch_xml(self, src_xml: str) -> str:
        cached = self._patched.get(src_xml)
        if cached is None:
            cached = str(super().patch_xml(src_xml))
            self._patched[src_xml] = cached
        return cached


def _deterministic_zip(document: bytes, moment: datetime) -> bytes:
    """The same archive with every member stamped `moment`, in the same order."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(document)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename), compresslevel=6)
    return out.getvalue()


def _schema_order(document: DocxTemplate) -> None:
    """The rendered body, headers and footers with their properties in the order Word requires.

    docxtpl's `cellbg` and `colspan` insert `w:shd` and `w:gridSpan` first in a cell's properties,
    where the schema wants them after `w:tcW`: Word then repairs the file or drops the colour.
    """
    main = document.docx.part
    put_properties_in_schema_order(main.element)
    for relation in main.rels.values():
        if relation.reltype in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
            put_properties_in_schema_order(relation.target_part.element)
