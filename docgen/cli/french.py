"""Click's own messages (usage, errors, --help) in French, for the office staff who read them.

Click marks its texts for gettext but ships no French catalogue, and a user's locale is not ours
to change. Each click module binds `_` and `ngettext` when it is imported; pointing those names at
the table below translates what docgen's users see, and leaves any text not listed as it was.
"""

from __future__ import annotations

import gettext
from types import ModuleType

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

MESSAGES = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "Show this message and exit.": "Affiche cette aide et s'arrête.",
    "Show the version and exit.": "Affiche la version et s'arrête.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Aide : « {command} {option} ».",
    "No such option {name!r}.": "L'option {name!r} n'existe pas.",
    "No such command {name!r}.": "La commande {name!r} n'existe pas.",
    "Missing command.": "Il manque la commande.",
    "Missing argument": "Il manque un argument",
    "Missing option": "Il manque une option",
    "Missing parameter": "Il manque un paramètre",
    "Missing parameter: {param_name}": "Il manque le paramètre {param_name}",
    "Missing {param_type}": "Il manque {param_type}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Aborted!": "Interrompu.",
    "default: {default}": "défaut : {default}",
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} n'existe pas.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} n'est pas lisible.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} n'est pas modifiable.",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "required": "obligatoire",
    "env var: {var}": "variable d'environnement : {var}",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Repeat for confirmation": "Retapez pour confirmer",
    "Error: The two entered values do not match.": "Erreur : les deux saisies diffèrent.",
    "Do you want to continue?": "Voulez-vous continuer ?",
}

PLURAL_MESSAGES = {
    "Got unexpected extra argument ({args})": (
        "Argument en trop : {args}",
        "Arguments en trop : {args}",
    ),
    "Option {name!r} requires an argument.": (
        "L'option {name!r} attend une valeur.",
        "L'option {name!r} attend {nargs} valeurs.",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} n'est pas {choice}.",
        "{value!r} n'est pas l'une des valeurs {choices}.",
    ),
    "Did you mean {possibility}?": (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire l'une de : {possibilities} ?)",
    ),
}

CLICK_MODULES: tuple[ModuleType, ...] = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.types,
)


def french(message: str) -> str:
    """The French text of one of click's messages, or the message itself."""
    return MESSAGES.get(message, gettext.gettext(message))


def french_plural(singular: str, plural: str, count: int) -> str:
    """The French singular or plural of one of click's counted messages."""
    if singular in PLURAL_MESSAGES:
        one, many = PLURAL_MESSAGES[singular]
        return one if count == 1 else many
    return gettext.ngettext(singular, plural, count)


def speak_french() -> None:
    """Make click write its usage lines, errors and --help texts in French."""
    # The placeholders of numeric options (`INTEGER RANGE`) come from these type names.
    click.types.IntParamType.name = "nombre"
    click.types.IntRange.name = "nombre"
    click.types.FloatParamType.name = "nombre"
    for module in CLICK_MODULES:
        if hasattr(module, "_"):
            module._ = french  # type: ignore[attr-defined]  # click's gettext alias
        if hasattr(module, "ngettext"):
            module.ngettext = french_plural  # type: ignore[attr-defined]  # likewise
