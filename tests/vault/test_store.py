"""Sealing and opening as a centre lives it: the time gate, refusals, tampering, names, locks."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from docgen.errors import InputError, VaultError
from docgen.pdf import check_pdf
from docgen.vault import SealError, Secrets, new_recovery_code, vault_status, verify_vault
from docgen.vault.durable import TEMP_PREFIX, VaultLock
from docgen.vault.journal import Journal
from docgen.vault.names import safe_pdf_name
from docgen.vault.opening import open_vault
from docgen.vault.store import sealed_name
from tests.vault.conftest import FAST_KDF, MARKER, OPENING, PAIR, SESSION, Bench, marked_pdf


def never_asked(_: int) -> Secrets:
    raise AssertionError("a secret was asked for")


def events(bench: Bench) -> list[dict[str, object]]:
    return list(Journal(bench.vault).read().entries)


def test_seal_then_open_gives_the_original_byte_for_byte_and_a_stamped_copy(
    bench: Bench,
) -> None:
    original = bench.source.read_bytes()
    bench.seal()
    assert bench.files_holding_marker() == []
    bench.clock.now = OPENING
    [opened] = bench.open().opened
    assert opened.original.read_bytes() == original
    assert opened.original.stat().st_mode & 0o077 == 0
    assert opened.print_copy is not None
    assert check_pdf(opened.print_copy.read_bytes(), "copie") == 1
    from pypdf import PdfReader

    text = PdfReader(opened.print_copy).pages[0].extract_text()
    assert "Ouvert le 15/03/2027 à 08:00 — session exemple" in text
    assert bench.files_holding_marker() == sorted([opened.original, opened.print_copy])
    assert [e["event"] for e in events(bench)][-2:] == ["open-started", "open-done"]


def test_one_second_early_is_refused_without_asking_and_journaled(bench: Bench) -> None:
    bench.seal()
    bench.clock.now = OPENING - timedelta(seconds=1)
    with pytest.raises(VaultError, match=r"Trop tôt.*15/03/2027 à 08:00"):
        bench.open(ask=never_asked)
    last = events(bench)[-1]
    assert (last["event"], last["reason"]) == ("open-refused", "too-early")
    assert not bench.out.exists()
    bench.clock.now = OPENING
    assert len(bench.open().opened) == 1


@pytest.mark.parametrize(
    ("zone", "local", "utc_hour"),
    [
        ("Europe/Paris", datetime(2027, 3, 28, 8, 0), 6),  # the night the clocks go forward
        ("Europe/Paris", datetime(2027, 10, 31, 8, 0), 7),  # the night they go back
        ("America/Cayenne", datetime(2027, 3, 15, 8, 0), 11),
        ("Indian/Reunion", datetime(2027, 3, 15, 8, 0), 4),
        ("Pacific/Noumea", datetime(2027, 3, 15, 8, 0), 21),
    ],
)
def test_the_gate_follows_the_site_time_zone(
    bench: Bench, zone: str, local: datetime, utc_hour: int
) -> None:
    opening = local.replace(tzinfo=ZoneInfo(zone))
    assert opening.astimezone(ZoneInfo("UTC")).hour == utc_hour
    bench.clock.now = opening - timedelta(days=2)
    from docgen.vault import seal_files

    seal_files(
        bench.vault, SESSION, [bench.source], "jury", opening, PAIR, now=bench.clock, kdf=FAST_KDF
    )
    bench.clock.now = opening - timedelta(seconds=1)
    with pytest.raises(VaultError, match="Trop tôt"):
        bench.open(opening=opening, ask=never_asked)
    bench.clock.now = opening
    assert len(bench.open(opening=opening).opened) == 1


def test_a_workbook_moved_earlier_does_not_open_before_the_sealed_time(bench: Bench) -> None:
    bench.seal()
    bench.clock.now = OPENING - timedelta(hours=1)
    with pytest.raises(VaultError, match="Trop tôt"):
        bench.open(opening=OPENING - timedelta(days=1), ask=never_asked)


def test_a_clock_set_back_is_refused_and_journaled(bench: Bench) -> None:
    bench.seal()
    bench.clock.now = OPENING + timedelta(hours=1)
    assert bench.refused(Secrets(("faux", "faux"))) == "secret"  # unsigned: not a clock mark
    bench.clock.now = OPENING + timedelta(minutes=20)
    bench.open()  # signed: the clock cannot go back before this any more
    shutil.rmtree(bench.out)
    bench.clock.now = OPENING + timedelta(minutes=10)
    with pytest.raises(VaultError, match="horloge"):
        bench.open(ask=never_asked)
    assert events(bench)[-1]["event"] == "clock-refused"
    bench.opened.clear()
    assert bench.files_holding_marker() == []


def test_a_wrong_secret_is_refused_journaled_and_leaves_nothing(bench: Bench) -> None:
    bench.seal()
    bench.clock.now = OPENING
    report = bench.open(Secrets(PAIR.custodians[::-1]))
    assert report.opened == () and "ordre des gardiens" in report.refused[0].message
    assert events(bench)[-1]["reason"] == "secret"
    assert bench.files_holding_marker() == []
    assert not bench.out.exists()  # the refused opening leaves no empty folder behind


def test_the_recovery_code_alone_opens_and_is_journaled_as_such(bench: Bench) -> None:
    code = new_recovery_code()
    bench.seal(secrets=Secrets(PAIR.custodians, recovery=code))
    bench.clock.now = OPENING
    [opened] = bench.open(Secrets(recovery=code.lower().replace("-", " "))).opened
    assert opened.original.read_bytes() == bench.source.read_bytes()
    assert events(bench)[-1]["method"] == "recovery"


def test_one_custodian_is_allowed(bench: Bench) -> None:
    bench.seal(secrets=Secrets(PAIR.custodians[:1]))
    bench.clock.now = OPENING
    assert len(bench.open(Secrets(PAIR.custodians[:1])).opened) == 1


def test_a_non_pdf_or_an_encrypted_pdf_is_not_sealed(bench: Bench) -> None:
    bad = bench.root / "recu" / "notes.pdf"
    bad.write_bytes(b"pas un pdf")
    with pytest.raises(InputError, match="n'est pas un fichier PDF"):
        bench.seal(bad)
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(bench.source))
    writer.encrypt("motdepasse")
    locked = bench.root / "recu" / "protege.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(InputError, match="protégé"):
        bench.seal(locked)
    assert not (bench.vault / "journal.jsonl").exists()


def _sealed_path(bench: Bench, role: str = "jury") -> Path:
    [record] = [r for r in vault_status(bench.vault, SESSION).files if r.record.role == role]
    return bench.vault / sealed_name(record.record.file, record.record.generation)


def test_a_file_copied_in_from_another_vault_is_refused(bench: Bench, tmp_path: Path) -> None:
    bench.seal()
    other = Bench(tmp_path / "autre", bench.clock, bench.source)
    other.seal()
    shutil.copyfile(_sealed_path(other), _sealed_path(bench))
    bench.clock.now = OPENING
    assert bench.refused(ask=never_asked) == "mismatch"
    assert any("coffre" in p for p in verify_vault(bench.vault, now=bench.clock).problems)


def test_roles_swapped_on_disk_are_refused(bench: Bench) -> None:
    candidat = bench.root / "recu" / "DTE candidat.pdf"
    candidat.write_bytes(marked_pdf(pages=2))
    bench.seal()
    bench.seal(candidat, role="candidat")
    jury, cand = _sealed_path(bench, "jury"), _sealed_path(bench, "candidat")
    jury_bytes = jury.read_bytes()
    jury.write_bytes(cand.read_bytes())
    cand.write_bytes(jury_bytes)
    bench.clock.now = OPENING
    assert bench.refused(ask=never_asked) == "mismatch"
    assert bench.files_holding_marker() == []


def test_an_older_generation_put_back_is_refused(bench: Bench) -> None:
    bench.seal()
    old = _sealed_path(bench).read_bytes()
    bench.source.write_bytes(marked_pdf(pages=3))
    bench.seal(replace=True)
    _sealed_path(bench).write_bytes(old)
    bench.clock.now = OPENING
    assert bench.refused(ask=never_asked) == "generation"
    assert any(
        "ancienne génération" in p for p in verify_vault(bench.vault, now=bench.clock).problems
    )


def test_a_modified_ciphertext_shows_in_status_and_is_refused_before_any_secret(
    bench: Bench,
) -> None:
    bench.seal()
    path = _sealed_path(bench)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01
    path.write_bytes(bytes(data))
    assert vault_status(bench.vault, SESSION).files[0].integrity == "modifié"
    bench.clock.now = OPENING
    assert bench.refused(ask=never_asked) == "ciphertext"
    path.unlink()
    assert vault_status(bench.vault, SESSION).files[0].integrity == "absent"


def test_a_symlink_at_the_output_path_is_never_followed(bench: Bench) -> None:
    bench.seal()
    bench.out.mkdir()
    target = bench.root / "cible.pdf"
    target.write_bytes(b"ne pas toucher")
    (bench.out / "jury_DTE jury.pdf").symlink_to(target)
    bench.clock.now = OPENING
    with pytest.raises(VaultError, match="existe déjà"):
        bench.open(ask=never_asked)
    assert target.read_bytes() == b"ne pas toucher"
    assert bench.files_holding_marker() == []


@pytest.mark.parametrize(
    "hostile",
    [
        "../../etc/passwd",
        "..\\..\\boot.ini",
        "CON.pdf",
        "nul",
        "a\x00b\x1b[31m.pdf",
        "..",
        "",
        "é" * 300,
    ],
)
def test_hostile_stored_names_stay_plain_names(hostile: str) -> None:
    name = safe_pdf_name(hostile)
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert all(ord(c) >= 32 for c in name) and name.endswith(".pdf") and len(name) <= 120
    assert name.split(".")[0].upper() not in {"CON", "NUL"}


def test_a_hostile_name_in_a_forged_journal_entry_cannot_escape_the_output_folder(
    bench: Bench,
) -> None:
    bench.seal()
    journal = Journal(bench.vault)
    report = journal.read()
    forged = {
        k: v
        for k, v in report.entries[-1].items()
        if k not in {"seq", "at", "event", "prev", "hash"}
    }
    forged["name"] = "../../../evasion.pdf"
    journal.append(report, bench.clock.now, "seal", **forged)
    bench.clock.now = OPENING
    with pytest.raises(VaultError, match="signature des gardiens"):
        bench.open()  # the forged line is caught before any name is used
    assert not (bench.root / "evasion.pdf").exists()
    from docgen.vault.names import output_names

    assert "/" not in output_names("../../../evasion.pdf", "jury")[0]


def test_two_runs_at_once_the_second_is_refused(bench: Bench) -> None:
    bench.seal()
    with VaultLock(bench.vault):
        with pytest.raises(VaultError, match="utilisé par une autre commande"):
            bench.seal()
        bench.clock.now = OPENING
        with pytest.raises(VaultError, match="utilisé par une autre commande"):
            bench.open(ask=never_asked)
        with pytest.raises(VaultError, match="utilisé"):
            verify_vault(bench.vault, now=bench.clock)
    assert len(bench.open().opened) == 1


def test_stray_temp_files_are_removed_and_journaled_at_the_next_start(bench: Bench) -> None:
    bench.seal()
    stray = bench.vault / f"{TEMP_PREFIX}abc.1-0000"
    stray.write_bytes(b"reste")
    found = verify_vault(bench.vault, now=bench.clock)
    assert found.problems == () and any(TEMP_PREFIX in n for n in found.notes)
    bench.clock.now = OPENING
    bench.out.mkdir()
    (bench.out / f"{TEMP_PREFIX}x-1").write_bytes(MARKER)
    bench.open()
    assert not stray.exists()
    assert not (bench.out / f"{TEMP_PREFIX}x-1").exists()
    assert sum(e["event"] == "temp-removed" for e in events(bench)) == 2


def test_status_lists_each_file_with_opening_and_integrity(bench: Bench) -> None:
    bench.seal()
    status = vault_status(bench.vault, SESSION)
    [entry] = status.files
    assert (entry.record.role, entry.record.name) == ("jury", "DTE jury.pdf")
    assert entry.integrity == "intact" and not entry.opened
    shown = entry.to_json(bench.clock.now)
    assert shown["seconds_to_opening"] == 10 * 24 * 3600
    assert status.head == Journal(bench.vault).read().head
    assert json.dumps(shown)


def test_the_journal_holds_no_secret_and_no_plaintext(bench: Bench) -> None:
    code = new_recovery_code()
    bench.seal(secrets=Secrets(PAIR.custodians, recovery=code))
    bench.clock.now = OPENING
    assert bench.refused(Secrets(("lapin citron orage", "mauvais"))) == "secret"
    bench.open()
    journal = (bench.vault / "journal.jsonl").read_text()
    for secret in (*PAIR.custodians, code, "mauvais", MARKER.decode()):
        assert secret not in journal
    assert hashlib.sha256(bench.source.read_bytes()).hexdigest() not in journal  # keyed only
    assert f'"size":{len(bench.source.read_bytes())}' not in journal  # padded size only


def test_open_refuses_a_vault_of_another_session(bench: Bench) -> None:
    bench.seal()
    bench.clock.now = OPENING
    with pytest.raises(VaultError, match="appartient à la session"):
        open_vault(bench.vault, "autre", OPENING, bench.out, never_asked, now=bench.clock)


def test_a_second_process_is_refused_while_the_first_holds_the_vault(bench: Bench) -> None:
    import subprocess
    import sys

    bench.seal()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path\n"
            "from docgen.vault.durable import VaultLock\n"
            "with VaultLock(Path(sys.argv[1])):\n    print('pris', flush=True); time.sleep(30)",
            str(bench.vault),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "pris"
        with pytest.raises(VaultError, match="utilisé par une autre commande"):
            bench.seal()
    finally:
        holder.kill()
        holder.wait()
    assert len(bench.seal()) == 1


INTRUDER = Secrets(("renard colline ardoise", "bougie marteau corail"))


def test_resealing_under_other_secrets_is_refused_and_the_dte_survives(bench: Bench) -> None:
    bench.seal()
    sealed = _sealed_path(bench)
    before = sealed.read_bytes()
    bench.source.write_bytes(marked_pdf(pages=2))
    for replace in (False, True):
        with pytest.raises(SealError, match="seuls ses gardiens") as refused:
            bench.seal(secrets=INTRUDER, replace=replace)
        assert refused.value.reason == "custodians"
    assert sealed.read_bytes() == before and len(list(bench.vault.glob("*.dte"))) == 1
    assert [e.get("reason") for e in events(bench)][-2:] == ["custodians", "custodians"]
    assert verify_vault(bench.vault, now=bench.clock).problems == ()
    bench.clock.now = OPENING
    [opened] = bench.open().opened
    assert opened.original.read_bytes() == marked_pdf()


def test_a_new_file_under_other_secrets_or_fewer_custodians_is_refused(bench: Bench) -> None:
    bench.seal()
    candidat = bench.root / "recu" / "DTE candidat.pdf"
    candidat.write_bytes(marked_pdf(pages=2))
    for secrets in (INTRUDER, Secrets(PAIR.custodians[:1]), Secrets(PAIR.custodians[::-1])):
        with pytest.raises(SealError, match="seuls ses gardiens"):
            bench.seal(candidat, role="candidat", secrets=secrets)
    assert len(list(bench.vault.glob("*.dte"))) == 1
    bench.seal(candidat, role="candidat")  # the custodians themselves may add it
    bench.clock.now = OPENING
    assert len(bench.open().opened) == 2


def test_replacing_needs_the_option_and_keeps_the_old_generation(bench: Bench) -> None:
    [first] = bench.seal()
    old = bench.vault / sealed_name(first.file, 1)
    old_bytes = old.read_bytes()
    assert bench.seal() == [first]  # the same file again: nothing new, no refusal
    bench.source.write_bytes(marked_pdf(pages=3))
    with pytest.raises(VaultError, match="--replace"):
        bench.seal()
    assert events(bench)[-1]["reason"] == "exists"
    [second] = bench.seal(replace=True)
    assert (second.file, second.generation) == (first.file, 2)
    assert old.read_bytes() == old_bytes  # never overwritten
    assert (bench.vault / sealed_name(first.file, 2)).is_file()
    assert verify_vault(bench.vault, now=bench.clock).problems == ()
    bench.clock.now = OPENING
    [opened] = bench.open().opened
    assert check_pdf(opened.original.read_bytes(), "x") == 3


def test_a_planted_foreign_file_is_refused_alone_and_the_others_open(bench: Bench) -> None:
    from docgen.vault.format import Header, custodian_wrap, seal_bytes
    from docgen.vault.keys import KeyCache

    [jury] = bench.seal()
    journal = Journal(bench.vault)
    report = journal.read()
    header = Header(
        vault=str(report.entries[0]["vault"]),
        session=SESSION,
        role="candidat",
        file="0123456789abcdef",
        generation=1,
        opening=OPENING.isoformat(),
        name="faux.pdf",
        sealed_at=bench.clock.now.isoformat(),
        wraps=(),
    )
    wraps = [custodian_wrap(FAST_KDF, [b"s" * 16, b"t" * 16], INTRUDER.custodians, KeyCache())]
    forged = seal_bytes(header, marked_pdf(), bytes(32), wraps)
    (bench.vault / sealed_name(header.file, 1)).write_bytes(forged)
    fields = {k: v for k, v in report.entries[-1].items() if k not in {"seq", "at", "event"}}
    del fields["prev"], fields["hash"]
    fields |= {"file": header.file, "role": "candidat", "name": "faux.pdf"}
    fields["ciphertext"] = hashlib.sha256(forged).hexdigest()
    journal.append(report, bench.clock.now, "seal", **fields)
    bench.clock.now = OPENING
    with pytest.raises(VaultError, match="signature des gardiens"):
        bench.open()  # the intruder cannot sign the entry that would make it count
    lines = (bench.vault / "journal.jsonl").read_bytes().splitlines(keepends=True)
    (bench.vault / "journal.jsonl").write_bytes(b"".join(lines[:-1]))  # planted file alone
    found = verify_vault(bench.vault, now=bench.clock)
    assert any("fichier inconnu du journal" in p for p in found.problems)
    report_open = bench.open()
    assert [o.role for o in report_open.opened] == ["jury"] and report_open.refused == ()
    assert report_open.opened[0].original.read_bytes() == bench.source.read_bytes()
    assert jury.file != header.file


def test_a_future_dated_entry_can_be_lifted_by_both_custodians_only(bench: Bench) -> None:
    bench.seal()
    bench.clock.now = OPENING + timedelta(days=365)  # the PC's clock ran a year ahead
    assert bench.refused(Secrets(("faux", "faux"))) == "secret"
    extra = bench.root / "recu" / "annexe.pdf"
    extra.write_bytes(marked_pdf())
    bench.seal(extra)  # a signed entry dated a year ahead
    shutil.rmtree(bench.out, ignore_errors=True)
    bench.clock.now = OPENING + timedelta(hours=1)  # put right
    with pytest.raises(VaultError, match="--accept-clock"):
        bench.open(ask=never_asked)
    for wrong in (INTRUDER, Secrets(PAIR.custodians[:1])):
        with pytest.raises(SealError, match="seuls ses gardiens"):
            bench.open(wrong, accept_clock=True)
    assert events(bench)[-1]["event"] == "clock-refused"
    assert bench.files_holding_marker() == []
    opened = bench.open(accept_clock=True).opened
    assert opened[0].original.read_bytes() == bench.source.read_bytes()
    accepted = [e for e in events(bench) if e["event"] == "clock-accepted"]
    assert len(accepted) == 1 and accepted[0]["last"].startswith(str(OPENING.year + 1))
    bench.clock.now += timedelta(minutes=1)
    assert verify_vault(bench.vault, now=bench.clock).problems == ()
    candidat = bench.root / "recu" / "DTE candidat.pdf"
    candidat.write_bytes(marked_pdf(pages=2))
    bench.seal(candidat, role="candidat")  # no option needed any more


def test_seal_with_a_stale_clock_needs_the_option_and_the_custodians(bench: Bench) -> None:
    bench.seal()
    bench.clock.now += timedelta(days=400)
    extra = bench.root / "recu" / "annexe.pdf"
    extra.write_bytes(marked_pdf())
    bench.seal(extra)  # signed, a year ahead
    bench.clock.now -= timedelta(days=399)
    candidat = bench.root / "recu" / "DTE candidat.pdf"
    candidat.write_bytes(marked_pdf(pages=2))
    with pytest.raises(VaultError, match="--accept-clock"):
        bench.seal(candidat, role="candidat")
    with pytest.raises(SealError):
        bench.seal(candidat, role="candidat", secrets=INTRUDER, accept_clock=True)
    bench.seal(candidat, role="candidat", accept_clock=True)
    assert events(bench)[-2]["event"] == "clock-accepted"


def test_bidi_and_line_separators_never_reach_a_name(bench: Bench) -> None:
    from docgen.vault.names import printable

    assert safe_pdf_name("facture\u202eFDP.exe\u2066.pdf") == "factureFDP.exe.pdf"
    assert printable("a\u202eb\u2028c\u2029d\x1b") == "abcd_"
    source = bench.root / "recu" / "DTE\u202ejury\u2029.pdf"
    source.write_bytes(bench.source.read_bytes())
    [record] = bench.seal(source)
    assert record.name == "DTEjury.pdf"


def test_a_journal_plaintext_hash_that_does_not_match_refuses_the_file(bench: Bench) -> None:
    """Same ciphertext, same keys: only the plaintext SHA-256 comparison can catch this."""
    bench.seal()
    journal = Journal(bench.vault)
    report = journal.read()
    fields = {
        k: v
        for k, v in report.entries[-1].items()
        if k not in {"seq", "at", "event", "prev", "hash"}
    }
    fields["content"] = hashlib.sha256(b"un autre DTE").hexdigest()
    journal.append(report, bench.clock.now, "seal", **fields)
    bench.clock.now = OPENING
    with pytest.raises(VaultError, match="signature des gardiens"):
        bench.open()
    assert bench.files_holding_marker() == []


def test_a_symlink_at_the_print_copy_path_is_never_followed(bench: Bench) -> None:
    bench.seal()
    bench.out.mkdir()
    target = bench.root / "cible.pdf"
    target.write_bytes(b"ne pas toucher")
    (bench.out / "jury_DTE jury_impression.pdf").symlink_to(target)
    bench.clock.now = OPENING
    with pytest.raises(VaultError, match="existe déjà"):
        bench.open(ask=never_asked)
    assert target.read_bytes() == b"ne pas toucher"
    assert [p.name for p in bench.out.iterdir()] == ["jury_DTE jury_impression.pdf"]


def test_an_opening_at_a_local_time_that_does_not_exist(bench: Bench) -> None:
    """02:30 on the night Paris skips from 02:00 to 03:00: one instant, the same every time."""
    from docgen.vault import seal_files

    opening = datetime(2027, 3, 28, 2, 30, tzinfo=ZoneInfo("Europe/Paris"))
    instant = opening.astimezone(ZoneInfo("UTC"))
    assert instant == datetime(2027, 3, 28, 1, 30, tzinfo=ZoneInfo("UTC"))
    bench.clock.now = opening - timedelta(days=1)
    seal_files(
        bench.vault, SESSION, [bench.source], "jury", opening, PAIR, now=bench.clock, kdf=FAST_KDF
    )
    bench.clock.now = instant - timedelta(seconds=1)
    with pytest.raises(VaultError, match="Trop tôt"):
        bench.open(opening=opening, ask=never_asked)
    bench.clock.now = instant
    assert len(bench.open(opening=opening).opened) == 1


def test_the_real_session_opening_comes_from_the_example_workbook() -> None:
    from docgen.pipeline import session_opening

    root = Path(__file__).resolve().parents[2]
    opening = session_opening(root / "inputs" / "exemple")
    assert opening.tzinfo is not None and opening.utcoffset() == timedelta(hours=1)
    assert opening == datetime(2027, 3, 15, 8, 0, tzinfo=ZoneInfo("Europe/Paris"))


def test_the_recovery_wrap_is_checked_at_seal(
    bench: Bench, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.vault import keys

    def wrong(code: str, salt: bytes) -> bytes:
        return keys.recovery_wrap_key(code, bytes(16))  # not the salt written in the header

    monkeypatch.setattr("docgen.vault.sealing.recovery_wrap_key", wrong)
    with pytest.raises(VaultError, match="rien n'a été scellé"):
        bench.seal(secrets=Secrets(PAIR.custodians, recovery=new_recovery_code()))
    assert list(bench.vault.glob("*.dte")) == []


def test_two_custodians_with_one_phrase_are_refused(bench: Bench) -> None:
    same = Secrets(("lapin citron orage", "  lapin citron\torage "))
    with pytest.raises(VaultError, match="même phrase secrète"):
        bench.seal(secrets=same)
    assert not list(bench.vault.glob("*.dte"))
