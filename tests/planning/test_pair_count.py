"""The pair count against the lower bound: at most one more, with a note, and routable conflicts
cost at most one more pair (issue 3's acceptance), on random and on hand-made sessions.

The random tests are derandomized so the suite stays stable; the wider search is the hand-run
sweep, `benchmarks/sweep_pairs.py`, over the same generator.
"""

from __future__ import annotations

import random
from datetime import time, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from benchmarks.bench_plan_quality import DEROULES, session_for
from docgen.model import RoomType, StepMode
from docgen.planning import plan_session, planner
from tests.planning.invariants import plan_violations
from tests.planning.random_sessions import conflict_free_session, with_routable_conflicts
from tests.planning.sessions import (
    candidate,
    juror,
    opening_installation_msp,
    rooms,
    session_data,
    step,
    unexpected,
    working_days,
)

BOUND_NOTE = "de plus que la borne inférieure"


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.randoms(use_true_random=False))
def test_conflict_free_sessions_take_the_bound_or_one_more_pair_with_the_reason(
    rng: random.Random,
) -> None:
    data, days = conflict_free_session(rng)

    plan = plan_session(data, days)

    assume(not any(finding.is_error for finding in plan.findings) and plan.jury_pairs)
    assert plan_violations(plan, data, days) == []
    assert plan.lower_bound_pairs <= len(plan.jury_pairs) <= plan.lower_bound_pairs + 1
    if len(plan.jury_pairs) > plan.lower_bound_pairs:
        assert any(BOUND_NOTE in note for note in plan.notes)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    # Which random sessions get filtered out varies with the test process's earlier history (the
    # cause is not yet found; seen only when the whole suite runs): not a failure of the rule.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.randoms(use_true_random=False))
def test_routable_conflicts_cost_at_most_one_more_pair(rng: random.Random) -> None:
    data, days = conflict_free_session(rng, everyday=True)
    plan = plan_session(data, days)
    assume(not any(finding.is_error for finding in plan.findings) and plan.jury_pairs)
    conflicted = with_routable_conflicts(rng, data, len(plan.jury_pairs))
    assume(conflicted is not None)
    assert conflicted is not None

    routed = plan_session(conflicted, days)

    assert not any(finding.is_error for finding in routed.findings)
    assert plan_violations(routed, conflicted, days) == []
    assert len(routed.jury_pairs) <= len(plan.jury_pairs) + 1


def test_a_pair_free_before_its_last_booking_takes_the_next_group() -> None:
    # One day from 10:15: a 30-minute interview, a 4-hour épreuve (5 h 20 with a third more
    # time, so it must start by 11:05) in groups of 3, then a 5-minute debrief. The first group
    # takes three pairs at 10:15; their debriefs are booked late in the afternoon, but the pairs
    # are free at 10:45 for the second group: three pairs suffice.
    days = working_days(1)
    steps = (
        step(1, "Ouverture", StepMode.SESSION, 15, room=RoomType.ATTENTE, epreuve=False),
        step(
            2, "Accueil", StepMode.INDIVIDUEL, 30, jurors=2, room=RoomType.ENTRETIEN, epreuve=False
        ),
        step(3, "Épreuve", StepMode.COLLECTIF, 240, room=RoomType.PLATEAU, capacity=3),
        step(
            4,
            "Débriefing",
            StepMode.INDIVIDUEL,
            5,
            jurors=2,
            room=RoomType.ENTRETIEN,
            epreuve=False,
        ),
    )
    people = [
        candidate(f"{n:07d}", extra_time=extra)
        for n, extra in enumerate([25, 33, 0, 25, 0, 33], start=1)
    ]
    names = ["DUPONT", "MARTIN", "LEROY", "BLANC", "PETIT", "ROUX", "FAURE", "GIRARD"]
    data = session_data(
        days,
        people,
        [juror(name) for name in names],
        steps,
        rooms(interview=4, plateau_capacity=5, plateaus=2),
        day_start=time(8, 30),
        day_end=time(17, 30),
        lunch_start=time(12, 0),
        lunch_end=time(13, 0),
        opening_time=time(10, 0),
    )

    plan = plan_session(data, days)

    assert unexpected(plan) == []
    assert plan_violations(plan, data, days) == []
    assert len(plan.jury_pairs) == 3
    assert plan.lower_bound_pairs == 2
    assert any(BOUND_NOTE in note for note in plan.notes)


