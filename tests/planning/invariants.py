"""Every hard constraint of issue 3, checked on whatever plan comes out (a test helper)."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from docgen.conflicts import conflicts_between
from docgen.findings import has_errors
from docgen.model import Candidate, JurorResponse, SessionData, Step, StepMode, StepNature
from docgen.planning.layout import collective_capacity, step_key
from docgen.planning.plan import Plan, Slot
from docgen.planning.stats import merged, minutes_outside


def expected_minutes(step: Step, candidate: Candidate) -> int:
    """What the issue asks, computed here independently: `Temps majoré` lengthens épreuves."""
    if step.nature is not StepNature.EPREUVE or not step.candidate_present:
        return step.duration_minutes
    return math.ceil(step.duration_minutes * (100 + candidate.extra_time_percent) / 100)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _overlaps(first: tuple[datetime, datetime], second: tuple[datetime, datetime]) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def _occupancies(slots: Sequence[Slot]) -> list[tuple[datetime, datetime, str]]:
    """A collective group's slots (same step, start and room) count as one occupancy."""
    merged: dict[tuple[object, ...], tuple[datetime, datetime, str]] = {}
    for slot in slots:
        key = (step_key(slot.step), slot.start, slot.room)
        if key in merged:
            start, end, name = merged[key]
            merged[key] = (start, max(end, slot.end), name)
        else:
            merged[key] = (slot.start, slot.end, slot.step.name)
    return sorted(merged.values())


def _clashes(label: str, slots: Sequence[Slot]) -> list[str]:
    found = []
    occupied = _occupancies(slots)
    for before, after in itertools.pairwise(occupied):
        if after[0] < before[1]:
            found.append(f"{label} in two places: {before} and {after}")
    return found


def plan_violations(plan: Plan, data: SessionData, days: Sequence[date]) -> list[str]:
    """The broken constraints, in English for the test output; empty when the plan is sound."""
    session = data.session
    assert session is not None
    found: list[str] = []
    day_set = set(days)
    day_start, day_end = _minutes(session.day_start), _minutes(session.day_end)
    lunch_start, lunch_end = _minutes(session.lunch_start), _minutes(session.lunch_end)
    morning = lunch_start - day_start
    opening = _minutes(session.opening_time)
    candidates = {c.number: c for c in data.candidates}
    jurors = {j.full_name: j for j in data.jurors}
    pairs = {pair.id: pair.jurors for pair in plan.jury_pairs}
    body = [s for s in data.steps if s.mode in (StepMode.COLLECTIF, StepMode.INDIVIDUEL)]
    chained = {step_key(before): after.duration_minutes for before, after in _chains(body)}

    for slot in plan.slots:
        day = slot.start.date()
        if day not in day_set or slot.end.date() != day or slot.end < slot.start:
            found.append(f"{slot.step.name} outside the session days: {slot.start}–{slot.end}")
            continue
        start, end = _minutes(slot.start.time()), _minutes(slot.end.time())
        earliest = min(day_start, opening) if day == days[0] else day_start
        if start < earliest or end > day_end:
            found.append(f"{slot.step.name} outside working hours: {slot.start}–{slot.end}")
        if start < lunch_end and end > lunch_start and lunch_start < lunch_end:
            # An épreuve runs across lunch when its sitting must (a member with less extra
            # time than the slowest one of the group keeps the group's start); a temps caché
            # shorter than a half-day never does.
            lengths = [expected_minutes(slot.step, candidates[n]) for n in slot.candidates]
            length = max(lengths, default=slot.step.duration_minutes)
            # A temps caché chained to its épreuve runs across lunch with it when the two do
            # not fit together in a morning after the arrival margin (they stay whole).
            limit = morning
            if step_key(slot.step) in chained:
                length += chained[step_key(slot.step)]
                limit -= session.arrival_margin_minutes
            if start >= lunch_start or (not slot.step.is_epreuve and length <= limit):
                found.append(f"{slot.step.name} over lunch: {slot.start}–{slot.end}")
        for name in slot.jurors:
            juror = jurors[name]
            if not juror.is_available(day):
                found.append(f"{name} scheduled on {day} but unavailable")
            if juror.response is JurorResponse.REFUSE:
                found.append(f"{name} refused but is scheduled")
            if juror.habilitation_end < session.end:
                found.append(f"{name} habilitation ends before the session")
        if slot.step.mode is StepMode.INDIVIDUEL:
            if len(slot.candidates) != 1:
                found.append(f"individual step {slot.step.name} with {slot.candidates}")
            if len(slot.jurors) != min(slot.step.jurors_required, 2):
                found.append(f"{slot.step.name} has jurors {slot.jurors}")
            for number in slot.candidates:
                for name in slot.jurors:
                    if conflicts_between(jurors[name], candidates[number]):
                        found.append(f"{name} evaluates {number} despite a conflict")
                if slot.jurors and plan.pair_of(number) != slot.jury_pair:
                    found.append(
                        f"{number} seen by {slot.jury_pair}, assigned {plan.pair_of(number)}"
                    )
                if slot.jury_pair and not set(slot.jurors) <= set(pairs[slot.jury_pair]):
                    found.append(f"{slot.step.name} jurors {slot.jurors} not of {slot.jury_pair}")
        if slot.step.mode is StepMode.COLLECTIF:
            for number in slot.candidates:
                for name in slot.jurors:
                    if any(
                        c.kind.value == "conflict-trainer"
                        for c in conflicts_between(jurors[name], candidates[number])
                    ):
                        found.append(f"trainer {name} supervises {number}")
        if slot.step.room_type is not None:
            room = next((r for r in data.rooms if r.name == slot.room), None)
            if room is None or room.room_type is not slot.step.room_type:
                found.append(f"{slot.step.name} in room {slot.room}")

    found += _group_sizes(plan, data)
    found += _per_person(plan, data, body)
    found += _session_and_daily(plan, data, days)
    found += _candidates_days(plan, data, body)
    return found


