"""The closing steps (final deliberation and PV): on the day of the deliberations they cover."""

from __future__ import annotations

from collections.abc import Sequence

from docgen.model import Room, Step
from docgen.planning.jury import Jury
from docgen.planning.layout import Layout
from docgen.planning.scheduler import Attempt, Placed
from docgen.planning.timeline import Busy, Piece, day_of


def place_closing(
    layout: Layout,
    jury: Jury,
    pairs: Sequence[tuple[int, int]],
    attempt: Attempt,
    alone: bool = False,
) -> None:
    """The final steps (deliberation and PV), on the day of the last deliberation they cover.

    Pairs are grouped by the day their last booking ends: each group holds the closing right
    after its latest member is free, that day, with every juror who evaluated its candidates
    (`Jurés` = `Tous`) or as many as the step asks (those pairs' members first). A group whose
    day has no room left after its deliberations joins the next group, so the closing is never
    alone on a day; the last group, when nothing fits after it that day, makes the attempt fail
    (more pairs end the deliberations sooner) unless `alone` allows the next day.
    """
    if not layout.closing:
        return
    finish: dict[int, int] = {}
    for placed in attempt.placed:
        if placed.pair is not None:
            finish[placed.pair] = max(finish.get(placed.pair, 0), placed.pieces[-1][1])
    last = max((placed.pieces[-1][1] for placed in attempt.placed), default=0)
    last = max(last, layout.working.segments[0].start if layout.working.segments else 0)
    by_day: dict[int, list[int]] = {}
    for pair, end in finish.items():
        by_day.setdefault(day_of(end), []).append(pair)
    if not by_day:
        by_day[day_of(last)] = []
    days = sorted(by_day)
    busy = _Occupancy(jury, attempt)
    total = sum(step.duration_minutes for step in layout.closing)
    covered: list[int] = []
    for position, day in enumerate(days):
        covered.extend(by_day[day])
        final = position == len(days) - 1
        moment = max((finish[pair] for pair in covered), default=last)
        if final:
            moment = max(moment, last)
        whole = layout.working.fit(moment, total)
        if not final and (whole is None or day_of(whole[0][0]) != day):
            continue
        if final and not alone and whole is not None and day_of(whole[0][0]) > day_of(moment):
            attempt.failure = (
                0,
                layout.closing[0],
                "plus de place le jour des dernières délibérations, elle serait seule le lendemain",
            )
            return
        if not _closing_at(layout, jury, pairs, attempt, covered, moment, final, busy):
            return
        covered = []


def _closing_at(
    layout: Layout,
    jury: Jury,
    pairs: Sequence[tuple[int, int]],
    attempt: Attempt,
    covered: list[int],
    moment: int,
    final: bool,
    busy: _Occupancy,
) -> bool:
    """The closing steps from `moment` for the candidates of the `covered` pairs."""
    evaluators = sorted({j for pair in covered for j in pairs[pair]})
    used = sorted({j for pair in attempt.pair_of.values() for j in pairs[pair]})
    members = [c for c, pair in sorted(attempt.pair_of.items()) if pair in covered]
    if final:
        members += [c for c in range(len(layout.candidates)) if c not in attempt.pair_of]
    index = 0
    while index < len(layout.closing):
        step = layout.closing[index]
        pieces = layout.working.fit(moment, step.duration_minutes)
        if pieces is None:
            attempt.failure = (0, step, "plus de créneau libre après la dernière épreuve")
            return False
        days = 0
        for start, _ in pieces:
            days |= 1 << day_of(start)
        # A juror at the closing has finished every other step: fill the seats with the
        # covered evaluators, then the other jurors done by then; when too few are done, the
        # closing waits for the next one to finish.
        done_at: dict[int, int] = {}
        sitting: set[int] = set()  # at another step on the closing's days
        for placed in attempt.placed:
            if not placed.jurors:
                continue
            on_those_days = any(days >> day_of(start) & 1 for start, _ in placed.pieces)
            for j in placed.jurors:
                done_at[j] = max(done_at.get(j, 0), placed.pieces[-1][1])
                if on_those_days:
                    sitting.add(j)
        everyone = range(len(jury.jurors))
        preferred = [*evaluators, *used, *everyone]
        available = [j for j in dict.fromkeys(preferred) if jury.day_masks[j] & days == days]
        present = [j for j in available if done_at.get(j, 0) <= pieces[0][0]]
        wanted = len(evaluators) if step.all_jurors and evaluators else step.jurors_required
        if step.all_jurors and any(j not in available for j in evaluators):
            attempt.failure = (0, step, "un juré qui a évalué n'est pas disponible ce jour-là")
            return False
        short = len(present) < wanted or (
            step.all_jurors and any(j not in present for j in evaluators)
        )
        if short:
            later = [done_at[j] for j in available if done_at.get(j, 0) > pieces[0][0]]
            if len(available) < wanted or not later:
                attempt.failure = (0, step, "pas assez de jurés disponibles ce jour-là")
                return False
            moment = min(later)
            continue
        free = [j for j in present if busy.jurors[j].conflict_end_any(pieces) is None]
        if (step.all_jurors and any(j not in free for j in evaluators)) or len(free) < wanted:
            later = [busy.jurors[j].conflict_end_any(pieces) for j in present]
            moment = min(w for w in later if w is not None)
            continue
        if not step.all_jurors:
            # Seats filled first by jurors who sit that day anyway: nobody comes for the PV
            # alone while a juror on site could sign it.
            free.sort(key=lambda j: j not in sitting)
        jurors = tuple(free[:wanted])
        attendance = len(members) if step.candidate_present else 0
        room = first_room(layout, step, attendance, pieces, busy.rooms)
        if isinstance(room, int):
            moment = room
            continue
        candidates = tuple(members) if step.candidate_present else ()
        attempt.placed.append(Placed(step, pieces, room, candidates, jurors))
        busy.book(pieces, jurors, room)
        moment = pieces[-1][1]
        index += 1
    return True


class _Occupancy:
    """Who and which room an attempt already holds, for the steps placed after it."""

    def __init__(self, jury: Jury, attempt: Attempt) -> None:
        self.jurors = [Busy() for _ in jury.jurors]
        self.rooms: dict[str, Busy] = {}
        for placed in attempt.placed:
            self.book(placed.pieces, placed.jurors, placed.room)

    def book(self, pieces: tuple[Piece, ...], jurors: Sequence[int], room: Room | None) -> None:
        for juror in jurors:
            self.jurors[juror].book(pieces)
        if room is not None:
            self.rooms.setdefault(room.name, Busy()).book(pieces)


def first_room(
    layout: Layout,
    step: Step,
    attendance: int = 0,
    pieces: tuple[Piece, ...] = (),
    busy: dict[str, Busy] | None = None,
) -> Room | int | None:
    """The room of the step's type for a step held once: the first free one that seats
    everyone present, else the largest (the plan then reports `room-overflow`); or, when none
    is free over `pieces`, the moment one may be."""
    if step.room_type is None:
        return None
    rooms = layout.rooms.get(step.room_type, ())
    seating = [room for room in rooms if room.capacity >= attendance]
    if not seating:
        seating = sorted(rooms, key=lambda room: -room.capacity)[:1]
    soonest: int | None = None
    for room in seating:
        taken = (busy or {}).get(room.name)
        until = taken.conflict_end_any(pieces) if taken is not None and pieces else None
        if until is None:
            return room
        soonest = until if soonest is None else min(soonest, until)
    return soonest
