"""One answer to « is this juror habilitated for this title? », for the checks and the planner."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from docgen.habilitation import title_matches
from docgen.planning.pool import exclusion_reason
from docgen.rules.jurors import habilitation_title
from docgen.settings import Settings
from tests.documents.conftest import make_session
from tests.rules.conftest import CLEAN

SESSION = replace(make_session(), title="Soudeur & assembleur industriel", title_code="TP-01234")


@pytest.mark.parametrize(
    "typed",
    [
        None,
        "",
        "Soudeur & assembleur industriel",
        "SOUDEUR ASSEMBLEUR INDUSTRIEL",
        "tp 01234",
        "TP-01234 - Soudeur & assembleur industriel",
    ],
)
def test_the_session_title_in_any_spelling_matches(typed: str | None) -> None:
    assert title_matches(typed, SESSION)


@pytest.mark.parametrize("typed", ["Soudeur", "Soudeur TIG électrode enrobée", "TP-01235"])
def test_another_title_does_not_match(typed: str) -> None:
    assert not title_matches(typed, SESSION)


def test_the_checks_and_the_planner_agree() -> None:
    data = CLEAN
    data = replace(data, session=replace(data.session, title=SESSION.title))
    juror = replace(data.jurors[0], habilitated_title="Soudeur assembleur industriel")
    data = replace(data, jurors=(juror, *data.jurors[1:]))
    settings = Settings(as_of=date(2027, 1, 4))
    assert list(habilitation_title(data, settings)) == []
    assert data.session is not None
    assert exclusion_reason(juror, data.session, [data.session.start]) is None
