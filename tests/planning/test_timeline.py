"""Where a step of a given length may start: inside a half-day, over lunch, over several days."""

from __future__ import annotations

from docgen.planning.timeline import Busy, Segment, WorkingTime, stamp


def two_days() -> WorkingTime:
    """8:30–12:00 and 13:00–17:30 on days 0 and 1."""
    return WorkingTime(
        [
            Segment(day, stamp(day, start), stamp(day, end), end - start)
            for day in (0, 1)
            for start, end in ((510, 720), (780, 1050))
        ]
    )


def test_a_short_step_never_crosses_lunch() -> None:
    working = two_days()

    assert working.fit(stamp(0, 690), 60) == ((stamp(0, 780), stamp(0, 840)),)


def test_a_step_longer_than_its_half_day_spans_lunch_within_the_day() -> None:
    working = two_days()

    # 240 min from 8:30: 210 in the morning, lunch inside, 30 after it.
    assert working.fit(stamp(0, 510), 240) == ((stamp(0, 510), stamp(0, 810)),)


def test_a_step_longer_than_a_day_starts_a_day_and_continues_the_next() -> None:
    working = two_days()

    # Not from the middle of day 0; from day 1 it would need a third day.
    assert working.fit(stamp(0, 600), 600) is None
    assert working.fit(stamp(0, 510), 600) == (
        (stamp(0, 510), stamp(0, 1050)),
        (stamp(1, 510), stamp(1, 630)),
    )


def test_no_room_left_gives_none_instead_of_a_loop() -> None:
    assert two_days().fit(stamp(1, 1000), 60) is None
    assert WorkingTime([]).fit(0, 10) is None


def test_busy_reports_when_the_overlapping_booking_ends() -> None:
    busy = Busy()
    busy.book(((100, 200),))
    busy.book(((300, 400),))

    assert busy.conflict_end(150, 160) == 200
    assert busy.conflict_end(200, 300) is None
    assert busy.conflict_end(250, 350) == 400
    assert busy.last_end == 400
