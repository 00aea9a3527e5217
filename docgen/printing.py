"""The PDF step of a run: a PDF beside each .docx (made or reused) and the print files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from docgen.documents.print_plan import PRINT_FOLDER, PrintPlan, is_archival, print_plans
from docgen.errors import OutputError, describe_os_error
from docgen.model import SessionData
from docgen.pdf.assembly import PrintPart, print_file, print_fingerprint
from docgen.pdf.libreoffice import (
    Conversion,
    LibreOfficeMissingError,
    convert_to_pdf,
    soffice_command,
)
from docgen.pdf.options import PdfOptions, PdfOutcome, Ticker
from docgen.pdf.stable import fingerprint, fingerprint_of, stabilised
from docgen.planning.plan import Plan
from docgen.settings import Settings

NOTE_FILE = f"{PRINT_FOLDER}/A-LIRE.txt"


def _previous(folder: Path, name: str) -> bytes | None:
    try:
        return (folder / name).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(
            f"Impossible de lire {folder / name} : {describe_os_error(exc)}. Vérifiez vos droits "
            "sur le dossier de sortie."
        ) from exc


def pdf_name(docx_name: str) -> str:
    return docx_name.removesuffix(".docx") + ".pdf"


def _folder_of(name: str) -> str:
    return PurePosixPath(name).parts[0]


def _documents_in_order(plan: PrintPlan, docx_names: list[str]) -> list[tuple[str, str]]:
    """The plan's documents that exist, then the folder's other documents by name."""
    present = set(docx_names)
    listed = [(name, mark) for name, mark in plan.bookmarks if name in present]
    known = {name for name, _ in listed}
    others = sorted(
        name for name in docx_names if _folder_of(name) == plan.folder and name not in known
    )
    return listed + [(name, PurePosixPath(name).stem) for name in others]


def _recto_verso(plan: PrintPlan, choice: str) -> bool:
    return choice == "oui" or (choice == "auto" and plan.recto_verso_default)


def _document_pdfs(
    docx: Mapping[str, bytes],
    previous: Path,
    settings: Settings,
    options: PdfOptions,
    outcome: PdfOutcome,
    ticker: Ticker | None,
) -> dict[str, bytes]:
    expected = {name: fingerprint(content, is_archival(name)) for name, content in docx.items()}
    pdfs: dict[str, bytes] = {}
    for name, print_id in expected.items():
        old = _previous(previous, pdf_name(name))
        if old is not None and fingerprint_of(old) == print_id:
            pdfs[name] = old
    outcome.reused = len(pdfs)
    todo = [
        Conversion(name, content, is_archival(name))
        for name, content in docx.items()
        if name not in pdfs
    ]
    if not todo or not options.convert:
        return pdfs
    try:
        soffice_command()
    except LibreOfficeMissingError:
        outcome.libreoffice_missing = True
        return pdfs
    done = 0

    def converted(count: int) -> None:
        nonlocal done
        done += count
        if ticker is not None:
            ticker(done, len(todo))

    made = convert_to_pdf(todo, instances=options.instances, on_converted=converted)
    for name, content in made.items():
        pdfs[name] = stabilised(content, expected[name], settings.as_of)
    outcome.converted = len(made)
    outcome.archival = sum(1 for item in todo if item.archival)
    return pdfs


def add_pdfs(
    files: Mapping[str, bytes],
    previous: Path,
    data: SessionData,
    plan: Plan | None,
    settings: Settings,
    options: PdfOptions,
    ticker: Ticker | None = None,
) -> PdfOutcome:
    """The PDFs to publish with `files`: one per .docx (reused when its .docx is unchanged,
    else converted when `options.convert`), and the print files of the kinds written.

    `previous` is the session's output folder as it stands: its PDFs are reused when their
    fingerprint matches, and the print files of kinds not written in this run are kept.
    """
    outcome = PdfOutcome()
    docx = {name: content for name, content in files.items() if name.endswith(".docx")}
    pdfs = _document_pdfs(docx, previous, settings, options, outcome, ticker)
    outcome.files.update({pdf_name(name): content for name, content in pdfs.items()})
    written_folders = {_folder_of(name) for name in files}
    author = data.session.centre if data.session is not None else "docgen"
    for print_plan in print_plans(data, plan):
        if print_plan.folder not in written_folders:
            kept = _previous(previous, print_plan.path)
            if kept is not None:
                outcome.files[print_plan.path] = kept
            continue
        documents = _documents_in_order(print_plan, list(docx))
        if not documents:
            continue
        if any(name not in pdfs for name, _ in documents):
            outcome.stale.append(print_plan.path)
            continue
        parts = [PrintPart(pdfs[name], mark) for name, mark in documents]
        recto_verso = _recto_verso(print_plan, options.recto_verso)
        wanted = print_fingerprint(parts, print_plan.title, recto_verso)
        old = _previous(previous, print_plan.path)
        if old is not None and fingerprint_of(old) == wanted:
            content = old
        else:
            content, _ = print_file(
                parts,
                title=print_plan.title,
                author=author,
                recto_verso=recto_verso,
                day=settings.as_of,
            )
        outcome.files[print_plan.path] = content
        outcome.print_lines.append(f"{print_plan.path} : {len(parts)} document(s) avec signet")
    if outcome.stale and (previous / PRINT_FOLDER).is_dir():
        outcome.files[NOTE_FILE] = _stale_note(outcome.stale)
    return outcome


def _stale_note(stale: list[str]) -> bytes:
    listed = "\n".join(f"- {path}" for path in stale)
    return (
        "Fichiers d'impression retirés parce que leurs documents ont changé sans être "
        f"convertis en PDF :\n{listed}\n\nPour les refaire : docgen pdf <dossier de session> "
        "(LibreOffice doit être installé).\n"
    ).encode()
