"""The fixed frame of a session: steps by role, group size, fixed windows, usable working time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from docgen.model import (
    Candidate,
    Equipment,
    EquipmentState,
    Room,
    RoomType,
    Session,
    SessionData,
    Step,
    StepMode,
)
from docgen.planning.pool import candidate_key
from docgen.planning.timeline import Piece, Segment, WorkingTime, minute_of, stamp, subtract

PER_CANDIDATE_MODES = (StepMode.COLLECTIF, StepMode.INDIVIDUEL)


def step_key(step: Step) -> tuple[object, ...]:
    return (
        step.order,
        step.name,
        step.mode.value,
        step.duration_minutes,
        step.jurors_required,
        step.room_type.value if step.room_type else "",
        step.candidate_present,
    )


def room_key(room: Room) -> tuple[object, ...]:
    return (not room.confidential, room.name, -room.capacity)


Problem = tuple[Step | None, str, str]
"""(the step, or None for the session; the field at fault; the French reason)."""


def _add(problems: list[Problem], step: Step | None, field_name: str, reason: str) -> None:
    """Each step's problem once, not once per day."""
    if all(known[0] is not step or known[1] != field_name for known in problems):
        problems.append((step, field_name, reason))


@dataclass(frozen=True)
class FixedSlot:
    """A step placed before planning starts: the opening, the steps held once every day."""

    step: Step
    pieces: tuple[Piece, ...]
    day: int


@dataclass
class Layout:
    session: Session
    days: tuple[date, ...]
    candidates: tuple[Candidate, ...]
    body: tuple[Step, ...]
    """The per-candidate steps (Collectif and Individuel), in déroulé order."""
    opening: tuple[Step, ...]
    closing: tuple[Step, ...]
    daily_first: tuple[Step, ...]
    daily_last: tuple[Step, ...]
    rooms: dict[RoomType, tuple[Room, ...]]
    group_size: int
    """Candidates per group: the smallest sitting of the first collective steps (the chain
    installation → MSP); later collective steps split or keep the groups by their own size."""
    step_sizes: tuple[int, ...]
    """step_sizes[body step]: the largest sitting of that step (1 for an individual step)."""
    item_limits: tuple[tuple[str, int, frozenset[int]], ...]
    """(item, candidates it equips at once, the body steps using it) for per-candidate items:
    groups running together in several rooms share them."""
    fixed: tuple[FixedSlot, ...]
    working: WorkingTime
    durations: tuple[tuple[int, ...], ...]
    """durations[candidate][body step]: minutes, extra time included for épreuves."""
    problems: list[Problem] = field(default_factory=list)
    """French reasons the frame itself cannot hold the session."""

    @property
    def juror_day_cap(self) -> int:
        """The jury minutes one juror may be given in a day: `Heures maximum par juré et par
        jour`, less the closing steps, which evaluators attend after their last deliberation."""
        closing = sum(step.duration_minutes for step in self.closing)
        return max(1, self.session.max_juror_day_minutes - closing)

    @property
    def has_collective(self) -> bool:
        return any(step.mode is StepMode.COLLECTIF for step in self.body)


def equipped(item: Equipment) -> int:
    """How many candidates a per-candidate item equips at once."""
    usable = 0 if item.state is EquipmentState.HORS_SERVICE else item.available_quantity
    return usable // max(item.required_quantity, 1)


def collective_capacity(step: Step, data: SessionData, rooms: Sequence[Room]) -> tuple[int, str]:
    """The largest group a collective step allows, and what limits it (French)."""
    limits: list[tuple[int, str]] = []
    if step.capacity is not None:
        limits.append((step.capacity, f"la capacité de l'étape ({step.capacity})"))
    if step.room_type is not None:
        largest = max((room.capacity for room in rooms), default=0)
        limits.append((largest, f"la plus grande salle « {step.room_type.value} » ({largest})"))
    for item in data.equipment:
        if not item.per_candidate or item.brought_by_candidate or item.required_quantity <= 0:
            continue
        if not item.uses(step, data.steps):
            continue
        limit = equipped(item)
        limits.append((limit, f"le matériel « {item.name} » ({limit} postes)"))
    if not limits:
        return 10**6, ""
    return min(limits, key=lambda limit: limit[0])


