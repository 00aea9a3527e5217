"""The workbook's choice lists, matched loosely (`mme`, `Madame` → Mme; `Epreuve` → Épreuve)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import TypeVar

from docgen.model import (
    AccessRoute,
    Civility,
    Delivery,
    EquipmentState,
    JurorResponse,
    RoomType,
    SessionType,
    StepMode,
    StepNature,
)
from docgen.workbook.cells import CellValueError, clean_text, fold

E = TypeVar("E", bound=Enum)


def choice(kind: type[E], aliases: Mapping[E, tuple[str, ...]]) -> Callable[[object], E]:
    """A parser accepting each member's value and its aliases, ignoring case, accents and a `.`."""
    accepted: dict[str, E] = {}
    for member in kind:
        for spelling in (str(member.value), *aliases.get(member, ())):
            accepted[_folded(spelling)] = member
    expected = "une valeur parmi " + ", ".join(f"« {member.value} »" for member in kind)

    def parse(value: object) -> E:
        if isinstance(value, str) and (member := accepted.get(_folded(clean_text(value)))):
            return member
        raise CellValueError(expected)

    return parse


def _folded(text: str) -> str:
    return fold(text).rstrip(".").replace("-", " ").strip()


civility = choice(
    Civility,
    {
        Civility.MONSIEUR: ("m", "mr", "monsieur"),
        Civility.MADAME: ("madame", "mlle", "mademoiselle"),
    },
)
session_type = choice(
    SessionType,
    {
        SessionType.TITRE: ("titre professionnel", "tp", "session titre"),
        SessionType.CCP: ("certificat de competences professionnelles",),
        SessionType.CCS: ("certificat complementaire de specialisation",),
    },
)
access_route = choice(
    AccessRoute,
    {
        AccessRoute.FORMATION: ("formation continue",),
        AccessRoute.VAE: ("validation des acquis de l'experience",),
        AccessRoute.APPRENTISSAGE: ("apprenti", "contrat d'apprentissage"),
        AccessRoute.CAPITALISATION: ("capitalisation de ccp",),
    },
)
delivery = choice(
    Delivery,
    {
        Delivery.RECOMMANDE: ("lettre recommandee", "courrier recommande", "lrar", "ar"),
        Delivery.MAIN_PROPRE: ("en main propre", "remise en main propre", "mp"),
    },
)
juror_response = choice(
    JurorResponse,
    {
        JurorResponse.ACCEPTE: ("acceptee", "oui", "ok", "confirme", "confirmee"),
        JurorResponse.REFUSE: ("refusee", "non", "decline", "declinee"),
        JurorResponse.EN_ATTENTE: ("attente", "sans reponse", "?"),
    },
)
step_nature = choice(
    StepNature,
    {
        StepNature.EPREUVE: ("epreuves",),
        StepNature.TEMPS_CACHE: ("temps caches", "cache"),
    },
)
step_mode = choice(
    StepMode,
    {
        StepMode.COLLECTIF: ("collective", "groupe", "en groupe"),
        StepMode.INDIVIDUEL: ("individuelle",),
        StepMode.SESSION: ("une fois", "une fois par session"),
        StepMode.JOUR: ("par jour", "chaque jour", "quotidien"),
    },
)
room_type = choice(
    RoomType,
    {
        RoomType.PLATEAU: ("plateau technique", "atelier"),
        RoomType.ENTRETIEN: ("salle d'entretien", "bureau"),
        RoomType.INFORMATIQUE: ("salle informatique",),
        RoomType.ATTENTE: ("salle d'attente",),
    },
)
equipment_state = choice(
    EquipmentState,
    {
        EquipmentState.OPERATIONNEL: ("operationnelle", "ok", "en etat", "fonctionnel"),
        EquipmentState.A_VERIFIER: ("verifier", "a controler"),
        EquipmentState.HORS_SERVICE: ("hs", "en panne", "hors d'usage"),
    },
)
