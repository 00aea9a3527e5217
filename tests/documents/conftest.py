"""Model objects built in code for the document tests: a small session, a candidate, a plan."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from docx import Document

from docgen.model import (
    Candidate,
    Civility,
    Company,
    Equipment,
    EquipmentState,
    RoomType,
    Session,
    SessionData,
    SessionType,
    Step,
    StepMode,
    StepNature,
)
from docgen.planning.plan import JuryPair, Plan, Slot
from docgen.settings import Settings

ROOT = Path(__file__).resolve().parents[2]

OPENING = Step(1, "Ouverture de la session", StepNature.TEMPS_CACHE, StepMode.SESSION, 30)
MSP = Step(
    2,
    "Mise en situation professionnelle",
    StepNature.EPREUVE,
    StepMode.COLLECTIF,
    180,
    jurors_required=2,
    room_type=RoomType.PLATEAU,
    capacity=6,
    description="Assemblages soudés à partir d'un dossier technique",
)
INTERVIEW = Step(
    3,
    "Entretien technique",
    StepNature.EPREUVE,
    StepMode.INDIVIDUEL,
    40,
    jurors_required=2,
    room_type=RoomType.ENTRETIEN,
)
DELIBERATION = Step(
    4,
    "Délibération",
    StepNature.TEMPS_CACHE,
    StepMode.INDIVIDUEL,
    10,
    jurors_required=2,
    candidate_present=False,
)
FINAL = Step(5, "Entretien final", StepNature.EPREUVE, StepMode.INDIVIDUEL, 30, jurors_required=2)


def make_session(**changes: object) -> Session:
    session = Session(
        title="Soudeur assembleur industriel",
        session_type=SessionType.TITRE,
        centre="Institut des Métiers & Soudure",
        centre_address="12 rue de l'Industrie\nZone d'activités Nord",
        postal_code="93290",
        city="Tremblay-en-France",
        start=date(2027, 3, 15),
        end=date(2027, 3, 17),
        opening_time=time(8, 0),
        expected_candidates=2,
        manager="Sophie Lemaire",
        manager_phone="01 48 60 12 34",
        manager_email="s.lemaire@example.fr",
        ceres_number="2027-93-0042",
        day_start=time(8, 0),
    )
    return replace(session, **changes)  # type: ignore[arg-type]


def make_candidate(**changes: object) -> Candidate:
    candidate = Candidate(
        number="2245403",
        civility=Civility.MADAME,
        birth_name="Durand",
        usage_name="Lefèvre",
        first_name="Hélène",
        birth_date=date(1990, 5, 4),
        address="3 allée des Tilleuls",
        postal_code="93420",
        city="Villepinte",
        companies=(Company("Chaudronnerie Briard", "40483304800022"),),
        registered_mail_number="1A 012 345 6789 0",
    )
    return replace(candidate, **changes)  # type: ignore[arg-type]


def make_data(*candidates: Candidate, **session_changes: object) -> SessionData:
    return SessionData(
        session=make_session(**session_changes),
        candidates=candidates or (make_candidate(),),
        steps=(OPENING, MSP, INTERVIEW, DELIBERATION, FINAL),
        equipment=(
            Equipment("Poste de soudage MIG/MAG", 1, 6, EquipmentState.OPERATIONNEL),
            Equipment(
                "Masque de soudage",
                1,
                6,
                EquipmentState.OPERATIONNEL,
                per_candidate=True,
                brought_by_candidate=True,
            ),
        ),
    )


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 3, day, hour, minute)


def make_plan(number: str = "2245403") -> Plan:
    """A two-day plan for one candidate, written by hand."""
    slots = (
        Slot(OPENING, at(15, 8), at(15, 8, 30), "Salle d'accueil", (number,)),
        Slot(MSP, at(15, 8, 45), at(15, 11, 45), "Atelier soudure", (number,), ("A", "B"), "J1"),
        Slot(INTERVIEW, at(16, 9), at(16, 9, 40), "Salle 1", (number,), ("A", "B"), "J1"),
        Slot(DELIBERATION, at(16, 10, 15), at(16, 10, 25), "Salle 1", (number,), ("A", "B")),
        Slot(FINAL, at(16, 9, 45), at(16, 10, 15), "Salle 1", (number,), ("A", "B"), "J1"),
    )
    return Plan(
        days=(date(2027, 3, 15), date(2027, 3, 16), date(2027, 3, 17)),
        slots=slots,
        jury_pairs=(JuryPair("J1", ("A", "B")),),
        assignment=((number, "J1"),),
        lower_bound_pairs=1,
    )


@pytest.fixture
def settings() -> Settings:
    return Settings(as_of=date(2027, 1, 11))


def docx_text(content: bytes) -> str:
    """Every paragraph of the body, its tables and the footers, one per line."""
    document = Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    for section in document.sections:
        lines.extend(paragraph.text for paragraph in section.footer.paragraphs)
        lines.extend(paragraph.text for paragraph in section.header.paragraphs)
    return "\n".join(lines).replace("\u00a0", " ")


def xml_parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }
