"""Juror × candidate conflicts: company (SIRET, else name), trainer, declared link."""

from __future__ import annotations

from dataclasses import replace

import pytest

from docgen.findings import Severity
from docgen.model import Company, JurorResponse, SessionData
from docgen.rules.conflicts import juror_conflicts
from docgen.settings import Settings


def with_juror_company(data: SessionData, company: Company) -> SessionData:
    """The second juror (BERNARD Hugo) working for `company`."""
    first, second = data.jurors
    return replace(data, jurors=(first, replace(second, company=company)))


def test_no_conflict_in_the_clean_session(clean: SessionData, settings: Settings) -> None:
    assert list(juror_conflicts(clean, settings)) == []


def test_same_siret_with_spaces_is_a_company_conflict(
    clean: SessionData, settings: Settings
) -> None:
    data = with_juror_company(clean, Company("Inox PA", "12345678900012"))
    [finding] = juror_conflicts(data, settings)
    assert finding.code == "conflict-company"
    assert finding.severity is Severity.WARNING
    assert finding.location.cell == "Candidats!N2"
    assert finding.message == (
        "BERNARD Hugo ne doit ni évaluer ni délibérer sur le candidat 2245403 (MARTIN Paul) : "
        "son entreprise « Inox PA » a employé ou accueilli le candidat (« Inox Pro Alsace »). "
        "Le planning confie ce candidat à un autre jury ; si c'est impossible, invitez un autre "
        "juré."
    )


def test_different_sirets_win_over_equal_names(clean: SessionData, settings: Settings) -> None:
    data = with_juror_company(clean, Company("Inox Pro Alsace", "99999999900099"))
    assert list(juror_conflicts(data, settings)) == []


def test_another_establishment_of_the_same_company_is_a_conflict(
    clean: SessionData, settings: Settings
) -> None:
    data = with_juror_company(clean, Company("Inox PA Mulhouse", "123 456 789 00099"))
    [finding] = juror_conflicts(data, settings)
    assert finding.code == "conflict-company"


def test_ets_stands_for_etablissements(clean: SessionData, settings: Settings) -> None:
    candidate = replace(clean.candidates[0], companies=(Company("Établissements Soudure"),))
    data = replace(clean, candidates=(candidate, *clean.candidates[1:]))
    [finding] = juror_conflicts(with_juror_company(data, Company("Ets Soudure")), settings)
    assert finding.code == "conflict-company"


@pytest.mark.parametrize(
    "name",
    [
        "soudure et fils",
        "SOUDURE & FILS",
        "Soudure & Fils (SARL)",
        "SARL Soudure et Fils",
        "Soudûre & Fils sarl",
        "Soudure et Fils S.A.S.",
        "Soudure & Fils (S.A.R.L.)",
    ],
)
def test_company_names_match_despite_case_accents_ampersand_and_legal_form(
    clean: SessionData, settings: Settings, name: str
) -> None:
    [finding] = juror_conflicts(with_juror_company(clean, Company(name)), settings)
    assert finding.code == "conflict-company"
    assert "candidat 2245404 (DURAND Léa)" in finding.message


def test_apostrophes_of_either_kind_match(clean: SessionData, settings: Settings) -> None:
    first, second = clean.candidates
    candidates = (first, replace(second, companies=(Company("L’Atelier du Métal (SAS)"),)))
    data = with_juror_company(replace(clean, candidates=candidates), Company("l'atelier du metal"))
    assert [f.code for f in juror_conflicts(data, settings)] == ["conflict-company"]


def test_a_shared_word_is_not_the_same_company(clean: SessionData, settings: Settings) -> None:
    # BERNARD Hugo works for « Inox Services »; MARTIN Paul was hosted by « Inox Pro Alsace ».
    data = with_juror_company(clean, Company("Inox Services"))
    assert list(juror_conflicts(data, settings)) == []


def test_a_juror_who_trained_the_candidate_is_a_trainer_conflict(
    clean: SessionData, settings: Settings
) -> None:
    first, second = clean.candidates
    candidates = (replace(first, trainers=("Hugo Bernard",)), second)
    [finding] = juror_conflicts(replace(clean, candidates=candidates), settings)
    assert finding.code == "conflict-trainer"
    assert finding.location.cell == "Candidats!P2"
    assert finding.message.startswith(
        "BERNARD Hugo ne doit ni évaluer ni délibérer sur le candidat 2245403 (MARTIN Paul) : "
        "il a formé ou accompagné le candidat."
    )


def test_a_declared_link_is_reported_on_the_jurors_row(
    clean: SessionData, settings: Settings
) -> None:
    first, second = clean.jurors
    jurors = (replace(first, declared_links=(" 2245404",)), second)
    [finding] = juror_conflicts(replace(clean, jurors=jurors), settings)
    assert finding.code == "conflict-declared"
    assert finding.severity is Severity.WARNING
    assert finding.location.cell == "Jurys!M2"
    assert "DUPONT Marie ne doit ni évaluer ni délibérer sur le candidat 2245404" in (
        finding.message
    )


def test_a_juror_who_refused_raises_no_conflict(clean: SessionData, settings: Settings) -> None:
    data = with_juror_company(clean, Company("Inox PA", "123 456 789 00012"))
    first, second = data.jurors
    data = replace(data, jurors=(first, replace(second, response=JurorResponse.REFUSE)))
    assert list(juror_conflicts(data, settings)) == []
