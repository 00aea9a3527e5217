"""Benchmark the PDF step: N convocations to their PDFs and one print file, against one soffice
call per file (the naive way) measured on a sample and extrapolated.

Run: .venv/bin/python benchmarks/bench_pdf.py [--candidates 500] [--sample 8] [--instances N]

The machine's load matters (LibreOffice is CPU-bound): report the figures with the load average
printed at the end.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_session  # noqa: E402  # needs ROOT on sys.path
from docgen.documents import render_convocations  # noqa: E402
from docgen.pdf.assembly import PrintPart, print_file  # noqa: E402
from docgen.pdf.libreoffice import Conversion, convert_to_pdf, soffice_command  # noqa: E402
from docgen.pdf.options import PdfOptions  # noqa: E402
from docgen.pdf.stable import fingerprint, stabilised  # noqa: E402
from docgen.planning import plan_session  # noqa: E402
from docgen.printing import add_pdfs  # noqa: E402
from docgen.settings import load_settings  # noqa: E402


def convocations(count: int) -> tuple[dict[str, bytes], object, object]:
    data, days = synthetic_session(
        candidates=count,
        days=max(2, count // 40),
        jurors=max(8, count // 8),
        plateaus=8,
        interview_rooms=8,
    )
    plan = plan_session(data, days)
    settings = load_settings({"as_of": date(2027, 1, 11)}, environ={})
    files = render_convocations(data, plan, settings)
    return files, data, plan


def processor_seconds() -> float:
    """User and system time of this process and of its finished children (soffice)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def one_call_per_file(documents: list[tuple[str, bytes]], work: Path) -> float:
    """Seconds for converting each document with its own soffice call (a warm profile)."""
    soffice = soffice_command()
    profile = (work / "profil-naif").as_uri()

    def convert(source: Path) -> None:
        command = [soffice, f"-env:UserInstallation={profile}", "--headless"]
        command += ["--convert-to", "pdf", "--outdir", str(work / "naif"), str(source)]
        subprocess.run(command, capture_output=True, check=True)

    warm = work / "warm.docx"
    warm.write_bytes(documents[0][1])
    convert(warm)  # the profile is created once, outside the timing
    started = time.perf_counter()
    for index, (_, content) in enumerate(documents):
        source = work / f"naif-{index}.docx"
        source.write_bytes(content)
        convert(source)
    elapsed = time.perf_counter() - started
    made = len(list((work / "naif").glob("naif-*.pdf")))
    assert made == len(documents), f"{made} PDF sur {len(documents)}"
    return elapsed


def phases(docx: dict[str, bytes], day: date, instances: int | None) -> None:
    """Each step of the combined path timed alone: LibreOffice, fixing the PDFs, merging."""
    started = time.perf_counter()
    made = convert_to_pdf([Conversion(n, c) for n, c in docx.items()], instances=instances)
    converted = time.perf_counter() - started
    started = time.perf_counter()
    fixed = {n: stabilised(made[n], fingerprint(c, False), day) for n, c in docx.items()}
    fixing = time.perf_counter() - started
    started = time.perf_counter()
    print_file(
        [PrintPart(pdf, name) for name, pdf in fixed.items()],
        title="Convocations",
        author="Centre",
        recto_verso=True,
        day=day,
    )
    merging = time.perf_counter() - started
    print(
        f"  dont LibreOffice {converted:.1f} s, dates et identifiants {fixing:.1f} s, "
        f"assemblage avec signets {merging:.1f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=500)
    parser.add_argument("--sample", type=int, default=8)
    parser.add_argument("--instances", type=int, default=None)
    parser.add_argument(
        "--phases", action="store_true", help="Mesure aussi chaque étape séparément."
    )
    arguments = parser.parse_args()

    started = time.perf_counter()
    files, data, plan = convocations(arguments.candidates)
    docx = {name: content for name, content in files.items() if name.endswith(".docx")}
    print(f"{len(docx)} convocations rendues en {time.perf_counter() - started:.1f} s")

    settings = load_settings({"as_of": date(2027, 1, 11)}, environ={})
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        cpu_before = processor_seconds()
        outcome = add_pdfs(
            docx,
            work / "vide",
            data,  # type: ignore[arg-type]
            plan,  # type: ignore[arg-type]
            settings,
            PdfOptions(instances=arguments.instances),
        )
        combined = time.perf_counter() - started
        cpu = processor_seconds() - cpu_before
        printed = outcome.files["impression/convocations.pdf"]
        reader = PdfReader(io.BytesIO(printed))
        bookmarks = len(reader.outline)
        pdfs = sum(1 for name in outcome.files if name.startswith("convocations/"))
        print(
            f"Combiné : {combined:.1f} s pour {pdfs} PDF + impression/convocations.pdf "
            f"({len(reader.pages)} pages, {bookmarks} signets, {len(printed) / 1e6:.1f} Mo), "
            f"soit {combined / len(docx) * 1000:.0f} ms par convocation "
            f"({outcome.converted} converties)"
        )
        assert pdfs == len(docx) and bookmarks == len(docx), "un document manque"
        cores = os.cpu_count() or 1
        print(
            f"  temps processeur consommé (docgen et LibreOffice) : {cpu:.1f} s, soit au mieux "
            f"{cpu / cores:.1f} s sur {cores} cœurs libres"
        )
        if arguments.phases:
            phases(docx, settings.as_of, arguments.instances)

        sample = list(docx.items())[: arguments.sample]
        naive = one_call_per_file(sample, work)
        per_file = naive / len(sample)
        extrapolated = per_file * len(docx)
        print(
            f"Un appel soffice par fichier : {per_file:.2f} s par convocation sur "
            f"{len(sample)} (profil déjà créé), soit {extrapolated:.0f} s estimées pour {len(docx)}"
        )
        print(f"Rapport : {extrapolated / combined:.1f}× plus rapide")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"Charge de la machine (1, 5, 15 min) : {load} ; {os.cpu_count()} cœurs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
