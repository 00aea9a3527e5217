"""The `docgen` command's entry point: Ctrl-C is answered in French from the first instant.

This module imports only `os` and `signal`, so that the answer is in place a few milliseconds
after Python starts; what a signal does later in a run is in `docgen.interruptions`.
"""

from __future__ import annotations

import os
import signal

TYPE_CHECKING = False  # not `typing`'s: importing it costs milliseconds before the handler
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType

    Handler = Callable[[int, FrameType | None], object] | int | signal.Handlers

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
EXIT_ABORTED = 3


def stop_now(number: int, frame: FrameType | None) -> None:
    """Leave before anything was written: nothing to tidy up."""
    os.write(2, "Erreur : interrompu avant le début du travail ; rien n'a été écrit.\n".encode())
    os._exit(EXIT_ABORTED)


def install(handler: Handler) -> None:
    """The same handler for Ctrl-C and the termination requests."""
    for number in STOP_SIGNALS:
        signal.signal(number, handler)


def space_out_garbage_collection() -> None:
    """A run builds hundreds of thousands of objects that live to its end (the workbook, the
    plan, the compiled templates, the documents): at Python's default pace (a pass every 700 new
    objects, and now and then a full pass over everything) the collector took a twentieth of a
    500-candidate `docgen all`. The modules loaded so far are set aside for good, and the passes
    spaced out; memory stays the same, since a run makes few reference cycles."""
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


def run() -> None:
    install(stop_now)
    from docgen.cli import main

    space_out_garbage_collection()

    try:
        main()
    finally:  # the work is over: a signal now must not turn the exit code into « killed »
        install(signal.SIG_IGN)
