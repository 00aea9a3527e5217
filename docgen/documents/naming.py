"""Safe, unique file names for generated documents, built from the data people typed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_CHARACTERS = 120
MAX_BYTES = 240
"""Most file systems cap a name at 255 bytes; accented letters and emoji take 2 to 4 each."""

WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{digit}" for device in ("COM", "LPT") for digit in "0123456789¹²³"}
)
FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
FALLBACK = "document"


def _clean_part(text: str) -> str:
    """One piece of a name: visible characters only, no separators, spaces turned into `-`."""
    text = unicodedata.normalize("NFC", text)
    # Cc are control characters; Cf hides text (bidi overrides that disguise an extension).
    text = "".join(" " if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} else c for c in text)
    text = FORBIDDEN.sub("-", text)
    text = re.sub(r"\s+", "-", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"-{2,}", "-", text)
    return text.strip("-._ ")


def _fit(stem: str, suffix: str) -> str:
    """Cut the stem so that the whole name stays within the character and byte limits."""
    stem = stem[: MAX_CHARACTERS - len(suffix)]
    while len((stem + suffix).encode("utf-8")) > MAX_BYTES:
        stem = stem[:-1]
    return stem.rstrip("-._ ") or FALLBACK


def _not_reserved(stem: str) -> str:
    """Windows refuses `CON`, `CON.txt`, `lpt1.x`…: the part before the first dot must differ."""
    base, dot, rest = stem.partition(".")
    if base.upper() in WINDOWS_RESERVED:
        return f"{base}_{dot}{rest}"
    return stem


def safe_file_name(parts: Iterable[str], suffix: str = ".docx") -> str:
    """`<part>_<part>_….<suffix>`, safe on Windows, macOS and Linux (not yet unique)."""
    stem = "_".join(piece for piece in (_clean_part(part) for part in parts) if piece)
    return _not_reserved(_fit(stem or FALLBACK, suffix)) + suffix


class UniqueNames:
    """Hands out file names for one folder, never twice (ignoring case, as Windows and macOS do)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, parts: Iterable[str], suffix: str = ".docx") -> str:
        name = safe_file_name(parts, suffix)
        stem = name[: -len(suffix)] if suffix else name
        number = 1
        while name.casefold() in self._taken:
            number += 1
            marker = f"-{number}"
            name = _not_reserved(_fit(stem, marker + suffix)) + marker + suffix
        self._taken.add(name.casefold())
        return name
