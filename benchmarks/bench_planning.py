"""Time the planner on synthetic sessions, and the whole `docgen plan` run on written workbooks.

Run from the repository root: `.venv/bin/python benchmarks/bench_planning.py` (not a test: it only
prints figures). Sessions are synthetic (benchmarks/synthetic.py): DOMAIN.md's real déroulé, MSP
groups of 8 on the plateaus, one interview room per pair, 10 % of candidates trained by a juror,
company conflicts, 5 % with extra time, a quarter of the jurors available on some days only.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_session, workbook_rows  # noqa: E402
from docgen import calendar  # noqa: E402
from docgen.model import SessionData  # noqa: E402
from docgen.planning import plan_session  # noqa: E402

# candidates, working days, jurors, plateaus (8 places each), interview rooms. Days run from
# 8 h to 17 h 30 (see synthetic.py): a plateau holds two 4-hour MSPs a day, the first across lunch.
PLANNER_CASES = [(50, 5, 12, 2, 4), (200, 10, 30, 3, 8), (1000, 40, 60, 4, 12)]
WHOLE_CASES = [(100, 5, 24, 4, 8), (1000, 40, 60, 4, 12)]


def timed(function: object, repeat: int) -> tuple[float, object]:
    durations, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()  # type: ignore[operator]
        durations.append(time.perf_counter() - started)
    return statistics.median(durations), result


def bench_planner() -> None:
    print("plan_session (median of 3 runs)")
    for candidates, days, jurors, plateaus, rooms in PLANNER_CASES:
        data, session_days = synthetic_session(candidates, days, jurors, plateaus, rooms)
        seconds, plan = timed(lambda: plan_session(data, session_days), 3)  # noqa: B023
        print(
            f"  {candidates:5d} candidats, {days:2d} jours, {jurors:2d} jurés : {seconds:6.2f} s — "
            f"{len(plan.jury_pairs)} binômes (borne {plan.lower_bound_pairs}), "  # type: ignore[attr-defined]
            f"{len(plan.findings)} constat(s)"  # type: ignore[attr-defined]
        )


def working_session(data: SessionData, days: int) -> SessionData:
    """The same session ending on its `days`-th working day (public holidays of the département
    left out, as the pipeline does)."""
    assert data.session is not None
    end = data.session.start
    while len(calendar.session_days(data.session.start, end, data.session.departement)) < days:
        end += timedelta(days=1)
    return replace(data, session=replace(data.session, end=end))


def as_installed() -> dict[str, str]:
    """The environment of a docgen run as after an installation: docgen's modules compiled
    (pip does it when it installs), PYTHONDONTWRITEBYTECODE left out so that they are used."""
    compileall.compile_dir(str(ROOT / "docgen"), quiet=1)
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def write_workbook(path: Path, data: SessionData) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, rows in workbook_rows(data).items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def bench_whole() -> None:
    print("docgen plan SESSION --format json (whole process: start, read, check, plan, write;")
    print("modules compiled as after an installation)")
    environment = as_installed()
    for candidates, days, jurors, plateaus, rooms in WHOLE_CASES:
        data, _ = synthetic_session(candidates, days, jurors, plateaus, rooms)
        data = working_session(data, days)
        with tempfile.TemporaryDirectory() as folder:
            session = Path(folder) / "inputs" / "bench"
            write_workbook(session / "session.xlsx", data)
            command = [
                str(ROOT / ".venv" / "bin" / "docgen"),
                "plan",
                str(session),
                "--format",
                "json",
                "--out",
                str(Path(folder) / "outputs"),
                "--as-of",
                date(2027, 1, 4).isoformat(),
            ]
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                done = subprocess.run(
                    command, capture_output=True, text=True, check=False, env=environment
                )
                runs.append(time.perf_counter() - started)
            written = (Path(folder) / "outputs" / "bench" / "planning.xlsx").stat().st_size
            print(
                f"  {candidates:5d} candidats, {days:2d} jours, {jurors:2d} jurés : "
                f"{statistics.median(runs):6.2f} s (médiane de 3, code de sortie "
                f"{done.returncode}, planning.xlsx {written // 1024} Kio, JSON "
                f"{len(done.stdout) // 1024} Kio)"
            )


if __name__ == "__main__":
    bench_planner()
    bench_whole()
