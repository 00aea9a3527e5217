"""The `Candidats` sheet: one candidate per row, unique by N° candidat."""

from __future__ import annotations

from dataclasses import dataclass

from docgen.findings import Finding, error
from docgen.model import Candidate, Company, Delivery
from docgen.workbook import cells, choices, moments
from docgen.workbook.raw import RawSheet
from docgen.workbook.table import Record, optional, read_table, required

SHEET = "Candidats"

NUMBER = required(
    "number",
    "N° candidat",
    cells.line,
    "Numéro candidat",
    "No candidat",
    "N° de candidat",
    "Numéro de candidat",
    "N candidat",
    "Nocandidat",
    "N° CERES",
)
CIVILITY = required("civility", "Civilité", choices.civility)
BIRTH_NAME = required("birth_name", "Nom de naissance", cells.line, "Nom", "Nom de famille")
USAGE_NAME = optional("usage_name", "Nom d'usage", cells.line, None, "Nom marital", "Nom usuel")
FIRST_NAME = required("first_name", "Prénom", cells.line, "Prénoms")
BIRTH_DATE = required(
    "birth_date", "Date de naissance", moments.calendar_date, "Né le", "Née le", "Né(e) le"
)
BIRTH_PLACE = optional(
    "birth_place", "Lieu de naissance", cells.line, None, "Né à", "Ville de naissance"
)
ADDRESS = required("address", "Adresse", cells.text, "Adresse postale")
POSTAL_CODE = required("postal_code", "Code postal", cells.postal_code, "CP")
CITY = required("city", "Ville", cells.line, "Commune", "Localité")
EMAIL = optional(
    "email", "Email", cells.email, None, "E-mail", "Mail", "Courriel", "Adresse e-mail"
)
PHONE = optional("phone", "Téléphone", cells.phone, None, "Tél", "Tel.", "Portable", "Mobile")
ACCESS_ROUTE = optional("access_route", "Voie d'accès", choices.access_route, None, "Parcours")
COMPANIES = optional(
    "companies",
    "Entreprises",
    cells.text_list,
    (),
    "Entreprise",
    "Entreprise(s)",
    "Employeurs",
    "Employeur",
    "Employeur(s)",
    "Entreprises d'accueil",
    "Entreprise d'accueil",
    "Entreprise(s) d'accueil",
    "Structures d'accueil",
    "Structure d'accueil",
    "Structure(s) d'accueil",
)
SIRETS = optional(
    "companies_siret", "SIRET entreprises", cells.siret_list, (), "SIRET", "SIRET entreprise"
)
TRAINERS = optional(
    "trainers", "Formateurs", cells.text_list, (), "Formateur", "Accompagnateurs", "Accompagnateur"
)
EXTRA_TIME = optional(
    "extra_time_percent", "Temps majoré", cells.percent, 0, "Tiers temps", "Majoration de temps"
)
DELIVERY = optional(
    "delivery", "Remise", choices.delivery, Delivery.RECOMMANDE, "Mode de remise", "Envoi"
)
REGISTERED_MAIL = optional(
    "registered_mail_number",
    "N° recommandé",
    cells.line,
    None,
    "Numéro recommandé",
    "No recommandé",
    "N° de recommandé",
    "Numéro de recommandé",
)
COLUMNS = (
    NUMBER,
    CIVILITY,
    BIRTH_NAME,
    USAGE_NAME,
    FIRST_NAME,
    BIRTH_DATE,
    BIRTH_PLACE,
    ADDRESS,
    POSTAL_CODE,
    CITY,
    EMAIL,
    PHONE,
    ACCESS_ROUTE,
    COMPANIES,
    SIRETS,
    TRAINERS,
    EXTRA_TIME,
    DELIVERY,
    REGISTERED_MAIL,
)


@dataclass(frozen=True)
class CandidateRows:
    """The candidates read, and how many rows were typed (some may be left out)."""

    candidates: tuple[Candidate, ...]
    typed: int


def read_candidates(sheet: RawSheet) -> tuple[CandidateRows, tuple[Finding, ...]]:
    """Every readable candidate; a repeated N° candidat is reported and only its first row kept."""
    table = read_table(sheet, SHEET, COLUMNS)
    findings = list(table.findings)
    candidates: list[Candidate] = []
    first_rows: dict[str, int] = {}
    for record in table.rows:
        number = record[NUMBER]
        if number is not None and number in first_rows:
            findings.append(
                error(
                    "duplicate-candidate",
                    f"Le N° candidat « {number} » figure déjà ligne {first_rows[number]} : "
                    "chaque candidat n'a qu'une ligne et un numéro CERES unique.",
                    record.locate(NUMBER),
                )
            )
            continue
        if number is not None:
            first_rows[number] = record.row
        if not record.complete:
            continue
        companies, company_findings = _companies(record)
        findings.extend(company_findings)
        candidates.append(
            Candidate(
                number=number,
                civility=record[CIVILITY],
                birth_name=record[BIRTH_NAME],
                first_name=record[FIRST_NAME],
                birth_date=record[BIRTH_DATE],
                address=record[ADDRESS],
                postal_code=record[POSTAL_CODE],
                city=record[CITY],
                usage_name=record[USAGE_NAME],
                birth_place=record[BIRTH_PLACE],
                email=record[EMAIL],
                phone=record[PHONE],
                access_route=record[ACCESS_ROUTE],
                companies=companies,
                trainers=record[TRAINERS],
                extra_time_percent=record[EXTRA_TIME],
                delivery=record[DELIVERY],
                registered_mail_number=record[REGISTERED_MAIL],
                origin=record.origin,
            )
        )
    return CandidateRows(tuple(candidates), len(table.rows)), tuple(findings)


def _companies(record: Record) -> tuple[tuple[Company, ...], tuple[Finding, ...]]:
    """`Entreprises` paired by position with `SIRET entreprises`."""
    names, sirets = record[COMPANIES], record[SIRETS]
    if len(sirets) > len(names):
        finding = error(
            "invalid-value",
            f"« {SIRETS.header} » : {len(sirets)} SIRET pour {len(names)} entreprise(s) ; "
            "attendu un SIRET par entreprise, dans le même ordre que « Entreprises » "
            "(laissez vide entre deux « ; » une entreprise sans SIRET).",
            record.locate(SIRETS),
        )
        return tuple(Company(name) for name in names), (finding,)
    padded = (*sirets, *([None] * (len(names) - len(sirets))))
    return tuple(Company(name, siret) for name, siret in zip(names, padded, strict=True)), ()
