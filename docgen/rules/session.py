"""Rules on the session itself: dates, working days, expected candidates, responsable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from itertools import pairwise

from docgen.calendar import holiday_name
from docgen.conflicts import fold_text
from docgen.findings import Finding, Location, error, warning
from docgen.french import long_date
from docgen.model import SessionData, SessionType, Step, locate
from docgen.settings import Settings

DEROULE_SHEET = "Déroulé"


def candidate_count(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """`Candidats prévus` (declared in CERES) must match the rows of `Candidats`."""
    session = data.session
    if session is None or (data.present_sheets and "Candidats" not in data.present_sheets):
        return
    listed = len(data.candidates) if data.candidate_rows is None else data.candidate_rows
    if listed != session.expected_candidates:
        yield warning(
            "candidate-count-mismatch",
            f"{session.expected_candidates} candidats sont prévus (nombre déclaré dans CERES) "
            f"mais la feuille Candidats en compte {listed}. Corrigez « Candidats prévus » "
            "(et la session dans CERES) ou complétez la liste des candidats.",
            locate(session.origin, "expected_candidates"),
        )


def session_dates(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """The last day of the session cannot come before the first, nor months after it."""
    session = data.session
    if session is None:
        return
    if session.end < session.start:
        yield error(
            "session-dates",
            f"La date de fin ({long_date(session.end)}) est avant la date de début "
            f"({long_date(session.start)}). Corrigez « Date de fin » ou « Date de début ».",
            locate(session.origin, "end"),
        )
    elif (session.end - session.start).days > settings.max_session_days:
        yield error(
            "session-dates",
            f"La session irait du {long_date(session.start)} au {long_date(session.end)}, soit "
            f"{(session.end - session.start).days + 1} jours : c'est plus que les "
            f"{settings.max_session_days} jours admis. Vérifiez « Date de début » et « Date de "
            "fin » : un nombre saisi à la place d'une date donne une date d'une autre année.",
            locate(session.origin, "end"),
        )


def session_over(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """A session whose last day is already past: most often a date typed with the wrong year."""
    session = data.session
    if session is None or session.end >= settings.as_of or session.end < session.start:
        return
    yield error(
        "session-past",
        f"La session est déjà terminée : son dernier jour ({long_date(session.end)}) est passé "
        f"au {long_date(settings.as_of)}. Vérifiez l'année de « Date de début » et « Date de "
        "fin » ; pour relire une session passée, donnez sa date avec --as-of.",
        locate(session.origin, "end"),
    )


def session_days_off(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """The first or last day on a weekend or a holiday; a holiday inside the session."""
    session = data.session
    if session is None or session.end < session.start:
        return
    for offset in range((session.end - session.start).days + 1):
        day = session.start + timedelta(days=offset)
        chosen = day in (session.start, session.end)
        field = "end" if day == session.end and day != session.start else "start"
        location = locate(session.origin, field)
        holiday = holiday_name(day, session.departement)
        if holiday is not None and (chosen or day.weekday() < 5):
            consequence = (
                "Vérifiez que le centre, les jurés et les candidats seront là, "
                "ou changez les dates de la session."
                if chosen
                else "Aucune épreuve n'y est prévue : le planning passe au jour suivant."
            )
            yield warning(
                "session-day-holiday",
                f"Le {long_date(day)}, jour de session, est férié ({holiday}). {consequence}",
                location,
            )
        elif holiday is None and chosen and day.weekday() >= 5:
            yield warning(
                "session-day-weekend",
                f"Le {long_date(day)}, jour de session, tombe un week-end. "
                "Vérifiez que le centre, les jurés et les candidats seront là, "
                "ou changez les dates de la session.",
                location,
            )


def responsable(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """A session needs a named responsable de session."""
    session = data.session
    if session is None or (session.manager or "").strip():
        return
    yield error(
        "responsable-missing",
        "Aucun responsable de session n'est indiqué. Renseignez « Responsable de session » "
        "(nom et prénom de la personne présente tous les jours de la session).",
        locate(session.origin, "manager"),
    )


def organizer_email(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """Calendar files name the responsable as ORGANIZER: without an e-mail they have none."""
    session = data.session
    if session is None or (session.manager_email or "").strip():
        return
    yield warning(
        "organizer-email-missing",
        "« Email du responsable » est vide : les fichiers agenda (.ics) joints aux invitations et "
        "aux convocations partiront sans organisateur, et certains agendas (Outlook) les "
        "refusent ou ne permettent pas de répondre. Renseignez l'adresse e-mail du responsable "
        "de session.",
        locate(session.origin, "manager_email"),
    )


def _is_entretien_final(step: Step) -> bool:
    words = re.sub(r"[^\w]+", " ", fold_text(step.name)).split()
    return any(
        first == "entretien" and second in {"final", "finale"} for first, second in pairwise(words)
    )


def entretien_final_last(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """In a session titre, the entretien final is each candidate's last épreuve."""
    session = data.session
    if session is None or session.session_type is not SessionType.TITRE or not data.steps:
        return
    steps = data.steps_in_order
    finals = [step for step in steps if _is_entretien_final(step)]
    if not finals:
        yield error(
            "entretien-final-not-last",
            "Le déroulé d'une session titre n'a aucune étape « Entretien final ». "
            "Ajoutez-la comme dernière épreuve dans la feuille Déroulé.",
            Location(DEROULE_SHEET),
        )
        return
    epreuves = [step for step in steps if step.is_epreuve]
    last = epreuves[-1] if epreuves else None
    for step in finals:
        if step is last:
            continue
        if not step.is_epreuve:
            problem = "est notée « Temps caché » alors que c'est une épreuve"
            advice = "Mettez « Épreuve » dans sa colonne Nature et placez-la en dernier"
        else:
            assert last is not None  # `step` itself is an épreuve
            problem = f"n'est pas la dernière épreuve : « {last.name} » (ordre {last.order}) suit"
            advice = "Donnez-lui l'ordre le plus grand parmi les épreuves"
        yield error(
            "entretien-final-not-last",
            f"L'étape « {step.name} » (ordre {step.order}) {problem}. Dans une session "
            "titre, l'entretien final est toujours la dernière épreuve. "
            f"{advice} dans la feuille Déroulé.",
            locate(step.origin, "order"),
        )
