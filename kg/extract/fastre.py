"""A first-character guard for regexes that are searched across whole sentences.

Python's regex engine jumps straight to candidate positions only for patterns that begin with
a literal or a plain character set compiled without IGNORECASE. The stage patterns mostly
begin with ``\\b``, a look-behind or a case-insensitive word alternation, so the engine tries
the whole pattern at every position of a sentence. ``guarded(rx)`` prefixes the pattern with
a look-ahead on the characters a match can begin with, e.g. ``(?=[idotlpsfmw])`` for the
relative-period pattern: a position whose character cannot start a match is rejected by one
set test. The look-ahead is zero-width and only states what every match already satisfies,
so matches, groups and offsets are unchanged; the first characters are read off the parsed
pattern, and any construct the reader does not know (a back reference, "any character",
...) leaves the pattern as it was.
"""

from __future__ import annotations

import re

try:  # the parser of the re module (private, but stable since 3.11); without it nothing is guarded
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover
    _parser = None

_CATEGORIES = {}
if _parser is not None:
    _CATEGORIES = {
        _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
        _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
    }


_BROAD = frozenset((r"\D", r"\s", r"\S", r"\w", r"\W"))


class _Unknown(Exception):
    pass


def _set_item(op, av) -> str:
    if op is _c.LITERAL:
        return re.escape(chr(av))
    if op is _c.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is _c.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _Unknown(op)


def _first(seq) -> tuple[list[str], list[str], bool]:
    """(set items, negated sets, nullable) for a parsed sequence: what its first character can be."""
    items: list[str] = []
    negated: list[str] = []
    for op, av in seq:
        if op is _c.LITERAL:
            items.append(re.escape(chr(av)))
            return items, negated, False
        if op is _c.IN:
            if av and av[0][0] is _c.NEGATE:
                negated.append("".join(_set_item(o, a) for o, a in av[1:]))
            else:
                items.extend(_set_item(o, a) for o, a in av)
            return items, negated, False
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the next item gives the first character
        if op is _c.BRANCH:
            nullable = False
            for alt in av[1]:
                i, n, null = _first(alt)
                items += i
                negated += n
                nullable = nullable or null
            if not nullable:
                return items, negated, False
            continue
        if op is _c.SUBPATTERN:
            _, add_flags, _, sub = av
            if add_flags:  # (a flag taken off, "(?-i:May)", only narrows what the outer flags let the guard admit)
                raise _Unknown(op)
            i, n, null = _first(sub)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            lo, _, sub = av
            i, n, null = _first(sub)
            null = null or lo == 0
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            i, n, null = _first(av)
        else:
            raise _Unknown(op)
        items += i
        negated += n
        if not null:
            return items, negated, False
    return items, negated, True


def guard(rx: re.Pattern) -> re.Pattern:
    """``rx`` with a look-ahead on the first character of its matches, or ``rx`` itself when the
    first characters are unknown or too broad to pay off (a negated set, a class such as ``\\w``).

    It pays off for patterns whose matches start with a few letters, searched across long
    texts; the stages guard the patterns where it measured faster."""
    if _parser is None or not isinstance(rx.pattern, str) or rx.pattern.startswith("(?") and not rx.pattern.startswith(("(?:", "(?=", "(?!", "(?<", "(?P")):
        return rx
    try:
        items, negated, nullable = _first(_parser.parse(rx.pattern, rx.flags))
    except (_Unknown, re.error, TypeError, ValueError):
        return rx
    if nullable or not items or negated or any(i in _BROAD for i in items):
        return rx  # a match may start anywhere, or with too many characters for the test to help
    classes = ([f"[{''.join(dict.fromkeys(items))}]"] if items else []) + [f"[^{n}]" for n in negated]
    try:  # (white space inside a [] class counts even in VERBOSE patterns, and re.escape escapes it anyway)
        guarded = re.compile(f"(?={'|'.join(classes)})" + rx.pattern, rx.flags)
    except re.error:  # pragma: no cover
        return rx
    GUARDED[guarded] = rx
    return guarded


# guarded pattern -> the pattern it guards (for the tests that compare them)
GUARDED: dict[re.Pattern, re.Pattern] = {}
