"""Crash-safe file writes: exclusive temp files, fsync, atomic rename, directory fsync, a lock."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import sys
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from docgen.atomic import sync_folder
from docgen.errors import VaultError, describe_os_error

TEMP_PREFIX = ".docgen-tmp-"
BINARY = getattr(os, "OBINARY", 0)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def write_all(fd: int, data: bytes | memoryview) -> None:
    """os.write until every byte is written (a write may be short)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def create_exclusive(directory: Path, label: str) -> tuple[Path, int]:
    """A new temp file only this process can read (O_EXCL, mode 0600) and its descriptor."""
    path = directory / f"{TEMP_PREFIX}{label}-{secrets.token_hex(8)}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | BINARY | NOFOLLOW
    return path, os.open(path, flags, 0o600)


def discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def write_temp(directory: Path, label: str, *parts: bytes) -> Path:
    """`parts` in a synced exclusive temp file of `directory`; nothing is left on failure."""
    path, fd = create_exclusive(directory, label)
    try:
        try:
            for data in parts:
                write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        discard(path)
        raise
    return path


def publish(temp: Path, final: Path) -> None:
    """Rename a synced temp file to its final name and sync the directory."""
    temp.replace(final)
    sync_folder(final.parent)


_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK}


def publish_new(temp: Path, final: Path) -> None:
    """Give a synced temp file its final name, never replacing anything (not even a link).

    A hard link fails when the name exists, atomically; where the disk has no hard links
    (FAT USB keys), the name is checked just before a rename.
    """
    try:
        os.link(temp, final, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if os.path.lexists(final):
            raise FileExistsError(17, "existe déjà", str(final)) from None
        temp.replace(final)
    else:
        temp.unlink()


def open_nofollow(path: Path) -> BinaryIO:
    """Open a file to read without following a symbolic link put in its place."""
    fd = os.open(path, os.O_RDONLY | BINARY | NOFOLLOW)
    return os.fdopen(fd, "rb")


def read_nofollow(path: Path) -> bytes:
    with open_nofollow(path) as stream:
        return stream.read()


def make_private_folder(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents, each 0700 whatever the umask; deepest first."""
    missing = []
    for path in (folder, *folder.parents):
        if os.path.lexists(path):
            break
        missing.append(path)
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)
        if os.name != "nt":
            path.chmod(0o700, follow_symlinks=False)
    return missing


def unsafe_folder(folder: Path) -> str | None:
    """Why `folder` must not hold DTE (a link, another owner, writable by others), or None."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return "c'est un lien symbolique : docgen ne le suit pas"
    if not stat.S_ISDIR(info.st_mode):
        return "ce n'est pas un dossier"
    if os.name == "nt":
        return None
    if info.st_uid != os.geteuid():
        return "il appartient à un autre compte"
    if info.st_mode & stat.S_IWOTH:
        return "tout le monde peut y écrire (droits trop larges : chmod o-w, ou chmod 700)"
    return None


def stray_temps(directory: Path) -> list[Path]:
    """Temp files (and staging folders) left behind by an interrupted run."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.name.startswith(TEMP_PREFIX))


class VaultLock:
    """An exclusive lock on a vault folder, released by the OS if the process dies."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / ".verrou"
        self.fd: int | None = None

    def __enter__(self) -> VaultLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | BINARY | NOFOLLOW, 0o600)
        except OSError as exc:
            raise VaultError(
                f"Le coffre {self.path.parent} est inaccessible ({describe_os_error(exc)}). "
                "Vérifiez le chemin (option --vault) et les droits du dossier."
            ) from exc
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise VaultError(
                f"Le coffre {self.path.parent} est utilisé par une autre commande docgen en "
                "cours. Attendez qu'elle se termine, puis recommencez."
            ) from exc
        self.fd = fd
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
