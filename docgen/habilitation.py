"""Whether a juror's habilitation covers the session: one answer for the checks and the planner."""

from __future__ import annotations

import re

from docgen.conflicts import fold_text
from docgen.model import Session


def _compact(text: str) -> str:
    """Case, accents, spaces and punctuation ignored: `TP-01234` is `tp 01234`."""
    return re.sub(r"[\W_]+", "", fold_text(text))


def title_matches(habilitated_title: str | None, session: Session) -> bool:
    """An empty `Titre habilité`, the session's code, its intitulé, or code and intitulé."""
    if not habilitated_title or not habilitated_title.strip():
        return True
    typed = _compact(habilitated_title)
    title = _compact(session.title)
    code = _compact(session.title_code or "")
    accepted = {title}
    if code:
        accepted |= {code, code + title, title + code}
    return typed in accepted
