"""French dates, times and durations as a centre writes them in a letter."""

from __future__ import annotations

from datetime import date, time

from docgen.french import (
    NBSP,
    clock_time,
    date_range,
    duration,
    heading_date,
    long_date,
    short_date,
)


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_dates_are_written_in_french() -> None:
    assert long_date(date(2027, 3, 15)) == "lundi 15 mars 2027"
    assert long_date(date(2027, 3, 1)) == "lundi 1er mars 2027"
    assert heading_date(date(2027, 3, 17)) == "Mercredi 17 mars 2027"
    assert short_date(date(2027, 1, 11)) == "11 janvier 2027"
    assert short_date(date(2027, 2, 1)) == "1er février 2027"


def test_date_ranges_do_not_repeat_month_or_year() -> None:
    assert date_range(date(2027, 3, 15), date(2027, 3, 17)) == "du 15 au 17 mars 2027"
    assert date_range(date(2027, 3, 29), date(2027, 4, 2)) == "du 29 mars au 2 avril 2027"
    assert date_range(date(2026, 12, 30), date(2027, 1, 4)) == (
        "du 30 décembre 2026 au 4 janvier 2027"
    )
    assert date_range(date(2027, 3, 15), date(2027, 3, 15)) == "du 15 mars 2027"


def test_times_and_durations_never_break_between_number_and_unit() -> None:
    assert plain(clock_time(time(8, 30))) == "8 h 30"
    assert plain(clock_time(time(14, 0))) == "14 h 00"
    assert " " not in clock_time(time(8, 30))
    assert plain(duration(40)) == "40 min"
    assert plain(duration(120)) == "2 h"
    assert plain(duration(90)) == "1 h 30"
    assert plain(duration(245)) == "4 h 05"
