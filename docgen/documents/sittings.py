"""A person's plan slots folded into sittings: one line per run of steps, room and candidates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from types import MappingProxyType

from docgen.planning.plan import Slot


@dataclass(frozen=True)
class Sitting:
    """Consecutive slots in one room with the same candidates, or one step taken by a group."""

    start: datetime
    end: datetime
    steps: tuple[str, ...]
    room: str | None
    candidates: tuple[str, ...]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _groups(slots: Iterable[Slot]) -> list[Sitting]:
    """One sitting per step, room and start: a group split by extra time reads as one line."""
    merged: dict[tuple[str, str | None, datetime], Sitting] = {}
    for slot in slots:
        key = (slot.step.name, slot.room, slot.start)
        found = merged.get(key)
        if found is None:
            merged[key] = Sitting(
                slot.start, slot.end, (slot.step.name,), slot.room, slot.candidates
            )
        else:
            merged[key] = Sitting(
                found.start,
                max(found.end, slot.end),
                found.steps,
                found.room,
                _unique((*found.candidates, *slot.candidates)),
            )
    return sorted(merged.values(), key=lambda sitting: (sitting.start, sitting.end))


def _folded(sittings: list[Sitting]) -> list[Sitting]:
    """Join a sitting to the previous one when it follows on, same room, same candidates."""
    folded: list[Sitting] = []
    for sitting in sittings:
        last = folded[-1] if folded else None
        if (
            last is not None
            and last.room == sitting.room
            and set(last.candidates) == set(sitting.candidates)
            and last.start <= sitting.start <= last.end
        ):
            folded[-1] = Sitting(
                last.start,
                max(last.end, sitting.end),
                _unique((*last.steps, *sitting.steps)),
                last.room,
                last.candidates,
            )
        else:
            folded.append(sitting)
    return folded


def sittings_by_day(slots: Iterable[Slot]) -> Mapping[date, tuple[Sitting, ...]]:
    """The slots of one person, day by day, folded into the lines a letter or a calendar shows.

    A juror's letter and calendar ask in turn for the same slots (the plan's own tuple): the
    last answer is kept for that tuple."""
    last = _last
    if last is not None and last[0] is slots:
        return last[1]
    ordered = sorted(slots, key=lambda slot: (slot.start, slot.end, slot.step.order))
    found = MappingProxyType(
        {
            day: tuple(_folded(_groups(day_slots)))
            for day, day_slots in groupby(ordered, key=lambda slot: slot.start.date())
        }
    )
    if isinstance(slots, tuple):
        _remember(slots, found)
    return found


_last: tuple[tuple[Slot, ...], Mapping[date, tuple[Sitting, ...]]] | None = None


def _remember(slots: tuple[Slot, ...], found: Mapping[date, tuple[Sitting, ...]]) -> None:
    global _last
    _last = (slots, found)
