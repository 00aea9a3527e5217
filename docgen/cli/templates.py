"""`docgen templates check`: what an edited Word template broke, before a batch run."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from docgen.cli import EXIT_FINDINGS, EXIT_OK, build_settings, common_options, stops_cleanly

EXAMPLE_SESSION = Path("inputs/exemple")


@click.group()
def templates_group() -> None:
    """Modèles Word (templates/) : vérifier ceux que vous avez modifiés."""


@templates_group.command()
@click.argument("session", required=False, type=click.Path(path_type=Path), metavar="[SESSION]")
@common_options
@stops_cleanly
def check(
    session: Path | None,
    as_of: date | None,
    out_dir: Path | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Vérifie chaque modèle Word : balises cassées, données inconnues, avec le paragraphe.

    Les données de SESSION (par défaut inputs/exemple) servent d'exemple pour remplir chaque
    modèle. Code de sortie 1 si un modèle est à corriger.
    """
    from docgen.documents.kinds import KINDS, template_problems
    from docgen.documents.template_check import problems_as_text
    from docgen.pipeline import check_session

    settings = build_settings(as_of, out_dir)
    checked = check_session(session or EXAMPLE_SESSION, settings)
    problems = template_problems(KINDS, checked.data, checked.plan, settings)
    names = sorted({template for kind in KINDS for template in kind.contexts})
    if problems:
        click.echo(f"Modèles à corriger ({len(problems)} problème(s)) :")
        click.echo(problems_as_text(problems))
        sys.exit(EXIT_FINDINGS)
    if not quiet:
        click.echo(f"Modèles vérifiés dans {settings.templates_dir}/ : {', '.join(names)}.")
        click.echo("Aucun problème trouvé.")
    sys.exit(EXIT_OK)
