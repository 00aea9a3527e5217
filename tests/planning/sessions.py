"""Model objects built in code for the planner's tests: a session, its déroulé, jurors, rooms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, time, timedelta

from docgen.findings import Finding
from docgen.model import (
    Candidate,
    Civility,
    Company,
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
from docgen.planning.plan import Plan

MONDAY = date(2027, 3, 15)


def working_days(count: int, first: date = MONDAY) -> list[date]:
    days: list[date] = []
    day = first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def session(days: Sequence[date], opening: time = time(8, 30), **changes: object) -> Session:
    values: dict[str, object] = {
        "title": "Soudeur assembleur industriel",
        "session_type": SessionType.TITRE,
        "centre": "Centre Exemple",
        "centre_address": "1 rue de l'Atelier",
        "postal_code": "67000",
        "city": "Strasbourg",
        "start": days[0],
        "end": days[-1],
        "opening_time": opening,
        "expected_candidates": 0,
        "manager": "Claire BERNARD",
        "manager_phone": "03 88 00 00 00",
    }
    values.update(changes)
    return Session(**values)  # type: ignore[arg-type]  # test builder: keys checked by Session


def candidate(
    number: str,
    companies: Sequence[str] = (),
    trainers: Sequence[str] = (),
    extra_time: int = 0,
) -> Candidate:
    return Candidate(
        number=number,
        civility=Civility.MADAME,
        birth_name=f"Nom{number}",
        first_name="Alex",
        birth_date=date(1990, 1, 1),
        address="2 rue Haute",
        postal_code="67000",
        city="Strasbourg",
        companies=tuple(Company(name) for name in companies),
        trainers=tuple(trainers),
        extra_time_percent=extra_time,
    )


def juror(
    last_name: str,
    first_name: str = "Jo",
    *,
    company: str | None = None,
    days: Sequence[date] | None = None,
    links: Sequence[str] = (),
    response: JurorResponse = JurorResponse.ACCEPTE,
    habilitation_end: date = date(2030, 1, 1),
) -> Juror:
    return Juror(
        civility=Civility.MONSIEUR,
        last_name=last_name,
        first_name=first_name,
        habilitation_end=habilitation_end,
        company=Company(company) if company else None,
        available_days=frozenset(days) if days is not None else None,
        declared_links=tuple(links),
        response=response,
    )


def step(
    order: int,
    name: str,
    mode: StepMode,
    minutes: int,
    *,
    jurors: int = 0,
    room: RoomType | None = None,
    capacity: int | None = None,
    present: bool = True,
    epreuve: bool = True,
) -> Step:
    return Step(
        order=order,
        name=name,
        nature=StepNature.EPREUVE if epreuve else StepNature.TEMPS_CACHE,
        mode=mode,
        duration_minutes=minutes,
        jurors_required=jurors,
        room_type=room,
        capacity=capacity,
        candidate_present=present,
    )


def jury_deliberation(order: int) -> Step:
    """The pair's deliberation on one candidate, without them."""
    return step(
        order,
        "Délibération",
        StepMode.INDIVIDUEL,
        10,
        jurors=2,
        room=RoomType.ENTRETIEN,
        present=False,
        epreuve=False,
    )


def opening_installation_msp(
    room: RoomType, minutes: int, supervisors: int = 1, msp: str = "Mise en situation"
) -> tuple[Step, ...]:
    """The opening of the plis, then the installation chained to the collective MSP."""
    return (
        step(1, "Ouverture", StepMode.SESSION, 30, room=RoomType.ATTENTE, epreuve=False),
        step(2, "Installation", StepMode.COLLECTIF, 15, jurors=1, room=room, epreuve=False),
        step(3, msp, StepMode.COLLECTIF, minutes, jurors=supervisors, room=room),
    )


def interviews_only(minutes: int = 60) -> tuple[Step, ...]:
    """One individual interview per candidate with a pair, then a jury-only deliberation."""
    return (
        step(
            1,
            "Entretien technique",
            StepMode.INDIVIDUEL,
            minutes,
            jurors=2,
            room=RoomType.ENTRETIEN,
        ),
        jury_deliberation(2),
    )


