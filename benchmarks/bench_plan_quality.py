"""Plan quality over generated sessions: the figures a responsable de session would check.

Run from the repository root: `.venv/bin/python benchmarks/bench_plan_quality.py [SIZES…]`
(not a test: it only prints figures). Each déroulé is planned for 5 to 1,000 candidates over
as many working days as the plateau needs; the table gives the plan's `stats` and the checks of
issue 8: trips for temps cachés only, visits and span, a weekend between MSP and entretien final,
the longest wait, the installation kept with its MSP, the arrival margin, the closing with every
evaluator and never alone on a day, the longest juror day, pairs against the lower bound, the
juror-days with the pair rotation and without it (the same plan, each candidate kept with the pair
that ends their interviews soonest), rooms over capacity and `equipment-short`.
"""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgen.calendar import is_working_day  # noqa: E402
from docgen.model import (  # noqa: E402
    Candidate,
    Civility,
    Equipment,
    EquipmentState,
    Juror,
    JurorResponse,
    Room,
    RoomType,
    Session,
    SessionData,
    SessionType,
    Step,
    StepMode,
    StepNature,
)
from docgen.planning import plan_session, planner  # noqa: E402
from docgen.planning.plan import Plan  # noqa: E402
from docgen.rules.resources import equipment_quantity  # noqa: E402
from docgen.settings import Settings  # noqa: E402


def step(
    order: int,
    name: str,
    mode: StepMode,
    minutes: int,
    jurors: int = 0,
    room: RoomType | None = None,
    *,
    epreuve: bool = True,
    present: bool = True,
    capacity: int | None = None,
    everyone: bool = False,
) -> Step:
    nature = StepNature.EPREUVE if epreuve else StepNature.TEMPS_CACHE
    return Step(
        order, name, nature, mode, minutes, jurors, room, capacity, present, all_jurors=everyone
    )


def interviews(first: int, minutes: tuple[int, ...]) -> tuple[Step, ...]:
    """Accueil, the individual épreuves with a pair, the deliberation, the closing (Tous)."""
    names = ("Entretien technique", "Questionnement à partir de productions", "Entretien final")
    steps = [step(first, "Accueil", StepMode.INDIVIDUEL, 5, 2, RoomType.ENTRETIEN, epreuve=False)]
    for offset, (name, length) in enumerate(zip(names[-len(minutes) :], minutes, strict=True)):
        order = first + 1 + offset
        steps.append(step(order, name, StepMode.INDIVIDUEL, length, 2, RoomType.ENTRETIEN))
    last = first + 1 + len(minutes)
    steps.append(
        step(last, "Délibération", StepMode.INDIVIDUEL, 10, 2, RoomType.ENTRETIEN,
             epreuve=False, present=False)
    )  # fmt: skip
    steps.append(
        step(last + 1, "Délibération finale et PV", StepMode.SESSION, 30, 2, RoomType.ENTRETIEN,
             epreuve=False, present=False, everyone=True)
    )  # fmt: skip
    return tuple(steps)


def opening_and_msp(room: RoomType, minutes: int) -> tuple[Step, ...]:
    return (
        step(1, "Ouverture des plis", StepMode.SESSION, 30, 0, RoomType.ATTENTE, epreuve=False),
        step(2, "Installation et consignes", StepMode.COLLECTIF, 15, 1, room, epreuve=False),
        step(3, "Mise en situation professionnelle", StepMode.COLLECTIF, minutes, 1, room),
    )


@dataclass(frozen=True)
class Deroule:
    label: str
    steps: tuple[Step, ...]
    room: RoomType
    places: int
    """Places of one MSP room."""
    msp_per_day: float
    """MSP sittings one room holds in a day, to size the rooms."""


DEROULES = (
    Deroule(
        "Soudeur (MSP 4 h, plateau 6)",
        (
            *opening_and_msp(RoomType.PLATEAU, 240),
            step(4, "Questionnaire", StepMode.COLLECTIF, 30, 1, RoomType.INFORMATIQUE),
            *interviews(5, (40, 30)),
        ),
        RoomType.PLATEAU,
        6,
        1,
    ),
    Deroule(
        "Secrétaire (MSP 3 h 30, informatique 12)",
        (*opening_and_msp(RoomType.INFORMATIQUE, 210), *interviews(4, (45, 20))),
        RoomType.INFORMATIQUE,
        12,
        1,
    ),
    Deroule(
        "MSP 7 h (plateau 8)",
        (*opening_and_msp(RoomType.PLATEAU, 420), *interviews(4, (40, 50, 30))),
        RoomType.PLATEAU,
        8,
        1,
    ),
    Deroule(
        "MSP 2 jours (plateau 8)",
        (*opening_and_msp(RoomType.PLATEAU, 900), *interviews(4, (45, 30))),
        RoomType.PLATEAU,
        8,
        0.5,
    ),
)
SIZES = (5, 24, 100, 500, 1000)


