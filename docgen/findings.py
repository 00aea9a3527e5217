"""Findings: every problem in the user's data, with its code, severity, French message and cell."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """Where a finding sits in the workbook; any part may be unknown."""

    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    @property
    def cell(self) -> str | None:
        """`Candidats!D7` in Excel notation, or None when the finding has no single cell."""
        if self.sheet is None or self.row is None or self.column is None:
            return None
        return f"{self.sheet}!{self.column}{self.row}"

    @property
    def where(self) -> str:
        """Where to look, for a person: `Candidats!D7`, `Candidats, ligne 7`, `Salles`."""
        if self.cell is not None:
            return self.cell
        if self.sheet is None:
            return "Classeur"
        if self.row is None:
            return self.sheet
        return f"{self.sheet}, ligne {self.row}"


NOWHERE = Location()


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    location: Location = NOWHERE

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(code: str, message: str, location: Location = NOWHERE) -> Finding:
    return Finding(code, Severity.ERROR, message, location)


def warning(code: str, message: str, location: Location = NOWHERE) -> Finding:
    return Finding(code, Severity.WARNING, message, location)


def _column_number(column: str | None) -> int:
    """Excel column letters in their real order (B before AA), 0 when unknown."""
    if not column or not re.fullmatch(r"[A-Z]+", column):
        return 0
    number = 0
    for letter in column:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def sort_key(finding: Finding) -> tuple[str, int, int, str]:
    """INTERFACE.md order: sheet, row, column, code (findings without a cell come first)."""
    location = finding.location
    return (
        location.sheet or "",
        location.row or 0,
        _column_number(location.column),
        finding.code,
    )


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in report order, each distinct finding once; findings at the same cell with the
    same code keep the order their rule gave them (e.g. the days of the session in order)."""
    return sorted(dict.fromkeys(findings), key=sort_key)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(finding.is_error for finding in findings)
