"""Open documents in LibreOffice as a user would: one headless soffice call converts them to PDF."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

import pytest

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) absent"
)


def convert_files(documents: Iterable[Path], folder: Path) -> dict[str, bytes]:
    """Each document's PDF by file stem, from one soffice call with a profile of its own.

    Fails the test when soffice fails or leaves a document unconverted (a single call has been
    seen to stop early on long lists and still exit 0).
    """
    sources = [str(path) for path in documents]
    outdir = folder / "pdf"
    completed = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profil-lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *sources,
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    expected = {Path(source).stem for source in sources}
    converted = {path.stem: path.read_bytes() for path in outdir.glob("*.pdf")}
    assert expected <= set(converted), expected - set(converted)
    for stem, pdf in converted.items():
        assert pdf.startswith(b"%PDF"), stem
    return converted


def convert_to_pdf(documents: Mapping[str, bytes], folder: Path) -> dict[str, bytes]:
    """Like `convert_files`, for rendered documents keyed by their path in the output folder."""
    sources = []
    for name, content in documents.items():
        source = folder / "docx" / PurePosixPath(name).name
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(content)
        sources.append(source)
    return convert_files(sources, folder)
