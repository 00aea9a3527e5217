"""Safe file names for what the vault writes, whatever name a sealed file claims."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 120
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{kind}{n}" for kind in ("COM", "LPT") for n in "123456789"
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def safe_pdf_name(name: str) -> str:
    """A plain `.pdf` name: no folder, no `..`, no control character, no Windows-reserved stem."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    stem = stem.strip(" .") or "dte"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem[: MAX_NAME - 4] + ".pdf"
