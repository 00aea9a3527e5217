"""Sheet names and headers match however they are typed; the header row may sit under a title."""

from __future__ import annotations

import pytest

from docgen.workbook.headers import canonical_sheets, find_header_row, label_key, label_keys
from docgen.workbook.raw import RawSheet


@pytest.mark.parametrize(
    "typed",
    ["Nom de naissance", "NOM DE NAISSANCE ", "nom de naissance*", " Nom  de   naissance : ",
     "NOM DE NAISSANCE *", "Nom_de_naissance"],
)  # fmt: skip
def test_headers_ignore_case_spaces_and_marks(typed: str) -> None:
    assert label_key(typed) == "nom de naissance"


@pytest.mark.parametrize("typed", ["N° candidat", "Nº candidat", "No candidat", "n° CANDIDAT"])
def test_numero_signs(typed: str) -> None:
    assert label_key(typed) == "no candidat"


def test_accents_and_apostrophes() -> None:
    assert label_key("Voie d’accès") == label_key("VOIE D'ACCES")


def test_a_unit_in_brackets_is_optional() -> None:
    assert "duree" in label_keys("Durée (min)")


def test_sheet_names() -> None:
    titles = ["Feuil1", "DEROULE-TYPE", "candidats ", "Jury", "Materiel", "a apporter"]
    assert canonical_sheets(titles) == {
        "Déroulé": "DEROULE-TYPE",
        "Candidats": "candidats ",
        "Jurys": "Jury",
        "Matériel": "Materiel",
        "À apporter": "a apporter",
    }


LABELS = {"a": ("Nom",), "b": ("Prénom",), "c": ("Ville",)}


def test_the_header_row_is_the_first_matching_two_headers() -> None:
    sheet = RawSheet(
        "Jurys",
        ((1, ("Nom des jurés",)), (3, ("Ville", None, "Nom", "Prénom")), (4, ("Lyon", 1, "Nom"))),
    )
    header = find_header_row(sheet, LABELS)
    assert header is not None
    assert header.row == 3
    assert dict(header.positions) == {"c": 0, "a": 2, "b": 3}


def test_a_row_with_one_known_header_is_used_when_nothing_better_exists() -> None:
    sheet = RawSheet("Jurys", ((2, ("Titre",)), (4, (None, "Prénom", "Autre"))))
    header = find_header_row(sheet, LABELS)
    assert header is not None
    assert (header.row, dict(header.positions)) == (4, {"b": 1})


def test_no_header_at_all() -> None:
    assert find_header_row(RawSheet("Jurys", ((1, (1, 2)),)), LABELS) is None
