"""`docgen vault`: seal, status, open and verify the DTE files; the only place that prompts."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from docgen.errors import DocgenError, VaultError, describe_os_error
from docgen.vault import (
    Secrets,
    generate_passphrase,
    new_recovery_code,
    open_vault,
    seal_files,
    vault_status,
    verify_vault,
)
from docgen.vault.journal import head_prefix
from docgen.vault.keys import normalise_passphrase
from docgen.vault.names import printable
from docgen.vault.report import HeadError, bad_head_message
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


MIN_PASSPHRASE = 20  # characters, or six words (a generated phrase)


def _long_enough(text: str) -> bool:
    return len(" ".join(text.split())) >= MIN_PASSPHRASE or len(text.split()) >= 6


def _read_key_file(path: Path, *, new: bool = False, what: str = "Le fichier de clé") -> str:
    """The passphrase (or code) in a key file: BOM (Notepad) and trailing newline removed.

    `new`: a passphrase about to seal must be as long as a typed one.
    """
    try:
        text = path.read_text(encoding="utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise VaultError(
            f"{what} {path} n'est pas un texte UTF-8. Enregistrez-le en texte UTF-8 (Bloc-notes : "
            "Enregistrer sous, Encodage UTF-8), puis recommencez."
        ) from exc
    except OSError as exc:
        raise VaultError(
            f"{what} {path} ne peut pas être lu : {describe_os_error(exc)}. Vérifiez le chemin, "
            "puis recommencez."
        ) from exc
    if not text.strip():
        raise VaultError(f"{what} {path} est vide : il doit contenir le secret.")
    if new and not _long_enough(text):
        raise VaultError(
            f"La phrase du fichier de clé {path} est trop courte (moins de {MIN_PASSPHRASE} "
            "caractères et moins de 6 mots). Mettez-y une phrase plus longue, puis recommencez."
        )
    return text


def _missing(what: str, instead: str = "--key-file FICHIER, une fois par gardien") -> VaultError:
    return VaultError(
        f"Il manque {what} et l'entrée standard n'est pas un terminal : rien ne peut être "
        f"demandé. Lancez la commande dans un terminal ou donnez {instead}."
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
    if " ".join(typed.split()) != proposal and not _long_enough(typed):
        raise VaultError(
            f"La phrase du gardien {number} est trop courte (moins de {MIN_PASSPHRASE} "
            "caractères). "
            "Reprenez la phrase proposée, puis recommencez."
        )
    return typed


def _too_many_key_files(count: int, custodians: int) -> click.UsageError:
    return click.UsageError(
        f"{count} fichiers de clé (--key-file) donnés pour {custodians} gardien(s) : donnez-en "
        "un seul par gardien, dans l'ordre (gardien 1 puis gardien 2), puis recommencez."
    )


def _refuse_shared_phrase(secrets: list[str], key_files: tuple[Path, ...]) -> None:
    """The last phrase must differ from the others, or one person alone could open the DTE."""
    number = len(secrets)
    for earlier in range(1, number):
        if normalise_passphrase(secrets[earlier - 1]) != normalise_passphrase(secrets[-1]):
            continue
        where = (
            f" (fichiers de clé {key_files[earlier - 1]} et {key_files[number - 1]})"
            if number <= len(key_files)
            else ""
        )
        raise VaultError(
            f"Les gardiens {earlier} et {number} ont donné la même phrase secrète{where} : une "
            "seule personne pourrait alors ouvrir les DTE. Rien n'a été scellé. Chaque gardien "
            "doit avoir sa propre phrase ; recommencez."
        )


def _seal_secrets(key_files: tuple[Path, ...], custodians: int) -> tuple[str, ...]:
    if len(key_files) > custodians:
        raise _too_many_key_files(len(key_files), custodians)
    secrets: list[str] = []
    for path in key_files:
        secrets.append(_read_key_file(path, new=True))
        _refuse_shared_phrase(secrets, key_files)
    for number in range(len(secrets) + 1, custodians + 1):
        if not stdin_is_terminal():
            raise _missing(f"la phrase secrète du gardien {number}")
        secrets.append(_new_passphrase(number))
        _refuse_shared_phrase(secrets, key_files)
    return tuple(secrets)


def _asker(
    key_files: tuple[Path, ...], recovery: bool, recovery_file: Path | None
) -> Callable[[int], Secrets]:
    """Ask the secrets only when the vault calls back, i.e. once the time gate is passed."""

    def ask(custodians: int) -> Secrets:
        if recovery or recovery_file:
            if recovery_file:
                return Secrets(recovery=_read_key_file(recovery_file, what=RECOVERY_FILE))
            if not stdin_is_terminal():
                raise _missing("le code de secours", "--recovery-file FICHIER")
            code: str = click.prompt("Code de secours", hide_input=True, err=True)
            return Secrets(recovery=code)
        if len(key_files) > custodians:
            raise _too_many_key_files(len(key_files), custodians)
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


RECOVERY_FILE = "Le fichier du code de secours"


def _check_session(session: Path) -> None:
    """A missing session folder is a refusal (exit 3) with a French message, as elsewhere."""
    if not session.is_dir():
        state = "n'est pas un dossier" if session.exists() else "est introuvable"
        raise VaultError(
            f"Le dossier de session {session} {state}. Vérifiez le chemin (par exemple "
            "inputs/exemple), puis recommencez."
        )


def _check_present(paths: tuple[Path, ...], what: str) -> None:
    """Key files named on the command line must exist before anything is done."""
    for path in paths:
        if not path.is_file():
            state = "est un dossier" if path.is_dir() else "est introuvable"
            raise VaultError(f"{what} {path} {state}. Vérifiez le chemin, puis recommencez.")


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
    type=click.Path(path_type=Path),
    help="Fichier contenant la phrase secrète d'un gardien ; une fois par gardien, dans l'ordre.",
)


@click.group("vault")
def vault_group() -> None:
    """Coffre des DTE jury et candidat : scellés jusqu'à l'ouverture de la session."""


@vault_group.command("seal")
@click.argument("session", type=click.Path(path_type=Path))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
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
    help="Afficher une fois (sur le terminal) un code de secours propre à cette commande : il "
    "ouvre sans les phrases les DTE qu'elle scelle, pas ceux d'une autre commande. Gardez "
    "chaque code.",
)
@click.option(
    "--recovery-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Avec --recovery : écrire le code de secours dans ce nouveau fichier (sans terminal).",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Remplacer un DTE déjà scellé sous ce nom (l'ancienne version reste dans le coffre).",
)
@click.option(
    "--accept-clock",
    is_flag=True,
    help="Les gardiens confirment l'horloge quand le journal a une entrée datée dans le futur.",
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
    recovery_file: Path | None,
    replace: bool,
    accept_clock: bool,
    remove_source: bool | None,
    vault_root: Path,
) -> None:
    """Chiffre chaque PDF dans le coffre de SESSION, vérifie qu'il se relit, le note au journal."""
    if len(key_files) > custodians:
        raise _too_many_key_files(len(key_files), custodians)
    _check_session(session)
    _check_present(key_files, "Le fichier de clé")
    if custodians == 1:
        click.echo(
            "Attention : avec un seul gardien, une seule personne peut ouvrir les DTE.", err=True
        )
    if recovery_file is not None and not recovery:
        raise click.UsageError("--recovery-file va avec --recovery.")
    if recovery and recovery_file is None and not stdin_is_terminal():
        raise VaultError(
            "--recovery sans terminal : le code de secours finirait dans un journal ou un "
            "fichier de sortie. Lancez la commande dans un terminal, ou donnez --recovery-file "
            "FICHIER pour l'écrire dans un nouveau fichier."
        )
    if recovery_file is not None and recovery_file.exists():
        raise VaultError(
            f"{recovery_file} existe déjà : docgen n'écrase rien. Choisissez un autre nom."
        )
    opening = session_opening_of(session)
    check_sources(files)
    secrets = _seal_secrets(key_files, custodians)
    code = new_recovery_code() if recovery else None
    name = _session_name(session)
    sealed = seal_files(
        vault_root / name,
        name,
        list(files),
        role,
        opening,
        Secrets(secrets, code),
        now=clock,
        replace=replace,
        accept_clock=accept_clock,
    )
    for item in sealed:
        record = item.record
        what = (
            f"{printable(record.name)} ({record.role}, {record.pages} page(s), génération "
            f"{record.generation})"
        )
        if item.new:
            click.echo(f"Scellé : {what} — ouverture le {local_text(record.opening, opening)}.")
        else:
            click.echo(f"Déjà scellé avec ce contenu : {what} — rien n'a été fait.")
    covered = [printable(item.record.name) for item in sealed if item.new]
    if code and covered:
        _hand_over_recovery(code, recovery_file, covered)
    elif code:
        click.echo("Rien de nouveau n'a été scellé : aucun code de secours n'a été créé.", err=True)
    _offer_removal(files, remove_source)


