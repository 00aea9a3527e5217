"""The documents a session needs: contexts, rendering with docxtpl, file names."""

from __future__ import annotations

from docgen.documents.batch import Progress, session_properties, with_progress
from docgen.documents.calendar_files import candidate_calendar
from docgen.documents.convocation import convocation_context
from docgen.documents.naming import UniqueNames, safe_file_name
from docgen.documents.render import DocumentTemplate
from docgen.documents.session_blocks import require_session
from docgen.model import Candidate, SessionData
from docgen.planning.plan import Plan
from docgen.settings import Settings
from docgen.template_files import template_path

CONVOCATION_TEMPLATE = "convocation.docx"
CONVOCATIONS_FOLDER = "convocations"

__all__ = [
    "UniqueNames",
    "convocation_context",
    "convocation_files",
    "render_convocations",
    "safe_file_name",
]


def convocation_files(data: SessionData) -> dict[str, Candidate]:
    """`convocations/<N°>_<NOM>_<Prénom>.docx` → its candidate, in the workbook's order."""
    names = UniqueNames()
    return {
        f"{CONVOCATIONS_FOLDER}/"
        + names.claim(
            [candidate.number, candidate.last_name.upper(), candidate.first_name]
        ): candidate
        for candidate in data.candidates
    }


def render_convocations(
    data: SessionData,
    plan: Plan | None,
    settings: Settings,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """One convocation per candidate: `convocations/<N°>_<NOM>_<Prénom>.docx` → .docx bytes.

    Once the session is planned, the candidate's calendar file (.ics) stands beside it.
    """
    session = require_session(data, "les convocations")
    template = DocumentTemplate.load(template_path(CONVOCATION_TEMPLATE, settings))
    by_name = convocation_files(data)
    documents: dict[str, bytes] = {}
    for name in with_progress(by_name, "Convocations", progress):
        candidate = by_name[name]
        documents[name] = template.render(
            convocation_context(data, candidate, plan, settings),
            session_properties(session, f"Convocation – {candidate.full_name}", settings),
        )
        if plan is not None and plan.candidate_slots(candidate.number):
            calendar_name = name.removesuffix(".docx") + ".ics"
            documents[calendar_name] = candidate_calendar(data, plan, candidate, settings)
    return documents
