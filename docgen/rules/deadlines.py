"""Deadlines before D (the first day of épreuves): convocations, pli, juror invitations."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from docgen.calendar import deadline
from docgen.findings import Finding, Severity, warning
from docgen.french import long_date
from docgen.model import Session, SessionData, locate
from docgen.rules.phrasing import deadline_phrase
from docgen.settings import Settings


def _missed(done_on: date | None, limit: date, as_of: date) -> bool:
    """Done after the limit, or not done (as far as the workbook says) and the limit has passed."""
    return done_on > limit if done_on is not None else as_of > limit


def _limit(session: Session, days_before: int) -> tuple[date, str]:
    limit = deadline(session.start, days_before, session.departement)
    return limit, deadline_phrase(limit, session.start, days_before)


def convocation_deadline(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """Convocations validated in CERES and sent no later than D−31."""
    session = data.session
    if session is None:
        return
    limit, phrase = _limit(session, settings.convocation_days)
    done_on = session.convocations_validated
    if not _missed(done_on, limit, settings.as_of):
        return
    if done_on is not None:
        message = (
            f"La validation des convocations est datée du {long_date(done_on)}, après la date "
            f"limite du {phrase}. Validez-les dans CERES et envoyez-les au plus tard à cette "
            "date, ou reportez la session."
        )
    else:
        message = (
            f"Les convocations ne sont pas validées alors que la date limite du {phrase} "
            f"est passée (au {long_date(settings.as_of)}). Validez-les dans CERES et envoyez-les "
            "sans attendre, puis indiquez la « Date de validation des convocations » ; "
            "sinon reportez la session."
        )
    yield Finding(
        "convocation-late",
        Severity.ERROR,
        message,
        locate(session.origin, "convocations_validated"),
    )


def pli_order_deadline(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """The pli d'examen is best ordered by D−90."""
    session = data.session
    if session is None:
        return
    limit, phrase = _limit(session, settings.pli_order_days)
    done_on = session.pli_ordered
    if not _missed(done_on, limit, settings.as_of):
        return
    if done_on is not None:
        message = (
            f"La commande du pli d'examen est datée du {long_date(done_on)}, après la date "
            f"conseillée du {phrase}. Commandez-le au plus tôt et suivez sa livraison."
        )
    else:
        message = (
            f"Le pli d'examen n'est pas commandé alors que la date conseillée du {phrase} "
            f"est passée (au {long_date(settings.as_of)}). Commandez-le sans attendre, "
            "puis indiquez la « Date de commande du pli »."
        )
    yield Finding(
        "pli-order-late", Severity.WARNING, message, locate(session.origin, "pli_ordered")
    )


def pli_reception_deadline(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """A pli not received by D−14 calls for contacting AFPA."""
    session = data.session
    if session is None:
        return
    limit, phrase = _limit(session, settings.pli_received_days)
    done_on = session.pli_received
    if not _missed(done_on, limit, settings.as_of):
        return
    phrase_short = long_date(limit)
    contact = "l'unité « Gestion des épreuves de validation » de l'AFPA"
    if done_on is not None:
        message = (
            f"La réception du pli d'examen est datée du {long_date(done_on)}, après le {phrase}. "
            f"S'il n'est pas arrivé au {phrase_short}, contactez {contact}."
        )
    else:
        message = (
            f"Le pli d'examen n'est pas reçu alors que le {phrase} est passé "
            f"(au {long_date(settings.as_of)}). Contactez {contact}, "
            "puis indiquez la « Date de réception du pli » à son arrivée."
        )
    yield Finding(
        "pli-not-received", Severity.WARNING, message, locate(session.origin, "pli_received")
    )


def invitation_deadline(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """Juror invitations out by D−45 (warning), D−15 at the latest (error)."""
    session = data.session
    if session is None:
        return
    done_on = session.invitations_sent
    severity = Severity.ERROR
    limit, phrase = _limit(session, settings.invitation_error_days)
    if not _missed(done_on, limit, settings.as_of):
        severity = Severity.WARNING
        limit, phrase = _limit(session, settings.invitation_warning_days)
        if not _missed(done_on, limit, settings.as_of):
            return
    why = (
        "un juré salarié doit demander son congé par écrit à son employeur au moins 15 jours "
        "avant, invitation jointe"
    )
    if done_on is not None:
        message = (
            f"L'envoi des invitations des jurés est daté du {long_date(done_on)}, après le "
            f"{phrase} : {why}. Envoyez-les plus tôt ou reportez la session."
        )
    else:
        message = (
            f"Les invitations des jurés ne sont pas envoyées alors que le {phrase} est passé "
            f"(au {long_date(settings.as_of)}) : {why}. Envoyez-les sans attendre, puis "
            "indiquez la « Date d'envoi des invitations »."
        )
    yield Finding("invitation-late", severity, message, locate(session.origin, "invitations_sent"))


def sent_after_start(
    data: SessionData, settings: Settings, documents: Sequence[str]
) -> Iterator[Finding]:
    """Documents that reach candidates or jurors ahead of the session (convocations,
    invitations), written once its first day has passed: too late to be of use."""
    session = data.session
    if session is None or not documents or settings.as_of <= session.start:
        return
    yield warning(
        "sent-after-start",
        f"Des {' et des '.join(documents)} écrites le {long_date(settings.as_of)}, après le "
        f"premier jour de la session ({long_date(session.start)}) : elles arriveraient trop "
        "tard. Vérifiez « Date de début » et la date --as-of ; les feuilles du jour restent "
        "utilisables pendant la session.",
        locate(session.origin, "start"),
    )
