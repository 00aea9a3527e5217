"""The workbook fields the planner's rules need: `Jurés` = `Tous`, `Matériel › Étapes`, and the
Session fields on arrival, waits and juror load."""

from __future__ import annotations

from docgen.workbook import load_workbook_file
from tests.conftest import MakeWorkbook
from tests.factory import set_cell, set_session_value, tidy_session_rows


def test_jures_tous_marks_a_step_for_every_evaluator(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Déroulé", 5, "Jurés", " tous ")
    loaded = load_workbook_file(make_workbook(sheets))
    data, findings = loaded.data, loaded.findings
    step = next(step for step in data.steps if step.order == 6)
    assert step.all_jurors
    assert step.jurors_required == 2  # counts as a pair wherever a number is needed
    assert not any(finding.code == "invalid-value" for finding in findings)


def test_a_wrong_juror_count_says_tous_is_accepted(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Déroulé", 5, "Jurés", "plusieurs")
    findings = load_workbook_file(make_workbook(sheets)).findings
    [finding] = [f for f in findings if f.code == "invalid-value"]
    assert finding.location.cell == "Déroulé!F7"
    assert "« Tous »" in finding.message


def test_equipment_steps_and_session_limits_are_read(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    sheets["Matériel"][0].append("Étapes")
    set_cell(sheets, "Matériel", 0, "Étapes", "Mise en situation professionnelle; 3")
    set_session_value(sheets, "Marge d'arrivée", "30 min")
    set_session_value(sheets, "Attente maximale", "1h30")
    set_session_value(sheets, "Jours maximum par juré", 2)
    set_session_value(sheets, "Heures maximum par juré et par jour", 6)
    data = load_workbook_file(make_workbook(sheets)).data
    assert data.equipment[0].steps == ("Mise en situation professionnelle", "3")
    assert data.equipment[1].steps == ()
    assert data.session is not None
    assert data.session.arrival_margin_minutes == 30
    assert data.session.max_wait_minutes == 90
    assert data.session.max_days_per_juror == 2
    assert data.session.max_juror_day_minutes == 360  # a bare number is hours


def test_without_the_new_fields_the_defaults_apply(make_workbook: MakeWorkbook) -> None:
    data = load_workbook_file(make_workbook()).data
    assert data.session is not None
    assert data.session.arrival_margin_minutes == 15
    assert data.session.max_wait_minutes == 60
    assert data.session.max_days_per_juror is None
    assert data.session.max_juror_day_minutes == 420
    assert not any(step.all_jurors for step in data.steps)
