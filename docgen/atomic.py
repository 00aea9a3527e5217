"""Files that appear whole under their final name or not at all, even after a crash or Ctrl-C."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from docgen.errors import InputError, describe_os_error


def sync_folder(folder: Path) -> None:
    """Make the names just created, renamed or removed in `folder` survive a power cut."""
    if os.name == "nt":  # Windows cannot open a folder; NTFS journals its renames itself
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _staged(path: Path, content: bytes) -> Path:
    """`content` written and flushed to disk in a hidden file next to `path` (created with the
    usual permissions, as the final file would be)."""
    staged = path.parent / f".docgen-en-cours-{secrets.token_hex(8)}-{path.name}"
    descriptor = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


def _staged_beside(path: Path, content: bytes) -> Path:
    """`_staged`, its folder created first; a failure is said in French (InputError)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _staged(path, content)
    except OSError as exc:
        raise InputError(f"Impossible d'écrire « {path} » : {describe_os_error(exc)}.") from exc


def create_new_file(path: Path, content: bytes) -> None:
    """Write a file that must not exist yet: refused (InputError) when it does, even when another
    run creates it at the same moment."""
    staged = _staged_beside(path, content)
    try:
        try:
            os.link(staged, path)  # fails if the name exists: no overwrite, ever
        except FileExistsError:
            raise InputError(
                f"« {path} » existe déjà : docgen ne l'écrase pas. Choisissez un autre nom, ou "
                "supprimez ce fichier vous-même s'il ne sert plus."
            ) from None
        except OSError as exc:
            if exc.errno not in {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}:
                raise InputError(
                    f"Impossible d'écrire « {path} » : {describe_os_error(exc)}."
                ) from exc
            # A shared drive without hard links: check, then rename into place.
            if path.exists():
                raise InputError(f"« {path} » existe déjà : docgen ne l'écrase pas.") from exc
            staged.replace(path)
    finally:
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)


def replace_file(path: Path, content: bytes) -> None:
    """Write `path`, replacing any previous version in one step."""
    staged = _staged_beside(path, content)
    try:
        staged.replace(path)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise InputError(f"Impossible d'écrire « {path} » : {describe_os_error(exc)}.") from exc
