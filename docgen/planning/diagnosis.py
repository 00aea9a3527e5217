"""What the planner says: the findings when the plan does not fit (and what would make it fit),
and the notes on the pair count and on the candidates' day preferences it gives up."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from docgen.conflicts import conflicts_between
from docgen.findings import Finding, Location, error
from docgen.model import (
    Civility,
    Juror,
    JurorResponse,
    Room,
    RoomType,
    Session,
    SessionData,
    StepMode,
    locate,
)
from docgen.planning.candidate_days import DayFault, plan_faults
from docgen.planning.jury import Jury, build_jury, choose_pairs
from docgen.planning.layout import Layout, build_layout
from docgen.planning.plan import Slot
from docgen.planning.scheduler import KEEP_GROUPS, KEEP_WAITS, Attempt
from docgen.planning.trials import run_attempt

CANDIDATE_FAULTS = (DayFault.WAIT, DayFault.APART, DayFault.VISITS)
RESTORE_CANDIDATES = 100
"""Up to this many candidates, what would keep every candidate's days is tried (a few whole
attempts); beyond, the note only says what may."""


class Diagnosis:
    """The planner's state, and what it says about the plan."""

    def __init__(self, data: SessionData, session: Session, layout: Layout) -> None:
        self.data = data
        self.session = session
        self.layout = layout
        self.jury = build_jury(data, session, layout)
        self.findings: list[Finding] = []
        self.notes: list[str] = []
        self.without: frozenset[int] = frozenset()
        """The candidates no pair can evaluate (`no-eligible-jury`)."""

    @property
    def needs_jury(self) -> bool:
        return any(
            step.mode is StepMode.INDIVIDUEL and step.jurors_required for step in self.layout.body
        )

    # Findings and notes -------------------------------------------------------------------

    def _too_few_jurors(self) -> Finding:
        excluded = "; ".join(f"{j.full_name} : {why}" for j, why in self.jury.excluded)
        detail = f" Jurés écartés : {excluded}." if excluded else ""
        return error(
            "jury-insufficient",
            "Il faut au moins deux jurés disponibles le même jour pour évaluer les candidats ; "
            f"{len(self.jury.jurors)} juré(s) peuvent siéger{self._no_common_day()}.{detail} "
            "Invitez d'autres jurés habilités et notez leurs disponibilités dans l'onglet Jurys.",
            self._jurys_sheet(),
        )

    def _no_common_day(self) -> str:
        if len(self.jury.jurors) < 2:
            return ""
        return ", mais jamais deux le même jour"

    def _jurys_sheet(self) -> Location:
        sheets = {j.origin.sheet for j in self.data.jurors if j.origin.sheet}
        return Location(sorted(sheets)[0]) if sheets else Location()

    def _no_eligible_jury(self, candidate_index: int) -> Finding:
        candidate = self.layout.candidates[candidate_index]
        reasons: list[str] = []
        for juror, why in self.jury.excluded:
            found = conflicts_between(juror, candidate)
            detail = "; ".join([why, *(c.reason for c in found)])
            reasons.append(f"{juror.full_name} : {detail}")
        clean: list[str] = []
        for juror in self.jury.jurors:
            found = conflicts_between(juror, candidate)
            if found:
                reasons.append(f"{juror.full_name} : " + "; ".join(c.reason for c in found))
            else:
                clean.append(juror.full_name)
        if len(clean) >= 2:
            reasons.append(
                "jurés sans conflit mais jamais disponibles le même jour : " + ", ".join(clean)
            )
        elif clean:
            reasons.append(f"seul juré sans conflit : {clean[0]}")
        return error(
            "no-eligible-jury",
            f"Aucun binôme de jurés ne peut évaluer le candidat {candidate.number} "
            f"({candidate.full_name}) : " + " — ".join(reasons) + ". "
            "Invitez un juré habilité sans lien avec ce candidat, disponible le même jour "
            "qu'un autre juré sans lien.",
            locate(candidate.origin, "number"),
        )

    def _failure_text(self, attempt: Attempt) -> str:
        assert attempt.failure is not None
        candidate_index, step, reason = attempt.failure
        if step.mode is StepMode.SESSION:
            return f"l'étape « {step.name} » ne trouve pas de place ({reason})"
        candidate = self.layout.candidates[candidate_index]
        left = f" ; {attempt.unplaced} candidat(s) restent sans horaire" if attempt.unplaced else ""
        return (
            f"le candidat {candidate.number} ({candidate.full_name}) ne trouve pas d'horaire pour "
            f"« {step.name} » ({reason}){left}"
        )

    def _diagnose(
        self, failed: Attempt, pairs: list[tuple[int, int]], without: frozenset[int]
    ) -> Finding:
        assert failed.failure is not None
        step = failed.failure[1]
        remedies: list[str] = []
        jury_short = False
        if self.needs_jury and self._fits_with_extra_pair(pairs, without):
            remedies.append("un binôme de jurés de plus, disponible toute la session")
            jury_short = True
        kinds = [step.room_type, *(s.room_type for s in self.layout.body)]
        for kind in dict.fromkeys(k for k in kinds if k is not None):
            room = self._spare_room(kind)
            layout = build_layout(self.data, self.session, self.layout.days, (room,))
            if not layout.problems and run_attempt(layout, self.jury, pairs, without, False).fits:
                remedies.append(f"une salle « {kind.value} » de plus")
        extended = self._with_extra_day()
        if extended is not None:
            layout, jury = extended
            more = choose_pairs(
                jury,
                len(jury.pairs),
                [c for c in range(len(layout.candidates)) if c not in without],
            )
            if run_attempt(layout, jury, more, without, False).fits:
                remedies.append(
                    f"un jour de session de plus (le {layout.days[-1]:%d/%m/%Y}, avec des jurés "
                    "disponibles ce jour-là)"
                )
        problem = self._failure_text(failed)
        if remedies:
            advice = "Pour que le planning tienne, ajoutez " + ", ou ".join(remedies) + "."
        else:
            advice = (
                "Ni un jour, ni un binôme, ni une salle de plus ne suffisent : ajoutez plusieurs "
                "jours, binômes ou salles, ou réduisez le nombre de candidats."
            )
        pair_count = len(pairs)
        message = (
            f"Le planning ne tient pas dans les {len(self.layout.days)} jour(s) de la session "
            f"avec {pair_count} binôme(s) de jurés : {problem}. {advice}"
        )
        if jury_short:
            return error("jury-insufficient", message, self._jurys_sheet())
        return error("plan-does-not-fit", message, locate(step.origin))

    def _fits_with_extra_pair(self, pairs: list[tuple[int, int]], without: frozenset[int]) -> bool:
        jury, more = self._with_extra_pair(pairs)
        return run_attempt(self.layout, jury, more, without, False).fits

    def _with_extra_pair(self, pairs: list[tuple[int, int]]) -> tuple[Jury, list[tuple[int, int]]]:
        """The jury with two more jurors, available every day, and the pairs with theirs."""
        jury = self.jury
        spare = [
            Juror(
                Civility.MADAME,
                f"RENFORT {n}",
                "Juré",
                self.session.end,
                response=JurorResponse.ACCEPTE,
            )
            for n in (1, 2)
        ]
        everyday = (1 << len(self.layout.days)) - 1
        count = len(jury.jurors)
        bigger = Jury(
            [*jury.jurors, *spare],
            [*jury.day_masks, everyday, everyday],
            jury.conflicts,
            [*jury.pairs, (count, count + 1)],
            jury.excluded,
        )
        return bigger, [*pairs, (count, count + 1)]

    def _spare_room(self, kind: RoomType) -> Room:
        rooms = self.layout.rooms.get(kind, ())
        capacity = max((room.capacity for room in rooms), default=1)
        return Room("Salle supplémentaire", kind, capacity, confidential=True)

    def _with_extra_day(self) -> tuple[Layout, Jury] | None:
        extra = self.layout.days[-1] + timedelta(days=1)
        while extra.weekday() >= 5:
            extra += timedelta(days=1)
        days = (*self.layout.days, extra)
        session = replace(self.session, end=extra) if extra > self.session.end else self.session
        layout = build_layout(self.data, session, days)
        if layout.problems:
            return None
        return layout, build_jury(self.data, self.session, layout)

    def _explain(
        self,
        count: int,
        bound: int,
        failures: dict[int, Attempt],
        pairs: list[tuple[int, int]],
        needing: list[int],
    ) -> None:
        extra_for_conflicts = len(pairs) - count
        if count > bound:
            before = failures.get(count - 1)
            why = f" : avec {count - 1}, {self._failure_text(before)}" if before else ""
            self.notes.append(
                f"Le plan utilise {count} binôme(s), {count - bound} de plus que la borne "
                f"inférieure ({bound}){why}. La borne suppose des binômes occupés sans "
                "interruption dès la fin des premières épreuves collectives ; en pratique les "
                "demi-journées ne se remplissent pas exactement, et les disponibilités des "
                "jurés, les salles et l'ordre du déroulé laissent des temps morts."
            )
        if extra_for_conflicts > 0:
            self.notes.append(
                f"{extra_for_conflicts} binôme(s) ajouté(s) pour que chaque candidat en conflit "
                "avec un juré soit évalué par un binôme sans conflit."
            )
        conflicted = sum(1 for c in needing if self.jury.conflicts.masks[c])
        if conflicted:
            self.notes.append(
                f"{conflicted} candidat(s) en conflit avec au moins un juré sont évalués par un "
                "binôme sans conflit."
            )

    def _restoring(self, pairs: list[tuple[int, int]]) -> list[str] | None:
        """The single additions with which every candidate keeps their days (one pair of
        jurors, one day, one room for a collective step), each tried, on sessions up to
        RESTORE_CANDIDATES (None beyond)."""
        if len(self.layout.candidates) > RESTORE_CANDIDATES:
            return None
        without = self.without
        needing = [c for c in range(len(self.layout.candidates)) if c not in without]

        def keeps(layout: Layout, jury: Jury, chosen: list[tuple[int, int]]) -> bool:
            # The earliest placement, then (when it breaks some) one attempt keeping the days.
            for keep in (0, KEEP_GROUPS | KEEP_WAITS):
                found = run_attempt(layout, jury, chosen, without, keep_days=keep)
                if not found.fits:
                    return False
                if not any(fault in found.relaxed for fault in CANDIDATE_FAULTS):
                    return True
            return False

        found: list[str] = []
        if self.needs_jury and keeps(self.layout, *self._with_extra_pair(pairs)):
            found.append("un binôme de jurés de plus, disponible toute la session")
        extended = self._with_extra_day()
        if extended is not None:
            layout, jury = extended
            if keeps(layout, jury, choose_pairs(jury, len(pairs), needing)):
                found.append(f"un jour de session de plus (le {layout.days[-1]:%d/%m/%Y})")
        kinds = [s.room_type for s in self.layout.body if s.mode is StepMode.COLLECTIF]
        for kind in dict.fromkeys(k for k in kinds if k is not None):
            room = self._spare_room(kind)
            layout = build_layout(self.data, self.session, self.layout.days, (room,))
            if not layout.problems and keeps(layout, self.jury, pairs):
                found.append(f"une salle « {kind.value} » de plus")
        return found

    def _relaxed_notes(self, slots: list[Slot], pairs: list[tuple[int, int]]) -> None:
        """Say which day preferences the plan gives up, for how many candidates, and what would
        restore them."""
        wait = self.session.max_wait_minutes
        texts = {
            DayFault.WAIT: (
                f"attendent plus de {wait} min entre deux étapes d'une même journée (Attente "
                "maximale)"
            ),
            DayFault.APART: (
                "viennent sur des jours qui ne se suivent pas (un week-end, un jour férié ou un "
                "jour sans épreuve entre deux venues)"
            ),
            DayFault.VISITS: "viennent un jour de plus que leurs épreuves ne le demandent",
        }
        broken = plan_faults(slots, self.layout.days, self.session)
        if not broken:
            return
        restoring = self._restoring(pairs)
        if restoring is None:
            advice = "Un jour de session, un binôme ou une salle de plus peut la rétablir."
        elif restoring:
            advice = (
                "Avec " + ", ou avec ".join(restoring) + ", chaque candidat garderait ses jours."
            )
        else:
            advice = (
                "Ni un jour, ni un binôme, ni une salle de plus ne suffisent à la rétablir pour "
                "tous : il en faut plusieurs."
            )
        for fault in DayFault:
            count = broken.get(fault, 0)
            if count:
                self.notes.append(
                    f"Préférence non tenue : {count} candidat(s) {texts[fault]}. {advice}"
                )
