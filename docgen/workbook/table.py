"""Reading a sheet's rows into typed records: column specs, cell parsing and its findings."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from openpyxl.utils import get_column_letter

from docgen.findings import Finding, Location, error
from docgen.model import Origin
from docgen.workbook.cells import CellValueError, is_blank, is_excel_error, shown
from docgen.workbook.headers import find_header_row, unknown_headers
from docgen.workbook.raw import RawSheet, UnreadableCell

T = TypeVar("T")
D = TypeVar("D")


@dataclass(frozen=True, eq=False)
class Column(Generic[T]):
    """One column of the contract: the model field it fills, its header and how to read it."""

    field: str
    header: str
    parse: Callable[[object], T]
    required: bool
    default: T
    aliases: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


def required(
    field_name: str, header: str, parse: Callable[[object], T], *aliases: str
) -> Column[T]:
    """A column every record needs: a record without a readable value is left out."""
    return Column(field_name, header, parse, True, cast(T, None), aliases)


def optional(
    field_name: str, header: str, parse: Callable[[object], T], default: D, *aliases: str
) -> Column[T | D]:
    """A column whose empty or unreadable cell gives `default` (unreadable: with a finding)."""
    column: Column[T | D] = Column(field_name, header, parse, False, default, aliases)
    return column


@dataclass(frozen=True)
class Record:
    """One record's values, keyed by column, and where each was read."""

    row: int
    values: Mapping[Column[Any], Any]
    origin: Origin
    complete: bool = True
    """Every required cell was read; incomplete records are never turned into the model."""

    def __getitem__(self, column: Column[T]) -> T:
        """The column's value; in an incomplete record an unread required value is None."""
        return cast(T, self.values.get(column, column.default))

    def locate(self, column: Column[Any]) -> Location:
        return self.origin.locate(column.field)


@dataclass(frozen=True)
class CellRead:
    """A cell's value once read, whether it could be read, and the finding if not."""

    value: Any
    readable: bool
    finding: Finding | None = None


def read_cell(column: Column[Any], value: object, location: Location) -> CellRead:
    """Parse one cell; an empty required cell or an unreadable cell gives a finding."""
    if is_blank(value):
        if column.required:
            message = f"« {column.header} » est vide : cette information est obligatoire."
            return CellRead(None, False, error("missing-value", message, location))
        return CellRead(column.default, True)
    if isinstance(value, UnreadableCell):
        message = (
            f"« {column.header} » : la cellule est abîmée dans le fichier et ne peut pas être "
            "lue ; retapez sa valeur dans Excel."
        )
    elif is_excel_error(value):
        message = (
            f"« {column.header} » : la cellule contient une erreur de formule ({shown(value)}) ; "
            "corrigez la formule ou tapez directement la valeur."
        )
    else:
        try:
            return CellRead(column.parse(value), True)
        except CellValueError as problem:
            message = (
                f"« {column.header} » : « {shown(value)} » ne peut pas être lu ; "
                f"attendu {problem.expected}."
            )
    return CellRead(column.default, not column.required, error("invalid-value", message, location))


@dataclass(frozen=True)
class TableRead:
    rows: tuple[Record, ...] = ()
    """Every row holding a value, complete or not (to spot duplicates among all typed rows)."""
    findings: tuple[Finding, ...] = ()

    @property
    def records(self) -> tuple[Record, ...]:
        """The rows whose required cells could all be read."""
        return tuple(record for record in self.rows if record.complete)


def read_table(sheet: RawSheet, name: str, columns: Sequence[Column[Any]]) -> TableRead:
    """The records of a one-row-per-record sheet, reported as sheet `name`, and their findings.

    Records with an empty or unreadable required cell are marked incomplete, with their findings.
    """
    header = find_header_row(sheet, {column: column.spellings for column in columns})
    findings: list[Finding] = []
    if header is None:
        findings.extend(
            error(
                "missing-column",
                f"Colonne « {column.header} » introuvable : la feuille {name} n'a pas de ligne "
                "d'en-têtes reconnue ; reprenez les en-têtes du modèle.",
                Location(name),
            )
            for column in columns
            if column.required
        )
        return TableRead((), tuple(findings))
    findings.extend(
        error(
            "missing-column",
            f"Colonne obligatoire « {column.header} » absente de la ligne d'en-têtes : ajoutez-la.",
            Location(name, header.row),
        )
        for column in columns
        if column.required and column not in header.positions
    )
    labels = {column.header: column.spellings for column in columns}
    findings.extend(unknown_headers(sheet, header, labels, name))
    records: list[Record] = []
    for row_number, row in sheet.rows:
        if row_number <= header.row:
            continue
        present = {column: sheet.value(row, index) for column, index in header.positions.items()}
        if all(is_blank(value) for value in present.values()):
            continue
        cells = tuple(
            (column.field, get_column_letter(header.positions[column] + 1), row_number)
            for column in columns
            if column in header.positions
        )
        origin = Origin(name, row_number, cells)
        values: dict[Column[Any], Any] = {}
        complete = all(column in header.positions for column in columns if column.required)
        for column, value in present.items():
            read = read_cell(column, value, origin.locate(column.field))
            values[column] = read.value
            complete = complete and read.readable
            if read.finding:
                findings.append(read.finding)
        records.append(Record(row_number, values, origin, complete))
    return TableRead(tuple(records), tuple(findings))
