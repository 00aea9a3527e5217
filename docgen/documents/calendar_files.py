"""RFC 5545 calendar files (icalendar): a juror's days, a candidate's days, deadline reminders."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress, vText

from docgen.calendar import timezone_for
from docgen.documents.session_blocks import inline, require_session
from docgen.documents.sittings import Sitting, sittings_by_day
from docgen.french import clock_time, duration
from docgen.model import Candidate, Juror, Session, SessionData
from docgen.planning.plan import Plan
from docgen.settings import Settings

PRODUCT = "-//docgen//Sessions d'examen du titre professionnel//FR"
METHOD = "PUBLISH"
"""A file to import, not an iTIP meeting request: replies go through the letter, not e-mail."""
SEQUENCE_EPOCH = date(2000, 1, 1)


@dataclass(frozen=True)
class Reminder:
    """A VALARM: shown `before` the event's start (negative = after), with its text."""

    before: timedelta
    text: str


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT: timed (aware datetimes) or all-day (dates, end exclusive)."""

    uid: str
    summary: str
    start: datetime | date
    end: datetime | date
    location: str = ""
    description: str = ""
    reminders: tuple[Reminder, ...] = ()


def session_key(session: Session) -> str:
    """What identifies a session across reruns: its CERES number, else centre, title and start."""
    if session.ceres_number:
        return f"ceres:{session.ceres_number.strip()}"
    return f"{session.centre}|{session.title}|{session.start.isoformat()}"


def event_uid(session: Session, *parts: str) -> str:
    """A UID stable across reruns, so that a re-sent file updates the event in the agenda.

    Hashed so that no name travels in the UID, which calendar servers show and log.
    """
    key = "\x1f".join((session_key(session), *parts))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@docgen"


def _stamp(as_of: date) -> datetime:
    return datetime.combine(as_of, time(0, 0), tzinfo=UTC)


def _vtimezone(zone: ZoneInfo, events: Iterable[CalendarEvent]) -> Timezone:
    years = [event.start.year for event in events]
    first, last = date(min(years), 1, 1), date(max(years) + 1, 1, 1)
    return Timezone.from_tzinfo(zone, zone.key, first, last)


def _organizer(session: Session) -> vCalAddress | None:
    if not session.manager_email:
        return None
    address = vCalAddress(f"mailto:{session.manager_email.strip()}")
    if session.manager:
        address.params["CN"] = vText(session.manager)
    return address


def calendar_bytes(
    session: Session, name: str, events: list[CalendarEvent], settings: Settings
) -> bytes:
    """The .ics bytes; DTSTAMP and SEQUENCE come from the as-of date, so reruns are identical."""
    zone = timezone_for(session.departement)
    calendar = Calendar()
    calendar.add("PRODID", PRODUCT)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", METHOD)
    calendar.add("X-WR-CALNAME", name)
    calendar.add("X-WR-TIMEZONE", zone.key)
    timed = [event for event in events if isinstance(event.start, datetime)]
    if timed:
        calendar.add_component(_vtimezone(zone, timed))
    organizer = _organizer(session)
    for item in events:
        event = Event()
        event.add("UID", item.uid)
        event.add("DTSTAMP", _stamp(settings.as_of))
        # Later as-of, higher SEQUENCE: agendas that compare it (Outlook) take the re-sent file.
        event.add("SEQUENCE", (settings.as_of - SEQUENCE_EPOCH).days)
        event.add("DTSTART", _localised(item.start, zone))
        event.add("DTEND", _localised(item.end, zone))
        event.add("SUMMARY", item.summary)
        if item.location:
            event.add("LOCATION", item.location)
        if item.description:
            event.add("DESCRIPTION", item.description)
        if organizer is not None:
            event.add("ORGANIZER", organizer)
        event.add("STATUS", "CONFIRMED")
        event.add("TRANSP", "OPAQUE" if isinstance(item.start, datetime) else "TRANSPARENT")
        for reminder in item.reminders:
            alarm = Alarm()
            alarm.add("ACTION", "DISPLAY")
            alarm.add("DESCRIPTION", reminder.text)
            alarm.add("TRIGGER", -reminder.before)
            event.add_component(alarm)
        calendar.add_component(event)
    content: bytes = calendar.to_ical()
    return content


def _localised(moment: datetime | date, zone: ZoneInfo) -> datetime | date:
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=zone)
    return moment


def _hours(start: datetime, end: datetime) -> str:
    return f"{clock_time(start.time())} – {clock_time(end.time())}"


def sitting_line(sitting: Sitting) -> str:
    """« 9 h 00 – 10 h 36 : Accueil, Entretien technique (Salle 1) – candidat n° 2270148 »."""
    text = f"{_hours(sitting.start, sitting.end)} : {', '.join(sitting.steps)}"
    if sitting.room:
        text += f" ({sitting.room})"
    if len(sitting.candidates) == 1:
        text += f" – candidat n° {sitting.candidates[0]}"
    elif sitting.candidates:
        text += f" – candidats n° {', '.join(sitting.candidates)}"
    return text


def _title_line(session: Session) -> str:
    return f"Titre professionnel « {session.title} »"


def juror_events(data: SessionData, plan: Plan, juror: Juror) -> list[CalendarEvent]:
    """One event per day the juror sits, from their first slot to their last, slots listed.

    Candidates appear by number only: an agenda is synchronised to phones and servers.
    """
    session = require_session(data, "les invitations")
    events = []
    for day, sittings in sittings_by_day(plan.juror_slots(juror.full_name)).items():
        lines = [
            f"Jury de la session d'examen – {_title_line(session)}",
            "",
            *(sitting_line(sitting) for sitting in sittings),
            "",
            f"Responsable de session : {_manager_line(session)}",
        ]
        events.append(
            CalendarEvent(
                uid=event_uid(session, "juré", juror.full_name, day.isoformat()),
                summary=f"Jury d'examen – {session.title}",
                start=min(sitting.start for sitting in sittings),
                end=max(sitting.end for sitting in sittings),
                location=inline(session.place),
                description="\n".join(lines),
                reminders=(Reminder(timedelta(days=1), f"Demain : jury – {session.title}"),),
            )
        )
    return events


def _manager_line(session: Session) -> str:
    parts = [
        part for part in (session.manager, session.manager_phone, session.manager_email) if part
    ]
    return ", ".join(parts) if parts else "voir la lettre"


def juror_calendar(data: SessionData, plan: Plan, juror: Juror, settings: Settings) -> bytes:
    """The juror's .ics: one event per day they sit."""
    session = require_session(data, "les invitations")
    events = juror_events(data, plan, juror)
    return calendar_bytes(session, f"Jury – {session.title}", events, settings)


