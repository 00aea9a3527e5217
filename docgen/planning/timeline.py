"""Working time in minutes: the usable segments of the session days, and busy time."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

MINUTES_PER_DAY = 24 * 60


def minute_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def stamp(day_index: int, minute: int) -> int:
    """An absolute minute: the day's index times a whole day, plus the minute of the day."""
    return day_index * MINUTES_PER_DAY + minute


def day_of(absolute: int) -> int:
    return absolute // MINUTES_PER_DAY


def as_datetime(days: Sequence[date], absolute: int) -> datetime:
    day = days[day_of(absolute)]
    return datetime.combine(day, time()) + timedelta(minutes=absolute % MINUTES_PER_DAY)


@dataclass(frozen=True)
class Segment:
    """A stretch of a day where steps may run: part of a morning or of an afternoon."""

    day: int
    start: int
    end: int
    half_length: int
    """The length of the whole half-day it belongs to (before any reserved window)."""

    @property
    def length(self) -> int:
        return self.end - self.start


Piece = tuple[int, int]
"""(start, end) in absolute minutes, inside one day (a step spanning lunch is one piece)."""


def subtract(windows: Iterable[Piece], reserved: Iterable[Piece]) -> list[Piece]:
    """`windows` minus every `reserved` interval."""
    result = list(windows)
    for cut_start, cut_end in reserved:
        kept: list[Piece] = []
        for start, end in result:
            if cut_end <= start or cut_start >= end:
                kept.append((start, end))
                continue
            if start < cut_start:
                kept.append((start, cut_start))
            if cut_end < end:
                kept.append((cut_end, end))
        result = kept
    return result


class WorkingTime:
    """The usable segments of the session, and where a step of a given length may be placed.

    A step fits inside one segment; a step longer than its half-day spans the lunch break of its
    day; a step longer than its day's usable time starts at the beginning of a day and continues on
    the following days.
    """

    def __init__(self, segments: Sequence[Segment]) -> None:
        self.segments = tuple(sorted(segments, key=lambda seg: (seg.start, seg.end)))
        self._starts = [seg.start for seg in self.segments]
        self._day_total: dict[int, int] = {}
        self._day_first: dict[int, int] = {}
        for index, seg in enumerate(self.segments):
            self._day_total[seg.day] = self._day_total.get(seg.day, 0) + seg.length
            self._day_first.setdefault(seg.day, index)
        self.total_minutes = sum(seg.length for seg in self.segments)

    @property
    def end(self) -> int:
        return self.segments[-1].end if self.segments else 0

    def day_minutes(self, day: int) -> int:
        """The usable minutes of a day."""
        return self._day_total.get(day, 0)

    def minutes_from(self, moment: int) -> int:
        """Usable minutes at or after `moment`."""
        return sum(max(0, seg.end - max(seg.start, moment)) for seg in self.segments)

    def minutes_between(self, start: int, end: int) -> int:
        total = 0
        index = max(0, bisect_right(self._starts, start) - 1)
        while index < len(self.segments) and self.segments[index].start < end:
            seg = self.segments[index]
            total += max(0, min(seg.end, end) - max(seg.start, start))
            index += 1
        return total

    def capped_minutes_between(self, start: int, end: int, cap: int) -> int:
        """Usable minutes between `start` and `end`, at most `cap` of them on each day: what
        one juror can give when their day is capped."""
        per_day: dict[int, int] = {}
        index = max(0, bisect_right(self._starts, start) - 1)
        while index < len(self.segments) and self.segments[index].start < end:
            seg = self.segments[index]
            found = max(0, min(seg.end, end) - max(seg.start, start))
            per_day[seg.day] = per_day.get(seg.day, 0) + found
            index += 1
        return sum(min(cap, minutes) for minutes in per_day.values())

    def back_by(self, moment: int, minutes: int) -> int:
        """The moment `minutes` usable minutes before `moment` (the start of time if none)."""
        index = bisect_right(self._starts, moment) - 1
        remaining = minutes
        while index >= 0:
            seg = self.segments[index]
            top = min(seg.end, moment)
            if top - seg.start >= remaining:
                return top - remaining
            remaining -= max(0, top - seg.start)
            index -= 1
        return self.segments[0].start if self.segments else 0

    def fit(self, earliest: int, duration: int, epreuve: bool = False) -> tuple[Piece, ...] | None:
        """The earliest placement starting at or after `earliest`, as one piece per day.

        A step spans the lunch break when it is longer than its half-day; an `epreuve` does
        as soon as it is longer than what is usable of its half-day (after the arrival margin,
        the opening or the daily steps): a 4-hour MSP in a morning of 8 h 15–12 h runs to
        13 h 15, and the afternoon holds a second sitting."""
        index = max(0, bisect_right(self._starts, earliest) - 1)
        while index < len(self.segments):
            seg = self.segments[index]
            start = max(earliest, seg.start)
            if start < seg.end or (start == seg.end and duration == 0):
                if start + duration <= seg.end:  # most placements: `_place_from`'s first case
                    return ((start, start + duration),)
                placed = self._place_from(index, start, duration, epreuve)
                if placed is not None:
                    return placed
            index += 1
        return None

    def next_segment_start(self, moment: int) -> int | None:
        """The start of the first segment that starts after `moment`."""
        index = bisect_right(self._starts, moment)
        return self._starts[index] if index < len(self._starts) else None

    def segment_start(self, moment: int) -> int:
        """The start of the segment holding `moment` (its end counts as inside it)."""
        index = max(0, bisect_right(self._starts, moment - 1) - 1)
        return self.segments[index].start if self.segments else moment

    def span(self, start: int, duration: int) -> tuple[Piece, ...]:
        """`duration` usable minutes from `start`, one piece per day (a lunch break inside a
        piece is not counted): where a member's own part of a placement from `start` ends."""
        index = max(0, bisect_right(self._starts, start) - 1)
        while index < len(self.segments) and self.segments[index].end <= start:
            index += 1
        if index == len(self.segments):
            return ((start, start + duration),)
        pieces: list[Piece] = []
        piece_start = max(start, self.segments[index].start)
        remaining = duration
        while index < len(self.segments):
            seg = self.segments[index]
            begin = max(seg.start, start)
            if remaining <= seg.end - begin:
                pieces.append((piece_start, begin + remaining))
                return tuple(pieces)
            remaining -= seg.end - begin
            following = index + 1
            if following == len(self.segments) or self.segments[following].day != seg.day:
                pieces.append((piece_start, seg.end))
                if following < len(self.segments):
                    piece_start = self.segments[following].start
            index = following
        last_start, last_end = pieces[-1] if pieces else (piece_start, piece_start)
        pieces[-1:] = [(last_start, last_end + remaining)]
        return tuple(pieces)

    def _place_from(
        self, index: int, start: int, duration: int, epreuve: bool
    ) -> tuple[Piece, ...] | None:
        seg = self.segments[index]
        if start + duration <= seg.end:
            return ((start, start + duration),)
        if duration <= (seg.length if epreuve else seg.half_length):
            return None
        # Longer than its half-day: the step spans the rest of its day, lunch included.
        remaining = duration - (seg.end - start)
        following = index + 1
        while following < len(self.segments) and self.segments[following].day == seg.day:
            nxt = self.segments[following]
            if remaining <= nxt.length:
                return ((start, nxt.start + remaining),)
            remaining -= nxt.length
            following += 1
        if duration <= self._day_total[seg.day] or self._day_first[seg.day] != index:
            return None
        if start != seg.start:
            return None
        # Longer than a day: from the start of this day, continued on the next working days.
        pieces: list[Piece] = []
        remaining = duration
        cursor = index
        while cursor < len(self.segments):
            day = self.segments[cursor].day
            day_start = self.segments[cursor].start
            day_end = day_start
            while cursor < len(self.segments) and self.segments[cursor].day == day:
                current = self.segments[cursor]
                if remaining <= current.length:
                    pieces.append((day_start, current.start + remaining))
                    return tuple(pieces)
                remaining -= current.length
                day_end = current.end
                cursor += 1
            pieces.append((day_start, day_end))
        return None


