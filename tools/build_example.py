"""Build inputs/exemple/session.xlsx: a valid session of the TP Soudeur assembleur industriel.

Every date is fixed (15–17 March 2027, working days in Seine-Saint-Denis) and every deadline is met,
so the example stays valid whatever the run date. Names, addresses and SIRET are fictitious.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "inputs" / "exemple" / "session.xlsx"
STAMP = datetime(2026, 11, 2, 9, 0)
STAMP_TEXT = b"2026-11-02T09:00:00Z"
TITLE_FONT = Font(bold=True, size=13, color="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3864")

Row = tuple[Any, ...]


def luhn_siret(first_thirteen: str) -> str:
    """A 14-digit SIRET whose Luhn checksum holds, as INSEE's do."""
    for last in "0123456789":
        digits = [int(c) for c in first_thirteen + last]
        total = 0
        for index, digit in enumerate(reversed(digits)):
            if index % 2 == 1:
                digit *= 2
                digit -= 9 if digit > 9 else 0
            total += digit
        if total % 10 == 0:
            return f"{first_thirteen[:3]} {first_thirteen[3:6]} {first_thirteen[6:9]} " + (
                first_thirteen[9:] + last
            )
    raise ValueError(first_thirteen)


DUMONT = ("Chaudronnerie Dumont SAS", luhn_siret("4128735600001"))
VAL_OISE = ("Métallerie du Val d'Oise", luhn_siret("5201944870002"))
LEROY = ("Ateliers Leroy & Fils", luhn_siret("3874561230001"))
SIEP = ("Soudures Industrielles de l'Est Parisien", luhn_siret("8012233440003"))
AERO = ("Aéro Structures Roissy", luhn_siret("4471209830004"))
TUYAUTERIE = ("Tuyauterie Industrielle Francilienne", luhn_siret("7903318250001"))
CM_CONSEIL = ("CM Soudage Conseil", luhn_siret("8527741960001"))
DUBOIS = ("Dubois Métal Formation", luhn_siret("5348862170002"))
TRAINERS = "Karim Benali; Sylvie Caron"

SESSION: list[Row] = [
    ("Intitulé du titre", "Soudeur assembleur industriel"),
    ("Code du titre", None),
    ("Type de session", "Titre"),
    ("N° de session CERES", "93-2027-0042"),
    ("Centre", "Institut Francilien des Métiers de la Soudure"),
    ("Adresse du centre", "14 rue des Chaudronniers\nParc d'activités des Mardelles"),
    ("Code postal", "93600"),
    ("Ville", "Aulnay-sous-Bois"),
    ("Lieu des épreuves", None),
    ("Date de début", date(2027, 3, 15)),
    ("Date de fin", date(2027, 3, 17)),
    ("Heure d'ouverture", time(8, 0)),
    ("Début de journée", time(8, 0)),
    ("Fin de journée", time(17, 30)),
    ("Pause déjeuner", "12:00-13:00"),
    ("Candidats prévus", 11),
    ("Responsable de session", "Nathalie Roussel"),
    ("Téléphone du responsable", "01 48 79 22 10"),
    ("Email du responsable", "n.roussel@example.fr"),
    ("Date de commande du pli", date(2026, 12, 1)),
    ("Date de réception du pli", date(2027, 2, 15)),
    ("Date de validation des convocations", date(2027, 2, 5)),
    ("Date d'envoi des invitations", date(2027, 1, 18)),
    ("Fin de validité du titre", None),
]

CANDIDATE_HEADERS = (
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
)


def candidate(
    number: str,
    civility: str,
    names: tuple[str, str | None, str],
    born: tuple[date, str],
    address: tuple[str, str, str],
    phone: str,
    route: str,
    companies: tuple[tuple[str, str], ...],
    *,
    extra: int | None = None,
    by_hand: bool = False,
    mail: str = "",
) -> Row:
    birth_name, usage_name, first_name = names
    email = f"{first_name.lower()}.{(usage_name or birth_name).lower()}@example.fr"
    trainers = "Isabelle Marchand" if route == "VAE" else TRAINERS
    return (
        number,
        civility,
        birth_name,
        usage_name,
        first_name,
        born[0],
        born[1],
        *address,
        email.replace(" ", "-").replace("é", "e").replace("è", "e").replace("ï", "i"),
        phone,
        route,
        "; ".join(name for name, _ in companies) or None,
        "; ".join(siret for _, siret in companies) or None,
        trainers,
        extra,
        "Main propre" if by_hand else "Recommandé",
        None if by_hand else mail,
    )


