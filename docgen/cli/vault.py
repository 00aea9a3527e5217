"""`docgen vault`: seal, status, open and verify the DTE files; the only place that prompts."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from docgen.errors import DocgenError, VaultError
from docgen.vault import (
    Secrets,
    generate_passphrase,
    new_recovery_code,
    open_vault,
    seal_files,
    vault_status,
    verify_vault,
)
from docgen.vault.store import check_sources, local_text, remaining_text

F = TypeVar("F", bound=Callable[..., Any])
ERASE_WARNING = (
    "Attention : supprimer un fichier n'est pas un effacement sûr (disques SSD, sauvegardes, "
    "corbeille, copies dans la messagerie). Le chiffrement du disque protège la machine."
)


def clock() -> datetime:
    """The wall clock (tests replace it)."""
    return datetime.now(UTC)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def session_opening_of(session_folder: Path) -> datetime:
    """`Date de début` + `Heure d'ouverture` of the session workbook, in the site's zone."""
    from docgen.pipeline import session_opening  # the pipeline loads the workbook lazily

    return session_opening(session_folder)


def refusals_exit_3(command: F) -> F:
    """Print a refusal's French message and exit 3, so the vault never shows a traceback."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DocgenError as exc:
            click.echo(exc.message, err=True)
            sys.exit(3)

    return run  # type: ignore[return-value]  # functools.wraps keeps the signature click reads


def _session_name(session: Path) -> str:
    return session.resolve().name


def _read_key_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise VaultError(f"Le fichier de clé {path} est illisible ({exc}).") from exc
    if not text.strip():
        raise VaultError(f"Le fichier de clé {path} est vide : il doit contenir la phrase secrète.")
    return text


def _missing(what: str) -> VaultError:
    return VaultError(
        f"Il manque {what} et l'entrée standard n'est pas un terminal : rien ne peut être "
        "demandé. Lancez la commande dans un terminal ou donnez --key-file, une fois par gardien."
    )


def _new_passphrase(number: int) -> str:
    proposal = generate_passphrase()
    click.echo(
        f"\nGardien {number} : voici une phrase secrète tirée au hasard, affichée une seule fois."
        f"\n  Notez-la sur papier et gardez-la sur vous :  {proposal}\n",
        err=True,
    )
    typed: str = click.prompt(
        f"Gardien {number}, retapez la phrase notée (ou la vôtre, longue)",
        hide_input=True,
        confirmation_prompt="Retapez-la encore une fois",
        err=True,
    )
    if " ".join(typed.split()) != proposal and len(typed) < 20:
        raise VaultError(
            f"La phrase du gardien {number} est trop courte (moins de 20 caractères). "
            "Reprenez la phrase proposée, puis recommencez."
        )
    return typed


def _seal_secrets(key_files: tuple[Path, ...], custodians: int) -> tuple[str, ...]:
    if len(key_files) > custodians:
        raise click.UsageError(f"{len(key_files)} --key-file pour {custodians} gardien(s).")
    secrets = [_read_key_file(path) for path in key_files]
    for number in range(len(secrets) + 1, custodians + 1):
        if not stdin_is_terminal():
            raise _missing(f"la phrase secrète du gardien {number}")
        secrets.append(_new_passphrase(number))
    return tuple(secrets)


def _asker(
    key_files: tuple[Path, ...], recovery: bool, recovery_file: Path | None
) -> Callable[[int], Secrets]:
    """Ask the secrets only when the vault calls back, i.e. once the time gate is passed."""

    def ask(custodians: int) -> Secrets:
        if recovery or recovery_file:
            if recovery_file:
                return Secrets(recovery=_read_key_file(recovery_file))
            if not stdin_is_terminal():
                raise _missing("le code de secours")
            code: str = click.prompt("Code de secours", hide_input=True, err=True)
            return Secrets(recovery=code)
        secrets = [_read_key_file(path) for path in key_files]
        for number in range(len(secrets) + 1, custodians + 1):
            if not stdin_is_terminal():
                raise _missing(f"la phrase secrète du gardien {number}")
            text: str = click.prompt(
                f"Phrase secrète du gardien {number}", hide_input=True, err=True
            )
            secrets.append(text)
        return Secrets(tuple(secrets))

    return ask


VAULT_OPTION = click.option(
    "--vault",
    "vault_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("vault"),
    show_default=True,
    help="Dossier des coffres (un sous-dossier par session).",
)
KEY_FILE_OPTION = click.option(
    "--key-file",
    "key_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Fichier contenant la phrase secrète d'un gardien ; une fois par gardien, dans l'ordre.",
)


@click.group("vault")
def vault_group() -> None:
    """Coffre des DTE jury et candidat : scellés jusqu'à l'ouverture de la session."""


@vault_group.command("seal")
@click.argument("session", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--role",
    type=click.Choice(["jury", "candidat"]),
    required=True,
    help="DTE jury ou DTE candidat.",
)
@KEY_FILE_OPTION
@click.option(
    "--custodians",
    type=click.IntRange(1, 2),
    default=2,
    show_default=True,
    help="Nombre de gardiens dont les phrases sont toutes nécessaires à l'ouverture.",
)
@click.option(
    "--recovery",
    is_flag=True,
    help="Afficher une fois un code de secours qui ouvre seul le coffre.",
)
@click.option(
    "--remove-source/--keep-source",
    default=None,
    help="Supprimer (ou garder) les fichiers d'origine après scellement ; sinon, question posée.",
)
@VAULT_OPTION
@refusals_exit_3
def seal_command(
    session: Path,
    files: tuple[Path, ...],
    role: str,
    key_files: tuple[Path, ...],
    custodians: int,
    recovery: bool,
    remove_source: bool | None,
    vault_root: Path,
) -> None:
    """Chiffre chaque PDF dans le coffre de SESSION, vérifie qu'il se relit, le note au journal."""
    if custodians == 1:
        click.echo(
            "Attention : avec un seul gardien, une seule personne peut ouvrir les DTE.", err=True
        )
    opening = session_opening_of(session)
    check_sources(files)
    secrets = _seal_secrets(key_files, custodians)
    code = new_recovery_code() if recovery else None
    name = _session_name(session)
    records = seal_files(
        vault_root / name, name, list(files), role, opening, Secrets(secrets, code), now=clock
    )
    for record in records:
        click.echo(
            f"Scellé : {record.name} ({record.role}, {record.pages} page(s), génération "
            f"{record.generation}) — ouverture le {local_text(record.opening, opening)}."
        )
    if code:
        click.echo(
            f"\nCode de secours (affiché une seule fois ; il ouvre seul le coffre) : {code}\n"
            "Recopiez-le sur papier et rangez-le à part. Son usage sera noté au journal."
        )
    _offer_removal(files, remove_source)


