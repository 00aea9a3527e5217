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

from docgen.cli.terminal import Terminal, controlling_terminal
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
from docgen.vault.durable import NOFOLLOW
from docgen.vault.journal import head_prefix
from docgen.vault.keys import normalise_passphrase
from docgen.vault.names import printable
from docgen.vault.report import HeadError, VaultStatus, bad_head_message
from docgen.vault.sealing import check_sources
from docgen.vault.store import local_text, remaining_text
from docgen.vault.strength import MIN_BITS, strong_enough

F = TypeVar("F", bound=Callable[..., Any])
ERASE_WARNING = (
    "Attention : supprimer un fichier n'est pas un effacement sûr (disques SSD, sauvegardes, "
    "corbeille, copies dans la messagerie). Le chiffrement du disque protège la machine."
)


def clock() -> datetime:
    """The wall clock (tests replace it)."""
    return datetime.now(UTC)


def open_terminal() -> Terminal | None:
    """The controlling terminal (tests replace it)."""
    return controlling_terminal()


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


WEAK = (
    "est trop facile à deviner (force estimée sous {bits} bits : mots courants, suite de "
    "clavier, répétitions…). Prenez la phrase tirée au hasard que docgen propose, ou une phrase "
    "plus longue et moins prévisible, puis recommencez."
)


