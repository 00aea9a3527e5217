"""The proof of sending: the register of convocations and invitations, receipts, the bordereau."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from docgen.calendar import deadline
from docgen.documents import convocation_files
from docgen.documents.batch import Progress, session_properties, with_progress
from docgen.documents.invitation import invitation_files
from docgen.documents.render import DocumentTemplate
from docgen.documents.session_blocks import inline, require_session, shared_blocks
from docgen.french import long_date, short_date
from docgen.model import Candidate, Delivery, Juror, Session, SessionData
from docgen.planning.plan import Plan
from docgen.settings import Settings
from docgen.template_files import template_path

SENDING_FOLDER = "envois"
REGISTER_FILE = f"{SENDING_FOLDER}/envois.xlsx"
REGISTER_DOCUMENT = f"{SENDING_FOLDER}/envois.docx"
BORDEREAU_FILE = f"{SENDING_FOLDER}/bordereau_depot.docx"
RECEIPTS_FOLDER = f"{SENDING_FOLDER}/recepisses"
REGISTER_TEMPLATE = "envois.docx"
BORDEREAU_TEMPLATE = "bordereau_depot.docx"
RECEIPT_TEMPLATE = "recepisse.docx"
EMAIL = "E-mail"
POST = "Courrier"


@dataclass(frozen=True)
class Sending:
    """One line of the register: a document that must leave the centre by a date."""

    document: str
    recipient: str
    address: str
    mode: str
    registered_number: str
    leave_by: date
    file: str


def _postal(address: str, postal_code: str | None, city: str | None) -> str:
    return inline(f"{address}\n{postal_code or ''} {city or ''}".strip())


def _candidate_line(candidate: Candidate, name: str, leave_by: date) -> Sending:
    return Sending(
        document=f"Convocation n° {candidate.number}",
        recipient=f"{candidate.civility.value} {candidate.full_name}",
        address=_postal(candidate.address, candidate.postal_code, candidate.city),
        mode=candidate.delivery.value,
        registered_number=(
            candidate.registered_mail_number or ""
            if candidate.delivery is Delivery.RECOMMANDE
            else ""
        ),
        leave_by=leave_by,
        file=name,
    )


def _juror_line(juror: Juror, name: str, leave_by: date) -> Sending:
    postal = _postal(juror.address or "", juror.postal_code, juror.city)
    return Sending(
        document="Invitation au jury",
        recipient=f"{juror.civility.value} {juror.full_name}",
        address=juror.email or postal,
        mode=EMAIL if juror.email else POST,
        registered_number="",
        leave_by=leave_by,
        file=name,
    )


def sendings(data: SessionData, plan: Plan | None, settings: Settings) -> list[Sending]:
    """Every convocation (D−31) then every invitation (D−15), with the date it must leave by:
    the same working-day rule as the deadline checks."""
    session = data.session
    if session is None:
        return []
    convocations_by = deadline(session.start, settings.convocation_days, session.departement)
    invitations_by = deadline(session.start, settings.invitation_error_days, session.departement)
    lines = [
        _candidate_line(candidate, name, convocations_by)
        for name, candidate in convocation_files(data).items()
    ]
    if plan is not None:
        lines += [
            _juror_line(juror, name, invitations_by)
            for name, juror in invitation_files(data, plan).items()
        ]
    return lines


def _line_context(line: Sending) -> dict[str, str]:
    return {
        "document": line.document,
        "recipient": line.recipient,
        "address": line.address,
        "mode": line.mode,
        "number": line.registered_number or "—",
        "leave_by": short_date(line.leave_by),
    }


def register_context(data: SessionData, plan: Plan | None, settings: Settings) -> dict[str, Any]:
    session = require_session(data, "le registre des envois")
    lines = sendings(data, plan, settings)
    return {
        **shared_blocks(session),
        "as_of": long_date(settings.as_of),
        "lines": [_line_context(line) for line in lines],
        "missing_numbers": sum(
            1
            for line in lines
            if line.mode == Delivery.RECOMMANDE.value and not line.registered_number
        ),
    }


def bordereau_context(data: SessionData, plan: Plan | None, settings: Settings) -> dict[str, Any]:
    session = require_session(data, "le bordereau de dépôt")
    letters = [
        line for line in sendings(data, plan, settings) if line.mode == Delivery.RECOMMANDE.value
    ]
    return {
        **shared_blocks(session),
        "letters": [
            {**_line_context(line), "rank": str(rank)} for rank, line in enumerate(letters, start=1)
        ],
        "count": str(len(letters)),
        "leave_by": long_date(letters[0].leave_by) if letters else "",
    }


def receipt_context(data: SessionData, candidate: Candidate, settings: Settings) -> dict[str, Any]:
    session = require_session(data, "les récépissés")
    leave_by = deadline(session.start, settings.convocation_days, session.departement)
    return {
        **shared_blocks(session),
        "candidate": {
            "name": f"{candidate.civility.value} {candidate.full_name}",
            "number": candidate.number,
            "birth_date": short_date(candidate.birth_date),
            "address": _postal(candidate.address, candidate.postal_code, candidate.city),
        },
        "convocation": f"Convocation à la session d'examen, candidat n° {candidate.number}",
        "leave_by": long_date(leave_by),
    }


def hand_delivered(data: SessionData) -> dict[str, Candidate]:
    """`envois/recepisses/recepisse_<N°>_<NOM>_<Prénom>.docx` → its candidate, for `Main
    propre` only."""
    return {
        name.replace("convocations/", f"{RECEIPTS_FOLDER}/recepisse_", 1): candidate
        for name, candidate in convocation_files(data).items()
        if candidate.delivery is Delivery.MAIN_PROPRE
    }


def _stamp(session: Session) -> datetime:
    return datetime.combine(session.start, time())


def render_sending(
    data: SessionData,
    plan: Plan | None,
    settings: Settings,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """`envois/`: envois.xlsx and envois.docx (the register), the bordereau de dépôt when some
    convocations go by registered mail, a récépissé per convocation handed over in person."""
    from docgen.workbook.sending_export import sending_workbook_bytes

    session = require_session(data, "le registre des envois")
    lines = sendings(data, plan, settings)
    documents: dict[str, bytes] = {REGISTER_FILE: sending_workbook_bytes(lines, _stamp(session))}
    register = DocumentTemplate.load(template_path(REGISTER_TEMPLATE, settings))
    documents[REGISTER_DOCUMENT] = register.render(
        register_context(data, plan, settings),
        session_properties(session, f"Registre des envois – {session.title}", settings),
    )
    if any(line.mode == Delivery.RECOMMANDE.value for line in lines):
        bordereau = DocumentTemplate.load(template_path(BORDEREAU_TEMPLATE, settings))
        documents[BORDEREAU_FILE] = bordereau.render(
            bordereau_context(data, plan, settings),
            session_properties(session, f"Bordereau de dépôt – {session.title}", settings),
        )
    receipts = hand_delivered(data)
    if receipts:
        receipt = DocumentTemplate.load(template_path(RECEIPT_TEMPLATE, settings))
        for name in with_progress(receipts, "Récépissés", progress):
            candidate = receipts[name]
            documents[name] = receipt.render(
                receipt_context(data, candidate, settings),
                session_properties(
                    session, f"Récépissé de remise en main propre – {candidate.full_name}", settings
                ),
            )
    return documents
