"""`docgen convocations`: refuses on errors, writes atomically, --force is recorded."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main
from tests.conftest import MakeWorkbook
from tests.factory import set_cell, tidy_session_rows

AS_OF = "2027-01-05"


def convoke(folder: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["convocations", str(folder), "--as-of", AS_OF, "--out", str(out), *extra]
    )
    return result.exit_code, result.stderr


def written(out: Path) -> dict[str, bytes]:
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


def test_one_convocation_and_calendar_per_candidate_and_a_manifest(
    make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    folder = make_workbook().parent
    out = tmp_path / "outputs"
    code, err = convoke(folder, out)
    assert code == 0, err
    files = written(out)
    produced = sorted(name for name in files if name.startswith("session/convocations/"))
    letters = [name for name in produced if name.endswith(".docx")]
    calendars = [name for name in produced if name.endswith(".ics")]
    assert len(letters) == 3
    assert [name.removesuffix(".ics") for name in calendars] == [
        name.removesuffix(".docx") for name in letters
    ]
    manifest = json.loads(files["session/manifest.json"])
    assert manifest["as_of"] == AS_OF
    assert manifest["forced"] is False
    assert sorted("session/" + entry["path"] for entry in manifest["files"]) == produced
    assert "Documents écrits dans" in err


def test_reruns_are_byte_identical(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    folder = make_workbook().parent
    assert convoke(folder, tmp_path / "first")[0] == 0
    assert convoke(folder, tmp_path / "second")[0] == 0
    assert written(tmp_path / "first") == written(tmp_path / "second")


def test_errors_block_every_document(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 0, "Civilité", "Docteur")
    folder = make_workbook(sheets).parent
    out = tmp_path / "outputs"
    code, err = convoke(folder, out)
    assert code == 1
    assert "Aucune convocation n'a été écrite" in err
    assert "--force" in err
    assert written(out) == {}


def test_force_writes_and_says_so_in_the_manifest(
    make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Jurys", 0, "Habilitation jusqu'au", "01/01/2020")
    folder = make_workbook(sheets).parent
    out = tmp_path / "outputs"
    code, err = convoke(folder, out, "--force")
    assert code == 0, err
    manifest = json.loads((out / "session" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["forced"] is True
    assert "habilitation-expired" in manifest["overridden_codes"]
    assert "--force" in err
