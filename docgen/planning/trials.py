"""The attempts the planner makes: one greedy scheduling run with given pairs (`run_attempt`),
then the same keeping the candidates' days (`kept_days`), and how they compare."""

from __future__ import annotations

import math
from collections.abc import Sequence

from docgen.planning.closing import place_closing
from docgen.planning.jury import Jury
from docgen.planning.layout import Layout
from docgen.planning.scheduler import KEEP_GROUPS, KEEP_WAITS, SPLIT_RUNS, Attempt, Scheduler

VARIANTS = (1, 2, 3, 4, 8, 16)
"""Scheduler variants tried when the plain attempt fails (see Scheduler): pairs ranked by their
holes, groups in reverse order, both, groups in their plain order, the groups' stretches of steps
interleaved (the soonest ready first), and candidates staying in their room between steps."""
KEEP_MODES = (KEEP_GROUPS | KEEP_WAITS, KEEP_GROUPS)
"""How an attempt that breaks candidates' day preferences is tried again (see Scheduler)."""
VARIANT_CANDIDATES = 400
"""Up to this many candidates the variants are tried: beyond, each attempt costs too much."""


def run_attempt(
    layout: Layout,
    jury: Jury,
    pairs: Sequence[tuple[int, int]],
    without: frozenset[int],
    throttle: bool = True,
    variant: int = 0,
    closing_alone: bool = False,
    keep_days: int = 0,
    to_beat: int | None = None,
    pace: Sequence[int] = (),
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
        keep_days,
        to_beat,
        pace,
    ).run()
    if result.fits:
        place_closing(layout, jury, pairs, result, closing_alone)
    return result


def kept_days(
    layout: Layout,
    jury: Jury,
    pairs: Sequence[tuple[int, int]],
    without: frozenset[int],
    found: Attempt,
    throttle: bool = True,
    variant: int = 0,
) -> Attempt:
    """The attempt again keeping the candidates' day preferences, when the earliest placement
    `found` breaks some: the better of the two (fewer candidates with a broken preference)."""
    # Beyond VARIANT_CANDIDATES, each attempt costs too much to try both modes.
    modes = KEEP_MODES if len(layout.candidates) <= VARIANT_CANDIDATES else KEEP_MODES[:1]
    for keep in modes:
        if not found.fits or not found.relaxed:
            break
        kept = run_attempt(
            layout,
            jury,
            pairs,
            without,
            throttle,
            variant,
            keep_days=keep | (SPLIT_RUNS if found.split_runs else 0),
            to_beat=broken(found),
            pace=found.pace,
        )
        if kept.fits and broken(kept) < broken(found):
            found = kept
    return found


def pairs_for(failed: Attempt, count: int, candidates: int) -> int:
    """Roughly how many pairs the attempt that failed with `count` would need: as many more as
    the share of candidates it left without a time."""
    return math.ceil(count * candidates / max(1, candidates - failed.unplaced))


def broken(attempt: Attempt) -> int:
    return sum(attempt.relaxed.values())
