"""`docgen all` on the example session: every document, a manifest, files that open and parse."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.pipeline import check_session
from docgen.settings import load_settings
from tests.libreoffice import convert_files, needs_libreoffice

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "exemple"
AS_OF = "2027-01-11"


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sorties")
    result = CliRunner().invoke(main, ["all", str(EXAMPLE), "--as-of", AS_OF, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "exemple"


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_every_kind_of_document_is_written(produced: Path) -> None:
    names = set(files_under(produced))
    checked = check_session(EXAMPLE, load_settings({"as_of": None}))
    candidates = len(checked.data.candidates)
    assert len([n for n in names if n.startswith("convocations/") and n.endswith(".docx")]) == (
        candidates
    )
    assert len([n for n in names if n.startswith("convocations/") and n.endswith(".ics")]) == (
        candidates
    )
    assert checked.plan is not None
    jurors_used = {name for slot in checked.plan.slots for name in slot.jurors}
    invitations = [n for n in names if n.startswith("invitations/") and n.endswith(".docx")]
    assert len(invitations) == len(jurors_used)
    assert {"retroplanning/retroplanning.docx", "retroplanning/retroplanning.ics"} <= names
    assert {"planning.xlsx", "manifest.json"} <= names


def test_the_manifest_lists_every_file_with_its_hash(produced: Path) -> None:
    files = files_under(produced)
    manifest = json.loads(files.pop("manifest.json"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == set(files)
    for path, content in files.items():
        assert listed[path]["sha256"] == hashlib.sha256(content).hexdigest()
        assert listed[path]["size"] == len(content)
    assert manifest["as_of"] == AS_OF
    workbook = (EXAMPLE / "session.xlsx").read_bytes()
    assert manifest["inputs"]["session.xlsx"] == hashlib.sha256(workbook).hexdigest()
    templates = {name for name in manifest["inputs"] if name.startswith("templates/")}
    assert templates == {
        f"templates/{path.name}" for path in (ROOT / "docgen" / "templates").glob("*.docx")
    }
    for name in templates:
        assert (
            manifest["inputs"][name]
            == hashlib.sha256((ROOT / "docgen" / name).read_bytes()).hexdigest()
        )


def test_every_word_file_is_well_formed(produced: Path) -> None:
    for path in produced.rglob("*.docx"):
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if member.endswith((".xml", ".rels")):
                    ElementTree.fromstring(archive.read(member))


def test_every_calendar_parses_back(produced: Path) -> None:
    calendars = list(produced.rglob("*.ics"))
    assert calendars
    for path in calendars:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = list(calendar.walk("VEVENT"))
        assert events, path.name
        assert all(event.get("UID") for event in events)


def test_a_rerun_gives_the_same_bytes(produced: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["all", str(EXAMPLE), "--as-of", AS_OF, "--out", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert files_under(tmp_path / "exemple") == files_under(produced)


@needs_libreoffice
def test_libreoffice_opens_every_word_file(produced: Path, tmp_path: Path) -> None:
    documents = sorted(produced.rglob("*.docx"))
    assert len(convert_files(documents, tmp_path)) == len(documents)


def test_each_juror_calendar_matches_the_plan(produced: Path) -> None:
    checked = check_session(EXAMPLE, load_settings({"as_of": None}))
    assert checked.plan is not None
    for juror in checked.data.jurors:
        slots = checked.plan.juror_slots(juror.full_name)
        path = produced / "invitations" / f"{juror.last_name.upper()}_{juror.first_name}.ics"
        if not slots:
            assert not path.exists()
            continue
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = sorted(
            (event.decoded("DTSTART"), event.decoded("DTEND")) for event in calendar.walk("VEVENT")
        )
        expected = []
        for day in sorted({slot.start.date() for slot in slots}):
            today = [slot for slot in slots if slot.start.date() == day]
            expected.append((min(slot.start for slot in today), max(slot.end for slot in today)))
        assert [
            (start.replace(tzinfo=None), end.replace(tzinfo=None)) for start, end in events
        ] == (expected), juror.full_name
        assert all(str(start.tzinfo) == "Europe/Paris" for start, _ in events)
