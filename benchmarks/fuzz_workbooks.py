"""Run `docgen check` on thousands of mutated workbooks and count the outcomes.

Run from the repository root (not a test: it prints figures and exits 1 on any unclean case):

    .venv/bin/python benchmarks/fuzz_workbooks.py --cases 10000 --workers 2

Each workbook comes from tests/workbook/mutations.py (seeded: `--first N --cases 1` replays case
N). Worker processes run the cases in-process, each case's memory peak measured by resetting the
process's peak RSS (/proc/self/clear_refs) before it; a worker that dies or hangs has its case
counted unclean. Clean means: exit 0, 1 or 3; no traceback and no Python name in any message; a
French message; findings in the workbook's own sheets and about the value their cell holds;
under 10 s and 500 MB. Then the hostile files of the issue (billion laughs, zip bomb) are timed
as whole `docgen check` commands.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MEMORY_LIMIT_MB = 500
TIME_LIMIT_S = 10.0


def peak_megabytes() -> float:
    match = re.search(r"VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text())
    return int(match[1]) / 1024 if match else 0.0


def reset_peak() -> None:
    # Not Linux ≥ 4.0: the peak then only grows, an overestimate.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def worker(first: int, count: int) -> None:
    """Run cases first…first+count-1, one JSON line each on stdout."""
    from tests.workbook.mutations import check_outcome, mutated_workbook

    with tempfile.TemporaryDirectory() as folder:
        for seed in range(first, first + count):
            case = Path(folder) / f"cas-{seed}"
            workbook, mutations = mutated_workbook(seed, case)
            reset_peak()
            outcome = check_outcome(case, workbook)
            megabytes = peak_megabytes()
            problems = list(outcome.problems)
            if megabytes > MEMORY_LIMIT_MB:
                problems.append(f"{megabytes:.0f} MB")
            line = {
                "seed": seed,
                "exit": outcome.exit_code,
                "seconds": round(outcome.seconds, 3),
                "megabytes": round(megabytes, 1),
                "problems": problems,
                "mutations": mutations,
            }
            print(json.dumps(line, ensure_ascii=False), flush=True)
            for path in sorted(case.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()


def run_chunk(first: int, count: int) -> list[dict[str, object]]:
    """The results of a chunk of cases; the case a dead or hung worker was on is unclean."""
    results: list[dict[str, object]] = []
    seed = first
    while seed < first + count:
        remaining = first + count - seed
        process = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(seed), str(remaining)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert process.stdout is not None
        # A case silent for this long hangs: its worker is killed and the case counted unclean.
        watchdog = threading.Timer(60 + 3 * TIME_LIMIT_S, process.kill)
        watchdog.start()
        for line in process.stdout:
            watchdog.cancel()
            results.append(json.loads(line))
            seed += 1
            watchdog = threading.Timer(3 * TIME_LIMIT_S, process.kill)
            watchdog.start()
        watchdog.cancel()
        process.kill()
        stderr = process.communicate()[1]
        if seed < first + count:
            results.append(
                {"seed": seed, "exit": None, "problems": [f"worker died: {stderr[-300:]}"]}
            )
            seed += 1
    return results


def zip_bomb(base: Path, target: Path, gigabytes: int) -> Path:
    """`base` with a member of zeros, written in chunks (the bomb never sits in memory)."""
    target.write_bytes(base.read_bytes())
    zeros = b"\0" * (16 * 1024 * 1024)
    with (
        zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/image1.bin", "w", force_zip64=True) as member,
    ):
        for _ in range(gigabytes * 64):
            member.write(zeros)
    return target


def hostile_commands() -> None:
    """Whole `docgen check` commands on the hostile files the issue names."""
    from tests.factory import tidy_session_rows, write_workbook
    from tests.workbook.test_hostile_files import laughing, rewritten

    docgen = ROOT / ".venv" / "bin" / "docgen"
    with tempfile.TemporaryDirectory() as folder:
        base = write_workbook(Path(folder) / "base.xlsx", tidy_session_rows())

        files = {
            "billion laughs (sharedStrings.xml)": laughing("xl/sharedStrings.xml"),
            "billion laughs (sheet1.xml)": laughing("xl/worksheets/sheet1.xml"),
            "zip bomb (2 GiB of zeros)": None,
        }
        for number, (label, edit) in enumerate(files.items()):
            session = Path(folder) / f"cas-{number}"
            session.mkdir()
            if edit is not None:
                path = rewritten(base, session / "session.xlsx", edit)
            else:
                path = zip_bomb(base, session / "session.xlsx", gigabytes=2)
            started = time.perf_counter()
            process = subprocess.Popen(
                [str(docgen), "check", str(session)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - started
            print(
                f"  {label:<36} {path.stat().st_size / 1024:>7.0f} Ko  "
                f"exit {os.waitstatus_to_exitcode(status)}  {seconds:.2f} s  "
                f"{usage.ru_maxrss / 1024:.0f} MB (whole command)"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--results", type=Path, help="write every case's result there, one JSON object a line"
    )
    parser.add_argument("--worker", nargs=2, type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        worker(*arguments.worker)
        return 0
    from concurrent.futures import ThreadPoolExecutor

    chunk = max(1, min(500, arguments.cases // arguments.workers))
    starts = range(arguments.first, arguments.first + arguments.cases, chunk)
    started = time.perf_counter()
    results: list[dict[str, object]] = []
    with ThreadPoolExecutor(arguments.workers) as pool:
        futures = [
            pool.submit(run_chunk, start, min(chunk, arguments.first + arguments.cases - start))
            for start in starts
        ]
        for future in futures:
            chunk_results = future.result()
            results.extend(chunk_results)
            for result in chunk_results:
                if result["problems"]:
                    print(f"  unclean: {json.dumps(result)[:400]}", file=sys.stderr, flush=True)
            print(f"  {len(results)}/{arguments.cases} cas…", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    if arguments.results:
        lines = (json.dumps(result, ensure_ascii=False) for result in results)
        arguments.results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    unclean = [result for result in results if result["problems"]]
    exits = collections.Counter(result["exit"] for result in results)
    seconds = sorted(float(str(result.get("seconds", 0))) for result in results)
    megabytes = max(float(str(result.get("megabytes", 0))) for result in results)
    print(f"{len(results)} mutated workbooks in {elapsed:.0f} s ({arguments.workers} workers)")
    print(
        "  exit codes: " + ", ".join(f"{code}: {n}" for code, n in sorted(exits.items(), key=str))
    )
    print(f"  unclean: {len(unclean)}")
    print(
        f"  check time per case: median {seconds[len(seconds) // 2]:.2f} s, "
        f"max {seconds[-1]:.2f} s; highest per-case memory peak {megabytes:.0f} MB"
    )
    for result in unclean[:20]:
        print(f"  seed {result['seed']}: {result.get('mutations')} → {result['problems'][:3]}")
    print("Hostile files, whole `docgen check` commands:")
    hostile_commands()
    return 1 if unclean else 0


if __name__ == "__main__":
    sys.exit(main())
