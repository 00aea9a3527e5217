"""The rétroplanning: deadlines moved off non-working days, statuses at three dates, reminders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.dom.minidom import parseString

from icalendar import Calendar

from docgen.documents.retroplanning import (
    Status,
    render_retroplanning,
    retroplanning_context,
    session_deadlines,
    status_at,
)
from docgen.model import Equipment, EquipmentState, SessionData
from docgen.pdf import check_pdf
from docgen.settings import Settings
from tests.documents.conftest import ROOT, docx_text, make_data, xml_parts
from tests.libreoffice import convert_to_pdf, needs_libreoffice

TEMPLATES = ROOT / "docgen" / "templates"

# D = Monday 15 March 2027 in Seine-Saint-Denis.
DUE = {
    "pli-commande": date(2026, 12, 15),
    "invitations-conseil": date(2027, 1, 29),
    "convocations": date(2027, 2, 12),
    "invitations-limite": date(2027, 2, 26),  # D−15 is Sunday 28 February
    "pli-reception": date(2027, 3, 1),
    "materiel": date(2027, 3, 8),
    "ouverture": date(2027, 3, 15),
}


def session_data() -> SessionData:
    return make_data(
        pli_ordered=date(2026, 12, 1),
        invitations_sent=date(2027, 2, 5),
        convocations_validated=date(2027, 2, 10),
        pli_received=None,
    )


def statuses(data: SessionData, as_of: date) -> dict[str, tuple[Status, int]]:
    settings = Settings(as_of=as_of)
    found = {}
    for item in session_deadlines(data, settings):
        state = status_at(item, as_of)
        found[item.key] = (state.status, state.days)
    return found


def test_deadlines_are_moved_back_to_working_days_and_sorted() -> None:
    items = session_deadlines(session_data(), Settings(as_of=date(2027, 1, 1)))
    assert {item.key: item.due for item in items} == DUE
    assert [item.key for item in items] == list(DUE)
    moved = [item.key for item in items if item.moved]
    assert moved == ["invitations-limite"]


def test_before_everything_every_deadline_is_coming() -> None:
    found = statuses(session_data(), date(2026, 10, 1))
    assert {status for status, _ in found.values()} == {Status.COMING}
    assert found["pli-commande"] == (Status.COMING, 75)
    assert found["ouverture"] == (Status.COMING, 165)


def test_in_the_middle_done_late_and_coming() -> None:
    found = statuses(session_data(), date(2027, 2, 20))
    assert found["pli-commande"] == (Status.DONE, 0)
    assert found["invitations-conseil"] == (Status.DONE, 0)  # done, after the advised date
    assert found["convocations"] == (Status.DONE, 0)
    assert found["invitations-limite"] == (Status.DONE, 0)
    assert found["pli-reception"] == (Status.COMING, 9)
    assert found["materiel"] == (Status.COMING, 16)
    assert found["ouverture"] == (Status.COMING, 23)


def test_a_date_still_in_the_future_is_planned_not_done() -> None:
    found = statuses(session_data(), date(2027, 2, 1))
    # Invitations planned for 5 February: past D−45 (29 January), so late; not done yet.
    assert found["invitations-conseil"] == (Status.LATE, 3)
    assert found["convocations"] == (Status.COMING, 11)
    context = retroplanning_context(session_data(), Settings(as_of=date(2027, 2, 1)))
    row = next(row for row in context["rows"] if row["action"].startswith("Envoyer"))
    assert row["done"] == "prévu le 5 février 2027 (après l'échéance)"
    assert row["status"] == "En retard"


def test_after_d_what_was_never_recorded_is_late_and_the_session_opened() -> None:
    found = statuses(session_data(), date(2027, 3, 20))
    assert found["pli-reception"] == (Status.LATE, 19)
    assert found["materiel"] == (Status.LATE, 12)
    assert found["ouverture"] == (Status.DONE, 0)
    assert statuses(session_data(), date(2027, 3, 15))["ouverture"] == (Status.COMING, 0)


def test_the_equipment_check_is_done_once_every_item_is_checked() -> None:
    data = session_data()
    checked = [
        replace(item, checked_on=date(2027, 3, 5 + index))
        for index, item in enumerate(data.equipment)
    ]
    partly = replace(data, equipment=(checked[0], replace(data.equipment[1], checked_on=None)))
    # The second item is brought by the candidate: the centre does not check it.
    assert statuses(partly, date(2027, 3, 10))["materiel"] == (Status.DONE, 0)
    unchecked = Equipment("Meuleuse", 1, 2, EquipmentState.A_VERIFIER)
    missing = replace(data, equipment=(checked[0], unchecked))
    assert statuses(missing, date(2027, 3, 10))["materiel"] == (Status.LATE, 2)


def test_the_document_shows_each_status_with_its_colour() -> None:
    settings = Settings(as_of=date(2027, 3, 3), templates_dir=TEMPLATES)
    files = render_retroplanning(session_data(), None, settings)
    assert sorted(files) == ["retroplanning/retroplanning.docx", "retroplanning/retroplanning.ics"]
    content = files["retroplanning/retroplanning.docx"]
    for part in xml_parts(content).values():
        parseString(part)
    text = docx_text(content)
    assert "Situation au mercredi 3 mars 2027 : 4 fait(s), 1 en retard, 2 à venir" in text
    assert "Vendredi 26 février 2027" in text
    assert "avancée du dimanche 28 février 2027, jour non ouvré" in text
    assert "1 décembre 2026" not in text and "1er décembre 2026" in text
    assert "depuis 2 jours" in text and "dans 5 jours" in text
    assert "à saisir : Date de réception du pli" in text
    document = xml_parts(content)["word/document.xml"].decode("utf-8")
    assert 'w:fill="C6EFCE"' in document  # done
    assert 'w:fill="FFC7CE"' in document  # late
    assert 'w:fill="FFEB9C"' in document  # coming within a week


def test_the_reminders_calendar_has_one_all_day_event_per_deadline() -> None:
    settings = Settings(as_of=date(2027, 2, 20), templates_dir=TEMPLATES)
    content = render_retroplanning(session_data(), None, settings)[
        "retroplanning/retroplanning.ics"
    ]
    calendar = Calendar.from_ical(content)
    found = calendar.walk("VEVENT")
    assert [event.decoded("DTSTART") for event in found] == list(DUE.values())
    assert all((event.decoded("DTEND") - event.decoded("DTSTART")).days == 1 for event in found)
    alarms = {str(event["SUMMARY"]).split(" · ")[0]: len(event.walk("VALARM")) for event in found}
    # Done by 20 February: no reminder left; the others remind a week before and on the day.
    assert alarms == {"J−90": 0, "J−45": 0, "J−31": 0, "J−15": 0, "J−14": 2, "J−7": 2, "J": 2}
    uids = [str(event["UID"]) for event in found]
    assert len(set(uids)) == 7
    again = render_retroplanning(session_data(), None, replace(settings, as_of=date(2027, 3, 1)))
    assert uids == [
        str(event["UID"])
        for event in Calendar.from_ical(again["retroplanning/retroplanning.ics"]).walk("VEVENT")
    ]


def test_reruns_are_byte_identical() -> None:
    settings = Settings(as_of=date(2027, 2, 20), templates_dir=TEMPLATES)
    assert render_retroplanning(session_data(), None, settings) == render_retroplanning(
        session_data(), None, settings
    )


@needs_libreoffice
def test_libreoffice_converts_it_to_one_page(tmp_path: Path) -> None:
    settings = Settings(as_of=date(2027, 2, 20), templates_dir=TEMPLATES)
    files = render_retroplanning(session_data(), None, settings)
    docx = {name: content for name, content in files.items() if name.endswith(".docx")}
    pdf = convert_to_pdf(docx, tmp_path)["retroplanning"]
    assert check_pdf(pdf, "retroplanning.pdf") == 1
