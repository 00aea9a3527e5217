"""Templates ship inside docgen; a project's folder, --templates or docgen.toml override them."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import InputError
from docgen.settings import Settings
from docgen.template_files import locate_template, packaged_fingerprints, packaged_templates
from tests.cli.test_templates import misspell

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "inputs" / "exemple"
AS_OF = "2027-01-05"
SETTINGS = Settings(as_of=date(2027, 1, 5))


def test_the_templates_ship_inside_the_package() -> None:
    shipped = {path.name for path in packaged_templates().glob("*.docx")}
    assert {"convocation.docx", "invitation.docx", "reglement.docx", "deroule.docx"} <= shipped
    assert packaged_templates().is_relative_to(ROOT / "docgen")


def test_the_recorded_fingerprints_are_those_of_the_shipped_templates() -> None:
    """Rebuild them with `tools/build_templates.py` whenever a template changes."""
    actual = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in packaged_templates().glob("*.docx")
    }
    assert packaged_fingerprints() == actual
    assert all(locate_template(name, SETTINGS).as_shipped for name in actual)


def test_a_project_folder_overrides_file_by_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert not locate_template("convocation.docx", SETTINGS).overridden
    (tmp_path / "templates").mkdir()
    shutil.copy(packaged_templates() / "convocation.docx", tmp_path / "templates")
    convocation = locate_template("convocation.docx", SETTINGS)
    assert convocation.overridden
    assert convocation.origin == "templates/convocation.docx"
    assert locate_template("invitation.docx", SETTINGS).origin == "docgen"


def test_an_explicit_folder_wins_and_must_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    shutil.copy(packaged_templates() / "convocation.docx", tmp_path / "templates")
    explicit = Settings(as_of=date(2027, 1, 5), templates_dir=tmp_path / "modeles")
    with pytest.raises(InputError, match=r"modeles.*n'existe pas"):
        locate_template("convocation.docx", explicit)
    (tmp_path / "modeles").mkdir()
    assert not locate_template("convocation.docx", explicit).overridden


def test_templates_check_says_where_each_file_comes_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "modeles"
    folder.mkdir()
    shutil.copy(packaged_templates() / "reglement.docx", folder)
    result = CliRunner().invoke(
        main, ["templates", "check", str(EXAMPLE), "--as-of", AS_OF, "--templates", str(folder)]
    )
    assert result.exit_code == 0, result.output
    assert f"reglement.docx : {folder.as_posix()}/reglement.docx" in result.stdout
    assert "convocation.docx : fourni avec docgen" in result.stdout


def test_a_missing_templates_folder_stops_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main,
        ["convocations", str(EXAMPLE), "--as-of", AS_OF, "--templates", "absent", "--out", "x"],
    )
    assert result.exit_code == 3
    assert "« absent »" in result.stderr and "n'existe pas" in result.stderr
    assert not (tmp_path / "x").exists()


def run_docgen(python: Path, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-m", "docgen", *args],
        cwd=cwd,
        env={**os.environ, "DOCGEN_AS_OF": AS_OF, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def assert_full_set(out: Path) -> None:
    session = out / "exemple"
    manifest = json.loads((session / "manifest.json").read_text(encoding="utf-8"))
    folders = {Path(entry["path"]).parts[0] for entry in manifest["files"]}
    assert {"convocations", "invitations", "affiches", "feuilles", "retroplanning"} <= folders
    assert "planning.xlsx" in folders
    for name in ("convocation.docx", "invitation.docx", "reglement.docx"):
        shipped = hashlib.sha256((packaged_templates() / name).read_bytes()).hexdigest()
        assert manifest["inputs"][f"templates/{name}"] == shipped


def test_all_runs_from_another_folder(tmp_path: Path) -> None:
    result = run_docgen(Path(sys.executable), tmp_path, "all", str(EXAMPLE), "--out", "sorties")
    assert result.returncode == 0, result.stderr
    assert_full_set(tmp_path / "sorties")


def test_all_runs_from_a_non_editable_install(tmp_path: Path) -> None:
    """The built package (not the source tree) carries its templates: build it from a copy of
    the sources, install it into a folder of its own and run it from elsewhere."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source)
    shutil.copytree(
        ROOT / "docgen", source / "docgen", ignore=shutil.ignore_patterns("__pycache__")
    )
    site = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(site), str(source)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    shutil.rmtree(source)  # nothing may be read from the sources any more
    shipped = site / "docgen" / "templates"
    assert (shipped / "empreintes.json").is_file() and (shipped / "preparations.json").is_file()
    work = tmp_path / "ailleurs"
    work.mkdir()
    where = run_docgen(
        Path(sys.executable), work, "--version", PYTHONPATH=str(site)
    )  # --version proves the command line starts from the installed copy
    assert where.returncode == 0, where.stderr
    located = subprocess.run(
        [sys.executable, "-c", "import docgen; print(docgen.__file__)"],
        cwd=work, env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert Path(located.stdout.strip()).is_relative_to(site)
    result = run_docgen(
        Path(sys.executable), work, "all", str(EXAMPLE), "--out", "sorties", PYTHONPATH=str(site)
    )
    assert result.returncode == 0, result.stderr
    assert_full_set(work / "sorties")


def test_templates_check_outside_a_project_checks_the_tags_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    clean = CliRunner().invoke(main, ["templates", "check"])
    assert clean.exit_code == 0, clean.output
    assert "seules les balises sont vérifiées" in clean.stdout
    (tmp_path / "templates").mkdir()
    shutil.copy(packaged_templates() / "convocation.docx", tmp_path / "templates")
    misspell(tmp_path / "templates" / "convocation.docx", "{{ objet }}", "{{ objet }")
    broken = CliRunner().invoke(main, ["templates", "check"])
    assert broken.exit_code == 1
    assert "convocation.docx : templates/convocation.docx" in broken.stdout
    assert "n'est pas refermée" in broken.stdout
