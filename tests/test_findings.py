"""Findings: cells in Excel notation and the report order of INTERFACE.md."""

from __future__ import annotations

from docgen.findings import Location, error, has_errors, sorted_findings, warning


def test_cells_are_written_as_excel_does() -> None:
    assert Location("Candidats", 7, "D").cell == "Candidats!D7"
    assert Location("Candidats", 7).cell is None
    assert Location("Salles").cell is None
    assert Location().cell is None


def test_a_person_is_told_where_to_look_even_without_a_cell() -> None:
    assert Location("Candidats", 7, "D").where == "Candidats!D7"
    assert Location("Candidats", 7).where == "Candidats, ligne 7"
    assert Location("Salles").where == "Salles"
    assert Location().where == "Classeur"


def test_findings_sort_by_sheet_row_real_column_order_then_code() -> None:
    late = error("b-code", "…", Location("Candidats", 3, "AA"))
    early = error("a-code", "…", Location("Candidats", 3, "B"))
    first_row = warning("z-code", "…", Location("Candidats", 2, "Z"))
    nowhere = warning("y-code", "…")
    other_sheet = error("a-code", "…", Location("Jurys", 1, "A"))
    assert sorted_findings([other_sheet, late, early, first_row, nowhere, early]) == [
        nowhere,
        first_row,
        early,
        late,
        other_sheet,
    ]


def test_only_errors_block() -> None:
    assert not has_errors([warning("w", "…")])
    assert has_errors([warning("w", "…"), error("e", "…")])
