"""What the operating system refused, said in French."""

from __future__ import annotations

import errno

from docgen.errors import describe_os_error


def test_common_refusals_are_described_in_french() -> None:
    assert describe_os_error(FileNotFoundError(errno.ENOENT, "No such file or directory")) == (
        "fichier ou dossier introuvable"
    )
    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device")) == "disque plein"
    assert "droits" in describe_os_error(PermissionError(errno.EACCES, "Permission denied"))


def test_an_unusual_refusal_still_says_something() -> None:
    assert describe_os_error(OSError(errno.ENOTTY, "Inappropriate ioctl")).startswith(
        "erreur du système"
    )


def test_a_symbolic_link_refused_by_o_nofollow_is_named() -> None:
    assert "lien symbolique" in describe_os_error(OSError(errno.ELOOP, "Too many levels"))
