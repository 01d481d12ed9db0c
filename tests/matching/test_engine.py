"""The matching engine: candidate rules, scores, reasons (in Dutch), top-k."""

from __future__ import annotations

import random
from collections.abc import Iterator

import numpy as np
import pytest
from django.utils import translation

from omzien.matching.engine import (
    BROADER_TERM_POINTS,
    EXACT_TERM_POINTS,
    STEM_POINTS,
    OfferIndex,
    Profile,
    Vocabulary,
    candidate_edges,
    format_distance,
    score_pair,
    text_stems,
)

KOKEN, BAKKEN, SPORT, FIETSEN, WANDELEN, TUINIEREN, GRILLEN = 1, 2, 3, 4, 5, 6, 7
VOCAB = Vocabulary(
    parents={KOKEN: None, BAKKEN: KOKEN, SPORT: None, FIETSEN: SPORT, WANDELEN: SPORT,
             TUINIEREN: None, GRILLEN: KOKEN},
    labels={KOKEN: "koken", BAKKEN: "bakken", SPORT: "sport", FIETSEN: "fietsen",
            WANDELEN: "wandelen", TUINIEREN: "tuinieren", GRILLEN: "grillen"},
)  # fmt: skip

# Two points in a city, about 400 m apart (north–south), and one about 1.2 km away.
HERE = (52.3600, 4.9000)
NEAR = (52.3636, 4.9000)
FURTHER = (52.3708, 4.9000)


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    with translation.override("nl"):
        yield


def req(key: int = 1, owner: int | None = 100, **kwargs: object) -> Profile:
    kwargs.setdefault("terms", frozenset())
    return Profile(key=key, owner=owner, **kwargs)  # type: ignore[arg-type]


def off(key: int = 1, owner: int | None = 200, **kwargs: object) -> Profile:
    kwargs.setdefault("terms", frozenset())
    return Profile(key=key, owner=owner, **kwargs)  # type: ignore[arg-type]


def test_vocabulary_expands_with_all_ancestors_and_survives_a_cycle() -> None:
    assert VOCAB.expand([BAKKEN, TUINIEREN]) == {BAKKEN, KOKEN, TUINIEREN}
    assert VOCAB.expand([99]) == {99}
    looped = Vocabulary(parents={1: 2, 2: 1}, labels={})
    assert looped.expand([1]) == {1, 2}


def test_exact_term_scores_and_says_so_in_dutch() -> None:
    s = score_pair(req(terms=frozenset({KOKEN})), off(terms=frozenset({KOKEN})), VOCAB)
    assert s is not None
    assert s.score == EXACT_TERM_POINTS
    assert s.reason == "jullie houden allebei van koken"


def test_parent_term_matches_lower_than_exact_both_ways() -> None:
    exact = score_pair(req(terms=frozenset({KOKEN})), off(terms=frozenset({KOKEN})), VOCAB)
    down = score_pair(req(terms=frozenset({KOKEN})), off(terms=frozenset({BAKKEN})), VOCAB)
    up = score_pair(req(terms=frozenset({BAKKEN})), off(terms=frozenset({KOKEN})), VOCAB)
    assert exact and down and up
    assert down.score == up.score == BROADER_TERM_POINTS < exact.score
    assert down.reason == "bakken hoort bij koken"
    assert up.reason == "bakken hoort bij koken"


def test_siblings_alone_are_no_match() -> None:
    assert (
        score_pair(req(terms=frozenset({BAKKEN})), off(terms=frozenset({GRILLEN})), VOCAB) is None
    )
    assert score_pair(req(terms=frozenset({FIETSEN})), off(terms=frozenset({KOKEN})), VOCAB) is None


def test_stemmed_free_text_matches_fietsen_and_fiets() -> None:
    assert text_stems("Ik wil graag fietsen").keys() == text_stems("fiets").keys()
    s = score_pair(
        req(text="Ik zoek iemand om mee te fietsen"),
        off(text="Ik heb een fiets en tijd"),
        VOCAB,
    )
    assert s is not None
    assert s.score == STEM_POINTS
    assert s.factors[0].kind == "text"
    assert s.reason == "jullie noemen allebei ‘fietsen’"


def test_stop_words_alone_are_no_match() -> None:
    assert score_pair(req(text="Ik zoek iemand die mij wil helpen"),
                      off(text="Ik wil graag iemand helpen"), VOCAB) is None  # fmt: skip


