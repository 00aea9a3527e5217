"""The plan's shape, shared by the planner, the checks and the documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from docgen.findings import Finding
from docgen.model import Step
from docgen.planning.stats import PlanStats


@dataclass(frozen=True)
class JuryPair:
    id: str
    """`J1`, `J2`, …"""
    jurors: tuple[str, ...]
    """Juror full names (`NOM Prénom`), as in `Juror.full_name`."""


@dataclass(frozen=True)
class Slot:
    """One step at one time: for one candidate, a group, or nobody (jury-only, session steps)."""

    step: Step
    start: datetime
    end: datetime
    room: str | None = None
    candidates: tuple[str, ...] = ()
    """Candidate numbers taking part (empty for session-wide steps)."""
    jurors: tuple[str, ...] = ()
    """Juror full names present (evaluators or supervisors)."""
    jury_pair: str | None = None


@dataclass(frozen=True)
class Plan:
    days: tuple[date, ...]
    slots: tuple[Slot, ...]
    jury_pairs: tuple[JuryPair, ...]
    assignment: tuple[tuple[str, str], ...]
    """(candidate number, jury pair id) for every candidate who has a pair."""
    lower_bound_pairs: int
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = field(default=())
    """French remarks shown with the plan, e.g. why one pair more than the lower bound."""
    jurors_needed: int = 0
    """Distinct jurors the plan uses: the pairs' members plus the other supervisors."""
    arrival_margin_minutes: int = 15
    """`Marge d'arrivée`: how long before their first step of a day candidates arrive."""
    stats: PlanStats = field(default_factory=PlanStats)
    """The plan's quality figures (INTERFACE.md's `stats`)."""

    @cached_property
    def _pairs(self) -> dict[str, str]:
        return dict(self.assignment)

    @cached_property
    def _by_candidate(self) -> dict[str, tuple[Slot, ...]]:
        found: dict[str, list[Slot]] = {}
        for slot in self.slots:
            for number in slot.candidates:
                found.setdefault(number, []).append(slot)
        return {
            number: tuple(sorted(slots, key=lambda slot: (slot.start, slot.end, slot.step.order)))
            for number, slots in found.items()
        }

    @cached_property
    def _by_juror(self) -> dict[str, tuple[Slot, ...]]:
        found: dict[str, list[Slot]] = {}
        for slot in self.slots:
            for name in slot.jurors:
                found.setdefault(name, []).append(slot)
        return {
            name: tuple(sorted(slots, key=lambda slot: (slot.start, slot.end, slot.step.order)))
            for name, slots in found.items()
        }

    def pair_of(self, candidate_number: str) -> str | None:
        return self._pairs.get(candidate_number)

    def candidate_slots(self, candidate_number: str) -> tuple[Slot, ...]:
        """The slots that name the candidate, in time order.

        The planner lists in `candidates` everyone who must be there, including for session-wide
        steps (the opening names every candidate) and jury-only steps (the deliberation names the
        candidate deliberated on, with `step.candidate_present` false).
        """
        return self._by_candidate.get(candidate_number, ())

    def juror_slots(self, juror_name: str) -> tuple[Slot, ...]:
        return self._by_juror.get(juror_name, ())

    def pair_jurors(self, pair_id: str) -> tuple[str, ...]:
        return next((pair.jurors for pair in self.jury_pairs if pair.id == pair_id), ())

    def candidate_days(self, candidate_number: str) -> tuple[date, ...]:
        """The days the candidate must come (steps where they are present)."""
        return tuple(
            sorted(
                {
                    slot.start.date()
                    for slot in self.candidate_slots(candidate_number)
                    if slot.step.candidate_present
                }
            )
        )

    def arrival_times(
        self,
        candidate_number: str,
        day_start: time | None = None,
        margin_minutes: int | None = None,
    ) -> dict[date, datetime]:
        """For each day the candidate comes: their first step minus `Marge d'arrivée` (the plan
        starts no step of a candidate before the working day's start plus that margin, except
        the opening at `Heure d'ouverture`). `day_start` is accepted for older callers and
        ignored; `margin_minutes` overrides the session's margin."""
        margin = self.arrival_margin_minutes if margin_minutes is None else margin_minutes
        arrivals: dict[date, datetime] = {}
        for slot in self.candidate_slots(candidate_number):
            if not slot.step.candidate_present:
                continue
            day = slot.start.date()
            if day in arrivals:
                continue
            arrivals[day] = slot.start - timedelta(minutes=margin)
        return arrivals
