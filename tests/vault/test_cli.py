"""`docgen vault …` as a user types it: exit codes, prompts only on a terminal, JSON status."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import vault as cli
from docgen.cli.terminal import WIPE
from docgen.vault import Argon2Params
from tests.vault.conftest import MARKER, OPENING, Clock, FakeTerminal, head_of, marked_pdf


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
    monkeypatch.setattr(cli, "open_terminal", lambda: None)
    return clock


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """The command as typed; `open` gets the fingerprint a custodian noted (unless given)."""
    arguments = list(args)
    if args[0] == "open" and "--tete" not in args and Path("vault/exemple").is_dir():
        arguments += ["--tete", head_of(Path("vault/exemple"))]
    result = CliRunner().invoke(cli.vault_group, arguments, input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def on_terminal(monkeypatch: pytest.MonkeyPatch, *answers: str) -> FakeTerminal:
    terminal = FakeTerminal(list(answers))
    monkeypatch.setattr(cli, "open_terminal", lambda: terminal)
    return terminal


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
    assert code == 3 and "gardien 1" in err and "pas de terminal" in err
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
    terminal = on_terminal(monkeypatch)  # no answer: any question would fail
    code, _, err = run("open", "inputs/exemple")
    assert code == 3 and "Aucune phrase secrète n'a été demandée" in err
    assert terminal.screen == []


def test_the_ceremony_shows_each_secret_on_the_terminal_alone_then_wipes_it(
    place: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        cli, "generate_passphrase", lambda: shown.append("x") or f"mot{len(shown)} a b c d e"
    )
    terminal = on_terminal(
        monkeypatch,
        *["", "mot1 a b c d e", "mot1 a b c d e"],  # custodian 1: ready, retyped twice
        *["", "mot2 a b c d e", "mot2 a b c d e"],  # custodian 2
        *["", ""],  # the recovery holder: ready, copied
        "n",  # keep the source
    )
    code, out, err = run(
        "seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury", "--recovery"
    )
    assert code == 0, err
    screen = terminal.text
    for secret in ("mot1 a b c d e", "mot2 a b c d e"):
        assert secret in screen and secret not in out + err
    recovery = screen.split("(affiché une seule fois) :")[1].split()[0]
    assert recovery not in out + err and "Code de secours remis" in err
    # One at a time: the screen is wiped before the second phrase appears, and after each.
    first, second = screen.index("mot1 a b c d e"), screen.index("mot2 a b c d e")
    assert WIPE in screen[first:second] and WIPE in screen[second : screen.index(recovery)]
    assert screen.rstrip().endswith(WIPE) or WIPE in screen[screen.index(recovery) :]
    assert "Empreinte du journal à recopier au PV" in out
    place.now = OPENING
    Path("code.txt").write_text(recovery)
    code, _, err = run("open", "inputs/exemple", "--recovery-file", "code.txt")
    assert code == 0, err


def test_a_weak_chosen_phrase_is_refused_at_the_ceremony(
    place: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_terminal(monkeypatch, "", "azertyuiopqsdfghjklm", "azertyuiopqsdfghjklm")
    code, out, err = run("seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury")
    assert code == 3 and "trop facile à deviner" in err and "Scellé" not in out


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
    journal.write_bytes(lines[0] + lines[1].replace(b'"generation":1', b'"generation":9'))
    code, out, _err = run("verify", "inputs/exemple")
    assert code == 3 and "ligne 2 : modifiée" in out


def test_remove_source_says_it_is_not_a_secure_erase(place: Clock) -> None:
    code, _out, err = seal("--remove-source")
    assert code == 0 and not Path("recu/DTE jury.pdf").exists()
    assert "n'est pas un effacement sûr" in err


def test_every_command_has_french_help() -> None:
    for command in ("seal", "status", "open", "verify"):
        result = CliRunner().invoke(cli.vault_group, [command, "--help"])
        assert result.exit_code == 0 and "Utilisation :" in result.output


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


def test_verify_accepts_the_head_noted_before_the_refused_and_real_openings(place: Clock) -> None:
    assert seal()[0] == 0
    shown = json.loads(run("status", "inputs/exemple", "--format", "json")[1])
    head = shown["vaults"][0]["journal_head"]
    assert run("open", "inputs/exemple", *KEYS)[0] == 3  # too early, journaled
    place.now = OPENING
    assert run("open", "inputs/exemple", *KEYS)[0] == 0
    code, out, _ = run("verify", "inputs/exemple", "--head", head)
    assert code == 0 and "intact" in out and "3 entrée(s) ajoutée(s) depuis" in out
    code, out, _ = run("verify", "inputs/exemple", "--head", "0" * 64)
    assert code == 3 and "n'est plus dans la chaîne" in out


def test_a_print_copy_failure_is_a_warning_not_a_traceback(
    place: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.vault.test_opening import font_array_pdf

    Path("recu/DTE jury.pdf").write_bytes(font_array_pdf())
    code, _, err = seal()
    assert code == 3 and "mention d'ouverture" in err and "Traceback" not in err
    with monkeypatch.context() as patch:  # as if sealed by a docgen without the dry run
        patch.setattr("docgen.vault.sealing._stamp_trial", lambda data, path: None)
        assert seal()[0] == 0
    place.now = OPENING
    code, out, err = run("open", "inputs/exemple", *KEYS)
    assert code == 0, err
    assert "copie d'impression : aucune" in out and "pas de copie d'impression" in err
    assert Path("outputs/exemple/dte/jury_DTE jury.pdf").read_bytes() == font_array_pdf()


def test_a_refused_file_is_named_and_exits_3_while_the_others_open(place: Clock) -> None:
    (Path("recu") / "DTE candidat.pdf").write_bytes(marked_pdf(pages=2))
    assert seal()[0] == 0
    code, _, err = run(
        "seal", "inputs/exemple", "recu/DTE candidat.pdf", "--role", "candidat", *KEYS
    )
    assert code == 0, err
    [candidat] = [
        p for p in Path("vault/exemple").glob("*.dte") if b'"role":"candidat"' in p.read_bytes()
    ]
    data = bytearray(candidat.read_bytes())
    data[-3] ^= 1
    candidat.write_bytes(bytes(data))
    place.now = OPENING
    code, out, err = run("open", "inputs/exemple", *KEYS)
    assert code == 3
    assert "Ouvert : outputs/exemple/dte/jury_DTE jury.pdf" in out
    assert "Non ouvert" in err and "DTE candidat.pdf" in err and "1 DTE" in err


def test_recovery_needs_a_terminal_or_a_new_file(place: Clock) -> None:
    code, out, err = seal("--recovery")
    assert code == 3 and "--recovery-file" in err and not Path("vault").exists()
    code, out, err = seal("--recovery", "--recovery-file", "code.txt")
    assert code == 0, err
    code_file = Path("code.txt")
    assert code_file.stat().st_mode & 0o077 == 0 and len(code_file.read_text().split("-")) == 8
    assert code_file.read_text().strip() not in out + err
    place.now = OPENING
    assert run("open", "inputs/exemple", "--recovery-file", "code.txt")[0] == 0


def test_key_files_lose_their_bom_and_must_be_long_enough(place: Clock) -> None:
    for name in ("cle1.txt", "cle2.txt"):
        Path(name).write_bytes(b"\xef\xbb\xbf" + Path(name).read_bytes().replace(b"\n", b"\r\n"))
    assert seal()[0] == 0
    Path("courte.txt").write_text("chat\n")
    code, _, err = run(
        "seal",
        "inputs/exemple",
        "recu/DTE jury.pdf",
        "--role",
        "jury",
        "--custodians",
        "1",
        "--key-file",
        "courte.txt",
    )
    assert code == 3 and "trop facile à deviner" in err
    place.now = OPENING
    Path("sans_bom1.txt").write_text("lapin citron orage velours tambour ficelle")
    Path("sans_bom2.txt").write_text("galet ourson violon prairie hibou cerise\n")
    keys = ["--key-file", "sans_bom1.txt", "--key-file", "sans_bom2.txt"]
    code, _, err = run("open", "inputs/exemple", *keys)
    assert code == 0, err  # same secret with or without BOM and CRLF


def test_a_source_that_cannot_be_removed_is_a_french_message(
    place: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission non accordée")

    monkeypatch.setattr(Path, "unlink", refuse)
    code, _, err = seal("--remove-source")
    assert code == 3 and "n'a pas pu être supprimé" in err and "Traceback" not in err


def test_two_custodians_cannot_give_the_same_key_file_or_phrase(place: Clock) -> None:
    code, out, err = run(
        "seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury",
        "--key-file", "cle1.txt", "--key-file", "cle1.txt",
    )  # fmt: skip
    assert code == 3 and "gardiens 1 et 2 ont donné la même phrase" in err
    assert "Scellé" not in out and not list(Path().glob("vault/*/*.dte"))
    same = "  lapin citron  orage velours tambour ficelle \r\n"
    Path("copie.txt").write_bytes(b"\xef\xbb\xbf" + same.encode())
    code, _, err = run(
        "seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury",
        "--key-file", "cle1.txt", "--key-file", "copie.txt",
    )  # fmt: skip
    assert code == 3 and "même phrase" in err


def test_the_second_custodian_cannot_retype_the_first_ones_phrase(
    place: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    phrase = "lapin citron orage velours tambour ficelle"
    on_terminal(monkeypatch, "", phrase, phrase, "", f" {phrase} ", f" {phrase} ")
    code, out, err = run("seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury")
    assert code == 3 and "gardiens 1 et 2 ont donné la même phrase" in err
    assert "Scellé" not in out
    on_terminal(monkeypatch, "", phrase, phrase)
    code, _, err = run(
        "seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury",
        "--key-file", "cle1.txt",
    )  # fmt: skip
    assert code == 3 and "même phrase" in err


def test_verify_takes_a_noted_head_prefix_and_refuses_what_is_no_head(place: Clock) -> None:
    assert seal()[0] == 0
    head = json.loads(run("status", "inputs/exemple", "--format", "json")[1])["vaults"][0][
        "journal_head"
    ]
    assert run("open", "inputs/exemple", *KEYS)[0] == 3  # too early: one more entry
    fingerprint = head[:16]
    grouped = "-".join(fingerprint[i : i + 4] for i in range(0, 16, 4))
    code, out, _ = run("verify", "inputs/exemple", "--tete", grouped)
    assert code == 0 and "1 entrée(s) ajoutée(s) depuis" in out
    for noted in (head[:12], head[:8].upper(), f" {head} "):
        code, out, err = run("verify", "inputs/exemple", "--head", noted)
        assert code == 0, out + err
        assert "intact" in out and "1 entrée(s) ajoutée(s) depuis" in out
    for wrong in ("zzzz", "zzzzzzzzzzzz", head[:7], head + "0", "a8576eea…"):
        code, out, err = run("verify", "inputs/exemple", "--head", wrong)
        assert code == 2 and "n'est pas une empreinte de journal" in err, (wrong, err)
        assert "n'est plus dans la chaîne" not in out + err and "Traceback" not in err
    code, out, _ = run("verify", "inputs/exemple", "--head", "0" * 12)
    assert code == 3 and "n'est plus dans la chaîne" in out
    code, _, err = run("verify", "--head", head)
    assert code == 2 and "--head va avec SESSION" in err


def seal_candidat(*extra: str) -> tuple[int, str, str]:
    (Path("recu") / "DTE candidat.pdf").write_bytes(marked_pdf(pages=2))
    return run(
        "seal", "inputs/exemple", "recu/DTE candidat.pdf", "--role", "candidat", *KEYS, *extra
    )


def test_each_seal_recovery_gives_its_own_code_for_its_own_files(place: Clock) -> None:
    code, _, err = seal("--recovery", "--recovery-file", "code-jury.txt")
    assert code == 0, err
    assert "les DTE scellés par cette commande (DTE jury.pdf), et eux seuls" in err
    code, _, err = seal_candidat("--recovery", "--recovery-file", "code-candidat.txt")
    assert code == 0 and "(DTE candidat.pdf)" in err
    assert Path("code-jury.txt").read_text() != Path("code-candidat.txt").read_text()
    place.now = OPENING
    code, out, err = run("open", "inputs/exemple", "--recovery-file", "code-jury.txt")
    assert code == 3 and "Ouvert : outputs/exemple/dte/jury_DTE jury.pdf" in out
    assert "Ce code de secours ne déverrouille pas « DTE candidat.pdf »" in err
    assert "son propre code" in err and "ordre des gardiens" not in err
    code, out, err = run(
        "open", "inputs/exemple", "--recovery-file", "code-candidat.txt", "--out", "jour-j"
    )
    assert code == 3 and "Ouvert : jour-j/candidat_DTE candidat.pdf" in out


def test_a_recovery_code_on_files_sealed_without_one_says_none_exists(place: Clock) -> None:
    assert seal()[0] == 0
    Path("code.txt").write_text("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567\n")
    place.now = OPENING
    code, _, err = run("open", "inputs/exemple", "--recovery-file", "code.txt")
    assert code == 3
    assert "« DTE jury.pdf » a été scellé sans code de secours" in err
    assert "aucun code de secours n'existe pour ce fichier" in err


def test_help_and_readme_say_what_a_recovery_code_opens() -> None:
    result = CliRunner().invoke(cli.vault_group, ["seal", "--help"], terminal_width=200)
    assert "ouvre seul" not in result.output
    assert "propre à cette commande" in result.output and "Gardez chaque code" in result.output
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Le coffre des DTE")[1].split("\n## ")[0]
    assert "ouvre seul" not in section
    assert "les DTE scellés par cette\n  commande, et eux seuls" in section


def test_sealing_the_same_content_again_says_nothing_was_done(place: Clock) -> None:
    assert seal()[0] == 0
    journal = Path("vault/exemple/journal.jsonl").read_bytes()
    code, out, err = seal("--recovery", "--recovery-file", "code.txt")
    assert code == 0, err
    assert "Déjà scellé avec ce contenu : DTE jury.pdf" in out and "rien n'a été fait" in out
    assert "Scellé :" not in out and "aucun code de secours n'a été créé" in err
    assert not Path("code.txt").exists()
    assert Path("vault/exemple/journal.jsonl").read_bytes() == journal


def test_open_refuses_more_key_files_than_custodians(place: Clock) -> None:
    assert seal()[0] == 0
    place.now = OPENING
    code, _, err = run("open", "inputs/exemple", *KEYS, "--key-file", "cle1.txt")
    assert code == 2 and "3 fichiers de clé (--key-file) donnés pour 2 gardien(s)" in err
    assert "un seul par gardien" in err and not Path("outputs").exists()
    code, _, err = seal("--key-file", "cle1.txt")
    assert code == 2 and "3 fichiers de clé (--key-file) donnés pour 2 gardien(s)" in err
    code, _, err = run("open", "inputs/exemple", *KEYS, "--recovery")
    assert code == 2 and "s'excluent" in err


def test_open_with_recovery_and_no_terminal_points_to_recovery_file(place: Clock) -> None:
    assert seal()[0] == 0
    place.now = OPENING
    code, _, err = run("open", "inputs/exemple", "--recovery")
    assert code == 3 and "le code de secours" in err and "--recovery-file" in err
    assert "--key-file" not in err


def test_a_refused_open_leaves_no_empty_output_folder(place: Clock) -> None:
    assert seal()[0] == 0
    place.now = OPENING
    reversed_keys = ["--key-file", "cle2.txt", "--key-file", "cle1.txt"]
    code, _, err = run("open", "inputs/exemple", *reversed_keys, "--out", "dte2/jour")
    assert code == 3 and "ordre des gardiens" in err
    assert not Path("dte2").exists()
    Path("existant").mkdir()
    assert run("open", "inputs/exemple", *reversed_keys, "--out", "existant")[0] == 3
    assert Path("existant").is_dir()  # a folder that was there stays


def test_less_than_a_minute_left_is_said_so(place: Clock) -> None:
    assert seal()[0] == 0
    place.now = OPENING - timedelta(seconds=0.5)
    code, out, _ = run("status", "inputs/exemple")
    assert "dans moins d'une minute" in out and "0 min" not in out
    code, _, err = run("open", "inputs/exemple", *KEYS)
    assert code == 3 and "dans moins d'une minute" in err
    place.now = OPENING - timedelta(seconds=61)
    assert "dans 2 min" in run("status", "inputs/exemple")[1]


def test_a_missing_session_folder_or_key_file_exits_3_in_french(place: Clock) -> None:
    code, _, err = run("seal", "inputs/nope", "recu/DTE jury.pdf", "--role", "jury", *KEYS)
    assert code == 3 and "Le dossier de session inputs/nope est introuvable" in err
    code, _, err = run("open", "inputs/nope", *KEYS)
    assert code == 3 and "inputs/nope est introuvable" in err
    code, _, err = seal("--custodians", "2", "--key-file", "absente.txt")
    assert code == 2  # three key files for two custodians: a usage error first
    code, _, err = run(
        "seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury",
        "--key-file", "cle1.txt", "--key-file", "absente.txt",
    )  # fmt: skip
    assert code == 3 and "Le fichier de clé absente.txt est introuvable" in err
    code, _, err = run("seal", "inputs/exemple", "recu/absent.pdf", "--role", "jury", *KEYS)
    assert code == 3 and "fichier ou dossier introuvable" in err
    assert "No such file" not in err
    code, _, err = run("open", "inputs/exemple", "--recovery-file", "absent.txt")
    assert code == 3 and "Le fichier du code de secours absent.txt est introuvable" in err


def test_a_key_file_that_is_not_text_says_so_in_french(place: Clock) -> None:
    Path("binaire.txt").write_bytes(b"\xff\xfe lapin citron orage velours tambour ficelle")
    code, _, err = run(
        "seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury",
        "--key-file", "binaire.txt", "--key-file", "cle2.txt",
    )  # fmt: skip
    assert code == 3 and "Le fichier de clé binaire.txt n'est pas un texte UTF-8" in err
    assert "codec" not in err and "0xff" not in err


def test_open_help_says_a_code_opens_only_its_own_seal() -> None:
    result = CliRunner().invoke(cli.vault_group, ["open", "--help"], terminal_width=200)
    assert "n'ouvre que les DTE scellés par la commande « seal --recovery »" in result.output


def test_open_needs_the_noted_fingerprint_and_refuses_one_the_journal_left(place: Clock) -> None:
    assert seal()[0] == 0
    place.now = OPENING
    code, _, err = run("open", "inputs/exemple", *KEYS, "--tete", "")
    assert code == 2
    result = CliRunner().invoke(cli.vault_group, ["open", "inputs/exemple", *KEYS])
    assert result.exit_code == 3 and "--tete EMPREINTE" in result.stderr
    code, _, err = run("open", "inputs/exemple", *KEYS, "--tete", "0123-4567-89ab-cdef")
    assert code == 3 and "ne prolonge pas l'empreinte notée" in err
    assert not Path("outputs/exemple/dte").exists()


def test_new_key_files_are_written_before_sealing_and_removed_when_it_fails(place: Clock) -> None:
    code, _, err = run(
        "seal", "inputs/exemple", "recu/DTE jury.pdf", "--role", "jury",
        "--new-key-file", "absent/g1.txt", "--new-key-file", "g2.txt",
    )  # fmt: skip
    assert code == 3 and "absent/g1.txt" in err and "Traceback" not in err
    assert not Path("g2.txt").exists() and not list(Path().glob("vault/*/*.dte"))
    assert seal()[0] == 0  # the vault now belongs to cle1.txt and cle2.txt
    Path("recu/DTE candidat.pdf").write_bytes(marked_pdf(pages=2))
    code, _, err = run(
        "seal", "inputs/exemple", "recu/DTE candidat.pdf", "--role", "candidat",
        "--new-key-file", "g1.txt", "--new-key-file", "g2.txt",
        "--recovery", "--recovery-file", "code.txt",
    )  # fmt: skip
    assert code == 3 and "ne sont pas celles des gardiens" in err
    assert not any(Path(n).exists() for n in ("g1.txt", "g2.txt", "code.txt"))