def open_days(count: int, first: date) -> list[date]:
    """`count` session days from `first`, as docgen counts them in Lyon: weekends and public
    holidays (Easter Monday in a 500-candidate session) left out."""
    days: list[date] = []
    day = first
    while len(days) < count:
        if is_working_day(day, "69"):
            days.append(day)
        day += timedelta(days=1)
    return days


def session_for(deroule: Deroule, candidates: int) -> tuple[SessionData, list[date]]:
    days = max(3, min(40, math.ceil(candidates / 15) + 2))
    session_days = open_days(days, date(2027, 3, 1))
    per_room = deroule.places * deroule.msp_per_day * max(1, days - 3)
    rooms_needed = max(1, math.ceil(candidates / per_room)) + (candidates >= 100)
    interview_minutes = sum(
        s.duration_minutes for s in deroule.steps if s.mode is StepMode.INDIVIDUEL
    )
    pairs = max(1, math.ceil(candidates * interview_minutes / (390 * (days - 0.5))))
    # A sitting longer than a juror's day (7 h, 2 days) takes its supervisor for the whole day.
    msp = max(s.duration_minutes for s in deroule.steps if s.mode is StepMode.COLLECTIF)
    panel = 2 * pairs + 2 + pairs // 2 + (rooms_needed if msp >= 390 else 0)
    session = Session(
        "Titre de démonstration", SessionType.TITRE, "Centre", "1 rue", "69007", "Lyon",
        session_days[0], session_days[-1], clock(8, 30), candidates, "Resp", "04",
        day_start=clock(8, 30), day_end=clock(17, 30), lunch_start=clock(12), lunch_end=clock(13),
    )  # fmt: skip
    people = tuple(
        Candidate(
            f"{2270000 + n:07d}",
            Civility.MADAME,
            f"NOM{n}",
            "Alex",
            date(1995, 1, 1),
            "2 rue",
            "69007",
            "Lyon",
            extra_time_percent=33 if n % 20 == 7 else 0,
        )
        for n in range(candidates)
    )
    jurors = tuple(
        Juror(
            Civility.MONSIEUR,
            f"JURE{n:03d}",
            "Jo",
            date(2030, 1, 1),
            response=JurorResponse.ACCEPTE,
        )
        for n in range(panel)
    )
    rooms = (
        Room("Hall", RoomType.ATTENTE, 60),
        *(Room(f"MSP {n}", deroule.room, deroule.places) for n in range(1, rooms_needed + 1)),
        *(
            Room(f"Informatique {n}", RoomType.INFORMATIQUE, 12)
            for n in range(1, 3 if deroule.room is not RoomType.INFORMATIQUE else 1)
        ),
        *(Room(f"Bureau {n}", RoomType.ENTRETIEN, 1, True) for n in range(1, pairs + 2)),
    )
    items = (
        Equipment("Poste de travail", 1, deroule.places * rooms_needed, EquipmentState.OPERATIONNEL,
                  per_candidate=True),
    )  # fmt: skip
    return SessionData(session, people, jurors, deroule.steps, items, rooms), session_days


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def checks(plan: Plan, data: SessionData) -> dict[str, object]:
    """Issue 8's acceptance figures measured on the plan."""
    assert data.session is not None
    margin = data.session.arrival_margin_minutes
    weekend = installs_apart = early = 0
    for candidate in data.candidates:
        mine = plan.candidate_slots(candidate.number)
        msp = [s for s in mine if s.step.name.startswith("Mise en situation")]
        final = [s for s in mine if s.step.name == "Entretien final"]
        if msp and final:
            first, last = msp[0].start.date(), final[0].start.date()
            between = plan.days.index(last) - plan.days.index(first) if last in plan.days else 0
            if (last - first).days > between:
                weekend += 1
        install = [s for s in mine if s.step.name.startswith("Installation")]
        for slot in install:
            follower = next((s for s in msp if s.start >= slot.start), None)
            if follower is None or follower.start != slot.end or follower.jurors != slot.jurors:
                installs_apart += 1
        for day, arrival in plan.arrival_times(candidate.number).items():
            first_slot = min(s.start for s in mine if s.start.date() == day)
            if _minutes(first_slot - arrival) < margin:
                early += 1
    closings = [s for s in plan.slots if s.step.name.startswith("Délibération finale")]
    evaluators = {name for pair in plan.jury_pairs for name in pair.jurors}
    attending = {name for slot in closings for name in slot.jurors}
    alone = sum(
        1
        for slot in closings
        if not any(
            s.start.date() == slot.start.date() and s.step.mode is not StepMode.SESSION
            for s in plan.slots
        )
    )
    codes = [finding.code for finding in plan.findings]
    settings = Settings(as_of=date(2027, 1, 4))
    return {
        "weekend": weekend,
        "installs_apart": installs_apart,
        "arrival_short": early,
        "evaluators_missing": len(evaluators - attending),
        "closing_alone": alone,
        "room_overflow": codes.count("room-overflow"),
        "equipment_short": len(list(equipment_quantity(data, settings))),
        "errors": sorted({f.code for f in plan.findings if f.is_error}),
    }


