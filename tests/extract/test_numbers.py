"""Number stage: counts found, non-counts skipped, never an exception."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    "text, values",
    [
        ("At least 2,292 people", [2292]),
        ("1.2 million people", [1200000]),
        ("twenty-one civilians", [21]),
        ("a dozen civilians", [12]),
        ("two dozen civilians", [24]),
        ("at least 2 dozen Taliban", [24]),
        ("death toll, week 11", []),
        ("Day 12: 40 people were killed", [40]),
        ("that week 11 soldiers died", [11]),
        ("3 trillion people", []),  # read as written, and no count is that large
        ("1234567890123456789012345678901 civilians", []),  # 31 digits: an identifier, not a count
        ("9" * 100_000 + " civilians", []),  # would not even convert to an int
        ("none of the reports were credible", [0]),
        ("zero unintentional civilian deaths", [0]),
        ("No 'non-combatants' - civilians - have been killed", [0]),
        ("one new report", [1]),
        ("8 million Iraqis", [8000000]),
        ("200,000-300,000 people", [200000, 300000]),
        ("7,316 to 11,637", [7316, 11637]),
        ("the two ISIS snipers", [2]),
        ("A total of 1061 civilians", [1061]),
        ("more than a hundred people", [100]),
        ("over a thousand", [1000]),
        ("half a dozen soldiers", [6]),
        ("there were no civilian casualties", [0]),
        ("a dozen soldiers", [12]),
    ],
)
def test_counts(text, values):
    assert [n.value for n in find_numbers(text)] == [Decimal(v) for v in values]


@pytest.mark.parametrize(
    "text",
    [
        "no one will ever know", "in 2014", "since August 2014", "Nov. 1", "February 2, 2020", "on 3 July", "20 April",
        "13 years of air strikes", "55 kilometers", "a 500-pound bomb", "1 percent", "73pc more losses", "12 pct of them", "a 68 percent increase", "children under five",
        "one of the highest", "$5 million", "dozens of sites", "no air strike was carried out", "no Coalition aircraft", "hundreds of people", "at 10:30", "the 3rd day",
        # (codes, phone numbers and releases are no counts)
        "Event LB-1982-0916-01", "call 0919-777-1384", "in release 4.2", "deaths.[4][5]", "UPDATE 2: Toll rises",
    ],
)
def test_not_counts(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize("n", [0, 1, 7, 42, 999, 1000, 12345, 1234567])
def test_round_trip_digits(n):
    assert parse_number(f"{n:,}") == Decimal(n)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_round_trip_any_integer(n):
    text = f"{n:,} people"
    found = find_numbers(text)
    if 1900 <= n <= 2100:
        return
    assert found and found[0].value == Decimal(n)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_offsets_inside(text):
    for n in find_numbers(text):
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start:n.end] == n.text


@pytest.mark.parametrize("text", ["10^30 civilians were killed", "-5 civilians were wounded", "(-3) people died",
                                  "1e400 dead"])
def test_signs_and_exponents_are_not_counts(text):
    assert find_numbers(text) == []


# --- the rewritten number patterns find what the original pattern found ----------------------------

import re as _re

from hypothesis import given, settings
from hypothesis import strategies as st


def _original_number():
    from kg.extract.numbers import _WORD_NUM

    return _re.compile(
        rf"""
    (?P<digits>(?<![\w.,:$€£])(?<![A-Za-z]-)\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d])|(?<![\w.,:$€£])(?<![A-Za-z]-)\d{{1,3}}(?:[\u00a0\u202f\u2009 ]\d{{3}})+(?![\d,.])|(?<![\w.,:$€£])(?<![A-Za-z]-)\d+(?:\.\d+)?(?![\d,]\d))
      (?:\s*(?P<dscale>million|billion|trillion|thousand|m\b|bn\b)|\s+(?P<ddozen>dozen)\b)?
    | (?P<dozen>\b(?:[Aa]|(?P<dozens>{_WORD_NUM}))\s+dozen\b)
    | (?P<vague>\b(?:[Aa]\s+(?:hundred|thousand|million)|dozens|hundreds|thousands|millions|tens\s+of\s+thousands|scores)\b)
    | (?P<words>\b(?:{_WORD_NUM})(?:[\s-](?:{_WORD_NUM}))?(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?(?:{_WORD_NUM})(?:[\s-](?:{_WORD_NUM}))?)?)?\b)
    | (?P<none>\b[Nn]one\s+of\b)
    | (?P<no>\b[Nn]o\s+(?=(?-i:[a-z-]+\s+)?["']?[a-z-]+s\b|[a-z-]+\s+(?:was|has\s+been|had\s+been)\s))
    | (?P<single>\b[Nn]ot\s+(?:a\s+single|one)\s+(?=["']?[a-z-]+\b))
    """,
        _re.VERBOSE | _re.IGNORECASE,
    )


def _original_digits():
    return _re.compile(
        _original_number().pattern.split("\n    | (?P<dozen>")[0] + "|(?P<dozen>(?!))|(?P<dozens>(?!))|(?P<vague>(?!))|(?P<words>(?!))|(?P<none>(?!))|(?P<no>(?!))|(?P<single>(?!))",
        _re.VERBOSE | _re.IGNORECASE,
    )


_PIECES = list("0123456789٣,.:$€£-aZ m\nbillion\u00a0") + [" million", " thousand", " bn", "m ", "one", "Twenty", "-five", " hundred", " a dozen", "two dozen", " dozen",
                                                      "None of", "no ", "reports", "dozens", " and ", "A ",
                                                      "not a single ", "Not one ", " was ", "civilian"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_number_patterns_equal_the_original(s):
    from kg.extract.numbers import _NUMBER, _NUMBER_DIGITS

    def found(rx):
        return [(m.span(), m.groupdict()) for m in rx.finditer(s)]

    assert found(_NUMBER) == found(_original_number())
    assert found(_NUMBER_DIGITS) == found(_original_digits())


def test_tail_searches_equal_whole_window_searches():
    import random

    from kg.extract.numbers import _MONTH_BEFORE, _NOT_A_COUNT_BEFORE, _SIGN_BEFORE

    rng = random.Random(11)
    pieces = ["US", "USD", "EUR", "GBP", "Rs", "Rs.", "aged", "ages", "age", "No.", "page", "Resolution", "flight", "Route", "Highway",
              "September", "Sept.", "May", "dec", "$", "\u20ac", "\u00a3", "^", "-", "\u2212", "(", "x", "a", "1", "_", " ", "  ", "\n", "\t", ","]
    for _ in range(5000):
        before = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))[-40:]
        tail = max(0, len(before.rstrip()) - 10)
        assert bool(_SIGN_BEFORE.search(before, max(0, len(before) - 3))) == bool(_SIGN_BEFORE.search(before)), before
        assert bool(_NOT_A_COUNT_BEFORE.search(before, tail)) == bool(_NOT_A_COUNT_BEFORE.search(before)), before
        assert bool(_MONTH_BEFORE.search(before, tail)) == bool(_MONTH_BEFORE.search(before)), before


@pytest.mark.parametrize("text, values", [
    ("Between March 27 and 31, soldiers killed 500 people.", [500]),
    ("On March 2 and 3 people were killed.", [3]),
])
def test_the_last_day_of_a_range_of_days_is_no_count(text, values):
    assert [int(n.value) for n in find_numbers(text)] == values


def test_thousands_grouped_with_spaces():
    from kg.extract.numbers import find_numbers

    assert [int(n.value) for n in find_numbers("At least 3\u00a0000 people and 12\u202f500 others died")] == [3000, 12500]
    assert [int(n.value) for n in find_numbers("At least 3 000 people died in 2022, and 40 000 more fled.")] == [3000, 40000]
    assert [int(n.value) for n in find_numbers("On March 12, 100 people died.")] == [100]
