"""Calendar files: they parse back, match the plan, keep their UIDs and give the same bytes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from hypothesis import given
from hypothesis import settings as settings_of_hypothesis
from hypothesis import strategies as st
from icalendar import Calendar, Event
from icalendar.parser import Contentline

from docgen.documents.calendar_files import (
    CalendarEvent,
    Reminder,
    calendar_bytes,
    calendar_component,
    candidate_calendar,
    candidate_events,
    juror_calendar,
    juror_events,
)
from docgen.documents.ics_text import folded
from docgen.pipeline import check_session
from docgen.planning.plan import Slot
from docgen.settings import Settings
from tests.documents.conftest import MSP, ROOT, at
from tests.documents.jury_session import (
    AUBERT,
    BLANC,
    CARON,
    FIRST,
    HOSTILE_NAME,
    SECOND,
    jury_data,
    jury_plan,
)

PARIS = ZoneInfo("Europe/Paris")


def events(content: bytes) -> list[Event]:
    calendar = Calendar.from_ical(content)
    found: list[Event] = calendar.walk("VEVENT")
    return found


def span(event: Event) -> tuple[datetime, datetime]:
    return event.decoded("DTSTART"), event.decoded("DTEND")


def test_a_juror_gets_one_event_per_day_from_first_to_last_slot(settings: Settings) -> None:
    content = juror_calendar(jury_data(), jury_plan(), BLANC, settings)
    found = events(content)
    assert [span(event) for event in found] == [
        (datetime(2027, 3, 15, 8, 45, tzinfo=PARIS), datetime(2027, 3, 15, 11, 45, tzinfo=PARIS)),
        (datetime(2027, 3, 16, 9, 0, tzinfo=PARIS), datetime(2027, 3, 16, 10, 20, tzinfo=PARIS)),
        (datetime(2027, 3, 17, 14, 0, tzinfo=PARIS), datetime(2027, 3, 17, 15, 10, tzinfo=PARIS)),
    ]
    assert all(event["DTSTART"].params["TZID"] == "Europe/Paris" for event in found)
    calendar = Calendar.from_ical(content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert calendar["METHOD"] == "PUBLISH" and calendar["VERSION"] == "2.0"
    first_day = str(found[1]["DESCRIPTION"])
    assert "9 h 00 – 10 h 20 : Entretien technique, Entretien final, Délibération" in (
        first_day.replace("\u00a0", " ")
    )
    assert "Salle 1" in first_day and FIRST in first_day
    assert "12 rue de l'Industrie" in str(found[0]["LOCATION"])
    assert str(found[0]["ORGANIZER"]) == "mailto:s.lemaire@example.fr"
    assert found[0]["DTSTAMP"].dt == datetime(2027, 1, 11, tzinfo=UTC)


def test_a_juror_calendar_names_candidates_by_number_only(settings: Settings) -> None:
    content = juror_calendar(jury_data(), jury_plan(), CARON, settings).decode("utf-8")
    assert SECOND in content
    assert "Moreau".upper() not in content and "O'Brien" not in content


def test_uids_are_stable_and_distinct_per_person_and_day(settings: Settings) -> None:
    data, plan = jury_data(), jury_plan()
    blanc = [str(event["UID"]) for event in events(juror_calendar(data, plan, BLANC, settings))]
    aubert = [str(event["UID"]) for event in events(juror_calendar(data, plan, AUBERT, settings))]
    later = replace(settings, as_of=date(2027, 2, 1))
    again = [str(event["UID"]) for event in events(juror_calendar(data, plan, BLANC, later))]
    assert blanc == again
    assert len(set(blanc)) == 3 and len(set(aubert)) == 2
    assert not set(blanc) & set(aubert)
    candidate = [
        str(event["UID"])
        for event in events(candidate_calendar(data, plan, data.candidates[0], settings))
    ]
    assert not set(candidate) & set(blanc)
    # Another session (another CERES number) never collides.
    other = jury_data(ceres_number="2027-93-0099")
    assert not set(blanc) & {
        str(event["UID"]) for event in events(juror_calendar(other, plan, BLANC, settings))
    }


def test_a_resent_file_carries_a_later_stamp_and_sequence(settings: Settings) -> None:
    data, plan = jury_data(), jury_plan()
    first = events(juror_calendar(data, plan, BLANC, settings))[0]
    later = replace(settings, as_of=date(2027, 2, 1))
    second = events(juror_calendar(data, plan, BLANC, later))[0]
    assert second["DTSTAMP"].dt > first["DTSTAMP"].dt
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])


def test_reruns_are_byte_identical(settings: Settings) -> None:
    data, plan = jury_data(), jury_plan()
    assert juror_calendar(data, plan, AUBERT, settings) == juror_calendar(
        data, plan, AUBERT, settings
    )
    candidate = data.candidates[1]
    assert candidate_calendar(data, plan, candidate, settings) == candidate_calendar(
        data, plan, candidate, settings
    )


def test_a_candidate_event_runs_from_arrival_to_their_last_step(settings: Settings) -> None:
    data, plan = jury_data(), jury_plan()
    content = candidate_calendar(data, plan, data.candidates[0], settings)
    found = events(content)
    # Day 1: `Marge d'arrivée` (15 min) before the 8 h 00 slot, never clamped to the start of
    # the day (the planner itself starts no step before it plus the margin).
    # Day 2: 15 min before the 9 h 00 interview; the deliberation (jury only) is not theirs.
    assert [span(event) for event in found] == [
        (datetime(2027, 3, 15, 7, 45, tzinfo=PARIS), datetime(2027, 3, 15, 11, 45, tzinfo=PARIS)),
        (datetime(2027, 3, 16, 8, 45, tzinfo=PARIS), datetime(2027, 3, 16, 10, 10, tzinfo=PARIS)),
    ]
    description = str(found[1]["DESCRIPTION"]).replace("\u00a0", " ")
    assert "Arrivée à 8 h 45" in description
    assert "9 h 00 – 9 h 40 : Entretien technique (40 min, Salle 1)" in description
    assert "Délibération" not in description
    assert "Masque de soudage" in description


def test_an_epreuve_across_lunch_shows_the_break_apart_and_its_duration_without_it(
    settings: Settings,
) -> None:
    data, plan = jury_data(), jury_plan()
    across = Slot(MSP, at(15, 10), at(15, 15), "Atelier soudure", (FIRST, SECOND))
    plan = replace(plan, slots=tuple(across if s.step is MSP else s for s in plan.slots))
    found = events(candidate_calendar(data, plan, data.candidates[0], settings))
    description = str(found[0]["DESCRIPTION"]).replace("\u00a0", " ")
    assert (
        "10 h 00 – 12 h 00 puis 13 h 00 – 15 h 00 (pause déjeuner non comptée) : "
        "Mise en situation professionnelle (4 h, Atelier soudure)"
    ) in description


def test_the_file_is_what_icalendar_itself_writes(settings: Settings) -> None:
    """docgen writes the lines itself (icalendar's folding is slow, character by character):
    the bytes must be those of icalendar's own `to_ical()` for the same calendar, long
    non-ASCII lines and escapes included."""
    long_text = "Déroulé « très » long; avec, des \\ virgules\n" * 12 + "é" * 80
    item = CalendarEvent(
        uid="u1@docgen",
        summary="Examen – " + "Ω" * 40,
        start=datetime(2027, 3, 15, 8, 45),
        end=datetime(2027, 3, 15, 17, 0),
        location="\ufeff1 rue; des Lilas, 69007 Lyon",  # a byte-order mark icalendar drops
        description=long_text,
        reminders=(Reminder(timedelta(days=1), "Demain"),),
    )
    day = CalendarEvent("u2@docgen", "Date limite", date(2027, 2, 12), date(2027, 2, 13))
    session = jury_data(manager_email="claire.bernard@example.fr").session
    assert session is not None
    content = calendar_bytes(session, "Examen – Soudeur", [item, day], settings)
    reference = calendar_component(session, "Examen – Soudeur", [item, day], settings).to_ical()
    assert content == reference
    assert len(events(content)) == 2
    assert max(len(line) for line in content.split(b"\r\n")) <= 75


def test_hostile_text_survives_the_round_trip(settings: Settings) -> None:
    data = jury_data(title="Soudeur; « assembleur », \\ industriel & co")
    content = candidate_calendar(data, jury_plan(), data.candidates[1], settings)
    [*_, last] = events(content)
    assert str(last["SUMMARY"]) == "Examen – Soudeur; « assembleur », \\ industriel & co"
    assert HOSTILE_NAME not in content.decode("utf-8")  # the candidate's own number suffices


def test_an_overseas_session_uses_its_own_time_zone(settings: Settings) -> None:
    data = jury_data(postal_code="97400", city="Saint-Denis")
    content = juror_calendar(data, jury_plan(), BLANC, settings)
    calendar = Calendar.from_ical(content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Indian/Reunion"]
    start, _ = span(events(content)[0])
    assert start == datetime(2027, 3, 15, 8, 45, tzinfo=ZoneInfo("Indian/Reunion"))


def _calendar_on(settings: Settings, *days: datetime, **session_changes: object) -> bytes:
    data = jury_data()
    assert data.session is not None
    session = replace(data.session, **session_changes)  # type: ignore[arg-type]
    items = [
        CalendarEvent(f"{n}@test", "Jury", day, day + timedelta(hours=2))
        for n, day in enumerate(days)
    ]
    return calendar_bytes(session, "Jury", items, settings)


WINTER = datetime(2027, 1, 18, 9, 0)
SUMMER = datetime(2027, 6, 14, 9, 0)
AUTUMN = datetime(2027, 11, 2, 9, 0)


def test_the_time_zone_has_one_standard_and_one_daylight_block_with_yearly_rules(
    settings: Settings,
) -> None:
    calendar = Calendar.from_ical(_calendar_on(settings, WINTER, SUMMER, AUTUMN))
    [zone] = calendar.walk("VTIMEZONE")
    standard, daylight = zone.walk("STANDARD"), zone.walk("DAYLIGHT")
    assert len(standard) == len(daylight) == 1
    assert standard[0]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    assert daylight[0]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert daylight[0]["TZOFFSETTO"].td == timedelta(hours=2)
    assert standard[0]["TZOFFSETTO"].td == timedelta(hours=1)


def test_a_second_parser_places_winter_and_summer_events_at_the_right_utc_time(
    settings: Settings,
) -> None:
    content = _calendar_on(settings, WINTER, SUMMER, AUTUMN).decode("utf-8")
    parsed = vobject.readOne(content)  # vobject builds its own tzinfo from our VTIMEZONE
    starts = sorted(event.dtstart.value for event in parsed.vevent_list)
    assert [start.astimezone(UTC).hour for start in starts] == [8, 7, 8]
    assert [start.utcoffset() for start in starts] == [
        timedelta(hours=1),
        timedelta(hours=2),
        timedelta(hours=1),
    ]


def test_an_overseas_session_has_a_single_standard_block(settings: Settings) -> None:
    calendar = Calendar.from_ical(_calendar_on(settings, WINTER, postal_code="97200"))
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "America/Martinique"
    assert len(zone.walk("STANDARD")) == 1 and zone.walk("DAYLIGHT") == []
    event = vobject.readOne(_calendar_on(settings, WINTER, postal_code="97200").decode())
    assert event.vevent.dtstart.value.utcoffset() == timedelta(hours=-4)


def test_the_organizer_is_the_responsable_only_when_the_email_is_known(
    settings: Settings,
) -> None:
    [with_email] = events(_calendar_on(settings, SUMMER))
    assert str(with_email["ORGANIZER"]) == "mailto:s.lemaire@example.fr"
    assert with_email["ORGANIZER"].params["CN"] == "Sophie Lemaire"
    [without] = events(_calendar_on(settings, SUMMER, manager_email=None))
    assert "ORGANIZER" not in without


@settings_of_hypothesis(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(["a", " ", "é", "€", "𝄞", "\\", "^", ";", ",", "«"]),
        max_size=400,
    )
)
def test_lines_are_folded_exactly_as_icalendar_folds_them(text: str) -> None:
    line = f"DESCRIPTION:{text}"
    assert folded(line) == Contentline(line).to_ical().decode("utf-8")


@pytest.mark.parametrize("escape", ["\\", "^"])
@pytest.mark.parametrize("offset", [70, 71, 72, 73, 74, 75])
def test_a_fold_never_separates_an_escape_from_what_it_escapes(escape: str, offset: int) -> None:
    line = "DESCRIPTION:" + "é" * (offset // 2 - 6) + "a" * (offset % 2) + escape + "n" + "b" * 90
    written = folded(line)
    assert written == Contentline(line).to_ical().decode("utf-8")
    assert not any(piece.endswith(escape) for piece in written.split("\r\n"))


def test_every_calendar_of_the_example_is_what_icalendar_writes(settings: Settings) -> None:
    """Lines remembered from file to file (the stamp, the place, the times) are the ones
    icalendar writes for each: same bytes for every candidate and juror of the example."""
    checked = check_session(ROOT / "inputs" / "exemple", replace(settings, as_of=date(2027, 1, 11)))
    data, plan = checked.data, checked.plan
    assert plan is not None and data.session is not None
    calendars = [candidate_events(data, plan, c, settings) for c in data.candidates]
    calendars += [juror_events(data, plan, juror) for juror in data.jurors]
    assert sum(map(len, calendars)) > 20
    for found in calendars:
        expected = calendar_component(data.session, "Examen", found, settings).to_ical()
        assert calendar_bytes(data.session, "Examen", found, settings) == expected
