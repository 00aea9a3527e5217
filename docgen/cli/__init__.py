"""The command line (click lives only in this package): parse options, call the pipeline, print."""

from __future__ import annotations

import difflib
import functools
import importlib
import json
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from docgen import __version__
from docgen.cli.french import speak_french
from docgen.cli.report import findings_as_json, findings_as_text, written_summary
from docgen.errors import DocgenError
from docgen.interruptions import Stopped, starting_work
from docgen.settings import Settings, load_settings, parse_cli_date

EXIT_OK, EXIT_FINDINGS, EXIT_ABORTED = 0, 1, 3

speak_french()

F = TypeVar("F", bound=Callable[..., Any])


class FrenchDate(click.ParamType[date, Any]):
    """A date typed as `2027-03-15` or `15/03/2027`."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_cli_date(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def _quiet_or_verbose(ctx: click.Context, param: click.Parameter, given: bool) -> bool:
    """--quiet and --verbose exclude each other, in whichever order they are typed."""
    other = "verbose" if param.name == "quiet" else "quiet"
    if given and ctx.params.get(other):
        raise click.UsageError("--quiet et --verbose s'excluent : choisissez l'un des deux.", ctx)
    return given


def common_options(function: F) -> F:
    """The options every command shares (INTERFACE.md)."""
    options = [
        click.option(
            "--as-of",
            "as_of",
            type=FrenchDate(),
            default=None,
            help="Date à laquelle les délais sont jugés (défaut : aujourd'hui, "
            "ou la variable DOCGEN_AS_OF). Ex. 2027-01-10 ou 10/01/2027.",
        ),
        click.option(
            "--out",
            "out_dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Dossier des documents produits (défaut : outputs/).",
        ),
        click.option(
            "--quiet",
            "-q",
            is_flag=True,
            callback=_quiet_or_verbose,
            help="N'affiche que les erreurs.",
        ),
        click.option(
            "--verbose",
            "-v",
            is_flag=True,
            callback=_quiet_or_verbose,
            help="Affiche aussi le détail du travail.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def session_argument(function: F) -> F:
    return click.argument(
        "session",
        required=False,
        type=click.Path(path_type=Path, readable=False),  # pipeline says why in French, exit 3
        metavar="[SESSION]",
    )(function)


def format_option(help_text: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help_text,
    )


def echo_json(payloads: list[dict[str, Any]]) -> None:
    """One JSON object for one session, a list of them for several."""
    payload: object = payloads[0] if len(payloads) == 1 else payloads
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def abort(message: str) -> NoReturn:
    click.echo(f"Erreur : {message}", err=True)
    sys.exit(EXIT_ABORTED)


def interrupted_message(exc: KeyboardInterrupt, *, writes_documents: bool = True) -> str:
    """What an interruption left: true at any instant, thanks to the journaled publication."""
    by_user = not isinstance(exc, Stopped) or exc.by_user
    cause = "interrompu (Ctrl-C)" if by_user else "arrêté par le système (signal d'arrêt)"
    if not writes_documents:
        return f"{cause} avant la fin de la commande."
    return (
        f"{cause}. Aucun document n'a été laissé à moitié écrit : chaque dossier de sortie "
        "contient soit ses documents précédents, soit tous ceux de cette exécution, comme le "
        "dit son manifest.json. Relancez la commande pour terminer."
    )


def stops_cleanly(function: F) -> F:
    """Turn a DocgenError into its French message and exit code 3, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DocgenError as exc:
            abort(exc.message)
        except KeyboardInterrupt as exc:
            abort(interrupted_message(exc))

    return wrapper  # type: ignore[return-value]  # functools.wraps keeps the signature


def templates_option(function: F) -> F:
    """--templates: a folder whose Word templates replace docgen's, file by file."""
    return click.option(
        "--templates",
        "templates_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Dossier de modèles Word qui remplacent, fichier par fichier, ceux fournis avec "
        "docgen (défaut : templates/ du dossier courant s'il existe, ou templates_dir de "
        "docgen.toml).",
    )(function)


def build_settings(
    as_of: date | None,
    out_dir: Path | None,
    force: bool = False,
    templates_dir: Path | None = None,
) -> Settings:
    return load_settings(
        {"as_of": as_of, "out_dir": out_dir, "force": force or None, "templates_dir": templates_dir}
    )


def sessions_to_run(session: Path | None, settings: Settings) -> list[Path]:
    from docgen.pipeline import session_folders

    return [session] if session is not None else session_folders(settings)


def run_each(folders: list[Path], work: Callable[[Path], bool]) -> int:
    """Run `work` on each session folder (it says whether the session has errors); a session that
    cannot be read does not stop the others. The exit code of the whole command."""
    aborted = failed = False
    for folder in folders:
        try:
            failed = work(folder) or failed
        except DocgenError as exc:
            where = f" ({folder.as_posix()})" if len(folders) > 1 else ""
            click.echo(f"Erreur{where} : {exc.message}", err=True)
            aborted = True
    return EXIT_ABORTED if aborted else EXIT_FINDINGS if failed else EXIT_OK


def closest_commands(typed: str, commands: list[str]) -> list[str]:
    """The commands a mistyped name most likely meant: those it begins (`retro`), else the
    closest spellings (`convocation`, `rétroplanning`)."""
    bare = "".join(char for char in unicodedata.normalize("NFKD", typed.lower()) if char.isascii())
    started = [name for name in commands if bare and name.startswith(bare)]
    return started or difflib.get_close_matches(bare, commands, n=2, cutoff=0.6)


