"""Benchmark of the insights graph engine: 100,000 residents in 6 groups, 1,000,000 ties.

    .venv/bin/python benchmarks/insights.py                       # the full size
    .venv/bin/python benchmarks/insights.py --nodes 20000 --edges 200000
    .venv/bin/python benchmarks/insights.py --skip-networkx      # only omzien's engine

No database: the engine works on arrays (omzien.insights.graph). It measures
1. the sparse projection path: a person x session incidence projected to ties (B @ B.T);
2. ALL indicators of the engine on the tie graph (E-I overall and per group, weighted and
   not; nominal assortativity, weighted and not; Leiden communities with modularity;
   degree counts; Burt's constraint; who spans groups), wall time and peak memory;
3. the same figures with networkx on the same graph as the reference. networkx's
   constraint is pure Python and would take far longer than 10 minutes on the full graph,
   so it is timed on a random sample of nodes (--constraint-sample) and extrapolated; the
   JSON says so (networkx_constraint_sampled_nodes, networkx_reference_full_estimate_s).

The last line is one JSON object (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_ties(
    rng: np.random.Generator, n: int, m: int, groups: int, homophily: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Random ties; a share `homophily` of them is redrawn inside the source's group."""
    labels = rng.integers(0, groups, n)
    order = np.argsort(labels, kind="stable")
    starts = np.searchsorted(labels[order], np.arange(groups))
    sizes = np.bincount(labels, minlength=groups)
    u = rng.integers(0, n, m)
    v = rng.integers(0, n, m)
    same = rng.random(m) < homophily
    g = labels[u[same]]
    v[same] = order[starts[g] + (rng.random(same.sum()) * sizes[g]).astype(np.int64)]
    w = rng.integers(1, 5, m).astype(np.float64)
    return u, v, w, labels


def make_incidence(
    rng: np.random.Generator, n: int, sessions: int, attendances: int
) -> tuple[np.ndarray, np.ndarray]:
    """Who came to which session: `attendances` rows over `sessions` sessions."""
    return rng.integers(0, n, attendances), rng.integers(0, sessions, attendances)


def _louvain_child(G, seed: int, out) -> None:  # type: ignore[no-untyped-def]
    import networkx as nx

    parts = nx.community.louvain_communities(G, weight="weight", seed=seed)
    out.put((len(parts), nx.community.modularity(G, parts, weight="weight")))


