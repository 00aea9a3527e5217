"""Ctrl-C and termination requests (SIGINT, SIGTERM, SIGHUP): how each phase of a run meets them.

- Before a command starts working, nothing needs undoing: `stop_now` leaves at once (exit 3).
- While it works, `raise_stopped` turns the signal into `Stopped` (a KeyboardInterrupt), so that
  the code unwinds, removes its staging files and the CLI says what happened; later signals are
  ignored so that this tidying up is not itself cut short.
- While a publication switches folders, `signals_deferred` holds them until the switch is done.
"""

from __future__ import annotations

import _thread
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

from docgen.launch import EXIT_ABORTED, STOP_SIGNALS, install, stop_now

__all__ = ["EXIT_ABORTED", "STOP_SIGNALS", "Stopped", "install", "stop_now"]


class Stopped(KeyboardInterrupt):
    """The run was asked to stop by a signal; `number` says which."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number

    @property
    def by_user(self) -> bool:
        return self.number == signal.SIGINT


def raise_stopped(number: int, frame: FrameType | None) -> None:
    for other in STOP_SIGNALS:
        signal.signal(other, signal.SIG_IGN)
    raise Stopped(number)


def starting_work() -> None:
    """The command starts working: from now on a signal unwinds it (only when `stop_now` was
    installed by the launcher, so that a library caller's own handlers stay as they are)."""
    if signal.getsignal(signal.SIGINT) is stop_now:
        install(raise_stopped)
        if sys.unraisablehook is not _stopped_in_a_finalizer:
            _PREVIOUS_HOOK[:] = [sys.unraisablehook]
            sys.unraisablehook = _stopped_in_a_finalizer


_PREVIOUS_HOOK = [sys.unraisablehook]
"""The hook `_stopped_in_a_finalizer` hands every other exception to."""
REDELIVERY_DELAY = 0.05
"""Seconds before a stop swallowed in a finalizer is delivered again."""


def _stopped_in_a_finalizer(unraisable: sys.UnraisableHookArgs) -> None:
    """A signal whose `Stopped` is raised inside a finalizer (a `__del__`, a weak reference's
    callback: the import system has some) is swallowed by Python, which prints a traceback and
    goes on. It is not lost nor shown: it is delivered again to the run, just after."""
    if not isinstance(unraisable.exc_value, Stopped):
        _PREVIOUS_HOOK[0](unraisable)
        return
    install(raise_stopped)
    # From another thread, a little later: delivered at once, it would land in this hook.
    number = unraisable.exc_value.number
    again = threading.Timer(REDELIVERY_DELAY, _thread.interrupt_main, (number,))
    again.daemon = True
    again.start()


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and termination requests until the block ends, then deliver the first one."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def remember(number: int, frame: FrameType | None) -> None:
        received.append(number)

    previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}
    install(remember)
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is not None:
                signal.signal(number, handler)
        if received:
            signal.raise_signal(received[0])
