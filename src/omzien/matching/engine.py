"""The matching engine: candidates, scores with reasons, top-k and the batch round.

Plain data in, plain data out: the engine knows nothing of Django models (only gettext for
the reasons). ``docs/matching-engine.md`` describes the rules and the weights.

One scoring kernel (``_score``) works on numpy arrays of (request, offer) index pairs. The
single pair (``score_pair``), the top-k for one request (``OfferIndex.top``) and all
candidates of a batch round (``candidate_edges``) all go through it, so they agree exactly.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from omzien.directory.text import stem, words

# --- weights (integers, so optimum checks are exact; see docs/matching-engine.md) ---------
EXACT_TERM_POINTS = 30  # the same vocabulary term on both sides
BROADER_TERM_POINTS = 15  # one side's term is a broader term (an ancestor) of the other's
STEM_POINTS = 10  # a shared stemmed word in the own words
MAX_STEMS = 3  # at most this many shared words count
DISTANCE_POINTS = 20  # at 0 m; one point less per DISTANCE_STEP_M
DISTANCE_STEP_M = 250
SLOT_POINTS = 5  # a shared part of the week
MAX_SLOTS = 3

EARTH_RADIUS_M = 6_371_000.0
SLOTS_PER_WEEK = 21
MIN_STEM = 3

# Words that say nothing about a talent or wish. Stems of the own words are compared
# without them.
STOPWORDS = frozenset(
    """
    aan al alle alles als altijd andere ben bij dan dat de der deze die dit doe doen door dus
    een eens en er ga gaan gaat geen graag had heb hebben heeft hem het hier hij hoe hun iemand
    iets ik in is ja je jij jou jouw jullie kan kom komen kun kunnen maar me meer men met mij
    mijn mee mag moet na naar niet niets nog nu of om omdat ons onze ook op over samen soms
    te tegen toch toe tot u uit uw van veel voor waar wat want was we wel welke wil willen
    word worden wordt zal ze zei zelf zich zij zijn zo zoals zoek zoeken zou zonder bied
    bieden help helpen keer week per graag even lekker leuk fijn
    """.split()
)

SLOT_NAMES = (
    gettext_noop("Monday morning"),
    gettext_noop("Monday afternoon"),
    gettext_noop("Monday evening"),
    gettext_noop("Tuesday morning"),
    gettext_noop("Tuesday afternoon"),
    gettext_noop("Tuesday evening"),
    gettext_noop("Wednesday morning"),
    gettext_noop("Wednesday afternoon"),
    gettext_noop("Wednesday evening"),
    gettext_noop("Thursday morning"),
    gettext_noop("Thursday afternoon"),
    gettext_noop("Thursday evening"),
    gettext_noop("Friday morning"),
    gettext_noop("Friday afternoon"),
    gettext_noop("Friday evening"),
    gettext_noop("Saturday morning"),
    gettext_noop("Saturday afternoon"),
    gettext_noop("Saturday evening"),
    gettext_noop("Sunday morning"),
    gettext_noop("Sunday afternoon"),
    gettext_noop("Sunday evening"),
)


@dataclass(frozen=True, slots=True)
class Profile:
    """A request, an offer, a task at a place or a buddy wish, as the engine sees it."""

    key: int
    owner: int | None
    terms: frozenset[int]
    text: str = ""
    point: tuple[float, float] | None = None  # (lat, lon) WGS84
    max_distance_m: int | None = None
    slots: frozenset[int] = frozenset()  # weekday*3 + part; empty = any time
    needs: frozenset[str] = frozenset()
    meets: frozenset[str] = frozenset()
    capacity: int = 1


class Vocabulary:
    """The term tree: each term's parent and its (Dutch) label."""

    def __init__(self, parents: Mapping[int, int | None], labels: Mapping[int, str]) -> None:
        self.parents = dict(parents)
        self.labels = dict(labels)
        self._ancestors: dict[int, tuple[int, ...]] = {}

    def ancestors(self, term: int) -> tuple[int, ...]:
        """The broader terms of `term`, nearest first (a cycle in the data is cut off)."""
        found = self._ancestors.get(term)
        if found is None:
            chain: list[int] = []
            seen = {term}
            parent = self.parents.get(term)
            while parent is not None and parent not in seen:
                chain.append(parent)
                seen.add(parent)
                parent = self.parents.get(parent)
            found = self._ancestors[term] = tuple(chain)
        return found

    def expand(self, terms: Iterable[int]) -> frozenset[int]:
        """The terms plus all their ancestors."""
        result: set[int] = set()
        for term in terms:
            result.add(term)
            result.update(self.ancestors(term))
        return frozenset(result)

    def label(self, term: int) -> str:
        return self.labels.get(term, f"#{term}")


