"""A juror's habilitation: valid until the last session day, and for this title."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from docgen.findings import Severity
from docgen.model import JurorResponse, SessionData
from docgen.rules.jurors import habilitation_title, habilitation_validity
from docgen.settings import Settings


def with_first_juror(data: SessionData, **changes: Any) -> SessionData:
    first, *others = data.jurors
    return replace(data, jurors=(replace(first, **changes), *others))


def test_habilitation_ending_on_the_last_day_is_enough(
    clean: SessionData, settings: Settings
) -> None:
    data = with_first_juror(clean, habilitation_end=date(2027, 3, 16))
    assert list(habilitation_validity(data, settings)) == []


def test_habilitation_ending_before_the_last_day_is_an_error(
    clean: SessionData, settings: Settings
) -> None:
    data = with_first_juror(clean, habilitation_end=date(2027, 3, 15))
    [finding] = habilitation_validity(data, settings)
    assert finding.code == "habilitation-expired"
    assert finding.severity is Severity.ERROR
    assert finding.location.cell == "Jurys!I2"
    assert finding.message == (
        "DUPONT Marie est habilitée jusqu'au lundi 15 mars 2027 seulement, avant la fin de la "
        "session (mardi 16 mars 2027). Faites renouveler l'habilitation par la DREETS ou "
        "retirez ce juré de la session."
    )


def test_a_juror_who_refused_is_not_checked(clean: SessionData, settings: Settings) -> None:
    data = with_first_juror(
        clean,
        habilitation_end=date(2020, 1, 1),
        habilitated_title="Cuisinier",
        response=JurorResponse.REFUSE,
    )
    assert list(habilitation_validity(data, settings)) == []
    assert list(habilitation_title(data, settings)) == []


@pytest.mark.parametrize(
    "typed",
    [
        "Soudeur assembleur industriel",
        "SOUDEUR  ASSEMBLEUR INDUSTRIEL ",
        "soudeur-assembleur industriel",
        "TP-01234",
        "tp 01234",
        "TP-01234 - Soudeur assembleur industriel",
        None,
        "",
    ],
)
def test_the_habilitated_title_matches_loosely(
    clean: SessionData, settings: Settings, typed: str | None
) -> None:
    data = with_first_juror(clean, habilitated_title=typed)
    assert list(habilitation_title(data, settings)) == []


def test_accents_do_not_matter_in_the_title(clean: SessionData, settings: Settings) -> None:
    assert clean.session is not None
    session = replace(clean.session, title="Électricien d'équipement du bâtiment")
    data = with_first_juror(
        replace(clean, session=session), habilitated_title="electricien d’equipement du batiment"
    )
    assert list(habilitation_title(data, settings)) == []


def test_another_title_is_an_error(clean: SessionData, settings: Settings) -> None:
    data = with_first_juror(clean, habilitated_title="Soudeur TIG électrode enrobée")
    [finding] = habilitation_title(data, settings)
    assert finding.code == "habilitation-title"
    assert finding.severity is Severity.ERROR
    assert finding.location.cell == "Jurys!J2"
    assert finding.message == (
        "DUPONT Marie est habilitée pour « Soudeur TIG électrode enrobée », pas pour le titre "
        "de la session « Soudeur assembleur industriel » (code TP-01234). Vérifiez son "
        "habilitation dans CERES et corrigez « Titre habilité », ou retirez ce juré de la session."
    )


def test_a_partial_title_is_not_a_match(clean: SessionData, settings: Settings) -> None:
    data = with_first_juror(clean, habilitated_title="Soudeur")
    assert [f.code for f in habilitation_title(data, settings)] == ["habilitation-title"]
