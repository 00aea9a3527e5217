"""plan_session: size the jury, run the attempts, explain what does not fit."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

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
from docgen.planning.bound import lower_bound
from docgen.planning.candidate_days import DayFault, plan_faults
from docgen.planning.closing import first_room, place_closing
from docgen.planning.jury import Jury, build_jury, choose_pairs
from docgen.planning.layout import Layout, build_layout
from docgen.planning.plan import JuryPair, Plan, Slot
from docgen.planning.pool import pair_is_clean, popcount
from docgen.planning.rotation import rotate_pairs
from docgen.planning.scheduler import (
    KEEP_GROUPS,
    KEEP_WAITS,
    SPLIT_RUNS,
    Attempt,
    Placed,
    Scheduler,
    variant_differs,
)
from docgen.planning.stats import measure, minutes_outside
from docgen.planning.supervision import share_supervision
from docgen.planning.timeline import Piece, as_datetime
from docgen.planning.usage import juror_overload, juror_unused, room_overflow

VARIANTS = (1, 2, 3, 4, 8, 16)
"""Scheduler variants tried when the plain attempt fails (see Scheduler): pairs ranked by their
holes, groups in reverse order, both, groups in their plain order, the groups' stretches of steps
interleaved (the soonest ready first), and candidates staying in their room between steps."""
KEEP_MODES = (KEEP_GROUPS | KEEP_WAITS, KEEP_GROUPS)
"""How an attempt that breaks candidates' day preferences is tried again (see Scheduler)."""
VARIANT_CANDIDATES = 400
"""Up to this many candidates the variants are tried: beyond, each attempt costs too much."""


def _attempt(
    layout: Layout,
    jury: Jury,
    pairs: Sequence[tuple[int, int]],
    without: frozenset[int],
    throttle: bool = True,
    variant: int = 0,
    closing_alone: bool = False,
    keep_days: int = 0,
    to_beat: int | None = None,
    pace: Sequence[int] = (),
) -> Attempt:
    result = Scheduler(
        layout,
        jury.day_masks,
        jury.conflicts.trainer_masks,
        jury.conflicts.masks,
        pairs,
        without,
        throttle,
        variant,
        keep_days,
        to_beat,
        pace,
    ).run()
    if result.fits:
        place_closing(layout, jury, pairs, result, closing_alone)
    return result


def _kept_days(
    layout: Layout,
    jury: Jury,
    pairs: Sequence[tuple[int, int]],
    without: frozenset[int],
    found: Attempt,
    throttle: bool = True,
    variant: int = 0,
) -> Attempt:
    """The attempt again keeping the candidates' day preferences, when the earliest placement
    `found` breaks some: the better of the two (fewer candidates with a broken preference)."""
    # Beyond VARIANT_CANDIDATES, each attempt costs too much to try both modes.
    modes = KEEP_MODES if len(layout.candidates) <= VARIANT_CANDIDATES else KEEP_MODES[:1]
    for keep in modes:
        if not found.fits or not found.relaxed:
            break
        kept = _attempt(
            layout,
            jury,
            pairs,
            without,
            throttle,
            variant,
            keep_days=keep | (SPLIT_RUNS if found.split_runs else 0),
            to_beat=_broken(found),
            pace=found.pace,
        )
        if kept.fits and _broken(kept) < _broken(found):
            found = kept
    return found


def _pairs_for(failed: Attempt, count: int, candidates: int) -> int:
    """Roughly how many pairs the attempt that failed with `count` would need: as many more as
    the share of candidates it left without a time."""
    return math.ceil(count * candidates / max(1, candidates - failed.unplaced))


def _broken(attempt: Attempt) -> int:
    return sum(attempt.relaxed.values())


