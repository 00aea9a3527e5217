"""`docgen all --pdf` and `docgen pdf` on the example: PDFs beside the .docx, print files, reuse."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from docgen.cli import main
from tests.libreoffice import needs_libreoffice

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "exemple"
AS_OF = "2027-01-11"
PRINT_FILES = ("convocations", "invitations", "feuilles", "affiches")


def run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(arguments))
    return result.exit_code, result.output


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sorties")
    code, output = run("all", "--pdf", str(EXAMPLE), "--as-of", AS_OF, "--out", str(out))
    assert code == 0, output
    assert "PDF : " in output and "convertis" in output
    return out / "exemple"


@needs_libreoffice
def test_every_document_has_its_pdf_listed_in_the_manifest(produced: Path) -> None:
    documents = sorted(produced.glob("*/*.docx"))
    assert len(documents) > 20
    listed = {
        entry["path"] for entry in json.loads((produced / "manifest.json").read_text())["files"]
    }
    for document in documents:
        pdf = document.with_suffix(".pdf")
        assert pdf.is_file(), pdf
        assert len(PdfReader(pdf).pages) >= 1
        assert pdf.relative_to(produced).as_posix() in listed
    assert {f"impression/{kind}.pdf" for kind in PRINT_FILES} <= listed


@needs_libreoffice
def test_the_print_files_have_a_bookmark_per_document_in_order(produced: Path) -> None:
    expected = {
        "convocations": sorted(produced.glob("convocations/*.docx")),
        "invitations": sorted(produced.glob("invitations/*.docx")),
        "feuilles": sorted(produced.glob("feuilles/*.docx")),
        "affiches": sorted(produced.glob("affiches/*.docx")),
    }
    for kind in PRINT_FILES:
        reader = PdfReader(produced / "impression" / f"{kind}.pdf")
        assert len(reader.outline) == len(expected[kind]), kind
    convocations = PdfReader(produced / "impression" / "convocations.pdf")
    titles = [item.title for item in convocations.outline]
    assert titles[0] == "2270145 – BERNARD Lucas"
    assert titles == sorted(titles)  # the workbook lists the candidates by number
    sheets = [item.title for item in PdfReader(produced / "impression/feuilles.pdf").outline]
    assert sheets[0] == "Émargement – Lundi 15 mars 2027, matin"
    assert sheets[-1] == "Procès-verbal d'ouverture des plis"


@needs_libreoffice
def test_each_convocation_starts_on_the_front_of_a_sheet(produced: Path) -> None:
    reader = PdfReader(produced / "impression" / "convocations.pdf")
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    assert all(start % 2 == 0 for start in starts), starts
    singles = [PdfReader(pdf) for pdf in sorted(produced.glob("convocations/*.pdf"))]
    pages = sum(len(single.pages) + len(single.pages) % 2 for single in singles)
    assert len(reader.pages) == pages


@needs_libreoffice
def test_the_text_is_there_and_no_template_tag_is_left(produced: Path) -> None:
    convocation = text_of(produced / "convocations" / "2270145_BERNARD_Lucas.pdf")
    assert "BERNARD Lucas" in convocation
    assert "arrivée à 8 h 00" in convocation
    printed = subprocess.run(
        ["pdftotext", str(produced / "impression" / "convocations.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "ROUSSEAU Dylan" in printed
    for kind in PRINT_FILES:
        text = text_of(produced / "impression" / f"{kind}.pdf")
        assert "{{" not in text and "{%" not in text and "}}" not in text, kind


@needs_libreoffice
def test_the_pv_and_the_attendance_sheets_are_pdf_a(produced: Path) -> None:
    archived = [produced / "feuilles" / "pv_ouverture_plis.pdf"]
    archived += sorted(produced.glob("feuilles/emargement_*.pdf"))
    for pdf in archived:
        metadata = PdfReader(pdf).xmp_metadata
        assert metadata is not None, pdf
        xml = metadata.rdf_root.toxml()
        assert "<pdfaid:part>2</pdfaid:part>" in xml and "<pdfaid:conformance>B" in xml
    assert PdfReader(produced / "feuilles" / "checklist_materiel_salles.pdf").xmp_metadata is None


@needs_libreoffice
def test_a_second_run_converts_nothing_and_changes_no_byte(produced: Path) -> None:
    before = files_under(produced)
    code, output = run(
        "all", "--pdf", str(EXAMPLE), "--as-of", AS_OF, "--out", str(produced.parent)
    )
    assert code == 0, output
    assert "0 document converti" in output
    assert files_under(produced) == before
    code, output = run("pdf", str(EXAMPLE), "--as-of", AS_OF, "--out", str(produced.parent))
    assert code == 0, output
    assert "0 document converti" in output
    assert files_under(produced) == before


def test_without_libreoffice_the_documents_are_written_and_the_pdf_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "vide"))
    out = tmp_path / "sorties"
    code, output = run("convocations", "--pdf", str(EXAMPLE), "--as-of", AS_OF, "--out", str(out))
    assert code == 3
    assert "libreoffice-writer-nogui" in output and "fr.libreoffice.org" in output
    assert "Traceback" not in output
    assert len(list((out / "exemple" / "convocations").glob("*.docx"))) == 11
    assert not list(out.rglob("*.pdf"))
    code, output = run("pdf", str(EXAMPLE), "--as-of", AS_OF, "--out", str(out))
    assert code == 3
    assert "soffice" in output and "Traceback" not in output


@needs_libreoffice
def test_pdf_before_any_document_says_what_to_run(tmp_path: Path) -> None:
    code, output = run("pdf", str(EXAMPLE), "--as-of", AS_OF, "--out", str(tmp_path))
    assert code == 3
    assert "docgen all" in output
