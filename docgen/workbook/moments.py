"""Dates, times of day, durations and availabilities, typed as Excel values or as text."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from docgen.workbook.cells import (
    CellValueError,
    bounded_int,
    clean_text,
    fold,
    non_negative,
    text,
)

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
_SPAN_SEPARATOR = re.compile(r"\s*(?:[-–—]|\sà\s|\sa\s)\s*")
_DAYS_SEPARATOR = re.compile(r"[;\n,]")
_LONGEST_RANGE = 366
# Excel dates run to 9999; a session's dates sit in this window, anything else is a typing
# accident (and 31/12/9999 would overflow every calculation a day later).
SESSION_YEARS = (2000, 2100)
ANY_YEARS = (1900, 2100)
_LONGEST_TYPED = 2_000
_ALL_DAYS = frozenset({"toutes", "tous", "toutes les dates", "tous les jours", "toute la session"})


def calendar_date(value: object) -> date:
    """A date between 1900 and 2100 (a birth date, say), typed as in `session_date`."""
    return _date_within(value, ANY_YEARS)


def session_date(value: object) -> date:
    """A real Excel date, or `15/03/2027`, `15/03/27`, `2027-03-15`, `15 mars 2027`, between
    2000 and 2100."""
    return _date_within(value, SESSION_YEARS)


def _date_within(value: object, years: tuple[int, int]) -> date:
    first, last = years
    found = _calendar_date(value, "une date comme 15/03/2027")
    if not first <= found.year <= last:
        raise CellValueError(f"une date entre {first} et {last}, comme 15/03/2027")
    return found


def _typed(value: str, expected: str) -> str:
    """What was typed, folded for matching; a page of text is no date, time or duration."""
    if len(value) > _LONGEST_TYPED:
        raise CellValueError(expected)
    return fold(clean_text(value))


def _calendar_date(value: object, expected: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise CellValueError(expected)
    typed = _typed(value, expected)
    if match := _DAY_FIRST.fullmatch(typed):
        day, month, year = int(match[1]), int(match[2]), _full_year(match[3])
    elif match := _ISO.fullmatch(typed):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif (match := _WORDS.fullmatch(typed)) and match[2] in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2]], int(match[3])
    else:
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
    typed = _typed(value, expected)
    if typed.isdigit():
        return _minutes_to_time(bounded_int(typed, expected) * 60, expected)
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
        return non_negative(round(value.total_seconds() / 60), expected)
    if isinstance(value, datetime):
        # Excel durations of a day or more come back as dates just after the 1900 epoch.
        if value < datetime(1900, 3, 1):
            elapsed = round((value - datetime(1899, 12, 31)).total_seconds() / 60)
            return non_negative(elapsed, expected)
        raise CellValueError(expected)
    if isinstance(value, time):
        return value.hour * 60 + value.minute + round(value.second / 60)
    if isinstance(value, int):
        return non_negative(value, expected)
    if isinstance(value, float):
        if value.is_integer():
            return non_negative(int(value), expected)
        if 0 < value < 1:
            return round(value * 24 * 60)
        raise CellValueError(expected)
    if not isinstance(value, str):
        raise CellValueError(expected)
    typed = _typed(value, expected)
    if match := _MINUTES.fullmatch(typed):
        return non_negative(bounded_int(match[1], expected), expected)
    match = _HOURS_MINUTES.fullmatch(typed)
    if not match:
        raise CellValueError(expected)
    hours, minutes = (match[1], match[2]) if match[1] is not None else (match[3], match[4])
    if int(minutes or 0) > 59:
        raise CellValueError(expected)
    return int(hours) * 60 + int(minutes or 0)


def step_duration(value: object) -> int:
    """A step's duration: at least one minute (a step of 0 minutes would vanish from the plan)."""
    minutes = duration_minutes(value)
    if minutes <= 0:
        raise CellValueError("une durée d'au moins une minute, comme 90, 1h30 ou 1:30")
    return minutes


def time_span(value: object) -> tuple[time, time]:
    """`12:00-13:00`, `12h-13h`, `12h00 à 13h00`: a start before an end."""
    expected = "une plage horaire comme 12:00-13:00 ou 12h-13h"
    if not isinstance(value, str):
        raise CellValueError(expected)
    parts = _SPAN_SEPARATOR.split(_typed(value, expected))
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
        return frozenset({session_date(value)})
    if not isinstance(value, str):
        raise CellValueError(expected)
    if _typed(value, expected).rstrip(".") in _ALL_DAYS:
        return None
    days: set[date] = set()
    # Dates hold no comma, so a comma is one more list separator here, as people write lists.
    for item in filter(None, (item.strip() for item in _DAYS_SEPARATOR.split(text(value)))):
        tokens = _DATE_TOKEN.findall(item)
        if not 1 <= len(tokens) <= 2 or not _RANGE_GLUE.fullmatch(fold(_DATE_TOKEN.sub(" ", item))):
            raise CellValueError(expected)
        try:
            first, last = session_date(tokens[0]), session_date(tokens[-1])
        except CellValueError:
            raise CellValueError(expected) from None
        span = (last - first).days
        if not 0 <= span <= _LONGEST_RANGE:
            raise CellValueError(f"{expected} (une plage va de la première à la dernière date)")
        days.update(first + timedelta(days=offset) for offset in range(span + 1))
    return frozenset(days)
