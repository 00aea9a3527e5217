"""The déroulé poster's timetable as data: per day, rooms across, time down, coloured blocks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from docgen.french import clock_time
from docgen.model import Room, Session, StepMode
from docgen.planning.plan import Slot

MARK_MINUTES = 30
"""A time row at least every half hour, so that a block's height hints at its length."""
SNAP_MINUTES = 5
MARK_CLEARANCE = timedelta(minutes=10)
"""A half-hour mark this close to a block's edge is dropped: it would only add a sliver row."""
GRID_UNITS = 18
"""Grid columns shared by the rooms; the time column takes one, so it stays narrow."""
NO_ROOM = "Autre lieu"
ALL_CANDIDATES_FROM = 4
"""A step naming every candidate (from this many) says « Tous les candidats » instead."""

KINDS: dict[str, tuple[str, str]] = {
    "collectif": ("Épreuve collective", "BDD7EE"),
    "entretien": ("Épreuve individuelle (entretien)", "C6E0B4"),
    "temps-cache": ("Temps caché (accueil, installation, ouverture)", "FFE699"),
    "deliberation": ("Délibération du jury (sans candidat)", "F4B183"),
    "pause": ("Pause déjeuner", "D9D9D9"),
}
EMPTY_COLOUR = "FFFFFF"


@dataclass(frozen=True)
class Block:
    """What one room holds over one stretch of time: one slot, or slots that overlap there."""

    start: datetime
    end: datetime
    kind: str
    title: str
    detail: str


def kind_of(slot: Slot) -> str:
    step = slot.step
    if not step.candidate_present:
        return "deliberation"
    if not step.is_epreuve:
        return "temps-cache"
    return "entretien" if step.mode is StepMode.INDIVIDUEL else "collectif"


def legend() -> list[dict[str, str]]:
    return [{"label": label, "colour": colour} for label, colour in KINDS.values()]


def _hours(start: datetime, end: datetime) -> str:
    return f"{clock_time(start.time())} – {clock_time(end.time())}"


def _numbers(slot: Slot, everyone: frozenset[str]) -> str:
    """Candidate numbers only: the poster hangs in a public corridor."""
    numbers = slot.candidates
    if not numbers:
        return "Jury seul"
    if len(numbers) >= ALL_CANDIDATES_FROM and set(numbers) == everyone:
        return f"Tous les candidats ({len(numbers)})"
    prefix = "Candidat n° " if len(numbers) == 1 else "Candidats n° "
    return prefix + ", ".join(numbers)


def _block(slots: Sequence[Slot], everyone: frozenset[str]) -> Block:
    start = min(slot.start for slot in slots)
    end = max(slot.end for slot in slots)
    titles = list(dict.fromkeys(slot.step.name for slot in slots))
    pairs = list(dict.fromkeys(slot.jury_pair for slot in slots if slot.jury_pair))
    jury = f" · jury {', '.join(pairs)}" if pairs else ""
    if len(slots) == 1:
        detail = f"{_numbers(slots[0], everyone)}{jury}\n{_hours(start, end)}"
    else:
        lines = [f"{_numbers(slot, everyone)} : {_hours(slot.start, slot.end)}" for slot in slots]
        detail = "\n".join(lines) + (f"\n{jury.removeprefix(' · ').capitalize()}" if jury else "")
    return Block(start, end, kind_of(slots[0]), " / ".join(titles), detail)


def _blocks(slots: Sequence[Slot], everyone: frozenset[str]) -> list[Block]:
    """Slots of one room and day, overlapping ones gathered into one block."""
    ordered = sorted(slots, key=lambda slot: (slot.start, slot.step.order, slot.end))
    clusters: list[list[Slot]] = []
    for slot in ordered:
        if clusters and slot.start < max(other.end for other in clusters[-1]):
            clusters[-1].append(slot)
        else:
            clusters.append([slot])
    return [_block(cluster, everyone) for cluster in clusters]


def _pauses(blocks: Sequence[Block], lunch: tuple[datetime, datetime]) -> list[Block]:
    """The lunch break where the room holds nothing."""
    free: list[tuple[datetime, datetime]] = [lunch]
    for block in blocks:
        cut: list[tuple[datetime, datetime]] = []
        for start, end in free:
            if block.end <= start or block.start >= end:
                cut.append((start, end))
                continue
            if start < block.start:
                cut.append((start, block.start))
            if block.end < end:
                cut.append((block.end, end))
        free = cut
    return [
        Block(start, end, "pause", KINDS["pause"][0], _hours(start, end))
        for start, end in free
        if end > start
    ]


def _snap(moment: datetime) -> datetime:
    """The nearest 5-minute mark, so that 9 h 59 and 10 h 00 share a row."""
    midnight = datetime.combine(moment.date(), time(0, 0))
    minutes = (moment - midnight).total_seconds() / 60
    return midnight + timedelta(minutes=round(minutes / SNAP_MINUTES) * SNAP_MINUTES)


