"""One session's vault: seal, open, status, verify — each locked, journaled and crash-safe."""

from __future__ import annotations

import contextlib
import hashlib
import secrets as random_source
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from docgen.errors import InputError, VaultError, describe_os_error
from docgen.pdf import check_pdf, stamp_footer
from docgen.vault.durable import (
    TEMP_PREFIX,
    VaultLock,
    discard,
    publish,
    stray_temps,
    write_temp,
)
from docgen.vault.format import (
    ROLES,
    Header,
    b64,
    custodian_wrap,
    decrypt_payload,
    read_header,
    seal_parts,
    unwrap_file_key,
)
from docgen.vault.journal import ChainReport, Journal, clock_floor
from docgen.vault.keys import (
    KEY_SIZE,
    SALT_SIZE,
    KdfParams,
    KeyCache,
    SealError,
    Secrets,
    default_kdf,
    normalise_passphrase,
    recovery_wrap_key,
)
from docgen.vault.names import printable, safe_pdf_name

Clock = Callable[[], datetime]
SUFFIX = ".dte"
MAX_SOURCE = 512 * 1024 * 1024


@dataclass(frozen=True)
class SealRecord:
    """What the journal says about the current generation of one sealed file."""

    file: str
    role: str
    name: str
    generation: int
    size: int
    pages: int
    sha256: str
    ciphertext_sha256: str
    opening: datetime
    sealed_at: datetime
    custodians: int
    recovery: bool

    @classmethod
    def from_entry(cls, entry: dict[str, Any]) -> SealRecord:
        return cls(
            file=str(entry["file"]),
            role=str(entry["role"]),
            name=str(entry["name"]),
            generation=int(entry["generation"]),
            size=int(entry["size"]),
            pages=int(entry["pages"]),
            sha256=str(entry["sha256"]),
            ciphertext_sha256=str(entry["ciphertext_sha256"]),
            opening=datetime.fromisoformat(str(entry["opening"])),
            sealed_at=datetime.fromisoformat(str(entry["at"])),
            custodians=int(entry["custodians"]),
            recovery=bool(entry["recovery"]),
        )


@dataclass(frozen=True)
class Sealed:
    """One file of a seal command; `new` is False when that content was already sealed."""

    record: SealRecord
    new: bool


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


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


