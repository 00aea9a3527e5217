"""Kill `docgen all` at random moments and check what the output folder holds afterwards.

    .venv/bin/python tools/kill_publication.py [--kills 100] [--window-kills 100] [--ctrl-c 20]

Three series on the example session (after one complete run, so there is an old set to lose):
- `--kills`: SIGKILL at a uniformly random moment of a run;
- `--window-kills`: SIGKILL after the staging folder appears, at a random moment of what is left
  of the run (staging, sync, switch, tidying: the publication window);
- `--ctrl-c`: SIGINT at a random moment; the exit code must be 3 (0 when the run had already
  finished) and no traceback printed. A signal sent before docgen's handler can be in place
  (within twice the time Python takes to import `docgen.launch`) and answered by Python itself
  (site-packages, the entry script's import, docgen's first lines) is counted apart.
After each, the folder must match its manifest at once, or after the next docgen command
(`docgen plan`, which takes the folder, recovers it, then publishes planning.xlsx); after that
successful run, no `.docgen-*` work folder or temp file may remain. Prints the counts; exits 1 on
any broken case.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from docgen.publishing import differences

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "exemple"
AS_OF = ("2027-01-04", "2027-01-05")
STAGING = ".docgen-en-cours-"


@dataclass
class Tally:
    runs: int = 0
    matched_at_once: int = 0
    matched_after_next: int = 0
    broken: list[str] = field(default_factory=list)
    leftovers_after_success: int = 0
    exit_codes: dict[int, int] = field(default_factory=dict)
    tracebacks: int = 0
    startup: dict[int, int] = field(default_factory=dict)
    """Exit codes of the signals that landed in Python's own start-up, before docgen's first
    line ran (site-packages, the entry script's first import): Python answers those itself."""


DOCGEN_FRAME = re.compile(r'File "[^"]*[/\\]docgen[/\\]([^"]*)\.py", line \d+, in (\S+)')
LAUNCHING = {("__init__", "<module>"), ("__main__", "<module>"), ("launch", "<module>")}
"""Frames of docgen's first lines, before `launch.run` installs its handler."""


def startup_bound() -> float:
    """Twice the longest of five `import docgen.launch` in a new Python: a signal sent later
    than that reaches docgen's handler."""
    times = []
    for _ in range(5):
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", "import docgen.launch"], check=True)
        times.append(time.monotonic() - started)
    return 2 * max(times)


def in_python_startup(returncode: int, errors: str, delay: float, bound: float) -> bool:
    """A signal sent before the handler could be in place (`delay` under `bound`) that Python
    answered itself: silently by SIGINT, or with a traceback or fatal error with no frame of
    docgen's code beyond its first lines."""
    if delay >= bound:
        return False
    if returncode == -signal.SIGINT and not errors.strip():
        return True
    if "Traceback" not in errors and "Fatal Python error" not in errors:
        return False
    return all(frame in LAUNCHING for frame in DOCGEN_FRAME.findall(errors))


def published_as_of(folder: Path) -> str | None:
    """The `--as-of` of the run whose set is in place (each run alternates it)."""
    try:
        return str(json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["as_of"])
    except (OSError, ValueError, KeyError):
        return None


def docgen(out: Path, *args: str) -> subprocess.Popen[str]:
    """The `docgen` command as users run it (the entry script beside this Python)."""
    script = Path(sys.executable).parent / "docgen"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "docgen"]
    command = [*program, *args, str(EXAMPLE), "--out", str(out), "-q"]
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def finished(out: Path, *args: str) -> int:
    process = docgen(out, *args)
    process.communicate()
    return process.returncode


def work_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".docgen"))


def check_after(out: Path, tally: Tally, label: str) -> None:
    """Immediately: does the folder match its manifest? Then the next docgen command
    (`docgen plan`, which recovers the folder first, then publishes planning.xlsx): it must
    succeed and leave a matching folder without any work file."""
    folder = out / "exemple"
    tally.runs += 1
    at_once = not differences(folder)
    tally.matched_at_once += at_once
    if finished(out, "plan", f"--as-of={AS_OF[0]}") != 0:
        tally.broken.append(f"{label}: the next `docgen plan` failed")
        return
    problems = differences(folder)
    if problems:
        tally.broken.append(f"{label}: {problems[:3]}")
    elif not at_once:
        tally.matched_after_next += 1
    if work_files(folder):
        tally.leftovers_after_success += 1
        tally.broken.append(f"{label}: left {work_files(folder)} after a successful run")


