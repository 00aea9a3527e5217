"""Dates, times, durations and availabilities read from every way people type them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from docgen.workbook import moments
from docgen.workbook.cells import CellValueError


@pytest.mark.parametrize(
    "typed",
    [
        date(2027, 3, 15),
        datetime(2027, 3, 15, 0, 0),
        "15/03/2027",
        "15/03/27",
        "2027-03-15",
        " 15/3/2027 ",
        "15.03.2027",
        "15-03-2027",
        "2027-03-15 00:00:00",
        "15 mars 2027",
        "lundi 15 mars 2027",
    ],
)
def test_dates(typed: object) -> None:
    assert moments.calendar_date(typed) == date(2027, 3, 15)


def test_two_digit_years_of_birth_stay_in_the_last_century() -> None:
    assert moments.calendar_date("04/05/85") == date(1985, 5, 4)
    assert moments.calendar_date("04/05/01") == date(2001, 5, 4)


@pytest.mark.parametrize("typed", ["31/02/2027", "15/13/2027", "demain", "15/03", 46461, True])
def test_not_dates(typed: object) -> None:
    with pytest.raises(CellValueError, match="date"):
        moments.calendar_date(typed)


@pytest.mark.parametrize(
    "typed",
    [
        time(8, 30),
        datetime(1899, 12, 30, 8, 30),
        8.5 / 24,
        "8:30",
        "08:30",
        "8h30",
        "8H30",
        "8 h 30",
        "08:30:00",
    ],
)
def test_times(typed: object) -> None:
    assert moments.time_of_day(typed) == time(8, 30)


@pytest.mark.parametrize("typed", ["8h", "8", 8, "08:00"])
def test_whole_hours(typed: object) -> None:
    assert moments.time_of_day(typed) == time(8, 0)


@pytest.mark.parametrize("typed", ["25:00", "8h75", "midi", 8.5, -0.1, date(2027, 3, 15)])
def test_not_times(typed: object) -> None:
    with pytest.raises(CellValueError, match="heure"):
        moments.time_of_day(typed)


@pytest.mark.parametrize(
    "typed",
    [90, 90.0, "90", "90 min", "90min", "90 minutes", "1h30", "1 h 30", "1h30min", "1:30",
     "01:30:00", time(1, 30), timedelta(minutes=90), 1.5 / 24],
)  # fmt: skip
def test_durations(typed: object) -> None:
    assert moments.duration_minutes(typed) == 90


def test_long_durations() -> None:
    assert moments.duration_minutes("4h") == 240
    assert moments.duration_minutes(timedelta(hours=26)) == 26 * 60
    assert moments.duration_minutes(datetime(1900, 1, 1, 1, 30)) == 25 * 60 + 30  # Excel's 1.0625


@pytest.mark.parametrize(
    "typed", ["1h75", "une heure", -5, True, 90.5, datetime(1850, 1, 1), datetime(2027, 3, 15)]
)
def test_not_durations(typed: object) -> None:
    with pytest.raises(CellValueError, match="durée"):
        moments.duration_minutes(typed)


@pytest.mark.parametrize(
    "typed", ["12:00-13:00", "12h-13h", "12h00 - 13h00", "12:00 à 13:00", "12h – 13h"]
)
def test_lunch_breaks(typed: str) -> None:
    assert moments.time_span(typed) == (time(12), time(13))


@pytest.mark.parametrize("typed", ["13:00-12:00", "12:00", "midi", time(12)])
def test_not_lunch_breaks(typed: object) -> None:
    with pytest.raises(CellValueError, match="plage horaire"):
        moments.time_span(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Toutes", None),
        ("toutes", None),
        ("15/03/2027", {date(2027, 3, 15)}),
        (datetime(2027, 3, 15), {date(2027, 3, 15)}),
        ("15/03/2027-17/03/2027", {date(2027, 3, 15), date(2027, 3, 16), date(2027, 3, 17)}),
        ("du 15/03/2027 au 16/03/2027", {date(2027, 3, 15), date(2027, 3, 16)}),
        ("2027-03-15 - 2027-03-16", {date(2027, 3, 15), date(2027, 3, 16)}),
        ("15/03/2027; 17/03/2027", {date(2027, 3, 15), date(2027, 3, 17)}),
        ("15/03/2027, 17/03/2027", {date(2027, 3, 15), date(2027, 3, 17)}),
        ("15/03/27\n17/03/27", {date(2027, 3, 15), date(2027, 3, 17)}),
    ],
)
def test_availabilities(typed: object, expected: set[date] | None) -> None:
    days = moments.available_days(typed)
    assert days == (None if expected is None else frozenset(expected))


@pytest.mark.parametrize("typed", ["17/03/2027-15/03/2027", "lundi", "15/03", "15/03/2027 sauf"])
def test_not_availabilities(typed: str) -> None:
    with pytest.raises(CellValueError, match="Toutes"):
        moments.available_days(typed)
