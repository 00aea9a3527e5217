"""The few system calls that make a publication survive a power cut.

Staged files are written without one fsync each: `sync_filesystem` then makes all of them durable
with a single `syncfs` of their filesystem (Linux), `sync` elsewhere on POSIX, or one fsync per
file where neither exists (Windows).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
_NEW_FILE |= getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def write_new_file(path: Path | str, content: bytes) -> None:
    """Create `path` (never over an existing file; its folder exists) with `content`; durable
    only once synced. Plain system calls: a buffered `open` adds three per file (fstat, ioctl,
    lseek), and a publication writes a thousand files."""
    descriptor = os.open(path, _NEW_FILE, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def write_durable_file(path: Path, content: bytes) -> None:
    """Create `path` with `content` and fsync it."""
    with path.open("xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _syncfs(folder: Path) -> bool:
    """Flush the filesystem holding `folder` with Linux's syncfs(2); False where unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(descriptor) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error), str(folder))
    finally:
        os.close(descriptor)
    return True


def sync_filesystem(folder: Path, files: Iterable[Path]) -> None:
    """Make `files` (all under `folder`) and the folders holding them durable, in one call when
    the system allows it."""
    if _syncfs(folder):
        return
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in files:  # pragma: no cover - Windows
        with path.open("rb+") as handle:
            os.fsync(handle.fileno())
