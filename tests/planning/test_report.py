"""The plan as scripts read it (INTERFACE.md's JSON) and as people read it (French, per day)."""

from __future__ import annotations

import json
import re

from docgen.planning import plan_session
from docgen.planning.report import plan_as_json, plan_as_text
from tests.planning.sessions import (
    candidate,
    juror,
    realistic_deroule,
    rooms,
    session_data,
    working_days,
)

MINUTE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


def planned():  # type: ignore[no-untyped-def]  # test helper returning the pair below
    days = working_days(2)
    people = [candidate(f"{n:07d}") for n in range(1, 9)]
    panel = [juror(name, "Marie") for name in ["DUPONT", "MARTIN", "LEROY", "BLANC", "PETIT"]]
    data = session_data(days, people, panel, realistic_deroule(), rooms(3))
    return plan_session(data, days), data


def test_json_has_interface_md_fields_and_minute_timestamps() -> None:
    plan, data = planned()

    payload = plan_as_json(plan, data, "inputs/exemple")

    json.dumps(payload)  # serialisable as is
    assert {"session", "days", "jury_pairs", "candidates", "jurors", "lower_bound_pairs"} <= set(
        payload
    )
    assert payload["session"] == "inputs/exemple"
    assert payload["days"] == ["2027-03-15", "2027-03-16"]
    assert payload["lower_bound_pairs"] == plan.lower_bound_pairs
    pair_ids = {pair["id"] for pair in payload["jury_pairs"]}
    assert all(set(pair) == {"id", "jurors"} for pair in payload["jury_pairs"])
    for entry in payload["candidates"]:
        assert {"numero", "name", "jury_pair", "convocation", "slots"} <= set(entry)
        assert entry["jury_pair"] in pair_ids
        assert MINUTE.match(entry["convocation"])
        for slot in entry["slots"]:
            assert {"step", "start", "end", "room", "jurors"} <= set(slot)
            assert MINUTE.match(slot["start"]) and MINUTE.match(slot["end"])
    for entry in payload["jurors"]:
        assert re.match(r"^[A-Z]+ Marie$", entry["name"])
        for slot in entry["slots"]:
            assert {"step", "start", "end", "candidate", "room"} <= set(slot)


def test_json_convocation_is_the_arrival_on_the_first_day() -> None:
    plan, data = planned()

    payload = plan_as_json(plan, data, "x", arrival_margin_minutes=15)

    first = payload["candidates"][0]
    # The first candidate attends the 8:30 opening: `Marge d'arrivée` (15 min) before it.
    assert first["slots"][0]["start"] == "2027-03-15T08:30"
    assert first["convocation"] == "2027-03-15T08:15"


def test_json_interview_slot_names_the_candidate_for_each_juror() -> None:
    plan, data = planned()

    payload = plan_as_json(plan, data, "x")

    interviews = [
        slot
        for entry in payload["jurors"]
        for slot in entry["slots"]
        if slot["step"] == "Entretien technique"
    ]
    assert len(interviews) == 2 * len(data.candidates)  # two jurors per interview
    assert {slot["candidate"] for slot in interviews} == {c.number for c in data.candidates}


def test_text_timetable_is_french_day_by_day_with_pairs_and_notes() -> None:
    plan, data = planned()

    text = plan_as_text(plan, data)

    assert text.startswith("Planning — Soudeur assembleur industriel (15/03/2027 – 16/03/2027")
    assert "Lundi 15 mars 2027" in text
    assert "Mardi 16 mars 2027" in text
    assert f"Binômes de jurés : {len(plan.jury_pairs)}" in text
    assert "  J1 : " in text
    assert (
        "08:30–09:00 · Ouverture de la session et des plis · Accueil · tous les candidats (8)"
        in (text)
    )
    assert "sans le candidat" in text  # the per-candidate deliberation
    for note in plan.notes:
        assert note in text
