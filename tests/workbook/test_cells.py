"""Text, numbers, yes/no, lists and codes read as typed; any value gives a value or a refusal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.workbook import cells, choices, moments
from docgen.workbook.cells import CellValueError, clean_text


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


@pytest.mark.parametrize("typed", [12, 12.0, "12", " 12 ", "12,0"])
def test_whole_numbers(typed: object) -> None:
    assert cells.whole_number(typed) == 12


def test_thousands_may_be_spaced() -> None:
    assert cells.whole_number("1 000") == 1000


@pytest.mark.parametrize("typed", [-1, 2.5, "douze", "12 %", True, "1 2"])
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


@pytest.mark.parametrize(
    ("typed", "expected"),
    [(612345678, "0612345678"), (612345678.0, "0612345678"), ("06 12 34 56 78", "06 12 34 56 78"),
     (33612345678, "33612345678")],
)  # fmt: skip
def test_phone_numbers_get_back_the_zero_excel_dropped(typed: object, expected: str) -> None:
    assert cells.phone(typed) == expected


def test_text_is_stripped_and_cleaned_but_keeps_what_people_type() -> None:
    assert cells.text("  Chaudronnerie & Fils <Sud> « l'atelier » 🔧 ") == (
        "Chaudronnerie & Fils <Sud> « l'atelier » 🔧"
    )
    assert cells.text("Ali\x0bce\x07_x000B_") == "Alice"
    assert cells.text("ligne 1_x000D_\nligne 2") == "ligne 1\nligne 2"
    assert cells.text(2245403) == "2245403"
    assert cells.text(2245403.0) == "2245403"
    assert cells.text(date(2027, 3, 15)) == "15/03/2027"


PARSERS: list[Callable[[object], object]] = [
    cells.text,
    moments.calendar_date,
    moments.time_of_day,
    moments.duration_minutes,
    cells.whole_number,
    cells.percent,
    cells.yes_no,
    cells.text_list,
    cells.siret_list,
    cells.session_postal_code,
    cells.postal_code,
    cells.phone,
    moments.time_span,
    moments.available_days,
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


def test_pasted_text_loses_its_byte_order_mark_and_control_characters() -> None:
    assert clean_text("\ufeff 12 rue des Lilas\x07 ") == "12 rue des Lilas"
