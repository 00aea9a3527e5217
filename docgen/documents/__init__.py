"""The documents a session needs: contexts, rendering with docxtpl, file names, publication."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from docgen.documents.calendar_files import candidate_calendar
from docgen.documents.convocation import convocation_context
from docgen.documents.naming import UniqueNames, safe_file_name
from docgen.documents.render import DocumentProperties, DocumentTemplate, fixed_moment
from docgen.documents.session_blocks import require_session
from docgen.documents.writing import ManifestInfo, publish, sha256_of
from docgen.model import SessionData
from docgen.planning.plan import Plan
from docgen.settings import Settings

CONVOCATION_TEMPLATE = "convocation.docx"
CONVOCATIONS_FOLDER = "convocations"

__all__ = [
    "ManifestInfo",
    "UniqueNames",
    "convocation_context",
    "publish",
    "render_convocations",
    "safe_file_name",
    "sha256_of",
]


Progress = Callable[[Iterable[str], str], Iterable[str]]
"""Wraps the names of the documents being rendered (e.g. a progress bar) and yields them back."""


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
    template = DocumentTemplate.load(settings.templates_dir / CONVOCATION_TEMPLATE)
    names = UniqueNames()
    by_name = {
        f"{CONVOCATIONS_FOLDER}/"
        + names.claim(
            [candidate.number, candidate.last_name.upper(), candidate.first_name]
        ): candidate
        for candidate in data.candidates
    }
    moment = fixed_moment(settings.as_of)
    documents: dict[str, bytes] = {}
    ordered = progress(by_name, "Convocations") if progress else by_name
    for name in ordered:
        candidate = by_name[name]
        properties = DocumentProperties(
            author=session.centre,
            title=f"Convocation – {candidate.full_name}",
            subject=f"Session d'examen – {session.title}",
            moment=moment,
        )
        context = convocation_context(data, candidate, plan, settings)
        documents[name] = template.render(context, properties)
        if plan is not None and plan.candidate_slots(candidate.number):
            calendar_name = name.removesuffix(".docx") + ".ics"
            documents[calendar_name] = candidate_calendar(data, plan, candidate, settings)
    return documents
