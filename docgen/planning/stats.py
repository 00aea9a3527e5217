"""The plan's quality figures (INTERFACE.md's `stats`), measured on its slots alone."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # plan.py holds PlanStats in each Plan
    from docgen.planning.plan import Slot

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class PlanStats:
    candidate_visits: dict[int, int] = field(default_factory=dict)
    """How many candidates come on 1, 2, 3… days."""
    max_candidate_span_days: int = 0
    """Working days from a candidate's first to their last visit, both counted."""
    hidden_only_visits: int = 0
    """Candidate-days holding only temps cachés (0 expected)."""
    max_wait_minutes: int = 0
    """The longest wait inside a candidate's day, lunch excluded."""
    juror_days: int = 0
    max_juror_day_minutes: int = 0
    max_days_per_juror: int = 0
    unused_jurors: tuple[str, ...] = ()
    lower_bound_pairs: int = 0
    pairs: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "candidate_visits": {str(days): count for days, count in self.candidate_visits.items()},
            "max_candidate_span_days": self.max_candidate_span_days,
            "hidden_only_visits": self.hidden_only_visits,
            "max_wait_minutes": self.max_wait_minutes,
            "juror_days": self.juror_days,
            "max_juror_day_minutes": self.max_juror_day_minutes,
            "max_days_per_juror": self.max_days_per_juror,
            "unused_jurors": list(self.unused_jurors),
            "lower_bound_pairs": self.lower_bound_pairs,
            "pairs": self.pairs,
        }


def merged(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching intervals joined, in time order."""
    result: list[Interval] = []
    for start, end in sorted(intervals):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def minutes_outside(start: datetime, end: datetime, lunch: tuple[time, time]) -> int:
    """Minutes from `start` to `end` (same day), the lunch break excluded."""
    total = int((end - start).total_seconds() // 60)
    pause_start = datetime.combine(start.date(), lunch[0])
    pause_end = datetime.combine(start.date(), lunch[1])
    overlap = (min(end, pause_end) - max(start, pause_start)).total_seconds() // 60
    return total - max(0, int(overlap))


def measure(
    slots: Sequence[Slot],
    days: Sequence[date],
    lunch: tuple[time, time],
    unused_jurors: Sequence[str] = (),
    lower_bound_pairs: int = 0,
    pairs: int = 0,
) -> PlanStats:
    """The figures of INTERFACE.md's `stats` for these slots."""
    position = {day: index for index, day in enumerate(days)}
    by_candidate_day: dict[tuple[str, date], list[Slot]] = {}
    by_juror_day: dict[tuple[str, date], list[Interval]] = {}
    for slot in slots:
        day = slot.start.date()
        if slot.step.candidate_present:
            for number in slot.candidates:
                by_candidate_day.setdefault((number, day), []).append(slot)
        for name in slot.jurors:
            by_juror_day.setdefault((name, day), []).append((slot.start, slot.end))
    visits: dict[str, list[date]] = {}
    hidden_only = 0
    longest_wait = 0
    for (number, day), mine in by_candidate_day.items():
        visits.setdefault(number, []).append(day)
        if not any(slot.step.is_epreuve for slot in mine):
            hidden_only += 1
        spans = merged((slot.start, slot.end) for slot in mine)
        for (_, before_end), (after_start, _) in pairwise(spans):
            longest_wait = max(longest_wait, minutes_outside(before_end, after_start, lunch))
    histogram: dict[int, int] = {}
    widest = 0
    for seen in visits.values():
        histogram[len(seen)] = histogram.get(len(seen), 0) + 1
        indexes = [position[day] for day in seen if day in position]
        if indexes:
            widest = max(widest, max(indexes) - min(indexes) + 1)
    days_per_juror: dict[str, int] = {}
    longest_day = 0
    for (name, _), intervals in by_juror_day.items():
        days_per_juror[name] = days_per_juror.get(name, 0) + 1
        worked = sum(minutes_outside(start, end, lunch) for start, end in merged(intervals))
        longest_day = max(longest_day, worked)
    return PlanStats(
        candidate_visits=dict(sorted(histogram.items())),
        max_candidate_span_days=widest,
        hidden_only_visits=hidden_only,
        max_wait_minutes=longest_wait,
        juror_days=sum(days_per_juror.values()),
        max_juror_day_minutes=longest_day,
        max_days_per_juror=max(days_per_juror.values(), default=0),
        unused_jurors=tuple(unused_jurors),
        lower_bound_pairs=lower_bound_pairs,
        pairs=pairs,
    )


def juror_loads(slots: Sequence[Slot], lunch: tuple[time, time]) -> dict[str, dict[date, int]]:
    """Each juror's minutes of work per day, lunch excluded."""
    found: dict[str, dict[date, list[Interval]]] = {}
    for slot in slots:
        for name in slot.jurors:
            found.setdefault(name, {}).setdefault(slot.start.date(), []).append(
                (slot.start, slot.end)
            )
    return {
        name: {
            day: sum(minutes_outside(start, end, lunch) for start, end in merged(intervals))
            for day, intervals in sorted(per_day.items())
        }
        for name, per_day in found.items()
    }
