"""What one planning attempt produces, and the small helpers its parts share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from docgen.model import Room, Step, StepMode
from docgen.planning.candidate_days import DayFault
from docgen.planning.layout import Layout
from docgen.planning.timeline import Busy, Piece, day_of, stamp


@dataclass(frozen=True)
class Placed:
    step: Step
    pieces: tuple[Piece, ...]
    room: Room | None
    candidates: tuple[int, ...]
    jurors: tuple[int, ...]
    pair: int | None = None


@dataclass
class Attempt:
    placed: list[Placed] = field(default_factory=list)
    pair_of: dict[int, int] = field(default_factory=dict)
    """candidate index -> index into the attempt's pairs."""
    failure: tuple[int, Step, str] | None = None
    """The first candidate and step that found no time (French reason)."""
    unplaced: int = 0
    relaxed: dict[DayFault, int] = field(default_factory=dict)
    """How many candidates keep each broken day preference (no later start kept them all)."""
    pace: list[int] = field(default_factory=list)
    """The latest end of any placement after each group, in the order groups were placed."""
    split_runs: bool = False
    """Made with `SPLIT_RUNS`: a candidate's run of individual steps may go on the next day."""
    busy: tuple[list[Busy], dict[str, Busy], list[dict[int, int]]] | None = None
    """Once it fits: the busy time of each juror and room, and each juror's minutes per day,
    the closing left out (the pair rotation starts from them)."""

    @property
    def fits(self) -> bool:
        return self.failure is None


class NoTimeError(Exception):
    """The step finds no time before the end of the session."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


Placements = list[tuple[int, tuple[Piece, ...], Room | None, tuple[int, ...]]]
"""(body step position, pieces, room, jurors) for each step of a run."""


def balanced_groups(count: int, largest: int) -> list[list[int]]:
    """`count` candidates in the fewest groups of at most `largest`, sizes differing by one."""
    if count == 0:
        return []
    number = -(-count // max(largest, 1))
    small, extra = divmod(count, number)
    groups: list[list[int]] = []
    start = 0
    for index in range(number):
        size = small + (1 if index < extra else 0)
        groups.append(list(range(start, start + size)))
        start += size
    return groups


def variant_differs(layout: Layout, variant: int) -> bool:
    """Whether a variant's interleaving or room keeping can change anything for this layout
    (when it cannot, the attempt would repeat one already made)."""
    body = layout.body
    if variant & 8:
        # Interleaving reorders only when groups start with individual steps and meet later for
        # a collective one. Groups starting with a collective step keep their order: each is
        # held back until pairs are booked for the group before (see `_throttle_from`), so its
        # candidates do not wait days for a pair; interleaved, they would all start at once.
        groups = -(-len(layout.candidates) // max(layout.group_size, 1))
        if (
            not body
            or body[0].mode is StepMode.COLLECTIF
            or not layout.has_collective
            or groups < 2
        ):
            return False
    if variant & 16:
        # Keeping the room only matters between consecutive individual steps held in rooms.
        return any(
            first.mode is second.mode is StepMode.INDIVIDUEL
            and first.room_type is not None
            and second.room_type is not None
            for first, second in pairwise(body)
        )
    return True


def spread(placements: Placements) -> set[int]:
    return {day_of(piece[0]) for _, pieces, _, _ in placements for piece in pieces}


def days_of(pieces: Sequence[Piece]) -> int:
    if len(pieces) == 1:
        return 1 << day_of(pieces[0][0])
    mask = 0
    for start, _ in pieces:
        mask |= 1 << day_of(start)
    return mask


def next_day(pieces: Sequence[Piece]) -> int:
    return stamp(day_of(pieces[0][0]) + 1, 0)
