"""Fixtures shared by every test folder."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from tests.factory import tidy_session_rows, write_workbook

MakeWorkbook = Callable[..., Path]


@pytest.fixture
def make_workbook(tmp_path: Path) -> MakeWorkbook:
    """`make_workbook(sheets=None, *, titles={}, name="session")` → path of `<name>/session.xlsx`.

    Without `sheets`, writes the tidy session of `tests.factory.tidy_session_rows()`.
    """

    def make(
        sheets: Mapping[str, Sequence[Sequence[object]]] | None = None,
        *,
        titles: Mapping[str, str] = {},
        name: str = "session",
    ) -> Path:
        rows = tidy_session_rows() if sheets is None else sheets
        return write_workbook(tmp_path / name / "session.xlsx", rows, titles=titles)

    return make