def realistic_deroule() -> tuple[Step, ...]:
    """The Monteur audiovisuel déroulé of DOMAIN.md, with its temps cachés."""
    return (
        step(
            1,
            "Ouverture de la session et des plis",
            StepMode.SESSION,
            30,
            epreuve=False,
            room=RoomType.ATTENTE,
        ),
        step(
            2,
            "Mise en situation professionnelle",
            StepMode.COLLECTIF,
            240,
            jurors=1,
            room=RoomType.PLATEAU,
        ),
        step(
            3, "Accueil", StepMode.INDIVIDUEL, 5, jurors=2, room=RoomType.ENTRETIEN, epreuve=False
        ),
        step(4, "Entretien technique", StepMode.INDIVIDUEL, 40, jurors=2, room=RoomType.ENTRETIEN),
        step(
            5,
            "Questionnement à partir de productions",
            StepMode.INDIVIDUEL,
            50,
            jurors=2,
            room=RoomType.ENTRETIEN,
        ),
        step(6, "Entretien final", StepMode.INDIVIDUEL, 30, jurors=2, room=RoomType.ENTRETIEN),
        jury_deliberation(7),
        step(
            8,
            "Délibération finale et signature du PV",
            StepMode.SESSION,
            30,
            jurors=2,
            epreuve=False,
            present=False,
            room=RoomType.ENTRETIEN,
        ),
    )


def rooms(interview: int = 2, plateau_capacity: int = 8, plateaus: int = 1) -> tuple[Room, ...]:
    found = [Room("Accueil", RoomType.ATTENTE, 200, False)]
    found += [
        Room(f"Atelier {n}", RoomType.PLATEAU, plateau_capacity) for n in range(1, plateaus + 1)
    ]
    found += [
        Room(f"Bureau {n}", RoomType.ENTRETIEN, 1, confidential=True)
        for n in range(1, interview + 1)
    ]
    return tuple(found)


def workstations(available: int, required: int = 1) -> Equipment:
    return Equipment(
        name="Poste de soudage",
        required_quantity=required,
        available_quantity=available,
        state=EquipmentState.OPERATIONNEL,
        per_candidate=True,
    )


def session_data(
    days: Sequence[date],
    candidates: Sequence[Candidate],
    jurors: Sequence[Juror],
    steps: Sequence[Step],
    room_list: Sequence[Room],
    equipment: Sequence[Equipment] = (),
    **session_changes: object,
) -> SessionData:
    return SessionData(
        session=session(days, **session_changes),  # type: ignore[arg-type]  # builder kwargs
        candidates=tuple(candidates),
        jurors=tuple(jurors),
        steps=tuple(steps),
        equipment=tuple(equipment),
        rooms=tuple(room_list),
    )


LOAD_WARNINGS = frozenset({"juror-unused", "juror-overload"})
"""Warnings on how many jurors sit and how long: the test panels hold spare jurors, and the
known optima fill whole days; these warnings have tests of their own."""


def unexpected(plan: Plan) -> list[Finding]:
    """The plan's findings besides the juror load warnings."""
    return [finding for finding in plan.findings if finding.code not in LOAD_WARNINGS]


def secretarial_deroule() -> tuple[Step, ...]:
    """A tertiary title on computers, without a plateau: the MSP takes 3 h 30 in the IT room."""
    return (
        *opening_installation_msp(
            RoomType.INFORMATIQUE, 210, msp="Mise en situation professionnelle"
        ),
        step(4, "Entretien technique", StepMode.INDIVIDUEL, 45, jurors=2, room=RoomType.ENTRETIEN),
        step(5, "Entretien final", StepMode.INDIVIDUEL, 20, jurors=2, room=RoomType.ENTRETIEN),
        jury_deliberation(6),
        replace(
            step(
                7,
                "Délibération finale et PV",
                StepMode.SESSION,
                30,
                jurors=2,
                room=RoomType.ENTRETIEN,
                present=False,
                epreuve=False,
            ),
            all_jurors=True,
        ),
    )


def secretarial_session(candidates: int = 15, days: int = 2, panel: int = 6) -> SessionData:
    """The issue's secretarial session: 8 h 30–17 h 30, lunch 12–13, a 16-seat IT room with
    one computer a candidate, three interview rooms."""
    session_days = working_days(days)
    room_list = (
        Room("Hall", RoomType.ATTENTE, 30),
        Room("Salle informatique", RoomType.INFORMATIQUE, 16),
        *(Room(f"Bureau {n}", RoomType.ENTRETIEN, 1, confidential=True) for n in (1, 2, 3)),
    )
    computers = Equipment(
        "Poste informatique", 1, 16, EquipmentState.OPERATIONNEL, per_candidate=True
    )
    return session_data(
        session_days,
        [candidate(f"{n:07d}", extra_time=33 if n == 3 else 0) for n in range(1, candidates + 1)],
        [juror(name) for name in ("DUPONT", "MARTIN", "LEROY", "BLANC", "PETIT", "ROUX")[:panel]],
        secretarial_deroule(),
        room_list,
        (computers,),
        title="Secrétaire assistant",
    )
