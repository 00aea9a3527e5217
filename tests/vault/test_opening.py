"""Opening: what is delivered when the print copy cannot be made, and names that always fit."""

from __future__ import annotations

import errno
import io
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from docgen.errors import InputError, VaultError
from docgen.vault.journal import Journal
from docgen.vault.names import MAX_NAME, MAX_NAME_BYTES
from tests.vault.conftest import MARKER, OPENING, Bench
from tests.vault.test_faults import failing


def font_array_pdf() -> bytes:
    """A readable one-page PDF whose /Resources /Font is an array: pypdf cannot merge into it."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=300)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): ArrayObject()})
    page[NameObject("/Marque")] = NameObject("/" + MARKER.decode())
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def events(bench: Bench) -> list[str]:
    return [str(e["event"]) for e in Journal(bench.vault).read().entries]


def test_a_pdf_the_footer_cannot_be_merged_into_is_refused_at_seal(bench: Bench) -> None:
    bench.source.write_bytes(font_array_pdf())
    with pytest.raises(InputError, match="mention d'ouverture") as refused:
        bench.seal()
    assert "Réenregistrez-le en PDF" in refused.value.message
    assert not bench.vault.exists() or not list(bench.vault.glob("*.dte"))


def test_when_the_print_copy_fails_the_original_is_still_delivered(
    bench: Bench, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench.source.write_bytes(font_array_pdf())
    with monkeypatch.context() as patch:  # as if sealed by a docgen without the dry run
        patch.setattr("docgen.vault.sealing._stamp_trial", lambda data, path: None)
        bench.seal()
    bench.clock.now = OPENING
    report = bench.open()
    [opened] = report.opened
    assert opened.original.read_bytes() == font_array_pdf() and opened.print_copy is None
    [warning] = report.warnings
    assert "pas de copie d'impression" in warning and "TypeError" in warning
    assert events(bench)[-3:] == ["open-started", "print-copy-failed", "open-done"]
    assert sorted(p.name for p in bench.out.iterdir()) == ["jury_DTE jury.pdf"]


@pytest.mark.parametrize("role", ["jury", "candidat"])
def test_long_accented_names_fit_in_characters_and_bytes(bench: Bench, role: str) -> None:
    source = bench.root / "recu" / ("é" * 120 + ".pdf")
    source.write_bytes(bench.source.read_bytes())
    [record] = bench.seal(source, role=role)
    assert len(record.name.encode()) <= MAX_NAME_BYTES and len(record.name) <= MAX_NAME
    bench.clock.now = OPENING
    [opened] = bench.open().opened
    assert opened.print_copy is not None
    for path in (opened.original, opened.print_copy):
        assert len(path.name) <= MAX_NAME and len(path.name.encode()) <= MAX_NAME_BYTES
    assert opened.original.read_bytes() == source.read_bytes()


def test_a_failure_on_the_second_rename_takes_back_the_first_and_is_journaled(
    bench: Bench,
) -> None:
    bench.seal()
    bench.clock.now = OPENING
    with failing("link", 2), pytest.raises(VaultError, match="rien n'a été ouvert"):
        bench.open()
    assert not bench.out.exists()  # created for the opening, taken back: nothing published
    assert events(bench)[-2:] == ["open-started", "open-failed"]
    assert bench.files_holding_marker() == []
    assert len(bench.open().opened) == 1  # and the next try works


def test_a_real_name_too_long_for_the_disk_publishes_nothing(
    bench: Bench, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench.seal()
    bench.clock.now = OPENING
    import os

    real_link = os.link

    def too_long(source: Path, target: Path, **options: bool) -> None:
        if str(target).endswith("_impression.pdf"):
            raise OSError(errno.ENAMETOOLONG, "File name too long")
        real_link(source, target, **options)

    monkeypatch.setattr(os, "link", too_long)
    with pytest.raises(VaultError, match="rien n'a été ouvert"):
        bench.open()
    assert not bench.out.exists()
