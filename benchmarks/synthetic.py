"""Synthetic sessions for the planning benchmark: realistic déroulé, conflicts, availabilities."""

from __future__ import annotations

import random
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

FIRST_DAY = date(2027, 3, 1)
COMPANIES = [f"Entreprise {n:03d}" for n in range(120)]
SURNAMES = [
    "MARTIN",
    "BERNARD",
    "DUBOIS",
    "THOMAS",
    "ROBERT",
    "RICHARD",
    "PETIT",
    "DURAND",
    "LEROY",
    "MOREAU",
    "SIMON",
    "LAURENT",
    "LEFEBVRE",
    "MICHEL",
    "GARCIA",
    "DAVID",
]
FIRST_NAMES = ["Marie", "Paul", "Claire", "Luc", "Sophie", "Jean", "Anne", "Louis", "Emma", "Hugo"]


def working_days(count: int, first: date = FIRST_DAY) -> list[date]:
    days: list[date] = []
    day = first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def deroule() -> tuple[Step, ...]:
    """DOMAIN.md's real déroulé (Monteur audiovisuel) with its temps cachés."""

    def step(
        order: int,
        name: str,
        mode: StepMode,
        minutes: int,
        jurors: int,
        room: RoomType | None,
        present: bool = True,
        epreuve: bool = True,
    ) -> Step:
        return Step(
            order,
            name,
            StepNature.EPREUVE if epreuve else StepNature.TEMPS_CACHE,
            mode,
            minutes,
            jurors,
            room,
            None,
            present,
        )

    return (
        step(
            1,
            "Ouverture de la session et des plis",
            StepMode.SESSION,
            30,
            0,
            RoomType.ATTENTE,
            epreuve=False,
        ),
        step(2, "Mise en situation professionnelle", StepMode.COLLECTIF, 240, 1, RoomType.PLATEAU),
        step(3, "Accueil", StepMode.INDIVIDUEL, 5, 2, RoomType.ENTRETIEN, epreuve=False),
        step(4, "Entretien technique", StepMode.INDIVIDUEL, 40, 2, RoomType.ENTRETIEN),
        step(
            5,
            "Questionnement à partir de productions",
            StepMode.INDIVIDUEL,
            50,
            2,
            RoomType.ENTRETIEN,
        ),
        step(6, "Entretien final", StepMode.INDIVIDUEL, 30, 2, RoomType.ENTRETIEN),
        step(
            7,
            "Délibération",
            StepMode.INDIVIDUEL,
            10,
            2,
            RoomType.ENTRETIEN,
            present=False,
            epreuve=False,
        ),
        step(
            8,
            "Délibération finale et signature du PV",
            StepMode.SESSION,
            30,
            2,
            RoomType.ENTRETIEN,
            present=False,
            epreuve=False,
        ),
    )


def synthetic_session(
    candidates: int, days: int, jurors: int, plateaus: int, interview_rooms: int, seed: int = 7
) -> tuple[SessionData, list[date]]:
    """A session whose numbers are given; companies and trainers create routable conflicts."""
    rng = random.Random(seed)
    session_days = working_days(days)
    session = Session(
        title="Monteur audiovisuel",
        session_type=SessionType.TITRE,
        centre="Centre Exemple",
        centre_address="1 rue de l'Image",
        postal_code="69007",
        city="Lyon",
        start=session_days[0],
        end=session_days[-1],
        opening_time=time(8, 30),
        expected_candidates=candidates,
        # The example's hours (8 h–17 h 30, lunch 12 h–13 h): with the 15-minute arrival margin a
        # plateau holds two 4-hour MSPs a day (8 h 15–13 h 15 across lunch, then 13 h 15–17 h 15).
        # From 8 h 30 it holds one, and 500 candidates on 3 plateaus of 8 in 20 days would need
        # 500 places where there are 480: no plan exists.
        day_start=time(8, 0),
        manager="Claire BERNARD",
        manager_phone="04 00 00 00 00",
    )
    pool = []
    for n in range(jurors):
        available = None
        if rng.random() < 0.25:
            available = frozenset(d for d in session_days if rng.random() < 0.7)
        pool.append(
            Juror(
                civility=Civility.MADAME if n % 2 else Civility.MONSIEUR,
                last_name=f"{SURNAMES[n % len(SURNAMES)]}{n}",
                first_name=FIRST_NAMES[n % 10],
                habilitation_end=session_days[-1] + timedelta(days=365),
                company=Company(rng.choice(COMPANIES)) if rng.random() < 0.8 else None,
                available_days=available,
                response=JurorResponse.ACCEPTE if rng.random() < 0.8 else JurorResponse.EN_ATTENTE,
            )
        )
    people = []
    for n in range(candidates):
        trainers = ()
        if rng.random() < 0.1:
            trainer = rng.choice(pool)
            trainers = (f"{trainer.first_name} {trainer.last_name}",)
        people.append(
            Candidate(
                number=f"{2270000 + n:07d}",
                civility=Civility.MADAME,
                birth_name=f"NOM{n}",
                first_name=FIRST_NAMES[n % 10],
                birth_date=date(1995, 1, 1),
                address="2 rue Haute",
                postal_code="69007",
                city="Lyon",
                companies=tuple(Company(c) for c in rng.sample(COMPANIES, rng.randint(0, 2))),
                trainers=trainers,
                extra_time_percent=33 if rng.random() < 0.05 else 0,
            )
        )
    rooms = [Room("Hall", RoomType.ATTENTE, 2000)]
    rooms += [Room(f"Plateau {n}", RoomType.PLATEAU, 8) for n in range(1, plateaus + 1)]
    rooms += [
        Room(f"Bureau {n}", RoomType.ENTRETIEN, 1, True) for n in range(1, interview_rooms + 1)
    ]
    equipment = (
        Equipment(
            "Station de montage", 1, 8 * plateaus, EquipmentState.OPERATIONNEL, per_candidate=True
        ),
    )
    data = SessionData(
        session=session,
        candidates=tuple(people),
        jurors=tuple(pool),
        steps=deroule(),
        equipment=equipment,
        rooms=tuple(rooms),
    )
    return data, session_days


