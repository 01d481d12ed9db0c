"""The graph engine against hand-worked small graphs and against networkx."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from omzien.insights import graph as engine


def small() -> engine.Graph:
    """Group 0: a triangle 0-1-2. Group 1: 3-4. A bridge 2-3 (weight 2). Node 5 alone."""
    return engine.build_graph(
        6,
        u=np.array([0, 1, 0, 3, 2]),
        v=np.array([1, 2, 2, 4, 3]),
        w=np.array([1.0, 1.0, 1.0, 1.0, 2.0]),
        groups=np.array([0, 0, 0, 1, 1, 1]),
    )


def test_build_graph_merges_repeats_and_drops_self_loops() -> None:
    g = engine.build_graph(
        3, u=np.array([1, 0, 2, 1]), v=np.array([0, 1, 2, 2]), groups=np.zeros(3)
    )
    # (1,0) and (0,1) are one tie of weight 2; the loop 2-2 is gone.
    assert list(zip(g.u.tolist(), g.v.tolist(), g.w.tolist(), strict=True)) == [
        (0, 1, 2.0),
        (1, 2, 1.0),
    ]
    with pytest.raises(ValueError):
        engine.build_graph(2, u=np.array([0]), v=np.array([2]))


def test_ei_index_by_hand() -> None:
    g = small()
    ei = engine.ei_index(g)
    # Internal ties: 0-1, 1-2, 0-2, 3-4 -> I = 4; external: 2-3 -> E = 1.
    # (E - I) / (E + I) = (1 - 4) / 5 = -0.6
    assert (ei.internal, ei.external) == (4, 1)
    assert ei.overall == pytest.approx(-0.6)
    # Group 0: I = 3, E = 1 -> -2/4 = -0.5. Group 1: I = 1, E = 1 -> 0.
    assert ei.per_group[0] == pytest.approx(-0.5)
    assert ei.per_group[1] == pytest.approx(0.0)
    weighted = engine.ei_index(g, weighted=True)
    # The bridge weighs 2: (2 - 4) / (2 + 4) = -1/3.
    assert weighted.overall == pytest.approx(-1 / 3)
    # Group 1 weighted: I = 1, E = 2 -> 1/3.
    assert weighted.per_group[1] == pytest.approx(1 / 3)


def test_ei_index_extremes_and_empty() -> None:
    only_between = engine.build_graph(
        4, u=np.array([0, 1]), v=np.array([2, 3]), groups=np.array([0, 0, 1, 1])
    )
    assert engine.ei_index(only_between).overall == 1.0
    only_within = engine.build_graph(
        4, u=np.array([0, 2]), v=np.array([1, 3]), groups=np.array([0, 0, 1, 1])
    )
    assert engine.ei_index(only_within).overall == -1.0
    empty = engine.build_graph(3, u=np.array([]), v=np.array([]), groups=np.array([0, 1, 1]))
    assert engine.ei_index(empty).overall is None
    assert engine.assortativity(empty) is None


def test_assortativity_by_hand() -> None:
    # 5 ties = 10 tie ends. e00 = 6/10, e11 = 2/10, e01 = e10 = 1/10.
    # a = (0.7, 0.3); sum a^2 = 0.49 + 0.09 = 0.58; Tr e = 0.8.
    # r = (0.8 - 0.58) / (1 - 0.58) = 0.22 / 0.42
    assert engine.assortativity(small()) == pytest.approx(0.22 / 0.42)
    perfect = engine.build_graph(
        4, u=np.array([0, 2]), v=np.array([1, 3]), groups=np.array([0, 0, 1, 1])
    )
    assert engine.assortativity(perfect) == pytest.approx(1.0)


def test_degree_counts_and_spanning() -> None:
    g = small()
    # Degrees: 2, 2, 3, 2, 1, 0.
    assert engine.degrees(g).tolist() == [2, 2, 3, 2, 1, 0]
    counts = engine.degree_counts(g)
    assert (counts.no_ties, counts.one_tie) == (1, 1)
    assert engine.spans_groups(g).tolist() == [False, False, True, True, False, False]


def test_constraint_by_hand() -> None:
    c = engine.constraint(small(), weighted=False)
    # Node 4 has one tie: p = 1, c = 1.
    assert c[4] == pytest.approx(1.0)
    # Node 1: ties to 0 and 2, p = 1/2 each. Node 0 has 2 ties, node 2 has 3.
    # c(1,0) = (1/2 + p12 * p20)^2 = (1/2 + 1/2 * 1/3)^2 = 4/9
    # c(1,2) = (1/2 + p10 * p02)^2 = (1/2 + 1/2 * 1/2)^2 = 9/16
    assert c[1] == pytest.approx(4 / 9 + 9 / 16)
    # The person without ties has no constraint.
    assert np.isnan(c[5])


def test_communities_two_cliques() -> None:
    # Two groups of four, everybody knows everybody, one tie between the groups.
    a = [(i, j) for i in range(4) for j in range(i + 1, 4)]
    b = [(i + 4, j + 4) for i, j in a]
    edges = np.array([*a, *b, (3, 4)])
    g = engine.build_graph(9, u=edges[:, 0], v=edges[:, 1], groups=np.zeros(9, dtype=int))
    found = engine.communities(g)
    assert found.count == 2
    assert found.sizes == [4, 4]  # node 8 has no ties: in no community
    # m = 13; each side has 6 inner ties and degree sum 13.
    # Q = 2 * (6/13 - (13/26)^2) = 12/13 - 1/2
    assert found.modularity == pytest.approx(12 / 13 - 0.5)
    # The same data gives the same partition every time (fixed seed).
    again = engine.communities(g)
    assert again.membership.tolist() == found.membership.tolist()


def test_co_membership_projection_by_hand() -> None:
    # Person 0 and 1 came to sessions 0 and 1, person 2 only to session 1; person 3 never.
    rows = np.array([0, 0, 1, 1, 2])
    cols = np.array([0, 1, 0, 1, 1])
    u, v, w = engine.co_membership_edges(rows, cols, 4, 2)
    assert sorted(zip(u.tolist(), v.tolist(), w.tolist(), strict=True)) == [
        (0, 1, 2.0),
        (0, 2, 1.0),
        (1, 2, 1.0),
    ]


# --- against networkx on a random 2,000-node graph -----------------------------------------


@pytest.fixture(scope="module")
def random_graph() -> tuple[engine.Graph, nx.Graph]:
    rng = np.random.default_rng(2026)
    n, m, k = 2000, 10000, 4
    groups = rng.integers(0, k, n)
    u = rng.integers(0, n, m)
    v = rng.integers(0, n, m)
    # Homophily: half of the ties are redrawn inside the source's group.
    same = rng.random(m) < 0.5
    members = [np.flatnonzero(groups == g) for g in range(k)]
    v[same] = [rng.choice(members[groups[x]]) for x in u[same]]
    w = rng.integers(1, 4, m).astype(float)
    g = engine.build_graph(n, u, v, w, groups)
    reference = nx.Graph()
    reference.add_nodes_from((i, {"group": int(groups[i])}) for i in range(n))
    reference.add_weighted_edges_from(zip(g.u.tolist(), g.v.tolist(), g.w.tolist(), strict=True))
    return g, reference


def test_matches_networkx_assortativity(random_graph: tuple[engine.Graph, nx.Graph]) -> None:
    g, reference = random_graph
    expected = nx.attribute_assortativity_coefficient(reference, "group")
    assert engine.assortativity(g) == pytest.approx(expected, abs=1e-9)
    assert expected > 0.2  # the homophily is visible


def test_matches_an_independent_ei_count(random_graph: tuple[engine.Graph, nx.Graph]) -> None:
    g, reference = random_graph
    external = sum(
        1 for a, b in reference.edges if reference.nodes[a]["group"] != reference.nodes[b]["group"]
    )
    internal = reference.number_of_edges() - external
    ei = engine.ei_index(g)
    assert ei.overall == pytest.approx((external - internal) / (external + internal))
    group0 = [a for a in reference if reference.nodes[a]["group"] == 0]
    inside = reference.subgraph(group0).number_of_edges()
    outside = nx.cut_size(reference, group0)
    assert ei.per_group[0] == pytest.approx((outside - inside) / (outside + inside))


def test_matches_networkx_constraint(random_graph: tuple[engine.Graph, nx.Graph]) -> None:
    g, reference = random_graph
    ours = engine.constraint(g, weighted=False)
    theirs = nx.constraint(reference)
    expected = np.array([theirs[i] for i in range(g.n)])
    np.testing.assert_allclose(ours, expected, rtol=1e-9, equal_nan=True)
    ours_weighted = engine.constraint(g, weighted=True)
    theirs_weighted = nx.constraint(reference, weight="weight")
    expected_weighted = np.array([theirs_weighted[i] for i in range(g.n)])
    np.testing.assert_allclose(ours_weighted, expected_weighted, rtol=1e-9, equal_nan=True)


def test_modularity_of_our_partition_matches_networkx(
    random_graph: tuple[engine.Graph, nx.Graph],
) -> None:
    g, reference = random_graph
    found = engine.communities(g)
    parts: dict[int, set[int]] = {}
    for node, label in enumerate(found.membership.tolist()):
        parts.setdefault(label, set()).add(node)
    expected = nx.community.modularity(reference, parts.values(), weight="weight")
    assert found.modularity == pytest.approx(expected, abs=1e-9)
    # Leiden does at least as well as networkx's Louvain on the same graph.
    louvain = nx.community.louvain_communities(reference, weight="weight", seed=1)
    assert found.modularity >= nx.community.modularity(reference, louvain, weight="weight")
    assert sum(found.sizes) == int((engine.degrees(g) > 0).sum())


def test_all_indicators_runs_once(random_graph: tuple[engine.Graph, nx.Graph]) -> None:
    g, _reference = random_graph
    result = engine.all_indicators(g)
    assert result.ei.overall == engine.ei_index(g).overall
    assert result.constraint.shape == (g.n,)
    assert result.spans_groups.sum() > 0
