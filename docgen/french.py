"""French administrative spelling of dates, times and durations (Babel), for every text."""

from __future__ import annotations

import functools
from datetime import date, time

from babel.dates import format_date, format_time

LOCALE = "fr_FR"
NBSP = "\u00a0"
"""Between a number and its unit, so that « 8 h 30 » never breaks over two lines."""


def _day_number(day: date) -> str:
    return "1er" if day.day == 1 else str(day.day)


@functools.cache  # a session's documents repeat the same few days thousands of times
def long_date(day: date) -> str:
    """« lundi 15 mars 2027 », « lundi 1er mars 2027 »."""
    weekday = format_date(day, "EEEE", locale=LOCALE)
    month_year = format_date(day, "MMMM y", locale=LOCALE)
    return f"{weekday} {_day_number(day)} {month_year}"


def heading_date(day: date) -> str:
    """« Lundi 15 mars 2027 », for a heading or a table cell."""
    text = long_date(day)
    return text[:1].upper() + text[1:]


@functools.cache
def short_date(day: date) -> str:
    """« 15 mars 2027 », the date of issue of a letter."""
    return f"{_day_number(day)} {format_date(day, 'MMMM y', locale=LOCALE)}"


def date_range(start: date, end: date) -> str:
    """« du 15 au 17 mars 2027 », « du 29 mars au 2 avril 2027 », or « du 15 mars 2027 »."""
    if end <= start:
        return f"du {short_date(start)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"du {_day_number(start)} au {short_date(end)}"
    if start.year == end.year:
        first = f"{_day_number(start)} {format_date(start, 'MMMM', locale=LOCALE)}"
        return f"du {first} au {short_date(end)}"
    return f"du {short_date(start)} au {short_date(end)}"


@functools.cache  # Babel's formatting is slow and a session's documents repeat a few times
def clock_time(moment: time) -> str:
    """« 8 h 30 », « 14 h 00 »: the usual style of French administrative letters."""
    text: str = format_time(moment, "H' h 'mm", locale=LOCALE)
    return text.replace(" ", NBSP)


def duration(minutes: int) -> str:
    """« 40 min », « 2 h », « 1 h 30 »."""
    hours, rest = divmod(max(minutes, 0), 60)
    if hours == 0:
        return f"{rest}{NBSP}min"
    if rest == 0:
        return f"{hours}{NBSP}h"
    return f"{hours}{NBSP}h{NBSP}{rest:02d}"
