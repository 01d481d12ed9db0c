"""The two solvers of the batch round: a min-cost flow (OR-Tools, used by the platform)
and a linear program (SciPy's HiGHS, an independent check for tests and the benchmark).

Both solve the same b-matching: choose edges (request, offer) with the largest total score
such that each request and each offer is in at most `capacity` chosen edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from omzien.matching.engine import Assignment, Edges, Profile


class _Problem:
    """Edges as positions into the two sides, cleaned: only known profiles with a
    capacity, only positive scores, one edge per pair (its highest score)."""

    def __init__(self, requests: Sequence[Profile], offers: Sequence[Profile], edges: Edges):
        n_r, n_o = len(requests), len(offers)
        self.req_keys = np.fromiter((p.key for p in requests), dtype=np.int64, count=n_r)
        self.off_keys = np.fromiter((p.key for p in offers), dtype=np.int64, count=n_o)
        self.req_cap = np.fromiter(
            (max(0, p.capacity) for p in requests), dtype=np.int64, count=n_r
        )
        self.off_cap = np.fromiter((max(0, p.capacity) for p in offers), dtype=np.int64, count=n_o)
        er = np.asarray(edges.request, dtype=np.int64)
        eo = np.asarray(edges.offer, dtype=np.int64)
        es = np.asarray(edges.score, dtype=np.int64)
        if n_r == 0 or n_o == 0 or er.shape[0] == 0:
            self.ri = self.oi = self.score = np.zeros(0, dtype=np.int64)
            return
        ri = _positions(self.req_keys, er)
        oi = _positions(self.off_keys, eo)
        keep = (ri >= 0) & (oi >= 0) & (es > 0)
        ri, oi, es = ri[keep], oi[keep], es[keep]
        keep = (self.req_cap[ri] > 0) & (self.off_cap[oi] > 0)
        ri, oi, es = ri[keep], oi[keep], es[keep]
        # sort by (request, offer, highest score first), then keep the first of each pair;
        # one int64 sort key when it fits (much faster than a three-key lexsort)
        top = int(es.max()) if es.shape[0] else 0
        if n_r * n_o * (top + 1) < 2**62:
            code = (ri * n_o + oi) * (top + 1) + (top - es)
            if code.shape[0] > 1 and not bool(np.all(code[1:] > code[:-1])):
                order = np.argsort(code)
                ri, oi, es, code = ri[order], oi[order], es[order], code[order]
            first = np.ones(ri.shape[0], dtype=bool)
            pair = code // (top + 1)
            first[1:] = pair[1:] != pair[:-1]
        else:
            order = np.lexsort((-es, oi, ri))
            ri, oi, es = ri[order], oi[order], es[order]
            first = np.ones(ri.shape[0], dtype=bool)
            first[1:] = (ri[1:] != ri[:-1]) | (oi[1:] != oi[:-1])
        self.ri, self.oi, self.score = ri[first], oi[first], es[first]

    def assignment(self, chosen: np.ndarray) -> Assignment:
        from omzien.matching.engine import Assignment

        pairs = sorted(
            zip(
                self.req_keys[self.ri[chosen]].tolist(),
                self.off_keys[self.oi[chosen]].tolist(),
                strict=True,
            )
        )
        return Assignment(pairs=pairs, objective=int(self.score[chosen].sum()))


def _positions(keys: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Index of each wanted key in `keys` (the first, if repeated), -1 when absent."""
    if keys.shape[0] < 2 or bool(np.all(keys[1:] > keys[:-1])):  # sorted, no repeats
        positions = np.minimum(np.searchsorted(keys, wanted), keys.shape[0] - 1)
        return np.where(keys[positions] == wanted, positions, -1)
    order = np.argsort(keys, kind="stable")
    found = np.searchsorted(keys, wanted, sorter=order)
    found = np.minimum(found, keys.shape[0] - 1)
    positions = order[found]
    return np.where(keys[positions] == wanted, positions, -1)


def min_cost_flow_assign(
    requests: Sequence[Profile], offers: Sequence[Profile], edges: Edges
) -> Assignment:
    """source → request (capacity) → offer (1, cost −score) → sink (capacity), plus a
    free arc source → sink for flow that finds no match; the cheapest flow is the best
    assignment."""
    from ortools.graph.python import min_cost_flow

    problem = _Problem(requests, offers, edges)
    m = problem.ri.shape[0]
    if m == 0:
        return problem.assignment(np.zeros(0, dtype=np.int64))
    n_r, n_o = len(requests), len(offers)
    source, sink = n_r + n_o, n_r + n_o + 1
    supply = int(min(problem.req_cap.sum(), problem.off_cap.sum()))
    flow = min_cost_flow.SimpleMinCostFlow()
    pair_arcs = flow.add_arcs_with_capacity_and_unit_cost(
        problem.ri, n_r + problem.oi, np.ones(m, dtype=np.int64), -problem.score
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.full(n_r, source, dtype=np.int64),
        np.arange(n_r, dtype=np.int64),
        problem.req_cap,
        np.zeros(n_r, dtype=np.int64),
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.arange(n_r, n_r + n_o, dtype=np.int64),
        np.full(n_o, sink, dtype=np.int64),
        problem.off_cap,
        np.zeros(n_o, dtype=np.int64),
    )
    flow.add_arc_with_capacity_and_unit_cost(source, sink, supply, 0)
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    chosen = np.flatnonzero(flow.flows(pair_arcs) > 0)
    result = problem.assignment(chosen)
    if result.objective != -flow.optimal_cost():
        raise RuntimeError("min-cost flow: the flow does not add up to its cost")
    return result


def linear_program_assign(
    requests: Sequence[Profile], offers: Sequence[Profile], edges: Edges
) -> Assignment:
    """max Σ score·x subject to Σ x per request ≤ capacity, Σ x per offer ≤ capacity,
    0 ≤ x ≤ 1. The constraint matrix of a bipartite graph is totally unimodular, so the
    optimum vertex is whole; HiGHS (interior point, then crossover) returns a vertex."""
    import scipy.sparse as sp
    from scipy.optimize import linprog

    problem = _Problem(requests, offers, edges)
    m = problem.ri.shape[0]
    if m == 0:
        return problem.assignment(np.zeros(0, dtype=np.int64))
    n_r, n_o = len(requests), len(offers)
    columns = np.arange(m)
    a = sp.csr_matrix(
        (
            np.ones(2 * m),
            (np.concatenate([problem.ri, n_r + problem.oi]), np.concatenate([columns, columns])),
        ),
        shape=(n_r + n_o, m),
    )
    b = np.concatenate([problem.req_cap, problem.off_cap]).astype(np.float64)
    result = linprog(
        -problem.score.astype(np.float64),
        A_ub=a,
        b_ub=b,
        bounds=(0, 1),
        method="highs-ipm",
    )
    if result.status != 0:
        raise RuntimeError(f"linear program ended with status {result.status}: {result.message}")
    chosen = np.flatnonzero(result.x > 0.5)
    assignment = problem.assignment(chosen)
    if abs(assignment.objective + result.fun) > 1e-6 * max(1.0, abs(result.fun)):
        raise RuntimeError("linear program: the optimum is not whole")
    return assignment