CANDIDATES: list[Row] = [
    candidate(
        "2270145",
        "M.",
        ("Bernard", None, "Lucas"),
        (date(2001, 4, 12), "Créteil"),
        ("8 rue Paul Éluard", "93600", "Aulnay-sous-Bois"),
        "06 12 45 78 90",
        "Formation",
        (DUMONT,),
        mail="1A 190 452 7731 4",
    ),
    candidate(
        "2270146",
        "Mme",
        ("Moreau", "Garcia", "Sarah"),
        (date(1994, 9, 3), "Pontoise"),
        ("27 avenue de la République\nAppartement 42", "95200", "Sarcelles"),
        "06 33 18 04 52",
        "Formation",
        (VAL_OISE,),
        mail="1A 190 452 7732 1",
    ),
    candidate(
        "2270147",
        "M.",
        ("Nguyen", None, "Thomas"),
        (date(1988, 1, 27), "Paris 13e"),
        ("5 allée des Acacias", "93270", "Sevran"),
        "07 81 22 63 19",
        "VAE",
        (LEROY,),
        mail="1A 190 452 7733 8",
    ),
    candidate(
        "2270148",
        "M.",
        ("Diallo", None, "Mamadou"),
        (date(2003, 11, 8), "Bobigny"),
        ("112 boulevard Robert Ballanger", "93420", "Villepinte"),
        "06 74 90 11 28",
        "Apprentissage",
        (SIEP,),
        extra=33,
        mail="1A 190 452 7734 5",
    ),
    candidate(
        "2270149",
        "Mme",
        ("Leblanc", "Fontaine", "Julie"),
        (date(1991, 6, 21), "Meaux"),
        ("3 place de l'Église", "77290", "Mitry-Mory"),
        "06 20 47 85 33",
        "Formation",
        (AERO,),
        mail="1A 190 452 7735 2",
    ),
    candidate(
        "2270150",
        "M.",
        ("Ferreira", None, "Hugo"),
        (date(1999, 2, 14), "Aulnay-sous-Bois"),
        ("46 rue Jules Princet", "93600", "Aulnay-sous-Bois"),
        "07 52 36 98 41",
        "Formation",
        (TUYAUTERIE,),
        by_hand=True,
    ),
    candidate(
        "2270151",
        "M.",
        ("Lambert", None, "Kévin"),
        (date(1997, 8, 30), "Gonesse"),
        ("19 chemin des Vignes", "95500", "Gonesse"),
        "06 45 12 77 08",
        "Formation",
        (TUYAUTERIE,),
        mail="1A 190 452 7736 9",
    ),
    candidate(
        "2270152",
        "M.",
        ("Haddad", None, "Youssef"),
        (date(1985, 12, 2), "Lyon"),
        ("7 rue Anatole France", "93190", "Livry-Gargan"),
        "06 98 54 30 27",
        "VAE",
        (SIEP,),
        mail="1A 190 452 7737 6",
    ),
    candidate(
        "2270153",
        "Mme",
        ("Chevalier", None, "Manon"),
        (date(2002, 3, 17), "Bondy"),
        ("58 avenue Gallieni", "93140", "Bondy"),
        "07 66 03 41 92",
        "Apprentissage",
        (AERO,),
        mail="1A 190 452 7738 3",
    ),
    candidate(
        "2270154",
        "M.",
        ("Le Goff", None, "Antoine"),
        (date(1993, 10, 5), "Brest"),
        ("2 impasse des Tilleuls", "93290", "Tremblay-en-France"),
        "06 11 89 24 56",
        "Formation",
        (LEROY,),
        mail="1A 190 452 7739 0",
    ),
    candidate(
        "2270155",
        "M.",
        ("Rousseau", None, "Dylan"),
        (date(2000, 7, 9), "Saint-Denis"),
        ("31 rue de Mitry", "93600", "Aulnay-sous-Bois"),
        "06 57 71 38 04",
        "Formation",
        (VAL_OISE,),
        mail="1A 190 452 7740 7",
    ),
]

