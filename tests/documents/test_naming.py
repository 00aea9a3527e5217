"""File names built from what people typed stay inside the output folder on every system."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.documents.naming import MAX_CHARACTERS, UniqueNames, safe_file_name


def assert_safe(name: str, folder: Path) -> None:
    assert name.endswith(".docx")
    assert "/" not in name and "\\" not in name
    assert ".." not in name
    assert not name.startswith(".")
    assert all(ord(character) >= 32 for character in name)
    assert len(name) <= MAX_CHARACTERS
    assert len(name.encode("utf-8")) <= 255
    assert (folder / name).resolve().parent == folder.resolve()


def test_an_ordinary_name_keeps_its_accents() -> None:
    assert safe_file_name(["2245403", "LEFÈVRE", "Hélène"]) == "2245403_LEFÈVRE_Hélène.docx"
    assert safe_file_name(["2245404", "DA SILVA", "Jean Marc"]) == (
        "2245404_DA-SILVA_Jean-Marc.docx"
    )


def test_hostile_names_give_safe_names(tmp_path: Path) -> None:
    hostile = [
        ["../../x", "..", "/etc/passwd"],
        ["CON"],
        ["nul"],
        ["LPT1.txt"],
        ["A" * 200, "B" * 200],
        ["Jean\x00\x0b\x1f\u202eFDP.exe", "x"],
        ["", "   ", "\t"],
        ["..."],
        ["🔥" * 150],
    ]
    for parts in hostile:
        name = safe_file_name(parts)
        assert_safe(name, tmp_path)
        assert name.split(".")[0].upper() not in {"CON", "NUL", "LPT1"}
    assert safe_file_name(["CON"]) == "CON_.docx"
    assert len(safe_file_name(["A" * 200])) == MAX_CHARACTERS


def test_collisions_are_made_unique_ignoring_case() -> None:
    names = UniqueNames()
    first = names.claim(["1", "MARTIN", "Léa"])
    second = names.claim(["1", "martin", "léa"])
    third = names.claim(["1", "MARTIN", "Léa"])
    assert first == "1_MARTIN_Léa.docx"
    assert len({first.casefold(), second.casefold(), third.casefold()}) == 3
    long_names = UniqueNames()
    claimed = {long_names.claim(["X" * 300]) for _ in range(12)}
    assert len(claimed) == 12
    assert all(len(name) <= MAX_CHARACTERS for name in claimed)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(), min_size=0, max_size=4))
def test_any_text_gives_a_safe_name(parts: list[str]) -> None:
    assert_safe(safe_file_name(parts), Path("/tmp/out"))
