"""Conflict analysis: when two claims are comparable, what interval each figure stands for,
and which kind of disagreement (or agreement) a pair of figures is.

The named queries (``queries/conflicts.rq`` and its siblings) compute the same in SPARQL
over a whole store; this module is the reference for those rules in plain Python. It keys
claims at load time (``comparison_buckets``, ``series_key``, ``overlap_buckets``: called by
``kg.rdf``) so the queries pair claims through an index instead of a self-join, and it
explains a single pair (``kg conflicts --explain``). docs/conflicts.md states the rules.

This module must stay importable from ``kg.rdf``: no imports of kg modules at the top.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

DEFAULT_TOLERANCE = Decimal("0.10")
KINDS = ("contradiction", "discrepancy", "misreport", "revision", "not-comparable")
ALL_KINDS = KINDS + ("corroboration",)
UPPER_OPEN_BOUNDS = ("at-least", "more-than")  # no upper limit: [v, inf) and (v, inf)
LOWER_CAPPED_BOUNDS = ("at-most", "less-than")  # [0, v] and [0, v)


# ---------------------------------------------------------------- dates at their precision

def month_index(iso: str) -> int:
    """Months since year 0 of an ISO date's month ('2018-11' and '2018-11-30' alike); a year is its December."""
    year = int(iso[:4])
    month = int(iso[5:7]) if len(iso) >= 7 else 12
    return year * 12 + month - 1