JUROR_HEADERS = (
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
)
TITLE = "Soudeur assembleur industriel"
JURORS: list[Row] = [
    # Works for the company that employs Lucas Bernard: must not evaluate him (routable).
    ("M.", "Girard", "Patrick", "p.girard@example.fr", "06 08 41 52 63", "9 rue Lavoisier",
     "93150", "Le Blanc-Mesnil", DUMONT[0], DUMONT[1], date(2029, 6, 30), TITLE, "Toutes",
     "Oui", None, "Accepté"),
    ("Mme", "Martin", "Christine", "c.martin@example.fr", "06 72 14 85 90", "4 rue des Lilas",
     "77100", "Meaux", CM_CONSEIL[0], CM_CONSEIL[1], date(2030, 1, 31), TITLE, "Toutes", "Non",
     None, "Accepté"),
    ("M.", "Petit", "Bernard", "b.petit@example.fr", "06 81 33 27 46", "15 avenue Foch",
     "95100", "Argenteuil", None, None, date(2028, 12, 31), TITLE, None, "Non", None,
     "Accepté"),
    ("M.", "Dubois", "Éric", "e.dubois@example.fr", "07 60 25 14 83", "22 rue Victor Hugo",
     "93130", "Noisy-le-Sec", DUBOIS[0], DUBOIS[1], date(2029, 3, 31), TITLE,
     "16/03/2027-17/03/2027", "Non", None, "Accepté"),
    ("Mme", "Leclerc", "Valérie", "v.leclerc@example.fr", "06 19 58 72 04",
     "6 square Molière", "94000", "Créteil", None, None, date(2029, 9, 30), TITLE, "Toutes",
     "Non", None, "Accepté"),
    ("M.", "Morel", "Jean-Luc", "jl.morel@example.fr", "06 44 90 36 17", "1 rue de la Gare",
     "60300", "Senlis", None, None, date(2028, 10, 15), TITLE, "Toutes", "Non", None,
     "Accepté"),
    ("M.", "Bonnet", "Frédéric", "f.bonnet@example.fr", "07 83 51 29 60",
     "40 boulevard Jean Jaurès", "93400", "Saint-Ouen-sur-Seine", None, None,
     date(2031, 3, 1), TITLE, "Toutes", "Non", None, "Accepté"),
]  # fmt: skip

STEP_HEADERS = (
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
)
STEPS: list[Row] = [
    (1, "Ouverture de la session et des plis", "Temps caché", "Session", 30, 0, "Attente",
     None, "Oui", "Accueil, contrôle d'identité, ouverture des plis devant un candidat témoin"),
    (2, "Installation et lecture des consignes", "Temps caché", "Collectif", 15, 2, "Plateau",
     6, "Oui", "Installation au poste de travail et lecture du sujet"),
    (3, "Mise en situation professionnelle", "Épreuve", "Collectif", 180, 2, "Plateau", 6,
     "Oui", "Assemblages soudés en procédés 135 et 141 à partir d'un dossier technique"),
    (4, "Questionnaire professionnel", "Épreuve", "Collectif", 45, 1, "Informatique", None, "Oui",
     "Questionnaire sur poste informatique : lecture de plan, symbolisation, procédés"),
    (5, "Accueil", "Temps caché", "Individuel", 5, 2, "Entretien", None, "Oui", None),
    (6, "Entretien technique", "Épreuve", "Individuel", 40, 2, "Entretien", None, "Oui",
     "Échange avec le jury sur la mise en situation professionnelle"),
    (7, "Entretien final", "Épreuve", "Individuel", 20, 2, "Entretien", None, "Oui",
     "Échange avec le jury à partir du dossier professionnel"),
    (8, "Délibération du jury", "Temps caché", "Individuel", 10, 2, "Entretien", None, "Non",
     None),
    (9, "Délibération finale et signature du procès-verbal", "Temps caché", "Session", 30,
     "Tous", "Entretien", None, "Non", None),
]  # fmt: skip

