"""One session's vault: seal, open, status, verify — each locked, journaled and crash-safe."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets as random_source
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from docgen.errors import VaultError, describe_os_error
from docgen.vault.durable import (
    TEMP_PREFIX,
    discard,
    make_private_folder,
    open_nofollow,
    publish,
    stray_temps,
    unsafe_folder,
)
from docgen.vault.format import FORMAT, b64, custodian_wrap, unb64
from docgen.vault.journal import ChainReport, Journal, clock_floor
from docgen.vault.keys import (
    SALT_SIZE,
    KdfParams,
    KeyCache,
    SealError,
    Secrets,
    default_kdf,
    parse_kdf,
)
from docgen.vault.names import printable
from docgen.vault.signing import (
    CustodianKey,
    new_signing_key,
    public_text,
    unwrap_signing_key,
    wrap_signing_key,
)

Clock = Callable[[], datetime]
SUFFIX = ".dte"


@dataclass(frozen=True)
class SealRecord:
    """What the journal's signed `seal` entry says about one generation of a sealed file."""

    file: str
    role: str
    name: str
    generation: int
    size: int  # the padded size: the DTE's size rounded up (Padmé)
    content: str  # HMAC-SHA-256 of the PDF under the custodians' content key
    ciphertext: str  # SHA-256 of the sealed file, signed: nobody else can change it
    opening: datetime
    sealed_at: datetime
    recovery: bool

    @classmethod
    def from_entry(cls, entry: dict[str, Any]) -> SealRecord:
        return cls(
            file=str(entry["file"]),
            role=str(entry["role"]),
            name=str(entry["name"]),
            generation=int(entry["generation"]),
            size=int(entry["size"]),
            content=str(entry["content"]),
            ciphertext=str(entry["ciphertext"]),
            opening=datetime.fromisoformat(str(entry["opening"])),
            sealed_at=datetime.fromisoformat(str(entry["at"])),
            recovery=bool(entry["recovery"]),
        )


@dataclass(frozen=True)
class Sealed:
    """One file of a seal command; `new` is False when that content was already sealed."""

    record: SealRecord
    new: bool
    pages: int


def sealed_name(file: str, generation: int) -> str:
    """`<id>.<generation>.dte`: a new generation never overwrites an older one."""
    return f"{file}.{generation}{SUFFIX}"


def all_generations(report: ChainReport) -> set[str]:
    """The names of every sealed file the journal knows, old generations included."""
    return {
        sealed_name(str(e.get("file")), int(e.get("generation", 0)))
        for e in report.entries
        if e.get("event") == "seal"
    }


def records(report: ChainReport) -> dict[str, SealRecord]:
    """The latest seal of each file, in sealing order."""
    latest: dict[str, SealRecord] = {}
    for entry in report.entries:
        if entry.get("event") == "seal":
            try:
                latest[str(entry["file"])] = SealRecord.from_entry(entry)
            except (KeyError, ValueError, TypeError) as exc:
                what = (
                    f"champ « {exc.args[0]} » absent"
                    if isinstance(exc, KeyError)
                    else "valeur illisible"
                )
                raise VaultError(
                    f"L'entrée n° {entry.get('seq')} du journal est incomplète ou invalide "
                    f"({what}) : le journal a été fabriqué ou modifié. Lancez « docgen vault "
                    "verify »."
                ) from exc
    return latest


def vault_id(report: ChainReport) -> str:
    return str(report.entries[0]["vault"]) if report.entries else ""


def custodian_count(report: ChainReport) -> int:
    count = report.entries[0].get("custodians") if report.entries else None
    return count if type(count) is int and 1 <= count <= 2 else 2


def _clock(now: Clock) -> datetime:
    value = now()
    if value.tzinfo is None:
        raise ValueError("the vault's clock must give aware datetimes")
    return value.astimezone(UTC)


def local_text(moment: datetime, zone: datetime) -> str:
    """`15/03/2027 à 08:00` in the time zone of `zone`."""
    return moment.astimezone(zone.tzinfo).strftime("%d/%m/%Y à %H:%M")


