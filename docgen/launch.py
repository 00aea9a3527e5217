"""The `docgen` command's entry point: Ctrl-C is answered in French from the first instant."""

from __future__ import annotations

from docgen.interruptions import install, stop_now


def run() -> None:
    install(stop_now)
    from docgen.cli import main

    main()