def _hand_over_recovery(code: str, recovery_file: Path | None, covered: list[str]) -> None:
    """Show the recovery code on the terminal (stderr), or write it to a new private file."""
    scope = (
        f"Ce code de secours ouvre, sans les phrases des gardiens, les DTE scellés par cette "
        f"commande ({', '.join(covered)}), et eux seuls : un DTE scellé par une autre "
        "commande a son propre code, ou aucun. Gardez chaque code."
    )
    if recovery_file is None:
        click.echo(
            f"\n{scope}\nCode de secours (affiché une seule fois) :\n  {code}\n"
            "Recopiez-le sur papier avec le nom des DTE qu'il ouvre et rangez-le à part. Son "
            "usage sera noté au journal.",
            err=True,
        )
        return
    try:
        fd = os.open(recovery_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(code + "\n")
    except OSError as exc:
        raise VaultError(
            f"Le code de secours n'a pas pu être écrit dans {recovery_file} "
            f"({describe_os_error(exc)}). "
            f"Le voici, recopiez-le sur papier maintenant : {code}"
        ) from exc
    click.echo(
        f"{scope}\nCode de secours écrit dans {recovery_file} : imprimez-le avec le nom des "
        "DTE qu'il ouvre, rangez-le à part, puis supprimez ce fichier.",
        err=True,
    )


def _offer_removal(files: tuple[Path, ...], remove: bool | None) -> None:
    click.echo(ERASE_WARNING, err=True)
    if remove is None:
        remove = stdin_is_terminal() and click.confirm(
            "Supprimer les fichiers d'origine ?", default=False, err=True
        )
    if remove:
        for path in files:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise VaultError(
                    f"Les DTE sont scellés, mais {path} n'a pas pu être supprimé "
                    f"({describe_os_error(exc)}) : supprimez-le vous-même (il n'est plus "
                    "nécessaire)."
                ) from exc
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
            f"  {record.role:<8} {printable(record.name)} — {record.size / 1024:.0f} Ko, "
            f"{record.pages} page(s), scellé le {local_text(record.sealed_at, record.opening)}, "
            "ouverture le "
            f"{local_text(record.opening, record.opening)} ({wait}), {entry.integrity}"
            + (", déjà ouvert" if entry.opened else "")
        )
    state = "intact" if intact else "ABÎMÉ : lancez « docgen vault verify »"
    click.echo(f"  Journal {state} ; tête : {head}")


