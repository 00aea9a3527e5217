"""publish(): all documents at once or none, and a manifest that remembers every folder."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from docgen import publishing as writing
from docgen.errors import OutputError
from docgen.publishing import MANIFEST, ManifestInfo, publish

INFO = ManifestInfo(
    as_of=date(2027, 1, 11), session="inputs/exemple", inputs={"session.xlsx": "ab" * 32}
)


def manifest(folder: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return loaded


def visible(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_publish_writes_every_file_and_describes_it(tmp_path: Path) -> None:
    out = tmp_path / "outputs" / "exemple"
    files = {"convocations/1_A_B.docx": b"premier", "convocations/2_C_D.docx": b"second"}
    publish(out, files, INFO)
    assert (out / "convocations" / "1_A_B.docx").read_bytes() == b"premier"
    content = manifest(out)
    assert content["files"] == [
        {
            "path": "convocations/1_A_B.docx",
            "sha256": hashlib.sha256(b"premier").hexdigest(),
            "size": 7,
        },
        {
            "path": "convocations/2_C_D.docx",
            "sha256": hashlib.sha256(b"second").hexdigest(),
            "size": 6,
        },
    ]
    assert content["as_of"] == "2027-01-11"
    assert content["inputs"] == {"session.xlsx": "ab" * 32}
    assert content["forced"] is False
    assert content["overridden_codes"] == []
    assert content["docgen_version"]
    assert visible(out) == sorted(["convocations", *files, MANIFEST])


def test_a_rerun_replaces_the_folder_and_gives_the_same_manifest_bytes(tmp_path: Path) -> None:
    publish(tmp_path, {"convocations/old.docx": b"x", "convocations/keep.docx": b"k"}, INFO)
    publish(tmp_path, {"convocations/keep.docx": b"k"}, INFO)
    first = (tmp_path / MANIFEST).read_bytes()
    publish(tmp_path, {"convocations/keep.docx": b"k"}, INFO)
    assert (tmp_path / MANIFEST).read_bytes() == first
    assert visible(tmp_path) == ["convocations", "convocations/keep.docx", MANIFEST]


def test_a_later_run_keeps_the_other_folders_entries(tmp_path: Path) -> None:
    publish(tmp_path, {"convocations/1.docx": b"c"}, INFO)
    forced = ManifestInfo(
        as_of=date(2027, 2, 1), forced=True, overridden_codes=("invitation-late",)
    )
    publish(tmp_path, {"invitations/J.docx": b"i", "invitations/J.ics": b"c"}, forced)
    content = manifest(tmp_path)
    paths = [entry["path"] for entry in content["files"]]  # type: ignore[attr-defined]
    assert paths == ["convocations/1.docx", "invitations/J.docx", "invitations/J.ics"]
    assert content["forced"] is True
    assert content["overridden_codes"] == ["invitation-late"]
    runs = content["runs"]
    assert runs["convocations"]["forced"] is False  # type: ignore[index]
    assert runs["invitations"]["as_of"] == "2027-02-01"  # type: ignore[index]
    assert (tmp_path / "convocations" / "1.docx").read_bytes() == b"c"


def test_a_failure_mid_write_leaves_the_previous_version_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish(tmp_path, {"convocations/1.docx": b"ancien"}, INFO)
    before = (tmp_path / MANIFEST).read_bytes()
    real_write = writing._write_file
    calls: list[Path] = []

    def failing_write(path: Path, content: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            path.write_bytes(content[:2])  # half a document…
            raise OSError(28, "No space left on device", str(path))
        real_write(path, content)

    monkeypatch.setattr(writing, "_write_file", failing_write)
    with pytest.raises(OutputError, match="Écriture impossible"):
        publish(tmp_path, {"convocations/1.docx": b"nouveau", "convocations/2.docx": b"n"}, INFO)
    assert (tmp_path / "convocations" / "1.docx").read_bytes() == b"ancien"
    assert not (tmp_path / "convocations" / "2.docx").exists()
    assert (tmp_path / MANIFEST).read_bytes() == before
    assert visible(tmp_path) == ["convocations", "convocations/1.docx", MANIFEST]


def test_ctrl_c_mid_write_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(path: Path, content: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content[:1])
        raise KeyboardInterrupt

    monkeypatch.setattr(writing, "_write_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        publish(tmp_path, {"convocations/1.docx": b"nouveau"}, INFO)
    assert visible(tmp_path) == []


def test_an_unwritable_destination_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier")
    with pytest.raises(OutputError, match="dossier de sortie"):
        publish(blocker / "exemple", {"convocations/1.docx": b"x"}, INFO)


@pytest.mark.parametrize("bad", ["../x.docx", "/etc/x", "a/../../b", "manifest.json", ""])
def test_paths_outside_the_folder_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(OutputError):
        publish(tmp_path, {bad: b"x"}, INFO)
    assert visible(tmp_path) == []
