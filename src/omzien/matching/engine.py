"""The matching engine: candidates, scores with reasons, top-k and the batch round.

Plain data in, plain data out: the engine knows nothing of Django models (only gettext for
the reasons). ``docs/matching-engine.md`` describes the rules and the weights.

One scoring kernel (``_score``) works on numpy arrays of (request, offer) index pairs. The
single pair (``score_pair``), the top-k for one request (``OfferIndex.top``) and all
candidates of a batch round (``candidate_edges``) all go through it, so they agree exactly.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
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
ALL_SLOTS = (1 << SLOTS_PER_WEEK) - 1
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
        self._split: dict[frozenset[int], tuple[frozenset[int], frozenset[int]]] = {}
        self._label_stems: dict[int, frozenset[str]] = {}

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

    def split(self, terms: frozenset[int]) -> tuple[frozenset[int], frozenset[int]]:
        """(the terms, their ancestors that are not among them), remembered per set."""
        found = self._split.get(terms)
        if found is None:
            found = self._split[terms] = (terms, self.expand(terms) - terms)
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

    def label_stems(self, term: int) -> frozenset[str]:
        """The stems of the words in a term's label ('koken' → {'kok'})."""
        found = self._label_stems.get(term)
        if found is None:
            found = self._label_stems[term] = frozenset(text_stems(self.labels.get(term, "")))
        return found


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


@functools.lru_cache(maxsize=100_000)
def _word_stem(word: str) -> str:
    """The stem that counts for matching, or '' for a stop word, a number or a short stem."""
    if word in STOPWORDS or word.isdigit():
        return ""
    stemmed = _stem_fully(word)
    return stemmed if len(stemmed) >= MIN_STEM else ""


def text_stems(text: str) -> dict[str, str]:
    """Stem → the first own word with that stem, without stop words and very short stems."""
    result: dict[str, str] = {}
    for word in words(text):
        stemmed = _word_stem(word)
        if stemmed and stemmed not in result:
            result[stemmed] = word
    return result


def named_stems(profile: Profile, vocab: Vocabulary, stems: Iterable[str]) -> frozenset[str]:
    """The stems among `stems` (the profile's own words) that are in the label of one of the
    profile's own terms: someone who chose "koken" and wrote "ik kook graag".

    When both sides of a pair have such a stem, their terms already count it, so it does
    not count again as a shared word."""
    if not profile.terms:
        return frozenset()
    labelled: set[str] = set()
    for term in profile.terms:
        labelled |= vocab.label_stems(term)
    return frozenset(s for s in stems if s in labelled)


def counted_stems(request: Profile, offer: Profile, vocab: Vocabulary) -> dict[str, str]:
    """The shared own words that count for a pair (stem → the request's word), in order."""
    req_stems, off_stems = text_stems(request.text), text_stems(offer.text)
    shared = [s for s in req_stems if s in off_stems]
    if not shared:
        return {}
    twice = named_stems(request, vocab, shared) & named_stems(offer, vocab, shared)
    return {s: req_stems[s] for s in shared if s not in twice}


# --- packing profiles into arrays --------------------------------------------------------


class _Ids(dict[Hashable, int]):
    """Names (term ids, stems, conditions) → column numbers."""


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
    named: sp.csr_matrix  # n × stems: own words that are in the label of an own term
    lat: np.ndarray  # radians, nan = unknown
    lon: np.ndarray
    coslat: np.ndarray
    has_point: np.ndarray  # bool
    max_m: np.ndarray  # float64, inf = no limit
    slots: np.ndarray  # int64 bit mask, 0 = any time
    any_time_slots: np.ndarray  # the same, with "any time" as all bits set
    needs: np.ndarray  # n × words uint64 bit masks
    meets: np.ndarray
    impossible: np.ndarray  # bool: needs a condition that no profile on the other side knows
    owner: np.ndarray  # int64, -1 = none
    capacity: np.ndarray  # int64

    def __len__(self) -> int:
        return int(self.keys.shape[0])


