"""How hard a chosen passphrase is to guess: zxcvbn's estimate, taught the French word list.

zxcvbn (Dropbox's estimator, packaged on PyPI) knows English words, names, keyboard walks
(azerty rows included through its qwerty patterns), repeats, sequences and dates. It has no
French dictionary, so the 2,300+ French words docgen draws generated phrases from are given to
it as extra dictionary words: a phrase of common French words is then priced as words, not as
random letters. Generated phrases (6 words from that list, more than 67 bits) pass.
"""

from __future__ import annotations

import math

from zxcvbn import zxcvbn

from docgen.vault.keys import normalise_passphrase
from docgen.vault.mots import WORDS

MIN_BITS = 60
_MAX_LENGTH = 72  # zxcvbn's own limit; a longer phrase is judged on its start (an underestimate)


def estimated_bits(phrase: str) -> float:
    """log2 of the number of guesses zxcvbn expects an attacker to need."""
    text = normalise_passphrase(phrase).decode("utf-8")[:_MAX_LENGTH]
    if not text:
        return 0.0
    guesses = zxcvbn(text, user_inputs=list(WORDS), max_length=_MAX_LENGTH)["guesses"]
    return math.log2(float(guesses))


def strong_enough(phrase: str) -> bool:
    return estimated_bits(phrase) >= MIN_BITS
