"""The registry of every data rule, and `run_rules` that applies them all."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from docgen.findings import Finding, sorted_findings
from docgen.model import SessionData
from docgen.rules import conflicts, deadlines, jurors, resources, session
from docgen.settings import Settings

Rule = Callable[[SessionData, Settings], Iterator[Finding]]

RULES: tuple[Rule, ...] = (
    session.candidate_count,
    session.session_dates,
    session.session_over,
    session.session_days_off,
    session.responsable,
    session.organizer_email,
    session.entretien_final_last,
    deadlines.convocation_deadline,
    deadlines.pli_order_deadline,
    deadlines.pli_reception_deadline,
    deadlines.invitation_deadline,
    jurors.habilitation_validity,
    jurors.habilitation_title,
    conflicts.juror_conflicts,
    resources.equipment_quantity,
    resources.equipment_steps,
    resources.equipment_state,
    resources.room_confidentiality,
)
"""Each rule yields its findings; one needing `data.session` yields nothing when it is None."""


def run_rules(data: SessionData, settings: Settings) -> list[Finding]:
    """Every finding of every rule, in report order."""
    return sorted_findings(finding for rule in RULES for finding in rule(data, settings))


__all__ = ["RULES", "Rule", "run_rules"]
