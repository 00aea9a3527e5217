"""The journal's hash chain: `verify` names the edited, deleted or reordered line."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import VaultError
from docgen.vault import verify_vault
from docgen.vault.journal import Journal, check_chain
from tests.vault.conftest import OPENING, Bench


@pytest.fixture
def lines(bench: Bench) -> list[bytes]:
    bench.seal()
    with pytest.raises(VaultError):
        bench.open()  # too early: journaled
    bench.clock.now = OPENING
    bench.open()
    raw = (bench.vault / "journal.jsonl").read_bytes().splitlines(keepends=True)
    assert len(raw) == 4  # created, seal, refused, open
    return raw


def rewrite(bench: Bench, lines: list[bytes]) -> list[str]:
    (bench.vault / "journal.jsonl").write_bytes(b"".join(lines))
    return verify_vault(bench.vault)


def test_an_intact_vault_verifies_clean(bench: Bench, lines: list[bytes]) -> None:
    assert verify_vault(bench.vault) == []


def test_an_edited_line_is_named(bench: Bench, lines: list[bytes]) -> None:
    lines[1] = lines[1].replace(b'"pages":1', b'"pages":2')
    assert rewrite(bench, lines) == [
        "journal : ligne 2 : modifiée (son empreinte ne correspond plus)"
    ]


def test_an_edited_line_with_its_hash_recomputed_is_named_by_the_next_one(
    bench: Bench, lines: list[bytes]
) -> None:
    journal = Journal(bench.vault)
    report = check_chain(b"".join(lines))
    entry = {**report.entries[1], "pages": 7}
    from docgen.vault.format import canonical_json
    from docgen.vault.journal import entry_hash

    entry["hash"] = entry_hash(entry)
    lines[1] = canonical_json(entry) + b"\n"
    problems = rewrite(bench, lines)
    assert problems[0].startswith("journal : ligne 3 : ne suit pas la ligne 2")
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
    problems = verify_vault(bench.vault, expected_head=head)
    assert len(problems) == 1 and "tête" in problems[0]


def test_a_torn_last_line_is_named(bench: Bench, lines: list[bytes]) -> None:
    lines[-1] = lines[-1][:40]
    assert rewrite(bench, lines)[0].startswith("journal : ligne 4 : incomplète")


def test_a_broken_journal_keeps_the_vault_shut(bench: Bench, lines: list[bytes]) -> None:
    lines[1] = lines[1].replace(b'"pages":1', b'"pages":2')
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
    with pytest.raises(VaultError, match="incomplète"):
        verify_vault(bench.vault)
    with pytest.raises(VaultError, match="incomplète"):
        bench.open()
