"""Working days, French public holidays by département, deadline arithmetic and time zones."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

# The `holidays` subdivision for each département or collectivité whose holidays differ from
# metropolitan France; every other département (including Corsica) follows the national list.
_SUBDIVISIONS: Mapping[str, str] = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "975": "PM",
    "976": "976",
    "977": "BL",
    "978": "MF",
    "984": "TF",
    "986": "WF",
    "987": "PF",
    "988": "NC",
}

_TIMEZONES: Mapping[str, str] = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "975": "America/Miquelon",
    "976": "Indian/Mayotte",
    "977": "America/St_Barthelemy",
    "978": "America/Marigot",
    "984": "Indian/Kerguelen",
    "986": "Pacific/Wallis",
    "987": "Pacific/Tahiti",
    "988": "Pacific/Noumea",
}

METROPOLITAN_TIMEZONE = "Europe/Paris"


def _normalised(departement: str) -> str:
    return departement.strip().upper()


@cache
def _holidays_of_year(departement: str, year: int) -> Mapping[date, str]:
    subdivision = _SUBDIVISIONS.get(departement)
    france = _france()
    if france is None:
        calendar = holidays.country_holidays("FR", subdiv=subdivision, years=year, language="fr")
    else:
        calendar = france(subdiv=subdivision, years=year, language="fr")
    return {day: str(name) for day, name in calendar.items()}


@cache
def _france() -> type[holidays.HolidayBase] | None:
    """`holidays`' France, from its own module. The library's registry (`country_holidays`)
    imports the modules of all its 250 countries first: 85 ms at each docgen run, for one
    country. None, and the registry is used, when this version keeps France elsewhere."""
    for folder in holidays.__path__:
        location = f"{folder}/countries/france.py"
        spec = importlib.util.spec_from_file_location("holidays.countries.france", location)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except Exception:  # whatever this version does differently: the registry
            continue
        france = getattr(module, "France", None)
        if isinstance(france, type) and issubclass(france, holidays.HolidayBase):
            return france
    return None


def holiday_name(day: date, departement: str) -> str | None:
    """The French name of the public holiday on `day` in `departement`, or None."""
    return _holidays_of_year(_normalised(departement), day.year).get(day)


def is_working_day(day: date, departement: str) -> bool:
    """Monday to Friday and not a public holiday of the département."""
    return day.weekday() < 5 and holiday_name(day, departement) is None


def session_days(start: date, end: date, departement: str) -> tuple[date, ...]:
    """The days the session runs on, from `start` to `end` (none when `end` is before).

    Weekends and public holidays between the first and the last day are left out; the first and
    the last day themselves always count, even on a Saturday or a holiday: the centre chose them
    (a warning says so), and the plan must not silently drop them.
    """
    days = (start + timedelta(days=offset) for offset in range((end - start).days + 1))
    return tuple(day for day in days if day in (start, end) or is_working_day(day, departement))


def deadline(reference: date, days_before: int, departement: str) -> date:
    """`days_before` calendar days before `reference`, moved back to a working day if needed."""
    day = reference - timedelta(days=days_before)
    while not is_working_day(day, departement):
        day -= timedelta(days=1)
    return day


def timezone_for(departement: str) -> ZoneInfo:
    """The local time zone of the département (Europe/Paris for metropolitan France)."""
    return ZoneInfo(_TIMEZONES.get(_normalised(departement), METROPOLITAN_TIMEZONE))
