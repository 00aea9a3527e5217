"""`docgen init`: a new session folder with a blank workbook, or one carried over from another."""

from __future__ import annotations

import re
from pathlib import Path

from docgen.atomic import create_new_file
from docgen.errors import InputError
from docgen.pipeline import WORKBOOK_NAME, WORKBOOK_NAMES, session_workbook
from docgen.settings import Settings

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # what Windows or a path would misread


def new_session(name: str, settings: Settings, previous: Path | None = None) -> Path:
    """Create `inputs/<name>/session.xlsx` (never over an existing one) and return its path.

    With `previous`, the jurors, déroulé, equipment, rooms, items to bring and the stable
    Session fields are carried over, reset where they belong to one session only."""
    from docgen.workbook.blank import blank_workbook, carried_over, workbook_bytes
    from docgen.workbook.opening import read_sheets

    cleaned = name.strip()
    if not cleaned or cleaned in {".", ".."} or cleaned.startswith(".") or _FORBIDDEN.search(name):
        raise InputError(
            f"« {name} » ne peut pas nommer un dossier de session : choisissez un nom simple, "
            'sans / \\ : * ? " < > |, par exemple soudeur-mars-2027.'
        )
    target = settings.inputs_dir / cleaned / WORKBOOK_NAME
    for existing in (target.parent / name for name in WORKBOOK_NAMES):
        if existing.exists():
            raise InputError(
                f"« {existing} » existe déjà : docgen ne l'écrase pas et n'en crée pas un "
                "second à côté. Choisissez un autre nom."
            )
    carried = None
    if previous is not None:
        _, workbook = session_workbook(previous, settings.inputs_dir)
        carried = carried_over(read_sheets(workbook))
    create_new_file(target, workbook_bytes(blank_workbook(carried)))
    return target