@dataclass(frozen=True, slots=True)
class Factor:
    kind: str  # "terms" | "text" | "distance" | "time"
    points: int
    reason: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    request: int
    offer: int
    score: int
    factors: tuple[Factor, ...]

    @property
    def reason(self) -> str:
        return " · ".join(f.reason for f in self.factors)


@dataclass(frozen=True)
class Edges:
    """Candidate pairs as equal-length arrays of request keys, offer keys and scores."""

    request: np.ndarray
    offer: np.ndarray
    score: np.ndarray

    def __len__(self) -> int:
        return int(self.request.shape[0])


@dataclass(frozen=True)
class Assignment:
    pairs: list[tuple[int, int]]  # (request key, offer key), sorted
    objective: int


# --- text ------------------------------------------------------------------------------


def _stem_fully(word: str) -> str:
    """Stem until nothing changes: Snowball takes 'fietsen' to 'fiets' but 'fiets' to
    'fiet'; stemming again brings both to 'fiet'."""
    for _round in range(3):
        stemmed = stem(word)
        if stemmed == word:
            break
        word = stemmed
    return word


def text_stems(text: str) -> dict[str, str]:
    """Stem → the first own word with that stem, without stop words and very short stems."""
    result: dict[str, str] = {}
    for word in words(text):
        if word in STOPWORDS or word.isdigit():
            continue
        stemmed = _stem_fully(word)
        if len(stemmed) >= MIN_STEM and stemmed not in result:
            result[stemmed] = word
    return result


# --- packing profiles into arrays --------------------------------------------------------


class _Ids(dict[str, int]):
    """Names (term ids, stems, conditions) → column numbers, growing when asked."""

    def get_or_add(self, name: str) -> int:
        found = self.get(name)
        if found is None:
            found = self[name] = len(self)
        return found


@dataclass
class _Space:
    """The column numbering shared by the two sides of a comparison."""

    terms: _Ids = field(default_factory=_Ids)
    stems: _Ids = field(default_factory=_Ids)
    conditions: _Ids = field(default_factory=_Ids)


@dataclass
class _Packed:
    keys: np.ndarray  # int64
    chosen: sp.csr_matrix  # n × terms: the terms chosen
    broader: sp.csr_matrix  # n × terms: ancestors of chosen terms that were not chosen
    stems: sp.csr_matrix  # n × stems
    lat: np.ndarray  # radians, nan = unknown
    lon: np.ndarray
    has_point: np.ndarray  # bool
    max_m: np.ndarray  # float64, inf = no limit
    slots: np.ndarray  # int64 bit mask, 0 = any time
    needs: np.ndarray  # n × words uint64 bit masks
    meets: np.ndarray
    impossible: np.ndarray  # bool: needs a condition that no profile on the other side knows
    owner: np.ndarray  # int64, -1 = none
    capacity: np.ndarray  # int64

    def __len__(self) -> int:
        return int(self.keys.shape[0])