class Vault:
    """The vault folder of one session, used under its lock."""

    def __init__(self, directory: Path, session: str, now: Clock) -> None:
        self.directory = directory
        self.session = session
        self.now = now
        self.journal = Journal(directory)
        self.report = ChainReport((), "0" * 64, ())
        self.at = _clock(now)

    def path_of(self, record: SealRecord) -> Path:
        return self.directory / sealed_name(record.file, record.generation)

    def log(self, event: str, **fields: Any) -> None:
        self.report = self.journal.append(self.report, self.at, event, **fields)

    def start(self, create: bool, *, check_clock: bool = True) -> None:
        """Repair a torn journal tail, check the journal (and the clock), tidy stray temps."""
        if not self.directory.is_dir():
            if not create:
                raise VaultError(
                    f"Aucun coffre pour la session « {self.session} » ({self.directory}). "
                    "Scellez d'abord les DTE avec « docgen vault seal »."
                )
            self.directory.mkdir(mode=0o700, parents=True)
        self.journal.repair(self.at)
        self.report = self.journal.intact()
        if not self.report.entries:
            if not create:
                raise VaultError(f"Le coffre {self.directory} est vide : rien n'y est scellé.")
            self.log("vault-created", vault=random_source.token_hex(16), session=self.session)
        if self.report.entries[0].get("session") != self.session:
            raise VaultError(
                f"Le coffre {self.directory} appartient à la session "
                f"« {printable(str(self.report.entries[0].get('session')))} », pas à "
                f"« {self.session} ». Vérifiez le dossier de session ou l'option --vault."
            )
        last = self.clock_behind()
        if check_clock and last is not None:
            self.refuse_clock(last)
        self._tidy()

    def clock_behind(self) -> datetime | None:
        """The journal's latest time when this clock is earlier (since the last acceptance)."""
        last = clock_floor(self.report.entries)
        return last if last is not None and self.at < last else None

    def refuse_clock(self, last: datetime) -> None:
        self.log("clock-refused", last=last.isoformat())
        raise VaultError(
            f"L'horloge de cet ordinateur ({self.at:%d/%m/%Y %H:%M} UTC) est en retard sur "
            f"la dernière entrée du journal ({last:%d/%m/%Y %H:%M} UTC). Remettez "
            "l'ordinateur à l'heure, puis recommencez. Si l'horloge est juste (l'entrée a été "
            "écrite quand l'ordinateur avançait), les deux gardiens peuvent lever ce blocage en "
            "ajoutant --accept-clock : leurs phrases sont alors vérifiées et la levée est notée "
            "au journal. La tentative est notée au journal."
        )

    def accept_clock(self, secrets: Secrets, cache: KeyCache) -> None:
        """Let the custodians vouch for this clock: proven by their secrets, then journaled."""
        last = self.clock_behind()
        if last is None:
            return
        try:
            self.prove_custodians(secrets, cache)
        except SealError as exc:
            self.log("clock-refused", last=last.isoformat(), reason=exc.reason)
            raise
        self.log("clock-accepted", last=last.isoformat(), custodians=len(secrets.custodians))

    def prove_custodians(self, secrets: Secrets, cache: KeyCache) -> bool:
        """Check `secrets` unwrap an intact sealed file of this vault; False if none is sealed.

        Only the vault's custodians may add to it or vouch for its clock: anyone else could
        otherwise overwrite a DTE, or seal one that blocks the opening, without any secret.
        """
        current = list(records(self.report).values())
        if not current:
            return False
        for record in current:
            path = self.path_of(record)
            if not path.is_file() or _file_sha256(path) != record.ciphertext_sha256:
                continue
            with path.open("rb") as stream:
                sealed = read_header(stream)
            try:
                unwrap_file_key(sealed, Secrets(secrets.custodians), cache)
            except SealError as exc:
                raise SealError(
                    "custodians",
                    "Les phrases données n'ouvrent pas les DTE déjà scellés dans ce coffre : "
                    "seuls ses gardiens peuvent y ajouter un DTE ou lever un blocage. Vérifiez "
                    "chaque phrase et l'ordre des gardiens (gardien 1 puis gardien 2), puis "
                    "recommencez.",
                ) from exc
            return True
        raise VaultError(
            f"Aucun DTE du coffre {self.directory} n'est intact : les gardiens ne peuvent pas "
            "être vérifiés, rien n'a été fait. Lancez « docgen vault verify »."
        )

    def _tidy(self) -> None:
        """Finish a seal whose journal entry was written before a crash; remove other temps."""
        current = records(self.report)
        for temp in stray_temps(self.directory):
            label = temp.name[len(TEMP_PREFIX) :].rsplit("-", 1)[0]
            record = current.get(label.split(".")[0])
            final = self.path_of(record) if record else None
            if (
                record is not None
                and final is not None
                and label == f"{record.file}.{record.generation}"
                and _file_sha256(temp) == record.ciphertext_sha256
                and not (final.exists() and _file_sha256(final) == record.ciphertext_sha256)
            ):
                publish(temp, final)
                self.log("temp-recovered", file=record.file, generation=record.generation)
            else:
                discard(temp)
                self.log("temp-removed", name=temp.name)


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


def _read_source(path: Path) -> tuple[str, bytes, int]:
    label = f"Le fichier {path}"
    try:
        if path.stat().st_size > MAX_SOURCE:
            raise InputError(f"{label} dépasse 512 Mo : ce n'est pas un DTE attendu.")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{label} ne peut pas être lu ({describe_os_error(exc)}). Vérifiez le chemin, puis "
            "recommencez."
        ) from exc
    pages = check_pdf(data, label)
    try:
        stamp_footer(data, "Ouvert le 01/01/2000 à 00:00 — essai")
    except InputError as exc:
        raise InputError(
            f"{label} ne peut pas recevoir la mention d'ouverture en bas de page ({exc.message}) : "
            "docgen ne pourrait pas en faire la copie d'impression le jour J. Réenregistrez-le "
            "en PDF (Imprimer > PDF) ou demandez une nouvelle copie, puis recommencez."
        ) from exc
    return safe_pdf_name(path.name), data, pages


