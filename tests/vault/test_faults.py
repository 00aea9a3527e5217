"""Crash safety: a failure at every write, fsync and rename leaves no half file, no plaintext."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from docgen.errors import VaultError
from docgen.vault import vault_status, verify_vault
from docgen.vault.durable import TEMP_PREFIX
from docgen.vault.journal import Journal
from tests.vault.conftest import OPENING, Bench, Clock, marked_pdf

CALLS = ("write", "fsync", "replace", "link")


@contextmanager
def failing(call: str, at: int, error: OSError | None = None) -> Iterator[list[int]]:
    """Make the `at`-th call of os.<call> fail (0: never); yields the call counter."""
    original: Callable[..., Any] = getattr(os, call)
    count = [0]

    def faulty(*args: Any, **kwargs: Any) -> Any:
        count[0] += 1
        if count[0] == at:
            raise error or OSError(errno.EIO, "panne simulée")
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, call, faulty)
        yield count


def new_bench(root: Path) -> Bench:
    (root / "recu").mkdir(parents=True)
    source = root / "recu" / "DTE jury.pdf"
    source.write_bytes(marked_pdf(pages=2, filler=40_000))
    return Bench(root, Clock(OPENING.replace(day=1)), source)


def assert_consistent(bench: Bench, source: bytes) -> None:
    """After a failed run: the source intact, no plaintext anywhere, nothing half published."""
    assert bench.source.read_bytes() == source
    assert bench.files_holding_marker() == []  # the output folder included
    if bench.vault.exists():
        problems = [
            p
            for p in verify_vault(bench.vault, now=bench.clock).problems
            if TEMP_PREFIX not in p and "interrompu" not in p
        ]
        assert problems == []
        for status in vault_status(bench.vault, "exemple").files:
            assert status.integrity in {"intact", "absent"}
    if bench.out.exists():
        assert sorted(bench.out.iterdir()) == []  # not even a lone original


@pytest.mark.parametrize("call", ("write", "fsync", "replace"))
def test_seal_survives_a_failure_at_every_call(tmp_path: Path, call: str) -> None:
    with failing(call, 0) as count:
        new_bench(tmp_path / "compte").seal()
    assert count[0] > 0
    for at in range(1, count[0] + 1):
        bench = new_bench(tmp_path / f"{call}-{at}")
        source = bench.source.read_bytes()
        with failing(call, at), pytest.raises(VaultError):
            bench.seal()
        assert_consistent(bench, source)
        # The next run tidies up and the vault works.
        bench.seal()
        bench.clock.now = OPENING
        [opened] = bench.open().opened
        assert opened.original.read_bytes() == source


@pytest.mark.parametrize("call", ("write", "fsync", "link"))
def test_open_survives_a_failure_at_every_call(tmp_path: Path, call: str) -> None:
    sealed = new_bench(tmp_path / "modele")
    sealed.seal()
    sealed.clock.now = OPENING
    counter = new_bench(tmp_path / "compte")
    shutil.copytree(sealed.root / "vault", counter.root / "vault")
    counter.clock.now = OPENING
    with failing(call, 0) as count:
        counter.open()
    for at in range(1, count[0] + 1):
        bench = new_bench(tmp_path / f"{call}-{at}")
        bench.source.write_bytes(sealed.source.read_bytes())
        shutil.copytree(sealed.root / "vault", bench.root / "vault")
        bench.clock.now = OPENING
        source = bench.source.read_bytes()
        with failing(call, at), pytest.raises(VaultError):
            bench.open()
        assert_consistent(bench, source)


def test_disk_full_while_sealing_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    bench = new_bench(tmp_path)
    source = bench.source.read_bytes()
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    with failing("write", 2, full), pytest.raises(VaultError, match="place") as refused:
        bench.seal()
    assert "intact" in refused.value.message
    assert [p.name for p in bench.vault.glob("*.dte")] == []
    assert_consistent(bench, source)


def test_disk_full_while_opening_leaves_no_plaintext(tmp_path: Path) -> None:
    bench = new_bench(tmp_path)
    bench.seal()
    bench.clock.now = OPENING
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    with failing("write", 3, full), pytest.raises(VaultError):
        bench.open()
    assert bench.files_holding_marker() == []


def test_an_unwritable_journal_refuses_seal_and_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench = new_bench(tmp_path)
    bench.seal()
    real_open = os.open

    def refuse_journal(path: Any, flags: int, *args: Any) -> int:
        if str(path).endswith("journal.jsonl") and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(errno.EACCES, "Permission non accordée")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse_journal)
    other = bench.root / "recu" / "DTE candidat.pdf"
    other.write_bytes(marked_pdf())
    with pytest.raises(VaultError, match=r"journal.*ne peut pas être écrit"):
        bench.seal(other, role="candidat")
    assert len(list(bench.vault.glob("*.dte"))) == 1
    bench.clock.now = OPENING
    with pytest.raises(VaultError, match="journal"):
        bench.open()
    assert bench.files_holding_marker() == []
    monkeypatch.undo()
    assert len(bench.open().opened) == 1


def test_a_crash_between_journal_and_rename_is_finished_at_the_next_start(
    tmp_path: Path,
) -> None:
    bench = new_bench(tmp_path)
    with failing("replace", 1), pytest.raises(VaultError):
        bench.seal()
    [record] = vault_status(bench.vault, "exemple").files
    assert record.integrity == "absent"
    bench.clock.now = OPENING
    [opened] = bench.open().opened
    assert opened.original.read_bytes() == bench.source.read_bytes()
    assert "temp-recovered" in [e["event"] for e in Journal(bench.vault).read().entries]
    assert (
        record.record.ciphertext
        == hashlib.sha256(next(bench.vault.glob("*.dte")).read_bytes()).hexdigest()
    )


def test_seal_writes_syncs_renames_then_syncs_the_folder_in_that_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench = new_bench(tmp_path)
    calls: list[tuple[str, str]] = []

    def target(args: tuple[Any, ...]) -> str:
        if isinstance(args[0], int):  # a descriptor: which file is behind it
            return str(Path(f"/proc/self/fd/{args[0]}").readlink())
        return str(args[0])

    for name in ("write", "fsync", "replace"):
        real = getattr(os, name)

        def spy(*args: Any, _name: str = name, _real: Any = real) -> Any:
            calls.append((_name, target(args)))
            return _real(*args)

        monkeypatch.setattr(os, name, spy)
    bench.seal()
    [(at, temp)] = [(n, c[1]) for n, c in enumerate(calls) if c[0] == "replace"]
    on_temp = [n for n, (call, path) in enumerate(calls) if path == temp]
    last_write = max(n for n in on_temp if calls[n][0] == "write")
    synced = [n for n in on_temp if calls[n][0] == "fsync"]
    assert synced and last_write < synced[-1] < at  # write → fsync → replace
    assert calls[at + 1] == ("fsync", str(bench.vault))  # → the folder synced


def test_the_decrypt_temp_is_exclusive_private_and_never_truncating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench = new_bench(tmp_path)
    bench.seal()
    bench.clock.now = OPENING
    opened: list[tuple[str, int, int]] = []
    real_open = os.open

    def spy(path: Any, flags: int, mode: int = 0o777, *args: Any, **kwargs: Any) -> int:
        if TEMP_PREFIX in str(path) and str(bench.out) in str(path) and not Path(path).is_dir():
            opened.append((str(path), flags, mode))
        return real_open(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    bench.open()
    assert opened
    for _, flags, mode in opened:
        assert flags & os.O_EXCL and flags & os.O_CREAT and not flags & os.O_TRUNC
        assert mode == 0o600


@pytest.mark.parametrize("call", CALLS)
def test_a_failing_disk_is_described_in_french(tmp_path: Path, call: str) -> None:
    bench = new_bench(tmp_path)
    full = OSError(errno.ENOSPC, "No space left on device")
    if call != "link":  # sealing makes no hard link
        with failing(call, 1, full), pytest.raises(VaultError) as refused:
            bench.seal()
        assert "disque plein" in refused.value.message
        assert "No space" not in refused.value.message
    bench.seal()
    bench.clock.now = OPENING
    if call != "replace":  # opening publishes by hard link, never by rename
        with failing(call, 1, full), pytest.raises(VaultError) as refused:
            bench.open()
        assert "disque plein" in refused.value.message
        assert "No space" not in refused.value.message
