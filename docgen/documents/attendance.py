"""The feuilles d'émargement: who is expected each half-day, candidates and jurors apart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from docgen.documents.session_blocks import require_session, shared_blocks
from docgen.french import clock_time, heading_date
from docgen.model import Session, SessionData
from docgen.planning.plan import Plan, Slot
from docgen.settings import Settings

MORNING = "matin"
AFTERNOON = "apres-midi"
HALF_DAY_LABELS = {MORNING: "Matin", AFTERNOON: "Après-midi"}


@dataclass(frozen=True)
class HalfDay:
    day: date
    part: str
    """`matin` or `apres-midi`, as in the file name."""
    slots: tuple[Slot, ...]


def _parts(slot: Slot, session: Session) -> set[str]:
    """The half-days a slot touches: a slot over the lunch break belongs to both."""
    lunch_start = datetime.combine(slot.start.date(), session.lunch_start)
    lunch_end = datetime.combine(slot.start.date(), session.lunch_end)
    parts = set()
    if slot.start < lunch_start:
        parts.add(MORNING)
    if slot.end > lunch_end:
        parts.add(AFTERNOON)
    if not parts:
        middle = lunch_start + (lunch_end - lunch_start) / 2
        parts.add(MORNING if slot.start < middle else AFTERNOON)
    return parts


def half_days(plan: Plan, session: Session) -> list[HalfDay]:
    """Every half-day where someone (candidate or juror) is expected, in time order."""
    found: dict[tuple[date, str], list[Slot]] = {}
    for slot in plan.slots:
        if not slot.candidates and not slot.jurors:
            continue
        for part in _parts(slot, session):
            found.setdefault((slot.start.date(), part), []).append(slot)
    order = {MORNING: 0, AFTERNOON: 1}
    return [
        HalfDay(day, part, tuple(sorted(found[(day, part)], key=lambda s: (s.start, s.end))))
        for day, part in sorted(found, key=lambda key: (key[0], order[key[1]]))
    ]


def _arrival(first: Slot, half: HalfDay, session: Session, margin_minutes: int) -> datetime:
    """The margin before the first slot, never before the half-day starts (as on convocations);
    a slot going on over lunch brings its candidates back when the break ends."""
    opens = session.day_start if half.part == MORNING else session.lunch_end
    opening = datetime.combine(half.day, opens)
    if first.start <= opening:
        return opening
    return max(first.start - timedelta(minutes=margin_minutes), opening)


def _candidates(
    data: SessionData, half: HalfDay, session: Session, margin_minutes: int
) -> list[dict[str, str]]:
    firsts: dict[str, Slot] = {}
    for slot in half.slots:
        if slot.step.candidate_present:
            for number in slot.candidates:
                firsts.setdefault(number, slot)
    rows = []
    for candidate in sorted(
        data.candidates, key=lambda c: (c.last_name.casefold(), c.first_name.casefold(), c.number)
    ):
        first = firsts.get(candidate.number)
        if first is None:
            continue
        arrival = _arrival(first, half, session, margin_minutes)
        rows.append(
            {
                "number": candidate.number,
                "name": candidate.full_name,
                "arrival": clock_time(arrival.time()),
                "first_step": first.step.name,
            }
        )
    return rows


def _jurors(plan: Plan, slots: Sequence[Slot]) -> list[dict[str, str]]:
    pairs = {name: pair.id for pair in plan.jury_pairs for name in pair.jurors}
    steps: dict[str, list[str]] = {}
    for slot in slots:
        for name in slot.jurors:
            names = steps.setdefault(name, [])
            if slot.step.name not in names:
                names.append(slot.step.name)
    rows = []
    for name in sorted(steps, key=str.casefold):
        pair = pairs.get(name)
        role = f"Jury {pair}" if pair else "Surveillance : " + ", ".join(steps[name])
        rows.append({"name": name, "role": role})
    return rows


def emargement_context(
    data: SessionData, plan: Plan, half: HalfDay, settings: Settings
) -> dict[str, Any]:
    """One half-day's sheet: the candidates expected (by name: it is not posted) and the jurors."""
    session = require_session(data, "les feuilles d'émargement")
    return {
        **shared_blocks(session),
        "half_day": {
            "date": heading_date(half.day),
            "part": HALF_DAY_LABELS[half.part],
        },
        "candidates": _candidates(data, half, session, session.arrival_margin_minutes),
        "jurors": _jurors(plan, half.slots),
    }