def _louvain_with_limit(G, seed: int, limit: float):  # type: ignore[no-untyped-def]
    """networkx Louvain in a forked child, stopped after `limit` seconds (then None)."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    out = ctx.Queue()
    child = ctx.Process(target=_louvain_child, args=(G, seed, out), daemon=True)
    child.start()
    child.join(limit)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    return out.get()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--groups", type=int, default=6)
    parser.add_argument("--homophily", type=float, default=0.6)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--attendances", type=int, default=500_000)
    parser.add_argument("--constraint-sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--louvain-limit", type=float, default=900.0)
    parser.add_argument("--skip-networkx", action="store_true")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    from omzien.insights import graph as engine

    rng = np.random.default_rng(args.seed)
    result: dict[str, object] = {"nodes": args.nodes, "groups": args.groups}

    # 1. The sparse projection path (as ties.py does for sessions, meetings and circles).
    rows, cols = make_incidence(rng, args.nodes, args.sessions, args.attendances)
    t0 = time.perf_counter()
    pu, pv, pw = engine.co_membership_edges(rows, cols, args.nodes, args.sessions)
    projected = engine.build_graph(args.nodes, pu, pv, pw, np.zeros(args.nodes, np.int64))
    result["projection_s"] = round(time.perf_counter() - t0, 3)
    result["projection_attendances"] = args.attendances
    result["projection_sessions"] = args.sessions
    result["projection_ties"] = projected.m
    del rows, cols, pu, pv, pw, projected
    print(f"projection: {result['projection_s']} s", file=sys.stderr)

    # 2. All indicators on the tie graph.
    u, v, w, labels = make_ties(rng, args.nodes, args.edges, args.groups, args.homophily)
    t0 = time.perf_counter()
    g = engine.build_graph(args.nodes, u, v, w, labels)
    result["build_s"] = round(time.perf_counter() - t0, 3)
    result["edges"] = g.m
    timings: dict[str, float] = {}
    cpu_start = time.process_time()
    t_all = time.perf_counter()

    def timed(name: str, func, *a, **kw):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = func(*a, **kw)
        timings[name] = round(time.perf_counter() - t, 3)
        print(f"{name}: {timings[name]} s", file=sys.stderr)
        return out

    # Exactly what engine.all_indicators() computes, each part timed.
    ig = timed("to_igraph", engine.to_igraph, g)
    ei = timed("ei_index", engine.ei_index, g)
    timed("ei_index_weighted", engine.ei_index, g, weighted=True)
    r = timed("assortativity", engine.assortativity, g)
    timed("assortativity_weighted", engine.assortativity, g, weighted=True)
    found = timed("leiden", engine.communities, g, ig=ig)
    counts = timed("degree_counts", engine.degree_counts, g)
    timed("constraint", engine.constraint, g, ig=ig)
    spans = timed("spans_groups", engine.spans_groups, g)
    result["all_indicators_s"] = round(time.perf_counter() - t_all + result["build_s"], 3)
    result["all_indicators_cpu_s"] = round(time.process_time() - cpu_start, 3)
    result["parts_s"] = timings
    result["peak_mb"] = round(peak_mb(), 1)
    result["load_average"] = [round(x, 1) for x in os.getloadavg()]
    # Unweighted constraint, only to compare with networkx (not part of the total).
    t = time.perf_counter()
    burt = engine.constraint(g, weighted=False, ig=ig)
    result["constraint_unweighted_s"] = round(time.perf_counter() - t, 3)
    result["figures"] = {
        "ei": round(ei.overall, 6) if ei.overall is not None else None,
        "assortativity": round(r, 6) if r is not None else None,
        "leiden_communities": found.count,
        "leiden_modularity": round(found.modularity or 0.0, 6),
        "no_ties": counts.no_ties,
        "one_tie": counts.one_tie,
        "spanning": int(spans.sum()),
    }
    print(
        f"all indicators: {result['all_indicators_s']} s, peak {result['peak_mb']} MB",
        file=sys.stderr,
    )

    # 3. networkx on the same graph.
    if not args.skip_networkx:
        import networkx as nx

        ref: dict[str, float] = {}
        t = time.perf_counter()
        G = nx.Graph()
        G.add_nodes_from(range(g.n))
        nx.set_node_attributes(G, dict(enumerate(labels.tolist())), "group")
        G.add_weighted_edges_from(zip(g.u.tolist(), g.v.tolist(), g.w.tolist(), strict=True))
        ref["build"] = time.perf_counter() - t
        t = time.perf_counter()
        group = nx.get_node_attributes(G, "group")
        external = sum(1 for a, b in G.edges() if group[a] != group[b])
        internal = G.number_of_edges() - external
        nx_ei = (external - internal) / (external + internal)
        ref["ei_index"] = time.perf_counter() - t
        t = time.perf_counter()
        nx_r = nx.attribute_assortativity_coefficient(G, "group")
        ref["assortativity"] = time.perf_counter() - t
        print("networkx E-I and assortativity done", file=sys.stderr)
        t = time.perf_counter()
        louvain = _louvain_with_limit(G, args.seed, args.louvain_limit)
        ref["louvain"] = time.perf_counter() - t
        print(f"networkx louvain: {ref['louvain']:.1f} s", file=sys.stderr)
        sample = rng.choice(g.n, size=min(args.constraint_sample, g.n), replace=False)
        t = time.perf_counter()
        nx_c = nx.constraint(G, nodes=sample.tolist())
        ref["constraint_sample"] = time.perf_counter() - t
        diff = np.nanmax(np.abs(np.array([nx_c[int(i)] for i in sample]) - burt[sample]))
        constraint_full = ref["constraint_sample"] * g.n / sample.size
        measured = sum(ref.values())
        result["networkx_reference_s"] = round(measured, 3)
        result["networkx_reference_full_estimate_s"] = round(
            measured - ref["constraint_sample"] + constraint_full, 1
        )
        result["networkx_parts_s"] = {k: round(x, 3) for k, x in ref.items()}
        result["networkx_constraint_sampled_nodes"] = int(sample.size)
        # None: Louvain was stopped at the limit, so the networkx times are a lower bound.
        result["networkx_louvain_finished"] = louvain is not None
        result["networkx_figures"] = {
            "ei": round(nx_ei, 6),
            "assortativity": round(nx_r, 6),
            "louvain_communities": louvain[0] if louvain else None,
            "louvain_modularity": round(louvain[1], 6) if louvain else None,
            "constraint_max_abs_diff_on_sample": float(diff),
        }
        result["factor_vs_networkx_full_estimate"] = round(
            result["networkx_reference_full_estimate_s"] / result["all_indicators_s"], 1
        )
        result["peak_mb_with_networkx"] = round(peak_mb(), 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
