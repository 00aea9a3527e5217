"""planning.xlsx: the plan per candidate, per jury pair, per room and per day, ready to print.

The package is written directly as SpreadsheetML (inline strings, four cell styles) rather than
through openpyxl's cell objects: a 1,000-candidate session has about 200,000 cells, which openpyxl
takes several seconds to write, over the whole run's budget.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from docgen.model import SessionData
from docgen.planning.plan import Plan, Slot
from docgen.xml_text import escape_text

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
EXCEL_EPOCH = date(1899, 12, 30)
HEADER, DATE, TIME = 1, 2, 3
"""Indices of the cell styles in styles.xml (0 is the default)."""
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Column = tuple[str, float]
"""A column's header and its width in characters."""


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell(reference: str, value: Any, style: int = 0) -> str:
    """One `<c>` element: text inline, numbers, dates and times as Excel serial numbers."""
    styled = f' s="{style}"' if style else ""
    if type(value) is str and value:  # most cells: text, tested first
        return _text_cell(reference, value, styled)
    if value is None or value == "":
        return f'<c r="{reference}"{styled}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"{styled}><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"{styled}><v>{value}</v></c>'
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        serial = (value - EXCEL_EPOCH).days
        return f'<c r="{reference}" s="{DATE}"><v>{serial}</v></c>'
    if isinstance(value, time):
        fraction = (value.hour * 60 + value.minute) / 1440
        return f'<c r="{reference}" s="{TIME}"><v>{fraction!r}</v></c>'
    return _text_cell(reference, str(value), styled)


def _text_cell(reference: str, value: str, styled: str) -> str:
    text = escape_text(value if value.isprintable() else NOT_XML.sub("", value))
    return (
        f'<c r="{reference}" t="inlineStr"{styled}><is><t xml:space="preserve">{text}</t></is></c>'
    )


