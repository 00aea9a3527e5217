"""Individual steps: a candidate's run of steps with their jury pair, placed at the earliest
time everyone is free, kept together, never after a long wait."""

from __future__ import annotations

from collections.abc import Callable

from docgen.model import Room, Step
from docgen.planning.attempt import NoTimeError, Placements, days_of, next_day, spread
from docgen.planning.bookings import Bookings
from docgen.planning.candidate_days import next_day_follows
from docgen.planning.timeline import Busy, Piece, day_of, stamp

SHORTLIST = 2
"""How many of the soonest-free pairs are tried in full for a candidate."""


PAIR_SEARCH_JUMPS = 6
"""How many busy stretches the search for a pair's first free time steps over."""


class IndividualSteps(Bookings):
    """Places a candidate's consecutive individual steps with their pair."""

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
        for index, (_, number) in enumerate(clean):
            # The shortlist, then, when none of it has time left, the next pairs one by one.
            if index >= SHORTLIST and raw:
                break
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
            days = days_of(pieces)
            if any(self._day_mask(j) & days != days for j in jurors):
                moment = next_day(pieces)
                continue
            wait = self._wait(pieces, None, busy)
            if wait is None:
                return pieces[0][0]
            moment = wait
        return fallback

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
        if (
            self.whole_runs
            and len(spread(placements)) > 1
            and sum(lengths) <= working.day_minutes(first_day)
        ):
            try:
                retry = simulate(stamp(first_day + 1, 0))
            except NoTimeError:
                return placements
            if len(spread(retry)) == 1:
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
        juror_days = [self._day_mask(j) for j in jurors]
        fit = self.layout.working.fit
        epreuve = step.is_epreuve
        fits_day = self._fits_day
        wait_for = self._wait
        while True:  # the hottest loop of planning: plain loops rather than any()/all()
            pieces = fit(moment, duration, epreuve)
            if pieces is None:
                raise NoTimeError("plus de créneau libre avant la fin de la session")
            days = days_of(pieces)
            away = False
            for mask in juror_days:
                if mask & days != days:
                    away = True
                    break
            if away:
                moment = next_day(pieces)
                continue
            wait = wait_for(pieces, candidate_busy, juror_busy)
            if wait is not None:
                moment = wait
                continue
            for juror in jurors:
                if not fits_day(juror, pieces):
                    away = True
                    break
            if away:
                moment = next_day(pieces)
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
