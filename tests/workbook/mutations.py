"""Mutated session workbooks, deterministic from a seed: what spreadsheets, people and attackers
produce. Used by the fuzz test (a few hundred cases) and benchmarks/fuzz_workbooks.py (thousands).

`mutated_workbook(seed, folder)` writes `folder/session.xlsx` (or .ods) from the tidy session with
one to four mutations: odd values in cells, renamed/duplicated/missing sheets and headers, merged
cells, formulas and error values, malformed XML cells, truncated or hostile archives.
"""

from __future__ import annotations

import json
import random
import re
import time as time_module
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.factory import Sheets, tidy_session_rows
from tests.ods import write_ods

EXTREME_VALUES: tuple[object, ...] = (
    "9" * 5000,
    "1" + "0" * 400,
    10**30,
    -(10**18),
    1e308,
    -1e308,
    float("inf"),
    float("nan"),
    -1,
    0,
    0.5,
    3.0000001,
    "x" * 100_000,
    "Soudeur\nassembleur",
    "nom@\nexemple.fr",
    "a\x00b\x07c\x1b",
    "_x000B_texte_x0007_",
    "\u2028ligne\u2029",
    "😀 émoji ∑",
    "  ",
    "#DIV/0!",
    "#REF!",
    "#N/A",
    "=1/0",
    "=A1+",
    date(9999, 12, 31),
    date(9999, 12, 30),
    date(1900, 1, 1),
    date(1899, 12, 31),
    datetime(2027, 3, 15, 23, 59, 59),
    datetime(1900, 2, 28, 12),
    time(23, 59, 59),
    time(0, 0),
    timedelta(days=400),
    timedelta(seconds=1),
    True,
    False,
    "31/12/9999",
    "29/02/2027",
    "32/13/2027",
    "15/03/27",
    "2027-03-15T08:30:00",
    "12h-11h",
    "25:99",
    "1h99",
    "999999999999999999999 min",
    "Toutes; 15/03/2027-15/03/2099",
    "15/03/2027-14/03/2027",
    "O",
    "peut-être",
    "12345678900011; ; ;",
    ";;;",
    "<script>alert(1)</script> & « guillemets »",
    "{{ session.title }}{% for x in y %}",
)
SHEET_ALIASES = {
    "Session": ("Infos session", "Sessions"),
    "Candidats": ("Liste des candidats", "Candidat"),
    "Jurys": ("Membres du jury", "Jurés"),
    "Déroulé": ("Déroulé type", "Déroulé-type"),
    "Matériel": ("Équipements", "Matériels"),
    "Salles": ("Locaux", "Salle"),
    "À apporter": ("Éléments à apporter",),
}

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{level} "{("&lol" + (str(level - 1) if level > 1 else "") + ";") * 10}">'
        for level in range(1, 10)
    )
    + "]>"
)