def _binary_csr(columns: list[int], counts: list[int]) -> sp.csr_matrix:
    indptr = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    indices = np.array(columns, dtype=np.int64)
    data = np.ones(indices.shape[0], dtype=np.int64)
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(counts), 0))
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
    n = len(profiles)
    chosen: list[int] = []
    chosen_n: list[int] = []
    broader: list[int] = []
    broader_n: list[int] = []
    stems: list[int] = []
    stems_n: list[int] = []
    named: list[int] = []
    named_n: list[int] = []
    need_row: list[int] = []
    need_col: list[int] = []
    meet_row: list[int] = []
    meet_col: list[int] = []
    impossible = np.zeros(n, dtype=bool)
    terms, stem_ids, conditions = space.terms, space.stems, space.conditions

    def ids(names: Iterable[Hashable], table: _Ids) -> list[int]:
        if grow:
            add = table.setdefault
            return [add(name, len(table)) for name in names]
        return [table[name] for name in names if name in table]

    for i, p in enumerate(profiles):
        if matrices:
            own, wider = vocab.split(p.terms)
            found = ids(own, terms)
            chosen.extend(found)
            chosen_n.append(len(found))
            found = ids(wider, terms)
            broader.extend(found)
            broader_n.append(len(found))
            own_stems = text_stems(p.text)
            found = ids(own_stems, stem_ids)
            stems.extend(found)
            stems_n.append(len(found))
            found = ids(named_stems(p, vocab, own_stems), stem_ids)
            named.extend(found)
            named_n.append(len(found))
        if p.needs:
            found = ids(p.needs, conditions)
            need_col.extend(found)
            need_row.extend([i] * len(found))
            impossible[i] = len(found) < len(p.needs)
        if p.meets:
            found = ids(p.meets, conditions)
            meet_col.extend(found)
            meet_row.extend([i] * len(found))
    slots = np.fromiter(
        (sum(1 << s for s in p.slots if 0 <= s < SLOTS_PER_WEEK) for p in profiles),
        dtype=np.int64,
        count=n,
    )
    points = [p.point or (math.nan, math.nan) for p in profiles]
    latlon = np.radians(np.array(points, dtype=np.float64).reshape(n, 2))
    return _Packed(
        keys=np.fromiter((p.key for p in profiles), dtype=np.int64, count=n),
        chosen=_binary_csr(chosen, chosen_n) if matrices else _NO_MATRIX,
        broader=_binary_csr(broader, broader_n) if matrices else _NO_MATRIX,
        stems=_binary_csr(stems, stems_n) if matrices else _NO_MATRIX,
        named=_binary_csr(named, named_n) if matrices else _NO_MATRIX,
        lat=latlon[:, 0].copy(),
        lon=latlon[:, 1].copy(),
        coslat=np.cos(latlon[:, 0]),
        has_point=np.fromiter((p.point is not None for p in profiles), dtype=bool, count=n),
        max_m=np.fromiter(
            (math.inf if p.max_distance_m is None else p.max_distance_m for p in profiles),
            dtype=np.float64,
            count=n,
        ),
        slots=slots,
        any_time_slots=np.where(slots == 0, ALL_SLOTS, slots),
        needs=_bitmasks(n, need_row, need_col),
        meets=_bitmasks(n, meet_row, meet_col),
        impossible=impossible,
        owner=np.fromiter(
            (-1 if p.owner is None else p.owner for p in profiles), dtype=np.int64, count=n
        ),
        capacity=np.fromiter((max(0, p.capacity) for p in profiles), dtype=np.int64, count=n),
    )


