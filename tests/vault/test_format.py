"""Format vectors in the style of age's test kit: one per failure class, with its outcome."""

from __future__ import annotations

import base64
import io
import json
import struct
from collections.abc import Callable

import pytest

from docgen.vault.format import (
    MAC_SIZE,
    MAGIC,
    Header,
    canonical_json,
    custodian_wrap,
    decrypt_payload,
    read_header,
    seal_bytes,
    unwrap_file_key,
)
from docgen.vault.keys import KeyCache, SealError, Secrets
from tests.vault.conftest import FAST_KDF, MARKER, PAIR

CHUNK_CT = 16 * 1024 + 16  # one full Cobblestone chunk with its tag
PLAINTEXT = MARKER + bytes(range(256)) * 200  # about 51 KB: four chunks


def make_file(plaintext: bytes = PLAINTEXT, secrets: Secrets = PAIR, **fields: object) -> bytes:
    header = Header(
        vault="v" * 32,
        session="exemple",
        role="jury",
        file="f" * 16,
        generation=1,
        opening="2027-03-15T08:00:00+01:00",
        name="DTE jury.pdf",
        sealed_at="2027-03-01T09:00:00+00:00",
        wraps=(),
    )
    header = Header(**{**header.__dict__, **fields})
    salts = [bytes([i]) * 16 for i in range(len(secrets.custodians))]
    wraps = [custodian_wrap(FAST_KDF, salts, secrets.custodians, KeyCache())]
    return seal_bytes(header, plaintext, bytes(range(32)), wraps)


def decrypt(data: bytes, secrets: Secrets = PAIR) -> bytes:
    stream = io.BytesIO(data)
    sealed = read_header(stream)
    key = unwrap_file_key(sealed, secrets, KeyCache())
    out: list[bytes] = []
    decrypt_payload(sealed, key, stream, out.append)
    return b"".join(out)


def header_span(data: bytes) -> tuple[int, int]:
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    return start, start + length


def payload_start(data: bytes) -> int:
    return header_span(data)[1] + MAC_SIZE


def flip(data: bytes, offset: int) -> bytes:
    return data[:offset] + bytes([data[offset] ^ 0x01]) + data[offset + 1 :]


def edit_header(data: bytes, change: Callable[[dict[str, object]], None]) -> bytes:
    start, end = header_span(data)
    header = json.loads(data[start:end])
    change(header)
    raw = canonical_json(header)
    return MAGIC + struct.pack(">I", len(raw)) + raw + data[end:]


SEALED = make_file()
OTHER = make_file(plaintext=b"autre contenu " * 3000)


def test_a_good_file_opens_byte_for_byte() -> None:
    assert decrypt(SEALED) == PLAINTEXT


def _wrap_key_flipped(header: dict[str, object]) -> None:
    wraps = header["wraps"]
    assert isinstance(wraps, list)
    key = bytearray(base64.b64decode(wraps[0]["key"]))
    key[3] ^= 0x01
    wraps[0]["key"] = base64.b64encode(bytes(key)).decode()


def _session_changed(header: dict[str, object]) -> None:
    header["session"] = "autre"


def _role_swapped(header: dict[str, object]) -> None:
    header["role"] = "candidat"


def _absurd_kdf(header: dict[str, object]) -> None:
    wraps = header["wraps"]
    assert isinstance(wraps, list)
    wraps[0]["kdf"] = {"alg": "argon2id", "m": 2**40, "t": 3, "p": 4}


def _start(data: bytes) -> int:
    return payload_start(data)