def plan_session(data: SessionData, days: Sequence[date]) -> Plan:
    """Plan the session over its working `days`: timetable, jury pairs, who evaluates whom."""
    session = data.session
    ordered_days = tuple(sorted(set(days)))
    if session is None:
        return Plan(ordered_days, (), (), (), 0)
    if not ordered_days:
        return Plan(
            (), (), (), (), 0, findings=(error("plan-does-not-fit", NO_DAYS, _session_at(session)),)
        )
    layout = build_layout(data, session, ordered_days)
    if layout.problems:
        findings = tuple(
            error(
                "plan-does-not-fit",
                f"Étape « {step.name} » : {reason}." if step else f"Session : {reason}.",
                locate(step.origin, field_name) if step else _session_at(session, field_name),
            )
            for step, field_name, reason in layout.problems
        )
        return Plan(ordered_days, (), (), (), 0, findings=findings)
    return _Planner(data, session, layout).run()


NO_DAYS = (
    "La session n'a aucun jour ouvré entre la date de début et la date de fin : "
    "corrigez les dates de la session."
)


def _session_at(session: Session, field_name: str | None = None) -> Location:
    return locate(session.origin, field_name)


class _Planner:
    def __init__(self, data: SessionData, session: Session, layout: Layout) -> None:
        self.data = data
        self.session = session
        self.layout = layout
        self.jury = build_jury(data, session, layout)
        self.findings: list[Finding] = []
        self.notes: list[str] = []

    @property
    def needs_jury(self) -> bool:
        return any(
            step.mode is StepMode.INDIVIDUEL and step.jurors_required for step in self.layout.body
        )

    def run(self) -> Plan:
        layout, jury = self.layout, self.jury
        without: set[int] = set()
        if self.needs_jury and layout.candidates:
            if len(jury.jurors) < 2 or not jury.pairs:
                self.findings.append(self._too_few_jurors())
                without = set(range(len(layout.candidates)))
            else:
                present = jury.present_by_day
                for candidate, mask in enumerate(jury.conflicts.masks):
                    if not mask:
                        continue
                    if not any(popcount(p & ~mask) >= 2 for p in present) or not any(
                        pair_is_clean(pair, mask) for pair in jury.pairs
                    ):
                        without.add(candidate)
                        self.findings.append(self._no_eligible_jury(candidate))
        frozen = frozenset(without)
        needing = [c for c in range(len(layout.candidates)) if c not in frozen]
        bound = lower_bound(layout, frozen) if self.needs_jury else 0
        most = len(jury.pairs) if self.needs_jury and needing else 0

        failures: dict[int, Attempt] = {}
        tried: dict[tuple[int, bool], tuple[Attempt, list[tuple[int, int]]]] = {}

        def trial(count: int, throttle: bool = True) -> tuple[Attempt, list[tuple[int, int]]]:
            """The plain attempt with `count` pairs, then, when it falls a few candidates
            short, the scheduler variants: the first that fits."""
            if (count, throttle) in tried:
                return tried[count, throttle]
            pairs = choose_pairs(jury, count, needing)
            found = _attempt(layout, jury, pairs, frozen, throttle)
            if not found.fits:
                failures.setdefault(count, found)
                if self._worth_variants(found):
                    for variant in VARIANTS:
                        if not variant_differs(layout, variant):
                            continue
                        other = _attempt(layout, jury, pairs, frozen, throttle, variant)
                        if other.fits:
                            found = other
                            break
            if not found.fits and self.needs_jury:
                # Runs that go on the next day rather than wait whole for a morning: the pairs'
                # evening time is used (the pair count comes before the candidates' days).
                split = _attempt(layout, jury, pairs, frozen, throttle, keep_days=SPLIT_RUNS)
                if split.fits or split.unplaced < found.unplaced:
                    # (When both fail, the closer one says how many pairs to try next.)
                    found = split
            tried[count, throttle] = found, pairs
            return found, pairs

        # Gallop up from the lower bound (bound, +1, +2, +4…), then bisect back down.
        count = min(max(bound, 1), most) if most else 0
        increment, last_failure = 1, count - 1
        while True:
            best, chosen = trial(count)
            if best.fits:
                break
            last_failure = count
            if count >= most:
                best, chosen = trial(most, throttle=False)
                if best.fits:
                    break
                pairs = choose_pairs(jury, most, needing)
                alone = _attempt(layout, jury, pairs, frozen, False, closing_alone=True)
                if alone.fits:
                    # Preference relaxed: the closing is alone on a day.
                    self.notes.append(
                        "La délibération finale se tient seule le lendemain des dernières "
                        "délibérations : un binôme ou un jour de plus la ramènerait le jour "
                        "même."
                    )
                    return self._plan(alone, pairs, bound)
                self.findings.append(self._diagnose(best, chosen, frozen))
                return self._plan(best, chosen, bound)
            # The share of candidates left without a time says how many more pairs it takes,
            # roughly: a step there saves the attempts in between (each costs the whole run).
            count = min(most, max(count + increment, _pairs_for(best, count, len(needing))))
            increment *= 2
        low, high = last_failure + 1, count
        while low < high:
            middle = (low + high) // 2
            found, pairs = trial(middle)
            if found.fits:
                high, best, chosen = middle, found, pairs
            else:
                low = middle + 1
        # The attempts are greedy, so fitting is not monotone in the count: look below too.
        while high > max(bound, 1):
            found, pairs = trial(high - 1)
            if not found.fits:
                break
            high, best, chosen = high - 1, found, pairs
        best = _kept_days(layout, jury, chosen, frozen, best)
        failed = failures.get(high)
        if (
            best.relaxed
            and high < most
            # Beyond the bound, only on sessions small enough for the attempts to cost little
            # (VARIANT_CANDIDATES). On larger ones, where whole runs fell short at this count,
            # only when the share of candidates they left without a time says one pair more
            # may be enough (else the attempt costs a whole run for nothing).
            and (high <= bound or (best.split_runs and len(needing) <= VARIANT_CANDIDATES))
            and (
                failed is None
                or len(needing) <= VARIANT_CANDIDATES
                or _pairs_for(failed, high, len(needing)) <= high + 1
            )
        ):
            # One pair more, when it keeps the day preferences of more candidates (never
            # beyond the bound + 1: the pair count comes first). Beyond, only when the
            # rotation then needs no more pairs than runs going on the next day did.
            more = choose_pairs(jury, high + 1, needing)
            kept = _kept_days(layout, jury, more, frozen, _attempt(layout, jury, more, frozen))
            if kept.fits and _broken(kept) < _broken(best):
                if high > bound:
                    rotate_pairs(layout, jury, more, kept)
                used = len(set(kept.pair_of.values()))
                if used <= max(high, bound + 1):
                    if used > high:
                        self.notes.append(
                            f"Un binôme de plus ({used} au lieu de {high}) pour que les "
                            "candidats viennent sur des jours qui se suivent, sans attendre plus "
                            f"que l'attente maximale ({_broken(best) - _broken(kept)} "
                            "candidat(s) de plus)."
                        )
                    high, best, chosen = used, kept, more
        if best.relaxed.get(DayFault.JUROR_DAYS):
            # `Jours maximum par juré` is the centre's rule: more pairs, each on fewer days.
            for larger in range(high + 1, most + 1):
                more = choose_pairs(jury, larger, needing)
                kept = _attempt(layout, jury, more, frozen, keep_days=KEEP_GROUPS)
                if kept.fits and not kept.relaxed.get(DayFault.JUROR_DAYS):
                    self.notes.append(
                        f"{larger} binômes au lieu de {high}, pour qu'aucun juré ne siège plus "
                        f"de {self.session.max_days_per_juror} jour(s) (Jours maximum par juré)."
                    )
                    high, best, chosen = larger, kept, more
                    break
        if most:
            self._explain(high, bound, failures, chosen, needing)
        return self._plan(best, chosen, bound)

    def _worth_variants(self, failed: Attempt | None) -> bool:
        """Whether the scheduler variants are worth trying after this failed attempt: when the
        session is small enough and the attempt fell only a few candidates short."""
        count = len(self.layout.candidates)
        return (
            failed is not None
            and count <= VARIANT_CANDIDATES
            and failed.unplaced <= max(4, count // 10)
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
            if not layout.problems and _attempt(layout, self.jury, pairs, without, False).fits:
                remedies.append(f"une salle « {kind.value} » de plus")
        extended = self._with_extra_day()
        if extended is not None:
            layout, jury = extended
            more = choose_pairs(
                jury,
                len(jury.pairs),
                [c for c in range(len(layout.candidates)) if c not in without],
            )
            if _attempt(layout, jury, more, without, False).fits:
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
        return _attempt(self.layout, bigger, [*pairs, (count, count + 1)], without, False).fits

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

    # The plan -----------------------------------------------------------------------------

    def _relaxed_notes(self, slots: list[Slot]) -> None:
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
        for fault in DayFault:
            count = broken.get(fault, 0)
            if count:
                self.notes.append(
                    f"Préférence non tenue : {count} candidat(s) {texts[fault]}. Un jour de "
                    "session, un binôme ou une salle de plus pour l'épreuve collective la "
                    "rétablirait."
                )

    def _plan(self, attempt: Attempt, pairs: list[tuple[int, int]], bound: int) -> Plan:
        layout, jury = self.layout, self.jury
        rotate_pairs(layout, jury, pairs, attempt)
        share_supervision(layout, attempt, jury, pairs)
        used = sorted(set(attempt.pair_of.values()))
        ids = {pair: f"J{n}" for n, pair in enumerate(used, start=1)}
        names = [juror.full_name for juror in jury.jurors]
        numbers = [candidate.number for candidate in layout.candidates]
        slots: list[Slot] = []
        for placed in attempt.placed:
            slots.extend(self._slots_of(placed, names, numbers, ids))
        slots.extend(self._fixed_slots(slots, attempt, pairs))
        slots.sort(key=lambda s: (s.start, s.end, s.step.order, s.room or "", s.candidates))
        self._relaxed_notes(slots)
        jury_pairs = tuple(
            JuryPair(ids[pair], tuple(names[j] for j in pairs[pair])) for pair in used
        )
        assignment = tuple((numbers[c], ids[pair]) for c, pair in sorted(attempt.pair_of.items()))
        on_duty = {juror for slot in slots for juror in slot.jurors}
        paired = {name for pair in jury_pairs for name in pair.jurors}
        if jury_pairs:
            self.notes.append(
                f"Jurés nécessaires : {len(on_duty | paired)} ({len(jury_pairs)} binôme(s) "
                f"d'évaluation et {len(on_duty - paired)} surveillant(s) en plus)."
            )
        unused = [
            juror
            for juror in jury.jurors
            if juror.response is JurorResponse.ACCEPTE and juror.full_name not in on_duty | paired
        ]
        if slots:
            self.findings.extend(
                room_overflow(slots, [r for rs in layout.rooms.values() for r in rs])
            )
            self.findings.extend(juror_unused(unused))
            self.findings.extend(juror_overload(slots, self.session, jury.jurors))
        session = self.session
        stats = measure(
            slots,
            layout.days,
            (session.lunch_start, session.lunch_end),
            [juror.full_name for juror in unused],
            bound,
            len(jury_pairs),
        )
        return Plan(
            days=layout.days,
            slots=tuple(slots),
            jury_pairs=jury_pairs,
            assignment=assignment,
            lower_bound_pairs=bound,
            findings=tuple(self.findings),
            notes=tuple(self.notes),
            jurors_needed=len(on_duty | paired),
            arrival_margin_minutes=self.session.arrival_margin_minutes,
            stats=stats,
        )

    def _slots_of(
        self, placed: Placed, names: list[str], numbers: list[str], ids: dict[int, str]
    ) -> list[Slot]:
        days = self.layout.days
        jurors = tuple(names[j] for j in placed.jurors)
        pair = ids.get(placed.pair) if placed.pair is not None else None
        room = placed.room.name if placed.room else None
        groups: dict[tuple[Piece, ...], list[str]] = {}
        if placed.step.mode is StepMode.COLLECTIF:
            index = self.layout.body.index(placed.step)
            for candidate in placed.candidates:
                length = self.layout.durations[candidate][index]
                own = self.layout.working.span(placed.pieces[0][0], length)
                groups.setdefault(own, []).append(numbers[candidate])
        else:
            groups[placed.pieces] = [numbers[c] for c in placed.candidates]
        return [
            Slot(
                placed.step,
                as_datetime(days, start),
                as_datetime(days, end),
                room,
                tuple(members),
                jurors,
                pair,
            )
            for pieces, members in sorted(groups.items())
            for start, end in pieces
        ]

    def _soon_after(
        self, numbers: tuple[str, ...], on_site: list[Slot], end: int, witness: bool = True
    ) -> tuple[str, ...]:
        """Of these candidates, those whose first step of the day starts within `Attente
        maximale` of `end` (the opening's end); with `witness`, at least the one who starts
        first. A candidate whose épreuve is in the afternoon does not come for the opening."""
        first: dict[str, datetime] = {}
        for slot in on_site:
            if slot.step.candidate_present:
                for number in slot.candidates:
                    if number not in first or slot.start < first[number]:
                        first[number] = slot.start
        moment = as_datetime(self.layout.days, end)
        soon = self._within_wait(numbers, {n: (moment, at) for n, at in first.items()})
        if soon or not numbers or not witness:
            return soon
        return (min(numbers, key=lambda n: (first.get(n, datetime.max), n)),)

    def _soon_before(
        self, numbers: tuple[str, ...], on_site: list[Slot], start: int
    ) -> tuple[str, ...]:
        """Of these candidates, those whose last step of the day ends within `Attente
        maximale` of `start` (a daily step at the end of the day): the others have gone."""
        last: dict[str, datetime] = {}
        for slot in on_site:
            if slot.step.candidate_present:
                for number in slot.candidates:
                    if number not in last or slot.end > last[number]:
                        last[number] = slot.end
        moment = as_datetime(self.layout.days, start)
        return self._within_wait(numbers, {n: (at, moment) for n, at in last.items()})

    def _within_wait(
        self, numbers: tuple[str, ...], spans: dict[str, tuple[datetime, datetime]]
    ) -> tuple[str, ...]:
        session = self.session
        lunch = (session.lunch_start, session.lunch_end)
        return tuple(
            n
            for n in numbers
            if n in spans
            and minutes_outside(spans[n][0], spans[n][1], lunch) <= session.max_wait_minutes
        )

    def _fixed_slots(
        self, slots: list[Slot], attempt: Attempt, pairs: list[tuple[int, int]]
    ) -> list[Slot]:
        """The opening and the daily steps, naming whoever is on site that day."""
        layout, jury = self.layout, self.jury
        everyone = tuple(candidate.number for candidate in layout.candidates)
        used = [j for pair in sorted(set(attempt.pair_of.values())) for j in pairs[pair]]
        result: list[Slot] = []
        for fixed in layout.fixed:
            day = layout.days[fixed.day]
            step = fixed.step
            on_site = [s for s in slots if s.start.date() == day]
            # Only the candidates with an épreuve that day come: the opening of the plis is
            # held with day 1's candidates (at least one, the witness), never with candidates
            # whose épreuves fall on later days.
            today = tuple(
                sorted(
                    {
                        n
                        for s in on_site
                        if s.step.candidate_present and s.step.is_epreuve
                        for n in s.candidates
                    }
                )
            )
            if step.mode is StepMode.SESSION:
                candidates = (
                    self._soon_after(today, on_site, fixed.pieces[-1][1]) or everyone[:1]
                    if step.candidate_present
                    else ()
                )
                present = [j for j in used if jury.day_masks[j] >> fixed.day & 1]
                jurors = tuple(jury.jurors[j].full_name for j in present[: step.jurors_required])
            else:
                # A daily step gathers the day's candidates who are on site just before or
                # after it, never one who would wait hours for it.
                if not step.candidate_present:
                    candidates = ()
                elif step in layout.daily_first:
                    candidates = self._soon_after(today, on_site, fixed.pieces[-1][1], False)
                else:
                    candidates = self._soon_before(today, on_site, fixed.pieces[0][0])
                jurors = tuple(sorted({j for s in on_site for j in s.jurors}))
                if not step.jurors_required:
                    jurors = ()
                if not candidates and not jurors:
                    continue
            room = first_room(layout, step, len(candidates))
            assert not isinstance(room, int)  # nothing else is booked in a fixed window
            for start, end in fixed.pieces:
                result.append(
                    Slot(
                        step,
                        as_datetime(layout.days, start),
                        as_datetime(layout.days, end),
                        room.name if room else None,
                        candidates,
                        jurors,
                    )
                )
        return result