def _binary_csr(rows: list[list[int]], columns: int) -> sp.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int32, count=int(indptr[-1]))
    data = np.ones(indices.shape[0], dtype=np.int64)
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(rows), columns))
    matrix.sort_indices()
    return matrix


_NO_MATRIX = sp.csr_matrix((0, 0), dtype=np.int64)


def _pack(
    profiles: Sequence[Profile],
    vocab: Vocabulary,
    space: _Space,
    *,
    grow: bool,
    matrices: bool = True,
) -> _Packed:
    """Arrays for `profiles`. With grow=False, names unknown to `space` are left out (they
    cannot be shared with the other side); an unknown need makes the profile impossible.
    With matrices=False the term and stem matrices are left empty (one pair is counted with
    sets instead)."""
    chosen_rows: list[list[int]] = []
    broader_rows: list[list[int]] = []
    stem_rows: list[list[int]] = []
    need_rows: list[list[int]] = []
    meet_rows: list[list[int]] = []
    n = len(profiles)
    impossible = np.zeros(n, dtype=bool)
    for i, p in enumerate(profiles):
        expanded = vocab.expand(p.terms)
        if grow:
            chosen_rows.append(sorted({space.terms.get_or_add(str(t)) for t in p.terms}))
            broader_rows.append(
                sorted({space.terms.get_or_add(str(t)) for t in expanded - p.terms})
            )
            stem_rows.append(sorted({space.stems.get_or_add(s) for s in text_stems(p.text)}))
            need_rows.append([space.conditions.get_or_add(c) for c in p.needs])
            meet_rows.append([space.conditions.get_or_add(c) for c in p.meets])
        else:
            chosen_rows.append(
                sorted({space.terms[c] for c in map(str, p.terms) if c in space.terms})
            )
            broader_rows.append(
                sorted({space.terms[c] for c in map(str, expanded - p.terms) if c in space.terms})
            )
            stem_rows.append(
                sorted({space.stems[s] for s in text_stems(p.text) if s in space.stems})
            )
            need_rows.append([space.conditions[c] for c in p.needs if c in space.conditions])
            impossible[i] = len(need_rows[-1]) < len(p.needs)
            meet_rows.append([space.conditions[c] for c in p.meets if c in space.conditions])
    return _Packed(
        keys=np.fromiter((p.key for p in profiles), dtype=np.int64, count=n),
        chosen=_binary_csr(chosen_rows, 0) if matrices else _NO_MATRIX,
        broader=_binary_csr(broader_rows, 0) if matrices else _NO_MATRIX,
        stems=_binary_csr(stem_rows, 0) if matrices else _NO_MATRIX,
        lat=np.fromiter(
            (math.radians(p.point[0]) if p.point else math.nan for p in profiles),
            dtype=np.float64,
            count=n,
        ),
        lon=np.fromiter(
            (math.radians(p.point[1]) if p.point else math.nan for p in profiles),
            dtype=np.float64,
            count=n,
        ),
        has_point=np.fromiter((p.point is not None for p in profiles), dtype=bool, count=n),
        max_m=np.fromiter(
            (math.inf if p.max_distance_m is None else p.max_distance_m for p in profiles),
            dtype=np.float64,
            count=n,
        ),
        slots=np.fromiter(
            (sum(1 << s for s in p.slots if 0 <= s < SLOTS_PER_WEEK) or 0 for p in profiles),
            dtype=np.int64,
            count=n,
        ),
        needs=_bitmasks(need_rows),
        meets=_bitmasks(meet_rows),
        impossible=impossible,
        owner=np.fromiter(
            (-1 if p.owner is None else p.owner for p in profiles), dtype=np.int64, count=n
        ),
        capacity=np.fromiter((max(0, p.capacity) for p in profiles), dtype=np.int64, count=n),
    )


