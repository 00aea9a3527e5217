"""`docgen check --annoter`: the findings inside a copy of the workbook, never in the original."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from docgen.cli import main
from tests.conftest import MakeWorkbook
from tests.factory import set_cell, set_session_value, tidy_session_rows
from tests.ods import write_ods

AS_OF = "2027-01-05"
RED, ORANGE = "00FFC7CE", "00FFD8A8"


@pytest.fixture
def flawed(make_workbook: MakeWorkbook) -> Path:
    """A session with an error (an unreadable date) and a warning (an unknown column), the
    Candidats sheet renamed and under a title row."""
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 0, "Date de naissance", "31/02/2001")
    sheets["Salles"][0].append("Étage")
    set_session_value(sheets, "Candidats prévus", 2)
    return make_workbook(sheets, titles={"Candidats": "Inscrits"}).parent


def annotate(folder: Path, out: Path) -> tuple[int, Path]:
    result = CliRunner().invoke(
        main, ["check", str(folder), "--as-of", AS_OF, "--out", str(out), "--annoter"]
    )
    return result.exit_code, out / folder.name / "session-annote.xlsx"


def test_each_finding_is_coloured_and_commented_in_a_copy(flawed: Path, tmp_path: Path) -> None:
    original = (flawed / "session.xlsx").read_bytes()
    code, annotated = annotate(flawed, tmp_path / "sorties")
    assert code == 1
    assert (flawed / "session.xlsx").read_bytes() == original
    workbook = openpyxl.load_workbook(annotated)
    assert workbook.sheetnames[0] == "Constats"
    birth = workbook["Candidats"]["F4"]  # title row, blank row, header row, first candidate
    assert birth.value == "31/02/2001"
    assert birth.fill.fgColor.rgb == RED
    assert birth.comment is not None and "[invalid-value]" in birth.comment.text
    assert "Date de naissance" in birth.comment.text
    unknown = workbook["Salles"]["E1"]
    assert unknown.fill.fgColor.rgb == ORANGE
    assert unknown.comment is not None and "« Étage » inconnue" in unknown.comment.text


def test_the_constats_sheet_lists_errors_first_with_links(flawed: Path, tmp_path: Path) -> None:
    _, annotated = annotate(flawed, tmp_path / "sorties")
    listing = openpyxl.load_workbook(annotated)["Constats"]
    rows = list(listing.iter_rows(min_row=2, values_only=True))
    assert rows[0][:3] == ("Erreur", "Candidats!F4", "invalid-value")
    assert ("Avertissement", "Salles!E1", "unknown-column") in [row[:3] for row in rows]
    severities = [row[0] for row in rows]
    assert severities == sorted(severities, key=lambda severity: severity != "Erreur")
    link = listing["B2"].hyperlink
    assert link is not None and link.location == "'Candidats'!F4"


def test_a_rerun_writes_the_same_bytes_atomically(flawed: Path, tmp_path: Path) -> None:
    _, first = annotate(flawed, tmp_path / "sorties")
    before = hashlib.sha256(first.read_bytes()).hexdigest()
    _, second = annotate(flawed, tmp_path / "sorties")
    assert hashlib.sha256(second.read_bytes()).hexdigest() == before
    assert [path.name for path in second.parent.iterdir()] == ["session-annote.xlsx"]


def test_the_constats_sheet_holds_exactly_the_findings_of_check(
    make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    folder = make_workbook().parent
    code, annotated = annotate(folder, tmp_path / "sorties")
    assert code == 0
    report = CliRunner().invoke(main, ["check", str(folder), "--as-of", AS_OF, "--format", "json"])
    expected = sorted(finding["code"] for finding in json.loads(report.stdout)["findings"])
    listing = openpyxl.load_workbook(annotated)["Constats"]
    rows = list(listing.iter_rows(min_row=2, values_only=True))
    assert sorted(row[2] for row in rows) == expected
    assert all(row[0] == "Avertissement" for row in rows)


def test_an_ods_session_is_annotated_into_an_xlsx_copy(tmp_path: Path) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 1, "Date de naissance", "31/02/2001")
    folder = tmp_path / "ods"
    write_ods(folder / "session.ods", sheets)
    code, annotated = annotate(folder, tmp_path / "sorties")
    assert code == 1
    birth = openpyxl.load_workbook(annotated)["Candidats"]["F3"]
    assert birth.value == "31/02/2001"
    assert birth.fill.fgColor.rgb == RED
    assert [path.name for path in folder.iterdir()] == ["session.ods"]