def wait_for_staging(folder: Path, process: subprocess.Popen[str], limit: float) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if folder.is_dir() and any(
            p.name.startswith(".docgen-en-cours-") for p in folder.iterdir()
        ):
            return True
        time.sleep(0.001)
    return False


def publication_window(out: Path, duration: float) -> float:
    """How long a run lasts after its staging folder appears (writing, sync, switch, tidying)."""
    process = docgen(out, "all", f"--as-of={AS_OF[1]}")
    if not wait_for_staging(out / "exemple", process, duration * 3):
        return 0.05
    appeared = time.monotonic()
    process.communicate()
    return time.monotonic() - appeared


def series(out: Path, count: int, kind: str, duration: float, tally: Tally) -> None:
    window = publication_window(out, duration) if kind == "window" else 0.0
    if kind == "window":
        print(f"publication window: {window * 1000:.0f} ms", file=sys.stderr)
    bound = startup_bound() if kind == "ctrl-c" else 0.0
    if kind == "ctrl-c":
        print(f"Python start-up bound: {bound * 1000:.0f} ms", file=sys.stderr)
    for number in range(count):
        process = docgen(out, "all", f"--as-of={AS_OF[number % 2]}")
        delay = 0.0
        if kind == "window":
            if wait_for_staging(out / "exemple", process, duration * 3):
                time.sleep(random.uniform(0, window))
        else:
            delay = random.uniform(0, duration)
            time.sleep(delay)
        process.send_signal(signal.SIGINT if kind == "ctrl-c" else signal.SIGKILL)
        _, errors = process.communicate()
        if kind == "ctrl-c":
            startup = in_python_startup(process.returncode, errors, delay, bound)
            codes = tally.startup if startup else tally.exit_codes
            codes[process.returncode] = codes.get(process.returncode, 0) + 1
            if "Traceback" in errors and not startup:
                tally.tracebacks += 1
                print(
                    f"ctrl-c #{number + 1}, exit {process.returncode}:\n{errors[-3000:]}",
                    file=sys.stderr,
                )
            as_of = AS_OF[number % 2]
            if process.returncode == 0 and published_as_of(out / "exemple") != as_of:
                tally.broken.append(f"ctrl-c #{number + 1}: exit 0, but its set is not in place")
        check_after(out, tally, f"{kind} #{number + 1}")
        print(
            f"{kind} : {number + 1}/{count}, at once {tally.matched_at_once}, after the next "
            f"command {tally.matched_after_next}, broken {len(tally.broken)}",
            file=sys.stderr,
            flush=True,
        )
    print(file=sys.stderr)


def report(kind: str, tally: Tally) -> None:
    print(
        f"{kind}: {tally.runs} runs killed; matched a manifest at once {tally.matched_at_once}, "
        f"after the next command {tally.matched_after_next}; broken {len(tally.broken)}; "
        f"work files left after the next successful run {tally.leftovers_after_success}"
    )
    if tally.exit_codes or tally.startup:
        print(
            f"  exit codes {dict(sorted(tally.exit_codes.items()))}, tracebacks {tally.tracebacks}"
            " (0: the run had finished when the signal came, its set in place)"
        )
    if tally.startup:
        print(
            f"  in Python's start-up, before docgen's first line: {sum(tally.startup.values())} "
            f"(exit codes {dict(sorted(tally.startup.items()))})"
        )
    for problem in tally.broken[:10]:
        print(f"  ! {problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--window-kills", type=int, default=100)
    parser.add_argument("--ctrl-c", type=int, default=20)
    parser.add_argument("--seed", type=int, default=10)
    options = parser.parse_args()
    random.seed(options.seed)
    out = Path(tempfile.mkdtemp(prefix="docgen-kills-"))
    try:
        started = time.monotonic()
        if finished(out, "all", f"--as-of={AS_OF[0]}") != 0:
            print("the first `docgen all` failed", file=sys.stderr)
            return 1
        duration = time.monotonic() - started
        print(f"one `docgen all` on {EXAMPLE.relative_to(ROOT)}: {duration:.2f} s")
        tallies = {}
        for kind, count in (
            ("random", options.kills),
            ("window", options.window_kills),
            ("ctrl-c", options.ctrl_c),
        ):
            tallies[kind] = Tally()
            series(out, count, kind, duration, tallies[kind])
            report(kind, tallies[kind])
        unclean = any(set(t.exit_codes) - {0, 3} for t in tallies.values())
        return 1 if unclean or any(t.broken or t.tracebacks for t in tallies.values()) else 0
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
