"""`docgen templates check`: which template file a run uses, and what an edited one broke."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from docgen.cli import (
    EXIT_FINDINGS,
    EXIT_OK,
    build_settings,
    common_options,
    stops_cleanly,
    templates_option,
)

EXAMPLE_SESSION = Path("inputs/exemple")


@click.group()
def templates_group() -> None:
    """Modèles Word : d'où vient chacun, et vérifier ceux que vous avez modifiés."""


@templates_group.command()
@click.argument("session", required=False, type=click.Path(path_type=Path), metavar="[SESSION]")
@common_options
@templates_option
@stops_cleanly
def check(
    session: Path | None,
    as_of: date | None,
    out_dir: Path | None,
    quiet: bool,
    verbose: bool,
    templates_dir: Path | None,
) -> None:
    """Dit d'où vient chaque modèle Word et le vérifie : balises cassées, données inconnues.

    Chaque modèle vient du dossier templates/ du dossier courant (ou de --templates, ou de
    templates_dir dans docgen.toml) s'il s'y trouve, sinon des modèles fournis avec docgen.
    Les données de SESSION (par défaut inputs/exemple) servent d'exemple pour remplir chaque
    modèle. Code de sortie 1 si un modèle est à corriger.
    """
    from docgen.documents.kinds import KINDS, render_paths, template_problems
    from docgen.documents.template_check import problems_as_text
    from docgen.model import SessionData
    from docgen.pipeline import check_session
    from docgen.template_files import locate_templates, packaged_templates

    settings = build_settings(as_of, out_dir, templates_dir=templates_dir)
    sample = session or (EXAMPLE_SESSION if EXAMPLE_SESSION.is_dir() else None)
    data, plan = SessionData(session=None), None
    if sample is not None:
        checked = check_session(sample, settings)
        data, plan = checked.data, checked.plan
    located = locate_templates((name for kind in KINDS for name in kind.contexts), settings)
    if not quiet:
        click.echo("Modèles utilisés :")
        for template in located:
            origin = template.path.as_posix() if template.overridden else "fourni avec docgen"
            click.echo(f"  {template.name} : {origin}")
        if verbose:
            click.echo(f"Modèles fournis avec docgen : {packaged_templates()}")
    if sample is None and not quiet:
        click.echo(
            "Sans session, seules les balises sont vérifiées : donnez une session "
            "(docgen templates check inputs/<session>) pour vérifier aussi les données."
        )
    problems = template_problems(KINDS, data, plan, settings)
    if verbose and not problems:
        click.echo("Rendu des modèles :")
        for line in render_paths(KINDS, settings):
            click.echo(f"  {line}")
    if problems:
        click.echo(f"Modèles à corriger ({len(problems)} problème(s)) :")
        click.echo(problems_as_text(problems))
        sys.exit(EXIT_FINDINGS)
    if not quiet:
        click.echo("Aucun problème trouvé.")
    sys.exit(EXIT_OK)
