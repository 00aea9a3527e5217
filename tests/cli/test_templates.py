"""`docgen templates check`, and a broken template stopping a run before anything is written."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from tests.conftest import MakeWorkbook

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2027-01-05"


@pytest.fixture
def own_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of templates/ that docgen.toml in the working folder points at."""
    folder = tmp_path / "modeles"
    shutil.copytree(ROOT / "docgen" / "templates", folder)
    (tmp_path / "docgen.toml").write_text(f'templates_dir = "{folder.as_posix()}"\n')
    monkeypatch.chdir(tmp_path)
    return folder


def misspell(template: Path, old: str, new: str) -> None:
    with zipfile.ZipFile(template) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    xml = members["word/document.xml"].decode("utf-8")
    assert old in xml
    members["word/document.xml"] = xml.replace(old, new, 1).encode("utf-8")
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)


def test_shipped_templates_pass(own_templates: Path, make_workbook: MakeWorkbook) -> None:
    folder = make_workbook().parent
    result = CliRunner().invoke(main, ["templates", "check", str(folder), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    assert "Aucun problème trouvé." in result.stdout


def test_a_broken_template_is_named_with_its_paragraph(
    own_templates: Path, make_workbook: MakeWorkbook
) -> None:
    misspell(own_templates / "convocation.docx", "{{ recipient.name }}", "{{ recipient.nom }}")
    folder = make_workbook().parent
    result = CliRunner().invoke(main, ["templates", "check", str(folder), "--as-of", AS_OF])
    assert result.exit_code == 1
    assert "convocation.docx (corps du document, paragraphe" in result.stdout
    assert "recipient.nom" in result.stdout


def test_a_run_with_a_broken_template_stops_before_writing(
    own_templates: Path, make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    misspell(own_templates / "convocation.docx", "{{ objet }}", "{{ objet }")
    folder = make_workbook().parent
    out = tmp_path / "sorties"
    result = CliRunner().invoke(
        main, ["convocations", str(folder), "--as-of", AS_OF, "--out", str(out)]
    )
    assert result.exit_code == 3
    assert "un modèle Word est à corriger" in result.stderr
    assert "n'est pas refermée" in result.stderr
    assert not out.exists() or not any(out.rglob("*.docx"))


def test_verbose_says_how_each_template_is_rendered() -> None:
    result = CliRunner().invoke(main, ["templates", "check", "--verbose"])
    assert result.exit_code == 0, result.output
    assert "Rendu des modèles :" in result.output
    assert "convocation.docx : compilé une fois, rendu rapide" in result.output
