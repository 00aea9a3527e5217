"""The plan for people and for scripts: a French timetable per day, and INTERFACE.md's JSON."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from docgen.model import SessionData, StepMode
from docgen.planning.plan import Plan, Slot

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
LISTED_CANDIDATES = 10
"""Beyond this many candidates in one slot, the terminal view gives their number only."""


def iso_minute(moment: datetime) -> str:
    """`YYYY-MM-DDTHH:MM`, local time without offset (INTERFACE.md)."""
    return moment.strftime("%Y-%m-%dT%H:%M")


def french_day(day: date) -> str:
    """`Lundi 15 mars 2027`."""
    text = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"
    return text[0].upper() + text[1:]


def plan_as_json(
    plan: Plan, data: SessionData, session_label: str, arrival_margin_minutes: int = 15
) -> dict[str, Any]:
    """`docgen plan --format json`, exactly INTERFACE.md's fields, plus notes and jurors_needed."""
    names = {candidate.number: candidate.full_name for candidate in data.candidates}
    candidates = []
    for number in sorted(names):
        slots = plan.candidate_slots(number)
        arrivals = plan.arrival_times(number)
        first = min(arrivals) if arrivals else None
        candidates.append(
            {
                "numero": number,
                "name": names[number],
                "jury_pair": plan.pair_of(number),
                "convocation": iso_minute(arrivals[first]) if first else None,
                "slots": [
                    {
                        "step": slot.step.name,
                        "start": iso_minute(slot.start),
                        "end": iso_minute(slot.end),
                        "room": slot.room,
                        "jurors": list(slot.jurors),
                        "candidate_present": slot.step.candidate_present,
                    }
                    for slot in slots
                ],
            }
        )
    juror_names = sorted({name for slot in plan.slots for name in slot.jurors})
    jurors = [
        {
            "name": name,
            "slots": [
                {
                    "step": slot.step.name,
                    "start": iso_minute(slot.start),
                    "end": iso_minute(slot.end),
                    "candidate": slot.candidates[0] if len(slot.candidates) == 1 else None,
                    "candidates": list(slot.candidates),
                    "room": slot.room,
                }
                for slot in plan.juror_slots(name)
            ],
        }
        for name in juror_names
    ]
    return {
        "session": session_label,
        "days": [day.isoformat() for day in plan.days],
        "jury_pairs": [{"id": pair.id, "jurors": list(pair.jurors)} for pair in plan.jury_pairs],
        "candidates": candidates,
        "jurors": jurors,
        "lower_bound_pairs": plan.lower_bound_pairs,
        "jurors_needed": plan.jurors_needed,
        "notes": list(plan.notes),
        "stats": plan.stats.as_json(),
    }


def stats_lines(plan: Plan) -> list[str]:
    """The plan's quality figures in French, as `docgen plan` prints them under the timetable."""
    stats = plan.stats
    visits = ", ".join(
        f"{count} candidat(s) sur {days} jour(s)" for days, count in stats.candidate_visits.items()
    )
    unused = ", ".join(stats.unused_jurors) if stats.unused_jurors else "aucun"
    return [
        "Qualité du planning :",
        f"  - venues des candidats : {visits or 'aucune'} ; au plus {stats.max_candidate_span_days}"
        " jour(s) ouvré(s) entre la première et la dernière venue",
        f"  - venues pour des temps cachés seulement : {stats.hidden_only_visits}",
        f"  - attente la plus longue dans une journée (hors déjeuner) : "
        f"{stats.max_wait_minutes} min",
        f"  - journées de jurés : {stats.juror_days} ; journée la plus chargée : "
        f"{_hours(stats.max_juror_day_minutes)} ; au plus {stats.max_days_per_juror} jour(s) "
        "pour un même juré",
        f"  - binômes : {stats.pairs} (borne inférieure : {stats.lower_bound_pairs})",
        f"  - jurés acceptés non utilisés : {unused}",
    ]


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def _who(slot: Slot, data: SessionData) -> str:
    everyone = len(data.candidates)
    if not slot.candidates:
        return ""
    if len(slot.candidates) == everyone and everyone > 1:
        return f"tous les candidats ({everyone})"
    if len(slot.candidates) > LISTED_CANDIDATES:
        return f"{len(slot.candidates)} candidats"
    if len(slot.candidates) == 1:
        number = slot.candidates[0]
        name = next((c.full_name for c in data.candidates if c.number == number), "")
        return f"{number} {name}".strip()
    return "candidats " + ", ".join(slot.candidates)


def _line(slot: Slot, data: SessionData) -> str:
    parts = [f"{slot.start:%H:%M}–{slot.end:%H:%M}", slot.step.name]
    if slot.room:
        parts.append(slot.room)
    who = _who(slot, data)
    if who:
        parts.append(who if slot.step.candidate_present else f"sans le candidat : {who}")
    if slot.jury_pair:
        parts.append(f"jury {slot.jury_pair}")
    elif slot.jurors and slot.step.mode is StepMode.COLLECTIF:
        parts.append("surveillance : " + ", ".join(slot.jurors))
    elif slot.jurors:
        parts.append("jurés : " + ", ".join(slot.jurors))
    return "  " + " · ".join(parts)


def plan_as_text(plan: Plan, data: SessionData) -> str:
    """A readable French timetable, day by day, for the terminal."""
    session = data.session
    lines: list[str] = []
    title = session.title if session else "Session"
    if plan.days:
        lines.append(
            f"Planning — {title} ({plan.days[0]:%d/%m/%Y} – {plan.days[-1]:%d/%m/%Y}, "
            f"{len(plan.days)} jour(s))"
        )
    else:
        lines.append(f"Planning — {title} : aucun jour de session")
    pairs = len(plan.jury_pairs)
    lines.append(
        f"Binômes de jurés : {pairs} (borne inférieure : {plan.lower_bound_pairs}) ; "
        f"jurés nécessaires : {plan.jurors_needed}"
    )
    counts = {pair.id: 0 for pair in plan.jury_pairs}
    for _, pair_id in plan.assignment:
        counts[pair_id] = counts.get(pair_id, 0) + 1
    for pair in plan.jury_pairs:
        lines.append(f"  {pair.id} : {', '.join(pair.jurors)} — {counts[pair.id]} candidat(s)")
    for day in plan.days:
        slots = [slot for slot in plan.slots if slot.start.date() == day]
        lines.append("")
        lines.append(french_day(day))
        if not slots:
            lines.append("  (rien de prévu)")
        lines.extend(_line(slot, data) for slot in slots)
    if plan.slots:
        lines.append("")
        lines.extend(stats_lines(plan))
    if plan.notes:
        lines.append("")
        lines.append("Remarques :")
        lines.extend(f"  - {note}" for note in plan.notes)
    if any(finding.is_error for finding in plan.findings):
        # The findings themselves are printed with the check report, once.
        lines.append("")
        lines.append("Le planning est incomplet : voir les erreurs signalées.")
    return "\n".join(lines)