def test_full_reason_with_distance_and_time() -> None:
    s = score_pair(
        req(terms=frozenset({KOKEN}), point=HERE, slots=frozenset({4, 10})),
        off(terms=frozenset({KOKEN}), point=NEAR, slots=frozenset({4})),
        VOCAB,
    )
    assert s is not None
    assert s.reason == "jullie houden allebei van koken · 400 m · allebei dinsdagmiddag"
    assert [f.kind for f in s.factors] == ["terms", "distance", "time"]
    assert s.score == sum(f.points for f in s.factors)
    distance = s.factors[1].points
    assert distance == 20 - 400 // 250  # ~400 m → 19 points


def test_distance_is_rounded_in_dutch() -> None:
    assert format_distance(40) == "minder dan 100 m"
    assert format_distance(412) == "400 m"
    assert format_distance(1_234) == "1,2 km"
    assert format_distance(12_600) == "13 km"
    s = score_pair(
        req(terms=frozenset({KOKEN}), point=HERE),
        off(terms=frozenset({KOKEN}), point=FURTHER),
        VOCAB,
    )
    assert s is not None and s.reason == "jullie houden allebei van koken · 1,2 km"


def test_each_sides_max_distance_is_a_hard_limit() -> None:
    r = req(terms=frozenset({KOKEN}), point=HERE, max_distance_m=1000)
    o = off(terms=frozenset({KOKEN}), point=FURTHER)
    assert score_pair(r, o, VOCAB) is None
    assert score_pair(req(terms=frozenset({KOKEN}), point=HERE),
                      off(terms=frozenset({KOKEN}), point=FURTHER, max_distance_m=1000),
                      VOCAB) is None  # fmt: skip
    assert score_pair(req(terms=frozenset({KOKEN}), point=HERE, max_distance_m=2000), o, VOCAB)


def test_a_pair_right_at_its_limit_is_kept_and_just_beyond_is_not() -> None:
    """The engine drops far pairs early on a cheaper test; near the limit the exact
    distance must still decide, in candidate_edges as in score_pair."""
    import math

    def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
        lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
        h = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        )
        return 2 * 6_371_000.0 * math.asin(math.sqrt(h))

    def at_distance(target: float, bearing: float) -> tuple[float, float]:
        """A point `target` metres (to within a micrometre) from HERE."""
        low, high = 0.0, 0.1
        for _step in range(80):
            mid = (low + high) / 2
            point = (HERE[0] + mid * math.cos(bearing), HERE[1] + mid * math.sin(bearing))
            low, high = (mid, high) if metres(HERE, point) < target else (low, mid)
        return (HERE[0] + low * math.cos(bearing), HERE[1] + low * math.sin(bearing))

    rng = random.Random(7)
    requests, offers = [], []
    for i in range(40):
        limit = rng.randint(300, 5000)
        # a tenth of a millimetre within the limit, or beyond it
        target = limit - 1e-4 if i % 2 == 0 else limit + 1e-4
        point = at_distance(target, rng.uniform(0, 2 * math.pi))
        requests.append(req(key=i, terms=frozenset({KOKEN}), point=HERE, max_distance_m=limit))
        offers.append(off(key=1000 + i, terms=frozenset({GRILLEN}), point=point))
    got = candidate_edges(requests, offers, VOCAB)
    pairs = set(zip(got.request.tolist(), got.offer.tolist(), strict=True))
    expected = {
        (r.key, o.key)
        for r in requests
        for o in offers
        if r.point and o.point and metres(r.point, o.point) <= (r.max_distance_m or 0)
    }
    assert pairs == expected
    assert {(r.key, r.key + 1000) for r in requests if r.key % 2 == 0} <= pairs
    assert not {(r.key, r.key + 1000) for r in requests if r.key % 2} & pairs
    for r in requests:
        o = next(o for o in offers if o.key == r.key + 1000)
        assert (score_pair(r, o, VOCAB) is not None) == ((r.key, o.key) in expected)


def test_a_limit_without_both_points_cannot_be_checked_so_excludes() -> None:
    r = req(terms=frozenset({KOKEN}), max_distance_m=1000)
    assert score_pair(r, off(terms=frozenset({KOKEN}), point=HERE), VOCAB) is None
    # no limit: no distance factor and still a match
    s = score_pair(req(terms=frozenset({KOKEN})), off(terms=frozenset({KOKEN}), point=HERE), VOCAB)
    assert s is not None and [f.kind for f in s.factors] == ["terms"]


