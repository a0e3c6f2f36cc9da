"""A fast gazetteer matcher: token n-grams looked up in a dict instead of one huge regex.

Names are tokenised the same way as the text; the longest name starting at each token
wins and matches never overlap. Short all-capital names (acronyms: "UN", "WHO", "AP")
match only with their exact case; other names match in any case.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

_TOKEN = re.compile(r"[^\W_]+(?:[.&'\u2019-][^\W_]+)*\.?|[-\u2013\u2014&]")


_CACHE: dict[str, list[tuple[int, int, str]]] = {}


def tokens(s: str) -> list[tuple[int, int, str]]:
    """(start, end, token) with "'s" split off and sentence-final full stops dropped."""
    hit = _CACHE.get(s)
    if hit is not None:
        return hit
    out = []
    append = out.append
    index = s.index
    end = 0
    # findall and str.index instead of match objects: a token starts at the first occurrence of
    # its text after the previous token (an earlier occurrence would have been matched there).
    for t in _TOKEN.findall(s):
        a = index(t, end)
        b = end = a + len(t)
        if t.isalnum() and len(t) > 1:  # letters and digits only: no "." or "'" to trim (the usual case)
            append((a, b, t))
            continue
        if t.endswith(".") and t.count(".") == 1 and len(t) > 2:
            t, b = t[:-1], b - 1
        if len(t) > 2 and t[-2:] in ("'s", "\u2019s"):
            out.append((a, b - 2, t[:-2]))
            out.append((b - 2, b, "'s"))
            continue
        if t in ("\u2013", "\u2014"):
            t = "-"
        out.append((a, b, t))
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[s] = out
    return out


_LOW_CACHE: dict[str, list[str]] = {}


def lowered(s: str) -> list[str]:
    """The tokens of ``s`` in lower case (``[t.lower() for _, _, t in tokens(s)]``), cached like ``tokens``:
    every stage that looks words up in a dict uses them, so each sentence is lowered once."""
    hit = _LOW_CACHE.get(s)
    if hit is not None:
        return hit
    out = [t.lower() for _, _, t in tokens(s)]
    if len(_LOW_CACHE) > 64:
        _LOW_CACHE.clear()
    _LOW_CACHE[s] = out
    return out


def _exact_case(name: str) -> bool:
    return len(name) <= 5 or name.isupper() or bool(re.fullmatch(r"[A-Z][\w-]*", name))


class PhraseMatcher:
    def __init__(self, names: Iterable[tuple[str, Any]]):
        self.index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], Any, bool]]] = {}
        for name, value in names:
            toks = tuple(t for _, _, t in tokens(name))
            if not toks:
                continue
            low = tuple(t.lower() for t in toks)
            self.index.setdefault(low[0], []).append((low, toks, value, _exact_case(name)))
        for lst in self.index.values():
            lst.sort(key=lambda e: -len(e[0]))
        # The same entries for lookup: first token -> [(length, {lower-case tokens: [(tokens, value, exact), ...]})],
        # longest first, entries in index order. A name is then found with one dict lookup per length
        # instead of comparing every name that shares its first token.
        self._by_first: dict[str, list[tuple[int, dict[tuple[str, ...], list[tuple[tuple[str, ...], Any, bool]]]]]] = {}
        for first, lst in self.index.items():
            groups: dict[int, dict[tuple[str, ...], list[tuple[tuple[str, ...], Any, bool]]]] = {}
            for low, toks, value, exact in lst:
                groups.setdefault(len(low), {}).setdefault(low, []).append((toks, value, exact))
            self._by_first[first] = sorted(groups.items(), key=lambda kv: -kv[0])
        self._firsts = frozenset(self.index)
        # first token -> the second tokens of its longer names, and its one-token names:
        # "the" followed by a word no name continues with can only be a one-token name
        self._seconds = {first: frozenset(low[1] for low, *_ in lst if len(low) > 1) for first, lst in self.index.items()}
        self._singles = {first: [kt for kt in tables if kt[0] == 1] for first, tables in self._by_first.items()}

    def find(self, s: str, toks: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int, Any]]:
        """(start, end, value) of the names in ``s``: the longest name at each token, no overlaps."""
        if toks is None:
            toks, low = tokens(s), lowered(s)
        else:
            low = [t.lower() for _, _, t in toks]
        firsts = self._firsts
        if firsts.isdisjoint(low):
            return []
        by_first = self._by_first
        out = []
        n = len(toks)
        nxt = 0  # matches never overlap: the next token a name may start at
        for i in [i for i, t in enumerate(low) if t in firsts]:
            if i < nxt:
                continue
            t = low[i]
            tables = by_first[t] if i + 1 < n and low[i + 1] in self._seconds[t] else self._singles[t]
            for k, table in tables:
                if i + k > n:
                    continue
                entries = table.get(tuple(low[i:i + k]))
                if entries is None:
                    continue
                for orig, value, exact in entries:
                    if exact and tuple(t for _, _, t in toks[i:i + k]) != orig:
                        continue
                    out.append((toks[i][0], toks[i + k - 1][1], value))
                    nxt = i + k
                    break
                else:
                    continue
                break
        return out
