"""The vault's journal: append-only JSON lines, chained by SHA-256, the entries that matter signed.

Each line holds the SHA-256 of the previous one; seals, clock acceptances and openings by the
custodians also carry an Ed25519 signature under the vault's signing key (docgen/vault/signing.py),
whose public half is in the first line. Without both passphrases nobody can add, change or
remove a signed line without `verify` seeing it; dropping the last lines is seen against the
head fingerprint the custodians noted on paper (`--tete`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from docgen.atomic import sync_folder
from docgen.errors import VaultError, describe_os_error
from docgen.vault.durable import (
    NOFOLLOW,
    discard,
    publish,
    read_nofollow,
    write_all,
    write_temp,
)
from docgen.vault.format import FORMAT, canonical_json
from docgen.vault.signing import sign, signature_holds

JOURNAL_NAME = "journal.jsonl"
SIDE_PREFIX = "journal-coupe-"
GENESIS = "0" * 64
_BINARY = getattr(os, "O_BINARY", 0)
# Signed by the custodians' key whenever written; an unsigned one is a forgery.
SIGNED_EVENTS = frozenset({"vault-created", "seal", "clock-accepted"})
# Signed when the custodians open; a recovery code cannot sign (it never reaches their key).
OPENING_EVENTS = frozenset({"open-started", "open-done"})
UNSIGNED_EVENTS = frozenset(
    {
        "seal-refused",
        "open-refused",
        "open-failed",
        "open-cleaned",
        "print-copy-failed",
        "clock-refused",
        "journal-repaired",
        "temp-removed",
        "temp-recovered",
    }
)
FINGERPRINT_SIZE = 16  # hexadecimal characters written on the PV: 64 bits


def entry_hash(entry: dict[str, Any]) -> str:
    body = {key: value for key, value in entry.items() if key != "hash"}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def signed_body(entry: dict[str, Any]) -> bytes:
    """What a signature covers: the entry without `hash` and `sig` (so `prev` too)."""
    return canonical_json({k: v for k, v in entry.items() if k not in ("hash", "sig")})


def must_be_signed(entry: dict[str, Any]) -> bool:
    event = entry.get("event")
    return event in SIGNED_EVENTS or (event in OPENING_EVENTS and entry.get("method") != "recovery")


def is_signed(entry: dict[str, Any]) -> bool:
    return "sig" in entry


@dataclass(frozen=True)
class ChainReport:
    """The journal's entries that could be read, its head hash and every break, by line."""

    entries: tuple[dict[str, Any], ...]
    head: str
    problems: tuple[str, ...]

    @property
    def public_key(self) -> str:
        return str(self.entries[0].get("signing_key", "")) if self.entries else ""

    @property
    def old_format(self) -> bool:
        """A journal written by docgen before the signed journal (`docgen-coffre/1`)."""
        return bool(self.entries) and self.entries[0].get("format") != FORMAT

    @property
    def fingerprint(self) -> str:
        """The head's short fingerprint, as printed at seal time and written on the PV."""
        return self.head[:FINGERPRINT_SIZE]


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


def torn_tail(raw: bytes) -> int | None:
    """Where an interrupted append starts: a last line without newline, or holding NUL bytes.

    A crash in the middle of an append leaves part of the line, or (delayed allocation) a run
    of NUL bytes where the line should be; neither can be a line docgen wrote.
    """
    if not raw:
        return None
    if not raw.endswith(b"\n"):
        return raw.rfind(b"\n") + 1
    start = raw.rfind(b"\n", 0, len(raw) - 1) + 1
    return start if b"\x00" in raw[start:] else None


def clock_floor(entries: tuple[dict[str, Any], ...]) -> datetime | None:
    """The latest signed time in the journal since the custodians last accepted the clock.

    Only signed entries count: an unsigned line dated in the future, written by anyone, must
    not be able to block the vault.
    """
    accepted = [n for n, e in enumerate(entries) if e.get("event") == "clock-accepted"]
    since = entries[accepted[-1] if accepted else 0 :]
    return max((datetime.fromisoformat(str(e["at"])) for e in since if is_signed(e)), default=None)


