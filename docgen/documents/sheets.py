"""The on-the-day sheets: émargement per half-day, equipment and rooms checklist, PV des plis."""

from __future__ import annotations

from typing import Any

from docgen.calendar import deadline
from docgen.documents.attendance import HalfDay, emargement_context, half_days
from docgen.documents.batch import Progress, session_properties, with_progress
from docgen.documents.render import DocumentProperties, DocumentTemplate
from docgen.documents.session_blocks import require_session, shared_blocks
from docgen.french import clock_time, long_date, short_date
from docgen.model import Equipment, RoomType, Session, SessionData
from docgen.planning.plan import Plan
from docgen.rules.resources import item_group, largest_group
from docgen.settings import Settings
from docgen.template_files import template_path

SHEETS_FOLDER = "feuilles"
EMARGEMENT_TEMPLATE = "emargement.docx"
CHECKLIST_TEMPLATE = "checklist.docx"
PV_TEMPLATE = "pv_ouverture.docx"
CHECKLIST_FILE = f"{SHEETS_FOLDER}/checklist_materiel_salles.docx"
PV_FILE = f"{SHEETS_FOLDER}/pv_ouverture_plis.docx"
INTERVIEW_TYPES = {RoomType.ENTRETIEN}


def _needed(item: Equipment, group: int) -> tuple[int, str]:
    if item.per_candidate:
        return item.required_quantity * group, f"{item.required_quantity} × {group} candidats"
    return item.required_quantity, "pour la session"


def checklist_context(data: SessionData, settings: Settings) -> dict[str, Any]:
    """Every item the centre provides with the quantity the largest group needs; every room."""
    session = require_session(data, "la liste de vérification du matériel")
    group = largest_group(data)
    equipment = []
    for item in data.equipment:
        if item.brought_by_candidate:
            continue
        needed, basis = _needed(item, item_group(data, item))
        equipment.append(
            {
                "name": item.name,
                "reference": item.dte_reference or "",
                "needed": str(needed),
                "basis": basis,
                "available": str(item.available_quantity)
                + (" – insuffisant" if item.available_quantity < needed else ""),
                "state": item.state.value,
                "last_check": short_date(item.checked_on) if item.checked_on else "",
            }
        )
    rooms = [
        {
            "name": room.name,
            "type": room.room_type.value,
            "capacity": str(room.capacity),
            "confidential": "Oui" if room.confidential else "Non",
            "confidentiality_check": (
                "☐ oui  ☐ non" if room.room_type in INTERVIEW_TYPES else "sans objet"
            ),
        }
        for room in data.rooms
    ]
    check_by = deadline(session.start, settings.equipment_check_days, session.departement)
    return {
        **shared_blocks(session),
        "largest_group": str(group),
        "check_by": long_date(check_by),  # inside a sentence: « au plus tard le lundi 8 mars »
        "equipment": equipment,
        "brought": [item.name for item in data.equipment if item.brought_by_candidate],
        "rooms": rooms,
    }


def pv_context(data: SessionData, settings: Settings) -> dict[str, Any]:
    """The procès-verbal d'ouverture des plis: day 1 at the opening time, blanks to fill in."""
    session = require_session(data, "le procès-verbal d'ouverture des plis")
    return {
        **shared_blocks(session),
        "opening": {
            "date": long_date(session.start),  # « Ouverture prévue le lundi 15 mars 2027 »
            "time": clock_time(session.opening_time),
        },
    }


def emargement_files(plan: Plan | None, session: Session) -> dict[str, HalfDay]:
    """`feuilles/emargement_<jour>_<demi-journée>.docx` → its half-day, in time order."""
    return {
        f"{SHEETS_FOLDER}/emargement_{half.day.isoformat()}_{half.part}.docx": half
        for half in (half_days(plan, session) if plan is not None else [])
    }


def render_sheets(
    data: SessionData,
    plan: Plan | None,
    settings: Settings,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """`feuilles/`: an émargement per half-day with people (needs a plan), checklist, PV."""
    session = require_session(data, "les feuilles")
    emargement = DocumentTemplate.load(template_path(EMARGEMENT_TEMPLATE, settings))
    checklist = DocumentTemplate.load(template_path(CHECKLIST_TEMPLATE, settings))
    pv = DocumentTemplate.load(template_path(PV_TEMPLATE, settings))
    halves = emargement_files(plan, session)
    names = [*halves, CHECKLIST_FILE, PV_FILE]
    documents: dict[str, bytes] = {}

    def properties(title: str) -> DocumentProperties:
        return session_properties(session, f"{title} – {session.title}", settings)

    for name in with_progress(names, "Feuilles", progress):
        if name == CHECKLIST_FILE:
            documents[name] = checklist.render(
                checklist_context(data, settings),
                properties("Vérification du matériel et des salles"),
            )
        elif name == PV_FILE:
            documents[name] = pv.render(
                pv_context(data, settings),
                properties("Procès-verbal d'ouverture des plis"),
            )
        elif plan is not None:
            half = halves[name]
            documents[name] = emargement.render(
                emargement_context(data, plan, half, settings),
                properties(f"Émargement {half.day.isoformat()} {half.part}"),
            )
    return documents