def _group_sizes(plan: Plan, data: SessionData) -> list[str]:
    found = []
    groups: dict[tuple[object, ...], set[str]] = defaultdict(set)
    for slot in plan.slots:
        if slot.step.mode is StepMode.COLLECTIF:
            groups[(step_key(slot.step), slot.start, slot.room)].update(slot.candidates)
    for key, members in groups.items():
        step = next(s.step for s in plan.slots if (step_key(s.step), s.start, s.room) == key)
        room = next((r for r in data.rooms if r.name == key[2]), None)
        rooms = [r for r in data.rooms if r.room_type is step.room_type]
        limit, _ = collective_capacity(step, data, rooms)
        if len(members) > limit or (room is not None and len(members) > room.capacity):
            found.append(f"group of {len(members)} in {key[2]} for {step.name} (limit {limit})")
    return found


def _per_person(plan: Plan, data: SessionData, body: list[Step]) -> list[str]:
    found: list[str] = []
    by_juror: dict[str, list[Slot]] = defaultdict(list)
    by_room: dict[str, list[Slot]] = defaultdict(list)
    for slot in plan.slots:
        for name in slot.jurors:
            by_juror[name].append(slot)
        if slot.room:
            by_room[slot.room].append(slot)
    for name, slots in by_juror.items():
        found += _clashes(name, slots)
    for name, slots in by_room.items():
        found += _clashes(f"room {name}", slots)
    complete = not has_errors(plan.findings)
    ordered = sorted(body, key=step_key)
    for candidate in data.candidates:
        mine = plan.candidate_slots(candidate.number)
        present = [s for s in mine if s.step.candidate_present]
        for before, after in itertools.pairwise(present):
            if _overlaps((before.start, before.end), (after.start, after.end)):
                found.append(
                    f"{candidate.number} in two places: {before.step.name}, {after.step.name}"
                )
        spans: dict[tuple[object, ...], list[Slot]] = defaultdict(list)
        for slot in mine:
            if slot.step.mode in (StepMode.COLLECTIF, StepMode.INDIVIDUEL):
                spans[step_key(slot.step)].append(slot)
        previous_end: datetime | None = None
        for step in ordered:
            parts = spans.get(step_key(step), [])
            if not parts:
                if complete and (not step.jurors_required or plan.pair_of(candidate.number)):
                    found.append(f"{candidate.number} never does {step.name}")
                continue
            start = min(p.start for p in parts)
            if previous_end is not None and start < previous_end:
                found.append(f"{candidate.number} does {step.name} before the previous step ends")
            previous_end = max(p.end for p in parts)
            expected = expected_minutes(step, candidate)
            worked = sum(_working_minutes(p, data) for p in parts)
            if worked != expected:
                found.append(f"{candidate.number} {step.name}: {worked} min instead of {expected}")
        pairs = {s.jury_pair for s in mine if s.step.mode is StepMode.INDIVIDUEL and s.jurors}
        if len(pairs) > 1:
            found.append(f"{candidate.number} has several pairs: {pairs}")
    return found


