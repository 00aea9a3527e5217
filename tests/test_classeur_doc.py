"""docs/classeur.md documents every sheet, column and accepted spelling the loader reads."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from docgen.workbook import cells
from docgen.workbook.blank import SHEETS
from docgen.workbook.headers import SHEET_ALIASES
from docgen.workbook.logistics import ROOM_COLUMNS, ROOM_NAME
from docgen.workbook.table import Column, optional

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "classeur.md"
SECTION = re.compile(r"^## Feuille « (?P<name>[^»]+) »", re.MULTILINE)


def sections(text: str) -> dict[str, str]:
    """Each `## Feuille « X »` section's text, by sheet name."""
    found = list(SECTION.finditer(text))
    ends = [match.start() for match in found[1:]] + [len(text)]
    return {match["name"]: text[match.end() : end] for match, end in zip(found, ends, strict=True)}


def documented_rows(section: str) -> dict[str, str]:
    """The table rows of a section, by the column header of their first cell."""
    rows = {}
    for line in section.splitlines():
        first = re.match(r"^\| `([^`]+)` \|", line)
        if first:
            rows[first[1]] = line
    return rows


def test_the_readme_links_the_guide() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/classeur.md)" in readme
    assert "../shared/WORKBOOK.md" not in readme


def test_every_sheet_has_its_section() -> None:
    documented = sections(GUIDE.read_text(encoding="utf-8"))
    assert set(documented) == set(SHEET_ALIASES)
    for name, section in documented.items():
        for alias in SHEET_ALIASES[name][1:]:
            assert f"`{alias}`" in section, (
                f"nom de feuille « {alias} » absent de la section {name}"
            )


def undocumented(sheet: str, columns: Sequence[Column[Any]]) -> list[str]:
    """What docs/classeur.md fails to say about these columns of `sheet`."""
    rows = documented_rows(sections(GUIDE.read_text(encoding="utf-8"))[sheet])
    problems = []
    for column in columns:
        row = rows.get(column.header)
        if row is None:
            problems.append(f"feuille {sheet} : décrivez la colonne « {column.header} »")
            continue
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if cells[1] not in {"oui", "non"}:
            problems.append(f"feuille {sheet}, {column.header} : obligatoire « oui » ou « non »")
        problems.extend(
            f"feuille {sheet}, {column.header} : ajoutez l'intitulé « {alias} »"
            for alias in column.aliases
            if f"`{alias}`" not in row
        )
    return problems


@pytest.mark.parametrize(("sheet", "columns"), SHEETS, ids=[name for name, _ in SHEETS])
def test_every_column_and_spelling_is_documented(
    sheet: str, columns: Sequence[Column[Any]]
) -> None:
    assert undocumented(sheet, columns) == []


def test_a_column_or_spelling_added_to_the_loader_alone_is_caught() -> None:
    extra = optional("badge", "Badge d'accès", cells.text, None)
    respelt = replace(ROOM_NAME, aliases=(*ROOM_NAME.aliases, "Local"))
    assert undocumented("Salles", (*ROOM_COLUMNS, extra)) == [
        "feuille Salles : décrivez la colonne « Badge d'accès »"
    ]
    assert undocumented("Salles", (respelt,)) == [
        "feuille Salles, Salle : ajoutez l'intitulé « Local »"
    ]


def test_the_documented_codes_exist() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    codes = set(re.findall(r"`([a-z]+(?:-[a-z]+)+)`", text))
    sources = "\n".join(path.read_text() for path in (ROOT / "docgen").rglob("*.py"))
    unknown = sorted(code for code in codes if f'"{code}"' not in sources)
    assert not unknown, f"codes décrits mais inconnus du code : {unknown}"