def test_conflicted_jurors_pair_together_so_one_clean_pair_serves_everyone() -> None:
    # BLANC's company hosted two candidates and LEROY declared links with the two others: each
    # with a clean juror, they would make two pairs each barred to half the candidates; paired
    # together, they leave DUPONT and MARTIN a pair that may evaluate everyone.
    days = working_days(1)
    people = [candidate(f"{n:07d}", companies=["Inox Pro"] if n < 3 else []) for n in range(1, 5)]
    jurors = [
        juror("BLANC", company="Inox Pro"),
        juror("DUPONT"),
        juror("LEROY", links=["0000003", "0000004"]),
        juror("MARTIN"),
    ]
    steps = (step(1, "Entretien", StepMode.INDIVIDUEL, 60, jurors=2, room=RoomType.ENTRETIEN),)
    data = session_data(days, people, jurors, steps, rooms(2))

    plan = plan_session(data, days)

    assert unexpected(plan) == []
    assert [pair.jurors for pair in plan.jury_pairs] == [("DUPONT Jo", "MARTIN Jo")]


def test_the_collective_epreuve_uses_the_first_morning_despite_a_slower_member() -> None:
    # After the 08:00 opening, 3 h 30 remain in the morning: enough for the 3-hour épreuve, not
    # for the 4 hours of the candidate with a third more time. Their group takes the afternoon
    # (or runs across lunch, installation chained to it); the other group takes the morning
    # rather than leaving it idle (the single pair being busy later is no reason to hold it
    # back).
    days = working_days(3)
    steps = (
        *opening_installation_msp(RoomType.PLATEAU, 180, supervisors=2),
        step(4, "Entretien", StepMode.INDIVIDUEL, 75, jurors=2, room=RoomType.ENTRETIEN),
    )
    people = [candidate(f"{n:07d}", extra_time=33 if n == 4 else 0) for n in range(1, 12)]
    names = ["DUPONT", "MARTIN", "LEROY", "BLANC"]
    data = session_data(
        days,
        people,
        [juror(name) for name in names],
        steps,
        rooms(interview=1, plateau_capacity=6),
        day_start=time(8, 0),
        day_end=time(17, 30),
        lunch_start=time(12, 0),
        lunch_end=time(13, 0),
        opening_time=time(8, 0),
    )

    plan = plan_session(data, days)

    assert unexpected(plan) == []
    assert plan_violations(plan, data, days) == []
    epreuves = [slot for slot in plan.slots if slot.step.name == "Mise en situation"]
    first = min(slot.start for slot in epreuves)
    assert first.date() == days[0]
    assert first.time() < time(12, 0)
    slow = next(slot for slot in epreuves if "0000004" in slot.candidates)
    # 240 working minutes: with the installation chained to it, the slow group's MSP may run
    # across lunch (the break is not counted).
    lunch = timedelta(hours=1) if slow.start.hour < 12 < slow.end.hour else timedelta()
    assert slow.end - slow.start - lunch == timedelta(hours=4)
    assert len(plan.jury_pairs) == 1


def test_a_candidate_going_straight_on_keeps_their_room_so_two_pairs_suffice() -> None:
    # One day, 12 candidates, a plateau of 4: the three groups' épreuves (80, 75 and 60 minutes
    # with extra time) do not all fit in the 3 h 30 morning, so the last group ends at 14:00.
    # Each candidate then prepares alone for an hour (more with extra time) in one of 4 offices
    # and goes straight on to a 20-minute interview with their pair. Interviews booked in any
    # free office cut the others' free time into stretches shorter than an hour, and the last
    # group no longer finished by 17:00 with two pairs; staying in the office they prepared in,
    # everyone does, and two pairs suffice (one more than the bound, with the reason).
    days = working_days(1)
    steps = (
        step(1, "Mise en situation", StepMode.COLLECTIF, 60, jurors=1, room=RoomType.PLATEAU),
        step(2, "Préparation", StepMode.INDIVIDUEL, 60, room=RoomType.ENTRETIEN),
        step(3, "Entretien", StepMode.INDIVIDUEL, 20, jurors=2, room=RoomType.ENTRETIEN),
        step(
            4,
            "Délibération finale",
            StepMode.SESSION,
            30,
            jurors=2,
            present=False,
            epreuve=False,
        ),
    )
    extra = [0, 33, 0, 0, 33, 33, 33, 25, 0, 25, 25, 0]
    people = [candidate(f"{n:07d}", extra_time=e) for n, e in enumerate(extra, start=1)]
    names = ["DUPONT", "MARTIN", "LEROY", "BLANC", "PETIT", "ROUX", "FAURE"]
    data = session_data(
        days, people, [juror(name) for name in names], steps, rooms(4, plateau_capacity=4)
    )

    plan = plan_session(data, days)

    assert unexpected(plan) == []
    assert plan_violations(plan, data, days) == []
    assert len(plan.jury_pairs) == 2
    assert plan.lower_bound_pairs == 1
    assert any(BOUND_NOTE in note for note in plan.notes)


