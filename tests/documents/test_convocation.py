"""The convocation's context: what a candidate reads, with or without a plan."""

from __future__ import annotations

from dataclasses import replace

import pytest

from docgen.documents.convocation import convocation_context
from docgen.errors import InputError
from docgen.model import Delivery, SessionData
from docgen.settings import Settings
from tests.documents.conftest import at, make_candidate, make_data, make_plan


def plain(value: object) -> str:
    return str(value).replace("\u00a0", " ")


def test_without_plan_one_day_lists_the_epreuves_with_extra_time(settings: Settings) -> None:
    candidate = make_candidate(extra_time_percent=33)
    context = convocation_context(make_data(candidate), candidate, None, settings)
    [day] = context["days"]
    assert day["date"] == "Lundi 15 mars 2027"
    assert plain(day["arrival"]) == "8 h 00"
    assert day["place"] == "12 rue de l'Industrie, Zone d'activités Nord, 93290 Tremblay-en-France"
    names = [row["name"] for row in day["rows"]]
    # Épreuves only, candidate present: no opening (temps caché), no deliberation (jury only).
    assert names == ["Mise en situation professionnelle", "Entretien technique", "Entretien final"]
    assert [plain(row["duration"]) for row in day["rows"]] == ["4 h", "54 min", "40 min"]
    assert all(row["start"] == "" and row["end"] == "" for row in day["rows"])
    assert context["timetable_note"]
    assert "33 %" in plain(context["extra_time"])


def test_with_plan_each_day_has_its_own_arrival_and_times(settings: Settings) -> None:
    candidate = make_candidate()
    context = convocation_context(make_data(candidate), candidate, make_plan(), settings)
    first, second = context["days"]
    assert first["date"] == "Lundi 15 mars 2027"
    # `Marge d'arrivée` (15 min) before the 8 h 00 slot: never clamped to the start of the day,
    # or a candidate would be told to arrive when their step starts.
    assert plain(first["arrival"]) == "7 h 45"
    assert second["date"] == "Mardi 16 mars 2027"
    assert plain(second["arrival"]) == "8 h 45"
    assert [row["name"] for row in second["rows"]] == ["Entretien technique", "Entretien final"]
    assert plain(second["rows"][0]["hours"]) == "9 h 00 – 9 h 40"
    assert second["rows"][0]["room"] == "Salle 1"
    assert context["timetable_note"] == ""
    assert context["extra_time"] == ""


def test_arrival_is_the_session_margin_before_the_first_step(settings: Settings) -> None:
    candidate = make_candidate()
    data = make_data(candidate, arrival_margin_minutes=30)
    context = convocation_context(data, candidate, make_plan(), settings)
    assert plain(context["days"][1]["arrival"]) == "8 h 30"  # the interview starts at 9 h 00


def test_both_contexts_have_the_same_shape(settings: Settings) -> None:
    candidate = make_candidate()
    data = make_data(candidate)
    without = convocation_context(data, candidate, None, settings)
    with_plan = convocation_context(data, candidate, make_plan(), settings)

    def shape(value: object) -> object:
        if isinstance(value, dict):
            return {key: shape(item) for key, item in value.items()}
        if isinstance(value, list):
            return [shape(value[0])] if value else []
        return type(value).__name__

    assert shape(without) == shape(with_plan)


def test_mandatory_content(settings: Settings) -> None:
    candidate = make_candidate()
    context = convocation_context(make_data(candidate), candidate, None, settings)
    assert context["recipient"]["name"] == "LEFÈVRE Hélène"
    assert context["recipient"]["number"] == "2245403"
    assert context["issue"] == {"place": "Tremblay-en-France", "date": "11 janvier 2027"}
    assert context["objet"] == (
        "Convocation à la session d'examen du 15 au 17 mars 2027 pour le Titre professionnel "
        "«\u00a0Soudeur assembleur industriel\u00a0»"
    )
    assert context["items_to_bring"] == [
        "Original d'une pièce d'identité en cours de validité",
        "La présente convocation",
        "Votre dossier professionnel (DP)",
        "Masque de soudage",
    ]
    assert context["manager"]["name"] == "Sophie Lemaire"
    assert "1A 012 345 6789 0" in plain(context["delivery"]["text"])


def test_hand_delivery(settings: Settings) -> None:
    candidate = make_candidate(delivery=Delivery.MAIN_PROPRE, registered_mail_number=None)
    context = convocation_context(make_data(candidate), candidate, None, settings)
    assert context["delivery"]["by_hand"] is True
    assert "main propre contre signature" in context["delivery"]["text"]


def test_a_session_sheet_that_could_not_be_read_stops_the_run(settings: Settings) -> None:
    candidate = make_candidate()
    with pytest.raises(InputError, match="feuille Session"):
        convocation_context(SessionData(session=None), candidate, None, settings)


def test_an_epreuve_across_lunch_shows_the_break_apart_and_its_real_duration(
    settings: Settings,
) -> None:
    # A third more time on the 3-hour MSP: 4 hours of work from 8 h 45, lunch 12 h – 13 h.
    candidate = make_candidate(extra_time_percent=33)
    plan = make_plan()
    slots = tuple(
        replace(slot, end=at(15, 13, 45)) if slot.step.name.startswith("Mise") else slot
        for slot in plan.slots
    )
    context = convocation_context(
        make_data(candidate), candidate, replace(plan, slots=slots), settings
    )
    row = context["days"][0]["rows"][1]
    assert plain(row["hours"]) == (
        "8 h 45 – 12 h 00 puis 13 h 00 – 13 h 45 (pause déjeuner non comptée)"
    )
    assert plain(row["duration"]) == "4 h"
    assert "temps majoré de 33" in plain(context["extra_time"])
