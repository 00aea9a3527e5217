"""The session workbook read into the model, with a finding for every problem in it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from docgen.findings import Finding, Location, error, sorted_findings
from docgen.model import DEFAULT_ITEMS_TO_BRING, SessionData
from docgen.workbook.candidates import read_candidates
from docgen.workbook.headers import SHEET_ALIASES, canonical_sheets
from docgen.workbook.jurors import read_jurors
from docgen.workbook.logistics import read_equipment, read_items_to_bring, read_rooms, read_steps
from docgen.workbook.opening import read_sheets
from docgen.workbook.raw import RawSheet
from docgen.workbook.session_sheet import read_session

__all__ = ["LoadResult", "load_workbook_file", "read_session_data"]

OPTIONAL_SHEETS = frozenset({"À apporter"})
T = TypeVar("T")


@dataclass(frozen=True)
class LoadResult:
    data: SessionData
    findings: tuple[Finding, ...]


def load_workbook_file(path: Path) -> LoadResult:
    """Read `session.xlsx`; raises InputError when the file itself cannot be read."""
    return read_session_data(read_sheets(path))


def read_session_data(sheets: Sequence[RawSheet]) -> LoadResult:
    """The model and every finding from a workbook's sheets, already reduced to plain values."""
    by_title = {sheet.title: sheet for sheet in sheets}
    found = {name: by_title[title] for name, title in canonical_sheets(list(by_title)).items()}
    findings: list[Finding] = [
        error(
            "missing-sheet",
            f"La feuille « {name} » est absente du classeur : ajoutez-la (copiez-la du modèle).",
            Location(name),
        )
        for name in SHEET_ALIASES
        if name not in found and name not in OPTIONAL_SHEETS
    ]
    session, session_findings = _read(found, "Session", read_session)
    candidate_rows, candidate_findings = _read(found, "Candidats", read_candidates)
    jurors, juror_findings = _read(found, "Jurys", read_jurors)
    steps, step_findings = _read(found, "Déroulé", read_steps)
    equipment, equipment_findings = _read(found, "Matériel", read_equipment)
    rooms, room_findings = _read(found, "Salles", read_rooms)
    items, item_findings = _read(found, "À apporter", read_items_to_bring)
    findings.extend(
        (
            *session_findings,
            *candidate_findings,
            *juror_findings,
            *step_findings,
            *equipment_findings,
            *room_findings,
            *item_findings,
        )
    )
    data = SessionData(
        session=session,
        candidates=candidate_rows.candidates if candidate_rows else (),
        jurors=jurors or (),
        steps=steps or (),
        equipment=equipment or (),
        rooms=rooms or (),
        items_to_bring=items or DEFAULT_ITEMS_TO_BRING,
        present_sheets=frozenset(found),
        candidate_rows=candidate_rows.typed if candidate_rows else None,
    )
    return LoadResult(data, tuple(sorted_findings(findings)))


def _read(
    found: Mapping[str, RawSheet],
    name: str,
    reader: Callable[[RawSheet], tuple[T, tuple[Finding, ...]]],
) -> tuple[T | None, tuple[Finding, ...]]:
    """What `reader` makes of sheet `name`, or None when the workbook lacks it."""
    if name not in found:
        return None, ()
    return reader(found[name])
