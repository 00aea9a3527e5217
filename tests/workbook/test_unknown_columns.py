"""No silent switch-off: header aliases of the contract, and `unknown-column` for the rest."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from docgen.pipeline import check_session
from docgen.settings import Settings
from docgen.workbook import load_workbook_file
from tests.conftest import MakeWorkbook
from tests.factory import tidy_session_rows

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Settings(as_of=date(2027, 1, 5))


def example_with_header(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the example session whose `Candidats` header `old` is retyped as `new`."""
    folder = tmp_path / "renommee"
    shutil.copytree(ROOT / "inputs" / "exemple", folder)
    workbook = openpyxl.load_workbook(folder / "session.xlsx")
    sheet = workbook["Candidats"]
    cell = next(cell for row in sheet.iter_rows() for cell in row if cell.value == old)
    cell.value = new
    workbook.save(folder / "session.xlsx")
    return folder


@pytest.mark.parametrize(
    "header",
    [
        "Entreprise d'accueil",
        "Entreprises d'accueil",
        "Entreprise(s) d'accueil",
        "Employeur(s)",
        "Structure(s) d'accueil",
        "STRUCTURE D'ACCUEIL",
    ],
)
def test_a_retyped_companies_header_keeps_the_conflict_check(tmp_path: Path, header: str) -> None:
    checked = check_session(example_with_header(tmp_path, "Entreprises", header), SETTINGS)
    codes = [finding.code for finding in checked.findings]
    assert "conflict-company" in codes
    assert "unknown-column" not in codes
    assert not checked.has_errors


def test_a_truly_unknown_header_is_reported_with_the_closest_one(tmp_path: Path) -> None:
    checked = check_session(example_with_header(tmp_path, "Entreprises", "Entreprize"), SETTINGS)
    unknown = [finding for finding in checked.findings if finding.code == "unknown-column"]
    assert len(unknown) == 1
    assert unknown[0].location.cell == "Candidats!N2"
    assert not unknown[0].is_error
    assert "« Entreprize » inconnue" in unknown[0].message
    assert "Vouliez-vous dire « Entreprises » ?" in unknown[0].message


def test_an_unrelated_header_still_names_the_closest_known_one(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    sheets["Salles"][0].append("Étage")
    loaded = load_workbook_file(make_workbook(sheets))
    (finding,) = loaded.findings
    assert finding.code == "unknown-column"
    assert "« Étage » inconnue" in finding.message
    assert "Le plus proche des colonnes connues est « " in finding.message


def test_a_column_typed_twice_is_reported(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    sheets["Salles"][0].append("Type de salle")
    (finding,) = load_workbook_file(make_workbook(sheets)).findings
    assert finding.code == "unknown-column"
    assert "en double" in finding.message and "« Type »" in finding.message


def test_an_unknown_session_field_with_a_value_is_reported(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    sheets["Session"].append(["Date de fn", date(2027, 3, 19)])
    sheets["Session"].append(["Note sans valeur", None])
    (finding,) = load_workbook_file(make_workbook(sheets)).findings
    assert finding.code == "unknown-column"
    assert finding.location.cell == f"Session!A{len(sheets['Session']) - 1}"
    assert "Champ « Date de fn » inconnu" in finding.message
    assert "Vouliez-vous dire « Date de fin » ?" in finding.message


def test_the_example_and_the_tidy_session_have_no_unknown_column(
    make_workbook: MakeWorkbook,
) -> None:
    for path in (ROOT / "inputs" / "exemple" / "session.xlsx", make_workbook()):
        codes = {finding.code for finding in load_workbook_file(path).findings}
        assert "unknown-column" not in codes
