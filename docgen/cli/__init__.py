"""The command line (click lives only in this package): parse options, call the pipeline, print."""

from __future__ import annotations

import click

from docgen import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen", message="%(prog)s %(version)s")
def main() -> None:
    """docgen prépare les sessions d'examen du titre professionnel."""
