"""Rules on the session: candidate count, dates, days off, responsable, entretien final."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from docgen.findings import Location, Severity, sorted_findings
from docgen.model import SessionData, SessionType, StepNature
from docgen.rules.deadlines import sent_after_start
from docgen.rules.session import (
    candidate_count,
    entretien_final_last,
    organizer_email,
    responsable,
    session_dates,
    session_days_off,
    session_over,
)
from docgen.settings import Settings

WithSession = Callable[..., SessionData]


def test_the_clean_session_has_nothing_to_say(clean: SessionData, settings: Settings) -> None:
    for rule in (candidate_count, session_dates, session_days_off, responsable):
        assert list(rule(clean, settings)) == []
    assert list(entretien_final_last(clean, settings)) == []


def test_candidate_count_mismatch_points_at_candidats_prevus(
    with_session: WithSession, settings: Settings
) -> None:
    [finding] = candidate_count(with_session(expected_candidates=3), settings)
    assert finding.code == "candidate-count-mismatch"
    assert finding.severity is Severity.WARNING
    assert finding.location.cell == "Session!B17"
    assert finding.message.startswith(
        "3 candidats sont prévus (nombre déclaré dans CERES) mais la feuille Candidats en compte 2."
    )


def test_candidate_count_is_silent_when_the_candidats_sheet_is_missing(
    with_session: WithSession, settings: Settings
) -> None:
    data = replace(with_session(expected_candidates=3), present_sheets=frozenset({"Session"}))
    assert list(candidate_count(data, settings)) == []


def test_end_before_start_is_an_error_on_the_end_date(
    with_session: WithSession, settings: Settings
) -> None:
    [finding] = session_dates(with_session(end=date(2027, 3, 12)), settings)
    assert finding.code == "session-dates"
    assert finding.severity is Severity.ERROR
    assert finding.location.cell == "Session!B12"
    assert finding.message == (
        "La date de fin (vendredi 12 mars 2027) est avant la date de début "
        "(lundi 15 mars 2027). Corrigez « Date de fin » ou « Date de début »."
    )


def test_a_one_day_session_is_fine(with_session: WithSession, settings: Settings) -> None:
    assert list(session_dates(with_session(end=date(2027, 3, 15)), settings)) == []


def test_a_holiday_in_the_session_is_named_with_its_date(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(start=date(2027, 5, 14), end=date(2027, 5, 17))
    findings = list(session_days_off(data, settings))
    # The weekend between the first and the last day is simply not worked: no warning.
    assert [(f.code, f.severity) for f in findings] == [("session-day-holiday", Severity.WARNING)]
    holiday = findings[-1]
    assert holiday.message.startswith(
        "Le lundi 17 mai 2027, jour de session, est férié (Lundi de Pentecôte)."
    )
    assert holiday.location.cell == "Session!B12"


def test_a_saturday_chosen_as_a_session_day_is_a_warning(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(start=date(2027, 5, 13), end=date(2027, 5, 15))
    [finding] = session_days_off(data, settings)
    assert finding.code == "session-day-weekend"
    assert finding.message.startswith("Le samedi 15 mai 2027, jour de session, tombe un week-end")


def test_a_weekday_holiday_inside_the_session_is_skipped_with_a_warning(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(start=date(2027, 5, 5), end=date(2027, 5, 7))
    [finding] = session_days_off(data, settings)
    assert finding.code == "session-day-holiday"
    assert "Ascension" in finding.message
    assert "le planning passe au jour suivant" in finding.message


def test_a_session_of_several_months_is_an_error(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(start=date(2024, 3, 15), end=date(2027, 3, 17))
    [finding] = session_dates(data, settings)
    assert finding.code == "session-dates"
    assert finding.is_error
    assert "1098 jours" in finding.message


def test_good_friday_is_a_holiday_only_in_alsace_moselle(
    with_session: WithSession, settings: Settings
) -> None:
    days = {"start": date(2027, 3, 25), "end": date(2027, 3, 26)}
    assert list(session_days_off(with_session(postal_code="69003", **days), settings)) == []
    [finding] = session_days_off(with_session(postal_code="57000", **days), settings)
    assert finding.code == "session-day-holiday"
    assert "vendredi 26 mars 2027" in finding.message
    assert "(Vendredi saint)" in finding.message


def test_first_of_the_month_is_written_1er(with_session: WithSession, settings: Settings) -> None:
    data = with_session(start=date(2027, 11, 1), end=date(2027, 11, 1))
    [finding] = session_days_off(data, settings)
    assert finding.message.startswith("Le lundi 1er novembre 2027, jour de session, est férié")


def test_an_overseas_holiday_is_reported(with_session: WithSession, settings: Settings) -> None:
    data = with_session(postal_code="97110", start=date(2027, 5, 27), end=date(2027, 5, 27))
    [finding] = session_days_off(data, settings)
    assert "(Abolition de l'esclavage)" in finding.message


def test_a_missing_responsable_is_an_error(with_session: WithSession, settings: Settings) -> None:
    for blank in (None, "  "):
        [finding] = responsable(with_session(manager=blank), settings)
        assert finding.code == "responsable-missing"
        assert finding.severity is Severity.ERROR
        assert finding.location.cell == "Session!B18"


def test_a_missing_responsable_email_warns_that_calendars_have_no_organizer(
    with_session: WithSession, settings: Settings
) -> None:
    for blank in (None, "  "):
        [finding] = organizer_email(with_session(manager_email=blank), settings)
        assert finding.code == "organizer-email-missing"
        assert finding.severity is Severity.WARNING
        assert finding.location.cell == "Session!B20"
        assert "Email du responsable" in finding.message
    assert list(organizer_email(with_session(), settings)) == []


def test_entretien_final_before_another_epreuve_is_an_error(
    clean: SessionData, settings: Settings
) -> None:
    steps = tuple(
        replace(step, order={3: 4, 4: 3}.get(step.order, step.order)) for step in clean.steps
    )
    [finding] = entretien_final_last(replace(clean, steps=steps), settings)
    assert finding.code == "entretien-final-not-last"
    assert finding.severity is Severity.ERROR
    assert finding.location.cell == "Déroulé!A5"
    assert finding.message.startswith(
        "L'étape « Entretien final » (ordre 3) n'est pas la dernière épreuve : "
        "« Entretien technique » (ordre 4) suit."
    )


def test_entretien_final_is_matched_loosely(clean: SessionData, settings: Settings) -> None:
    steps = tuple(
        replace(step, name="  ENTRETIEN  Final ", order=1)
        if step.name == "Entretien final"
        else step
        for step in clean.steps
    )
    [finding] = entretien_final_last(replace(clean, steps=steps), settings)
    assert "« Mise en situation professionnelle »" not in finding.message
    assert "« Entretien technique » (ordre 3) suit" in finding.message


def test_entretien_final_marked_temps_cache_is_an_error(
    clean: SessionData, settings: Settings
) -> None:
    steps = tuple(
        replace(step, nature=StepNature.TEMPS_CACHE) if step.name == "Entretien final" else step
        for step in clean.steps
    )
    [finding] = entretien_final_last(replace(clean, steps=steps), settings)
    assert "est notée « Temps caché »" in finding.message


def test_a_titre_without_entretien_final_is_an_error(
    clean: SessionData, settings: Settings
) -> None:
    steps = tuple(step for step in clean.steps if step.name != "Entretien final")
    [finding] = entretien_final_last(replace(clean, steps=steps), settings)
    assert finding.location == Location("Déroulé")


def test_a_ccp_session_needs_no_entretien_final(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(session_type=SessionType.CCP)
    data = replace(data, steps=tuple(s for s in data.steps if s.name != "Entretien final"))
    assert list(entretien_final_last(data, settings)) == []


def test_entretien_finale_is_recognised(clean: SessionData, settings: Settings) -> None:
    steps = tuple(
        replace(step, name="Entretien finale avec le jury")
        if step.name == "Entretien final"
        else step
        for step in clean.steps
    )
    assert list(entretien_final_last(replace(clean, steps=steps), settings)) == []


def test_candidate_count_counts_the_rows_typed_not_only_those_read(
    with_session: WithSession, settings: Settings
) -> None:
    data = replace(with_session(expected_candidates=3), candidate_rows=3)
    assert list(candidate_count(data, settings)) == []


def test_holidays_inside_a_session_come_in_date_order(
    with_session: WithSession, settings: Settings
) -> None:
    # Toussaint (Monday 1 November 2027) comes before the Armistice (Thursday 11 November),
    # although « jeudi » sorts before « lundi ».
    data = with_session(start=date(2027, 10, 29), end=date(2027, 11, 15))
    findings = sorted_findings(session_days_off(data, settings))
    assert [f.message.split(",")[0] for f in findings] == [
        "Le lundi 1er novembre 2027",
        "Le jeudi 11 novembre 2027",
    ]


def test_a_session_already_over_is_an_error_on_its_last_day(
    clean: SessionData, settings: Settings
) -> None:
    assert list(session_over(clean, replace(settings, as_of=date(2027, 3, 16)))) == []
    [finding] = session_over(clean, replace(settings, as_of=date(2027, 3, 17)))
    assert finding.code == "session-past"
    assert finding.severity is Severity.ERROR
    assert finding.location.cell is not None and finding.location.cell.startswith("Session!B")
    assert "déjà terminée" in finding.message and "16 mars 2027" in finding.message


def test_convocations_written_after_the_first_day_get_a_warning(
    clean: SessionData, settings: Settings
) -> None:
    during = replace(settings, as_of=date(2027, 3, 16))
    assert list(sent_after_start(clean, replace(settings, as_of=date(2027, 3, 15)), ["x"])) == []
    assert list(sent_after_start(clean, during, [])) == []  # the day sheets stay writable
    [finding] = sent_after_start(clean, during, ["convocations", "invitations"])
    assert finding.code == "sent-after-start"
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("Des convocations et des invitations écrites le mardi 16")
