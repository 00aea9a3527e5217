"""Opening a session's vault: the time gate first, then the secrets, then authenticated output."""

from __future__ import annotations

import contextlib
import hmac
import os
import secrets as random_source
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docgen.atomic import sync_folder
from docgen.errors import InputError, VaultError, describe_os_error
from docgen.pdf import stamp_footer
from docgen.vault.durable import (
    BINARY,
    NOFOLLOW,
    TEMP_PREFIX,
    VaultLock,
    discard,
    make_private_folder,
    open_nofollow,
    publish_new,
    stray_temps,
    write_all,
    write_temp,
)
from docgen.vault.format import Header, decrypt_payload, read_header, unwrap_file_key
from docgen.vault.keys import KeyCache, SealError, Secrets
from docgen.vault.names import output_names, printable
from docgen.vault.report import inspect, pending_opening
from docgen.vault.store import (
    Clock,
    SealRecord,
    Vault,
    custodian_count,
    file_sha256,
    io_failures,
    local_text,
    records,
    refuse_unsafe_folder,
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
    """What can be checked without any secret: presence, header fields, signed ciphertext hash."""
    path = vault.path_of(record)
    label = _label(record)
    digest = file_sha256(path)
    if digest is None:
        raise SealError("missing", f"Le fichier scellé de {label} a disparu du coffre ({path}).")
    with open_nofollow(path) as stream:
        _check_header(vault, record, read_header(stream).header)
    if digest != record.ciphertext:
        raise SealError(
            "ciphertext",
            f"Le fichier scellé de {label} a été modifié depuis le scellement (son empreinte "
            "n'est plus celle que les gardiens ont signée). Il n'a pas été ouvert ; lancez "
            "« docgen vault verify ».",
        )


def _targets(out_dir: Path, ready: list[SealRecord]) -> list[_Pending]:
    """Output names, unique by construction: a collision gets the file's id in both names."""
    names = {record.file: output_names(record.name, record.role) for record in ready}
    seen: dict[str, int] = {}
    for first, _ in names.values():
        seen[first.casefold()] = seen.get(first.casefold(), 0) + 1
    pending = []
    for record in ready:
        original_name, print_name = names[record.file]
        if seen[original_name.casefold()] > 1:
            original_name, print_name = output_names(record.name, record.role, record.file[:8])
        original, print_copy = out_dir / original_name, out_dir / print_name
        for path in (original, print_copy):  # checked again, atomically, by publish_new
            if os.path.lexists(path):
                raise VaultError(
                    f"{path} existe déjà (fichier ou lien) : docgen n'écrase rien. Déplacez-le ou "
                    "choisissez un autre dossier avec --out, puis recommencez."
                )
        pending.append(_Pending(record, original, print_copy))
    return pending


def _decrypt_to(
    vault: Vault,
    record: SealRecord,
    secrets: Secrets,
    cache: KeyCache,
    temp: Path,
    then: Callable[[bytes], Future[bytes]],
) -> Future[bytes]:
    """The plaintext in an exclusive 0600 file, kept only if fully authenticated.

    `then` starts work on the plaintext (the print copy) while the file is being synced.
    """
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | BINARY, 0o600)
    blocks: list[bytes] = []
    tag = (
        hmac.new(vault.custodians.content_key, digestmod="sha256")
        if vault.custodians is not None
        else None
    )

    def sink(block: bytes) -> None:
        if tag is not None:
            tag.update(block)
        write_all(fd, block)
        blocks.append(block)

    try:
        try:
            with open_nofollow(vault.path_of(record)) as stream:
                sealed = read_header(stream)
                key = unwrap_file_key(sealed, secrets, cache)
                _check_header(vault, record, sealed.header)  # now authenticated by the MAC
                decrypt_payload(sealed, key, stream, sink)
            started = then(b"".join(blocks))
            blocks.clear()
            os.fsync(fd)
        finally:
            os.close(fd)
        if tag is not None and not hmac.compare_digest(tag.hexdigest(), record.content):
            raise SealError(
                "plaintext",
                f"{_label(record)} ne correspond pas à l'empreinte signée au scellement par les "
                "gardiens (contenu fabriqué avec le code de secours ?) : il n'a pas été ouvert. "
                "Lancez « docgen vault verify ».",
            )
    except BaseException:
        discard(temp)
        raise
    return started


