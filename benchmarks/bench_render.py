"""Time the convocations: a naive docxtpl loop against docgen's renderer, then `docgen all`.

Run: `.venv/bin/python benchmarks/bench_render.py`. CPU time (time.process_time, and the
children's rusage for the whole process) so that other programs on the machine disturb the
figures less than wall time would; they still vary from run to run.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from benchmarks.bench_planning import as_installed, working_session, write_workbook  # noqa: E402
from benchmarks.synthetic import synthetic_session  # noqa: E402
from docgen.documents import render_convocations  # noqa: E402
from docgen.documents.convocation import convocation_context  # noqa: E402
from docgen.documents.render import DocumentProperties, DocumentTemplate, fixed_moment  # noqa: E402
from docgen.pipeline import check_session  # noqa: E402
from docgen.settings import Settings  # noqa: E402
from docgen.template_files import template_path  # noqa: E402

AS_OF = date(2026, 12, 1)
# candidates, working days, jurors, plateaus (8 places each), interview rooms
PROPERTIES = DocumentProperties("Centre", "Convocation", "Session", fixed_moment(AS_OF))
SESSIONS = [(50, 5, 12, 2, 4), (500, 20, 40, 3, 10)]
RUNS = 5


def checked_session(folder: Path, shape: tuple[int, int, int, int, int]) -> Path:
    data, _ = synthetic_session(*shape)
    session = folder / "inputs" / f"bench{shape[0]}"
    write_workbook(session / "session.xlsx", working_session(data, shape[1]))
    return session


def naive_loop(template: Path, contexts: list[dict[str, Any]]) -> float:
    """What a script written from docxtpl's README does: one DocxTemplate per document."""
    started = time.process_time()
    for context in contexts:
        document = DocxTemplate(template)
        document.render(context, autoescape=True)
        document.save(io.BytesIO())
    return time.process_time() - started


def bench_convocations(folder: Path) -> None:
    print("Convocations : temps CPU par document, mêmes contextes (classeur lu et planifié avant)")
    settings = Settings(as_of=AS_OF, out_dir=folder / "outputs")
    template = template_path("convocation.docx", settings)
    for shape in SESSIONS:
        checked = check_session(checked_session(folder, shape), settings)
        data, plan = checked.data, checked.plan
        contexts = [convocation_context(data, c, plan, settings) for c in data.candidates]
        naive = naive_loop(template, contexts)
        started = time.process_time()
        renderer = DocumentTemplate.load(template)
        for context in contexts:
            renderer.render(context, PROPERTIES)
        compiled = time.process_time() - started
        started = time.process_time()
        files = render_convocations(data, plan, settings)
        whole = time.process_time() - started
        count = len(contexts)
        calendars = sum(name.endswith(".ics") for name in files)
        print(
            f"  {count:4d} candidats : docxtpl naïf {naive / count * 1000:6.2f} ms/doc, "
            f"moteur de docgen {compiled / count * 1000:5.2f} ms/doc — rapport "
            f"{naive / compiled:5.1f}×"
        )
        print(
            f"{'':19}render_convocations entier (contextes, .docx et {calendars} .ics) "
            f"{whole / count * 1000:5.2f} ms/candidat — rapport {naive / whole:5.1f}×"
        )


def bench_all(folder: Path) -> None:
    print("docgen all sur 500 candidats : processus entier (démarrage, lecture, contrôles,")
    print("planning, tous les documents, publication), temps CPU du processus fils.")
    print("Comme après une installation (pip compile les modules) : docgen est compilé d'abord,")
    print("et PYTHONDONTWRITEBYTECODE est retiré de l'environnement du processus fils.")
    environment = as_installed()
    session = checked_session(folder, SESSIONS[-1])
    command = [
        str(ROOT / ".venv" / "bin" / "docgen"),
        "all",
        str(session),
        "--quiet",
        "--force",
        "--out",
        str(folder / "outputs"),
        "--as-of",
        AS_OF.isoformat(),
    ]
    settings = Settings(as_of=AS_OF, out_dir=folder / "outputs")
    started = time.process_time()
    check_session(session, settings)
    print(
        f"  dont lecture, contrôles et planning (mesurés à part, dans ce processus) : "
        f"{time.process_time() - started:.2f} s CPU"
    )
    print(
        f"  machine : charge moyenne {os.getloadavg()[0]:.2f}, 10⁷ additions en "
        f"{calibration():.2f} s de CPU (la vitesse de cette machine varie d'un tiers)"
    )
    figures = []
    for run in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
        figures.append(user + system)
        print(
            f"  essai {run + 1} : {user + system:5.2f} s CPU (utilisateur {user:.2f} s, "
            f"système {system:.2f} s), {wall:5.2f} s écoulées, code de sortie {done.returncode}"
        )
        if done.returncode not in (0, 1):
            print(done.stderr[-2000:])
    figures.sort()
    print(f"  médiane {figures[len(figures) // 2]:.2f} s CPU, meilleur essai {figures[0]:.2f} s")


def calibration() -> float:
    """CPU seconds for a fixed loop: tells a slow moment of the machine from a slow docgen."""
    started = time.process_time()
    total = 0
    for number in range(10**7):
        total += number
    return time.process_time() - started


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        bench_convocations(Path(scratch))
        bench_all(Path(scratch))
