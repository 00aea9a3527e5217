"""The session workbook read into the model, with a finding for every problem in it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from docgen.findings import Finding, Location, error, sorted_findings, warning
from docgen.model import DEFAULT_ITEMS_TO_BRING, SessionData
from docgen.workbook.archive import WorkbookLimits
from docgen.workbook.candidates import read_candidates
from docgen.workbook.headers import SHEET_ALIASES, matching_sheets
from docgen.workbook.jurors import read_jurors
from docgen.workbook.logistics import read_equipment, read_items_to_bring, read_rooms, read_steps
from docgen.workbook.opening import read_sheets
from docgen.workbook.raw import MAX_ROWS, RawSheet
from docgen.workbook.session_sheet import read_session

__all__ = [
    "LoadResult",
    "WorkbookLimits",
    "in_workbook_sheets",
    "load_workbook_file",
    "read_session_data",
]

OPTIONAL_SHEETS = frozenset({"À apporter"})
T = TypeVar("T")


@dataclass(frozen=True)
class LoadResult:
    data: SessionData
    findings: tuple[Finding, ...]
    sheet_titles: Mapping[str, str] = field(default_factory=dict)
    """Canonical sheet name → the title of the worksheet read for it, when they differ."""


def load_workbook_file(path: Path, limits: WorkbookLimits | None = None) -> LoadResult:
    """Read the session workbook; raises InputError when the file itself cannot be read."""
    return read_session_data(read_sheets(path, limits))


def in_workbook_sheets(findings: Iterable[Finding], titles: Mapping[str, str]) -> list[Finding]:
    """Findings located in the worksheets as the user titled them (`Équipements!C10`, not the
    contract's `Matériel!C10`), so every reference opens the right cell."""
    return [
        replace(finding, location=replace(finding.location, sheet=titles[sheet]))
        if (sheet := finding.location.sheet) is not None and sheet in titles
        else finding
        for finding in findings
    ]


def read_session_data(sheets: Sequence[RawSheet]) -> LoadResult:
    """The model and every finding from a workbook's sheets, already reduced to plain values."""
    by_title = {sheet.title: sheet for sheet in sheets}
    matches = matching_sheets(list(by_title))
    found = {name: by_title[titles[0]] for name, titles in matches.items()}
    findings: list[Finding] = [*_ignored_sheets(matches), *_rows_left_out(found)]
    findings += [
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
    titles = {name: sheet.title for name, sheet in found.items() if sheet.title != name}
    return LoadResult(data, tuple(sorted_findings(in_workbook_sheets(findings, titles))), titles)


def _ignored_sheets(matches: Mapping[str, list[str]]) -> list[Finding]:
    return [
        warning(
            "duplicate-sheet",
            f"Plusieurs feuilles correspondent à « {name} » : docgen lit « {titles[0]} » et "
            + " et ".join(f"« {title} »" for title in titles[1:])
            + " n'est pas lue ; renommez ou supprimez la feuille en trop.",
            Location(titles[0]),
        )
        for name, titles in matches.items()
        if len(titles) > 1
    ]


def _rows_left_out(found: Mapping[str, RawSheet]) -> list[Finding]:
    return [
        error(
            "too-many-rows",
            f"La feuille « {sheet.title} » compte plus de {MAX_ROWS:,} lignes remplies : ".replace(
                ",", "\u202f"
            )
            + "les suivantes ne sont pas lues. Une session n'en a pas tant : supprimez les "
            "lignes inutiles (ou copiées par erreur).",
            Location(sheet.title, sheet.rows[-1][0]),
        )
        for sheet in found.values()
        if sheet.rows_left_out
    ]


def _read(
    found: Mapping[str, RawSheet],
    name: str,
    reader: Callable[[RawSheet], tuple[T, tuple[Finding, ...]]],
) -> tuple[T | None, tuple[Finding, ...]]:
    """What `reader` makes of sheet `name`, or None when the workbook lacks it."""
    if name not in found:
        return None, ()
    return reader(found[name])
