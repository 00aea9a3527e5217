"""plan_session: size the jury, run the attempts, explain what does not fit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from docgen.findings import Location, error
from docgen.model import (
    JurorResponse,
    Session,
    SessionData,
    locate,
)
from docgen.planning.bound import lower_bound
from docgen.planning.candidate_days import DayFault
from docgen.planning.jury import choose_pairs
from docgen.planning.layout import build_layout
from docgen.planning.plan import JuryPair, Plan, Slot
from docgen.planning.pool import pair_is_clean, popcount
from docgen.planning.rotation import rotate_pairs
from docgen.planning.scheduler import (
    KEEP_GROUPS,
    SPLIT_RUNS,
    Attempt,
    variant_differs,
)
from docgen.planning.slots import SlotMaking
from docgen.planning.stats import measure
from docgen.planning.supervision import share_supervision
from docgen.planning.trials import (
    VARIANT_CANDIDATES,
    VARIANTS,
    broken,
    kept_days,
    pairs_for,
    run_attempt,
)
from docgen.planning.usage import juror_overload, juror_unused, room_overflow


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


class _Planner(SlotMaking):
    """Sizes the jury and runs the attempts; `Diagnosis` says what does not fit."""

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
        self.without = frozen
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
            found = run_attempt(layout, jury, pairs, frozen, throttle)
            if not found.fits:
                failures.setdefault(count, found)
                if self._worth_variants(found):
                    for variant in VARIANTS:
                        if not variant_differs(layout, variant):
                            continue
                        other = run_attempt(layout, jury, pairs, frozen, throttle, variant)
                        if other.fits:
                            found = other
                            break
            if not found.fits and self.needs_jury:
                # Runs that go on the next day rather than wait whole for a morning: the pairs'
                # evening time is used (the pair count comes before the candidates' days).
                split = run_attempt(layout, jury, pairs, frozen, throttle, keep_days=SPLIT_RUNS)
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
                alone = run_attempt(layout, jury, pairs, frozen, False, closing_alone=True)
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
            count = min(most, max(count + increment, pairs_for(best, count, len(needing))))
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
        best = kept_days(layout, jury, chosen, frozen, best)
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
                or pairs_for(failed, high, len(needing)) <= high + 1
            )
        ):
            # One pair more, when it keeps the day preferences of more candidates (never
            # beyond the bound + 1: the pair count comes first). Beyond, only when the
            # rotation then needs no more pairs than runs going on the next day did.
            more = choose_pairs(jury, high + 1, needing)
            kept = kept_days(layout, jury, more, frozen, run_attempt(layout, jury, more, frozen))
            if kept.fits and broken(kept) < broken(best):
                if high > bound:
                    rotate_pairs(layout, jury, more, kept)
                used = len(set(kept.pair_of.values()))
                if used <= max(high, bound + 1):
                    if used > high:
                        self.notes.append(
                            f"Un binôme de plus ({used} au lieu de {high}) pour que les "
                            "candidats viennent sur des jours qui se suivent, sans attendre plus "
                            f"que l'attente maximale ({broken(best) - broken(kept)} "
                            "candidat(s) de plus)."
                        )
                    high, best, chosen = used, kept, more
        if best.relaxed.get(DayFault.JUROR_DAYS):
            # `Jours maximum par juré` is the centre's rule: more pairs, each on fewer days.
            for larger in range(high + 1, most + 1):
                more = choose_pairs(jury, larger, needing)
                kept = run_attempt(layout, jury, more, frozen, keep_days=KEEP_GROUPS)
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

    # The plan -----------------------------------------------------------------------------

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
        self._relaxed_notes(slots, pairs)
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
            self.findings.extend(juror_overload(slots, self.session, jury.jurors, len(unused)))
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
