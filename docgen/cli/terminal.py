"""The controlling terminal: the only place docgen shows or asks a secret.

Secrets never go to stdout or stderr, which a redirection (`2>seal.log`) or a terminal
recorder can keep. The controlling terminal (`/dev/tty`) is the screen in front of the person;
after each secret is acknowledged, the screen and its scrollback are cleared.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Protocol

WIPE = "\x1b[H\x1b[2J\x1b[3J"  # cursor home, clear screen, clear scrollback (xterm, VTE, Windows)


class Terminal(Protocol):
    def show(self, text: str) -> None: ...

    def ask(self, prompt: str, *, hidden: bool) -> str: ...

    def wipe(self) -> None: ...


class ControllingTerminal:
    """`/dev/tty`, read and written directly, echo turned off for hidden answers."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def show(self, text: str) -> None:
        data = text.replace("\n", "\r\n").encode("utf-8")
        while data:
            data = data[os.write(self.fd, data) :]

    def ask(self, prompt: str, *, hidden: bool) -> str:
        self.show(prompt)
        with self._no_echo() if hidden else contextlib.nullcontext():
            line = b""
            while not line.endswith(b"\n"):
                chunk = os.read(self.fd, 1024)
                if not chunk:
                    break
                line += chunk
        if hidden:
            self.show("\n")
        return line.decode("utf-8", errors="replace").rstrip("\r\n")

    def wipe(self) -> None:
        self.show(WIPE)

    @contextlib.contextmanager
    def _no_echo(self) -> Iterator[None]:
        import termios

        before = termios.tcgetattr(self.fd)
        after = list(before)
        after[3] &= ~termios.ECHO
        termios.tcsetattr(self.fd, termios.TCSAFLUSH, after)
        try:
            yield
        finally:
            termios.tcsetattr(self.fd, termios.TCSAFLUSH, before)


def controlling_terminal() -> Terminal | None:
    """The terminal of the person running docgen, or None (a service, a pipe, no session).

    Windows has no `/dev/tty`: there, secrets go through key files.
    """
    if os.name == "nt":
        return None
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return None
    return ControllingTerminal(fd)