def test_a_second_group_starts_before_the_first_finishes_so_two_pairs_suffice() -> None:
    # Four days, 11 candidates, 2 offices: each candidate's file is studied by their pair
    # (100 minutes, without them) before a 45-minute interview, then the group's épreuve on the
    # plateau (7 places: groups of 6 and 5), then a 100-minute questioning. With 2 offices, two
    # pairs at most can work at once, so two pairs should do. Placing the first group's whole
    # déroulé before the second group's took both offices all Tuesday for its questionings: the
    # second group began on Wednesday, its questionings ended on Thursday at 16:50 and the final
    # deliberation had no room left. Taking each group's next steps in the order its candidates
    # are ready, the second group's interviews come first and the session ends on Thursday
    # before noon, with the two pairs of the bound.
    days = working_days(4)
    steps = (
        step(1, "Accueil du jour", StepMode.JOUR, 15, epreuve=False),
        step(
            2,
            "Étude du dossier",
            StepMode.INDIVIDUEL,
            100,
            jurors=2,
            room=RoomType.ENTRETIEN,
            present=False,
            epreuve=False,
        ),
        step(
            3,
            "Entretien",
            StepMode.INDIVIDUEL,
            45,
            jurors=2,
            room=RoomType.ENTRETIEN,
            epreuve=False,
        ),
        step(4, "Mise en situation", StepMode.COLLECTIF, 60, room=RoomType.PLATEAU, capacity=8),
        step(
            5,
            "Questionnement",
            StepMode.INDIVIDUEL,
            100,
            jurors=2,
            room=RoomType.ENTRETIEN,
            epreuve=False,
        ),
        step(
            6,
            "Délibération finale",
            StepMode.SESSION,
            30,
            jurors=2,
            present=False,
            epreuve=False,
        ),
    )
    extra = [0, 0, 0, 0, 0, 25, 0, 33, 25, 0, 0]
    people = [candidate(f"{n:07d}", extra_time=e) for n, e in enumerate(extra, start=1)]
    names = ["DUPONT", "MARTIN", "LEROY", "ROUX", "FAURE", "GIRARD", "MOREL"]
    jurors = [
        *(juror(name) for name in names),
        juror("BLANC", days=days[:1]),
        juror("PETIT", days=[days[1], days[3]]),
    ]
    data = session_data(
        days,
        people,
        jurors,
        steps,
        rooms(2, plateau_capacity=7),
        day_start=time(8, 0),
        day_end=time(17, 0),
        lunch_start=time(12, 30),
        lunch_end=time(13, 30),
        max_juror_day_minutes=480,  # the ordering is under test here, not the 7-hour cap
    )

    plan = plan_session(data, days)

    assert unexpected(plan) == []
    assert plan_violations(plan, data, days) == []
    assert len(plan.jury_pairs) == plan.lower_bound_pairs == 2
    closings = [slot for slot in plan.slots if slot.step.name == "Délibération finale"]
    assert max(slot.start.date() for slot in closings) == days[3]


def test_interviews_going_on_the_next_morning_save_pairs_when_whole_days_waste_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 48 candidates over 6 days: a 7-hour MSP, then 2 h 15 of interviews with a pair. Kept
    # within one day, a pair takes two candidates a day (4 h 30 of its 6 h 30): 6 pairs. Letting
    # a candidate's interviews begin late in the day and end the next morning, the lower bound's
    # 4 pairs suffice, and the plan says which candidates come a day more.
    data, days = session_for(DEROULES[2], 48)

    plan = plan_session(data, days)
    monkeypatch.setattr(planner, "SPLIT_RUNS", 0)
    whole = plan_session(data, days)

    assert [f for f in plan.findings if f.is_error] == []
    assert plan_violations(plan, data, days) == []
    assert whole.stats.pairs == 6
    assert plan.stats.pairs == plan.stats.lower_bound_pairs == 4
    assert set(plan.stats.candidate_visits) == {2, 3}
    assert any("viennent un jour de plus" in note for note in plan.notes)


def test_one_pair_more_is_kept_when_the_rotation_brings_it_back_to_the_split_runs_count() -> None:
    # 24 candidates with a 7-hour MSP: with 4 pairs (the bound + 1), five candidates' interviews
    # would go on the next day. Placed with 5 pairs, the rotation hands one pair's candidates to
    # the others: 4 pairs evaluate, and everyone comes on two days that follow each other.
    data, days = session_for(DEROULES[2], 24)

    plan = plan_session(data, days)

    assert plan_violations(plan, data, days) == []
    assert plan.stats.pairs == plan.stats.lower_bound_pairs + 1 == 4
    assert set(plan.stats.candidate_visits) == {2}
    assert not any("Préférence non tenue" in note for note in plan.notes)
