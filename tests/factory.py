"""Session workbooks built from Python data, for tests: `write_workbook` and a tidy session.

A workbook is described as a dict: sheet name → list of rows, each row a list of cell values
(str, int, float, bool, date, datetime, time or None). The first row of each table sheet is its
header row; the `Session` sheet has `Champ`/`Valeur` rows. Typical use:

    sheets = tidy_session_rows()                  # a complete, valid session
    set_cell(sheets, "Candidats", 0, "Entreprises", "Inox Pro")
    set_session_value(sheets, "Date de fin", date(2027, 3, 17))
    path = write_workbook(tmp_path / "session.xlsx", sheets, titles={"Candidats": "Liste"})
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from datetime import date, time
from pathlib import Path

from openpyxl import Workbook

Sheets = dict[str, list[list[object]]]


def write_workbook(
    path: Path, sheets: Mapping[str, Sequence[Sequence[object]]], *, titles: Mapping[str, str] = {}
) -> Path:
    """Write `sheets` as an .xlsx at `path` (folders created); `titles` puts a title row and a
    blank row above the given sheets' rows. Returns `path`."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]  # a fresh workbook has one sheet
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        if name in titles:
            sheet.append([titles[name]])
            sheet.append([])
        for row in rows:
            sheet.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def set_cell(sheets: Sheets, sheet: str, record: int, header: str, value: object) -> Sheets:
    """Set the cell of `header` in the `record`-th data row (0-based, after the header row)."""
    rows = sheets[sheet]
    column = rows[0].index(header)
    row = rows[record + 1]
    row.extend([None] * (column + 1 - len(row)))
    row[column] = value
    return sheets


def set_session_value(sheets: Sheets, champ: str, value: object) -> Sheets:
    """Set the `Valeur` of `champ` in the `Session` sheet, adding the row when it is absent."""
    for row in sheets["Session"][1:]:
        if row[0] == champ:
            row[1:] = [value]
            return sheets
    sheets["Session"].append([champ, value])
    return sheets


def drop_session_field(sheets: Sheets, champ: str) -> Sheets:
    """Remove the row of `champ` from the `Session` sheet."""
    sheets["Session"] = [row for row in sheets["Session"] if row[0] != champ]
    return sheets


_SESSION: list[list[object]] = [
    ["Champ", "Valeur"],
    ["Intitulé du titre", "Soudeur assembleur industriel"],
    ["Code du titre", "TP-01234"],
    ["Type de session", "Titre"],
    ["N° de session CERES", "2027-0042"],
    ["Centre", "Centre de formation Les Forges"],
    ["Adresse du centre", "12 rue des Ateliers"],
    ["Code postal", "69007"],
    ["Ville", "Lyon"],
    ["Lieu des épreuves", None],
    ["Date de début", date(2027, 3, 15)],
    ["Date de fin", date(2027, 3, 16)],
    ["Heure d'ouverture", time(8, 30)],
    ["Début de journée", time(8, 30)],
    ["Fin de journée", time(17, 30)],
    ["Pause déjeuner", "12:00-13:00"],
    ["Candidats prévus", 3],
    ["Responsable de session", "Claire Martin"],
    ["Téléphone du responsable", "04 78 00 00 00"],
    ["Email du responsable", "claire.martin@forges.example"],
    ["Date de commande du pli", date(2026, 11, 20)],
    ["Date de réception du pli", date(2027, 1, 15)],
    ["Date de validation des convocations", date(2027, 2, 1)],
    ["Date d'envoi des invitations", date(2027, 1, 10)],
    ["Fin de validité du titre", date(2030, 12, 31)],
]

CANDIDATE_HEADERS = [
    "N° candidat",
    "Civilité",
    "Nom de naissance",
    "Nom d'usage",
    "Prénom",
    "Date de naissance",
    "Lieu de naissance",
    "Adresse",
    "Code postal",
    "Ville",
    "Email",
    "Téléphone",
    "Voie d'accès",
    "Entreprises",
    "SIRET entreprises",
    "Formateurs",
    "Temps majoré",
    "Remise",
    "N° recommandé",
]
# fmt: off
_CANDIDATES: list[list[object]] = [
    CANDIDATE_HEADERS,
    ["2245401", "M.", "Durand", None, "Karim", date(1990, 5, 4), "Lyon", "3 rue Pasteur", "69003",
     "Lyon", "karim.durand@mail.example", "06 11 22 33 44", "Formation",
     "Métallerie Rhône; Chaudronnerie Martin", "12345678900011; 98765432100022", "Paul Lefèvre",
     0, "Recommandé", "1A 234 567 8901 2"],
    ["2245402", "Mme", "Petit", "Garnier", "Sophie", date(1985, 11, 23), "Villeurbanne",
     "8 avenue Thiers", "69006", "Lyon", "sophie.garnier@mail.example", None, "VAE",
     "Inox Concept", "11122233300044", "Anne Roux", 33, "Main propre", None],
    ["2245403", "M.", "N'Diaye", None, "Moussa", date(2001, 2, 14), "Dakar", "15 chemin des Prés",
     "38200", "Vienne", None, "07 55 44 33 22", "Apprentissage", "Soudure & Fils", None, None, 0,
     "Recommandé", "1A 234 567 8903 4"],
]
# fmt: on

