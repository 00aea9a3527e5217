"""The switch from a session's old documents to its new ones, journaled so it always completes.

A publication stages every new file and the new manifest in `.docgen-en-cours-<jeton>/`, makes
them durable with one filesystem sync, then writes `.docgen-journal.json` (fsynced) naming the
folders it is about to replace. Then, for each folder: old → `.docgen-ancien-<jeton>/` (mode
0700), new → final name; and last, the staged manifest → `manifest.json`: that rename is the
commit. `recover` reads a journal left by a killed run: manifest not yet renamed → every folder
goes back to its old version; renamed → the old versions are deleted. Either way the folder then
matches its manifest, and no work folder is left.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.atomic import sync_folder
from docgen.interruptions import signals_deferred
from docgen.publishing.durability import sync_filesystem, write_durable_file
from docgen.publishing.manifest import MANIFEST

JOURNAL = ".docgen-journal.json"
STAGING_PREFIX = ".docgen-en-cours-"
ASIDE_PREFIX = ".docgen-ancien-"
MANIFEST_TEMP_PREFIX = f".{MANIFEST}."
"""Temp manifests of docgen versions before the journal (`.manifest.json.<jeton>`)."""
_LEGACY_ASIDE = re.compile(rf"{re.escape(ASIDE_PREFIX)}(?P<unit>.+)-[a-z0-9_]{{8}}")


@dataclass(frozen=True)
class Switch:
    """One publication's plan: its token, the units it replaces and which of them existed."""

    folder: Path
    token: str
    units: tuple[str, ...]
    had_old: frozenset[str]

    @property
    def staging(self) -> Path:
        return self.folder / f"{STAGING_PREFIX}{self.token}"

    @property
    def aside(self) -> Path:
        return self.folder / f"{ASIDE_PREFIX}{self.token}"

    def as_json(self) -> bytes:
        units = [{"name": unit, "had_old": unit in self.had_old} for unit in self.units]
        return json.dumps({"version": 1, "token": self.token, "units": units}).encode("utf-8")

    @classmethod
    def from_json(cls, folder: Path, raw: bytes) -> Switch | None:
        try:
            loaded: Any = json.loads(raw.decode("utf-8"))
            token = loaded["token"]
            units = [(str(unit["name"]), bool(unit["had_old"])) for unit in loaded["units"]]
        except (ValueError, KeyError, TypeError):
            return None
        if not isinstance(token, str) or not re.fullmatch(r"[a-z0-9_]+", token):
            return None
        names = tuple(name for name, _ in units)
        if any("/" in name or name.startswith(".") or not name for name in names):
            return None
        return cls(folder, token, names, frozenset(name for name, old in units if old))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _writable_everywhere(top: Path) -> Path | None:
    """The first folder under `top` (itself included) docgen could not empty, or None."""
    if not top.is_dir() or top.is_symlink():
        return None
    for folder in [top, *(p for p in top.rglob("*") if p.is_dir() and not p.is_symlink())]:
        if not os.access(folder, os.W_OK | os.X_OK):
            return folder
    return None


def unremovable(folder: Path, units: Iterable[str]) -> Path | None:
    """A folder among the units' current versions that cannot be emptied (read-only), or None."""
    for unit in units:
        blocked = _writable_everywhere(folder / unit)
        if blocked is not None:
            return blocked
    return None


def switch(plan: Switch, staged_files: Iterable[Path]) -> None:
    """Replace the units of `plan` by their staged versions and commit the staged manifest.

    On an error the switch is rolled back before the error goes on; killed, it is completed or
    rolled back by `recover`.
    """
    sync_filesystem(plan.staging, staged_files)
    with signals_deferred():
        journal = plan.folder / JOURNAL
        try:
            plan.aside.mkdir(mode=0o700)
            write_durable_file(journal, plan.as_json())
            sync_folder(plan.folder)
        except BaseException:  # e.g. a full disk: nothing was switched, nothing is left
            with contextlib.suppress(OSError):
                journal.unlink(missing_ok=True)
                plan.aside.rmdir()
            raise
        try:
            for unit in plan.units:
                if unit in plan.had_old:
                    (plan.folder / unit).rename(plan.aside / unit)
                (plan.staging / unit).rename(plan.folder / unit)
            (plan.staging / MANIFEST).rename(plan.folder / MANIFEST)
        except BaseException:
            with contextlib.suppress(OSError):  # what cannot be undone now, `recover` undoes
                _roll_back(plan)
                _finish(plan)
            raise
        sync_folder(plan.folder)
        with contextlib.suppress(OSError):  # a run that cannot tidy up leaves the journal to
            _finish(plan)  # the next one, which finishes the job


def _roll_back(plan: Switch) -> None:
    """Put every unit of an uncommitted switch back to its old version."""
    for unit in reversed(plan.units):
        final, new, old = plan.folder / unit, plan.staging / unit, plan.aside / unit
        if unit in plan.had_old:
            if old.exists() or old.is_symlink():
                if new.exists() or new.is_symlink():
                    _remove(final)
                elif final.exists() or final.is_symlink():
                    final.rename(new)
                old.rename(final)
        elif not (new.exists() or new.is_symlink()) and (final.exists() or final.is_symlink()):
            final.rename(new)
    sync_folder(plan.folder)


def _finish(plan: Switch) -> None:
    """Delete the switch's work folders, then its journal."""
    _remove(plan.aside)
    _remove(plan.staging)
    with contextlib.suppress(FileNotFoundError):
        (plan.folder / JOURNAL).unlink()
    sync_folder(plan.folder)


def recover(folder: Path) -> None:
    """Complete or roll back a switch a killed run left in `folder`, then remove every work
    folder and temp file docgen may have left there. Call it while holding the folder's lock."""
    if not folder.is_dir():
        return
    journal = folder / JOURNAL
    if journal.exists():
        with signals_deferred():
            plan = Switch.from_json(folder, journal.read_bytes())
            if plan is not None and (plan.staging / MANIFEST).exists():
                _roll_back(plan)
            if plan is not None:
                _finish(plan)
            else:  # torn journal: its fsync never returned, so no rename was made
                journal.unlink()
    _sweep(folder)


def _sweep(folder: Path) -> None:
    """Remove stray staging folders and temps; put back any old version that lost its place."""
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name.startswith(STAGING_PREFIX) or name.startswith(MANIFEST_TEMP_PREFIX):
            _remove(entry)
        elif name.startswith(ASIDE_PREFIX) and entry.is_dir():
            legacy = _LEGACY_ASIDE.fullmatch(name)
            if legacy and not (folder / legacy["unit"]).exists():
                entry.rename(folder / legacy["unit"])  # an older docgen's half-done swap
                continue
            if not legacy:
                for inner in entry.iterdir():
                    if not (folder / inner.name).exists():
                        inner.rename(folder / inner.name)
            _remove(entry)
