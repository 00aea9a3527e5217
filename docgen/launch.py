"""The `docgen` command's entry point: Ctrl-C is answered in French from the first instant."""

from __future__ import annotations

import signal

from docgen.interruptions import install, stop_now


def run() -> None:
    install(stop_now)
    from docgen.cli import main

    try:
        main()
    finally:  # the work is over: a signal now must not turn the exit code into « killed »
        install(signal.SIG_IGN)
