"""Choice lists match however the choice is spelt, and say what they accept."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docgen.model import Civility, Delivery, EquipmentState, JurorResponse, StepMode, StepNature
from docgen.workbook import choices
from docgen.workbook.cells import CellValueError


@pytest.mark.parametrize(
    ("parse", "typed", "expected"),
    [
        (choices.civility, "mme", Civility.MADAME),
        (choices.civility, "MME", Civility.MADAME),
        (choices.civility, "Madame", Civility.MADAME),
        (choices.civility, "M", Civility.MONSIEUR),
        (choices.civility, "Monsieur", Civility.MONSIEUR),
        (choices.step_nature, "Epreuve", StepNature.EPREUVE),
        (choices.step_nature, "temps cache", StepNature.TEMPS_CACHE),
        (choices.step_mode, "INDIVIDUEL", StepMode.INDIVIDUEL),
        (choices.delivery, "main propre", Delivery.MAIN_PROPRE),
        (choices.juror_response, "acceptée", JurorResponse.ACCEPTE),
        (choices.equipment_state, "a verifier", EquipmentState.A_VERIFIER),
        (choices.equipment_state, "HS", EquipmentState.HORS_SERVICE),
    ],
)
def test_choices_match_loosely(
    parse: Callable[[object], object], typed: str, expected: object
) -> None:
    assert parse(typed) is expected


def test_an_unknown_choice_lists_what_is_accepted() -> None:
    with pytest.raises(CellValueError) as refused:
        choices.civility("Docteur")
    assert refused.value.expected == "une valeur parmi « M. », « Mme »"
