"""The jurors who may sit, who conflicts with whom, and how jurors form pairs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from docgen.conflicts import fold_text, normalise_company_name, normalise_siret
from docgen.habilitation import title_matches
from docgen.model import Candidate, Juror, JurorResponse, Session

RESPONSE_RANK = {JurorResponse.ACCEPTE: 0, JurorResponse.EN_ATTENTE: 1, JurorResponse.REFUSE: 2}


def juror_key(juror: Juror) -> tuple[object, ...]:
    """A total order on jurors that depends on their content only, never on the row order."""
    days = sorted(juror.available_days) if juror.available_days is not None else []
    company = juror.company
    return (
        RESPONSE_RANK[juror.response],
        juror.available_days is not None,
        -len(days),
        juror.last_name.upper(),
        juror.first_name,
        juror.habilitation_end,
        tuple(days),
        company.name if company else "",
        (company.siret or "") if company else "",
        tuple(sorted(juror.declared_links)),
        juror.email or "",
        juror.phone or "",
        juror.habilitated_title or "",
    )


def candidate_key(candidate: Candidate) -> tuple[object, ...]:
    return (
        candidate.number,
        candidate.full_name,
        candidate.birth_date,
        tuple((company.name, company.siret or "") for company in candidate.companies),
        candidate.trainers,
        candidate.extra_time_percent,
    )


def exclusion_reason(juror: Juror, session: Session, days: Sequence[date]) -> str | None:
    """Why the juror can sit on no day of this session (French), or None when they can."""
    if juror.response is JurorResponse.REFUSE:
        return "a refusé l'invitation"
    if juror.habilitation_end < session.end:
        return (
            f"habilitation terminée le {juror.habilitation_end:%d/%m/%Y}, avant la fin de session"
        )
    if not title_matches(juror.habilitated_title, session):
        return f"habilité pour un autre titre (« {juror.habilitated_title} »)"
    if not any(juror.is_available(day) for day in days):
        return "disponible aucun jour de la session"
    return None


def _person_tokens(text: str) -> tuple[str, ...]:
    return tuple(sorted(re.sub(r"[^\w]+", " ", fold_text(text)).split()))


@dataclass(frozen=True)
class ConflictIndex:
    """Bit masks of conflicted jurors per candidate, same answers as `conflicts_between`."""

    masks: tuple[int, ...]
    """For each candidate, the bits of the jurors in conflict with them."""
    trainer_masks: tuple[int, ...]
    """For each candidate, the bits of the jurors who trained them."""


def index_conflicts(jurors: Sequence[Juror], candidates: Sequence[Candidate]) -> ConflictIndex:
    juror_company = [
        (normalise_siret(j.company.siret), normalise_company_name(j.company.name))
        if j.company
        else None
        for j in jurors
    ]
    juror_person = [_person_tokens(f"{j.first_name} {j.last_name}") for j in jurors]
    juror_links = [{number.strip() for number in j.declared_links} for j in jurors]
    masks: list[int] = []
    trainer_masks: list[int] = []
    for candidate in candidates:
        companies = [
            (normalise_siret(c.siret), normalise_company_name(c.name)) for c in candidate.companies
        ]
        trainers = {_person_tokens(name) for name in candidate.trainers} - {()}
        number = candidate.number.strip()
        mask = trainer_mask = 0
        for bit in range(len(jurors)):
            hit = False
            own = juror_company[bit]
            if own is not None:
                siret, name = own
                for other_siret, other_name in companies:
                    if siret and other_siret:
                        hit = siret == other_siret
                    else:
                        hit = bool(name) and name == other_name
                    if hit:
                        break
            if juror_person[bit] and juror_person[bit] in trainers:
                hit = True
                trainer_mask |= 1 << bit
            if number in juror_links[bit]:
                hit = True
            if hit:
                mask |= 1 << bit
        masks.append(mask)
        trainer_masks.append(trainer_mask)
    return ConflictIndex(tuple(masks), tuple(trainer_masks))


def popcount(mask: int) -> int:
    return bin(mask).count("1")


def form_pairs(day_masks: Sequence[int], conflict_masks: Sequence[int]) -> list[tuple[int, int]]:
    """Pair jurors (indices in preference order), best pairs first.

    Each juror, in order, takes the partner sharing the most days, then a conflicted partner if
    they have conflicts and a clean one if not, the one whose conflicts overlap theirs most (so
    that conflicts concentrate in few pairs and others stay clean).
    """
    count = len(day_masks)
    juror_conflicts = [0] * count
    for candidate_bit, mask in enumerate(conflict_masks):
        for juror in range(count):
            if mask >> juror & 1:
                juror_conflicts[juror] |= 1 << candidate_bit
    free = list(range(count))
    pairs: list[tuple[int, int]] = []
    while len(free) >= 2:
        first = free.pop(0)
        best = max(
            range(len(free)),
            key=lambda at: (
                popcount(day_masks[first] & day_masks[free[at]]),
                # A conflicted juror with another conflicted one, a clean one with a clean one:
                # one pair clean for everyone beats two pairs each barred to some candidates.
                bool(juror_conflicts[first]) == bool(juror_conflicts[free[at]]),
                popcount(juror_conflicts[first] & juror_conflicts[free[at]]),
                -popcount(juror_conflicts[first] | juror_conflicts[free[at]]),
                -at,
            ),
        )
        second = free.pop(best)
        if day_masks[first] & day_masks[second]:
            pairs.append((first, second))
    pairs = _repair_coverage(pairs, day_masks, conflict_masks)
    return sorted(
        pairs,
        key=lambda pair: (
            -popcount(day_masks[pair[0]] & day_masks[pair[1]]),
            sum(1 for mask in conflict_masks if mask & (1 << pair[0] | 1 << pair[1])),
            pair,
        ),
    )


def pair_is_clean(pair: tuple[int, int], conflict_mask: int) -> bool:
    return not conflict_mask & (1 << pair[0] | 1 << pair[1])


def _repair_coverage(
    pairs: list[tuple[int, int]], day_masks: Sequence[int], conflict_masks: Sequence[int]
) -> list[tuple[int, int]]:
    """Re-pair jurors so that every candidate who could have a clean pair gets one."""
    for _ in range(3):
        changed = False
        for mask in conflict_masks:
            if not mask or any(pair_is_clean(pair, mask) for pair in pairs):
                continue
            clean = [j for j in range(len(day_masks)) if not mask >> j & 1]
            found = next(
                (
                    (a, b)
                    for position, a in enumerate(clean)
                    for b in clean[position + 1 :]
                    if day_masks[a] & day_masks[b]
                ),
                None,
            )
            if found is None:
                continue
            a, b = found
            partners = [
                pair[1] if pair[0] in found else pair[0] for pair in pairs if a in pair or b in pair
            ]
            pairs = [pair for pair in pairs if a not in pair and b not in pair]
            pairs.append(found)
            partners = [p for p in partners if p not in found]
            if len(partners) == 2 and day_masks[partners[0]] & day_masks[partners[1]]:
                pairs.append((min(partners), max(partners)))
            changed = True
        if not changed:
            break
    return pairs
