"""A person's slots folded into sittings, day by day; a juror's letter and calendar share them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from docgen.documents.sittings import sittings_by_day
from tests.documents.conftest import make_plan


def test_the_letter_and_the_calendar_of_one_juror_share_one_folding() -> None:
    slots = make_plan().juror_slots("A")
    assert slots
    first = sittings_by_day(slots)
    assert sittings_by_day(slots) is first
    with pytest.raises(TypeError):
        first[next(iter(first))] = ()  # type: ignore[index]  # read-only: it is shared
    other = tuple(replace(slot, room="Salle B") for slot in slots)
    changed = sittings_by_day(other)
    assert changed is not first
    assert {sitting.room for day in changed.values() for sitting in day} == {"Salle B"}
    assert sittings_by_day(list(slots)) == first  # another iterable: folded again, same lines
