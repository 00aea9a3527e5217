"""Loading a whole workbook: the messy way people type reads like the tidy twin, and every
problem becomes a finding at its exact cell."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from pathlib import Path

import pytest

from docgen.findings import Finding
from docgen.model import (
    DEFAULT_ITEMS_TO_BRING,
    UNKNOWN_ORIGIN,
    Civility,
    Company,
    SessionData,
)
from docgen.workbook import load_workbook_file
from tests.conftest import MakeWorkbook
from tests.factory import drop_session_field, set_cell, set_session_value, tidy_session_rows


def without_origins(data: SessionData) -> SessionData:
    """The data as a user sees it: where each record was read does not matter."""

    def bare(records: tuple[object, ...]) -> tuple[object, ...]:
        return tuple(dataclasses.replace(record, origin=UNKNOWN_ORIGIN) for record in records)  # type: ignore[type-var]

    session = data.session and dataclasses.replace(data.session, origin=UNKNOWN_ORIGIN)
    return dataclasses.replace(
        data,
        session=session,
        candidates=bare(data.candidates),
        jurors=bare(data.jurors),
        steps=bare(data.steps),
        equipment=bare(data.equipment),
        rooms=bare(data.rooms),
    )  # type: ignore[arg-type]


def cells_of(findings: tuple[Finding, ...]) -> list[tuple[str, str | None]]:
    return [(finding.code, finding.location.where) for finding in findings]


# fmt: off
MESSY_SHEETS: dict[str, list[list[object]]] = {
    'session ': [
        ['Fiche session TP soudeur'],
        [],
        ['CHAMP', 'valeur :'],
        ['intitulé du titre', '  Soudeur assembleur industriel  '],
        ['Code du titre*', 'TP-01234'],
        ['type de session', 'titre'],
        ['N° de session CERES', '2027-0042'],
        ['centre', 'Centre de formation Les Forges'],
        ['Adresse du centre', '12 rue des Ateliers'],
        [],
        ['Code postal', 69007],
        ['Ville', 'Lyon'],
        ['Date de début', '15/03/27'],
        ['Date de fin', '2027-03-16'],
        ["Heure d'ouverture", '8h30'],
        ['Début de journée', '08:30'],
        ['Fin de journée', '17h30'],
        ['Pause déjeuner', '12h-13h'],
        ['Candidats prévus', '3'],
        ['Responsable de session', 'Claire Martin'],
        ['Téléphone du responsable', '04 78 00 00 00'],
        ['Email du responsable', 'claire.martin@forges.example'],
        ['Date de commande du pli', '20/11/2026'],
        ['Date de réception du pli', '15/01/27'],
        ['Date de validation des convocations', '01/02/2027'],
        ['Date d’envoi des invitations', '10/01/2027'],
        ['Fin de validité du titre', '31/12/2030'],
        ['Remarque libre', 'à relire'],
    ],
    'CANDIDATS': [
        ['Liste des candidats — session de mars'],
        [],
        ['Prénom ', 'NOM DE NAISSANCE*', 'n° candidat', 'Remarques', 'civilite', "Nom d'usage",
         'Date de naissance :', 'Lieu de naissance', 'adresse', 'CP', 'Ville', 'E-mail', 'Tél',
         "Voie d'accès", 'Entreprises', 'SIRET entreprises', 'Formateurs', 'Temps majoré (%)',
         'Remise', 'N° recommandé'],
        ['Karim', 'Durand', 2245401, 'ok', 'm', None, '04/05/90', 'Lyon', '3 rue Pasteur',
         69003, 'Lyon', 'karim.durand@mail.example', '06 11 22 33 44', 'formation',
         'Métallerie Rhône\nChaudronnerie Martin', '123 456 789 00011 ; 987 654 321 00022',
         'Paul Lefèvre', None, 'recommande', '1A 234 567 8901 2'],
        [],
        [None, None, None, 'ligne vide sauf une remarque'],
        ['Sophie', 'Petit', '2245402', None, 'MME', 'Garnier', '23/11/85', 'Villeurbanne',
         '8 avenue Thiers', '69006', 'Lyon', 'sophie.garnier@mail.example', None, 'vae',
         'Inox Concept', '11122233300044', 'Anne Roux', '33 %', 'Main Propre', None],
        ['Moussa', "N'Diaye", '2245403', None, 'M.', None, '14/02/01', 'Dakar',
         '15 chemin des Prés', 38200, 'Vienne', None, '07 55 44 33 22', 'apprentissage',
         'Soudure & Fils', None, None, 0, None, '1A 234 567 8903 4'],
    ],
    'Jury': [
        ['Habilitation', 'Prénom', 'Nom', 'civilité', 'Réponse', 'Salarié(e)', 'Disponibilités',
         'Titre habilité', 'SIRET', 'Entreprise', 'Ville', 'Code postal', 'Adresse',
         'Téléphone', 'Email', 'Liens déclarés'],
        ['31/12/2028', 'Hélène', 'Bernard', 'madame', 'accepté', 'x', 'toutes',
         'Soudeur assembleur industriel', '444 555 666 00011', 'Acier Service', 'Lyon', 69002,
         '1 place Bellecour', '06 01 02 03 04', 'helene.bernard@jury.example', None],
        ['2029-06-30', 'Louis', 'Moreau', 'm', 'Accepté', None, None, 'TP-01234',
         55566677700022, 'Soudage Alpes', None, None, None, '06 05 06 07 08',
         'louis.moreau@jury.example', None],
        ['31/01/28', 'Julie', 'Lambert', 'Mme', 'ACCEPTE', 'non', '15/03/27-16/03/27', None,
         None, None, None, None, None, None, 'julie.lambert@jury.example', ' '],
        ['31/12/2027', 'Marc', 'Fontaine', 'M', 'accepte', 'Oui', '',
         'Soudeur assembleur industriel', None, 'Métaux du Dauphiné', 'Grenoble', '38000',
         '4 rue Centrale', '06 09 08 07 06', 'marc.fontaine@jury.example', None],
    ],
    'Déroulé-type': [
        ['Déroulé-type du titre'],
        ['ordre', 'etape', 'nature', 'mode', 'durée (min)', 'jurés', 'salle', 'capacité',
         'Candidat présent', 'description', 'Notes'],
        [1, 'Accueil et ouverture des plis', 'temps cache', 'session', '30 min', None,
         'attente', None, None,
         "Accueil des candidats, contrôle d'identité et ouverture des plis", 'x'],
        [2, 'Mise en situation professionnelle', 'Epreuve', 'collectif', '4h', '2', 'plateau',
         '3', 'X', "Réalisation d'assemblages soudés sur le plateau technique", None],
        [3.0, 'Questionnaire professionnel', 'épreuve', 'Collectif', '1h', 0, 'informatique', 3,
         None, 'Questionnaire écrit sur poste informatique', None],
        [],
        ['4', 'Entretien technique', 'EPREUVE', 'individuel', '0h40', 2, 'Entretien', None,
         'oui', 'Entretien avec le jury sur la mise en situation', None],
        [5, 'Entretien final', 'Épreuve', 'Individuel', '0:30', 2, 'entretien', None, None,
         "Entretien final avec le jury, dossier professionnel à l'appui", None],
        [6, 'Délibération', 'Temps caché', 'individuel', 10, 2, 'Entretien', None, 'Non', None,
         None],
    ],
    'Materiel': [
        ['Équipement', 'Quantité requise', 'Quantité disponible', 'Etat', 'Par candidat',
         'Référence DTE', 'Vérifié le', 'À apporter par le candidat'],
        ['Poste de soudage MIG', 1, 4, 'operationnel', 'X', 'DTE-ORG-01', '15/02/2027', None],
        ["Meuleuse d'angle", '1', '3', 'Opérationnel', 'x', 'DTE-ORG-02', '15/02/27', ''],
        ['Masque de soudage', 1, 3, 'OPERATIONNEL', 'oui', 'DTE-ORG-03', None, 'X'],
        ['Chaussures de sécurité', 1, 3, 'opérationnel', 'O', 'DTE-ORG-04', None, 'x'],
    ],
    'Salles': [
        ['Salles de la session'],
        ['Type', 'Salle', 'Confidentielle', 'Capacité'],
        ['plateau', 'Atelier soudure', None, 4],
        ['Informatique', 'Salle informatique B2', 'non', '6'],
        ['entretien', 'Bureau 1', 'X', None],
        ['Entretien', 'Bureau 2', 'x', 1],
        ['attente', "Hall d'accueil", None, 10],
    ],
    'A apporter': [
        ['Élément :'],
        ["Original d'une pièce d'identité en cours de validité"],
        ['La présente convocation'],
        [],
        ['Votre dossier professionnel (DP)'],
        ['  Un stylo à bille noir '],
    ],
}
# fmt: on


def test_a_workbook_typed_the_way_people_type_reads_like_its_tidy_twin(
    make_workbook: MakeWorkbook,
) -> None:
    tidy = load_workbook_file(make_workbook(tidy_session_rows(), name="tidy"))
    messy = load_workbook_file(make_workbook(MESSY_SHEETS, name="messy"))
    assert tidy.findings == ()
    # The columns docgen does not know are read past, each with a warning at its header, in the
    # sheet as the workbook titles it.
    assert {(f.code, f.location.cell) for f in messy.findings} == {
        ("unknown-column", "CANDIDATS!D3"),
        ("unknown-column", "Déroulé-type!K2"),
        ("unknown-column", "session !A28"),
    }
    assert not any(finding.is_error for finding in messy.findings)
    assert without_origins(messy.data) == without_origins(tidy.data)


def test_the_tidy_session_reads_completely(make_workbook: MakeWorkbook) -> None:
    loaded = load_workbook_file(make_workbook())
    data = loaded.data
    assert loaded.findings == ()
    assert data.session is not None
    assert (data.session.start, data.session.end) == (date(2027, 3, 15), date(2027, 3, 16))
    assert data.session.opening_time == time(8, 30)
    assert [candidate.number for candidate in data.candidates] == ["2245401", "2245402", "2245403"]
    assert data.candidates[0].companies == (
        Company("Métallerie Rhône", "12345678900011"),
        Company("Chaudronnerie Martin", "98765432100022"),
    )
    assert data.candidates[1].last_name == "Garnier"
    assert data.candidates[1].extra_time_percent == 33
    assert data.jurors[0].full_name == "BERNARD Hélène"
    assert data.jurors[2].available_days == frozenset({date(2027, 3, 15), date(2027, 3, 16)})
    assert data.jurors[0].available_days is None
    assert [step.name for step in data.steps_in_order][-2:] == ["Entretien final", "Délibération"]
    assert data.steps_in_order[-1].candidate_present is False
    assert [room.confidential for room in data.rooms] == [False, False, True, True, False]
    assert data.items_to_bring[-1] == "Un stylo à bille noir"
    assert data.present_sheets == {
        "Session", "Candidats", "Jurys", "Déroulé", "Matériel", "Salles", "À apporter",
    }  # fmt: skip


def test_origins_point_at_the_cell_of_every_field(make_workbook: MakeWorkbook) -> None:
    data = load_workbook_file(make_workbook(MESSY_SHEETS)).data
    assert data.session is not None
    assert data.session.origin.locate("start").cell == "Session!B13"
    assert data.session.origin.locate("lunch_end").cell == "Session!B18"
    assert data.candidates[1].origin.locate("birth_date").cell == "Candidats!G7"
    assert data.jurors[3].origin.locate("habilitation_end").cell == "Jurys!A5"
    assert data.steps[3].origin.locate("duration_minutes").cell == "Déroulé!E7"
    assert data.rooms[0].origin.row == 3


def test_without_an_items_sheet_the_defaults_apply(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    del sheets["À apporter"]
    loaded = load_workbook_file(make_workbook(sheets))
    assert loaded.findings == ()
    assert loaded.data.items_to_bring == DEFAULT_ITEMS_TO_BRING
    assert "À apporter" not in loaded.data.present_sheets


@pytest.mark.parametrize(
    "sheet", ["Session", "Candidats", "Jurys", "Déroulé", "Matériel", "Salles"]
)
def test_a_missing_sheet_is_a_finding(make_workbook: MakeWorkbook, sheet: str) -> None:
    sheets = tidy_session_rows()
    del sheets[sheet]
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [("missing-sheet", sheet)]
    assert sheet not in loaded.data.present_sheets
    assert (loaded.data.session is None) == (sheet == "Session")


def test_an_empty_workbook_reports_every_missing_sheet(make_workbook: MakeWorkbook) -> None:
    loaded = load_workbook_file(make_workbook({"Feuil1": []}))
    assert sorted(cells_of(loaded.findings)) == sorted(
        ("missing-sheet", sheet)
        for sheet in ("Session", "Candidats", "Jurys", "Déroulé", "Matériel", "Salles")
    )
    assert loaded.data == SessionData(session=None)


def test_a_missing_column_is_reported_on_the_header_row(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    for row in sheets["Jurys"]:
        del row[10]  # Habilitation jusqu'au
    loaded = load_workbook_file(make_workbook(sheets, titles={"Jurys": "Jurés habilités"}))
    assert cells_of(loaded.findings) == [("missing-column", "Jurys, ligne 3")]
    assert "Habilitation jusqu'au" in loaded.findings[0].message
    assert loaded.data.jurors == ()


def test_a_sheet_without_recognisable_headers(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    sheets["Salles"] = [["Nom", "Genre"], ["Bureau", "Entretien"]]
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [
        ("missing-column", "Salles, ligne 1"),
        ("unknown-column", "Salles!B1"),
    ]
    assert "« Type »" in loaded.findings[0].message
    assert "« Genre » inconnue" in loaded.findings[1].message


def test_each_empty_required_cell_is_reported_and_its_record_left_out(
    make_workbook: MakeWorkbook,
) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 1, "Prénom", None)
    set_cell(sheets, "Candidats", 1, "Date de naissance", "  ")
    set_cell(sheets, "Salles", 4, "Type", None)
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [
        ("missing-value", "Candidats!E3"),
        ("missing-value", "Candidats!F3"),
        ("missing-value", "Salles!B6"),
    ]
    assert "« Prénom » est vide" in loaded.findings[0].message
    assert [candidate.number for candidate in loaded.data.candidates] == ["2245401", "2245403"]
    assert len(loaded.data.rooms) == 4


@pytest.mark.parametrize(
    ("sheet", "record", "header", "typed", "cell", "kept"),
    [
        ("Candidats", 0, "Civilité", "Docteur", "Candidats!B2", False),
        ("Candidats", 0, "Date de naissance", "31/02/1990", "Candidats!F2", False),
        ("Candidats", 0, "Voie d'accès", "Par hasard", "Candidats!M2", True),
        ("Candidats", 0, "SIRET entreprises", "123", "Candidats!O2", True),
        ("Candidats", 0, "Temps majoré", "un tiers", "Candidats!Q2", True),
        ("Candidats", 0, "Remise", "Pigeon voyageur", "Candidats!R2", True),
        ("Jurys", 1, "Habilitation jusqu'au", "bientôt", "Jurys!K3", False),
        ("Jurys", 1, "Disponibilités", "lundi", "Jurys!M3", True),
        ("Jurys", 1, "Salarié", "peut-être", "Jurys!N3", True),
        ("Jurys", 1, "Réponse", "Plus tard", "Jurys!P3", True),
        ("Jurys", 1, "SIRET", "555", "Jurys!J3", True),
        ("Déroulé", 2, "Ordre", "trois", "Déroulé!A4", False),
        ("Déroulé", 2, "Nature", "Examen", "Déroulé!C4", False),
        ("Déroulé", 2, "Mode", "Seul", "Déroulé!D4", False),
        ("Déroulé", 2, "Durée", "longtemps", "Déroulé!E4", False),
        ("Déroulé", 2, "Jurés", "deux", "Déroulé!F4", True),
        ("Déroulé", 2, "Salle", "Cuisine", "Déroulé!G4", True),
        ("Déroulé", 2, "Capacité", -3, "Déroulé!H4", True),
        ("Déroulé", 2, "Candidat présent", "?", "Déroulé!I4", True),
        ("Matériel", 0, "Quantité requise", "beaucoup", "Matériel!C2", False),
        ("Matériel", 0, "Par candidat", "souvent", "Matériel!D2", True),
        ("Matériel", 0, "Quantité disponible", 2.5, "Matériel!E2", False),
        ("Matériel", 0, "État", "Neuf", "Matériel!F2", False),
        ("Matériel", 0, "Vérifié le", "hier", "Matériel!G2", True),
        ("Salles", 0, "Type", "Garage", "Salles!B2", False),
        ("Salles", 0, "Capacité", "grande", "Salles!C2", True),
        ("Salles", 0, "Confidentielle", "bof", "Salles!D2", True),
    ],
)
def test_an_unreadable_cell_is_reported_at_its_cell(
    make_workbook: MakeWorkbook,
    sheet: str,
    record: int,
    header: str,
    typed: object,
    cell: str,
    kept: bool,
) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, sheet, record, header, typed)
    tidy_count = len(sheets[sheet]) - 1
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [("invalid-value", cell)]
    message = loaded.findings[0].message
    assert header in message and "attendu" in message
    records = {
        "Candidats": loaded.data.candidates,
        "Jurys": loaded.data.jurors,
        "Déroulé": loaded.data.steps,
        "Matériel": loaded.data.equipment,
        "Salles": loaded.data.rooms,
    }[sheet]
    assert len(records) == (tidy_count if kept else tidy_count - 1)


def test_an_unreadable_optional_cell_takes_its_default(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 1, "Temps majoré", "un tiers")
    set_cell(sheets, "Jurys", 2, "Disponibilités", "lundi")
    loaded = load_workbook_file(make_workbook(sheets))
    assert loaded.data.candidates[1].extra_time_percent == 0
    assert loaded.data.jurors[2].available_days is None


def test_the_message_says_what_was_read_and_what_is_expected(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 0, "Date de naissance", "31/02/1990")
    (finding,) = load_workbook_file(make_workbook(sheets)).findings
    assert finding.message == (
        "« Date de naissance » : « 31/02/1990 » ne peut pas être lu ; "
        "attendu une date comme 15/03/2027 (ce jour n'existe pas)."
    )


def test_a_formula_error_is_an_invalid_value(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 2, "Ville", "#N/A")
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [("invalid-value", "Candidats!J4")]
    assert len(loaded.data.candidates) == 2


def test_more_sirets_than_companies(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 1, "SIRET entreprises", "11122233300044; 11122233300055")
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [("invalid-value", "Candidats!O3")]
    assert loaded.data.candidates[1].companies == (Company("Inox Concept"),)


def test_a_duplicate_candidate_number(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 2, "N° candidat", 2245401)
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [("duplicate-candidate", "Candidats!A4")]
    assert "ligne 2" in loaded.findings[0].message
    assert [candidate.first_name for candidate in loaded.data.candidates] == ["Karim", "Sophie"]


def test_a_duplicate_number_counts_even_on_a_row_with_other_problems(
    make_workbook: MakeWorkbook,
) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 0, "Civilité", "Dr")
    set_cell(sheets, "Candidats", 2, "N° candidat", "2245401")
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [
        ("invalid-value", "Candidats!B2"),
        ("duplicate-candidate", "Candidats!A4"),
    ]
    assert [candidate.number for candidate in loaded.data.candidates] == ["2245402"]


@pytest.mark.parametrize(
    ("champ", "typed", "cell"),
    [
        ("Type de session", "Examen", "Session!B4"),
        ("Code postal", "Lyon", "Session!B8"),
        ("Date de début", "le 15", "Session!B11"),
        ("Heure d'ouverture", "tôt", "Session!B13"),
        ("Candidats prévus", "trois", "Session!B17"),
    ],
)
def test_an_unreadable_required_session_value_leaves_no_session(
    make_workbook: MakeWorkbook, champ: str, typed: str, cell: str
) -> None:
    sheets = set_session_value(tidy_session_rows(), champ, typed)
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [("invalid-value", cell)]
    assert loaded.data.session is None
    assert len(loaded.data.candidates) == 3


@pytest.mark.parametrize(
    ("champ", "typed", "cell", "attribute", "default"),
    [
        ("Pause déjeuner", "midi", "Session!B16", "lunch_start", time(12)),
        ("Fin de journée", "tard", "Session!B15", "day_end", time(17, 30)),
        ("Date de commande du pli", "bientôt", "Session!B21", "pli_ordered", None),
    ],
)
def test_an_unreadable_optional_session_value_takes_its_default(
    make_workbook: MakeWorkbook, champ: str, typed: str, cell: str, attribute: str, default: object
) -> None:
    sheets = set_session_value(tidy_session_rows(), champ, typed)
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [("invalid-value", cell)]
    assert loaded.data.session is not None
    assert getattr(loaded.data.session, attribute) == default


def test_a_missing_session_field(make_workbook: MakeWorkbook) -> None:
    sheets = drop_session_field(tidy_session_rows(), "Date de fin")
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [("missing-value", "Session")]
    assert "« Date de fin »" in loaded.findings[0].message
    assert loaded.data.session is None


def test_an_empty_session_value(make_workbook: MakeWorkbook) -> None:
    sheets = set_session_value(tidy_session_rows(), "Ville", None)
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [("missing-value", "Session!B9")]
    assert loaded.data.session is None


def test_a_missing_responsable_is_left_to_its_rule(make_workbook: MakeWorkbook) -> None:
    sheets = set_session_value(tidy_session_rows(), "Responsable de session", None)
    loaded = load_workbook_file(make_workbook(sheets))
    assert loaded.findings == ()
    assert loaded.data.session is not None
    assert loaded.data.session.manager is None
    assert loaded.data.session.origin.locate("manager").cell == "Session!B18"


def test_a_missing_responsable_phone_keeps_the_session(make_workbook: MakeWorkbook) -> None:
    sheets = set_session_value(tidy_session_rows(), "Téléphone du responsable", "")
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [("missing-value", "Session!B19")]
    assert loaded.data.session is not None


def test_a_session_sheet_without_headers_is_read_from_its_first_two_columns(
    make_workbook: MakeWorkbook,
) -> None:
    sheets = tidy_session_rows()
    sheets["Session"] = sheets["Session"][1:]
    loaded = load_workbook_file(make_workbook(sheets))
    assert loaded.findings == ()
    assert loaded.data.session is not None
    assert loaded.data.session.origin.locate("title").cell == "Session!B1"


def test_every_problem_is_reported_not_only_the_first(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_session_value(sheets, "Date de début", "bientôt")
    set_cell(sheets, "Candidats", 0, "Civilité", "Dr")
    set_cell(sheets, "Jurys", 3, "Salarié", "?")
    set_cell(sheets, "Salles", 1, "Capacité", "six")
    del sheets["Matériel"]
    loaded = load_workbook_file(make_workbook(sheets))
    assert cells_of(loaded.findings) == [
        ("invalid-value", "Candidats!B2"),
        ("invalid-value", "Jurys!N5"),
        ("missing-sheet", "Matériel"),
        ("invalid-value", "Salles!C3"),
        ("invalid-value", "Session!B11"),
    ]


def test_text_keeps_accents_symbols_and_emoji_but_loses_control_characters(
    make_workbook: MakeWorkbook,
) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 0, "Nom de naissance", "  O'Brien-Lefèvre & <Cie> 😀 ")
    set_cell(sheets, "Candidats", 0, "Adresse", "3 rue Pasteur_x000B_\nBât. A")
    loaded = load_workbook_file(make_workbook(sheets))
    candidate = loaded.data.candidates[0]
    assert candidate.birth_name == "O'Brien-Lefèvre & <Cie> 😀"
    assert candidate.address == "3 rue Pasteur\nBât. A"
    assert candidate.civility is Civility.MONSIEUR


def test_loading_twice_gives_the_same_result(make_workbook: MakeWorkbook) -> None:
    path: Path = make_workbook()
    assert load_workbook_file(path) == load_workbook_file(path)


def test_rows_left_out_still_count_as_typed(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Candidats", 1, "Date de naissance", "31/02/2001")
    loaded = load_workbook_file(make_workbook(sheets))
    assert len(loaded.data.candidates) == 2
    assert loaded.data.candidate_rows == 3


def test_two_jurors_with_one_name_are_an_error_on_the_second(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    jurors = sheets["Jurys"]
    jurors.append(list(jurors[1]))
    jurors[-1][jurors[0].index("Nom")] = str(jurors[1][jurors[0].index("Nom")]).lower()
    loaded = load_workbook_file(make_workbook(sheets))
    [finding] = [f for f in loaded.findings if f.code == "duplicate-juror"]
    assert finding.is_error
    assert finding.location.row == len(jurors)
    assert "figure déjà ligne 2" in finding.message


def test_a_step_of_zero_minutes_is_an_invalid_value(make_workbook: MakeWorkbook) -> None:
    sheets = tidy_session_rows()
    set_cell(sheets, "Déroulé", 1, "Durée", 0)
    loaded = load_workbook_file(make_workbook(sheets))
    [finding] = [f for f in loaded.findings if f.code == "invalid-value"]
    assert finding.location.sheet == "Déroulé"
    assert finding.location.row == 3
    assert "au moins une minute" in finding.message
