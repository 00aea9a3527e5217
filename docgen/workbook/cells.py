"""Cell values read as the workbook contract's types: text, dates, times, numbers, lists."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

EXCEL_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)

# Excel stores control characters as `_xHHHH_`; openpyxl hands them back verbatim.
_CONTROL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_TIME_SUFFIX = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})" + _TIME_SUFFIX)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME_SUFFIX)
_WORDS = re.compile(r"(?:[a-z]+\s+)?(\d{1,2})(?:er)?\s+([a-z]+)\s+(\d{4})")
_DATE_TOKEN = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b|\d{1,2}-\d{1,2}-\d{4}"
)
_RANGE_GLUE = re.compile(r"(?:du|le|au|a|-|–|—|\s)*")
_CLOCK = re.compile(r"(\d{1,2})\s*(?:h|:)\s*(?:(\d{2})\s*(?:min|mn)?)?(?::\d{2})?")
_HOURS_MINUTES = re.compile(
    r"(\d{1,3})\s*(?:h|heures?)\s*(?:(\d{1,2})\s*(?:min|mn|minutes?|m)?)?|(\d{1,3}):(\d{2})(?::00)?"
)
_MINUTES = re.compile(r"(\d+)\s*(?:min|mn|minutes?|m)?")
_WHOLE = re.compile(r"(\d[\d  ]*)(?:[.,]0+)?")
_LIST_SEPARATOR = re.compile(r"[;\n]")
_SPAN_SEPARATOR = re.compile(r"\s*(?:[-–—]|\sà\s|\sa\s)\s*")
_LONGEST_RANGE = 366
_ALL_DAYS = frozenset({"toutes", "tous", "toutes les dates", "tous les jours", "toute la session"})


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
    """Text as typed, without the control characters XML forbids and surrounding spaces."""
    unescaped = _CONTROL_ESCAPE.sub(
        lambda match: chr(int(match[1], 16)) if int(match[1], 16) < 0x20 else match[0], text
    )
    unified = unescaped.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub("", unified).strip()


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
        return clean_text(value)
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return f"{value:.15g}"
    return shown(value)


def calendar_date(value: object) -> date:
    """A real Excel date, or `15/03/2027`, `15/03/27`, `2027-03-15`, `15 mars 2027`."""
    expected = "une date comme 15/03/2027"
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise CellValueError(expected)
    typed = fold(clean_text(value))
    if match := _DAY_FIRST.fullmatch(typed):
        day, month, year = int(match[1]), int(match[2]), _full_year(match[3])
    elif match := _ISO.fullmatch(typed):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif (match := _WORDS.fullmatch(typed)) and match[2] in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2]], int(match[3])
    else:
        raise CellValueError(expected)
    if not 1900 <= year <= 2199:
        raise CellValueError(expected)
    try:
        return date(year, month, day)
    except ValueError:
        raise CellValueError(f"{expected} (ce jour n'existe pas)") from None


def _full_year(typed: str) -> int:
    """Two-digit years as strptime reads them: 69–99 → 19xx, 00–68 → 20xx."""
    year = int(typed)
    if len(typed) == 4:
        return year
    return 1900 + year if year >= 69 else 2000 + year


def time_of_day(value: object) -> time:
    """An Excel time, or `8:30`, `08:30`, `8h30`, `8h`."""
    expected = "une heure comme 8:30 ou 8h30"
    if isinstance(value, datetime):
        return _to_minute(value.time())
    if isinstance(value, time):
        return _to_minute(value)
    if isinstance(value, bool):
        raise CellValueError(expected)
    if isinstance(value, int | float):
        if 0 <= value < 1:
            return _minutes_to_time(round(value * 24 * 60), expected)
        if isinstance(value, int) or value.is_integer():
            return _minutes_to_time(int(value) * 60, expected)
        raise CellValueError(expected)
    if not isinstance(value, str):
        raise CellValueError(expected)
    typed = fold(clean_text(value))
    if typed.isdigit():
        return _minutes_to_time(int(typed) * 60, expected)
    match = _CLOCK.fullmatch(typed)
    if not match or int(match[2] or 0) > 59:
        raise CellValueError(expected)
    return _minutes_to_time(int(match[1]) * 60 + int(match[2] or 0), expected)


def _to_minute(moment: time) -> time:
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6
    return _minutes_to_time(min(round(seconds / 60), 24 * 60 - 1), "une heure")


def _minutes_to_time(minutes: int, expected: str) -> time:
    if not 0 <= minutes < 24 * 60:
        raise CellValueError(expected)
    return time(minutes // 60, minutes % 60)


def duration_minutes(value: object) -> int:
    """Minutes: a number, `90 min`, `1h30`, `1:30`, or an Excel time or duration."""
    expected = "une durée en minutes comme 90, 90 min, 1h30 ou 1:30"
    if isinstance(value, bool):
        raise CellValueError(expected)
    if isinstance(value, timedelta):
        return _non_negative(round(value.total_seconds() / 60), expected)
    if isinstance(value, datetime):
        # Excel durations of a day or more come back as dates just after the 1900 epoch.
        if value < datetime(1900, 3, 1):
            return round((value - datetime(1899, 12, 31)).total_seconds() / 60)
        raise CellValueError(expected)
    if isinstance(value, time):
        return value.hour * 60 + value.minute + round(value.second / 60)
    if isinstance(value, int):
        return _non_negative(value, expected)
    if isinstance(value, float):
        if value.is_integer():
            return _non_negative(int(value), expected)
        if 0 < value < 1:
            return round(value * 24 * 60)
        raise CellValueError(expected)
    if not isinstance(value, str):
        raise CellValueError(expected)
    typed = fold(clean_text(value))
    if match := _MINUTES.fullmatch(typed):
        return int(match[1])
    match = _HOURS_MINUTES.fullmatch(typed)
    if not match:
        raise CellValueError(expected)
    hours, minutes = (match[1], match[2]) if match[1] is not None else (match[3], match[4])
    if int(minutes or 0) > 59:
        raise CellValueError(expected)
    return int(hours) * 60 + int(minutes or 0)


def _non_negative(number: int, expected: str) -> int:
    if number < 0:
        raise CellValueError(expected)
    return number


def whole_number(value: object) -> int:
    """A count: `12`, `12.0`, `1 000`; never negative."""
    expected = "un nombre entier positif ou nul comme 12"
    if isinstance(value, bool):
        raise CellValueError(expected)
    if isinstance(value, int):
        return _non_negative(value, expected)
    if isinstance(value, float) and value.is_integer():
        return _non_negative(int(value), expected)
    if isinstance(value, str) and (match := _WHOLE.fullmatch(clean_text(value))):
        return int(re.sub(r"\D", "", match[1]))
    raise CellValueError(expected)


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


def siret(value: object) -> str:
    """Fourteen digits; spaces, dots and dashes typed between them are dropped."""
    digits = re.sub(r"[\s.\-]", "", text(value))
    if not re.fullmatch(r"\d{14}", digits):
        raise CellValueError("un SIRET de 14 chiffres")
    return digits


def siret_list(value: object) -> tuple[str | None, ...]:
    """SIRETs in the order of `Entreprises`; an empty item stands for a company without one."""
    return tuple(siret(item) if item else None for item in positional_list(value))


def time_span(value: object) -> tuple[time, time]:
    """`12:00-13:00`, `12h-13h`, `12h00 à 13h00`: a start before an end."""
    expected = "une plage horaire comme 12:00-13:00 ou 12h-13h"
    if not isinstance(value, str):
        raise CellValueError(expected)
    parts = _SPAN_SEPARATOR.split(clean_text(value))
    if len(parts) != 2:
        raise CellValueError(expected)
    try:
        start, end = time_of_day(parts[0]), time_of_day(parts[1])
    except CellValueError:
        raise CellValueError(expected) from None
    if end <= start:
        raise CellValueError(f"{expected}, la fin après le début")
    return start, end


def available_days(value: object) -> frozenset[date] | None:
    """Days and ranges (`15/03/2027-17/03/2027`) separated by `;`; `Toutes` means every day."""
    expected = "des dates ou plages comme 15/03/2027; 16/03/2027-17/03/2027, ou « Toutes »"
    if isinstance(value, date):
        return frozenset({calendar_date(value)})
    if not isinstance(value, str):
        raise CellValueError(expected)
    if fold(clean_text(value)).rstrip(".") in _ALL_DAYS:
        return None
    days: set[date] = set()
    for item in text_list(value):
        tokens = _DATE_TOKEN.findall(item)
        if not 1 <= len(tokens) <= 2 or not _RANGE_GLUE.fullmatch(fold(_DATE_TOKEN.sub(" ", item))):
            raise CellValueError(expected)
        try:
            first, last = calendar_date(tokens[0]), calendar_date(tokens[-1])
        except CellValueError:
            raise CellValueError(expected) from None
        span = (last - first).days
        if not 0 <= span <= _LONGEST_RANGE:
            raise CellValueError(f"{expected} (une plage va de la première à la dernière date)")
        days.update(first + timedelta(days=offset) for offset in range(span + 1))
    return frozenset(days)
