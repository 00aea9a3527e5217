"""Public holidays by département, working days, deadlines and time zones."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen import calendar
from docgen.calendar import (
    deadline,
    holiday_name,
    is_working_day,
    session_days,
    timezone_for,
)


def test_national_holidays_have_their_french_names() -> None:
    assert holiday_name(date(2027, 5, 17), "69") == "Lundi de Pentecôte"
    assert holiday_name(date(2027, 7, 14), "75") == "Fête nationale"
    assert holiday_name(date(2027, 5, 18), "69") is None


@pytest.mark.parametrize("departement", ["57", "67", "68"])
def test_alsace_and_moselle_add_good_friday_and_saint_stephen(departement: str) -> None:
    assert holiday_name(date(2027, 3, 26), departement) == "Vendredi saint"
    assert holiday_name(date(2028, 12, 26), departement) == "Saint-Étienne"
    assert not is_working_day(date(2027, 3, 26), departement)
    assert not is_working_day(date(2028, 12, 26), departement)


@pytest.mark.parametrize("departement", ["69", "75", "54", "2A"])
def test_the_rest_of_metropolitan_france_works_on_good_friday(departement: str) -> None:
    assert holiday_name(date(2027, 3, 26), departement) is None
    assert is_working_day(date(2027, 3, 26), departement)
    assert is_working_day(date(2028, 12, 26), departement)


@pytest.mark.parametrize(
    ("departement", "day"),
    [
        ("971", date(2027, 5, 27)),
        ("972", date(2027, 5, 22)),
        ("973", date(2027, 6, 10)),
        ("974", date(2027, 12, 20)),
        ("976", date(2027, 4, 27)),
    ],
)
def test_overseas_departements_have_their_own_abolition_day(departement: str, day: date) -> None:
    assert holiday_name(day, departement) == "Abolition de l'esclavage"
    assert holiday_name(day, "75") is None


def test_weekends_are_not_working_days() -> None:
    assert is_working_day(date(2027, 3, 12), "69")  # Friday
    assert not is_working_day(date(2027, 3, 13), "69")
    assert not is_working_day(date(2027, 3, 14), "69")


def test_session_days_skip_weekends_and_holidays() -> None:
    # Thursday 6 May 2027 is Ascension; 8-9 May a weekend.
    days = session_days(date(2027, 5, 5), date(2027, 5, 10), "69")
    assert days == (date(2027, 5, 5), date(2027, 5, 7), date(2027, 5, 10))


def test_session_days_depend_on_the_departement() -> None:
    # Good Friday, 26 March 2027, is a holiday in Alsace only; Easter Monday 29 March everywhere,
    # but the centre chose it as the last day.
    assert session_days(date(2027, 3, 24), date(2027, 3, 29), "75") == (
        date(2027, 3, 24),
        date(2027, 3, 25),
        date(2027, 3, 26),
        date(2027, 3, 29),
    )
    assert session_days(date(2027, 3, 24), date(2027, 3, 29), "67") == (
        date(2027, 3, 24),
        date(2027, 3, 25),
        date(2027, 3, 29),
    )


def test_a_first_or_last_day_the_centre_chose_counts_even_on_a_weekend() -> None:
    assert session_days(date(2027, 3, 18), date(2027, 3, 20), "75") == (
        date(2027, 3, 18),
        date(2027, 3, 19),
        date(2027, 3, 20),
    )
    assert session_days(date(2027, 3, 20), date(2027, 3, 20), "75") == (date(2027, 3, 20),)


def test_session_days_are_empty_when_the_end_comes_first() -> None:
    assert session_days(date(2027, 3, 16), date(2027, 3, 15), "69") == ()


def test_a_deadline_on_a_working_day_stays_put() -> None:
    # D−31 before Monday 15 March 2027 is Friday 12 February.
    assert deadline(date(2027, 3, 15), 31, "69") == date(2027, 2, 12)


def test_a_deadline_on_a_weekend_moves_to_the_friday() -> None:
    # D−15 before Monday 15 March 2027 is Sunday 28 February.
    assert deadline(date(2027, 3, 15), 15, "69") == date(2027, 2, 26)


def test_a_deadline_on_a_holiday_moves_to_the_previous_working_day() -> None:
    # D−31 before Thursday 17 June 2027 is Lundi de Pentecôte; the Friday before is 14 May.
    assert deadline(date(2027, 6, 17), 31, "69") == date(2027, 5, 14)


def test_a_deadline_on_good_friday_moves_only_in_alsace_moselle() -> None:
    reference = date(2027, 3, 26) + timedelta(days=31)
    assert deadline(reference, 31, "75") == date(2027, 3, 26)
    assert deadline(reference, 31, "57") == date(2027, 3, 25)


@pytest.mark.parametrize(
    ("departement", "zone"),
    [
        ("75", "Europe/Paris"),
        ("57", "Europe/Paris"),
        ("2B", "Europe/Paris"),
        ("971", "America/Guadeloupe"),
        ("972", "America/Martinique"),
        ("973", "America/Cayenne"),
        ("974", "Indian/Reunion"),
        ("976", "Indian/Mayotte"),
        ("975", "America/Miquelon"),
        ("988", "Pacific/Noumea"),
    ],
)
def test_each_departement_has_its_time_zone(departement: str, zone: str) -> None:
    assert timezone_for(departement).key == zone


DEPARTEMENTS = st.sampled_from(["69", "75", "57", "67", "68", "971", "972", "973", "974", "976"])


@settings(max_examples=60, deadline=None)
@given(
    reference=st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31)),
    days_before=st.integers(min_value=0, max_value=120),
    departement=DEPARTEMENTS,
)
def test_deadline_is_the_last_working_day_on_or_before_the_nominal_day(
    reference: date, days_before: int, departement: str
) -> None:
    nominal = reference - timedelta(days=days_before)
    result = deadline(reference, days_before, departement)
    assert result <= nominal
    assert is_working_day(result, departement)
    between = (result + timedelta(days=offset) for offset in range(1, (nominal - result).days + 1))
    assert not any(is_working_day(day, departement) for day in between)


@pytest.mark.parametrize("departement", ["75", "2A", *sorted(calendar._SUBDIVISIONS)])
def test_france_loaded_alone_gives_the_holidays_of_the_library_registry(departement: str) -> None:
    """docgen loads `holidays`' France module alone (the registry imports 250 countries):
    the same days and names as `country_holidays`, for every kind of département."""
    subdivision = calendar._SUBDIVISIONS.get(departement)
    assert calendar._france() is not None
    for year in range(2026, 2031):
        registry = holidays.country_holidays("FR", subdiv=subdivision, years=year, language="fr")
        assert calendar._holidays_of_year(departement, year) == {
            day: str(name) for day, name in registry.items()
        }


def test_holidays_come_from_the_registry_when_france_is_not_where_docgen_looks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(holidays, "__path__", [str(tmp_path)])
    calendar._france.cache_clear()
    calendar._holidays_of_year.cache_clear()
    try:
        assert calendar._france() is None
        assert holiday_name(date(2027, 7, 14), "75") == "Fête nationale"
        assert holiday_name(date(2027, 3, 26), "57") == "Vendredi saint"
    finally:
        calendar._france.cache_clear()
        calendar._holidays_of_year.cache_clear()
