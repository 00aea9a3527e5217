"""Collective supervision handed to pair members once the pairs' timetable is known."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from docgen.model import StepMode
from docgen.planning.jury import Jury
from docgen.planning.layout import Layout
from docgen.planning.scheduler import Attempt, Placed
from docgen.planning.timeline import Busy, Piece, day_of


def share_supervision(
    layout: Layout, attempt: Attempt, jury: Jury, pairs: Sequence[tuple[int, int]]
) -> None:
    """Hand collective supervision to pair members free at that time, so fewer jurors come.

    The attempt took supervisors from outside the pairs first, to keep the pairs free while it
    did not know their timetable; now that it is known, a pair member who is free, available
    that day and without conflict with any member of the group takes over.
    """
    used = sorted({j for pair in attempt.pair_of.values() for j in pairs[pair]})
    in_pairs = set(used)
    busy = [Busy() for _ in jury.jurors]
    load: list[dict[int, int]] = [{} for _ in jury.jurors]
    working = layout.working

    def book(juror: int, pieces: tuple[Piece, ...]) -> None:
        busy[juror].book(pieces)
        for start, end in pieces:
            load[juror][day_of(start)] = load[juror].get(day_of(start), 0) + (
                working.minutes_between(start, end)
            )

    most = layout.session.max_days_per_juror

    def fits_day(juror: int, pieces: tuple[Piece, ...]) -> bool:
        if most is not None:
            days = {day for day, minutes in load[juror].items() if minutes > 0}
            if len(days | {day_of(start) for start, _ in pieces}) > most:
                return False
        return all(
            load[juror].get(day_of(start), 0) + working.minutes_between(start, end)
            <= layout.juror_day_cap
            for start, end in pieces
        )

    # A juror who sits a final deliberation has finished every other step by then.
    closing_at: dict[int, int] = {}
    for placed in attempt.placed:
        for juror in placed.jurors:
            book(juror, placed.pieces)
            if placed.step.mode is StepMode.SESSION:
                start = placed.pieces[0][0]
                closing_at[juror] = min(closing_at.get(juror, start), start)
    for chain in _collective_chains(attempt.placed):
        first = attempt.placed[chain[0]]
        pieces = tuple(piece for index in chain for piece in attempt.placed[index].pieces)
        conflicted = 0
        for candidate in first.candidates:
            conflicted |= jury.conflicts.masks[candidate]
        days = 0
        for start, _ in pieces:
            days |= 1 << day_of(start)
        chosen = list(dict.fromkeys(j for index in chain for j in attempt.placed[index].jurors))
        swaps: dict[int, int] = {}
        for juror in chosen:
            if juror in in_pairs:
                continue
            for member in used:
                if (
                    member in chosen
                    or member in swaps.values()
                    or conflicted >> member & 1
                    or jury.day_masks[member] & days != days
                    or busy[member].conflict_end_any(pieces) is not None
                    or pieces[-1][1] > closing_at.get(member, pieces[-1][1])
                    or not fits_day(member, pieces)
                ):
                    continue
                book(member, pieces)
                swaps[juror] = member
                break
        for index in chain:
            placed = attempt.placed[index]
            jurors = tuple(swaps.get(j, j) for j in placed.jurors)
            attempt.placed[index] = replace(placed, jurors=jurors)


def _collective_chains(placed: Sequence[Placed]) -> list[list[int]]:
    """Supervised collective steps, those held back to back by the same group in the same room
    (the installation and its MSP) together: they keep the same supervisors."""
    chains: list[list[int]] = []
    for index, entry in enumerate(placed):
        if entry.step.mode is not StepMode.COLLECTIF or not entry.jurors:
            continue
        if chains:
            last = placed[chains[-1][-1]]
            if (
                last.candidates == entry.candidates
                and last.room == entry.room
                and last.pieces[-1][1] == entry.pieces[0][0]
            ):
                chains[-1].append(index)
                continue
        chains.append([index])
    return chains
