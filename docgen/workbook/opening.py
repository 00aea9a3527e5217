"""Opening a workbook file with openpyxl, or saying in French why it cannot be read."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from docgen.errors import InputError, describe_os_error
from docgen.workbook.raw import RawSheet

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_SAVE_AS_XLSX = (
    "ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »"
)


def read_sheets(path: Path) -> tuple[RawSheet, ...]:
    """Every worksheet's non-empty rows; InputError when the file is not a readable .xlsx."""
    _refuse_non_xlsx(path)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it skips (validation, styles): not for users.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                return tuple(_raw_sheet(sheet) for sheet in workbook.worksheets)
            finally:
                workbook.close()
    except InputError:
        raise
    except zipfile.BadZipFile as problem:
        raise InputError(
            f"Le classeur « {path} » est abîmé (archive .xlsx illisible : {problem}) : "
            "rouvrez-le dans Excel, qui propose de le réparer, puis enregistrez-le à nouveau."
        ) from problem
    except Exception as problem:  # openpyxl raises many types for malformed files
        raise InputError(
            f"Le classeur « {path} » ne peut pas être lu ({type(problem).__name__} : {problem}) : "
            f"{_SAVE_AS_XLSX}, puis relancez."
        ) from problem


def _raw_sheet(sheet: Worksheet) -> RawSheet:
    if isinstance(sheet, ReadOnlyWorksheet):
        # Some tools write a wrong sheet size; forgetting it makes openpyxl read every row.
        sheet.reset_dimensions()
    rows = tuple(
        (number, tuple(values))
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        if any(value is not None and value != "" for value in values)
    )
    return RawSheet(sheet.title, rows)


def _refuse_non_xlsx(path: Path) -> None:
    """Recognise the usual wrong files by their first bytes, to say exactly what to do."""
    try:
        if not path.exists():
            raise InputError(
                f"Le classeur « {path} » est introuvable : vérifiez le chemin de la session."
            )
        if path.is_dir():
            raise InputError(
                f"« {path} » est un dossier, pas un classeur .xlsx : indiquez session.xlsx."
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
    if content.startswith(_ZIP):
        return
    if content.startswith(_OLE):
        if _ENCRYPTED in content:
            raise InputError(
                f"Le classeur « {path} » est protégé par un mot de passe : ouvrez-le dans Excel, "
                "retirez le mot de passe (Fichier > Informations > Protéger le classeur) et "
                "enregistrez-le."
            )
        raise InputError(
            f"« {path} » est au format Excel 97-2003 (.xls), seulement renommé en .xlsx : "
            f"{_SAVE_AS_XLSX}."
        )
    if content.lstrip().startswith(b"<"):
        kind = "une page HTML ou un fichier XML"
    elif _looks_like_text(content):
        kind = "un fichier texte (CSV)"
    else:
        kind = "un fichier d'un autre format"
    raise InputError(
        f"« {path} » n'est pas un classeur .xlsx mais {kind} renommé : {_SAVE_AS_XLSX}."
    )


def _looks_like_text(content: bytes) -> bool:
    sample = content[:4096]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return b"\x00" not in sample
    return True