class Busy:
    """One resource's booked intervals (a candidate, a juror, a room), never overlapping."""

    __slots__ = ("_ends", "_starts", "last_end")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self.last_end = 0

    def conflict_end(self, start: int, end: int) -> int | None:
        """The end of a booked interval overlapping [start, end), or None when free."""
        index = bisect_right(self._starts, start) - 1
        if index >= 0 and self._ends[index] > start:
            return self._ends[index]
        following = index + 1
        if following < len(self._starts) and self._starts[following] < end:
            return self._ends[following]
        return None

    def conflict_end_any(self, pieces: Sequence[Piece]) -> int | None:
        if len(pieces) == 1:
            return self.conflict_end(pieces[0][0], pieces[0][1])
        for start, end in pieces:
            found = self.conflict_end(start, end)
            if found is not None:
                return found
        return None

    def intervals(self) -> list[Piece]:
        """The booked intervals, in time order."""
        return list(zip(self._starts, self._ends, strict=True))

    def unbook(self, pieces: Sequence[Piece]) -> None:
        """Remove intervals booked by `book` (to undo a group's placement)."""
        for start, end in pieces:
            if end <= start:
                continue
            index = bisect_left(self._starts, start)
            while self._ends[index] != end or self._starts[index] != start:
                index += 1
            del self._starts[index]
            del self._ends[index]
        self.last_end = max(self._ends, default=0)

    def book(self, pieces: Sequence[Piece]) -> None:
        for start, end in pieces:
            if end <= start:
                continue
            index = bisect_right(self._starts, start)
            self._starts.insert(index, start)
            self._ends.insert(index, end)
            self.last_end = max(self.last_end, end)
