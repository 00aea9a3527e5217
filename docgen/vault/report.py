"""What a vault holds and whether it is intact: `status` (read-only) and `verify` (locked)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docgen.errors import VaultError
from docgen.vault.durable import VaultLock, open_nofollow, stray_temps
from docgen.vault.format import read_header
from docgen.vault.journal import (
    FINGERPRINT_SIZE,
    MIN_HEAD_PREFIX,
    SIDE_PREFIX,
    ChainReport,
    Journal,
    head_prefix,
    lines_starting_with,
    refuse_old_format,
)
from docgen.vault.keys import SealError
from docgen.vault.names import printable
from docgen.vault.store import (
    SUFFIX,
    SealRecord,
    all_generations,
    file_sha256,
    records,
    refuse_unsafe_folder,
    seal_of_temp,
    sealed_name,
    vault_id,
)


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
            "padded_size": record.size,
            "sealed_at": record.sealed_at.isoformat(),
            "opening": record.opening.isoformat(),
            "seconds_to_opening": max(0, int((record.opening - at).total_seconds())),
            "integrity": self.integrity,
            "opened": self.opened,
            "recovery": record.recovery,
        }


@dataclass(frozen=True)
class VaultStatus:
    session: str
    directory: Path
    head: str
    entries: int
    journal_ok: bool
    files: tuple[FileStatus, ...]
    interrupted: str | None

    @property
    def fingerprint(self) -> str:
        return self.head[:FINGERPRINT_SIZE]


def opened_files(report: ChainReport) -> set[str]:
    return {
        str(file)
        for e in report.entries
        if e.get("event") == "open-done"
        for file in e.get("files", [])
    }


def vault_status(directory: Path, session: str) -> VaultStatus:
    """Each sealed file with the integrity of its ciphertext against the signed record."""
    report = Journal(directory).read()
    refuse_old_format(report, directory)
    opened = opened_files(report)
    files = []
    for record in records(report).values():
        digest = file_sha256(directory / sealed_name(record.file, record.generation))
        integrity = (
            "absent" if digest is None else "intact" if digest == record.ciphertext else "modifié"
        )
        files.append(FileStatus(record, integrity, record.file in opened))
    pending = pending_opening(report)
    return VaultStatus(
        session,
        directory,
        report.head,
        len(report.entries),
        not report.problems,
        tuple(files),
        interrupted_text(pending) if pending else None,
    )


def pending_opening(report: ChainReport) -> dict[str, Any] | None:
    """The last `open-started` that no `open-done`, `open-failed` or `open-cleaned` closed."""
    closed = {
        e.get("started")
        for e in report.entries
        if e.get("event") in ("open-done", "open-failed", "open-cleaned")
    }
    started = [e for e in report.entries if e.get("event") == "open-started"]
    return started[-1] if started and started[-1].get("seq") not in closed else None


def interrupted_text(entry: dict[str, Any]) -> str:
    """What an interrupted opening left, checked on disk now."""
    folder = Path(str(entry.get("folder", "")))
    left = []
    staging = folder / str(entry.get("staging", ""))
    if entry.get("staging") and os.path.lexists(staging):
        left.append(f"{staging} (fichiers temporaires, en clair)")
    left += [
        str(folder / str(name))
        for name in entry.get("outputs", [])
        if isinstance(name, str) and os.path.lexists(folder / name)
    ]
    return (
        f"ouverture interrompue (entrée n° {entry.get('seq')}, {entry.get('at')}) : "
        + (
            f"restent {', '.join(map(printable, left))}"
            if left
            else "rien n'est resté sur le disque"
        )
        + " ; relancez « docgen vault open » : il nettoie, puis ouvre tout ou rien"
    )


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
    refuse_unsafe_folder(directory, "Le dossier du coffre")
    with VaultLock(directory):
        journal = Journal(directory)
        journal.repair(now().astimezone(UTC))
        report = journal.read()
        refuse_old_format(report, directory)
        return inspect(directory, report, expected_head)


def inspect(directory: Path, report: ChainReport, expected_head: str | None) -> Verification:
    """Every check `verify` makes, without the lock (the caller holds it): `open` runs it too."""
    problems = [f"journal : {problem}" for problem in report.problems]
    notes = _journal_notes(directory, report)
    if expected_head is not None:
        problems, notes = _check_head(report, expected_head, problems, notes)
    try:
        current = records(report)
    except VaultError as exc:
        return Verification((*problems, f"journal : {exc.message}"), tuple(notes))
    for record in current.values():
        found, said = _file_problems(directory, record, vault_id(report))
        problems += found
        notes += said
    known = all_generations(report)
    for path in sorted(directory.glob(f"*{SUFFIX}")):
        if path.name not in known:
            problems.append(f"{path.name} : fichier inconnu du journal (copié depuis ailleurs)")
    for temp in stray_temps(directory):
        if seal_of_temp(temp, current) is None:
            notes.append(
                f"{temp.name} : fichier temporaire d'une commande interrompue avant son entrée au "
                "journal (sans effet) ; supprimé à la prochaine commande"
            )
    pending = pending_opening(report)
    if pending is not None:
        notes.append(interrupted_text(pending))
    return Verification(tuple(problems), tuple(notes))


class HeadError(VaultError):
    """The head given to compare is not one: not hexadecimal, too short, or ambiguous."""


def head_problem(report: ChainReport, head: str) -> str | None:
    """Why `report` does not extend the noted head, or None (HeadError if it is no head)."""
    problems, _ = _check_head(report, head, [], [])
    return problems[0] if problems else None


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
            f"(tête actuelle : {report.fingerprint}, {len(report.entries)} entrées) : des "
            "entrées ont été supprimées ou réécrites (retour en arrière du journal)"
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
        f"« {printable(head.strip())} » n'est pas une empreinte de journal : donnez-la telle que "
        "« docgen vault seal » l'a affichée (et telle que le PV la porte), entière ou ses "
        f"{MIN_HEAD_PREFIX} premiers caractères au moins (chiffres 0-9 et lettres a-f)."
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
        kept = file_sha256(side) == entry.get("sha256") if side.parent == directory else False
        notes.append(
            f"journal : ligne {number} : une écriture interrompue ({entry.get('size')} octets) a "
            f"été mise de côté dans {printable(side.name)}"
            + ("" if kept else " — ce fichier manque ou a changé")
        )
    for side in sorted(directory.glob(f"{SIDE_PREFIX}*")):
        if side.name not in referenced:
            notes.append(f"{side.name} : morceau de journal mis de côté sans entrée au journal")
    return notes


def _file_problems(directory: Path, record: SealRecord, vault: str) -> tuple[list[str], list[str]]:
    """What is wrong with one sealed file (problems), or what is only unfinished (notes)."""
    path = directory / sealed_name(record.file, record.generation)
    label = f"{path.name} (« {printable(record.name)} », {record.role})"
    digest = file_sha256(path)
    if digest is None:
        temps = [t for t in stray_temps(directory) if seal_of_temp(t, {record.file: record})]
        if any(file_sha256(temp) == record.ciphertext for temp in temps):
            return [], [
                f"{label} : scellement interrompu après son entrée au journal (pas une "
                "altération) ; terminé à la prochaine commande seal ou open"
            ]
        return [f"{label} : absent du coffre"], []
    problems = []
    if digest != record.ciphertext:
        problems.append(f"{label} : modifié depuis le scellement (empreinte signée différente)")
    try:
        with open_nofollow(path) as stream:
            header = read_header(stream).header
    except SealError as exc:
        return [*problems, f"{label} : en-tête invalide ({exc.reason})"], []
    if (header.vault, header.file, header.role) != (vault, record.file, record.role):
        problems.append(f"{label} : vient d'un autre coffre ou d'un autre rôle")
    elif header.generation != record.generation:
        problems.append(f"{label} : ancienne génération {header.generation} remise en place")
    elif _opening(header.opening) != record.opening:
        problems.append(f"{label} : son heure d'ouverture n'est pas celle du journal")
    return problems, []


def _opening(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