@vault_group.command("open")
@click.argument("session", type=click.Path(path_type=Path))
@KEY_FILE_OPTION
@click.option(
    "--recovery",
    is_flag=True,
    help="Ouvrir avec un code de secours (demandé) : il n'ouvre que les DTE scellés par la "
    "commande « seal --recovery » qui l'a donné.",
)
@click.option(
    "--recovery-file",
    type=click.Path(path_type=Path),
    help="Fichier contenant le code de secours.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Dossier de sortie (défaut : outputs/<session>/dte/).",
)
@click.option(
    "--accept-clock",
    is_flag=True,
    help="Les gardiens confirment l'horloge quand le journal a une entrée datée dans le futur.",
)
@VAULT_OPTION
@refusals_exit_3
def open_command(
    session: Path,
    key_files: tuple[Path, ...],
    recovery: bool,
    recovery_file: Path | None,
    out_dir: Path | None,
    accept_clock: bool,
    vault_root: Path,
) -> None:
    """Après l'heure d'ouverture, déchiffre les DTE avec les phrases des gardiens."""
    _check_session(session)
    if key_files and (recovery or recovery_file):
        raise click.UsageError(
            "--key-file (phrases des gardiens) et --recovery (code de secours) s'excluent : "
            "choisissez l'un ou l'autre."
        )
    if len(key_files) > 2:
        raise _too_many_key_files(len(key_files), 2)
    _check_present(key_files, "Le fichier de clé")
    _check_present((recovery_file,) if recovery_file else (), RECOVERY_FILE)
    name = _session_name(session)
    opening = session_opening_of(session)
    target = out_dir or Path("outputs") / name / "dte"
    ask = _asker(key_files, recovery, recovery_file)
    report = open_vault(
        vault_root / name, name, opening, target, ask, now=clock, accept_clock=accept_clock
    )
    for opened in report.opened:
        copy = opened.print_copy.name if opened.print_copy else "aucune"
        click.echo(f"Ouvert : {opened.original}  (copie d'impression : {copy})")
    for warning in report.warnings:
        click.echo(f"Attention : {warning}", err=True)
    for refusal in report.refused:
        click.echo(f"Non ouvert : {refusal.message}", err=True)
    if report.refused:
        raise VaultError(
            f"{len(report.refused)} DTE n'ont pas été ouverts (raisons ci-dessus, notées au "
            "journal). Lancez « docgen vault verify » et, si un DTE est perdu, redemandez le pli "
            "à l'AFPA."
        )


