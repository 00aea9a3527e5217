"""The sealed-file format: magic, canonical JSON header, header MAC, Cobblestone-256 payload.

Payload: cryptography's Cobblestone-256 (C2SP chunked-encryption: HKDF-SHA-512 and AES-256-GCM,
16 KiB chunks, a last-chunk flag against truncation, key-committing) under a fresh random file
key; its context is the SHA-256 of everything before it, so the payload is bound to its header.
The header MAC (HMAC-SHA-256 under a key derived from the file key) is checked before any chunk
is decrypted. What is encrypted is the PDF's length, the PDF, then zeros up to a padded size
(Padmé), so a sealed file's size says little about its DTE. The layout is written up in
docs/format-coffre.md.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from cryptography.cobblestone import Cobblestone256Decryptor, Cobblestone256Encryptor
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from docgen.vault.keys import (
    KEY_SIZE,
    SALT_SIZE,
    WRAP_NONCE_SIZE,
    KdfParams,
    KeyCache,
    SealError,
    Secrets,
    custodians_wrap_key,
    parse_kdf,
    recovery_wrap_key,
    unwrap,
    wrap,
)
from docgen.vault.names import printable

MAGIC = b"DOCGEN-COFFRE v2\n"
OLD_MAGIC = b"DOCGEN-COFFRE v1\n"
FORMAT = "docgen-coffre/2"
LENGTH = struct.Struct(">Q")
MAC_SIZE = 32
MAX_HEADER = 64 * 1024
CHUNK = 16 * 1024  # Cobblestone's plaintext chunk size
READ_BLOCK = 1024 * 1024
ROLES = ("jury", "candidat")
_PREFIX = struct.Struct(">I")
_HEADER_KEYS = {
    "format",
    "vault",
    "session",
    "role",
    "file",
    "generation",
    "opening",
    "name",
    "sealed_at",
    "wraps",
}


def canonical_json(data: object) -> bytes:
    """Sorted keys, no spaces, ASCII only: one byte string per value."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, size: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise _bad_header("une valeur binaire n'est pas du base64")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _bad_header("une valeur binaire n'est pas du base64") from exc
    if b64(raw) != text or (size is not None and len(raw) != size):
        raise _bad_header("une valeur binaire a une longueur inattendue")
    return raw


def _bad_header(detail: str, reason: str = "header") -> SealError:
    return SealError(
        reason,
        f"L'en-tête du fichier scellé est invalide ({detail}) : le fichier a été modifié ou "
        "n'a pas été produit par docgen. Il n'a pas été ouvert ; lancez « docgen vault verify ».",
    )


@dataclass(frozen=True)
class Header:
    """What a sealed file says about itself (authenticated by the MAC once the key is known)."""

    vault: str
    session: str
    role: str
    file: str
    generation: int
    opening: str
    name: str
    sealed_at: str
    wraps: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "vault": self.vault,
            "session": self.session,
            "role": self.role,
            "file": self.file,
            "generation": self.generation,
            "opening": self.opening,
            "name": self.name,
            "sealed_at": self.sealed_at,
            "wraps": list(self.wraps),
        }


def _check_wrap(entry: object) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise _bad_header("entrée de clé invalide")
    if entry.get("type") == "custodians" and set(entry) == {"type", "kdf", "salts", "nonce", "key"}:
        parse_kdf(entry["kdf"])
        salts = entry["salts"]
        if not isinstance(salts, list) or not 1 <= len(salts) <= 2:
            raise _bad_header("nombre de gardiens invalide")
        for salt in salts:
            unb64(salt, SALT_SIZE)
    elif entry.get("type") == "recovery" and set(entry) == {"type", "salt", "nonce", "key"}:
        unb64(entry["salt"], SALT_SIZE)
    else:
        raise _bad_header("entrée de clé inconnue")
    unb64(entry["nonce"], WRAP_NONCE_SIZE)
    unb64(entry["key"], KEY_SIZE + 16)
    return entry


