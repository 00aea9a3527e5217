"""The orchestrator and library front door: load → check → plan → render → write.

The document libraries (docxtpl, the xlsx writer) are imported inside the functions that write
documents, so that `docgen check` and the vault commands start without loading them.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from docgen import calendar
from docgen.errors import InputError, describe_os_error
from docgen.findings import Finding, has_errors, sorted_findings
from docgen.model import SessionData
from docgen.planning import plan_session
from docgen.planning.plan import Plan
from docgen.rules import run_rules
from docgen.rules.deadlines import sent_after_start
from docgen.settings import Settings
from docgen.template_files import template_path
from docgen.workbook import WorkbookLimits, in_workbook_sheets, load_workbook_file

if TYPE_CHECKING:
    from docgen.documents.kinds import DocumentKind, Progress
    from docgen.pdf.options import PdfOptions, PdfOutcome, Ticker

WORKBOOK_NAME = "session.xlsx"
PLANNING_FILE = "planning.xlsx"
SENT_AHEAD = ("convocations", "invitations")  # documents that must reach people before D
_LISTED_SESSIONS = 20
NOT_PLANNED = "corrigez les erreurs du classeur signalées par « docgen check »"


@dataclass(frozen=True)
class CheckedSession:
    """A session read, checked and, when its data allows it, planned."""

    folder: Path
    workbook: Path
    data: SessionData
    findings: tuple[Finding, ...]
    plan: Plan | None
    workbook_sha256: str

    @property
    def label(self) -> str:
        """The session as the user named it (`inputs/exemple`)."""
        return self.folder.as_posix()

    @property
    def name(self) -> str:
        """The session folder's name, which names its output folder."""
        return self.folder.name

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)

    @property
    def error_codes(self) -> tuple[str, ...]:
        return tuple(sorted({finding.code for finding in self.findings if finding.is_error}))


@dataclass(frozen=True)
class WrittenDocuments:
    """What a document command wrote (relative paths inside the session's output folder)."""

    folder: Path
    files: tuple[str, ...]
    forced: bool
    skipped: tuple[str, ...] = ()
    """French reasons for what was not written (« Invitations : … »)."""
    pdf: PdfOutcome | None = None
    """What the PDF step made, reused or could not make."""


WORKBOOK_NAMES = (WORKBOOK_NAME, "session.xlsm", "session.ods", "session.xls")
"""The names a session's workbook may have, preferred first (.xls is named to be refused)."""


def session_workbook(session: Path, inputs_dir: Path = Path("inputs")) -> tuple[Path, Path]:
    """The session folder and its workbook, from a folder or the workbook's own path."""
    if session.suffix.lower() in {".xlsx", ".xlsm", ".xls", ".ods", ".csv"}:
        folder, workbook = session.parent, session
    else:
        folder = session
        workbook = next(
            (folder / name for name in WORKBOOK_NAMES if _readable_file(folder / name)),
            folder / WORKBOOK_NAME,
        )
    if not folder.is_dir():
        raise InputError(
            f"Le dossier de session « {folder} » n'existe pas. "
            f"{_sessions_found(folder, inputs_dir)}"
        )
    found = _readable_file(workbook)
    if not found and not os.access(folder, os.R_OK | os.X_OK):
        raise InputError(
            f"Le dossier de session « {folder} » n'est pas lisible : accès refusé. Vérifiez vos "
            "droits sur ce dossier (ou demandez-les à la personne qui l'a créé), puis relancez."
        )
    if not found:
        raise InputError(
            f"Le classeur « {workbook} » est introuvable. Chaque dossier de session contient "
            f"un classeur {WORKBOOK_NAME} ou session.ods (« docgen init NOM » en crée un). "
            f"{_sessions_found(folder, inputs_dir)}"
        )
    return folder, workbook


