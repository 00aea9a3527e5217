"""The plan's slots: each placement as dated slots, and the opening and daily steps with
whoever is on site that day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from docgen.model import StepMode
from docgen.planning.closing import first_room
from docgen.planning.diagnosis import Diagnosis
from docgen.planning.plan import Slot
from docgen.planning.scheduler import Attempt, Placed
from docgen.planning.stats import minutes_outside
from docgen.planning.timeline import Piece, as_datetime


class SlotMaking(Diagnosis):
    """Turns an attempt's placements into the plan's slots."""

    def _slots_of(
        self, placed: Placed, names: list[str], numbers: list[str], ids: dict[int, str]
    ) -> list[Slot]:
        days = self.layout.days
        jurors = tuple(names[j] for j in placed.jurors)
        pair = ids.get(placed.pair) if placed.pair is not None else None
        room = placed.room.name if placed.room else None
        groups: dict[tuple[Piece, ...], list[str]] = {}
        if placed.step.mode is StepMode.COLLECTIF:
            index = self.layout.body.index(placed.step)
            for candidate in placed.candidates:
                length = self.layout.durations[candidate][index]
                own = self.layout.working.span(placed.pieces[0][0], length)
                groups.setdefault(own, []).append(numbers[candidate])
        else:
            groups[placed.pieces] = [numbers[c] for c in placed.candidates]
        return [
            Slot(
                placed.step,
                as_datetime(days, start),
                as_datetime(days, end),
                room,
                tuple(members),
                jurors,
                pair,
            )
            for pieces, members in sorted(groups.items())
            for start, end in pieces
        ]

    def _soon_after(
        self, numbers: tuple[str, ...], on_site: list[Slot], end: int, witness: bool = True
    ) -> tuple[str, ...]:
        """Of these candidates, those whose first step of the day starts within `Attente
        maximale` of `end` (the opening's end); with `witness`, at least the one who starts
        first. A candidate whose épreuve is in the afternoon does not come for the opening."""
        first: dict[str, datetime] = {}
        for slot in on_site:
            if slot.step.candidate_present:
                for number in slot.candidates:
                    if number not in first or slot.start < first[number]:
                        first[number] = slot.start
        moment = as_datetime(self.layout.days, end)
        soon = self._within_wait(numbers, {n: (moment, at) for n, at in first.items()})
        if soon or not numbers or not witness:
            return soon
        return (min(numbers, key=lambda n: (first.get(n, datetime.max), n)),)

    def _soon_before(
        self, numbers: tuple[str, ...], on_site: list[Slot], start: int
    ) -> tuple[str, ...]:
        """Of these candidates, those whose last step of the day ends within `Attente
        maximale` of `start` (a daily step at the end of the day): the others have gone."""
        last: dict[str, datetime] = {}
        for slot in on_site:
            if slot.step.candidate_present:
                for number in slot.candidates:
                    if number not in last or slot.end > last[number]:
                        last[number] = slot.end
        moment = as_datetime(self.layout.days, start)
        return self._within_wait(numbers, {n: (at, moment) for n, at in last.items()})

    def _within_wait(
        self, numbers: tuple[str, ...], spans: dict[str, tuple[datetime, datetime]]
    ) -> tuple[str, ...]:
        session = self.session
        lunch = (session.lunch_start, session.lunch_end)
        return tuple(
            n
            for n in numbers
            if n in spans
            and minutes_outside(spans[n][0], spans[n][1], lunch) <= session.max_wait_minutes
        )

    def _fixed_slots(
        self, slots: list[Slot], attempt: Attempt, pairs: list[tuple[int, int]]
    ) -> list[Slot]:
        """The opening and the daily steps, naming whoever is on site that day."""
        layout, jury = self.layout, self.jury
        everyone = tuple(candidate.number for candidate in layout.candidates)
        used = [j for pair in sorted(set(attempt.pair_of.values())) for j in pairs[pair]]
        result: list[Slot] = []
        for fixed in layout.fixed:
            day = layout.days[fixed.day]
            step = fixed.step
            on_site = [s for s in slots if s.start.date() == day]
            # Only the candidates with an épreuve that day come: the opening of the plis is
            # held with day 1's candidates (at least one, the witness), never with candidates
            # whose épreuves fall on later days.
            today = _present_at(on_site, lambda s: s.step.is_epreuve)
            if step.mode is StepMode.SESSION:
                # With no épreuve that day, those who have another step of the déroulé come
                # (and the first of all only when nobody does: the witness must be there).
                coming = today or _present_at(on_site, lambda s: s.step.mode in _BODY)
                candidates = (
                    self._soon_after(coming, on_site, fixed.pieces[-1][1]) or everyone[:1]
                    if step.candidate_present
                    else ()
                )
                present = [j for j in used if jury.day_masks[j] >> fixed.day & 1]
                jurors = tuple(jury.jurors[j].full_name for j in present[: step.jurors_required])
            else:
                # A daily step gathers the day's candidates who are on site just before or
                # after it, never one who would wait hours for it.
                if not step.candidate_present:
                    candidates = ()
                elif step in layout.daily_first:
                    candidates = self._soon_after(today, on_site, fixed.pieces[-1][1], False)
                else:
                    candidates = self._soon_before(today, on_site, fixed.pieces[0][0])
                jurors = tuple(sorted({j for s in on_site for j in s.jurors}))
                if not step.jurors_required:
                    jurors = ()
                if not candidates and not jurors:
                    continue
            room = first_room(layout, step, len(candidates))
            assert not isinstance(room, int)  # nothing else is booked in a fixed window
            for start, end in fixed.pieces:
                result.append(
                    Slot(
                        step,
                        as_datetime(layout.days, start),
                        as_datetime(layout.days, end),
                        room.name if room else None,
                        candidates,
                        jurors,
                    )
                )
        return result


_BODY = (StepMode.COLLECTIF, StepMode.INDIVIDUEL)


def _present_at(slots: list[Slot], kept: Callable[[Slot], bool]) -> tuple[str, ...]:
    """The candidates present at the slots `kept` keeps, by number."""
    present = (s for s in slots if s.step.candidate_present and kept(s))
    return tuple(sorted({number for slot in present for number in slot.candidates}))
