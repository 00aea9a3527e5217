"""Count the syncs of `docgen all` on a 500-candidate session and time it (first run, rerun).

Run from the repository root: `.venv/bin/python benchmarks/bench_publication.py [--source DIR]`
(not a test: it only prints figures). `--source` runs the docgen of another checkout (e.g. a
`git worktree` of an older commit) with this venv, to compare before/after. The sync calls are
counted by `strace -f -c` when it is installed (fsync, fdatasync, syncfs, sync); the session is
synthetic (benchmarks/synthetic.py), written with --force since a generated session may carry
warnings or errors. Other processes on the machine disturb the wall times: say so with them.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_planning import working_session, write_workbook  # noqa: E402
from benchmarks.synthetic import synthetic_session  # noqa: E402

SYNC_CALLS = ("fsync", "fdatasync", "syncfs", "sync")


def run(source: Path, session: Path, out: Path, trace: Path | None) -> tuple[float, float, int]:
    """One `docgen all`: wall seconds, CPU seconds of the child, exit code."""
    command = [sys.executable, "-m", "docgen", "all", str(session), "--out", str(out)]
    command += ["--as-of", "2027-01-04", "--force", "--quiet"]
    if trace is not None:
        command = ["strace", "-f", "-c", "-o", str(trace), "-e", f"trace={','.join(SYNC_CALLS)}"]
        command += [sys.executable, "-m", "docgen", "all", str(session), "--out", str(out)]
        command += ["--as-of", "2027-01-04", "--force", "--quiet"]
    environment = {**os.environ, "PYTHONPATH": str(source)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=source, env=environment, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def sync_counts(trace: Path) -> dict[str, int]:
    counts = {}
    for line in trace.read_text().splitlines():
        match = re.match(r"\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)$", line)
        if match and match[2] in SYNC_CALLS:
            counts[match[2]] = int(match[1])
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout whose docgen runs")
    parser.add_argument("--candidates", type=int, default=500)
    options = parser.parse_args()
    source = options.source.resolve()
    traced = shutil.which("strace") is not None
    data, _ = synthetic_session(options.candidates, 20, 40, 3, 10)
    data = working_session(data, 20)
    with tempfile.TemporaryDirectory() as folder:
        session = Path(folder) / "inputs" / "bench"
        write_workbook(session / "session.xlsx", data)
        print(f"docgen all, {options.candidates} candidats ({source})")
        for traced_run in ([True] if traced else []) + [False]:
            out = Path(folder) / ("traced" if traced_run else "plain")
            for label in ("premier passage", "relance"):
                trace = Path(folder) / "trace.txt" if traced_run else None
                wall, cpu, code = run(source, session, out, trace)
                files = sum(1 for p in (out / "bench").rglob("*") if p.is_file())
                if trace is not None:
                    print(
                        f"  {label:15s} sous strace : code {code}, {files} fichiers, "
                        f"appels de synchronisation {sync_counts(trace)}"
                    )
                else:
                    print(
                        f"  {label:15s} : {wall:6.2f} s de bout en bout, CPU {cpu:5.2f} s, "
                        f"code {code}, {files} fichiers"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
