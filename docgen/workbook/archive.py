"""The zip archive of a workbook checked before any parser sees it: size, shape, kind."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from docgen.errors import InputError

MEGABYTE = 1024 * 1024

# Compression methods the standard library reads; any other (Deflate64, …) cannot be opened.
_READABLE_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
# An XML declaration of entities or a DTD: never written by Excel or LibreOffice, the vehicle of
# entity-expansion bombs.
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")
_OVERLAP = max(len(marker) for marker in _DTD_MARKERS)
_CHUNK = 1024 * 1024
_STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class WorkbookLimits:
    """How big a session workbook may be once uncompressed; far above any real session."""

    max_total_bytes: int = 50 * MEGABYTE
    max_member_bytes: int = 50 * MEGABYTE
    max_members: int = 2000
    max_ratio: int = 200
    """Largest uncompressed/compressed ratio, checked on members above `ratio_floor_bytes`."""
    ratio_floor_bytes: int = 1 * MEGABYTE

    @classmethod
    def of_megabytes(cls, megabytes: int) -> WorkbookLimits:
        size = max(1, megabytes) * MEGABYTE
        return cls(max_total_bytes=size, max_member_bytes=size)


class ArchiveKind(Enum):
    """What a zip archive holds, by its contents rather than its name."""

    XLSX = "xlsx"
    STRICT_XLSX = "strict"
    ODS = "ods"
    OTHER = "other"


_REBUILD = (
    "ouvrez-le dans Excel (qui propose de le réparer) ou LibreOffice, puis enregistrez-le à "
    "nouveau au format « Classeur Excel (.xlsx) »"
)


def inspect_archive(path: Path, limits: WorkbookLimits) -> ArchiveKind:
    """The kind of workbook in the zip at `path`, once every member has been read within limits.

    Raises InputError, in French, for a damaged, encrypted, oversized or suspicious archive.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_declared_sizes(path, members, limits)
            total = 0
            for member in members:
                total += _read_member(path, archive, member, limits, total)
            return _kind(archive, {member.filename for member in members})
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as problem:
        raise InputError(
            f"Le classeur « {path} » est abîmé : son archive est incomplète ou endommagée "
            f"(fichier tronqué lors d'une copie ou d'un téléchargement ?) : {_REBUILD}."
        ) from problem


def _check_declared_sizes(
    path: Path, members: list[zipfile.ZipInfo], limits: WorkbookLimits
) -> None:
    if len(members) > limits.max_members:
        raise InputError(
            f"Le classeur « {path} » contient {len(members)} éléments internes (au plus "
            f"{limits.max_members} pour un classeur de session) : ce n'est pas un classeur "
            f"ordinaire ; {_REBUILD}."
        )
    declared = sum(member.file_size for member in members)
    if declared > limits.max_total_bytes or any(
        member.file_size > limits.max_member_bytes for member in members
    ):
        raise _too_big(path, limits)
    for member in members:
        if member.flag_bits & 0x1:
            raise InputError(
                f"Le classeur « {path} » est chiffré : retirez le mot de passe dans Excel "
                "(Fichier > Informations > Protéger le classeur), enregistrez-le et relancez."
            )
        if member.compress_type not in _READABLE_METHODS:
            raise InputError(
                f"Le classeur « {path} » est compressé d'une manière que docgen ne lit pas "
                f"(méthode n° {member.compress_type}) : {_REBUILD}."
            )
        if (
            member.file_size > limits.ratio_floor_bytes
            and member.file_size > limits.max_ratio * max(member.compress_size, 1)
        ):
            raise InputError(
                f"Le classeur « {path} » contient un élément compressé plus de "
                f"{limits.max_ratio} fois (« {member.filename} ») : c'est le signe d'un fichier "
                f"piégé (« bombe zip »), pas d'un classeur de session ; {_REBUILD}."
            )


def _too_big(path: Path, limits: WorkbookLimits) -> InputError:
    return InputError(
        f"Le classeur « {path} » occupe plus de {limits.max_total_bytes // MEGABYTE} Mo une fois "
        "décompressé, bien plus qu'un classeur de session : retirez les images et les feuilles "
        "inutiles (ou relevez la limite « workbook_max_mb » dans docgen.toml si ce classeur est "
        "vraiment le bon)."
    )


def _read_member(
    path: Path,
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    limits: WorkbookLimits,
    already_read: int,
) -> int:
    """Decompress one member in chunks, refusing a DTD and any size beyond the limits."""
    size = 0
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > limits.max_member_bytes or already_read + size > limits.max_total_bytes:
                raise _too_big(path, limits)
            window = tail + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                raise InputError(
                    f"Le classeur « {path} » contient des déclarations XML (DOCTYPE, ENTITY) "
                    f"qu'aucun tableur n'écrit, dans « {member.filename} » : c'est le signe "
                    f"d'un fichier piégé ; docgen ne le lit pas. {_REBUILD[0].upper()}"
                    f"{_REBUILD[1:]}, à partir d'une source sûre."
                )
            tail = window[-_OVERLAP:]
    return size


def _kind(archive: zipfile.ZipFile, names: set[str]) -> ArchiveKind:
    if "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIMETYPE:
        return ArchiveKind.ODS
    if "[Content_Types].xml" not in names:
        return ArchiveKind.OTHER
    if "xl/workbook.xml" in names and _STRICT_NAMESPACE in archive.read("xl/workbook.xml")[:4096]:
        return ArchiveKind.STRICT_XLSX
    return ArchiveKind.XLSX
