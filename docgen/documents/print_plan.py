"""What goes into each print file: the documents of a kind in order, each with its bookmark."""

from __future__ import annotations

from dataclasses import dataclass

from docgen.documents import CONVOCATIONS_FOLDER, convocation_files
from docgen.documents.attendance import HALF_DAY_LABELS
from docgen.documents.invitation import INVITATIONS_FOLDER, invitation_files
from docgen.documents.posters import DEROULE_FILE, POSTERS_FOLDER, REGLEMENT_FILE
from docgen.documents.sheets import CHECKLIST_FILE, PV_FILE, SHEETS_FOLDER, emargement_files
from docgen.french import heading_date
from docgen.model import SessionData
from docgen.planning.plan import Plan

PRINT_FOLDER = "impression"


@dataclass(frozen=True)
class PrintPlan:
    """One print file: `impression/<folder>.pdf`, from the documents of `folder/`."""

    folder: str
    title: str
    bookmarks: tuple[tuple[str, str], ...]
    """(.docx path, bookmark), in print order; documents of the folder not listed come after."""
    recto_verso_default: bool = False

    @property
    def path(self) -> str:
        return f"{PRINT_FOLDER}/{self.folder}.pdf"


def is_archival(name: str) -> bool:
    """Kept for years, hence PDF/A-2b: the PV d'ouverture des plis and the émargement sheets."""
    return name == PV_FILE or name.startswith(f"{SHEETS_FOLDER}/emargement_")


def print_plans(data: SessionData, plan: Plan | None) -> tuple[PrintPlan, ...]:
    """The four print files: convocations, invitations, feuilles du jour and affiches."""
    session = data.session
    convocations = tuple(
        (name, f"{candidate.number} – {candidate.full_name}")
        for name, candidate in convocation_files(data).items()
    )
    invitations = (
        tuple((name, juror.full_name) for name, juror in invitation_files(data, plan).items())
        if plan is not None
        else ()
    )
    halves = emargement_files(plan, session) if session is not None else {}
    sheets = (
        *(
            (name, f"Émargement – {heading_date(half.day)}, {HALF_DAY_LABELS[half.part].lower()}")
            for name, half in halves.items()
        ),
        (CHECKLIST_FILE, "Vérification du matériel et des salles"),
        (PV_FILE, "Procès-verbal d'ouverture des plis"),
    )
    posters = ((REGLEMENT_FILE, "Règlement de session"), (DEROULE_FILE, "Déroulé de session"))
    return (
        PrintPlan(CONVOCATIONS_FOLDER, "Convocations", convocations, recto_verso_default=True),
        PrintPlan(INVITATIONS_FOLDER, "Invitations des jurés", invitations),
        PrintPlan(SHEETS_FOLDER, "Feuilles du jour", sheets),
        PrintPlan(POSTERS_FOLDER, "Affiches", posters),
    )
