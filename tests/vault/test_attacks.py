"""The attack kit: one vector per failure class, each asserting the exact refusal.

In the spirit of age's testkit: someone with write access to the vault folder (or the recovery
code, or a pipe instead of a terminal) tries each attack of issue 12; docgen refuses or detects
it, and says so.
"""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from docgen.cli import vault as cli
from docgen.errors import VaultError
from docgen.vault import SealError, Secrets, new_recovery_code, vault_status, verify_vault
from docgen.vault.format import canonical_json, read_header, unwrap_file_key
from docgen.vault.journal import Journal, entry_hash, signed_body
from docgen.vault.keys import KeyCache
from docgen.vault.names import output_names
from docgen.vault.signing import new_signing_key, sign
from tests.vault.conftest import FAST_KDF, MARKER, OPENING, PAIR, Bench, head_of, marked_pdf

INTRUDER = Secrets(("pirate un", "pirate deux"))


def journal_lines(bench: Bench) -> list[bytes]:
    return (bench.vault / "journal.jsonl").read_bytes().splitlines(keepends=True)


def write_lines(bench: Bench, lines: list[bytes]) -> None:
    (bench.vault / "journal.jsonl").write_bytes(b"".join(lines))


def append_entry(bench: Bench, event: str, **fields: Any) -> None:
    journal = Journal(bench.vault)
    journal.append(journal.read(), bench.clock.now, event, **fields)


def test_a_tampered_seal_line_is_a_forgery_for_verify_and_open(bench: Bench) -> None:
    bench.seal()
    lines = journal_lines(bench)
    lines[1] = lines[1].replace(b'"opening":"2027-03-15T08:00', b'"opening":"2027-03-14T08:00')
    write_lines(bench, lines)
    assert "journal : ligne 2 : signature des gardiens invalide" in " ".join(
        verify_vault(bench.vault, now=bench.clock).problems
    )
    bench.clock.now = OPENING
    with pytest.raises(VaultError, match="ligne 2"):
        bench.open()


def test_a_line_re_signed_with_another_key_is_a_forgery(bench: Bench) -> None:
    bench.seal()
    report = Journal(bench.vault).read()
    entry = {k: v for k, v in report.entries[1].items() if k not in ("sig", "hash")}
    entry["sig"] = sign(new_signing_key(), signed_body(entry))
    entry["hash"] = entry_hash(entry)
    lines = journal_lines(bench)
    lines[1] = canonical_json(entry) + b"\n"
    write_lines(bench, lines)
    [problem, *_] = verify_vault(bench.vault, now=bench.clock).problems
    assert problem == (
        "journal : ligne 2 : signature des gardiens invalide : ligne fabriquée ou modifiée"
    )


def _sealed_twice(bench: Bench) -> str:
    """A DTE sealed, then replaced by a new generation; the fingerprint noted after."""
    bench.seal()
    bench.source.write_bytes(marked_pdf(pages=2))
    bench.seal(replace=True)
    return head_of(bench.vault)


def test_rollback_by_dropping_the_replacement_is_caught_by_the_noted_fingerprint(
    bench: Bench,
) -> None:
    noted = _sealed_twice(bench)
    write_lines(bench, journal_lines(bench)[:2])  # the newer seal entry dropped
    problems = verify_vault(bench.vault, noted, now=bench.clock).problems
    assert "n'est plus dans la chaîne" in problems[0] and "retour en arrière" in problems[0]
    bench.clock.now = OPENING
    with pytest.raises(VaultError, match="ne prolonge pas l'empreinte notée"):
        bench.open(head=noted)
    assert bench.files_holding_marker() == []


def test_truncating_one_byte_never_drops_the_last_complete_line(bench: Bench) -> None:
    noted = _sealed_twice(bench)
    path = bench.vault / "journal.jsonl"
    with path.open("r+b") as journal:  # truncate -s -1 journal.jsonl
        journal.truncate(path.stat().st_size - 1)
    found = verify_vault(bench.vault, noted, now=bench.clock)
    assert found.problems == ()
    assert path.read_bytes().endswith(b"\n") and len(journal_lines(bench)) == 3
    bench.clock.now = OPENING
    [opened] = bench.open(head=noted).opened
    assert opened.original.read_bytes() == bench.source.read_bytes()  # the newer paper