def _read_key_file(path: Path, *, new: bool = False, what: str = "Le fichier de clé") -> str:
    """The passphrase (or code) in a key file: BOM (Notepad) and trailing newline removed.

    `new`: a passphrase about to seal must be as strong as a typed one (≥ 60 bits).
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
    if new and not strong_enough(text):
        raise VaultError(f"La phrase du fichier de clé {path} " + WEAK.format(bits=MIN_BITS))
    return text


def _missing(what: str, instead: str = "--key-file FICHIER, une fois par gardien") -> VaultError:
    return VaultError(
        f"Il manque {what} et docgen n'a pas de terminal où la demander (les secrets ne "
        "passent jamais par l'entrée ou la sortie standard). Lancez la commande dans un "
        f"terminal ou donnez {instead}."
    )


def _new_passphrase(number: int, tty: Terminal) -> str:
    """One custodian alone at the screen: the phrase shown once, retyped, then wiped away."""
    proposal = generate_passphrase()
    tty.wipe()
    tty.ask(
        f"Gardien {number} : restez seul(e) devant l'écran, les autres personnes s'éloignent.\n"
        "Appuyez sur Entrée quand vous êtes prêt(e). ",
        hidden=True,
    )
    tty.show(
        f"\nGardien {number}, voici votre phrase secrète tirée au hasard, affichée une seule "
        f"fois :\n\n    {proposal}\n\nNotez-la sur papier et gardez-la sur vous.\n"
    )
    typed = tty.ask("Retapez la phrase notée (ou la vôtre, longue) : ", hidden=True)
    again = tty.ask("Retapez-la encore une fois : ", hidden=True)
    tty.wipe()
    if normalise_passphrase(typed) != normalise_passphrase(again):
        raise VaultError(
            f"Les deux saisies du gardien {number} diffèrent : rien n'a été scellé. Recommencez."
        )
    if " ".join(typed.split()) != proposal and not strong_enough(typed):
        raise VaultError(f"La phrase choisie par le gardien {number} " + WEAK.format(bits=MIN_BITS))
    tty.show(f"Écran effacé. Gardien {number} : c'est fait.\n")
    return typed


def _new_key_file(path: Path) -> int:
    """A new key file, private (0600), never over anything (not even a link): its descriptor."""
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600)
    except OSError as exc:
        raise VaultError(
            f"{path} ne peut pas être créé ({describe_os_error(exc)}) : docgen n'écrase rien. "
            "Choisissez un nouveau nom de fichier (par exemple sur la clé USB du gardien)."
        ) from exc


def _write_new_key_file(path: Path, secret: str) -> Path:
    """`secret` in a new private file, synced before anything is sealed with it."""
    fd = _new_key_file(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secret + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise VaultError(
            f"{path} n'a pas pu être écrit ({describe_os_error(exc)}) : rien n'a été scellé. "
            "Choisissez un autre emplacement, puis recommencez."
        ) from exc
    return path


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


def _seal_secrets(
    key_files: tuple[Path, ...], new_key_files: tuple[Path, ...], custodians: int
) -> tuple[tuple[str, ...], list[Path]]:
    """Each custodian's phrase: their key file, a new key file docgen fills, or the terminal.

    New key files are written (and synced) now, before anything is sealed with their phrase.
    """
    if len(key_files) + len(new_key_files) > custodians:
        raise _too_many_key_files(len(key_files) + len(new_key_files), custodians)
    secrets: list[str] = []
    for path in key_files:
        secrets.append(_read_key_file(path, new=True))
        _refuse_shared_phrase(secrets, key_files)
    created: list[Path] = []
    try:
        for path in new_key_files:
            secrets.append(generate_passphrase())
            created.append(_write_new_key_file(path, secrets[-1]))
    except BaseException:
        _drop_new_files(created)
        raise
    tty = None if len(secrets) == custodians else open_terminal()
    for number in range(len(secrets) + 1, custodians + 1):
        if tty is None:
            _drop_new_files(created)
            raise _missing(
                f"la phrase secrète du gardien {number}",
                "--key-file FICHIER (phrase choisie) ou --new-key-file FICHIER (phrase tirée au "
                "hasard, écrite dans ce nouveau fichier), une fois par gardien",
            )
        try:
            secrets.append(_new_passphrase(number, tty))
            _refuse_shared_phrase(secrets, key_files)
        except BaseException:
            _drop_new_files(created)
            raise
    return tuple(secrets), created


def _drop_new_files(created: list[Path]) -> None:
    """Secrets written for a seal that did not happen: they protect nothing, remove them."""
    for path in created:
        path.unlink(missing_ok=True)


def _asker(
    key_files: tuple[Path, ...], recovery: bool, recovery_file: Path | None
) -> Callable[[int], Secrets]:
    """Ask the secrets only when the vault calls back, i.e. once the time gate is passed."""

    def ask(custodians: int) -> Secrets:
        if recovery or recovery_file:
            if recovery_file:
                return Secrets(recovery=_read_key_file(recovery_file, what=RECOVERY_FILE))
            tty = open_terminal()
            if tty is None:
                raise _missing("le code de secours", "--recovery-file FICHIER")
            return Secrets(recovery=tty.ask("Code de secours : ", hidden=True))
        if len(key_files) > custodians:
            raise _too_many_key_files(len(key_files), custodians)
        secrets = [_read_key_file(path) for path in key_files]
        tty = None if len(secrets) == custodians else open_terminal()
        for number in range(len(secrets) + 1, custodians + 1):
            if tty is None:
                raise _missing(f"la phrase secrète du gardien {number}")
            secrets.append(tty.ask(f"Phrase secrète du gardien {number} : ", hidden=True))
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
    help="Avec --recovery : écrire le code de secours dans ce nouveau fichier (0600), sans "
    "l'afficher.",
)
@click.option(
    "--new-key-file",
    "new_key_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Tirer au hasard la phrase d'un gardien et l'écrire dans ce nouveau fichier (0600, sur "
    "sa clé USB par exemple), sans l'afficher ; une fois par gardien, après les --key-file.",
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
    new_key_files: tuple[Path, ...],
    replace: bool,
    accept_clock: bool,
    remove_source: bool | None,
    vault_root: Path,
) -> None:
    """Chiffre chaque PDF dans le coffre de SESSION, vérifie qu'il se relit, le note au journal."""
    if len(key_files) + len(new_key_files) > custodians:
        raise _too_many_key_files(len(key_files) + len(new_key_files), custodians)
    _check_session(session)
    _check_present(key_files, "Le fichier de clé")
    if custodians == 1:
        click.echo(
            "Attention : avec un seul gardien, une seule personne peut ouvrir les DTE.", err=True
        )
    if recovery_file is not None and not recovery:
        raise click.UsageError("--recovery-file va avec --recovery.")
    if recovery and recovery_file is None and open_terminal() is None:
        raise VaultError(
            "--recovery sans terminal : docgen n'affiche jamais un code de secours sur la "
            "sortie standard ou d'erreur (il finirait dans un journal ou un fichier). Lancez la "
            "commande dans un terminal, ou donnez --recovery-file FICHIER pour l'écrire dans un "
            "nouveau fichier."
        )
    opening = session_opening_of(session)
    check_sources(files)
    code = new_recovery_code() if recovery else None
    created = [_write_new_key_file(recovery_file, str(code))] if recovery_file else []
    try:
        secrets, phrase_files = _seal_secrets(key_files, new_key_files, custodians)
        created += phrase_files
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
    except BaseException:
        _drop_new_files(created)
        raise
    for number, path in enumerate(phrase_files, start=len(key_files) + 1):
        click.echo(f"Phrase du gardien {number} écrite dans {path} (seul ce fichier la contient).")
    for item in sealed:
        record = item.record
        what = (
            f"{printable(record.name)} ({record.role}, {item.pages} page(s), génération "
            f"{record.generation})"
        )
        if item.new:
            click.echo(f"Scellé : {what} — ouverture le {local_text(record.opening, opening)}.")
        else:
            click.echo(f"Déjà scellé avec ce contenu : {what} — rien n'a été fait.")
    _print_fingerprint(vault_root / _session_name(session))
    covered = [printable(item.record.name) for item in sealed if item.new]
    if code and covered:
        _hand_over_recovery(code, recovery_file, covered)
    elif recovery_file is not None:
        _drop_new_files([recovery_file])  # the code opens nothing
    if code and not covered:
        click.echo("Rien de nouveau n'a été scellé : aucun code de secours n'a été créé.", err=True)
    _offer_removal(files, remove_source)


