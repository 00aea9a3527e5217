"""The posters hung on site: the règlement de session and the déroulé (candidate numbers only)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from docgen.conflicts import fold_text
from docgen.documents.batch import Progress, session_properties, with_progress
from docgen.documents.deroule_grid import day_grid, legend
from docgen.documents.render import DocumentTemplate
from docgen.documents.session_blocks import require_session, shared_blocks
from docgen.french import clock_time, heading_date
from docgen.model import RoomType, SessionData
from docgen.planning.plan import Plan, Slot
from docgen.settings import Settings
from docgen.template_files import template_path

REGLEMENT_TEMPLATE = "reglement.docx"
DEROULE_TEMPLATE = "deroule.docx"
POSTERS_FOLDER = "affiches"
REGLEMENT_FILE = f"{POSTERS_FOLDER}/reglement.docx"
DEROULE_FILE = f"{POSTERS_FOLDER}/deroule.docx"


def reglement_context(data: SessionData, settings: Settings) -> dict[str, Any]:
    """The session's specifics on the règlement; the rules themselves are in the template."""
    session = require_session(data, "le règlement de session")
    return {
        **shared_blocks(session),
        "opening": {
            "date": heading_date(session.start),
            "time": clock_time(session.opening_time),
        },
        "reglement": reglement_specifics(data),
    }


PROTECTIVE_WORDS = (
    "epi", "protection", "securite", "gant", "masque", "casque", "lunette", "cagoule",
    "chaussure", "bouchon", "harnais", "ignifug", "combinaison", "bleu de travail",
)  # fmt: skip
"""Words (accents folded) that name personal protective equipment in a list of items."""
COMPUTER_WORDS = ("ordinateur", "informatique", "pc", "bureautique", "logiciel", "poste de travail")
"""Words (accents folded) that name a computer among the session's equipment."""


def _names_any(names: Iterable[str], words: tuple[str, ...]) -> bool:
    folded = (f" {re.sub(r'[^a-z0-9]+', ' ', fold_text(name))} " for name in names)
    return any(f" {word}" in name for name in folded for word in words)


def reglement_specifics(data: SessionData) -> dict[str, Any]:
    """What makes the règlement's sentences specific to a kind of épreuve appear: protective
    equipment among the items to bring (and where it is required), computers among the
    equipment. A tertiary session on computers gets no workshop wording, and the reverse."""
    brought = [*data.items_to_bring, *(e.name for e in data.equipment if e.brought_by_candidate)]
    plateau = any(room.room_type is RoomType.PLATEAU for room in data.rooms) or any(
        step.room_type is RoomType.PLATEAU for step in data.steps
    )
    protection = ""
    if _names_any(brought, PROTECTIVE_WORDS):
        protection = "au plateau technique" if plateau else "aux épreuves"
    return {
        "protection_needed_for": protection,
        "computers": _names_any((e.name for e in data.equipment), COMPUTER_WORDS),
    }


def deroule_context(data: SessionData, plan: Plan, settings: Settings) -> dict[str, Any]:
    """One timetable grid per session day that has slots; candidates appear by number only."""
    session = require_session(data, "le déroulé de session")
    everyone = frozenset(candidate.number for candidate in data.candidates)
    by_day: dict[date, list[Slot]] = {}
    for slot in plan.slots:
        by_day.setdefault(slot.start.date(), []).append(slot)
    days = []
    for day in plan.days:
        slots = by_day.get(day, [])
        if not slots:
            continue
        present = sorted(
            {number for slot in slots if slot.step.candidate_present for number in slot.candidates}
        )
        days.append(
            {
                "date": heading_date(day),
                "candidates": ", ".join(present) if present else "aucun candidat ce jour",
                "grid": day_grid(day, slots, session, data.rooms, everyone),
            }
        )
    return {**shared_blocks(session), "days": days, "legend": legend()}


def render_posters(
    data: SessionData,
    plan: Plan | None,
    settings: Settings,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """`affiches/reglement.docx` and, when there is a plan, `affiches/deroule.docx`."""
    session = require_session(data, "les affiches")
    templates = {REGLEMENT_FILE: REGLEMENT_TEMPLATE}
    if plan is not None and plan.slots:
        templates[DEROULE_FILE] = DEROULE_TEMPLATE
    loaded = {
        name: DocumentTemplate.load(template_path(template, settings))
        for name, template in templates.items()
    }
    titles = {REGLEMENT_FILE: "Règlement de session", DEROULE_FILE: "Déroulé de session"}
    documents: dict[str, bytes] = {}
    for name in with_progress(list(loaded), "Affiches", progress):
        if name == DEROULE_FILE and plan is not None:
            context = deroule_context(data, plan, settings)
        else:
            context = reglement_context(data, settings)
        title = f"{titles[name]} – {session.title}"
        documents[name] = loaded[name].render(context, session_properties(session, title, settings))
    return documents
