"""Loose matching of sheet names and column headers, and finding the header row of a sheet."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from openpyxl.utils import get_column_letter

from docgen.findings import Finding, Location, warning
from docgen.workbook.cells import fold, is_blank, shown
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
    """Canonical sheet name → the worksheet read for it (see `matching_sheets`)."""
    return {canonical: found[0] for canonical, found in matching_sheets(titles).items()}


def matching_sheets(titles: Sequence[str]) -> dict[str, list[str]]:
    """Canonical sheet name → every worksheet title matching it, the one to read first: the
    title spelt like the canonical name, else the first in the workbook's order."""
    found: dict[str, list[str]] = {}
    for canonical, aliases in SHEET_ALIASES.items():
        keys = {label_key(alias.replace("-", " ")) for alias in aliases}
        exact = label_key(canonical)
        matches = [title for title in titles if label_key(title.replace("-", " ")) in keys]
        matches.sort(key=lambda title: label_key(title.replace("-", " ")) != exact)
        if matches:
            found[canonical] = matches
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


# Below this similarity a suggestion would mislead: the closest header is named, not proposed.
_LIKELY_TYPO = 0.75


def closest_label(typed: str, labels: Mapping[str, Sequence[str]]) -> tuple[str, float]:
    """The known header (canonical spelling) closest to `typed`, and how close (0 to 1)."""
    target = label_key(typed)
    best, score = "", -1.0
    for canonical, spellings in labels.items():
        for spelling in spellings:
            ratio = difflib.SequenceMatcher(None, target, label_key(spelling)).ratio()
            if ratio > score:
                best, score = canonical, ratio
    return best, score


def unknown_label_finding(
    typed: object, labels: Mapping[str, Sequence[str]], location: Location, *, field: bool = False
) -> Finding:
    """`unknown-column`: a header (or a Session field when `field`) docgen does not know, with
    the closest known one, so that a retyped header never silently switches a check off."""
    closest, score = closest_label(str(typed), labels)
    what, unknown, known = (
        ("Champ", "inconnu", "des champs connus")
        if field
        else ("Colonne", "inconnue", "des colonnes connues")
    )
    hint = (
        f"Vouliez-vous dire « {closest} » ? Renommez-la"
        if score >= _LIKELY_TYPO
        else f"Le plus proche {known} est « {closest} » : renommez-la si c'est lui"
    )
    return warning(
        "unknown-column",
        f"{what} « {shown(typed)} » {unknown} : son contenu est ignoré. {hint}, ou supprimez-la "
        "(le classeur est décrit dans docs/classeur.md).",
        location,
    )


def unknown_headers(
    sheet: RawSheet, header: HeaderRow[K], labels: Mapping[str, Sequence[str]], name: str
) -> Iterator[Finding]:
    """An `unknown-column` warning for each filled cell of the header row matching no column."""
    known = set(header.positions.values())
    for row_number, values in sheet.rows:
        if row_number != header.row:
            continue
        for index, value in enumerate(values):
            if index in known or is_blank(value):
                continue
            location = Location(name, row_number, get_column_letter(index + 1))
            twin = _known_label(value, labels)
            if twin is None:
                yield unknown_label_finding(value, labels, location)
            else:
                yield warning(
                    "unknown-column",
                    f"Colonne « {shown(value)} » en double : docgen ne lit que la première "
                    f"colonne « {twin} » de la ligne d'en-têtes. Fusionnez les deux colonnes "
                    "ou supprimez celle-ci.",
                    location,
                )


def _known_label(typed: object, labels: Mapping[str, Sequence[str]]) -> str | None:
    """The canonical header `typed` spells, if any."""
    if not isinstance(typed, str):
        return None
    keys = set(label_keys(typed))
    for canonical, spellings in labels.items():
        if any(keys & set(label_keys(spelling)) for spelling in spellings):
            return canonical
    return None
