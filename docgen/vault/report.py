"""What a vault holds and whether it is intact: `status` (read-only) and `verify` (locked)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docgen.errors import VaultError
from docgen.vault.durable import TEMP_PREFIX, VaultLock, stray_temps
from docgen.vault.format import read_header
from docgen.vault.journal import (
    MIN_HEAD_PREFIX,
    SIDE_PREFIX,
    ChainReport,
    Journal,
    head_prefix,
    lines_starting_with,
)
from docgen.vault.keys import SealError
from docgen.vault.names import printable
from docgen.vault.store import SUFFIX, SealRecord, all_generations, records, sealed_name, vault_id


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
        digest = _sha256(directory / sealed_name(record.file, record.generation))
        integrity = (
            "absent"
            if digest is None
            else "intact"
            if digest == record.ciphertext_sha256
            else "modifié"
        )
        files.append(FileStatus(record, integrity, record.file in opened))
    return VaultStatus(session, directory, report.head, not report.problems, tuple(files))


@dataclass(frozen=True)
class Verification:
    """`verify`'s findings: problems (the vault is not intact) and notes (it is, but see)."""

    problems: tuple[str, ...]
    notes: tuple[str, ...]


def verify_vault(
    directory: Path, expected_head: str | None = None, *, now: Callable[[], datetime]
) -> Verification:
    """Every problem found, each naming the journal line or the file, and what to know besides.

    Holding the lock, it first moves a torn journal tail aside like any other command.
    """
    with VaultLock(directory):
        journal = Journal(directory)
        journal.repair(now().astimezone(UTC))
        report = journal.read()
        problems = [f"journal : {problem}" for problem in report.problems]
        notes = _journal_notes(directory, report)
        if expected_head is not None:
            problems, notes = _check_head(report, expected_head, problems, notes)
        current = records(report)
        for record in current.values():
            problems += _file_problems(directory, record, vault_id(report))
        known = all_generations(report)
        for path in sorted(directory.glob(f"*{SUFFIX}")):
            if path.name not in known:
                problems.append(f"{path.name} : fichier inconnu du journal (copié depuis ailleurs)")
        for temp in stray_temps(directory):
            problems.append(f"{temp.name} : fichier temporaire laissé par une commande interrompue")
        return Verification(tuple(problems), tuple(notes))


class HeadError(VaultError):
    """The head given to compare is not one: not hexadecimal, too short, or ambiguous."""


def _check_head(
    report: ChainReport, head: str, problems: list[str], notes: list[str]
) -> tuple[list[str], list[str]]:
    """A head noted earlier must still be in the chain; what came after it is only counted."""
    prefix = head_prefix(head)
    if prefix is None:
        raise HeadError(bad_head_message(head))
    lines = lines_starting_with(report, prefix)
    if not lines:
        problems.append(
            f"journal : la tête notée ({prefix}) n'est plus dans la chaîne "
            f"(tête actuelle : {report.head}) : des entrées ont été supprimées ou réécrites"
        )
    elif len(lines) > 1:
        raise HeadError(
            f"« {prefix} » est le début de {len(lines)} empreintes du journal (lignes "
            f"{', '.join(map(str, lines))}) : donnez plus de caractères de la tête notée."
        )
    else:
        after = len(report.entries) - lines[0]
        notes.append(
            f"journal : la tête notée est la ligne {lines[0]} ; "
            + (f"{after} entrée(s) ajoutée(s) depuis" if after else "rien n'a été ajouté depuis")
        )
    return problems, notes


def bad_head_message(head: str) -> str:
    return (
        f"« {printable(head.strip())} » n'est pas une tête de journal : donnez-la telle que "
        f"« docgen vault status » l'affiche, entière ou ses {MIN_HEAD_PREFIX} premiers "
        "caractères au moins (chiffres 0-9 et lettres a-f)."
    )


def _journal_notes(directory: Path, report: ChainReport) -> list[str]:
    """Torn tails moved aside, with the state of the side file each one names."""
    notes = []
    referenced = set()
    for number, entry in enumerate(report.entries, start=1):
        if entry.get("event") != "journal-repaired":
            continue
        side = directory / str(entry.get("side"))
        referenced.add(side.name)
        kept = _sha256(side) == entry.get("sha256") if side.parent == directory else False
        notes.append(
            f"journal : ligne {number} : une écriture interrompue ({entry.get('size')} octets) a "
            f"été mise de côté dans {printable(side.name)}"
            + ("" if kept else " — ce fichier manque ou a changé")
        )
    for side in sorted(directory.glob(f"{SIDE_PREFIX}*")):
        if side.name not in referenced:
            notes.append(f"{side.name} : morceau de journal mis de côté sans entrée au journal")
    return notes


def _file_problems(directory: Path, record: SealRecord, vault: str) -> list[str]:
    path = directory / sealed_name(record.file, record.generation)
    label = f"{path.name} (« {printable(record.name)} », {record.role})"
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
    elif _opening(header.opening) != record.opening:
        problems.append(f"{label} : son heure d'ouverture n'est pas celle du journal")
    return problems


def _opening(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
