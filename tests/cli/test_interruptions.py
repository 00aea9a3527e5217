"""Ctrl-C, SIGTERM, a second docgen, an unreadable folder: exit 3, a French message that tells
the truth, no traceback, and an output folder that matches its manifest."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.publishing import MANIFEST, OutputFolder, differences

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "exemple"

CHILD = """
import os, signal, sys
import docgen.publishing
module_name, function, nth, signal_name, *argv = sys.argv[1:]
module = sys.modules[module_name]
real = getattr(module, function)
calls = 0
def wrapper(*args, **kwargs):
    global calls
    calls += 1
    if calls == int(nth):
        os.kill(os.getpid(), getattr(signal, signal_name))
    return real(*args, **kwargs)
setattr(module, function, wrapper)
sys.argv = ["docgen", *argv]
from docgen.launch import run
run()
"""


def docgen(*args: str, signal_at: tuple[str, str, int, str] | None = None) -> tuple[int, str]:
    """Run docgen in a child process, optionally sending itself `signal` at the nth call of
    `module.function`; its exit code and error stream."""
    if signal_at is None:
        command = [sys.executable, "-m", "docgen", *args]
    else:
        module, function, nth, name = signal_at
        command = [sys.executable, "-c", CHILD, module, function, str(nth), name, *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stderr


def as_of(folder: Path) -> str:
    return str(json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["as_of"])


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """The example's convocations, published once at --as-of 2027-01-04."""
    code, errors = docgen(
        "convocations", str(EXAMPLE), "--out", str(tmp_path), "--as-of=2027-01-04"
    )
    assert code == 0, errors
    return tmp_path / "exemple"


def test_ctrl_c_in_the_middle_of_the_switch_lets_it_finish_then_says_so(
    published: Path, tmp_path: Path
) -> None:
    args = ("convocations", str(EXAMPLE), "--out", str(tmp_path), "--as-of=2027-01-05")
    code, errors = docgen(*args, signal_at=("os", "rename", 2, "SIGINT"))
    assert code == 3, errors
    assert "Traceback" not in errors
    assert "interrompu (Ctrl-C)" in errors
    assert "soit ses documents précédents, soit tous ceux de cette exécution" in errors
    assert differences(published) == []
    assert as_of(published) == "2027-01-05"  # the switch had begun: it was completed
    assert hidden(published) == []


def test_sigterm_while_documents_are_written_keeps_the_previous_set(
    published: Path, tmp_path: Path
) -> None:
    before = (published / MANIFEST).read_bytes()
    args = ("convocations", str(EXAMPLE), "--out", str(tmp_path), "--as-of=2027-01-05")
    code, errors = docgen(*args, signal_at=("docgen.publishing", "write_new_file", 3, "SIGTERM"))
    assert code == 3, errors
    assert "Traceback" not in errors
    assert "arrêté par le système" in errors
    assert (published / MANIFEST).read_bytes() == before
    assert differences(published) == []
    assert hidden(published) == []


def test_a_second_docgen_on_the_same_session_refuses(published: Path, tmp_path: Path) -> None:
    before = (published / MANIFEST).read_bytes()
    with OutputFolder(published):
        code, errors = docgen(
            "all", str(EXAMPLE), "--out", str(tmp_path), "--as-of=2027-01-05", "--quiet"
        )
    assert code == 3
    assert "Une autre commande docgen est en train d'écrire dans" in errors
    assert f"(processus {os.getpid()})" in errors
    assert "Traceback" not in errors
    assert (published / MANIFEST).read_bytes() == before


def test_check_annoter_refuses_while_another_docgen_writes_the_folder(
    published: Path, tmp_path: Path
) -> None:
    with OutputFolder(published):
        code, errors = docgen("check", str(EXAMPLE), "--out", str(tmp_path), "--annoter", "-q")
    assert code == 3
    assert "Une autre commande docgen est en train d'écrire dans" in errors
    assert not (published / "session-annote.xlsx").exists()


def test_an_unreadable_session_folder_stops_the_run_not_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the system answers for a folder the user may not read (root, who runs the tests,
    may read anything: the answers are simulated)."""
    session = tmp_path / "exemple"
    shutil.copytree(EXAMPLE, session)
    real_access, real_is_file = os.access, Path.is_file

    def access(path: object, mode: int, **kwargs: object) -> bool:
        return False if Path(str(path)) == session else real_access(path, mode, **kwargs)  # type: ignore[arg-type]  # as os.access gets it

    def is_file(path: Path) -> bool:
        if path.parent == session:
            raise PermissionError(13, "Permission denied", str(path))
        return real_is_file(path)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(Path, "is_file", is_file)
    result = CliRunner().invoke(main, ["check", str(session)])
    assert result.exit_code == 3, result.output
    assert "n'est pas lisible : accès refusé" in result.stderr


def test_the_launcher_answers_ctrl_c_before_importing_anything_slow() -> None:
    """Between Python's start and docgen's handler, a Ctrl-C would print a traceback: the
    launcher brings in nothing but `signal` before installing it."""
    code = (
        "import sys; before = set(sys.modules); import docgen.launch; "
        "print(sorted(set(sys.modules) - before))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported = set(ast.literal_eval(done.stdout.strip())) - {"signal"}
    assert imported == {"docgen", "docgen.launch"}


FINALIZER = """
import signal, time
from docgen.interruptions import Stopped, install, starting_work, stop_now
install(stop_now)
starting_work()
class Finalised:
    def __del__(self):
        raise Stopped(signal.SIGINT)  # what the handler does when Ctrl-C lands in a finalizer
try:
    Finalised()
    for _ in range(300):
        time.sleep(0.01)
    print("not stopped")
except Stopped:
    print("stopped")
"""


def test_a_ctrl_c_landing_in_a_finalizer_still_stops_the_run_without_a_traceback() -> None:
    """Python swallows an exception raised in a `__del__` or a weak reference's callback and
    prints its traceback: docgen delivers the stop again instead."""
    done = subprocess.run(
        [sys.executable, "-c", FINALIZER], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == "stopped"
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_the_launcher_spaces_out_garbage_collection() -> None:
    """The modules are set aside from the collector and its passes spaced out (a twentieth of a
    500-candidate run went to collecting at Python's default pace)."""
    code = (
        "import gc, sys\n"
        "sys.argv = ['docgen', '--version']\n"
        "default = gc.get_threshold()[0]\n"
        "from docgen.launch import run\n"
        "try:\n"
        "    run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(default, gc.get_threshold()[0], gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    default, threshold, frozen = map(int, done.stdout.split()[-3:])
    assert threshold >= 10 * default
    assert frozen > 10_000