def _bitmasks(n: int, rows: list[int], columns: list[int]) -> np.ndarray:
    """n × words of 64 bits, bit `column` set in row `row`."""
    cols = np.array(columns, dtype=np.int64)
    width = int(cols.max()) // 64 + 1 if cols.shape[0] else 0
    masks = np.zeros((n, width), dtype=np.uint64)
    if cols.shape[0]:
        bits = np.left_shift(np.uint64(1), (cols % 64).astype(np.uint64))
        np.bitwise_or.at(masks, (np.array(rows, dtype=np.int64), cols // 64), bits)
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
        packed.named = _widen(packed.named, len(space.stems))
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
    lat1: np.ndarray,
    lon1: np.ndarray,
    cos1: np.ndarray,
    lat2: np.ndarray,
    lon2: np.ndarray,
    cos2: np.ndarray,
) -> np.ndarray:
    """Great-circle distance in metres between points given in radians (with the cosine of
    each latitude, computed once per profile)."""
    return _haversine_from_a(_haversine_a(lat1, lon1, cos1, lat2, lon2, cos2))


def _haversine_a(
    lat1: np.ndarray,
    lon1: np.ndarray,
    cos1: np.ndarray,
    lat2: np.ndarray,
    lon2: np.ndarray,
    cos2: np.ndarray,
) -> np.ndarray:
    """The haversine of the central angle; the distance grows with it."""
    return np.sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * np.sin((lon2 - lon1) / 2) ** 2


def _haversine_from_a(a: np.ndarray) -> np.ndarray:
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def _surely_beyond(a: np.ndarray, limit_m: np.ndarray) -> np.ndarray:
    """True where the distance is certainly more than the limit, decided on the haversine
    `a` alone (no square root or arc sine). The threshold has a small slack, so a pair near
    its limit is left to the exact test on the distance."""
    half_angle = np.minimum(limit_m / (2 * EARTH_RADIUS_M), math.pi / 2)
    return a > np.sin(half_angle) ** 2 * (1 + 1e-9) + 1e-15


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
    nothing in common are dropped. Cheap rules run first, on ever fewer pairs."""
    # pairs that share nothing are dropped (the sparse products give none of them)
    k = np.flatnonzero((exact > 0) | (broader > 0) | (shared_stems > 0))
    r, o = ri[k], oi[k]
    # time: when both sides name moments, they must share one ("any time" is every bit).
    # This rule drops the most pairs, so it runs first and alone.
    ok = (req.any_time_slots[r] & off.any_time_slots[o]) != 0
    k, r, o = k[ok], r[ok], o[ok]
    # distance limits: each side's limit is hard and needs both points to be checked
    limit = np.minimum(req.max_m[r], off.max_m[o])
    both = req.has_point[r] & off.has_point[o]
    ok = both | np.isinf(limit)
    # never the same owner
    owner = req.owner[r]
    ok &= (owner != off.owner[o]) | (owner < 0)
    if req.impossible.any() or off.impossible.any():
        ok &= ~(req.impossible[r] | off.impossible[o])
    k, r, o, limit, both = k[ok], r[ok], o[ok], limit[ok], both[ok]
    # hard conditions: each side's needs are met by the other side
    ok = np.ones(k.shape[0], dtype=bool)
    for needs, meets, needing, other in (
        (req.needs, off.meets, r, o),
        (off.needs, req.meets, o, r),
    ):
        if not needs.shape[1]:
            continue
        check = np.flatnonzero(np.asarray(needs.any(axis=1))[needing])
        unmet = np.any(needs[needing[check]] & ~meets[other[check]], axis=1)
        ok[check[unmet]] = False
    # the distance itself, where both points are known
    distance = np.full(k.shape[0], np.nan)
    at = np.flatnonzero(ok & both)
    ra, oa = r[at], o[at]
    a = _haversine_a(
        req.lat[ra], req.lon[ra], req.coslat[ra], off.lat[oa], off.lon[oa], off.coslat[oa]
    )
    # most pairs from the grid cells are too far: drop them before the costly part (their
    # distance stays nan, which fails the test below)
    near = ~_surely_beyond(a, limit[at])
    distance[at[near]] = _haversine_from_a(a[near])
    ok &= ~both | (distance <= limit)
    k, r, o, both, distance = k[ok], r[ok], o[ok], both[ok], distance[ok]
    shared = req.slots[r] & off.slots[o]
    distance_points = np.zeros(k.shape[0], dtype=np.int64)
    distance_points[both] = np.maximum(
        0, DISTANCE_POINTS - (distance[both] // DISTANCE_STEP_M).astype(np.int64)
    )
    time_points = SLOT_POINTS * np.minimum(_popcount(shared), MAX_SLOTS)
    term_points = EXACT_TERM_POINTS * exact[k].astype(np.int64) + BROADER_TERM_POINTS * broader[
        k
    ].astype(np.int64)
    text_points = STEM_POINTS * np.minimum(shared_stems[k], MAX_STEMS).astype(np.int64)
    return _Scored(
        ri=r,
        oi=o,
        total=term_points + text_points + distance_points + time_points,
        term_points=term_points,
        text_points=text_points,
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


def _text_reason(request: Profile, offer: Profile, vocab: Vocabulary) -> str:
    shown = list(counted_stems(request, offer, vocab).values())[:MAX_STEMS]
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
        factors.append(
            Factor("text", int(scored.text_points[k]), _text_reason(request, offer, vocab))
        )
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
    stems = len(counted_stems(request, offer, vocab))
    zero = np.zeros(1, dtype=np.int64)
    scored = _score(req, off, zero, zero, np.array([exact]), np.array([broader]), np.array([stems]))
    if scored.ri.shape[0] == 0:
        return None
    return _suggestion(request, offer, vocab, scored, 0)


#: The hard rules `hard_rule_failures` names, in the order it checks them.
SAME_OWNER, CONDITIONS, TIME = "owner", "conditions", "time"
DISTANCE, DISTANCE_UNKNOWN = "distance", "distance_unknown"


def hard_rule_failures(request: Profile, offer: Profile) -> list[str]:
    """The hard rules this pair breaks (empty: none), whatever they have in common.

    The same rules as the scoring kernel, for a pair a person puts together by hand: the
    same owner, a condition that is not met, a distance limit that is exceeded (or cannot
    be checked: when unsure, propose less), no shared moment when both name moments.
    Declined pairs are the caller's: the engine does not know them."""
    failures = []
    if request.owner is not None and request.owner == offer.owner:
        failures.append(SAME_OWNER)
    if not (request.needs <= offer.meets and offer.needs <= request.meets):
        failures.append(CONDITIONS)
    limits = [m for m in (request.max_distance_m, offer.max_distance_m) if m is not None]
    if limits:
        if request.point is None or offer.point is None:
            failures.append(DISTANCE_UNKNOWN)
        else:
            (lat1, lon1), (lat2, lon2) = np.radians(request.point), np.radians(offer.point)
            metres = _haversine_m(
                *(np.array([v]) for v in (lat1, lon1, math.cos(lat1), lat2, lon2, math.cos(lat2)))
            )
            if float(metres[0]) > min(limits):
                failures.append(DISTANCE)
    if request.slots and offer.slots and not request.slots & offer.slots:
        failures.append(TIME)
    return failures


# --- many pairs --------------------------------------------------------------------------


def _declined_mask(
    req: _Packed,
    off: _Packed,
    ri: np.ndarray,
    oi: np.ndarray,
    declined: Collection[tuple[int, int]],
) -> np.ndarray:
    """True for the pairs (req[ri[k]], off[oi[k]]) whose keys form a declined pair. Keys are
    numbered by rank, so that a pair becomes one whole number (fast to look up)."""
    if not declined or ri.shape[0] == 0:
        return np.zeros(ri.shape[0], dtype=bool)
    pairs = np.array(list(declined), dtype=np.int64).reshape(-1, 2)
    req_unique, req_rank = np.unique(req.keys, return_inverse=True)
    off_unique, off_rank = np.unique(off.keys, return_inverse=True)

    def ranks(unique: np.ndarray, wanted: np.ndarray) -> np.ndarray:
        found = np.minimum(np.searchsorted(unique, wanted), unique.shape[0] - 1)
        return np.where(unique[found] == wanted, found, -1)

    wr, wo = ranks(req_unique, pairs[:, 0]), ranks(off_unique, pairs[:, 1])
    known = (wr >= 0) & (wo >= 0)
    if not known.any():
        return np.zeros(ri.shape[0], dtype=bool)
    width = off_unique.shape[0]
    wanted = np.unique(wr[known] * width + wo[known])
    have = req_rank.ravel()[ri] * width + off_rank.ravel()[oi]
    at = np.minimum(np.searchsorted(wanted, have), wanted.shape[0] - 1)
    return wanted[at] == have


BLOCK = 4096  # requests per sparse product


def _max_row(matrix: sp.csr_matrix) -> int:
    return int(np.diff(matrix.indptr).max()) if matrix.shape[0] else 0


def _count_base(req: _Packed) -> int:
    """A number larger than any overlap count a request of `req` can have."""
    return 1 + max(_max_row(req.chosen) + _max_row(req.broader), _max_row(req.stems), 1)


def _request_features(req: _Packed, base: int) -> sp.csr_matrix:
    """Rows of requests over [terms | terms | stems | named stems], weighted so that one
    product with `_offer_features` gives base²·exact + base·broader + stems per pair, where
    stems leaves out the words that both sides' terms already name (their −1 in the last
    block cancels their +1 in the stems block)."""
    return sp.hstack(
        [
            req.chosen * (base * base) + req.broader * base,
            req.chosen * base,
            req.stems,
            req.named,
        ],
        format="csr",
    )


def _offer_features(off: _Packed) -> sp.csr_matrix:
    return sp.hstack([off.chosen, off.broader, off.stems, -off.named], format="csr")


def _decode(values: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    values = values.astype(np.int64, copy=False)
    high, stems = np.divmod(values, base)
    exact, broader = np.divmod(high, base)
    return exact, broader, stems


# --- space: a grid of square cells, so that only nearby pairs are multiplied -----------


@dataclass
class _Grid:
    """Square cells over both sides' points, with a border as wide as the largest reach,
    so that every cell within reach of a point exists."""

    cell_m: float
    margin: float  # limits are stretched by this factor before they become cells
    nx: int  # cells, without the border
    ny: int
    border: int
    req_cell: np.ndarray  # cell number per request (-1 without a point)
    off_cell: np.ndarray

    @property
    def cells(self) -> int:
        return (self.nx + 2 * self.border) * (self.ny + 2 * self.border)

    def reach(self, limit_m: np.ndarray) -> np.ndarray:
        """Cells to look in each direction for a distance limit; -1 for no limit."""
        return _reach(limit_m, self.cell_m, self.margin, max(self.nx, self.ny))


def _reach(limit_m: np.ndarray, cell_m: float, margin: float, most: int) -> np.ndarray:
    finite = np.isfinite(limit_m)
    reach = np.full(limit_m.shape[0], -1, dtype=np.int64)
    reach[finite] = np.minimum(np.ceil(limit_m[finite] * margin / cell_m), most)
    return reach


MAX_FEATURE_CELLS = 8_000_000  # (features × cells): the size of the sparse products' index


def _grid(req: _Packed, off: _Packed, features: int) -> _Grid | None:
    """A grid over both sides' points, or None when there is nothing to gain (no limits,
    or points spread over a large part of the globe)."""
    limits = np.concatenate([req.max_m[req.has_point], off.max_m[off.has_point]])
    limits = limits[np.isfinite(limits)]
    if limits.shape[0] == 0:
        return None
    lat = np.concatenate([req.lat[req.has_point], off.lat[off.has_point]])
    lon = np.concatenate([req.lon[req.has_point], off.lon[off.has_point]])
    if np.abs(lat).max() > math.radians(85) or np.ptp(lon) > math.radians(90):
        return None
    # the flat projection makes no distance longer than it is: east–west distances use
    # the smallest cos(latitude) of all points, and the limits get a margin for the
    # curvature (sin x < x), tiny for the distances within a city
    scale_x = EARTH_RADIUS_M * math.cos(float(np.abs(lat).max()))
    widest = float(limits.max()) / scale_x  # longitude difference at the largest limit
    if widest > 0.5:
        return None
    margin = 1.0 / (1.0 - widest * widest / 24) + 1e-6
    x0, y0 = float(lon.min()) * scale_x, float(lat.min()) * EARTH_RADIUS_M
    width = float(lon.max()) * scale_x - x0
    height = float(lat.max()) * EARTH_RADIUS_M - y0
    cell = max(250.0, float(np.median(limits)) / 3)
    while True:
        nx, ny = int(width // cell) + 1, int(height // cell) + 1
        border = int(_reach(np.array([limits.max()]), cell, margin, max(nx, ny))[0])
        if features * (nx + 2 * border) * (ny + 2 * border) <= MAX_FEATURE_CELLS:
            break
        if nx == ny == 1:
            return None
        cell *= 2
    rows = ny + 2 * border

    def cells(p: _Packed) -> np.ndarray:
        number = np.full(len(p), -1, dtype=np.int64)
        has = p.has_point
        cx = np.clip(((p.lon[has] * scale_x - x0) // cell).astype(np.int64), 0, nx - 1)
        cy = np.clip(((p.lat[has] * EARTH_RADIUS_M - y0) // cell).astype(np.int64), 0, ny - 1)
        number[has] = (cx + border) * rows + cy + border
        return number

    return _Grid(cell, margin, nx, ny, border, cells(req), cells(off))


@functools.lru_cache(maxsize=256)
def _cell_offsets(reach: int, rows: int) -> np.ndarray:
    """Column offsets of the cells that can hold a point within `reach` cell widths of some
    point in the centre cell: the cell's nearest corner is within reach (a rounded square)."""
    step = np.arange(-reach, reach + 1, dtype=np.int64)
    dx, dy = np.meshgrid(step, step, indexing="ij")
    gap_x, gap_y = np.maximum(np.abs(dx) - 1, 0), np.maximum(np.abs(dy) - 1, 0)
    near = gap_x * gap_x + gap_y * gap_y <= reach * reach
    return (dx[near] * rows + dy[near]).astype(np.int64)


def _spread_over_cells(
    features: sp.csr_matrix, cell: np.ndarray, reach: int, grid: _Grid
) -> sp.csr_matrix:
    """Each row's features repeated in every cell within `reach` cells of its own: column
    feature × cells + cell."""
    counts = np.diff(features.indptr)
    offsets = _cell_offsets(reach, grid.ny + 2 * grid.border)
    base_col = features.indices.astype(np.int64) * grid.cells + np.repeat(cell, counts)
    columns = (base_col[:, None] + offsets[None, :]).ravel()
    data = np.repeat(features.data, offsets.shape[0])
    indptr = features.indptr.astype(np.int64) * offsets.shape[0]
    shape = (features.shape[0], features.shape[1] * grid.cells)
    return sp.csr_matrix((data, columns, indptr), shape=shape)


def _in_own_cell(features: sp.csr_matrix, cell: np.ndarray, grid: _Grid) -> sp.csr_matrix:
    counts = np.diff(features.indptr)
    indices = features.indices.astype(np.int64) * grid.cells + np.repeat(cell, counts)
    return sp.csr_matrix(
        (features.data, indices, features.indptr),
        shape=(features.shape[0], features.shape[1] * grid.cells),
    )


def _pairs(left: sp.csr_matrix, right: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Non-zeros of left · rightᵀ (rows of left, rows of right, values), in blocks."""
    right_t = right.T.tocsr()
    rows, cols, values = [], [], []
    for start in range(0, left.shape[0], BLOCK):
        stop = min(start + BLOCK, left.shape[0])
        lo, hi = left.indptr[start], left.indptr[stop]
        block = sp.csr_matrix(  # a view of the rows, not a copy
            (left.data[lo:hi], left.indices[lo:hi], left.indptr[start : stop + 1] - lo),
            shape=(stop - start, left.shape[1]),
        )
        product = (block @ right_t).tocoo()
        rows.append(product.row.astype(np.int64) + start)
        cols.append(product.col.astype(np.int64, copy=False))
        values.append(product.data.astype(np.int64, copy=False))
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(values)


def _candidate_pairs(
    req: _Packed, off: _Packed, base: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(request index, offer index, encoded overlap) for every pair that shares something
    and may be within both distance limits. Every pair appears once."""
    r_feat, o_feat = _request_features(req, base), _offer_features(off)
    grid = _grid(req, off, r_feat.shape[1])
    if grid is None:
        return _pairs(r_feat, o_feat)
    # reach in cells; no limit counts as endless
    endless = np.iinfo(np.int64).max
    r_reach, o_reach = grid.reach(req.max_m), grid.reach(off.max_m)
    r_reach[r_reach < 0] = endless
    o_reach[o_reach < 0] = endless
    r_point = req.has_point
    o_point = off.has_point
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    # no limit on either side: everything is near enough (with or without a point)
    ri, oi = np.flatnonzero(r_reach == endless), np.flatnonzero(o_reach == endless)
    if ri.shape[0] and oi.shape[0]:
        found = _pairs(r_feat[ri], o_feat[oi])
        parts.append((ri[found[0]], oi[found[1]], found[2]))
    # otherwise the smaller reach decides, and both need a point (a limit that cannot be
    # checked excludes the pair). The side with the smaller reach is spread over the cells
    # around it; ties go to the requests.
    for reach in np.unique(r_reach[r_point & (r_reach < endless)]):
        ri = np.flatnonzero(r_point & (r_reach == reach))
        oi = np.flatnonzero(o_point & (o_reach >= reach))
        if oi.shape[0]:
            spread = _spread_over_cells(r_feat[ri], grid.req_cell[ri], int(reach), grid)
            found = _pairs(spread, _in_own_cell(o_feat[oi], grid.off_cell[oi], grid))
            parts.append((ri[found[0]], oi[found[1]], found[2]))
    for reach in np.unique(o_reach[o_point & (o_reach < endless)]):
        oi = np.flatnonzero(o_point & (o_reach == reach))
        ri = np.flatnonzero(r_point & (r_reach > reach))
        if ri.shape[0]:
            spread = _spread_over_cells(o_feat[oi], grid.off_cell[oi], int(reach), grid)
            found = _pairs(spread, _in_own_cell(r_feat[ri], grid.req_cell[ri], grid))
            parts.append((ri[found[1]], oi[found[0]], found[2]))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
    )


def candidate_edges(
    requests: Sequence[Profile],
    offers: Sequence[Profile],
    vocab: Vocabulary,
    declined: Collection[tuple[int, int]] = (),
) -> Edges:
    """Every (request, offer) pair that passes the hard rules and shares something, scored.

    Only pairs that share a term or a word, in grid cells near enough for both distance
    limits, come out of the sparse products; the hard rules and the score are then
    computed for all of them at once."""
    req, off = _pack_pair_sides(requests, offers, vocab)
    base = _count_base(req)
    ri, oi, values = _candidate_pairs(req, off, base)
    scored = _score(req, off, ri, oi, *_decode(values, base))
    keep = ~_declined_mask(req, off, scored.ri, scored.oi, declined)
    return Edges(req.keys[scored.ri[keep]], off.keys[scored.oi[keep]], scored.total[keep])


class OfferIndex:
    """Many offers, packed once; `top` finds the best k for one request quickly."""

    def __init__(self, offers: Sequence[Profile], vocab: Vocabulary) -> None:
        self.offers = list(offers)
        self.vocab = vocab
        self._space = _Space()
        self._packed = _finish(_pack(self.offers, vocab, self._space, grow=True), self._space)
        self._features = _offer_features(self._packed)

    def __len__(self) -> int:
        return len(self.offers)

    def top(self, request: Profile, k: int = 5, exclude: Collection[int] = ()) -> list[Suggestion]:
        """The k best offers for `request` (ties: the lower offer key first), never an
        offer whose key is in `exclude` (declined pairs)."""
        if k <= 0 or not self.offers:
            return []
        off = self._packed
        req = _finish(_pack([request], self.vocab, self._space, grow=False), self._space)
        if req.impossible[0]:
            return []
        base = _count_base(req)
        vector = _request_features(req, base).toarray().ravel()
        overlap = self._features @ vector
        oi = np.flatnonzero(overlap)
        scored = _score(
            req, off, np.zeros(oi.shape[0], dtype=np.int64), oi, *_decode(overlap[oi], base)
        )
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
