"""What a vault holds and whether it is intact: `status` (read-only) and `verify` (locked)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from docgen.vault.durable import TEMP_PREFIX, VaultLock, stray_temps
from docgen.vault.format import read_header
from docgen.vault.journal import Journal
from docgen.vault.keys import SealError
from docgen.vault.store import SUFFIX, SealRecord, records, vault_id


@dataclass(frozen=True)
class FileStatus:
    """One sealed file as `vault status` shows it."""

    record: SealRecord
    integrity: str  # "intact", "modifié" or "absent"
    opened: bool

    def to_json(self, at: datetime) -> dict[str, Any]:
        record = self.record
        return {
            "file": record.file,
            "role": record.role,
            "name": record.name,
            "generation": record.generation,
            "size": record.size,
            "pages": record.pages,
            "sealed_at": record.sealed_at.isoformat(),
            "opening": record.opening.isoformat(),
            "seconds_to_opening": max(0, int((record.opening - at).total_seconds())),
            "integrity": self.integrity,
            "opened": self.opened,
            "custodians": record.custodians,
            "recovery": record.recovery,
        }


@dataclass(frozen=True)
class VaultStatus:
    session: str
    directory: Path
    head: str
    journal_ok: bool
    files: tuple[FileStatus, ...]


def _sha256(path: Path) -> str | None:
    if not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def vault_status(directory: Path, session: str) -> VaultStatus:
    """Each sealed file with the integrity of its ciphertext against the journal's record."""
    report = Journal(directory).read()
    opened = {str(e.get("file")) for e in report.entries if e.get("event") == "open"}
    files = []
    for record in records(report).values():
        digest = _sha256(directory / f"{record.file}{SUFFIX}")
        integrity = (
            "absent"
            if digest is None
            else "intact"
            if digest == record.ciphertext_sha256
            else "modifié"
        )
        files.append(FileStatus(record, integrity, record.file in opened))
    return VaultStatus(session, directory, report.head, not report.problems, tuple(files))


def verify_vault(directory: Path, expected_head: str | None = None) -> list[str]:
    """Every problem found, each naming the journal line or the file; empty when all is intact."""
    with VaultLock(directory):
        report = Journal(directory).read()
        problems = [f"journal : {problem}" for problem in report.problems]
        if expected_head is not None and report.head != expected_head.strip().lower():
            problems.append(
                f"journal : sa tête est {report.head}, pas {expected_head} : des entrées "
                "récentes ont été supprimées ou réécrites"
            )
        current = records(report)
        for record in current.values():
            problems += _file_problems(directory, record, vault_id(report))
        known = {f"{file}{SUFFIX}" for file in current}
        for path in sorted(directory.glob(f"*{SUFFIX}")):
            if path.name not in known:
                problems.append(f"{path.name} : fichier inconnu du journal (copié depuis ailleurs)")
        for temp in stray_temps(directory):
            problems.append(f"{temp.name} : fichier temporaire laissé par une commande interrompue")
        return problems


def _file_problems(directory: Path, record: SealRecord, vault: str) -> list[str]:
    path = directory / f"{record.file}{SUFFIX}"
    label = f"{path.name} (« {record.name} », {record.role})"
    digest = _sha256(path)
    if digest is None:
        pending = stray_temps(directory)
        label_prefix = f"{TEMP_PREFIX}{record.file}.{record.generation}-"
        if any(temp.name.startswith(label_prefix) for temp in pending):
            return [
                f"{label} : scellement interrompu, terminé à la prochaine commande seal ou open"
            ]
        return [f"{label} : absent du coffre"]
    problems = []
    if digest != record.ciphertext_sha256:
        problems.append(f"{label} : modifié depuis le scellement (empreinte différente)")
    try:
        with path.open("rb") as stream:
            header = read_header(stream).header
    except SealError as exc:
        return [*problems, f"{label} : en-tête invalide ({exc.reason})"]
    if (header.vault, header.file, header.role) != (vault, record.file, record.role):
        problems.append(f"{label} : vient d'un autre coffre ou d'un autre rôle")
    elif header.generation != record.generation:
        problems.append(f"{label} : ancienne génération {header.generation} remise en place")
    return problems