def test_hard_conditions_exclude_unless_met() -> None:
    r = req(terms=frozenset({KOKEN}), needs=frozenset({"wheelchair"}))
    assert score_pair(r, off(terms=frozenset({KOKEN})), VOCAB) is None
    assert score_pair(r, off(terms=frozenset({KOKEN}), meets=frozenset({"lang:en"})), VOCAB) is None
    assert score_pair(
        r, off(terms=frozenset({KOKEN}), meets=frozenset({"wheelchair", "lang:en"})), VOCAB
    )
    # the offer's needs count too
    o = off(terms=frozenset({KOKEN}), needs=frozenset({"low_stimulus"}))
    assert score_pair(req(terms=frozenset({KOKEN})), o, VOCAB) is None
    assert score_pair(req(terms=frozenset({KOKEN}), meets=frozenset({"low_stimulus"})), o, VOCAB)


def test_no_shared_moment_excludes_but_any_time_fits() -> None:
    r = req(terms=frozenset({KOKEN}), slots=frozenset({0, 1}))
    assert score_pair(r, off(terms=frozenset({KOKEN}), slots=frozenset({2})), VOCAB) is None
    s = score_pair(r, off(terms=frozenset({KOKEN})), VOCAB)
    assert s is not None and s.score == EXACT_TERM_POINTS


def test_many_shared_moments_are_summarised() -> None:
    week = frozenset(range(21))
    s = score_pair(req(terms=frozenset({KOKEN}), slots=week),
                   off(terms=frozenset({KOKEN}), slots=week), VOCAB)  # fmt: skip
    assert s is not None
    assert s.factors[-1].reason == (
        "allebei maandagochtend, maandagmiddag, maandagavond en 18 andere momenten"
    )


def test_same_owner_never_matches() -> None:
    assert score_pair(req(owner=7, terms=frozenset({KOKEN})),
                      off(owner=7, terms=frozenset({KOKEN})), VOCAB) is None  # fmt: skip
    # unknown owners (tasks of a place) may match
    assert score_pair(req(owner=None, terms=frozenset({KOKEN})),
                      off(owner=None, terms=frozenset({KOKEN})), VOCAB)  # fmt: skip


def test_several_terms_in_one_reason() -> None:
    s = score_pair(
        req(terms=frozenset({KOKEN, TUINIEREN, SPORT})),
        off(terms=frozenset({KOKEN, TUINIEREN, WANDELEN})),
        VOCAB,
    )
    assert s is not None
    assert s.score == 2 * EXACT_TERM_POINTS + BROADER_TERM_POINTS
    assert s.reason == "jullie houden allebei van koken en tuinieren, wandelen hoort bij sport"


# --- many pairs: candidate_edges and OfferIndex agree with score_pair ------------------


def random_profiles(rng: random.Random, n: int, key0: int, owners: int) -> list[Profile]:
    texts = ["fietsen in het park", "een fiets repareren", "koken voor de buren",
             "samen wandelen", "taal oefenen", "tuin", "breien en haken", ""]  # fmt: skip
    conditions = ["wheelchair", "low_stimulus", "lang:en", "lang:ar"]
    profiles = []
    for i in range(n):
        profiles.append(
            Profile(
                key=key0 + i,
                owner=rng.choice([None, *range(owners)]),
                terms=frozenset(rng.sample(range(1, 8), rng.randint(0, 2))),
                text=rng.choice(texts),
                point=(52.36 + rng.uniform(-0.03, 0.03), 4.90 + rng.uniform(-0.05, 0.05))
                if rng.random() < 0.9
                else None,
                max_distance_m=rng.choice([None, 1000, 2000, 4000]),
                slots=frozenset(rng.sample(range(21), rng.randint(0, 3))),
                needs=frozenset(c for c in conditions if rng.random() < 0.1),
                meets=frozenset(c for c in conditions if rng.random() < 0.5),
                capacity=rng.randint(1, 3),
            )
        )
    return profiles


@pytest.mark.parametrize("seed", range(3))
def test_candidate_edges_equal_score_pair_on_every_pair(seed: int) -> None:
    rng = random.Random(seed)
    requests = random_profiles(rng, 40, 1000, owners=10)
    offers = random_profiles(rng, 50, 5000, owners=10)
    expected = {}
    for r in requests:
        for o in offers:
            s = score_pair(r, o, VOCAB)
            if s is not None:
                expected[(r.key, o.key)] = s.score
    edges = candidate_edges(requests, offers, VOCAB)
    got = dict(zip(zip(edges.request.tolist(), edges.offer.tolist(), strict=True),
                   edges.score.tolist(), strict=True))  # fmt: skip
    assert len(got) == len(edges)  # no pair twice
    assert got == expected
    assert len(expected) > 20  # the instance is not trivially empty


