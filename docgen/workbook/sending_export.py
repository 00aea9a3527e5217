"""envois.xlsx: the register of sending, one line per convocation and invitation, to fill in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from docgen.workbook.planning_export import Column, tables_workbook_bytes

if TYPE_CHECKING:
    from docgen.documents.sending import Sending

COLUMNS: list[Column] = [
    ("Document", 22),
    ("Destinataire", 28),
    ("Adresse", 46),
    ("Mode d'envoi", 13),
    ("N° recommandé", 18),
    ("À envoyer au plus tard le", 14),
    ("Envoyé le", 12),
    ("Accusé reçu le", 12),
]


def sending_workbook_bytes(lines: Sequence[Sending], stamp: datetime) -> bytes:
    """The register as .xlsx, byte-identical on reruns; the last two columns are left empty."""
    rows: list[list[Any]] = [
        [
            line.document,
            line.recipient,
            line.address,
            line.mode,
            line.registered_number,
            line.leave_by,
            None,
            None,
        ]
        for line in lines
    ]
    return tables_workbook_bytes([("Envois", COLUMNS, rows)], stamp, "Registre des envois")