def open_vault(
    directory: Path,
    session: str,
    opening: datetime,
    out_dir: Path,
    ask_secrets: Callable[[int], Secrets],
    *,
    now: Clock,
    accept_clock: bool = False,
    expected_head: str | Callable[[], str] | None = None,
) -> OpenReport:
    """Run every check of `verify`, refuse before each file's time without asking any secret,
    then decrypt every DTE that may open and publish them all together or not at all.

    Each file opens or is refused on its own (a foreign, damaged or later file never blocks
    the others). `expected_head`: the journal fingerprint noted at seal time (or how to ask
    for it, once the time gate is passed); the journal must still extend it.
    """
    if opening.tzinfo is None:
        raise ValueError("the opening time must be an aware datetime")
    if not directory.is_dir() or directory.is_symlink():
        refuse_unsafe_folder(directory, "Le dossier du coffre")
        raise VaultError(
            f"Aucun coffre pour la session « {session} » ({directory}). "
            "Vérifiez le dossier de session ou l'option --vault."
        )
    with io_failures("L'ouverture"), VaultLock(directory):
        vault = Vault(directory, session, now)
        vault.start(create=False)
        _refuse_untrusted_journal(vault, None)
        sealed = list(records(vault.report).values())
        if not sealed:
            raise VaultError(f"Le coffre {directory} ne contient aucun DTE scellé.")
        due = [r for r in sealed if max(opening, r.opening) <= vault.at]
        if not due:
            gate = min(max(opening, r.opening) for r in sealed)
            vault.log("open-refused", reason="too-early")
            raise VaultError(
                f"Trop tôt : les DTE de la session « {session} » s'ouvrent le "
                f"{local_text(gate, opening)} (dans {remaining_text(gate - vault.at)}). "
                "Aucune phrase secrète n'a été demandée ; la tentative est notée au journal."
            )
        if expected_head is not None:
            noted = expected_head if isinstance(expected_head, str) else expected_head()
            _refuse_untrusted_journal(vault, noted)
        behind = vault.clock_behind()
        if behind is not None and not accept_clock:
            vault.refuse_clock(behind)
        refused = [_refused(vault, r, _too_early(r, opening)) for r in sealed if r not in due]
        ready: list[SealRecord] = []
        for record in due:
            try:
                _precheck(vault, record)
                ready.append(record)
            except SealError as exc:
                refused.append(_refused(vault, record, exc))
        refuse_unsafe_folder(out_dir, "Le dossier de sortie")
        made = make_private_folder(out_dir)
        try:
            refuse_unsafe_folder(out_dir, "Le dossier de sortie")
            _clean_interrupted(vault, out_dir)
            pending = _targets(out_dir, ready)
            if not pending and behind is None:
                return OpenReport((), tuple(refused), ())
            secrets = ask_secrets(custodian_count(vault.report))
            cache = KeyCache()
            if secrets.recovery is None:
                try:
                    vault.unlock(secrets, cache)
                except SealError as exc:
                    if behind is not None:
                        vault.log("clock-refused", last=behind.isoformat(), reason=exc.reason)
                        raise
                    wrong = SealError("secret", exc.message)
                    refused += [_refused(vault, item.record, wrong) for item in pending]
                    return OpenReport((), tuple(refused), ())
            elif behind is not None:
                vault.log("clock-refused", last=behind.isoformat(), reason="recovery")
                raise VaultError(
                    "Le code de secours ne peut pas lever un blocage d'horloge : seuls les deux "
                    "gardiens le peuvent (--accept-clock avec leurs phrases)."
                )
            if behind is not None:
                vault.accept_clock(behind)
            return _decrypt_all(vault, pending, refused, secrets, cache, opening, out_dir)
        finally:
            _remove_if_empty(made)


def _too_early(record: SealRecord, opening: datetime) -> SealError:
    gate = max(opening, record.opening)
    return SealError(
        "too-early", f"{_label(record)} ne s'ouvre que le {local_text(gate, opening)}."
    )


def _refuse_untrusted_journal(vault: Vault, expected_head: str | None) -> None:
    """Everything `verify` checks, first: a forged, rewritten or rolled-back journal opens nothing.

    Problems with single files only refuse those files (later); what is wrong with the journal
    itself, or a journal that no longer extends the noted fingerprint, refuses everything.
    """
    found = inspect(vault.directory, vault.report, expected_head)
    journal = [p for p in found.problems if p.startswith("journal")]
    if journal:
        vault.log("open-refused", reason="journal")
        raise VaultError(
            "Le journal du coffre ne prolonge pas l'empreinte notée au scellement, ou a été "
            f"modifié ({journal[0]}). Rien n'a été ouvert ni demandé. Vérifiez l'empreinte "
            "recopiée du PV ; si elle est juste, ne l'ouvrez pas : signalez-le au responsable "
            "de session et redemandez les plis à l'AFPA."
        )


