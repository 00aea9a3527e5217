"""Run docgen as `python -m docgen`."""

from docgen.launch import run

run()
