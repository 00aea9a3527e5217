"""Rules on each juror's habilitation: still valid on the last day, and for this title."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.findings import Finding, error
from docgen.french import long_date
from docgen.habilitation import title_matches
from docgen.model import Civility, Juror, JurorResponse, SessionData, locate
from docgen.settings import Settings


def _considered(data: SessionData) -> Iterator[Juror]:
    """The jurors who may sit: one who refused is never scheduled, so nothing about them matters."""
    return (juror for juror in data.jurors if juror.response is not JurorResponse.REFUSE)


def _habilitated(juror: Juror) -> str:
    return "habilitée" if juror.civility is Civility.MADAME else "habilité"


def habilitation_validity(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """A juror's habilitation must run to the last day of the session."""
    session = data.session
    if session is None:
        return
    for juror in _considered(data):
        if juror.habilitation_end < session.end:
            yield error(
                "habilitation-expired",
                f"{juror.full_name} est {_habilitated(juror)} jusqu'au "
                f"{long_date(juror.habilitation_end)} seulement, avant la fin de la session "
                f"({long_date(session.end)}). Faites renouveler l'habilitation par la DREETS "
                "ou retirez ce juré de la session.",
                locate(juror.origin, "habilitation_end"),
            )


def habilitation_title(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """A juror's `Titre habilité`, when given, must be the session's title (code or intitulé)."""
    session = data.session
    if session is None:
        return
    for juror in _considered(data):
        typed = (juror.habilitated_title or "").strip()
        if not typed or title_matches(typed, session):
            continue
        code = f" (code {session.title_code})" if session.title_code else ""
        yield error(
            "habilitation-title",
            f"{juror.full_name} est {_habilitated(juror)} pour « {typed} », pas pour le titre "
            f"de la session « {session.title} »{code}. Vérifiez son habilitation dans CERES "
            "et corrigez « Titre habilité », ou retirez ce juré de la session.",
            locate(juror.origin, "habilitated_title"),
        )
