"""Every format people type in a cell reads as the same value; anything else is refused cleanly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.model import Civility, Delivery, EquipmentState, JurorResponse, StepMode, StepNature
from docgen.workbook import cells, choices
from docgen.workbook.cells import CellValueError


@pytest.mark.parametrize(
    "typed",
    [
        date(2027, 3, 15),
        datetime(2027, 3, 15, 0, 0),
        "15/03/2027",
        "15/03/27",
        "2027-03-15",
        " 15/3/2027 ",
        "15.03.2027",
        "15-03-2027",
        "2027-03-15 00:00:00",
        "15 mars 2027",
        "lundi 15 mars 2027",
    ],
)
def test_dates(typed: object) -> None:
    assert cells.calendar_date(typed) == date(2027, 3, 15)


def test_two_digit_years_of_birth_stay_in_the_last_century() -> None:
    assert cells.calendar_date("04/05/85") == date(1985, 5, 4)
    assert cells.calendar_date("04/05/01") == date(2001, 5, 4)


@pytest.mark.parametrize("typed", ["31/02/2027", "15/13/2027", "demain", "15/03", 46461, True])
def test_not_dates(typed: object) -> None:
    with pytest.raises(CellValueError, match="date"):
        cells.calendar_date(typed)


@pytest.mark.parametrize(
    "typed",
    [
        time(8, 30),
        datetime(1899, 12, 30, 8, 30),
        8.5 / 24,
        "8:30",
        "08:30",
        "8h30",
        "8H30",
        "8 h 30",
        "08:30:00",
    ],
)
def test_times(typed: object) -> None:
    assert cells.time_of_day(typed) == time(8, 30)


@pytest.mark.parametrize("typed", ["8h", "8", 8, "08:00"])
def test_whole_hours(typed: object) -> None:
    assert cells.time_of_day(typed) == time(8, 0)


@pytest.mark.parametrize("typed", ["25:00", "8h75", "midi", 8.5, -0.1, date(2027, 3, 15)])
def test_not_times(typed: object) -> None:
    with pytest.raises(CellValueError, match="heure"):
        cells.time_of_day(typed)


@pytest.mark.parametrize(
    "typed",
    [90, 90.0, "90", "90 min", "90min", "90 minutes", "1h30", "1 h 30", "1h30min", "1:30",
     "01:30:00", time(1, 30), timedelta(minutes=90), 1.5 / 24],
)  # fmt: skip
def test_durations(typed: object) -> None:
    assert cells.duration_minutes(typed) == 90


def test_long_durations() -> None:
    assert cells.duration_minutes("4h") == 240
    assert cells.duration_minutes(timedelta(hours=26)) == 26 * 60


@pytest.mark.parametrize("typed", ["1h75", "une heure", -5, True, 90.5])
def test_not_durations(typed: object) -> None:
    with pytest.raises(CellValueError, match="durée"):
        cells.duration_minutes(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Oui", True), ("OUI", True), ("o", True), ("X", True), ("x", True), ("Vrai", True),
        ("Yes", True), (True, True), (1, True),
        ("Non", False), ("n", False), ("Faux", False), ("No", False), (False, False), (0, False),
    ],
)  # fmt: skip
def test_yes_no(typed: object, expected: bool) -> None:
    assert cells.yes_no(typed) is expected


@pytest.mark.parametrize("typed", ["peut-être", 2, date(2027, 3, 15)])
def test_not_yes_no(typed: object) -> None:
    with pytest.raises(CellValueError, match="Oui ou Non"):
        cells.yes_no(typed)


@pytest.mark.parametrize("typed", [33, 33.0, "33", "33 %", "33%", 0.33])
def test_percentages(typed: object) -> None:
    assert cells.percent(typed) == 33


@pytest.mark.parametrize("typed", [12, 12.0, "12", " 12 ", "12,0", "1 2"])
def test_whole_numbers(typed: object) -> None:
    assert cells.whole_number(typed) == 12


@pytest.mark.parametrize("typed", [-1, 2.5, "douze", "12 %", True])
def test_not_whole_numbers(typed: object) -> None:
    with pytest.raises(CellValueError, match="entier"):
        cells.whole_number(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "Alpha; Beta",
        "Alpha;Beta",
        "Alpha\nBeta",
        "Alpha\r\nBeta",
        " Alpha ;; Beta ;",
        "Alpha_x000D_\nBeta",
    ],
)
def test_lists(typed: str) -> None:
    assert cells.text_list(typed) == ("Alpha", "Beta")


def test_siret_lists_keep_their_positions() -> None:
    assert cells.siret_list("; 123 456 789 00011") == (None, "12345678900011")
    assert cells.siret_list(12345678900011) == ("12345678900011",)
    with pytest.raises(CellValueError, match="14 chiffres"):
        cells.siret_list("1234")


@pytest.mark.parametrize(
    "typed", ["12:00-13:00", "12h-13h", "12h00 - 13h00", "12:00 à 13:00", "12h – 13h"]
)
def test_lunch_breaks(typed: str) -> None:
    assert cells.time_span(typed) == (time(12), time(13))


@pytest.mark.parametrize("typed", ["13:00-12:00", "12:00", "midi", time(12)])
def test_not_lunch_breaks(typed: object) -> None:
    with pytest.raises(CellValueError, match="plage horaire"):
        cells.time_span(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Toutes", None),
        ("toutes", None),
        ("15/03/2027", {date(2027, 3, 15)}),
        (datetime(2027, 3, 15), {date(2027, 3, 15)}),
        ("15/03/2027-17/03/2027", {date(2027, 3, 15), date(2027, 3, 16), date(2027, 3, 17)}),
        ("du 15/03/2027 au 16/03/2027", {date(2027, 3, 15), date(2027, 3, 16)}),
        ("2027-03-15 - 2027-03-16", {date(2027, 3, 15), date(2027, 3, 16)}),
        ("15/03/2027; 17/03/2027", {date(2027, 3, 15), date(2027, 3, 17)}),
        ("15/03/27\n17/03/27", {date(2027, 3, 15), date(2027, 3, 17)}),
    ],
)
def test_availabilities(typed: object, expected: set[date] | None) -> None:
    days = cells.available_days(typed)
    assert days == (None if expected is None else frozenset(expected))


@pytest.mark.parametrize("typed", ["17/03/2027-15/03/2027", "lundi", "15/03", "15/03/2027 sauf"])
def test_not_availabilities(typed: str) -> None:
    with pytest.raises(CellValueError, match="Toutes"):
        cells.available_days(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [(6000, "06000"), ("06000", "06000"), ("75 001", "75001"), (69007.0, "69007")],
)
def test_session_postal_codes(typed: object, expected: str) -> None:
    assert cells.session_postal_code(typed) == expected


@pytest.mark.parametrize("typed", ["6000", "Lyon", 123456])
def test_not_session_postal_codes(typed: object) -> None:
    with pytest.raises(CellValueError, match="5 chiffres"):
        cells.session_postal_code(typed)


def test_postal_codes_elsewhere_keep_what_was_typed() -> None:
    assert cells.postal_code("B-1000") == "B-1000"
    assert cells.postal_code(6000) == "06000"


def test_text_is_stripped_and_cleaned_but_keeps_what_people_type() -> None:
    assert cells.text("  Chaudronnerie & Fils <Sud> « l'atelier » 🔧 ") == (
        "Chaudronnerie & Fils <Sud> « l'atelier » 🔧"
    )
    assert cells.text("Ali\x0bce\x07_x000B_") == "Alice"
    assert cells.text("ligne 1_x000D_\nligne 2") == "ligne 1\nligne 2"
    assert cells.text(2245403) == "2245403"
    assert cells.text(2245403.0) == "2245403"
    assert cells.text(date(2027, 3, 15)) == "15/03/2027"


@pytest.mark.parametrize(
    ("parse", "typed", "expected"),
    [
        (choices.civility, "mme", Civility.MADAME),
        (choices.civility, "MME", Civility.MADAME),
        (choices.civility, "Madame", Civility.MADAME),
        (choices.civility, "M", Civility.MONSIEUR),
        (choices.civility, "Monsieur", Civility.MONSIEUR),
        (choices.step_nature, "Epreuve", StepNature.EPREUVE),
        (choices.step_nature, "temps cache", StepNature.TEMPS_CACHE),
        (choices.step_mode, "INDIVIDUEL", StepMode.INDIVIDUEL),
        (choices.delivery, "main propre", Delivery.MAIN_PROPRE),
        (choices.juror_response, "acceptée", JurorResponse.ACCEPTE),
        (choices.equipment_state, "a verifier", EquipmentState.A_VERIFIER),
        (choices.equipment_state, "HS", EquipmentState.HORS_SERVICE),
    ],
)
def test_choices_match_loosely(
    parse: Callable[[object], object], typed: str, expected: object
) -> None:
    assert parse(typed) is expected


def test_an_unknown_choice_lists_what_is_accepted() -> None:
    with pytest.raises(CellValueError) as refused:
        choices.civility("Docteur")
    assert refused.value.expected == "une valeur parmi « M. », « Mme »"


PARSERS: list[Callable[[object], object]] = [
    cells.text,
    cells.calendar_date,
    cells.time_of_day,
    cells.duration_minutes,
    cells.whole_number,
    cells.percent,
    cells.yes_no,
    cells.text_list,
    cells.siret_list,
    cells.session_postal_code,
    cells.postal_code,
    cells.time_span,
    cells.available_days,
    choices.civility,
    choices.step_mode,
]
CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**16), max_value=10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.text(alphabet="0123456789/-:hH;. apmin%", max_size=25),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=3)),
)


@settings(max_examples=150, deadline=None)
@given(value=CELL_VALUES)
def test_a_parser_gives_a_value_or_says_what_it_expects(value: object) -> None:
    for parse in PARSERS:
        try:
            parse(value)
        except CellValueError as refused:
            assert refused.expected
