"""A stand-in for LibreOffice's soffice, fast and deterministic, that drops files as it does."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Writes a one-page PDF per input .docx, like `soffice --convert-to pdf --outdir DIR files…`,
# except that it leaves out every input past `limit`, as LibreOffice does past ~247 files, and,
# when the file DROP_FIRST exists, the first input of its next call. Each call is logged.
SCRIPT = """#!{python}
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from docgen.pdf import text_pdf
arguments = sys.argv[1:]
outdir = Path(arguments[arguments.index("--outdir") + 1])
inputs = [a for a in arguments if a.endswith(".docx")]
with Path({log!r}).open("a") as handle:
    handle.write(f"{{len(inputs)}} {{arguments[arguments.index('--convert-to') + 1]}}\\n")
drop = Path({drop!r})
if drop.exists():
    drop.unlink()
    inputs = inputs[1:]
outdir.mkdir(parents=True, exist_ok=True)
for source in inputs[:{limit}]:
    size = Path(source).stat().st_size
    name = Path(source).stem
    (outdir / (name + ".pdf")).write_bytes(text_pdf([[f"{{name}} {{size}}"]], title=name))
"""


def install_fake_soffice(folder: Path, monkeypatch: pytest.MonkeyPatch, limit: int = 247) -> Path:
    """Put the stand-in first on PATH (alone); its call log is `folder/calls.log`."""
    binaries = folder / "bin"
    binaries.mkdir(parents=True)
    script = binaries / "soffice"
    script.write_text(
        SCRIPT.format(
            python=sys.executable,
            root=str(ROOT),
            log=str(folder / "calls.log"),
            drop=str(folder / "DROP_FIRST"),
            limit=limit,
        )
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(binaries))
    return folder / "calls.log"


def calls(log: Path) -> list[int]:
    """The number of files each soffice call received."""
    if not log.exists():
        return []
    return [int(line.split()[0]) for line in log.read_text().splitlines()]
