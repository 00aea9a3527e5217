"""`docgen init`: a new session from nothing or from the previous one, read back as it was."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from docgen.cli import main
from tests.libreoffice import needs_libreoffice

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2027-01-05"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def filled_rows(sheet: Any) -> list[tuple[Any, ...]]:
    """The data rows holding a value (the prepared rows below carry only formats)."""
    rows = sheet.iter_rows(min_row=2, values_only=True)
    return [row for row in rows if any(value is not None for value in row)]


def check_codes(folder: str) -> list[tuple[str, str | None]]:
    result = CliRunner().invoke(main, ["check", folder, "--as-of", AS_OF, "--format", "json"])
    return [(f["code"], f["sheet"]) for f in json.loads(result.stdout)["findings"]]


def test_init_then_check_reports_only_missing_values(project: Path) -> None:
    result = CliRunner().invoke(main, ["init", "essai"])
    assert result.exit_code == 0, result.output
    assert "Classeur créé : inputs/essai/session.xlsx" in result.stdout
    assert "docgen check inputs/essai" in result.stdout
    codes = check_codes("inputs/essai")
    assert codes
    assert set(codes) == {("missing-value", "Session")}


def test_init_never_overwrites_a_workbook(project: Path) -> None:
    assert CliRunner().invoke(main, ["init", "essai"]).exit_code == 0
    workbook = project / "inputs" / "essai" / "session.xlsx"
    workbook.write_bytes(b"le travail de la semaine")
    again = CliRunner().invoke(main, ["init", "essai"])
    assert again.exit_code == 3
    assert "existe déjà" in again.stderr
    assert workbook.read_bytes() == b"le travail de la semaine"
    assert [path.name for path in workbook.parent.iterdir()] == ["session.xlsx"]


def test_init_does_not_add_a_workbook_beside_an_ods_one(project: Path) -> None:
    folder = project / "inputs" / "essai"
    folder.mkdir(parents=True)
    (folder / "session.ods").write_bytes(b"classeur LibreOffice")
    result = CliRunner().invoke(main, ["init", "essai"])
    assert result.exit_code == 3
    assert "session.ods » existe déjà" in result.stderr
    assert [path.name for path in folder.iterdir()] == ["session.ods"]


@pytest.mark.parametrize("name", ["../ailleurs", "a/b", ".cache", "  "])
def test_a_name_that_is_not_a_folder_name_is_refused(project: Path, name: str) -> None:
    result = CliRunner().invoke(main, ["init", name])
    assert result.exit_code == 3
    assert "ne peut pas nommer un dossier de session" in result.stderr
    assert not (project / "inputs").exists() or not any((project / "inputs").rglob("*.xlsx"))


def test_init_from_a_previous_session_carries_the_reusable_sheets(project: Path) -> None:
    result = CliRunner().invoke(
        main, ["init", "soudeur-juin", "--depuis", str(ROOT / "inputs" / "exemple")]
    )
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(project / "inputs" / "soudeur-juin" / "session.xlsx")
    assert filled_rows(workbook["Candidats"]) == []  # candidates are new
    jurors = filled_rows(workbook["Jurys"])
    assert len(jurors) == 7
    headers = [cell.value for cell in workbook["Jurys"][1]]
    assert {row[headers.index("Réponse")] for row in jurors} == {"En attente"}
    equipment = workbook["Matériel"]
    state = [cell.value for cell in equipment[1]].index("État")
    assert {row[state] for row in filled_rows(equipment)} == {"À vérifier"}
    session = {row[0]: row[1] for row in workbook["Session"].iter_rows(values_only=True)}
    assert session["Centre"] is not None
    assert session["Date de début"] is None and session["Candidats prévus"] is None
    codes = {code for code, _ in check_codes("inputs/soudeur-juin")}
    assert codes <= {"missing-value", "equipment-not-ready"}
    assert not any(code.startswith("missing-") and code != "missing-value" for code in codes)


@needs_libreoffice
def test_the_workbook_survives_a_libreoffice_round_trip(project: Path) -> None:
    assert CliRunner().invoke(main, ["init", "essai"]).exit_code == 0
    saved = project / "lo"
    completed = subprocess.run(
        ["soffice", f"-env:UserInstallation={(project / 'profil-lo').as_uri()}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(saved), "inputs/essai/session.xlsx"],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    if not (saved / "session.xlsx").exists():
        pytest.skip(f"LibreOffice Calc absent ou en échec : {completed.stderr[-200:]!r}")
    workbook = openpyxl.load_workbook(saved / "session.xlsx")
    lists = {
        dv.formula1 for sheet in workbook for dv in sheet.data_validations.dataValidation if dv.type
    }
    assert '"M.,Mme"' in lists and '"Collectif,Individuel,Session,Jour"' in lists
    assert '"Opérationnel,À vérifier,Hors service"' in lists
    (project / "inputs" / "relu").mkdir()
    shutil.copy(saved / "session.xlsx", project / "inputs" / "relu" / "session.xlsx")
    assert set(check_codes("inputs/relu")) == {("missing-value", "Session")}
