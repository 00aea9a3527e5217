"""One docgen at a time per output folder: a second one refuses in French; a dead one's lock is
taken over; the lock file goes away with its holder."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from docgen.errors import OutputError
from docgen.publishing import OutputFolder
from docgen.publishing.lock import LOCK_NAME

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")


def holder(folder: Path, *, die: bool) -> tuple[int, int]:
    """A child process holding `folder`'s lock (or killed while holding it); its pid and a pipe
    end that releases it when closed."""
    ready_read, ready_write = os.pipe()
    release_read, release_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(release_write)
            os.close(ready_read)
            with OutputFolder(folder):
                os.write(ready_write, b"x")
                if die:
                    os.kill(os.getpid(), signal.SIGKILL)
                os.read(release_read, 1)
        finally:
            os._exit(0)
    os.close(release_read)
    os.close(ready_write)
    assert os.read(ready_read, 1) == b"x"
    os.close(ready_read)
    return pid, release_write


def test_a_second_docgen_on_the_same_folder_refuses_and_names_the_first(tmp_path: Path) -> None:
    pid, release = holder(tmp_path, die=False)
    try:
        with pytest.raises(OutputError) as refused, OutputFolder(tmp_path):
            pass
        assert "Une autre commande docgen est en train d'écrire" in refused.value.message
        assert f"(processus {pid})" in refused.value.message
    finally:
        os.close(release)
        os.waitpid(pid, 0)
    with OutputFolder(tmp_path):  # free again once the first one is done
        pass
    assert not (tmp_path / LOCK_NAME).exists()


def test_the_lock_of_a_killed_docgen_is_taken_over(tmp_path: Path) -> None:
    pid, release = holder(tmp_path, die=True)
    os.waitpid(pid, 0)
    os.close(release)
    assert (tmp_path / LOCK_NAME).exists()  # left behind, but no longer held
    with OutputFolder(tmp_path):
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())
    assert not (tmp_path / LOCK_NAME).exists()


def test_nested_holders_in_one_process_share_the_lock(tmp_path: Path) -> None:
    with OutputFolder(tmp_path), OutputFolder(tmp_path):
        pass
    with OutputFolder(tmp_path):
        pass


def test_a_folder_created_only_to_be_locked_is_removed_when_nothing_was_written(
    tmp_path: Path,
) -> None:
    with OutputFolder(tmp_path / "outputs" / "exemple"):
        pass
    assert not (tmp_path / "outputs").exists()
    (tmp_path / "outputs" / "autre").mkdir(parents=True)
    with OutputFolder(tmp_path / "outputs" / "exemple"):
        pass
    assert [p.name for p in (tmp_path / "outputs").iterdir()] == ["autre"]
