"""The blank workbook of `docgen init`: every sheet and column, drop-downs, formats and help."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import openpyxl

from docgen.workbook import read_session_data
from docgen.workbook.blank import (
    SHEETS,
    TABLES,
    blank_workbook,
    carried_over,
    is_required,
    number_format,
    workbook_bytes,
)
from docgen.workbook.guide import GUIDE
from docgen.workbook.opening import read_sheets
from docgen.workbook.session_sheet import FIELDS

ROOT = Path(__file__).resolve().parents[2]
CHOICE_HEADERS = {
    ("Candidats", "Civilité"): ["M.", "Mme"],
    ("Candidats", "Voie d'accès"): ["Formation", "VAE", "Apprentissage", "Capitalisation"],
    ("Candidats", "Remise"): ["Recommandé", "Main propre"],
    ("Jurys", "Civilité"): ["M.", "Mme"],
    ("Jurys", "Salarié"): ["Oui", "Non"],
    ("Jurys", "Réponse"): ["Accepté", "Refusé", "En attente"],
    ("Déroulé", "Nature"): ["Épreuve", "Temps caché"],
    ("Déroulé", "Mode"): ["Collectif", "Individuel", "Session", "Jour"],
    ("Déroulé", "Salle"): ["Plateau", "Entretien", "Informatique", "Attente"],
    ("Déroulé", "Candidat présent"): ["Oui", "Non"],
    ("Matériel", "État"): ["Opérationnel", "À vérifier", "Hors service"],
    ("Matériel", "Par candidat"): ["Oui", "Non"],
    ("Salles", "Type"): ["Plateau", "Entretien", "Informatique", "Attente"],
    ("Salles", "Confidentielle"): ["Oui", "Non"],
}


def reopened(tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "session.xlsx"
    path.write_bytes(workbook_bytes(blank_workbook()))
    return openpyxl.load_workbook(path)


def validations(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[tuple[str, str, str]]:
    """(type, formula, ranges) of each data validation of the sheet."""
    return [
        (dv.type or "", dv.formula1 or "", str(dv.sqref))
        for dv in sheet.data_validations.dataValidation
    ]


def header_letter(sheet: openpyxl.worksheet.worksheet.Worksheet, header: str) -> str:
    return next(cell.column_letter for cell in sheet[1] if cell.value == header)


def test_every_sheet_and_column_of_the_loader_is_there(tmp_path: Path) -> None:
    workbook = reopened(tmp_path)
    assert workbook.sheetnames == ["Aide", *(name for name, _ in SHEETS)]
    for name, columns in TABLES:
        assert [cell.value for cell in workbook[name][1]] == [c.header for c in columns]
        assert workbook[name].freeze_panes == "A2"
    session = workbook["Session"]
    assert [row[0] for row in session.iter_rows(values_only=True)] == [
        "Champ",
        *(field.header for field in FIELDS),
    ]
    assert session.freeze_panes == "A2"


def test_each_choice_column_has_its_drop_down(tmp_path: Path) -> None:
    workbook = reopened(tmp_path)
    for (name, header), choices in CHOICE_HEADERS.items():
        sheet = workbook[name]
        letter = header_letter(sheet, header)
        expected = ("list", '"' + ",".join(choices) + '"', f"{letter}2:{letter}500")
        assert expected in validations(sheet), (name, header)
    session = workbook["Session"]
    row = next(cell.row for cell in session["A"] if cell.value == "Type de session")
    assert ("list", '"Titre,CCP,CCS"', f"B{row}") in validations(session)


def test_each_header_explains_its_column(tmp_path: Path) -> None:
    workbook = reopened(tmp_path)
    for name, columns in TABLES:
        sheet = workbook[name]
        prompts = {
            str(dv.sqref): dv.prompt
            for dv in sheet.data_validations.dataValidation
            if dv.showInputMessage and dv.type is None
        }
        for index, column in enumerate(columns, start=1):
            letter = sheet.cell(1, index).column_letter
            prompt = prompts[f"{letter}1"]
            assert prompt.startswith(GUIDE[name][column.header].meaning), (name, column.header)
            assert ("Obligatoire." if is_required(name, column) else "Facultatif.") in prompt
            assert len(prompt) <= 255


def test_dates_times_and_codes_keep_their_format(tmp_path: Path) -> None:
    workbook = reopened(tmp_path)
    candidates = workbook["Candidats"]
    assert candidates[f"{header_letter(candidates, 'Date de naissance')}2"].number_format == (
        "DD/MM/YYYY"
    )
    assert candidates[f"{header_letter(candidates, 'Code postal')}2"].number_format == "@"
    session = workbook["Session"]
    formats = {row[0].value: row[1].number_format for row in session.iter_rows(min_row=2)}
    assert formats["Date de début"] == "DD/MM/YYYY"
    assert formats["Heure d'ouverture"] == "HH:MM"
    assert formats["Code postal"] == "@"


def test_the_help_sheet_lists_every_column(tmp_path: Path) -> None:
    aide = reopened(tmp_path)["Aide"]
    listed = {row[0] for row in aide.iter_rows(values_only=True)}
    for name, columns in SHEETS:
        assert f"Feuille {name}" in listed
        assert {column.header for column in columns} <= listed


def test_the_blank_workbook_reads_back_with_only_missing_values(tmp_path: Path) -> None:
    path = tmp_path / "session.xlsx"
    path.write_bytes(workbook_bytes(blank_workbook()))
    loaded = read_session_data(read_sheets(path))
    assert loaded.findings
    assert {finding.code for finding in loaded.findings} == {"missing-value"}
    assert all(finding.location.sheet == "Session" for finding in loaded.findings)


def test_carried_over_keeps_what_a_new_session_reuses() -> None:
    previous = carried_over(read_sheets(ROOT / "inputs" / "exemple" / "session.xlsx"))
    assert previous.session["Intitulé du titre"] == "Soudeur assembleur industriel"
    assert previous.session["Heure d'ouverture"] == time(8, 0)
    assert "Date de début" not in previous.session
    assert "Candidats prévus" not in previous.session
    assert "Candidats" not in previous.tables
    jurors = previous.tables["Jurys"]
    assert len(jurors) == 7
    assert {juror["Réponse"] for juror in jurors} == {"En attente"}
    assert all(juror["Disponibilités"] is None for juror in jurors)
    assert jurors[0]["Habilitation jusqu'au"] is not None
    equipment = previous.tables["Matériel"]
    assert {item["État"] for item in equipment} == {"À vérifier"}
    assert all(item["Vérifié le"] is None for item in equipment)
    assert len(previous.tables["Déroulé"]) == 9
    assert len(previous.tables["Salles"]) == 5


def test_number_formats_follow_the_parser() -> None:
    by_header = {field.header: field for field in FIELDS}
    assert number_format(by_header["Date de fin"]) == "DD/MM/YYYY"
    assert number_format(by_header["Candidats prévus"]) is None
    assert number_format(by_header["Code postal"]) == "@"