def grouped(fingerprint: str) -> str:
    return "-".join(fingerprint[i : i + 4] for i in range(0, len(fingerprint), 4))


def _print_fingerprint(directory: Path) -> None:
    status = vault_status(directory, directory.name)
    click.echo(
        "Empreinte du journal à recopier au PV d'ouverture des plis : "
        f"{grouped(status.fingerprint)} (entrée n° {status.entries}). Le jour J, « docgen vault "
        "open » la demande : elle prouve que le journal n'a pas été remis en arrière."
    )


def _hand_over_recovery(code: str, recovery_file: Path | None, covered: list[str]) -> None:
    """Show the recovery code on the terminal only, to its holder alone, or write its file."""
    scope = (
        f"Ce code de secours ouvre, sans les phrases des gardiens, les DTE scellés par cette "
        f"commande ({', '.join(covered)}), et eux seuls : un DTE scellé par une autre "
        "commande a son propre code, ou aucun. Il permet de lire, pas de fabriquer : un DTE "
        "modifié avec lui est refusé à l'ouverture par les gardiens."
    )
    if recovery_file is not None:  # written before sealing
        click.echo(
            f"{scope}\nCode de secours écrit dans {recovery_file} : imprimez-le avec le nom des "
            "DTE qu'il ouvre, rangez-le à part, puis supprimez ce fichier.",
            err=True,
        )
        return
    tty = open_terminal()
    if tty is None:  # checked before sealing; the terminal went away since
        raise VaultError(
            "Le terminal a disparu : le code de secours ne peut pas être montré. Les DTE sont "
            "scellés et s'ouvrent avec les phrases des gardiens ; scellez-les à nouveau avec "
            "--replace --recovery pour avoir un code."
        )
    tty.wipe()
    tty.ask(
        "Détenteur du code de secours : restez seul(e) devant l'écran. Appuyez sur Entrée. ",
        hidden=True,
    )
    tty.show(f"\n{scope}\n\nCode de secours (affiché une seule fois) :\n\n    {code}\n\n")
    tty.ask(
        "Recopiez-le sur papier avec le nom des DTE qu'il ouvre, puis appuyez sur Entrée. ",
        hidden=True,
    )
    tty.wipe()
    click.echo("Code de secours remis (écran effacé). Son usage sera noté au journal.", err=True)


