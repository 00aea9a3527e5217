"""Killed at any system call of a publication, the folder matches a manifest (old or new set),
at once or after the next docgen command, and no work folder survives that command."""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from docgen.publishing import (
    MANIFEST,
    ManifestInfo,
    OutputFolder,
    differences,
    durability,
    journal,
    manifest,
    publish,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")

INFO = ManifestInfo(as_of=date(2027, 1, 11), session="inputs/exemple")
OLD = {
    "convocations/1_A.docx": b"ancienne convocation 1",
    "convocations/2_B.docx": b"convocation 2 identique",
    "convocations/3_C.docx": b"convocation 3 retiree",
    "affiches/reglement.docx": b"reglement identique",
    "planning.xlsx": b"ancien planning",
}
NEW = {
    "convocations/1_A.docx": b"nouvelle convocation 1",
    "convocations/2_B.docx": b"convocation 2 identique",
    "convocations/4_D.docx": b"nouvelle convocation 4",
    "affiches/reglement.docx": b"reglement identique",
    "planning.xlsx": b"nouveau planning",
    "invitations/DUPONT_Marie.docx": b"nouvelle invitation",
}
UNTOUCHED = {"feuilles/emargement.docx": b"feuille d'une autre commande"}

Call = tuple[Any, str]
"""(module, function name) of a system call a publication makes."""
CALLS: dict[str, Call] = {
    "rename": (os, "rename"),
    "fsync": (os, "fsync"),
    "syncfs": (durability, "_syncfs"),
    "unlink": (os, "unlink"),
    "rmdir": (os, "rmdir"),
    "link": (os, "link"),
    "mkdir": (os, "mkdir"),
}


def prepare(folder: Path) -> None:
    publish(folder, {**OLD, **UNTOUCHED}, INFO)
    publish(folder, OLD, INFO)


def published(folder: Path) -> dict[str, bytes]:
    listed = manifest.read_manifest(folder / MANIFEST)["files"]
    return {entry["path"]: (folder / entry["path"]).read_bytes() for entry in listed}


def work_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@contextmanager
def counting(module: Any, name: str, on_call: Callable[[int], None]) -> Iterator[None]:
    real = getattr(module, name)
    calls = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        on_call(calls)
        return real(*args, **kwargs)

    setattr(module, name, wrapper)
    try:
        yield
    finally:
        setattr(module, name, real)


def calls_made(tmp_path: Path, call: Call) -> int:
    folder = tmp_path / "mesure"
    prepare(folder)
    seen: list[int] = []
    with counting(*call, seen.append):
        publish(folder, NEW, INFO)
    return len(seen)


def killed_at(folder: Path, call: Call, nth: int) -> bool:
    """Publish NEW in a child process that SIGKILLs itself at the nth call; True when it died."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:

            def kill_at(count: int) -> None:
                if count == nth:
                    os.kill(os.getpid(), signal.SIGKILL)

            with counting(*call, kill_at):
                publish(folder, NEW, INFO)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


@pytest.mark.parametrize("kind", sorted(CALLS))
def test_a_kill_at_each_call_leaves_a_set_that_matches_a_manifest(
    tmp_path: Path, kind: str
) -> None:
    call = CALLS[kind]
    total = calls_made(tmp_path, call)
    assert total >= (1 if kind in {"syncfs", "link"} else 2), f"no {kind} call to kill at"
    expected_new = {**UNTOUCHED, **NEW}
    expected_old = {**UNTOUCHED, **OLD}
    for nth in range(1, total + 1):
        folder = tmp_path / f"{kind}-{nth}"
        prepare(folder)
        assert killed_at(folder, call, nth)
        with OutputFolder(folder):  # what the next docgen command does first
            assert differences(folder) == [], (kind, nth)
            assert published(folder) in (expected_old, expected_new), (kind, nth)
            assert work_files(folder) == [".docgen-verrou"], (kind, nth)
        publish(folder, NEW, INFO)
        assert published(folder) == expected_new
        assert differences(folder) == []
        assert work_files(folder) == []


def test_before_the_manifest_s_rename_nothing_changed_and_after_it_everything_did(
    tmp_path: Path,
) -> None:
    """The manifest's rename is the commit: killed just before it, the next command rolls back;
    killed at the first deletion after it, the next command completes."""
    before, after = tmp_path / "avant", tmp_path / "apres"
    for folder, call, nth in (
        (before, CALLS["rename"], calls_made(tmp_path, CALLS["rename"])),
        (after, CALLS["unlink"], 1),
    ):
        prepare(folder)
        assert killed_at(folder, call, nth)
        with OutputFolder(folder):
            pass
    assert published(before) == {**UNTOUCHED, **OLD}
    assert published(after) == {**UNTOUCHED, **NEW}


def test_old_documents_set_aside_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    prepare(tmp_path)
    modes: list[int] = []

    def look(count: int) -> None:
        for aside in tmp_path.glob(f"{journal.ASIDE_PREFIX}*"):
            modes.append(stat.S_IMODE(aside.stat().st_mode))

    with counting(os, "rename", look):
        publish(tmp_path, NEW, INFO)
    assert modes and set(modes) == {0o700}


def test_a_torn_journal_means_nothing_was_switched(tmp_path: Path) -> None:
    prepare(tmp_path)
    staging = tmp_path / f"{journal.STAGING_PREFIX}abcd1234"
    (staging / "convocations").mkdir(parents=True)
    (staging / "convocations" / "1_A.docx").write_bytes(b"jamais publie")
    (tmp_path / f"{journal.ASIDE_PREFIX}abcd1234").mkdir(mode=0o700)
    (tmp_path / journal.JOURNAL).write_bytes(b'{"version": 1, "tok')
    with OutputFolder(tmp_path):
        pass
    assert published(tmp_path) == {**UNTOUCHED, **OLD}
    assert work_files(tmp_path) == []


def test_an_older_docgen_s_half_done_swap_is_put_back(tmp_path: Path) -> None:
    prepare(tmp_path)
    (tmp_path / "convocations").rename(tmp_path / f"{journal.ASIDE_PREFIX}convocations-x7_k2q9a")
    (tmp_path / f"{journal.ASIDE_PREFIX}affiches-aaaa1111").mkdir()
    (tmp_path / ".manifest.json.zzzz9999").write_text("{}")
    with OutputFolder(tmp_path):
        pass
    assert differences(tmp_path) == []
    assert work_files(tmp_path) == []


def recovered_killed_at(folder: Path, call: Call, nth: int) -> bool:
    pid = os.fork()
    if pid == 0:
        try:

            def kill_at(count: int) -> None:
                if count == nth:
                    os.kill(os.getpid(), signal.SIGKILL)

            with counting(*call, kill_at), OutputFolder(folder):
                pass
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


@pytest.mark.parametrize("kind", ["rename", "unlink", "rmdir", "fsync"])
def test_a_recovery_killed_in_its_turn_is_recovered_by_the_next_command(
    tmp_path: Path, kind: str
) -> None:
    middle = calls_made(tmp_path, CALLS["rename"]) // 2
    for nth in range(1, 12):
        folder = tmp_path / f"{kind}-{nth}"
        prepare(folder)
        assert killed_at(folder, CALLS["rename"], middle)
        if not recovered_killed_at(folder, CALLS[kind], nth):
            break  # the recovery made fewer calls than nth: it finished
        with OutputFolder(folder):
            assert differences(folder) == []
            assert published(folder) == {**UNTOUCHED, **OLD}
        assert work_files(folder) == []
