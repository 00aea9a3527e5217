"""`seal`: encrypt each PDF into the vault, read it back, sign its journal entry, publish it."""

from __future__ import annotations

import hashlib
import secrets as random_source
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from docgen.errors import InputError, VaultError, describe_os_error
from docgen.pdf import check_pdf, stamp_footer
from docgen.vault.durable import VaultLock, discard, make_private_folder, publish, write_temp
from docgen.vault.format import (
    ROLES,
    Header,
    b64,
    decrypt_payload,
    padded_size,
    read_header,
    seal_parts,
    unb64,
    unwrap_file_key,
)
from docgen.vault.keys import (
    KEY_SIZE,
    SALT_SIZE,
    KdfParams,
    KeyCache,
    SealError,
    Secrets,
    normalise_passphrase,
    recovery_wrap_key,
)
from docgen.vault.names import printable, safe_pdf_name
from docgen.vault.signing import CustodianKey
from docgen.vault.store import (
    Clock,
    Sealed,
    Vault,
    io_failures,
    records,
    refuse_unsafe_folder,
    sealed_name,
    vault_id,
)

MAX_SOURCE = 512 * 1024 * 1024


STAMP_TRIAL = "Ouvert le 01/01/2000 à 00:00 — essai"
# The PDFs whose stamping trial passed in this run (`check_sources` before the secrets, then
# `seal_files`), by Python's own hash of their bytes: a collision would only skip a trial.
_STAMPABLE: set[int] = set()


def _load(path: Path) -> tuple[str, bytes, int]:
    """The PDF's safe name, bytes and page count; InputError if it is no usable PDF."""
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
    return safe_pdf_name(path.name), data, check_pdf(data, label)


def _stamp_trial(data: bytes, path: Path) -> None:
    """Refuse, at seal time, a PDF that could not get its print copy's footer on D-day."""
    digest = hash(data)
    if digest in _STAMPABLE:
        return
    try:
        stamp_footer(data, STAMP_TRIAL)
    except InputError as exc:
        raise InputError(
            f"Le fichier {path} ne peut pas recevoir la mention d'ouverture en bas de page "
            f"({exc.message}) : docgen ne pourrait pas en faire la copie d'impression le jour J. "
            "Réenregistrez-le en PDF (Imprimer > PDF) ou demandez une nouvelle copie, puis "
            "recommencez."
        ) from exc
    _STAMPABLE.add(digest)