VECTORS: dict[str, tuple[Callable[[], bytes], Secrets, str]] = {
    "wrong secret": (lambda: SEALED, Secrets(("lapin citron orage", "faux")), "secret"),
    "custodians swapped": (lambda: SEALED, Secrets(PAIR.custodians[::-1]), "secret"),
    "one custodian only": (lambda: SEALED, Secrets(PAIR.custodians[:1]), "secret"),
    "flipped bit in header field": (
        lambda: edit_header(SEALED, _session_changed),
        PAIR,
        "mac",
    ),
    "role swapped in the header": (lambda: edit_header(SEALED, _role_swapped), PAIR, "mac"),
    "flipped bit in header bytes": (
        lambda: flip(SEALED, header_span(SEALED)[0] + 12),
        PAIR,
        "mac",
    ),
    "flipped bit in header syntax": (
        lambda: flip(SEALED, header_span(SEALED)[0]),
        PAIR,
        "header",
    ),
    "flipped bit in key-wrap entry": (
        lambda: edit_header(SEALED, _wrap_key_flipped),
        PAIR,
        "secret",
    ),
    "flipped bit in MAC": (lambda: flip(SEALED, header_span(SEALED)[1] + 5), PAIR, "mac"),
    "flipped bit in first chunk": (lambda: flip(SEALED, _start(SEALED) + 60), PAIR, "payload"),
    "flipped bit in middle chunk": (
        lambda: flip(SEALED, _start(SEALED) + 56 + CHUNK_CT + 100),
        PAIR,
        "payload",
    ),
    "flipped bit in last chunk": (lambda: flip(SEALED, len(SEALED) - 3), PAIR, "payload"),
    "truncated by one byte": (lambda: SEALED[:-1], PAIR, "payload"),
    "truncated at a chunk boundary": (
        lambda: SEALED[: _start(SEALED) + 56 + 2 * CHUNK_CT],
        PAIR,
        "payload",
    ),
    "trailing data": (lambda: SEALED + b"\x00", PAIR, "payload"),
    "chunks swapped": (
        lambda: (
            SEALED[: _start(SEALED) + 56]
            + SEALED[_start(SEALED) + 56 + CHUNK_CT : _start(SEALED) + 56 + 2 * CHUNK_CT]
            + SEALED[_start(SEALED) + 56 : _start(SEALED) + 56 + CHUNK_CT]
            + SEALED[_start(SEALED) + 56 + 2 * CHUNK_CT :]
        ),
        PAIR,
        "payload",
    ),
    "chunk duplicated": (
        lambda: (
            SEALED[: _start(SEALED) + 56 + CHUNK_CT]
            + SEALED[_start(SEALED) + 56 : _start(SEALED) + 56 + CHUNK_CT]
            + SEALED[_start(SEALED) + 56 + CHUNK_CT :]
        ),
        PAIR,
        "payload",
    ),
    "payload grafted from another file": (
        lambda: SEALED[: _start(SEALED)] + OTHER[_start(OTHER) :],
        PAIR,
        "payload",
    ),
    "non-canonical header": (
        lambda: (
            MAGIC
            + struct.pack(
                ">I",
                len(
                    json.dumps(
                        json.loads(SEALED[header_span(SEALED)[0] : header_span(SEALED)[1]]),
                        indent=1,
                    ).encode()
                ),
            )
            + json.dumps(
                json.loads(SEALED[header_span(SEALED)[0] : header_span(SEALED)[1]]), indent=1
            ).encode()
            + SEALED[header_span(SEALED)[1] :]
        ),
        PAIR,
        "non-canonical",
    ),
    "absurd KDF parameters": (lambda: edit_header(SEALED, _absurd_kdf), PAIR, "kdf-bounds"),
    "empty file": (lambda: b"", PAIR, "not-sealed"),
    "partial file (magic only)": (lambda: MAGIC, PAIR, "truncated"),
    "partial file (header cut)": (lambda: SEALED[: header_span(SEALED)[0] + 40], PAIR, "truncated"),
    "partial file (no payload)": (lambda: SEALED[: _start(SEALED)], PAIR, "payload"),
    "recovery code on a file without one": (
        lambda: SEALED,
        Secrets(recovery="AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"),
        "no-recovery",
    ),
}


@pytest.mark.parametrize("case", sorted(VECTORS))
def test_each_failure_class_is_refused_with_its_reason(case: str) -> None:
    build, secrets, reason = VECTORS[case]
    with pytest.raises(SealError) as refused:
        decrypt(build(), secrets)
    assert refused.value.reason == reason
    assert MARKER.decode() not in refused.value.message


def test_absurd_kdf_is_rejected_before_any_kdf_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*_: object) -> bytes:
        raise AssertionError("a KDF ran on parameters read from a file")

    monkeypatch.setattr("docgen.vault.keys.Argon2Params.derive", forbidden)
    with pytest.raises(SealError) as refused:
        read_header(io.BytesIO(edit_header(SEALED, _absurd_kdf)))
    assert refused.value.reason == "kdf-bounds"


def test_a_truncated_payload_may_stream_plaintext_but_always_fails_at_the_end() -> None:
    stream = io.BytesIO(SEALED[:-20])
    sealed = read_header(stream)
    key = unwrap_file_key(sealed, PAIR, KeyCache())
    seen: list[bytes] = []
    with pytest.raises(SealError):
        decrypt_payload(sealed, key, stream, seen.append)
    # Why opening writes into a temp file and renames only after success:
    assert MARKER in b"".join(seen)


def test_the_header_says_what_the_file_is_without_any_secret() -> None:
    header = read_header(io.BytesIO(SEALED)).header
    assert (header.session, header.role, header.generation) == ("exemple", "jury", 1)
    assert MARKER not in SEALED


def test_the_scrypt_fallback_seals_and_opens() -> None:
    from docgen.vault.keys import ScryptParams

    salts = [b"\x01" * 16, b"\x02" * 16]
    wraps = [custodian_wrap(ScryptParams(log_n=4, r=8, p=1), salts, PAIR.custodians, KeyCache())]
    header = read_header(io.BytesIO(SEALED)).header
    sealed = seal_bytes(header, PLAINTEXT, bytes(32), wraps)
    assert decrypt(sealed) == PLAINTEXT
    with pytest.raises(SealError):
        decrypt(sealed, Secrets(PAIR.custodians[::-1]))
