"""docgen's own templates ship prepared: docxtpl's preprocessing of each part is done when the
templates are built (`tools/build_templates.py`), so that a run on them loads neither docxtpl
nor python-docx and skips their regex passes (0.1 s at each run).

A preparation is found by the SHA-256 of the template's bytes: a template edited in Word, or a
project's own, is prepared at run time as before. The tests check that each shipped preparation
is what `prepare_parts` gives with the installed docxtpl.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

from docgen.documents.compiled import (
    PreparedPart,
    prepare_parts,
    rendered_part_names,
    unsupported_reason,
)
from docgen.template_files import packaged_templates

PREPARATIONS = "preparations.json"


def shipped_preparation(source: bytes) -> list[PreparedPart] | None:
    """The shipped preparation of the template whose bytes are `source`, if any."""
    return _shipped().get(hashlib.sha256(source).hexdigest())


@functools.cache
def _shipped() -> dict[str, list[PreparedPart]]:
    try:
        found = json.loads((packaged_templates() / PREPARATIONS).read_text(encoding="utf-8"))
        return {
            str(fingerprint): [
                PreparedPart(str(name), str(source), bool(tables), bool(cells))
                for name, source, tables, cells in parts
            ]
            for fingerprint, parts in found.items()
        }
    except (OSError, ValueError, TypeError, AttributeError):
        return {}  # missing or damaged: every template is prepared at run time


def preparations_json(templates: Iterable[Path]) -> str:
    """`preparations.json` for those of `templates` the compiled path takes, for the builder."""
    prepared: dict[str, list[tuple[str, str, bool, bool]]] = {}
    for path in sorted(templates):
        source = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(source)) as archive:
            parts = rendered_part_names(archive)
            if unsupported_reason(archive, parts) is not None:
                continue  # docxtpl's own path: nothing to prepare
        prepared[hashlib.sha256(source).hexdigest()] = [
            (part.name, part.source, part.fix_tables, part.order_cells)
            for part in prepare_parts(source, parts)
        ]
    return json.dumps(prepared, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
