"""Pair rotation: fewer juror-days for the same candidates' days.

The attempt gives each candidate the pair that ends their interviews soonest, so every pair
sits nearly every day, some for an interview or two. Once the plan is found, each day's
lightest pairs hand their candidates to pairs that sit that day anyway: the candidate's run
of individual steps is placed again the same day, at the first time the new pair and a room
are free, no earlier than their previous step and without a longer wait than before (nor
beyond `Attente maximale`), and early enough for the closing to follow that day. A pair left with
nothing that day stays home. The new pair is free of conflict with the candidate, within
`Heures maximum par juré et par jour`, and sits no new day (`Jours maximum par juré` still
holds); a candidate keeps one pair for all their steps. The closing is then placed again
(every evaluator present, after their last deliberation); when it no longer fits, the plan is
kept as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from docgen.model import Room, StepMode
from docgen.planning.attempt import Attempt, Placed
from docgen.planning.closing import place_closing
from docgen.planning.jury import Jury
from docgen.planning.layout import Layout
from docgen.planning.timeline import Piece, day_of


def rotate_pairs(
    layout: Layout, jury: Jury, pairs: Sequence[tuple[int, int]], attempt: Attempt
) -> None:
    """Move interview runs from each day's lightest pairs to pairs sitting that day anyway."""
    if not attempt.fits or attempt.busy is None or len(set(attempt.pair_of.values())) < 2:
        return
    before = (list(attempt.placed), dict(attempt.pair_of))
    closing = [p for p in attempt.placed if p.step in layout.closing]
    attempt.placed[:] = [p for p in attempt.placed if p.step not in layout.closing]
    if not _Rotation(layout, jury, pairs, attempt).run():
        attempt.placed[:] = before[0]
        return
    place_closing(layout, jury, pairs, attempt, alone=_alone(attempt, closing))
    if not attempt.fits:
        attempt.failure = None
        attempt.placed[:], attempt.pair_of = before
        attempt.busy = None  # it holds the rotated runs: no second rotation starts from it


def _alone(attempt: Attempt, closing: list[Placed]) -> bool:
    """Whether the plan held its closing alone on a day (allowed when nothing else fitted)."""
    days = {day_of(piece[0]) for placed in attempt.placed for piece in placed.pieces}
    return any(day_of(placed.pieces[0][0]) not in days for placed in closing)


Block = list[tuple[int, tuple[Piece, ...], Room | None]]
"""A candidate's run placed again: (index into `attempt.placed`, pieces, room) per step."""


