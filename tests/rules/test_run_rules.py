"""The registry: every rule runs, in report order, even without a readable Session sheet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from docgen.findings import Finding, Severity, sorted_findings
from docgen.model import Company, EquipmentState, SessionData
from docgen.rules import RULES

# INTERFACE.md's finding codes and severities for what the rules check.
DOCUMENTED = {
    "candidate-count-mismatch": {Severity.WARNING},
    "session-dates": {Severity.ERROR},
    "session-day-holiday": {Severity.WARNING},
    "session-day-weekend": {Severity.WARNING},
    "convocation-late": {Severity.ERROR},
    "pli-order-late": {Severity.WARNING},
    "pli-not-received": {Severity.WARNING},
    "invitation-late": {Severity.ERROR, Severity.WARNING},
    "habilitation-expired": {Severity.ERROR},
    "habilitation-title": {Severity.ERROR},
    "conflict-company": {Severity.WARNING},
    "conflict-trainer": {Severity.WARNING},
    "conflict-declared": {Severity.WARNING},
    "equipment-short": {Severity.ERROR},
    "equipment-not-ready": {Severity.ERROR, Severity.WARNING},
    "room-not-confidential": {Severity.ERROR},
    "entretien-final-not-last": {Severity.ERROR},
    "responsable-missing": {Severity.ERROR},
}

FindingsOf = Callable[..., list[Finding]]


def everything_wrong(clean: SessionData) -> SessionData:
    """One session that breaks every rule at least once."""
    assert clean.session is not None
    session = replace(
        clean.session,
        start=date(2027, 5, 14),
        end=date(2027, 5, 13),
        expected_candidates=5,
        manager=None,
        pli_ordered=None,
        pli_received=None,
        convocations_validated=None,
        invitations_sent=None,
    )
    juror, other = clean.jurors
    juror = replace(
        juror,
        habilitation_end=date(2027, 1, 1),
        habilitated_title="Cuisinier",
        declared_links=("2245404",),
        company=Company("Inox Pro Alsace"),
    )
    other = replace(other, first_name="Luc", last_name="Besson")
    welding, grinder, gloves = clean.equipment
    equipment = (
        replace(welding, available_quantity=0),
        replace(grinder, state=EquipmentState.HORS_SERVICE),
        replace(gloves, brought_by_candidate=False, state=EquipmentState.A_VERIFIER),
    )
    steps = tuple(replace(step, order=-step.order) for step in clean.steps)
    rooms = tuple(replace(room, confidential=False) for room in clean.rooms)
    return replace(
        clean,
        session=session,
        jurors=(juror, other),
        equipment=equipment,
        steps=steps,
        rooms=rooms,
    )


def test_a_clean_session_has_no_finding(clean: SessionData, findings_of: FindingsOf) -> None:
    assert findings_of(clean) == []


def test_every_rule_fires_with_its_documented_severity(
    clean: SessionData, findings_of: FindingsOf
) -> None:
    findings = findings_of(everything_wrong(clean), as_of=date(2027, 5, 1))
    seen: dict[str, set[Severity]] = {}
    for finding in findings:
        seen.setdefault(finding.code, set()).add(finding.severity)
    for code, severities in seen.items():
        assert severities <= DOCUMENTED[code], code
    missing = set(DOCUMENTED) - set(seen) - {"session-day-holiday", "session-day-weekend"}
    assert missing == set()


def test_findings_come_in_report_order(clean: SessionData, findings_of: FindingsOf) -> None:
    findings = findings_of(everything_wrong(clean), as_of=date(2027, 5, 1))
    assert findings == sorted_findings(findings)
    sheets = [finding.location.sheet or "" for finding in findings]
    assert sheets == sorted(sheets)


def test_without_a_session_only_the_session_free_rules_run(
    clean: SessionData, findings_of: FindingsOf
) -> None:
    broken = everything_wrong(clean)
    findings = findings_of(replace(broken, session=None))
    assert {f.code for f in findings} == {
        "conflict-company",
        "conflict-trainer",
        "conflict-declared",
        "equipment-short",
        "equipment-not-ready",
        "room-not-confidential",
    }


def test_every_rule_is_registered_once() -> None:
    assert len(set(RULES)) == len(RULES) == 18
