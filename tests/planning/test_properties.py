"""Random sessions: whatever plan comes out keeps every hard constraint, or ends with findings."""

from __future__ import annotations

from datetime import date, time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.model import (
    Candidate,
    Equipment,
    EquipmentState,
    Juror,
    JurorResponse,
    Room,
    RoomType,
    SessionData,
    Step,
    StepMode,
)
from docgen.planning import plan_session
from tests.planning.invariants import plan_violations, preference_violations
from tests.planning.sessions import candidate, juror, session, step, working_days

PLANNER_CODES = {
    "no-eligible-jury",
    "jury-insufficient",
    "plan-does-not-fit",
    "room-overflow",
    "juror-unused",
    "juror-overload",
}
NAMES = ["DUPONT", "MARTIN", "LEROY", "BLANC", "PETIT", "ROUX"]
COMPANIES = ["Inox Pro", "Métal Est", "Soudure Plus"]


@st.composite
def deroules(draw: st.DrawFn) -> tuple[Step, ...]:
    steps: list[Step] = []
    order = 0

    def next_order() -> int:
        nonlocal order
        order += 1
        return order

    if draw(st.booleans()):
        steps.append(
            step(
                next_order(),
                "Ouverture",
                StepMode.SESSION,
                draw(st.sampled_from([15, 30, 60])),
                jurors=draw(st.sampled_from([0, 2])),
                room=RoomType.ATTENTE,
                present=draw(st.booleans()),
                epreuve=False,
            )
        )
    daily_first = draw(st.booleans())
    if draw(st.booleans()) and daily_first:
        steps.append(step(next_order(), "Accueil du jour", StepMode.JOUR, 15, epreuve=False))
    per_candidate = draw(
        st.lists(
            st.tuples(
                st.sampled_from([StepMode.COLLECTIF, StepMode.INDIVIDUEL]),
                st.sampled_from([5, 30, 60, 100, 240, 300, 560]),
                st.sampled_from([0, 1, 2]),
                st.booleans(),
                st.sampled_from([None, 1, 3, 8]),
            ),
            min_size=1,
            max_size=4,
        )
    )
    for mode, minutes, jurors, present, capacity in per_candidate:
        collective = mode is StepMode.COLLECTIF
        steps.append(
            step(
                next_order(),
                f"Étape {order}",
                mode,
                minutes if collective else min(minutes, 100),
                jurors=jurors,
                room=RoomType.PLATEAU if collective else RoomType.ENTRETIEN,
                capacity=capacity if collective else None,
                present=present or collective,
            )
        )
    if draw(st.booleans()) and not daily_first:
        steps.append(step(next_order(), "Bilan du jour", StepMode.JOUR, 20, epreuve=False))
    if draw(st.booleans()):
        steps.append(
            step(
                next_order(),
                "Délibération finale",
                StepMode.SESSION,
                30,
                jurors=2,
                present=False,
                epreuve=False,
            )
        )
    return tuple(steps)


@st.composite
def sessions(draw: st.DrawFn) -> tuple[SessionData, list[date]]:
    days = working_days(draw(st.integers(1, 3)))
    numbers = [f"{n:07d}" for n in range(1, draw(st.integers(0, 9)) + 1)]
    jurors: list[Juror] = []
    for name in NAMES[: draw(st.sampled_from([0, 1, 2, 4, 5, 6, 6]))]:
        available = draw(st.one_of(st.none(), st.none(), st.sets(st.sampled_from(days))))
        jurors.append(
            juror(
                name,
                company=draw(st.sampled_from([None, *COMPANIES])),
                days=sorted(available) if available is not None else None,
                links=draw(st.lists(st.sampled_from(numbers), max_size=2)) if numbers else [],
                response=draw(st.sampled_from([*JurorResponse, JurorResponse.ACCEPTE])),
                habilitation_end=draw(st.sampled_from([date(2030, 1, 1)] * 4 + [days[0]])),
            )
        )
    candidates: list[Candidate] = [
        candidate(
            number,
            companies=draw(st.lists(st.sampled_from(COMPANIES), max_size=2, unique=True)),
            trainers=[f"Jo {draw(st.sampled_from(NAMES)).title()}"] if draw(st.booleans()) else [],
            extra_time=draw(st.sampled_from([0, 0, 25, 33])),
        )
        for number in numbers
    ]
    rooms = [Room("Hall", RoomType.ATTENTE, 50)]
    rooms += [
        Room(f"Atelier {n}", RoomType.PLATEAU, draw(st.integers(1, 8)))
        for n in range(draw(st.sampled_from([0, 1, 1, 1, 1, 2])))
    ]
    rooms += [
        Room(f"Bureau {n}", RoomType.ENTRETIEN, 1, True)
        for n in range(draw(st.sampled_from([0, 1, 2, 2, 3, 3, 3])))
    ]
    equipment: list[Equipment] = []
    if draw(st.booleans()):
        equipment.append(
            Equipment(
                "Poste",
                draw(st.integers(1, 2)),
                draw(st.sampled_from([0, 4, 8, 8])),
                draw(st.sampled_from(list(EquipmentState))),
                per_candidate=True,
            )
        )
    hours = draw(
        st.sampled_from(
            [
                {},
                {
                    "day_start": time(8, 0),
                    "day_end": time(17, 0),
                    "lunch_start": time(12, 30),
                    "lunch_end": time(13, 30),
                },
            ]
        )
    )
    opening = draw(st.sampled_from([time(8, 0), time(8, 30), time(10, 0)]))
    data = SessionData(
        session=session(days, opening, **hours),
        candidates=tuple(candidates),
        jurors=tuple(jurors),
        steps=draw(deroules()),
        equipment=tuple(equipment),
        rooms=tuple(rooms),
    )
    return data, days


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_every_plan_keeps_every_hard_constraint(generated: tuple[SessionData, list[date]]) -> None:
    data, days = generated

    plan = plan_session(data, days)

    assert plan_violations(plan, data, days) == []
    assert {finding.code for finding in plan.findings} <= PLANNER_CODES
    assert all(finding.message.endswith(".") for finding in plan.findings)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_a_plan_without_errors_plans_every_step_and_keeps_or_names_each_preference(
    generated: tuple[SessionData, list[date]],
) -> None:
    data, days = generated

    plan = plan_session(data, days)

    if any(finding.is_error for finding in plan.findings):
        return
    body = [s for s in data.steps if s.mode in (StepMode.COLLECTIF, StepMode.INDIVIDUEL)]
    for person in data.candidates:
        planned = {slot.step.order for slot in plan.candidate_slots(person.number)}
        assert {s.order for s in body} <= planned
    # Waits, visits on following days, juror hours and days: kept, or the plan says which it
    # gives up (a note, or `juror-overload`).
    assert preference_violations(plan, data) == []
