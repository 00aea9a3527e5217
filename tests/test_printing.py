"""The PDF step across runs, with a stand-in soffice: reuse, stale print files, `docgen pdf`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from docgen.cli import main
from tests.pdf.fake_soffice import calls, install_fake_soffice

EXAMPLE = Path(__file__).resolve().parent.parent / "inputs" / "exemple"


def run(*arguments: str) -> str:
    result = CliRunner().invoke(main, list(arguments))
    assert result.exit_code == 0, result.output
    return result.output


def test_pdfs_follow_their_documents_across_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = install_fake_soffice(tmp_path, monkeypatch)
    out = tmp_path / "sorties"
    session = out / "exemple"
    printed = session / "impression" / "convocations.pdf"

    output = run("convocations", "--pdf", str(EXAMPLE), "--as-of", "2027-01-11", "--out", str(out))
    assert "11 documents convertis" in output
    assert len(list(session.glob("convocations/*.pdf"))) == 11
    reader = PdfReader(printed)
    assert len(reader.outline) == 11
    assert len(reader.pages) == 22  # one-page PDFs, each followed by a blank back
    first = printed.read_bytes()

    output = run("convocations", str(EXAMPLE), "--as-of", "2027-01-11", "--out", str(out))
    assert "0 document converti, 11 repris" in output
    assert printed.read_bytes() == first
    assert sorted(calls(log)) == [5, 6]  # two instances, nothing converted again

    # Another date changes every letter: their PDFs and the print file are stale and go.
    output = run("convocations", str(EXAMPLE), "--as-of", "2027-01-12", "--out", str(out))
    assert "Retirés car périmés" in output
    assert not list(session.glob("convocations/*.pdf"))
    assert not printed.exists()
    assert "docgen pdf" in (session / "impression" / "A-LIRE.txt").read_text()

    output = run("pdf", str(EXAMPLE), "--as-of", "2027-01-12", "--out", str(out))
    assert "11 documents convertis" in output
    assert len(PdfReader(printed).outline) == 11
    assert not (session / "impression" / "A-LIRE.txt").exists()


def test_a_print_file_of_another_kind_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake_soffice(tmp_path, monkeypatch)
    out = tmp_path / "sorties"
    run("sheets", "--pdf", str(EXAMPLE), "--as-of", "2027-01-11", "--out", str(out))
    sheets = out / "exemple" / "impression" / "feuilles.pdf"
    before = sheets.read_bytes()
    run(
        "convocations",
        "--pdf",
        "--recto-verso",
        "non",
        str(EXAMPLE),
        "--as-of",
        "2027-01-11",
        "--out",
        str(out),
    )
    assert sheets.read_bytes() == before
    assert len(PdfReader(out / "exemple" / "impression" / "convocations.pdf").pages) == 11
