"""Atomic publication of a run's documents and of the session's manifest.json."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from docgen import __version__
from docgen.errors import OutputError, describe_os_error

MANIFEST = "manifest.json"
STAGING_PREFIX = ".docgen-en-cours-"
ASIDE_PREFIX = ".docgen-ancien-"


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


def _unit(relative: str) -> str:
    """The folder (or root file) a path belongs to: what one run replaces as a whole."""
    return PurePosixPath(relative).parts[0]


def _checked(relative: str) -> str:
    path = PurePosixPath(relative)
    if (
        not relative
        or "\\" in relative
        or path.is_absolute()
        or any(part in {"", ".", ".."} for part in path.parts)
        or path.as_posix() != relative
        or relative == MANIFEST
    ):
        raise OutputError(f"Chemin de sortie refusé : « {relative} » (erreur interne de docgen).")
    return relative


def _write_file(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _swap_in(new: Path, target: Path, token: str) -> None:
    """Put `new` under `target`'s name; an existing folder is renamed aside first, then removed."""
    if not new.is_dir() or not target.exists():
        new.replace(target)
        return
    aside = target.with_name(f"{ASIDE_PREFIX}{target.name}-{token}")
    target.replace(aside)
    try:
        new.replace(target)
    except BaseException:
        aside.replace(target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def _read_manifest(path: Path) -> dict[str, Any]:
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
    previous: Mapping[str, Any], files: Mapping[str, bytes], info: ManifestInfo
) -> dict[str, Any]:
    """The new manifest: this run's files replace their folders' entries, the others stay."""
    units = {_unit(relative) for relative in files}
    kept = [
        entry
        for entry in previous.get("files", [])
        if isinstance(entry, dict)
        and isinstance(entry.get("path"), str)
        and _unit(entry["path"]) not in units
    ]
    written = [
        {"path": relative, "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
        for relative, content in files.items()
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


def _write_manifest(session_out: Path, content: dict[str, Any], token: str) -> None:
    temporary = session_out / f".{MANIFEST}.{token}"
    text = json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    try:
        _write_file(temporary, text.encode("utf-8"))
        temporary.replace(session_out / MANIFEST)
    finally:
        temporary.unlink(missing_ok=True)


def publish(session_out: Path, files: Mapping[str, bytes], manifest: ManifestInfo) -> None:
    """Write `files` (relative path → bytes) under `session_out` all at once, then the manifest.

    Everything is first written into a hidden folder inside `session_out`; each top-level folder
    (e.g. `convocations/`) then replaces the previous one by rename. An interruption leaves the
    previous documents in place and never a half-written file under a final name.
    """
    for relative in files:
        _checked(relative)
    try:
        session_out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=session_out))
    except OSError as exc:
        raise OutputError(
            f"Impossible de créer le dossier de sortie {session_out} : {describe_os_error(exc)}. "
            "Vérifiez le chemin donné à --out et vos droits d'écriture."
        ) from exc
    token = staging.name.removeprefix(STAGING_PREFIX)
    try:
        for relative, content in sorted(files.items()):
            _write_file(staging / relative, content)
        for unit in sorted({_unit(relative) for relative in files}):
            _swap_in(staging / unit, session_out / unit, token)
        previous = _read_manifest(session_out / MANIFEST)
        _write_manifest(session_out, merged_manifest(previous, files, manifest), token)
        _sync_folder(session_out)
    except OSError as exc:
        where = exc.filename or session_out
        raise OutputError(
            f"Écriture impossible dans {where} : {describe_os_error(exc)}. Aucun document "
            "incomplet n'a été laissé sous son nom définitif ; libérez de la place ou corrigez "
            "les droits, puis relancez."
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
