"""Random sessions from a seeded generator, shared by the property tests and the hand-run sweep.

`conflict_free_session(rng)` draws a déroulé, capacities, rooms, extra time and juror
availabilities with no conflict at all; `with_routable_conflicts(rng, data, pairs)` adds
company, trainer and declared-link conflicts to it when they can surely be routed.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, time

from docgen.model import (
    Candidate,
    Company,
    Equipment,
    EquipmentState,
    Juror,
    Room,
    RoomType,
    SessionData,
    Step,
    StepMode,
)
from tests.planning.sessions import candidate, juror, session, step, working_days

NAMES = ["DUPONT", "MARTIN", "LEROY", "BLANC", "PETIT", "ROUX", "FAURE", "GIRARD", "MOREL"]
COMPANIES = ["Inox Pro", "Métal Est", "Soudure Plus"]
HOURS: list[dict[str, time]] = [
    {},
    {
        "day_start": time(8, 0),
        "day_end": time(17, 0),
        "lunch_start": time(12, 30),
        "lunch_end": time(13, 30),
    },
]


def random_deroule(rng: random.Random) -> tuple[Step, ...]:
    steps: list[Step] = []

    def add(made: Step) -> None:
        steps.append(made)

    if rng.random() < 0.5:
        add(
            step(
                len(steps) + 1,
                "Ouverture",
                StepMode.SESSION,
                rng.choice([15, 30, 60]),
                room=RoomType.ATTENTE,
                epreuve=False,
            )
        )
    daily_first = rng.random() < 0.5
    if daily_first and rng.random() < 0.5:
        add(step(len(steps) + 1, "Accueil du jour", StepMode.JOUR, 15, epreuve=False))
    for _ in range(rng.randint(1, 4)):
        collective = rng.random() < 0.4
        minutes = rng.choice([5, 30, 60, 100, 240, 300] if collective else [5, 20, 30, 45, 60, 100])
        add(
            step(
                len(steps) + 1,
                f"Étape {len(steps) + 1}",
                StepMode.COLLECTIF if collective else StepMode.INDIVIDUEL,
                minutes,
                jurors=rng.choice([0, 1] if collective else [0, 2, 2, 2]),
                room=RoomType.PLATEAU if collective else RoomType.ENTRETIEN,
                capacity=rng.choice([None, 3, 8]) if collective else None,
                present=collective or rng.random() < 0.8,
                epreuve=rng.random() < 0.8,
            )
        )
    if not daily_first and rng.random() < 0.3:
        add(step(len(steps) + 1, "Bilan du jour", StepMode.JOUR, 20, epreuve=False))
    if rng.random() < 0.5:
        add(
            step(
                len(steps) + 1,
                "Délibération finale",
                StepMode.SESSION,
                30,
                jurors=2,
                present=False,
                epreuve=False,
            )
        )
    return tuple(steps)


def conflict_free_session(
    rng: random.Random, everyday: bool = False
) -> tuple[SessionData, list[date]]:
    """A random session without any conflict between its jurors and candidates (with every
    juror available every day when `everyday`)."""
    days = working_days(rng.randint(1, 4))
    candidates = [
        candidate(f"{n:07d}", extra_time=rng.choice([0, 0, 0, 25, 33]))
        for n in range(1, rng.randint(1, 14) + 1)
    ]
    jurors: list[Juror] = []
    for name in NAMES[: rng.randint(2, len(NAMES))]:
        available = None
        if rng.random() < 0.3 and not everyday:
            available = sorted(rng.sample(days, rng.randint(1, len(days))))
        jurors.append(juror(name, days=available))
    rooms = [Room("Hall", RoomType.ATTENTE, 50)]
    rooms += [
        Room(f"Atelier {n}", RoomType.PLATEAU, rng.randint(2, 10))
        for n in range(rng.choice([1, 1, 2]))
    ]
    rooms += [Room(f"Bureau {n}", RoomType.ENTRETIEN, 1, True) for n in range(rng.randint(1, 4))]
    equipment: list[Equipment] = []
    if rng.random() < 0.3:
        equipment.append(
            Equipment(
                "Poste",
                1,
                rng.choice([4, 6, 8]),
                EquipmentState.OPERATIONNEL,
                per_candidate=True,
            )
        )
    opening = rng.choice([time(8, 0), time(8, 30), time(10, 0)])
    data = SessionData(
        session=session(days, opening, **rng.choice(HOURS)),
        candidates=tuple(candidates),
        jurors=tuple(jurors),
        steps=random_deroule(rng),
        equipment=tuple(equipment),
        rooms=tuple(rooms),
    )
    return data, days


def with_routable_conflicts(
    rng: random.Random, data: SessionData, pairs_without: int
) -> SessionData | None:
    """The session with conflicts added, or None when they could not be routed for sure.

    One or two jurors get a company, the trainer's name of some candidates or a declared link.
    The conflicts are routable when every juror is available every day and the untouched ones
    could form one pair more than the session needs without conflicts: the same plan then works
    with clean pairs only, and the planner may take at most one pair more.
    """
    jurors = list(data.jurors)
    touched = rng.sample(range(len(jurors)), min(len(jurors), rng.randint(1, 2)))
    if any(j.available_days is not None for j in jurors):
        return None
    if len(jurors) - len(touched) < 2 * (pairs_without + 1):
        return None
    candidates = list(data.candidates)
    for position in touched:
        person = jurors[position]
        kind = rng.choice(["company", "trainer", "link"])
        chosen = rng.sample(range(len(candidates)), rng.randint(1, max(1, len(candidates) // 2)))
        if kind == "company":
            name = rng.choice(COMPANIES)
            jurors[position] = replace(person, company=Company(name))
            for index in chosen:
                candidates[index] = replace(candidates[index], companies=(Company(name),))
        elif kind == "trainer":
            trainer = f"{person.first_name} {person.last_name.title()}"
            for index in chosen:
                candidates[index] = _trained_by(candidates[index], trainer)
        else:
            links = tuple(candidates[index].number for index in chosen)
            jurors[position] = replace(person, declared_links=links)
    return replace(data, jurors=tuple(jurors), candidates=tuple(candidates))


def _trained_by(person: Candidate, trainer: str) -> Candidate:
    return replace(person, trainers=(*person.trainers, trainer))
