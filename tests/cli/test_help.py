"""Every command explains itself in French and is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from docgen.cli import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    context = click.Context(group)
    paths: list[tuple[str, ...]] = []
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, (*prefix, name)))
    return paths


@pytest.mark.parametrize("path", command_paths(main), ids=" ".join)
def test_every_command_has_french_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert "Utilisation :" in result.output
    assert "Affiche cette aide" in result.output
    summary = result.output.split("\n\n")[1].strip()
    assert any(
        word in summary.lower()
        for word in (" le ", " la ", " les ", " un ", " une ", " des ", "écrit", "vérifie")
    )


@pytest.mark.parametrize("path", command_paths(main), ids=" ".join)
def test_every_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    assert f"docgen {' '.join(path)}" in README


def test_usage_errors_are_explained_in_french() -> None:
    result = CliRunner().invoke(main, ["check", "--format", "xml"])
    assert result.exit_code == 2
    assert "Erreur : Valeur invalide pour '--format'" in result.stderr
    assert "Aide : « docgen check --help »." in result.stderr
    unknown = CliRunner().invoke(main, ["convocation"])
    assert "La commande « convocation » n'existe pas." in unknown.stderr


def test_click_details_are_in_french_too() -> None:
    flag = CliRunner().invoke(main, ["check", "--quiet=3"])
    assert "L'option '--quiet' ne prend pas de valeur." in flag.stderr
    seal_help = CliRunner().invoke(main, ["vault", "seal", "--help"]).output
    assert "[obligatoire]" in seal_help
    assert "INTEGER" not in seal_help