def month_string(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def shared_precision_equal(a: str | None, b: str | None) -> bool:
    """Two dates are the same at the coarser of their precisions: '2017-05' equals '2017-05-14'."""
    if a is None or b is None:
        return a is None and b is None
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def ends_within_a_month(a: str, b: str) -> bool:
    """Running totals: ends in the same or adjacent months (the same year when one is a bare year)."""
    if min(len(a), len(b)) == 4:
        return a[:4] == b[:4]
    return abs(month_index(a) - month_index(b)) <= 1


def is_running_total(start: str | None, end: str | None, cumulative: bool, campaign_starts: Iterable[str]) -> bool:
    """A figure counted from the start of a campaign ("since the start", "from August 2014 to ...").

    Flagged cumulative by the extractor, or starting at a known campaign start and lasting
    more than one month (a figure for August 2014 alone is a monthly figure, not a total).
    """
    if cumulative:
        return end is not None
    if start is None or end is None or start[:7] == end[:7]:
        return False
    return any(shared_precision_equal(start, s) for s in campaign_starts if s)


# ---------------------------------------------------------------- keys materialised at load time

def _places(places: Iterable[str]) -> str:
    return ",".join(sorted(set(places)))


def comparison_buckets(metric: str, incident: str | None, places: Iterable[str], start: str | None,
                       end: str | None, running: bool) -> list[str]:
    """Keys such that two comparable claims always share one (the reverse need not hold).

    An incident fixes time and place, so incident claims meet on metric and incident alone.
    Other claims meet on metric, place set and the month their period ends; a bare year ends
    in each of its months; a running total also meets totals ending the month after.
    A claim without a period end is comparable with nothing and gets no key.
    """
    if incident:
        return [f"{metric}|{incident}"]
    if end is None:
        return []
    prefix = f"{metric}|-|{_places(places)}|"
    if len(end) == 4:
        months = [month_index(f"{end}-{m:02d}") for m in range(1, 13)]
    else:
        months = [month_index(end)]
    if running:
        months += [m + 1 for m in months]
    return [prefix + month_string(m) for m in sorted(set(months))]


def series_key(metric: str, incident: str | None, places: Iterable[str], start: str | None) -> str:
    """One source's re-statements of the same count share this key (with the asserter): a revision series."""
    return f"{metric}|{incident or '-'}|{_places(places)}|{start or '-'}"


def overlap_buckets(metric: str, incident: str | None, places: Iterable[str], end: str | None) -> list[str]:
    """Keys of claims that may be listed as not comparable: same metric, a shared place, ends within a month.

    Each place of the set gets the month the period ends and the month after (a bare year:
    each of its months and the January after), so two claims ending within a month share a key.
    """
    if incident or end is None:
        return []
    months = [month_index(f"{end}-{m:02d}") for m in range(1, 13)] if len(end) == 4 else [month_index(end)]
    months = sorted({m + shift for m in months for shift in (0, 1)})
    return [f"{metric}|{place}|{month_string(m)}" for place in sorted(set(places)) for m in months]


# ---------------------------------------------------------------- figures as intervals

@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal | None  # None: no upper limit
    lo_open: bool = False
    hi_open: bool = False

    @classmethod
    def of(cls, value, bound: str, value_max=None, tolerance=DEFAULT_TOLERANCE) -> "Interval":
        v, t = Decimal(str(value)), Decimal(str(tolerance))
        if bound == "exact":
            return cls(v, v)
        if bound == "at-least":
            return cls(v, None)
        if bound == "more-than":
            return cls(v, None, lo_open=True)
        if bound == "at-most":
            return cls(Decimal(0), v)
        if bound == "less-than":
            return cls(Decimal(0), v, hi_open=True)
        if bound == "approx":
            return cls(v * (1 - t), v * (1 + t))
        if bound == "range":
            return cls(v, Decimal(str(value_max if value_max is not None else value)))
        raise ValueError(f"unknown bound {bound!r}")

    def below(self, other: "Interval") -> bool:
        """Every value of self is below every value of other."""
        if self.hi is None:
            return False
        return self.hi < other.lo or (self.hi == other.lo and (self.hi_open or other.lo_open))

    def disjoint(self, other: "Interval") -> bool:
        return self.below(other) or other.below(self)

    def __str__(self) -> str:
        hi = "∞" if self.hi is None else _num(self.hi)
        return f"{'(' if self.lo_open else '['}{_num(self.lo)}, {hi}{')' if self.hi_open or self.hi is None else ']'}"


def _num(d: Decimal) -> str:
    d = d.normalize()
    return f"{d:f}" if d == d.to_integral_value() or abs(d.as_tuple().exponent) <= 4 else f"{d:.4f}"


def is_one_sided(bound: str) -> bool:
    return bound in UPPER_OPEN_BOUNDS or bound in LOWER_CAPPED_BOUNDS


def gap_ratio(value_a, max_a, value_b, max_b) -> Decimal | None:
    """How far apart the stated figures are: the higher one's lowest figure over the lower one's highest.

    1 when the stated figures meet or overlap; None when the lower figure is 0 (infinitely far).
    """
    a_lo, b_lo = Decimal(str(value_a)), Decimal(str(value_b))
    a_hi = Decimal(str(max_a)) if max_a is not None else a_lo
    b_hi = Decimal(str(max_b)) if max_b is not None else b_lo
    if b_lo >= a_hi:
        low, high = a_hi, b_lo
    elif a_lo >= b_hi:
        low, high = b_hi, a_lo
    else:
        return Decimal(1)
    if low == 0:
        return None if high > 0 else Decimal(1)
    return high / low


def rounded(ratio: Decimal | None) -> Decimal | None:
    """A ratio as the queries show it: two decimals, halves rounded up."""
    return None if ratio is None else ratio.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- claims and pairs

@dataclass(frozen=True)
class Figure:
    """What the analysis needs to know about one claim."""

    claim: str
    metric: str
    value: Decimal
    bound: str = "exact"
    value_max: Decimal | None = None
    asserter: str = ""
    article: str = ""
    period_start: str | None = None
    period_end: str | None = None
    running: bool = False
    places: tuple[str, ...] = ()
    incident: str | None = None
    quote: str = ""
    outlet: str | None = None
    voice: str = ""  # the root of the asserter's family (kg.sources): figures of one voice are not independent
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def interval(self, tolerance=DEFAULT_TOLERANCE) -> Interval:
        return Interval.of(self.value, self.bound, self.value_max, tolerance)

    @property
    def stated(self) -> str:
        v = _num(Decimal(self.value))
        return {"exact": v, "at-least": f"≥{v}", "more-than": f">{v}", "at-most": f"≤{v}", "less-than": f"<{v}",
                "approx": f"~{v}", "range": f"{v}–{_num(Decimal(self.value_max or self.value))}"}.get(self.bound, v)

    @property
    def period(self) -> str:
        if self.period_end is None:
            return "no period"
        if self.period_start in (None, self.period_end):
            return self.period_end if self.period_start else f"to {self.period_end}"
        return f"{self.period_start}..{self.period_end}"


def voice(f: Figure) -> str:
    """Who speaks through a figure: its asserter's family (UNAMA speaks as the UN), else the asserter."""
    return f.voice or f.asserter


def _one_voice(a: Figure, b: Figure) -> str:
    """How two figures of one voice are one: the same asserter, or two asserters of one family."""
    if a.asserter == b.asserter:
        return "the same asserter"
    return f"one voice ({a.asserter} and {b.asserter} are of the {voice(a)} family)"


def comparable(a: Figure, b: Figure) -> tuple[bool, str]:
    """Whether two claims count the same thing, and why (or why not)."""
    if a.metric != b.metric:
        return False, f"different metrics ({a.metric} vs {b.metric})"
    if (a.incident or b.incident) and a.incident != b.incident:
        return False, "one is about an incident, the other " + ("about another" if a.incident and b.incident else "is not")
    if a.incident:
        return True, f"same metric and incident ({a.incident}): the incident fixes time and place"
    if set(a.places) != set(b.places):
        return False, f"different places ({_places(a.places) or 'none'} vs {_places(b.places) or 'none'})"
    if a.period_end is None or b.period_end is None:
        return False, "a period without an end cannot be compared"
    if a.running and b.running:
        if ends_within_a_month(a.period_end, b.period_end):
            return True, (f"both running totals for {_places(a.places) or 'no place'} ending {a.period_end} and "
                          f"{b.period_end} (within a month)")
        return False, f"running totals ending {a.period_end} and {b.period_end}, more than a month apart"
    if not shared_precision_equal(a.period_start, b.period_start):
        return False, f"periods start differently ({a.period_start or 'unstated'} vs {b.period_start or 'unstated'})"
    if not shared_precision_equal(a.period_end, b.period_end):
        return False, f"periods end differently ({a.period_end} vs {b.period_end})"
    return True, f"same metric, places ({_places(a.places) or 'none'}) and period ({a.period} ~ {b.period})"


def relation(a: Figure, b: Figure, tolerance=DEFAULT_TOLERANCE) -> tuple[str, Decimal | None, str]:
    """How two comparable figures relate: same, contradiction, discrepancy or compatible; with the gap ratio."""
    t = Decimal(str(tolerance))
    ia, ib = a.interval(t), b.interval(t)
    ratio = gap_ratio(a.value, a.value_max if a.bound == "range" else None,
                      b.value, b.value_max if b.bound == "range" else None)
    if (a.value, a.bound, a.value_max if a.bound == "range" else None) == \
            (b.value, b.bound, b.value_max if b.bound == "range" else None):
        return "same", ratio, f"the same figure {a.stated}"
    if ia.disjoint(ib):
        return "contradiction", ratio, f"{ia} and {ib} do not overlap"
    one_sided = [f.stated for f in (a, b) if is_one_sided(f.bound)]
    far = ratio is None or ratio > 1 + t
    if one_sided and far:
        return "discrepancy", ratio, (f"{ia} and {ib} overlap only through the open bound of {' and '.join(one_sided)}, "
                                      f"while the figures differ ×{rounded(ratio) if ratio is not None else '∞'} > {1 + t}")
    if one_sided:
        return "compatible", ratio, f"{ia} and {ib} overlap and the figures are within the tolerance ({t})"
    return "compatible", ratio, f"{ia} and {ib} overlap"


def classify(a: Figure, b: Figure, tolerance=DEFAULT_TOLERANCE) -> list[tuple[str | None, Decimal | None, str]]:
    """Every kind a pair of claims is listed under, with the reason. Kind None: not listed; kind
    "compatible": different sources that agree, not a conflict (the source matrix counts them)."""
    found = [_compare(a, b, tolerance)]
    revision = _revision(a, b)
    if revision is not None:
        found = [f for f in found if f[0]] + [revision] if revision[0] else found + [revision]
    return found


def _compare(a: Figure, b: Figure, tolerance) -> tuple[str | None, Decimal | None, str]:
    ok, why = comparable(a, b)
    if not ok:
        if (a.metric == b.metric and not a.incident and not b.incident and voice(a) != voice(b)
                and set(a.places) & set(b.places) and set(a.places) != set(b.places)
                and a.period_end and b.period_end and ends_within_a_month(a.period_end, b.period_end)
                and _periods_overlap(a, b)):
            return "not-comparable", None, f"not compared: {why}, though the periods overlap"
        return None, None, f"not compared: {why}"
    rel, ratio, how = relation(a, b, tolerance)
    # sources of one family (UNAMA and the UN) are one voice: not independent of each other
    independent = voice(a) != voice(b)
    if rel == "same" and (independent or a.article != b.article):
        who = "different asserters" if independent else f"{_one_voice(a, b)} in two articles"
        return "corroboration", ratio, f"{why}; {who}; {how}"
    if independent:  # "same" figures of different asserters were corroboration above
        return rel, ratio, f"{why}; different asserters; {how}"
    if a.article == b.article:
        return None, ratio, f"{why}; {_one_voice(a, b)} in the same article; {how}"
    if rel in ("contradiction", "discrepancy"):
        return "misreport", ratio, f"{why}; {_one_voice(a, b)} in two articles ({rel}); {how}"
    return None, ratio, f"{why}; {_one_voice(a, b)} in two articles; {how}"


def _periods_overlap(a: Figure, b: Figure) -> bool:
    a_start, b_start = a.period_start or a.period_end, b.period_start or b.period_end
    n = min(len(a_start), len(b.period_end))
    m = min(len(b_start), len(a.period_end))
    return a_start[:n] <= b.period_end[:n] and b_start[:m] <= a.period_end[:m]


def _revision(a: Figure, b: Figure) -> tuple[str | None, Decimal | None, str] | None:
    """Running totals of one series by one source: listed when the later one is lower (None: not a series)."""
    if a.asserter != b.asserter or a.metric != b.metric or a.incident != b.incident or set(a.places) != set(b.places):
        return None
    if not (a.running and b.running) or a.period_start != b.period_start or not (a.period_end and b.period_end):
        return None
    n = min(len(a.period_end), len(b.period_end))
    if a.period_end[:n] == b.period_end[:n]:
        return None
    earlier, later = (a, b) if a.period_end[:n] < b.period_end[:n] else (b, a)
    later_top = later.value_max if later.bound == "range" and later.value_max is not None else later.value
    like_for_like_down = later.bound == earlier.bound and Decimal(later.value) < Decimal(earlier.value)
    capped_below = (later.bound not in UPPER_OPEN_BOUNDS and earlier.bound not in LOWER_CAPPED_BOUNDS
                    and Decimal(later_top) < Decimal(earlier.value))
    ratio = gap_ratio(a.value, a.value_max if a.bound == "range" else None,
                      b.value, b.value_max if b.bound == "range" else None)
    if like_for_like_down or capped_below:
        return "revision", ratio, (f"the running total went down from {earlier.stated} ({earlier.period_end}) "
                                   f"to {later.stated} ({later.period_end})")
    return None, None, f"a revision from {earlier.stated} ({earlier.period_end}) to {later.stated} ({later.period_end}), not down"


def pair_findings(first: Figure, second: Figure, tolerance=DEFAULT_TOLERANCE, with_compatible: bool = False
                  ) -> list[tuple[str, Figure, Figure, Decimal | None, str]]:
    """What a pair of claims is listed as (kind, a, b, ratio, reason), side a being the lower figure
    (the earlier one for a revision), as in the queries. ``with_compatible`` adds agreeing pairs of
    different sources as kind "compatible"."""
    a, b = (first, second) if (first.value, first.claim) < (second.value, second.claim) else (second, first)
    out = []
    for kind, ratio, why in classify(a, b, tolerance):
        if kind == "revision":  # a revision reads in time order
            out.append((kind, *sorted((a, b), key=lambda f: f.period_end), ratio, why))
        elif kind and (kind != "compatible" or with_compatible):
            out.append((kind, a, b, ratio, why))
    return out


def analyse(figures: list[Figure], tolerance=DEFAULT_TOLERANCE) -> list[tuple[str, Figure, Figure, Decimal | None, str]]:
    """Every listed pair (kind, a, b, ratio, reason) among ``figures``; quadratic: for small sets and tests."""
    return [found for i, first in enumerate(figures) for second in figures[i + 1:]
            for found in pair_findings(first, second, tolerance)]