def test_candidate_edges_leave_out_declined_pairs() -> None:
    requests = [req(key=1, terms=frozenset({KOKEN})), req(key=2, terms=frozenset({KOKEN}))]
    offers = [off(key=10, terms=frozenset({KOKEN})), off(key=11, terms=frozenset({BAKKEN}))]
    all_edges = candidate_edges(requests, offers, VOCAB)
    assert len(all_edges) == 4
    edges = candidate_edges(requests, offers, VOCAB, declined={(1, 10), (2, 11), (3, 10)})
    assert sorted(zip(edges.request.tolist(), edges.offer.tolist(), strict=True)) == [
        (1, 11),
        (2, 10),
    ]


def test_candidate_edges_of_empty_sides() -> None:
    assert len(candidate_edges([], [off()], VOCAB)) == 0
    assert len(candidate_edges([req(terms=frozenset({KOKEN}))], [], VOCAB)) == 0
    edges = candidate_edges([req()], [off()], VOCAB)
    assert len(edges) == 0 and edges.score.dtype.kind == "i"


@pytest.mark.parametrize("seed", range(3))
def test_top_equals_best_of_score_pair(seed: int) -> None:
    rng = random.Random(100 + seed)
    offers = random_profiles(rng, 120, 5000, owners=15)
    index = OfferIndex(offers, VOCAB)
    for r in random_profiles(rng, 15, 1000, owners=15):
        exclude = set(rng.sample([o.key for o in offers], 20))
        scored = [score_pair(r, o, VOCAB) for o in offers if o.key not in exclude]
        best = sorted((s for s in scored if s), key=lambda s: (-s.score, s.offer))[:5]
        top = index.top(r, k=5, exclude=exclude)
        assert top == best
        assert not {s.offer for s in top} & exclude


def test_top_never_returns_a_declined_offer_and_respects_k() -> None:
    offers = [off(key=k, owner=k, terms=frozenset({KOKEN})) for k in range(10)]
    index = OfferIndex(offers, VOCAB)
    r = req(owner=3, terms=frozenset({KOKEN}))
    top = index.top(r, k=5, exclude={0, 1})
    assert [s.offer for s in top] == [2, 4, 5, 6, 7]  # 3 is the same owner
    assert index.top(r, k=0) == []
    assert len(index.top(r, k=50)) == 9


def test_top_with_a_need_no_offer_knows_is_empty() -> None:
    index = OfferIndex([off(terms=frozenset({KOKEN}), meets=frozenset({"wheelchair"}))], VOCAB)
    r = req(terms=frozenset({KOKEN}), needs=frozenset({"lang:tr"}))
    assert index.top(r) == []
    assert index.top(req(terms=frozenset({KOKEN}), needs=frozenset({"wheelchair"})))


def test_top_ranks_exact_above_broader_and_nearer_above_further() -> None:
    offers = [
        off(key=1, owner=1, terms=frozenset({BAKKEN}), point=HERE),
        off(key=2, owner=2, terms=frozenset({KOKEN}), point=FURTHER),
        off(key=3, owner=3, terms=frozenset({KOKEN}), point=NEAR),
    ]
    top = OfferIndex(offers, VOCAB).top(req(terms=frozenset({KOKEN}), point=HERE))
    assert [s.offer for s in top] == [3, 2, 1]
    assert top[0].reason == "jullie houden allebei van koken · 400 m"
    assert np.all(np.diff([s.score for s in top]) <= 0)


@pytest.mark.parametrize(
    ("spread", "limits"),
    [
        (0.01, [None, 300, 700]),  # a few streets: limits of a few cells
        (1.0, [None, 20_000, 80_000]),  # a province
        (40.0, [None, 2_000_000, 5_000_000]),  # a continent: no grid, every pair compared
    ],
)
def test_candidate_edges_agree_with_score_pair_at_every_scale(
    spread: float, limits: list[int | None]
) -> None:
    rng = random.Random(int(spread * 1000))

    def profiles(n: int, key0: int) -> list[Profile]:
        return [
            Profile(
                key=key0 + i,
                owner=None,
                terms=frozenset({rng.choice([KOKEN, BAKKEN, GRILLEN])}),
                point=None
                if rng.random() < 0.1
                else (50 + rng.uniform(0, spread), 5 + rng.uniform(0, spread)),
                max_distance_m=rng.choice(limits),
            )
            for i in range(n)
        ]

    requests, offers = profiles(40, 0), profiles(40, 100)
    expected = {
        (r.key, o.key): s.score
        for r in requests
        for o in offers
        if (s := score_pair(r, o, VOCAB)) is not None
    }
    edges = candidate_edges(requests, offers, VOCAB)
    pairs = zip(edges.request.tolist(), edges.offer.tolist(), strict=True)
    assert dict(zip(pairs, edges.score.tolist(), strict=True)) == expected
    assert 0 < len(expected) < len(requests) * len(offers)


