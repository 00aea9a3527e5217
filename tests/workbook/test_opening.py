"""Files that are not a readable .xlsx stop the run with a French message saying what to do."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from docgen.errors import InputError
from docgen.workbook import load_workbook_file
from tests.conftest import MakeWorkbook

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as refused:
        load_workbook_file(path)
    return refused.value.message


def test_a_missing_file(tmp_path: Path) -> None:
    assert "introuvable" in refusal(tmp_path / "session.xlsx")


def test_a_folder(tmp_path: Path) -> None:
    assert "dossier" in refusal(tmp_path)


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "session.xlsx"
    path.write_bytes(b"")
    assert "vide" in refusal(path)


def test_a_csv_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "session.xlsx"
    path.write_text("N° candidat;Nom\n2245401;Durand\n", encoding="utf-8")
    message = refusal(path)
    assert "CSV" in message and "Classeur Excel (.xlsx)" in message


def test_a_latin1_csv_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "session.xlsx"
    path.write_bytes("Prénom;Nom\nHélène;Bernard\n".encode("latin-1"))
    assert "CSV" in refusal(path)


def test_an_xls_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "session.xlsx"
    path.write_bytes(OLE_SIGNATURE + b"\x00" * 504 + "Workbook".encode("utf-16-le"))
    assert "97-2003 (.xls)" in refusal(path)


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "session.xlsx"
    stream_names = "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(OLE_SIGNATURE + b"\x00" * 504 + stream_names)
    assert "mot de passe" in refusal(path)


def test_a_truncated_workbook(make_workbook: MakeWorkbook) -> None:
    path = make_workbook()
    path.write_bytes(path.read_bytes()[:1500])
    assert "abîmé" in refusal(path)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "session.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "rien à voir")
    assert "archive zip, mais pas un classeur Excel" in refusal(path)


def test_a_workbook_with_a_broken_sheet(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    path = make_workbook()
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    message = refusal(broken)
    assert "La feuille « Candidats »" in message and "abîmée" in message


def test_an_html_page_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "session.xlsx"
    path.write_text("<html><body><table></table></body></html>", encoding="utf-8")
    assert "HTML" in refusal(path)


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "session.xlsx"
    path.write_bytes(bytes(range(256)) * 4)
    assert "n'est pas un classeur .xlsx" in refusal(path)


def test_every_refusal_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "session.xlsx"
    path.write_text("a;b\n", encoding="utf-8")
    assert str(path) in refusal(path)


def with_cell_xml(path: Path, target: Path, old: bytes, new: bytes) -> Path:
    """A copy of the workbook at `path` whose first sheet has `old` XML replaced by `new`."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old in content
                content = content.replace(old, new)
            copy.writestr(item, content)
    return target


def test_a_formula_gives_the_value_excel_computed(
    make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    path = with_cell_xml(
        make_workbook(),
        tmp_path / "formula.xlsx",
        b'<c r="B17" t="n"><v>3</v></c>',
        b'<c r="B17"><f>1+2</f><v>3</v></c>',
    )
    loaded = load_workbook_file(path)
    assert loaded.findings == ()
    assert loaded.data.session is not None
    assert loaded.data.session.expected_candidates == 3


def test_a_formula_never_computed_reads_as_empty(
    make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    path = with_cell_xml(
        make_workbook(),
        tmp_path / "uncomputed.xlsx",
        b'<c r="B17" t="n"><v>3</v></c>',
        b'<c r="B17"><f>1+2</f></c>',
    )
    loaded = load_workbook_file(path)
    assert [(f.code, f.location.where) for f in loaded.findings] == [
        ("missing-value", "Session!B17")
    ]


def test_a_wrong_sheet_size_written_by_another_tool_is_ignored(
    make_workbook: MakeWorkbook, tmp_path: Path
) -> None:
    path = with_cell_xml(
        make_workbook(),
        tmp_path / "sized.xlsx",
        b'<dimension ref="A1:B25"/>',
        b'<dimension ref="A1"/>',
    )
    loaded = load_workbook_file(path)
    assert loaded.findings == ()
    assert loaded.data.session is not None