def test_a_journal_rewritten_wholesale_under_new_keys_is_refused_to_the_custodians(
    bench: Bench, tmp_path: Path
) -> None:
    bench.seal()
    fake = Bench(tmp_path / "faux", bench.clock, bench.source)
    fake.seal(secrets=INTRUDER)  # same session, the intruder's own phrases and keys
    for path in bench.vault.iterdir():
        path.unlink()
    for path in fake.vault.iterdir():
        (bench.vault / path.name).write_bytes(path.read_bytes())
    assert verify_vault(bench.vault, now=bench.clock).problems == ()  # self-consistent...
    bench.clock.now = OPENING
    assert bench.refused() == "secret"  # ...but not the custodians' vault
    with pytest.raises(VaultError, match="ne prolonge pas"):
        bench.open(head="0" * 16)


def test_a_forged_clock_acceptance_is_caught_and_lifts_nothing(bench: Bench) -> None:
    bench.seal()
    append_entry(bench, "clock-accepted", last=OPENING.isoformat())
    assert "« clock-accepted » sans signature des gardiens" in " ".join(
        verify_vault(bench.vault, now=bench.clock).problems
    )


def test_an_unsigned_line_dated_in_the_future_blocks_nothing(bench: Bench) -> None:
    bench.seal()
    journal = Journal(bench.vault)
    journal.append(journal.read(), OPENING + timedelta(days=400), "open-refused", reason="x")
    bench.clock.now = OPENING
    assert len(bench.open().opened) == 1


def test_the_recovery_holder_can_read_but_not_forge(bench: Bench) -> None:
    """With the code alone: a fake paper under the genuine header and file key."""
    from cryptography.cobblestone import Cobblestone256Encryptor

    from docgen.vault import format as fmt

    code = new_recovery_code()
    [record] = bench.seal(secrets=Secrets(PAIR.custodians, recovery=code))
    path = bench.vault / f"{record.file}.{record.generation}.dte"
    with path.open("rb") as stream:
        sealed = read_header(stream)
    file_key = unwrap_file_key(sealed, Secrets(recovery=code), KeyCache())
    fake = marked_pdf(pages=3)
    encryptor = Cobblestone256Encryptor(
        fmt._subkey(file_key, b"payload"), fmt._context(sealed.preamble, sealed.mac)
    )
    head, padding = fmt.framed(fake)
    payload = encryptor.update(head + fake + padding) + encryptor.finalize()
    path.write_bytes(sealed.preamble + sealed.mac + payload)
    with path.open("rb") as stream:  # it does decrypt: the code can write what it can read
        again = read_header(stream)
        out: list[bytes] = []
        fmt.decrypt_payload(again, file_key, stream, out.append)
    assert b"".join(out) == fake
    assert any(
        "modifié depuis le scellement (empreinte signée différente)" in p
        for p in verify_vault(bench.vault, now=bench.clock).problems
    )
    bench.clock.now = OPENING
    assert bench.refused() == "ciphertext"
    assert bench.refused(Secrets(recovery=code)) == "ciphertext"


def test_names_that_meet_once_cut_are_told_apart_not_overwritten(bench: Bench) -> None:
    stem = "DTE " + "x" * 110
    first, second = bench.root / "recu" / f"{stem}1.pdf", bench.root / "recu" / f"{stem}2.pdf"
    first.write_bytes(marked_pdf(pages=1))
    second.write_bytes(marked_pdf(pages=2))
    records = bench.seal(first, second)
    assert output_names(records[0].name, "jury") == output_names(records[1].name, "jury")
    bench.clock.now = OPENING
    opened = bench.open().opened
    names = {o.original.name for o in opened}
    assert len(names) == 2 and all(len(n) <= 120 for n in names)
    assert {o.original.read_bytes() for o in opened} == {
        first.read_bytes(),
        second.read_bytes(),
    }


def test_no_secret_reaches_a_non_terminal_stderr(tmp_path: Path) -> None:
    """A real process without a controlling terminal (`2>seal.log`): refused, nothing shown."""
    (tmp_path / "inputs" / "exemple").mkdir(parents=True)
    (tmp_path / "dte.pdf").write_bytes(marked_pdf())
    log = tmp_path / "seal.log"
    with log.open("wb") as stderr:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "docgen",
                "vault",
                "seal",
                "inputs/exemple",
                "dte.pdf",
                "--role",
                "jury",
                "--recovery",
            ],
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            start_new_session=True,  # no controlling terminal, as under a service or cron
            timeout=60,
            check=False,
        )
    assert done.returncode == 3
    assert "n'affiche jamais un code de secours" in log.read_text()
    assert not (tmp_path / "vault").exists()


