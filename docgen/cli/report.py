"""What the terminal shows: findings as a French report or as INTERFACE.md's JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docgen.findings import Finding, Severity

if TYPE_CHECKING:
    from docgen.pdf.options import PdfOutcome
    from docgen.pipeline import CheckedSession, WrittenDocuments
    from docgen.settings import Settings


def finding_as_json(finding: Finding) -> dict[str, Any]:
    location = finding.location
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "sheet": location.sheet,
        "row": location.row,
        "column": location.column,
        "cell": location.cell,
    }


def findings_as_json(checked: CheckedSession, settings: Settings) -> dict[str, Any]:
    """`docgen check --format json`, exactly as INTERFACE.md shows it."""
    return {
        "session": checked.label,
        "as_of": settings.as_of.isoformat(),
        "findings": [finding_as_json(finding) for finding in checked.findings],
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def _line(finding: Finding) -> str:
    where = finding.location.where
    return f"  {where:<16} {finding.message}  [{finding.code}]"


def findings_as_text(
    checked: CheckedSession, settings: Settings, *, quiet: bool = False, verbose: bool = False
) -> str:
    """The French report: errors first, then warnings, each with its cell."""
    errors = [f for f in checked.findings if f.severity is Severity.ERROR]
    warnings = [f for f in checked.findings if f.severity is Severity.WARNING]
    lines = [
        f"Session {checked.label} — vérifiée au {settings.as_of.strftime('%d/%m/%Y')}",
    ]
    if verbose:
        data = checked.data
        lines.append(
            f"  Lu : {_plural(len(data.candidates), 'candidat')}, "
            f"{_plural(len(data.jurors), 'juré')}, "
            f"{_plural(len(data.steps), 'étape')} de déroulé, {_plural(len(data.rooms), 'salle')}, "
            f"{len(data.equipment)} équipement(s)."
        )
    if errors:
        lines.append(f"Erreurs ({len(errors)}) — à corriger avant d'éditer les documents :")
        lines.extend(_line(finding) for finding in errors)
    if warnings and not quiet:
        lines.append(f"Avertissements ({len(warnings)}) — à vérifier :")
        lines.extend(_line(finding) for finding in warnings)
    if not errors and not warnings:
        lines.append("Aucun problème trouvé.")
    lines.append(
        f"Bilan : {_plural(len(errors), 'erreur')}, {_plural(len(warnings), 'avertissement')}."
    )
    return "\n".join(lines)


def written_summary(written: WrittenDocuments) -> str:
    """Where the documents went, in French."""
    folders: dict[str, int] = {}
    for path in written.files:
        if "/" in path:
            folder = path.split("/", 1)[0] + "/"
            folders[folder] = folders.get(folder, 0) + 1
    lines = [f"Documents écrits dans {written.folder.as_posix()}/ :"]
    for folder, count in sorted(folders.items()):
        lines.append(f"  {folder:<20} {_plural(count, 'fichier')}")
    lines.extend(f"  {path}" for path in written.files if "/" not in path)
    lines.append("  manifest.json        la liste de tout ce qui a été écrit, avec les empreintes")
    if not written.files:
        lines = ["Aucun document écrit."]
    if written.skipped:
        lines.append("Non écrits :")
        lines.extend(f"  {reason}" for reason in written.skipped)
    if written.forced:
        lines.append("  Écrits malgré des erreurs (--force) : c'est noté dans manifest.json.")
    if written.pdf is not None:
        lines.extend(pdf_summary(written.pdf))
    return "\n".join(lines)


def pdf_summary(outcome: PdfOutcome) -> list[str]:
    """What the PDF step did, in French."""
    archival = f" (dont {outcome.archival} en PDF/A-2b)" if outcome.archival else ""
    made = "convertis" if outcome.converted > 1 else "converti"
    lines = [
        f"PDF : {_plural(outcome.converted, 'document')} {made}{archival}, "
        f"{outcome.reused} repris sans conversion (.docx inchangé)."
    ]
    lines.extend(f"  {line}" for line in outcome.print_lines)
    if outcome.stale:
        lines.append(
            "  Retirés car périmés (des documents ont changé) : "
            + ", ".join(outcome.stale)
            + " ; refaites-les avec « docgen pdf » ou l'option --pdf."
        )
    return lines
