"""Hostile and odd files: refused fast, in French, with little memory; sound parts still read."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl.worksheet._reader
import pytest
from click.testing import CliRunner
from defusedxml import EntitiesForbidden

from docgen.cli import main
from docgen.errors import InputError
from docgen.workbook import load_workbook_file
from docgen.workbook.xlsx import read_xlsx_sheets
from tests.conftest import MakeWorkbook
from tests.factory import set_cell, set_session_value, tidy_session_rows, write_workbook
from tests.ods import write_ods
from tests.workbook.mutations import BILLION_LAUGHS, add_shared_strings
from tests.workbook.test_loading import without_origins

# Loads a workbook in a fresh interpreter; prints the outcome, the load's seconds and the peak
# memory of that interpreter (VmHWM: ru_maxrss would keep the forking pytest process's peak).
MEASURED_LOAD = """
import json, re, sys, time
from pathlib import Path
from docgen.errors import InputError
from docgen.workbook import load_workbook_file
started = time.perf_counter()
try:
    load_workbook_file(Path(sys.argv[1]))
    outcome = "lu"
except InputError as refused:
    outcome = refused.message
seconds = time.perf_counter() - started
peak = re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text())[1]
print(json.dumps({"outcome": outcome, "seconds": seconds, "megabytes": int(peak) / 1024}))
"""


def measured_load(path: Path) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", MEASURED_LOAD, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(completed.stdout)
    return result


def rewritten(path: Path, target: Path, edit: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    edit(members)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for name, content in members.items():
            copy.writestr(name, content)
    return target


def laughing(member: str) -> Callable[[dict[str, bytes]], None]:
    """An edit putting a billion laughs in `member`: the first sheet or a shared strings part."""

    def edit(members: dict[str, bytes]) -> None:
        if member == "xl/sharedStrings.xml":
            add_shared_strings(members)
            body, tag = members[member], b"<t>"
        else:
            body, tag = members[member], b"<t>"
        members[member] = BILLION_LAUGHS.encode() + body.replace(tag, tag + b"&lol9;", 1)

    return edit


@pytest.mark.parametrize("member", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
def test_a_billion_laughs_is_refused_fast_with_little_memory(
    make_workbook: MakeWorkbook, tmp_path: Path, member: str
) -> None:
    bomb = rewritten(make_workbook(), tmp_path / "rires.xlsx", laughing(member))
    measured = measured_load(bomb)
    assert "DOCTYPE" in str(measured["outcome"]) and "piégé" in str(measured["outcome"])
    assert float(str(measured["seconds"])) < 2
    assert float(str(measured["megabytes"])) < 200


def test_a_zip_bomb_is_refused_fast_with_little_memory(
    make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    def bomb(members: dict[str, bytes]) -> None:
        members["xl/media/image1.bin"] = b"\0" * (300 * 1024 * 1024)

    path = rewritten(make_workbook(), tmp_path / "bombe.xlsx", bomb)
    assert path.stat().st_size < 1024 * 1024
    measured = measured_load(path)
    assert "Mo une fois décompressé" in str(measured["outcome"])
    assert float(str(measured["seconds"])) < 2
    assert float(str(measured["megabytes"])) < 200


def test_openpyxl_itself_parses_with_defusedxml(
    make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    """Behind the archive check, the parser refuses entities too (defence in depth)."""
    assert openpyxl.worksheet._reader.iterparse.__module__.startswith("defusedxml")
    bomb = rewritten(make_workbook(), tmp_path / "rires.xlsx", laughing("xl/sharedStrings.xml"))
    with pytest.raises(Exception) as refused:
        read_xlsx_sheets(bomb)
    causes = [refused.value]
    while causes[-1].__context__ is not None:
        causes.append(causes[-1].__context__)
    assert any(isinstance(cause, EntitiesForbidden) for cause in causes)


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as refused:
        load_workbook_file(path)
    return refused.value.message


def test_a_strict_open_xml_workbook_gets_a_precise_message(
    make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    def strict(members: dict[str, bytes]) -> None:
        members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(
            b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        )

    message = refusal(rewritten(make_workbook(), tmp_path / "session.xlsx", strict))
    assert "Strict" in message and "Classeur Excel (.xlsx)" in message


def test_an_ods_renamed_xlsx_gets_a_precise_message(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "session.xlsx", tidy_session_rows())
    message = refusal(path)
    assert "OpenDocument (.ods" in message and "session.ods" in message


def test_an_xls_workbook_is_refused_with_the_way_to_save_it(tmp_path: Path) -> None:
    path = tmp_path / "session.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    message = refusal(path)
    assert str(path) in message and "Classeur Excel (.xlsx)" in message


def test_an_encrypted_archive_member(make_workbook: MakeWorkbook) -> None:
    path = make_workbook()
    data = bytearray(path.read_bytes())
    index = data.find(b"PK\x01\x02")
    data[index + 8] |= 0x1
    path.write_bytes(bytes(data))
    assert "chiffré" in refusal(path)


def test_an_unsupported_compression(make_workbook: MakeWorkbook) -> None:
    path = make_workbook()
    data = bytearray(path.read_bytes())
    index = data.find(b"PK\x01\x02")
    data[index + 10 : index + 12] = (9).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    assert "compressé d'une manière que docgen ne lit pas" in refusal(path)


def test_no_refusal_quotes_python(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    def no_styles(members: dict[str, bytes]) -> None:
        members["xl/workbook.xml"] = b"<not-a-workbook"

    message = refusal(rewritten(make_workbook(), tmp_path / "session.xlsx", no_styles))
    assert "abîmé" in message
    assert not any(word in message for word in ("Error", "KeyError", "ParseError", "'"))


def with_cell(path: Path, target: Path, reference: bytes, cell: bytes) -> Path:
    """A copy whose Session sheet cell `reference` is replaced by the XML `cell`."""

    def edit(members: dict[str, bytes]) -> None:
        sheet = members["xl/worksheets/sheet1.xml"]
        start = sheet.index(b'<c r="' + reference + b'"')
        end = sheet.index(b"</c>", start) + 4
        members["xl/worksheets/sheet1.xml"] = sheet[:start] + cell + sheet[end:]

    return rewritten(path, target, edit)


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="B17" t="n"><v>trois</v></c>',
        b'<c r="B17" t="s"><v>99999</v></c>',
        b'<c r="B17" t="d"><v>2027-13-45</v></c>',
        b'<c r="B17" t="n"><v>' + b"9" * 5000 + b"</v></c>",
    ],
)
def test_one_damaged_cell_is_reported_and_the_rest_read(
    make_workbook: MakeWorkbook, tmp_path: Path, cell: bytes
) -> None:
    loaded = load_workbook_file(with_cell(make_workbook(), tmp_path / "x.xlsx", b"B17", cell))
    assert [(f.location.where, f.message) for f in loaded.findings] == [
        (
            "Session!B17",
            "« Candidats prévus » : la cellule est abîmée dans le fichier et ne peut pas être "
            "lue ; retapez sa valeur dans Excel.",
        )
    ]
    assert len(loaded.data.candidates) == 3 and loaded.data.jurors


@pytest.mark.parametrize(
    ("reference", "formula", "shown", "label"),
    [
        ("B17", b"1/0", "#DIV/0!", "Candidats prévus"),
        ("B19", b'A1+"x"', "#VALUE!", "Téléphone du responsable"),  # a text field too
    ],
)
def test_a_formula_error_is_not_called_empty(
    make_workbook: MakeWorkbook,
    tmp_path: Path,
    reference: str,
    formula: bytes,
    shown: str,
    label: str,
) -> None:
    cell = f'<c r="{reference}" t="e"><f>'.encode() + formula + f"</f><v>{shown}</v></c>".encode()
    workbook = with_cell(make_workbook(), tmp_path / "x.xlsx", reference.encode(), cell)
    loaded = load_workbook_file(workbook)
    assert [(f.location.where, f.message) for f in loaded.findings] == [
        (
            f"Session!{reference}",
            f"« {label} » : la cellule contient une erreur de formule ({shown}) ; "
            "corrigez la formule ou tapez directement la valeur.",
        )
    ]


def test_findings_name_the_sheet_as_the_workbook_titles_it(tmp_path: Path) -> None:
    sheets = tidy_session_rows()
    sheets["Équipements"] = sheets.pop("Matériel")
    set_cell(sheets, "Équipements", 1, "Quantité disponible", "beaucoup")
    loaded = load_workbook_file(write_workbook(tmp_path / "session.xlsx", sheets))
    assert [f.location.where for f in loaded.findings] == ["Équipements!E3"]
    assert loaded.sheet_titles == {"Matériel": "Équipements"}


def test_of_two_matching_sheets_the_exact_name_is_read_and_said(tmp_path: Path) -> None:
    sheets = tidy_session_rows()
    steps = sheets.pop("Déroulé")
    sheets["Déroulé type"] = [steps[0]]
    sheets["Déroulé"] = steps
    set_cell(sheets, "Déroulé", 0, "Durée", "longtemps")
    loaded = load_workbook_file(write_workbook(tmp_path / "session.xlsx", sheets))
    assert [(f.code, f.location.where) for f in loaded.findings] == [
        ("duplicate-sheet", "Déroulé"),
        ("invalid-value", "Déroulé!E2"),
    ]
    assert "« Déroulé type » n'est pas lue" in loaded.findings[0].message


def test_extreme_cells_are_findings_at_their_cell(tmp_path: Path) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 0, "Prénom", "x" * 100_000)
    set_cell(sheets, "Déroulé", 0, "Ordre", "9" * 5000)
    set_cell(sheets, "Déroulé", 1, "Durée", "9" * 5000 + " min")
    set_session_value(sheets, "Heure d'ouverture", "9" * 5000)
    set_session_value(sheets, "Date de fin", "31/12/9999")
    loaded = load_workbook_file(write_workbook(tmp_path / "session.xlsx", sheets))
    assert {(f.code, f.location.where) for f in loaded.findings} >= {
        ("invalid-value", "Candidats!E2"),
        ("invalid-value", "Déroulé!A2"),
        ("invalid-value", "Déroulé!E3"),
    }
    messages = " ".join(f.message for f in loaded.findings)
    assert "entre 2000 et 2100" in messages and "moins de 5\u202f000 caractères" in messages


def test_line_breaks_in_one_line_fields_become_spaces(tmp_path: Path) -> None:
    sheets = tidy_session_rows()
    set_session_value(sheets, "Intitulé du titre", "Soudeur\nassembleur industriel")
    set_session_value(sheets, "Responsable de session", "Claire\r\nMartin")
    loaded = load_workbook_file(write_workbook(tmp_path / "session.xlsx", sheets))
    assert loaded.data.session is not None
    assert loaded.data.session.title == "Soudeur assembleur industriel"
    assert loaded.data.session.manager == "Claire Martin"


def test_a_line_break_in_an_email_is_a_finding(tmp_path: Path) -> None:
    sheets = tidy_session_rows()
    set_session_value(sheets, "Email du responsable", "claire@\ncentre.fr")
    loaded = load_workbook_file(write_workbook(tmp_path / "session.xlsx", sheets))
    assert [(f.code, f.location.sheet) for f in loaded.findings] == [("invalid-value", "Session")]


def test_ten_thousand_rows_are_said_and_the_first_two_thousand_read(tmp_path: Path) -> None:
    sheets = tidy_session_rows()
    room = sheets["Salles"][-1]
    sheets["Salles"] += [[f"Salle {n}", *room[1:]] for n in range(10_000)]
    loaded = load_workbook_file(write_workbook(tmp_path / "session.xlsx", sheets))
    assert [(f.code, f.location.where) for f in loaded.findings] == [
        ("too-many-rows", "Salles, ligne 2000")
    ]
    assert "les suivantes ne sont pas lues" in loaded.findings[0].message
    assert len(loaded.data.rooms) == 2_000 - 1


def test_an_ods_workbook_reads_like_the_xlsx(tmp_path: Path) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 1, "Civilité", "Madame la comtesse")
    ods = load_workbook_file(write_ods(tmp_path / "ods" / "session.ods", sheets))
    xlsx = load_workbook_file(write_workbook(tmp_path / "xlsx" / "session.xlsx", sheets))
    assert ods.findings == xlsx.findings
    assert without_origins(ods.data) == without_origins(xlsx.data)
    assert ods.data.candidates[0].origin == xlsx.data.candidates[0].origin


def test_an_ods_repeating_a_value_over_millions_of_cells_is_refused(tmp_path: Path) -> None:
    """LibreOffice writes `number-rows-repeated`; a hostile file repeats a value 10⁸ times."""
    path = write_ods(tmp_path / "session.ods", tidy_session_rows())

    def repeated(members: dict[str, bytes]) -> None:
        members["content.xml"] = members["content.xml"].replace(
            b"<table:table-row>",
            b'<table:table-row table:number-rows-repeated="100000">'
            b'<table:table-cell table:number-columns-repeated="1000" office:value-type="float" '
            b'office:value="1"/></table:table-row><table:table-row>',
            1,
        )

    measured = measured_load(rewritten(path, tmp_path / "bombe.ods", repeated))
    assert "plus de 2 000 000 cellules" in str(measured["outcome"])
    assert float(str(measured["seconds"])) < 2
    assert float(str(measured["megabytes"])) < 200


def test_a_session_folder_holding_session_ods_is_checked(tmp_path: Path) -> None:
    folder = tmp_path / "inputs" / "tertiaire"
    write_ods(folder / "session.ods", tidy_session_rows())
    result = CliRunner().invoke(main, ["check", str(folder), "--as-of", "2027-01-10"])
    assert result.exit_code == 0, result.output
    assert "Bilan : 0 erreur" in result.output or "Aucun problème" in result.output


def test_a_session_folder_holding_session_xls_says_how_to_save_it(tmp_path: Path) -> None:
    folder = tmp_path / "ancienne"
    folder.mkdir()
    (folder / "session.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    result = CliRunner().invoke(main, ["check", str(folder), "--as-of", "2027-01-10"])
    assert result.exit_code == 3
    assert "session.xls" in result.output and "Classeur Excel (.xlsx)" in result.output
