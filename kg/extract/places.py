"""Place stage: gazetteer places named in a text, cities implying their country.

Names come from ``ontology/places.ttl`` (labels and alt labels); ``kg:within`` links a
city or district to what contains it, so "Mosul" gives (mosul, iraq).
"""

from __future__ import annotations

from kg.extract.phrases import PhraseMatcher
from kg.vocab import Vocabulary

_CACHE: dict[int, tuple[Vocabulary, PhraseMatcher]] = {}


def _matcher(vocab: Vocabulary) -> PhraseMatcher:
    hit = _CACHE.get(id(vocab))
    if hit is None or hit[0] is not vocab:
        names = [(n, key) for key, term in vocab.places.items() for n in term.names]
        hit = (vocab, PhraseMatcher(names))
        _CACHE[id(vocab)] = hit
    return hit[1]


def find_places(s: str, vocab: Vocabulary) -> list[tuple[int, int, str]]:
    """(start, end, place key) for each gazetteer place named in ``s`` (capitalised only)."""
    return [(a, b, k) for a, b, k in _matcher(vocab).find(s) if s[a:a + 1].isupper()]


def with_containers(keys: list[str], vocab: Vocabulary) -> tuple[str, ...]:
    """The keys plus every place that contains them, most specific first, no duplicates."""
    out: list[str] = []
    for k in keys:
        cur: str | None = k
        seen = 0
        while cur and seen < 6:
            if cur not in out:
                out.append(cur)
            cur = vocab.place_within(cur)
            seen += 1
    return tuple(out)