class _Rotation:
    def __init__(
        self, layout: Layout, jury: Jury, pairs: Sequence[tuple[int, int]], attempt: Attempt
    ) -> None:
        self.layout, self.jury, self.pairs, self.attempt = layout, jury, pairs, attempt
        assert attempt.busy is not None
        self.busy, self.rooms, self.load = attempt.busy
        """The scheduler's own busy time and juror minutes per day (the closing left out)."""
        self.own: dict[int, list[Piece]] = {}
        """Each candidate's time on site outside their run with the pair."""
        self.blocks: dict[int, list[int]] = {}
        """Each candidate's placements with their pair (indices into `attempt.placed`)."""
        body = layout.body
        for index, placed in enumerate(attempt.placed):
            if placed.pair is not None and len(placed.candidates) == 1:
                self.blocks.setdefault(placed.candidates[0], []).append(index)
            elif placed.step.candidate_present and placed.step.mode is StepMode.COLLECTIF:
                position = body.index(placed.step)
                for candidate in placed.candidates:
                    own = layout.working.span(
                        placed.pieces[0][0], layout.durations[candidate][position]
                    )
                    self.own.setdefault(candidate, []).extend(own)
            elif placed.step.candidate_present:
                for candidate in placed.candidates:
                    self.own.setdefault(candidate, []).extend(placed.pieces)
        closing = sum(step.duration_minutes for step in layout.closing)
        self.first: dict[int, int] = {}
        self.latest: dict[int, int] = {}
        """When each day's runs may start, and must end for the closing to fit after them."""
        for segment in layout.working.segments:
            day = day_of(segment.start)
            self.first.setdefault(day, segment.start)
            self.latest[day] = max(self.latest.get(day, 0), segment.end - closing)
        self.day: dict[int, int] = {}
        """The day of each candidate's run with their pair, when it is one run of consecutive
        steps held within one day (only those are placed again)."""
        for candidate, indices in self.blocks.items():
            days = {day_of(s) for i in indices for s, _ in attempt.placed[i].pieces}
            positions = [body.index(attempt.placed[i].step) for i in indices]
            if len(days) == 1 and positions == list(range(positions[0], positions[-1] + 1)):
                self.day[candidate] = days.pop()
        self.lengths = {
            i: sum(layout.working.minutes_between(s, e) for s, e in attempt.placed[i].pieces)
            for indices in self.blocks.values()
            for i in indices
        }
        """Each placement's usable minutes (the run keeps them when placed again)."""
        self.minutes = {
            candidate: sum(self.lengths[i] for i in indices)
            for candidate, indices in self.blocks.items()
        }
        """Each candidate's jury minutes with their pair."""

    def _book(
        self, jurors: Sequence[int], pieces: tuple[Piece, ...], room: Room | None, sign: int
    ) -> None:
        working = self.layout.working
        for juror in jurors:
            (self.busy[juror].book if sign > 0 else self.busy[juror].unbook)(pieces)
            load = self.load[juror]
            for start, end in pieces:
                day = day_of(start)
                load[day] = load.get(day, 0) + sign * working.minutes_between(start, end)
        if room is not None:
            busy = self.rooms[room.name]
            (busy.book if sign > 0 else busy.unbook)(pieces)

    def run(self) -> bool:
        """Rotate day by day; whether anything moved."""
        attempt = self.attempt
        moved = False
        for day in range(len(self.layout.days)):
            on_day: dict[int, list[int]] = {}
            for candidate, pair in attempt.pair_of.items():
                if self.day.get(candidate) == day:
                    on_day.setdefault(pair, []).append(candidate)
            if len(on_day) < 2:
                continue
            minutes = {p: max(self.load[j].get(day, 0) for j in self.pairs[p]) for p in on_day}
            emptied: set[int] = set()
            cap = self.layout.juror_day_cap
            for pair in sorted(on_day, key=lambda p: (minutes[p], p)):
                targets = [p for p in on_day if p != pair and p not in emptied]
                if self._sits_otherwise(on_day[pair], pair, day):
                    continue  # a member sits that day for something else: nothing to save
                needed = sum(self.minutes[c] for c in on_day[pair])
                room = sum(
                    max(0, cap - max(self.load[j].get(day, 0) for j in self.pairs[p]))
                    for p in targets
                )
                if needed <= room and self._hand_over(on_day[pair], pair, targets, day):
                    emptied.add(pair)
                    moved = True
        return moved

    def _sits_otherwise(self, candidates: list[int], pair: int, day: int) -> bool:
        """Whether a member of `pair` sits `day` for more than these candidates' runs."""
        placed = self.attempt.placed
        for juror in self.pairs[pair]:
            own = sum(
                self.lengths[i]
                for c in candidates
                for i in self.blocks[c]
                if juror in placed[i].jurors
            )
            if self.load[juror].get(day, 0) > own:
                return True
        return False

    def _hand_over(self, candidates: list[int], pair: int, targets: list[int], day: int) -> bool:
        """Move these candidates' runs from `pair` to the fullest targets that can take them,
        all of them or none."""
        placed = self.attempt.placed
        done: list[tuple[int, Block]] = []
        for candidate in candidates:
            old: Block = [(i, placed[i].pieces, placed[i].room) for i in self.blocks[candidate]]
            self._set(candidate, None, None)
            found = self._target(candidate, targets, day)
            if found is None:
                self._set(candidate, old, pair)
                for other, block in reversed(done):
                    self._set(other, None, None)
                    self._set(other, block, pair)
                return False
            self._set(candidate, found[1], found[0])
            done.append((candidate, old))
        return True

    def _set(self, candidate: int, block: Block | None, pair: int | None) -> None:
        """Unbook the candidate's run (`block` None), or book it as `block` with `pair`."""
        placed = self.attempt.placed
        if block is None:
            for index in self.blocks[candidate]:
                entry = placed[index]
                self._book(entry.jurors, entry.pieces, entry.room, -1)
            return
        assert pair is not None
        for index, pieces, room in block:
            entry = placed[index]
            jurors = self.pairs[pair][: len(entry.jurors)]
            placed[index] = replace(entry, pieces=pieces, room=room, jurors=jurors, pair=pair)
            self._book(jurors, pieces, room, 1)
        self.attempt.pair_of[candidate] = pair

    def _target(self, candidate: int, targets: list[int], day: int) -> tuple[int, Block] | None:
        """The fullest pair sitting that day that can take the candidate's run, and where."""
        mask = self.jury.conflicts.masks[candidate]
        ranked = sorted(
            targets, key=lambda p: -max(self.load[j].get(day, 0) for j in self.pairs[p])
        )
        for pair in ranked:
            members = self.pairs[pair]
            if any(mask >> j & 1 or self.load[j].get(day, 0) <= 0 for j in members):
                continue
            block = self._place(candidate, pair, day)
            if block is not None:
                return pair, block
        return None

    def _place(self, candidate: int, pair: int, day: int) -> Block | None:
        """The candidate's run with `pair` on `day`, at the first time all are free."""
        layout, placed = self.layout, self.attempt.placed
        working = layout.working
        indices = self.blocks[candidate]
        start = placed[indices[0]].pieces[0][0]
        end = placed[indices[-1]].pieces[-1][1]
        mine = [p for p in self.own.get(candidate, []) if day_of(p[0]) == day]
        before = max((e for s, e in mine if e <= start), default=None)
        after = min((s for s, e in mine if s >= end), default=None)
        limit = layout.session.max_wait_minutes
        if before is not None:
            limit = max(limit, working.minutes_between(before, start))
        moment = before if before is not None else self.first[day]
        latest = self.latest[day] if after is None else after
        added = self.minutes[candidate]
        cap = layout.juror_day_cap
        if any(self.load[j].get(day, 0) + added > cap for j in self.pairs[pair]):
            return None
        start_by = working.span(before, limit)[-1][1] if before is not None and limit else before
        while True:
            if start_by is not None and moment > start_by:
                return None
            block: Block = []
            cursor, retry = moment, None
            for index in indices:
                entry = placed[index]
                pieces = working.fit(cursor, self.lengths[index], entry.step.is_epreuve)
                if pieces is None or pieces[-1][1] > latest or day_of(pieces[0][0]) != day:
                    return None
                jurors = self.pairs[pair][: len(entry.jurors)]
                busy = (self.busy[j].conflict_end_any(pieces) for j in jurors)
                found = [w for w in busy if w is not None]
                room = entry.room
                if room is not None and not found:
                    free = self._room(entry, pieces)
                    if isinstance(free, int):
                        found.append(free)
                    else:
                        room = free
                if found:
                    retry = max(found)
                    break
                block.append((index, pieces, room))
                cursor = pieces[-1][1]
            if retry is None:
                return block
            moment = (
                max(retry, moment + 1) if not block else max(retry - _offset(block), moment + 1)
            )

    def _room(self, entry: Placed, pieces: tuple[Piece, ...]) -> Room | int:
        """A free room of the step's type over `pieces`, or when one may be."""
        soonest: int | None = None
        assert entry.step.room_type is not None
        for room in self.layout.rooms.get(entry.step.room_type, ()):
            if room.capacity < 1:
                continue
            until = self.rooms[room.name].conflict_end_any(pieces)
            if until is None:
                return room
            soonest = until if soonest is None else min(soonest, until)
        return self.layout.working.end if soonest is None else soonest


def _offset(block: Block) -> int:
    """How far into the run the step that must wait starts (the run restarts that much earlier)."""
    return block[-1][1][-1][1] - block[0][1][0][0]
