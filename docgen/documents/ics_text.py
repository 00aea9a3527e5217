"""iCalendar text written faster than icalendar's `to_ical()`, with the same bytes.

icalendar serialises a component property by property and folds each line one character at a
time; a session writes a thousand calendar files that repeat most of their lines. Here every
value is still encoded by icalendar (its `add`, its value types, its parameter quoting), but a
line repeated from file to file is encoded once, and long lines are folded a piece at a time,
where icalendar's own folding cuts them. `tests/documents/test_calendar_files.py` compares the
bytes with icalendar's on every calendar of the example and on hostile text.
"""

from __future__ import annotations

from icalendar import Event, vText
from icalendar.cal.component import Component
from icalendar.caselessdict import canonsort_keys
from icalendar.parser_tools import to_unicode

Properties = list[tuple[str, object]]
"""A component's properties, each name with the value given to icalendar's `add`."""
UNIQUE = frozenset({"UID", "DESCRIPTION"})
"""TEXT properties whose value is each event's own: not worth remembering, and encoded as
icalendar encodes TEXT (`vText`, no parameters) without building a component for each."""


def property_lines(properties: Properties, kind: type[Component]) -> list[str]:
    """The component's property lines as its `to_ical()` writes them, in its order."""
    values = dict(properties)
    return [
        _text_line(name, values[name]) if name in UNIQUE else _remembered_line(name, values[name])
        for name in canonsort_keys(values, kind.canonical_order)
    ]


_REMEMBERED: dict[tuple[str, str, str, str], str] = {}
REMEMBERED_LINES = 4096


def _remembered_line(name: str, value: object) -> str:
    """`_line`, remembered by the value's type and representation (an aware time's zone is in
    it) and by its parameters (an address's CN): equal values in other zones stay apart."""
    key = (name, type(value).__name__, repr(value), repr(getattr(value, "params", None)))
    line = _REMEMBERED.get(key)
    if line is None:
        if len(_REMEMBERED) >= REMEMBERED_LINES:
            _REMEMBERED.clear()
        line = _REMEMBERED[key] = _line(name, value)
    return line


def _text_line(name: str, value: object) -> str:
    if not isinstance(value, str):
        return _line(name, value)
    return _checked_and_folded(name, f"{name}:{to_unicode(vText(value).to_ical())}")


def _line(name: str, value: object) -> str:
    """One property line, encoded by icalendar as `add` then `to_ical` would."""
    holder = Event()
    holder.add(name, value)
    [line] = content_lines(holder)[1:-1]
    return line


FOLD_AT = 75
"""RFC 5545: content lines are folded so that none is longer than 75 octets."""


def content_lines(component: Component) -> list[str]:
    """The lines of `component.to_ical()`, faster: each value and parameter is encoded by
    icalendar, decoded as icalendar decodes it (a leading byte-order mark dropped), and the
    line folded by `folded`, which cuts where icalendar's own folding cuts."""
    lines: list[str] = []
    for name, value in component.property_items():
        params = getattr(value, "params", None)
        if hasattr(value, "to_ical"):
            encoded = value.to_ical()
        else:  # BEGIN and END: already bytes, as in icalendar's own `Contentline.from_parts`
            encoded = vText(value if isinstance(value, str | bytes) else str(value)).to_ical()
        text = to_unicode(encoded)
        parameters = to_unicode(params.to_ical()) if params else ""
        line = f"{name};{parameters}:{text}" if parameters else f"{name}:{text}"
        lines.append(_checked_and_folded(name, line))
    return lines


def _checked_and_folded(name: str, line: str) -> str:
    if "\n" in line:  # values reach here escaped; to_ical() refuses a raw one too
        raise ValueError(f"Saut de ligne non échappé dans la propriété {name} d'un agenda.")
    return folded(line)


def folded(line: str) -> str:
    """The line folded exactly as icalendar's `_foldline` does (pieces of at most 74 octets, cut
    between characters, never just after a `\\` or `^` escape), but a piece at a time instead
    of a character at a time: the descriptions are long and there are a thousand files."""
    if len(line) * 4 < FOLD_AT:
        return line
    data = line.encode("utf-8")
    pieces: list[bytes] = []
    start = 0
    while len(data) - start >= FOLD_AT:
        end = start + FOLD_AT - 1
        while data[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if end - start > 1 and data[end - 1] in b"\\^":
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")
