"""docgen's own templates ship prepared, exactly as they would be prepared at run time."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docgen.documents import preparations
from docgen.documents.compiled import prepare_parts, rendered_part_names
from docgen.documents.preparations import shipped_preparation
from docgen.template_files import packaged_templates
from tests.ooxml import ROOT

SHIPPED = sorted(packaged_templates().glob("*.docx"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_each_shipped_preparation_is_what_the_installed_docxtpl_gives(path: Path) -> None:
    """Rebuild them with `tools/build_templates.py` after changing a template or docxtpl."""
    source = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        parts = rendered_part_names(archive)
    assert shipped_preparation(source) == prepare_parts(source, parts)


def test_a_template_edited_in_word_is_prepared_at_run_time() -> None:
    edited = bytearray(SHIPPED[0].read_bytes())
    edited[-30] ^= 1  # any other bytes
    assert shipped_preparation(bytes(edited)) is None


def test_a_damaged_preparations_file_only_costs_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / preparations.PREPARATIONS).write_text('{"abc": [["x", 1]]}', encoding="utf-8")
    monkeypatch.setattr(preparations, "packaged_templates", lambda: tmp_path)
    preparations._shipped.cache_clear()
    try:
        assert shipped_preparation(SHIPPED[0].read_bytes()) is None
    finally:
        preparations._shipped.cache_clear()


def test_a_run_on_docgen_s_own_templates_loads_neither_docxtpl_nor_python_docx(
    tmp_path: Path,
) -> None:
    code = (
        "import sys\n"
        "from docgen.cli import main\n"
        f"sys.argv = ['docgen', 'all', {str(ROOT / 'inputs' / 'exemple')!r}, '--quiet',\n"
        f"            '--out', {str(tmp_path)!r}, '--as-of', '2026-12-01']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('docxtpl', 'docx')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_template_with_images_is_never_prepared(tmp_path: Path) -> None:
    """It goes to docxtpl's own path, even when it would sit among docgen's templates."""
    peer = ROOT.parent / "shared" / "peer-tests" / "docxtpl" / "tests" / "templates"
    if not peer.is_dir():
        pytest.skip("tests de docxtpl absents (shared/peer-tests/docxtpl introuvable)")
    image = tmp_path / "image.docx"
    image.write_bytes((peer / "inline_image_tpl.docx").read_bytes())
    plain = tmp_path / "convocation.docx"
    plain.write_bytes(SHIPPED[0].read_bytes())
    prepared = json.loads(preparations.preparations_json([image, plain]))
    assert list(prepared) == [hashlib.sha256(plain.read_bytes()).hexdigest()]