JUROR_HEADERS = [
    "Civilité",
    "Nom",
    "Prénom",
    "Email",
    "Téléphone",
    "Adresse",
    "Code postal",
    "Ville",
    "Entreprise",
    "SIRET",
    "Habilitation jusqu'au",
    "Titre habilité",
    "Disponibilités",
    "Salarié",
    "Liens déclarés",
    "Réponse",
]
# fmt: off
_JURORS: list[list[object]] = [
    JUROR_HEADERS,
    ["Mme", "Bernard", "Hélène", "helene.bernard@jury.example", "06 01 02 03 04",
     "1 place Bellecour", "69002", "Lyon", "Acier Service", "44455566600011", date(2028, 12, 31),
     "Soudeur assembleur industriel", "Toutes", "Oui", None, "Accepté"],
    ["M.", "Moreau", "Louis", "louis.moreau@jury.example", "06 05 06 07 08", None, None, None,
     "Soudage Alpes", "55566677700022", date(2029, 6, 30), "TP-01234", None, "Non", None,
     "Accepté"],
    ["Mme", "Lambert", "Julie", "julie.lambert@jury.example", None, None, None, None, None, None,
     date(2028, 1, 31), None, "15/03/2027-16/03/2027", "Non", None, "Accepté"],
    ["M.", "Fontaine", "Marc", "marc.fontaine@jury.example", "06 09 08 07 06", "4 rue Centrale",
     "38000", "Grenoble", "Métaux du Dauphiné", None, date(2027, 12, 31),
     "Soudeur assembleur industriel", None, "Oui", None, "Accepté"],
]
# fmt: on

STEP_HEADERS = [
    "Ordre",
    "Étape",
    "Nature",
    "Mode",
    "Durée",
    "Jurés",
    "Salle",
    "Capacité",
    "Candidat présent",
    "Description",
]
# fmt: off
_STEPS: list[list[object]] = [
    STEP_HEADERS,
    [1, "Accueil et ouverture des plis", "Temps caché", "Session", 30, 0, "Attente", None, "Oui",
     "Accueil des candidats, contrôle d'identité et ouverture des plis"],
    [2, "Mise en situation professionnelle", "Épreuve", "Collectif", 240, 2, "Plateau", 3, "Oui",
     "Réalisation d'assemblages soudés sur le plateau technique"],
    [3, "Questionnaire professionnel", "Épreuve", "Collectif", 60, 0, "Informatique", 3, "Oui",
     "Questionnaire écrit sur poste informatique"],
    [4, "Entretien technique", "Épreuve", "Individuel", 40, 2, "Entretien", None, "Oui",
     "Entretien avec le jury sur la mise en situation"],
    [5, "Entretien final", "Épreuve", "Individuel", 30, 2, "Entretien", None, "Oui",
     "Entretien final avec le jury, dossier professionnel à l'appui"],
    [6, "Délibération", "Temps caché", "Individuel", 10, 2, "Entretien", None, "Non", None],
]
# fmt: on

EQUIPMENT_HEADERS = [
    "Équipement",
    "Référence DTE",
    "Quantité requise",
    "Par candidat",
    "Quantité disponible",
    "État",
    "Vérifié le",
    "À apporter par le candidat",
]
_EQUIPMENT: list[list[object]] = [
    EQUIPMENT_HEADERS,
    ["Poste de soudage MIG", "DTE-ORG-01", 1, "Oui", 4, "Opérationnel", date(2027, 2, 15), "Non"],
    ["Meuleuse d'angle", "DTE-ORG-02", 1, "Oui", 3, "Opérationnel", date(2027, 2, 15), "Non"],
    ["Masque de soudage", "DTE-ORG-03", 1, "Oui", 3, "Opérationnel", None, "Oui"],
    ["Chaussures de sécurité", "DTE-ORG-04", 1, "Oui", 3, "Opérationnel", None, "Oui"],
]

ROOM_HEADERS = ["Salle", "Type", "Capacité", "Confidentielle"]
_ROOMS: list[list[object]] = [
    ROOM_HEADERS,
    ["Atelier soudure", "Plateau", 4, "Non"],
    ["Salle informatique B2", "Informatique", 6, "Non"],
    ["Bureau 1", "Entretien", 1, "Oui"],
    ["Bureau 2", "Entretien", 1, "Oui"],
    ["Hall d'accueil", "Attente", 10, "Non"],
]

_ITEMS: list[list[object]] = [
    ["Élément"],
    ["Original d'une pièce d'identité en cours de validité"],
    ["La présente convocation"],
    ["Votre dossier professionnel (DP)"],
    ["Un stylo à bille noir"],
]


def tidy_session_rows() -> Sheets:
    """A complete, valid small session (a fresh copy each call, safe to edit).

    Titre session on Monday 15 and Tuesday 16 March 2027 in Lyon (69); 3 candidates, 4 accepted
    jurors without conflicts (one available on both days only), a déroulé of 6 steps (opening
    once per session, collective MSP, collective questionnaire, entretien technique, entretien
    final last, per-candidate deliberation without the candidate), 4 DTE equipment items, 5 rooms
    (two confidential interview rooms) and an `À apporter` sheet.
    """
    return copy.deepcopy(
        {
            "Session": _SESSION,
            "Candidats": _CANDIDATES,
            "Jurys": _JURORS,
            "Déroulé": _STEPS,
            "Matériel": _EQUIPMENT,
            "Salles": _ROOMS,
            "À apporter": _ITEMS,
        }
    )
