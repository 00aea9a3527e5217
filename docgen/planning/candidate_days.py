"""A candidate's days (issue 8): waits inside a day, visits on consecutive working days.

These are preferences the scheduler keeps when it can (`Attente maximale`, visits on days that
follow each other with no weekend or holiday between, no more visits than the épreuves need);
`day_faults` says which of them a placed candidate breaks, so that the group can be tried later.
"""

from __future__ import annotations

from enum import Enum
from itertools import pairwise

from docgen.planning.layout import Layout
from docgen.planning.timeline import Busy, day_of


class DayFault(Enum):
    """A broken preference, in the order they are given up when the session is too short."""

    WAIT = "wait"
    """A wait inside a day longer than `Attente maximale`."""
    APART = "apart"
    """Visits on days that do not follow each other (a weekend, a holiday or a free day between)."""
    VISITS = "visits"
    """More visits than the épreuves need."""


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
