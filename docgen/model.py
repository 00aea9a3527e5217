"""The session's domain as frozen dataclasses: what the workbook says, already typed and checked."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, time
from enum import Enum

from docgen.findings import Location


class SessionType(Enum):
    TITRE = "Titre"
    CCP = "CCP"
    CCS = "CCS"


class Civility(Enum):
    MONSIEUR = "M."
    MADAME = "Mme"


class AccessRoute(Enum):
    FORMATION = "Formation"
    VAE = "VAE"
    APPRENTISSAGE = "Apprentissage"
    CAPITALISATION = "Capitalisation"


class Delivery(Enum):
    RECOMMANDE = "Recommandé"
    MAIN_PROPRE = "Main propre"


class JurorResponse(Enum):
    ACCEPTE = "Accepté"
    REFUSE = "Refusé"
    EN_ATTENTE = "En attente"


class StepNature(Enum):
    EPREUVE = "Épreuve"
    TEMPS_CACHE = "Temps caché"


class StepMode(Enum):
    COLLECTIF = "Collectif"
    INDIVIDUEL = "Individuel"
    SESSION = "Session"
    JOUR = "Jour"


class RoomType(Enum):
    PLATEAU = "Plateau"
    ENTRETIEN = "Entretien"
    INFORMATIQUE = "Informatique"
    ATTENTE = "Attente"


class EquipmentState(Enum):
    OPERATIONNEL = "Opérationnel"
    A_VERIFIER = "À vérifier"
    HORS_SERVICE = "Hors service"


@dataclass(frozen=True)
class Origin:
    """Where a record was read: its sheet, its row and the cell of each of its fields.

    `cells` maps a field name of the record (the Python attribute, e.g. `habilitation_end`) to its
    `(column, row)`; for the two-column `Session` sheet each field has its own row.
    """

    sheet: str
    row: int | None = None
    cells: tuple[tuple[str, str, int], ...] = ()

    def locate(self, field_name: str | None = None) -> Location:
        """The cell of `field_name`, or the record's row when the field has no cell."""
        for name, column, row in self.cells:
            if name == field_name:
                return Location(self.sheet, row, column)
        return Location(self.sheet, self.row, None)


UNKNOWN_ORIGIN = Origin(sheet="")


def locate(origin: Origin, field_name: str | None = None) -> Location:
    """The location of a record's field; no location for records built in code."""
    if not origin.sheet:
        return Location()
    return origin.locate(field_name)


@dataclass(frozen=True)
class Company:
    name: str
    siret: str | None = None


@dataclass(frozen=True)
class Session:
    """The `Session` sheet."""

    title: str
    session_type: SessionType
    centre: str
    centre_address: str
    postal_code: str
    city: str
    start: date
    end: date
    opening_time: time
    expected_candidates: int
    manager: str | None
    manager_phone: str | None
    title_code: str | None = None
    ceres_number: str | None = None
    exam_place: str | None = None
    day_start: time = time(8, 30)
    day_end: time = time(17, 30)
    lunch_start: time = time(12, 0)
    lunch_end: time = time(13, 0)
    arrival_margin_minutes: int = 15
    """`Marge d'arrivée`: a candidate arrives this long before their first step of a day."""
    max_wait_minutes: int = 60
    """`Attente maximale`: the longest wait inside a candidate's day, lunch excluded."""
    max_days_per_juror: int | None = None
    """`Jours maximum par juré`: most session days one juror is asked to sit (None: no limit)."""
    max_juror_day_minutes: int = 420
    """`Heures maximum par juré et par jour`, in minutes."""
    manager_email: str | None = None
    pli_ordered: date | None = None
    pli_received: date | None = None
    convocations_validated: date | None = None
    invitations_sent: date | None = None
    title_validity_end: date | None = None
    origin: Origin = UNKNOWN_ORIGIN

    @property
    def departement(self) -> str:
        """The département code from the centre's postal code (`57`, `2A`, `971`)."""
        code = self.postal_code.strip()
        if code.startswith(("97", "98")):
            return code[:3]
        if code.startswith("20"):
            return "2A" if code < "20200" else "2B"
        return code[:2]

    @property
    def place(self) -> str:
        """Where the épreuves take place: `Lieu des épreuves`, else the centre's address."""
        if self.exam_place:
            return self.exam_place
        return f"{self.centre_address}\n{self.postal_code} {self.city}"


@dataclass(frozen=True)
class Candidate:
    """One row of `Candidats`."""

    number: str
    civility: Civility
    birth_name: str
    first_name: str
    birth_date: date
    address: str
    postal_code: str
    city: str
    usage_name: str | None = None
    birth_place: str | None = None
    email: str | None = None
    phone: str | None = None
    access_route: AccessRoute | None = None
    companies: tuple[Company, ...] = ()
    trainers: tuple[str, ...] = ()
    extra_time_percent: int = 0
    delivery: Delivery = Delivery.RECOMMANDE
    registered_mail_number: str | None = None
    origin: Origin = UNKNOWN_ORIGIN

    @property
    def last_name(self) -> str:
        """The name printed: `Nom d'usage` when present, else `Nom de naissance`."""
        return self.usage_name or self.birth_name

    @property
    def full_name(self) -> str:
        """`NOM Prénom`, the way names are written in CERES and on the plan."""
        return f"{self.last_name.upper()} {self.first_name}"


