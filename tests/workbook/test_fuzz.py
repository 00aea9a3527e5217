"""Mutated workbooks (seeded, so every failure replays): `docgen check` ends cleanly on each.

Clean: exit 0, 1 or 3; no traceback and no Python name in any message; a French message on
exit 3; every finding names one of the workbook's own sheets and talks about the value its cell
holds; under 10 s. benchmarks/fuzz_workbooks.py runs thousands of these, each in a measured
subprocess.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.workbook.mutations import check_outcome, mutated_workbook

CASES = 100


@pytest.mark.parametrize("first", range(0, CASES, 25))
def test_mutated_workbooks_end_cleanly(tmp_path: Path, first: int) -> None:
    unclean = {}
    for seed in range(first, first + 25):
        folder = tmp_path / f"cas-{seed}"
        workbook, mutations = mutated_workbook(seed, folder)
        outcome = check_outcome(folder, workbook)
        if not outcome.clean:
            unclean[seed] = (mutations, outcome.problems)
    assert unclean == {}


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    first, done = mutated_workbook(7, tmp_path / "a")
    again, done_again = mutated_workbook(7, tmp_path / "b")
    assert done == done_again
    assert _contents(first) == _contents(again)


def _contents(path: Path) -> dict[str, bytes]:
    """The workbook's parts, without the save time openpyxl stamps in its properties."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if "docProps" not in name}
