"""The document commands: convocations, invitations, posters, sheets, rétroplanning and all."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

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
    @stops_cleanly
    def command(
        session: Path | None,
        as_of: date | None,
        out_dir: Path | None,
        quiet: bool,
        verbose: bool,
        force: bool,
        templates_dir: Path | None,
    ) -> None:
        from docgen.documents.kinds import KINDS, kinds_named
        from docgen.pipeline import check_session, make_documents

        settings = build_settings(as_of, out_dir, force, templates_dir)
        kinds = kinds_named(kind_keys) if kind_keys else KINDS

        def write_one(folder: Path) -> bool:
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
            written = make_documents(
                checked, settings, kinds, progress_bar(not quiet), with_planning=planning
            )
            if not quiet:
                click.echo(written_summary(written), err=True)
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

all_documents = document_command(
    "all",
    (),
    "Vérifie la session puis écrit tous ses documents : convocations, invitations, affiches, "
    "feuilles du jour, rétroplanning et planning.xlsx, avec manifest.json.",
    "Aucun document n'a été écrit",
    planning=True,
)
