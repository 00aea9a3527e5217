"""Fixtures for the vault tests: cheap KDF costs, a settable clock, PDFs carrying a marker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from docgen.cli.terminal import WIPE
from docgen.pdf import text_pdf
from docgen.vault import Argon2Params, Secrets, open_vault, seal_files
from docgen.vault.opening import OpenReport
from docgen.vault.store import SealRecord

MARKER = b"MARQUEUR-CONFIDENTIEL-7f3a"
FAST_KDF = Argon2Params(memory_kib=64, iterations=1, lanes=1)
PARIS = ZoneInfo("Europe/Paris")
OPENING = datetime(2027, 3, 15, 8, 0, tzinfo=PARIS)
SESSION = "exemple"
PAIR = Secrets(("lapin citron orage", "velours tambour ficelle"))


def head_of(vault: Path) -> str:
    """The journal fingerprint a custodian would have noted on the PV right now."""
    from docgen.vault.journal import Journal

    return Journal(vault).read().fingerprint


def marked_pdf(pages: int = 1, filler: int = 0) -> bytes:
    """A real PDF whose content stream holds MARKER in clear (uncompressed)."""
    lines = [MARKER.decode(), "x" * filler] if filler else [MARKER.decode()]
    return text_pdf([lines] * pages, title="DTE jury — EXEMPLE")


@dataclass
class FakeTerminal:
    """A controlling terminal that answers from a list and keeps what it was shown."""

    answers: list[str] = field(default_factory=list)
    screen: list[str] = field(default_factory=list)

    def show(self, text: str) -> None:
        self.screen.append(text)

    def ask(self, prompt: str, *, hidden: bool) -> str:
        self.screen.append(prompt)
        return self.answers.pop(0)

    def wipe(self) -> None:
        self.screen.append(WIPE)

    @property
    def text(self) -> str:
        return "".join(self.screen)


@dataclass
class Clock:
    """A clock the test moves by hand."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Bench:
    """A vault under tmp_path with a source PDF, the clock and shortcuts to seal and open."""

    root: Path
    clock: Clock
    source: Path
    opened: set[Path] = field(default_factory=set)

    @property
    def vault(self) -> Path:
        return self.root / "vault" / SESSION

    @property
    def out(self) -> Path:
        return self.root / "sortie"

    def seal(
        self,
        *sources: Path,
        role: str = "jury",
        secrets: Secrets = PAIR,
        replace: bool = False,
        accept_clock: bool = False,
    ) -> list[SealRecord]:
        sealed = seal_files(
            self.vault,
            SESSION,
            list(sources) or [self.source],
            role,
            OPENING,
            secrets,
            now=self.clock,
            kdf=FAST_KDF,
            replace=replace,
            accept_clock=accept_clock,
        )
        return [item.record for item in sealed]

    def open(
        self,
        secrets: Secrets = PAIR,
        opening: datetime = OPENING,
        ask: Callable[[int], Secrets] | None = None,
        accept_clock: bool = False,
        head: str | None = None,
    ) -> OpenReport:
        report = open_vault(
            self.vault,
            SESSION,
            opening,
            self.out,
            ask or (lambda _: secrets),
            now=self.clock,
            accept_clock=accept_clock,
            expected_head=head,
        )
        for item in report.opened:
            self.opened |= {item.original, *([item.print_copy] if item.print_copy else [])}
        return report

    def refused(self, secrets: Secrets = PAIR, ask: Callable[[int], Secrets] | None = None) -> str:
        """Open expecting every file refused; the one refusal reason they share."""
        report = self.open(secrets, ask=ask)
        assert report.opened == () and report.refused
        reasons = {refusal.reason for refusal in report.refused}
        assert len(reasons) == 1, reasons
        return reasons.pop()

    def files_holding_marker(self) -> list[Path]:
        """Every file under the vault and output folders whose bytes contain MARKER."""
        found = []
        for folder in (self.root / "vault", self.out):
            if folder.exists():
                found += [p for p in folder.rglob("*") if p.is_file() and MARKER in p.read_bytes()]
        return sorted(found)


@pytest.fixture
def bench(tmp_path: Path) -> Iterator[Bench]:
    source_dir = tmp_path / "recu"
    source_dir.mkdir()
    source = source_dir / "DTE jury.pdf"
    source.write_bytes(marked_pdf())
    made = Bench(tmp_path, Clock(OPENING - timedelta(days=10)), source)
    yield made
    # Whatever failed during the test, the plaintext is only where a successful open put it.
    assert {p for p in made.files_holding_marker() if p.exists()} <= made.opened
