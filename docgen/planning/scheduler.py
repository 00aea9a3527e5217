"""One planning attempt with a given set of jury pairs: greedy list scheduling, group by group."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from docgen.model import Room, Step, StepMode
from docgen.planning.candidate_days import DayFault, day_faults, next_day_follows
from docgen.planning.layout import Layout
from docgen.planning.timeline import Busy, Piece, day_of, stamp


@dataclass(frozen=True)
class Placed:
    step: Step
    pieces: tuple[Piece, ...]
    room: Room | None
    candidates: tuple[int, ...]
    jurors: tuple[int, ...]
    pair: int | None = None


@dataclass
class Attempt:
    placed: list[Placed] = field(default_factory=list)
    pair_of: dict[int, int] = field(default_factory=dict)
    """candidate index -> index into the attempt's pairs."""
    failure: tuple[int, Step, str] | None = None
    """The first candidate and step that found no time (French reason)."""
    unplaced: int = 0
    relaxed: dict[DayFault, int] = field(default_factory=dict)
    """How many candidates keep each broken day preference (no later start kept them all)."""

    @property
    def fits(self) -> bool:
        return self.failure is None


SHORTLIST = 2
"""How many of the soonest-free pairs are tried in full for a candidate."""


PAIR_SEARCH_JUMPS = 6
"""How many busy stretches the search for a pair's first free time steps over."""


KEEP_GROUPS = 1
KEEP_WAITS = 2
"""`Scheduler(keep_days=…)` flags: keep the candidates' day preferences group by group, and
move a run to the next morning rather than make its candidate wait."""


GROUP_RETRIES = 4
"""How many later starts (the next half-days) a group is tried at when its members' days break
a preference (a wait over `Attente maximale`, a weekend between their visits…)."""


