"""Word documents to PDF through headless LibreOffice: a pool of instances, checked chunks."""

from __future__ import annotations

import math
import os
import queue
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import DocgenError, InputError, OutputError

CHUNK_LIMIT = 150
"""Files per soffice call. One call silently stops after ~247 files and still exits 0."""
CHUNK_MINIMUM = 10
"""Fewer documents than this are not worth starting another instance for."""
PLAIN_FILTER = "pdf"
ARCHIVAL_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
"""PDF/A-2b (LibreOffice's « Archive PDF/A-2b » export option)."""
SECONDS_PER_CALL = 90
SECONDS_PER_FILE = 6

INSTALL_ADVICE = (
    "LibreOffice est nécessaire pour produire les PDF, et la commande « soffice » est "
    "introuvable. Installez-le puis relancez :\n"
    "  - Debian / Ubuntu : sudo apt install libreoffice-writer-nogui fonts-crosextra-carlito "
    "fonts-crosextra-caladea fonts-liberation2\n"
    "  - Windows ou macOS : téléchargez LibreOffice sur https://fr.libreoffice.org/download/ "
    "et installez-le à son emplacement proposé (sinon, ajoutez au PATH le dossier qui contient "
    "soffice).\n"
    "Les documents Word (.docx) sont écrits sans PDF en attendant."
)


class LibreOfficeMissingError(DocgenError):
    """soffice is not on PATH: no PDF can be made on this machine."""

    def __init__(self) -> None:
        super().__init__(INSTALL_ADVICE)


USUAL_PLACES = (
    Path("C:/Program Files/LibreOffice/program/soffice.exe"),
    Path("C:/Program Files (x86)/LibreOffice/program/soffice.exe"),
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)
"""Where the Windows and macOS installers put soffice, which they do not add to PATH."""


