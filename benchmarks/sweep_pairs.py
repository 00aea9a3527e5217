"""How far the planner's pair count is from the lower bound, over many seeded random sessions.

Run from the repository root, by hand (a few seconds per thousand sessions):
`.venv/bin/python benchmarks/sweep_pairs.py [sessions] [first seed] [--log]`. For conflict-free
sessions it prints how many need no jury, how many do not fit (and whether a single candidate's
steps already overflow the session days, or the bound exceeds the pairs the jurors can form), the
distribution of pairs − lower bound, and the seeds above the bound + 1, above the bound without a
note or below it; then, for sessions whose jurors come every day, the pairs that routable
conflicts add. `--log` prints each seed's outcome, to compare two versions of the planner.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgen.model import Room, SessionData, StepMode  # noqa: E402
from docgen.planning import plan_session  # noqa: E402
from docgen.planning.bound import lower_bound  # noqa: E402
from docgen.planning.layout import build_layout  # noqa: E402
from docgen.planning.pool import form_pairs  # noqa: E402
from tests.planning.random_sessions import (  # noqa: E402
    conflict_free_session,
    with_routable_conflicts,
)
from tests.planning.sessions import juror  # noqa: E402

BOUND_NOTE = "borne inférieure"
LOG = "--log" in sys.argv


def why_not(data: SessionData, days: list) -> str:  # type: ignore[type-arg]
    """Why a session does not fit, when it can be told without planning."""
    assert data.session is not None
    layout = build_layout(data, data.session, days)
    if layout.problems:
        return "frame"
    working = layout.working
    closing = [step.duration_minutes for step in layout.closing]
    for durations in layout.durations:
        moment = working.segments[0].start
        for duration in (*durations, *closing):
            pieces = working.fit(moment, duration)
            if pieces is None:
                return "one candidate's steps overflow"
            moment = pieces[-1][1]
    pairs = len(form_pairs([1] * len(data.jurors), [0] * len(layout.candidates)))
    if lower_bound(layout, frozenset()) > pairs:
        return "bound above the pairs the jurors can form"
    individual = [s for s in layout.body if s.mode is StepMode.INDIVIDUEL]
    for kind in {s.room_type for s in individual if s.room_type is not None}:
        # Individual steps hold their room alone: their minutes against the rooms' time.
        needed = sum(
            d
            for durations in layout.durations
            for s, d in zip(layout.body, durations, strict=True)
            if s.mode is StepMode.INDIVIDUEL and s.room_type is kind
        )
        if needed > len(layout.rooms[kind]) * working.total_minutes:
            return "individual steps overflow their rooms"
    jury = sum(
        d
        for durations in layout.durations
        for s, d in zip(layout.body, durations, strict=True)
        if s.mode is StepMode.INDIVIDUEL and s.jurors_required
    )
    masks = [sum(1 << i for i, day in enumerate(days) if j.is_available(day)) for j in data.jurors]
    capacity = sum(
        sum(working.day_minutes(i) for i in range(len(days)) if masks[a] & masks[b] >> i & 1)
        for a, b in form_pairs(masks, [0] * len(layout.candidates))
    )
    if jury > capacity:
        return "jury minutes beyond what the pairs' common days hold"
    # Not provable here: say which resource, given in plenty, makes the planner fit it.
    more_jurors = tuple(juror(f"RENFORT{n}") for n in range(2 * len(layout.candidates) + 2))
    more_rooms = tuple(
        Room(f"Renfort {kind.value} {n}", kind, room.capacity, True)
        for kind, rooms in layout.rooms.items()
        for room in rooms[:1]
        for n in range(len(layout.candidates))
    )
    for label, relaxed in (
        ("fits with many more jurors", replace(data, jurors=(*data.jurors, *more_jurors))),
        ("fits with many more rooms", replace(data, rooms=(*data.rooms, *more_rooms))),
        (
            "fits with many more jurors and rooms",
            replace(data, jurors=(*data.jurors, *more_jurors), rooms=(*data.rooms, *more_rooms)),
        ),
    ):
        if not any(f.is_error for f in plan_session(relaxed, days).findings):
            return label
    return "unexplained"


def sweep(count: int, first: int) -> None:
    outcome: Counter[str] = Counter()
    above: Counter[int] = Counter()
    unfit: Counter[str] = Counter()
    causes: Counter[str] = Counter()
    unexplained: list[int] = []
    bad: list[str] = []
    for seed in range(first, first + count):
        data, days = conflict_free_session(random.Random(seed))
        plan = plan_session(data, days)
        errors = [f for f in plan.findings if f.is_error]
        if LOG:
            print(seed, errors[0].code if errors else len(plan.jury_pairs), plan.lower_bound_pairs)
        if errors:
            outcome["does not fit"] += 1
            unfit[errors[0].code] += 1
            cause = why_not(data, days)
            causes[cause] += 1
            if cause == "unexplained":
                unexplained.append(seed)
            continue
        if plan.lower_bound_pairs == 0:
            outcome["no jury needed"] += 1
            continue
        outcome["planned"] += 1
        pairs = len(plan.jury_pairs)
        above[pairs - plan.lower_bound_pairs] += 1
        noted = any(BOUND_NOTE in note for note in plan.notes)
        if pairs < plan.lower_bound_pairs:
            bad.append(f"seed {seed}: {pairs} pairs, below the bound {plan.lower_bound_pairs}")
        if pairs > plan.lower_bound_pairs + 1 or (pairs > plan.lower_bound_pairs and not noted):
            bad.append(f"seed {seed}: {pairs} pairs, bound {plan.lower_bound_pairs}")
    print(f"{count} conflict-free sessions (seeds {first}–{first + count - 1}): {dict(outcome)}")
    print(f"  not fitting, by finding: {dict(unfit)}; by cause: {dict(causes)}")
    print(f"  unexplained (first 20): {unexplained[:20]}")
    print(f"  pairs − lower bound: {dict(sorted(above.items()))}")

    cost: Counter[int] = Counter()
    for seed in range(first, first + count):
        rng = random.Random(seed)
        data, days = conflict_free_session(rng, everyday=True)
        plan = plan_session(data, days)
        if any(f.is_error for f in plan.findings) or not plan.jury_pairs:
            continue
        conflicted = with_routable_conflicts(rng, data, len(plan.jury_pairs))
        if conflicted is None:
            continue
        other = plan_session(conflicted, days)
        if any(f.is_error for f in other.findings):
            cost[-1] += 1
            bad.append(f"seed {seed}: routable conflicts make the plan fail")
            continue
        cost[len(other.jury_pairs) - len(plan.jury_pairs)] += 1
        if len(other.jury_pairs) > len(plan.jury_pairs) + 1:
            bad.append(f"seed {seed}: conflicts take {len(other.jury_pairs)} pairs")
    print(
        "  routable conflicts (jurors every day), extra pairs (-1: no plan): "
        f"{dict(sorted(cost.items()))}"
    )
    for line in bad:
        print("  " + line)


if __name__ == "__main__":
    arguments = [int(value) for value in sys.argv[1:3] if value.isdigit()]
    sweep(*(arguments + [300, 0][len(arguments) :]))