MIN_HEAD_PREFIX = 8  # hexadecimal characters: one chance in 4 billion that another line shares it


def head_prefix(text: str) -> str | None:
    """`text` as the start of an entry's hash (lower case), or None if it cannot be one."""
    wanted = "".join(text.replace("-", " ").split()).lower()
    if not MIN_HEAD_PREFIX <= len(wanted) <= 64 or wanted.strip("0123456789abcdef"):
        return None
    return wanted


def lines_starting_with(report: ChainReport, prefix: str) -> list[int]:
    """The 1-based lines whose hash starts with `prefix` (a `head_prefix`)."""
    return [
        number
        for number, entry in enumerate(report.entries, start=1)
        if str(entry.get("hash", "")).startswith(prefix)
    ]


def check_chain(raw: bytes) -> ChainReport:
    """Walk the hash chain and name each broken line (1-based) and what happened there."""
    problems: list[str] = []
    entries: list[dict[str, Any]] = []
    lines = raw.split(b"\n")
    torn = lines.pop() != b""  # what follows the last newline: empty unless a line is cut
    previous, expected = GENESIS, 1
    public: object = None
    legacy = False
    for number, line in enumerate(lines, start=1):
        entry = _parse(line)
        if entry is None:
            problems.append(f"ligne {number} : illisible ou modifiée à la main")
            continue
        if number == 1:
            public = entry.get("signing_key")
            legacy = entry.get("format") != FORMAT  # said by `old_format`, not as tampering
        if entry.get("hash") != entry_hash(entry):
            problems.append(f"ligne {number} : modifiée (son empreinte ne correspond plus)")
        if not legacy:
            problems += _signature_problems(number, entry, public)
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
    if torn:
        problems.append(f"ligne {len(lines) + 1} : incomplète (écriture interrompue ou coupée)")
    return ChainReport(tuple(entries), previous, tuple(problems))


def _signature_problems(number: int, entry: dict[str, Any], public: object) -> list[str]:
    event = entry.get("event")
    if number == 1 and event != "vault-created":
        return [f"ligne 1 : n'est pas la création du coffre ({printable_event(event)})"]
    if event not in SIGNED_EVENTS | OPENING_EVENTS | UNSIGNED_EVENTS:
        return [f"ligne {number} : événement inconnu ({printable_event(event)}) : ligne fabriquée"]
    if must_be_signed(entry) and not is_signed(entry):
        return [f"ligne {number} : « {event} » sans signature des gardiens : ligne fabriquée"]
    if is_signed(entry) and not signature_holds(public, signed_body(entry), entry.get("sig")):
        return [f"ligne {number} : signature des gardiens invalide : ligne fabriquée ou modifiée"]
    return []


def printable_event(event: object) -> str:
    return "".join(c for c in str(event)[:40] if c.isalnum() or c in "-_")


