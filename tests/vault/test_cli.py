"""`docgen vault …` as a user types it: exit codes, prompts only on a terminal, JSON status."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import vault as cli
from docgen.vault import Argon2Params
from tests.vault.conftest import MARKER, OPENING, Clock, marked_pdf


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Clock:
    """A session folder, two key files, a clock, cheap KDF costs; cwd is tmp_path."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inputs" / "exemple").mkdir(parents=True)
    (tmp_path / "recu").mkdir()
    (tmp_path / "recu" / "DTE jury.pdf").write_bytes(marked_pdf())
    (tmp_path / "cle1.txt").write_text("lapin citron orage velours tambour ficelle\n")
    (tmp_path / "cle2.txt").write_text("galet ourson violon prairie hibou cerise\n")
    clock = Clock(OPENING - timedelta(days=3))
    monkeypatch.setattr(cli, "clock", clock)
    monkeypatch.setattr(cli, "session_opening_of", lambda _: OPENING)
    monkeypatch.setattr("docgen.vault.store.default_kdf", lambda: Argon2Params(64, 1, 1))
    monkeypatch.setattr(cli, "stdin_is_terminal", lambda: False)
    return clock


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.vault_group, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


KEYS = ["--key-file", "cle1.txt", "--key-file", "cle2.txt"]


def seal(*extra: str) -> tuple[int, str, str]:
    return run("seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury", *KEYS, *extra)


def test_seal_status_early_refusal_open_and_verify(place: Clock) -> None:
    code, out, err = seal()
    assert code == 0, err
    assert "Scellé : DTE jury.pdf" in out and "ouverture le 15/03/2027 à 08:00" in out
    assert "n'est pas un effacement sûr" in err
    assert Path("recu/DTE jury.pdf").exists()  # no terminal: nothing removed without asking

    code, out, _ = run("status", "inputs/exemple", "--format", "json")
    shown = json.loads(out)["vaults"][0]
    assert code == 0 and shown["session"] == "exemple" and shown["journal_intact"]
    assert shown["files"][0]["integrity"] == "intact"
    assert shown["files"][0]["seconds_to_opening"] == 3 * 24 * 3600

    code, out, err = run("open", "inputs/exemple", *KEYS)
    assert code == 3 and "Trop tôt" in err and "dans 3 j" in err

    place.now = OPENING + timedelta(minutes=5)
    code, out, err = run("open", "inputs/exemple", *KEYS)
    assert code == 0, err
    opened = Path("outputs/exemple/dte/jury_DTE jury.pdf")
    assert opened.read_bytes() == Path("recu/DTE jury.pdf").read_bytes()

    code, out, _ = run("verify")
    assert code == 0 and "intact" in out
    code, out, _ = run("status")
    assert "déjà ouvert" in out and "tête" in out


def test_a_missing_secret_without_a_terminal_is_an_error_not_a_prompt(place: Clock) -> None:
    code, _, err = run("seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury")
    assert code == 3 and "gardien 1" in err and "pas un terminal" in err
    assert seal()[0] == 0
    place.now = OPENING
    code, _, err = run("open", "inputs/exemple", "--key-file", "cle1.txt")
    assert code == 3 and "gardien 2" in err
    assert not Path("outputs/exemple/dte").exists() or not any(
        MARKER in p.read_bytes() for p in Path("outputs/exemple/dte").iterdir()
    )


def test_too_early_never_prompts_even_on_a_terminal(
    place: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert seal()[0] == 0
    monkeypatch.setattr(cli, "stdin_is_terminal", lambda: True)

    def no_prompt(*_: object, **__: object) -> str:
        raise AssertionError("prompted before the opening time")

    monkeypatch.setattr(cli.click, "prompt", no_prompt)
    code, _, err = run("open", "inputs/exemple")
    assert code == 3 and "Aucune phrase secrète n'a été demandée" in err


def test_seal_on_a_terminal_offers_generated_passphrases(
    place: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "stdin_is_terminal", lambda: True)
    shown: list[str] = []
    monkeypatch.setattr(
        cli, "generate_passphrase", lambda: shown.append("x") or f"mot{len(shown)} a b c d e"
    )
    typed = "mot1 a b c d e\nmot1 a b c d e\nmot2 a b c d e\nmot2 a b c d e\nn\n"
    code, out, err = run(
        "seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury", "--recovery", stdin=typed
    )
    assert code == 0, err
    assert "mot1 a b c d e" in err and "mot2 a b c d e" in err
    assert "Code de secours" in err and "Code de secours" not in out  # never in a redirect
    recovery = err.split("le coffre) : ")[1].split()[0]
    assert Path("recu/DTE jury.pdf").exists()
    place.now = OPENING
    Path("code.txt").write_text(recovery)
    code, _, err = run("open", "inputs/exemple", "--recovery-file", "code.txt")
    assert code == 0, err


def test_one_custodian_is_allowed_with_a_warning(place: Clock) -> None:
    code, _, err = run(
        "seal",
        "inputs/exemple",
        "recu/DTE jury.pdf",
        "--role",
        "jury",
        "--custodians",
        "1",
        "--key-file",
        "cle1.txt",
    )
    assert code == 0 and "un seul gardien" in err


def test_usage_errors_exit_2(place: Clock) -> None:
    assert run("seal", "inputs/exemple", "recu/DTE jury.pdf")[0] == 2
    assert run("seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "maire")[0] == 2
    assert run("status", "--format", "xml")[0] == 2


def test_verify_names_a_broken_journal_line_and_exits_3(place: Clock) -> None:
    assert seal()[0] == 0
    journal = Path("vault/exemple/journal.jsonl")
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(lines[0] + lines[1].replace(b'"pages":1', b'"pages":9'))
    code, out, _err = run("verify", "inputs/exemple")
    assert code == 3 and "ligne 2 : modifiée" in out


def test_remove_source_says_it_is_not_a_secure_erase(place: Clock) -> None:
    code, _out, err = seal("--remove-source")
    assert code == 0 and not Path("recu/DTE jury.pdf").exists()
    assert "n'est pas un effacement sûr" in err


def test_every_command_has_french_help() -> None:
    for command in ("seal", "status", "open", "verify"):
        result = CliRunner().invoke(cli.vault_group, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_no_secret_travels_in_argv_or_the_environment() -> None:
    options = {
        option
        for command in cli.vault_group.commands.values()
        for param in command.params
        for option in param.opts
    }
    assert not {"--passphrase", "--password", "--secret", "--code"} & options
    assert all(
        param.envvar is None for c in cli.vault_group.commands.values() for param in c.params
    )


def test_real_dates_come_back_aware() -> None:
    assert cli.clock().tzinfo is not None
    assert isinstance(cli.clock(), datetime)
