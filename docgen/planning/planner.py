"""plan_session: size the jury, run the attempts, explain what does not fit."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from docgen.conflicts import conflicts_between
from docgen.findings import Finding, Location, error
from docgen.model import (
    Civility,
    Juror,
    JurorResponse,
    Room,
    RoomType,
    Session,
    SessionData,
    Step,
    StepMode,
    locate,
)
from docgen.planning.layout import Layout, build_layout
from docgen.planning.plan import JuryPair, Plan, Slot
from docgen.planning.pool import (
    ConflictIndex,
    exclusion_reason,
    form_pairs,
    index_conflicts,
    juror_key,
    pair_is_clean,
    popcount,
)
from docgen.planning.scheduler import Attempt, Placed, Scheduler, variant_differs
from docgen.planning.stats import measure
from docgen.planning.timeline import Busy, Piece, as_datetime, day_of
from docgen.planning.usage import juror_overload, juror_unused, room_overflow


@dataclass
class Jury:
    """The jurors who may sit, in preference order, with their days and conflicts as bit masks."""

    jurors: list[Juror]
    day_masks: list[int]
    conflicts: ConflictIndex
    pairs: list[tuple[int, int]]
    excluded: list[tuple[Juror, str]]

    @property
    def present_by_day(self) -> list[int]:
        """For each day, the bits of the jurors available that day."""
        days = max((mask.bit_length() for mask in self.day_masks), default=0)
        return [
            sum(1 << bit for bit, mask in enumerate(self.day_masks) if mask >> day & 1)
            for day in range(days)
        ]


def _jury(data: SessionData, session: Session, layout: Layout) -> Jury:
    excluded: list[tuple[Juror, str]] = []
    pool: list[Juror] = []
    for juror in sorted(data.jurors, key=juror_key):
        reason = exclusion_reason(juror, session, layout.days)
        if reason is None:
            pool.append(juror)
        else:
            excluded.append((juror, reason))
    day_masks = [
        sum(1 << i for i, day in enumerate(layout.days) if juror.is_available(day))
        for juror in pool
    ]
    conflicts = index_conflicts(pool, layout.candidates)
    return Jury(pool, day_masks, conflicts, form_pairs(day_masks, conflicts.masks), excluded)


VARIANTS = (1, 2, 3, 4, 8, 16)
"""Scheduler variants tried when the plain attempt fails (see Scheduler): pairs ranked by their
holes, groups in reverse order, both, groups in their plain order, the groups' stretches of steps
interleaved (the soonest ready first), and candidates staying in their room between steps."""
VARIANT_CANDIDATES = 400
"""Up to this many candidates the variants are tried: beyond, each attempt costs too much."""


def _choose_pairs(jury: Jury, count: int, needing: Sequence[int]) -> list[tuple[int, int]]:
    """The first `count` pairs, plus the first clean pair of any candidate they leave uncovered."""
    chosen = list(jury.pairs[:count])
    for candidate in needing:
        mask = jury.conflicts.masks[candidate]
        if any(pair_is_clean(pair, mask) for pair in chosen):
            continue
        extra = next((pair for pair in jury.pairs if pair_is_clean(pair, mask)), None)
        if extra is not None:
            chosen.append(extra)
    return chosen


def _attempt(
    layout: Layout,
    jury: Jury,
    pairs: Sequence[tuple[int, int]],
    without: frozenset[int],
    throttle: bool = True,
    variant: int = 0,
    closing_alone: bool = False,
) -> Attempt:
    result = Scheduler(
        layout,
        jury.day_masks,
        jury.conflicts.trainer_masks,
        jury.conflicts.masks,
        pairs,
        without,
        throttle,
        variant,
    ).run()
    if result.fits:
        _place_closing(layout, jury, pairs, result, closing_alone)
    return result


def _place_closing(
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
        preferred = [*evaluators, *used, *range(len(jury.jurors))]
        present = [j for j in dict.fromkeys(preferred) if jury.day_masks[j] & days == days]
        wanted = len(evaluators) if step.all_jurors and evaluators else step.jurors_required
        if step.all_jurors and any(j not in present for j in evaluators):
            attempt.failure = (0, step, "un juré qui a évalué n'est pas disponible ce jour-là")
            return False
        if len(present) < wanted:
            attempt.failure = (0, step, "pas assez de jurés disponibles ce jour-là")
            return False
        free = [j for j in present if busy.jurors[j].conflict_end_any(pieces) is None]
        if (step.all_jurors and any(j not in free for j in evaluators)) or len(free) < wanted:
            later = [busy.jurors[j].conflict_end_any(pieces) for j in present]
            moment = min(w for w in later if w is not None)
            continue
        jurors = tuple(free[:wanted])
        attendance = len(members) if step.candidate_present else 0
        room = _first_room(layout, step, attendance, pieces, busy.rooms)
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


def _share_supervision(
    layout: Layout, attempt: Attempt, jury: Jury, pairs: Sequence[tuple[int, int]]
) -> None:
    """Hand collective supervision to pair members free at that time, so fewer jurors come.

    The attempt took supervisors from outside the pairs first, to keep the pairs free while it
    did not know their timetable; now that it is known, a pair member who is free, available
    that day and without conflict with any member of the group takes over.
    """
    used = sorted({j for pair in attempt.pair_of.values() for j in pairs[pair]})
    in_pairs = set(used)
    busy = [Busy() for _ in jury.jurors]
    load: list[dict[int, int]] = [{} for _ in jury.jurors]
    working = layout.working

    def book(juror: int, pieces: tuple[Piece, ...]) -> None:
        busy[juror].book(pieces)
        for start, end in pieces:
            load[juror][day_of(start)] = load[juror].get(day_of(start), 0) + (
                working.minutes_between(start, end)
            )

    def fits_day(juror: int, pieces: tuple[Piece, ...]) -> bool:
        return all(
            load[juror].get(day_of(start), 0) + working.minutes_between(start, end)
            <= layout.juror_day_cap
            for start, end in pieces
        )

    for placed in attempt.placed:
        for juror in placed.jurors:
            book(juror, placed.pieces)
    for chain in _collective_chains(attempt.placed):
        first = attempt.placed[chain[0]]
        pieces = tuple(piece for index in chain for piece in attempt.placed[index].pieces)
        conflicted = 0
        for candidate in first.candidates:
            conflicted |= jury.conflicts.masks[candidate]
        days = 0
        for start, _ in pieces:
            days |= 1 << day_of(start)
        chosen = list(dict.fromkeys(j for index in chain for j in attempt.placed[index].jurors))
        swaps: dict[int, int] = {}
        for juror in chosen:
            if juror in in_pairs:
                continue
            for member in used:
                if (
                    member in chosen
                    or member in swaps.values()
                    or conflicted >> member & 1
                    or jury.day_masks[member] & days != days
                    or busy[member].conflict_end_any(pieces) is not None
                    or not fits_day(member, pieces)
                ):
                    continue
                book(member, pieces)
                swaps[juror] = member
                break
        for index in chain:
            placed = attempt.placed[index]
            jurors = tuple(swaps.get(j, j) for j in placed.jurors)
            attempt.placed[index] = replace(placed, jurors=jurors)


def _collective_chains(placed: Sequence[Placed]) -> list[list[int]]:
    """Supervised collective steps, those held back to back by the same group in the same room
    (the installation and its MSP) together: they keep the same supervisors."""
    chains: list[list[int]] = []
    for index, entry in enumerate(placed):
        if entry.step.mode is not StepMode.COLLECTIF or not entry.jurors:
            continue
        if chains:
            last = placed[chains[-1][-1]]
            if (
                last.candidates == entry.candidates
                and last.room == entry.room
                and last.pieces[-1][1] == entry.pieces[0][0]
            ):
                chains[-1].append(index)
                continue
        chains.append([index])
    return chains


def _first_room(
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
            pieces = working.fit(moment, duration)
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
    moment = start
    for position in range(leading - 1):
        pieces = layout.working.fit(moment, min(d[position] for d in layout.durations))
        if pieces is None:
            return [layout.working.end] * count
        moment = pieces[-1][1]
    step = body[leading - 1]
    duration = min(d[leading - 1] for d in layout.durations)
    rooms = layout.rooms.get(step.room_type, ()) if step.room_type is not None else ()
    sizes = [min(room.capacity, layout.group_size) for room in rooms] or [count]
    free = [moment] * len(sizes)
    ready: list[int] = []
    while len(ready) < count:
        runs = [(layout.working.fit(at, duration), room) for room, at in enumerate(free)]
        placed = [(pieces[-1][1], room) for pieces, room in runs if pieces is not None]
        if not placed:
            return sorted(ready + [layout.working.end] * (count - len(ready)))
        end, room = min(placed)
        ready += [end] * sizes[room]
        free[room] = end
    return ready[:count]


def plan_session(data: SessionData, days: Sequence[date]) -> Plan:
    """Plan the session over its working `days`: timetable, jury pairs, who evaluates whom."""
    session = data.session
    ordered_days = tuple(sorted(set(days)))
    if session is None:
        return Plan(ordered_days, (), (), (), 0)
    if not ordered_days:
        return Plan(
            (), (), (), (), 0, findings=(error("plan-does-not-fit", NO_DAYS, _session_at(session)),)
        )
    layout = build_layout(data, session, ordered_days)
    if layout.problems:
        findings = tuple(
            error(
                "plan-does-not-fit",
                f"Étape « {step.name} » : {reason}." if step else f"Session : {reason}.",
                locate(step.origin, field_name) if step else _session_at(session, field_name),
            )
            for step, field_name, reason in layout.problems
        )
        return Plan(ordered_days, (), (), (), 0, findings=findings)
    return _Planner(data, session, layout).run()


NO_DAYS = (
    "La session n'a aucun jour ouvré entre la date de début et la date de fin : "
    "corrigez les dates de la session."
)


def _session_at(session: Session, field_name: str | None = None) -> Location:
    return locate(session.origin, field_name)


class _Planner:
    def __init__(self, data: SessionData, session: Session, layout: Layout) -> None:
        self.data = data
        self.session = session
        self.layout = layout
        self.jury = _jury(data, session, layout)
        self.findings: list[Finding] = []
        self.notes: list[str] = []

    @property
    def needs_jury(self) -> bool:
        return any(
            step.mode is StepMode.INDIVIDUEL and step.jurors_required for step in self.layout.body
        )

    def run(self) -> Plan:
        layout, jury = self.layout, self.jury
        without: set[int] = set()
        if self.needs_jury and layout.candidates:
            if len(jury.jurors) < 2 or not jury.pairs:
                self.findings.append(self._too_few_jurors())
                without = set(range(len(layout.candidates)))
            else:
                present = jury.present_by_day
                for candidate, mask in enumerate(jury.conflicts.masks):
                    if not mask:
                        continue
                    if not any(popcount(p & ~mask) >= 2 for p in present) or not any(
                        pair_is_clean(pair, mask) for pair in jury.pairs
                    ):
                        without.add(candidate)
                        self.findings.append(self._no_eligible_jury(candidate))
        frozen = frozenset(without)
        needing = [c for c in range(len(layout.candidates)) if c not in frozen]
        bound = lower_bound(layout, frozen) if self.needs_jury else 0
        most = len(jury.pairs) if self.needs_jury and needing else 0

        failures: dict[int, Attempt] = {}
        tried: dict[tuple[int, bool], tuple[Attempt, list[tuple[int, int]]]] = {}

        def trial(count: int, throttle: bool = True) -> tuple[Attempt, list[tuple[int, int]]]:
            """The plain attempt with `count` pairs, then, when it falls a few candidates
            short, the scheduler variants: the first that fits."""
            if (count, throttle) in tried:
                return tried[count, throttle]
            pairs = _choose_pairs(jury, count, needing)
            found = _attempt(layout, jury, pairs, frozen, throttle)
            if not found.fits:
                failures.setdefault(count, found)
                if self._worth_variants(found):
                    for variant in VARIANTS:
                        if not variant_differs(layout, variant):
                            continue
                        other = _attempt(layout, jury, pairs, frozen, throttle, variant)
                        if other.fits:
                            found = other
                            break
            tried[count, throttle] = found, pairs
            return found, pairs

        # Gallop up from the lower bound (bound, +1, +2, +4…), then bisect back down.
        count = min(max(bound, 1), most) if most else 0
        increment, last_failure = 1, count - 1
        while True:
            best, chosen = trial(count)
            if best.fits:
                break
            last_failure = count
            if count >= most:
                best, chosen = trial(most, throttle=False)
                if best.fits:
                    break
                pairs = _choose_pairs(jury, most, needing)
                alone = _attempt(layout, jury, pairs, frozen, False, closing_alone=True)
                if alone.fits:
                    # Preference relaxed: the closing is alone on a day.
                    self.notes.append(
                        "La délibération finale se tient seule le lendemain des dernières "
                        "délibérations : un binôme ou un jour de plus la ramènerait le jour "
                        "même."
                    )
                    return self._plan(alone, pairs, bound)
                self.findings.append(self._diagnose(best, chosen, frozen))
                return self._plan(best, chosen, bound)
            count = min(most, count + increment)
            increment *= 2
        low, high = last_failure + 1, count
        while low < high:
            middle = (low + high) // 2
            found, pairs = trial(middle)
            if found.fits:
                high, best, chosen = middle, found, pairs
            else:
                low = middle + 1
        # The attempts are greedy, so fitting is not monotone in the count: look below too.
        while high > max(bound, 1):
            found, pairs = trial(high - 1)
            if not found.fits:
                break
            high, best, chosen = high - 1, found, pairs
        if most:
            self._explain(high, bound, failures, chosen, needing)
        return self._plan(best, chosen, bound)

    def _worth_variants(self, failed: Attempt | None) -> bool:
        """Whether the scheduler variants are worth trying after this failed attempt: when the
        session is small enough and the attempt fell only a few candidates short."""
        count = len(self.layout.candidates)
        return (
            failed is not None
            and count <= VARIANT_CANDIDATES
            and failed.unplaced <= max(4, count // 10)
        )

    # Findings and notes -------------------------------------------------------------------

    def _too_few_jurors(self) -> Finding:
        excluded = "; ".join(f"{j.full_name} : {why}" for j, why in self.jury.excluded)
        detail = f" Jurés écartés : {excluded}." if excluded else ""
        return error(
            "jury-insufficient",
            "Il faut au moins deux jurés disponibles le même jour pour évaluer les candidats ; "
            f"{len(self.jury.jurors)} juré(s) peuvent siéger{self._no_common_day()}.{detail} "
            "Invitez d'autres jurés habilités et notez leurs disponibilités dans l'onglet Jurys.",
            self._jurys_sheet(),
        )

    def _no_common_day(self) -> str:
        if len(self.jury.jurors) < 2:
            return ""
        return ", mais jamais deux le même jour"

    def _jurys_sheet(self) -> Location:
        sheets = {j.origin.sheet for j in self.data.jurors if j.origin.sheet}
        return Location(sorted(sheets)[0]) if sheets else Location()

    def _no_eligible_jury(self, candidate_index: int) -> Finding:
        candidate = self.layout.candidates[candidate_index]
        reasons: list[str] = []
        for juror, why in self.jury.excluded:
            found = conflicts_between(juror, candidate)
            detail = "; ".join([why, *(c.reason for c in found)])
            reasons.append(f"{juror.full_name} : {detail}")
        clean: list[str] = []
        for juror in self.jury.jurors:
            found = conflicts_between(juror, candidate)
            if found:
                reasons.append(f"{juror.full_name} : " + "; ".join(c.reason for c in found))
            else:
                clean.append(juror.full_name)
        if len(clean) >= 2:
            reasons.append(
                "jurés sans conflit mais jamais disponibles le même jour : " + ", ".join(clean)
            )
        elif clean:
            reasons.append(f"seul juré sans conflit : {clean[0]}")
        return error(
            "no-eligible-jury",
            f"Aucun binôme de jurés ne peut évaluer le candidat {candidate.number} "
            f"({candidate.full_name}) : " + " — ".join(reasons) + ". "
            "Invitez un juré habilité sans lien avec ce candidat, disponible le même jour "
            "qu'un autre juré sans lien.",
            locate(candidate.origin, "number"),
        )

    def _failure_text(self, attempt: Attempt) -> str:
        assert attempt.failure is not None
        candidate_index, step, reason = attempt.failure
        if step.mode is StepMode.SESSION:
            return f"l'étape « {step.name} » ne trouve pas de place ({reason})"
        candidate = self.layout.candidates[candidate_index]
        left = f" ; {attempt.unplaced} candidat(s) restent sans horaire" if attempt.unplaced else ""
        return (
            f"le candidat {candidate.number} ({candidate.full_name}) ne trouve pas d'horaire pour "
            f"« {step.name} » ({reason}){left}"
        )

    def _diagnose(
        self, failed: Attempt, pairs: list[tuple[int, int]], without: frozenset[int]
    ) -> Finding:
        assert failed.failure is not None
        step = failed.failure[1]
        remedies: list[str] = []
        jury_short = False
        if self.needs_jury and self._fits_with_extra_pair(pairs, without):
            remedies.append("un binôme de jurés de plus, disponible toute la session")
            jury_short = True
        kinds = [step.room_type, *(s.room_type for s in self.layout.body)]
        for kind in dict.fromkeys(k for k in kinds if k is not None):
            room = self._spare_room(kind)
            layout = build_layout(self.data, self.session, self.layout.days, (room,))
            if not layout.problems and _attempt(layout, self.jury, pairs, without, False).fits:
                remedies.append(f"une salle « {kind.value} » de plus")
        extended = self._with_extra_day()
        if extended is not None:
            layout, jury = extended
            more = _choose_pairs(
                jury,
                len(jury.pairs),
                [c for c in range(len(layout.candidates)) if c not in without],
            )
            if _attempt(layout, jury, more, without, False).fits:
                remedies.append(
                    f"un jour de session de plus (le {layout.days[-1]:%d/%m/%Y}, avec des jurés "
                    "disponibles ce jour-là)"
                )
        problem = self._failure_text(failed)
        if remedies:
            advice = "Pour que le planning tienne, ajoutez " + ", ou ".join(remedies) + "."
        else:
            advice = (
                "Ni un jour, ni un binôme, ni une salle de plus ne suffisent : ajoutez plusieurs "
                "jours, binômes ou salles, ou réduisez le nombre de candidats."
            )
        pair_count = len(pairs)
        message = (
            f"Le planning ne tient pas dans les {len(self.layout.days)} jour(s) de la session "
            f"avec {pair_count} binôme(s) de jurés : {problem}. {advice}"
        )
        if jury_short:
            return error("jury-insufficient", message, self._jurys_sheet())
        return error("plan-does-not-fit", message, locate(step.origin))

    def _fits_with_extra_pair(self, pairs: list[tuple[int, int]], without: frozenset[int]) -> bool:
        jury = self.jury
        spare = [
            Juror(
                Civility.MADAME,
                f"RENFORT {n}",
                "Juré",
                self.session.end,
                response=JurorResponse.ACCEPTE,
            )
            for n in (1, 2)
        ]
        everyday = (1 << len(self.layout.days)) - 1
        count = len(jury.jurors)
        bigger = Jury(
            [*jury.jurors, *spare],
            [*jury.day_masks, everyday, everyday],
            jury.conflicts,
            [*jury.pairs, (count, count + 1)],
            jury.excluded,
        )
        return _attempt(self.layout, bigger, [*pairs, (count, count + 1)], without, False).fits

    def _spare_room(self, kind: RoomType) -> Room:
        rooms = self.layout.rooms.get(kind, ())
        capacity = max((room.capacity for room in rooms), default=1)
        return Room("Salle supplémentaire", kind, capacity, confidential=True)

    def _with_extra_day(self) -> tuple[Layout, Jury] | None:
        extra = self.layout.days[-1] + timedelta(days=1)
        while extra.weekday() >= 5:
            extra += timedelta(days=1)
        days = (*self.layout.days, extra)
        session = replace(self.session, end=extra) if extra > self.session.end else self.session
        layout = build_layout(self.data, session, days)
        if layout.problems:
            return None
        return layout, _jury(self.data, self.session, layout)

    def _explain(
        self,
        count: int,
        bound: int,
        failures: dict[int, Attempt],
        pairs: list[tuple[int, int]],
        needing: list[int],
    ) -> None:
        extra_for_conflicts = len(pairs) - count
        if count > bound:
            before = failures.get(count - 1)
            why = f" : avec {count - 1}, {self._failure_text(before)}" if before else ""
            self.notes.append(
                f"Le plan utilise {count} binôme(s), {count - bound} de plus que la borne "
                f"inférieure ({bound}){why}. La borne suppose des binômes occupés sans "
                "interruption dès la fin des premières épreuves collectives ; en pratique les "
                "demi-journées ne se remplissent pas exactement, et les disponibilités des "
                "jurés, les salles et l'ordre du déroulé laissent des temps morts."
            )
        if extra_for_conflicts > 0:
            self.notes.append(
                f"{extra_for_conflicts} binôme(s) ajouté(s) pour que chaque candidat en conflit "
                "avec un juré soit évalué par un binôme sans conflit."
            )
        conflicted = sum(1 for c in needing if self.jury.conflicts.masks[c])
        if conflicted:
            self.notes.append(
                f"{conflicted} candidat(s) en conflit avec au moins un juré sont évalués par un "
                "binôme sans conflit."
            )

    # The plan -----------------------------------------------------------------------------

    def _plan(self, attempt: Attempt, pairs: list[tuple[int, int]], bound: int) -> Plan:
        layout, jury = self.layout, self.jury
        _share_supervision(layout, attempt, jury, pairs)
        used = sorted(set(attempt.pair_of.values()))
        ids = {pair: f"J{n}" for n, pair in enumerate(used, start=1)}
        names = [juror.full_name for juror in jury.jurors]
        numbers = [candidate.number for candidate in layout.candidates]
        slots: list[Slot] = []
        for placed in attempt.placed:
            slots.extend(self._slots_of(placed, names, numbers, ids))
        slots.extend(self._fixed_slots(slots, attempt, pairs))
        slots.sort(key=lambda s: (s.start, s.end, s.step.order, s.room or "", s.candidates))
        jury_pairs = tuple(
            JuryPair(ids[pair], tuple(names[j] for j in pairs[pair])) for pair in used
        )
        assignment = tuple((numbers[c], ids[pair]) for c, pair in sorted(attempt.pair_of.items()))
        on_duty = {juror for slot in slots for juror in slot.jurors}
        paired = {name for pair in jury_pairs for name in pair.jurors}
        if jury_pairs:
            self.notes.append(
                f"Jurés nécessaires : {len(on_duty | paired)} ({len(jury_pairs)} binôme(s) "
                f"d'évaluation et {len(on_duty - paired)} surveillant(s) en plus)."
            )
        unused = [
            juror
            for juror in jury.jurors
            if juror.response is JurorResponse.ACCEPTE and juror.full_name not in on_duty | paired
        ]
        if slots:
            self.findings.extend(
                room_overflow(slots, [r for rs in layout.rooms.values() for r in rs])
            )
            self.findings.extend(juror_unused(unused))
            self.findings.extend(juror_overload(slots, self.session, jury.jurors))
        session = self.session
        stats = measure(
            slots,
            layout.days,
            (session.lunch_start, session.lunch_end),
            [juror.full_name for juror in unused],
            bound,
            len(jury_pairs),
        )
        return Plan(
            days=layout.days,
            slots=tuple(slots),
            jury_pairs=jury_pairs,
            assignment=assignment,
            lower_bound_pairs=bound,
            findings=tuple(self.findings),
            notes=tuple(self.notes),
            jurors_needed=len(on_duty | paired),
            arrival_margin_minutes=self.session.arrival_margin_minutes,
            stats=stats,
        )

    def _slots_of(
        self, placed: Placed, names: list[str], numbers: list[str], ids: dict[int, str]
    ) -> list[Slot]:
        days = self.layout.days
        jurors = tuple(names[j] for j in placed.jurors)
        pair = ids.get(placed.pair) if placed.pair is not None else None
        room = placed.room.name if placed.room else None
        groups: dict[tuple[Piece, ...], list[str]] = {}
        if placed.step.mode is StepMode.COLLECTIF:
            index = self.layout.body.index(placed.step)
            for candidate in placed.candidates:
                length = self.layout.durations[candidate][index]
                own = self.layout.working.span(placed.pieces[0][0], length)
                groups.setdefault(own, []).append(numbers[candidate])
        else:
            groups[placed.pieces] = [numbers[c] for c in placed.candidates]
        return [
            Slot(
                placed.step,
                as_datetime(days, start),
                as_datetime(days, end),
                room,
                tuple(members),
                jurors,
                pair,
            )
            for pieces, members in sorted(groups.items())
            for start, end in pieces
        ]

    def _fixed_slots(
        self, slots: list[Slot], attempt: Attempt, pairs: list[tuple[int, int]]
    ) -> list[Slot]:
        """The opening and the daily steps, naming whoever is on site that day."""
        layout, jury = self.layout, self.jury
        everyone = tuple(candidate.number for candidate in layout.candidates)
        used = [j for pair in sorted(set(attempt.pair_of.values())) for j in pairs[pair]]
        result: list[Slot] = []
        for fixed in layout.fixed:
            day = layout.days[fixed.day]
            step = fixed.step
            on_site = [s for s in slots if s.start.date() == day]
            # Only the candidates with an épreuve that day come: the opening of the plis is
            # held with day 1's candidates (at least one, the witness), never with candidates
            # whose épreuves fall on later days.
            today = tuple(
                sorted(
                    {
                        n
                        for s in on_site
                        if s.step.candidate_present and s.step.is_epreuve
                        for n in s.candidates
                    }
                )
            )
            if step.mode is StepMode.SESSION:
                candidates = (today or everyone[:1]) if step.candidate_present else ()
                present = [j for j in used if jury.day_masks[j] >> fixed.day & 1]
                jurors = tuple(jury.jurors[j].full_name for j in present[: step.jurors_required])
            else:
                candidates = today if step.candidate_present else ()
                jurors = tuple(sorted({j for s in on_site for j in s.jurors}))
                if not step.jurors_required:
                    jurors = ()
                if not candidates and not jurors:
                    continue
            room = _first_room(layout, step, len(candidates))
            assert not isinstance(room, int)  # nothing else is booked in a fixed window
            for start, end in fixed.pieces:
                result.append(
                    Slot(
                        step,
                        as_datetime(layout.days, start),
                        as_datetime(layout.days, end),
                        room.name if room else None,
                        candidates,
                        jurors,
                    )
                )
        return result
