"""Safe file names for what the vault writes, whatever name a sealed file claims."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 120  # characters, as INTERFACE.md asks of every output name
MAX_NAME_BYTES = 255  # what NTFS, ext4 and APFS accept in one path component
PRINT_SUFFIX = "_impression.pdf"
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{kind}{n}" for kind in ("COM", "LPT") for n in "123456789"
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bidi overrides and isolates, line and paragraph separators: they make a name print as another.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def printable(text: str) -> str:
    """`text` without bidi controls, line separators or control characters, for a terminal."""
    return _CONTROL.sub("_", _INVISIBLE.sub("", text))


def _bounded(stem: str, extra: str) -> str:
    """`stem` cut so that `stem + extra` fits MAX_NAME characters and MAX_NAME_BYTES bytes."""
    stem = stem[: MAX_NAME - len(extra)]
    while len((stem + extra).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem.rstrip(" .") or "dte"


def _safe_stem(name: str) -> str:
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", _INVISIBLE.sub("", name)).strip(" .")
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    stem = stem.strip(" .") or "dte"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem


def safe_pdf_name(name: str) -> str:
    """A plain `.pdf` name: no folder, no `..`, no control or bidi character, no reserved stem."""
    return _bounded(_safe_stem(name), ".pdf") + ".pdf"


def output_names(name: str, role: str, tag: str = "") -> tuple[str, str]:
    """The opened original's and its print copy's names, each within 120 characters, 255 bytes.

    `tag` (a sealed file's id) tells apart two DTE whose names meet once cut or cleaned.
    """
    prefix = "jury_" if role == "jury" else "candidat_"
    suffix = f"-{tag}" if tag else ""
    stem = _bounded(_safe_stem(name), prefix + suffix + PRINT_SUFFIX) + suffix
    return f"{prefix}{stem}.pdf", f"{prefix}{stem}{PRINT_SUFFIX}"
