"""The posters hung on site: the règlement, and the déroulé that shows numbers and never names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest

from docgen.documents.deroule_grid import KINDS, day_grid
from docgen.documents.posters import DEROULE_FILE, REGLEMENT_FILE, render_posters
from docgen.model import SessionData
from docgen.pipeline import check_session
from docgen.planning.plan import Plan
from docgen.settings import Settings
from tests.documents.conftest import (
    ROOT,
    at,
    docx_text,
    make_candidate,
    make_data,
    make_plan,
    xml_parts,
)
from tests.libreoffice import convert_to_pdf, needs_libreoffice

EXAMPLE = ROOT / "inputs" / "exemple"
Example = tuple[SessionData, Plan, Settings]
HOSTILE = 'Soudure & Fils <SARL> "Ateliers" l\'Étoile 🔥'


@pytest.fixture(scope="module")
def example() -> Example:
    settings = Settings(as_of=date(2027, 1, 11))
    checked = check_session(EXAMPLE, settings)
    assert checked.plan is not None
    return checked.data, checked.plan, settings


def distinctive(data: SessionData) -> SessionData:
    """The same candidates (same numbers, same plan) under names no template could contain."""
    renamed = tuple(
        replace(
            candidate,
            birth_name=f"Zorglub{index}naissance",
            usage_name=f"Zorglub{index}usage",
            first_name=f"Prénomxyz{index}",
        )
        for index, candidate in enumerate(data.candidates)
    )
    return replace(data, candidates=renamed)


def all_text(content: bytes) -> str:
    """Every character of every XML part, tags removed: what any reader of the file could find."""
    return " ".join(
        re.sub(r"<[^>]+>", " ", xml.decode("utf-8")) for xml in xml_parts(content).values()
    )


def test_the_reglement_holds_the_rules_and_the_session(example: Example) -> None:
    data, plan, settings = example
    text = docx_text(render_posters(data, plan, settings)[REGLEMENT_FILE])
    for expected in (
        "Règlement de la session d'examen",
        "Soudeur assembleur industriel",
        "du 15 au 17 mars 2027",
        "14 rue des Chaudronniers",
        "Nathalie Roussel",
        "Session CERES n° 93-2027-0042",
        "arrêté du 21 juillet 2016 portant règlement général des sessions d'examen".casefold(),
        "pièce d'identité",
        "EPI",
        "l'heure de fin de l'épreuve n'est pas reportée",
        "Téléphones",
        "aide extérieure",
        "plateau technique",
        "rapport signé par les témoins",
        "retrait du titre",
        "Le jury délibère seul",
        "DREETS",
        "Recours",
    ):
        assert expected in text or expected in text.casefold(), expected


def test_the_deroule_shows_every_number_and_no_name(example: Example) -> None:
    data, plan, settings = example
    data = distinctive(data)
    content = render_posters(data, plan, settings)[DEROULE_FILE]
    text = all_text(content)
    for candidate in data.candidates:
        assert candidate.number in text
        for name in (candidate.birth_name, candidate.usage_name or "", candidate.first_name):
            assert name and name.casefold() not in text.casefold()
    assert "Zorglub" not in text and "Prénomxyz" not in text


def test_the_deroule_has_one_page_per_day_with_lunch_and_final_deliberation(
    example: Example,
) -> None:
    data, plan, settings = example
    content = render_posters(data, plan, settings)[DEROULE_FILE]
    text = docx_text(content)
    for day in ("Lundi 15 mars 2027", "Mardi 16 mars 2027", "Mercredi 17 mars 2027"):
        assert f"Déroulé de la session – {day}" in text
    assert text.count("Pause déjeuner") >= 3
    assert "Délibération finale et signature du procès-verbal" in text
    assert "Délibération du jury" in text
    assert "Accueil" in text and "Installation et lecture des consignes" in text
    # The opening is held with day 1's candidates only, not with those who come later.
    opening = next(slot for slot in plan.slots if slot.step.name.startswith("Ouverture"))
    day_one = {
        number
        for slot in plan.slots
        if slot.start.date() == opening.start.date() and slot.step.is_epreuve
        for number in slot.candidates
    }
    assert set(opening.candidates) == day_one
    assert "Tous les candidats (11)" not in text
    for label, _ in KINDS.values():
        assert label in text  # the legend
    document = ElementTree.fromstring(xml_parts(content)["word/document.xml"])
    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    breaks = document.iter(f"{namespace}pageBreakBefore")
    assert len(list(breaks)) == 3


def test_a_grid_block_is_merged_down_its_rows_and_lunch_fills_free_rooms() -> None:
    data = make_data(make_candidate())
    assert data.session is not None
    plan = make_plan()
    grid = day_grid(date(2027, 3, 16), plan.slots, data.session, (), frozenset({"2245403"}))
    assert [column["name"] for column in grid["columns"]] == ["Salle 1"]
    assert grid["columns"][0]["jury"] == "Jury J1"
    times = [row["time"].replace("\u00a0", " ") for row in grid["rows"]]
    assert times[0] == "8 h 00" and times[-1] == "17 h 00"
    cells = {time_: row["cells"][0] for time_, row in zip(times, grid["rows"], strict=True)}
    interview = cells["9 h 00"]
    assert interview["title"] == "Entretien technique" and not interview["continued"]
    assert "Candidat n° 2245403" in interview["detail"]
    assert "jury J1" in interview["detail"]
    assert cells["9 h 30"]["continued"]  # 9 h 00 – 9 h 40: one merged block
    assert cells["9 h 30"]["colour"] == interview["colour"] == KINDS["entretien"][1]
    assert cells["10 h 15"]["colour"] == KINDS["deliberation"][1]
    assert cells["12 h 00"]["title"] == "Pause déjeuner"
    assert cells["12 h 00"]["colour"] == KINDS["pause"][1]
    assert cells["12 h 30"]["continued"]
    assert cells["14 h 00"] == {
        "continued": False,
        "title": "",
        "detail": "",
        "colour": "FFFFFF",
        "span": 18,
    }


def test_a_sitting_shows_as_one_block_that_never_reveals_extra_time() -> None:
    # 2245404 has a third more time: their own slot of the MSP ends at 12 h 45. The public
    # poster shows the sitting as one block until the room is free, both numbers together,
    # never one end time per candidate (extra time is health-related personal data).
    data = make_data(make_candidate(), make_candidate(number="2245404"))
    assert data.session is not None
    plan = make_plan()
    msp = next(slot for slot in plan.slots if slot.step.name.startswith("Mise"))
    longer = replace(msp, end=at(15, 12, 45), candidates=("2245404",))
    grid = day_grid(
        date(2027, 3, 15), (msp, longer), data.session, (), frozenset({"2245403", "2245404"})
    )
    assert len(grid["columns"]) == 1
    starts = [row["cells"][0] for row in grid["rows"] if row["cells"][0]["title"]]
    titles = [cell["title"] for cell in starts]
    assert titles == ["Mise en situation professionnelle", "Pause déjeuner"]
    # Lunch shows only where the room is free: after the sitting.
    assert "12 h 45 – 13 h 00" in starts[1]["detail"].replace("\u00a0", " ")
    detail = starts[0]["detail"].replace("\u00a0", " ")
    assert "Candidats n° 2245403, 2245404" in detail
    assert "8 h 45 – 12 h 45" in detail
    assert "11 h 45" not in detail


def test_an_individual_epreuve_shows_its_standard_duration_on_the_poster() -> None:
    data = make_data(make_candidate())
    assert data.session is not None
    interview = next(s for s in make_plan().slots if s.step.name == "Entretien technique")
    slower = replace(interview, end=interview.end + timedelta(minutes=13))
    grid = day_grid(
        interview.start.date(), (slower,), data.session, (), frozenset({"2245403", "2245404"})
    )
    detail = next(row["cells"][0]["detail"] for row in grid["rows"] if row["cells"][0]["title"])
    assert "9 h 00 – 9 h 40" in detail.replace("\u00a0", " ")


def test_hostile_values_survive_and_every_part_parses(settings: Settings) -> None:
    data = make_data(make_candidate(), centre=HOSTILE, manager=HOSTILE, exam_place=HOSTILE)
    files = render_posters(data, make_plan(), settings)
    assert set(files) == {REGLEMENT_FILE, DEROULE_FILE}
    for content in files.values():
        for xml in xml_parts(content).values():
            ElementTree.fromstring(xml)  # raises on a broken part
        text = docx_text(content)
        assert HOSTILE in text


def test_without_a_plan_only_the_reglement_is_written(settings: Settings) -> None:
    files = render_posters(make_data(make_candidate()), None, settings)
    assert list(files) == [REGLEMENT_FILE]


def test_two_renders_are_byte_identical(example: Example) -> None:
    data, plan, settings = example
    assert render_posters(data, plan, settings) == render_posters(data, plan, settings)


def test_the_progress_callback_sees_every_poster(settings: Settings) -> None:
    seen: list[str] = []

    def progress(names: Iterable[str], label: str) -> list[str]:
        seen.extend(names)
        return list(seen)

    files = render_posters(make_data(make_candidate()), make_plan(), settings, progress)
    assert seen == list(files)


@needs_libreoffice
def test_libreoffice_converts_both_posters(tmp_path: Path, example: Example) -> None:
    data, plan, settings = example
    pdfs = convert_to_pdf(render_posters(data, plan, settings), tmp_path)
    for stem, pages in (("reglement", 1), ("deroule", 3)):
        pdf = pdfs[stem]
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == pages, stem
