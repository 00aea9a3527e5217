"""A planning attempt's state: who and what is busy when, each juror's load per day, and
the journal that undoes a group's placement."""

from __future__ import annotations

from collections.abc import Sequence

from docgen.model import Room, Step
from docgen.planning.attempt import Attempt, NoTimeError, Placed, variant_differs
from docgen.planning.layout import Layout
from docgen.planning.timeline import MINUTES_PER_DAY, Busy, Piece, day_of

KEEP_GROUPS = 1
KEEP_WAITS = 2
SPLIT_RUNS = 4
"""`Scheduler(keep_days=…)` flags: keep the candidates' day preferences group by group, and
move a run to the next morning rather than make its candidate wait; let a run of individual
steps go on the next day rather than move it whole to the next morning (fewer pairs)."""


class Bookings:
    """The busy time of every candidate, juror and room, and the jury minutes per juror and day."""

    _current_step: Step
    _current_candidate: int
    """The step and candidate being placed, to say which one found no time."""

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
        to_beat: int | None = None,
        pace: Sequence[int] = (),
    ) -> None:
        self.layout = layout
        self.to_beat = to_beat
        """Keeping the candidates' days, the attempt stops as soon as this many candidates
        break a preference: the earliest placement already does no worse."""
        self.broken = 0
        self.pace = pace
        """The earliest placement's pace (`Attempt.pace`): keeping the candidates' days, the
        attempt stops when it falls further behind it than the time that placement left at
        the end of the session (and a day), as it would then run out of days."""
        self.slack = max(MINUTES_PER_DAY, layout.working.end - pace[-1]) if pace else 0
        self.latest = 0
        self.paced = 0
        self.keep_days = bool(keep_days & KEEP_GROUPS)
        """Keep the candidates' day preferences (`candidate_days`): a group is tried later
        when its members' days break one, and cut by when its members are ready for a later
        collective step. Without it the attempt places everything as early as it can (and
        says which preferences it breaks)."""
        self.whole_runs = not keep_days & SPLIT_RUNS
        """A run of individual steps that fits in a day is kept within one (the next morning
        rather than split over a night), which leaves pairs' evening time unused."""
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
        kept = keep_days & (KEEP_GROUPS | KEEP_WAITS)
        self.max_days = layout.session.max_days_per_juror if kept else None
        """`Jours maximum par juré`, kept with the candidates' days (else only reported)."""
        self._journal: list[tuple[Busy, tuple[Piece, ...]] | tuple[int, int, int]] | None = None
        """While a group is placed: its bookings, to undo them (busy time, juror load)."""

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

    def _day_mask(self, juror: int) -> int:
        """The days the juror may sit: their availability, or, keeping the candidates' days
        and once they sit `Jours maximum par juré` days, only those days."""
        if self.max_days is None:
            return self.day_masks[juror]
        booked = [day for day, minutes in self.juror_load[juror].items() if minutes > 0]
        if len(booked) < self.max_days:
            return self.day_masks[juror]
        mask = 0
        for day in booked:
            mask |= 1 << day
        return mask

    def _day_minutes(self, pieces: Sequence[Piece]) -> list[tuple[int, int]]:
        """(day, usable minutes) of a placement, lunch excluded."""
        working = self.layout.working
        return [(day_of(start), working.minutes_between(start, end)) for start, end in pieces]

    def _fits_day(self, juror: int, pieces: Sequence[Piece]) -> bool:
        """Whether the juror's day stays within `Heures maximum par juré et par jour`."""
        load = self.juror_load[juror]
        pending = self._pending
        for start, end in pieces:
            day = start // MINUTES_PER_DAY  # day_of, inlined: called for every search
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
