"""Opening a session's vault: the time gate first, then the secrets, then authenticated output."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docgen.errors import VaultError
from docgen.pdf import stamp_footer
from docgen.vault.durable import (
    VaultLock,
    create_exclusive,
    discard,
    publish,
    stray_temps,
    write_all,
    write_temp,
)
from docgen.vault.format import SealedFile, decrypt_payload, read_header, unwrap_file_key
from docgen.vault.keys import KeyCache, SealError, Secrets
from docgen.vault.names import safe_pdf_name
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
    """One DTE written out: the original byte for byte, and its stamped print copy."""

    role: str
    original: Path
    print_copy: Path


def _refuse(vault: Vault, reason: str, error: VaultError, file: str | None = None) -> VaultError:
    """Journal a refused opening (a journal failure then wins: it is the louder problem)."""
    vault.log("open-refused", reason=reason, **({"file": file} if file else {}))
    return error


def _precheck(vault: Vault, record: SealRecord) -> None:
    """What can be checked without any secret: presence, header fields, ciphertext hash."""
    path = vault.path_of(record.file)
    label = f"« {record.name} » ({record.role})"
    if not path.is_file():
        raise SealError("missing", f"Le fichier scellé de {label} a disparu du coffre ({path}).")
    with path.open("rb") as stream:
        header = read_header(stream).header
    expected = {
        "vault": vault_id(vault.report),
        "session": vault.session,
        "file": record.file,
        "role": record.role,
    }
    for field, value in expected.items():
        if getattr(header, field) != value:
            raise SealError(
                "mismatch",
                f"Le fichier scellé à la place de {label} vient d'un autre coffre, d'une autre "
                f"session ou d'un autre rôle ({field} : « {getattr(header, field)} »). "
                "Il n'a pas été ouvert ; lancez « docgen vault verify ».",
            )
    if header.generation != record.generation:
        raise SealError(
            "generation",
            f"Le fichier scellé de {label} est une ancienne version (génération "
            f"{header.generation}, attendue {record.generation}) remise à sa place. Il n'a "
            "pas été ouvert ; lancez « docgen vault verify ».",
        )
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


def _targets(out_dir: Path, record: SealRecord) -> tuple[Path, Path]:
    name = safe_pdf_name(record.name)
    prefix = "jury" if record.role == "jury" else "candidat"
    original = out_dir / f"{prefix}_{name}"
    print_copy = out_dir / f"{prefix}_{name[:-4]}_impression.pdf"
    for path in (original, print_copy):
        if os.path.lexists(path):
            raise VaultError(
                f"{path} existe déjà (fichier ou lien) : docgen n'écrase rien. Déplacez-le ou "
                "choisissez un autre dossier avec --out, puis recommencez."
            )
    return original, print_copy


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
            with vault.path_of(record.file).open("rb") as stream:
                sealed: SealedFile = read_header(stream)
                key = unwrap_file_key(sealed, secrets, cache)
                decrypt_payload(sealed, key, stream, sink)
            os.fsync(fd)
        finally:
            os.close(fd)
        if digest.hexdigest() != record.sha256:
            raise SealError(
                "plaintext",
                f"« {record.name} » ne correspond pas à l'empreinte notée au scellement : il "
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
) -> list[OpenedFile]:
    """Refuse before the opening time without asking any secret; else decrypt every DTE."""
    if opening.tzinfo is None:
        raise ValueError("the opening time must be an aware datetime")
    if not directory.is_dir():
        raise VaultError(
            f"Aucun coffre pour la session « {session} » ({directory}). "
            "Vérifiez le dossier de session ou l'option --vault."
        )
    with io_failures("L'ouverture"), VaultLock(directory):
        vault = Vault(directory, session, now)
        vault.start(create=False)
        sealed = list(records(vault.report).values())
        if not sealed:
            raise VaultError(f"Le coffre {directory} ne contient aucun DTE scellé.")
        gate = max([opening, *(record.opening for record in sealed)])
        if vault.at < gate:
            raise _refuse(
                vault,
                "too-early",
                VaultError(
                    f"Trop tôt : les DTE de la session « {session} » s'ouvrent le "
                    f"{local_text(gate, opening)} (dans {remaining_text(gate - vault.at)}). "
                    "Aucune phrase secrète n'a été demandée ; la tentative est notée au journal."
                ),
            )
        for record in sealed:
            try:
                _precheck(vault, record)
            except SealError as exc:
                raise _refuse(vault, exc.reason, exc, record.file) from None
        out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        for stray in stray_temps(out_dir):
            discard(stray)  # plaintext left by an interrupted opening: never keep it
            vault.log("temp-removed", name=stray.name, folder="sortie")
        targets = [_targets(out_dir, record) for record in sealed]
        secrets = ask_secrets(max(record.custodians for record in sealed))
        return _decrypt_all(vault, sealed, targets, secrets, opening, out_dir)


def _decrypt_all(
    vault: Vault,
    sealed: list[SealRecord],
    targets: list[tuple[Path, Path]],
    secrets: Secrets,
    opening: datetime,
    out_dir: Path,
) -> list[OpenedFile]:
    method = "recovery" if secrets.recovery is not None else "custodians"
    footer = f"Ouvert le {local_text(vault.at, opening)} — session {vault.session}"
    cache = KeyCache()
    temps: list[tuple[Path, Path]] = []
    try:
        for record in sealed:
            try:
                plain = _decrypt_to_temp(vault, record, secrets, cache, out_dir)
            except SealError as exc:
                raise _refuse(vault, exc.reason, exc, record.file) from None
            try:
                copy = stamp_footer(plain.read_bytes(), footer)
                temps.append((plain, write_temp(out_dir, record.file + ".print", copy)))
            except BaseException:
                discard(plain)
                raise
        for record in sealed:
            vault.log("open", file=record.file, method=method)
        opened = []
        for record, (original, print_copy), (plain, stamped) in zip(
            sealed, targets, temps, strict=True
        ):
            publish(plain, original)
            publish(stamped, print_copy)
            opened.append(OpenedFile(record.role, original, print_copy))
        return opened
    except OSError as exc:
        raise VaultError(
            f"Impossible d'écrire les DTE dans {out_dir} ({exc.strerror}) : rien n'a été ouvert. "
            "Libérez de la place ou corrigez les droits du dossier, puis recommencez."
        ) from exc
    finally:
        for plain, stamped in temps:
            discard(plain)
            discard(stamped)
