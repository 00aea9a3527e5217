"""planning.xlsx: one printable sheet per view, real dates and times, the same bytes every run."""

from __future__ import annotations

import io
import zipfile
import zlib
from datetime import date, time

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from docgen.model import Candidate, SessionData
from docgen.planning import plan_session
from docgen.planning.plan import Plan
from docgen.workbook.planning_export import LEVEL, planning_workbook_bytes
from tests.planning.sessions import (
    candidate,
    juror,
    realistic_deroule,
    rooms,
    session_data,
    working_days,
)

VIEWS = ["Synthèse", "Par candidat", "Par binôme", "Par salle", "Par jour"]


@pytest.fixture(scope="module")
def planned() -> tuple[Plan, SessionData]:
    days = working_days(2)
    people: list[Candidate] = [candidate(f"{n:07d}") for n in range(1, 8)]
    tricky = candidate("0000008")
    people.append(
        Candidate(**{**tricky.__dict__, "birth_name": "Dupont & <Fils>\x07", "first_name": "Zoé"})
    )
    panel = [juror(name) for name in ["DUPONT", "MARTIN", "LEROY", "BLANC", "PETIT"]]
    data = session_data(days, people, panel, realistic_deroule(), rooms(3))
    return plan_session(data, days), data


def opened(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))


def test_one_sheet_per_view_with_frozen_headers_printed_on_each_landscape_page(
    planned: tuple[Plan, SessionData],
) -> None:
    workbook = opened(planning_workbook_bytes(*planned))

    assert workbook.sheetnames == VIEWS
    for sheet in workbook:
        assert sheet.freeze_panes == "A2"
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert all(sheet.column_dimensions[c].width >= 7 for c in "AB")
        assert sheet["A1"].font.b


def test_every_candidate_slot_is_a_row_with_a_real_date_and_real_times(
    planned: tuple[Plan, SessionData],
) -> None:
    plan, data = planned
    sheet = opened(planning_workbook_bytes(plan, data))["Par candidat"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))

    assert len(rows) == sum(len(plan.candidate_slots(c.number)) for c in data.candidates)
    first = plan.candidate_slots("0000001")[0]
    row = next(r for r in rows if r[0] == "0000001")
    assert row[3].date() == first.start.date()  # type: ignore[union-attr]  # a date cell
    assert row[4] == first.start.time()
    assert row[5] == first.end.time()
    assert isinstance(row[4], time)
    assert sheet["D2"].number_format == "dd/mm/yyyy"
    assert sheet["E2"].number_format == "h:mm"


def test_pair_room_and_day_views_hold_what_a_centre_prints(
    planned: tuple[Plan, SessionData],
) -> None:
    plan, data = planned
    workbook = opened(planning_workbook_bytes(plan, data))

    by_pair = list(workbook["Par binôme"].iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in by_pair} == {pair.id for pair in plan.jury_pairs}
    by_day = list(workbook["Par jour"].iter_rows(min_row=2, values_only=True))
    assert len(by_day) == len(plan.slots)
    assert {row[0].date() for row in by_day} == set(plan.days)  # type: ignore[union-attr]
    by_room = list(workbook["Par salle"].iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in by_room} == {slot.room for slot in plan.slots if slot.room}
    summary = dict(workbook["Synthèse"].iter_rows(min_row=2, max_col=2, values_only=True))
    assert summary["Binômes de jurés"] == len(plan.jury_pairs)
    assert summary["Borne inférieure (binômes)"] == plan.lower_bound_pairs


def test_names_with_markup_characters_come_back_as_typed(
    planned: tuple[Plan, SessionData],
) -> None:
    sheet = opened(planning_workbook_bytes(*planned))["Par candidat"]

    names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "DUPONT & <FILS> Zoé" in names  # the control character is dropped, the rest kept


def test_reruns_give_byte_identical_files_with_fixed_properties(
    planned: tuple[Plan, SessionData],
) -> None:
    first = planning_workbook_bytes(*planned)
    second = planning_workbook_bytes(*planned)

    assert first == second
    properties = opened(first).properties
    assert properties.created is not None and properties.created.date() == date(2027, 3, 15)
    assert properties.modified == properties.created
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {
        (1980, 1, 1, 0, 0, 0)
    }


def test_an_empty_plan_still_gives_a_readable_workbook() -> None:
    days = working_days(1)
    data = session_data(days, [], [], realistic_deroule(), rooms(1))
    plan = plan_session(data, days)

    workbook = opened(planning_workbook_bytes(plan, data))

    assert workbook.sheetnames == VIEWS
    assert workbook["Par candidat"].max_row == 1


def test_the_sheets_are_deflated_at_the_fast_level(planned: tuple[Plan, SessionData]) -> None:
    """Level 1: three times faster than zlib's default on a 500-candidate planning."""
    with zipfile.ZipFile(io.BytesIO(planning_workbook_bytes(*planned))) as archive:
        for member in archive.infolist():
            compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
            data = archive.read(member)
            expected = compressor.compress(data) + compressor.flush()
            assert member.compress_size == len(expected), member.filename
