"""The convocation's context: plain data for the template, the same shape with or without a plan."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import groupby
from typing import Any

from docgen.documents.session_blocks import inline, kind_of_session, require_session, shared_blocks
from docgen.french import (
    NBSP,
    clock_time,
    date_range,
    duration,
    heading_date,
    short_date,
)
from docgen.model import (
    Candidate,
    Civility,
    Delivery,
    Session,
    SessionData,
    Step,
)
from docgen.planning.plan import Plan, Slot
from docgen.planning.stats import minutes_outside
from docgen.settings import Settings

TIMETABLE_NOTE = (
    "Les horaires détaillés de chaque épreuve et la composition de votre jury vous seront "
    "communiqués à votre arrivée."
)
NO_TIME = "—"


def _row(
    step: Step, minutes: int, start: datetime | None, end: datetime | None, room: str | None
) -> dict[str, str]:
    start_text = clock_time(start.time()) if start else ""
    end_text = clock_time(end.time()) if end else ""
    return {
        "start": start_text,
        "end": end_text,
        "hours": f"{start_text} – {end_text}" if start and end else NO_TIME,
        "duration": duration(minutes),
        "name": step.name,
        "description": step.description or "",
        "room": room or "",
    }


def _day(day: date, arrival: time, place: str, rows: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "date": heading_date(day),
        "arrival": clock_time(arrival),
        "place": inline(place),
        "rows": rows,
    }


def _days_without_plan(
    session: Session, candidate: Candidate, steps: tuple[Step, ...]
) -> list[dict[str, Any]]:
    rows = [
        _row(step, step.duration_for(candidate), None, None, None)
        for step in steps
        if step.is_epreuve and step.candidate_present
    ]
    return [_day(session.start, session.opening_time, session.place, rows)]


def _arrival(first: Slot, margin_minutes: int) -> datetime:
    """`Marge d'arrivée` before the first slot (the plan starts no step earlier than the
    working day's start plus that margin)."""
    return first.start - timedelta(minutes=margin_minutes)


def _days_with_plan(
    session: Session, slots: tuple[Slot, ...], margin_minutes: int
) -> list[dict[str, Any]]:
    days = []
    for day, day_slots in groupby(slots, key=lambda slot: slot.start.date()):
        ordered = list(day_slots)
        rows = [planned_row(slot, session) for slot in ordered]
        arrival = _arrival(ordered[0], margin_minutes)
        days.append(_day(day, arrival.time(), session.place, rows))
    return days


def planned_row(slot: Slot, session: Session) -> dict[str, str]:
    """A planned step: its real start and end; an épreuve running across lunch shows the break
    apart (« 8 h 45 – 12 h 00 puis 13 h 00 – 14 h 25 ») and its duration without it."""
    lunch = (session.lunch_start, session.lunch_end)
    row = _row(
        slot.step, minutes_outside(slot.start, slot.end, lunch), slot.start, slot.end, slot.room
    )
    pause_start = datetime.combine(slot.start.date(), session.lunch_start)
    pause_end = datetime.combine(slot.start.date(), session.lunch_end)
    if slot.start < pause_start and slot.end > pause_end:
        row["hours"] = (
            f"{clock_time(slot.start.time())} – {clock_time(session.lunch_start)} puis "
            f"{clock_time(session.lunch_end)} – {clock_time(slot.end.time())} "
            "(pause déjeuner non comptée)"
        )
    return row


def items_to_bring(data: SessionData) -> list[str]:
    items: list[str] = []
    for item in (*data.items_to_bring, *(e.name for e in data.equipment if e.brought_by_candidate)):
        if item and item not in items:
            items.append(item)
    return items


def _delivery(candidate: Candidate) -> dict[str, Any]:
    if candidate.delivery is Delivery.MAIN_PROPRE:
        return {
            "mode": candidate.delivery.value,
            "by_hand": True,
            "text": "Convocation remise en main propre contre signature.",
        }
    number = candidate.registered_mail_number
    text = "Lettre recommandée avec accusé de réception"
    return {
        "mode": candidate.delivery.value,
        "by_hand": False,
        "text": f"{text} n°{NBSP}{number}." if number else f"{text}.",
    }


def _extra_time(candidate: Candidate) -> str:
    if candidate.extra_time_percent <= 0:
        return ""
    return (
        f"Aménagement accordé : temps majoré de {candidate.extra_time_percent}{NBSP}% sur "
        "chaque épreuve. Les durées indiquées ci-dessus en tiennent compte."
    )


def convocation_context(
    data: SessionData, candidate: Candidate, plan: Plan | None, settings: Settings
) -> dict[str, Any]:
    """Everything the convocation template prints for one candidate, as plain strings and lists."""
    session = require_session(data, "les convocations")
    slots = tuple(
        slot
        for slot in (plan.candidate_slots(candidate.number) if plan else ())
        if slot.step.candidate_present
    )
    if slots:
        days = _days_with_plan(session, slots, session.arrival_margin_minutes)
    else:
        days = _days_without_plan(session, candidate, data.steps_in_order)
    dates = date_range(session.start, session.end)
    madame = candidate.civility is Civility.MADAME
    return {
        **shared_blocks(session),
        "recipient": {
            "civility": candidate.civility.value,
            "name": candidate.full_name,
            "number": candidate.number,
            "address": f"{candidate.address}\n{candidate.postal_code} {candidate.city}",
            "salutation": "Madame" if madame else "Monsieur",
        },
        "issue": {"place": session.city, "date": short_date(settings.as_of)},
        "objet": f"Convocation à la session d'examen {dates} pour {kind_of_session(session)}",
        "days": days,
        "timetable_note": "" if slots else TIMETABLE_NOTE,
        "items_to_bring": items_to_bring(data),
        "extra_time": _extra_time(candidate),
        "delivery": _delivery(candidate),
    }