def check_sources(sources: Sequence[Path]) -> None:
    """Refuse unreadable, encrypted, page-less or unstampable PDFs before anyone types a secret."""
    for path in sources:
        _stamp_trial(_load(path)[1], path)


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
    custodians: CustodianKey
    wrap_keys: list[tuple[dict[str, Any], bytes]]
    cache: KeyCache
    replace: bool
    trials: list[Future[None]]


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

    The first seal creates the vault with these custodians; later ones need the same
    custodians (their key must unwrap the vault's signing key). Sealing a name already sealed
    for the role is refused unless `replace`; the new generation is a new file, the old stays.
    `kdf` only applies to a new vault.
    """
    if role not in ROLES:
        raise VaultError(f"Rôle inconnu « {role} » : choisissez jury ou candidat.")
    if opening.tzinfo is None:
        raise ValueError("the opening time must be an aware datetime")
    _check_secrets(secrets)
    loaded = [_load(path) for path in sources]
    names = [name.casefold() for name, _, _ in loaded]
    if len(set(names)) != len(names):
        raise VaultError("Deux fichiers portent le même nom : renommez-en un, puis recommencez.")
    refuse_unsafe_folder(directory.parent, "Le dossier des coffres")
    refuse_unsafe_folder(directory, "Le dossier du coffre")
    make_private_folder(directory)
    cache = KeyCache()
    # The stamping trial (pure Python) runs beside the encryption and the synced writes, which
    # release the GIL; every trial must pass before the first seal is journaled.
    with ThreadPoolExecutor(max_workers=1) as pool:
        trials = [
            pool.submit(_stamp_trial, data, path)
            for (_, data, _), path in zip(loaded, sources, strict=True)
        ]
        return _seal_locked(
            directory,
            session,
            loaded,
            trials,
            role,
            opening,
            secrets,
            now=now,
            kdf=kdf,
            replace=replace,
            accept_clock=accept_clock,
            cache=cache,
        )


def _seal_locked(
    directory: Path,
    session: str,
    loaded: list[tuple[str, bytes, int]],
    trials: list[Future[None]],
    role: str,
    opening: datetime,
    secrets: Secrets,
    *,
    now: Clock,
    kdf: KdfParams | None,
    replace: bool,
    accept_clock: bool,
    cache: KeyCache,
) -> list[Sealed]:
    with io_failures("Le scellement"), VaultLock(directory):
        vault = Vault(directory, session, now)
        vault.start(create=True)
        try:
            vault.unlock(Secrets(secrets.custodians), cache, kdf)
        except SealError as exc:
            vault.log("seal-refused", reason=exc.reason)
            raise
        last = vault.clock_behind()
        if last is not None and not accept_clock:
            vault.refuse_clock(last)
        if last is not None:
            vault.accept_clock(last)
        batch = _batch(vault, role, opening, secrets, cache, replace, trials)
        _refuse_silent_replacement(vault, loaded, batch)
        return [_seal_one(vault, name, data, pages, batch) for name, data, pages in loaded]


def _batch(
    vault: Vault,
    role: str,
    opening: datetime,
    secrets: Secrets,
    cache: KeyCache,
    replace: bool,
    trials: list[Future[None]],
) -> _Batch:
    """The wraps every file of this command gets: the custodians' (vault salts), the code's."""
    assert vault.custodians is not None
    first = vault.report.entries[0]
    salts = [unb64(salt) for salt in first["salts"]]
    entry = {"type": "custodians", "kdf": first["kdf"], "salts": [b64(s) for s in salts]}
    wrap_keys = [(entry, vault.custodians.wrap_key)]
    if secrets.recovery is not None:
        salt = random_source.token_bytes(SALT_SIZE)
        code_entry = {"type": "recovery", "salt": b64(salt)}
        wrap_keys.append((code_entry, recovery_wrap_key(secrets.recovery, salt)))
    return _Batch(role, opening, secrets, vault.custodians, wrap_keys, cache, replace, trials)


def _refuse_silent_replacement(
    vault: Vault, loaded: list[tuple[str, bytes, int]], batch: _Batch
) -> None:
    """Before anything is sealed: a name already sealed for the role needs --replace."""
    if batch.replace:
        return
    current = records(vault.report).values()
    for name, data, _ in loaded:
        for previous in current:
            same = previous.role == batch.role and previous.name.casefold() == name.casefold()
            if same and previous.content != batch.custodians.content_tag(data):
                vault.log("seal-refused", reason="exists", file=previous.file)
                raise VaultError(
                    f"« {printable(name)} » est déjà scellé comme DTE {batch.role} (génération "
                    f"{previous.generation}) avec un autre contenu : rien n'a été scellé. Pour le "
                    "remplacer, relancez avec --replace (l'ancienne version reste dans le "
                    "coffre, le journal note le remplacement) ; sinon, vérifiez le fichier choisi."
                )


def _seal_one(vault: Vault, name: str, data: bytes, pages: int, batch: _Batch) -> Sealed:
    role = batch.role
    content = batch.custodians.content_tag(data)
    previous = next(
        (
            r
            for r in records(vault.report).values()
            if r.role == role and r.name.casefold() == name.casefold()
        ),
        None,
    )
    if previous is not None and previous.content == content and not batch.replace:
        return Sealed(previous, new=False, pages=pages)  # the same command run again
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
    ciphertext = hashlib.sha256()
    for part in parts:
        ciphertext.update(part)
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
        _verify_temp(temp, data, batch)
        for trial in batch.trials:
            trial.result()  # an unstampable PDF: refused before anything is journaled
        vault.log(
            "seal",
            signed=True,
            file=file,
            role=role,
            name=name,
            generation=generation,
            size=padded_size(len(data)),
            content=content,
            ciphertext=ciphertext.hexdigest(),
            opening=batch.opening.isoformat(),
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
    return Sealed(records(vault.report)[file], new=True, pages=pages)


def _verify_temp(temp: Path, data: bytes, batch: _Batch) -> None:
    """Decrypt what is on disk with the custodians' key: it must give the PDF back, byte for byte.

    The recovery code, if any, must unwrap the same file key (its MAC checked).
    """
    view = memoryview(data)
    position = 0
    same = True

    def compare(block: bytes) -> None:
        nonlocal position, same
        same = same and view[position : position + len(block)] == block
        position += len(block)

    try:
        with temp.open("rb") as stream:
            sealed = read_header(stream)
            key = unwrap_file_key(sealed, Secrets(batch.secrets.custodians), batch.cache)
            if batch.secrets.recovery is not None:
                by_code = unwrap_file_key(
                    sealed, Secrets(recovery=batch.secrets.recovery), batch.cache
                )
                if by_code != key:
                    raise SealError("recovery", "le code de secours ne rouvre pas le fichier")
            decrypt_payload(sealed, key, stream, compare)
    except (SealError, OSError) as exc:
        detail = exc.message if isinstance(exc, SealError) else describe_os_error(exc)
        raise VaultError(
            f"Le fichier scellé ne se relit pas ({detail}) : rien n'a été scellé."
        ) from exc
    if not same or position != len(data):
        raise VaultError("Le fichier scellé ne redonne pas l'original : rien n'a été scellé.")
