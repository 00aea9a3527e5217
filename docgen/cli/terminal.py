"""The controlling terminal: the only place docgen shows or asks a secret.

Secrets never go to stdout or stderr, which a redirection (`2>seal.log`) or a terminal
recorder can keep. The controlling terminal (`/dev/tty`) is the screen in front of the person;
after each secret is acknowledged, the screen and its scrollback are cleared.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, TextIO

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
        data = text.encode("utf-8")  # the terminal turns \n into \r\n itself
        while data:
            data = data[os.write(self.fd, data) :]

    def ask(self, prompt: str, *, hidden: bool) -> str:
        with self._no_echo() if hidden else contextlib.nullcontext():
            self.show(prompt)  # once echo is off: what is typed after it is never flushed
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


class WindowsConsole:
    """The Windows console (`CONOUT$`, keys read with msvcrt), never stdin or stdout."""

    def __init__(self, out: TextIO, keyboard: TextIO) -> None:
        self.out = out
        self.keyboard = keyboard

    def show(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()

    def ask(self, prompt: str, *, hidden: bool) -> str:
        self.show(prompt)
        if not hidden:
            return self.keyboard.readline().rstrip("\r\n")
        typed: list[str] = []
        if sys.platform == "win32":
            import msvcrt

            while (key := msvcrt.getwch()) not in ("\r", "\n"):
                if key == "\x03":
                    raise KeyboardInterrupt
                typed = typed[:-1] if key == "\b" else [*typed, key]
        self.show("\n")
        return "".join(typed)

    def wipe(self) -> None:
        self.show(WIPE)  # VT sequences: understood by the Windows 10 and 11 consoles


def controlling_terminal() -> Terminal | None:
    """The terminal of the person running docgen, or None (a service, a pipe, no session)."""
    if os.name == "nt":
        try:
            out = Path("CONOUT$").open("w", encoding="utf-8")  # noqa: SIM115 (kept for the run)
            keyboard = Path("CONIN$").open(encoding="utf-8")  # noqa: SIM115
        except OSError:
            return None
        return WindowsConsole(out, keyboard)
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return None
    return ControllingTerminal(fd)
