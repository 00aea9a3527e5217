"""The `Jurys` sheet: one habilitated juror per row (CERES extract plus follow-up columns)."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.conflicts import fold_text
from docgen.findings import Finding, error
from docgen.model import Company, Juror, JurorResponse, locate
from docgen.workbook import cells, choices, moments
from docgen.workbook.raw import RawSheet
from docgen.workbook.table import Record, optional, read_table, required

SHEET = "Jurys"

CIVILITY = required("civility", "Civilité", choices.civility)
LAST_NAME = required("last_name", "Nom", cells.line, "Nom de famille", "Nom de naissance")
FIRST_NAME = required("first_name", "Prénom", cells.line, "Prénoms")
EMAIL = optional("email", "Email", cells.email, None, "E-mail", "Mail", "Courriel")
PHONE = optional("phone", "Téléphone", cells.phone, None, "Tél", "Tel.", "Portable", "Mobile")
ADDRESS = optional("address", "Adresse", cells.text, None, "Adresse postale")
POSTAL_CODE = optional("postal_code", "Code postal", cells.postal_code, None, "CP")
CITY = optional("city", "Ville", cells.line, None, "Commune")
COMPANY = optional("company", "Entreprise", cells.line, None, "Employeur", "Société")
SIRET = optional("company_siret", "SIRET", cells.siret, None, "SIRET entreprise", "N° SIRET")
HABILITATION_END = required(
    "habilitation_end",
    "Habilitation jusqu'au",
    moments.session_date,
    "Habilité jusqu'au",
    "Fin d'habilitation",
    "Fin habilitation",
    "Date de fin d'habilitation",
    "Habilitation valable jusqu'au",
    "Fin de validité de l'habilitation",
    "Date fin habilitation",
    "Habilitation",
)
HABILITATED_TITLE = optional(
    "habilitated_title", "Titre habilité", cells.line, None, "Titre", "Titre professionnel"
)
AVAILABILITY = optional(
    "available_days",
    "Disponibilités",
    moments.available_days,
    None,
    "Disponibilité",
    "Dates disponibles",
    "Disponible",
)
SALARIED = optional("salaried", "Salarié", cells.yes_no, False, "Salariée", "Salarié(e)")
LINKS = optional(
    "declared_links", "Liens déclarés", cells.text_list, (), "Liens", "Liens avec des candidats"
)
RESPONSE = optional(
    "response", "Réponse", choices.juror_response, JurorResponse.EN_ATTENTE, "Statut"
)
COLUMNS = (
    CIVILITY,
    LAST_NAME,
    FIRST_NAME,
    EMAIL,
    PHONE,
    ADDRESS,
    POSTAL_CODE,
    CITY,
    COMPANY,
    SIRET,
    HABILITATION_END,
    HABILITATED_TITLE,
    AVAILABILITY,
    SALARIED,
    LINKS,
    RESPONSE,
)


def read_jurors(sheet: RawSheet) -> tuple[tuple[Juror, ...], tuple[Finding, ...]]:
    """Every juror whose civility, names and habilitation end could be read."""
    table = read_table(sheet, SHEET, COLUMNS)
    jurors = tuple(
        Juror(
            civility=record[CIVILITY],
            last_name=record[LAST_NAME],
            first_name=record[FIRST_NAME],
            habilitation_end=record[HABILITATION_END],
            email=record[EMAIL],
            phone=record[PHONE],
            address=record[ADDRESS],
            postal_code=record[POSTAL_CODE],
            city=record[CITY],
            company=_company(record),
            habilitated_title=record[HABILITATED_TITLE],
            available_days=record[AVAILABILITY],
            salaried=record[SALARIED],
            declared_links=record[LINKS],
            response=record[RESPONSE],
            origin=record.origin,
        )
        for record in table.records
    )
    return jurors, (*table.findings, *_same_names(jurors))


def _same_names(jurors: tuple[Juror, ...]) -> Iterator[Finding]:
    """Two rows for one name: the plan and the invitations could not tell the jurors apart."""
    first_rows: dict[str, Juror] = {}
    for juror in jurors:
        key = fold_text(juror.full_name)
        first = first_rows.setdefault(key, juror)
        if first is juror:
            continue
        yield error(
            "duplicate-juror",
            f"{juror.full_name} figure déjà ligne {first.origin.row} de la feuille Jurys : "
            "gardez une seule ligne par juré ; deux personnes du même nom se distinguent en "
            "ajoutant un second prénom ou une initiale.",
            locate(juror.origin, "last_name"),
        )


def _company(record: Record) -> Company | None:
    """The employer; a SIRET typed without a name still identifies it."""
    name, siret = record[COMPANY], record[SIRET]
    if name:
        return Company(name, siret)
    if siret:
        return Company(f"SIRET {siret}", siret)
    return None
