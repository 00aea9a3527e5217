"""The jurors who may sit this session, as bit masks, and the pairs an attempt uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docgen.model import Juror, Session, SessionData
from docgen.planning.layout import Layout
from docgen.planning.pool import (
    ConflictIndex,
    exclusion_reason,
    form_pairs,
    index_conflicts,
    juror_key,
    pair_is_clean,
)


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


def build_jury(data: SessionData, session: Session, layout: Layout) -> Jury:
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


def choose_pairs(jury: Jury, count: int, needing: Sequence[int]) -> list[tuple[int, int]]:
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