# --- a term's label is counted once ---------------------------------------------------


def test_a_word_that_both_sides_terms_name_counts_once() -> None:
    # Both chose "koken" and both wrote it: the term counts, the word not again.
    r = req(terms=frozenset({KOKEN}), text="Ik wil graag koken")
    o = off(terms=frozenset({KOKEN}), text="Koken voor de buren")
    s = score_pair(r, o, VOCAB)
    assert s is not None and s.score == EXACT_TERM_POINTS
    assert [f.kind for f in s.factors] == ["terms"]
    assert "noemen" not in s.reason
    # The sparse paths (batch round and top k) give the same score.
    edges = candidate_edges([r], [o], VOCAB)
    assert edges.score.tolist() == [EXACT_TERM_POINTS]
    assert OfferIndex([o], VOCAB).top(r) == [s]


def test_other_shared_words_still_count_next_to_a_shared_term() -> None:
    r = req(terms=frozenset({KOKEN}), text="koken en fietsen")
    o = off(terms=frozenset({KOKEN}), text="Ik wil koken en fietsen")
    s = score_pair(r, o, VOCAB)
    assert s is not None and s.score == EXACT_TERM_POINTS + STEM_POINTS
    assert s.reason == "jullie houden allebei van koken · jullie noemen allebei ‘fietsen’"
    assert candidate_edges([r], [o], VOCAB).score.tolist() == [s.score]


def test_a_word_counts_when_only_one_side_chose_the_term() -> None:
    # Only the request chose "koken"; the offer wrote it in its own words: that is the only
    # thing they share, and it counts (once).
    r = req(terms=frozenset({KOKEN}), text="koken")
    o = off(text="Ik wil koken voor anderen")
    s = score_pair(r, o, VOCAB)
    assert s is not None and s.score == STEM_POINTS
    assert candidate_edges([r], [o], VOCAB).score.tolist() == [STEM_POINTS]
    assert OfferIndex([o], VOCAB).top(r) == [s]


# --- hard rules for a pair put together by hand ------------------------------------------


def test_hard_rule_failures_name_each_broken_rule() -> None:
    from omzien.matching.engine import hard_rule_failures

    ok = hard_rule_failures(req(point=HERE, max_distance_m=1000), off(point=NEAR))
    assert ok == []  # nothing in common is no hard rule: a person may know better
    assert hard_rule_failures(req(owner=5), off(owner=5)) == ["owner"]
    assert hard_rule_failures(req(needs=frozenset({"wheelchair"})), off()) == ["conditions"]
    assert (
        hard_rule_failures(
            req(meets=frozenset({"wheelchair"})), off(needs=frozenset({"wheelchair"}))
        )
        == []
    )
    assert hard_rule_failures(req(point=HERE), off(point=FURTHER, max_distance_m=1000)) == [
        "distance"
    ]
    assert hard_rule_failures(req(point=HERE, max_distance_m=1500), off(point=FURTHER)) == []
    assert hard_rule_failures(req(max_distance_m=1000), off(point=NEAR)) == ["distance_unknown"]
    assert hard_rule_failures(req(slots=frozenset({1})), off(slots=frozenset({2}))) == ["time"]
    assert hard_rule_failures(req(slots=frozenset({1})), off()) == []  # any time


@pytest.mark.parametrize("seed", range(2))
def test_hard_rule_failures_agree_with_the_kernel(seed: int) -> None:
    from omzien.matching.engine import hard_rule_failures

    rng = random.Random(300 + seed)
    requests = random_profiles(rng, 30, 1000, owners=10)
    offers = random_profiles(rng, 30, 5000, owners=10)
    for r in requests:
        for o in offers:
            shares = bool(VOCAB.expand(r.terms) & o.terms or r.terms & VOCAB.expand(o.terms))
            if not shares:
                continue  # the kernel also drops pairs that share nothing
            assert (score_pair(r, o, VOCAB) is not None) == (not hard_rule_failures(r, o))