def remaining_text(delta: timedelta) -> str:
    """`13 j 21 h 48 min` (minutes rounded up), or `moins d'une minute`."""
    if delta.total_seconds() < 60:
        return "moins d'une minute"
    minutes = int(delta.total_seconds() + 59) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} j"] if days else []
    parts += [f"{hours} h"] if hours or days else []
    return " ".join([*parts, f"{minutes} min"])


_DIGESTS: dict[tuple[int, ...], str] = {}


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a regular file (never through a link), None if there is none.

    Remembered for this process under the file's identity and its change time (which no user
    can set back), so that `open` hashes a 50 MB DTE once for `verify`'s checks and its own.
    """
    digest = hashlib.sha256()
    try:
        with open_nofollow(path) as stream:
            info = os.fstat(stream.fileno())
            identity = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
            if identity in _DIGESTS:
                return _DIGESTS[identity]
            while block := stream.read(1024 * 1024):
                digest.update(block)
    except (FileNotFoundError, IsADirectoryError):
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None
        raise
    _DIGESTS[identity] = digest.hexdigest()
    return _DIGESTS[identity]


def refuse_unsafe_folder(folder: Path, what: str) -> None:
    reason = unsafe_folder(folder)
    if reason is not None:
        raise VaultError(
            f"{what} {folder} n'est pas sûr : {reason}. Rien n'a été fait. Choisissez un dossier "
            "à vous, que vous seul pouvez modifier, puis recommencez."
        )


class Vault:
    """The vault folder of one session, used under its lock."""

    def __init__(self, directory: Path, session: str, now: Clock) -> None:
        self.directory = directory
        self.session = session
        self.now = now
        self.journal = Journal(directory)
        self.report = ChainReport((), "0" * 64, ())
        self.at = _clock(now)
        self.signer: Ed25519PrivateKey | None = None
        self.custodians: CustodianKey | None = None

    def path_of(self, record: SealRecord) -> Path:
        return self.directory / sealed_name(record.file, record.generation)

    def log(self, event: str, *, signed: bool = False, **fields: Any) -> None:
        """Journal one entry; `signed` ones need the custodians' key (`unlock` first)."""
        if signed and self.signer is None:
            raise AssertionError(f"{event} must be signed: unlock the vault first")
        signer = self.signer if signed else None
        self.report = self.journal.append(self.report, self.at, event, signer=signer, **fields)

    def start(self, create: bool) -> None:
        """Repair a torn journal tail, check the journal, tidy stray temps."""
        refuse_unsafe_folder(self.directory, "Le dossier du coffre")
        if not self.directory.is_dir():
            if not create:
                raise VaultError(
                    f"Aucun coffre pour la session « {self.session} » ({self.directory}). "
                    "Scellez d'abord les DTE avec « docgen vault seal »."
                )
            make_private_folder(self.directory)
        self.journal.repair(self.at)
        self.report = self.journal.intact()
        if not self.report.entries:
            if not create:
                raise VaultError(f"Le coffre {self.directory} est vide : rien n'y est scellé.")
            return
        if self.report.entries[0].get("session") != self.session:
            raise VaultError(
                f"Le coffre {self.directory} appartient à la session "
                f"« {printable(str(self.report.entries[0].get('session')))} », pas à "
                f"« {self.session} ». Vérifiez le dossier de session ou l'option --vault."
            )
        self._tidy()

    def unlock(self, secrets: Secrets, cache: KeyCache, kdf: KdfParams | None = None) -> None:
        """Derive the custodians' key; create the vault with it, or prove it is this vault's.

        Only the vault's custodians may add to it, vouch for its clock or sign an opening:
        anyone else could otherwise seal a DTE that blocks the opening, without any secret.
        """
        if not self.report.entries:
            self._create(secrets, cache, kdf or default_kdf())
            return
        first = self.report.entries[0]
        wrong = SealError(
            "custodians",
            "Les phrases données ne sont pas celles des gardiens de ce coffre : seuls ses "
            "gardiens peuvent y ajouter un DTE, lever un blocage ou l'ouvrir. Vérifiez chaque "
            "phrase et l'ordre des gardiens (gardien 1 puis gardien 2), puis recommencez.",
        )
        salts = [unb64(s) for s in first.get("salts", [])]
        if len(salts) != len(secrets.custodians) or custodian_count(self.report) != len(salts):
            raise wrong
        kdf_used = parse_kdf(first.get("kdf"))
        _, wrap_key = custodian_wrap(kdf_used, salts, secrets.custodians, cache)
        custodians = CustodianKey(wrap_key)
        signer = unwrap_signing_key(
            custodians, first.get("signing_wrap"), first.get("signing_key"), vault_id(self.report)
        )
        if signer is None:
            raise wrong
        self.signer, self.custodians = signer, custodians

    def _create(self, secrets: Secrets, cache: KeyCache, kdf: KdfParams) -> None:
        salts = [random_source.token_bytes(SALT_SIZE) for _ in secrets.custodians]
        _, wrap_key = custodian_wrap(kdf, salts, secrets.custodians, cache)
        self.custodians = CustodianKey(wrap_key)
        self.signer = new_signing_key()
        vault = random_source.token_hex(16)
        self.log(
            "vault-created",
            signed=True,
            format=FORMAT,
            vault=vault,
            session=self.session,
            custodians=len(secrets.custodians),
            kdf=kdf.to_json(),
            salts=[b64(salt) for salt in salts],
            signing_key=public_text(self.signer),
            signing_wrap=wrap_signing_key(self.custodians, self.signer, vault),
        )

    def clock_behind(self) -> datetime | None:
        """The latest signed time in the journal, when this clock is earlier than it."""
        last = clock_floor(self.report.entries)
        return last if last is not None and self.at < last else None

    def refuse_clock(self, last: datetime) -> None:
        self.log("clock-refused", last=last.isoformat())
        raise VaultError(
            f"L'horloge de cet ordinateur ({self.at:%d/%m/%Y %H:%M} UTC) est en retard sur "
            f"la dernière entrée signée du journal ({last:%d/%m/%Y %H:%M} UTC). Remettez "
            "l'ordinateur à l'heure, puis recommencez. Si l'horloge est juste (l'entrée a été "
            "écrite quand l'ordinateur avançait), les deux gardiens peuvent lever ce blocage en "
            "ajoutant --accept-clock : leurs phrases sont alors vérifiées et la levée est notée "
            "au journal. La tentative est notée au journal."
        )

    def accept_clock(self, last: datetime) -> None:
        """The custodians (unlocked) vouch for this clock: a signed entry."""
        self.log("clock-accepted", signed=True, last=last.isoformat())

    def _tidy(self) -> None:
        """Finish a seal whose journal entry was written before a crash; remove other temps."""
        current = records(self.report)
        for temp in stray_temps(self.directory):
            record = seal_of_temp(temp, current)
            final = self.path_of(record) if record else None
            if (
                record is not None
                and final is not None
                and file_sha256(temp) == record.ciphertext
                and file_sha256(final) != record.ciphertext
                and not os.path.lexists(final)
            ):
                publish(temp, final)
                self.log("temp-recovered", file=record.file, generation=record.generation)
            else:
                discard(temp)
                self.log("temp-removed", name=temp.name)


def seal_of_temp(temp: Path, current: dict[str, SealRecord]) -> SealRecord | None:
    """The journaled seal a vault temp file was written for, if it is one."""
    label = temp.name[len(TEMP_PREFIX) :].rsplit("-", 1)[0]
    record = current.get(label.split(".")[0])
    if record is None or label != f"{record.file}.{record.generation}":
        return None
    return record


@contextlib.contextmanager
def io_failures(action: str) -> Iterator[None]:
    """Turn an unexpected I/O failure into a refusal that says what to do."""
    try:
        yield
    except OSError as exc:
        raise VaultError(
            f"{action} a échoué ({describe_os_error(exc)}) : rien n'a été perdu ni laissé à moitié "
            "écrit. Vérifiez la place libre et les droits du dossier, puis recommencez."
        ) from exc