def build_layout(
    data: SessionData,
    session: Session,
    days: Sequence[date],
    extra_rooms: Sequence[Room] = (),
) -> Layout:
    steps = sorted(data.steps, key=step_key)
    body_positions = [i for i, step in enumerate(steps) if step.mode in PER_CANDIDATE_MODES]
    first_body = body_positions[0] if body_positions else len(steps)
    opening = tuple(s for i, s in enumerate(steps) if s.mode is StepMode.SESSION and i < first_body)
    closing = tuple(s for i, s in enumerate(steps) if s.mode is StepMode.SESSION and i > first_body)
    daily_first = tuple(
        s for i, s in enumerate(steps) if s.mode is StepMode.JOUR and i < first_body
    )
    daily_last = tuple(s for i, s in enumerate(steps) if s.mode is StepMode.JOUR and i > first_body)
    body = tuple(steps[i] for i in body_positions)
    # Candidates with the same extra time share groups, so one slower member delays few groups;
    # the slowest go first, so that their longer épreuves never end up on the last day.
    candidates = tuple(
        sorted(data.candidates, key=lambda c: (-c.extra_time_percent, *candidate_key(c)))
    )

    rooms: dict[RoomType, tuple[Room, ...]] = {}
    for room in (*data.rooms, *extra_rooms):
        rooms[room.room_type] = (*rooms.get(room.room_type, ()), room)
    rooms = {kind: tuple(sorted(found, key=room_key)) for kind, found in rooms.items()}

    problems: list[Problem] = []
    sizes: dict[Step, int] = {}
    for step in steps:
        if step.room_type is not None and not rooms.get(step.room_type):
            _add(
                problems,
                step,
                "room_type",
                f"aucune salle de type « {step.room_type.value} » dans l'onglet Salles : "
                "ajoutez-en une",
            )
            continue
        if step.mode is StepMode.COLLECTIF:
            size, reason = collective_capacity(
                step, data, rooms.get(step.room_type, ()) if step.room_type else ()
            )
            if size <= 0:
                _add(
                    problems,
                    step,
                    "capacity",
                    f"aucun candidat ne peut y être placé, la limite est {reason} : "
                    "corrigez les onglets Salles, Matériel ou Déroulé",
                )
            sizes[step] = min(max(size, 1), max(1, len(candidates)))
    step_sizes = tuple(sizes.get(step, 1) for step in body)
    first_collective = [
        size for step, size in zip(body, step_sizes, strict=True) if step.mode is StepMode.COLLECTIF
    ]
    leading = _first_collective_stretch(body)
    group_size = min(
        (step_sizes[p] for p in leading), default=min(first_collective, default=len(candidates))
    )
    item_limits = tuple(
        (
            item.name,
            equipped(item),
            frozenset(
                p
                for p, step in enumerate(body)
                if step.mode is StepMode.COLLECTIF and item.uses(step, data.steps)
            ),
        )
        for item in data.equipment
        if item.per_candidate and not item.brought_by_candidate and item.required_quantity > 0
    )

    fixed, segments = _frame(session, tuple(days), opening, daily_first, daily_last, problems)
    durations = tuple(tuple(step.duration_for(c) for step in body) for c in candidates)
    return Layout(
        session=session,
        days=tuple(days),
        candidates=candidates,
        body=body,
        opening=opening,
        closing=closing,
        daily_first=daily_first,
        daily_last=daily_last,
        rooms=rooms,
        group_size=max(1, group_size),
        step_sizes=step_sizes,
        item_limits=tuple(limit for limit in item_limits if limit[2]),
        fixed=fixed,
        working=WorkingTime(segments),
        durations=durations,
        problems=problems,
    )


