"""publish(): all documents at once or none, and a manifest that remembers every folder; the
refusals (full disk, read-only folder, manifest that cannot be written) leave the previous set."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from docgen import publishing as writing
from docgen.errors import OutputError
from docgen.publishing import MANIFEST, ManifestInfo, OutputFolder, differences, journal, publish

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
    real_write = writing.write_new_file
    calls: list[Path] = []

    def failing_write(path: Path | str, content: bytes) -> None:
        calls.append(Path(path))
        if len(calls) == 2:
            Path(path).write_bytes(content[:2])  # half a document…
            raise OSError(28, "No space left on device", str(path))
        real_write(path, content)

    monkeypatch.setattr(writing, "write_new_file", failing_write)
    with pytest.raises(OutputError, match=r"disque plein.*précédents sont restés en place"):
        publish(tmp_path, {"convocations/1.docx": b"nouveau", "convocations/2.docx": b"n"}, INFO)
    assert (tmp_path / "convocations" / "1.docx").read_bytes() == b"ancien"
    assert not (tmp_path / "convocations" / "2.docx").exists()
    assert (tmp_path / MANIFEST).read_bytes() == before
    assert visible(tmp_path) == ["convocations", "convocations/1.docx", MANIFEST]


def test_ctrl_c_mid_write_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(path: Path | str, content: bytes) -> None:
        Path(path).write_bytes(content[:1])
        raise KeyboardInterrupt

    monkeypatch.setattr(writing, "write_new_file", interrupted)
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


def test_a_rerun_links_unchanged_files_instead_of_copying_them(tmp_path: Path) -> None:
    publish(tmp_path, {"convocations/1.docx": b"pareil", "convocations/2.docx": b"avant"}, INFO)
    same = (tmp_path / "convocations" / "1.docx").stat().st_ino
    changed = (tmp_path / "convocations" / "2.docx").stat().st_ino
    publish(tmp_path, {"convocations/1.docx": b"pareil", "convocations/2.docx": b"apres"}, INFO)
    assert (tmp_path / "convocations" / "1.docx").stat().st_ino == same
    assert (tmp_path / "convocations" / "1.docx").stat().st_nlink == 1
    assert (tmp_path / "convocations" / "2.docx").stat().st_ino != changed
    assert (tmp_path / "convocations" / "2.docx").read_bytes() == b"apres"


def test_files_another_program_wrote_are_published_from_their_staging_folder(
    tmp_path: Path,
) -> None:
    publish(tmp_path, {"convocations/1.docx": b"c"}, INFO)
    with OutputFolder(tmp_path) as out:
        staging = out.new_staging()
        assert stat.S_IMODE(staging.stat().st_mode) == 0o700
        (staging / "pdf").mkdir()
        (staging / "pdf" / "convocations.pdf").write_bytes(b"%PDF-1.7")
        out.publish_staged(staging, ["pdf/convocations.pdf"], INFO)
    assert not staging.exists()
    paths = [entry["path"] for entry in manifest(tmp_path)["files"]]  # type: ignore[attr-defined]
    assert paths == ["convocations/1.docx", "pdf/convocations.pdf"]
    assert differences(tmp_path) == []
    assert visible(tmp_path) == sorted(
        ["convocations", "convocations/1.docx", "pdf", "pdf/convocations.pdf", MANIFEST]
    )


def test_a_staging_folder_holding_unlisted_files_is_refused(tmp_path: Path) -> None:
    with OutputFolder(tmp_path) as out:
        staging = out.new_staging()
        (staging / "pdf").mkdir()
        (staging / "pdf" / "a.pdf").write_bytes(b"a")
        (staging / "pdf" / ".~lock.a.pdf#").write_bytes(b"x")
        with pytest.raises(OutputError, match="inattendus"):
            out.publish_staged(staging, ["pdf/a.pdf"], INFO)
    assert visible(tmp_path) == []


def test_a_manifest_that_cannot_be_put_in_place_rolls_every_folder_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish(tmp_path, {"convocations/1.docx": b"ancien", "planning.xlsx": b"p1"}, INFO)
    before = {p: (tmp_path / p).read_bytes() for p in ("convocations/1.docx", MANIFEST)}
    real_rename = os.rename

    def rename(source: object, target: object) -> None:
        if Path(str(target)).name == MANIFEST:
            raise OSError(errno.EIO, "Input/output error", str(target))
        real_rename(source, target)  # type: ignore[arg-type]  # paths, as os.rename gets them

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OutputError, match="précédents sont restés en place"):
        publish(tmp_path, {"convocations/1.docx": b"nouveau", "planning.xlsx": b"p2"}, INFO)
    monkeypatch.undo()
    assert {p: (tmp_path / p).read_bytes() for p in before} == before
    assert (tmp_path / "planning.xlsx").read_bytes() == b"p1"
    assert differences(tmp_path) == []
    assert visible(tmp_path) == ["convocations", "convocations/1.docx", MANIFEST, "planning.xlsx"]


def test_a_full_disk_at_the_sync_leaves_the_previous_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish(tmp_path, {"convocations/1.docx": b"ancien"}, INFO)

    def full(folder: Path, files: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(folder))

    monkeypatch.setattr(journal, "sync_filesystem", full)
    with pytest.raises(OutputError, match="disque plein"):
        publish(tmp_path, {"convocations/1.docx": b"nouveau"}, INFO)
    assert (tmp_path / "convocations" / "1.docx").read_bytes() == b"ancien"
    assert differences(tmp_path) == []
    assert visible(tmp_path) == ["convocations", "convocations/1.docx", MANIFEST]


def in_child_as_ordinary_user(work: Callable[[], str]) -> str:
    """Run `work` in a child process, as `nobody` when the tests run as root (root ignores
    folder permissions), and return what it returned."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(reader)
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            answer = work()
        except BaseException as exc:  # the parent shows whatever went wrong
            answer = f"{type(exc).__name__}: {exc}"
        finally:
            os.write(writer, answer.encode())
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as stream:
        answer = stream.read().decode()
    os.waitpid(pid, 0)
    return answer


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
def test_a_read_only_folder_is_refused_before_anything_moves() -> None:
    base = Path(tempfile.mkdtemp(prefix="docgen-lecture-seule-"))
    try:
        out = base / "exemple"
        publish(out, {"convocations/1.docx": b"ancien", "affiches/a.docx": b"a"}, INFO)
        if os.geteuid() == 0:
            for path in [base, *base.rglob("*")]:
                os.chown(path, 65534, 65534)
        base.chmod(0o755)
        (out / "convocations").chmod(0o555)

        def rerun() -> str:
            try:
                publish(out, {"convocations/1.docx": b"nouveau", "affiches/a.docx": b"b"}, INFO)
            except OutputError as exc:
                return exc.message
            return "publié"

        answer = in_child_as_ordinary_user(rerun)
        assert "convocations est en lecture seule" in answer
        assert "Rien n'a été modifié" in answer
        assert (out / "convocations" / "1.docx").read_bytes() == b"ancien"
        assert (out / "affiches" / "a.docx").read_bytes() == b"a"
        assert differences(out) == []
        assert sorted(p.name for p in out.iterdir()) == ["affiches", "convocations", MANIFEST]
    finally:
        (base / "exemple" / "convocations").chmod(0o755)
        shutil.rmtree(base)


def test_a_journal_that_cannot_be_written_leaves_the_previous_set_and_no_trace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish(tmp_path, {"convocations/1.docx": b"ancien"}, INFO)

    def full(path: Path, content: bytes) -> None:
        path.write_bytes(content[:3])
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(journal, "write_durable_file", full)
    with pytest.raises(OutputError, match="précédents sont restés en place"):
        publish(tmp_path, {"convocations/1.docx": b"nouveau"}, INFO)
    assert (tmp_path / "convocations" / "1.docx").read_bytes() == b"ancien"
    assert visible(tmp_path) == ["convocations", "convocations/1.docx", MANIFEST]
