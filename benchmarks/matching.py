"""Benchmark of the matching engine: a batch round of 20,000 requests × 20,000 offers and
the interactive top 5 over 100,000 offers. No database: the engine works on plain profiles.

    .venv/bin/python benchmarks/matching.py                 # the full size
    .venv/bin/python benchmarks/matching.py --requests 2000 --offers 2000 --index 10000

The last line is one JSON object (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CITY_LAT, CITY_LON = 52.37, 4.90  # a city of about 10 × 10 km around this centre
CITY_HALF_M = 5_000
CONDITIONS = ["wheelchair", "low_stimulus", "lang:en", "lang:ar", "lang:tr", "lang:pl"]


def build_vocabulary(rng: random.Random, roots: int, children: int) -> tuple[dict, dict]:
    """A 2-level tree: `roots` broad terms with `children` narrower terms each."""
    parents: dict[int, int | None] = {}
    labels: dict[int, str] = {}
    term = 1
    for r in range(roots):
        root = term
        parents[root], labels[root] = None, f"onderwerp{r}"
        term += 1
        for c in range(children):
            parents[term], labels[term] = root, f"bezigheid{r}x{c}"
            term += 1
    return parents, labels


def make_profiles(
    rng: random.Random, n: int, key0: int, parents: dict, labels: dict, words: list[str]
) -> list:
    from omzien.matching.engine import Profile

    roots = [t for t, p in parents.items() if p is None]
    leaves = [t for t, p in parents.items() if p is not None]
    m_per_degree_lat = 111_320.0
    m_per_degree_lon = m_per_degree_lat * math.cos(math.radians(CITY_LAT))
    profiles = []
    for i in range(n):
        count = rng.randint(1, 4)
        terms = {rng.choice(roots) if rng.random() < 0.05 else rng.choice(leaves)}
        while len(terms) < count:
            terms.add(rng.choice(leaves))
        # own words: one of the chosen activities, a few other words
        text = " ".join([labels[rng.choice(sorted(terms))], *rng.sample(words, rng.randint(0, 3))])
        x = rng.uniform(-CITY_HALF_M, CITY_HALF_M)
        y = rng.uniform(-CITY_HALF_M, CITY_HALF_M)
        point = (CITY_LAT + y / m_per_degree_lat, CITY_LON + x / m_per_degree_lon)
        if rng.random() < 0.25:
            slots: frozenset[int] = frozenset()  # any time
        else:
            slots = frozenset(rng.sample(range(21), rng.randint(2, 6)))
        profiles.append(
            Profile(
                key=key0 + i,
                owner=rng.randint(1, n * 2),
                terms=frozenset(terms),
                text=text,
                point=point,
                max_distance_m=rng.choice([1000, 2000, 3000, 4000, 5000]),
                slots=slots,
                needs=frozenset(c for c in CONDITIONS if rng.random() < 0.03),
                meets=frozenset(c for c in CONDITIONS if rng.random() < 0.4),
                capacity=rng.randint(1, 3),
            )
        )
    return profiles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--offers", type=int, default=20_000)
    parser.add_argument("--index", type=int, default=100_000, help="offers in the top-5 index")
    parser.add_argument("--queries", type=int, default=1_000, help="top-5 queries")
    parser.add_argument("--roots", type=int, default=20)
    parser.add_argument("--children", type=int, default=15)
    parser.add_argument("--words", type=int, default=3_000, help="other words in own text")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--skip-reference", action="store_true")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omzien.settings")
    os.environ.setdefault("OMZIEN_DEMO", "true")
    import django

    django.setup()
    import numpy as np
    from django.utils import translation

    from omzien.matching.engine import (
        OfferIndex,
        Vocabulary,
        batch_assign,
        candidate_edges,
        reference_assign,
    )

    translation.activate("nl")
    rng = random.Random(args.seed)
    parents, labels = build_vocabulary(rng, args.roots, args.children)
    vocab = Vocabulary(parents, labels)
    syllables = ["ka", "to", "me", "ri", "lo", "van", "der", "sen", "bo", "ne", "ta", "pi"]
    words = sorted(
        {
            "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
            for _ in range(args.words)
        }
    )
    started = time.perf_counter()
    requests = make_profiles(rng, args.requests, 1, parents, labels, words)
    offers = make_profiles(rng, args.offers, 1_000_001, parents, labels, words)
    # a few declined pairs, as the platform would pass them
    declined = {(rng.choice(requests).key, rng.choice(offers).key) for _ in range(1000)}
    print(f"generated {len(requests)} requests and {len(offers)} offers "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip

    load_before = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    edges = candidate_edges(requests, offers, vocab, declined=declined)
    candidates_s = time.perf_counter() - started
    candidates_cpu_s = time.process_time() - cpu_started
    assignment = batch_assign(requests, offers, edges)
    batch_s = time.perf_counter() - started
    batch_cpu_s = time.process_time() - cpu_started
    solve_s = batch_s - candidates_s
    print(f"candidate edges: {len(edges)} in {candidates_s:.2f} s; "
          f"batch_assign: {len(assignment.pairs)} pairs, objective {assignment.objective} "
          f"in {solve_s:.2f} s; batch round {batch_s:.2f} s "
          f"({batch_cpu_s:.2f} s CPU of this process; load average {load_before:.1f})")  # fmt: skip

    reference_objective = None
    reference_s = None
    if not args.skip_reference:
        started = time.perf_counter()
        reference_objective = reference_assign(requests, offers, edges).objective
        reference_s = time.perf_counter() - started
        print(f"reference (HiGHS LP): objective {reference_objective} in {reference_s:.1f} s")

    started = time.perf_counter()
    index_offers = make_profiles(rng, args.index, 5_000_001, parents, labels, words)
    queries = make_profiles(rng, args.queries, 9_000_001, parents, labels, words)
    generated_s = time.perf_counter() - started
    started = time.perf_counter()
    index = OfferIndex(index_offers, vocab)
    index_s = time.perf_counter() - started
    timings = []
    found = 0
    for q in queries:
        exclude = {rng.choice(index_offers).key for _ in range(3)}
        t0 = time.perf_counter()
        top = index.top(q, k=5, exclude=exclude)
        timings.append((time.perf_counter() - t0) * 1000)
        found += len(top)
    p50, p95 = np.percentile(timings, [50, 95])
    print(f"top 5 over {len(index)} offers (generated in {generated_s:.1f} s, indexed in "
          f"{index_s:.1f} s): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"{found / len(queries):.1f} suggestions per query")  # fmt: skip
    example = next((index.top(q, k=1) for q in queries if index.top(q, k=1)), [])
    if example:
        print(f"example reason: {example[0].reason} ({example[0].score} points)")

    result = {
        "requests": len(requests),
        "offers": len(offers),
        "candidate_edges": len(edges),
        "candidates_s": round(candidates_s, 3),
        "candidates_cpu_s": round(candidates_cpu_s, 3),
        "solve_s": round(solve_s, 3),
        "batch_s": round(batch_s, 3),
        "batch_cpu_s": round(batch_cpu_s, 3),
        "load_average": round(load_before, 1),
        "assigned_pairs": len(assignment.pairs),
        "objective": assignment.objective,
        "reference_objective": reference_objective,
        "reference_s": None if reference_s is None else round(reference_s, 3),
        "index_profiles": len(index),
        "index_build_s": round(index_s, 3),
        "top5_p50_ms": round(float(p50), 2),
        "top5_p95_ms": round(float(p95), 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
