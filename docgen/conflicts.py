"""Who may not evaluate whom: company, trainer and declared-link conflicts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache

from docgen.model import Candidate, Civility, Company, Juror

LEGAL_FORMS = ("sarl", "sasu", "sas", "sa", "eurl", "sca", "snc", "sci", "selarl", "scop")
ABBREVIATIONS = {"ets": "etablissements", "ste": "societe", "cie": "compagnie"}
SIREN_DIGITS = 9


class ConflictKind(Enum):
    COMPANY = "conflict-company"
    TRAINER = "conflict-trainer"
    DECLARED = "conflict-declared"


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    juror: Juror
    candidate: Candidate
    reason: str
    """French, e.g. « son entreprise Inox Pro Alsace a accueilli le candidat »."""


@cache  # names repeat across every juror × candidate check
def fold_text(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = bare.replace("’", "'").replace("‘", "'").replace("`", "'")
    return " ".join(bare.lower().split())


@lru_cache(maxsize=4096)  # a SIRET is compared with every candidate's companies
def normalise_siret(siret: str | None) -> str:
    """The SIRET's digits (spaces, dots and dashes ignored)."""
    return re.sub(r"\D", "", siret or "")


@cache  # names repeat across every juror × candidate check
def normalise_company_name(name: str) -> str:
    """A company name reduced to what identifies it: case, accents, `&`/`et`, legal forms
    (`SAS`, `S.A.S.`, `(SARL)`), `Ets`/`Établissements`."""
    text = fold_text(name).replace("&", " et ")
    text = re.sub(r"\b(\w)\.(?=\w\b|\w\.)", r"\1", text)  # S.A.S. → SAS. before punctuation goes
    text = re.sub(r"[^\w]+", " ", text)
    words = [ABBREVIATIONS.get(word, word) for word in text.split() if word not in LEGAL_FORMS]
    return " ".join(words)


def same_company(first: Company, second: Company) -> bool:
    """By SIRET when both have one (two establishments of one company share its SIREN, the
    first nine digits), else by normalised name; never by a loose substring."""
    first_siret, second_siret = normalise_siret(first.siret), normalise_siret(second.siret)
    if first_siret and second_siret:
        return first_siret[:SIREN_DIGITS] == second_siret[:SIREN_DIGITS]
    first_name = normalise_company_name(first.name)
    return bool(first_name) and first_name == normalise_company_name(second.name)


def same_person(full_name: str, first_name: str, last_name: str) -> bool:
    """`Prénom Nom` or `NOM Prénom` as typed in a list names this person."""
    typed = _name_words(full_name)
    return bool(typed) and typed == _name_words(f"{first_name} {last_name}")


@lru_cache(maxsize=4096)  # each trainer is compared with every juror, and the reverse
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(sorted(re.sub(r"[^\w]+", " ", fold_text(name)).split()))


def _pronoun(juror: Juror) -> str:
    return "elle" if juror.civility is Civility.MADAME else "il"


def conflicts_between(juror: Juror, candidate: Candidate) -> tuple[Conflict, ...]:
    """Every reason why `juror` must not evaluate or deliberate on `candidate`."""
    found: list[Conflict] = []
    if juror.company is not None:
        for company in candidate.companies:
            if same_company(juror.company, company):
                found.append(
                    Conflict(
                        ConflictKind.COMPANY,
                        juror,
                        candidate,
                        f"son entreprise « {juror.company.name} » a employé ou accueilli "
                        f"le candidat (« {company.name} »)",
                    )
                )
                break
    for trainer in candidate.trainers:
        if same_person(trainer, juror.first_name, juror.last_name):
            found.append(
                Conflict(
                    ConflictKind.TRAINER,
                    juror,
                    candidate,
                    f"{_pronoun(juror)} a formé ou accompagné le candidat",
                )
            )
            break
    declared = {number.strip() for number in juror.declared_links}
    if candidate.number.strip() in declared:
        found.append(
            Conflict(
                ConflictKind.DECLARED,
                juror,
                candidate,
                f"{_pronoun(juror)} a déclaré un lien avec le candidat",
            )
        )
    return tuple(found)