def parse_header(raw: bytes) -> Header:
    """A header from its bytes: canonical JSON with exactly the known fields, KDFs bounded."""
    try:
        data = json.loads(raw.decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad_header("JSON illisible") from exc
    if canonical_json(data) != raw:
        raise _bad_header("JSON non canonique", "non-canonical")
    if not isinstance(data, dict) or set(data) != _HEADER_KEYS:
        raise _bad_header("champs inattendus")
    if data["format"] != FORMAT:
        raise _bad_header("version de format inconnue")
    texts = ("vault", "session", "role", "file", "opening", "name", "sealed_at")
    if not all(isinstance(data[key], str) for key in texts) or data["role"] not in ROLES:
        raise _bad_header("champ texte invalide")
    if type(data["generation"]) is not int or data["generation"] < 1:
        raise _bad_header("génération invalide")
    wraps = data["wraps"]
    if not isinstance(wraps, list) or not 1 <= len(wraps) <= 2:
        raise _bad_header("entrées de clé invalides")
    return Header(
        vault=data["vault"],
        session=data["session"],
        role=data["role"],
        file=data["file"],
        generation=data["generation"],
        opening=data["opening"],
        name=data["name"],
        sealed_at=data["sealed_at"],
        wraps=tuple(_check_wrap(entry) for entry in wraps),
    )


def padded_size(size: int) -> int:
    """Padmé (Nikitin et al., 2019): at most 12 % more, and a size says O(log log) bits."""
    if size < 2:
        return size
    exponent = size.bit_length() - 1
    low_bits = exponent - (exponent.bit_length() - 1)
    mask = (1 << low_bits) - 1
    return (size + mask) & ~mask


def framed(plaintext: bytes) -> tuple[bytes, bytes]:
    """What precedes and follows the PDF in the payload: its length, then zero padding."""
    head = LENGTH.pack(len(plaintext))
    total = padded_size(len(head) + len(plaintext))
    return head, bytes(total - len(head) - len(plaintext))


def _subkey(file_key: bytes, purpose: bytes) -> bytes:
    info = b"docgen-coffre/v2 " + purpose
    return HKDF(algorithm=hashes.SHA256(), length=KEY_SIZE, salt=None, info=info).derive(file_key)


def _preamble(header_bytes: bytes) -> bytes:
    return MAGIC + _PREFIX.pack(len(header_bytes)) + header_bytes


def _context(preamble: bytes, mac: bytes) -> bytes:
    return b"docgen-coffre/v2 payload " + hashlib.sha256(preamble + mac).digest()


def custodian_wrap(
    kdf: KdfParams, salts: list[bytes], passphrases: tuple[str, ...], cache: KeyCache
) -> tuple[dict[str, Any], bytes]:
    """The custodians' wrap entry (without its wrapped key) and its wrapping key."""
    derived = [cache.derive(kdf, text, salt) for text, salt in zip(passphrases, salts, strict=True)]
    entry = {"type": "custodians", "kdf": kdf.to_json(), "salts": [b64(s) for s in salts]}
    return entry, custodians_wrap_key(derived)


def seal_parts(
    header: Header,
    plaintext: bytes,
    file_key: bytes,
    wrap_keys: list[tuple[dict[str, Any], bytes]],
) -> tuple[bytes, bytes, bytes]:
    """The sealed file as (preamble + MAC, payload, payload end), written one after the other.

    The header gets one wrap of `file_key` per (entry, wrapping key). Parts, not one string, so
    a 50 MB file is never copied once more just to be joined.
    """
    wraps = []
    for entry, wrap_key in wrap_keys:
        nonce, wrapped = wrap(wrap_key, file_key, entry["type"])
        wraps.append({**entry, "nonce": b64(nonce), "key": b64(wrapped)})
    full = replace(header, wraps=tuple(wraps))
    preamble = _preamble(canonical_json(full.to_json()))
    mac = hmac.digest(_subkey(file_key, b"header-mac"), preamble, "sha256")
    encryptor = Cobblestone256Encryptor(_subkey(file_key, b"payload"), _context(preamble, mac))
    head, padding = framed(plaintext)
    first = preamble + mac + encryptor.update(head)
    return first, encryptor.update(plaintext), encryptor.update(padding) + encryptor.finalize()


def seal_bytes(
    header: Header,
    plaintext: bytes,
    file_key: bytes,
    wrap_keys: list[tuple[dict[str, Any], bytes]],
) -> bytes:
    """The sealed file in one byte string."""
    return b"".join(seal_parts(header, plaintext, file_key, wrap_keys))


@dataclass(frozen=True)
class SealedFile:
    """A sealed file's header as read, and where its MAC and payload start."""

    header: Header
    preamble: bytes
    mac: bytes


def read_header(stream: BinaryIO) -> SealedFile:
    """Read and check the structure of a sealed file's header (nothing is authenticated yet)."""
    magic = stream.read(len(MAGIC))
    if magic == OLD_MAGIC:
        raise SealError(
            "old-format",
            "Ce fichier a été scellé par une version précédente de docgen (format "
            "docgen-coffre/1) : cette version ne l'ouvre pas. Utilisez la version qui l'a scellé "
            "(git checkout da6920e), ou scellez à nouveau le DTE d'origine.",
        )
    if magic != MAGIC:
        raise SealError(
            "not-sealed",
            "Ce fichier n'est pas un fichier scellé par docgen (ou il est vide ou tronqué). "
            "Il n'a pas été ouvert ; lancez « docgen vault verify ».",
        )
    prefix = stream.read(_PREFIX.size)
    if len(prefix) != _PREFIX.size:
        raise _bad_header("en-tête tronqué", "truncated")
    (length,) = _PREFIX.unpack(prefix)
    if not 2 <= length <= MAX_HEADER:
        raise _bad_header("longueur d'en-tête hors limites")
    header_bytes = stream.read(length)
    mac = stream.read(MAC_SIZE)
    if len(header_bytes) != length or len(mac) != MAC_SIZE:
        raise _bad_header("en-tête tronqué", "truncated")
    return SealedFile(parse_header(header_bytes), magic + prefix + header_bytes, mac)


def _wrong_secret(header: Header, secrets: Secrets) -> SealError:
    name = printable(header.name)
    if secrets.recovery is None:
        return SealError(
            "secret",
            f"Les phrases secrètes ne déverrouillent pas « {name} ». Vérifiez chaque phrase et "
            "l'ordre des gardiens (gardien 1 puis gardien 2), puis recommencez.",
        )
    if not any(entry["type"] == "recovery" for entry in header.wraps):
        return SealError(
            "no-recovery",
            f"« {name} » a été scellé sans code de secours (commande « seal » sans "
            "--recovery) : aucun code de secours n'existe pour ce fichier. Ouvrez-le avec les "
            "phrases des gardiens.",
        )
    return SealError(
        "secret",
        f"Ce code de secours ne déverrouille pas « {name} ». Chaque commande « seal "
        "--recovery » a donné son propre code, qui n'ouvre que les DTE scellés par elle : "
        "prenez le code noté pour ce DTE, vérifiez ses 8 groupes de 4 caractères, puis "
        "recommencez.",
    )


def unwrap_file_key(sealed: SealedFile, secrets: Secrets, cache: KeyCache) -> bytes:
    """The file key from the custodians' passphrases or the recovery code, MAC checked."""
    file_key = None
    for entry in sealed.header.wraps:
        nonce, wrapped = unb64(entry["nonce"]), unb64(entry["key"])
        if entry["type"] == "recovery" and secrets.recovery is not None:
            wrap_key = recovery_wrap_key(secrets.recovery, unb64(entry["salt"]))
        elif entry["type"] == "custodians" and secrets.recovery is None:
            salts = [unb64(s) for s in entry["salts"]]
            if len(secrets.custodians) < len(salts):
                continue
            kdf = parse_kdf(entry["kdf"])
            passphrases = secrets.custodians[: len(salts)]
            wrap_key = custodian_wrap(kdf, salts, passphrases, cache)[1]
        else:
            continue
        file_key = unwrap(wrap_key, nonce, wrapped, entry["type"])
        if file_key is not None:
            break
    if file_key is None:
        raise _wrong_secret(sealed.header, secrets)
    expected = hmac.digest(_subkey(file_key, b"header-mac"), sealed.preamble, "sha256")
    if not hmac.compare_digest(expected, sealed.mac):
        raise SealError(
            "mac",
            f"L'en-tête de « {sealed.header.name} » a été modifié après le scellement : le "
            "fichier n'a pas été ouvert. Lancez « docgen vault verify ».",
        )
    return file_key


class _Unframe:
    """Pass on the PDF's bytes only: the length in front and the zero padding are dropped."""

    def __init__(self, sink: Callable[[bytes], None]) -> None:
        self.sink = sink
        self.head = b""
        self.left: int | None = None
        self.padding_ok = True

    def __call__(self, block: bytes) -> None:
        if self.left is None:
            self.head += block
            if len(self.head) < LENGTH.size:
                return
            (self.left,) = LENGTH.unpack(self.head[: LENGTH.size])
            block, self.head = self.head[LENGTH.size :], b""
        if len(block) <= self.left:  # the usual case: the whole block is PDF, no copy made
            body, rest = block, b""
        else:
            body, rest = block[: self.left], block[self.left :]
        self.left -= len(body)
        if body:
            self.sink(body)
        if rest.strip(b"\x00"):
            self.padding_ok = False

    def finish(self) -> bool:
        return self.left == 0 and self.padding_ok


def decrypt_payload(
    sealed: SealedFile, file_key: bytes, stream: BinaryIO, sink: Callable[[bytes], None]
) -> None:
    """Stream the plaintext into `sink`; it is only genuine once this returns without error."""
    decryptor = Cobblestone256Decryptor(
        _subkey(file_key, b"payload"), _context(sealed.preamble, sealed.mac)
    )
    unframe = _Unframe(sink)
    try:
        for block in _blocks(stream):
            unframe(decryptor.update(block))
        unframe(decryptor.finalize())
        if not unframe.finish():
            raise InvalidTag
    except InvalidTag as exc:
        raise SealError(
            "payload",
            f"Le contenu chiffré de « {sealed.header.name} » est abîmé, tronqué ou a été "
            "modifié : il n'a pas été ouvert. Lancez « docgen vault verify » et, si besoin, "
            "redemandez le pli à l'AFPA.",
        ) from exc


def _blocks(stream: BinaryIO) -> Iterator[bytes]:
    while block := stream.read(READ_BLOCK):
        yield block
