"""Line breaks typed in cells (Alt+Entrée) never break a document command that `check` accepts."""

from __future__ import annotations

from pathlib import Path

import icalendar
from click.testing import CliRunner

from docgen.cli import main
from tests.factory import tidy_session_rows, write_workbook

AS_OF = "2027-01-10"


def test_every_space_typed_as_a_line_break_still_gives_documents(tmp_path: Path) -> None:
    sheets = tidy_session_rows()
    manager = next(row[1] for row in sheets["Session"] if row[0] == "Responsable de session")
    for rows in sheets.values():
        for row in rows[1:]:
            row[:] = [
                value.replace(" ", "\n") if isinstance(value, str) and "@" not in value else value
                for value in row
            ]
    folder = tmp_path / "session"
    write_workbook(folder / "session.xlsx", sheets)
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(folder), "--as-of", AS_OF])
    assert checked.exit_code == 0, checked.output
    out = tmp_path / "sorties"
    for command in ("invitations", "convocations"):
        result = runner.invoke(main, [command, str(folder), "--as-of", AS_OF, "--out", str(out)])
        assert result.exit_code == 0, result.output
    calendars = sorted((out / "session").rglob("*.ics"))
    assert calendars
    for path in calendars:
        event = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
        assert event["ORGANIZER"].params["CN"] == manager
        assert "Soudeur assembleur industriel" in str(event["SUMMARY"]) + str(event["DESCRIPTION"])
