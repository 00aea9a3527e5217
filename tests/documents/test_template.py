"""The committed template: rebuilt identically by its script, and editable in Word without traps."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from types import ModuleType

from tests.documents.conftest import ROOT

TEMPLATE = ROOT / "docgen" / "templates" / "convocation.docx"


def template_builders() -> list[ModuleType]:
    spec = importlib.util.spec_from_file_location(
        "build_templates", ROOT / "tools" / "build_templates.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found: list[ModuleType] = module.builders()
    return found


def test_every_committed_template_is_what_its_script_builds() -> None:
    builders = template_builders()
    assert "convocation.docx" in [builder.NAME for builder in builders]
    for builder in builders:
        committed = (ROOT / "docgen" / "templates" / builder.NAME).read_bytes()
        assert builder.build() == committed, f"relancez tools/build_templates.py {builder.NAME}"


def test_every_tag_sits_in_one_run_and_nothing_is_marked_safe() -> None:
    with zipfile.ZipFile(TEMPLATE) as archive:
        parts = [
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        ]
    texts = [text for part in parts for text in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", part)]
    tags = [text for text in texts if "{" in text or "}" in text]
    assert len(tags) > 30
    for text in tags:
        assert text.count("{{") == text.count("}}"), text
        assert text.count("{%") == text.count("%}"), text
        assert "safe" not in text and "autoescape" not in text, text
    paragraph_tags = [text for text in tags if text.startswith(("{%p", "{%tr"))]
    assert all(text.strip() == text for text in paragraph_tags)


def test_the_template_is_lean() -> None:
    assert TEMPLATE.stat().st_size < 20_000
    with zipfile.ZipFile(TEMPLATE) as archive:
        names = set(archive.namelist())
        assert "word/stylesWithEffects.xml" not in names
        assert sum(info.file_size for info in archive.infolist()) < 80_000
        assert b"python-docx" not in archive.read("docProps/core.xml")