def _bitmasks(rows: list[list[int]]) -> np.ndarray:
    width = max((max(r) // 64 + 1 for r in rows if r), default=0)
    masks = np.zeros((len(rows), width), dtype=np.uint64)
    for i, row in enumerate(rows):
        for c in row:
            masks[i, c // 64] |= np.uint64(1 << (c % 64))
    return masks


def _widen(matrix: sp.csr_matrix, columns: int) -> sp.csr_matrix:
    return sp.csr_matrix(
        (matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], columns)
    )


def _finish(packed: _Packed, space: _Space) -> _Packed:
    """Give the matrices the final width of the shared column numbering."""
    if packed.chosen is not _NO_MATRIX:
        packed.chosen = _widen(packed.chosen, len(space.terms))
        packed.broader = _widen(packed.broader, len(space.terms))
        packed.stems = _widen(packed.stems, len(space.stems))
    words_ = (len(space.conditions) + 63) // 64
    for name in ("needs", "meets"):
        masks = getattr(packed, name)
        if masks.shape[1] < words_:
            masks = np.hstack(
                [masks, np.zeros((masks.shape[0], words_ - masks.shape[1]), dtype=np.uint64)]
            )
        setattr(packed, name, masks)
    return packed


def _pack_pair_sides(
    requests: Sequence[Profile],
    offers: Sequence[Profile],
    vocab: Vocabulary,
    *,
    matrices: bool = True,
) -> tuple[_Packed, _Packed]:
    space = _Space()
    req = _pack(requests, vocab, space, grow=True, matrices=matrices)
    off = _pack(offers, vocab, space, grow=True, matrices=matrices)
    return _finish(req, space), _finish(off, space)


# --- the scoring kernel ------------------------------------------------------------------

_POPCOUNT8 = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)


def _popcount(values: np.ndarray) -> np.ndarray:
    v = values.astype(np.int64)
    return _POPCOUNT8[v & 0xFF] + _POPCOUNT8[(v >> 8) & 0xFF] + _POPCOUNT8[(v >> 16) & 0xFF]


def _haversine_m(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Great-circle distance in metres between points given in radians."""
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


@dataclass
class _Scored:
    """The result of the kernel for the pairs that survived, with the points per factor."""

    ri: np.ndarray
    oi: np.ndarray
    total: np.ndarray
    term_points: np.ndarray
    text_points: np.ndarray
    distance_points: np.ndarray
    time_points: np.ndarray
    distance_m: np.ndarray  # nan where unknown
    shared_slots: np.ndarray  # bit masks


def _score(
    req: _Packed,
    off: _Packed,
    ri: np.ndarray,
    oi: np.ndarray,
    exact: np.ndarray,
    broader: np.ndarray,
    shared_stems: np.ndarray,
) -> _Scored:
    """Score the pairs (req[ri[k]], off[oi[k]]), given per pair the number of exactly shared
    terms, of broader-term matches and of shared stems. Pairs that fail a hard rule or have
    nothing in common are dropped."""
    term_points = EXACT_TERM_POINTS * exact + BROADER_TERM_POINTS * broader
    text_points = STEM_POINTS * np.minimum(shared_stems, MAX_STEMS)
    keep = (term_points + text_points) > 0
    # never the same owner
    keep &= ~((req.owner[ri] == off.owner[oi]) & (req.owner[ri] >= 0))
    keep &= ~req.impossible[ri] & ~off.impossible[oi]
    # hard conditions: each side's needs are met by the other side
    if req.needs.shape[1]:
        keep &= ~np.any(req.needs[ri] & ~off.meets[oi], axis=1)
        keep &= ~np.any(off.needs[oi] & ~req.meets[ri], axis=1)
    # time: when both sides name moments, they must share one
    rs, os_ = req.slots[ri], off.slots[oi]
    shared = rs & os_
    keep &= (rs == 0) | (os_ == 0) | (shared != 0)
    # distance: each side's limit is hard; a limit cannot be checked without both points
    both = req.has_point[ri] & off.has_point[oi]
    limit = np.minimum(req.max_m[ri], off.max_m[oi])
    keep &= both | np.isinf(limit)
    ri, oi = ri[keep], oi[keep]
    term_points, text_points = term_points[keep], text_points[keep]
    shared, both, limit = shared[keep], both[keep], limit[keep]
    distance = np.full(ri.shape[0], np.nan)
    if both.any():
        distance[both] = _haversine_m(
            req.lat[ri[both]], req.lon[ri[both]], off.lat[oi[both]], off.lon[oi[both]]
        )
    near = ~both | (distance <= limit)
    ri, oi, distance, shared = ri[near], oi[near], distance[near], shared[near]
    term_points, text_points, both = term_points[near], text_points[near], both[near]
    distance_points = np.zeros(ri.shape[0], dtype=np.int64)
    distance_points[both] = np.maximum(
        0, DISTANCE_POINTS - (distance[both] // DISTANCE_STEP_M).astype(np.int64)
    )
    time_points = SLOT_POINTS * np.minimum(_popcount(shared), MAX_SLOTS)
    total = term_points + text_points + distance_points + time_points
    return _Scored(
        ri=ri,
        oi=oi,
        total=total.astype(np.int64),
        term_points=term_points.astype(np.int64),
        text_points=text_points.astype(np.int64),
        distance_points=distance_points,
        time_points=time_points.astype(np.int64),
        distance_m=distance,
        shared_slots=shared,
    )


# --- reasons -----------------------------------------------------------------------------


def _join(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' in the active language."""
    if len(items) <= 1:
        return "".join(items)
    return _("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def format_distance(metres: float) -> str:
    """'less than 100 m', '400 m', '1,2 km', '12 km' (rounded, localised)."""
    if metres < 100:
        return _("less than 100 m")
    if metres < 950:
        return _("{metres} m").format(metres=int(round(metres / 100.0)) * 100)
    if metres < 9_950:
        return _("{km} km").format(km=number_format(round(metres / 1000.0, 1), decimal_pos=1))
    return _("{km} km").format(km=int(round(metres / 1000.0)))


def _slot_names(mask: int) -> list[str]:
    return [_(SLOT_NAMES[s]) for s in range(SLOTS_PER_WEEK) if mask >> s & 1]


def _term_reason(request: Profile, offer: Profile, vocab: Vocabulary) -> str:
    req_expanded, off_expanded = vocab.expand(request.terms), vocab.expand(offer.terms)
    exact = sorted(request.terms & offer.terms, key=vocab.label)
    parts = []
    if exact:
        parts.append(
            _("you both like {terms}").format(terms=_join([vocab.label(t) for t in exact]))
        )
    # a broad term on one side, a narrower one on the other
    for broad_side, narrow_side in ((request, offer), (offer, request)):
        for broad in sorted(broad_side.terms - narrow_side.terms, key=vocab.label):
            narrow_expanded = off_expanded if narrow_side is offer else req_expanded
            if broad not in narrow_expanded:
                continue
            narrow = sorted(
                (t for t in narrow_side.terms if broad in vocab.ancestors(t)), key=vocab.label
            )
            parts.append(
                _("{narrow} belongs to {broad}").format(
                    narrow=_join([vocab.label(t) for t in narrow]), broad=vocab.label(broad)
                )
            )
    return ", ".join(parts)


def _text_reason(request: Profile, offer: Profile) -> str:
    req_stems, off_stems = text_stems(request.text), text_stems(offer.text)
    shared = [word for s, word in req_stems.items() if s in off_stems]
    shown = shared[:MAX_STEMS]
    return _("you both mention {words}").format(words=_join([f"‘{w}’" for w in shown]))


def _time_reason(mask: int) -> str:
    names = _slot_names(mask)
    if len(names) > MAX_SLOTS:
        rest = len(names) - MAX_SLOTS
        names = [*names[:MAX_SLOTS], _("{count} other moments").format(count=rest)]
    return _("both free on {moments}").format(moments=_join(names))


def _suggestion(
    request: Profile, offer: Profile, vocab: Vocabulary, scored: _Scored, k: int
) -> Suggestion:
    factors = []
    if scored.term_points[k]:
        points = int(scored.term_points[k])
        factors.append(Factor("terms", points, _term_reason(request, offer, vocab)))
    if scored.text_points[k]:
        factors.append(Factor("text", int(scored.text_points[k]), _text_reason(request, offer)))
    if not math.isnan(scored.distance_m[k]):
        factors.append(
            Factor(
                "distance", int(scored.distance_points[k]), format_distance(scored.distance_m[k])
            )
        )
    if scored.time_points[k]:
        factors.append(
            Factor("time", int(scored.time_points[k]), _time_reason(int(scored.shared_slots[k])))
        )
    return Suggestion(request.key, offer.key, int(scored.total[k]), tuple(factors))


def score_pair(request: Profile, offer: Profile, vocab: Vocabulary) -> Suggestion | None:
    """The score and reasons for one pair; None when a hard rule fails or nothing is shared."""
    req, off = _pack_pair_sides([request], [offer], vocab, matrices=False)
    # the same counts as the sparse products of candidate_edges, with sets
    req_broader = vocab.expand(request.terms) - request.terms
    off_broader = vocab.expand(offer.terms) - offer.terms
    exact = len(request.terms & offer.terms)
    broader = len(request.terms & off_broader) + len(req_broader & offer.terms)
    stems = len(text_stems(request.text).keys() & text_stems(offer.text).keys())
    zero = np.zeros(1, dtype=np.int64)
    scored = _score(req, off, zero, zero, np.array([exact]), np.array([broader]), np.array([stems]))
    if scored.ri.shape[0] == 0:
        return None
    return _suggestion(request, offer, vocab, scored, 0)


# --- many pairs --------------------------------------------------------------------------


def _declined_mask(
    req_keys: np.ndarray, off_keys: np.ndarray, declined: Collection[tuple[int, int]]
) -> np.ndarray:
    if not declined:
        return np.zeros(req_keys.shape[0], dtype=bool)
    pairs = np.array(list(declined), dtype=np.int64).reshape(-1, 2)
    pair_view = np.stack([req_keys, off_keys], axis=1)
    dtype = np.dtype([("r", np.int64), ("o", np.int64)])
    wanted = np.ascontiguousarray(pairs).view(dtype).ravel()
    have = np.ascontiguousarray(pair_view).view(dtype).ravel()
    return np.isin(have, wanted)


BLOCK = 2048


def _max_row(matrix: sp.csr_matrix) -> int:
    return int(np.diff(matrix.indptr).max()) if matrix.shape[0] else 0


def _overlaps(
    req: _Packed, exact: sp.spmatrix, broader: sp.spmatrix, stems: sp.spmatrix
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The union of the non-zeros of three count matrices of the same shape: rows, columns
    and the three counts aligned. The counts are packed into one integer per pair, in base
    `base` (larger than any count can be), so one sparse sum finds the union."""
    base = 1 + max(_max_row(req.chosen) + _max_row(req.broader), _max_row(req.stems))
    combined = (exact * (base * base) + broader * base + stems).tocoo()
    values = combined.data.astype(np.int64)
    counts = (values // (base * base), (values // base) % base, values % base)
    return combined.row.astype(np.int64), combined.col.astype(np.int64), counts


def candidate_edges(
    requests: Sequence[Profile],
    offers: Sequence[Profile],
    vocab: Vocabulary,
    declined: Collection[tuple[int, int]] = (),
) -> Edges:
    """Every (request, offer) pair that passes the hard rules and shares something, scored.

    Works in blocks of requests with sparse products (term × profile), so only pairs that
    share a term or a word are ever looked at."""
    req, off = _pack_pair_sides(requests, offers, vocab)
    off_chosen_t = off.chosen.T.tocsr()
    off_broader_t = off.broader.T.tocsr()
    off_stems_t = off.stems.T.tocsr()
    parts_r, parts_o, parts_s = [], [], []
    for start in range(0, len(req), BLOCK):
        stop = min(start + BLOCK, len(req))
        chosen = req.chosen[start:stop]
        exact = chosen @ off_chosen_t
        broader = chosen @ off_broader_t + req.broader[start:stop] @ off_chosen_t
        stems = req.stems[start:stop] @ off_stems_t
        rows, cols, counts = _overlaps(req, exact, broader, stems)
        scored = _score(req, off, rows + start, cols, *counts)
        parts_r.append(req.keys[scored.ri])
        parts_o.append(off.keys[scored.oi])
        parts_s.append(scored.total)
    request_keys = np.concatenate(parts_r) if parts_r else np.zeros(0, dtype=np.int64)
    offer_keys = np.concatenate(parts_o) if parts_o else np.zeros(0, dtype=np.int64)
    scores = np.concatenate(parts_s) if parts_s else np.zeros(0, dtype=np.int64)
    drop = _declined_mask(request_keys, offer_keys, declined)
    return Edges(request_keys[~drop], offer_keys[~drop], scores[~drop])


class OfferIndex:
    """Many offers, packed once; `top` finds the best k for one request quickly."""

    def __init__(self, offers: Sequence[Profile], vocab: Vocabulary) -> None:
        self.offers = list(offers)
        self.vocab = vocab
        self._space = _Space()
        self._packed = _finish(_pack(self.offers, vocab, self._space, grow=True), self._space)

    def __len__(self) -> int:
        return len(self.offers)

    def top(self, request: Profile, k: int = 5, exclude: Collection[int] = ()) -> list[Suggestion]:
        """The k best offers for `request` (ties: the lower offer key first), never an
        offer whose key is in `exclude` (declined pairs)."""
        if k <= 0 or not self.offers:
            return []
        off = self._packed
        req = _finish(_pack([request], self.vocab, self._space, grow=False), self._space)
        chosen, broader, stems = req.chosen, req.broader, req.stems
        exact = off.chosen @ chosen.T
        broad = off.chosen @ broader.T + off.broader @ chosen.T
        shared = off.stems @ stems.T
        oi, _zero, counts = _overlaps(req, exact, broad, shared)
        scored = _score(req, off, np.zeros(oi.shape[0], dtype=np.int64), oi, *counts)
        if exclude:
            allowed = ~np.isin(off.keys[scored.oi], np.fromiter(exclude, dtype=np.int64))
            scored = _select(scored, allowed)
        # best first; ties by offer key
        order = np.lexsort((off.keys[scored.oi], -scored.total))[:k]
        return [
            _suggestion(request, self.offers[int(scored.oi[j])], self.vocab, scored, int(j))
            for j in order
        ]


def _select(scored: _Scored, mask: np.ndarray) -> _Scored:
    return _Scored(**{name: getattr(scored, name)[mask] for name in scored.__dataclass_fields__})


# --- the batch round ---------------------------------------------------------------------


def batch_assign(
    requests: Sequence[Profile], offers: Sequence[Profile], edges: Edges
) -> Assignment:
    """The set of edges with the highest total score such that every request and every
    offer is used at most its capacity (a min-cost flow, OR-Tools)."""
    from omzien.matching._solvers import min_cost_flow_assign

    return min_cost_flow_assign(requests, offers, edges)


def reference_assign(
    requests: Sequence[Profile], offers: Sequence[Profile], edges: Edges
) -> Assignment:
    """The same optimum by an independent method (a linear program, SciPy HiGHS); for
    tests and the benchmark."""
    from omzien.matching._solvers import linear_program_assign

    return linear_program_assign(requests, offers, edges)