def _head_option(_context: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Refuse, as a usage error, a --head that cannot be the start of an entry's hash."""
    if value is not None and head_prefix(value) is None:
        raise click.BadParameter(bad_head_message(value))
    return value


@vault_group.command("verify")
@click.argument("session", required=False, type=click.Path(path_type=Path))
@click.option(
    "--head",
    callback=_head_option,
    help="Tête du journal notée ailleurs (PV, registre) à comparer : entière ou ses 8 premiers "
    "caractères au moins. Avec SESSION.",
)
@VAULT_OPTION
@refusals_exit_3
def verify_command(session: Path | None, head: str | None, vault_root: Path) -> None:
    """Parcourt la chaîne du journal et chaque fichier ; nomme l'entrée ou le fichier abîmé."""
    if head is not None and session is None:
        raise click.UsageError("--head va avec SESSION : la tête notée est celle d'un coffre.")
    broken = False
    sessions = _sessions(vault_root, session)
    if not sessions:
        raise VaultError(f"Aucun coffre à vérifier dans {vault_root}.")
    for name, directory in sessions:
        if not directory.is_dir():
            raise VaultError(f"Aucun coffre pour la session « {name} » ({directory}).")
        try:
            found = verify_vault(directory, head, now=clock)
        except HeadError as exc:
            raise click.BadParameter(exc.message, param_hint="'--head'") from exc
        if found.problems:
            broken = True
            click.echo(f"Coffre « {name} » : {len(found.problems)} problème(s)")
            for problem in found.problems:
                click.echo(f"  - {problem}")
        else:
            click.echo(f"Coffre « {name} » : intact.")
        for note in found.notes:
            click.echo(f"  · {note}")
    if broken:
        raise VaultError(
            "Le coffre n'est pas intact : ne l'ouvrez pas, signalez-le au responsable de session "
            "et, si un DTE est perdu, redemandez le pli à l'AFPA."
        )
