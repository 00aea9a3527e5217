"""Whatever is typed in whichever cell, loading gives data and findings, never an exception."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.workbook import load_workbook_file, read_session_data
from docgen.workbook.raw import RawSheet
from tests.conftest import MakeWorkbook
from tests.factory import Sheets, set_cell, set_session_value, tidy_session_rows
from tests.workbook.test_loading import without_origins

LOADER_CODES = {
    "missing-sheet",
    "missing-column",
    "missing-value",
    "invalid-value",
    "unknown-column",
}
TIDY = tidy_session_rows()


def raw_sheets(sheets: Sheets) -> list[RawSheet]:
    return [
        RawSheet(
            name,
            tuple((number, tuple(row)) for number, row in enumerate(rows, start=1) if row),
        )
        for name, rows in sheets.items()
    ]


CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["#N/A", "Toutes", "X", "12h-13h", "1h30", "15/03/27", "33 %", "_x000B_"]),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(days=2)),
)
CELLS = st.sampled_from(
    [
        (sheet, row, column)
        for sheet, rows in TIDY.items()
        for row in range(len(rows))
        for column in range(len(rows[row]))
    ]
)


@settings(max_examples=60, deadline=None)
@given(changes=st.lists(st.tuples(CELLS, CELL_VALUES), min_size=1, max_size=6))
def test_any_value_in_any_cell_gives_data_and_findings(
    changes: list[tuple[tuple[str, int, int], object]],
) -> None:
    sheets = tidy_session_rows()
    for (sheet, row, column), value in changes:
        sheets[sheet][row][column] = value
    loaded = read_session_data(raw_sheets(sheets))
    for finding in loaded.findings:
        assert finding.code in LOADER_CODES | {"duplicate-candidate"}
        assert finding.location.sheet
        assert finding.message.endswith(".")
    if not loaded.findings:
        assert loaded.data.session is not None


def test_native_excel_values_read_like_typed_text(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_session_value(sheets, "Date de début", datetime(2027, 3, 15))
    set_session_value(sheets, "Code postal", 69007)
    set_session_value(sheets, "Candidats prévus", 3.0)
    set_session_value(sheets, "Heure d'ouverture", datetime(1899, 12, 30, 8, 30))
    set_cell(sheets, "Candidats", 1, "Temps majoré", 0.33)
    set_cell(sheets, "Candidats", 0, "N° candidat", 2245401)
    set_cell(sheets, "Candidats", 0, "SIRET entreprises", "12345678900011\n98765432100022")
    set_cell(sheets, "Déroulé", 1, "Durée", time(4, 0))
    set_cell(sheets, "Déroulé", 2, "Durée", timedelta(hours=1))
    set_cell(sheets, "Déroulé", 5, "Candidat présent", False)
    set_cell(sheets, "Salles", 2, "Confidentielle", True)
    set_cell(sheets, "Jurys", 2, "Disponibilités", "15/03/2027; 16/03/2027")
    native = load_workbook_file(make_workbook(sheets, name="native"))
    tidy = load_workbook_file(make_workbook(name="tidy"))
    assert native.findings == ()
    assert without_origins(native.data) == without_origins(tidy.data)


def test_a_long_sheet_with_gaps_keeps_its_row_numbers(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    header, first = sheets["Salles"][0], sheets["Salles"][1]
    sheets["Salles"] = [header] + [[] for _ in range(500)] + [first]
    loaded = load_workbook_file(make_workbook(sheets))
    assert [room.origin.row for room in loaded.data.rooms] == [502]


def test_a_birth_date_typed_as_text_and_as_a_date_agree() -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 0, "Date de naissance", "04/05/1990")
    loaded = read_session_data(raw_sheets(sheets))
    assert loaded.data.candidates[0].birth_date == date(1990, 5, 4)
