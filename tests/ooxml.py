"""Every XML part of a .docx validated against the ISO/IEC 29500 schemas Word enforces."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FOLDER = Path("shared") / "ooxml-xsd"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def schema_driver() -> Path | None:
    """`shared/ooxml-xsd/all.xsd` beside the repository (CI's clone) or in any parent folder."""
    for folder in (ROOT, *ROOT.parents):
        candidate = folder / SCHEMA_FOLDER / "all.xsd"
        if candidate.is_file():
            return candidate
    return None


@functools.cache
def _schema() -> etree.XMLSchema:
    driver = schema_driver()
    if driver is None:
        pytest.skip(
            f"schémas OOXML absents : {SCHEMA_FOLDER}/all.xsd introuvable à côté du dépôt "
            f"({ROOT}) ni dans un dossier parent"
        )
    return etree.XMLSchema(etree.parse(str(driver)))


def _ignorable_namespaces(root: etree._Element) -> set[str]:
    prefixes = (root.get(f"{{{MC}}}Ignorable") or "").split()
    return {root.nsmap[prefix] for prefix in prefixes if prefix in root.nsmap}


def as_word_reads_it(root: etree._Element) -> etree._Element:
    """The part after markup compatibility processing, as Word does before it applies the schema:
    elements and attributes of ignorable namespaces dropped, `mc:AlternateContent` replaced by
    its fallback (these extensions are outside ISO 29500)."""
    ignorable = _ignorable_namespaces(root) | {MC}
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alternate.find(f"{{{MC}}}Fallback")
        parent = alternate.getparent()
        index = parent.index(alternate)
        parent.remove(alternate)
        for offset, child in enumerate(list(fallback) if fallback is not None else []):
            parent.insert(index + offset, child)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable and element is not root:
            element.getparent().remove(element)
            continue
        for attribute in list(element.attrib):
            if etree.QName(attribute).namespace in ignorable:
                del element.attrib[attribute]
    return root


def violations(document: str, content: bytes) -> list[str]:
    """`document: part, line N, element path: message` for each schema violation of each part."""
    schema = _schema()
    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for part in archive.namelist():
            if not part.endswith((".xml", ".rels")):
                continue
            root = as_word_reads_it(etree.fromstring(archive.read(part)))
            if schema.validate(root):
                continue
            found.extend(
                f"{document}: {part}, ligne {error.line}, {error.path}: {error.message}"
                for error in schema.error_log
            )
    return found