def _rows_of(block: Block) -> tuple[datetime, datetime]:
    start, end = _snap(block.start), _snap(block.end)
    return (start, end) if end > start else (block.start, block.end)


def public_slots(slots: Sequence[Slot]) -> list[Slot]:
    """The slots as a public poster may show them, without revealing who has extra time
    (health-related personal data): one block per collective sitting, all its members
    together until the room is free; an individual épreuve with its standard duration."""
    sittings: dict[tuple[object, ...], list[Slot]] = {}
    shown: list[Slot] = []
    for slot in slots:
        if slot.step.mode is StepMode.COLLECTIF:
            sittings.setdefault(
                (slot.step.order, slot.step.name, slot.start, slot.room), []
            ).append(slot)
        elif slot.step.mode is StepMode.INDIVIDUEL and slot.step.is_epreuve:
            standard = slot.start + timedelta(minutes=slot.step.duration_minutes)
            shown.append(replace(slot, end=min(slot.end, standard)))
        else:
            shown.append(slot)
    for members in sittings.values():
        numbers = tuple(sorted({number for slot in members for number in slot.candidates}))
        shown.append(replace(members[0], end=max(slot.end for slot in members), candidates=numbers))
    return sorted(shown, key=lambda slot: (slot.start, slot.step.order, slot.end))


def _columns(day_slots: Sequence[Slot], rooms: Sequence[Room]) -> dict[str, list[Slot]]:
    """Rooms in the order of the Salles sheet, then rooms it does not list, then no room."""
    order = [room.name for room in rooms]
    used: dict[str, list[Slot]] = {}
    for slot in sorted(day_slots, key=lambda slot: (slot.start, slot.step.order)):
        used.setdefault(slot.room or NO_ROOM, []).append(slot)

    def rank(name: str) -> tuple[int, int]:
        if name == NO_ROOM:
            return (2, 0)
        return (0, order.index(name)) if name in order else (1, 0)

    return {name: used[name] for name in sorted(used, key=rank)}


def _times(
    spans: Sequence[tuple[datetime, datetime]], first: datetime, last: datetime
) -> list[datetime]:
    edges = {moment for span in spans for moment in span}
    start = min([first, *edges])
    end = max([last, *edges])
    marks = set()
    mark = first
    while mark < end:
        if mark >= start and all(abs(mark - edge) >= MARK_CLEARANCE for edge in edges):
            marks.add(mark)
        mark += timedelta(minutes=MARK_MINUTES)
    return sorted(edges | marks | {start, end})


def _cell(block: Block | None, first_row: bool, one_row: bool, span: int) -> dict[str, Any]:
    """A block's text sits in its first row; a one-row block keeps it on one line."""
    if block is None:
        return {"continued": False, "title": "", "detail": "", "colour": EMPTY_COLOUR, "span": span}
    colour = KINDS[block.kind][1]
    if not first_row:
        return {"continued": True, "title": "", "detail": "", "colour": colour, "span": span}
    separator = " · " if one_row else "\n"
    return {
        "continued": False,
        "title": block.title,
        "detail": separator + block.detail.replace("\n", " · " if one_row else "\n"),
        "colour": colour,
        "span": span,
    }


def day_grid(
    day: date,
    slots: Sequence[Slot],
    session: Session,
    rooms: Sequence[Room],
    everyone: frozenset[str],
) -> dict[str, Any]:
    """`columns` (room, jury pairs, span) and `rows` (time, one cell per column) of one day."""
    columns = _columns(public_slots([slot for slot in slots if slot.start.date() == day]), rooms)
    lunch = (datetime.combine(day, session.lunch_start), datetime.combine(day, session.lunch_end))
    placed: dict[str, list[tuple[datetime, datetime, Block]]] = {}
    for name, room_slots in columns.items():
        blocks = _blocks(room_slots, everyone)
        if lunch[1] > lunch[0]:
            blocks += _pauses(blocks, lunch)
        placed[name] = sorted((*_rows_of(block), block) for block in blocks)
    spans = [(start, end) for entries in placed.values() for start, end, _ in entries]
    times = _times(
        spans, datetime.combine(day, session.day_start), datetime.combine(day, session.day_end)
    )
    span = max(1, round(GRID_UNITS / max(len(columns), 1)))
    rows = []
    for top in times[:-1]:
        cells = []
        for entries in placed.values():
            found = next((entry for entry in entries if entry[0] <= top < entry[1]), None)
            if found is None:
                cells.append(_cell(None, True, True, span))
                continue
            start, end, block = found
            one_row = times.index(start) + 1 == times.index(end)
            cells.append(_cell(block, start == top, one_row, span))
        rows.append({"time": clock_time(top.time()), "cells": cells})
    return {
        "columns": [
            {
                "name": name,
                "jury": ", ".join(
                    sorted({f"Jury {slot.jury_pair}" for slot in room_slots if slot.jury_pair})
                ),
                "span": span,
            }
            for name, room_slots in columns.items()
        ],
        "rows": rows,
    }
