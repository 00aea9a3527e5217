"""Children of Word's property elements put back in the order ISO/IEC 29500 (and Word) requires."""

from __future__ import annotations

import re

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_RUN_PROPERTIES = (
    # EG_ParaRPrTrackChanges (only in a paragraph mark's properties), then EG_RPrBase.
    *("ins", "del", "moveFrom", "moveTo"),
    *("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike"),
    *("outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden"),
    *("color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect"),
    *("bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout"),
    *("specVanish", "oMath", "rPrChange"),
)

SCHEMA_ORDER: dict[str, tuple[str, ...]] = {
    "tcPr": (  # CT_TcPr
        *("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap"),
        *("tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns"),
        *("cellDel", "cellMerge", "tcPrChange"),
    ),
    "pPr": (  # CT_PPr
        *("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl"),
        *("numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens"),
        *("kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN"),
        *("bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing"),
        *("mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment"),
        *("textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
    ),
    "rPr": _RUN_PROPERTIES,  # CT_RPr and CT_ParaRPr
    "tblPr": (  # CT_TblPr
        *("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize"),
        *("tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd"),
        *("tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange"),
    ),
}
"""For each property element, its children's names in the order the schema's sequence lists them."""

_RANKS = {
    f"{{{W}}}{parent}": {f"{{{W}}}{child}": rank for rank, child in enumerate(children)}
    for parent, children in SCHEMA_ORDER.items()
}


def put_properties_in_schema_order(
    root: etree._Element, parents: tuple[str, ...] = tuple(SCHEMA_ORDER)
) -> int:
    """Reorder, in place, the children of every tcPr, pPr, rPr and tblPr under `root` (or of
    the `parents` named only).

    Known children follow the schema's order; an unknown child (another namespace, a comment)
    keeps its place after the known one it followed. Returns how many elements were reordered.
    """
    changed = 0
    for parent in root.iter(*(f"{{{W}}}{name}" for name in parents)):
        ranks = _RANKS[parent.tag]
        if _in_order(parent, ranks):
            continue
        children = list(parent)
        keys: list[tuple[int, int]] = []
        last = -1
        for position, child in enumerate(children):
            last = ranks.get(child.tag, last) if isinstance(child.tag, str) else last
            keys.append((last, position))
        ordered = [child for _, child in sorted(zip(keys, children, strict=True))]
        if ordered != children:
            changed += 1
            for child in children:
                parent.remove(child)
            parent.extend(ordered)
    return changed


def _in_order(parent: etree._Element, ranks: dict[str, int]) -> bool:
    """Whether the known children already follow the schema's order (nearly always: checked
    first because a large document has tens of thousands of property elements)."""
    last = -1
    for child in parent:
        rank = ranks.get(child.tag, -1) if isinstance(child.tag, str) else -1
        if rank < 0:
            continue
        if rank < last:
            return False
        last = rank
    return True


_TAG = re.compile(r'<(/?)([\w.-]+:)?([\w.-]+)((?:\s+[^\s=/>]+\s*=\s*"[^"]*")*)\s*(/?)>')
_CELL_PROPERTIES = re.compile(r"(<w:tcPr(?:\s[^>]*)?>)(.*?)(</w:tcPr>)", re.DOTALL)


def cell_properties_ordered_in_source(xml: str) -> str | None:
    """The children of every `w:tcPr` of a compiled template's source (its XML with Jinja tags)
    put in schema order, or None when one cannot be (a Jinja statement or text among them).

    docxtpl's `{% cellbg %}`, `{% colspan %}` and `{% vm %}` write fixed elements there, in
    the wrong order; ordered once in the source, no rendered document needs the pass again."""
    ranks = _RANKS[f"{{{W}}}tcPr"]
    pieces: list[str] = []
    done = 0
    for found in _CELL_PROPERTIES.finditer(xml):
        children = _children(found.group(2))
        if children is None:
            return None
        keys: list[tuple[int, int]] = []
        last = -1
        for position, (name, _) in enumerate(children):
            last = ranks.get(f"{{{W}}}{name}", last) if name else last
            keys.append((last, position))
        ordered = [text for _, (_, text) in sorted(zip(keys, children, strict=True))]
        pieces += [xml[done : found.start(2)], "".join(ordered)]
        done = found.end(2)
    pieces.append(xml[done:])
    return "".join(pieces)


def _children(inner: str) -> list[tuple[str | None, str]] | None:
    """The elements directly inside a property element, as (local name of a `w:` element or
    None, its text); None when anything but elements and blanks is there."""
    children: list[tuple[str | None, str]] = []
    depth, position, start, name = 0, 0, 0, None
    for tag in _TAG.finditer(inner):
        if inner[position : tag.start()].strip():
            return None
        closing, prefix, local, _, empty = tag.groups()
        if depth == 0:
            if closing:
                return None
            start, name = tag.start(), local if prefix == "w:" else None
        depth += -1 if closing else 0 if empty else 1
        if depth < 0:
            return None
        if depth == 0:
            children.append((name, inner[start : tag.end()]))
        position = tag.end()
    if depth or inner[position:].strip():
        return None
    return children
