"""Pair rotation (issue 8): once the plan is found, a pair with little to do on a day hands
its candidates to pairs sitting that day anyway, so fewer jurors come for an interview or two."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from docgen.planning import plan_session, planner
from docgen.planning.attempt import Attempt
from docgen.planning.jury import build_jury, choose_pairs
from docgen.planning.layout import build_layout
from docgen.planning.plan import Plan
from docgen.planning.rotation import rotate_pairs
from docgen.planning.scheduler import KEEP_GROUPS, KEEP_WAITS
from docgen.planning.timeline import day_of
from docgen.planning.trials import run_attempt
from tests.planning.invariants import plan_violations, preference_violations
from tests.planning.random_sessions import conflict_free_session, with_routable_conflicts
from tests.planning.test_quality import _welding_session


def juror_days(plan: Plan) -> dict[str, set[date]]:
    days: dict[str, set[date]] = {}
    for slot in plan.slots:
        for name in slot.jurors:
            days.setdefault(name, set()).add(slot.start.date())
    return days


def test_a_lightly_loaded_pair_stays_home_rather_than_sit_for_a_few_interviews(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Twelve welders over four days: two pairs evaluate them. Placed as early as possible,
    # both pairs take a candidate or two side by side every day; rotated, one pair takes the
    # other's candidates on the days it has the time, the same day, without a longer wait.
    data, days = _welding_session(12, date(2027, 3, 1))
    assert data.session is not None

    rotated = plan_session(data, days)
    monkeypatch.setattr(planner, "rotate_pairs", lambda *args: None)
    unrotated = plan_session(data, days)

    assert plan_violations(rotated, data, days) == []
    assert preference_violations(rotated, data) == preference_violations(unrotated, data) == []
    assert rotated.stats.pairs == unrotated.stats.pairs == 2
    assert rotated.stats.juror_days < unrotated.stats.juror_days
    assert rotated.stats.max_wait_minutes <= data.session.max_wait_minutes
    assert rotated.stats.max_juror_day_minutes <= 420
    # Each candidate's épreuves stay on the same days; only who evaluates them (and when,
    # that day) changes.
    for person in data.candidates:
        before = {s.start.date() for s in unrotated.candidate_slots(person.number)}
        after = {s.start.date() for s in rotated.candidate_slots(person.number)}
        assert after == before
    evaluators = {name for pair in rotated.jury_pairs for name in pair.jurors}
    sitting = juror_days(rotated)
    assert any(len(sitting[name]) < len(days) for name in evaluators)


def _on_duty(attempt: Attempt) -> set[tuple[int, int]]:
    return {
        (juror, day_of(start))
        for placed in attempt.placed
        for juror in placed.jurors
        for start, _ in placed.pieces
    }


def _candidate_days(attempt: Attempt) -> dict[int, set[int]]:
    days: dict[int, set[int]] = {}
    for placed in attempt.placed:
        if placed.step.candidate_present:
            for candidate in placed.candidates:
                days.setdefault(candidate, set()).update(day_of(s) for s, _ in placed.pieces)
    return days


def _double_bookings(attempt: Attempt) -> list[str]:
    held: dict[str, list[tuple[int, int]]] = {}
    for placed in attempt.placed:
        names = [f"juré {j}" for j in placed.jurors]
        if placed.room is not None:
            names.append(placed.room.name)
        for name in names:
            held.setdefault(name, []).extend(placed.pieces)
    found = []
    for name, pieces in held.items():
        ordered = sorted(pieces)
        found += [name for a, b in pairwise(ordered) if b[0] < a[1]]
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.booleans())
def test_the_rotation_never_adds_a_juror_day_nor_moves_a_candidate_to_another_day(
    rng: random.Random, conflicts: bool
) -> None:
    # Every pair the panel allows, so that pairs have light days to give away.
    data, days = conflict_free_session(rng)
    if conflicts:
        data = with_routable_conflicts(rng, data, 2) or data
    assert data.session is not None
    layout = build_layout(data, data.session, tuple(days))
    assume(not layout.problems and layout.candidates)
    jury = build_jury(data, data.session, layout)
    pairs = choose_pairs(jury, len(jury.pairs), range(len(layout.candidates)))
    attempt = run_attempt(layout, jury, pairs, frozenset())
    assume(attempt.fits and attempt.pair_of)
    duty, visits = _on_duty(attempt), _candidate_days(attempt)

    rotate_pairs(layout, jury, pairs, attempt)

    assert len(_on_duty(attempt)) <= len(duty)
    assert _candidate_days(attempt) == visits
    assert _double_bookings(attempt) == []
    for placed in attempt.placed:
        if placed.pair is not None:
            [candidate] = placed.candidates
            assert placed.pair == attempt.pair_of[candidate]
            assert placed.jurors == pairs[placed.pair][: len(placed.jurors)]
            assert not any(jury.conflicts.masks[candidate] >> j & 1 for j in placed.jurors)


def test_a_candidate_is_never_handed_to_a_pair_with_a_juror_in_conflict_with_them() -> None:
    # The twelve welders: find a candidate the rotation hands to another pair; then make one
    # juror of that pair their former trainer (in the conflict index the rotation reads).
    data, days = _welding_session(12, date(2027, 3, 1))
    assert data.session is not None
    layout = build_layout(data, data.session, tuple(days))
    jury = build_jury(data, data.session, layout)
    pairs = choose_pairs(jury, 2, range(len(layout.candidates)))
    keep = KEEP_GROUPS | KEEP_WAITS  # the attempt the planner keeps for this session
    attempt = run_attempt(layout, jury, pairs, frozenset(), keep_days=keep)
    before = dict(attempt.pair_of)
    rotate_pairs(layout, jury, pairs, attempt)
    moved = {c: p for c, p in attempt.pair_of.items() if before.get(c) != p}
    assert moved, "the rotation hands no candidate to another pair in this session"
    candidate, target = next(iter(moved.items()))

    masks = list(jury.conflicts.masks)
    masks[candidate] |= 1 << pairs[target][0]
    conflicted = replace(jury, conflicts=replace(jury.conflicts, masks=tuple(masks)))
    attempt = run_attempt(layout, conflicted, pairs, frozenset(), keep_days=keep)
    assert attempt.pair_of[candidate] != target  # placed with the other pair to begin with
    rotate_pairs(layout, conflicted, pairs, attempt)

    assert attempt.pair_of[candidate] != target
    for placed in attempt.placed:
        if candidate in placed.candidates:
            assert pairs[target][0] not in placed.jurors