def _first_collective_stretch(body: Sequence[Step]) -> list[int]:
    """The positions of the first run of consecutive collective steps."""
    positions: list[int] = []
    for position, step in enumerate(body):
        if step.mode is StepMode.COLLECTIF:
            positions.append(position)
        elif positions:
            break
    return positions


def _too_long(step: Step, day: date) -> str:
    return (
        f"l'étape ({step.duration_minutes} min) ne tient pas dans la journée du {day:%d/%m/%Y} : "
        "raccourcissez-la, ou avancez Début de journée ou Heure d'ouverture, ou reculez Fin de "
        "journée"
    )


def _halves(session: Session, day: int, earliest: int | None = None) -> list[Segment]:
    start, end = minute_of(session.day_start), minute_of(session.day_end)
    if earliest is not None:
        start = min(start, earliest)
    lunch_start, lunch_end = minute_of(session.lunch_start), minute_of(session.lunch_end)
    if not start < lunch_start < lunch_end < end:
        return (
            [Segment(day, stamp(day, start), stamp(day, end), end - start)] if end > start else []
        )
    return [
        Segment(day, stamp(day, start), stamp(day, lunch_start), lunch_start - start),
        Segment(day, stamp(day, lunch_end), stamp(day, end), end - lunch_end),
    ]


def _frame(
    session: Session,
    days: tuple[date, ...],
    opening: tuple[Step, ...],
    daily_first: tuple[Step, ...],
    daily_last: tuple[Step, ...],
    problems: list[Problem],
) -> tuple[tuple[FixedSlot, ...], list[Segment]]:
    """Place the opening and the daily steps, and return what remains for the épreuves."""
    fixed: list[FixedSlot] = []
    segments: list[Segment] = []
    opening_minute = minute_of(session.opening_time)
    first_steps = set(opening)
    for day in range(len(days)):
        halves = _halves(session, day)
        if not halves:
            _add(
                problems,
                None,
                "day_start",
                "la journée de travail est vide : Fin de journée doit suivre Début de journée",
            )
            continue
        reserved: list[Piece] = []
        morning_steps = [*opening, *daily_first] if day == 0 else list(daily_first)
        morning_steps.sort(key=step_key)
        raw = WorkingTime(_halves(session, day, opening_minute if day == 0 else None))
        cursor = raw.segments[0].start
        for step in morning_steps:
            earliest = cursor
            if step in first_steps:
                earliest = max(cursor, stamp(day, opening_minute))
            placed = raw.fit(earliest, step.duration_minutes)
            if placed is None:
                _add(problems, step, "duration_minutes", _too_long(step, days[day]))
                continue
            fixed.append(FixedSlot(step, placed, day))
            cursor = placed[-1][1]
        # Candidates arrive `Marge d'arrivée` before their first step, never before the working
        # day starts: no step starts in that margin, nor before the opening and the daily steps
        # end (day 1's working time begins at `Heure d'ouverture` when it is earlier: those
        # not called to the opening still arrive after `Début de journée`).
        margin = session.arrival_margin_minutes
        arrival = max(raw.segments[0].start, stamp(day, minute_of(session.day_start))) + margin
        reserved.append((stamp(day, 0), max(cursor, arrival) if morning_steps else arrival))
        total_last = sum(step.duration_minutes for step in daily_last)
        if daily_last:
            cursor = raw.segments[-1].end - total_last
            evening_start = cursor
            for step in daily_last:
                placed = raw.fit(cursor, step.duration_minutes)
                if placed is None:
                    _add(problems, step, "duration_minutes", _too_long(step, days[day]))
                    continue
                fixed.append(FixedSlot(step, placed, day))
                evening_start = min(evening_start, placed[0][0])
                cursor = placed[-1][1]
            reserved.append((evening_start, stamp(day + 1, 0)))
        for half in halves:
            for start, end in subtract([(half.start, half.end)], reserved):
                segments.append(Segment(day, start, end, half.half_length))
    return tuple(fixed), segments