class LazyGroup(click.Group):
    """A group whose command families are imported only when used, so that each command starts
    without loading the libraries of the others (the vault's cryptography, docxtpl…)."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click's, with the lazy commands among the « Vouliez-vous dire … ? » suggestions."""
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            typed = exc.command_name
            message = f"La commande « {typed} » n'existe pas."
            commands = self.list_commands(ctx)
            close = closest_commands(typed, commands)
            if close:
                names = " ou ".join(f"« {ctx.command_path} {name} »" for name in close)
                message += f" Vouliez-vous dire {names} ?"
            else:
                message += f" Commandes : {', '.join(commands)}."
            raise click.exceptions.NoSuchCommand(typed, message, ctx=ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        starting_work()
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:  # outside stops_cleanly: nothing of docgen's published
            abort(interrupted_message(exc, writes_documents=False))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module_name, attribute = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attribute)
            if isinstance(command, click.Command):
                return command
        return super().get_command(ctx, cmd_name)


LAZY_COMMANDS = {
    "all": "docgen.cli.documents:all_documents",
    "convocations": "docgen.cli.documents:convocations",
    "init": "docgen.cli.init:init",
    "invitations": "docgen.cli.documents:invitations",
    "envois": "docgen.cli.documents:sending",
    "pdf": "docgen.cli.documents:pdf_command",
    "posters": "docgen.cli.documents:posters",
    "sheets": "docgen.cli.documents:sheets",
    "retroplanning": "docgen.cli.documents:retroplanning",
    "templates": "docgen.cli.templates:templates_group",
    "vault": "docgen.cli.vault:vault_group",
}


@click.group(
    name="docgen",
    cls=LazyGroup,
    lazy=LAZY_COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="docgen", message="%(prog)s %(version)s")
def main() -> None:
    """docgen prépare les sessions d'examen du titre professionnel.

    SESSION est un dossier de inputs/ contenant session.xlsx (par exemple inputs/exemple).
    Sans SESSION, chaque commande traite tous les dossiers de session de inputs/.

    Codes de sortie : 0 terminé sans erreur, 1 le classeur contient des erreurs,
    2 commande mal formée, 3 exécution interrompue (fichier illisible, modèle inutilisable…).
    """


@main.command()
@session_argument
@common_options
@format_option("text : rapport lisible ; json : un objet JSON pour les scripts.")
@click.option(
    "--annoter",
    "annotate",
    is_flag=True,
    help="Écrit aussi outputs/<session>/session-annote.xlsx : une copie du classeur où chaque "
    "cellule en cause est colorée (rouge : erreur, orange : avertissement) et commentée, avec "
    "une première feuille Constats qui mène à chacune. Le classeur lui-même n'est pas modifié.",
)
@stops_cleanly
def check(
    session: Path | None,
    as_of: date | None,
    out_dir: Path | None,
    quiet: bool,
    verbose: bool,
    output_format: str,
    annotate: bool,
) -> None:
    """Vérifie le classeur de session et signale chaque problème avec sa cellule."""
    from docgen.pipeline import annotate_workbook, check_session

    settings = build_settings(as_of, out_dir)
    reports: list[dict[str, Any]] = []

    def check_one(folder: Path) -> bool:
        checked = check_session(folder, settings)
        if output_format == "json":
            reports.append(findings_as_json(checked, settings))
        else:
            click.echo(findings_as_text(checked, settings, quiet=quiet, verbose=verbose))
        if annotate:
            written = annotate_workbook(checked, settings)
            if not quiet:
                click.echo(f"Classeur annoté : {written.as_posix()}", err=True)
        return checked.has_errors

    code = run_each(sessions_to_run(session, settings), check_one)
    if reports:
        echo_json(reports)
    sys.exit(code)


@main.command()
@session_argument
@common_options
@format_option("text : planning lisible par jour ; json : le plan complet pour les scripts.")
@stops_cleanly
def plan(
    session: Path | None,
    as_of: date | None,
    out_dir: Path | None,
    quiet: bool,
    verbose: bool,
    output_format: str,
) -> None:
    """Planifie la session (groupes, horaires, binômes de jury) et écrit planning.xlsx."""
    from docgen.pipeline import check_session, make_planning_workbook, writing_session
    from docgen.planning.report import plan_as_json, plan_as_text

    settings = build_settings(as_of, out_dir)
    payloads: list[dict[str, Any]] = []

    def plan_one(folder: Path) -> bool:
        with writing_session(folder, settings):
            return plan_locked(folder)

    def plan_locked(folder: Path) -> bool:
        checked = check_session(folder, settings)
        report = findings_as_text(checked, settings, quiet=quiet, verbose=verbose)
        if checked.plan is None:
            click.echo(report, err=True)
            return True
        written = make_planning_workbook(checked, settings)
        if output_format == "json":
            payloads.append(
                plan_as_json(
                    checked.plan, checked.data, checked.label, settings.arrival_margin_minutes
                )
            )
        else:
            click.echo(plan_as_text(checked.plan, checked.data))
            if checked.findings:
                click.echo(report)
            if not quiet:
                click.echo(written_summary(written), err=True)
        return checked.has_errors

    code = run_each(sessions_to_run(session, settings), plan_one)
    if payloads:
        echo_json(payloads)
    sys.exit(code)
