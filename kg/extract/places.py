"""Place stage: gazetteer places named in a text, cities implying their country.

Names come from ``ontology/places.ttl`` (labels and alt labels); ``kg:within`` links a
city or district to what contains it, so "Mosul" gives (mosul, iraq).
"""

from __future__ import annotations

import re

from kg.vocab import Vocabulary

_CACHE: dict[int, tuple[Vocabulary, re.Pattern, dict[str, str]]] = {}


def _compiled(vocab: Vocabulary) -> tuple[re.Pattern, dict[str, str]]:
    hit = _CACHE.get(id(vocab))
    if hit is None or hit[0] is not vocab:
        names: dict[str, str] = {}
        for key, term in vocab.places.items():
            for n in term.names:
                names.setdefault(n.lower(), key)
        alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        rx = re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I)
        hit = (vocab, rx, names)
        _CACHE[id(vocab)] = hit
    return hit[1], hit[2]


def find_places(s: str, vocab: Vocabulary) -> list[tuple[int, int, str]]:
    """(start, end, place key) for each gazetteer place named in ``s`` (capitalised only)."""
    rx, names = _compiled(vocab)
    out = []
    for m in rx.finditer(s):
        if not m.group(0)[:1].isupper():
            continue
        out.append((m.start(), m.end(), names[m.group(0).lower()]))
    return out


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
