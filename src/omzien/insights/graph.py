"""The network engine behind the insights: plain arrays in, figures out.

No Django here: a graph is a node count, three edge arrays (u, v, weight) and a group
label per node. Everything is vectorised with numpy / scipy.sparse, and the two
algorithms that need a graph library (Leiden communities and Burt's constraint) run in
igraph's C core. It is sized for ~10^5 people and ~10^6 ties (benchmarks/insights.py).

References (docs/insights.md):
- E-I index: Krackhardt, D. & Stern, R. N. (1988), Informal networks and organizational
  crises. Social Psychology Quarterly 51(2), 123-140.
- Nominal assortativity: Newman, M. E. J. (2003), Mixing patterns in networks.
  Physical Review E 67, 026126.
- Leiden: Traag, V. A., Waltman, L. & van Eck, N. J. (2019), From Louvain to Leiden:
  guaranteeing well-connected communities. Scientific Reports 9, 5233.
- Constraint: Burt, R. S. (1992), Structural Holes. Harvard University Press.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import igraph
import numpy as np
import scipy.sparse as sp

#: The seed for Leiden, so the same data gives the same communities every time.
LEIDEN_SEED = 7
#: Leiden passes (igraph's default). On the benchmark graph (10^5 nodes, 10^6 ties) running
#: until nothing changes gave the same communities and modularity to 4 decimals, in twice
#: the time.
LEIDEN_ITERATIONS = 2


@dataclass(frozen=True)
class Graph:
    """An undirected, simple, weighted graph: each tie once with u < v, no self-loops."""

    n: int
    u: np.ndarray  # int64, source node index
    v: np.ndarray  # int64, target node index (u < v)
    w: np.ndarray  # float64, tie weight (> 0)
    groups: np.ndarray  # int64 group label per node, 0..k-1

    @property
    def m(self) -> int:
        return int(self.u.size)

    @property
    def group_count(self) -> int:
        return int(self.groups.max()) + 1 if self.n else 0


def build_graph(
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    w: np.ndarray | None = None,
    groups: np.ndarray | None = None,
) -> Graph:
    """Normalise edge arrays: drop self-loops, orient u < v, and merge repeated ties by
    adding their weights (two people who share three sessions: one tie of weight 3)."""
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    w = np.ones(u.size) if w is None else np.asarray(w, dtype=np.float64)
    if not (u.size == v.size == w.size):
        raise ValueError("u, v and w must have the same length.")
    if u.size and (min(u.min(), v.min()) < 0 or max(u.max(), v.max()) >= n):
        raise ValueError("An edge refers to a node outside 0..n-1.")
    if groups is None:
        groups = np.zeros(n, dtype=np.int64)
    groups = np.asarray(groups, dtype=np.int64)
    if groups.size != n:
        raise ValueError("There must be one group label per node.")
    keep = (u != v) & (w > 0)
    lo = np.minimum(u[keep], v[keep])
    hi = np.maximum(u[keep], v[keep])
    if lo.size:
        merged = sp.coo_matrix((w[keep], (lo, hi)), shape=(n, n)).tocsr()
        merged.sum_duplicates()
        coo = merged.tocoo()
        lo, hi, ww = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
    else:
        ww = np.zeros(0)
    return Graph(n=n, u=lo, v=hi, w=ww.astype(np.float64), groups=groups)


def subgraph(graph: Graph, keep: np.ndarray, groups: np.ndarray | None = None) -> Graph:
    """The graph among the nodes where `keep` is True, renumbered in order; optionally
    with other group labels (given for the kept nodes)."""
    keep = np.asarray(keep, dtype=bool)
    new_index = np.cumsum(keep) - 1
    inside = keep[graph.u] & keep[graph.v]
    labels = graph.groups[keep] if groups is None else np.asarray(groups, dtype=np.int64)
    return Graph(
        n=int(keep.sum()),
        u=new_index[graph.u[inside]],
        v=new_index[graph.v[inside]],
        w=graph.w[inside],
        groups=labels,
    )


def co_membership_edges(
    rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Project a bipartite incidence (row = person, col = session/meeting/circle) onto
    the people: with B the sparse person x session matrix, A = B @ B.T with the diagonal
    removed; A[i, j] is the number of sessions i and j both attended (the tie weight)."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    b = sp.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(n_rows, n_cols))
    b.data[:] = 1.0  # the same person twice at one session counts once
    a = sp.triu(b @ b.T, k=1).tocoo()
    return a.row.astype(np.int64), a.col.astype(np.int64), a.data.astype(np.float64)


# --- E-I index (Krackhardt & Stern 1988) --------------------------------------------------


@dataclass(frozen=True)
class EIResult:
    overall: float | None  # (E - I) / (E + I); None without ties
    external: float  # E: ties (or weight) between groups
    internal: float  # I: ties (or weight) within a group
    per_group: dict[int, float | None]  # group label -> E-I of its members' ties
    group_external: dict[int, float]
    group_internal: dict[int, float]


def ei_index(graph: Graph, *, weighted: bool = False) -> EIResult:
    """E-I index: -1 all ties within groups (bonding) ... +1 all between groups (bridging).

    Per group: E = ties from its members to people outside the group, I = ties among its
    members (each counted once), following Krackhardt & Stern's subunit index.
    """
    k = graph.group_count
    gu = graph.groups[graph.u]
    gv = graph.groups[graph.v]
    weight = graph.w if weighted else np.ones(graph.m)
    same = gu == gv
    internal = float(weight[same].sum())
    external = float(weight[~same].sum())
    group_internal = np.bincount(gu[same], weights=weight[same], minlength=k)
    group_external = np.bincount(gu[~same], weights=weight[~same], minlength=k) + np.bincount(
        gv[~same], weights=weight[~same], minlength=k
    )
    per_group: dict[int, float | None] = {}
    for label in range(k):  # one entry per group (a handful), not per node
        total = group_internal[label] + group_external[label]
        per_group[label] = (
            float((group_external[label] - group_internal[label]) / total) if total else None
        )
    total = internal + external
    return EIResult(
        overall=(external - internal) / total if total else None,
        external=external,
        internal=internal,
        per_group=per_group,
        group_external={i: float(x) for i, x in enumerate(group_external)},
        group_internal={i: float(x) for i, x in enumerate(group_internal)},
    )


# --- nominal assortativity (Newman 2003) ---------------------------------------------------


def mixing_matrix(graph: Graph, *, weighted: bool = False) -> np.ndarray:
    """e[a, b]: the share of tie ends that join group a to group b (symmetric, sums to 1)."""
    k = graph.group_count
    weight = graph.w if weighted else np.ones(graph.m)
    gu = graph.groups[graph.u]
    gv = graph.groups[graph.v]
    counts = np.bincount(gu * k + gv, weights=weight, minlength=k * k) + np.bincount(
        gv * k + gu, weights=weight, minlength=k * k
    )
    total = counts.sum()
    return (counts / total if total else counts).reshape(k, k)


def assortativity(graph: Graph, *, weighted: bool = False) -> float | None:
    """r = (Tr e - ||e^2||) / (1 - ||e^2||): 1 only within groups, 0 as by chance,
    negative more between groups than chance. None without ties or with one group."""
    if graph.m == 0:
        return None
    e = mixing_matrix(graph, weighted=weighted)
    a = e.sum(axis=1)
    expected = float((a * a).sum())
    if expected >= 1.0:
        return None
    return float((np.trace(e) - expected) / (1.0 - expected))


# --- communities (Leiden, Traag et al. 2019) -----------------------------------------------


@dataclass(frozen=True)
class Communities:
    membership: np.ndarray  # community label per node
    count: int  # communities with at least one tie (isolated people are not a community)
    modularity: float | None
    sizes: list[int]  # people per community, largest first


def to_igraph(graph: Graph) -> igraph.Graph:
    g = igraph.Graph(n=graph.n, edges=np.column_stack([graph.u, graph.v]).tolist())
    g.es["weight"] = graph.w.tolist()
    return g


def communities(
    graph: Graph,
    *,
    weighted: bool = True,
    seed: int = LEIDEN_SEED,
    ig: igraph.Graph | None = None,
) -> Communities:
    """Leiden on modularity with a fixed seed (igraph draws from Python's random)."""
    if graph.m == 0:
        return Communities(np.arange(graph.n), 0, None, [])
    ig = ig if ig is not None else to_igraph(graph)
    weights = "weight" if weighted else None
    previous = random.getstate()
    random.seed(seed)
    try:
        partition = ig.community_leiden(
            objective_function="modularity", weights=weights, n_iterations=LEIDEN_ITERATIONS
        )
    finally:
        random.setstate(previous)
    membership = np.asarray(partition.membership, dtype=np.int64)
    degree = degrees(graph)
    sizes = np.bincount(membership[degree > 0])
    sizes = np.sort(sizes[sizes > 0])[::-1]
    return Communities(
        membership=membership,
        count=int(sizes.size),
        modularity=float(ig.modularity(partition.membership, weights=weights)),
        sizes=[int(s) for s in sizes],
    )


# --- degrees and Burt's constraint (Burt 1992) ---------------------------------------------


def degrees(graph: Graph) -> np.ndarray:
    """Distinct ties per node."""
    return np.bincount(graph.u, minlength=graph.n) + np.bincount(graph.v, minlength=graph.n)


@dataclass(frozen=True)
class DegreeCounts:
    no_ties: int
    one_tie: int


def degree_counts(graph: Graph) -> DegreeCounts:
    degree = degrees(graph)
    return DegreeCounts(no_ties=int((degree == 0).sum()), one_tie=int((degree == 1).sum()))


def constraint(
    graph: Graph, *, weighted: bool = True, ig: igraph.Graph | None = None
) -> np.ndarray:
    """Burt's constraint per node (low: ties into otherwise unconnected parts of the
    network). NaN for people without ties."""
    ig = ig if ig is not None else to_igraph(graph)
    values = np.asarray(ig.constraint(weights="weight" if weighted else None), dtype=float)
    values[degrees(graph) == 0] = np.nan
    return values


def spans_groups(graph: Graph) -> np.ndarray:
    """True for people with at least one tie to someone in another group."""
    cross = graph.groups[graph.u] != graph.groups[graph.v]
    out = np.zeros(graph.n, dtype=bool)
    out[graph.u[cross]] = True
    out[graph.v[cross]] = True
    return out


# --- all at once ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicators:
    ei: EIResult
    ei_weighted: EIResult
    assortativity: float | None
    assortativity_weighted: float | None
    communities: Communities
    degree_counts: DegreeCounts
    constraint: np.ndarray
    spans_groups: np.ndarray


def all_indicators(graph: Graph, *, seed: int = LEIDEN_SEED) -> Indicators:
    """Every figure of the engine, sharing one igraph conversion."""
    ig = to_igraph(graph)
    return Indicators(
        ei=ei_index(graph),
        ei_weighted=ei_index(graph, weighted=True),
        assortativity=assortativity(graph),
        assortativity_weighted=assortativity(graph, weighted=True),
        communities=communities(graph, seed=seed, ig=ig),
        degree_counts=degree_counts(graph),
        constraint=constraint(graph, ig=ig),
        spans_groups=spans_groups(graph),
    )
