"""Collective steps: a group's chain of sittings (installation → MSP), its room, its
supervisors and the per-candidate items, started when pairs will soon be free for its members."""

from __future__ import annotations

from collections.abc import Sequence

from docgen.model import Room, StepMode
from docgen.planning.attempt import NoTimeError, Placements, balanced_groups, days_of, next_day
from docgen.planning.candidate_days import next_day_follows
from docgen.planning.individual import IndividualSteps
from docgen.planning.timeline import Piece, day_of, stamp


class CollectiveSteps(IndividualSteps):
    """Places a group's consecutive collective steps."""

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
                days = days_of(pieces)
                present = self._supervisors_for(supervisors, pieces, days)
                if len(present) < needed:
                    moment = next_day(pieces)
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
        present = [j for j in supervisors if self._day_mask(j) & days == days]
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
