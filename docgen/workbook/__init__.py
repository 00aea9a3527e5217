"""The session workbook read into the model, with a finding for every problem in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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
    empty = RawSheet("")
    session, session_findings = read_session(found["Session"]) if "Session" in found else (None, ())
    candidates, candidate_findings = read_candidates(found.get("Candidats", empty))
    jurors, juror_findings = read_jurors(found.get("Jurys", empty))
    steps, step_findings = read_steps(found.get("Déroulé", empty))
    equipment, equipment_findings = read_equipment(found.get("Matériel", empty))
    rooms, room_findings = read_rooms(found.get("Salles", empty))
    items, item_findings = (
        read_items_to_bring(found["À apporter"])
        if "À apporter" in found
        else (DEFAULT_ITEMS_TO_BRING, ())
    )
    for name, sheet_findings in (
        ("Session", session_findings),
        ("Candidats", candidate_findings),
        ("Jurys", juror_findings),
        ("Déroulé", step_findings),
        ("Matériel", equipment_findings),
        ("Salles", room_findings),
        ("À apporter", item_findings),
    ):
        if name in found:
            findings.extend(sheet_findings)
    data = SessionData(
        session=session,
        candidates=candidates,
        jurors=jurors,
        steps=steps,
        equipment=equipment,
        rooms=rooms,
        items_to_bring=items,
        present_sheets=frozenset(found),
    )
    return LoadResult(data, tuple(sorted_findings(findings)))
