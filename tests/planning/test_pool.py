"""Who may sit and who conflicts with whom: the planner's masks agree with docgen.conflicts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.conflicts import conflicts_between
from docgen.planning.pool import form_pairs, index_conflicts, pair_is_clean
from tests.planning.sessions import candidate, juror

COMPANIES = ["Inox Pro", "INOX PRO SAS", "Métal Est", "Metal-Est", "Soudure & Fils"]
NAMES = ["DUPONT", "MARTIN", "LEROY"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(NAMES),
            st.sampled_from([None, *COMPANIES]),
            st.lists(st.sampled_from(["0000001", "0000002"]), max_size=1),
        ),
        max_size=4,
    ),
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(COMPANIES), max_size=2, unique=True),
            st.lists(st.sampled_from(["Jo Dupont", "MARTIN Jo", "Jo Leroy-Blanc"]), max_size=1),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_conflict_masks_match_conflicts_between(
    jurors_spec: list[tuple[str, str | None, list[str]]],
    candidates_spec: list[tuple[list[str], list[str]]],
) -> None:
    jurors = [juror(name, company=company, links=links) for name, company, links in jurors_spec]
    candidates = [
        candidate(f"{n:07d}", companies=companies, trainers=trainers)
        for n, (companies, trainers) in enumerate(candidates_spec, start=1)
    ]

    index = index_conflicts(jurors, candidates)

    for c, person in enumerate(candidates):
        for j, member in enumerate(jurors):
            assert bool(index.masks[c] >> j & 1) == bool(conflicts_between(member, person))


def test_pairs_gather_conflicts_so_that_each_candidate_keeps_a_clean_pair() -> None:
    everyday = [0b1] * 4
    # Candidate 0 conflicts with jurors 0 and 2: pairing 0 with 1 and 2 with 3 would leave no
    # clean pair; the planner pairs 0 with 2.
    conflicts = [0b0101]

    pairs = form_pairs(everyday, conflicts)

    assert any(pair_is_clean(pair, conflicts[0]) for pair in pairs)
    assert sorted(j for pair in pairs for j in pair) == [0, 1, 2, 3]
