"""The juror's invitation: context for the letter, and the letters with their calendar files."""

from __future__ import annotations

from datetime import date
from typing import Any

from docgen.calendar import deadline
from docgen.documents.batch import Progress, session_properties, with_progress
from docgen.documents.calendar_files import juror_calendar
from docgen.documents.naming import UniqueNames
from docgen.documents.render import DocumentTemplate
from docgen.documents.session_blocks import inline, kind_of_session, require_session, shared_blocks
from docgen.documents.sittings import Sitting, sittings_by_day
from docgen.errors import InputError
from docgen.french import clock_time, date_range, heading_date, long_date, short_date
from docgen.model import Civility, Juror, Session, SessionData
from docgen.planning.plan import Plan
from docgen.settings import Settings
from docgen.template_files import template_path

INVITATION_TEMPLATE = "invitation.docx"
INVITATIONS_FOLDER = "invitations"
REPLY_DAYS = 21
"""Reply by D−21: the juror then still has a week to send the leave request due at D−15."""
LEAVE_NOTICE_DAYS = 15
"""Code du travail L3142-42 ff.: the written request reaches the employer 15 days ahead."""


def scheduled_jurors(data: SessionData, plan: Plan) -> tuple[Juror, ...]:
    """The jurors the plan uses, in the workbook's order."""
    return tuple(juror for juror in data.jurors if plan.juror_slots(juror.full_name))


def reply_by(session: Session, settings: Settings) -> str:
    """« au plus tard le lundi 22 février 2027 », or « dès réception » once that date is past."""
    limit = deadline(session.start, REPLY_DAYS, session.departement)
    if limit <= settings.as_of:
        return "dès réception de ce courrier"
    return f"au plus tard le {long_date(limit)}"


def _row(sitting: Sitting) -> dict[str, str]:
    return {
        "hours": f"{clock_time(sitting.start.time())} – {clock_time(sitting.end.time())}",
        "steps": ", ".join(sitting.steps),
        "room": sitting.room or "",
        "candidates": ", ".join(sitting.candidates),
    }


def _days(session: Session, plan: Plan, juror: Juror) -> list[dict[str, Any]]:
    days = []
    for day, sittings in sittings_by_day(plan.juror_slots(juror.full_name)).items():
        start = min(sitting.start for sitting in sittings)
        end = max(sitting.end for sitting in sittings)
        days.append(
            {
                "date": heading_date(day),
                "hours": f"de {clock_time(start.time())} à {clock_time(end.time())}",
                "place": inline(session.place),
                "rows": [_row(sitting) for sitting in sittings],
            }
        )
    return days


def _candidates(data: SessionData, plan: Plan, juror: Juror) -> list[dict[str, str]]:
    """Only the candidates in the juror's own slots, by number."""
    numbers = {number for slot in plan.juror_slots(juror.full_name) for number in slot.candidates}
    return [
        {
            "number": candidate.number,
            "name": candidate.full_name,
            "companies": "; ".join(company.name for company in candidate.companies) or "—",
        }
        for candidate in sorted(data.candidates, key=lambda candidate: candidate.number)
        if candidate.number in numbers
    ]


def _fellow_jurors(plan: Plan, juror: Juror) -> str:
    names = {name for slot in plan.juror_slots(juror.full_name) for name in slot.jurors}
    return ", ".join(sorted(names - {juror.full_name}))


def _first_day(plan: Plan, juror: Juror) -> date:
    return min(slot.start.date() for slot in plan.juror_slots(juror.full_name))


def _recipient(juror: Juror) -> dict[str, str]:
    lines = [juror.address or "", f"{juror.postal_code or ''} {juror.city or ''}".strip()]
    madame = juror.civility is Civility.MADAME
    return {
        "civility": juror.civility.value,
        "name": juror.full_name,
        "address": "\n".join(line for line in lines if line),
        "company": juror.company.name if juror.company else "",
        "salutation": "Madame" if madame else "Monsieur",
    }


def invitation_context(
    data: SessionData, juror: Juror, plan: Plan, settings: Settings
) -> dict[str, Any]:
    """Everything the invitation template prints for one juror, as plain strings and lists."""
    session = require_session(data, "les invitations")
    first_day = _first_day(plan, juror)
    leave_limit = deadline(first_day, LEAVE_NOTICE_DAYS, session.departement)
    return {
        **shared_blocks(session),
        "recipient": _recipient(juror),
        "issue": {"place": session.city, "date": short_date(settings.as_of)},
        "objet": (
            "Invitation à siéger au jury de la session d'examen "
            f"{date_range(session.start, session.end)} pour {kind_of_session(session)}"
        ),
        "days": _days(session, plan, juror),
        "fellow_jurors": _fellow_jurors(plan, juror),
        "candidates": _candidates(data, plan, juror),
        "salaried": juror.salaried,
        "leave_deadline": long_date(leave_limit),
        "reply_by": reply_by(session, settings),
    }


def _require_plan(plan: Plan | None) -> Plan:
    if plan is None:
        raise InputError(
            "Les invitations des jurés ont besoin du planning, qui n'a pas pu être établi : "
            "lancez « docgen check » et corrigez les erreurs du classeur."
        )
    return plan


def invitation_files(data: SessionData, plan: Plan) -> dict[str, Juror]:
    """`invitations/<NOM>_<Prénom>.docx` → its juror, for every juror the plan uses."""
    names = UniqueNames()
    return {
        f"{INVITATIONS_FOLDER}/" + names.claim([juror.last_name.upper(), juror.first_name]): juror
        for juror in scheduled_jurors(data, plan)
    }


def render_invitations(
    data: SessionData,
    plan: Plan | None,
    settings: Settings,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """`invitations/<NOM>_<Prénom>.docx` and `.ics` for every juror the plan uses → bytes."""
    session = require_session(data, "les invitations")
    plan = _require_plan(plan)
    template = DocumentTemplate.load(template_path(INVITATION_TEMPLATE, settings))
    by_name = invitation_files(data, plan)
    documents: dict[str, bytes] = {}
    for name in with_progress(by_name, "Invitations", progress):
        juror = by_name[name]
        documents[name] = template.render(
            invitation_context(data, juror, plan, settings),
            session_properties(session, f"Invitation au jury – {juror.full_name}", settings),
        )
        documents[name.removesuffix(".docx") + ".ics"] = juror_calendar(data, plan, juror, settings)
    return documents
