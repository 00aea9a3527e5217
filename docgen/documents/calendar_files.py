"""RFC 5545 calendar files (icalendar): a juror's days, a candidate's days, deadline reminders."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import (
    Alarm,
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vText,
)
from icalendar.cal.component import Component

from docgen.calendar import timezone_for
from docgen.documents.convocation import items_to_bring, planned_row
from docgen.documents.ics_text import Properties, content_lines, property_lines
from docgen.documents.session_blocks import inline, require_session
from docgen.documents.sittings import Sitting, sittings_by_day
from docgen.french import clock_time
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


@dataclass(frozen=True)
class _Transition:
    """A change of UTC offset: the wall time it happens at (old offset) and the offsets."""

    local: datetime
    before: timedelta
    after: timedelta
    name: str
    daylight: bool


def _offset(zone: ZoneInfo, moment: datetime) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    return offset if offset is not None else timedelta(0)


def _transitions(zone: ZoneInfo, year: int) -> list[_Transition]:
    """The year's offset changes, found hour by hour from zoneinfo's own rules."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    step = timedelta(days=1)
    while moment < end:
        if _offset(zone, moment) != _offset(zone, moment + step):
            hour = moment
            while _offset(zone, hour + timedelta(hours=1)) == _offset(zone, moment):
                hour += timedelta(hours=1)
            change = hour + timedelta(hours=1)
            before, after = _offset(zone, hour), _offset(zone, change)
            local = change.astimezone(zone)
            found.append(
                _Transition(
                    (change + before).replace(tzinfo=None),
                    before,
                    after,
                    local.tzname() or zone.key,
                    bool(local.dst()),
                )
            )
        moment += step
    return found


