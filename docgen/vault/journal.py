"""The vault's journal: append-only JSON lines, each holding the SHA-256 of the previous entry."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from docgen.errors import VaultError
from docgen.vault.durable import fsync_directory, write_all
from docgen.vault.format import canonical_json

JOURNAL_NAME = "journal.jsonl"
GENESIS = "0" * 64
_BINARY = getattr(os, "O_BINARY", 0)


def entry_hash(entry: dict[str, Any]) -> str:
    body = {key: value for key, value in entry.items() if key != "hash"}
    return hashlib.sha256(canonical_json(body)).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """The journal's entries that could be read, its head hash and every break, by line."""

    entries: tuple[dict[str, Any], ...]
    head: str
    problems: tuple[str, ...]


def _parse(line: bytes) -> dict[str, Any] | None:
    try:
        entry = json.loads(line.decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(entry, dict) or canonical_json(entry) != line:
        return None
    if not isinstance(entry.get("seq"), int) or not isinstance(entry.get("prev"), str):
        return None
    try:
        if datetime.fromisoformat(str(entry.get("at"))).tzinfo is None:
            return None
    except ValueError:
        return None
    return entry


def check_chain(raw: bytes) -> ChainReport:
    """Walk the hash chain and name each broken line (1-based) and what happened there."""
    problems: list[str] = []
    entries: list[dict[str, Any]] = []
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    elif lines:
        problems.append(f"ligne {len(lines)} : incomplète (écriture interrompue ou coupée)")
    previous, expected = GENESIS, 1
    for number, line in enumerate(lines, start=1):
        entry = _parse(line)
        if entry is None:
            problems.append(f"ligne {number} : illisible ou modifiée à la main")
            continue
        if entry.get("hash") != entry_hash(entry):
            problems.append(f"ligne {number} : modifiée (son empreinte ne correspond plus)")
        if entry["seq"] > expected:
            problems.append(
                f"ligne {number} : entrée n° {expected} supprimée ou déplacée avant cette ligne"
            )
        elif entry["seq"] < expected:
            problems.append(f"ligne {number} : entrée n° {entry['seq']} déplacée ou recopiée")
        elif entry["prev"] != previous:
            problems.append(
                f"ligne {number} : ne suit pas la ligne {number - 1} "
                f"(ligne {number - 1} réécrite, ou une ligne supprimée)"
            )
        entries.append(entry)
        previous, expected = str(entry.get("hash")), entry["seq"] + 1
    return ChainReport(tuple(entries), previous, tuple(problems))


class Journal:
    """One vault's journal file; every append is fsynced before it returns."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / JOURNAL_NAME

    def read(self) -> ChainReport:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raw = b""
        except OSError as exc:
            raise VaultError(
                f"Le journal du coffre {self.path} est illisible ({exc.strerror}). "
                "Vérifiez les droits du dossier, puis recommencez."
            ) from exc
        return check_chain(raw)

    def intact(self) -> ChainReport:
        """The journal, or a refusal when its chain is broken (the vault then stays shut)."""
        report = self.read()
        if report.problems:
            raise VaultError(
                f"Le journal du coffre {self.path} a été modifié ou abîmé "
                f"({report.problems[0]}). Rien n'a été fait. Lancez « docgen vault verify » "
                "et signalez-le au responsable de session."
            )
        return report

    def append(self, report: ChainReport, at: datetime, event: str, **fields: Any) -> ChainReport:
        """Write one entry after `report`'s head; VaultError (fail closed) if it cannot be."""
        seq = report.entries[-1]["seq"] + 1 if report.entries else 1
        entry: dict[str, Any] = {
            **fields,
            "seq": seq,
            "at": at.isoformat(),
            "event": event,
            "prev": report.head,
        }
        entry["hash"] = entry_hash(entry)
        new = not self.path.exists()
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _BINARY, 0o600)
            size = os.fstat(fd).st_size
            try:
                write_all(fd, canonical_json(entry) + b"\n")
                os.fsync(fd)
            except OSError:
                # A half-written line would shut the vault: take it back before refusing.
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)
                raise
            finally:
                os.close(fd)
            if new:
                fsync_directory(self.path.parent)
        except OSError as exc:
            raise VaultError(
                f"Le journal du coffre {self.path} ne peut pas être écrit ({exc.strerror}) : "
                "par sécurité, rien n'a été scellé ni ouvert. Libérez de la place ou corrigez "
                "les droits du dossier, puis recommencez."
            ) from exc
        return ChainReport((*report.entries, entry), entry["hash"], report.problems)