EQUIPMENT_HEADERS = (
    "Équipement",
    "Référence DTE",
    "Quantité requise",
    "Par candidat",
    "Quantité disponible",
    "État",
    "Vérifié le",
    "À apporter par le candidat",
    "Étapes",
)
CHECKED = date(2027, 3, 8)
EQUIPMENT: list[Row] = [
    ("Poste de soudage semi-automatique MIG/MAG (135)", "DTE-O 2.1", 1, "Oui", 6,
     "Opérationnel", CHECKED, "Non"),
    ("Poste de soudage TIG (141)", "DTE-O 2.2", 1, "Oui", 6, "Opérationnel", CHECKED, "Non"),
    ("Table de soudage avec aspiration des fumées", "DTE-O 2.3", 1, "Oui", 6, "Opérationnel",
     CHECKED, "Non"),
    ("Meuleuse d'angle Ø 125 mm", "DTE-O 2.4", 1, "Oui", 8, "Opérationnel", CHECKED, "Non"),
    ("Jeu de serre-joints et gabarits de pointage", "DTE-O 2.5", 1, "Oui", 6, "Opérationnel",
     CHECKED, "Non"),
    ("Poste informatique sans accès internet", "DTE-O 3.1", 1, "Oui", 8, "Opérationnel",
     CHECKED, "Non", "Questionnaire professionnel"),
    ("Masque de soudage (cagoule)", None, 1, "Oui", 6, "Opérationnel", None, "Oui"),
    ("Gants de soudeur en cuir", None, 1, "Oui", 6, "Opérationnel", None, "Oui"),
    ("Chaussures de sécurité", None, 1, "Oui", 6, "Opérationnel", None, "Oui"),
    ("Vêtements de travail ignifugés en coton", None, 1, "Oui", 6, "Opérationnel", None,
     "Oui"),
    ("Lunettes de protection", None, 1, "Oui", 6, "Opérationnel", None, "Oui"),
]  # fmt: skip
# Rows without `Étapes` use the default: the steps held on the plateau.
EQUIPMENT = [(*row, *[None] * (len(EQUIPMENT_HEADERS) - len(row))) for row in EQUIPMENT]

ROOMS: list[Row] = [
    ("Atelier soudure (plateau technique)", "Plateau", 6, "Non"),
    ("Salle informatique B12", "Informatique", 8, "Non"),
    ("Salle d'entretien 1", "Entretien", 3, "Oui"),
    ("Salle d'entretien 2", "Entretien", 3, "Oui"),
    ("Salle d'attente", "Attente", 12, "Non"),
]

ITEMS_TO_BRING = [
    "Original d'une pièce d'identité en cours de validité",
    "La présente convocation",
    "Votre dossier professionnel (DP)",
    "Un stylo à bille noir",
]


def write_table(
    sheet: Worksheet, headers: tuple[str, ...], rows: list[Row], title: str | None
) -> None:
    """Headers and rows, with the title row people put above them when given."""
    if title:
        sheet.append([title])
        sheet.cell(row=1, column=1).font = TITLE_FONT
    sheet.append(list(headers))
    header_row = sheet.max_row
    for column in range(1, len(headers) + 1):
        cell = sheet.cell(row=header_row, column=column)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append(list(row))
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            if isinstance(cell.value, datetime | date) and not isinstance(cell.value, time):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, time):
                cell.number_format = "HH:MM"
            elif isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, header in enumerate(headers, start=1):
        longest = max(
            [len(header)]
            + [len(str(row[index - 1]).split("\n")[0]) for row in rows if row[index - 1]]
        )
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 48)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def build() -> bytes:
    workbook = Workbook()
    session = workbook.active
    assert session is not None
    session.title = "Session"
    write_table(session, ("Champ", "Valeur"), SESSION, None)
    sheets = [
        ("Candidats", CANDIDATE_HEADERS, CANDIDATES, "Candidats inscrits (extrait CERES)"),
        ("Jurys", JUROR_HEADERS, JURORS, "Jurés habilités – Soudeur assembleur industriel"),
        ("Déroulé", STEP_HEADERS, STEPS, "Déroulé-type de la session (durées en minutes)"),
        ("Matériel", EQUIPMENT_HEADERS, EQUIPMENT, "Matériel du DTE organisateur"),
        ("Salles", ("Salle", "Type", "Capacité", "Confidentielle"), ROOMS, None),
        ("À apporter", ("Élément",), [(item,) for item in ITEMS_TO_BRING], None),
    ]
    for name, headers, rows, title in sheets:
        write_table(workbook.create_sheet(name), headers, rows, title)
    workbook.properties.creator = "Institut Francilien des Métiers de la Soudure"
    workbook.properties.lastModifiedBy = "Institut Francilien des Métiers de la Soudure"
    workbook.properties.created = STAMP
    workbook.properties.modified = STAMP
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(content: bytes) -> bytes:
    """The same workbook with fixed member timestamps, so that rebuilding changes no byte."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(member.filename)
            if member.filename == "docProps/core.xml":
                # openpyxl stamps the save time into `modified` whatever the workbook says.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + STAMP_TEXT, data)
            target.writestr(info, data)
    return out.getvalue()


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(build())
    print(f"{TARGET.relative_to(ROOT)} écrit ({TARGET.stat().st_size} octets).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
