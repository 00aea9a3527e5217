"""French wording shared by the rules' messages: long dates and the description of a deadline."""

from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_date


def long_date(day: date) -> str:
    """`lundi 17 mai 2027`, with `1er` for the first of the month as French writes it."""
    pattern = "EEEE '1er' MMMM y" if day.day == 1 else "EEEE d MMMM y"
    return str(format_date(day, format=pattern, locale="fr_FR"))


def deadline_phrase(limit: date, reference: date, days_before: int) -> str:
    """`vendredi 12 février 2027 (J−31 avant lundi 15 mars 2027, …)`, saying when it moved."""
    nominal = reference - timedelta(days=days_before)
    text = f"{long_date(limit)} (J−{days_before} avant le {long_date(reference)}"
    if limit != nominal:
        text += f" ; le {long_date(nominal)} n'étant pas un jour ouvré, la date est avancée"
    return text + ")"
