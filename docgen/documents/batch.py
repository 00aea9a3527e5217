"""What every family's render function shares: the progress hook and the documents' properties."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from docgen.documents.render import DocumentProperties, fixed_moment
from docgen.model import Session
from docgen.settings import Settings

Progress = Callable[[Iterable[str], str], Iterable[str]]
"""Wraps the names of the documents being rendered (e.g. a progress bar) and yields them back."""


def with_progress(names: Iterable[str], label: str, progress: Progress | None) -> Iterable[str]:
    """The names, through the progress hook when there is one."""
    return progress(names, label) if progress else names


def session_properties(session: Session, title: str, settings: Settings) -> DocumentProperties:
    """A session document's properties: the centre as author, the run's fixed moment."""
    return DocumentProperties(
        author=session.centre,
        title=title,
        subject=f"Session d'examen – {session.title}",
        moment=fixed_moment(settings.as_of),
    )