def _sheet_xml(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> str:
    """A printable table: frozen header repeated on each page, landscape, one page wide."""
    letters = [_column_letter(i) for i in range(1, len(columns) + 1)]
    last = f"{letters[-1]}{len(rows) + 1}"
    widths = "".join(
        f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>'
        for i, (_, width) in enumerate(columns, start=1)
    )
    lines = [
        '<row r="1" ht="32" customHeight="1">'
        + "".join(_cell(f"{letters[i]}1", title, HEADER) for i, (title, _) in enumerate(columns))
        + "</row>"
    ]
    for number, row in enumerate(rows, start=2):
        cells = "".join(_cell(f"{letters[i]}{number}", value) for i, value in enumerate(row))
        lines.append(f'<row r="{number}">{cells}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{last}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{widths}</cols>"
        f"<sheetData>{''.join(lines)}</sheetData>"
        f'<autoFilter ref="A1:{last}"/>'
        '<printOptions gridLines="1"/>'
        '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        "<headerFooter><oddFooter>&amp;L&amp;A&amp;RPage &amp;P / &amp;N</oddFooter></headerFooter>"
        "</worksheet>"
    )


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font>'
    "</fonts>"
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E79"/><bgColor indexed="64"/>'
    "</patternFill></fill></fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" '
    'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _filter_range(sheet_xml: str) -> str:
    found = re.search(r'<autoFilter ref="([A-Z]+\d+:[A-Z]+\d+)"', sheet_xml)
    return found[1] if found else "A1:A1"


def _absolute(reference: str) -> str:
    """`A1:J89` → `$A$1:$J$89`."""
    return re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", reference)


def _package(
    sheets: Sequence[tuple[str, str]], stamp: datetime, title: str = "Planning de la session"
) -> dict[str, str]:
    """Every part of the .xlsx package, by path."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    relationships = "".join(
        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    entries = "".join(
        f'<sheet name="{escape_text(name)}" sheetId="{n}" r:id="rId{n}"/>'
        for n, (name, _) in enumerate(sheets, start=1)
    )
    names = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">'
        f"'{escape_text(name)}'!$1:$1</definedName>"
        for n, (name, _) in enumerate(sheets)
    )
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"'{escape_text(name)}'!{_absolute(_filter_range(xml))}</definedName>"
        for n, (name, xml) in enumerate(sheets)
    )
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    parts = {
        "[Content_Types].xml": declaration
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        f"{overrides}</Types>",
        "_rels/.rels": declaration
        + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>",
        "docProps/core.xml": declaration
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape_text(title)}</dc:title><dc:creator>docgen</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>",
        "docProps/app.xml": declaration
        + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>docgen</Application></Properties>',
        "xl/workbook.xml": declaration
        + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{entries}</sheets><definedNames>{filters}{names}</definedNames></workbook>",
        "xl/_rels/workbook.xml.rels": declaration
        + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'{relationships}<Relationship Id="rId{len(sheets) + 1}" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/></Relationships>',
        "xl/styles.xml": STYLES,
    }
    for n, (_, xml) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{n}.xml"] = xml
    return parts


def _names(data: SessionData) -> dict[str, str]:
    return {candidate.number: candidate.full_name for candidate in data.candidates}


def _who(slot: Slot, names: dict[str, str], everyone: int) -> str:
    if len(slot.candidates) == 1:
        return f"{slot.candidates[0]} {names.get(slot.candidates[0], '')}".strip()
    if len(slot.candidates) == everyone and everyone > 1:
        return f"Tous les candidats ({everyone})"
    return ", ".join(slot.candidates)


def _present(slot: Slot) -> str:
    return "Oui" if slot.step.candidate_present else "Non (jury seul)"


def _jury(slot: Slot) -> str:
    jurors = ", ".join(slot.jurors)
    return f"{slot.jury_pair} : {jurors}" if slot.jury_pair else jurors


def _when(slot: Slot) -> tuple[date, time, time]:
    return slot.start.date(), slot.start.time(), slot.end.time()


def _by_candidate(plan: Plan, data: SessionData) -> list[list[Any]]:
    names = _names(data)
    rows = []
    for number in sorted(names):
        for slot in plan.candidate_slots(number):
            rows.append(
                [
                    number,
                    names[number],
                    plan.pair_of(number) or "",
                    *_when(slot),
                    slot.step.name,
                    _present(slot),
                    slot.room or "",
                    ", ".join(slot.jurors),
                ]
            )
    return rows


def _by_pair(plan: Plan, data: SessionData) -> list[list[Any]]:
    names = _names(data)
    rows = []
    for pair in plan.jury_pairs:
        slots = sorted(
            (slot for slot in plan.slots if slot.jury_pair == pair.id),
            key=lambda slot: (slot.start, slot.end),
        )
        for slot in slots:
            rows.append(
                [
                    pair.id,
                    ", ".join(pair.jurors),
                    *_when(slot),
                    slot.step.name,
                    _who(slot, names, len(names)),
                    _present(slot),
                    slot.room or "",
                ]
            )
    return rows


def _by_room(plan: Plan, data: SessionData) -> list[list[Any]]:
    names = _names(data)
    rooms = sorted({slot.room for slot in plan.slots if slot.room})
    rows = []
    for room in rooms:
        for slot in (slot for slot in plan.slots if slot.room == room):
            rows.append(
                [room, *_when(slot), slot.step.name, _who(slot, names, len(names)), _jury(slot)]
            )
    return rows


def _by_day(plan: Plan, data: SessionData) -> list[list[Any]]:
    names = _names(data)
    return [
        [
            *_when(slot),
            slot.step.name,
            slot.room or "",
            _who(slot, names, len(names)),
            _present(slot),
            _jury(slot),
        ]
        for slot in plan.slots
    ]


def _summary(plan: Plan, data: SessionData) -> list[list[Any]]:
    session = data.session
    rows: list[list[Any]] = []
    if session is not None:
        rows.append(["Titre", session.title])
        rows.append(["Centre", session.centre])
    if plan.days:
        rows.append(["Premier jour", plan.days[0]])
        rows.append(["Dernier jour", plan.days[-1]])
        rows.append(["Jours de session", len(plan.days)])
    rows.append(["Candidats", len(data.candidates)])
    rows.append(["Binômes de jurés", len(plan.jury_pairs)])
    rows.append(["Borne inférieure (binômes)", plan.lower_bound_pairs])
    rows.append(["Jurés nécessaires", plan.jurors_needed])
    for pair in plan.jury_pairs:
        count = sum(1 for _, pair_id in plan.assignment if pair_id == pair.id)
        rows.append([f"Binôme {pair.id}", f"{', '.join(pair.jurors)} — {count} candidat(s)"])
    rows.extend(["Remarque", note] for note in plan.notes)
    rows.extend(["À corriger", finding.message] for finding in plan.findings)
    return rows


def planning_workbook_bytes(plan: Plan, data: SessionData) -> bytes:
    """planning.xlsx as bytes: one sheet per view of the plan, byte-identical on reruns."""
    views: list[tuple[str, list[Column], list[list[Any]]]] = [
        ("Synthèse", [("Élément", 28), ("Valeur", 100)], _summary(plan, data)),
        (
            "Par candidat",
            [
                ("N° candidat", 12),
                ("Nom", 24),
                ("Binôme", 8),
                ("Date", 11),
                ("Début", 7),
                ("Fin", 7),
                ("Étape", 34),
                ("Candidat présent", 15),
                ("Salle", 22),
                ("Jurés", 34),
            ],
            _by_candidate(plan, data),
        ),
        (
            "Par binôme",
            [
                ("Binôme", 8),
                ("Jurés", 32),
                ("Date", 11),
                ("Début", 7),
                ("Fin", 7),
                ("Étape", 34),
                ("Candidat", 30),
                ("Candidat présent", 15),
                ("Salle", 22),
            ],
            _by_pair(plan, data),
        ),
        (
            "Par salle",
            [
                ("Salle", 22),
                ("Date", 11),
                ("Début", 7),
                ("Fin", 7),
                ("Étape", 34),
                ("Candidats", 40),
                ("Jurés", 40),
            ],
            _by_room(plan, data),
        ),
        (
            "Par jour",
            [
                ("Date", 11),
                ("Début", 7),
                ("Fin", 7),
                ("Étape", 34),
                ("Salle", 22),
                ("Candidats", 40),
                ("Candidat présent", 15),
                ("Jurés", 40),
            ],
            _by_day(plan, data),
        ),
    ]
    # The session's first day, not the clock: the same plan gives the same bytes.
    stamp = datetime.combine(plan.days[0], time()) if plan.days else datetime(2000, 1, 1)
    return tables_workbook_bytes(views, stamp, "Planning de la session")


LEVEL = 1
"""Deflate level: a 500-candidate planning is 6 MB of XML, three times faster to compress than
at the default level, for a file a quarter larger."""


def tables_workbook_bytes(
    views: Sequence[tuple[str, Sequence[Column], Sequence[Sequence[Any]]]],
    stamp: datetime,
    title: str,
) -> bytes:
    """An .xlsx of printable tables, one sheet per (name, columns, rows), stamped `stamp`."""
    sheets = [(name, _sheet_xml(columns, rows)) for name, columns, rows in views]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in _package(sheets, stamp, title).items():
            entry = zipfile.ZipInfo(path, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, content.encode("utf-8"), compresslevel=LEVEL)
    return buffer.getvalue()
