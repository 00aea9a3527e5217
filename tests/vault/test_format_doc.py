"""docs/format-coffre.md is enough to decrypt: its Python block opens a file docgen sealed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.vault.conftest import PAIR, Bench

DOC = Path(__file__).resolve().parents[2] / "docs" / "format-coffre.md"


def test_the_documented_decoder_opens_a_sealed_file(bench: Bench) -> None:
    section = DOC.read_text(encoding="utf-8").split("## Déchiffrer sans docgen")[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code is not None
    namespace: dict[str, Any] = {}
    exec(compile(code.group(1), str(DOC), "exec"), namespace)
    [record] = bench.seal()
    sealed = (bench.vault / f"{record.file}.{record.generation}.dte").read_bytes()
    assert namespace["dechiffrer"](sealed, list(PAIR.custodians)) == bench.source.read_bytes()
