"""The proof of sending on the example: register lines, envois.xlsx, bordereau and receipts."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from docgen.calendar import deadline, is_working_day
from docgen.documents.kinds import SENDING
from docgen.documents.sending import (
    BORDEREAU_FILE,
    REGISTER_DOCUMENT,
    REGISTER_FILE,
    sendings,
)
from docgen.pipeline import CheckedSession, check_session
from docgen.settings import load_settings
from tests.documents.conftest import docx_text

EXAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "exemple"


@pytest.fixture(scope="module")
def checked() -> CheckedSession:
    return check_session(EXAMPLE, load_settings({"as_of": date(2027, 1, 11)}))


@pytest.fixture(scope="module")
def written(checked: CheckedSession) -> dict[str, bytes]:
    settings = load_settings({"as_of": date(2027, 1, 11)})
    return SENDING.render(checked.data, checked.plan, settings, None)


def test_one_line_per_convocation_then_per_invitation(checked: CheckedSession) -> None:
    settings = load_settings({"as_of": date(2027, 1, 11)})
    lines = sendings(checked.data, checked.plan, settings)
    session = checked.data.session
    assert session is not None and checked.plan is not None
    convocations = [line for line in lines if line.document.startswith("Convocation")]
    invitations = [line for line in lines if line.document == "Invitation au jury"]
    assert len(convocations) == len(checked.data.candidates)
    assert len(invitations) == 4 and lines == convocations + invitations
    d31 = deadline(session.start, 31, session.departement)
    assert all(line.leave_by == d31 for line in convocations)
    assert is_working_day(d31, session.departement)
    assert all(
        line.leave_by == deadline(session.start, 15, session.departement) for line in invitations
    )
    by_mode = {line.mode for line in convocations}
    assert by_mode == {"Recommandé", "Main propre"}
    for line in convocations:
        candidate = next(c for c in checked.data.candidates if c.number in line.document)
        assert line.registered_number == (
            candidate.registered_mail_number or "" if line.mode == "Recommandé" else ""
        )
    assert {line.mode for line in invitations} == {"E-mail"}
    assert all("@" in line.address for line in invitations)


def test_the_workbook_has_the_columns_to_fill(written: dict[str, bytes]) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(written[REGISTER_FILE])).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("Envoyé le", "Accusé reçu le")
    assert len(rows) == 1 + 11 + 4
    assert rows[1][1] == "M. BERNARD Lucas" and rows[1][3] == "Recommandé"
    assert rows[1][4] == "1A 190 452 7731 4"
    assert all(row[-1] is None and row[-2] is None for row in rows[1:])


def test_bordereau_lists_registered_letters_and_receipts_the_hand_delivered(
    checked: CheckedSession, written: dict[str, bytes]
) -> None:
    bordereau = docx_text(written[BORDEREAU_FILE])
    by_hand = [c for c in checked.data.candidates if c.delivery.value == "Main propre"]
    assert by_hand
    for candidate in checked.data.candidates:
        listed = candidate.full_name in bordereau
        assert listed is (candidate.delivery.value == "Recommandé"), candidate.full_name
    receipts = sorted(name for name in written if name.startswith("envois/recepisses/"))
    assert len(receipts) == len(by_hand)
    text = docx_text(written[receipts[0]])
    assert by_hand[0].full_name in text and by_hand[0].number in text
    assert "remise en main propre" in text.lower() and "Signature" in text
    assert "{{" not in text and "{%" not in text
    assert "Accusé reçu le" in docx_text(written[REGISTER_DOCUMENT])
