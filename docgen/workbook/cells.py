"""Cell values read as the workbook contract's types: text, dates, times, numbers, lists."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time

EXCEL_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)

# Excel stores control characters as `_xHHHH_`; openpyxl hands them back verbatim.
_CONTROL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_WHOLE = re.compile(r"(\d{1,3}(?:[  ]\d{3})+|\d+)(?:[.,]0+)?")
_LINE_BREAKS = re.compile(r"\s*[\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
# No count in a session comes near; beyond, a value is a typing accident (and a 5,000-digit
# number would not even convert).
LARGEST_COUNT = 100_000
# The longest text a cell may hold: a description fits many times over.
LONGEST_TEXT = 5_000
_LIST_SEPARATOR = re.compile(r"[;\n]")


class CellValueError(ValueError):
    """A value cannot be read as the expected type; `expected` says in French what would be."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def fold(text: str) -> str:
    """Lower case, no accents, one apostrophe, single spaces: how loose matching compares words."""
    decomposed = unicodedata.normalize("NFKD", text.replace("°", "o"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = bare.replace("’", "'").replace("‘", "'").replace("`", "'")
    return " ".join(bare.lower().split())


def clean_text(text: str) -> str:
    """Text as typed, without the control characters XML forbids, byte-order marks (pasted from
    a text file, invisible and not a space to `strip`) and surrounding spaces."""
    unescaped = _CONTROL_ESCAPE.sub(
        lambda match: chr(int(match[1], 16)) if int(match[1], 16) < 0x20 else match[0], text
    )
    unified = unescaped.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub("", unified).replace("\ufeff", "").strip()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and clean_text(value) == "")


def is_excel_error(value: object) -> bool:
    """A formula whose cached result is an Excel error such as `#N/A`."""
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


def shown(value: object) -> str:
    """A value the way a user would recognise it in a message."""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float):
        return f"{value:.15g}".replace(".", ",")
    text = clean_text(str(value)).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "…"


def text(value: object) -> str:
    """Any value as text: numbers without a spurious `.0`, dates as `15/03/2027`."""
    if isinstance(value, str):
        if len(value) > LONGEST_TEXT * 2:
            raise CellValueError(_SHORTER)
        cleaned = clean_text(value)
        if len(cleaned) > LONGEST_TEXT:
            raise CellValueError(_SHORTER)
        return cleaned
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return f"{value:.15g}"
    return shown(value)


_SHORTER = f"un texte de moins de {LONGEST_TEXT:,} caractères".replace(",", "\u202f")


def line(value: object) -> str:
    """Text for a one-line field (a name, a title): line breaks typed with Alt+Entrée become
    spaces, so the value prints on one line and fits a calendar file's one-line fields."""
    return _LINE_BREAKS.sub(" ", text(value))


def email(value: object) -> str:
    """An e-mail address: one word holding an `@`, as typed."""
    address = text(value)
    if not re.fullmatch(r"[^\s@]+@[^\s@]+", address):
        raise CellValueError(
            "une adresse e-mail comme nom@domaine.fr, sans espace ni retour à la ligne"
        )
    return address


def non_negative(number: int, expected: str) -> int:
    if not 0 <= number <= LARGEST_COUNT:
        raise CellValueError(f"{expected} (au plus {LARGEST_COUNT:,})".replace(",", "\u202f"))
    return number


def whole_number(value: object) -> int:
    """A count: `12`, `12.0`, `1 000`; never negative."""
    expected = "un nombre entier positif ou nul comme 12"
    if isinstance(value, bool):
        raise CellValueError(expected)
    if isinstance(value, int):
        return non_negative(value, expected)
    if isinstance(value, float) and value.is_integer():
        return non_negative(int(value), expected)
    if isinstance(value, str) and (match := _WHOLE.fullmatch(text(value))):
        return non_negative(bounded_int(re.sub(r"\D", "", match[1]), expected), expected)
    raise CellValueError(expected)


def bounded_int(digits: str, expected: str) -> int:
    """Digits typed in a cell as a number; too many digits for any count is unreadable."""
    if len(digits) > len(str(LARGEST_COUNT)) + 2:
        raise CellValueError(f"{expected} (au plus {LARGEST_COUNT:,})".replace(",", "\u202f"))
    return int(digits)


def percent(value: object) -> int:
    """A whole percentage: `33`, `33 %`, 33.0, or Excel's 0.33 shown as 33 %."""
    expected = "un pourcentage entier comme 33 ou 33 %"
    if isinstance(value, float) and 0 < value < 1:
        scaled = value * 100
        if abs(scaled - round(scaled)) > 1e-6:
            raise CellValueError(expected)
        return round(scaled)
    if isinstance(value, str):
        value = clean_text(value).removesuffix("%").strip()
    try:
        return whole_number(value)
    except CellValueError:
        raise CellValueError(expected) from None


_YES = frozenset({"oui", "o", "x", "vrai", "yes", "y", "true", "1", "✓", "✔"})
_NO = frozenset({"non", "n", "faux", "no", "false", "0", "-"})


def yes_no(value: object) -> bool:
    """`Oui`/`Non`, `O`/`N`, `X`, `Vrai`/`Faux`, `Yes`/`No`, or a real boolean."""
    expected = "Oui ou Non (ou X pour oui)"
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        typed = fold(clean_text(value)).rstrip(".")
        if typed in _YES:
            return True
        if typed in _NO:
            return False
    raise CellValueError(expected)


def text_list(value: object) -> tuple[str, ...]:
    """Items separated by `;` or line breaks, empty items dropped."""
    return tuple(item for item in positional_list(value) if item)


def positional_list(value: object) -> tuple[str, ...]:
    """Items separated by `;` or line breaks, empty items kept (except at the end) for alignment."""
    items = [item.strip() for item in _LIST_SEPARATOR.split(text(value))]
    while items and not items[-1]:
        items.pop()
    return tuple(items)


def session_postal_code(value: object) -> str:
    """Five digits, typed as text (`06000`, `75 001`) or as a number (6000 → `06000`)."""
    expected = "un code postal de 5 chiffres comme 06000"
    code = postal_code(value).replace(" ", "").replace(" ", "")
    if not re.fullmatch(r"\d{5}", code):
        raise CellValueError(expected)
    return code


def postal_code(value: object) -> str:
    """A postal code as typed; a number gets back the leading zero Excel dropped."""
    if isinstance(value, bool):
        raise CellValueError("un code postal comme 06000")
    if isinstance(value, int | float) and float(value).is_integer() and 0 < value < 100000:
        return f"{int(value):05d}"
    return text(value)


def phone(value: object) -> str:
    """A phone number as typed; nine digits typed as a number get back their leading zero."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = text(value)
        if re.fullmatch(r"[1-9]\d{8}", digits):
            return "0" + digits
    return line(value)


def siret(value: object) -> str:
    """Fourteen digits; spaces, dots and dashes typed between them are dropped."""
    digits = re.sub(r"[\s.\-]", "", text(value))
    if not re.fullmatch(r"\d{14}", digits):
        raise CellValueError("un SIRET de 14 chiffres")
    return digits


def siret_list(value: object) -> tuple[str | None, ...]:
    """SIRETs in the order of `Entreprises`; an empty item stands for a company without one."""
    return tuple(siret(item) if item else None for item in positional_list(value))