def _yearly_rule(moment: datetime) -> dict[str, object]:
    """The RRULE of a change on this weekday of the month: last one (-1) or n-th (1…4)."""
    weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[moment.weekday()]
    days_in_month = ((moment.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(1)).day
    rank = -1 if moment.day + 7 > days_in_month else (moment.day - 1) // 7 + 1
    return {"FREQ": "YEARLY", "BYMONTH": moment.month, "BYDAY": f"{rank}{weekday}"}


@functools.cache
def _vtimezone(key: str, year: int) -> Timezone:
    """The zone as Outlook expects it: one STANDARD and one DAYLIGHT block with yearly RRULEs
    (a single STANDARD block where the zone has no summer time, as overseas)."""
    zone = ZoneInfo(key)
    timezone = Timezone()
    timezone.add("TZID", key)
    changes = _transitions(zone, year)
    if not changes:
        start = datetime(year, 1, 1)
        offset = _offset(zone, start.replace(tzinfo=UTC))
        standard = TimezoneStandard()
        standard.add("DTSTART", start)
        standard.add("TZOFFSETFROM", offset)
        standard.add("TZOFFSETTO", offset)
        standard.add("TZNAME", start.replace(tzinfo=zone).tzname() or key)
        timezone.add_component(standard)
        return timezone
    for change in sorted(changes, key=lambda change: not change.daylight):
        block = TimezoneDaylight() if change.daylight else TimezoneStandard()
        block.add("DTSTART", change.local)
        block.add("RRULE", _yearly_rule(change.local))
        block.add("TZOFFSETFROM", change.before)
        block.add("TZOFFSETTO", change.after)
        block.add("TZNAME", change.name)
        timezone.add_component(block)
    return timezone


@functools.cache
def _vtimezone_lines(key: str, year: int) -> tuple[str, ...]:
    """The VTIMEZONE's lines, written once per run."""
    return tuple(content_lines(_vtimezone(key, year)))


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
    """The .ics bytes; DTSTAMP and SEQUENCE come from the as-of date, so reruns are identical.

    The same bytes as icalendar's `to_ical()` of `calendar_component` (a test compares them),
    written faster: each value is still encoded by icalendar, but once for all the files that
    repeat it (the stamp, the place, the times, the reminders), in the order icalendar sorts
    properties in.
    """
    zone = timezone_for(session.departement)
    lines = ["BEGIN:VCALENDAR", *property_lines(_calendar_properties(name, zone.key), Calendar)]
    first_year = _first_year(events)
    if first_year is not None:
        lines += _vtimezone_lines(zone.key, first_year - 1)
    organizer = _organizer(session)
    for item in events:
        lines.append("BEGIN:VEVENT")
        lines += property_lines(_event_properties(item, zone, settings, organizer), Event)
        for reminder in item.reminders:
            lines += [
                "BEGIN:VALARM",
                *property_lines(_alarm_properties(reminder), Alarm),
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def calendar_component(
    session: Session, name: str, events: list[CalendarEvent], settings: Settings
) -> Calendar:
    """The calendar, as icalendar components: the reference `calendar_bytes` writes the text of
    (its tests compare the two)."""
    zone = timezone_for(session.departement)
    calendar = Calendar()
    _add(calendar, _calendar_properties(name, zone.key))
    first_year = _first_year(events)
    if first_year is not None:
        calendar.add_component(_vtimezone(zone.key, first_year - 1))
    organizer = _organizer(session)
    for item in events:
        event = Event()
        _add(event, _event_properties(item, zone, settings, organizer))
        for reminder in item.reminders:
            alarm = Alarm()
            _add(alarm, _alarm_properties(reminder))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar


def _first_year(events: list[CalendarEvent]) -> int | None:
    """The year of the first timed event: the time zone's rules are anchored a year before it,
    so that each event follows both observances (None: no timed event, no time zone)."""
    timed = [event.start.year for event in events if isinstance(event.start, datetime)]
    return min(timed) if timed else None


def _calendar_properties(name: str, zone_key: str) -> Properties:
    return [
        ("PRODID", PRODUCT),
        ("VERSION", "2.0"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", METHOD),
        ("X-WR-CALNAME", name),
        ("X-WR-TIMEZONE", zone_key),
    ]


def _event_properties(
    item: CalendarEvent, zone: ZoneInfo, settings: Settings, organizer: vCalAddress | None
) -> Properties:
    properties: Properties = [
        ("UID", item.uid),
        ("DTSTAMP", _stamp(settings.as_of)),
        # Later as-of, higher SEQUENCE: agendas that compare it (Outlook) take the re-sent file.
        ("SEQUENCE", (settings.as_of - SEQUENCE_EPOCH).days),
        ("DTSTART", _localised(item.start, zone)),
        ("DTEND", _localised(item.end, zone)),
        ("SUMMARY", item.summary),
    ]
    if item.location:
        properties.append(("LOCATION", item.location))
    if item.description:
        properties.append(("DESCRIPTION", item.description))
    if organizer is not None:
        properties.append(("ORGANIZER", organizer))
    properties.append(("STATUS", "CONFIRMED"))
    properties.append(("TRANSP", "OPAQUE" if isinstance(item.start, datetime) else "TRANSPARENT"))
    return properties


def _alarm_properties(reminder: Reminder) -> Properties:
    return [("ACTION", "DISPLAY"), ("DESCRIPTION", reminder.text), ("TRIGGER", -reminder.before)]


def _add(component: Component, properties: Properties) -> None:
    for name, value in properties:
        component.add(name, value)


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
            *(_candidate_line(planned_row(slot, session)) for slot in day_slots),
            "",
            f"À apporter : {', '.join(items_to_bring(data))}.",
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


def _candidate_line(row: dict[str, str]) -> str:
    """« 9 h 00 – 12 h 00 puis 13 h 00 – 14 h 00 (pause déjeuner non comptée) : Mise en situation
    professionnelle (4 h, Atelier) », as on the convocation."""
    where = f", {row['room']}" if row["room"] else ""
    return f"{row['hours']} : {row['name']} ({row['duration']}{where})"


def candidate_calendar(
    data: SessionData, plan: Plan, candidate: Candidate, settings: Settings
) -> bytes:
    """The candidate's .ics, to place beside the convocation: one event per day they come."""
    session = require_session(data, "les convocations")
    events = candidate_events(data, plan, candidate, settings)
    return calendar_bytes(session, f"Examen – {session.title}", events, settings)
