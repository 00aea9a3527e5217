"""The journal's hash chain: `verify` names the edited, deleted or reordered line."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import VaultError
from docgen.vault import verify_vault
from docgen.vault.journal import ChainReport, Journal, check_chain, lines_starting_with
from docgen.vault.report import HeadError, _check_head
from tests.vault.conftest import OPENING, Bench


@pytest.fixture
def lines(bench: Bench) -> list[bytes]:
    bench.seal()
    with pytest.raises(VaultError):
        bench.open()  # too early: journaled
    bench.clock.now = OPENING
    bench.open()
    raw = (bench.vault / "journal.jsonl").read_bytes().splitlines(keepends=True)
    assert len(raw) == 5  # created, seal, refused, open-started, open-done
    return raw


def rewrite(bench: Bench, lines: list[bytes]) -> list[str]:
    (bench.vault / "journal.jsonl").write_bytes(b"".join(lines))
    return list(verify_vault(bench.vault, now=bench.clock).problems)


def test_an_intact_vault_verifies_clean(bench: Bench, lines: list[bytes]) -> None:
    assert verify_vault(bench.vault, now=bench.clock).problems == ()


def test_an_edited_line_is_named(bench: Bench, lines: list[bytes]) -> None:
    lines[1] = lines[1].replace(b'"recovery":false', b'"recovery":true')
    assert rewrite(bench, lines) == [
        "journal : ligne 2 : modifiée (son empreinte ne correspond plus)",
        "journal : ligne 2 : signature des gardiens invalide : ligne fabriquée ou modifiée",
    ]


def test_an_edited_line_with_its_hash_recomputed_is_named_by_the_next_one(
    bench: Bench, lines: list[bytes]
) -> None:
    journal = Journal(bench.vault)
    report = check_chain(b"".join(lines))
    entry = {**report.entries[1], "recovery": True}
    from docgen.vault.format import canonical_json
    from docgen.vault.journal import entry_hash

    entry["hash"] = entry_hash(entry)
    lines[1] = canonical_json(entry) + b"\n"
    problems = rewrite(bench, lines)
    assert problems[0] == (
        "journal : ligne 2 : signature des gardiens invalide : ligne fabriquée ou modifiée"
    )
    assert problems[1].startswith("journal : ligne 3 : ne suit pas la ligne 2")
    assert journal.path.exists()


def test_a_deleted_line_is_named(bench: Bench, lines: list[bytes]) -> None:
    del lines[2]
    problems = rewrite(bench, lines)
    assert problems[0] == (
        "journal : ligne 3 : entrée n° 3 supprimée ou déplacée avant cette ligne"
    )


def test_reordered_lines_are_named(bench: Bench, lines: list[bytes]) -> None:
    lines[1], lines[2] = lines[2], lines[1]
    problems = rewrite(bench, lines)
    assert problems[0].startswith("journal : ligne 2 :")
    assert any(p.startswith("journal : ligne 3 :") for p in problems)


def test_a_deleted_last_line_is_caught_by_the_head_noted_elsewhere(
    bench: Bench, lines: list[bytes]
) -> None:
    head = Journal(bench.vault).read().head
    rewrite(bench, lines[:-1])
    problems = verify_vault(bench.vault, now=bench.clock, expected_head=head).problems
    assert len(problems) == 1 and "tête" in problems[0]


def test_a_head_noted_before_later_legitimate_entries_is_accepted(bench: Bench) -> None:
    """The README walk: head noted after sealing, refused early open, opening, verify --head."""
    bench.seal()
    head = Journal(bench.vault).read().head
    with pytest.raises(VaultError, match="Trop tôt"):
        bench.open()
    bench.clock.now = OPENING
    bench.open()
    found = verify_vault(bench.vault, now=bench.clock, expected_head=head.upper() + " ")
    assert found.problems == ()
    assert found.notes == (
        "journal : la tête notée est la ligne 2 ; 3 entrée(s) ajoutée(s) depuis",
    )


def test_a_head_absent_from_the_chain_is_an_alarm(bench: Bench, lines: list[bytes]) -> None:
    [problem] = verify_vault(bench.vault, now=bench.clock, expected_head="ab" * 32).problems
    assert "n'est plus dans la chaîne" in problem


def _tear(bench: Bench, tail: bytes) -> bytes:
    """A crash in the middle of an append: bytes written straight after the last line."""
    path = bench.vault / "journal.jsonl"
    with path.open("ab") as journal:
        journal.write(tail)
    return path.read_bytes()


@pytest.mark.parametrize(
    "tail",
    [
        b'{"at":"2027-03-15T07:00:00+00:00","event":"op',  # torn line, no newline
        b"\x00" * 300,  # delayed allocation: the file grew but the data never came
        b"\x00" * 20 + b'ent":"open","seq":5}\n',  # the line's first block lost
    ],
)
def test_a_torn_journal_tail_is_moved_aside_journaled_and_reported(
    bench: Bench, lines: list[bytes], tail: bytes
) -> None:
    _tear(bench, tail)
    bench.seal()  # the same command again: it works (nothing new to seal)
    entries = Journal(bench.vault).read().entries
    repaired = entries[5]
    assert (repaired["event"], repaired["line"]) == ("journal-repaired", 6)
    assert repaired["size"] == len(tail)
    side = bench.vault / str(repaired["side"])
    assert side.read_bytes() == tail
    assert (bench.vault / "journal.jsonl").read_bytes().startswith(b"".join(lines))
    found = verify_vault(bench.vault, now=bench.clock)
    assert found.problems == ()
    assert any("ligne 6 : une écriture interrompue" in note for note in found.notes)


def test_verify_itself_repairs_a_torn_tail_under_the_lock(bench: Bench, lines: list[bytes]) -> None:
    _tear(bench, b'{"seq":5,"at"')
    found = verify_vault(bench.vault, now=lambda: bench.clock.now)
    assert found.problems == () and "mise de côté" in found.notes[0]
    assert Journal(bench.vault).read().entries[-1]["event"] == "journal-repaired"


def test_a_torn_tail_after_a_broken_line_is_not_repaired(bench: Bench, lines: list[bytes]) -> None:
    lines[1] = lines[1].replace(b'"recovery":false', b'"recovery":true')
    rewrite(bench, [*lines, b'{"seq":5'])
    with pytest.raises(VaultError, match="ligne 2"):
        bench.seal()
    assert not list(bench.vault.glob("journal-coupe-*"))


def test_a_broken_journal_keeps_the_vault_shut(bench: Bench, lines: list[bytes]) -> None:
    lines[1] = lines[1].replace(b'"recovery":false', b'"recovery":true')
    rewrite(bench, lines)
    with pytest.raises(VaultError, match="ligne 2"):
        bench.seal()


def test_the_journal_file_is_private(bench: Bench, lines: list[bytes], tmp_path: Path) -> None:
    assert (bench.vault / "journal.jsonl").stat().st_mode & 0o077 == 0


def test_a_forged_entry_with_missing_fields_is_a_refusal_not_a_crash(
    bench: Bench, lines: list[bytes]
) -> None:
    journal = Journal(bench.vault)
    journal.append(journal.read(), bench.clock.now, "seal", file="abc")
    assert "« seal » sans signature des gardiens" in "".join(
        verify_vault(bench.vault, now=bench.clock).problems
    )
    with pytest.raises(VaultError, match="sans signature"):
        bench.open()


def test_an_ambiguous_head_prefix_is_not_taken_for_tampering(bench: Bench) -> None:
    bench.seal()
    entries = Journal(bench.vault).read().entries
    twins = ChainReport(
        tuple({**e, "hash": "abcdef01" + str(e["hash"])[8:]} for e in entries), "", ()
    )
    assert lines_starting_with(twins, "abcdef01") == list(range(1, len(entries) + 1))
    with pytest.raises(HeadError, match="donnez plus de caractères"):
        _check_head(twins, "ABCDEF01", [], [])
    unique = str(twins.entries[-1]["hash"])[:12]
    problems, notes = _check_head(twins, unique, [], [])
    assert problems == [] and f"ligne {len(entries)}" in notes[0]
