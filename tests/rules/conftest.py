"""Model objects built in code for the rule tests: a clean session that each test spoils."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time
from typing import Any

import pytest

from docgen.findings import Finding
from docgen.model import (
    Candidate,
    Civility,
    Company,
    Equipment,
    EquipmentState,
    Juror,
    JurorResponse,
    Origin,
    Room,
    RoomType,
    Session,
    SessionData,
    SessionType,
    Step,
    StepMode,
    StepNature,
)
from docgen.rules import run_rules
from docgen.settings import Settings

SESSION_ROWS = {
    "title": 2,
    "title_code": 3,
    "session_type": 4,
    "postal_code": 8,
    "start": 11,
    "end": 12,
    "expected_candidates": 17,
    "manager": 18,
    "manager_email": 20,
    "pli_ordered": 21,
    "pli_received": 22,
    "convocations_validated": 23,
    "invitations_sent": 24,
}

SESSION = Session(
    title="Soudeur assembleur industriel",
    title_code="TP-01234",
    session_type=SessionType.TITRE,
    centre="Centre Forma Métal",
    centre_address="12 rue des Forges",
    postal_code="69003",
    city="Lyon",
    start=date(2027, 3, 15),  # a Monday
    end=date(2027, 3, 16),
    opening_time=time(8, 0),
    expected_candidates=2,
    manager="Claire Fontaine",
    manager_phone="04 72 00 00 00",
    manager_email="claire.fontaine@forma-metal.example",
    pli_ordered=date(2026, 12, 1),
    pli_received=date(2027, 2, 20),
    convocations_validated=date(2027, 2, 1),
    invitations_sent=date(2027, 1, 15),
    origin=Origin("Session", None, tuple((name, "B", row) for name, row in SESSION_ROWS.items())),
)


def row_origin(sheet: str, row: int, **columns: str) -> Origin:
    """A record read on `row` of `sheet`, with the column of each named field."""
    return Origin(sheet, row, tuple((name, column, row) for name, column in columns.items()))


def juror_origin(row: int) -> Origin:
    return row_origin("Jurys", row, habilitation_end="I", habilitated_title="J", declared_links="M")


CANDIDATES = (
    Candidate(
        number="2245403",
        civility=Civility.MONSIEUR,
        birth_name="Martin",
        first_name="Paul",
        birth_date=date(1990, 4, 2),
        address="3 place Bellecour",
        postal_code="69002",
        city="Lyon",
        companies=(Company("Inox Pro Alsace", "123 456 789 00012"),),
        trainers=("Luc Besson",),
        origin=row_origin("Candidats", 2, companies="N", trainers="P"),
    ),
    Candidate(
        number="2245404",
        civility=Civility.MADAME,
        birth_name="Durand",
        first_name="Léa",
        birth_date=date(1995, 9, 12),
        address="8 rue Garibaldi",
        postal_code="69006",
        city="Lyon",
        companies=(Company("Soudure & Fils SARL"),),
        origin=row_origin("Candidats", 3, companies="N", trainers="P"),
    ),
)

JURORS = (
    Juror(
        civility=Civility.MADAME,
        last_name="Dupont",
        first_name="Marie",
        habilitation_end=date(2028, 6, 30),
        company=Company("Chaudronnerie Rhône", "98765432100011"),
        habilitated_title="Soudeur assembleur industriel",
        response=JurorResponse.ACCEPTE,
        origin=juror_origin(2),
    ),
    Juror(
        civility=Civility.MONSIEUR,
        last_name="Bernard",
        first_name="Hugo",
        habilitation_end=date(2029, 1, 31),
        company=Company("Inox Services"),
        habilitated_title="TP-01234",
        response=JurorResponse.ACCEPTE,
        origin=juror_origin(3),
    ),
)

STEPS = (
    Step(1, "Accueil et ouverture des plis", StepNature.TEMPS_CACHE, StepMode.SESSION, 30),
    Step(2, "Mise en situation professionnelle", StepNature.EPREUVE, StepMode.COLLECTIF, 240,
         room_type=RoomType.PLATEAU, capacity=4, origin=row_origin("Déroulé", 3, order="A")),
    Step(3, "Entretien technique", StepNature.EPREUVE, StepMode.INDIVIDUEL, 40, 2,
         RoomType.ENTRETIEN, origin=row_origin("Déroulé", 4, order="A")),
    Step(4, "Entretien final", StepNature.EPREUVE, StepMode.INDIVIDUEL, 30, 2,
         RoomType.ENTRETIEN, origin=row_origin("Déroulé", 5, order="A")),
    Step(5, "Délibération", StepNature.TEMPS_CACHE, StepMode.INDIVIDUEL, 10, 2,
         RoomType.ENTRETIEN, candidate_present=False, origin=row_origin("Déroulé", 6, order="A")),
)  # fmt: skip

EQUIPMENT = (
    Equipment("Poste de soudage MIG", 1, 4, EquipmentState.OPERATIONNEL, per_candidate=True,
              origin=row_origin("Matériel", 2, available_quantity="E", state="F")),
    Equipment("Meuleuse d'angle", 2, 2, EquipmentState.OPERATIONNEL,
              origin=row_origin("Matériel", 3, available_quantity="E", state="F")),
    Equipment("Gants de soudeur", 1, 0, EquipmentState.OPERATIONNEL, per_candidate=True,
              brought_by_candidate=True,
              origin=row_origin("Matériel", 4, available_quantity="E", state="F")),
)  # fmt: skip

ROOMS = (
    Room("Atelier 1", RoomType.PLATEAU, 6, origin=row_origin("Salles", 2, confidential="D")),
    Room("Bureau 2", RoomType.ENTRETIEN, 3, True, row_origin("Salles", 3, confidential="D")),
)

CLEAN = SessionData(
    session=SESSION,
    candidates=CANDIDATES,
    jurors=JURORS,
    steps=STEPS,
    equipment=EQUIPMENT,
    rooms=ROOMS,
)

AS_OF = date(2027, 1, 10)


@pytest.fixture
def settings() -> Settings:
    return Settings(as_of=AS_OF)


@pytest.fixture
def clean() -> SessionData:
    return CLEAN


@pytest.fixture
def with_session() -> Callable[..., SessionData]:
    """The clean data with some Session fields changed."""

    def build(**changes: Any) -> SessionData:
        return replace(CLEAN, session=replace(SESSION, **changes))

    return build


@pytest.fixture
def findings_of(settings: Settings) -> Callable[..., list[Finding]]:
    """Run every rule on `data` (at AS_OF unless `as_of` is given) and keep the findings."""

    def run(data: SessionData, as_of: date | None = None) -> list[Finding]:
        return run_rules(data, replace(settings, as_of=as_of or settings.as_of))

    return run
