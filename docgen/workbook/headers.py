"""Loose matching of sheet names and column headers, and finding the header row of a sheet."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from docgen.workbook.cells import fold
from docgen.workbook.raw import RawSheet

K = TypeVar("K")

# A title or a note above the table is fine; the header sits near the top.
_HEADER_SEARCH_ROWS = 15

SHEET_ALIASES: Mapping[str, tuple[str, ...]] = {
    "Session": ("Session", "Sessions", "Infos session", "Informations session"),
    "Candidats": ("Candidats", "Candidat", "Liste des candidats"),
    "Jurys": ("Jurys", "Jury", "Jurés", "Membres du jury"),
    "Déroulé": ("Déroulé", "Déroulé type", "Déroulé-type", "Déroulés", "Déroulé de session"),
    "Matériel": ("Matériel", "Matériels", "Équipement", "Équipements"),
    "Salles": ("Salles", "Salle", "Locaux"),
    "À apporter": ("À apporter", "Éléments à apporter", "A apporter par le candidat"),
}


def label_key(text: str) -> str:
    """A header or sheet name as compared: `NOM DE NAISSANCE *` → `nom de naissance`."""
    folded = fold(text.replace("_", " "))
    return re.sub(r"[\s*:]+$", "", folded).strip()


def label_keys(text: str) -> tuple[str, ...]:
    """The keys a typed label may match: as typed, and without a `(…)` unit note."""
    key = label_key(text)
    bare = label_key(re.sub(r"\([^)]*\)", " ", key))
    return (key, bare) if bare and bare != key else (key,)


def canonical_sheets(titles: Sequence[str]) -> dict[str, str]:
    """Canonical sheet name → the first worksheet title matching it."""
    found: dict[str, str] = {}
    for canonical, aliases in SHEET_ALIASES.items():
        keys = {label_key(alias.replace("-", " ")) for alias in aliases}
        for title in titles:
            if label_key(title.replace("-", " ")) in keys:
                found[canonical] = title
                break
    return found


@dataclass(frozen=True)
class HeaderRow(Generic[K]):
    """The row holding the headers and the 0-based column index of each known header."""

    row: int
    positions: Mapping[K, int]


def find_header_row(sheet: RawSheet, labels: Mapping[K, Sequence[str]]) -> HeaderRow[K] | None:
    """The first row matching at least two known headers (one when only one is known).

    Failing that, the row near the top matching the most headers, so the missing ones can be
    named; None when no row matches any.
    """
    lookup: dict[str, K] = {}
    for key, spellings in labels.items():
        for spelling in spellings:
            for folded in label_keys(spelling):
                lookup.setdefault(folded, key)
    needed = min(2, len(labels))
    best: HeaderRow[K] | None = None
    for index, (row_number, values) in enumerate(sheet.rows):
        positions: dict[K, int] = {}
        for column, value in enumerate(values):
            if not isinstance(value, str):
                continue
            matched = [lookup[folded] for folded in label_keys(value) if folded in lookup]
            if matched and matched[0] not in positions:
                positions[matched[0]] = column
        if len(positions) >= needed:
            return HeaderRow(row_number, positions)
        if positions and best is None and index < _HEADER_SEARCH_ROWS:
            best = HeaderRow(row_number, positions)
    return best
