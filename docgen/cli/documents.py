"""The document commands: convocations, invitations, posters, sheets, rétroplanning and all."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from docgen.cli import (
    build_settings,
    common_options,
    run_each,
    session_argument,
    sessions_to_run,
    stops_cleanly,
    templates_option,
)
from docgen.cli.report import findings_as_text, written_summary
from docgen.pdf.options import RECTO_VERSO_CHOICES


def progress_bar(enabled: bool) -> Callable[[Iterable[str], str], Iterable[str]]:
    """A progress bar on the terminal's error stream, or nothing when quiet."""

    def wrap(items: Iterable[str], label: str) -> Iterator[str]:
        if not enabled:
            yield from items
            return
        names = list(items)
        with click.progressbar(names, label=label, file=sys.stderr, show_pos=True) as bar:
            yield from bar

    return wrap


def pdf_ticker(enabled: bool) -> Callable[[int, int], None] | None:
    """A progress bar for the PDF conversion (documents converted / to convert)."""
    if not enabled:
        return None
    bars: list[Any] = []

    def tick(done: int, total: int) -> None:
        if not bars:
            bars.append(
                click.progressbar(
                    length=total, label="Conversion en PDF", file=sys.stderr, show_pos=True
                )
            )
            bars[0].__enter__()
        bar = bars[0]
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    return tick


def recto_verso_option(function: Any) -> Any:
    return click.option(
        "--recto-verso",
        "recto_verso",
        type=click.Choice(RECTO_VERSO_CHOICES),
        default="auto",
        show_default=True,
        help="Pages blanches ajoutées aux fichiers d'impression pour que chaque document "
        "commence au recto d'une feuille : auto (convocations seulement), oui (tous), non.",
    )(function)


def instances_option(function: Any) -> Any:
    return click.option(
        "--instances",
        type=click.IntRange(1, 32),
        default=None,
        help="Nombre de LibreOffice lancés en parallèle (défaut : un par cœur de processeur).",
    )(function)


def document_command(
    name: str, kind_keys: tuple[str, ...], summary: str, nothing_written: str, *, planning: bool
) -> click.Command:
    """A command that checks the session, then writes the documents of `kind_keys` (all when
    empty), with planning.xlsx when `planning`."""

    @click.command(name=name, help=summary)
    @session_argument
    @common_options
    @click.option(
        "--force",
        is_flag=True,
        help="Écrit les documents malgré les erreurs (noté dans manifest.json).",
    )
    @templates_option
    @click.option(
        "--pdf",
        "with_pdf",
        is_flag=True,
        help="Ajoute le PDF de chaque document et les fichiers d'impression "
        "(impression/*.pdf) ; LibreOffice doit être installé.",
    )
    @recto_verso_option
    @instances_option
    @stops_cleanly
    def command(
        session: Path | None,
        as_of: date | None,
        out_dir: Path | None,
        quiet: bool,
        verbose: bool,
        force: bool,
        templates_dir: Path | None,
        with_pdf: bool,
        recto_verso: str,
        instances: int | None,
    ) -> None:
        from docgen.documents.kinds import KINDS, kinds_named, render_paths
        from docgen.pdf.libreoffice import LibreOfficeMissingError
        from docgen.pdf.options import PdfOptions
        from docgen.pipeline import check_session, make_documents, writing_session

        settings = build_settings(as_of, out_dir, force, templates_dir)
        kinds = kinds_named(kind_keys) if kind_keys else KINDS

        def write_one(folder: Path) -> bool:
            with writing_session(folder, settings):
                return write_locked(folder)

        def write_locked(folder: Path) -> bool:
            checked = check_session(folder, settings, documents=[kind.key for kind in kinds])
            report = findings_as_text(checked, settings, quiet=quiet, verbose=verbose)
            if checked.has_errors and not force:
                click.echo(report, err=True)
                click.echo(
                    f"{nothing_written} : corrigez les erreurs ci-dessus, "
                    "ou relancez avec --force pour écrire malgré tout.",
                    err=True,
                )
                return True
            if checked.findings and not quiet:
                click.echo(report, err=True)
            options = PdfOptions(recto_verso=recto_verso, instances=instances) if with_pdf else None
            written = make_documents(
                checked,
                settings,
                kinds,
                progress_bar(not quiet),
                with_planning=planning,
                pdf=options,
                pdf_ticker=pdf_ticker(not quiet),
            )
            if not quiet:
                click.echo(written_summary(written), err=True)
            if verbose:
                click.echo("Rendu des modèles :", err=True)
                for line in render_paths(kinds, settings):
                    click.echo(f"  {line}", err=True)
            if written.pdf is not None and written.pdf.libreoffice_missing:
                raise LibreOfficeMissingError()
            return False

        sys.exit(run_each(sessions_to_run(session, settings), write_one))

    return command


