"""Plan a session: groups, timetable, jury sizing and who evaluates whom (pure functions).

How the planner works (`plan_session(data, days)`):

1. **The frame** (`layout.py`, over `timeline.py`). Steps are split by role, in déroulé
   order: `Session` steps placed before the first per-candidate step form the opening (at
   `Heure d'ouverture` on day 1, in order, with the candidates who have an épreuve that day);
   `Session` steps after it are the closing (see 6); `Jour` steps
   run every day, at the start of the day when placed before the épreuves, at its end otherwise.
   These fixed windows are cut out of the working hours (`Début`/`Fin de journée` minus the lunch
   break); what remains are the *segments* where per-candidate steps may run. A step fits inside
   one segment; a step longer than what is usable of its half-day (after the arrival margin,
   the opening or the daily steps) spans the lunch break (the pause is taken inside
   it); a step longer than a day starts at the beginning of a day and continues on the next working
   days. No step starts before `Début de journée` + `Marge d'arrivée`, so that candidates
   arrive that long before it. Each collective step has its own sitting size: min(Capacité,
   the largest room of the type, the per-candidate equipment of the items it uses (`Étapes`,
   default the plateau steps) ÷ required); groups are formed by the first collective steps and
   split for a smaller later step.
2. **The jury** (`pool.py`, `jury.py`). Jurors who refused, whose habilitation ends before the
   session's last day, who are habilitated for another title or available on no session day are left
   out. The others are sorted by content (accepted first, most available first, then name), so the
   row order never matters. Conflicts (company, trainer, declared link: the same answers as
   `docgen.conflicts.conflicts_between`) become bit masks. Jurors are paired greedily: each takes
   the partner sharing the most days, then (a conflicted juror with a conflicted one, a clean one
   with a clean one) the one with the most similar conflicts, so conflicts gather in few pairs and
   the others stay clean; a repair pass makes sure every candidate who can have a clean pair has
   one. A candidate with no two conflict-free jurors sharing a day gets `no-eligible-jury`, naming
   every juror and what excludes them.
3. **One attempt** (`scheduler.py`: group order and retries; `collective.py`: a group's
   sittings; `individual.py`: a candidate's run with their pair; `bookings.py`: busy time,
   juror load and undo; `attempt.py`: what an attempt produces) with a given set of pairs is
   greedy list scheduling.
   Candidates are sorted (slowest extra time first, then by number) and cut into balanced groups;
   a collective temps caché and the collective épreuve after it in the same kind of room (the
   installation and the MSP) are placed as one block, so they are back to back with the same
   group, room and supervisors; groups in parallel rooms never use more per-candidate items
   than there are; no juror's day goes beyond `Heures maximum par juré et par jour` less the
   closing (a supervisor may, for a sitting longer than that, reported as `juror-overload`);
   the next group is the first whose opening collective steps can start soonest (so a group
   without extra time uses a morning too short for a slower member's épreuve); each run of
   consecutive per-candidate steps is placed at the earliest time
   where everyone it needs is free and available that day: the group, a room large enough and
   its supervisors for collective steps (jurors outside the pairs first, never a trainer of a
   member, conflict-free jurors preferred), or the candidate, their pair and a room of the step's
   type for individual steps. A candidate's pair is chosen at their first individual step among
   the two conflict-free pairs free soonest (the one that ends the run first) and kept for all
   the others. Variants of an attempt rank pairs by the first hole long enough for the run
   rather than by their last booking, take the groups in reverse order, both, or in their plain
   order; or, instead of placing a group's whole déroulé before the next group's, take each
   group's next stretch of collective or individual steps in the order its candidates are ready
   (so a later group's first steps need not wait behind an earlier group's last ones); or keep
   a candidate who goes straight on to their next individual step in the room they are in (so
   short steps do not cut the other rooms' free time into useless pieces). A run is kept
   together: it starts
   later when that closes a wait inside it on the same day, a temps caché (an accueil) stays
   with the épreuve after it rather than before lunch, and a run that fits in one day is moved
   to the next morning rather than split over a night.
   Steps follow the déroulé order for each candidate; jury-only steps occupy the jurors and the
   room, not the candidate; `Temps majoré` lengthens the candidate's épreuves (a group's
   collective step lasts as long as its slowest member; each member's own slot ends on time).
   A group's first collective steps start at most about one working day before a pair can take
   its members, so candidates rarely wait more than a day between their épreuves. Every search
   moves strictly forward in time, so an attempt ends, at the latest, at the end of the session,
   with the first candidate who found no time.
   **Keeping the candidates' days** (`candidate_days.py`): the plain attempt places everything
   as early as it can. When its plan has a candidate waiting more than `Attente maximale`
   inside a day (lunch excluded), coming on days that do not follow each other (a weekend or a
   holiday between the MSP and the entretien final) or once more than their épreuves need, the
   attempt is made again keeping them: a group whose members break one is undone (a journal
   of its bookings) and tried from the next half-days (up to 4), else placed as early as
   before; a later collective step is held with the members ready for it (a member with extra
   time finishes the MSP later: the others go on); a group does not sit the day before a
   weekend when pairs take its members after it; supervisors stay within `Heures maximum par
   juré et par jour`; and (a second mode) a candidate's run goes to the next morning rather
   than after a long wait. The attempt with the fewest candidates breaking a preference is
   kept; one pair more is tried when the count is at the lower bound (or, beyond it, when the
   rotation then needs no more pairs than split runs did). The order in which they
   are given up: the pair count first (never beyond the bound + 1 for them), then the
   preferences, each named in a note with what would restore it.
4. **Jury sizing** (`bound.py` for the bound, `planner.py` for the search, `trials.py` for one
   attempt and its kept-days retry).
   The lower bound is ceil(individual jury minutes ÷ the usable
   minutes a pair has once candidates can be ready), refined by when the plateau lets candidates
   be ready (those ready late must still be evaluated after that), by deadlines (a run of
   individual steps must leave time for the candidate's later steps and the closing, so its
   jury minutes fit in a window) and by whole candidates (a candidate keeps one pair, so a pair
   sees at most minutes left ÷ a candidate's jury minutes); `lower_bound` says why no plan can
   do with fewer. The planner tries the bound, then gallops up (+1, +2, +4…) to every possible
   pair and bisects back down, then looks below again (the attempts are greedy, so fitting is
   not monotone in the count), keeping the smallest number that fits (plus, when needed, the
   first clean pair of a conflicted candidate that the chosen pairs leave uncovered). When the
   plain attempt falls a few candidates short (sessions up to 400 candidates), its variants
   are tried with the same pairs; then (`SPLIT_RUNS`) an attempt where a run that does not fit
   what is left of a day goes on the next day rather than moving whole to it: a pair's
   evening time is then used, at the cost of a visit more for those candidates (the pair count
   comes first; a run cut by a weekend counts as days apart in the notes). A note says why
   the plan needs
   more than the bound, with the failure of the attempt just below. The number of jury members
   needed is the pairs' members plus the other jurors who supervise collective steps.
5. **When it does not fit**, the planner tries again with one more pair, one more room of each type
   the épreuves use, and one more working day, and says which of these makes it fit
   (`jury-insufficient` when a pair does, else `plan-does-not-fit`).
6. **The closing** (`closing.py`), inside each attempt: pairs are grouped by the day their last
   deliberation ends; each group holds the final deliberation and PV right after, that day, with
   every evaluator when `Jurés` = `Tous`. A closing that would be alone on a day fails the
   attempt (more pairs end sooner); only when no pair count avoids it is it held the next day,
   with a note.
7. **Rotation** (`rotation.py`): once the plan is found, each day's lightest pairs hand their
   candidates' runs to pairs that sit that day anyway (same day, free then, no longer wait, within
   the juror day, no new juror day); a pair left with nothing that day stays home, and the
   closing is placed again (else the plan is kept as it was).
8. **Supervision** (`supervision.py`): once the pairs' timetable is known, collective
   supervision goes to free pair members (a chain keeps its supervisors), so fewer jurors come.
9. **The plan in the open** (`slots.py`: placements as dated slots, the opening and daily steps
   with whoever is on site; `diagnosis.py`: findings and notes; `stats.py`, `usage.py`,
   `report.py`): the stats of INTERFACE.md,
   `room-overflow`, `juror-unused`, `juror-overload`, and the French and JSON views.
"""

from docgen.planning.bound import lower_bound
from docgen.planning.plan import JuryPair, Plan, Slot
from docgen.planning.planner import plan_session

__all__ = ["JuryPair", "Plan", "Slot", "lower_bound", "plan_session"]
