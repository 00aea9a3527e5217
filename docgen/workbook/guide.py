"""What each sheet and column of the workbook means, in a few French words, with an example.

`docgen init` puts these texts in the input message of each header and in the `Aide` sheet;
docs/classeur.md says the same at length. Columns the loader does not read yet may be listed:
the blank workbook only holds the columns the loader reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

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

YES_NO = ("Oui", "Non")


@dataclass(frozen=True)
class ColumnHelp:
    """The meaning of one column (or Session field), an example value and its choice list."""

    meaning: str
    example: str = ""
    choices: tuple[str, ...] = ()
    needed: bool = False
    """Read as optional, but a rule reports it missing (so the workbook marks it required)."""


def _values(kind: type[Enum]) -> tuple[str, ...]:
    """A choice list as the workbook spells it."""
    return tuple(str(member.value) for member in kind)


ROOM_TYPES = _values(RoomType)

SHEET_PURPOSE: Mapping[str, str] = {
    "Session": "Une ligne par information sur la session (colonne Champ), sa valeur à côté.",
    "Candidats": "Une ligne par candidat inscrit (extrait CERES).",
    "Jurys": "Une ligne par juré habilité (extrait CERES et suivi des réponses).",
    "Déroulé": "Le déroulé-type : une ligne par étape, dans l'ordre du parcours d'un candidat.",
    "Matériel": "Le matériel du DTE organisateur : une ligne par équipement.",
    "Salles": "Une ligne par salle du centre utilisée pour la session.",
    "À apporter": "Ce que chaque candidat apporte (facultatif ; sinon la liste habituelle).",
}

GUIDE: Mapping[str, Mapping[str, ColumnHelp]] = {
    "Session": {
        "Intitulé du titre": ColumnHelp(
            "Intitulé exact du titre professionnel.", "Soudeur assembleur industriel"
        ),
        "Code du titre": ColumnHelp("Code RNCP ou code du titre (facultatif).", "RNCP37851"),
        "Type de session": ColumnHelp("Titre complet, CCP ou CCS.", "Titre", _values(SessionType)),
        "N° de session CERES": ColumnHelp("Numéro de la session dans CERES.", "2027-0042"),
        "Centre": ColumnHelp("Nom du centre agréé.", "Centre de formation Les Forges"),
        "Adresse du centre": ColumnHelp(
            "Rue du centre (retours à la ligne permis).", "12 rue des Ateliers"
        ),
        "Code postal": ColumnHelp(
            "Code postal du centre : donne le département (jours fériés).", "69007"
        ),
        "Ville": ColumnHelp("Ville du centre.", "Lyon"),
        "Lieu des épreuves": ColumnHelp(
            "Adresse complète des épreuves si elle diffère du centre.", ""
        ),
        "Date de début": ColumnHelp("Premier jour d'épreuves (J).", "15/03/2027"),
        "Date de fin": ColumnHelp("Dernier jour d'épreuves.", "17/03/2027"),
        "Heure d'ouverture": ColumnHelp(
            "Heure d'ouverture de la session le premier jour (ouverture des plis).", "8h30"
        ),
        "Début de journée": ColumnHelp("Début des journées d'épreuves (défaut 8h30).", "8h30"),
        "Fin de journée": ColumnHelp("Fin des journées d'épreuves (défaut 17h30).", "17h30"),
        "Pause déjeuner": ColumnHelp("Pause du midi, début-fin (défaut 12h-13h).", "12:00-13:00"),
        "Marge d'arrivée": ColumnHelp(
            "Arrivée des candidats avant leur première étape (défaut 15 min).", "15"
        ),
        "Attente maximale": ColumnHelp(
            "Plus longue attente d'un candidat dans sa journée, déjeuner exclu (défaut 1h).", "1h"
        ),
        "Jours maximum par juré": ColumnHelp(
            "Nombre maximum de jours de session demandés à un même juré (défaut : aucun).", "2"
        ),
        "Heures maximum par juré et par jour": ColumnHelp(
            "Temps de jury maximum d'un juré dans une journée (défaut 7h).", "7h"
        ),
        "Candidats prévus": ColumnHelp("Nombre de candidats déclarés dans CERES.", "12"),
        "Responsable de session": ColumnHelp(
            "Prénom et nom du responsable.", "Claire Dupuis", needed=True
        ),
        "Téléphone du responsable": ColumnHelp(
            "Numéro où candidats et jurés joignent le responsable.", "04 72 00 00 00", needed=True
        ),
        "Email du responsable": ColumnHelp("Adresse e-mail du responsable.", "c.dupuis@exemple.fr"),
        "Date de commande du pli": ColumnHelp(
            "Date de commande du pli d'examen (au plus tard J−90).", "10/12/2026"
        ),
        "Date de réception du pli": ColumnHelp(
            "Date de réception du pli (au plus tard J−14).", "25/02/2027"
        ),
        "Date de validation des convocations": ColumnHelp(
            "Validation des convocations dans CERES, prévue ou faite (au plus tard J−31).",
            "10/02/2027",
        ),
        "Date d'envoi des invitations": ColumnHelp(
            "Envoi des invitations aux jurés, prévu ou fait (au plus tard J−15).", "20/01/2027"
        ),
        "Fin de validité du titre": ColumnHelp(
            "Date de fin de validité du titre (arrêté).", "31/12/2029"
        ),
    },
    "Candidats": {
        "N° candidat": ColumnHelp("Numéro CERES du candidat, unique.", "2270145"),
        "Civilité": ColumnHelp("M. ou Mme.", "Mme", _values(Civility)),
        "Nom de naissance": ColumnHelp("Nom de naissance.", "Moreau"),
        "Nom d'usage": ColumnHelp("Nom imprimé à la place du nom de naissance.", "Garcia"),
        "Prénom": ColumnHelp("Prénom.", "Sarah"),
        "Date de naissance": ColumnHelp("Date de naissance.", "03/09/1994"),
        "Lieu de naissance": ColumnHelp("Ville de naissance.", "Pontoise"),
        "Adresse": ColumnHelp(
            "Adresse postale (retours à la ligne permis).", "27 avenue de la République"
        ),
        "Code postal": ColumnHelp("Code postal du candidat.", "95200"),
        "Ville": ColumnHelp("Ville du candidat.", "Sarcelles"),
        "Email": ColumnHelp("Adresse e-mail.", "sarah.garcia@exemple.fr"),
        "Téléphone": ColumnHelp("Téléphone.", "06 33 18 04 52"),
        "Voie d'accès": ColumnHelp("Parcours du candidat.", "Formation", _values(AccessRoute)),
        "Entreprises": ColumnHelp(
            "Employeurs et entreprises d'accueil, actuels ou passés, séparés par « ; ». "
            "Sert au contrôle des conflits d'intérêts des jurés.",
            "Métallerie du Val d'Oise; Inox Pro",
        ),
        "SIRET entreprises": ColumnHelp(
            "SIRET de ces entreprises, dans le même ordre, séparés par « ; ».",
            "520 194 487 00028",
        ),
        "Formateurs": ColumnHelp(
            "Formateurs ou accompagnateurs VAE (Prénom Nom), séparés par « ; ».",
            "Karim Benali; Sylvie Caron",
        ),
        "Temps majoré": ColumnHelp(
            "Temps supplémentaire accordé, en % (donnée personnelle, jamais affichée).", "33"
        ),
        "Remise": ColumnHelp(
            "Remise de la convocation (défaut Recommandé).", "Recommandé", _values(Delivery)
        ),
        "N° recommandé": ColumnHelp("Numéro du recommandé.", "1A 190 452 7731 4"),
    },
    "Jurys": {
        "Civilité": ColumnHelp("M. ou Mme.", "M.", _values(Civility)),
        "Nom": ColumnHelp("Nom du juré.", "Girard"),
        "Prénom": ColumnHelp("Prénom du juré.", "Patrick"),
        "Email": ColumnHelp("Adresse e-mail.", "p.girard@exemple.fr"),
        "Téléphone": ColumnHelp("Téléphone.", "06 08 41 52 63"),
        "Adresse": ColumnHelp("Adresse postale, pour l'invitation.", "9 rue Lavoisier"),
        "Code postal": ColumnHelp("Code postal.", "93150"),
        "Ville": ColumnHelp("Ville.", "Le Blanc-Mesnil"),
        "Entreprise": ColumnHelp("Employeur actuel du juré.", "Chaudronnerie Dumont SAS"),
        "SIRET": ColumnHelp("SIRET de cet employeur.", "412 873 560 00012"),
        "Habilitation jusqu'au": ColumnHelp("Date de fin d'habilitation.", "30/06/2029"),
        "Titre habilité": ColumnHelp(
            "Titre pour lequel le juré est habilité (doit être celui de la session).",
            "Soudeur assembleur industriel",
        ),
        "Disponibilités": ColumnHelp(
            "Dates ou périodes séparées par « ; », ou Toutes (vide = Toutes).",
            "15/03/2027-16/03/2027",
        ),
        "Salarié": ColumnHelp(
            "Oui si le juré est salarié (demande d'absence à J−15).", "Oui", YES_NO
        ),
        "Liens déclarés": ColumnHelp(
            "N° des candidats avec qui le juré a déclaré un lien, séparés par « ; ».", "2270147"
        ),
        "Réponse": ColumnHelp(
            "Réponse du juré à l'invitation (un refus n'est jamais planifié).",
            "Accepté",
            _values(JurorResponse),
        ),
    },
    "Déroulé": {
        "Ordre": ColumnHelp("Rang de l'étape dans le parcours d'un candidat.", "1"),
        "Étape": ColumnHelp("Nom de l'étape.", "Mise en situation professionnelle"),
        "Nature": ColumnHelp(
            "Épreuve, ou Temps caché (accueil, installation, délibération).",
            "Épreuve",
            _values(StepNature),
        ),
        "Mode": ColumnHelp(
            "Collectif (un groupe), Individuel (un candidat à la fois), Session (une fois), "
            "Jour (chaque jour).",
            "Collectif",
            _values(StepMode),
        ),
        "Durée": ColumnHelp("Durée de l'étape en minutes (ou 1h30).", "240"),
        "Jurés": ColumnHelp(
            "Jurés présents (2 pour un entretien), ou Tous pour la délibération finale.", "2"
        ),
        "Salle": ColumnHelp("Type de salle nécessaire.", "Plateau", ROOM_TYPES),
        "Capacité": ColumnHelp("Candidats au plus en même temps (étape collective).", "6"),
        "Candidat présent": ColumnHelp(
            "Non pour une étape du jury seul (défaut Oui).", "Oui", YES_NO
        ),
        "Description": ColumnHelp(
            "Texte imprimé sur la convocation.", "Réalisation d'un assemblage"
        ),
    },
    "Matériel": {
        "Équipement": ColumnHelp("Nom de l'équipement.", "Poste de soudage TIG (141)"),
        "Référence DTE": ColumnHelp("Référence dans le DTE organisateur.", "DTE-O 2.2"),
        "Quantité requise": ColumnHelp("Quantité demandée par le DTE.", "1"),
        "Par candidat": ColumnHelp(
            "Oui si la quantité requise vaut pour chaque candidat d'un groupe.", "Oui", YES_NO
        ),
        "Quantité disponible": ColumnHelp("Quantité disponible au centre.", "6"),
        "État": ColumnHelp("État de l'équipement.", "Opérationnel", _values(EquipmentState)),
        "Vérifié le": ColumnHelp("Date de la dernière vérification.", "08/03/2027"),
        "À apporter par le candidat": ColumnHelp(
            "Oui pour les EPI ou fournitures apportés par le candidat (sur la convocation).",
            "Non",
            YES_NO,
        ),
        "Étapes": ColumnHelp(
            "Étapes qui utilisent l'équipement (noms ou numéros d'ordre, séparés par « ; »).",
            "2; 3",
        ),
    },
    "Salles": {
        "Salle": ColumnHelp("Nom de la salle.", "Atelier soudure"),
        "Type": ColumnHelp("Type de salle.", "Plateau", ROOM_TYPES),
        "Capacité": ColumnHelp("Nombre de places (défaut 1).", "6"),
        "Confidentielle": ColumnHelp(
            "Oui si la salle est fermée et à l'abri des écoutes (entretiens).", "Non", YES_NO
        ),
    },
    "À apporter": {
        "Élément": ColumnHelp(
            "Ce que chaque candidat apporte, une ligne par élément.",
            "Original d'une pièce d'identité en cours de validité",
        ),
    },
}