def _working_minutes(slot: Slot, data: SessionData) -> int:
    session = data.session
    assert session is not None
    total = int((slot.end - slot.start).total_seconds() // 60)
    lunch = (
        datetime.combine(slot.start.date(), session.lunch_start),
        datetime.combine(slot.start.date(), session.lunch_end),
    )
    overlap = min(slot.end, lunch[1]) - max(slot.start, lunch[0])
    return total - max(0, int(overlap / timedelta(minutes=1)))


def _session_and_daily(plan: Plan, data: SessionData, days: Sequence[date]) -> list[str]:
    session = data.session
    assert session is not None
    found: list[str] = []
    body_slots = [s for s in plan.slots if s.step.mode in (StepMode.COLLECTIF, StepMode.INDIVIDUEL)]
    first_body = min((s.start for s in body_slots), default=None)
    last_body = max((s.end for s in body_slots), default=None)
    steps = sorted(data.steps, key=step_key)
    body_positions = [
        i for i, s in enumerate(steps) if s.mode in (StepMode.COLLECTIF, StepMode.INDIVIDUEL)
    ]
    first_position = body_positions[0] if body_positions else len(steps)
    for position, step in enumerate(steps):
        mine = [s for s in plan.slots if step_key(s.step) == step_key(step)]
        if step.mode is StepMode.SESSION:
            if len({s.start.date() for s in mine}) > math.ceil(step.duration_minutes / 60) + 1:
                found.append(f"session step {step.name} held on too many days")
            if position < first_position:
                for slot in mine:
                    if slot.start.date() != days[0] or slot.start.time() < min(
                        session.opening_time, session.day_start
                    ):
                        found.append(f"opening {step.name} not on day 1 from the opening time")
                    if first_body is not None and slot.end > first_body:
                        found.append(f"opening {step.name} ends after the épreuves start")
            elif last_body is not None:
                for slot in mine:
                    # Held after every step of the jurors and candidates it covers, on a day
                    # that holds other steps (never alone on a day).
                    covered = [
                        s
                        for s in body_slots
                        if set(s.jurors) & set(slot.jurors)
                        or set(s.candidates) & set(slot.candidates)
                    ]
                    if any(s.end > slot.start for s in covered):
                        found.append(f"closing {step.name} before the steps it covers end")
                    relaxed = any("seule le lendemain" in note for note in plan.notes)
                    if not relaxed and not any(
                        s.start.date() == slot.start.date() for s in body_slots
                    ):
                        found.append(f"closing {step.name} alone on {slot.start.date()}")
        if step.mode is StepMode.JOUR:
            per_day: dict[date, int] = defaultdict(int)
            for slot in mine:
                per_day[slot.start.date()] += 1
            if any(count > 1 for count in per_day.values()):
                found.append(f"daily step {step.name} twice in a day")
            for slot in mine:
                occupied = [
                    s
                    for s in body_slots
                    if _overlaps((s.start, s.end), (slot.start, slot.end))
                    and set(s.candidates) & set(slot.candidates)
                ]
                if occupied and slot.step.candidate_present:
                    found.append(f"daily step {step.name} overlaps {occupied[0].step.name}")
    return found


def _candidates_days(plan: Plan, data: SessionData, body: list[Step]) -> list[str]:
    """Issue 8's rules on each candidate's days: no day for the opening or a daily step only (a
    trip for temps cachés outside the déroulé's own steps); a day's first step
    placed no earlier than `Début de journée` + `Marge d'arrivée` (the opening and the daily
    steps have their fixed windows); a collective temps caché
    followed by a collective épreuve (installation → MSP) ends when it starts, same room, its
    supervisors; the closing on the day of the last step it covers."""
    session = data.session
    assert session is not None
    earliest = _minutes(session.day_start) + session.arrival_margin_minutes
    chains = _chains(body)
    found: list[str] = []
    # A day where nobody has a step of the déroulé still has its witness at the opening.
    body_days = {s.start.date() for s in plan.slots if s.step in body and s.step.candidate_present}
    for candidate in data.candidates:
        mine = [s for s in plan.candidate_slots(candidate.number) if s.step.candidate_present]
        for day in sorted({s.start.date() for s in mine}):
            today = sorted((s for s in mine if s.start.date() == day), key=lambda s: s.start)
            if not any(s.step in body for s in today) and day in body_days:
                found.append(f"{candidate.number} comes on {day} for the opening or a daily step")
            first = today[0]  # the arrival is before it; on site for the opening, no margin
            if first.step in body and _minutes(first.start.time()) < earliest:
                found.append(f"{candidate.number} {first.step.name} before the arrival margin")
        for before, after in chains:
            for first in (s for s in mine if step_key(s.step) == step_key(before)):
                if not any(
                    step_key(s.step) == step_key(after)
                    and s.start == first.end
                    and s.room == first.room
                    and (set(first.jurors) <= set(s.jurors) or not after.jurors_required)
                    for s in mine
                ):
                    found.append(f"{candidate.number} {before.name} apart from {after.name}")
    found += _evaluators_at_their_pv(plan, data)
    relaxed = any("seule le lendemain" in note for note in plan.notes)
    body_slots = [s for s in plan.slots if s.step.mode in (StepMode.COLLECTIF, StepMode.INDIVIDUEL)]
    if relaxed or not body_slots:
        return found
    first_body = min(s.start for s in body_slots)
    for slot in plan.slots:
        if slot.step.mode is not StepMode.SESSION or slot.start < first_body:
            continue  # the opening
        # What it covers: its jurors' steps, and every step of the candidates they evaluated
        # (`Tous`: each pair may sign for its own) or of every candidate: their épreuves must
        # be over before the PV is signed.
        jurors = set(slot.jurors)
        evaluations = [s for s in body_slots if s.jury_pair and set(s.jurors) & jurors]
        if not slot.step.all_jurors:  # a session-wide closing, whoever sits on it
            evaluations = []
        candidates = {n for s in evaluations or body_slots for n in s.candidates}
        candidates |= set(slot.candidates)
        covered = [
            s.end
            for s in body_slots
            if s.end <= slot.start and (set(s.jurors) & jurors or set(s.candidates) & candidates)
        ]
        if covered and max(covered).date() != slot.start.date():
            found.append(f"closing {slot.step.name} on {slot.start.date()}, after {max(covered)}")
    return found


def _chains(body: list[Step]) -> list[tuple[Step, Step]]:
    """(collective temps caché, the collective épreuve right after it in the same kind of room)."""
    return [
        (before, after)
        for before, after in itertools.pairwise(sorted(body, key=step_key))
        if before.mode is after.mode is StepMode.COLLECTIF
        and not before.is_epreuve
        and after.is_epreuve
        and before.room_type is after.room_type
    ]


def _evaluators_at_their_pv(plan: Plan, data: SessionData) -> list[str]:
    """`Jurés` = `Tous` on a closing: each candidate's evaluators sit together at a closing held
    after the last step they evaluated."""
    pvs = [s for s in plan.slots if s.step.mode is StepMode.SESSION and s.step.all_jurors]
    if not pvs:
        return []
    found: list[str] = []
    for candidate in data.candidates:
        evaluated = [s for s in plan.candidate_slots(candidate.number) if s.jury_pair]
        if not evaluated:
            continue
        evaluators = {name for s in evaluated for name in s.jurors}
        last = max(s.end for s in evaluated)
        if not any(evaluators <= set(pv.jurors) and pv.start >= last for pv in pvs):
            found.append(f"{candidate.number}'s evaluators never sit together at a PV after {last}")
    return found


RELAXED_WAIT = "attendent plus de"
RELAXED_APART = "jours qui ne se suivent pas"
RELAXED_VISITS = "un jour de plus que leurs épreuves"


def preference_violations(plan: Plan, data: SessionData) -> list[str]:
    """Issue 8's preferences, broken without the plan saying so: a wait inside a day over
    `Attente maximale` (lunch excluded), visits on days that do not follow each other (a
    weekend between MSP and entretien final), more visits than the épreuves need, a juror's day
    over `Heures maximum par juré et par jour` or more days than `Jours maximum par juré`."""
    session = data.session
    assert session is not None
    notes = " ".join(plan.notes)
    lunch = (session.lunch_start, session.lunch_end)
    found: list[str] = []
    for candidate in data.candidates:
        present = sorted(
            (s for s in plan.candidate_slots(candidate.number) if s.step.candidate_present),
            key=lambda s: s.start,
        )
        by_day: dict[date, list[Slot]] = defaultdict(list)
        for slot in present:
            by_day[slot.start.date()].append(slot)
        for day_slots in by_day.values():
            spans = merged([(s.start, s.end) for s in day_slots])
            for (_, before_end), (after_start, _) in itertools.pairwise(spans):
                wait = minutes_outside(before_end, after_start, lunch)
                if wait > session.max_wait_minutes and RELAXED_WAIT not in notes:
                    found.append(f"{candidate.number} waits {wait} min on {before_end.date()}")
        days = sorted(by_day)
        apart = any((b - a).days != 1 for a, b in itertools.pairwise(days))
        if apart and RELAXED_APART not in notes:
            found.append(f"{candidate.number} comes on days apart: {days}")
        longest = max(
            (
                len({s.start.date() for s in present if s.step == slot.step})
                for slot in present
                if slot.step.mode is StepMode.COLLECTIF
            ),
            default=1,
        )
        if len(days) > longest + 1 and RELAXED_VISITS not in notes:
            found.append(f"{candidate.number} comes on {len(days)} days")
    overloaded = any(f.code == "juror-overload" for f in plan.findings)
    loads: dict[str, dict[date, list[tuple[datetime, datetime]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for slot in plan.slots:
        for name in slot.jurors:
            loads[name][slot.start.date()].append((slot.start, slot.end))
    for name, per_day in loads.items():
        for day, intervals in per_day.items():
            worked = sum(minutes_outside(a, b, lunch) for a, b in merged(intervals))
            if worked > session.max_juror_day_minutes and not overloaded:
                found.append(f"{name} works {worked} min on {day}")
        most = session.max_days_per_juror
        if most is not None and len(per_day) > most and not overloaded:
            found.append(f"{name} sits {len(per_day)} days")
    return found
