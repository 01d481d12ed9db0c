"""Words for search: tokenising, Dutch stemming, and typo correction against the lexicon.

PostgreSQL searches with its own ``dutch`` text-search configuration. SQLite has none, so
the same Snowball Dutch stemmer (the algorithm behind PostgreSQL's) runs in Python and its
stems are stored in ``Service.search_stems``. Typo tolerance is the same on both: a query
word that is not in the lexicon is replaced by the closest lexicon word (Damerau–Levenshtein
distance 1 for short words, 2 for longer ones).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

import snowballstemmer

_WORD = re.compile(r"[0-9a-z]+")
MAX_WORD = 60
MIN_WORD = 2


class _WithoutCombining(dict[int, int | None]):
    """A str.translate table that drops combining marks (accents), filled as characters
    are met: after the first time, each character costs a lookup in C, not a Python call."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_WITHOUT_COMBINING = _WithoutCombining()


def fold(text: str) -> str:
    """Lower case without accents: 'Café' → 'cafe', 'coöperatie' → 'cooperatie'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    if decomposed.isascii():
        return decomposed  # nothing to drop (most text)
    return decomposed.translate(_WITHOUT_COMBINING)


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if MIN_WORD <= len(w) <= MAX_WORD]


@functools.lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("dutch")


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def stems_document(text: str) -> str:
    """' stem1 stem2 …' with a leading space, so ' wandel' finds words starting with it."""
    return stems_of(stem(w) for w in words(text))


def stems_of(stems: Iterable[str]) -> str:
    """What ``stems_document`` makes of these stems (in order, each once)."""
    unique = dict.fromkeys(stems)
    return " " + " ".join(unique) + " " if unique else ""


class PartCache:
    """Folded text, words and stems of the parts of search documents, each distinct part
    worked out once: in a large import most parts (a term, a town, an organisation, a
    shared place) recur in thousands of documents.

    ``fold``, ``words`` and ``stems_document`` of parts joined by spaces are the folded
    parts, words and stems joined: a space ends a word, and case and accents never reach
    across it.
    """

    def __init__(self, *, stems: bool = True) -> None:
        self.parts: dict[str, Part] = {}
        self.stems = stems  # False: parts without stems (``searches_stems``)

    def part(self, text: str) -> Part:
        found = self.parts.get(text)
        if found is None:
            folded = fold(text)
            found_words = tuple(w for w in _WORD.findall(folded) if MIN_WORD <= len(w) <= MAX_WORD)
            # The lexicon takes the words of the folded text (``add_to_lexicon``): the
            # same words, unless folding again changes something (rare: 'ℌ' folds to 'H').
            same = folded.isascii() and folded.lower() == folded
            again = found_words if same else words(folded)
            stems = tuple(stem(w) for w in found_words) if self.stems else ()
            found = Part(folded, stems, tuple(again))
            self.parts[text] = found
        return found


class Part(NamedTuple):
    folded: str
    stems: tuple[str, ...]
    lexicon: tuple[str, ...]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, giving up (returning limit + 1) beyond `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(word: str) -> int:
    return 0 if len(word) <= 3 else 1 if len(word) <= 6 else 2


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The nearest candidate within the allowed distance (ties: the shortest, then A–Z)."""
    limit = allowed_typos(word)
    if limit == 0:
        return None
    best: tuple[int, int, str] | None = None
    for candidate in candidates:
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            key = (distance, len(candidate), candidate)
            if best is None or key < best:
                best = key
    return best[2] if best else None
