"""What the plan asks of rooms and jurors: `room-overflow`, `juror-unused`, `juror-overload`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from docgen.findings import Finding, error, warning
from docgen.french import duration
from docgen.model import Civility, Juror, Room, Session, locate
from docgen.planning.plan import Slot
from docgen.planning.stats import juror_loads


def room_overflow(slots: Sequence[Slot], rooms: Sequence[Room]) -> list[Finding]:
    """A sitting (one step, one room, one start) holding more candidates than the room seats."""
    by_name = {room.name: room for room in rooms}
    sittings: dict[tuple[str, object, str], set[str]] = {}
    for slot in slots:
        if slot.room is None or not slot.step.candidate_present:
            continue
        key = (slot.step.name, slot.start, slot.room)
        sittings.setdefault(key, set()).update(slot.candidates)
    findings: list[Finding] = []
    reported: set[tuple[str, str]] = set()
    for (step_name, start, room_name), members in sorted(sittings.items(), key=str):
        room = by_name.get(room_name)
        if room is None or len(members) <= room.capacity or (step_name, room_name) in reported:
            continue
        reported.add((step_name, room_name))
        findings.append(
            error(
                "room-overflow",
                f"« {step_name} » réunit {len(members)} candidats dans la salle « {room.name} », "
                f"qui n'a que {room.capacity} place(s) (le {start:%d/%m/%Y à %H:%M}). Prévoyez "
                "une salle plus grande (colonne Capacité de l'onglet Salles), ou une capacité "
                "plus petite pour cette étape dans l'onglet Déroulé.",
                locate(room.origin, "capacity"),
            )
        )
    return findings


def juror_unused(unused: Sequence[Juror]) -> list[Finding]:
    """Accepted, available jurors the plan does not need, each named at their row."""
    findings = []
    for juror in unused:
        them = "la" if juror.civility is Civility.MADAME else "le"
        findings.append(
            warning(
                "juror-unused",
                f"{juror.civility.value} {juror.full_name} a accepté de siéger, mais le "
                f"planning ne {them} convoque aucun jour : prévenez-{them}, ou gardez-{them} en "
                "réserve en cas d'absence.",
                locate(juror.origin, "response"),
            )
        )
    return findings


def juror_overload(
    slots: Sequence[Slot], session: Session, jurors: Sequence[Juror], idle: int = 0
) -> list[Finding]:
    """A juror's day over `Heures maximum par juré et par jour`, or more days than
    `Jours maximum par juré` (`idle`: accepted jurors the plan convokes on no day)."""
    lunch: tuple[time, time] = (session.lunch_start, session.lunch_end)
    rows = {juror.full_name: juror for juror in jurors}
    findings: list[Finding] = []
    for name, per_day in sorted(juror_loads(slots, lunch).items()):
        juror = rows.get(name)
        where = locate(juror.origin) if juror else locate(session.origin)
        heavy = [(day, m) for day, m in per_day.items() if m > session.max_juror_day_minutes]
        if heavy:
            day, minutes = max(heavy, key=lambda item: item[1])
            others = f" (et {len(heavy) - 1} autre(s) jour(s) au-delà)" if len(heavy) > 1 else ""
            findings.append(
                warning(
                    "juror-overload",
                    f"{name} travaille {duration(minutes)} le {day:%d/%m/%Y}{others}, plus "
                    f"que les {duration(session.max_juror_day_minutes)} de « Heures maximum "
                    "par juré et par jour ». Invitez un juré de plus, ajoutez un jour, ou "
                    "relevez ce maximum dans l'onglet Session.",
                    where,
                )
            )
        most = session.max_days_per_juror
        if most is not None and len(per_day) > most:
            findings.append(
                warning(
                    "juror-overload",
                    f"{name} siège {len(per_day)} jours, plus que « Jours maximum par juré » "
                    f"({most}). "
                    + (
                        f"{idle} juré(s) accepté(s) ne sont convoqués aucun jour, mais le "
                        "planning n'a pas su leur confier ces journées : ajoutez un jour à la "
                        "session, ou relevez ce maximum dans l'onglet Session."
                        if idle
                        else "Invitez un juré de plus pour partager les journées, ou relevez ce "
                        "maximum dans l'onglet Session."
                    ),
                    where,
                )
            )
    return findings