class Journal:
    """One vault's journal file; every append is fsynced before it returns."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / JOURNAL_NAME

    def read(self) -> ChainReport:
        try:
            raw = read_nofollow(self.path)
        except FileNotFoundError:
            raw = b""
        except OSError as exc:
            raise VaultError(
                f"Le journal du coffre {self.path} est illisible ({describe_os_error(exc)}). "
                "Vérifiez les droits du dossier, puis recommencez."
            ) from exc
        return check_chain(raw)

    def intact(self) -> ChainReport:
        """The journal, or a refusal when its chain is broken (the vault then stays shut)."""
        report = self.read()
        refuse_old_format(report, self.path.parent)
        if report.problems:
            raise VaultError(
                f"Le journal du coffre {self.path} a été modifié ou abîmé "
                f"({report.problems[0]}). Rien n'a été fait. Lancez « docgen vault verify » "
                "et signalez-le au responsable de session."
            )
        return report

    def repair(self, at: datetime) -> None:
        """Move a torn last line aside (kept in a side file) and journal it as `journal-repaired`.

        Only when every line before it chains: anything else is tampering and stays refused.
        A complete line that only lost its newline (`truncate -s -1`) is never dropped: its
        newline is put back instead.
        """
        try:
            raw = read_nofollow(self.path)
        except FileNotFoundError:
            return
        start = torn_tail(raw)
        if start is None:
            return
        report = check_chain(raw[:start])
        if report.problems:
            return
        tail = raw[start:]
        if not tail.endswith(b"\n") and not check_chain(raw + b"\n").problems:
            self._restore_newline(len(raw))
            return
        digest = hashlib.sha256(tail).hexdigest()
        side = self.path.parent / f"{SIDE_PREFIX}{digest[:16]}"
        temp = write_temp(self.path.parent, "journal-coupe", tail)
        try:
            publish(temp, side)
        finally:
            discard(temp)
        self.append(
            report,
            at,
            "journal-repaired",
            truncate_to=start,
            line=len(report.entries) + 1,
            size=len(tail),
            sha256=digest,
            side=side.name,
        )

    def _restore_newline(self, size: int) -> None:
        try:
            fd = os.open(self.path, os.O_WRONLY | _BINARY | NOFOLLOW)
            try:
                os.ftruncate(fd, size)
                os.lseek(fd, size, os.SEEK_SET)
                write_all(fd, b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise _unwritable(self.path, exc) from exc

    def append(
        self,
        report: ChainReport,
        at: datetime,
        event: str,
        *,
        truncate_to: int | None = None,
        signer: Ed25519PrivateKey | None = None,
        **fields: Any,
    ) -> ChainReport:
        """Write one entry after `report`'s head; VaultError (fail closed) if it cannot be.

        `signer` signs it (the vault's signing key, unwrapped by the custodians' key).
        `truncate_to` first cuts the file there (a torn tail already saved aside), in the same
        synced write as the new entry.
        """
        seq = report.entries[-1]["seq"] + 1 if report.entries else 1
        entry: dict[str, Any] = {
            **fields,
            "seq": seq,
            "at": at.isoformat(),
            "event": event,
            "prev": report.head,
        }
        if signer is not None:
            entry["sig"] = sign(signer, signed_body(entry))
        entry["hash"] = entry_hash(entry)
        new = not os.path.lexists(self.path)
        try:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | _BINARY | NOFOLLOW
            fd = os.open(self.path, flags, 0o600)
            size = os.fstat(fd).st_size if truncate_to is None else truncate_to
            try:
                if truncate_to is not None:
                    os.ftruncate(fd, truncate_to)
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
                sync_folder(self.path.parent)
        except OSError as exc:
            raise _unwritable(self.path, exc) from exc
        return ChainReport((*report.entries, entry), entry["hash"], report.problems)


def _unwritable(path: Path, exc: OSError) -> VaultError:
    return VaultError(
        f"Le journal du coffre {path} ne peut pas être écrit ({describe_os_error(exc)}) : par "
        "sécurité, rien n'a été scellé ni ouvert. Libérez de la place ou corrigez les droits du "
        "dossier, puis recommencez."
    )


def refuse_old_format(report: ChainReport, directory: Path) -> None:
    """A vault sealed before the signed journal: refused, with what to do, never guessed at."""
    if report.old_format:
        raise VaultError(
            f"Le coffre {directory} a été scellé par une version précédente de docgen (format "
            "docgen-coffre/1, journal non signé) : cette version ne l'ouvre pas et n'y ajoute "
            "rien. Pour l'ouvrir le jour J, utilisez la version qui l'a scellé (git checkout "
            "da6920e, puis make venv). Pour profiter du journal signé, déplacez ce dossier, puis "
            "scellez à nouveau les DTE d'origine avec cette version."
        )
