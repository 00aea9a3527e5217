"""Juror × candidate conflicts, reported as warnings the planner routes around."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.conflicts import Conflict, ConflictKind, conflicts_between
from docgen.findings import Finding, Location, warning
from docgen.model import JurorResponse, SessionData, locate
from docgen.settings import Settings


def _where(conflict: Conflict) -> Location:
    """The cell that states the link: the candidate's companies or trainers, the juror's links."""
    if conflict.kind is ConflictKind.COMPANY:
        return locate(conflict.candidate.origin, "companies")
    if conflict.kind is ConflictKind.TRAINER:
        return locate(conflict.candidate.origin, "trainers")
    return locate(conflict.juror.origin, "declared_links")


def juror_conflicts(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """Every juror who must neither evaluate nor deliberate on a given candidate."""
    for juror in data.jurors:
        if juror.response is JurorResponse.REFUSE:
            continue
        for candidate in data.candidates:
            for conflict in conflicts_between(juror, candidate):
                yield warning(
                    conflict.kind.value,
                    f"{juror.full_name} ne doit ni évaluer ni délibérer sur le candidat "
                    f"{candidate.number} ({candidate.full_name}) : {conflict.reason}. "
                    "Le planning confie ce candidat à un autre jury ; si c'est impossible, "
                    "invitez un autre juré.",
                    _where(conflict),
                )
