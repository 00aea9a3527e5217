"""Deadlines before D = Monday 15 March 2027 (Lyon unless said otherwise)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

import pytest

from docgen.findings import Finding, Location, Severity
from docgen.model import Origin, SessionData
from docgen.rules.deadlines import (
    convocation_deadline,
    invitation_deadline,
    pli_order_deadline,
    pli_reception_deadline,
)
from docgen.settings import Settings

WithSession = Callable[..., SessionData]


def at(settings: Settings, as_of: date) -> Settings:
    return replace(settings, as_of=as_of)


def one(findings: Iterable[Finding]) -> Finding:
    [finding] = findings
    return finding


# Convocations: D−31 is Friday 12 February 2027.


def test_convocations_validated_exactly_at_d_minus_31_are_on_time(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(convocations_validated=date(2027, 2, 12))
    assert list(convocation_deadline(data, at(settings, date(2027, 3, 1)))) == []


def test_convocations_validated_one_day_late_are_an_error(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(convocations_validated=date(2027, 2, 13))
    finding = one(convocation_deadline(data, settings))
    assert finding.code == "convocation-late"
    assert finding.severity is Severity.ERROR
    assert finding.location.cell == "Session!B23"
    assert finding.message == (
        "La validation des convocations est datée du samedi 13 février 2027, après la date "
        "limite du vendredi 12 février 2027 (J−31 avant le lundi 15 mars 2027). Validez-les "
        "dans CERES et envoyez-les au plus tard à cette date, ou reportez la session."
    )


def test_convocations_without_a_date_are_late_only_once_the_deadline_has_passed(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(convocations_validated=None)
    assert list(convocation_deadline(data, at(settings, date(2027, 2, 12)))) == []
    finding = one(convocation_deadline(data, at(settings, date(2027, 2, 13))))
    assert finding.code == "convocation-late"
    assert finding.location.cell == "Session!B23"
    assert "au samedi 13 février 2027" in finding.message
    assert "indiquez la « Date de validation des convocations »" in finding.message


def test_a_missing_date_without_its_cell_points_at_the_session_sheet(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(convocations_validated=None, origin=Origin("Session"))
    finding = one(convocation_deadline(data, at(settings, date(2027, 3, 1))))
    assert finding.location == Location("Session")


def test_a_convocation_deadline_on_a_holiday_moves_back_and_says_so(
    with_session: WithSession, settings: Settings
) -> None:
    # D = Thursday 17 June 2027: D−31 is Lundi de Pentecôte, the deadline Friday 14 May.
    start = {"start": date(2027, 6, 17), "end": date(2027, 6, 18)}
    on_time = with_session(convocations_validated=date(2027, 5, 14), **start)
    assert list(convocation_deadline(on_time, settings)) == []
    late = with_session(convocations_validated=date(2027, 5, 17), **start)
    finding = one(convocation_deadline(late, settings))
    assert (
        "après la date limite du vendredi 14 mai 2027 (J−31 avant le jeudi 17 juin 2027 ; "
        "le lundi 17 mai 2027 n'étant pas un jour ouvré, la date est avancée)"
    ) in finding.message


# Pli ordered: D−90 is Tuesday 15 December 2026; received: D−14 is Monday 1 March 2027.


def test_pli_ordered_at_d_minus_90_is_fine_and_a_day_later_is_a_warning(
    with_session: WithSession, settings: Settings
) -> None:
    assert list(pli_order_deadline(with_session(pli_ordered=date(2026, 12, 15)), settings)) == []
    finding = one(pli_order_deadline(with_session(pli_ordered=date(2026, 12, 16)), settings))
    assert finding.code == "pli-order-late"
    assert finding.severity is Severity.WARNING
    assert finding.location.cell == "Session!B21"
    assert "mardi 15 décembre 2026 (J−90 avant le lundi 15 mars 2027)" in finding.message


def test_pli_not_ordered_after_d_minus_90_is_a_warning(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(pli_ordered=None)
    assert list(pli_order_deadline(data, at(settings, date(2026, 12, 15)))) == []
    finding = one(pli_order_deadline(data, at(settings, date(2026, 12, 16))))
    assert finding.message.startswith("Le pli d'examen n'est pas commandé")


def test_pli_not_received_at_d_minus_14_says_whom_to_contact(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(pli_received=None)
    assert list(pli_reception_deadline(data, at(settings, date(2027, 3, 1)))) == []
    finding = one(pli_reception_deadline(data, at(settings, date(2027, 3, 2))))
    assert finding.code == "pli-not-received"
    assert finding.severity is Severity.WARNING
    assert finding.location.cell == "Session!B22"
    assert finding.message == (
        "Le pli d'examen n'est pas reçu alors que le lundi 1er mars 2027 (J−14 avant le "
        "lundi 15 mars 2027) est passé (au mardi 2 mars 2027). Contactez l'unité « Gestion "
        "des épreuves de validation » de l'AFPA, puis indiquez la « Date de réception du pli » "
        "à son arrivée."
    )


def test_pli_received_after_d_minus_14_is_a_warning(
    with_session: WithSession, settings: Settings
) -> None:
    data = with_session(pli_received=date(2027, 3, 1))
    assert list(pli_reception_deadline(data, at(settings, date(2027, 3, 10)))) == []
    data = with_session(pli_received=date(2027, 3, 2))
    assert one(pli_reception_deadline(data, settings)).code == "pli-not-received"


# Invitations: D−45 is Friday 29 January 2027; D−15 is Sunday 28 February, moved to Friday 26.


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        (date(2027, 1, 29), None),
        (date(2027, 1, 30), Severity.WARNING),
        (date(2027, 2, 26), Severity.WARNING),
        (date(2027, 2, 27), Severity.ERROR),
    ],
)
def test_invitations_sent_late_are_a_warning_then_an_error(
    with_session: WithSession, settings: Settings, sent: date, expected: Severity | None
) -> None:
    findings = list(invitation_deadline(with_session(invitations_sent=sent), settings))
    assert [f.severity for f in findings] == ([expected] if expected else [])
    assert all(f.code == "invitation-late" for f in findings)
    assert all(f.location.cell == "Session!B24" for f in findings)


def test_the_invitation_error_names_the_moved_deadline(
    with_session: WithSession, settings: Settings
) -> None:
    finding = one(invitation_deadline(with_session(invitations_sent=date(2027, 2, 27)), settings))
    assert "après le vendredi 26 février 2027 (J−15 avant le lundi 15 mars 2027 ; le dimanche " in (
        finding.message
    )
    assert "28 février 2027 n'étant pas un jour ouvré, la date est avancée)" in finding.message


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2027, 1, 29), None),
        (date(2027, 1, 30), Severity.WARNING),
        (date(2027, 2, 27), Severity.ERROR),
    ],
)
def test_invitations_not_sent_are_judged_at_the_as_of_date(
    with_session: WithSession, settings: Settings, as_of: date, expected: Severity | None
) -> None:
    data = with_session(invitations_sent=None)
    findings = list(invitation_deadline(data, at(settings, as_of)))
    assert [f.severity for f in findings] == ([expected] if expected else [])


def test_thresholds_come_from_the_settings(with_session: WithSession, settings: Settings) -> None:
    data = with_session(convocations_validated=date(2027, 2, 13))
    assert list(convocation_deadline(data, replace(settings, convocation_days=28))) == []
