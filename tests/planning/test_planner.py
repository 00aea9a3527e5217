"""Hand-made sessions whose best plan is known, and the findings of sessions that cannot fit."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from docgen.model import Juror, JurorResponse, RoomType, SessionData, StepMode
from docgen.planning import plan_session
from docgen.planning.plan import Plan
from tests.planning.invariants import plan_violations
from tests.planning.sessions import (
    candidate,
    interviews_only,
    juror,
    realistic_deroule,
    rooms,
    session_data,
    step,
    unexpected,
    working_days,
    workstations,
)


def numbers(count: int, start: int = 1) -> list[str]:
    return [f"{n:07d}" for n in range(start, start + count)]


def jurors(count: int) -> list[Juror]:
    names = ["DUPONT", "MARTIN", "LEROY", "BLANC", "PETIT", "ROUX", "FAURE", "GIRARD"]
    return [juror(names[n]) for n in range(count)]


def codes(plan: Plan) -> list[str]:
    return [finding.code for finding in plan.findings]


def exact_day_of_interviews(
    days: list[date], candidates: int, panel: int, interview_rooms: int
) -> SessionData:
    """Hour-long interviews and their deliberation filling the working day exactly: without
    an arrival margin, which would take the first quarter of an hour."""
    return session_data(
        days,
        [candidate(n) for n in numbers(candidates)],
        jurors(panel),
        interviews_only(60),
        rooms(interview_rooms),
        arrival_margin_minutes=0,
    )


def test_six_interviews_of_seventy_minutes_fill_one_pair_day() -> None:
    days = working_days(1)
    data = exact_day_of_interviews(days, 6, 4, 2)

    plan = plan_session(data, days)

    assert unexpected(plan) == []
    assert plan.lower_bound_pairs == 1
    assert len(plan.jury_pairs) == 1
    assert plan_violations(plan, data, days) == []
    assert plan.jurors_needed == 2
    assert {plan.pair_of(n) for n in numbers(6)} == {"J1"}


def test_twelve_interviews_need_exactly_two_pairs() -> None:
    days = working_days(1)
    data = exact_day_of_interviews(days, 12, 6, 3)

    plan = plan_session(data, days)

    assert unexpected(plan) == []
    assert plan.lower_bound_pairs == 2
    assert len(plan.jury_pairs) == 2
    assert plan_violations(plan, data, days) == []


def test_when_half_days_do_not_pack_the_plan_takes_one_pair_more_and_says_why() -> None:
    # 110-minute interviews: one in a 210-minute morning, two in a 270-minute afternoon, so three
    # per pair and day, where the minutes alone (480 ÷ 110) would allow four.
    days = working_days(1)
    steps = (step(1, "Entretien", StepMode.INDIVIDUEL, 110, jurors=2, room=RoomType.ENTRETIEN),)
    data = session_data(
        days,
        [candidate(n) for n in numbers(8)],
        jurors(8),
        steps,
        rooms(4),
        arrival_margin_minutes=0,  # the whole 8 h 30–17 h 30 day, as the comment counts it
        max_juror_day_minutes=480,
    )

    plan = plan_session(data, days)

    assert plan.lower_bound_pairs == 2
    assert len(plan.jury_pairs) == 3
    assert unexpected(plan) == []
    assert any("1 de plus que la borne inférieure (2)" in note for note in plan.notes)
    assert plan_violations(plan, data, days) == []


def test_the_bound_counts_whole_candidates_per_pair() -> None:
    # 9 candidates of 100 minutes in one 480-minute day: 900 minutes would fit two pairs, but a
    # pair sees at most four whole candidates, so three pairs, which is also what the plan uses.
    days = working_days(1)
    steps = (step(1, "Entretien", StepMode.INDIVIDUEL, 100, jurors=2, room=RoomType.ENTRETIEN),)
    data = session_data(days, [candidate(n) for n in numbers(9)], jurors(8), steps, rooms(4))

    plan = plan_session(data, days)

    assert plan.lower_bound_pairs == 3
    assert len(plan.jury_pairs) == 3
    assert unexpected(plan) == []


def test_a_routable_conflict_costs_at_most_one_pair() -> None:
    days = working_days(1)
    free = session_data(
        days,
        [candidate(n) for n in numbers(12)],
        jurors(6),
        interviews_only(60),
        rooms(3),
        arrival_margin_minutes=0,  # an exact fit of the whole working day
    )
    panel = jurors(6)
    panel[0] = juror("DUPONT", company="Inox Pro")
    panel[2] = juror("LEROY", company="Métal Est")
    people = [candidate(n) for n in numbers(12)]
    people[0] = candidate(numbers(1)[0], companies=["Inox Pro"])
    people[5] = candidate(numbers(6)[5], companies=["Métal Est"], trainers=["Jo Martin"])
    conflicted = session_data(days, people, panel, interviews_only(60), rooms(3))

    baseline = plan_session(free, days)
    plan = plan_session(conflicted, days)

    assert unexpected(plan) == []
    assert len(plan.jury_pairs) <= len(baseline.jury_pairs) + 1
    assert plan_violations(plan, conflicted, days) == []
    for number in (numbers(1)[0], numbers(6)[5]):
        pair = plan.pair_of(number)
        names = next(p.jurors for p in plan.jury_pairs if p.id == pair)
        assert "DUPONT Jo" not in names or number != numbers(1)[0]
        assert "MARTIN Jo" not in names or number != numbers(6)[5]
    assert any("en conflit" in note for note in plan.notes)


def test_an_unroutable_conflict_names_the_candidate_and_each_jurors_reason() -> None:
    days = working_days(1)
    panel = [
        juror("DUPONT", company="Inox Pro"),
        juror("MARTIN", links=["0000001"]),
        juror("LEROY"),
        juror("BLANC", response=JurorResponse.REFUSE),
    ]
    people = [candidate("0000001", companies=["INOX PRO SAS"]), candidate("0000002")]
    data = session_data(days, people, panel, interviews_only(60), rooms(2))

    plan = plan_session(data, days)

    found = [f for f in plan.findings if f.code == "no-eligible-jury"]
    assert len(found) == 1
    message = found[0].message
    assert "0000001" in message
    assert "DUPONT Jo : son entreprise « Inox Pro »" in message
    assert "MARTIN Jo : il a déclaré un lien avec le candidat" in message
    assert "BLANC Jo : a refusé l'invitation" in message
    assert "seul juré sans conflit : LEROY Jo" in message
    # The other candidate is still planned, and the blocked one has no individual slot.
    assert plan.pair_of("0000002") is not None
    assert plan.candidate_slots("0000001") == ()
    assert plan_violations(plan, data, days) == []


def test_too_many_candidates_for_the_days_says_one_more_day_would_fit() -> None:
    days = working_days(1)
    data = session_data(
        days, [candidate(n) for n in numbers(8)], jurors(2), interviews_only(60), rooms(2)
    )

    plan = plan_session(data, days)

    assert codes(plan) == ["jury-insufficient"]
    message = plan.findings[0].message
    assert "un binôme de jurés de plus" in message
    assert "un jour de session de plus" in message
    assert plan_violations(plan, data, days) == []


def test_one_interview_room_for_two_pairs_asks_for_one_more_room() -> None:
    days = working_days(1)
    data = exact_day_of_interviews(days, 12, 4, 1)

    plan = plan_session(data, days)

    assert "plan-does-not-fit" in codes(plan)
    assert "une salle « Entretien » de plus" in plan.findings[0].message


def test_no_interview_room_at_all_is_reported_without_planning() -> None:
    days = working_days(1)
    data = session_data(
        days, [candidate(n) for n in numbers(2)], jurors(2), interviews_only(60), rooms(0)
    )

    plan = plan_session(data, days)

    assert codes(plan) == ["plan-does-not-fit", "plan-does-not-fit"]
    assert "aucune salle de type « Entretien »" in plan.findings[0].message
    assert plan.slots == ()


def test_a_single_juror_gives_jury_insufficient_not_a_finding_per_candidate() -> None:
    days = working_days(1)
    data = session_data(
        days, [candidate(n) for n in numbers(5)], jurors(1), interviews_only(60), rooms(1)
    )

    plan = plan_session(data, days)

    assert codes(plan) == ["jury-insufficient"]
    assert "au moins deux jurés" in plan.findings[0].message


def test_no_working_day_is_a_finding() -> None:
    days = working_days(1)
    data = session_data(days, [candidate("0000001")], jurors(2), interviews_only(), rooms(1))

    plan = plan_session(data, [])

    assert codes(plan) == ["plan-does-not-fit"]


def test_refused_expired_and_unavailable_jurors_are_never_scheduled() -> None:
    days = working_days(2)
    panel = [
        juror("DUPONT"),
        juror("MARTIN"),
        juror("LEROY", response=JurorResponse.REFUSE),
        juror("BLANC", habilitation_end=days[0]),
        juror("PETIT", days=[date(2026, 1, 5)]),
    ]
    data = session_data(
        days, [candidate(n) for n in numbers(8)], panel, interviews_only(60), rooms(3)
    )

    plan = plan_session(data, days)

    scheduled = {name for slot in plan.slots for name in slot.jurors}
    assert scheduled == {"DUPONT Jo", "MARTIN Jo"}
    assert plan_violations(plan, data, days) == []


def test_a_juror_available_on_day_two_only_sits_on_day_two() -> None:
    days = working_days(2)
    panel = [juror("DUPONT"), juror("MARTIN", days=[days[1]]), juror("LEROY", days=[days[1]])]
    data = session_data(
        days,
        [candidate(n) for n in numbers(6)],
        panel,
        interviews_only(60),
        rooms(2),
        arrival_margin_minutes=0,  # three 70-minute interviews fill the morning exactly
    )

    plan = plan_session(data, days)

    assert unexpected(plan) == []
    assert all(slot.start.date() == days[1] for slot in plan.slots if "MARTIN Jo" in slot.jurors)
    assert plan_violations(plan, data, days) == []


def test_a_trainer_never_supervises_their_candidates_collective_epreuve() -> None:
    days = working_days(2)
    steps = (
        step(1, "MSP", StepMode.COLLECTIF, 120, jurors=1, room=RoomType.PLATEAU),
        *[
            step(
                s.order + 1,
                s.name,
                s.mode,
                s.duration_minutes,
                jurors=2,
                room=RoomType.ENTRETIEN,
                present=s.candidate_present,
            )
            for s in interviews_only(30)
        ],
    )
    people = [candidate(n, trainers=["Jo Dupont"]) for n in numbers(4)]
    data = session_data(days, people, [juror("DUPONT"), *jurors(4)[1:]], steps, rooms(2))

    plan = plan_session(data, days)

    msp = [slot for slot in plan.slots if slot.step.name == "MSP"]
    assert msp
    assert all("DUPONT Jo" not in slot.jurors for slot in msp)
    assert plan_violations(plan, data, days) == []


def test_groups_respect_plateau_capacity_and_per_candidate_equipment() -> None:
    days = working_days(3)
    data = session_data(
        days,
        [candidate(n) for n in numbers(10)],
        jurors(6),
        realistic_deroule(),
        rooms(interview=3, plateau_capacity=8),
        equipment=[workstations(available=9, required=2)],
    )

    plan = plan_session(data, days)

    groups = [slot for slot in plan.slots if slot.step.mode is StepMode.COLLECTIF]
    assert groups
    assert max(len(slot.candidates) for slot in groups) <= 4  # 9 stations ÷ 2 per candidate
    assert plan_violations(plan, data, days) == []


def test_extra_time_lengthens_each_epreuve_of_the_candidate() -> None:
    days = working_days(2)
    people = [candidate("0000001", extra_time=33), candidate("0000002")]
    data = session_data(days, people, jurors(2), realistic_deroule(), rooms(2))

    plan = plan_session(data, days)

    def minutes(number: str, name: str) -> int:
        slot = next(s for s in plan.candidate_slots(number) if s.step.name == name)
        return int((slot.end - slot.start).total_seconds() // 60)

    assert minutes("0000001", "Entretien technique") == 54  # 40 min + 33 %
    assert minutes("0000002", "Entretien technique") == 40
    assert minutes("0000001", "Accueil") == 5  # a temps caché is not lengthened
    assert plan_violations(plan, data, days) == []


def test_a_step_longer_than_a_half_day_spans_lunch_and_a_longer_than_a_day_one_continues() -> None:
    days = working_days(3)
    steps = (
        step(1, "Épreuve longue", StepMode.COLLECTIF, 600, jurors=0, room=RoomType.PLATEAU),
        step(2, "Entretien", StepMode.INDIVIDUEL, 30, jurors=2, room=RoomType.ENTRETIEN),
    )
    data = session_data(days, [candidate("0000001")], jurors(2), steps, rooms(1))

    plan = plan_session(data, days)

    parts = [s for s in plan.candidate_slots("0000001") if s.step.name == "Épreuve longue"]
    assert [(s.start, s.end) for s in parts] == [
        # From the start of the day plus the arrival margin (15 min), lunch inside: 465 min.
        (datetime(2027, 3, 15, 8, 45), datetime(2027, 3, 15, 17, 30)),
        (datetime(2027, 3, 16, 8, 45), datetime(2027, 3, 16, 11, 0)),  # the last 135 min
    ]
    assert plan_violations(plan, data, days) == []


def test_opening_at_opening_time_daily_step_each_day_and_final_deliberation_last() -> None:
    days = working_days(2)
    steps = (
        *realistic_deroule()[:1],
        step(1, "Accueil du jour", StepMode.JOUR, 15, room=RoomType.ATTENTE, epreuve=False),
        *realistic_deroule()[1:],
    )
    data = session_data(
        days, [candidate(n) for n in numbers(6)], jurors(5), steps, rooms(2), opening=time(9, 0)
    )

    plan = plan_session(data, days)

    assert unexpected(plan) == []
    opening = [s for s in plan.slots if s.step.name.startswith("Ouverture")]
    assert [(s.start, len(s.candidates)) for s in opening] == [(datetime(2027, 3, 15, 9, 0), 6)]
    daily = [s for s in plan.slots if s.step.name == "Accueil du jour"]
    assert len({s.start.date() for s in daily}) == len(daily)
    final = [s for s in plan.slots if s.step.name.startswith("Délibération finale")]
    assert len(final) == 1
    assert final[0].start >= max(s.end for s in plan.slots if s.step.mode is StepMode.INDIVIDUEL)
    assert plan_violations(plan, data, days) == []


def test_each_candidate_keeps_one_pair_and_follows_the_deroule_order() -> None:
    days = working_days(2)
    data = session_data(
        days, [candidate(n) for n in numbers(8)], jurors(6), realistic_deroule(), rooms(3)
    )

    plan = plan_session(data, days)

    for number in numbers(8):
        slots = [s for s in plan.candidate_slots(number) if s.jury_pair]
        assert {s.jury_pair for s in slots} == {plan.pair_of(number)}
        assert {s.jurors for s in slots} == {plan.pair_jurors(plan.pair_of(number) or "")}
        orders = [s.step.order for s in plan.candidate_slots(number)]
        assert orders == sorted(orders)
    assert plan_violations(plan, data, days) == []


def test_the_plan_does_not_depend_on_the_row_order() -> None:
    days = working_days(2)
    people = [candidate(n, extra_time=33 if n.endswith("3") else 0) for n in numbers(9)]
    panel = [*jurors(6), juror("DUPONT"), juror("ZOLA", company="Inox Pro")]
    people[4] = candidate(numbers(5)[4], companies=["Inox Pro"])
    data = session_data(days, people, panel, realistic_deroule(), rooms(3))
    shuffled = list(people), list(panel), list(data.steps), list(data.rooms)
    rng = random.Random(3)
    for rows in shuffled:
        rng.shuffle(rows)
    other = session_data(days, shuffled[0], shuffled[1], shuffled[2], shuffled[3])

    assert plan_session(data, days) == plan_session(other, days)


def test_arrival_is_first_step_minus_margin_and_steps_leave_room_for_it() -> None:
    # The issue: a candidate was told « arrivée à 7 h 30 » for a step starting at 7 h 30.
    days = working_days(2)
    data = session_data(
        days, [candidate(n) for n in numbers(8)], jurors(6), realistic_deroule(), rooms(3)
    )

    plan = plan_session(data, days)

    for number in numbers(8):
        arrivals = plan.arrival_times(number)
        assert set(arrivals) == set(plan.candidate_days(number))
        for day, moment in arrivals.items():
            mine = [
                s
                for s in plan.candidate_slots(number)
                if s.start.date() == day and s.step.candidate_present
            ]
            first = min(s.start for s in mine)
            assert moment == first - timedelta(minutes=15)
            if not any(s.step.name.startswith("Ouverture") for s in mine):
                # Only the opening keeps its `Heure d'ouverture`; other steps start no earlier
                # than the start of the day plus the margin.
                assert first >= datetime.combine(day, time(8, 45))


def test_a_free_pair_member_supervises_so_that_fewer_jurors_come() -> None:
    # The MSP takes day 1 for everyone; the pair only evaluates on day 2, so it can supervise.
    days = working_days(2)
    steps = (
        step(1, "MSP", StepMode.COLLECTIF, 420, jurors=1, room=RoomType.PLATEAU),
        step(2, "Entretien", StepMode.INDIVIDUEL, 60, jurors=2, room=RoomType.ENTRETIEN),
    )
    data = session_data(days, [candidate(n) for n in numbers(4)], jurors(4), steps, rooms(2))

    plan = plan_session(data, days)

    assert unexpected(plan) == []
    assert len(plan.jury_pairs) == 1
    assert plan.jurors_needed == 2
    msp = next(slot for slot in plan.slots if slot.step.name == "MSP")
    assert set(msp.jurors) <= set(plan.jury_pairs[0].jurors)
    assert plan_violations(plan, data, days) == []