def juror_days_unrotated(data: SessionData, days: list[date]) -> int:
    """The plan's juror-days without the pair rotation (`docgen.planning.rotation`)."""
    rotate = planner.rotate_pairs
    planner.rotate_pairs = lambda *args: None
    try:
        return plan_session(data, days).stats.juror_days
    finally:
        planner.rotate_pairs = rotate


def issue_welding_session() -> tuple[SessionData, list[date]]:
    """Issue 8's own 100-candidate welding session: 10 days and 14 accepted jurors (the
    generated one, `session_for`, has 9 days and 9 jurors)."""
    data, _ = session_for(DEROULES[0], 100)
    assert data.session is not None
    days = open_days(10, data.session.start)
    jurors = tuple(replace(data.jurors[0], last_name=f"JURE{n:03d}") for n in range(14))
    return replace(data, session=replace(data.session, end=days[-1]), jurors=jurors), days


def main(sizes: tuple[int, ...]) -> None:
    print(
        "déroulé | candidats | jours | s | binômes (borne) | venues | étalement | temps cachés "
        "seuls | attente max | week-end MSP→EF | install. séparée | arrivée < marge | "
        "évaluateurs absents du PV | PV seul | journée juré max | jours/juré max | "
        "journées-jurés (sans rotation) | jurés non utilisés | salles débordées | "
        "matériel manquant | erreurs"
    )
    for deroule in DEROULES:
        for size in sizes:
            _row(deroule.label, *session_for(deroule, size))
    if 100 in sizes:
        _row("Soudeur, session de l'issue 8 (10 jours, 14 jurés)", *issue_welding_session())


def _row(label: str, data: SessionData, days: list[date]) -> None:
    started = time.perf_counter()
    plan = plan_session(data, days)
    seconds = time.perf_counter() - started
    stats = plan.stats
    found = checks(plan, data)
    visits = "/".join(f"{d}j:{n}" for d, n in stats.candidate_visits.items())
    print(
        f"{label} | {len(data.candidates)} | {len(days)} | {seconds:.2f} | {stats.pairs} "
        f"({stats.lower_bound_pairs}) | {visits} | {stats.max_candidate_span_days} | "
        f"{stats.hidden_only_visits} | {stats.max_wait_minutes} | {found['weekend']} | "
        f"{found['installs_apart']} | {found['arrival_short']} | "
        f"{found['evaluators_missing']} | {found['closing_alone']} | "
        f"{stats.max_juror_day_minutes} | {stats.max_days_per_juror} | "
        f"{stats.juror_days} ({juror_days_unrotated(data, days)}) | "
        f"{len(stats.unused_jurors)} | {found['room_overflow']} | "
        f"{found['equipment_short']} | {','.join(found['errors']) or '-'}",  # type: ignore[arg-type]
        flush=True,
    )


if __name__ == "__main__":
    chosen = tuple(int(arg) for arg in sys.argv[1:]) or SIZES
    main(chosen)
