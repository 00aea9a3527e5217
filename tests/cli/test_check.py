"""`docgen check`: exit codes, the French report, INTERFACE.md's JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from tests.conftest import MakeWorkbook
from tests.factory import Sheets, set_cell, set_session_value, tidy_session_rows

AS_OF = "2027-01-05"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def without_spare_jurors(sheets: Sheets) -> Sheets:
    """The factory's panel without the two accepted jurors its plan does not need (each would
    be named by a `juror-unused` warning)."""
    for record in (1, 2):  # MOREAU Louis, LAMBERT Julie
        set_cell(sheets, "Jurys", record, "Réponse", "En attente")
    return sheets


def test_a_sound_session_passes_with_exit_0(make_workbook: MakeWorkbook) -> None:
    folder = make_workbook(without_spare_jurors(tidy_session_rows())).parent
    code, out, _ = run("check", str(folder), "--as-of", AS_OF)
    assert code == 0
    assert "Aucun problème trouvé." in out
    assert "Bilan : 0 erreur, 0 avertissement." in out


def test_json_follows_the_interface(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 1, "Date de naissance", "32/13/1990")
    folder = make_workbook(sheets).parent
    code, out, _ = run("check", str(folder), "--as-of", "10/01/2027", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert set(report) == {"session", "as_of", "findings"}
    assert report["session"] == folder.as_posix()
    assert report["as_of"] == "2027-01-10"
    invalid = [f for f in report["findings"] if f["code"] == "invalid-value"]
    assert len(invalid) == 1
    assert set(invalid[0]) == {"code", "severity", "message", "sheet", "row", "column", "cell"}
    assert invalid[0]["severity"] == "error"
    assert invalid[0]["sheet"] == "Candidats"
    assert invalid[0]["row"] == 3
    assert invalid[0]["cell"] == f"Candidats!{invalid[0]['column']}3"
    assert "32/13/1990" in invalid[0]["message"]


def test_the_text_report_names_the_cell_and_groups_errors_first(
    make_workbook: MakeWorkbook,
) -> None:
    sheets = tidy_session_rows()
    set_session_value(sheets, "Candidats prévus", 5)
    set_cell(sheets, "Candidats", 0, "Prénom", None)
    folder = make_workbook(sheets).parent
    code, out, _ = run("check", str(folder), "--as-of", AS_OF)
    assert code == 1
    assert out.index("Erreurs (") < out.index("Avertissements (")
    assert "Candidats!" in out
    assert "[missing-value]" in out
    assert "[candidate-count-mismatch]" in out


def test_quiet_hides_warnings_but_not_errors(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_session_value(sheets, "Candidats prévus", 5)
    folder = make_workbook(sheets).parent
    code, out, _ = run("check", str(folder), "--as-of", AS_OF, "--quiet")
    assert code == 0
    assert "candidate-count-mismatch" not in out


def test_an_unreadable_workbook_stops_with_exit_3_in_french(tmp_path: Path) -> None:
    folder = tmp_path / "session"
    folder.mkdir()
    (folder / "session.xlsx").write_text("N° candidat;Nom\n2245403;DUPONT\n", encoding="utf-8")
    code, out, err = run("check", str(folder), "--as-of", AS_OF)
    assert code == 3
    assert err.startswith("Erreur : ")
    assert "Traceback" not in out + err


def test_a_missing_session_folder_stops_with_exit_3(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "absente"), "--as-of", AS_OF)
    assert code == 3
    assert "n'existe pas" in err


def test_usage_errors_exit_2(make_workbook: MakeWorkbook) -> None:
    folder = make_workbook().parent
    assert run("check", str(folder), "--as-of", "demain")[0] == 2
    assert run("check", str(folder), "--format", "xml")[0] == 2
    assert run("check", "--inconnue")[0] == 2


def test_as_of_is_read_from_the_environment(make_workbook: MakeWorkbook) -> None:
    folder = make_workbook().parent
    result = CliRunner().invoke(
        main, ["check", str(folder), "--format", "json"], env={"DOCGEN_AS_OF": "2027-01-07"}
    )
    assert json.loads(result.stdout)["as_of"] == "2027-01-07"


def test_a_workbook_path_works_as_well_as_its_folder(make_workbook: MakeWorkbook) -> None:
    workbook = make_workbook()
    code, out, _ = run("check", str(workbook), "--as-of", AS_OF, "--format", "json")
    assert code == 0
    assert json.loads(out)["session"] == workbook.parent.as_posix()


def test_a_saturday_chosen_by_the_centre_warns_and_is_planned(make_workbook: MakeWorkbook) -> None:
    sheets = without_spare_jurors(tidy_session_rows())
    set_session_value(sheets, "Date de début", date(2027, 3, 19))
    set_session_value(sheets, "Date de fin", date(2027, 3, 20))
    folder = make_workbook(sheets).parent
    code, out, _ = run("check", str(folder), "--as-of", AS_OF, "--format", "json")
    codes = [finding["code"] for finding in json.loads(out)["findings"]]
    assert codes == ["session-day-weekend"]
    assert code == 0


def test_without_session_every_folder_is_checked_even_after_a_broken_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.factory import write_workbook

    write_workbook(tmp_path / "inputs" / "b-saine" / "session.xlsx", tidy_session_rows())
    broken = tmp_path / "inputs" / "a-cassee" / "session.xlsx"
    broken.parent.mkdir(parents=True)
    broken.write_text("N° candidat;Nom\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--as-of", AS_OF, "--format", "json"])
    assert result.exit_code == 3
    assert result.stderr.startswith("Erreur (inputs/a-cassee) : ")
    assert json.loads(result.stdout)["session"] == "inputs/b-saine"


@pytest.mark.parametrize("flags", [["-q", "-v"], ["-v", "-q"]])
def test_quiet_and_verbose_exclude_each_other(flags: list[str]) -> None:
    result = CliRunner().invoke(main, ["check", *flags])
    assert result.exit_code == 2
    assert "s'excluent" in result.stderr


def test_an_end_before_the_start_is_said_once(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_session_value(sheets, "Date de fin", date(2027, 3, 1))
    folder = make_workbook(sheets).parent
    code, out, _ = run("check", str(folder), "--as-of", AS_OF, "--format", "json")
    codes = [finding["code"] for finding in json.loads(out)["findings"]]
    assert code == 1
    assert "session-dates" in codes
    assert "plan-does-not-fit" not in codes
