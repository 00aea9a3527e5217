"""A candidate's days (issue 8): waits inside a day, visits on consecutive working days.

These are preferences the scheduler keeps when it can (`Attente maximale`, visits on days that
follow each other with no weekend or holiday between, no more visits than the épreuves need);
`day_faults` says which of them a placed candidate breaks, so that the group can be tried later.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from itertools import pairwise

from docgen.model import Session, StepMode
from docgen.planning.layout import Layout
from docgen.planning.plan import Slot
from docgen.planning.stats import merged, minutes_outside
from docgen.planning.timeline import Busy, day_of


class DayFault(Enum):
    """A broken preference, in the order they are given up when the session is too short."""

    WAIT = "wait"
    """A wait inside a day longer than `Attente maximale`."""
    APART = "apart"
    """Visits on days that do not follow each other (a weekend, a holiday or a free day between)."""
    VISITS = "visits"
    """More visits than the épreuves need."""
    JUROR_DAYS = "juror-days"
    """A juror sits more days than `Jours maximum par juré` (reported as `juror-overload`)."""


def next_day_follows(layout: Layout, day: int) -> bool:
    """Whether session day `day + 1` is the calendar day after `day` (no weekend or holiday)."""
    days = layout.days
    return day + 1 < len(days) and (days[day + 1] - days[day]).days == 1


def day_faults(layout: Layout, busy: Busy, longest_days: int) -> set[DayFault]:
    """The preferences a candidate's booked time breaks. `longest_days` is how many days their
    longest épreuve spans (2 for a 2-day MSP): they may come on those and on one day more."""
    faults: set[DayFault] = set()
    intervals = busy.intervals()
    if not intervals:
        return faults
    working = layout.working
    limit = layout.session.max_wait_minutes
    for (_, before_end), (after_start, _) in pairwise(intervals):
        if (
            day_of(after_start) == day_of(before_end)
            and working.minutes_between(before_end, after_start) > limit
        ):
            faults.add(DayFault.WAIT)
            break
    days = sorted({day_of(start) for start, _ in intervals})
    if any(b != a + 1 or not next_day_follows(layout, a) for a, b in pairwise(days)):
        faults.add(DayFault.APART)
    if len(days) > max(1, longest_days) + 1:
        faults.add(DayFault.VISITS)
    return faults


def plan_faults(
    slots: Sequence[Slot], days: Sequence[date], session: Session
) -> dict[DayFault, int]:
    """How many candidates of the finished plan break each preference, measured on its slots
    (the opening and the daily steps included)."""
    lunch = (session.lunch_start, session.lunch_end)
    mine: dict[str, list[Slot]] = {}
    for slot in slots:
        if slot.step.candidate_present:
            for number in slot.candidates:
                mine.setdefault(number, []).append(slot)
    counts: dict[DayFault, int] = {}
    for taken in mine.values():
        faults: set[DayFault] = set()
        by_day: dict[date, list[tuple[datetime, datetime]]] = {}
        for slot in taken:
            by_day.setdefault(slot.start.date(), []).append((slot.start, slot.end))
        for intervals in by_day.values():
            spans = merged(intervals)
            if any(
                minutes_outside(before_end, after_start, lunch) > session.max_wait_minutes
                for (_, before_end), (after_start, _) in pairwise(spans)
            ):
                faults.add(DayFault.WAIT)
        visited = sorted(by_day)
        if any((b - a).days != 1 for a, b in pairwise(visited)):
            faults.add(DayFault.APART)
        longest = max(
            (
                len({s.start.date() for s in taken if s.step == slot.step})
                for slot in taken
                if slot.step.mode is StepMode.COLLECTIF
            ),
            default=1,
        )
        if len(visited) > longest + 1:
            faults.add(DayFault.VISITS)
        for fault in faults:
            counts[fault] = counts.get(fault, 0) + 1
    return counts
