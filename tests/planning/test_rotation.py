"""Pair rotation (issue 8): once the plan is found, a pair with little to do on a day hands
its candidates to pairs sitting that day anyway, so fewer jurors come for an interview or two."""

from __future__ import annotations

from datetime import date

import pytest

from docgen.planning import plan_session, planner
from docgen.planning.plan import Plan
from tests.planning.invariants import plan_violations, preference_violations
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
