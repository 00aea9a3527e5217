"""Rules on the plateau technique and the rooms: enough working equipment, confidential rooms."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from docgen.calendar import deadline
from docgen.findings import Finding, error, warning
from docgen.french import long_date
from docgen.model import Equipment, EquipmentState, RoomType, SessionData, Step, StepMode, locate
from docgen.settings import Settings


def _candidate_count(data: SessionData) -> int:
    """The candidates listed, or those declared while the list is still empty."""
    if data.candidates or data.session is None:
        return len(data.candidates)
    return data.session.expected_candidates


def group_size(data: SessionData, step: Step) -> int:
    """The most candidates one sitting of `step` holds: its `Capacité`, its largest room and the
    candidates (1 for a step taken one candidate at a time)."""
    candidates = _candidate_count(data)
    if step.mode is not StepMode.COLLECTIF:
        return min(1, candidates)
    bounds = [candidates]
    if step.capacity is not None:
        bounds.append(step.capacity)
    rooms = [room.capacity for room in data.rooms if room.room_type is step.room_type]
    if step.room_type is not None and rooms:
        bounds.append(max(rooms))
    return min(bounds)


def largest_group(data: SessionData) -> int:
    """The most candidates at once on a collective step (1 when every step is individual)."""
    candidates = _candidate_count(data)
    return max([min(1, candidates), *(group_size(data, step) for step in data.steps)])


def item_group(data: SessionData, item: Equipment) -> int:
    """The most candidates in one sitting of the steps that use `item` (`Étapes`, by default the
    plateau steps): a 12-seat questionnaire does not size the 6 welding stations. Groups running
    at once in several rooms share the items: the planner never runs more of them together than
    the items equip."""
    steps = tuple(data.steps)
    using = [group_size(data, step) for step in steps if item.uses(step, steps)]
    return max(using, default=0)


def equipment_quantity(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """Every item the centre provides is available in the quantity one sitting of the steps
    using it needs."""
    for item in data.equipment:
        if item.brought_by_candidate:
            continue
        group = item_group(data, item)
        if item.per_candidate:
            if group == 0:
                continue
            needed = item.required_quantity * group
            detail = f"{item.required_quantity} par candidat × {group} candidats à la fois"
        else:
            needed = item.required_quantity
            detail = "quantité requise"
        if item.available_quantity < needed:
            yield error(
                "equipment-short",
                f"« {item.name} » : {item.available_quantity} disponible(s) pour {needed} "
                f"nécessaire(s) ({detail}). Complétez le matériel, ou réduisez la capacité "
                "de l'épreuve collective dans la feuille Déroulé.",
                locate(item.origin, "available_quantity"),
            )


def _loose(name: str) -> str:
    return " ".join(name.casefold().split())


def equipment_steps(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """Every name in `Matériel › Étapes` is a step of the déroulé (by name or `Ordre`): an
    unknown one would leave the item sized by the wrong steps."""
    if not data.steps:
        return
    names = {_loose(step.name): step.name for step in data.steps}
    orders = {str(step.order) for step in data.steps}
    for item in data.equipment:
        for wanted in item.steps:
            if _loose(wanted) in names or _loose(wanted) in orders:
                continue
            closest = difflib.get_close_matches(_loose(wanted), list(names), n=1, cutoff=0.6)
            hint = f" Vouliez-vous dire « {names[closest[0]]} » ?" if closest else ""
            known = " ; ".join(step.name for step in data.steps)
            yield error(
                "invalid-value",
                f"« {item.name} » : l'étape « {wanted} » de la colonne Étapes n'existe pas dans "
                f"la feuille Déroulé.{hint} Écrivez le nom d'une étape ou son numéro d'ordre "
                f"(étapes : {known}).",
                locate(item.origin, "steps"),
            )


def equipment_state(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """Equipment out of order blocks the session; equipment still to check is a reminder."""
    for item in data.equipment:
        if item.brought_by_candidate:
            continue
        location = locate(item.origin, "state")
        if item.state is EquipmentState.HORS_SERVICE:
            yield error(
                "equipment-not-ready",
                f"« {item.name} » est hors service. Faites-le réparer ou remplacer, puis "
                "mettez son état à « Opérationnel ».",
                location,
            )
        elif item.state is EquipmentState.A_VERIFIER:
            when = ""
            if data.session is not None:
                check_by = deadline(
                    data.session.start, settings.equipment_check_days, data.session.departement
                )
                when = f" au plus tard le {long_date(check_by)}"
            yield warning(
                "equipment-not-ready",
                f"« {item.name} » est à vérifier. Vérifiez qu'il fonctionne{when}, puis mettez "
                "son état à « Opérationnel » et la date dans « Vérifié le ».",
                location,
            )


def room_confidentiality(data: SessionData, settings: Settings) -> Iterator[Finding]:
    """Interview rooms, and rooms where a jury meets one candidate, must be confidential."""
    private = {RoomType.ENTRETIEN} | {
        step.room_type
        for step in data.steps
        if step.mode is StepMode.INDIVIDUEL and step.jurors_required > 0 and step.room_type
    }
    for room in data.rooms:
        if room.room_type in private and not room.confidential:
            yield error(
                "room-not-confidential",
                f"La salle « {room.name} » ({room.room_type.value}) accueille des entretiens "
                "avec le jury mais n'est pas marquée confidentielle. Vérifiez qu'on n'y entend "
                "ni ne voit rien de l'extérieur et mettez « Oui » dans « Confidentielle », "
                "ou choisissez une autre salle.",
                locate(room.origin, "confidential"),
            )