def check_sources(sources: Sequence[Path]) -> None:
    """Refuse unreadable, encrypted, page-less or unstampable PDFs before anyone types a secret."""
    for path in sources:
        _read_source(path)


def _check_secrets(secrets: Secrets) -> None:
    if not 1 <= len(secrets.custodians) <= 2 or not all(s.strip() for s in secrets.custodians):
        raise VaultError("Il faut une phrase secrète non vide par gardien (un ou deux gardiens).")
    phrases = {normalise_passphrase(text) for text in secrets.custodians}
    if len(phrases) != len(secrets.custodians):
        raise VaultError(
            "Les deux gardiens ont donné la même phrase secrète : une seule personne pourrait "
            "alors ouvrir les DTE. Rien n'a été scellé. Chaque gardien doit avoir sa propre "
            "phrase ; recommencez."
        )


@dataclass(frozen=True)
class _Batch:
    """What every file of one seal command shares: role, opening, secrets and their wraps."""

    role: str
    opening: datetime
    secrets: Secrets
    wrap_keys: list[tuple[dict[str, Any], bytes]]
    cache: KeyCache
    replace: bool


def seal_files(
    directory: Path,
    session: str,
    sources: Sequence[Path],
    role: str,
    opening: datetime,
    secrets: Secrets,
    *,
    now: Clock,
    kdf: KdfParams | None = None,
    replace: bool = False,
    accept_clock: bool = False,
) -> list[Sealed]:
    """Encrypt each PDF into the vault, check it decrypts back, journal it; the sources stay.

    A vault that already holds seals only takes more from its own custodians (their secrets
    must open a sealed file first). Sealing a name already sealed for the role is refused
    unless `replace`; the new generation is a new file, the old one stays.
    """
    if role not in ROLES:
        raise VaultError(f"Rôle inconnu « {role} » : choisissez jury ou candidat.")
    if opening.tzinfo is None:
        raise ValueError("the opening time must be an aware datetime")
    _check_secrets(secrets)
    loaded = [_read_source(path) for path in sources]
    names = [name for name, _, _ in loaded]
    if len(set(names)) != len(names):
        raise VaultError("Deux fichiers portent le même nom : renommez-en un, puis recommencez.")
    kdf = kdf or default_kdf()
    cache = KeyCache()
    salts = [random_source.token_bytes(SALT_SIZE) for _ in secrets.custodians]
    wrap_keys = [custodian_wrap(kdf, salts, secrets.custodians, cache)]
    if secrets.recovery is not None:
        salt = random_source.token_bytes(SALT_SIZE)
        entry = {"type": "recovery", "salt": b64(salt)}
        wrap_keys.append((entry, recovery_wrap_key(secrets.recovery, salt)))
    batch = _Batch(role, opening, secrets, wrap_keys, cache, replace)
    sealed: list[Sealed] = []
    with io_failures("Le scellement"), VaultLock(_prepare(directory)):
        vault = Vault(directory, session, now)
        vault.start(create=True, check_clock=False)
        last = vault.clock_behind()
        if last is not None and not accept_clock:
            vault.refuse_clock(last)
        try:
            if last is not None:
                vault.accept_clock(secrets, cache)
            else:
                vault.prove_custodians(secrets, cache)
        except SealError as exc:
            vault.log("seal-refused", reason=exc.reason)
            raise
        _refuse_silent_replacement(vault, loaded, batch)
        for name, data, pages in loaded:
            sealed.append(_seal_one(vault, name, data, pages, batch))
    return sealed


def _refuse_silent_replacement(
    vault: Vault, loaded: list[tuple[str, bytes, int]], batch: _Batch
) -> None:
    """Before anything is sealed: a name already sealed for the role needs --replace."""
    if batch.replace:
        return
    current = records(vault.report).values()
    for name, data, _ in loaded:
        for previous in current:
            same = previous.role == batch.role and previous.name == name
            if same and previous.sha256 != hashlib.sha256(data).hexdigest():
                vault.log("seal-refused", reason="exists", file=previous.file)
                raise VaultError(
                    f"« {printable(name)} » est déjà scellé comme DTE {batch.role} (génération "
                    f"{previous.generation}) avec un autre contenu : rien n'a été scellé. Pour le "
                    "remplacer, relancez avec --replace (l'ancienne version reste dans le "
                    "coffre, le journal note le remplacement) ; sinon, vérifiez le fichier choisi."
                )


