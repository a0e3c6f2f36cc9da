"""The interval stand-in that draws relations when the conflict queries are not installed."""

from __future__ import annotations

from kg.export.data import ClaimRow
from kg.export.relations import pairs_by_intervals, revision_series


def claim(iri, asserter, value, bound="exact", value_max=None, article="a1", start="2014-08", end="2018-11"):
    return ClaimRow(iri=iri, article=article, file=article, asserter=asserter, asserter_label=asserter,
                    metric="civilians-killed", value=value, bound=bound, quote=iri, value_max=value_max,
                    period_start=start, period_end=end, places=("iraq", "syria"))


def kinds(*claims):
    return {(r.kind, r.a, r.b) for r in pairs_by_intervals(claims)}


def test_each_kind_of_pair():
    assert kinds(claim("x", "cjtf", 12), claim("y", "bbc", 100, "more-than")) == {("contradiction", "x", "y")}
    assert kinds(claim("x", "cjtf", 1139, "at-least"), claim("y", "airwars", 7316, "range", 11637)) == \
        {("discrepancy", "x", "y")}
    assert kinds(claim("x", "cjtf", 100), claim("y", "bbc", 100)) == {("corroboration", "x", "y")}
    assert kinds(claim("x", "cjtf", 100), claim("y", "cjtf", 120, article="a2")) == {("misreport", "x", "y")}
    # ranges that touch overlap; an open bound at the touching value does not
    assert kinds(claim("x", "a", 10, "range", 20), claim("y", "b", 20, "range", 30)) == {("corroboration", "x", "y")}
    assert kinds(claim("x", "a", 20, "less-than"), claim("y", "b", 20, "range", 30)) == {("contradiction", "x", "y")}


def test_claims_of_other_periods_or_places_are_not_paired():
    assert kinds(claim("x", "cjtf", 12), claim("y", "bbc", 100, end="2018-12")) == set()
    other = claim("y", "snhr", 6395)
    other.places = ("syria",)
    assert kinds(claim("x", "cjtf", 12), other) == set()
    # month against year: the same at the shared precision
    assert kinds(claim("x", "cjtf", 12), claim("y", "bbc", 100, "more-than", end="2018")) == {("contradiction", "x", "y")}


def test_revision_series_links_each_figure_to_the_one_before():
    series = [claim("a", "cjtf", 685, "at-least", end="2017-07"), claim("b", "cjtf", 817, "at-least", end="2017-11"),
              claim("c", "cjtf", 1139, "at-least", end="2018-11"), claim("d", "cjtf", 11, start="2017-11", end="2017-11")]
    assert {(r.a, r.b) for r in revision_series(series)} == {("b", "a"), ("c", "b")}