def _clean_interrupted(vault: Vault, out_dir: Path) -> None:
    """Take back what an interrupted opening left in this folder, then say so in the journal."""
    for stray in stray_temps(out_dir):
        _discard_tree(stray)  # plaintext left by an interrupted opening: never keep it
        vault.log("temp-removed", name=stray.name, folder="sortie")
    pending = pending_opening(vault.report)
    if pending is None:
        return
    same_folder = str(pending.get("folder")) == str(out_dir.resolve())
    ours = {
        name
        for record in records(vault.report).values()
        for name in output_names(record.name, record.role)
        + output_names(record.name, record.role, record.file[:8])
    }
    removed = []
    for name in pending.get("outputs", []) if same_folder else []:
        path = out_dir / str(name)
        if name in ours and path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(name)
    vault.log("open-cleaned", started=pending.get("seq"), removed=removed)


def _discard_tree(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        for child in path.iterdir():
            discard(child)
        path.rmdir()
    else:
        discard(path)


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
    """`open-started`, every file into a private staging folder, the renames, `open-done`."""
    method = "recovery" if secrets.recovery is not None else "custodians"
    signed = vault.signer is not None
    footer = f"Ouvert le {local_text(vault.at, opening)} — session {vault.session}"
    staging = out_dir / f"{TEMP_PREFIX}ouverture-{random_source.token_hex(8)}"
    vault.log(
        "open-started",
        signed=signed,
        method=method,
        folder=str(out_dir.resolve()),
        staging=staging.name,
        files=[item.record.file for item in pending],
        outputs=[p.name for item in pending for p in (item.original, item.print_copy)],
    )
    started = vault.report.entries[-1]["seq"]
    warnings: list[str] = []
    done: list[_Pending] = []
    published: list[Path] = []
    staging.mkdir(mode=0o700)
    pool = ThreadPoolExecutor(max_workers=1)  # the print copy (pypdf) beside the fsync

    def stamp(plaintext: bytes) -> Future[bytes]:
        return pool.submit(stamp_footer, plaintext, footer)

    try:
        for item in pending:
            temp = staging / item.original.name
            try:
                stamping = _decrypt_to(vault, item.record, secrets, cache, temp, stamp)
            except SealError as exc:
                refused.append(_refused(vault, item.record, exc))
                continue
            item.plain = temp
            done.append(item)
            try:
                copy = stamping.result()
            except InputError as exc:
                vault.log("print-copy-failed", file=item.record.file)
                warnings.append(
                    f"{_label(item.record)} : pas de copie d'impression ({exc.message}) ; "
                    "l'original est ouvert, imprimez-le et notez l'ouverture à la main."
                )
                continue
            item.stamped = write_temp(staging, "impression", copy)
        sync_folder(staging)
        opened = []
        for item in done:
            assert item.plain is not None
            published.append(item.original)  # listed first: a failed directory sync follows
            publish_new(item.plain, item.original)
            if item.stamped is not None:
                published.append(item.print_copy)
                publish_new(item.stamped, item.print_copy)
            opened.append(
                OpenedFile(
                    item.record.role,
                    item.original,
                    item.print_copy if item.stamped is not None else None,
                )
            )
        sync_folder(out_dir)
        vault.log(
            "open-done",
            signed=signed,
            method=method,
            started=started,
            files=[item.record.file for item in done],
        )
        return OpenReport(tuple(opened), tuple(refused), tuple(warnings))
    except BaseException as exc:  # all or nothing: whatever stopped it, take back what was out
        left = _unpublish(published)
        error = describe_os_error(exc) if isinstance(exc, OSError) else type(exc).__name__
        with contextlib.suppress(VaultError):  # the journal may be what failed
            vault.log("open-failed", started=started, error=error)
        if not isinstance(exc, OSError):
            raise
        raise VaultError(
            f"Impossible d'écrire les DTE dans {out_dir} ({describe_os_error(exc)}) : rien n'a "
            "été ouvert"
            + (f" (à supprimer à la main : {', '.join(map(str, left))})" if left else "")
            + ". Libérez de la place ou corrigez les droits du dossier, puis recommencez."
        ) from exc
    finally:
        pool.shutdown(wait=True)
        with contextlib.suppress(OSError):
            _discard_tree(staging)


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
            sync_folder(published[0].parent)
    return left
