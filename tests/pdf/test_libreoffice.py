"""The LibreOffice pool without LibreOffice: a stand-in soffice that drops files as it does."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import OutputError
from docgen.pdf import check_pdf
from docgen.pdf.libreoffice import CHUNK_LIMIT, Conversion, _chunks, convert_to_pdf
from tests.pdf.fake_soffice import install_fake_soffice


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    install_fake_soffice(tmp_path, monkeypatch)
    return tmp_path


def documents(count: int, archival_every: int = 0) -> list[Conversion]:
    return [
        Conversion(
            f"convocations/{index:04d}.docx",
            f"candidat {index}".encode(),
            archival=bool(archival_every) and index % archival_every == 0,
        )
        for index in range(count)
    ]


def test_chunks_stay_under_the_limit_and_cover_every_document_once() -> None:
    items = documents(1001, archival_every=7)
    stems = [(f"d{index:05d}", item) for index, item in enumerate(items)]
    chunks = _chunks(stems, 2)
    assert all(len(chunk.members) <= CHUNK_LIMIT for chunk in chunks)
    covered = [name for chunk in chunks for _, name in chunk.members]
    assert sorted(covered) == sorted(item.name for item in items)
    for chunk in chunks:
        assert {item.archival for item in items if item.name in dict(chunk.members).values()} == {
            chunk.archival
        }


def test_past_the_file_count_limit_no_document_is_missing(fake_soffice: Path) -> None:
    items = documents(520, archival_every=10)
    converted = convert_to_pdf(items, instances=2)
    assert sorted(converted) == sorted(item.name for item in items)
    for item in items:
        assert check_pdf(converted[item.name], item.name) == 1
    calls = (fake_soffice / "calls.log").read_text().splitlines()
    assert all(int(line.split()[0]) <= CHUNK_LIMIT for line in calls)
    assert sum("SelectPdfVersion" in line for line in calls) >= 1


def test_a_chunk_that_lost_a_file_is_retried_for_it(fake_soffice: Path) -> None:
    (fake_soffice / "DROP_FIRST").touch()
    converted = convert_to_pdf(documents(5), instances=1)
    assert len(converted) == 5
    calls = (fake_soffice / "calls.log").read_text().splitlines()
    assert [line.split()[0] for line in calls] == ["5", "1"]


def test_a_document_never_converted_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    with pytest.raises(OutputError) as refused:
        convert_to_pdf(documents(3), instances=1)
    assert "3 document(s)" in refused.value.message
    assert "convocations/0000.docx" in refused.value.message
