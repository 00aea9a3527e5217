"""Opening a session's vault: the time gate first, then the secrets, then authenticated output."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from docgen.errors import InputError, VaultError, describe_os_error
from docgen.pdf import stamp_footer
from docgen.vault.durable import (
    VaultLock,
    create_exclusive,
    discard,
    fsync_directory,
    publish,
    stray_temps,
    write_all,
    write_temp,
)
from docgen.vault.format import Header, decrypt_payload, read_header, unwrap_file_key
from docgen.vault.keys import KeyCache, SealError, Secrets
from docgen.vault.names import output_names, printable
from docgen.vault.store import (
    Clock,
    SealRecord,
    Vault,
    io_failures,
    local_text,
    records,
    remaining_text,
    vault_id,
)


@dataclass(frozen=True)
class OpenedFile:
    """One DTE written out: the original byte for byte, and its stamped print copy if any."""

    role: str
    original: Path
    print_copy: Path | None


@dataclass(frozen=True)
class Refusal:
    """One sealed file that was not opened, and why (`reason` as in SealError)."""

    role: str
    name: str
    reason: str
    message: str


@dataclass(frozen=True)
class OpenReport:
    """What an opening delivered, what it refused file by file, and its French warnings."""

    opened: tuple[OpenedFile, ...]
    refused: tuple[Refusal, ...]
    warnings: tuple[str, ...]


@dataclass
class _Pending:
    record: SealRecord
    original: Path
    print_copy: Path
    plain: Path | None = None
    stamped: Path | None = None
    temps: list[Path] = field(default_factory=list)


def _label(record: SealRecord) -> str:
    return f"« {printable(record.name)} » ({record.role})"


def _check_header(vault: Vault, record: SealRecord, header: Header) -> None:
    """The header says what the journal says: vault, session, file, role, generation, opening."""
    label = _label(record)
    expected = {
        "vault": vault_id(vault.report),
        "session": vault.session,
        "file": record.file,
        "role": record.role,
    }
    for name, value in expected.items():
        if getattr(header, name) != value:
            raise SealError(
                "mismatch",
                f"Le fichier scellé à la place de {label} vient d'un autre coffre, d'une autre "
                f"session ou d'un autre rôle ({name} : « {printable(getattr(header, name))} »). "
                "Il n'a pas été ouvert ; lancez « docgen vault verify ».",
            )
    if header.generation != record.generation:
        raise SealError(
            "generation",
            f"Le fichier scellé de {label} est une ancienne version (génération "
            f"{header.generation}, attendue {record.generation}) remise à sa place. Il n'a "
            "pas été ouvert ; lancez « docgen vault verify ».",
        )
    try:
        sealed_opening = datetime.fromisoformat(header.opening)
    except ValueError:
        sealed_opening = None
    if sealed_opening is None or sealed_opening != record.opening:
        raise SealError(
            "opening",
            f"L'heure d'ouverture inscrite dans le fichier scellé de {label} n'est pas celle "
            "du journal. Il n'a pas été ouvert ; lancez « docgen vault verify ».",
        )
    if sealed_opening > vault.at:
        raise SealError(
            "too-early",
            f"{label} ne s'ouvre que le {local_text(sealed_opening, sealed_opening)}.",
        )


def _precheck(vault: Vault, record: SealRecord) -> None:
    """What can be checked without any secret: presence, header fields, ciphertext hash."""
    path = vault.path_of(record)
    label = _label(record)
    if not path.is_file():
        raise SealError("missing", f"Le fichier scellé de {label} a disparu du coffre ({path}).")
    with path.open("rb") as stream:
        _check_header(vault, record, read_header(stream).header)
    if _sha256(path) != record.ciphertext_sha256:
        raise SealError(
            "ciphertext",
            f"Le fichier scellé de {label} a été modifié depuis le scellement. Il n'a pas été "
            "ouvert ; lancez « docgen vault verify ».",
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def _targets(out_dir: Path, record: SealRecord) -> _Pending:
    original_name, print_name = output_names(record.name, record.role)
    original, print_copy = out_dir / original_name, out_dir / print_name
    for path in (original, print_copy):
        if os.path.lexists(path):
            raise VaultError(
                f"{path} existe déjà (fichier ou lien) : docgen n'écrase rien. Déplacez-le ou "
                "choisissez un autre dossier avec --out, puis recommencez."
            )
    return _Pending(record, original, print_copy)


def _decrypt_to_temp(
    vault: Vault, record: SealRecord, secrets: Secrets, cache: KeyCache, out_dir: Path
) -> Path:
    """The plaintext in an exclusive 0600 temp file, kept only if fully authenticated."""
    temp, fd = create_exclusive(out_dir, record.file)
    digest = hashlib.sha256()

    def sink(block: bytes) -> None:
        digest.update(block)
        write_all(fd, block)

    try:
        try:
            with vault.path_of(record).open("rb") as stream:
                sealed = read_header(stream)
                key = unwrap_file_key(sealed, secrets, cache)
                _check_header(vault, record, sealed.header)  # now authenticated by the MAC
                decrypt_payload(sealed, key, stream, sink)
            os.fsync(fd)
        finally:
            os.close(fd)
        if digest.hexdigest() != record.sha256:
            raise SealError(
                "plaintext",
                f"{_label(record)} ne correspond pas à l'empreinte notée au scellement : il "
                "n'a pas été ouvert. Lancez « docgen vault verify ».",
            )
    except BaseException:
        discard(temp)
        raise
    return temp


def open_vault(
    directory: Path,
    session: str,
    opening: datetime,
    out_dir: Path,
    ask_secrets: Callable[[int], Secrets],
    *,
    now: Clock,
    accept_clock: bool = False,
) -> OpenReport:
    """Refuse before the opening time without asking any secret; else decrypt every DTE.

    Each file opens or is refused on its own (a foreign or damaged file never blocks the
    others); what opens is published all together or not at all.
    """
    if opening.tzinfo is None:
        raise ValueError("the opening time must be an aware datetime")
    if not directory.is_dir():
        raise VaultError(
            f"Aucun coffre pour la session « {session} » ({directory}). "
            "Vérifiez le dossier de session ou l'option --vault."
        )
    with io_failures("L'ouverture"), VaultLock(directory):
        vault = Vault(directory, session, now)
        vault.start(create=False, check_clock=False)
        sealed = list(records(vault.report).values())
        if not sealed:
            raise VaultError(f"Le coffre {directory} ne contient aucun DTE scellé.")
        gate = max([opening, *(record.opening for record in sealed)])
        if vault.at < gate:
            vault.log("open-refused", reason="too-early")
            raise VaultError(
                f"Trop tôt : les DTE de la session « {session} » s'ouvrent le "
                f"{local_text(gate, opening)} (dans {remaining_text(gate - vault.at)}). "
                "Aucune phrase secrète n'a été demandée ; la tentative est notée au journal."
            )
        behind = vault.clock_behind()
        if behind is not None and not accept_clock:
            vault.refuse_clock(behind)
        refused: list[Refusal] = []
        ready: list[SealRecord] = []
        for record in sealed:
            try:
                _precheck(vault, record)
                ready.append(record)
            except SealError as exc:
                refused.append(_refused(vault, record, exc))
        made = _make_folder(out_dir)
        try:
            for stray in stray_temps(out_dir):
                discard(stray)  # plaintext left by an interrupted opening: never keep it
                vault.log("temp-removed", name=stray.name, folder="sortie")
            pending = [_targets(out_dir, record) for record in ready]
            if not pending and behind is None:
                return OpenReport((), tuple(refused), ())
            secrets = ask_secrets(max(record.custodians for record in sealed))
            cache = KeyCache()
            if behind is not None:
                vault.accept_clock(secrets, cache)
            return _decrypt_all(vault, pending, refused, secrets, cache, opening, out_dir)
        finally:
            _remove_if_empty(made)


def _make_folder(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; the ones created, deepest first."""
    missing = []
    for path in (folder, *folder.parents):
        if os.path.lexists(path):
            break
        missing.append(path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return missing


def _remove_if_empty(made: list[Path]) -> None:
    """Take back the folders an opening created when it published nothing in them."""
    for folder in made:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty: something was published (or left to look at)


def _refused(vault: Vault, record: SealRecord, error: SealError) -> Refusal:
    """Journal one file's refusal (a journal failure then wins: it is the louder problem)."""
    vault.log("open-refused", reason=error.reason, file=record.file)
    return Refusal(record.role, record.name, error.reason, error.message)


def _decrypt_all(
    vault: Vault,
    pending: list[_Pending],
    refused: list[Refusal],
    secrets: Secrets,
    cache: KeyCache,
    opening: datetime,
    out_dir: Path,
) -> OpenReport:
    method = "recovery" if secrets.recovery is not None else "custodians"
    footer = f"Ouvert le {local_text(vault.at, opening)} — session {vault.session}"
    warnings: list[str] = []
    done: list[_Pending] = []
    published: list[Path] = []
    try:
        for item in pending:
            try:
                item.plain = _decrypt_to_temp(vault, item.record, secrets, cache, out_dir)
            except SealError as exc:
                refused.append(_refused(vault, item.record, exc))
                continue
            item.temps.append(item.plain)
            done.append(item)
            try:
                copy = stamp_footer(item.plain.read_bytes(), footer)
            except InputError as exc:
                vault.log("print-copy-failed", file=item.record.file)
                warnings.append(
                    f"{_label(item.record)} : pas de copie d'impression ({exc.message}) ; "
                    "l'original est ouvert, imprimez-le et notez l'ouverture à la main."
                )
                continue
            item.stamped = write_temp(out_dir, item.record.file + ".print", copy)
            item.temps.append(item.stamped)
        for item in done:
            vault.log("open", file=item.record.file, method=method)
        opened = []
        for item in done:
            assert item.plain is not None
            published.append(item.original)  # listed first: a failed directory sync follows
            publish(item.plain, item.original)
            if item.stamped is not None:
                published.append(item.print_copy)
                publish(item.stamped, item.print_copy)
            opened.append(
                OpenedFile(
                    item.record.role,
                    item.original,
                    item.print_copy if item.stamped is not None else None,
                )
            )
        return OpenReport(tuple(opened), tuple(refused), tuple(warnings))
    except OSError as exc:
        left = _unpublish(published)
        with contextlib.suppress(VaultError):  # the journal may be what failed
            vault.log("open-failed", error=describe_os_error(exc))
        raise VaultError(
            f"Impossible d'écrire les DTE dans {out_dir} ({describe_os_error(exc)}) : rien n'a "
            "été ouvert"
            + (f" (à supprimer à la main : {', '.join(map(str, left))})" if left else "")
            + ". Libérez de la place ou corrigez les droits du dossier, puis recommencez."
        ) from exc
    finally:
        for item in pending:
            for temp in item.temps:
                discard(temp)


def _unpublish(published: list[Path]) -> list[Path]:
    """Take back what a failed opening already published; the paths it could not remove."""
    left = []
    for path in published:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            left.append(path)
    if published:
        with contextlib.suppress(OSError):
            fsync_directory(published[0].parent)
    return left
