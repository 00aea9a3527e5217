"""One docgen at a time per output session folder: an OS lock, released even if the process dies."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import TracebackType

from docgen.errors import OutputError, describe_os_error

LOCK_NAME = ".docgen-verrou"
_BINARY = getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

_held: dict[Path, int] = {}
"""Folders this process holds (resolved path → depth), so nested users share one lock."""


class BusyError(OSError):
    """Another process holds the lock."""


def _try_lock(descriptor: int) -> None:
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError) as exc:
        raise BusyError(exc.errno, exc.strerror) from exc


def _holder(path: Path) -> str:
    with contextlib.suppress(OSError, ValueError):
        pid = int(path.read_text(encoding="ascii").strip())
        return f" (processus {pid})"
    return ""


class OutputLock:
    """An exclusive lock on `folder/.docgen-verrou`; the file is removed when released.

    flock(2) locks are freed by the kernel when their process ends, however it ends: a lock file
    left by a killed docgen is simply taken over by the next run.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self.key = folder.resolve()
        self.descriptor: int | None = None

    def __enter__(self) -> OutputLock:
        if self.key in _held:
            _held[self.key] += 1
            return self
        try:
            self.descriptor = self._acquire()
        except BusyError:
            raise OutputError(
                f"Une autre commande docgen est en train d'écrire dans {self.folder}"
                f"{_holder(self.path)}. Attendez qu'elle se termine, puis relancez."
            ) from None
        except OSError as exc:
            raise OutputError(
                f"Impossible d'écrire dans le dossier de sortie {self.folder} : "
                f"{describe_os_error(exc)}. Vérifiez le chemin donné à --out et vos droits "
                "d'écriture."
            ) from exc
        _held[self.key] = 1
        return self

    def _acquire(self) -> int:
        while True:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | _BINARY | _NOFOLLOW, 0o600)
            try:
                _try_lock(descriptor)
                if os.name != "nt" and self.path.stat().st_ino != os.fstat(descriptor).st_ino:
                    os.close(descriptor)  # its holder removed it as we opened it: take the new one
                    continue
                os.ftruncate(descriptor, 0)
                os.write(descriptor, f"{os.getpid()}\n".encode("ascii"))
            except FileNotFoundError:
                os.close(descriptor)
                continue
            except BaseException:
                os.close(descriptor)
                raise
            return descriptor

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        _held[self.key] -= 1
        if _held[self.key] or self.descriptor is None:
            return
        del _held[self.key]
        if os.name != "nt":  # removed while still held, so that no one locks a stale name
            with contextlib.suppress(OSError):
                self.path.unlink()
        os.close(self.descriptor)
        self.descriptor = None