convocations = document_command(
    "convocations",
    ("convocations",),
    "Écrit une convocation (.docx) par candidat dans outputs/<session>/convocations/, "
    "avec son calendrier (.ics) quand la session est planifiée.",
    "Aucune convocation n'a été écrite",
    planning=False,
)

invitations = document_command(
    "invitations",
    ("invitations",),
    "Écrit l'invitation (.docx) et le calendrier (.ics) de chaque juré du planning dans "
    "outputs/<session>/invitations/.",
    "Aucune invitation n'a été écrite",
    planning=False,
)

posters = document_command(
    "posters",
    ("affiches",),
    "Écrit les affiches à poser sur le lieu des épreuves dans outputs/<session>/affiches/ : le "
    "règlement de la session et le déroulé (grille horaire par jour, numéros de candidats "
    "seulement, jamais leurs noms).",
    "Aucune affiche n'a été écrite",
    planning=False,
)

sheets = document_command(
    "sheets",
    ("feuilles",),
    "Écrit les feuilles du jour dans outputs/<session>/feuilles/ : émargement par demi-journée, "
    "vérification du matériel et des salles, procès-verbal d'ouverture des plis.",
    "Aucune feuille n'a été écrite",
    planning=False,
)

retroplanning = document_command(
    "retroplanning",
    ("retroplanning",),
    "Écrit le rétroplanning des échéances de la session (.docx, une page) et ses rappels "
    "(.ics) dans outputs/<session>/retroplanning/, chaque échéance avec son état à --as-of.",
    "Le rétroplanning n'a pas été écrit",
    planning=False,
)

sending = document_command(
    "envois",
    ("envois",),
    "Écrit dans outputs/<session>/envois/ la preuve des envois : le registre envois.xlsx (et "
    "envois.docx à imprimer), une ligne par convocation et par invitation avec le mode "
    "d'envoi, le n° de recommandé et la date limite, colonnes « Envoyé le » et « Accusé reçu "
    "le » à remplir ; le bordereau de dépôt des recommandés ; un récépissé par convocation "
    "remise en main propre.",
    "Le registre des envois n'a pas été écrit",
    planning=False,
)

all_documents = document_command(
    "all",
    (),
    "Vérifie la session puis écrit tous ses documents : convocations, invitations, affiches, "
    "feuilles du jour, rétroplanning, registre des envois et planning.xlsx, avec "
    "manifest.json.",
    "Aucun document n'a été écrit",
    planning=True,
)


@click.command(name="pdf")
@session_argument
@common_options
@recto_verso_option
@instances_option
@stops_cleanly
def pdf_command(
    session: Path | None,
    as_of: date | None,
    out_dir: Path | None,
    quiet: bool,
    verbose: bool,
    recto_verso: str,
    instances: int | None,
) -> None:
    """Convertit en PDF les documents déjà écrits de la session (un PDF à côté de chaque
    .docx, tels qu'ils sont, avec vos retouches faites dans Word) et écrit les fichiers
    d'impression : impression/convocations.pdf, invitations.pdf, feuilles.pdf et affiches.pdf,
    un signet par document. Le procès-verbal d'ouverture des plis et les feuilles
    d'émargement sont en PDF/A-2b pour l'archivage. Un PDF dont le .docx n'a pas changé est
    repris sans nouvelle conversion. Nécessite LibreOffice."""
    from docgen.pdf.options import PdfOptions
    from docgen.pipeline import check_session, make_pdfs, writing_session

    settings = build_settings(as_of, out_dir)
    options = PdfOptions(recto_verso=recto_verso, instances=instances)

    def convert_one(folder: Path) -> bool:
        with writing_session(folder, settings):
            checked = check_session(folder, settings)
            written = make_pdfs(checked, settings, options, pdf_ticker(not quiet))
        if not quiet:
            click.echo(written_summary(written), err=True)
        return False

    sys.exit(run_each(sessions_to_run(session, settings), convert_one))
