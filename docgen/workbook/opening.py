"""Opening a workbook file within limits, or saying in French why it cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from docgen.errors import InputError, describe_os_error
from docgen.workbook.archive import MEGABYTE, ArchiveKind, WorkbookLimits, inspect_archive
from docgen.workbook.raw import RawSheet
from docgen.workbook.xlsx import DamagedSheetError, read_xlsx_sheets

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_SAVE_AS_XLSX = (
    "ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »"
)
_REPAIR = (
    "ouvrez-le dans Excel (qui propose de le réparer) ou LibreOffice, puis enregistrez-le à "
    "nouveau au format « Classeur Excel (.xlsx) »"
)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")


def read_sheets(path: Path, limits: WorkbookLimits | None = None) -> tuple[RawSheet, ...]:
    """Every worksheet's non-empty rows; InputError when the file is not a readable workbook."""
    limits = limits or WorkbookLimits()
    content = _content(path, limits)
    if content.startswith(_OLE):
        return _read_ole(path, content)
    if not content.startswith(_ZIP):
        raise _not_a_workbook(path, content)
    kind = inspect_archive(path, limits)
    if kind is ArchiveKind.ODS:
        return _read_ods(path)
    if kind is ArchiveKind.STRICT_XLSX:
        raise InputError(
            f"Le classeur « {path} » est enregistré au format « Feuille de calcul Open XML "
            "Strict », que docgen ne lit pas : ouvrez-le dans Excel, Fichier > Enregistrer sous, "
            "choisissez « Classeur Excel (.xlsx) » (et non « Strict Open XML »), puis relancez."
        )
    if kind is ArchiveKind.OTHER:
        raise InputError(
            f"« {path} » est une archive zip, mais pas un classeur Excel : il n'y a ni feuille "
            f"ni classeur dedans ; vérifiez que c'est le bon fichier, ou {_SAVE_AS_XLSX}."
        )
    if path.suffix.lower() == ".ods":
        raise InputError(
            f"« {path} » est un classeur Excel (.xlsx) renommé en .ods : rendez-lui son nom "
            "« session.xlsx », puis relancez."
        )
    return _read_xlsx(path)


def _read_xlsx(path: Path) -> tuple[RawSheet, ...]:
    try:
        return read_xlsx_sheets(path)
    except DamagedSheetError as damaged:
        raise InputError(
            f"La feuille « {damaged.title} » du classeur « {path} » est abîmée dans le fichier "
            f"(son contenu est illisible ou manque) : {_REPAIR}, puis relancez."
        ) from damaged
    except MemoryError as problem:
        raise InputError(
            f"Le classeur « {path} » est trop volumineux pour être lu : retirez les lignes et "
            "feuilles inutiles, puis relancez."
        ) from problem
    except Exception as problem:  # openpyxl raises many types for a malformed structure
        raise InputError(
            f"Le classeur « {path} » est abîmé : une partie de sa structure interne (liste des "
            f"feuilles, styles ou textes partagés) manque ou est illisible : {_REPAIR}, "
            "puis relancez."
        ) from problem


def _read_ods(path: Path) -> tuple[RawSheet, ...]:
    if path.suffix.lower() != ".ods":
        raise InputError(
            f"« {path} » est un classeur OpenDocument (.ods, LibreOffice) renommé en "
            f"{path.suffix} : renommez-le « session.ods » (docgen le lit tel quel) ou "
            f"{_SAVE_AS_XLSX}."
        )
    from docgen.workbook.calc import read_calc_sheets

    return read_calc_sheets(path)


def _read_ole(path: Path, content: bytes) -> NoReturn:
    if _ENCRYPTED in content:
        raise InputError(
            f"Le classeur « {path} » est protégé par un mot de passe : ouvrez-le dans Excel, "
            "retirez le mot de passe (Fichier > Informations > Protéger le classeur) et "
            "enregistrez-le."
        )
    # The binary .xls format has no cheap bound on the memory a hostile file can claim: asking
    # for an .xlsx (one « Enregistrer sous » away) is safer than reading it.
    renamed = "" if path.suffix.lower() == ".xls" else f", seulement renommé en {path.suffix}"
    raise InputError(
        f"« {path} » est au format Excel 97-2003 (.xls){renamed}, que docgen ne lit pas : "
        f"{_SAVE_AS_XLSX} sous le nom « session.xlsx », puis relancez."
    )


def _content(path: Path, limits: WorkbookLimits) -> bytes:
    """The file's bytes, once it is known to exist, be a file and be of a sane size."""
    try:
        if not path.exists():
            raise InputError(
                f"Le classeur « {path} » est introuvable : vérifiez le chemin de la session."
            )
        if path.is_dir():
            raise InputError(
                f"« {path} » est un dossier, pas un classeur .xlsx : indiquez session.xlsx."
            )
        if path.stat().st_size > limits.max_total_bytes:
            raise InputError(
                f"Le classeur « {path} » pèse plus de {limits.max_total_bytes // MEGABYTE} Mo, "
                "bien plus qu'un classeur de session : retirez les images et les feuilles "
                "inutiles (ou relevez la limite « workbook_max_mb » dans docgen.toml)."
            )
        content = path.read_bytes()
    except OSError as problem:
        raise InputError(
            f"Le classeur « {path} » ne peut pas être ouvert ({describe_os_error(problem)}) : "
            "fermez-le s'il est ouvert ailleurs et vérifiez vos droits sur le fichier."
        ) from problem
    if not content:
        raise InputError(
            f"Le classeur « {path} » est vide (0 octet) : remplacez-le par le vrai classeur."
        )
    return content


def _not_a_workbook(path: Path, content: bytes) -> InputError:
    """Recognise the usual wrong files by their first bytes, to say exactly what to do."""
    if content.lstrip().startswith(b"<"):
        kind = "une page HTML ou un fichier XML"
    elif _looks_like_text(content):
        kind = "un fichier texte (CSV)"
    else:
        kind = "un fichier d'un autre format"
    return InputError(
        f"« {path} » n'est pas un classeur .xlsx mais {kind} renommé : {_SAVE_AS_XLSX}."
    )


def _looks_like_text(content: bytes) -> bool:
    sample = content[:4096]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return b"\x00" not in sample
    return True
