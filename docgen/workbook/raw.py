"""The workbook as plain values: named sheets of numbered rows, before any interpretation."""

from __future__ import annotations

from dataclasses import dataclass

# Beyond these, a sheet is not a session table (500 candidates is a very large session): the rest
# is left unread, and said so.
MAX_COLUMNS = 200
MAX_ROWS = 2_000
_EXCEL_ROWS = 1_048_576


@dataclass(frozen=True)
class UnreadableCell:
    """A cell the file stores in a form no spreadsheet writes (damaged XML, bad number)."""

    def __str__(self) -> str:
        return "illisible"


UNREADABLE = UnreadableCell()


@dataclass(frozen=True)
class RawSheet:
    """One worksheet: its title as typed and its non-empty rows with their Excel row numbers."""

    title: str
    rows: tuple[tuple[int, tuple[object, ...]], ...] = ()
    rows_left_out: bool = False
    """Filled rows follow the first MAX_ROWS, and were not read."""

    def value(self, row: tuple[object, ...], index: int) -> object:
        """The value at 0-based column `index` of `row`, None beyond the row's last cell."""
        return row[index] if index < len(row) else None


def build_sheet(
    title: str, cells: dict[int, dict[int, object]], left_out: bool = False
) -> RawSheet:
    """A sheet from its cells by row number then 1-based column, keeping non-empty rows;
    `left_out` when the reader already stopped at filled rows past MAX_ROWS."""
    rows: list[tuple[int, tuple[object, ...]]] = []
    for number in sorted(cells):
        if not 1 <= number <= _EXCEL_ROWS:
            continue  # no spreadsheet writes such a row: a damaged reference
        values = {
            column: value
            for column, value in cells[number].items()
            if 1 <= column <= MAX_COLUMNS and value is not None and value != ""
        }
        if not values:
            continue
        if len(rows) >= MAX_ROWS:
            left_out = True
            break
        width = max(values)
        rows.append((number, tuple(values.get(column) for column in range(1, width + 1))))
    return RawSheet(title, tuple(rows), left_out)