def test_key_files_and_new_key_files_keep_secrets_off_both_streams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inputs" / "exemple").mkdir(parents=True)
    (tmp_path / "dte.pdf").write_bytes(marked_pdf())
    monkeypatch.setattr(cli, "open_terminal", lambda: None)
    monkeypatch.setattr(cli, "session_opening_of", lambda _: OPENING)
    monkeypatch.setattr(cli, "clock", lambda: OPENING - timedelta(days=2))
    monkeypatch.setattr("docgen.vault.store.default_kdf", lambda: FAST_KDF)
    usb = tmp_path / "usb"
    usb.mkdir()
    result = CliRunner().invoke(
        cli.vault_group,
        [
            "seal",
            "inputs/exemple",
            "dte.pdf",
            "--role",
            "jury",
            "--recovery",
            "--new-key-file",
            "usb/gardien1.txt",
            "--new-key-file",
            "usb/gardien2.txt",
            "--recovery-file",
            "usb/secours.txt",
        ],
    )
    assert result.exit_code == 0, result.stderr
    secrets = [(usb / n).read_text().strip() for n in ("gardien1.txt", "gardien2.txt")]
    secrets.append((usb / "secours.txt").read_text().strip())
    for path in usb.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600
    for secret in secrets:
        assert secret and secret not in result.stdout + result.stderr
        for word in secret.split()[:1]:
            assert f" {word} " not in (tmp_path / "vault/exemple/journal.jsonl").read_text()


@pytest.mark.parametrize(
    "phrase", ["aaaaaaaaaaaaaaaaaaaa", "azertyuiopqsdfghjklm", "motdepasse123456789!"]
)
def test_weak_chosen_phrases_are_refused(tmp_path: Path, phrase: str) -> None:
    from docgen.vault.strength import MIN_BITS, estimated_bits

    assert estimated_bits(phrase) < MIN_BITS
    assert estimated_bits("lapin citron orage velours tambour ficelle") >= MIN_BITS


def test_a_symlinked_output_folder_is_refused(bench: Bench) -> None:
    bench.seal()
    bench.clock.now = OPENING
    elsewhere = bench.root / "ailleurs"
    elsewhere.mkdir()
    bench.out.symlink_to(elsewhere)
    with pytest.raises(VaultError, match="lien symbolique"):
        bench.open()
    assert list(elsewhere.iterdir()) == []


def test_a_dangling_lock_symlink_is_not_followed(bench: Bench) -> None:
    bench.seal()
    target = bench.root / "cible-du-lien"
    (bench.vault / ".verrou").unlink()
    (bench.vault / ".verrou").symlink_to(target)
    with pytest.raises(VaultError, match=r"lien symbolique|inaccessible"):
        verify_vault(bench.vault, now=bench.clock)
    assert not target.exists()


def test_a_symlinked_journal_is_not_read(bench: Bench) -> None:
    bench.seal()
    journal = bench.vault / "journal.jsonl"
    copy = bench.root / "journal-ailleurs"
    copy.write_bytes(journal.read_bytes())
    journal.unlink()
    journal.symlink_to(copy)
    bench.clock.now = OPENING
    with pytest.raises(VaultError, match="lien symbolique"):
        bench.open()


@pytest.mark.parametrize("which", ["vault", "out"])
def test_a_folder_anyone_can_write_is_refused(bench: Bench, which: str) -> None:
    bench.seal()
    bench.clock.now = OPENING
    folder = bench.vault if which == "vault" else bench.out
    folder.mkdir(exist_ok=True)
    folder.chmod(0o777)
    with pytest.raises(VaultError, match="tout le monde peut y écrire"):
        bench.open()


def test_folders_made_under_umask_000_are_private(bench: Bench) -> None:
    old = os.umask(0)
    try:
        bench.seal()
        bench.clock.now = OPENING
        bench.open()
    finally:
        os.umask(old)
    for folder in (bench.root / "vault", bench.vault, bench.out):
        assert folder.stat().st_mode & 0o777 == 0o700


def test_an_old_format_vault_is_refused_with_what_to_do(bench: Bench) -> None:
    bench.seal()
    lines = journal_lines(bench)
    first = Journal(bench.vault).read().entries[0]
    old = {k: v for k, v in first.items() if k not in ("format", "hash")}
    old["hash"] = entry_hash(old)
    write_lines(bench, [canonical_json(old) + b"\n", *lines[1:]])
    with pytest.raises(VaultError, match=r"version précédente.*git checkout da6920e"):
        verify_vault(bench.vault, now=bench.clock)


