"""Files written whole or not at all: no half file under the final name, no temp file left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docgen import atomic
from docgen.atomic import create_new_file, replace_file
from docgen.errors import InputError


def test_a_new_file_is_never_written_over_an_existing_one(tmp_path: Path) -> None:
    target = tmp_path / "dossier" / "session.xlsx"
    create_new_file(target, b"premier")
    with pytest.raises(InputError, match="existe déjà"):
        create_new_file(target, b"second")
    assert target.read_bytes() == b"premier"
    assert [path.name for path in target.parent.iterdir()] == ["session.xlsx"]


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    for write in (create_new_file, replace_file):
        with pytest.raises(InputError, match="Impossible d'écrire"):
            write(tmp_path / "session.xlsx", b"contenu")
    assert list(tmp_path.iterdir()) == []


def test_a_replaced_file_is_whole_and_keeps_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "session-annote.xlsx"
    replace_file(target, b"ancien")
    replace_file(target, b"nouveau")
    assert target.read_bytes() == b"nouveau"
    assert [path.name for path in tmp_path.iterdir()] == ["session-annote.xlsx"]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