def soffice_command() -> str:
    """The path of LibreOffice's `soffice`; LibreOfficeMissingError when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is not None:
        return found
    for place in USUAL_PLACES:
        if place.is_file():
            return str(place)
    raise LibreOfficeMissingError()


@dataclass(frozen=True)
class Conversion:
    """One document to convert: its name (for messages and results) and its .docx bytes."""

    name: str
    docx: bytes
    archival: bool = False
    """PDF/A-2b rather than plain PDF."""


@dataclass(frozen=True)
class _Chunk:
    archival: bool
    members: tuple[tuple[str, str], ...]
    """(stem of the file on disk, conversion name) pairs."""


def default_instances() -> int:
    """As many LibreOffice instances as processor cores."""
    return max(1, os.cpu_count() or 1)


def _chunks(stems: Sequence[tuple[str, Conversion]], instances: int) -> list[_Chunk]:
    """Plain and archival documents apart; each group cut into even chunks, at most CHUNK_LIMIT,
    and one per instance when there are enough documents to share."""
    chunks: list[_Chunk] = []
    for archival in (False, True):
        group = [(stem, item.name) for stem, item in stems if item.archival is archival]
        if not group:
            continue
        spread = min(instances, math.ceil(len(group) / CHUNK_MINIMUM))
        count = max(math.ceil(len(group) / CHUNK_LIMIT), spread)
        size = math.ceil(len(group) / count)
        chunks.extend(
            _Chunk(archival, tuple(group[start : start + size]))
            for start in range(0, len(group), size)
        )
    return sorted(chunks, key=lambda chunk: -len(chunk.members))


class _Pool:
    """Runs chunks on `instances` threads, each driving its own soffice with its own profile."""

    def __init__(self, soffice: str, work: Path, instances: int) -> None:
        self.soffice = soffice
        self.work = work
        self.instances = instances
        self.results: dict[str, bytes] = {}
        self.failed: list[str] = []
        self.problems: list[str] = []
        self.done: queue.Queue[int] = queue.Queue()
        self.lock = threading.Lock()
        self.running: set[subprocess.Popen[bytes]] = set()
        self.stopping = threading.Event()

    def _call(self, slot: int, chunk: _Chunk, stems: Sequence[str]) -> Path:
        outdir = self.work / "pdf" / f"{slot}-{stems[0]}"
        outdir.mkdir(parents=True, exist_ok=True)
        if self.stopping.is_set():  # interrupted: start no new soffice
            return outdir
        profile = (self.work / f"profil-{slot}").as_uri()
        command = [
            self.soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            ARCHIVAL_FILTER if chunk.archival else PLAIN_FILTER,
            "--outdir",
            str(outdir),
            *(str(self.work / "docx" / f"{stem}.docx") for stem in stems),
        ]
        try:
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
            )
        except OSError as exc:
            self._problem(f"soffice n'a pas pu être lancé ({exc})")
            return outdir
        with self.lock:
            self.running.add(process)
        try:
            _, errors = process.communicate(
                timeout=SECONDS_PER_CALL + SECONDS_PER_FILE * len(stems)
            )
            if process.returncode != 0:
                message = errors.decode("utf-8", "replace").strip()[-300:]
                self._problem(
                    f"soffice a renvoyé le code {process.returncode} ({message or 'sans message'})"
                )
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            self._problem("soffice n'a pas répondu à temps")
        finally:
            with self.lock:
                self.running.discard(process)
        return outdir

    def _problem(self, text: str) -> None:
        with self.lock:
            self.problems.append(text)

    def stop(self) -> None:
        """Kill the soffice calls still running (the run was interrupted)."""
        self.stopping.set()
        with self.lock:
            for process in self.running:
                process.kill()

    def _collect(self, outdir: Path, stems: Sequence[str]) -> list[str]:
        """Store every good PDF of this call; the stems left without one."""
        from docgen.pdf.pages import check_pdf

        missing = []
        for stem in stems:
            path = outdir / f"{stem}.pdf"
            try:
                content = path.read_bytes()
            except OSError:
                missing.append(stem)
                continue
            try:
                check_pdf(content, stem)
            except InputError:
                missing.append(stem)
                continue
            with self.lock:
                self.results[stem] = content
        return missing

    def run_chunk(self, slot: int, chunk: _Chunk) -> None:
        stems = [stem for stem, _ in chunk.members]
        missing = self._collect(self._call(slot, chunk, stems), stems)
        if missing and not self.stopping.is_set():  # one retry, only for what is missing
            missing = self._collect(self._call(slot, chunk, missing), missing)
        names = dict(chunk.members)
        with self.lock:
            self.failed.extend(names[stem] for stem in missing)
        self.done.put(len(stems))

    def worker(self, slot: int, chunks: queue.Queue[_Chunk]) -> None:
        while not self.stopping.is_set():
            try:
                chunk = chunks.get_nowait()
            except queue.Empty:
                return
            try:
                self.run_chunk(slot, chunk)
            except Exception as exc:  # a thread must always report its chunk, or the caller waits
                self._problem(f"erreur inattendue : {exc}")
                with self.lock:
                    self.failed.extend(name for _, name in chunk.members)
                self.done.put(len(chunk.members))


def convert_to_pdf(
    conversions: Sequence[Conversion],
    *,
    instances: int | None = None,
    on_converted: Callable[[int], None] | None = None,
) -> dict[str, bytes]:
    """Each conversion's PDF by name, through LibreOffice headless.

    The documents are cut into chunks well under LibreOffice's silent file-count limit and shared
    among `instances` soffice processes (one profile each). Every expected PDF must exist and
    have pages; a chunk that left some out is retried once for those. `on_converted(n)` is called
    from the calling thread as chunks finish. OutputError names the documents still missing.
    """
    if not conversions:
        return {}
    soffice = soffice_command()
    count = max(1, instances or default_instances())
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as folder:
        work = Path(folder)
        (work / "docx").mkdir()
        stems = [(f"d{index:05d}", item) for index, item in enumerate(conversions)]
        try:
            for stem, item in stems:
                (work / "docx" / f"{stem}.docx").write_bytes(item.docx)
        except OSError as exc:
            raise OutputError(
                f"Impossible de préparer la conversion en PDF dans {work} : {exc.strerror}."
            ) from exc
        chunks = _chunks(stems, count)
        pending: queue.Queue[_Chunk] = queue.Queue()
        for chunk in chunks:
            pending.put(chunk)
        pool = _Pool(soffice, work, count)
        threads = [
            threading.Thread(target=pool.worker, args=(slot, pending), daemon=True)
            for slot in range(min(count, len(chunks)))
        ]
        for thread in threads:
            thread.start()
        try:
            for _ in chunks:
                converted = pool.done.get()
                if on_converted is not None:
                    on_converted(converted)
        finally:
            pool.stop()
            for thread in threads:
                thread.join()
    if pool.failed:
        shown = ", ".join(sorted(pool.failed)[:5])
        more = f" et {len(pool.failed) - 5} autre(s)" if len(pool.failed) > 5 else ""
        why = f" ({pool.problems[0]})" if pool.problems else ""
        raise OutputError(
            f"LibreOffice n'a pas converti {len(pool.failed)} document(s) en PDF, même après "
            f"une nouvelle tentative : {shown}{more}{why}. Ouvrez-les dans Word ou LibreOffice "
            "pour vérifier qu'ils sont lisibles, fermez les autres fenêtres LibreOffice, puis "
            "relancez."
        )
    names = {stem: item.name for stem, item in stems}
    return {names[stem]: content for stem, content in pool.results.items()}