def _killed_at(step: str, nth: int, action: Callable[[], object]) -> bool:
    """Run `action` in a forked child that dies (SIGKILL-like) at the nth call of os.<step>."""
    pid = os.fork()
    if pid == 0:  # the child: no cleanup of any kind runs when it dies
        real = getattr(os, step)
        count = [0]

        def dying(*args: Any, **kwargs: Any) -> Any:
            count[0] += 1
            if count[0] == nth:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        setattr(os, step, dying)
        try:
            action()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("step", ["fsync", "replace", "write"])
def test_a_seal_killed_at_each_step_is_reported_as_interrupted_never_as_tampering(
    tmp_path: Path, step: str
) -> None:
    from tests.vault.conftest import Clock

    for nth in range(1, 40):
        root = tmp_path / f"{step}{nth}"
        (root / "recu").mkdir(parents=True)
        source = root / "recu" / "DTE jury.pdf"
        source.write_bytes(marked_pdf())
        bench = Bench(root, Clock(OPENING - timedelta(days=2)), source)
        if not _killed_at(step, nth, bench.seal):
            break  # fewer calls than nth: every kill point of this step was tried
        if (bench.vault / "journal.jsonl").exists():
            found = verify_vault(bench.vault, now=bench.clock)
            assert found.problems == (), (step, nth, found)
        bench.seal()  # the same command again finishes the job
        bench.clock.now = OPENING
        [opened] = bench.open(head=head_of(bench.vault)).opened
        assert opened.original.read_bytes() == source.read_bytes()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("step", ["fsync", "link", "write"])
def test_an_open_killed_at_each_step_is_reported_and_cleaned_by_a_rerun(
    tmp_path: Path, step: str
) -> None:
    from tests.vault.conftest import Clock

    for nth in range(1, 40):
        root = tmp_path / f"{step}{nth}"
        (root / "recu").mkdir(parents=True)
        sources = [root / "recu" / f"DTE {n}.pdf" for n in ("un", "deux")]
        for n, source in enumerate(sources, start=1):
            source.write_bytes(marked_pdf(pages=n))
        bench = Bench(root, Clock(OPENING - timedelta(days=2)), sources[0])
        bench.seal(*sources)
        bench.clock.now = OPENING
        if not _killed_at(step, nth, bench.open):
            break
        found = verify_vault(bench.vault, now=bench.clock)
        assert found.problems == (), (step, nth, found)
        status = vault_status(bench.vault, "exemple")
        if status.interrupted is None and all(f.opened for f in status.files):
            continue  # killed after `open-done` reached the disk: the opening was complete
        if status.interrupted is not None:
            assert "ouverture interrompue" in status.interrupted
            assert any("interrompue" in note for note in found.notes)
        opened = bench.open().opened  # the rerun cleans, then opens all or nothing
        assert {o.original.read_bytes() for o in opened} == {s.read_bytes() for s in sources}
        assert not [p for p in bench.out.iterdir() if p.name.startswith(".docgen-tmp")]
        assert len(list(bench.out.iterdir())) == 4


def test_the_marker_never_leaks_into_the_journal(bench: Bench) -> None:
    bench.seal()
    assert MARKER not in (bench.vault / "journal.jsonl").read_bytes()
    assert base64.b64encode(MARKER) not in (bench.vault / "journal.jsonl").read_bytes()


def test_a_recovery_code_cannot_lift_a_clock_block(bench: Bench) -> None:
    code = new_recovery_code()
    bench.seal(secrets=Secrets(PAIR.custodians, recovery=code))
    bench.clock.now = OPENING + timedelta(days=300)
    extra = bench.root / "recu" / "annexe.pdf"
    extra.write_bytes(marked_pdf())
    bench.seal(extra)
    bench.clock.now = OPENING + timedelta(hours=1)
    with pytest.raises(VaultError, match="code de secours ne peut pas lever"):
        bench.open(Secrets(recovery=code), accept_clock=True)
    with pytest.raises(SealError):
        bench.open(INTRUDER, accept_clock=True)


def test_a_file_sealed_for_later_blocks_only_itself(bench: Bench) -> None:
    from tests.vault.conftest import SESSION

    bench.seal()
    later = bench.root / "recu" / "DTE candidat.pdf"
    later.write_bytes(marked_pdf(pages=2))
    from docgen.vault import seal_files

    seal_files(
        bench.vault,
        SESSION,
        [later],
        "candidat",
        OPENING + timedelta(days=1),
        PAIR,
        now=bench.clock,
        kdf=FAST_KDF,
    )
    bench.clock.now = OPENING
    report = bench.open()
    assert [o.role for o in report.opened] == ["jury"]
    assert [(r.role, r.reason) for r in report.refused] == [("candidat", "too-early")]
