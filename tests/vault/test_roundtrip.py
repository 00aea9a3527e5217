"""Property: whatever the size, sealing then opening gives back the same bytes."""

from __future__ import annotations

import io

from hypothesis import example, given, settings
from hypothesis import strategies as st

from docgen.vault.format import CHUNK, decrypt_payload, read_header, unwrap_file_key
from docgen.vault.keys import KeyCache, Secrets
from tests.vault.test_format import make_file

EDGES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 1]
SECRETS = Secrets(("un", "deux"))


@settings(max_examples=25, deadline=None)
@example(size=0, seed=b"a")
@example(size=1, seed=b"a")
@example(size=CHUNK - 1, seed=b"ab")
@example(size=CHUNK, seed=b"ab")
@example(size=CHUNK + 1, seed=b"ab")
@given(
    size=st.one_of(st.sampled_from(EDGES), st.integers(0, 4 * CHUNK)),
    seed=st.binary(min_size=1, max_size=16),
)
def test_round_trip_over_sizes_around_the_chunk(size: int, seed: bytes) -> None:
    plaintext = (seed * (size // len(seed) + 1))[:size]
    sealed = make_file(plaintext=plaintext, secrets=SECRETS)
    stream = io.BytesIO(sealed)
    header = read_header(stream)
    out: list[bytes] = []
    decrypt_payload(header, unwrap_file_key(header, SECRETS, KeyCache()), stream, out.append)
    assert b"".join(out) == plaintext
    if size >= 32:
        assert plaintext not in sealed
