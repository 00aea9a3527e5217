"""manifest.json: what a session's output folder holds, and how a run's files update it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from docgen import __version__
from docgen.errors import OutputError, describe_os_error

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class ManifestInfo:
    """What the manifest records about the run besides its files."""

    as_of: date
    session: str = ""
    """The session folder as the user named it (`inputs/exemple`)."""
    inputs: Mapping[str, str] = field(default_factory=dict)
    """Input file name (e.g. `session.xlsx`) → its sha256."""
    forced: bool = False
    overridden_codes: tuple[str, ...] = ()
    """Codes of the error findings `--force` wrote past."""
    docgen_version: str = __version__


@dataclass(frozen=True)
class FileEntry:
    """One published file as the manifest lists it."""

    sha256: str
    size: int


def sha256_of(path: Path) -> str:
    """The sha256 of an input file, for ManifestInfo.inputs."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
    except OSError as exc:
        raise OutputError(
            f"Impossible de lire {path} pour le manifeste : {describe_os_error(exc)}."
        ) from exc
    return digest.hexdigest()


def entry_of(content: bytes) -> FileEntry:
    return FileEntry(hashlib.sha256(content).hexdigest(), len(content))


def unit_of(relative: str) -> str:
    """The folder (or root file) a path belongs to: what one run replaces as a whole."""
    return PurePosixPath(relative).parts[0]


def checked_path(relative: str) -> str:
    """`relative` when it names a file strictly inside the output folder (never the manifest)."""
    path = PurePosixPath(relative)
    if (
        not relative
        or "\\" in relative
        or path.is_absolute()
        or any(part in {"", ".", ".."} for part in path.parts)
        or path.as_posix() != relative
        or relative == MANIFEST
        or relative.startswith(".")
    ):
        raise OutputError(f"Chemin de sortie refusé : « {relative} » (erreur interne de docgen).")
    return relative


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest at `path`, or an empty one when it is missing or unreadable."""
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _run_record(info: ManifestInfo) -> dict[str, Any]:
    return {
        "as_of": info.as_of.isoformat(),
        "docgen_version": info.docgen_version,
        "forced": info.forced,
        "inputs": dict(sorted(info.inputs.items())),
        "overridden_codes": sorted(set(info.overridden_codes)),
        "session": info.session,
    }


def merged_manifest(
    previous: Mapping[str, Any], files: Mapping[str, FileEntry], info: ManifestInfo
) -> dict[str, Any]:
    """The new manifest: this run's files replace their folders' entries, the others stay."""
    units = {unit_of(relative) for relative in files}
    kept = [
        entry
        for entry in previous.get("files", [])
        if isinstance(entry, dict)
        and isinstance(entry.get("path"), str)
        and unit_of(entry["path"]) not in units
    ]
    written = [
        {"path": relative, "sha256": entry.sha256, "size": entry.size}
        for relative, entry in files.items()
    ]
    previous_runs = previous.get("runs")
    runs = {
        unit: record
        for unit, record in (previous_runs.items() if isinstance(previous_runs, dict) else ())
        if unit not in units
    }
    runs.update(dict.fromkeys(units, _run_record(info)))
    return {
        **_run_record(info),
        "files": sorted(kept + written, key=lambda entry: str(entry["path"])),
        "runs": dict(sorted(runs.items())),
    }


def manifest_bytes(content: Mapping[str, Any]) -> bytes:
    text = json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return text.encode("utf-8")


def differences(session_out: Path) -> list[str]:
    """How the visible files of `session_out` differ from its manifest (empty: they match).

    Hidden entries (docgen's own `.docgen-*` work files, the user's dotfiles) are not compared;
    a visible file inside a published folder that the manifest does not list is a difference.
    """
    listed: dict[str, tuple[object, object]] = {}
    for entry in read_manifest(session_out / MANIFEST).get("files", []):
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            listed[entry["path"]] = (entry.get("sha256"), entry.get("size"))
    units = {unit_of(relative) for relative in listed}
    found: dict[str, Path] = {}
    for unit in units:
        top = session_out / unit
        candidates = [top] if not top.is_dir() else [p for p in top.rglob("*") if not p.is_dir()]
        for path in candidates:
            relative = path.relative_to(session_out).as_posix()
            if path.exists() or path.is_symlink():
                found[relative] = path
    problems = [f"manquant : {relative}" for relative in sorted(set(listed) - set(found))]
    problems += [f"en trop : {relative}" for relative in sorted(set(found) - set(listed))]
    for relative in sorted(set(listed) & set(found)):
        content = found[relative].read_bytes()
        if (hashlib.sha256(content).hexdigest(), len(content)) != listed[relative]:
            problems.append(f"différent : {relative}")
    return problems
