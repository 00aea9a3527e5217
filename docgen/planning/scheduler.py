"""One planning attempt with a given set of jury pairs: greedy list scheduling, group by group.

The parts: `attempt.py` (what an attempt produces), `bookings.py` (busy time, juror load,
undo), `individual.py` (a candidate's run with their pair), `collective.py` (a group's
sittings), `candidate_days.py` (waits and visits); here, the order groups are placed in, and
the retries that keep the candidates' days."""

from __future__ import annotations

from docgen.model import StepMode
from docgen.planning.attempt import (
    Attempt,
    NoTimeError,
    Placed,
    balanced_groups,
    variant_differs,
)
from docgen.planning.bookings import KEEP_GROUPS, KEEP_WAITS, SPLIT_RUNS
from docgen.planning.candidate_days import DayFault, day_faults
from docgen.planning.collective import CollectiveSteps

__all__ = [
    "KEEP_GROUPS",
    "KEEP_WAITS",
    "SPLIT_RUNS",
    "Attempt",
    "Placed",
    "Scheduler",
    "variant_differs",
]

GROUP_RETRIES = 4
"""How many later starts (the next half-days) a group is tried at when its members' days break
a preference (a wait over `Attente maximale`, a weekend between their visits…)."""


class Scheduler(CollectiveSteps):
    """Places the per-candidate steps for every group; keeps each resource's busy time."""

    def run(self) -> Attempt:
        layout = self.layout
        groups = balanced_groups(len(layout.candidates), layout.group_size)
        if not layout.has_collective:
            groups = [[candidate] for candidate in range(len(layout.candidates))]
        if self.reverse:
            groups.reverse()
        if self.interleave:
            self._run_interleaved(groups)
        else:
            self._run_groups(groups)
        self.attempt.split_runs = not self.whole_runs
        if self.attempt.fits:
            self.attempt.busy = (self.juror_busy, self.room_busy, self.juror_load)
            for candidate in range(len(layout.candidates)):
                for fault in self._faults_of(candidate):
                    self.attempt.relaxed[fault] = self.attempt.relaxed.get(fault, 0) + 1
            most = layout.session.max_days_per_juror
            if most is not None:
                over = sum(
                    1
                    for load in self.juror_load
                    if sum(1 for minutes in load.values() if minutes > 0) > most
                )
                if over:
                    self.attempt.relaxed[DayFault.JUROR_DAYS] = over
        return self.attempt

    def _run_groups(self, groups: list[list[int]]) -> None:
        pending = groups
        while pending:
            group = pending.pop(self._next_group(pending))
            try:
                if self.keep_days:
                    self._run_group_kept(group)
                else:
                    self._run_group(group)
                self._keep_pace()
            except NoTimeError as exc:
                self.attempt.failure = (self._current_candidate, self._current_step, exc.reason)
                self.attempt.unplaced = len(group) + sum(len(g) for g in pending)
                break

    def _keep_pace(self) -> None:
        """Note the latest end so far; keeping the candidates' days, stop when more than a day
        behind the earliest placement's pace."""
        placed = self.attempt.placed
        for entry in placed[self.paced :]:
            self.latest = max(self.latest, entry.pieces[-1][1])
        self.paced = len(placed)
        index = len(self.attempt.pace)
        self.attempt.pace.append(self.latest)
        if (
            self.keep_days
            and index < len(self.pace)
            and self.latest > self.pace[index] + self.slack
        ):
            raise NoTimeError("plus d'un jour de retard sur le placement au plus tôt")

    def _run_interleaved(self, groups: list[list[int]]) -> None:
        """Each group's next stretch of collective or individual steps, the soonest ready first
        (for groups that start with individual steps: see `variant_differs`).

        Placing a group's whole déroulé before the next group's lets its later steps take the
        rooms and pairs that the next group needs for its earlier ones, so that group starts days
        later; taking stretches in the order their candidates are ready keeps everyone moving.
        """
        stretches = self._stretches()
        following = [0] * len(groups)
        pending = list(range(len(groups)))
        while pending:
            chosen = min(pending, key=lambda g: (min(self.ready[c] for c in groups[g]), g))
            first, end = stretches[following[chosen]]
            try:
                self._run_stretch(groups[chosen], first, end)
            except NoTimeError as exc:
                self.attempt.failure = (self._current_candidate, self._current_step, exc.reason)
                self.attempt.unplaced = sum(len(groups[g]) for g in pending)
                return
            following[chosen] += 1
            if following[chosen] == len(stretches):
                pending.remove(chosen)

    def _stretches(self) -> list[tuple[int, int]]:
        """The déroulé cut into maximal stretches of collective or of individual steps."""
        body = self.layout.body
        found: list[tuple[int, int]] = []
        index = 0
        while index < len(body):
            end = index
            collective = body[index].mode is StepMode.COLLECTIF
            while end < len(body) and (body[end].mode is StepMode.COLLECTIF) == collective:
                end += 1
            found.append((index, end))
            index = end
        return found

    def _next_group(self, pending: list[list[int]]) -> int:
        """The group to place next: the one whose first collective step can start soonest.

        Groups in order, unless a later one can start earlier: a group whose slowest member's
        longer épreuve does not fit in what is left of a half-day would leave it idle, while a
        group without extra time may use it. Groups whose collective steps last as long behave
        alike, so only the first of each kind is tried.
        """
        body = self.layout.body
        if (
            not self.reorder
            or len(pending) == 1
            or not body
            or body[0].mode is not StepMode.COLLECTIF
        ):
            return 0
        leading = 0
        while leading < len(body) and body[leading].mode is StepMode.COLLECTIF:
            leading += 1
        durations = self.layout.durations
        tried: set[tuple[tuple[int, ...], ...]] = set()
        best: tuple[int, int] | None = None
        for index, group in enumerate(pending):
            kind = tuple(tuple(sorted({durations[c][p] for c in group})) for p in range(leading))
            if kind in tried:
                continue
            tried.add(kind)
            try:
                start = self._collective_placements(group, 0, leading)[0][1][0][0]
            except NoTimeError:
                continue
            if best is None or start < best[0]:
                best = (start, index)
        return best[1] if best is not None else 0

    def _run_group(self, group: list[int], not_before: int = 0) -> None:
        for index, (first, end) in enumerate(self._stretches()):
            if index == 0 and not_before:
                for candidate in group:
                    self.ready[candidate] = max(self.ready[candidate], not_before)
            self._run_stretch(group, first, end)

    def _run_group_kept(self, group: list[int]) -> None:
        """Place a group's whole déroulé so that its members' days keep the preferences: when
        they do not (a wait over `Attente maximale`, a weekend between the MSP and the entretien
        final, one visit too many), the placement is undone and the group tried from the next
        half-days; when no later start keeps them, the first placement stays, and the broken
        preferences are counted in `Attempt.relaxed`."""
        not_before = 0
        for _ in range(GROUP_RETRIES + 1):
            mark = self._mark(group)
            try:
                self._run_group(group, not_before)
            except NoTimeError:
                self._undo(mark)
                break
            if len(self.attempt.placed) == mark[0]:
                self._journal = None
                return
            if not_before and self._ends_too_late(mark[0]):
                # Later starts would leave no time for the final deliberation.
                self._undo(mark)
                break
            if not self._group_faults(group):
                self._journal = None
                return
            first_start = self.attempt.placed[mark[0]].pieces[0][0]
            self._undo(mark)
            following = self.layout.working.next_segment_start(first_start)
            if following is None:
                break
            not_before = following
        if not self.next_morning:
            # This group alone: its members go to the next morning rather than wait.
            mark = self._mark(group)
            self.next_morning = True
            try:
                self._run_group(group)
                kept = not self._group_faults(group)
            except NoTimeError:
                kept = False
            self.next_morning = False
            if kept:
                self._journal = None
                return
            self._undo(mark)
        self._journal = None
        self._run_group(group)
        if self.to_beat is not None:
            self.broken += sum(1 for candidate in group if self._faults_of(candidate))
            if self.broken >= self.to_beat:
                raise NoTimeError("pas mieux que le placement au plus tôt")

    def _ends_too_late(self, first: int) -> bool:
        """Whether the placements from `first` on end too late for the closing steps."""
        working = self.layout.working
        closing = sum(step.duration_minutes for step in self.layout.closing)
        if not closing or not working.segments:
            return False
        latest = working.back_by(working.end, closing)
        return any(placed.pieces[-1][1] > latest for placed in self.attempt.placed[first:])

    def _faults_of(self, candidate: int) -> set[DayFault]:
        return day_faults(
            self.layout, self.candidate_busy[candidate], self.collective_days[candidate]
        )

    def _group_faults(self, group: list[int]) -> bool:
        return any(self._faults_of(candidate) for candidate in group)

    def _run_stretch(self, group: list[int], first: int, end: int) -> None:
        self._current_candidate = group[0]
        self._current_step = self.layout.body[first]
        if self.layout.body[first].mode is StepMode.COLLECTIF:
            self._collective_run(group, first, end)
            return
        for candidate in group:
            self._individual_block(candidate, first, end)
