"""The vault's own keys: the custodians' key, its content key, and the journal's signing key.

The custodians' key `W` comes from both passphrases (Argon2id with the vault's salts, then
HKDF). It wraps every file key, keys the content tags, and wraps the vault's Ed25519 signing
key, created with the vault. Journal entries that matter are signed with it: anyone can check
a signature against the public key written in the journal's first entry, nobody can make one
without both passphrases, and the custodians check, when they open, that the signing key
unwraps under their own key (so a journal rewritten wholesale under a new key is caught too).
The recovery code never reaches `W`: it can read the files sealed with it, not sign or forge.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from docgen.vault.keys import hkdf, unwrap, wrap

SIGNATURE_PREFIX = b"docgen-coffre/v2 journal\n"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes | None:
    if not isinstance(text, str):
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


@dataclass(frozen=True)
class CustodianKey:
    """`W`, the key both custodians' passphrases make together."""

    wrap_key: bytes

    @property
    def content_key(self) -> bytes:
        return hkdf(self.wrap_key, b"docgen-coffre/v2 content")

    def content_tag(self, data: bytes) -> str:
        """A keyed hash of a plaintext: it identifies a DTE only to whoever holds `W`."""
        return hmac.digest(self.content_key, data, "sha256").hex()


def new_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_text(key: Ed25519PrivateKey) -> str:
    return _b64(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def wrap_signing_key(
    custodians: CustodianKey, key: Ed25519PrivateKey, vault: str
) -> dict[str, str]:
    nonce, wrapped = wrap(custodians.wrap_key, key.private_bytes_raw(), f"signing {vault}")
    return {"nonce": _b64(nonce), "key": _b64(wrapped)}


def unwrap_signing_key(
    custodians: CustodianKey, wrapped: object, public: object, vault: str
) -> Ed25519PrivateKey | None:
    """The vault's signing key if `custodians` is the vault's key and it matches `public`."""
    if not isinstance(wrapped, dict):
        return None
    nonce, data = _unb64(wrapped.get("nonce")), _unb64(wrapped.get("key"))
    if nonce is None or data is None or len(nonce) != 12:
        return None
    raw = unwrap(custodians.wrap_key, nonce, data, f"signing {vault}")
    if raw is None:
        return None
    key = Ed25519PrivateKey.from_private_bytes(raw)
    return key if public_text(key) == public else None


def sign(key: Ed25519PrivateKey, body: bytes) -> str:
    return _b64(key.sign(SIGNATURE_PREFIX + body))


def signature_holds(public: object, body: bytes, signature: object) -> bool:
    raw_public, raw_signature = _unb64(public), _unb64(signature)
    if raw_public is None or raw_signature is None or len(raw_public) != 32:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(raw_public).verify(
            raw_signature, SIGNATURE_PREFIX + body
        )
    except (InvalidSignature, ValueError):
        return False
    return True
