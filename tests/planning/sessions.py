"""Model objects built in code for the planner's tests: a session, its déroulé, jurors, rooms."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta

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
        step(
            2,
            "Délibération",
            StepMode.INDIVIDUEL,
            10,
            jurors=2,
            room=RoomType.ENTRETIEN,
            present=False,
            epreuve=False,
        ),
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
        step(
            7,
            "Délibération",
            StepMode.INDIVIDUEL,
            10,
            jurors=2,
            room=RoomType.ENTRETIEN,
            present=False,
            epreuve=False,
        ),
        step(
            8,
            "Délibération finale et signature du PV",
            StepMode.SESSION,
            30,
            jurors=2,
            epreuve=False,
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
