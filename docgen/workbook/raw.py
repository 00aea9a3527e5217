"""The workbook as plain values: named sheets of numbered rows, before any interpretation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawSheet:
    """One worksheet: its title as typed and its non-empty rows with their Excel row numbers."""

    title: str
    rows: tuple[tuple[int, tuple[object, ...]], ...] = ()

    def value(self, row: tuple[object, ...], index: int) -> object:
        """The value at 0-based column `index` of `row`, None beyond the row's last cell."""
        return row[index] if index < len(row) else None
