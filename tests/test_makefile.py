"""The Makefile's targets run what the README promises (a broken recipe once skipped mypy)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make absent")


def planned(target: str) -> str:
    completed = subprocess.run(
        ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "warning" not in completed.stderr.lower(), completed.stderr
    return completed.stdout


def test_make_test_lints_typechecks_and_runs_the_tests() -> None:
    commands = planned("test")
    assert "ruff check" in commands
    assert "ruff format --check" in commands
    assert "mypy --strict docgen" in commands
    assert "-m pytest" in commands


@pytest.mark.parametrize(
    ("target", "command"),
    [
        ("convocations", "docgen convocations inputs/exemple"),
        ("check", "docgen check inputs/exemple"),
        ("plan", "docgen plan inputs/exemple"),
        ("invitations", "docgen invitations inputs/exemple"),
        ("posters", "docgen posters inputs/exemple"),
        ("sheets", "docgen sheets inputs/exemple"),
        ("retroplanning", "docgen retroplanning inputs/exemple"),
        ("all", "docgen all inputs/exemple"),
        ("templates", "docgen templates check inputs/exemple"),
    ],
)
def test_each_document_target_runs_its_command(target: str, command: str) -> None:
    assert command in planned(target)
