"""Custodian secrets: KDF parameters and their bounds, key wrapping, passphrases, recovery codes."""

from __future__ import annotations

import base64
import secrets as random_source
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from docgen.errors import VaultError
from docgen.vault.mots import WORDS

KEY_SIZE = 32
SALT_SIZE = 16
WRAP_NONCE_SIZE = 12
RECOVERY_BYTES = 20
PASSPHRASE_WORDS = 6
# A KDF read from a file must never be able to exhaust the machine before any check.
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 10
MAX_LANES = 16
MAX_SCRYPT_LOG_N = 20
MAX_SCRYPT_R = 32


class SealError(VaultError):
    """A sealed file was refused; `reason` names the failure class (stable, for tests and logs)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id costs: memory in KiB, iterations, lanes (the issue's defaults)."""

    memory_kib: int = 256 * 1024
    iterations: int = 3
    lanes: int = 4

    def to_json(self) -> dict[str, Any]:
        return {"alg": "argon2id", "m": self.memory_kib, "t": self.iterations, "p": self.lanes}

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        return Argon2id(
            salt=salt,
            length=KEY_SIZE,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        ).derive(secret)


@dataclass(frozen=True)
class ScryptParams:
    """scrypt costs (N = 2**log_n), the fallback where OpenSSL lacks Argon2id."""

    log_n: int = 18
    r: int = 8
    p: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"alg": "scrypt", "log_n": self.log_n, "r": self.r, "p": self.p}

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        return Scrypt(salt=salt, length=KEY_SIZE, n=2**self.log_n, r=self.r, p=self.p).derive(
            secret
        )


KdfParams = Argon2Params | ScryptParams


def default_kdf() -> KdfParams:
    """Argon2id with the issue's costs, or scrypt N = 2^18 when this OpenSSL has no Argon2id."""
    try:
        Argon2Params(memory_kib=8, iterations=1, lanes=1).derive(b"probe", bytes(SALT_SIZE))
    except UnsupportedAlgorithm:
        return ScryptParams()
    return Argon2Params()


def _bounded(value: object, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise SealError(
            "kdf-bounds",
            "Les paramètres de dérivation de clé inscrits dans le fichier scellé sont hors "
            "limites : le fichier a été fabriqué ou modifié. Il n'a pas été ouvert.",
        )
    return value


def parse_kdf(data: object) -> KdfParams:
    """KDF parameters read from a file, bounded before any KDF runs."""
    if not isinstance(data, dict):
        raise SealError("header", "L'en-tête du fichier scellé est invalide (paramètres de clé).")
    if data.get("alg") == "argon2id" and set(data) == {"alg", "m", "t", "p"}:
        lanes = _bounded(data["p"], 1, MAX_LANES)
        return Argon2Params(
            memory_kib=_bounded(data["m"], 8 * lanes, MAX_MEMORY_KIB),
            iterations=_bounded(data["t"], 1, MAX_ITERATIONS),
            lanes=lanes,
        )
    if data.get("alg") == "scrypt" and set(data) == {"alg", "log_n", "r", "p"}:
        params = ScryptParams(
            log_n=_bounded(data["log_n"], 1, MAX_SCRYPT_LOG_N),
            r=_bounded(data["r"], 1, MAX_SCRYPT_R),
            p=_bounded(data["p"], 1, MAX_LANES),
        )
        _bounded(128 * params.r * 2**params.log_n // 1024, 0, MAX_MEMORY_KIB)
        return params
    raise SealError("kdf-bounds", "Le fichier scellé demande une dérivation de clé inconnue.")


@dataclass(frozen=True)
class Secrets:
    """What the custodians typed: one passphrase each, in custodian order, or a recovery code."""

    custodians: tuple[str, ...] = ()
    recovery: str | None = None

    def __repr__(self) -> str:
        return f"Secrets(custodians={len(self.custodians)}, recovery={self.recovery is not None})"


def normalise_passphrase(text: str) -> bytes:
    """NFC and single spaces, so the same words typed on another keyboard give the same key."""
    return " ".join(unicodedata.normalize("NFC", text).split()).encode("utf-8")


@dataclass
class KeyCache:
    """KDF results for one run, so a batch sealed with one salt costs one KDF per custodian."""

    derived: dict[tuple[str, bytes, bytes], bytes] = field(default_factory=dict)

    def derive(self, kdf: KdfParams, secret: str, salt: bytes) -> bytes:
        passphrase = normalise_passphrase(secret)
        key = (repr(kdf), salt, passphrase)
        if key not in self.derived:
            self.derived[key] = kdf.derive(passphrase, salt)
        return self.derived[key]


def hkdf(material: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_SIZE, salt=salt, info=info).derive(material)


def custodians_wrap_key(derived: list[bytes]) -> bytes:
    """Both custodians' keys, in order, combined into one wrapping key."""
    info = b"docgen-coffre/v2 custodians n=%d" % len(derived)
    return hkdf(b"".join(derived), info)


def recovery_wrap_key(code: str, salt: bytes) -> bytes:
    return hkdf(recovery_bytes(code), b"docgen-coffre/v2 recovery", salt)


def wrap(wrap_key: bytes, file_key: bytes, kind: str) -> tuple[bytes, bytes]:
    """AES-256-GCM of a 32-byte key under `wrap_key`; `kind` names what is wrapped (AAD)."""
    nonce = random_source.token_bytes(WRAP_NONCE_SIZE)
    aad = b"docgen-coffre/v2 wrap " + kind.encode("ascii")
    return nonce, AESGCM(wrap_key).encrypt(nonce, file_key, aad)


def unwrap(wrap_key: bytes, nonce: bytes, wrapped: bytes, kind: str) -> bytes | None:
    """The key `wrap` wrapped, or None when `wrap_key` (or anything else) is wrong."""
    aad = b"docgen-coffre/v2 wrap " + kind.encode("ascii")
    try:
        file_key = AESGCM(wrap_key).decrypt(nonce, wrapped, aad)
    except (InvalidTag, ValueError):
        return None
    return file_key if len(file_key) == KEY_SIZE else None


def word_list() -> tuple[str, ...]:
    """The French words generated passphrases are drawn from (docgen/vault/mots.py)."""
    return WORDS


def generate_passphrase(words: int = PASSPHRASE_WORDS) -> str:
    """Random words from the list, separated by spaces (6 words of 2,300+: more than 67 bits)."""
    choices = word_list()
    return " ".join(random_source.choice(choices) for _ in range(words))


def new_recovery_code() -> str:
    """160 random bits as 8 groups of 4 base32 characters, easy to copy onto paper."""
    text = base64.b32encode(random_source.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def recovery_bytes(code: str) -> bytes:
    """The bytes behind a recovery code, forgiving case, spaces, dashes, O/0 and I/1 slips."""
    cleaned = "".join(code.split()).replace("-", "").upper().replace("0", "O").replace("1", "I")
    try:
        raw = base64.b32decode(cleaned)
    except ValueError as exc:
        raise SealError(
            "secret", "Ce code de secours est mal formé : recopiez les 8 groupes de 4 caractères."
        ) from exc
    if len(raw) != RECOVERY_BYTES:
        raise SealError(
            "secret", "Ce code de secours est incomplet : recopiez les 8 groupes de 4 caractères."
        )
    return raw
