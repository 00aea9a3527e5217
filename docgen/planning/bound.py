"""The lower bound on jury pairs: no valid plan can do with fewer."""

from __future__ import annotations

import math
from collections.abc import Sequence

from docgen.model import Step, StepMode
from docgen.planning.layout import Layout


def lower_bound(layout: Layout, without: frozenset[int]) -> int:
    """The fewest pairs that could give every candidate their individual jury minutes.

    Counted in juror minutes, so that a one-juror step takes half a pair (the pair's two members
    may each hold one at the same time). It never exceeds the pairs of any valid plan:

    - minutes: a pair gives at most twice the usable minutes after a moment, less the closing
      steps, which follow every épreuve;
    - ready times: `_earliest_ready` gives times no plan beats (the k-th candidate ready no
      sooner), so from each of them at least that many candidates remain, counted with the
      smallest needs since which ones is not known;
    - deadlines and windows (`_window_bound`);
    - whole candidates: a candidate keeps one pair, so a pair sees at most (minutes left) ÷
      (the smallest need) of them.

    Juror availability, rooms for individual steps and the split of the days into half-days are
    not assumed (the plan may need one pair more, with a note).
    """
    body = layout.body
    jury_minutes = [
        0
        if candidate in without
        else sum(
            length * min(step.jurors_required, 2)
            for step, length in zip(body, durations, strict=True)
            if step.mode is StepMode.INDIVIDUEL and step.jurors_required
        )
        for candidate, durations in enumerate(layout.durations)
    ]
    if not any(jury_minutes) or not layout.working.segments:
        return 0
    closing = sum(step.duration_minutes for step in layout.closing)
    ready = _earliest_ready(layout)
    bound = _window_bound(layout, without, min(ready))
    needs = sorted(m for m in jury_minutes if m)
    for moment in sorted(set(ready)):
        # At least this many candidates with jury steps are ready from `moment` on, whatever
        # the plan; which ones is not known, so they count with the smallest needs.
        count = sum(1 for at in ready if at >= moment) - len(without)
        later = needs[:count]
        if not later:
            continue
        # Juror minutes: a pair gives twice the usable time, a one-juror step takes half a pair.
        cap = layout.juror_day_cap
        available = 2 * min(
            layout.working.minutes_from(moment) - closing,
            layout.working.capped_minutes_between(moment, layout.working.end, cap),
        )
        # A candidate keeps one pair, so a pair sees at most available ÷ (shortest need) of them.
        per_pair = available // min(later) if available > 0 else 0
        if per_pair == 0:
            return max(bound, len(later))
        bound = max(bound, math.ceil(sum(later) / available), math.ceil(len(later) / per_pair))
    return bound


def _window_bound(layout: Layout, without: frozenset[int], ready: int) -> int:
    """The bound over every window between a ready time and a deadline.

    A run of individual steps must end early enough for the candidate's later steps and the
    closing steps to fit before the end of the session (their *deadline*, the latest start of
    what follows, found on the working time alone: rooms, jurors and group-mates only make it
    earlier). Its jury minutes lie between `ready` (no candidate is ready sooner) and that
    deadline, so for every deadline b, the runs due by b need (their juror minutes ÷ twice the
    usable minutes up to b) pairs, and whole candidates as above.
    """
    body = layout.body
    closing = tuple(step.duration_minutes for step in layout.closing)
    latest: dict[tuple[int, ...], int] = {}
    items: list[tuple[int, int, int]] = []
    for candidate, durations in enumerate(layout.durations):
        if candidate in without:
            continue
        position = 0
        while position < len(body):
            if body[position].mode is not StepMode.INDIVIDUEL:
                position += 1
                continue
            end = position
            minutes = 0
            while end < len(body) and body[end].mode is StepMode.INDIVIDUEL:
                if body[end].jurors_required:
                    # Minutes of a pair: a one-juror step occupies half of it.
                    minutes += durations[end] * min(body[end].jurors_required, 2)
                end += 1
            if minutes:
                tail = (*durations[end:], *closing)
                if tail not in latest:
                    latest[tail] = _latest_start(layout, tail)
                items.append((ready, latest[tail], minutes))
            position = end
    bound = 0
    for start in sorted({item[0] for item in items}):
        for deadline in sorted({item[1] for item in items if item[1] > start}):
            inside = [m for at, by, m in items if at >= start and by <= deadline]
            if not inside:
                continue
            # Each juror gives at most the window's usable minutes; a pair, twice that.
            usable = 2 * layout.working.capped_minutes_between(
                start, deadline, layout.juror_day_cap
            )
            if usable <= 0:
                return max(bound, len(inside))
            per_pair = usable // min(inside)
            if per_pair == 0:
                return max(bound, len(inside))
            bound = max(bound, math.ceil(sum(inside) / usable), math.ceil(len(inside) / per_pair))
    return bound


