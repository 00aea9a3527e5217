"""French wording shared by the rules' messages: the description of a deadline."""

from __future__ import annotations

from datetime import date, timedelta

from docgen.french import long_date


def deadline_phrase(limit: date, reference: date, days_before: int) -> str:
    """`vendredi 12 février 2027 (J−31 avant lundi 15 mars 2027, …)`, saying when it moved."""
    nominal = reference - timedelta(days=days_before)
    text = f"{long_date(limit)} (J−{days_before} avant le {long_date(reference)}"
    if limit != nominal:
        text += f" ; le {long_date(nominal)} n'étant pas un jour ouvré, la date est avancée"
    return text + ")"
