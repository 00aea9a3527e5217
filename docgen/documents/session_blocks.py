"""Context blocks every document shares: the centre, the session, its responsable."""

from __future__ import annotations

from typing import Any

from docgen.errors import InputError
from docgen.french import NBSP, date_range
from docgen.model import Session, SessionData, SessionType


def require_session(data: SessionData, documents: str) -> Session:
    """The Session sheet's data, or a French stop when it could not be read."""
    if data.session is None:
        raise InputError(
            f"La feuille Session est absente ou incomplète : impossible d'écrire {documents}. "
            "Lancez « docgen check » et complétez la feuille Session."
        )
    return data.session


def inline(address: str) -> str:
    """An address on one line: its lines joined by commas."""
    return ", ".join(line.strip() for line in address.splitlines() if line.strip())


def quoted(text: str) -> str:
    """French quotation marks, held to the text by non-breaking spaces."""
    return f"«{NBSP}{text}{NBSP}»"


def kind_of_session(session: Session) -> str:
    """« le Titre professionnel « … » », or the CCP / CCS it is."""
    if session.session_type is SessionType.CCP:
        return (
            "un certificat de compétences professionnelles (CCP) du Titre professionnel "
            f"{quoted(session.title)}"
        )
    if session.session_type is SessionType.CCS:
        return f"le certificat complémentaire de spécialisation (CCS) {quoted(session.title)}"
    return f"le Titre professionnel {quoted(session.title)}"


def centre_block(session: Session) -> dict[str, str]:
    return {
        "name": session.centre,
        "address": session.centre_address,
        "postal_code": session.postal_code,
        "city": session.city,
        "address_inline": inline(f"{session.centre_address}\n{session.postal_code} {session.city}"),
    }


def session_block(session: Session) -> dict[str, str]:
    return {
        "title": session.title,
        "code": session.title_code or "",
        "kind": kind_of_session(session),
        "dates": date_range(session.start, session.end),
        "ceres_number": session.ceres_number or "",
        "place": inline(session.place),
    }


def manager_block(session: Session) -> dict[str, str]:
    return {
        "name": session.manager or "",
        "phone": session.manager_phone or "",
        "email": session.manager_email or "",
    }


def shared_blocks(session: Session) -> dict[str, Any]:
    """`centre`, `session` and `manager`, as every template names them."""
    return {
        "centre": centre_block(session),
        "session": session_block(session),
        "manager": manager_block(session),
    }
