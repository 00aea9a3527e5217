"""The rétroplanning: the session's deadlines, their status at the as-of date, and reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any

from docgen.calendar import deadline
from docgen.documents.batch import Progress, session_properties, with_progress
from docgen.documents.calendar_files import CalendarEvent, Reminder, calendar_bytes, event_uid
from docgen.documents.render import DocumentTemplate
from docgen.documents.session_blocks import require_session, shared_blocks
from docgen.french import NBSP, clock_time, heading_date, long_date, short_date
from docgen.model import SessionData
from docgen.planning.plan import Plan
from docgen.settings import Settings
from docgen.template_files import template_path

RETROPLANNING_TEMPLATE = "retroplanning.docx"
RETROPLANNING_FOLDER = "retroplanning"
SOON_DAYS = 7
"""A coming deadline this close is shown in amber."""
REMINDERS = (
    Reminder(timedelta(days=6, hours=15), "Échéance dans une semaine"),
    Reminder(-timedelta(hours=9), "Échéance aujourd'hui"),
)
"""For an all-day event: 9 h a week before, and 9 h on the day."""


class Status(Enum):
    DONE = "Fait"
    LATE = "En retard"
    COMING = "À venir"


COLOURS = {Status.DONE: "C6EFCE", Status.LATE: "FFC7CE", Status.COMING: "DDEBF7"}
SOON_COLOUR = "FFEB9C"


@dataclass(frozen=True)
class Deadline:
    """One deadline before D: what to do, by when, and when the workbook says it was done."""

    key: str
    action: str
    detail: str
    days_before: int
    due: date
    nominal: date
    done_on: date | None
    source: str
    """The workbook field that records it, for the reader who wants to update it."""

    @property
    def offset(self) -> str:
        return f"J−{self.days_before}" if self.days_before else "J"

    @property
    def moved(self) -> bool:
        return self.due != self.nominal


@dataclass(frozen=True)
class DeadlineStatus:
    deadline: Deadline
    status: Status
    days: int
    """Days left (coming) or overdue (late); 0 when done."""


def _equipment_checked(data: SessionData) -> date | None:
    """The last `Vérifié le` once every item the centre provides has one."""
    items = [item for item in data.equipment if not item.brought_by_candidate]
    if not items or any(item.checked_on is None for item in items):
        return None
    return max(item.checked_on for item in items if item.checked_on is not None)


def session_deadlines(data: SessionData, settings: Settings) -> list[Deadline]:
    """The deadlines from D−90 to D, in date order, each moved back to a working day."""
    session = require_session(data, "le rétroplanning")
    start, departement = session.start, session.departement

    def make(
        key: str, action: str, detail: str, days: int, done: date | None, source: str
    ) -> Deadline:
        due = deadline(start, days, departement) if days else start
        return Deadline(key, action, detail, days, due, start - timedelta(days=days), done, source)

    sent = session.invitations_sent
    deadlines = [
        make(
            "pli-commande",
            "Commander le pli d'examen",
            "De préférence trois mois avant la session.",
            settings.pli_order_days,
            session.pli_ordered,
            "Date de commande du pli",
        ),
        make(
            "invitations-conseil",
            "Envoyer les invitations des jurés",
            "Date conseillée : un juré salarié demande son absence à son employeur "
            "au moins 15 jours avant, invitation jointe.",
            settings.invitation_warning_days,
            sent,
            "Date d'envoi des invitations",
        ),
        make(
            "convocations",
            "Valider les convocations dans CERES et les envoyer",
            "Lettre recommandée avec accusé de réception ou remise en main propre.",
            settings.convocation_days,
            session.convocations_validated,
            "Date de validation des convocations",
        ),
        make(
            "invitations-limite",
            "Dernier délai pour les invitations des jurés",
            "Au-delà, un juré salarié ne peut plus prévenir son employeur à temps.",
            settings.invitation_error_days,
            sent,
            "Date d'envoi des invitations",
        ),
        make(
            "pli-reception",
            "Recevoir le pli d'examen",
            "Lire le DTE organisateur ; ranger DTE jury et DTE candidat en lieu sûr. "
            "Pli absent : contacter l'unité « Gestion des épreuves de validation » de l'AFPA.",
            settings.pli_received_days,
            session.pli_received,
            "Date de réception du pli",
        ),
        make(
            "materiel",
            "Vérifier le matériel et les salles",
            "Matériel du DTE disponible et opérationnel ; salles d'entretien confidentielles.",
            settings.equipment_check_days,
            _equipment_checked(data),
            "Matériel : Vérifié le",
        ),
        make(
            "ouverture",
            "Ouverture de la session et des plis",
            f"À {clock_time(session.opening_time)}, par le responsable de session, "
            "avec un candidat témoin.",
            0,
            None,
            "",
        ),
    ]
    return sorted(deadlines, key=lambda item: (item.due, -item.days_before))


def status_at(item: Deadline, as_of: date) -> DeadlineStatus:
    """Done once the workbook's date is reached; else late after the due date, else coming.

    The opening has no workbook date: it counts as done once its day has passed.
    """
    done_on = item.done_on if item.key != "ouverture" else item.due + timedelta(days=1)
    if done_on is not None and done_on <= as_of:
        return DeadlineStatus(item, Status.DONE, 0)
    if as_of > item.due:
        return DeadlineStatus(item, Status.LATE, (as_of - item.due).days)
    return DeadlineStatus(item, Status.COMING, (item.due - as_of).days)


def _days(count: int) -> str:
    return f"{count}{NBSP}jour" + ("s" if count > 1 else "")


def _status_text(state: DeadlineStatus) -> str:
    item = state.deadline
    if state.status is Status.DONE:
        late = item.done_on is not None and item.done_on > item.due
        return "après l'échéance" if late else ""
    if state.status is Status.LATE:
        return f"depuis {_days(state.days)}"
    return "aujourd'hui" if state.days == 0 else f"dans {_days(state.days)}"


def _done_text(state: DeadlineStatus) -> str:
    item = state.deadline
    if item.key == "ouverture":
        return short_date(item.due) if state.status is Status.DONE else ""
    if item.done_on is None:
        return ""
    if state.status is Status.DONE:
        return short_date(item.done_on)
    late = " (après l'échéance)" if item.done_on > item.due else ""
    return f"prévu le {short_date(item.done_on)}{late}"


def _colour(state: DeadlineStatus) -> str:
    if state.status is Status.COMING and state.days <= SOON_DAYS:
        return SOON_COLOUR
    return COLOURS[state.status]


def _row(state: DeadlineStatus) -> dict[str, str]:
    item = state.deadline
    moved = f"avancée du {long_date(item.nominal)}, jour non ouvré" if item.moved else ""
    return {
        "due": heading_date(item.due),
        "offset": item.offset,
        "moved": moved,
        "action": item.action,
        "detail": item.detail,
        "done": _done_text(state),
        "hint": f"à saisir : {item.source}" if item.source and not _done_text(state) else "",
        "status": state.status.value,
        "status_detail": _status_text(state),
        "colour": _colour(state),
    }


def retroplanning_context(data: SessionData, settings: Settings) -> dict[str, Any]:
    """Everything the rétroplanning template prints, with each deadline's status at as-of."""
    session = require_session(data, "le rétroplanning")
    states = [status_at(item, settings.as_of) for item in session_deadlines(data, settings)]
    counts = {status: sum(state.status is status for state in states) for status in Status}
    return {
        **shared_blocks(session),
        "as_of": long_date(settings.as_of),
        "d_day": heading_date(session.start),
        "rows": [_row(state) for state in states],
        "summary": (
            f"{counts[Status.DONE]} fait(s), {counts[Status.LATE]} en retard, "
            f"{counts[Status.COMING]} à venir"
        ),
    }


