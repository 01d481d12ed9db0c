"""The batch round: the optimum with capacities, checked against an independent solver and
brute force."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import numpy as np
import pytest

from omzien.matching.engine import (
    Edges,
    Profile,
    Vocabulary,
    batch_assign,
    candidate_edges,
    reference_assign,
)


def profiles(capacities: list[int], key0: int) -> list[Profile]:
    return [
        Profile(key=key0 + i, owner=None, terms=frozenset(), capacity=c)
        for i, c in enumerate(capacities)
    ]


def edges(triples: list[tuple[int, int, int]]) -> Edges:
    if not triples:
        empty = np.zeros(0, dtype=np.int64)
        return Edges(empty, empty, empty)
    r, o, s = zip(*triples, strict=True)
    return Edges(np.array(r), np.array(o), np.array(s))


def random_instance(
    rng: random.Random, n_r: int, n_o: int, density: float
) -> tuple[list[Profile], list[Profile], Edges]:
    requests = profiles([rng.randint(1, 3) for _ in range(n_r)], 100)
    offers = profiles([rng.randint(1, 3) for _ in range(n_o)], 500)
    triples = [
        (r.key, o.key, rng.randint(1, 100))
        for r in requests
        for o in offers
        if rng.random() < density
    ]
    return requests, offers, edges(triples)


def check_feasible(
    requests: list[Profile], offers: list[Profile], e: Edges, pairs: list[tuple[int, int]]
) -> int:
    """The pairs respect capacities and are edges; returns their total score."""
    score = {
        (r, o): s
        for r, o, s in zip(e.request.tolist(), e.offer.tolist(), e.score.tolist(), strict=True)
    }
    assert len(set(pairs)) == len(pairs)
    per_request = Counter(r for r, _ in pairs)
    per_offer = Counter(o for _, o in pairs)
    cap = {p.key: p.capacity for p in requests}
    assert all(per_request[k] <= cap[k] for k in per_request)
    cap_o = {p.key: p.capacity for p in offers}
    assert all(per_offer[k] <= cap_o[k] for k in per_offer)
    return sum(score[p] for p in pairs)


def brute_force(requests: list[Profile], offers: list[Profile], e: Edges) -> int:
    triples = list(zip(e.request.tolist(), e.offer.tolist(), e.score.tolist(), strict=True))
    cap = {p.key: p.capacity for p in requests} | {p.key: p.capacity for p in offers}
    best = 0
    for size in range(len(triples) + 1):
        for subset in itertools.combinations(triples, size):
            used = Counter(r for r, _, _ in subset) + Counter(o for _, o, _ in subset)
            if all(used[k] <= cap[k] for k in used):
                best = max(best, sum(s for _, _, s in subset))
    return best


def test_capacity_lets_one_offer_take_two_requests() -> None:
    requests = profiles([1, 1, 1], 1)
    offers = profiles([2], 10)
    e = edges([(1, 10, 5), (2, 10, 7), (3, 10, 6)])
    result = batch_assign(requests, offers, e)
    assert result.pairs == [(2, 10), (3, 10)]
    assert result.objective == 13
    assert reference_assign(requests, offers, e).objective == 13


def test_the_optimum_is_not_the_greedy_choice() -> None:
    # greedy takes (1,10)=10 and is stuck with 1; the optimum is 9 + 9
    requests = profiles([1, 1], 1)
    offers = profiles([1, 1], 10)
    e = edges([(1, 10, 10), (1, 11, 9), (2, 10, 9), (2, 11, 1)])
    result = batch_assign(requests, offers, e)
    assert result.pairs == [(1, 11), (2, 10)]
    assert result.objective == 18


def test_empty_and_unusable_edges() -> None:
    requests = profiles([1, 0], 1)
    offers = profiles([1], 10)
    assert batch_assign(requests, offers, edges([])).pairs == []
    # a zero-capacity request, an unknown key, a non-positive score: never chosen
    e = edges([(2, 10, 50), (3, 10, 60), (1, 10, 0)])
    assert batch_assign(requests, offers, e).pairs == []
    assert reference_assign(requests, offers, e).objective == 0
    assert batch_assign([], offers, e).pairs == []


@pytest.mark.parametrize("seed", range(30))
def test_batch_equals_reference_solver_on_random_instances(seed: int) -> None:
    rng = random.Random(seed)
    requests, offers, e = random_instance(rng, rng.randint(5, 40), rng.randint(5, 40), 0.2)
    result = batch_assign(requests, offers, e)
    reference = reference_assign(requests, offers, e)
    assert result.objective == reference.objective
    assert check_feasible(requests, offers, e, result.pairs) == result.objective
    assert check_feasible(requests, offers, e, reference.pairs) == reference.objective


@pytest.mark.parametrize("seed", range(15))
def test_batch_equals_brute_force_on_tiny_instances(seed: int) -> None:
    rng = random.Random(1000 + seed)
    requests, offers, e = random_instance(rng, rng.randint(1, 4), rng.randint(1, 4), 0.6)
    if len(e) > 12:
        e = Edges(e.request[:12], e.offer[:12], e.score[:12])
    expected = brute_force(requests, offers, e)
    assert batch_assign(requests, offers, e).objective == expected
    assert reference_assign(requests, offers, e).objective == expected


def test_a_declined_pair_is_never_assigned_even_if_best() -> None:
    vocab = Vocabulary(parents={1: None}, labels={1: "koken"})
    requests = [Profile(key=1, owner=1, terms=frozenset({1}), capacity=2)]
    offers = [
        Profile(key=10, owner=10, terms=frozenset({1}), text="koken"),
        Profile(key=11, owner=11, terms=frozenset({1})),
    ]
    e = candidate_edges(requests, offers, vocab, declined={(1, 10)})
    result = batch_assign(requests, offers, e)
    assert result.pairs == [(1, 11)]
    assert (1, 10) not in reference_assign(requests, offers, e).pairs


def test_end_to_end_random_round_respects_capacity() -> None:
    rng = random.Random(7)
    vocab = Vocabulary(parents={1: None, 2: 1, 3: 1, 4: None}, labels={})
    requests = [
        Profile(key=i, owner=i, terms=frozenset(rng.sample(range(1, 5), 2)), capacity=1)
        for i in range(30)
    ]
    offers = [
        Profile(key=100 + i, owner=100 + i, terms=frozenset(rng.sample(range(1, 5), 2)),
                capacity=rng.randint(1, 3))
        for i in range(12)
    ]  # fmt: skip
    e = candidate_edges(requests, offers, vocab)
    result = batch_assign(requests, offers, e)
    assert check_feasible(requests, offers, e, result.pairs) == result.objective
    assert result.objective == reference_assign(requests, offers, e).objective
    # every offer's capacity is used up: there are more requests than places
    assert len(result.pairs) == sum(o.capacity for o in offers)
