"""Bound stage: how a stated figure bounds the true value, and ranges.

"at least" / "at a minimum" -> at-least; "over" / "more than" / "upwards of" -> more-than;
"nearly" / "about" / "around" / "some" / "approximately" / "an estimated" -> approx;
"up to" / "as many as" / "as high as" / "at most" -> at-most; "fewer than" / "less than" / "under" -> less-than;
"between X and Y", "X to Y", "X-Y" -> range (value, value_max).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.extract.fastre import guard
from kg.extract.numbers import Number

# Longest cue first; each pattern must end right before the number.
_CUES: list[tuple[str, str]] = [
    ("at-least", r"at\s+least|at\s+a\s+minimum|a\s+minimum\s+of|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|a\s+minimum"),
    ("at-most", r"up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|at\s+most|at\s+the\s+most|a\s+maximum\s+of|no\s+more\s+than|not\s+more\s+than"),
    ("more-than", r"(?:slightly\s+|well\s+|a\s+little\s+|just\s+)?(?:more\s+than|over|upwards\s+of|in\s+excess\s+of|above|exceeding|exceeded|exceeds?|surpass(?:ing|ed|es)?|north\s+of|beyond|tops?|topped|topping|pass(?:es|ed|ing)|crossed|crosses|(?:climb|ris|jump|soar|went)\w*\s+past)"),
    ("less-than", r"(?:slightly\s+|just\s+)?(?:fewer\s+than|less\s+than|under|below|short\s+of)"),
    ("approx", r"nearly|almost|about|around|approximately|roughly|some|an\s+estimated(?:\s+(?:total|number)\s+of)?|estimated|closer?\s+to|approx\.?|circa|an\s+approximate|approximate|just\s+under|just\s+over|~"),
]
_CUE_RE = [(b, re.compile(rf"(?:^|[^\w])(?:{p})\s*$", re.I)) for b, p in _CUES]
_AFTER_AT_LEAST = re.compile(r"^\s*(?:or\s+more|\+|plus\b)", re.I)
# Every cue ends with one of these words (or with "~" or "approx."): a number whose last word
# before it is none of them has no cue, and the five end-anchored searches are skipped.
_CUE_LAST_WORD = re.compile(
    r"least|minimum|maximum|of|than|to|as|most|over|above|exceed(?:ing|ed|s)?|surpass(?:ing|ed|es)?|beyond|tops?|topped|topping|"
    r"pass(?:es|ed|ing)?|past|cross(?:ed|es)?|under|below|nearly|almost|about|around|approximately|roughly|some|estimated|approx|circa|approximate",
    re.I,
)
_CARRIED_OVER = guard(re.compile(r"\b(?:carried|carry|carries|carrying|took|taken|handed|turned|passed|left|took)\s+over\s*$", re.I))


def _may_have_cue(window: str) -> bool:
    tail = window.rstrip()  # the cues end in \s*$ (rstrip and \s agree on what is whitespace)
    if not tail or tail[-1] in ".~":
        return bool(tail)
    i = len(tail)
    while i > 0 and (tail[i - 1].isalnum() or tail[i - 1] == "_"):  # the \w run before the number
        i -= 1
    return _CUE_LAST_WORD.fullmatch(tail, i) is not None


_RANGE_SEP = re.compile(
    r"^\s*(?:-|\u2013|\u2014|to|and|or)\s*(?:(?:slightly\s+|well\s+)?(?:more\s+than|over|about|around|nearly|almost|some)\s+)?$", re.I
)
_CHANGE_BEFORE = guard(re.compile(r"\b(?:ris\w*|rose|increas\w*|rais\w*|climb\w*|jump\w*|grew|grow\w*|fell|fall\w*|drop\w*|revis\w*|up|down)\s+(?:\w+\s+){0,3}from\s+(?:\w+\s+){0,2}$", re.I))


@dataclass(frozen=True)
class Figure:
    value: Decimal
    bound: str
    value_max: Decimal | None
    start: int  # offsets of the figure (bound cue included) in the string
    end: int
    num_start: int  # offsets of the (first) number
    num_end: int
    kind: str = "digits"


def bound_before(s: str, pos: int) -> tuple[str, int]:
    """(bound, start of the cue) for a number starting at ``pos`` in ``s``."""
    window = s[max(0, pos - 40):pos]
    if not _may_have_cue(window):
        return "exact", pos
    for bound, rx in _CUE_RE:
        m = rx.search(window)
        if m:
            start = pos - len(window) + m.start()
            if window[m.start():m.start() + 1] and not window[m.start()].isalnum() and window[m.start()] != "~":
                start += 1
            if bound == "more-than" and _CARRIED_OVER.search(window):
                return "exact", pos
            return bound, start
    return "exact", pos


_SHARED_BOUNDS = frozenset(("at-least", "more-than", "approx"))
# the rest of the first count's clause up to "and" ("civilians were killed and "), then the second count's outcome
_ELLIPTIC_AND = re.compile(r"(?:\s+[a-z-]+){1,4}\s+and\s+", re.I)
_PARTICIPLES_AND = re.compile(r"(?:\s+[a-z-]+){0,3}\s+and\s+(?:wounding|injuring|hurting|killing)\s+(?:at\s+least\s+)?", re.I)
_OUTCOME_AFTER = re.compile(r"\s+(?:others\s+)?(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:injured|wounded|hurt|killed|dead|died|missing)\b", re.I)


def figures(s: str, numbers: list[Number]) -> list[Figure]:
    """Combine numbers into figures with bounds; ranges take two numbers."""
    out: list[Figure] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        bound, bstart = bound_before(s, n.start)
        if n.kind == "zero":
            bound = "exact"
            bstart = n.start
        if i + 1 < len(numbers):
            m = numbers[i + 1]
            between = s[n.end:m.start]
            if m.value > n.value and n.kind != "zero" and _RANGE_SEP.match(between):
                sep = between.strip().split()[0].lower() if between.strip() else "-"
                ok = True
                if sep in ("and",):
                    ok = bool(re.search(r"\bbetween\s+(?:\w+\s+){0,2}$", s[max(0, bstart - 30):bstart] + " ", re.I))
                    ok = ok or bool(re.search(r"\bbetween\s+$", s[max(0, n.start - 30):n.start], re.I))
                elif sep == "or":
                    ok = False
                elif sep == "to":
                    ok = not _CHANGE_BEFORE.search(s[max(0, bstart - 60):bstart])
                if ok:
                    start = bstart
                    pre = re.search(r"\bbetween\s+$", s[max(0, bstart - 12):bstart], re.I)
                    if pre:
                        start = bstart - (len(pre.group(0)))
                    out.append(Figure(n.value, "range", m.value, start, m.end, n.start, n.end, n.kind))
                    i += 2
                    continue
        if bound == "exact" and _AFTER_AT_LEAST.match(s[n.end:n.end + 10]):
            bound = "at-least"
        if (bound == "exact" and n.kind != "zero" and out and out[-1].bound in _SHARED_BOUNDS
                and ((_ELLIPTIC_AND.fullmatch(s[out[-1].end:n.start]) and _OUTCOME_AFTER.match(s, n.end))
                     or _PARTICIPLES_AND.fullmatch(s[out[-1].end:n.start]))):
            # "at least 171 civilians were killed and 812 injured", "killing at least 14 people and wounding 32
            # others": the second count of one clause shares the bound
            bound = out[-1].bound
        out.append(Figure(n.value, bound, None, bstart, n.end, n.start, n.end, n.kind))
        i += 1
    return out
