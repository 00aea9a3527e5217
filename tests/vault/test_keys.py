"""Passphrases, recovery codes and KDF bounds."""

from __future__ import annotations

import pytest

from docgen.vault.keys import (
    Argon2Params,
    ScryptParams,
    SealError,
    default_kdf,
    generate_passphrase,
    new_recovery_code,
    normalise_passphrase,
    parse_kdf,
    recovery_bytes,
    word_list,
)


def test_the_word_list_is_large_plain_and_unique() -> None:
    words = word_list()
    assert len(words) >= 2048 and len(set(words)) == len(words)
    assert all(w.isascii() and w.isalpha() and w.islower() for w in words)


def test_a_generated_passphrase_has_six_words_from_the_list() -> None:
    phrase = generate_passphrase()
    assert len(phrase.split()) == 6 and set(phrase.split()) <= set(word_list())
    assert generate_passphrase() != phrase


def test_passphrases_typed_with_extra_spaces_are_the_same() -> None:
    assert normalise_passphrase("  lapin   citron\torage ") == b"lapin citron orage"
    assert normalise_passphrase("e\u0301te\u0301") == "été".encode()


def test_a_recovery_code_survives_copying_slips() -> None:
    code = new_recovery_code()
    assert len(code.split("-")) == 8
    sloppy = code.lower().replace("-", " ").replace("O", "0").replace("I", "1")
    assert recovery_bytes(sloppy) == recovery_bytes(code)
    with pytest.raises(SealError):
        recovery_bytes(code[:-5])


@pytest.mark.parametrize(
    "params",
    [
        {"alg": "argon2id", "m": 2**40, "t": 3, "p": 4},
        {"alg": "argon2id", "m": 262144, "t": 10**9, "p": 4},
        {"alg": "argon2id", "m": 262144, "t": 3, "p": 0},
        {"alg": "argon2id", "m": 262144, "t": 3, "p": 4.0},
        {"alg": "argon2id", "m": 262144, "t": True, "p": 4},
        {"alg": "scrypt", "log_n": 40, "r": 8, "p": 1},
        {"alg": "scrypt", "log_n": 20, "r": 32, "p": 1},
        {"alg": "pbkdf2", "i": 1},
        {"alg": "argon2id", "m": 262144, "t": 3, "p": 4, "extra": 1},
    ],
)
def test_absurd_kdf_parameters_are_refused(params: dict[str, object]) -> None:
    with pytest.raises(SealError) as refused:
        parse_kdf(params)
    assert refused.value.reason in {"kdf-bounds", "header"}


def test_the_defaults_are_the_issue_costs() -> None:
    assert Argon2Params() == Argon2Params(memory_kib=262144, iterations=3, lanes=4)
    assert ScryptParams().log_n == 18
    assert default_kdf() in (Argon2Params(), ScryptParams())
    assert parse_kdf(Argon2Params().to_json()) == Argon2Params()
    assert parse_kdf(ScryptParams().to_json()) == ScryptParams()
