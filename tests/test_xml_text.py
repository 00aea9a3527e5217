"""Text escaped for XML character data, as the standard library's saxutils escapes it."""

from __future__ import annotations

from xml.sax.saxutils import escape

from docgen.xml_text import escape_text


def test_ampersands_and_angle_brackets_are_escaped_quotes_are_not() -> None:
    text = 'Dupont & Fils <SARL> « l\'atelier » "B"'
    assert (
        escape_text(text) == escape(text) == ('Dupont &amp; Fils &lt;SARL&gt; « l\'atelier » "B"')
    )