def _readable_file(path: Path) -> bool:
    """Whether `path` is a file; False when its folder may not be read (said just after)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _sessions_found(typed: Path, inputs_dir: Path) -> str:
    """The sessions of `inputs/`, the closest to what was typed first, to say what to type."""
    found = (
        sorted({path.parent for name in WORKBOOK_NAMES for path in inputs_dir.glob(f"*/{name}")})
        if inputs_dir.is_dir()
        else []
    )
    if not found:
        return (
            f"Aucune session dans « {inputs_dir} » : créez-en une avec « docgen init NOM », ou "
            f"indiquez le chemin d'un dossier qui contient {WORKBOOK_NAME}."
        )
    by_name = {folder.name: folder.as_posix() for folder in found}
    close = difflib.get_close_matches(typed.name, list(by_name), n=1, cutoff=0.6)
    suggestion = f"Vouliez-vous dire « {by_name[close[0]]} » ? " if close else ""
    names = list(by_name.values())
    listed = ", ".join(names[:_LISTED_SESSIONS]) + (" …" if len(names) > _LISTED_SESSIONS else "")
    return f"{suggestion}Sessions trouvées dans « {inputs_dir} » : {listed}."


@contextmanager
def writing_session(session: Path, settings: Settings) -> Iterator[None]:
    """Hold the session's output folder for this run: no other docgen writes there meanwhile,
    and whatever a killed run left half-done is completed or undone first."""
    from docgen.publishing import OutputFolder

    folder, _ = session_workbook(session, settings.inputs_dir)
    with OutputFolder(settings.out_dir / folder.name):
        yield


def session_folders(settings: Settings) -> list[Path]:
    """Every session folder under `inputs/` (the folders that hold a session workbook)."""
    root = settings.inputs_dir
    folders = (
        sorted({p.parent for name in WORKBOOK_NAMES for p in root.glob(f"*/{name}")})
        if root.is_dir()
        else []
    )
    if not folders:
        raise InputError(
            f"Aucun dossier de session dans « {root} ». Créez-y un dossier contenant "
            f"{WORKBOOK_NAME} (copiez inputs/exemple) ou indiquez le dossier à traiter."
        )
    return folders


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise InputError(f"Impossible de lire « {path} » : {describe_os_error(exc)}.") from exc


def session_days(data: SessionData) -> tuple[date, ...]:
    """The working days of the session (weekends and the département's holidays left out)."""
    if data.session is None:
        return ()
    session = data.session
    return tuple(calendar.session_days(session.start, session.end, session.departement))


def check_session(
    session: Path, settings: Settings, *, documents: Sequence[str] = ()
) -> CheckedSession:
    """Read the workbook, run every rule and, when the data is sound, plan the session.

    `documents` are the kinds of document about to be written (`convocations`…): those sent
    ahead of the session get a warning when the session has already begun."""
    folder, workbook = session_workbook(session, settings.inputs_dir)
    loaded = load_workbook_file(workbook, WorkbookLimits.of_megabytes(settings.workbook_max_mb))
    findings = list(loaded.findings)
    rule_findings = run_rules(loaded.data, settings)
    ahead = [name for name in SENT_AHEAD if name in documents]
    rule_findings.extend(sent_after_start(loaded.data, settings, ahead))
    findings.extend(rule_findings)
    plan: Plan | None = None
    dates_sound = not any(f.code == "session-dates" and f.is_error for f in rule_findings)
    input_sound = not has_errors(loaded.findings) and dates_sound
    if input_sound and loaded.data.session is not None and loaded.data.steps:
        plan = plan_session(loaded.data, session_days(loaded.data))
        findings.extend(plan.findings)
    return CheckedSession(
        folder=folder,
        workbook=workbook,
        data=loaded.data,
        findings=tuple(sorted_findings(in_workbook_sheets(findings, loaded.sheet_titles))),
        plan=plan,
        workbook_sha256=_sha256(workbook),
    )


def annotate_workbook(checked: CheckedSession, settings: Settings) -> Path:
    """Write `outputs/<session>/session-annote.xlsx`: the workbook with each finding on its cell
    and a first sheet listing them. The session's own workbook is never written."""
    from docgen.atomic import replace_file
    from docgen.publishing import OutputFolder
    from docgen.workbook.annotate import ANNOTATED_NAME, annotated_workbook

    target = settings.out_dir / checked.name / ANNOTATED_NAME
    if target.resolve() == checked.workbook.resolve():
        raise InputError(f"« {target} » est le classeur lui-même : choisissez un autre --out.")
    content = annotated_workbook(checked.workbook, checked.findings)
    with OutputFolder(target.parent):  # no docgen publishing there meanwhile
        replace_file(target, content)
    return target


def session_opening(session_folder: Path) -> datetime:
    """When the session opens: `Date de début` at `Heure d'ouverture`, in the site's time zone."""
    folder, workbook = session_workbook(session_folder)
    loaded = load_workbook_file(workbook)
    session = loaded.data.session
    if session is None:
        raise InputError(
            f"L'heure d'ouverture de la session est illisible dans « {workbook} » : vérifiez "
            "« Date de début » et « Heure d'ouverture » dans la feuille Session "
            f"(docgen check {folder.as_posix()})."
        )
    zone = calendar.timezone_for(session.departement)
    return datetime.combine(session.start, session.opening_time, tzinfo=zone)


def publish_documents(
    checked: CheckedSession,
    settings: Settings,
    files: Mapping[str, bytes],
    skipped: Sequence[str] = (),
    templates: Sequence[str] = (),
    pdf: PdfOutcome | None = None,
) -> WrittenDocuments:
    """Write rendered files atomically into `outputs/<session>/` and update its manifest, which
    records the fingerprints of the workbook and of the templates the documents came from."""
    from docgen.publishing import ManifestInfo, OutputFolder

    target = output_folder(checked, settings)
    if pdf is not None:
        files = {**files, **pdf.files}
    overridden = checked.error_codes if settings.force else ()
    inputs = {checked.workbook.name: checked.workbook_sha256}
    for template in sorted(templates):
        inputs[f"templates/{template}"] = _sha256(template_path(template, settings))
    if files:
        info = ManifestInfo(
            session=checked.label,
            as_of=settings.as_of,
            inputs=inputs,
            forced=bool(overridden),
            overridden_codes=overridden,
        )
        with OutputFolder(target) as out:
            out.publish(files, info)
    return WrittenDocuments(target, tuple(sorted(files)), bool(overridden), tuple(skipped), pdf=pdf)


def output_folder(checked: CheckedSession, settings: Settings) -> Path:
    """`outputs/<session>/`."""
    return settings.out_dir / checked.name


def _pdf_step(
    checked: CheckedSession,
    settings: Settings,
    files: Mapping[str, bytes],
    pdf: PdfOptions | None,
    ticker: Ticker | None,
) -> PdfOutcome | None:
    """PDFs for `files` when asked; without --pdf, the PDFs still valid are kept (and the print
    files that went stale are dropped), so a PDF never outlives its .docx."""
    target = output_folder(checked, settings)
    if pdf is None and not any(target.glob("*/*.pdf")):
        return None
    from docgen.pdf.options import PdfOptions
    from docgen.printing import add_pdfs

    options = pdf if pdf is not None else PdfOptions(convert=False)
    return add_pdfs(files, target, checked.data, checked.plan, settings, options, ticker)


def make_documents(
    checked: CheckedSession,
    settings: Settings,
    kinds: Sequence[DocumentKind],
    progress: Progress | None = None,
    *,
    with_planning: bool = False,
    pdf: PdfOptions | None = None,
    pdf_ticker: Ticker | None = None,
) -> WrittenDocuments:
    """Render the documents of `kinds` (the caller has refused to go on when errors remain).

    Every template is checked first: a broken one stops the run before anything is written.
    Everything is rendered in memory, then published in one atomic step.
    """
    from docgen.documents.kinds import ensure_templates_usable

    ensure_templates_usable(kinds, checked.data, checked.plan, settings)
    files: dict[str, bytes] = {}
    skipped: list[str] = []
    for kind in kinds:
        if kind.needs_plan and checked.plan is None:
            skipped.append(f"{kind.label} : la session n'a pas pu être planifiée ({NOT_PLANNED}).")
            continue
        if kind.without_plan and checked.plan is None:
            skipped.append(
                f"{kind.label} : pas de {kind.without_plan} tant que la session n'est pas "
                f"planifiée ({NOT_PLANNED})."
            )
        rendered = kind.render(checked.data, checked.plan, settings, progress)
        if not rendered:
            skipped.append(f"{kind.label} : aucun document à écrire pour cette session.")
        files.update(rendered)
    if with_planning:
        if checked.plan is None:
            skipped.append(f"Planning : la session n'a pas pu être planifiée ({NOT_PLANNED}).")
        else:
            files[PLANNING_FILE] = planning_workbook(checked)
    templates = [template for kind in kinds for template in kind.contexts]
    outcome = _pdf_step(checked, settings, files, pdf, pdf_ticker)
    return publish_documents(checked, settings, files, skipped, templates, outcome)


def written_files(folder: Path) -> dict[str, bytes]:
    """The documents already written in a session's output folder, by relative path: every
    document folder but the print files, without the PDFs (they are made or reused again)."""
    from docgen.documents.print_plan import PRINT_FOLDER

    files: dict[str, bytes] = {}
    try:
        for path in sorted(folder.glob("*/**/*")):
            relative = path.relative_to(folder).as_posix()
            if (
                path.is_file()
                and path.suffix.lower() != ".pdf"
                and not relative.startswith((f"{PRINT_FOLDER}/", "."))
            ):
                files[relative] = path.read_bytes()
    except OSError as exc:
        raise InputError(f"Impossible de lire {folder} : {describe_os_error(exc)}.") from exc
    return files


def make_pdfs(
    checked: CheckedSession,
    settings: Settings,
    pdf: PdfOptions,
    ticker: Ticker | None = None,
) -> WrittenDocuments:
    """`docgen pdf`: the PDFs and print files of the documents already written for a session.

    The .docx on disk are converted as they are (with any change made in Word); their folders
    are published again with the PDFs, in one atomic step.
    """
    from docgen.documents.kinds import KINDS
    from docgen.pdf.libreoffice import LibreOfficeMissingError, soffice_command
    from docgen.printing import add_pdfs

    soffice_command()
    target = output_folder(checked, settings)
    files = written_files(target)
    if not any(name.endswith(".docx") for name in files):
        raise InputError(
            f"Aucun document Word dans « {target} » : écrivez d'abord les documents "
            f"(docgen all {checked.label}), ou écrivez-les directement avec leurs PDF "
            f"(docgen all --pdf {checked.label})."
        )
    outcome = add_pdfs(files, target, checked.data, checked.plan, settings, pdf, ticker)
    if outcome.libreoffice_missing:
        raise LibreOfficeMissingError()
    templates = [template for kind in KINDS for template in kind.contexts]
    return publish_documents(checked, settings, files, (), templates, outcome)


def planning_workbook(checked: CheckedSession) -> bytes:
    """`planning.xlsx`: one sheet per view of the plan."""
    from docgen.workbook.planning_export import planning_workbook_bytes

    if checked.plan is None:
        raise InputError(
            "La session ne peut pas être planifiée tant que le classeur contient des erreurs : "
            f"lancez « docgen check {checked.label} » et corrigez-les."
        )
    return planning_workbook_bytes(checked.plan, checked.data)


def make_planning_workbook(checked: CheckedSession, settings: Settings) -> WrittenDocuments:
    """Write `outputs/<session>/planning.xlsx` alone."""
    return publish_documents(checked, settings, {PLANNING_FILE: planning_workbook(checked)})