def _items_to_bring(data: SessionData) -> tuple[str, ...]:
    brought = (item.name for item in data.equipment if item.brought_by_candidate)
    return tuple(dict.fromkeys(item for item in (*data.items_to_bring, *brought) if item))


def candidate_events(
    data: SessionData, plan: Plan, candidate: Candidate, settings: Settings
) -> list[CalendarEvent]:
    """One event per day the candidate comes, from the convocation's arrival to their last step."""
    session = require_session(data, "les convocations")
    present = [
        slot for slot in plan.candidate_slots(candidate.number) if slot.step.candidate_present
    ]
    arrivals = plan.arrival_times(candidate.number)
    events = []
    for day in sorted(arrivals):
        day_slots = [slot for slot in present if slot.start.date() == day]
        arrival = arrivals[day]
        lines = [
            f"Session d'examen – {_title_line(session)}",
            f"Candidat n° {candidate.number}",
            f"Arrivée à {clock_time(arrival.time())}",
            "",
            *(
                f"{_hours(slot.start, slot.end)} : {slot.step.name} "
                f"({duration(int((slot.end - slot.start).total_seconds() // 60))}"
                + (f", {slot.room})" if slot.room else ")")
                for slot in day_slots
            ),
            "",
            f"À apporter : {', '.join(_items_to_bring(data))}.",
            f"Responsable de session : {_manager_line(session)}",
        ]
        events.append(
            CalendarEvent(
                uid=event_uid(session, "candidat", candidate.number, day.isoformat()),
                summary=f"Examen – {session.title}",
                start=arrival,
                end=max(slot.end for slot in day_slots),
                location=inline(session.place),
                description="\n".join(lines),
                reminders=(Reminder(timedelta(days=1), f"Demain : examen – {session.title}"),),
            )
        )
    return events


def candidate_calendar(
    data: SessionData, plan: Plan, candidate: Candidate, settings: Settings
) -> bytes:
    """The candidate's .ics, to place beside the convocation: one event per day they come."""
    session = require_session(data, "les convocations")
    events = candidate_events(data, plan, candidate, settings)
    return calendar_bytes(session, f"Examen – {session.title}", events, settings)