@dataclass(frozen=True)
class Juror:
    """One row of `Jurys`."""

    civility: Civility
    last_name: str
    first_name: str
    habilitation_end: date
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    company: Company | None = None
    habilitated_title: str | None = None
    available_days: frozenset[date] | None = None
    """The days the juror can sit; `None` means every day (`Toutes` or empty)."""
    salaried: bool = False
    declared_links: tuple[str, ...] = ()
    response: JurorResponse = JurorResponse.EN_ATTENTE
    origin: Origin = UNKNOWN_ORIGIN

    @property
    def full_name(self) -> str:
        """`NOM Prénom`, as INTERFACE.md writes juror names."""
        return f"{self.last_name.upper()} {self.first_name}"

    def is_available(self, day: date) -> bool:
        return self.available_days is None or day in self.available_days


@dataclass(frozen=True)
class Step:
    """One row of `Déroulé`."""

    order: int
    name: str
    nature: StepNature
    mode: StepMode
    duration_minutes: int
    jurors_required: int = 0
    room_type: RoomType | None = None
    capacity: int | None = None
    candidate_present: bool = True
    description: str | None = None
    origin: Origin = UNKNOWN_ORIGIN
    all_jurors: bool = False
    """`Jurés` = `Tous`: every juror who evaluated a candidate the step covers attends (the final
    deliberation and PV, signed by all the jury's members)."""

    @property
    def is_epreuve(self) -> bool:
        return self.nature is StepNature.EPREUVE

    def duration_for(self, candidate: Candidate) -> int:
        """Minutes this step lasts for `candidate`: `Temps majoré` lengthens their épreuves,
        rounded up to the minute."""
        if not self.is_epreuve or not self.candidate_present or candidate.extra_time_percent <= 0:
            return self.duration_minutes
        return math.ceil(self.duration_minutes * (100 + candidate.extra_time_percent) / 100)


@dataclass(frozen=True)
class Equipment:
    """One row of `Matériel`."""

    name: str
    required_quantity: int
    available_quantity: int
    state: EquipmentState
    dte_reference: str | None = None
    per_candidate: bool = False
    checked_on: date | None = None
    brought_by_candidate: bool = False
    origin: Origin = UNKNOWN_ORIGIN
    steps: tuple[str, ...] = ()
    """`Étapes`: the steps that use the item, by name or `Ordre` number (empty: the default,
    see `Equipment.uses`)."""

    def uses(self, step: Step, all_steps: tuple[Step, ...]) -> bool:
        """Whether `step` uses the item: a step named in `Étapes` (by name, loosely, or by
        `Ordre`); by default the steps held in a `Plateau` room, or every collective step when
        no step uses a `Plateau` room."""
        if self.steps:
            wanted = {" ".join(name.casefold().split()) for name in self.steps}
            return " ".join(step.name.casefold().split()) in wanted or str(step.order) in wanted
        if any(other.room_type is RoomType.PLATEAU for other in all_steps):
            return step.room_type is RoomType.PLATEAU
        return step.mode is StepMode.COLLECTIF


@dataclass(frozen=True)
class Room:
    """One row of `Salles`."""

    name: str
    room_type: RoomType
    capacity: int = 1
    confidential: bool = False
    origin: Origin = UNKNOWN_ORIGIN


DEFAULT_ITEMS_TO_BRING: tuple[str, ...] = (
    "Original d'une pièce d'identité en cours de validité",
    "La présente convocation",
    "Votre dossier professionnel (DP)",
)


@dataclass(frozen=True)
class SessionData:
    """Everything one session workbook holds that could be read.

    `session` is `None` when the `Session` sheet is missing or lacks a required value; records
    whose required cells could not be read are left out (each with its finding).
    """

    session: Session | None
    candidates: tuple[Candidate, ...] = ()
    jurors: tuple[Juror, ...] = ()
    steps: tuple[Step, ...] = ()
    equipment: tuple[Equipment, ...] = ()
    rooms: tuple[Room, ...] = ()
    items_to_bring: tuple[str, ...] = DEFAULT_ITEMS_TO_BRING
    present_sheets: frozenset[str] = field(default_factory=frozenset)
    """Canonical names of the sheets found (`Candidats`, `Jurys`, …)."""
    candidate_rows: int | None = None
    """Candidate rows typed in the workbook, counting those left out for a problem."""

    @property
    def steps_in_order(self) -> tuple[Step, ...]:
        return tuple(sorted(self.steps, key=lambda step: (step.order, step.name)))
