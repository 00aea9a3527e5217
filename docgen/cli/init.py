"""`docgen init NAME [--depuis SESSION]`: start a session from nothing, or from the last one."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli import stops_cleanly


@click.command(name="init")
@click.argument("name", metavar="NOM")
@click.option(
    "--depuis",
    "previous",
    type=click.Path(path_type=Path),
    default=None,
    metavar="SESSION",
    help="Reprend d'une session précédente les jurés (réponses remises à « En attente »), le "
    "déroulé, le matériel (à vérifier), les salles, les éléments à apporter et les informations "
    "stables de la feuille Session ; les candidats restent à saisir.",
)
@stops_cleanly
def init(name: str, previous: Path | None) -> None:
    """Crée inputs/NOM/session.xlsx, un classeur de session prêt à remplir.

    Chaque feuille et chaque colonne attendues y sont, avec des listes déroulantes, l'explication
    de chaque en-tête et une feuille Aide. Un classeur existant n'est jamais écrasé.
    """
    from docgen.session_init import new_session
    from docgen.settings import load_settings

    target = new_session(name, load_settings(), previous)
    folder = target.parent.as_posix()
    origin = f" à partir de {previous.as_posix()}" if previous is not None else ""
    click.echo(f"Classeur créé{origin} : {target.as_posix()}")
    click.echo(
        "Remplissez-le dans Excel ou LibreOffice (la feuille Aide explique chaque colonne), "
        f"puis vérifiez-le : docgen check {folder}"
    )
