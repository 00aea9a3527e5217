"""A small session with jurors and a hand-made plan, for the invitation and calendar tests.

AUBERT Anne (salaried) sits on the 15th and 16th with both candidates (the MSP) then the
interviews of 2245403; CARON Claire (salaried) sits only on the 17th, for 2245404; BLANC Bruno
sits all three days; DUPUIS Denis is in the workbook but not in the plan.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from docgen.model import Civility, Company, Juror, SessionData
from docgen.planning.plan import JuryPair, Plan, Slot
from tests.documents.conftest import (
    DELIBERATION,
    FINAL,
    INTERVIEW,
    MSP,
    OPENING,
    at,
    make_candidate,
    make_data,
)

FIRST = "2245403"
SECOND = "2245404"
HOSTILE_NAME = 'O\'Brien & <Fils> "Zoé" 🔥'
HOSTILE_COMPANY = 'Soudure & Fils <SARL> "Le Top"'


def juror(last: str, first: str, **changes: object) -> Juror:
    made = Juror(
        civility=Civility.MADAME,
        last_name=last,
        first_name=first,
        habilitation_end=date(2030, 1, 1),
        address="5 rue des Juges",
        postal_code="75011",
        city="Paris",
    )
    return replace(made, **changes)  # type: ignore[arg-type]


AUBERT = juror("Aubert", "Anne", salaried=True, company=Company("Métallerie Aubert"))
BLANC = juror("Blanc", "Bruno", civility=Civility.MONSIEUR)
CARON = juror("Caron", "Claire", salaried=True)
DUPUIS = juror("Dupuis", "Denis", civility=Civility.MONSIEUR)


def jury_data(**session_changes: object) -> SessionData:
    first = make_candidate()
    second = make_candidate(
        number=SECOND,
        civility=Civility.MONSIEUR,
        birth_name="Moreau",
        usage_name=None,
        first_name=HOSTILE_NAME,
        companies=(Company(HOSTILE_COMPANY),),
    )
    data = make_data(first, second, **session_changes)
    return replace(data, jurors=(AUBERT, BLANC, CARON, DUPUIS))


def jury_plan() -> Plan:
    both = (FIRST, SECOND)
    a, b, c = AUBERT.full_name, BLANC.full_name, CARON.full_name
    slots = (
        Slot(OPENING, at(15, 8), at(15, 8, 30), "Salle d'accueil", both),
        Slot(MSP, at(15, 8, 45), at(15, 11, 45), "Atelier soudure", both, (a, b)),
        Slot(INTERVIEW, at(16, 9), at(16, 9, 40), "Salle 1", (FIRST,), (a, b), "J1"),
        Slot(FINAL, at(16, 9, 40), at(16, 10, 10), "Salle 1", (FIRST,), (a, b), "J1"),
        Slot(DELIBERATION, at(16, 10, 10), at(16, 10, 20), "Salle 1", (FIRST,), (a, b), "J1"),
        Slot(INTERVIEW, at(17, 14), at(17, 14, 40), "Salle 2", (SECOND,), (b, c), "J2"),
        Slot(FINAL, at(17, 14, 40), at(17, 15, 10), "Salle 2", (SECOND,), (b, c), "J2"),
    )
    return Plan(
        days=(date(2027, 3, 15), date(2027, 3, 16), date(2027, 3, 17)),
        slots=slots,
        jury_pairs=(JuryPair("J1", (a, b)), JuryPair("J2", (b, c))),
        assignment=((FIRST, "J1"), (SECOND, "J2")),
        lower_bound_pairs=1,
    )
