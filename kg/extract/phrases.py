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
    for m in _TOKEN.finditer(s):
        a, b = m.span()
        t = m.group(0)
        if "." not in t and "'" not in t and "\u2019" not in t and len(t) > 1:
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

    def find(self, s: str, toks: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int, Any]]:
        toks = tokens(s) if toks is None else toks
        low = [t.lower() for _, _, t in toks]
        out = []
        i = 0
        n = len(toks)
        while i < n:
            cands = self.index.get(low[i])
            hit = None
            if cands:
                for lw, orig, value, exact in cands:
                    k = len(lw)
                    if i + k > n or tuple(low[i:i + k]) != lw:
                        continue
                    if exact and tuple(t for _, _, t in toks[i:i + k]) != orig:
                        continue
                    hit = (toks[i][0], toks[i + k - 1][1], value, k)
                    break
            if hit:
                out.append(hit[:3])
                i += hit[3]
            else:
                i += 1
        return out
