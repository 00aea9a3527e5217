"""The ceremony on a real controlling terminal, with the real Argon2id costs.

`docgen vault seal` runs in its own session whose controlling terminal is a pseudo-terminal
this test types into, while its stdout and stderr go to files, as with `>out.log 2>seal.log`.
The phrases and the recovery code appear on the terminal only, and the screen and scrollback
are wiped after each one.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from docgen.cli.terminal import WIPE
from tests.vault.conftest import marked_pdf


class Screen:
    """The master side of a pseudo-terminal: what was shown, and typing into it."""

    def __init__(self, master: int) -> None:
        self.master = master
        self.seen = ""
        self.read_up_to = 0

    def wait_for(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        """The next match of `pattern` after the previous one."""
        deadline = time.monotonic() + timeout
        while True:
            found = re.compile(pattern).search(self.seen, self.read_up_to)
            if found:
                self.read_up_to = found.end()
                return found
            left = deadline - time.monotonic()
            assert left > 0, f"never shown: {pattern!r}\n{self.seen}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.master, 4096).decode("utf-8", errors="replace")
                except OSError:  # the child closed the terminal
                    raise AssertionError(f"never shown: {pattern!r}\n{self.seen}") from None

    def drain(self) -> None:
        """Everything shown until the program closed the terminal."""
        while True:
            try:
                data = os.read(self.master, 4096)
            except OSError:
                return
            if not data:
                return
            self.seen += data.decode("utf-8", errors="replace")

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8") + b"\r")


def _own_terminal(slave: int) -> None:
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")
def test_secrets_go_to_the_terminal_only_with_the_real_kdf(tmp_path: Path) -> None:
    repository = Path(__file__).resolve().parents[2]
    shutil.copytree(repository / "inputs" / "exemple", tmp_path / "inputs" / "exemple")
    (tmp_path / "dte.pdf").write_bytes(marked_pdf())
    master, slave = os.openpty()
    out, err = tmp_path / "out.log", tmp_path / "seal.log"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "docgen", "vault", "seal", "inputs/exemple", "dte.pdf",
             "--role", "jury", "--recovery", "--keep-source"],
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            preexec_fn=lambda: _own_terminal(slave),
            pass_fds=(slave,),
        )  # fmt: skip
    os.close(slave)
    screen = Screen(master)
    phrases = []
    for number in (1, 2):
        screen.wait_for(f"Gardien {number} : restez seul")
        screen.type("")
        phrase = screen.wait_for(r"une seule fois :\s+(\S[^\r\n]*\S)\s").group(1)
        phrases.append(phrase)
        screen.wait_for("Retapez la phrase")
        screen.type(phrase)
        screen.wait_for("encore une fois")
        screen.type(phrase)
        screen.wait_for(f"Gardien {number} : c'est fait")
    screen.wait_for("Détenteur du code de secours")
    screen.type("")
    code = screen.wait_for(
        r"\(affiché une seule fois\) :\s+([A-Z2-7]{4}(?:-[A-Z2-7]{4}){7})"
    ).group(1)
    screen.wait_for("Recopiez-le")
    screen.type("")
    assert process.wait(timeout=120) == 0, err.read_text()
    screen.drain()
    os.close(master)
    shown = screen.seen
    logs = out.read_text() + err.read_text()
    for secret in (*phrases, code):
        assert secret not in logs  # never in a redirected stream
    # Each secret is followed by a wipe of the screen and its scrollback before the next one.
    first, second, third = (shown.index(s) for s in (*phrases, code))
    assert WIPE in shown[first:second] and WIPE in shown[second:third]
    assert WIPE in shown[third:]
