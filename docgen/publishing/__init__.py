"""Crash-proof publication of a run's documents and of the session's manifest.json.

A session's output folder (`outputs/<session>/`) holds top-level *units* — folders such as
`convocations/`, or root files such as `planning.xlsx` — and `manifest.json`, which lists every
file with its sha256 and size. A run replaces whole units; units it does not write keep their
files and their manifest entries. The guarantee: at every instant the folder's files match its
manifest, or the next docgen command that opens the folder restores that before anything else
(see `journal` for the journal that makes it so). Only one docgen writes a folder at a time.

How to publish (the API other modules use):

    with OutputFolder(outputs / "exemple") as out:      # lock + recovery of a killed run
        out.publish({"convocations/1_A_B.docx": data}, info)           # bytes in memory
        # …or files another program wrote, e.g. PDFs from LibreOffice:
        staging = out.new_staging()                      # an empty private folder (0700)
        …write staging / "pdf" / "convocations.pdf"…
        out.publish_staged(staging, ["pdf/convocations.pdf"], info)

`publish_staged` takes the staging folder and the exact list of files in it (relative POSIX
paths; anything else in it is refused), and moves them into place as one switch together with
the updated manifest; the staging folder is gone afterwards. `publish(folder, files, info)` does
all of it for bytes in one call. Staged files are not fsynced one by one: one filesystem sync
covers all of them before the journal is written. A file whose bytes equal the one already
published is hard-linked instead of written again, so a rerun needs free space only for what
changed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

from docgen.errors import OutputError, describe_os_error
from docgen.publishing.durability import write_new_file
from docgen.publishing.journal import JOURNAL, STAGING_PREFIX, Switch, recover, switch, unremovable
from docgen.publishing.lock import OutputLock
from docgen.publishing.manifest import (
    MANIFEST,
    FileEntry,
    ManifestInfo,
    checked_path,
    differences,
    entry_of,
    manifest_bytes,
    merged_manifest,
    read_manifest,
    sha256_of,
    unit_of,
)

__all__ = [
    "MANIFEST",
    "ManifestInfo",
    "OutputFolder",
    "differences",
    "merged_manifest",
    "publish",
    "recover",
    "sha256_of",
]


def _write_error(where: object, exc: OSError, pending: bool = False) -> OutputError:
    if pending:
        state = (
            "La mise en place a été interrompue ; la prochaine commande docgen sur ce dossier "
            "la terminera ou l'annulera avant toute autre chose."
        )
    else:
        state = "Les documents précédents sont restés en place, intacts."
    return OutputError(
        f"Écriture impossible dans {where} : {describe_os_error(exc)}. {state} Libérez de la "
        "place ou corrigez les droits, puis relancez."
    )


class OutputFolder:
    """A session's output folder, locked for this process and recovered from any killed run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = OutputLock(path)
        self._created: list[Path] = []
        """The folders (deepest first) that did not exist before this run."""

    def __enter__(self) -> OutputFolder:
        try:
            self._created = [p for p in (self.path, *self.path.parents) if not p.exists()]
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"Impossible de créer le dossier de sortie {self.path} : "
                f"{describe_os_error(exc)}. Vérifiez le chemin donné à --out et vos droits "
                "d'écriture."
            ) from exc
        self._lock.__enter__()
        try:
            recover(self.path)
        except OSError as exc:
            self._lock.__exit__(None, None, None)
            raise OutputError(
                f"Le dossier {self.path} garde les traces d'une exécution interrompue que docgen "
                f"ne peut pas remettre en ordre ({exc.filename or self.path} : "
                f"{describe_os_error(exc)}). Corrigez les droits de ce dossier, puis relancez."
            ) from exc
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._lock.__exit__(kind, value, traceback)
        with contextlib.suppress(OSError):  # only the folders the run left empty
            for folder in self._created:
                folder.rmdir()

    def new_staging(self) -> Path:
        """A new private folder (mode 0700) to write files into before `publish_staged`."""
        try:
            return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.path))
        except OSError as exc:
            raise _write_error(self.path, exc) from exc

    def publish(self, files: Mapping[str, bytes], info: ManifestInfo) -> None:
        """Write `files` (relative path → bytes) and switch them in with the manifest."""
        for relative in files:
            checked_path(relative)

        def stage_all(staging: Path) -> dict[str, FileEntry]:
            for folder in sorted({(staging / relative).parent for relative in files}):
                folder.mkdir(parents=True, exist_ok=True)
            for relative, content in sorted(files.items()):
                self._stage(staging, relative, content)
            return {relative: entry_of(content) for relative, content in files.items()}

        self._switch_from(self.new_staging(), stage_all, info)

    def publish_staged(self, staging: Path, files: Sequence[str], info: ManifestInfo) -> None:
        """Switch in the files already written in `staging` (from `new_staging`)."""
        for relative in files:
            checked_path(relative)

        def entries_of_staged(staging: Path) -> dict[str, FileEntry]:
            present = sorted(
                p.relative_to(staging).as_posix() for p in staging.rglob("*") if not p.is_dir()
            )
            if present != sorted(files):
                raise OutputError(
                    "Fichiers préparés inattendus : "
                    f"{sorted(set(present) ^ set(files))} (erreur interne de docgen)."
                )
            return {relative: _entry_of_file(staging / relative) for relative in files}

        self._switch_from(staging, entries_of_staged, info)

    def _switch_from(
        self,
        staging: Path,
        prepare: Callable[[Path], Mapping[str, FileEntry]],
        info: ManifestInfo,
    ) -> None:
        """Fill `staging` with `prepare`, switch it in, and remove whatever remains of it."""
        try:
            self._switch(staging, prepare(staging), info)
        except OSError as exc:
            raise _write_error(exc.filename or self.path, exc, self._pending()) from exc
        finally:
            with contextlib.suppress(OSError):
                _remove_tree(staging)

    def _stage(self, staging: Path, relative: str, content: bytes) -> None:
        """Put `content` at `staging/relative` (its folder made): a hard link to the published
        file when it already holds these bytes, a new file otherwise."""
        # Plain strings: pathlib's objects cost more than the system calls, a thousand times.
        current = os.path.join(self.path, relative)  # noqa: PTH118
        target = os.path.join(staging, relative)  # noqa: PTH118
        if _holds(current, content):
            with contextlib.suppress(OSError):
                os.link(current, target)
                return
        write_new_file(target, content)

    def _switch(self, staging: Path, entries: Mapping[str, FileEntry], info: ManifestInfo) -> None:
        units = tuple(sorted({unit_of(relative) for relative in entries}))
        blocked = unremovable(self.path, units)
        if blocked is not None:
            raise OutputError(
                f"Le dossier {blocked} est en lecture seule : docgen ne peut pas remplacer les "
                "documents qu'il contient. Rendez-le modifiable (ou fermez le programme qui le "
                "bloque), puis relancez. Rien n'a été modifié."
            )
        previous = read_manifest(self.path / MANIFEST)
        content = manifest_bytes(merged_manifest(previous, entries, info))
        write_new_file(staging / MANIFEST, content)
        token = staging.name.removeprefix(STAGING_PREFIX)
        had_old = frozenset(
            unit for unit in units if (self.path / unit).exists() or (self.path / unit).is_symlink()
        )
        plan = Switch(self.path, token, units, had_old)
        switch(plan, [staging / relative for relative in entries] + [staging / MANIFEST])

    def _pending(self) -> bool:
        return (self.path / JOURNAL).exists()


def _holds(path: str, content: bytes) -> bool:
    """Whether `path` is a regular file, not a link, holding exactly `content`."""
    try:
        status = os.lstat(path)
        if not stat.S_ISREG(status.st_mode) or status.st_size != len(content):
            return False
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        return os.read(descriptor, len(content) + 1) == content
    except OSError:
        return False
    finally:
        os.close(descriptor)


def _entry_of_file(path: Path) -> FileEntry:
    return FileEntry(sha256_of(path), path.stat().st_size)


def _remove_tree(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


def publish(session_out: Path, files: Mapping[str, bytes], manifest: ManifestInfo) -> None:
    """Write `files` (relative path → bytes) under `session_out` and update its manifest, as
    one switch: an interruption leaves the previous documents, or all the new ones."""
    with OutputFolder(session_out) as out:
        out.publish(files, manifest)