def workbook_rows(data: SessionData) -> dict[str, list[list[object]]]:
    """The session as WORKBOOK.md sheets (rows of cell values), to measure the whole process."""
    session = data.session
    assert session is not None
    d_day = session.start
    sheets: dict[str, list[list[object]]] = {
        "Session": [
            ["Champ", "Valeur"],
            ["Intitulé du titre", session.title],
            ["Type de session", session.session_type.value],
            ["Centre", session.centre],
            ["Adresse du centre", session.centre_address],
            ["Code postal", session.postal_code],
            ["Ville", session.city],
            ["Date de début", session.start],
            ["Date de fin", session.end],
            ["Heure d'ouverture", session.opening_time],
            ["Début de journée", session.day_start],
            ["Fin de journée", session.day_end],
            ["Pause déjeuner", f"{session.lunch_start:%H:%M}-{session.lunch_end:%H:%M}"],
            ["Candidats prévus", len(data.candidates)],
            ["Responsable de session", session.manager],
            ["Téléphone du responsable", session.manager_phone],
            ["Date de commande du pli", d_day - timedelta(days=120)],
            ["Date de réception du pli", d_day - timedelta(days=30)],
            ["Date de validation des convocations", d_day - timedelta(days=40)],
            ["Date d'envoi des invitations", d_day - timedelta(days=60)],
        ],
        "Candidats": [
            [
                "N° candidat",
                "Civilité",
                "Nom de naissance",
                "Prénom",
                "Date de naissance",
                "Adresse",
                "Code postal",
                "Ville",
                "Entreprises",
                "Formateurs",
                "Temps majoré",
            ],
            *[
                [
                    c.number,
                    c.civility.value,
                    c.birth_name,
                    c.first_name,
                    c.birth_date,
                    c.address,
                    c.postal_code,
                    c.city,
                    "; ".join(x.name for x in c.companies),
                    "; ".join(c.trainers),
                    c.extra_time_percent,
                ]
                for c in data.candidates
            ],
        ],
        "Jurys": [
            [
                "Civilité",
                "Nom",
                "Prénom",
                "Entreprise",
                "Habilitation jusqu'au",
                "Disponibilités",
                "Réponse",
            ],
            *[
                [
                    j.civility.value,
                    j.last_name,
                    j.first_name,
                    j.company.name if j.company else None,
                    j.habilitation_end,
                    "; ".join(f"{d:%d/%m/%Y}" for d in sorted(j.available_days))
                    if j.available_days is not None
                    else "Toutes",
                    j.response.value,
                ]
                for j in data.jurors
            ],
        ],
        "Déroulé": [
            [
                "Ordre",
                "Étape",
                "Nature",
                "Mode",
                "Durée",
                "Jurés",
                "Salle",
                "Capacité",
                "Candidat présent",
            ],
            *[
                [
                    s.order,
                    s.name,
                    s.nature.value,
                    s.mode.value,
                    s.duration_minutes,
                    s.jurors_required,
                    s.room_type.value if s.room_type else None,
                    s.capacity,
                    "Oui" if s.candidate_present else "Non",
                ]
                for s in data.steps
            ],
        ],
        "Matériel": [
            ["Équipement", "Quantité requise", "Par candidat", "Quantité disponible", "État"],
            *[
                [
                    e.name,
                    e.required_quantity,
                    "Oui" if e.per_candidate else "Non",
                    e.available_quantity,
                    e.state.value,
                ]
                for e in data.equipment
            ],
        ],
        "Salles": [
            ["Salle", "Type", "Capacité", "Confidentielle"],
            *[
                [r.name, r.room_type.value, r.capacity, "Oui" if r.confidential else "Non"]
                for r in data.rooms
            ],
        ],
    }
    return sheets