def _prepare(directory: Path) -> Path:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _seal_one(vault: Vault, name: str, data: bytes, pages: int, batch: _Batch) -> Sealed:
    role = batch.role
    plaintext_sha256 = hashlib.sha256(data).hexdigest()
    previous = next(
        (r for r in records(vault.report).values() if r.role == role and r.name == name), None
    )
    if previous is not None and previous.sha256 == plaintext_sha256 and not batch.replace:
        return Sealed(previous, new=False)  # the same command run again (after a crash, say)
    file = previous.file if previous else random_source.token_hex(8)
    generation = previous.generation + 1 if previous else 1
    header = Header(
        vault=vault_id(vault.report),
        session=vault.session,
        role=role,
        file=file,
        generation=generation,
        opening=batch.opening.isoformat(),
        name=name,
        sealed_at=vault.at.isoformat(),
        wraps=(),
    )
    parts = seal_parts(header, data, random_source.token_bytes(KEY_SIZE), batch.wrap_keys)
    ciphertext_sha256 = hashlib.sha256()
    for part in parts:
        ciphertext_sha256.update(part)
    final = vault.directory / sealed_name(file, generation)
    if final.exists() or final.is_symlink():
        raise VaultError(
            f"{final} existe déjà sans être noté au journal : docgen n'écrase rien. Lancez "
            "« docgen vault verify » et signalez-le au responsable de session."
        )
    try:
        temp = write_temp(vault.directory, f"{file}.{generation}", *parts)
    except OSError as exc:
        raise VaultError(
            f"Impossible d'écrire dans le coffre {vault.directory} ({describe_os_error(exc)}) : "
            f"« {printable(name)} » n'a pas été scellé et le fichier d'origine est intact. "
            "Libérez de la place, puis recommencez."
        ) from exc
    try:
        _verify_temp(temp, plaintext_sha256, batch.secrets, batch.cache)
        vault.log(
            "seal",
            file=file,
            role=role,
            name=name,
            generation=generation,
            size=len(data),
            pages=pages,
            sha256=plaintext_sha256,
            ciphertext_sha256=ciphertext_sha256.hexdigest(),
            opening=batch.opening.isoformat(),
            custodians=len(batch.secrets.custodians),
            recovery=batch.secrets.recovery is not None,
        )
    except BaseException:
        discard(temp)
        raise
    try:
        publish(temp, final)
    except OSError as exc:
        raise VaultError(
            f"« {printable(name)} » est scellé mais n'a pas pu prendre sa place dans le coffre "
            f"({describe_os_error(exc)}). Relancez la même commande « docgen vault seal » (ou, "
            "le jour J, « docgen vault open ») : docgen termine l'opération en démarrant."
        ) from exc
    return Sealed(records(vault.report)[file], new=True)


def _verify_temp(temp: Path, sha256: str, secrets: Secrets, cache: KeyCache) -> None:
    """Decrypt what is on disk, in memory, with the custodians' secrets: it must give `sha256`.

    The recovery code, if any, must unwrap the same file key (its MAC checked).
    """
    digest = hashlib.sha256()
    try:
        with temp.open("rb") as stream:
            sealed = read_header(stream)
            key = unwrap_file_key(sealed, Secrets(secrets.custodians), cache)
            if secrets.recovery is not None:
                by_code = unwrap_file_key(sealed, Secrets(recovery=secrets.recovery), cache)
                if by_code != key:
                    raise SealError("recovery", "le code de secours ne rouvre pas le fichier")
            decrypt_payload(sealed, key, stream, digest.update)
    except (SealError, OSError) as exc:
        detail = exc.message if isinstance(exc, SealError) else describe_os_error(exc)
        raise VaultError(
            f"Le fichier scellé ne se relit pas ({detail}) : rien n'a été scellé."
        ) from exc
    if digest.hexdigest() != sha256:
        raise VaultError("Le fichier scellé ne redonne pas l'original : rien n'a été scellé.")
