"""Each document command writes its own folder; what cannot be written is said, with why."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from tests.conftest import MakeWorkbook
from tests.factory import set_cell, tidy_session_rows

AS_OF = "2027-01-05"


def run(command: str, folder: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, [command, str(folder), "--as-of", AS_OF, "--out", str(out), *extra]
    )
    return result.exit_code, result.stderr


def written(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("command", "folder"),
    [
        ("convocations", "convocations/"),
        ("invitations", "invitations/"),
        ("posters", "affiches/"),
        ("sheets", "feuilles/"),
        ("retroplanning", "retroplanning/"),
    ],
)
def test_each_command_writes_only_its_folder(
    command: str, folder: str, make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    session = make_workbook().parent
    code, err = run(command, session, tmp_path)
    assert code == 0, err
    files = written(tmp_path / "session")
    assert "manifest.json" in files
    assert {name.split("/", 1)[0] + "/" for name in files if "/" in name} == {folder}


def test_a_later_command_keeps_the_earlier_documents(
    make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    session = make_workbook().parent
    assert run("convocations", session, tmp_path)[0] == 0
    assert run("posters", session, tmp_path)[0] == 0
    folders = {name.split("/", 1)[0] for name in written(tmp_path / "session") if "/" in name}
    assert folders == {"convocations", "affiches"}


def test_forced_without_a_plan_says_what_was_left_out(
    make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 0, "Civilité", "Docteur")
    session = make_workbook(sheets).parent
    code, err = run("all", session, tmp_path, "--force")
    assert code == 0, err
    files = written(tmp_path / "session")
    assert "affiches/reglement.docx" in files
    assert "affiches/deroule.docx" not in files
    assert not any(name.startswith("invitations/") for name in files)
    assert "planning.xlsx" not in files
    assert "Non écrits :" in err
    assert "Invitations des jurés : la session n'a pas pu être planifiée" in err
    assert "pas de déroulé tant que la session n'est pas planifiée" in err
    assert "Planning : la session n'a pas pu être planifiée" in err


def test_convocations_after_the_first_day_warn_and_day_sheets_stay_writable(
    tmp_path: Path,
) -> None:
    example = Path(__file__).resolve().parents[2] / "inputs" / "exemple"
    out = tmp_path / "sorties"
    during = ["--as-of", "2027-03-16", "--out", str(out)]
    convocations = CliRunner().invoke(main, ["convocations", str(example), *during])
    assert convocations.exit_code == 0, convocations.output
    assert "[sent-after-start]" in convocations.stderr
    sheets = CliRunner().invoke(main, ["sheets", str(example), *during])
    assert sheets.exit_code == 0, sheets.output
    assert "sent-after-start" not in sheets.stderr
    past = CliRunner().invoke(main, ["sheets", str(example), "--as-of", "2027-06-01"])
    assert past.exit_code == 1
    assert "[session-past]" in past.stderr