def _offer_removal(files: tuple[Path, ...], remove: bool | None) -> None:
    click.echo(ERASE_WARNING, err=True)
    if remove is None:
        remove = stdin_is_terminal() and click.confirm(
            "Supprimer les fichiers d'origine ?", default=False, err=True
        )
    if remove:
        for path in files:
            path.unlink(missing_ok=True)
            click.echo(f"Supprimé : {path}")


def _sessions(vault_root: Path, session: Path | None) -> list[tuple[str, Path]]:
    if session is not None:
        name = _session_name(session)
        return [(name, vault_root / name)]
    if not vault_root.is_dir():
        return []
    return [(p.name, p) for p in sorted(vault_root.iterdir()) if (p / "journal.jsonl").is_file()]


@vault_group.command("status")
@click.argument("session", required=False, type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@VAULT_OPTION
@refusals_exit_3
def status_command(session: Path | None, output: str, vault_root: Path) -> None:
    """Chaque fichier scellé : rôle, nom, taille, pages, dates, intégrité ; la tête du journal."""
    at = clock()
    shown = []
    for name, directory in _sessions(vault_root, session):
        if not directory.is_dir():
            raise VaultError(
                f"Aucun coffre pour la session « {name} » ({directory}) : rien n'est scellé."
            )
        status = vault_status(directory, name)
        shown.append(
            {
                "session": name,
                "vault": str(directory),
                "journal_head": status.head,
                "journal_intact": status.journal_ok,
                "files": [entry.to_json(at) for entry in status.files],
            }
        )
        if output == "text":
            _print_status(name, directory, status.head, status.journal_ok, status.files, at)
    if output == "json":
        click.echo(json.dumps({"vaults": shown}, ensure_ascii=False, indent=2))
    elif not shown:
        click.echo(f"Aucun coffre dans {vault_root}.")


def _print_status(
    name: str, directory: Path, head: str, intact: bool, files: Any, at: datetime
) -> None:
    click.echo(f"Coffre de la session « {name} » ({directory})")
    for entry in files:
        record = entry.record
        wait = "ouvrable" if record.opening <= at else f"dans {remaining_text(record.opening - at)}"
        click.echo(
            f"  {record.role:<8} {record.name} — {record.size / 1024:.0f} Ko, {record.pages} "
            f"page(s), scellé le {local_text(record.sealed_at, record.opening)}, ouverture le "
            f"{local_text(record.opening, record.opening)} ({wait}), {entry.integrity}"
            + (", déjà ouvert" if entry.opened else "")
        )
    state = "intact" if intact else "ABÎMÉ : lancez « docgen vault verify »"
    click.echo(f"  Journal {state} ; tête : {head}")


@vault_group.command("open")
@click.argument("session", type=click.Path(exists=True, file_okay=False, path_type=Path))
@KEY_FILE_OPTION
@click.option("--recovery", is_flag=True, help="Ouvrir avec le code de secours (demandé).")
@click.option(
    "--recovery-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Fichier contenant le code de secours.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Dossier de sortie (défaut : outputs/<session>/dte/).",
)
@VAULT_OPTION
@refusals_exit_3
def open_command(
    session: Path,
    key_files: tuple[Path, ...],
    recovery: bool,
    recovery_file: Path | None,
    out_dir: Path | None,
    vault_root: Path,
) -> None:
    """Après l'heure d'ouverture, déchiffre les DTE avec les phrases des gardiens."""
    name = _session_name(session)
    opening = session_opening_of(session)
    target = out_dir or Path("outputs") / name / "dte"
    ask = _asker(key_files, recovery, recovery_file)
    for opened in open_vault(vault_root / name, name, opening, target, ask, now=clock):
        click.echo(f"Ouvert : {opened.original}  (copie d'impression : {opened.print_copy.name})")


@vault_group.command("verify")
@click.argument("session", required=False, type=click.Path(path_type=Path))
@click.option("--head", help="Tête du journal notée ailleurs (PV, registre) à comparer.")
@VAULT_OPTION
@refusals_exit_3
def verify_command(session: Path | None, head: str | None, vault_root: Path) -> None:
    """Parcourt la chaîne du journal et chaque fichier ; nomme l'entrée ou le fichier abîmé."""
    broken = False
    sessions = _sessions(vault_root, session)
    if not sessions:
        raise VaultError(f"Aucun coffre à vérifier dans {vault_root}.")
    for name, directory in sessions:
        if not directory.is_dir():
            raise VaultError(f"Aucun coffre pour la session « {name} » ({directory}).")
        problems = verify_vault(directory, head)
        if problems:
            broken = True
            click.echo(f"Coffre « {name} » : {len(problems)} problème(s)")
            for problem in problems:
                click.echo(f"  - {problem}")
        else:
            click.echo(f"Coffre « {name} » : intact.")
    if broken:
        raise VaultError(
            "Le coffre n'est pas intact : ne l'ouvrez pas, signalez-le au responsable de session "
            "et, si un DTE est perdu, redemandez le pli à l'AFPA."
        )