class MutatedBook:
    """The workbook being mutated: its sheets as rows, then openpyxl-level and zip-level edits."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.sheets: Sheets = tidy_session_rows()
        self.titles = {name: name for name in self.sheets}
        self.merges: list[tuple[str, str]] = []
        self.date_styled: list[tuple[str, int, int]] = []
        self.xml_edits: list[Callable[[dict[str, bytes]], None]] = []
        self.file_edits: list[Callable[[bytes], bytes]] = []
        self.as_ods = False
        self.suffix = ".xlsx"

    def random_cell(self) -> tuple[str, int, int]:
        sheet = self.rng.choice(list(self.sheets))
        rows = self.sheets[sheet]
        if not rows:  # an emptied sheet gets its first row back, so a cell can be drawn
            rows.append([])
        row = self.rng.randrange(len(rows))
        width = max(len(rows[row]), 1)
        return sheet, row, self.rng.randrange(width + 1)

    def set(self, sheet: str, row: int, column: int, value: object) -> None:
        cells = self.sheets[sheet][row]
        cells.extend([None] * (column + 1 - len(cells)))
        cells[column] = value


def _extreme_value(book: MutatedBook) -> str:
    sheet, row, column = book.random_cell()
    value = book.rng.choice(EXTREME_VALUES)
    book.set(sheet, row, column, value)
    return f"{sheet}[{row}][{column}] = {str(value)[:30]!r}"


def _retyped_value(book: MutatedBook) -> str:
    sheet, row, column = book.random_cell()
    cells = book.sheets[sheet][row]
    value = cells[column] if column < len(cells) else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        new: object = str(value).replace(".", ",")
    elif isinstance(value, date):
        new = value.strftime(book.rng.choice(["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%y", "%m/%d/%Y"]))
    elif isinstance(value, str) and value.strip().isdigit():
        new = int(value)
    else:
        new = book.rng.choice([None, "", " ", 0, value])
    book.set(sheet, row, column, new)
    return f"{sheet}[{row}][{column}] retyped"


def _header(book: MutatedBook) -> str:
    others = [name for name in book.sheets if name != "Session"]
    if not others:
        return "no sheet besides Session left"
    sheet = book.rng.choice(others)
    if not book.sheets[sheet] or not book.sheets[sheet][0]:
        return f"header left alone {sheet} (empty)"
    header = book.sheets[sheet][0]
    column = book.rng.randrange(len(header))
    action = book.rng.choice(["rename", "delete", "duplicate", "upper", "swap", "star"])
    if action == "rename":
        header[column] = book.rng.choice(["Colonne", "Entreprise d'accueil", "Nom ", "", None])
    elif action == "delete":
        for row in book.sheets[sheet]:
            if column < len(row):
                del row[column]
    elif action == "duplicate":
        for row in book.sheets[sheet]:
            if column < len(row):
                row.append(row[column])
    elif action == "upper" and isinstance(header[column], str):
        header[column] = str(header[column]).upper() + "  "
    elif action == "swap":
        other = book.rng.randrange(len(header))
        for row in book.sheets[sheet]:
            row.extend([None] * (max(column, other) + 1 - len(row)))
            row[column], row[other] = row[other], row[column]
    elif isinstance(header[column], str):
        header[column] = str(header[column]) + " *"
    return f"header {action} {sheet}[{column}]"


def _sheets(book: MutatedBook) -> str:
    name = book.rng.choice(list(book.sheets))
    action = book.rng.choice(["rename", "duplicate", "delete", "extra", "reorder", "empty"])
    if action in ("rename", "duplicate") and name not in SHEET_ALIASES:
        action = "reorder"  # a sheet added by an earlier mutation has no contract aliases
    if action == "rename":
        book.titles[name] = book.rng.choice(SHEET_ALIASES[name])
    elif action == "duplicate":
        copy_name = book.rng.choice(SHEET_ALIASES[name])
        if copy_name not in book.sheets:
            rows = [list(row) for row in book.sheets[name]]
            if rows and book.rng.random() < 0.5:
                rows = rows[:1]
            book.sheets[copy_name] = rows
            book.titles[copy_name] = copy_name
    elif action == "delete":
        del book.sheets[name]
        del book.titles[name]
    elif action == "extra":
        book.sheets["Notes"] = [["Remarque"], ["à voir"]]
        book.titles["Notes"] = "Notes"
    elif action == "reorder":
        items = list(book.sheets.items())
        book.rng.shuffle(items)
        book.sheets = dict(items)
    else:
        book.sheets[name] = []
    return f"sheet {action} {name}"


def _rows(book: MutatedBook) -> str:
    others = [name for name in book.sheets if name != "Session"]
    if not others:
        return "no sheet besides Session left"
    sheet = book.rng.choice(others)
    rows = book.sheets[sheet]
    action = book.rng.choice(["blank", "delete", "duplicate", "title", "many"])
    if action == "blank" and len(rows) > 1:
        rows.insert(book.rng.randrange(1, len(rows) + 1), [])
    elif action == "delete" and len(rows) > 1:
        del rows[book.rng.randrange(len(rows))]
    elif action == "duplicate" and len(rows) > 1:
        rows.append(list(rows[book.rng.randrange(1, len(rows))]))
    elif action == "title":
        rows.insert(0, ["Liste établie le 01/02/2027"])
        rows.insert(1, [])
    elif action == "many" and len(rows) > 1:
        count = book.rng.choice([200, 1000]) if book.rng.random() < 0.9 else 10_050
        template = rows[-1]
        rows.extend([list(template) for _ in range(count)])
    return f"rows {action} {sheet}"


def _merge(book: MutatedBook) -> str:
    sheet = book.rng.choice(list(book.sheets))
    row = book.rng.randrange(1, 6)
    column = book.rng.choice("ABCDE")
    end = chr(ord(column) + book.rng.randrange(0, 3))
    book.merges.append((sheet, f"{column}{row}:{end}{row + book.rng.randrange(0, 3)}"))
    return f"merge {sheet}"


def _date_format(book: MutatedBook) -> str:
    sheet, row, column = book.random_cell()
    book.set(sheet, row, column, book.rng.choice([1e12, -5, 2958466, 45000.5, 10**20]))
    book.date_styled.append((sheet, row, column))
    return f"date-formatted number {sheet}[{row}][{column}]"


_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>.*?</c>)')


def _malformed_cell(book: MutatedBook) -> str:
    broken = book.rng.choice(
        [
            b'<c r="{ref}" t="n"><v>abc</v></c>',
            b'<c r="{ref}" t="s"><v>99999</v></c>',
            b'<c r="{ref}" t="s"><v>-3</v></c>',
            b'<c r="{ref}" t="d"><v>2027-13-45</v></c>',
            b'<c r="{ref}" t="b"><v>maybe</v></c>',
            b'<c r="{ref}" t="e"><v>#DIV/0!</v></c>',
            b'<c r="{ref}" t="n"><v>' + b"9" * 5000 + b"</v></c>",
            b'<c r="{ref}" t="inlineStr"><is><t>inline</t></is></c>',
            b'<c r="{ref}" t="str"><f>A1</f><v>calcul\xc3\xa9</v></c>',
            b'<c r="ZZZZZ0" t="n"><v>1</v></c>',
            b'<c r="{ref}" s="9999"><v>1</v></c>',
        ]
    )
    number = book.rng.randrange(1, 6)

    def edit(members: dict[str, bytes]) -> None:
        name = f"xl/worksheets/sheet{number}.xml"
        if name not in members:
            return
        cells = list(_CELL.finditer(members[name]))
        if not cells:
            return
        cell = book.rng.choice(cells)
        reference = cell[1] + cell[2]
        replacement = broken.replace(b"{ref}", reference)
        members[name] = members[name][: cell.start()] + replacement + members[name][cell.end() :]

    book.xml_edits.append(edit)
    return f"malformed cell in sheet{number}: {broken[:40]!r}"


def _archive(book: MutatedBook) -> str:
    action = book.rng.choice(
        [
            "truncate",
            "flip",
            "drop-member",
            "laughs-strings",
            "laughs-sheet",
            "zip-bomb",
            "strict",
            "ods-renamed",
            "xls-header",
            "garbage",
            "csv",
            "encrypted-flag",
            "compression",
            "truncate-xml",
            "ods",
        ]
    )
    rng = book.rng
    if action == "truncate":
        book.file_edits.append(lambda data: data[: rng.randrange(1, max(2, len(data)))])
    elif action == "flip":

        def flip(data: bytes) -> bytes:
            mutable = bytearray(data)
            for _ in range(rng.randrange(1, 20)):
                mutable[rng.randrange(len(mutable))] = rng.randrange(256)
            return bytes(mutable)

        book.file_edits.append(flip)
    elif action == "drop-member":
        victim = rng.choice(
            [
                "xl/styles.xml",
                "xl/workbook.xml",
                "[Content_Types].xml",
                "xl/_rels/workbook.xml.rels",
            ]
        )
        book.xml_edits.append(lambda members: members.pop(victim, None) and None)
    elif action in {"laughs-strings", "laughs-sheet"}:
        name = "xl/sharedStrings.xml" if action == "laughs-strings" else "xl/worksheets/sheet1.xml"

        def laughs(members: dict[str, bytes]) -> None:
            if name not in members:
                add_shared_strings(members)
            body = re.sub(rb"^<\?xml[^>]*\?>", b"", members[name])
            tag = b"<t>" if b"<t>" in body else b"<v>"
            body = body.replace(tag, tag + b"&lol9;", 1)
            members[name] = BILLION_LAUGHS.encode() + body

        book.xml_edits.append(laughs)
    elif action == "zip-bomb":
        book.xml_edits.append(
            lambda members: members.__setitem__("xl/media/bomb.bin", b"\0" * (60 * 1024 * 1024))
        )
    elif action == "strict":

        def strict(members: dict[str, bytes]) -> None:
            members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(
                b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                b"http://purl.oclc.org/ooxml/spreadsheetml/main",
            )

        book.xml_edits.append(strict)
    elif action == "ods-renamed":
        book.as_ods = True
    elif action == "ods":
        book.as_ods, book.suffix = True, ".ods"
    elif action == "xls-header":
        book.file_edits.append(lambda data: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data)
    elif action == "garbage":
        book.file_edits.append(lambda data: rng.randbytes(rng.randrange(1, 5000)))
    elif action == "csv":
        book.file_edits.append(lambda data: "N° candidat;Nom\n2245401;Durand\n".encode())
    elif action == "encrypted-flag":
        book.file_edits.append(_encrypt_flag)
    elif action == "compression":
        book.file_edits.append(_deflate64)
    else:
        book.xml_edits.append(_truncate_a_sheet)
    return f"archive {action}"


def add_shared_strings(members: dict[str, bytes]) -> None:
    """A shared strings part, declared as Excel declares it (openpyxl writes inline strings)."""
    members["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        b'uniqueCount="1"><si><t>texte</t></si></sst>'
    )
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )


def _encrypt_flag(data: bytes) -> bytes:
    """Mark every member of the central directory as encrypted."""
    mutable = bytearray(data)
    start = 0
    while (index := mutable.find(b"PK\x01\x02", start)) >= 0:
        mutable[index + 8] |= 0x1
        start = index + 4
    return bytes(mutable)


def _deflate64(data: bytes) -> bytes:
    """Declare Deflate64 (method 9), which the standard library cannot read, everywhere."""
    mutable = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = 0
        while (index := mutable.find(signature, start)) >= 0:
            mutable[index + offset : index + offset + 2] = (9).to_bytes(2, "little")
            start = index + 4
    return bytes(mutable)


def _truncate_a_sheet(members: dict[str, bytes]) -> None:
    name = "xl/worksheets/sheet2.xml"
    if name in members:
        members[name] = members[name][: len(members[name]) // 2]


MUTATIONS = (
    (_extreme_value, 30),
    (_retyped_value, 12),
    (_header, 10),
    (_sheets, 10),
    (_rows, 6),
    (_merge, 5),
    (_date_format, 4),
    (_malformed_cell, 8),
    (_archive, 8),
)


def mutated_workbook(seed: int, folder: Path) -> tuple[Path, list[str]]:
    """Write the mutated workbook of `seed` in `folder`; its path and what was done to it."""
    rng = random.Random(seed)
    book = MutatedBook(rng)
    done = [
        mutate(book)
        for mutate in rng.choices(
            [mutation for mutation, _ in MUTATIONS],
            weights=[weight for _, weight in MUTATIONS],
            k=rng.randint(1, 4),
        )
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"session{book.suffix}"
    if book.as_ods:
        write_ods(path, {book.titles[name]: rows for name, rows in book.sheets.items()})
    else:
        _write_xlsx(book, path)
    if book.xml_edits and not book.as_ods:
        with zipfile.ZipFile(path) as archive:
            members = {name: archive.read(name) for name in archive.namelist()}
        for edit in book.xml_edits:
            edit(members)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in members.items():
                archive.writestr(name, content)
    for file_edit in book.file_edits:
        path.write_bytes(file_edit(path.read_bytes()))
    return path, done


def _write_xlsx(book: MutatedBook, path: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]  # a fresh workbook has one sheet
    for name, rows in book.sheets.items():
        sheet = workbook.create_sheet(book.titles[name][:31])
        for row in rows:
            sheet.append([_storable(value) for value in row])
        for merged_sheet, cells in book.merges:
            if merged_sheet == name:
                sheet.merge_cells(cells)
        for styled_sheet, row_index, column in book.date_styled:
            if styled_sheet == name and row_index < len(rows):
                sheet.cell(row_index + 1, column + 1).number_format = "dd/mm/yyyy"
    workbook.save(path)


def _storable(value: object) -> object:
    """What openpyxl agrees to write: it refuses control characters, writes the rest."""
    if isinstance(value, str):
        return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "?", value)
    return value


# A Python exception's name, or a traceback, must never reach the user.
PYTHON_WORDS = re.compile(
    r"Traceback|\b\w*(?:Error|Exception|Warning)\b|\bKeyError|\bBadZipFile|\bStopIteration|"
    r"File \"|\bNone\b|object at 0x"
)
FRENCH = re.compile(r"[éèàùç«»]|\b(?:le|la|les|du|des|est|classeur)\b")
_UNREADABLE_VALUE = re.compile(r"» : « (.*) » ne peut pas être lu ; attendu")


@dataclass(frozen=True)
class Outcome:
    """How `docgen check` ended on one workbook, and what was wrong with that ending."""

    exit_code: int
    seconds: float
    problems: tuple[str, ...]
    output: str

    @property
    def clean(self) -> bool:
        return not self.problems


def check_outcome(folder: Path, workbook: Path) -> Outcome:
    """Run `docgen check --format json` in-process and hold its result to the contract."""
    from click.testing import CliRunner

    from docgen.cli import main

    started = time_module.perf_counter()
    result = CliRunner().invoke(
        main, ["check", str(folder), "--format", "json", "--as-of", "2027-01-10"]
    )
    seconds = time_module.perf_counter() - started
    output = result.output
    problems: list[str] = []
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problems.append(f"exception {type(result.exception).__name__}: {result.exception}")
    if result.exit_code not in (0, 1, 3):
        problems.append(f"exit code {result.exit_code}")
    if result.exit_code == 3 and not FRENCH.search(output):
        problems.append("exit 3 without a French message")
    if result.exit_code in (0, 1):
        problems.extend(_finding_problems(output, workbook))
    elif match := PYTHON_WORDS.search(output):
        problems.append(f"Python word in the message: {match[0]!r}")
    if seconds > 10:
        problems.append(f"{seconds:.1f} s")
    return Outcome(result.exit_code, seconds, tuple(problems), output)


def _finding_problems(output: str, workbook: Path) -> list[str]:
    try:
        reports = json.loads(output)
    except ValueError:
        return [f"output is not JSON: {output[:200]!r}"]
    if isinstance(reports, dict):
        reports = [reports]
    findings = [finding for report in reports for finding in report["findings"]]
    problems = [
        f"Python word in a finding: {finding['message'][:120]!r}"
        for finding in findings
        if PYTHON_WORDS.search(finding["message"]) or not FRENCH.search(finding["message"])
    ]
    titles, cell_value = _workbook_cells(workbook)
    for finding in findings:
        sheet = finding["sheet"]
        if sheet is not None and finding["code"] != "missing-sheet" and sheet not in titles:
            problems.append(f"{finding['code']} names sheet {sheet!r}, not one of {titles}")
        if finding["cell"] is None or cell_value is None or sheet not in titles:
            continue
        value = cell_value(sheet, finding["row"], finding["column"])
        problems.extend(_cell_problems(finding, value))
    return problems


def _cell_problems(finding: dict[str, Any], value: object) -> list[str]:
    """The finding talks about the value its cell holds."""
    from docgen.workbook.cells import is_blank, is_excel_error, shown

    message = finding["message"]
    where = f"{finding['cell']} ({finding['code']})"
    if finding["code"] == "missing-value" and "est vide" in message and not is_blank(value):
        return [f"{where} said empty, holds {value!r}"[:200]]
    if "erreur de formule" in message and not is_excel_error(value):
        return [f"{where} said formula error, holds {value!r}"[:200]]
    match = _UNREADABLE_VALUE.search(message)
    if match and value is not None and shown(value) != match[1]:
        return [f"{where} quotes {match[1]!r}, holds {shown(value)!r}"[:200]]
    return []


CellValue = Callable[[str, int, str], object]


def _workbook_cells(workbook: Path) -> tuple[list[str], CellValue | None]:
    """The sheet titles, and each cell's value as openpyxl reads it (its non-streaming reader,
    another code path than docgen's); no values when it cannot read the file."""
    import warnings

    import openpyxl

    if workbook.suffix == ".ods":
        import python_calamine

        return list(python_calamine.CalamineWorkbook.from_path(str(workbook)).sheet_names), None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loaded = openpyxl.load_workbook(workbook, data_only=True)
    except Exception:  # a file only docgen's cell-by-cell reader gets through
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            streamed = openpyxl.load_workbook(workbook, read_only=True)
        return streamed.sheetnames, None

    def value(sheet: str, row: int, column: str) -> object:
        return loaded[sheet][f"{column}{row}"].value

    return loaded.sheetnames, value
