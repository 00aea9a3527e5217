"""The import boundaries of ARCHITECTURE.md: one home per library, a pure core, no hidden clock."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "docgen"

LIBRARY_HOMES = {
    "openpyxl": ("workbook/",),
    "docxtpl": ("documents/",),
    "docx": ("documents/",),
    "jinja2": ("documents/",),
    "lxml": ("documents/",),
    "cryptography": ("vault/",),
    "pypdf": ("pdf/",),
    "click": ("cli/",),
    "icalendar": ("documents/calendar_files.py", "documents/ics_text.py"),
    "holidays": ("calendar.py",),
    "babel": ("french.py",),
}

PURE_MODULES = ("model.py", "findings.py", "conflicts.py", "calendar.py", "rules/", "planning/")
IO_MODULES = {"os", "io", "pathlib", "shutil", "tempfile", "subprocess", "socket", "sqlite3"}

CLOCK_AND_ENVIRONMENT = ("date.today", "datetime.now", "datetime.today", "os.environ", "getenv")
ALLOWED_CLOCK_READERS = ("settings.py", "cli/")


def package_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def lives_in(module: str, homes: tuple[str, ...]) -> bool:
    return any(module == home or (home.endswith("/") and module.startswith(home)) for home in homes)


def test_the_package_has_modules() -> None:
    assert len(package_modules()) > 10


@pytest.mark.parametrize("library", sorted(LIBRARY_HOMES))
def test_each_library_lives_in_one_home(library: str) -> None:
    strays = [
        relative(path)
        for path in package_modules()
        if library in imported_roots(path) and not lives_in(relative(path), LIBRARY_HOMES[library])
    ]
    assert strays == [], f"{library} is imported outside {LIBRARY_HOMES[library]}: {strays}"


def test_the_core_does_no_io() -> None:
    offenders = {
        relative(path): sorted(imported_roots(path) & IO_MODULES)
        for path in package_modules()
        if lives_in(relative(path), PURE_MODULES)
    }
    assert {name: mods for name, mods in offenders.items() if mods} == {}


def test_the_core_does_not_open_files() -> None:
    offenders = []
    for path in package_modules():
        if not lives_in(relative(path), PURE_MODULES):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"open", "print", "input"}
            ):
                offenders.append(f"{relative(path)}:{node.lineno}")
    assert offenders == []


def test_only_the_edge_reads_the_clock_and_the_environment() -> None:
    offenders = [
        f"{relative(path)}: {needle}"
        for path in package_modules()
        if not lives_in(relative(path), ALLOWED_CLOCK_READERS)
        for needle in CLOCK_AND_ENVIRONMENT
        if needle in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
