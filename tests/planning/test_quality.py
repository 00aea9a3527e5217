"""The properties a centre would check before sending the timetable out (issue 8), on
hand-made sessions and on a second real déroulé: a tertiary title on computers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from benchmarks.bench_plan_quality import DEROULES, issue_welding_session, session_for
from docgen.model import Equipment, EquipmentState, Room, RoomType, SessionData, StepMode
from docgen.planning import plan_session
from docgen.planning.plan import Plan, Slot
from docgen.planning.report import plan_as_json, plan_as_text
from tests.planning.invariants import plan_violations, preference_violations
from tests.planning.sessions import (
    candidate,
    juror,
    jury_deliberation,
    opening_installation_msp,
    realistic_deroule,
    rooms,
    secretarial_session,
    session_data,
    step,
    unexpected,
    working_days,
)


def named(plan: Plan, prefix: str) -> list[Slot]:
    return [slot for slot in plan.slots if slot.step.name.startswith(prefix)]


def test_the_secretarial_session_plans_in_two_days_with_all_fifteen() -> None:
    data = secretarial_session()
    days = working_days(2)

    plan = plan_session(data, days)

    assert [f for f in plan.findings if f.is_error] == []
    assert plan_violations(plan, data, days) == []
    assert len(plan.assignment) == 15
    assert plan.stats.hidden_only_visits == 0
    assert max(plan.stats.candidate_visits) <= 2
    # The 3 h 30 MSP (4 h 40 with a third more time) runs with its installation just before it.
    msp = named(plan, "Mise en situation")
    assert {slot.start for slot in msp} == {slot.end for slot in named(plan, "Installation")}


def test_the_installation_ends_when_its_msp_starts_with_the_same_room_and_supervisors() -> None:
    days = working_days(3)
    steps = (
        *opening_installation_msp(RoomType.PLATEAU, 240, msp="MSP"),
        step(4, "Entretien", StepMode.INDIVIDUEL, 45, jurors=2, room=RoomType.ENTRETIEN),
    )
    people = [candidate(f"{n:07d}", extra_time=33 if n == 2 else 0) for n in range(1, 17)]
    data = session_data(
        days, people, [juror(n) for n in ("A", "B", "C", "D", "E", "F")], steps, rooms(3, 6, 2)
    )

    plan = plan_session(data, days)

    assert plan_violations(plan, data, days) == []
    for install in named(plan, "Installation"):
        group = [s for s in named(plan, "MSP") if set(s.candidates) <= set(install.candidates)]
        assert group, install
        for msp in group:
            assert msp.start == install.end
            assert msp.room == install.room
            assert msp.jurors == install.jurors


def test_the_opening_is_held_with_day_one_candidates_only_and_overflow_is_reported() -> None:
    # A plateau of 4 and one pair: the last groups come on later days, never for the opening.
    days = working_days(4)
    small_hall = (Room("Hall", RoomType.ATTENTE, 3), *rooms(2, 4)[1:])
    data = session_data(
        days,
        [candidate(f"{n:07d}") for n in range(1, 13)],
        [juror(n) for n in "ABCD"],
        realistic_deroule(),
        small_hall,
    )

    plan = plan_session(data, days)

    [opening] = named(plan, "Ouverture")
    day_one = {
        number
        for slot in plan.slots
        if slot.start.date() == days[0] and slot.step.is_epreuve
        for number in slot.candidates
    }
    assert set(opening.candidates) == day_one
    assert 0 < len(day_one) < 12
    assert plan.stats.hidden_only_visits == 0
    overflow = [f for f in plan.findings if f.code == "room-overflow"]
    assert len(day_one) > 3 and overflow
    assert "« Hall »" in overflow[0].message and "3 place(s)" in overflow[0].message


def test_groups_in_parallel_rooms_never_use_more_stations_than_there_are() -> None:
    # Two plateaus of 6 places but 6 welding stations: never 12 candidates welding at once.
    days = working_days(3)
    stations = Equipment("Poste de soudage", 1, 6, EquipmentState.OPERATIONNEL, per_candidate=True)
    data = session_data(
        days,
        [candidate(f"{n:07d}") for n in range(1, 13)],
        [juror(n) for n in "ABCDEF"],
        realistic_deroule(),
        rooms(3, 6, 2),
        (stations,),
    )

    plan = plan_session(data, days)

    assert plan_violations(plan, data, days) == []
    msp = named(plan, "Mise en situation")
    for slot in msp:
        at_once = {
            n
            for other in msp
            if other.start < slot.end and slot.start < other.end
            for n in other.candidates
        }
        assert len(at_once) <= 6


def test_the_closing_gathers_every_evaluator_on_the_day_of_their_last_deliberation() -> None:
    data = secretarial_session(candidates=30, days=4)
    days = working_days(4)

    plan = plan_session(data, days)

    assert plan_violations(plan, data, days) == []
    closings = named(plan, "Délibération finale")
    evaluators = {name for pair in plan.jury_pairs for name in pair.jurors}
    assert {name for slot in closings for name in slot.jurors} == evaluators
    for slot in closings:
        pairs = {p.id for p in plan.jury_pairs if set(p.jurors) <= set(slot.jurors)}
        last = max(s.end for s in plan.slots if s.jury_pair in pairs)
        assert slot.start >= last and slot.start.date() == last.date()


def test_no_juror_day_goes_over_the_maximum_and_spare_jurors_are_named() -> None:
    data = secretarial_session(candidates=15, days=3, panel=6)
    assert data.session is not None
    data = replace(data, session=replace(data.session, max_juror_day_minutes=300))
    days = working_days(3)

    plan = plan_session(data, days)

    assert plan_violations(plan, data, days) == []
    assert plan.stats.max_juror_day_minutes <= 300
    assert "juror-overload" not in {f.code for f in plan.findings}
    unused = [f for f in plan.findings if f.code == "juror-unused"]
    assert len(unused) == len(plan.stats.unused_jurors)
    for finding, name in zip(unused, plan.stats.unused_jurors, strict=True):
        assert name in finding.message


def test_more_days_than_the_maximum_per_juror_is_a_warning() -> None:
    data = secretarial_session(candidates=15, days=2, panel=6)
    assert data.session is not None
    data = replace(data, session=replace(data.session, max_days_per_juror=1))

    plan = plan_session(data, working_days(2))

    [first, *_] = [f for f in plan.findings if f.code == "juror-overload"]
    assert "plus que « Jours maximum par juré » (1)" in first.message
    idle = [f for f in plan.findings if f.code == "juror-unused"]
    if idle:  # inviting one more would not help: some accepted jurors sit no day already
        assert f"{len(idle)} juré(s) accepté(s) ne sont convoqués aucun jour" in first.message
        assert "Invitez" not in first.message
    else:
        assert "Invitez un juré de plus" in first.message


def test_jurors_left_idle_are_named_and_no_one_is_told_to_invite_more() -> None:
    # 24 accepted jurors for 100 welders over 9 days, at most 4 days each: the plan does not
    # manage to hand the days of its busiest jurors to the idle ones, and says so plainly.
    data, days = session_for(DEROULES[0], 100)
    assert data.session is not None
    jurors = tuple(replace(data.jurors[0], last_name=f"JURE{n:03d}") for n in range(24))
    data = replace(data, jurors=jurors, session=replace(data.session, max_days_per_juror=4))

    plan = plan_session(data, days)

    idle = [f for f in plan.findings if f.code == "juror-unused"]
    overloaded = [f for f in plan.findings if f.code == "juror-overload"]
    assert idle and overloaded
    assert all("ne le convoque aucun jour" in f.message for f in idle)
    for finding in overloaded:
        assert f"{len(idle)} juré(s) accepté(s) ne sont convoqués aucun jour" in finding.message
        assert "Invitez" not in finding.message


def test_arrival_comes_before_every_first_step_by_the_margin() -> None:
    data = secretarial_session()
    assert data.session is not None
    data = replace(data, session=replace(data.session, arrival_margin_minutes=20))

    plan = plan_session(data, working_days(2))

    for number, _ in plan.assignment:
        for day, arrival in plan.arrival_times(number).items():
            first = min(s.start for s in plan.candidate_slots(number) if s.start.date() == day)
            assert first - arrival == timedelta(minutes=20)
            if not any(s.step.mode is StepMode.SESSION for s in plan.candidate_slots(number)):
                assert first >= datetime.combine(day, time(8, 50))


def test_the_stats_are_printed_and_carried_in_the_json() -> None:
    data = secretarial_session()
    plan = plan_session(data, working_days(2))

    payload = plan_as_json(plan, data, "x")
    text = plan_as_text(plan, data)

    assert set(payload["stats"]) == {
        "candidate_visits",
        "max_candidate_span_days",
        "hidden_only_visits",
        "max_wait_minutes",
        "juror_days",
        "max_juror_day_minutes",
        "max_days_per_juror",
        "unused_jurors",
        "lower_bound_pairs",
        "pairs",
    }
    assert payload["stats"]["pairs"] == len(plan.jury_pairs)
    assert sum(payload["stats"]["candidate_visits"].values()) == 15
    assert "Qualité du planning :" in text
    assert f"binômes : {len(plan.jury_pairs)} (borne inférieure : " in text
    assert unexpected(plan) == []


def test_a_four_hour_msp_runs_twice_a_day_when_the_margin_shortens_the_morning() -> None:
    # 8 h–17 h 30 with a 15-minute arrival margin: the morning has 3 h 45 for a 4-hour MSP,
    # which then spans lunch (8 h 15–13 h 15), and the afternoon holds a second sitting.
    days = working_days(2)
    steps = (
        step(1, "MSP", StepMode.COLLECTIF, 240, jurors=1, room=RoomType.PLATEAU),
        step(2, "Entretien", StepMode.INDIVIDUEL, 30, jurors=2, room=RoomType.ENTRETIEN),
    )
    people = [candidate(f"{n:07d}") for n in range(1, 17)]
    data = session_data(
        days,
        people,
        [juror(n) for n in "ABCDEF"],
        steps,
        rooms(4, 8, 1),
        day_start=time(8, 0),
    )

    plan = plan_session(data, days)

    assert plan_violations(plan, data, days) == []
    first_day = sorted({(s.start, s.end) for s in named(plan, "MSP") if s.start.date() == days[0]})
    day = days[0]
    assert first_day == [
        (datetime.combine(day, time(8, 15)), datetime.combine(day, time(13, 15))),
        (datetime.combine(day, time(13, 15)), datetime.combine(day, time(17, 15))),
    ]


def _welding_session(count: int, first: date) -> tuple[SessionData, list[date]]:
    """The issue's welding déroulé: opening, installation + 4-hour MSP on 6-place plateaus, a
    30-minute questionnaire in a 12-seat IT room, accueil + two interviews + deliberation with
    a pair, and the final deliberation with every evaluator."""
    days = working_days(4, first)
    steps = (
        *opening_installation_msp(RoomType.PLATEAU, 240, msp="Mise en situation"),
        step(4, "Questionnaire", StepMode.COLLECTIF, 30, jurors=1, room=RoomType.INFORMATIQUE),
        step(5, "Accueil", StepMode.INDIVIDUEL, 5, jurors=2, room=RoomType.ENTRETIEN,
             epreuve=False),
        step(6, "Entretien technique", StepMode.INDIVIDUEL, 40, jurors=2, room=RoomType.ENTRETIEN),
        step(7, "Entretien final", StepMode.INDIVIDUEL, 30, jurors=2, room=RoomType.ENTRETIEN),
        jury_deliberation(8),
        replace(
            step(9, "Délibération finale", StepMode.SESSION, 30, jurors=2,
                 room=RoomType.ENTRETIEN, present=False, epreuve=False),
            all_jurors=True,
        ),
    )  # fmt: skip
    people = [candidate(f"{n:07d}", extra_time=33 if n % 20 == 7 else 0) for n in range(count)]
    room_list = (
        Room("Hall", RoomType.ATTENTE, 60),
        *(Room(f"Atelier {n}", RoomType.PLATEAU, 6) for n in range(1, 5)),
        *(Room(f"Informatique {n}", RoomType.INFORMATIQUE, 12) for n in (1, 2)),
        *(Room(f"Bureau {n}", RoomType.ENTRETIEN, 1, confidential=True) for n in (1, 2, 3, 4)),
    )
    stations = Equipment("Poste de soudage", 1, 24, EquipmentState.OPERATIONNEL, per_candidate=True)
    jurors = [juror(f"JURE{n}") for n in range(8)]
    return session_data(days, people, jurors, steps, room_list, (stations,)), days


def test_a_welding_session_across_a_weekend_keeps_every_candidate_day() -> None:
    # Thursday to Tuesday: no candidate has their MSP before the weekend and their interviews
    # after it; each comes at most twice, on days that follow each other, and waits at most
    # an hour inside a day; no juror works more than 7 hours a day.
    data, days = _welding_session(24, date(2027, 3, 4))

    plan = plan_session(data, days)

    assert [f for f in plan.findings if f.is_error] == []
    assert plan_violations(plan, data, days) == []
    assert preference_violations(plan, data) == []
    assert not any("Préférence non tenue" in note for note in plan.notes)
    stats = plan.stats
    assert max(stats.candidate_visits) <= 2
    assert stats.max_wait_minutes <= 60
    assert stats.max_juror_day_minutes <= 420
    assert stats.hidden_only_visits == 0
    assert stats.pairs <= stats.lower_bound_pairs + 1


def test_the_lower_bound_holds_for_a_two_day_msp_chained_to_its_installation() -> None:
    # The installation and the 15-hour MSP are one block: it starts at the beginning of day 1
    # and ends on day 2, so candidates are ready a day earlier than the MSP alone would allow
    # (the bound once counted them ready on day 3 only, and asked for 16 pairs).
    days = working_days(3)
    steps = (
        *opening_installation_msp(RoomType.PLATEAU, 900, msp="MSP"),
        step(4, "Entretien", StepMode.INDIVIDUEL, 45, jurors=2, room=RoomType.ENTRETIEN),
    )
    people = [candidate(f"{n:07d}") for n in range(1, 17)]
    panel = [juror(name) for name in "ABCDEFGHIJ"]
    data = session_data(days, people, panel, steps, rooms(6, 8, 3))

    plan = plan_session(data, days)

    assert [f for f in plan.findings if f.is_error] == []
    assert plan_violations(plan, data, days) == []
    assert plan.lower_bound_pairs <= len(plan.jury_pairs) <= plan.lower_bound_pairs + 1


def test_a_preference_given_up_names_the_single_addition_that_restores_it() -> None:
    # 30 welders over 4 days with 7 jurors (2 pairs, the bound): some wait more than an hour
    # for their interviews. Only two more jurors (a pair) would let everyone keep their days;
    # the note says so, and says nothing of a room or a day, which would not.
    data, days = session_for(DEROULES[0], 30)

    plan = plan_session(data, days)

    [note] = [n for n in plan.notes if n.startswith("Préférence non tenue")]
    assert "attendent plus de 60 min" in note
    assert note.endswith(
        "Avec un binôme de jurés de plus, disponible toute la session, chaque candidat garderait "
        "ses jours."
    )
    spare = tuple(juror(f"RENFORT {n}") for n in (1, 2))
    helped = replace(data, jurors=data.jurors + spare)
    assert not any("Préférence non tenue" in n for n in plan_session(helped, days).notes)


def test_the_issue_s_hundred_welders_over_ten_days_keep_every_candidate_s_days() -> None:
    """Issue 8's own 100-candidate session (10 days, 14 accepted jurors): every acceptance
    point holds with no preference given up. (The benchmark's tighter one, 9 days and 9 jurors,
    gives up the weekend for 6 candidates and says that a pair or a day more restores it.)"""
    data, days = issue_welding_session()

    plan = plan_session(data, days)

    assert [f for f in plan.findings if f.is_error] == []
    assert plan_violations(plan, data, days) == []
    assert preference_violations(plan, data) == []
    assert not any(note.startswith("Préférence non tenue") for note in plan.notes)
    assert plan.stats.pairs <= plan.stats.lower_bound_pairs + 1
    assert plan.stats.max_wait_minutes <= 60
    assert set(plan.stats.candidate_visits) <= {1, 2}
    for person in data.candidates:
        visits = sorted(
            {
                s.start.date()
                for s in plan.candidate_slots(person.number)
                if s.step.candidate_present
            }
        )
        assert all((later - day).days == 1 for day, later in pairwise(visits)), person.number


def test_the_welding_sessions_of_24_and_500_candidates_keep_every_rule_and_preference() -> None:
    """Issue 8's acceptance on the benchmark's welding sessions (`bench_plan_quality.py`):
    the hard rules, the invariants of its rules, and no candidate's preference given up."""
    for size in (24, 500):
        data, days = session_for(DEROULES[0], size)

        plan = plan_session(data, days)

        assert [f for f in plan.findings if f.is_error] == [], size
        assert plan_violations(plan, data, days) == [], size
        assert preference_violations(plan, data) == [], size
        assert not any(note.startswith("Préférence non tenue") for note in plan.notes), size
        assert plan.stats.pairs <= plan.stats.lower_bound_pairs + 1
        assert plan.stats.max_wait_minutes <= 60
        assert plan.stats.max_juror_day_minutes <= 420
