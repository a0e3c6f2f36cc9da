"""Number stage: find the counts stated in a sentence.

Finds digits with thousands separators and decimals ("2,292", "1061", "1.2 million"),
number words ("three", "eleven", "twenty-one", "a dozen", "two dozen"), and stated zeros ("zero",
"none of the reports", "no civilians"). Skips what is not a count: years, dates,
ages, times and durations, distances and weights, money, percentages, ordinals,
and vague quantities ("dozens", "hundreds"; but "a thousand" is 1,000 and "half a dozen" 6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kg.extract.fastre import guard

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# ordinal words, for a day of a month ("the third of May", "March twenty-first")
ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth".split())}
ORDINALS.update({f"twenty-{w}": 20 + n for w, n in list(ORDINALS.items())[:9]})
ORDINALS.update({"thirtieth": 30, "thirty-first": 31})
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

_WORD_NUM = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"

# thousands separators: commas, and the spaces of French-style and ISO grouping ("3 000", "12\u202f500")
_GROUPING = re.compile(r"[,\u00a0\u202f\u2009 ]")

# A count in digits: "2,292", "3 000", "1061", "1.2" (not after a letter, a separator or a currency sign).
# The first digit is taken before the look-behinds (which then look one character further back):
# the same matches as (?<![\w.,:$€£])(?<![A-Za-z]-)\d{1,3}(?:,\d{3})+... | (?<!...)(?<!...)\d+..., but a
# position without a digit fails at once instead of after four look-behinds.
_DIGITS = r"""(?P<digits>\d(?<![\w.,:$€£]\d)(?<![A-Za-z]-\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?(?![\d])|\d{0,2}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d,.])|\d*(?:\.\d+)?(?![\d,]\d)))
      (?:\s*(?P<dscale>million|billion|trillion|thousand|m\b|bn\b)|\s+(?P<ddozen>dozen)\b)?"""

_NUMBER = re.compile(
    rf"""
    {_DIGITS}
    | (?P<dozen>\b(?:[Aa]|(?P<dozens>{_WORD_NUM}))\s+dozen\b)
    | (?P<vague>\b(?:[Aa]\s+(?:hundred|thousand|million)|dozens|hundreds|thousands|millions|tens\s+of\s+thousands|scores)\b)
    | (?P<words>\b(?:{_WORD_NUM})(?:[\s-](?:{_WORD_NUM}))?(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?(?:{_WORD_NUM})(?:[\s-](?:{_WORD_NUM}))?)?)?\b)
    | (?P<none>\b[Nn]one\s+of\b)
    | (?P<no>\b[Nn]o\s+(?=(?-i:[a-z-]+\s+)?["']?[a-z-]+s\b|[a-z-]+\s+(?:was|has\s+been|had\s+been)\s))
    | (?P<single>\b[Nn]ot\s+(?:a\s+single|one)\s+(?=["']?[a-z-]+\b))
    """,
    re.VERBOSE | re.IGNORECASE,
)

_AFTER_SKIP = re.compile(
    r"""^(?:\s*(?:%|percent\b|per\s*cent\b|pc\b|pct\b)
        |\s*-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|km|kms|kilomet(?:er|re)s?|miles?|met(?:er|re)s?
            |feet|ft|yards?|pounds?|lbs?|kg|kilograms?|tons?|tonnes?|dollars?|euros?|USD|am|pm|a\.m\.|p\.m\.|GMT|o'clock|times|-year-old|-month-old)\b
        |(?:st|nd|rd|th)\b|:\d\d|\s*/\s*\d|\.\d+\.\d)""",
    re.VERBOSE | re.IGNORECASE,
)
# More digits than any count kg stores can have (the world's population has 10); longer runs are
# identifiers or junk, and a 100,000-digit run would not even convert to an integer.
_MAX_DIGITS = 12
_TOO_LARGE = Decimal(10) ** _MAX_DIGITS
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?!\w)")


# Digits only (the usual case): the same groups, the word alternatives never match. The pattern
# starts with \d, so the regex engine jumps from digit to digit.
_NUMBER_DIGITS = re.compile(
    rf"""
    {_DIGITS}
    (?:(?P<dozen>(?!))|(?P<dozens>(?!))|(?P<vague>(?!))|(?P<words>(?!))|(?P<none>(?!))|(?P<no>(?!))|(?P<single>(?!)))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
# words that can start a number written in words (a sentence without a digit or one of these has no number)
NUMBER_WORDS = frozenset([*UNITS, *TENS, "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "millions", "scores", "none", "no", "not", "tens"])
_LOWER_WORDS = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Number:
    value: Decimal
    start: int  # offsets in the string searched
    end: int
    text: str
    kind: str = "digits"  # digits | words | zero | dozen | round ("a thousand")


def _words_value(s: str) -> int | None:
    total, current = 0, 0
    seen = False
    for w in re.split(r"[\s-]+", s.lower()):
        if w == "and":
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_year(m: re.Match, s: str) -> bool:
    d = m.group("digits")
    if d is None or not d.isdigit() or m.group("dscale"):  # grouped ("2,023", "3 000") or a decimal: no year
        return False
    v = int(d)
    if not (1900 <= v <= 2100):
        return False
    after = s[m.end():m.end() + 30]
    if _YEAR_BEFORE.search(s[max(0, m.start() - 20):m.start()]):
        return True
    return not _COUNTED_AFTER.match(after)


_HALF_BEFORE = re.compile(r"\b[Hh]alf\s+$")
_SAID_THAT = re.compile(r"\b(?:said|says|say|reported|reports|added|stated|announced|confirmed|claimed|noted|told\s+\w+)\s+that\s*$", re.I)
_YEAR_BEFORE = guard(re.compile(rf"(?:{_MONTH}|\b(?:in|since|of|by|from|to|until|through|between|and|year|early|late|mid)),?\s+(?:\d{{1,2}},?\s+)?$", re.I))
_COUNTED_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){0,2}(?:people|civilians|deaths|strikes|airstrikes|reports|troops|soldiers|militants|fighters|children|killed|dead)\b")
_SIGN_BEFORE = re.compile(r"(?:\^|(?:^|[\s(])[-\u2212])$")
_EXPONENT_AFTER = re.compile(r"\^|[eE][+-]?\d")
_NOT_A_COUNT_BEFORE = re.compile(r"[$€£]\s*$|\b(?:US|USD|EUR|GBP|Rs\.?)\s*$|\b(?:aged|ages?|No\.|page|Resolution|flight|Route|Highway|[Rr]elease|[Vv]ersion)\s+$")
# a part of a code ("Event LB-1982-0916-01"): three or more groups joined by hyphens, two of them digits
_CODE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+){2,}")
# a number that labels a part of a series, with nothing counted after it: "death toll, week 11", "Day 12: ..."
_LABEL_BEFORE = re.compile(r"\b(?:[Ww]eek|[Dd]ay|[Pp]hase|[Rr]ound|[Pp]art|[Ee]pisode|[Cc]hapter|[Ss]eason|UPDATE|[Uu]pdate)\s+$")
_NOTHING_AFTER = re.compile(r"\s*(?:[,.;:!?)\]]|$)")
_MONTH_BEFORE = guard(re.compile(rf"\b{_MONTH}\s+$"))
# the last day of a range of days: "between March 27 and 31, ..." (not "on March 2 and 3 people ...")
_DAY_RANGE_BEFORE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\s*(?:-|\u2013|to|and|through|until)\s*$", re.I)
_DAY_RANGE_AFTER = re.compile(r"\s*(?:[,.;)]|$|,?\s*(?:19|20)\d\d)")
_YEAR_AFTER = re.compile(r"\s*,\s*(?:19|20)\d\d\b")
_AGE_BEFORE = guard(re.compile(r"\b(?:children|boys|girls|kids|babies|infants)\s+(?:under|over|aged|below|above)\s+$"))


def _in_code(s: str, a: int, b: int) -> bool:
    """Whether the number at [a, b) is part of a code ("LB-1982-0916-01"), not a count."""
    lo, hi = a, b
    while lo > 0 and not s[lo - 1].isspace() and s[lo - 1] not in "(\"'":
        lo -= 1
    while hi < len(s) and not s[hi].isspace() and s[hi] not in ")\"',;:":
        hi += 1
    token = s[lo:hi].rstrip(".")
    return _CODE.fullmatch(token) is not None and sum(g.isdigit() for g in token.split("-")) >= 2


def find_numbers(s: str, words: set[str] | None = None) -> list[Number]:
    """All counts in ``s`` with their offsets; never raises on any text.

    ``words``: the ``[a-z]+`` words of ``s.lower()`` when the caller has them already.
    """
    out: list[Number] = []
    if words is None:
        words = _LOWER_WORDS.findall(s.lower())
    rx = _NUMBER if not NUMBER_WORDS.isdisjoint(words) else _NUMBER_DIGITS
    for m in rx.finditer(s):
        a, b = m.start(), m.end()
        before = s[max(0, a - 40):a]
        after = s[b:b + 40]
        if m.group("vague"):
            unit = re.fullmatch(r"[Aa]\s+(hundred|thousand|million)", m.group("vague"))
            if unit and not re.match(r"\s+(?:and|of)\b", after):
                # "more than a hundred people", "over a thousand": a round figure ("hundreds", "a hundred of them" are not)
                out.append(Number(Decimal(SCALES[unit.group(1).lower()]), a, b, s[a:b], "round"))
            continue
        if m.group("digits") is not None:
            if len(_GROUPING.sub("", m.group("digits").split(".")[0])) > _MAX_DIGITS:
                continue  # a serial, a hash or garbage: no count of people or strikes has 13 digits
            if _is_year(m, s):
                continue
            # The end-anchored tests below search only the tail of ``before`` where a match can
            # start: a sign is at most 2 characters (+ a final newline); the words before the number
            # end at its last non-blank character and are at most 10 characters long.
            tail = max(0, len(before.rstrip()) - 10)
            if _SIGN_BEFORE.search(before, max(0, len(before) - 3)) or _EXPONENT_AFTER.match(after):
                continue  # "-5 civilians", "10^30", "1e400": a sign or an exponent, not a count
            if _AFTER_SKIP.match(after) and not m.group("dscale"):
                continue
            if _NOT_A_COUNT_BEFORE.search(before, tail):
                continue
            if "-" in s[max(0, a - 1):b + 1] and _in_code(s, a, b):
                continue
            if s[a - 1:a] == "[" and s[b:b + 1] == "]":
                continue  # a footnote's mark ("put the toll at 312,[2] while"), not a count
            if _LABEL_BEFORE.search(before, tail) and _NOTHING_AFTER.match(after):
                continue
            if _MONTH_BEFORE.search(before, tail) or _DATE_AFTER.match(after):
                continue
            day_like = float(_GROUPING.sub("", m.group("digits"))) <= 31  # not "since October 7 to 31,184"
            if day_like and _DAY_RANGE_BEFORE.search(before[-30:]) and _DAY_RANGE_AFTER.match(after):
                continue
            if day_like and _YEAR_AFTER.match(after):
                continue  # "February 2, 2020"
            if _AGE_BEFORE.search(before):
                continue  # an age
            raw = _GROUPING.sub("", m.group("digits"))
            try:
                value = Decimal(raw)
            except InvalidOperation:  # pragma: no cover - the regex only lets numbers through
                continue
            scale = (m.group("dscale") or "").lower()
            if scale in ("million", "m"):
                value *= 1_000_000
            elif scale in ("billion", "bn"):
                value *= 1_000_000_000
            elif scale == "thousand":
                value *= 1000
            elif m.group("ddozen"):
                value *= 12  # "at least 2 dozen Taliban", as "two dozen"
            elif scale == "trillion":
                value *= 10 ** 12  # read as written, then refused below: no count is that large
            if value >= _TOO_LARGE:
                continue
            value = value.normalize() if value == value.to_integral_value() else value
            if value == value.to_integral_value():
                value = Decimal(int(value))
            out.append(Number(value, a, b, s[a:b], "digits"))
        elif m.group("dozen"):
            times = _words_value(m.group("dozens")) if m.group("dozens") else 1  # "two dozen" = 24
            half = _HALF_BEFORE.search(before) if not m.group("dozens") else None
            if half:
                start = a - len(before) + half.start()
                out.append(Number(Decimal(6), start, b, s[start:b], "dozen"))  # "half a dozen"
            elif times:
                out.append(Number(Decimal(12 * times), a, b, s[a:b], "dozen"))
        elif m.group("words"):
            txt = m.group("words")
            low = txt.lower()
            if low.startswith("one") and re.match(r"\s+of\s+the\b|\s+another\b|\s*-\s*(?:third|half|quarter)", after):
                continue  # "one of the highest"
            if low == "one" and re.search(r"\b(?:no|any|every|each|some|the|this|that|which|no-)\s*$", before, re.I) \
                    and not _SAID_THAT.search(before):
                continue  # "no one", "the one" (but "said that one civilian died": a count)
            if re.match(r"\s*-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|times|decades?|percent|per\s+cent|km|miles?|kilomet\w*)\b", after, re.I):
                continue
            if re.match(r"-(?:year|month|day|week)", after):
                continue
            if _DATE_AFTER.match(after) or re.search(rf"\b{_MONTH}\s+$", before):
                continue
            if re.search(r"\b(?:children|boys|girls|kids)\s+(?:under|over|aged|below|above)\s+$", before):
                continue
            v = _words_value(txt)
            if v is None:
                continue
            out.append(Number(Decimal(v), a, b, txt, "zero" if v == 0 else "words"))
        elif m.group("none"):
            out.append(Number(Decimal(0), a, a + 4, s[a:a + 4], "zero"))
        elif m.group("single"):  # "not a single civilian was killed", "not one soldier died"
            # the words the noun hangs on ("a single", "one"), as it hangs on "no"
            word = re.search(r"\b(?:a\s+single|one)\b", s[a:b])
            out.append(Number(Decimal(0), a + word.start(), a + word.end(), word.group(0), "zero"))
        elif m.group("no"):
            if re.match(r"\s*(?:longer|more|one|way|possible|matter|doubt|less|fewer|sign|evidence|reason)\b", s[a + 2:a + 20]):
                continue
            out.append(Number(Decimal(0), a, a + 2, s[a:a + 2], "zero"))
    return out


def parse_number(s: str) -> Decimal | None:
    """The value of a number written alone ("2,292", "1.2 million", "twenty-one"), or None."""
    found = find_numbers(s.strip())
    return found[0].value if len(found) == 1 else None