class NoTimeError(Exception):
    """The step finds no time before the end of the session."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


Placements = list[tuple[int, tuple[Piece, ...], Room | None, tuple[int, ...]]]
"""(body step position, pieces, room, jurors) for each step of a run."""


def balanced_groups(count: int, largest: int) -> list[list[int]]:
    """`count` candidates in the fewest groups of at most `largest`, sizes differing by one."""
    if count == 0:
        return []
    number = -(-count // max(largest, 1))
    small, extra = divmod(count, number)
    groups: list[list[int]] = []
    start = 0
    for index in range(number):
        size = small + (1 if index < extra else 0)
        groups.append(list(range(start, start + size)))
        start += size
    return groups


def variant_differs(layout: Layout, variant: int) -> bool:
    """Whether a variant's interleaving or room keeping can change anything for this layout
    (when it cannot, the attempt would repeat one already made)."""
    body = layout.body
    if variant & 8:
        # Interleaving reorders only when groups start with individual steps and meet later for
        # a collective one. Groups starting with a collective step keep their order: each is
        # held back until pairs are booked for the group before (see `_throttle_from`), so its
        # candidates do not wait days for a pair; interleaved, they would all start at once.
        groups = -(-len(layout.candidates) // max(layout.group_size, 1))
        if (
            not body
            or body[0].mode is StepMode.COLLECTIF
            or not layout.has_collective
            or groups < 2
        ):
            return False
    if variant & 16:
        # Keeping the room only matters between consecutive individual steps held in rooms.
        return any(
            first.mode is second.mode is StepMode.INDIVIDUEL
            and first.room_type is not None
            and second.room_type is not None
            for first, second in pairwise(body)
        )
    return True


def _spread(placements: Placements) -> set[int]:
    return {day_of(piece[0]) for _, pieces, _, _ in placements for piece in pieces}


def _days_of(pieces: Sequence[Piece]) -> int:
    if len(pieces) == 1:
        return 1 << day_of(pieces[0][0])
    mask = 0
    for start, _ in pieces:
        mask |= 1 << day_of(start)
    return mask


def _next_day(pieces: Sequence[Piece]) -> int:
    return stamp(day_of(pieces[0][0]) + 1, 0)


class Scheduler:
    """Places the per-candidate steps for every group; keeps each resource's busy time."""

    def __init__(
        self,
        layout: Layout,
        day_masks: Sequence[int],
        trainer_masks: Sequence[int],
        conflict_masks: Sequence[int],
        pairs: Sequence[tuple[int, int]],
        without_jury: frozenset[int],
        throttle: bool,
        variant: int = 0,
        keep_days: int = 0,
    ) -> None:
        self.layout = layout
        self.keep_days = bool(keep_days & KEEP_GROUPS)
        """Keep the candidates' day preferences (`candidate_days`): a group is tried later
        when its members' days break one, and cut by when its members are ready for a later
        collective step. Without it the attempt places everything as early as it can (and
        says which preferences it breaks)."""
        self.next_morning = bool(keep_days & KEEP_WAITS)
        """A run goes to the next morning rather than after a wait over `Attente maximale`
        (which moves work to the next day: on busy sessions, the groups then run late)."""
        self.day_masks = day_masks
        self.trainer_masks = trainer_masks
        self.conflict_masks = conflict_masks
        self.pairs = list(pairs)
        self.without_jury = without_jury
        self.throttle = throttle
        self.holes = bool(variant & 1)
        self.reverse = bool(variant & 2)
        self.reorder = not variant & 4
        self.interleave = bool(variant & 8) and variant_differs(layout, 8)
        self.stay = bool(variant & 16)
        count = len(layout.candidates)
        self.candidate_busy = [Busy() for _ in range(count)]
        self.juror_busy = [Busy() for _ in day_masks]
        self.room_busy: dict[str, Busy] = {}
        for rooms in layout.rooms.values():
            for room in rooms:
                self.room_busy.setdefault(room.name, Busy())
        start = layout.working.segments[0].start if layout.working.segments else 0
        self.ready = [start] * count
        # Supervisors come from outside the pairs first: the pairs are the scarce resource.
        paired = [j for pair in self.pairs for j in pair]
        in_pairs = frozenset(paired)
        others = [j for j in range(len(day_masks)) if j not in in_pairs]
        self.supervisor_order = others + paired
        self._rooms_cache: dict[tuple[int, int], tuple[Room, ...] | None] = {}
        self.attempt = Attempt()
        self.item_use: list[list[tuple[int, int, int]]] = [[] for _ in layout.item_limits]
        self.cap = layout.juror_day_cap
        self.juror_load: list[dict[int, int]] = [{} for _ in day_masks]
        """Jury minutes booked per juror and day (`Heures maximum par juré et par jour`)."""
        self._pending: dict[tuple[int, int], int] = {}
        """Jury minutes of a run being placed, not yet booked."""
        working = layout.working
        self.buffer = max((working.day_minutes(day) for day in range(len(layout.days))), default=0)
        self.collective_days = [0] * count
        """The days each candidate's longest collective step spans (2 for a 2-day MSP)."""
        self.max_wait = layout.session.max_wait_minutes
        self._journal: list[tuple[Busy, tuple[Piece, ...]] | tuple[int, int, int]] | None = None
        """While a group is placed: its bookings, to undo them (busy time, juror load)."""

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
        if self.attempt.fits:
            for candidate in range(len(layout.candidates)):
                for fault in self._faults_of(candidate):
                    self.attempt.relaxed[fault] = self.attempt.relaxed.get(fault, 0) + 1
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
            except NoTimeError as exc:
                self.attempt.failure = (self._current_candidate, self._current_step, exc.reason)
                self.attempt.unplaced = len(group) + sum(len(g) for g in pending)
                break

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

    _current_step: Step
    _current_candidate: int
    """The step and candidate being placed, to say which one found no time."""

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
            if len(self.attempt.placed) == mark[0] or not self._group_faults(group):
                self._journal = None
                return
            first_start = self.attempt.placed[mark[0]].pieces[0][0]
            self._undo(mark)
            following = self.layout.working.next_segment_start(first_start)
            if following is None:
                break
            not_before = following
        self._journal = None
        self._run_group(group)

    def _faults_of(self, candidate: int) -> set[DayFault]:
        return day_faults(
            self.layout, self.candidate_busy[candidate], self.collective_days[candidate]
        )

    def _group_faults(self, group: list[int]) -> bool:
        return any(self._faults_of(candidate) for candidate in group)

    def _mark(self, group: list[int]) -> tuple[int, list[int], dict[int, tuple[int, int, int]]]:
        """Where the bookings stand before a group is placed, to undo it."""
        self._journal = []
        saved = {
            c: (self.ready[c], self.attempt.pair_of.get(c, -1), self.collective_days[c])
            for c in group
        }
        return len(self.attempt.placed), [len(use) for use in self.item_use], saved

    def _undo(self, mark: tuple[int, list[int], dict[int, tuple[int, int, int]]]) -> None:
        placed, items, saved = mark
        assert self._journal is not None
        for entry in reversed(self._journal):
            if len(entry) == 2:
                busy, pieces = entry
                assert isinstance(busy, Busy)
                busy.unbook(pieces)
            else:
                juror, day, minutes = entry
                assert isinstance(juror, int)
                self.juror_load[juror][day] -= minutes
        self._journal = []
        del self.attempt.placed[placed:]
        for item, count in enumerate(items):
            del self.item_use[item][count:]
        for candidate, (ready, pair, days) in saved.items():
            self.ready[candidate] = ready
            self.collective_days[candidate] = days
            if pair < 0:
                self.attempt.pair_of.pop(candidate, None)
            else:
                self.attempt.pair_of[candidate] = pair

    def _busy_book(self, busy: Busy, pieces: tuple[Piece, ...]) -> None:
        busy.book(pieces)
        if self._journal is not None:
            self._journal.append((busy, pieces))

    def _run_stretch(self, group: list[int], first: int, end: int) -> None:
        self._current_candidate = group[0]
        self._current_step = self.layout.body[first]
        if self.layout.body[first].mode is StepMode.COLLECTIF:
            self._collective_run(group, first, end)
            return
        for candidate in group:
            self._individual_block(candidate, first, end)

    def _throttle_from(self, index: int, size: int) -> int:
        """Start a group's first collective steps so that its members wait about a day at most.

        The group's members can start their individual steps when pairs become free: the
        `size`-th soonest free pair says when the last of them can. Starting the collective steps
        one working day before that keeps a day of candidates ready for the pairs, and no more.
        """
        if not self.throttle or index != 0 or not self.pairs:
            return 0
        body = self.layout.body
        leading = 0
        while leading < len(body) and body[leading].mode is StepMode.COLLECTIF:
            leading += 1
        if leading == len(body):
            return 0
        lead = sum(step.duration_minutes for step in body[:leading])
        free = sorted(
            max(self.juror_busy[a].last_end, self.juror_busy[b].last_end) for a, b in self.pairs
        )
        moment = free[min(size, len(free)) - 1]
        start = self.layout.working.back_by(moment, lead + self.buffer)
        if self.keep_days:
            # Never the day before a weekend or a holiday when the pairs take the members after
            # it: the group then sits on the pairs' own day.
            day = day_of(moment)
            if day and day_of(start) < day and not next_day_follows(self.layout, day - 1):
                start = max(start, stamp(day, 0))
        return start

    def _rooms_for(self, step: Step, size: int) -> tuple[Room, ...] | None:
        key = (id(step), size)
        if key not in self._rooms_cache:
            found = None
            if step.room_type is not None:
                found = tuple(
                    room
                    for room in self.layout.rooms.get(step.room_type, ())
                    if room.capacity >= size
                )
            self._rooms_cache[key] = found
        return self._rooms_cache[key]

    def _free_room(self, rooms: tuple[Room, ...], pieces: Sequence[Piece]) -> Room | int:
        """A free room, or the earliest moment one may be free."""
        soonest: int | None = None
        for room in rooms:
            busy_until = self.room_busy[room.name].conflict_end_any(pieces)
            if busy_until is None:
                return room
            soonest = busy_until if soonest is None else min(soonest, busy_until)
        if soonest is None:
            raise NoTimeError("aucune salle assez grande")
        return soonest

    def _fit(self, earliest: int, duration: int, epreuve: bool) -> tuple[Piece, ...]:
        pieces = self.layout.working.fit(earliest, duration, epreuve)
        if pieces is None:
            raise NoTimeError("plus de créneau libre avant la fin de la session")
        return pieces

    def _collective_placements(self, group: list[int], first: int, end: int) -> Placements:
        """Where consecutive collective steps of one group go, kept together (not booked)."""
        positions = list(range(first, end))
        lengths = [max(self.layout.durations[c][p] for c in group) for p in positions]
        moment = max(max(self.ready[c] for c in group), self._throttle_from(first, len(group)))

        units = self._chains(positions)

        def simulate(start: int) -> Placements:
            placements: Placements = []
            for unit in units:
                self._current_step = self.layout.body[unit[-1]]
                placed = self._collective_search(group, unit, start)
                placements.extend(placed)
                start = placed[-1][1][-1][1]
            return placements

        return self._tidy(simulate(moment), positions, lengths, simulate)

    def _collective_run(self, group: list[int], first: int, end: int) -> None:
        """Consecutive collective steps of one group, kept together, then booked; a group larger
        than one of these steps holds is split into balanced smaller groups for them."""
        smallest = min(self.layout.step_sizes[p] for p in range(first, end))
        if len(group) > smallest:
            for part in balanced_groups(len(group), smallest):
                self._collective_run([group[i] for i in part], first, end)
            return
        if self.keep_days:
            units = self._chains(list(range(first, end)))
            if len(units) > 1:
                # Chain by chain, so that each is held with the members ready for it.
                for unit in units:
                    self._collective_run(group, unit[0], unit[-1] + 1)
                return
        clusters = self._ready_clusters(group) if self.keep_days else [group]
        if len(clusters) > 1:
            for cluster in clusters:
                self._collective_run(cluster, first, end)
            return
        try:
            placements = self._collective_placements(group, first, end)
        except NoTimeError:
            # A slower member's longer épreuve may not fit where the others' does: the slowest
            # sit on their own, from when they are ready, and the others after.
            lengths = {c: sum(self.layout.durations[c][first:end]) for c in group}
            slowest = max(lengths.values())
            if len(set(lengths.values())) == 1:
                raise
            self._collective_run([c for c in group if lengths[c] == slowest], first, end)
            self._collective_run([c for c in group if lengths[c] < slowest], first, end)
            return
        for position, pieces, room, chosen in placements:
            step = self.layout.body[position]
            # Room and supervisors stay for the slowest member; each member is busy (and then
            # free) for their own duration only: extra time delays no one else.
            self._book(step, pieces, room, tuple(group), chosen, None, present=False)
            self._book_items(position, pieces, len(group))
            for candidate in group:
                own = self._own_pieces(pieces, self.layout.durations[candidate][position])
                if step.candidate_present:
                    self._busy_book(self.candidate_busy[candidate], own)
                    self.collective_days[candidate] = max(self.collective_days[candidate], len(own))
                self.ready[candidate] = own[-1][1]

    def _ready_clusters(self, group: list[int]) -> list[list[int]]:
        """The group cut by when its members are ready, so that no one waits more than
        `Attente maximale` for the slowest (a member with extra time finishes the MSP later:
        the others sit the next collective step without waiting for them)."""
        working = self.layout.working
        ordered = sorted(group, key=lambda c: self.ready[c])
        latest = self.ready[ordered[-1]]
        if (
            day_of(self.ready[ordered[0]]) != day_of(latest)
            or working.minutes_between(self.ready[ordered[0]], latest) <= self.max_wait
        ):
            return [group]
        clusters: list[list[int]] = []
        current: list[int] = []
        for candidate in ordered:
            if current and (
                day_of(self.ready[current[0]]) != day_of(self.ready[candidate])
                or working.minutes_between(self.ready[current[0]], self.ready[candidate])
                > self.max_wait
            ):
                clusters.append(current)
                current = []
            current.append(candidate)
        clusters.append(current)
        return clusters

    def _own_pieces(self, pieces: tuple[Piece, ...], duration: int) -> tuple[Piece, ...]:
        """A member's part of a group's placement: same start, their own duration."""
        return self.layout.working.span(pieces[0][0], duration)

    def _book_items(self, position: int, pieces: tuple[Piece, ...], count: int) -> None:
        for item, (_, _, positions) in enumerate(self.layout.item_limits):
            if position in positions:
                self.item_use[item].extend((start, end, count) for start, end in pieces)

    def _items_wait(
        self, positions: Sequence[int], pieces: Sequence[Piece], count: int
    ) -> int | None:
        """When enough per-candidate items are free for `count` more candidates over `pieces`
        (groups in other rooms at the same time share them), or None when they are."""
        for item, (_, limit, using) in enumerate(self.layout.item_limits):
            if not any(p in using for p in positions):
                continue
            for start, end in pieces:
                overlapping = [u for u in self.item_use[item] if u[0] < end and u[1] > start]
                if sum(u[2] for u in overlapping) + count > limit and overlapping:
                    return min(u[1] for u in overlapping)
        return None

    def _chains(self, positions: list[int]) -> list[list[int]]:
        """Consecutive collective steps cut into chains: temps cachés held in the same kind of
        room as the épreuve after them (the installation and reading of the consignes before
        the MSP) form one chain with it, placed as one block, so that they end exactly when
        it starts, with the same group, room and supervisors."""
        body = self.layout.body
        units: list[list[int]] = []
        current: list[int] = []
        for position in positions:
            step = body[position]
            if current and body[current[-1]].room_type != step.room_type:
                units.append(current)
                current = []
            current.append(position)
            if step.is_epreuve:
                units.append(current)
                current = []
        if current:
            units.append(current)
        return units

    def _split_chain(
        self, unit: list[int], group: list[int], start: int
    ) -> list[tuple[int, tuple[Piece, ...]]] | int:
        """Each step's part of a chain placed from `start` (the slowest member's lengths), or
        the moment to try next when a temps caché would be cut by a break."""
        working = self.layout.working
        parts: list[tuple[int, tuple[Piece, ...]]] = []
        cursor = start
        for position in unit:
            length = max(self.layout.durations[c][position] for c in group)
            pieces = working.span(cursor, length)
            if position != unit[-1] and (
                len(pieces) > 1 or working.minutes_between(pieces[0][0], pieces[0][1]) != length
            ):
                return working.segment_start(pieces[-1][1])
            parts.append((position, pieces))
            cursor = pieces[-1][1]
        return parts

    def _collective_search(
        self, group: list[int], unit: list[int], moment: int
    ) -> list[tuple[int, tuple[Piece, ...], Room | None, tuple[int, ...]]]:
        """The earliest time from `moment` when the group, a room and supervisors are free for
        a chain of collective steps."""
        body = self.layout.body
        step = body[unit[-1]]
        duration = max(sum(self.layout.durations[c][p] for p in unit) for c in group)
        rooms = self._rooms_for(step, len(group))
        trainers = 0
        conflicted = 0
        for candidate in group:
            trainers |= self.trainer_masks[candidate]
            conflicted |= self.conflict_masks[candidate]
        supervisors = [j for j in self.supervisor_order if not trainers >> j & 1]
        supervisors.sort(key=lambda j: conflicted >> j & 1)
        needed = max(body[p].jurors_required for p in unit)
        present_steps = any(body[p].candidate_present for p in unit)
        epreuve = any(body[p].is_epreuve for p in unit)
        while True:
            pieces = self._fit(moment, duration, epreuve)
            parts = self._split_chain(unit, group, pieces[0][0])
            if isinstance(parts, int):
                moment = max(parts, moment + 1)
                continue
            items_free = self._items_wait(unit, pieces, len(group))
            if items_free is not None:
                moment = items_free
                continue
            if present_steps:
                blocked = [self.candidate_busy[c].conflict_end_any(pieces) for c in group]
                waits = [b for b in blocked if b is not None]
                if waits:
                    moment = max(waits)
                    continue
            room: Room | None = None
            if rooms is not None:
                found = self._free_room(rooms, pieces)
                if isinstance(found, int):
                    moment = found
                    continue
                room = found
            chosen: list[int] = []
            if needed:
                days = _days_of(pieces)
                present = self._supervisors_for(supervisors, pieces, days)
                if len(present) < needed:
                    moment = _next_day(pieces)
                    continue
                soonest: int | None = None
                for juror in present:
                    busy_until = self.juror_busy[juror].conflict_end_any(pieces)
                    if busy_until is None:
                        chosen.append(juror)
                        if len(chosen) == needed:
                            break
                    else:
                        soonest = busy_until if soonest is None else min(soonest, busy_until)
                if len(chosen) < needed:
                    assert soonest is not None
                    moment = soonest
                    continue
            return [
                (position, own, room, tuple(chosen[: body[position].jurors_required]))
                for position, own in parts
            ]

    def _supervisors_for(
        self, supervisors: list[int], pieces: tuple[Piece, ...], days: int
    ) -> list[int]:
        """The supervisors available on the days of a sitting, in order of preference.

        Those whose day stays within `Heures maximum par juré et par jour` come first. Keeping
        the candidates' days (`keep_days`), only they may supervise, or, for a sitting longer
        than that maximum (a 7-hour MSP), a juror with nothing else on those days (reported as
        `juror-overload`); otherwise any juror may, when no one else can."""
        present = [j for j in supervisors if self.day_masks[j] & days == days]
        if not self.keep_days:
            return sorted(present, key=lambda j: not self._fits_day(j, pieces))
        sitting = self._day_minutes(pieces)
        longer = any(minutes > self.cap for _, minutes in sitting)
        return [
            j
            for j in present
            if self._fits_day(j, pieces)
            or (longer and not any(self.juror_load[j].get(day) for day, _ in sitting))
        ]

    def _choose_pair(self, candidate: int, positions: list[int]) -> tuple[int, Placements]:
        """The conflict-free pair that ends the candidate's individual steps earliest."""
        mask = self.conflict_masks[candidate]
        ready = self.ready[candidate]
        # The whole run, as if in one stretch: a hole too short for it is of no use.
        duration = sum(self.layout.durations[candidate][p] for p in positions)
        clean = [
            (
                self._pair_free_from(number, ready, duration)
                if self.holes
                else max(ready, self.juror_busy[a].last_end, self.juror_busy[b].last_end),
                number,
            )
            for number, (a, b) in enumerate(self.pairs)
            if not (mask >> a & 1 or mask >> b & 1)
        ]
        # Only the pairs free soonest are tried: trying all of them costs too much. Their plain
        # earliest placements are compared first; the tidying (which may move the run later) is then
        # applied to the best, and to the next ones while it moves them.
        clean.sort()
        raw: list[tuple[int, int, Placements]] = []
        for _, number in clean[:SHORTLIST]:
            try:
                placements = self._simulate(candidate, positions, number, ready)
            except NoTimeError:
                continue
            raw.append((placements[-1][1][-1][1], number, placements))
        if not raw:
            raise NoTimeError(
                "aucun binôme sans conflit n'a plus de créneau libre avant la fin de la session"
            )
        raw.sort(key=lambda found: (found[0], found[1]))
        best: tuple[int, int, Placements] | None = None
        for end, number, placements in raw:
            tidied = self._tidy_block(candidate, positions, number, placements)
            tidy_end = tidied[-1][1][-1][1]
            if best is None or (tidy_end, number) < (best[0], best[1]):
                best = (tidy_end, number, tidied)
            if tidy_end == end:
                break
        assert best is not None
        return best[1], best[2]

    def _pair_free_from(self, pair: int, moment: int, duration: int) -> int:
        """When the pair can first give `duration` minutes from `moment`, holes included.

        A pair booked late in the day (a short step after a group's long épreuve) is often free
        long before its last booking; ranking pairs by their last booking would pass over it.
        The search gives up after a few jumps and falls back on the pair's last booking.
        """
        jurors = self.pairs[pair]
        busy = [self.juror_busy[j] for j in jurors]
        fallback = max(moment, *(b.last_end for b in busy))
        for _ in range(PAIR_SEARCH_JUMPS):
            if moment >= fallback:
                return fallback
            pieces = self.layout.working.fit(moment, duration, epreuve=True)
            if pieces is None:
                return fallback
            days = _days_of(pieces)
            if any(self.day_masks[j] & days != days for j in jurors):
                moment = _next_day(pieces)
                continue
            wait = self._wait(pieces, None, busy)
            if wait is None:
                return pieces[0][0]
            moment = wait
        return fallback

    def _individual_block(self, candidate: int, first: int, end: int) -> None:
        """Consecutive individual steps of one candidate, with their pair, booked together."""
        body = self.layout.body
        positions = [
            p
            for p in range(first, end)
            if not (body[p].jurors_required and candidate in self.without_jury)
        ]
        if not positions:
            return
        self._current_step = body[positions[0]]
        self._current_candidate = candidate
        pair = self.attempt.pair_of.get(candidate)
        pair, placements = self._place_within_wait(candidate, positions, pair)
        for position, pieces, room, jurors in placements:
            step = body[position]
            self._book(step, pieces, room, (candidate,), jurors, pair, step.candidate_present)
        self.ready[candidate] = placements[-1][1][-1][1]

    def _place_within_wait(
        self, candidate: int, positions: list[int], pair: int | None
    ) -> tuple[int | None, Placements]:
        """The run placed as early as possible; when that leaves the candidate waiting more
        than `Attente maximale` after their previous step of the day, the run goes to the
        morning of the next day instead, if that day follows (no weekend or holiday between)
        and the run fits in it."""
        chosen, placements = self._place_or_choose(candidate, positions, pair)
        if not self.next_morning:
            return chosen, placements
        last = self.candidate_busy[candidate].last_end
        start = placements[0][1][0][0]
        day = day_of(last)
        if (
            not last
            or day_of(start) != day
            or self.layout.working.minutes_between(last, start) <= self.max_wait
            or not next_day_follows(self.layout, day)
        ):
            return chosen, placements
        ready = self.ready[candidate]
        self.ready[candidate] = max(ready, stamp(day + 1, 0))
        if pair is None:
            self.attempt.pair_of.pop(candidate, None)
        try:
            other, later = self._place_or_choose(candidate, positions, pair)
        except NoTimeError:
            other, later = None, []
        self.ready[candidate] = ready
        if later and day_of(later[-1][1][-1][1]) == day + 1:
            return other, later
        if chosen is not None:
            self.attempt.pair_of[candidate] = chosen
        return chosen, placements

    def _place_or_choose(
        self, candidate: int, positions: list[int], pair: int | None
    ) -> tuple[int | None, Placements]:
        body = self.layout.body
        if pair is None and any(body[p].jurors_required for p in positions):
            pair, placements = self._choose_pair(candidate, positions)
            self.attempt.pair_of[candidate] = pair
            return pair, placements
        return pair, self._place_block(candidate, positions, pair)

    def _place_block(self, candidate: int, positions: list[int], pair: int | None) -> Placements:
        placements = self._simulate(candidate, positions, pair, self.ready[candidate])
        return self._tidy_block(candidate, positions, pair, placements)

    def _tidy_block(
        self, candidate: int, positions: list[int], pair: int | None, placements: Placements
    ) -> Placements:
        lengths = [self.layout.durations[candidate][p] for p in positions]

        def simulate(start: int) -> Placements:
            return self._simulate(candidate, positions, pair, start)

        return self._tidy(placements, positions, lengths, simulate)

    def _tidy(
        self,
        placements: Placements,
        positions: list[int],
        lengths: list[int],
        simulate: Callable[[int], Placements],
    ) -> Placements:
        """Keep a run of steps together: start it later when that closes a wait inside it on
        the same day, or keeps it within one day; a temps caché stays with the step after it."""
        working = self.layout.working
        body = self.layout.body
        for _ in range(3):
            moment: int | None = None
            for k in range(1, len(placements)):
                before_end, after_start = placements[k - 1][1][-1][1], placements[k][1][0][0]
                if working.minutes_between(before_end, after_start):
                    moment = working.back_by(after_start, sum(lengths[:k]))
                    break
                if after_start > before_end and not any(body[p].is_epreuve for p in positions[:k]):
                    moment = after_start
                    break
            if moment is None or moment <= placements[0][1][0][0]:
                break
            try:
                later = simulate(moment)
            except NoTimeError:
                break
            if day_of(later[-1][1][-1][1]) > day_of(placements[-1][1][-1][1]):
                break
            placements = later
        first_day = day_of(placements[0][1][0][0])
        if len(_spread(placements)) > 1 and sum(lengths) <= working.day_minutes(first_day):
            try:
                retry = simulate(stamp(first_day + 1, 0))
            except NoTimeError:
                return placements
            if len(_spread(retry)) == 1:
                return retry
        return placements

    def _simulate(
        self, candidate: int, positions: list[int], pair: int | None, moment: int
    ) -> Placements:
        placements: Placements = []
        room: Room | None = None
        self._pending = {}
        try:
            for position in positions:
                step = self.layout.body[position]
                self._current_step = step
                pieces, room = self._search(candidate, position, pair, moment, room)
                jurors = self._jurors_for(step, pair)
                placements.append((position, pieces, room, jurors))
                for juror in jurors:
                    # Wall-clock minutes: a lunch break inside counts, which only errs on the
                    # safe side of the maximum, and spares the working-time lookup.
                    for start, end in pieces:
                        key = (juror, day_of(start))
                        self._pending[key] = self._pending.get(key, 0) + end - start
                moment = pieces[-1][1]
        finally:
            self._pending = {}
        return placements

    def _jurors_for(self, step: Step, pair: int | None) -> tuple[int, ...]:
        if pair is None or not step.jurors_required:
            return ()
        return self.pairs[pair][: min(step.jurors_required, 2)]

    def _search(
        self,
        candidate: int,
        index: int,
        pair: int | None,
        moment: int,
        previous: Room | None = None,
    ) -> tuple[tuple[Piece, ...], Room | None]:
        """The earliest time from `moment` when the candidate, the pair and a room are free."""
        step = self.layout.body[index]
        duration = self.layout.durations[candidate][index]
        jurors = self._jurors_for(step, pair)
        rooms = self._rooms_for(step, 1)
        if rooms and pair is not None:
            # Each pair starts with its own room, so that rooms are rarely tried in vain.
            turn = pair % len(rooms)
            rooms = rooms[turn:] + rooms[:turn]
        # A candidate going straight on from their previous step stays in its room: it is free
        # as they leave it, and the other rooms keep their free stretches whole.
        stay = previous if self.stay and rooms and previous in rooms else None
        left_at = moment
        candidate_busy = self.candidate_busy[candidate] if step.candidate_present else None
        juror_busy = [self.juror_busy[j] for j in jurors]
        juror_days = [self.day_masks[j] for j in jurors]
        fit = self.layout.working.fit
        epreuve = step.is_epreuve
        while True:
            pieces = fit(moment, duration, epreuve)
            if pieces is None:
                raise NoTimeError("plus de créneau libre avant la fin de la session")
            days = _days_of(pieces)
            if any(mask & days != days for mask in juror_days):
                moment = _next_day(pieces)
                continue
            wait = self._wait(pieces, candidate_busy, juror_busy)
            if wait is not None:
                moment = wait
                continue
            if jurors and not all(self._fits_day(juror, pieces) for juror in jurors):
                moment = _next_day(pieces)
                continue
            if rooms is None:
                return pieces, None
            if (
                stay is not None
                and pieces[0][0] == left_at
                and self.room_busy[stay.name].conflict_end_any(pieces) is None
            ):
                return pieces, stay
            found = self._free_room(rooms, pieces)
            if isinstance(found, int):
                moment = found
                continue
            return pieces, found

    @staticmethod
    def _wait(
        pieces: tuple[Piece, ...], candidate_busy: Busy | None, juror_busy: list[Busy]
    ) -> int | None:
        """When the candidate or a juror stops being busy, or None when all are free."""
        if len(pieces) == 1:
            start, end = pieces[0]
            if candidate_busy is not None:
                busy_until = candidate_busy.conflict_end(start, end)
                if busy_until is not None:
                    return busy_until
            latest = None
            for busy in juror_busy:
                found = busy.conflict_end(start, end)
                if found is not None and (latest is None or found > latest):
                    latest = found
            return latest
        if candidate_busy is not None:
            busy_until = candidate_busy.conflict_end_any(pieces)
            if busy_until is not None:
                return busy_until
        waits = [w for w in (busy.conflict_end_any(pieces) for busy in juror_busy) if w is not None]
        return max(waits, default=None)

    def _day_minutes(self, pieces: Sequence[Piece]) -> list[tuple[int, int]]:
        """(day, usable minutes) of a placement, lunch excluded."""
        working = self.layout.working
        return [(day_of(start), working.minutes_between(start, end)) for start, end in pieces]

    def _fits_day(self, juror: int, pieces: Sequence[Piece]) -> bool:
        """Whether the juror's day stays within `Heures maximum par juré et par jour`."""
        load = self.juror_load[juror]
        pending = self._pending
        for start, end in pieces:
            day = day_of(start)
            before = load.get(day, 0) + (pending.get((juror, day), 0) if pending else 0)
            # The wall-clock length bounds the usable minutes: most checks stop here.
            if before + end - start <= self.cap:
                continue
            if before + self.layout.working.minutes_between(start, end) > self.cap:
                return False
        return True

    def _book(
        self,
        step: Step,
        pieces: tuple[Piece, ...],
        room: Room | None,
        candidates: tuple[int, ...],
        jurors: tuple[int, ...],
        pair: int | None,
        present: bool,
    ) -> None:
        if present:
            for candidate in candidates:
                self._busy_book(self.candidate_busy[candidate], pieces)
        for juror in jurors:
            self._busy_book(self.juror_busy[juror], pieces)
            for day, minutes in self._day_minutes(pieces):
                self.juror_load[juror][day] = self.juror_load[juror].get(day, 0) + minutes
                if self._journal is not None:
                    self._journal.append((juror, day, minutes))
        if room is not None:
            self._busy_book(self.room_busy[room.name], pieces)
        self.attempt.placed.append(Placed(step, pieces, room, candidates, jurors, pair))