def _offer_removal(files: tuple[Path, ...], remove: bool | None) -> None:
    click.echo(ERASE_WARNING, err=True)
    if remove is None:
        tty = open_terminal()
        answer = tty.ask("Supprimer les fichiers d'origine ? [o/N] ", hidden=False) if tty else ""
        remove = answer.strip().lower() in ("o", "oui", "y", "yes")
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
        shown[-1]["journal_fingerprint"] = status.fingerprint
        shown[-1]["journal_entries"] = status.entries
        shown[-1]["interrupted_opening"] = status.interrupted
        if output == "text":
            _print_status(name, directory, status, at)
    if output == "json":
        click.echo(json.dumps({"vaults": shown}, ensure_ascii=False, indent=2))
    elif not shown:
        click.echo(f"Aucun coffre dans {vault_root}.")


def _print_status(name: str, directory: Path, status: VaultStatus, at: datetime) -> None:
    click.echo(f"Coffre de la session « {name} » ({directory})")
    for entry in status.files:
        record = entry.record
        wait = "ouvrable" if record.opening <= at else f"dans {remaining_text(record.opening - at)}"
        click.echo(
            f"  {record.role:<8} {printable(record.name)} — au plus {record.size / 1024:.0f} Ko, "
            f"scellé le {local_text(record.sealed_at, record.opening)}, ouverture le "
            f"{local_text(record.opening, record.opening)} ({wait}), {entry.integrity}"
            + (", déjà ouvert" if entry.opened else "")
        )
    if status.interrupted:
        click.echo(f"  Attention : {printable(status.interrupted)}")
    state = "intact" if status.journal_ok else "ABÎMÉ : lancez « docgen vault verify »"
    click.echo(
        f"  Journal {state} ; empreinte de tête : {grouped(status.fingerprint)} "
        f"(entrée n° {status.entries}) ; tête complète : {status.head}"
    )


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
@click.option(
    "--tete",
    "head",
    callback=lambda c, p, v: _head_option(c, p, v),
    help="Empreinte du journal notée au PV au scellement (16 caractères, tirets permis) ; "
    "demandée sur le terminal si absente.",
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
    head: str | None,
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
        vault_root / name,
        name,
        opening,
        target,
        ask,
        now=clock,
        accept_clock=accept_clock,
        expected_head=head or _ask_head,
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


def _ask_head() -> str:
    """The fingerprint noted on the PV, typed on the terminal (it is not a secret)."""
    tty = open_terminal()
    if tty is None:
        raise VaultError(
            "Il manque l'empreinte du journal notée au PV d'ouverture des plis : donnez-la avec "
            "--tete EMPREINTE (par exemple --tete 3f9c-0a7e-1b2d-4c55). Elle prouve que le "
            "journal n'a pas été remis en arrière depuis le scellement."
        )
    typed = tty.ask("Empreinte du journal notée au PV (16 caractères) : ", hidden=False)
    if head_prefix(typed) is None:
        raise VaultError(bad_head_message(typed))
    return typed


def _head_option(_context: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Refuse, as a usage error, a --head that cannot be the start of an entry's hash."""
    if value is not None and head_prefix(value) is None:
        raise click.BadParameter(bad_head_message(value))
    return value


@vault_group.command("verify")
@click.argument("session", required=False, type=click.Path(path_type=Path))
@click.option(
    "--tete",
    "--head",
    "head",
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