def _latest_start(layout: Layout, tail: Sequence[int]) -> int:
    """The latest moment after which steps of these lengths still fit one after another.

    Fitting from an earlier moment never ends later, so the moments that work form a prefix of
    time and a bisection finds its end."""
    working = layout.working

    def fits(moment: int) -> bool:
        for duration in tail:
            pieces = working.fit(moment, duration, epreuve=True)
            if pieces is None:
                return False
            moment = pieces[-1][1]
        return True

    low, high = working.segments[0].start, working.end
    if not fits(low):
        return low
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _earliest_ready(layout: Layout) -> list[int]:
    """Times before which no plan can have its candidates ready for their individual steps: the
    k-th earliest of them is no later than the k-th time at which any plan has k candidates ready.

    Only the last collective step before the first individual one is a bottleneck here, and an
    optimistic one: nobody can start it before the shortest of the earlier steps allow, every
    group lasts as long as its fastest possible member, and every room of the type runs group
    after group, each as full as the room and the group size allow (no juror limit).
    """
    body = layout.body
    start = layout.working.segments[0].start
    count = len(layout.candidates)
    leading = 0
    while leading < len(body) and body[leading].mode is StepMode.COLLECTIF:
        leading += 1
    if leading == 0 or leading == len(body) or not count:
        return [start] * count
    # The earlier steps one after the other, then the last one room by room; or, as the
    # planner holds a chain (installation → MSP), all of them as one block room by room: a
    # block longer than a day may start at the beginning of the first day, where its last step
    # alone could not. Each ready time is the earlier of the two.
    moment = start
    for position in range(leading - 1):
        pieces = layout.working.fit(
            moment, min(d[position] for d in layout.durations), epreuve=True
        )
        if pieces is None:
            moment = layout.working.end
            break
        moment = pieces[-1][1]
    chain = min(sum(d[:leading]) for d in layout.durations)
    separate = _sittings(
        layout, body[leading - 1], moment, min(d[leading - 1] for d in layout.durations)
    )
    whole = _sittings(layout, body[leading - 1], start, chain)
    return [min(a, b) for a, b in zip(separate, whole, strict=True)]


def _sittings(layout: Layout, step: Step, moment: int, duration: int) -> list[int]:
    """When each candidate is ready at the soonest, sittings of `duration` following each
    other from `moment` in every room of the step's type."""
    count = len(layout.candidates)
    rooms = layout.rooms.get(step.room_type, ()) if step.room_type is not None else ()
    sizes = [min(room.capacity, layout.group_size) for room in rooms] or [count]
    free = [moment] * len(sizes)
    ready: list[int] = []
    while len(ready) < count:
        runs = [
            (layout.working.fit(at, duration, epreuve=True), room) for room, at in enumerate(free)
        ]
        placed = [(pieces[-1][1], room) for pieces, room in runs if pieces is not None]
        if not placed:
            return sorted(ready + [layout.working.end] * (count - len(ready)))
        end, room = min(placed)
        ready += [end] * sizes[room]
        free[room] = end
    return ready[:count]
