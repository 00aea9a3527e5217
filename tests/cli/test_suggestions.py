"""« Vouliez-vous dire … ? » for a mistyped command, option or session folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("convocation", "docgen convocations"),
        ("retro", "docgen retroplanning"),
        ("rétroplanning", "docgen retroplanning"),
        ("invitation", "docgen invitations"),
        ("chek", "docgen check"),
    ],
)
def test_a_mistyped_command_gets_a_suggestion(typed: str, meant: str) -> None:
    result = CliRunner().invoke(main, [typed])
    assert result.exit_code == 2
    assert f"La commande « {typed} » n'existe pas. Vouliez-vous dire « {meant} » ?" in (
        result.stderr
    )


def test_an_unknown_command_lists_the_commands() -> None:
    result = CliRunner().invoke(main, ["imprimer"])
    assert result.exit_code == 2
    assert "Commandes : all, check, convocations," in result.stderr


def test_a_mistyped_option_gets_a_suggestion() -> None:
    result = CliRunner().invoke(main, ["check", "--as-off", "2027-01-05"])
    assert result.exit_code == 2
    assert "L'option '--as-off' n'existe pas. Vouliez-vous dire '--as-of' ?" in result.stderr


def test_an_unknown_session_lists_the_sessions_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("soudeur-mars", "compta-juin"):
        (tmp_path / "inputs" / name).mkdir(parents=True)
        shutil.copy(ROOT / "inputs" / "exemple" / "session.xlsx", tmp_path / "inputs" / name)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "inputs/soudeur-mar"])
    assert result.exit_code == 3
    assert "« inputs/soudeur-mar » n'existe pas" in result.stderr
    assert "Vouliez-vous dire « inputs/soudeur-mars » ?" in result.stderr
    assert "Sessions trouvées dans « inputs » : inputs/compta-juin, inputs/soudeur-mars." in (
        result.stderr
    )


def test_without_any_session_the_message_says_how_to_start_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "essai"])
    assert result.exit_code == 3
    assert "Aucune session dans « inputs »" in result.stderr
    assert "docgen init NOM" in result.stderr