def retroplanning_calendar(data: SessionData, settings: Settings) -> bytes:
    """One all-day event per deadline, with reminders on those not done at the as-of date."""
    session = require_session(data, "le rétroplanning")
    events = []
    for item in session_deadlines(data, settings):
        done = status_at(item, settings.as_of).status is Status.DONE
        description = f"{item.action} ({item.offset}). {item.detail}"
        if item.moved:
            description += f" Échéance avancée du {long_date(item.nominal)}, jour non ouvré."
        events.append(
            CalendarEvent(
                uid=event_uid(session, "rétroplanning", item.key),
                summary=f"{item.offset} · {item.action} – {session.title}",
                start=item.due,
                end=item.due + timedelta(days=1),
                description=description,
                reminders=() if done else REMINDERS,
            )
        )
    return calendar_bytes(session, f"Échéances – {session.title}", events, settings)


def render_retroplanning(
    data: SessionData,
    plan: Plan | None,
    settings: Settings,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """`retroplanning/retroplanning.docx` and `.ics` → bytes (the plan is not needed)."""
    session = require_session(data, "le rétroplanning")
    template = DocumentTemplate.load(template_path(RETROPLANNING_TEMPLATE, settings))
    docx_name = f"{RETROPLANNING_FOLDER}/retroplanning.docx"
    ics_name = f"{RETROPLANNING_FOLDER}/retroplanning.ics"
    documents: dict[str, bytes] = {}
    names = [docx_name, ics_name]
    for name in with_progress(names, "Rétroplanning", progress):
        if name == docx_name:
            properties = session_properties(session, f"Rétroplanning – {session.title}", settings)
            documents[name] = template.render(retroplanning_context(data, settings), properties)
        else:
            documents[name] = retroplanning_calendar(data, settings)
    return documents
