"""Conflict analysis: comparability, intervals and every kind, on hand-built graphs and on the seeds.

Each hand-built case stores real article graphs (validated, as `kg load` stores them) and runs
the `conflicts` query; the Python reference in kg.analysis.listing must list exactly the same pairs.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from kg.analysis import findings
from kg.analysis.listing import load_figures
from kg.analysis.queries import run_named
from kg.analysis.rules import (Figure, Interval, analyse, comparable, comparison_buckets, gap_ratio, is_running_total,
                          rounded)
from kg.cli import app
from kg.load import Loader, content_hash, store_article
from kg.model import Article, ArticleMeta, Claim, Incident, Period, SourceRef

from seed_figures import store_seed_claims

CJTF = SourceRef("cjtf-oir", "CJTF-OIR")
AIRWARS = SourceRef("airwars", "Airwars")
BBC = SourceRef("bbc", "BBC", "Outlet")
SNHR = SourceRef("snhr", "Syrian Network for Human Rights")
runner = CliRunner()


# ---------------------------------------------------------------- building small graphs

def claim(asserter=CJTF, value=100, bound="exact", vmax=None, start="2018-01", end="2018-01", places=("iraq",),
          incident=None, cumulative=False, metric="civilians-killed", article="a.txt") -> tuple[str, Claim]:
    c = Claim(metric=metric, value=Decimal(value), bound=bound, value_max=Decimal(vmax) if vmax else None,
              asserter=asserter, period=Period(start, end, cumulative=cumulative), places=places,
              incident=incident, confidence=1.0, rule="test", method="manual")
    return article, c


def put(store, vocab, *specs: tuple[str, Claim]) -> None:
    """Store the claims, one article per distinct article name, each quote a line of its text."""
    by_article: dict[str, list[Claim]] = {}
    for name, c in specs:
        by_article.setdefault(name, []).append(c)
    for name, claims in by_article.items():
        lines = [f"{c.asserter.label} gives {c.value} {c.bound} ({name} #{i})" for i, c in enumerate(claims)]
        text = "\n".join(lines) + "\n"
        for c, line in zip(claims, lines):
            c.quote, c.start = line, text.index(line)
            c.end = c.start + len(line)
        meta = ArticleMeta(file_name=name, publisher="Reuters", published="2019-01")
        store_article(store, Article(meta, text, content_hash(text), claims), vocab)


def conflicts(store, **params) -> set[tuple]:
    """The `conflicts` rows (from the findings stored at load time), which must equal `conflicts-live`'s."""
    tolerance = Decimal(params.pop("tolerance", "0.10"))
    if findings.tolerance_of(store) != tolerance:
        findings.rebuild(store, tolerance)
    stored = [_pair(r) for r in run_named(store, "conflicts", params)]
    live = [_pair(r) for r in run_named(store, "conflicts-live", {**params, "tolerance": str(tolerance)})]
    assert stored == live  # the same rows in the same order
    return set(stored)


def _pair(r: dict) -> tuple:
    return (r["kind"], r["asserter_a"], r["value_a"], r["bound_a"], r["asserter_b"], r["value_b"], r["bound_b"],
            r["ratio"])


def python_reference(store, tolerance="0.10", kind=None) -> set[tuple]:
    figures = list(load_figures(store, None).values())
    out = set()
    for k, a, b, ratio, _ in analyse(figures, Decimal(tolerance)):
        if (kind is None and k == "corroboration") or (kind is not None and k != kind):
            continue
        r = None if k == "not-comparable" or ratio is None else rounded(ratio)
        out.add((k, a.asserter, _num(a.value), a.bound, b.asserter, _num(b.value), b.bound, _num(r) if r is not None else None))
    return out


def _num(d: Decimal):
    return int(d) if d == d.to_integral_value() else float(d)


def check(store, expected: set[tuple], **params) -> None:
    """The query lists exactly ``expected``, and the Python reference agrees with it."""
    got = conflicts(store, **params)
    assert got == expected
    assert python_reference(store, params.get("tolerance", "0.10"), params.get("kind")) == got


# ---------------------------------------------------------------- intervals and ratios (pure)

@pytest.mark.parametrize("bound, vmax, expected", [
    ("exact", None, "[10, 10]"), ("at-least", None, "[10, ∞)"), ("more-than", None, "(10, ∞)"),
    ("at-most", None, "[0, 10]"), ("less-than", None, "[0, 10)"), ("approx", None, "[9, 11]"),
    ("range", 15, "[10, 15]"),
])
def test_each_bound_is_an_interval(bound, vmax, expected):
    assert str(Interval.of(10, bound, vmax, Decimal("0.1"))) == expected


def test_touching_intervals_are_disjoint_only_through_an_open_end():
    assert not Interval.of(100, "at-least").disjoint(Interval.of(100, "at-most"))
    assert Interval.of(100, "more-than").disjoint(Interval.of(100, "at-most"))
    assert Interval.of(100, "at-least").disjoint(Interval.of(100, "less-than"))
    assert not Interval.of(10, "range", 20).disjoint(Interval.of(20, "range", 30))


def test_gap_ratio_uses_the_nearest_stated_figures():
    assert rounded(gap_ratio(1139, None, 7316, 11637)) == Decimal("6.42")
    assert gap_ratio(10, 20, 15, None) == 1  # 15 lies within 10-20
    assert gap_ratio(0, None, 5, None) is None  # infinitely far
    assert gap_ratio(0, None, 0, None) == 1


def test_running_totals_from_a_campaign_start_and_buckets():
    assert is_running_total("2014-08", "2018-11", False, ["2014-08"])
    assert not is_running_total("2014-08", "2014-08", False, ["2014-08"])  # one month is a monthly figure
    assert is_running_total(None, "2018-11", True, [])
    assert comparison_buckets("m", None, ("syria", "iraq"), "2014-08", "2018-11", True) == \
        ["m|-|iraq,syria|2018-11", "m|-|iraq,syria|2018-12"]
    assert comparison_buckets("m", None, ("iraq",), "2017-05-01", "2017-05-31", False) == ["m|-|iraq|2017-05"]
    assert len(comparison_buckets("m", None, ("iraq",), "2018", "2018", False)) == 12
    assert comparison_buckets("m", "strike-1", ("iraq",), None, None, False) == ["m|strike-1"]
    assert comparison_buckets("m", None, ("iraq",), None, None, False) == []


def test_comparable_explains_why_not():
    a = Figure("a", "civilians-killed", Decimal(1), places=("iraq",), period_start="2018-01", period_end="2018-01")
    assert comparable(a, Figure("b", "civilians-killed", Decimal(2), places=("syria",), period_start="2018-01",
                                period_end="2018-01")) == (False, "different places (iraq vs syria)")
    ok, why = comparable(a, Figure("b", "civilians-killed", Decimal(2), places=("iraq",), period_start="2018-01-01",
                                   period_end="2018-01-31"))
    assert ok and "same metric, places (iraq)" in why


# ---------------------------------------------------------------- every kind on small graphs

def test_contradiction_disjoint_exact_figures(store, vocab):
    put(store, vocab, claim(CJTF, 10), claim(AIRWARS, 20, article="b.txt"))
    check(store, {("contradiction", "CJTF-OIR", 10, "exact", "Airwars", 20, "exact", 2)})


def test_discrepancy_at_least_against_a_much_higher_figure(store, vocab):
    put(store, vocab, claim(CJTF, 100, "at-least"), claim(AIRWARS, 1000, article="b.txt"))
    check(store, {("discrepancy", "CJTF-OIR", 100, "at-least", "Airwars", 1000, "exact", 10)})


def test_open_bounds_on_both_sides(store, vocab):
    put(store, vocab,
        claim(CJTF, 100, "at-least"), claim(AIRWARS, 1000, "at-least", article="b.txt"),  # same side: discrepancy
        claim(CJTF, 100, "at-least", metric="civilians-injured"),
        claim(AIRWARS, 50, "at-most", metric="civilians-injured", article="b.txt"),  # opposite sides, apart
        claim(CJTF, 100, "more-than", metric="people-killed"),
        claim(AIRWARS, 100, "less-than", metric="people-killed", article="b.txt"),  # touching open ends
        claim(CJTF, 100, "at-least", metric="strikes"),
        claim(AIRWARS, 100, "at-most", metric="strikes", article="b.txt"))  # touching closed ends: compatible
    check(store, {
        ("discrepancy", "CJTF-OIR", 100, "at-least", "Airwars", 1000, "at-least", 10),
        ("contradiction", "Airwars", 50, "at-most", "CJTF-OIR", 100, "at-least", 2),
        ("contradiction", "CJTF-OIR", 100, "more-than", "Airwars", 100, "less-than", 1),
    })


def test_tolerance_decides_a_discrepancy(store, vocab):
    put(store, vocab, claim(CJTF, 100, "at-least"), claim(AIRWARS, 105, article="b.txt"))
    check(store, set())
    check(store, {("discrepancy", "CJTF-OIR", 100, "at-least", "Airwars", 105, "exact", 1.05)}, tolerance="0.01")


def test_ranges_touching_agree_and_ranges_apart_contradict(store, vocab):
    put(store, vocab, claim(CJTF, 10, "range", 20), claim(AIRWARS, 20, "range", 30, article="b.txt"),
        claim(CJTF, 10, "range", 20, metric="strikes"), claim(AIRWARS, 21, "range", 30, metric="strikes", article="b.txt"))
    check(store, {("contradiction", "CJTF-OIR", 10, "range", "Airwars", 21, "range", 1.05)})


def test_approximate_figures_widen_by_the_tolerance(store, vocab):
    put(store, vocab, claim(CJTF, 100, "approx"), claim(AIRWARS, 111, "range", 120, article="b.txt"))
    check(store, {("contradiction", "CJTF-OIR", 100, "approx", "Airwars", 111, "range", 1.11)})
    check(store, set(), tolerance="0.2")


def test_misreport_same_source_different_articles(store, vocab):
    put(store, vocab, claim(CJTF, 817, article="a.txt"), claim(CJTF, 871, article="b.txt"),
        claim(CJTF, 5, metric="strikes", article="a.txt"), claim(CJTF, 6, metric="strikes", article="a.txt"))
    check(store, {("misreport", "CJTF-OIR", 817, "exact", "CJTF-OIR", 871, "exact", 1.07)})


def test_corroboration_only_when_asked(store, vocab):
    put(store, vocab, claim(CJTF, 104), claim(AIRWARS, 104, article="b.txt"), claim(CJTF, 104, article="c.txt"))
    check(store, set())
    rows = run_named(store, "conflicts", {"kind": "corroboration"})
    pairs = sorted(tuple(sorted((r["asserter_a"], r["asserter_b"]))) for r in rows)
    assert pairs == [("Airwars", "CJTF-OIR"), ("Airwars", "CJTF-OIR"), ("CJTF-OIR", "CJTF-OIR")]
    assert python_reference(store, kind="corroboration") == conflicts(store, kind="corroboration")


def test_revision_downward_running_total_is_listed_upward_is_not(store, vocab):
    put(store, vocab,
        claim(CJTF, 1139, "at-least", start="2014-08", end="2018-11", places=("iraq", "syria")),
        claim(CJTF, 1100, "at-least", start="2014-08", end="2019-01", places=("iraq", "syria"), article="b.txt"),
        claim(CJTF, 1200, "at-least", start="2014-08", end="2019-03", places=("iraq", "syria"), article="c.txt"))
    rows = run_named(store, "conflicts", {"kind": "revision"})
    assert [(r["value_a"], r["period_end"], r["value_b"], r["period_end_b"]) for r in rows] == \
        [(1139, "2018-11", 1100, "2019-01")]
    check(store, {("revision", "CJTF-OIR", 1139, "at-least", "CJTF-OIR", 1100, "at-least", 1.04)})


def test_not_comparable_different_place_sets_over_overlapping_periods(store, vocab):
    put(store, vocab,
        claim(SNHR, 6395, start="2018-01", end="2018-10", places=("syria",)),
        claim(CJTF, 1139, "at-least", start="2014-08", end="2018-11", places=("iraq", "syria"), article="b.txt"),
        claim(AIRWARS, 50, start="2018-11", end="2018-11", places=("syria",), article="c.txt"),  # no overlap with SNHR
        claim(AIRWARS, 60, start="2018-01", end="2018-08", places=("syria",), article="d.txt"))  # ends 3 months before
    check(store, {("not-comparable", "CJTF-OIR", 1139, "at-least", "Syrian Network for Human Rights", 6395, "exact", None),
                  ("not-comparable", "Airwars", 50, "exact", "CJTF-OIR", 1139, "at-least", None)})


def test_month_and_day_precision_compare_at_the_shared_precision(store, vocab):
    put(store, vocab,
        claim(CJTF, 12, start="2017-05", end="2017-05"),
        claim(AIRWARS, 100, start="2017-05-01", end="2017-05-31", article="b.txt"),  # same month: compared
        claim(CJTF, 12, start="2017-06-14", end="2017-06-14", metric="strikes"),
        claim(AIRWARS, 100, start="2017-06-15", end="2017-06-15", metric="strikes", article="b.txt"))  # other day
    check(store, {("contradiction", "CJTF-OIR", 12, "exact", "Airwars", 100, "exact", 8.33)})


def test_a_year_compares_with_months_of_that_year(store, vocab):
    put(store, vocab, claim(CJTF, 10, start="2018", end="2018"),
        claim(AIRWARS, 20, start="2018-01", end="2018-12", article="b.txt"),
        claim(AIRWARS, 30, start="2019-01", end="2019-12", article="c.txt"))
    check(store, {("contradiction", "CJTF-OIR", 10, "exact", "Airwars", 20, "exact", 2)})


def test_running_totals_compare_within_a_month_only(store, vocab):
    put(store, vocab,
        claim(CJTF, 1139, "at-least", start="2014-08", end="2018-11", places=("iraq", "syria")),
        claim(AIRWARS, 7316, "range", 11637, start="2014-08", end="2018-12", places=("iraq", "syria"), article="b.txt"),
        claim(AIRWARS, 9000, start="2014-08", end="2019-01", places=("iraq", "syria"), article="c.txt"))
    check(store, {("discrepancy", "CJTF-OIR", 1139, "at-least", "Airwars", 7316, "range", 6.42)})


def test_an_incident_is_compared_whatever_the_periods_say(store, vocab):
    strike = Incident("mosul-factory-2017-05", "May 2017 strike on a factory in Mosul", "2017-05", ("mosul",))
    put(store, vocab, claim(CJTF, 12, incident=strike, start="2017-05", end="2017-05", places=("mosul", "iraq")),
        claim(BBC, 100, "more-than", incident=strike, start="2017-05-17", end="2017-05-17", places=("mosul",),
              article="b.txt"),
        claim(AIRWARS, 300, start="2017-05", end="2017-05", places=("mosul", "iraq"), article="c.txt"))  # no incident
    check(store, {("contradiction", "CJTF-OIR", 12, "exact", "BBC", 100, "more-than", 8.33)})


def test_filters_metric_kind_and_asserter_alias(store, vocab):
    put(store, vocab, claim(CJTF, 10), claim(AIRWARS, 20, article="b.txt"),
        claim(CJTF, 10, metric="strikes"), claim(BBC, 20, metric="strikes", article="b.txt"))
    assert {r[5] for r in conflicts(store, metric="strikes")} == {20}
    assert len(conflicts(store, asserter="air wars")) == 1  # an alias, any case
    assert conflicts(store, kind="misreport") == set()
    assert len(conflicts(store)) == 2


# ---------------------------------------------------------------- the seeds, hand-made from the gold claims

SEED_EXPECTED = {
    ("contradiction", "CJTF-OIR", 12, "exact", "BBC", 100, "more-than", 8.33),
    ("discrepancy", "CJTF-OIR", 1139, "at-least", "Airwars", 7316, "range", 6.42),
    ("discrepancy", "CJTF-OIR", 1000, "more-than", "Airwars", 7316, "range", 7.32),
    ("not-comparable", "CJTF-OIR", 1139, "at-least", "Syrian Network for Human Rights", 6395, "exact", None),
    ("not-comparable", "CJTF-OIR", 1000, "more-than", "Syrian Network for Human Rights", 6395, "exact", None),
    ("not-comparable", "CJTF-OIR", 1114, "at-least", "Syrian Network for Human Rights", 6395, "exact", None),
    ("not-comparable", "CJTF-OIR", 0, "exact", "Syrian Network for Human Rights", 6395, "exact", None),
}


@pytest.fixture
def seed_store(store, vocab):
    store_seed_claims(store, vocab)
    return store


def test_seed_conflicts_are_exactly_the_expected_rows(seed_store):
    check(seed_store, SEED_EXPECTED)


def test_seed_discrepancy_and_contradiction_carry_both_quotes_and_outlets(seed_store):
    rows = run_named(seed_store, "conflicts", {"metric": "civilians-killed"})
    disc = next(r for r in rows if r["kind"] == "discrepancy" and r["value_a"] == 1139)
    assert (disc["period_start"], disc["period_end"], disc["period_end_b"], disc["place"]) == \
        ("2014-08", "2018-11", "2018-12", "iraq,syria")
    assert disc["value_max_b"] == 11637 and disc["ratio"] == 6.42
    assert disc["quote_a"].startswith("CJTF-OIR assesses at least 1,139 civilians")
    assert disc["quote_b"] == "Airwars estimates the total death toll in last four years to be around 7,316 to 11,637"
    assert disc["article_a"] == disc["article_b"] == "001_bf04cfafd866ef6d.txt"
    assert disc["outlet_a"] == "International Business Times"
    contra = next(r for r in rows if r["kind"] == "contradiction")
    assert contra["incident"] == "May 2017 strike on a bomb-making factory in Mosul"
    assert contra["quote_b"].endswith("listed the number of deceased to be over 100.")


def test_seed_conflicts_columns_are_the_documented_ones(seed_store):
    result = seed_store.query(__import__("kg.analysis.queries", fromlist=["prepare"]).prepare(
        __import__("kg.analysis.queries", fromlist=["resolve"]).resolve("conflicts"), {}))
    assert result.variables[:17] == ["kind", "metric", "period_start", "period_end", "place", "incident",
                                     "asserter_a", "value_a", "bound_a", "article_a", "quote_a",
                                     "asserter_b", "value_b", "bound_b", "article_b", "quote_b", "ratio"]


# ---------------------------------------------------------------- `kg conflicts`

@pytest.fixture
def seed_claims_store(tmp_path, vocab):
    """A store folder holding the seeds' gold claims, their findings and the reference graphs."""
    from kg.stores import open_store, sync_reference
    from kg.resources import ontology_files

    path = tmp_path / "kg-data"
    with open_store(path) as s:
        sync_reference(s, ontology_files())
        store_seed_claims(s, vocab)
    return path


def test_kg_conflicts_prints_each_disagreement_with_asserter_outlet_and_quote(seed_claims_store):
    path = seed_claims_store
    # a terminal wide enough for each side's line (narrower, "— reported by" goes on a line of its own)
    r = runner.invoke(app, ["conflicts", "--store", str(path)], env={"COLUMNS": "120"})
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "civilians-killed · 2014-08..2018-11 · iraq,syria" in out
    assert "DISCREPANCY ×6.42" in out and "CONTRADICTION ×8.33" in out
    assert "CJTF-OIR: ≥1139  — reported by International Business Times, 001_bf04cfafd866ef6d.txt" in out
    assert "Airwars: 7316–11637  [2014-08..2018-12 · iraq,syria]" in out
    assert "BBC: >100" in out and "“which included 12 casualties in a strike on a bomb-making factory in Mosul, Iraq”" in out
    assert out.index("CONTRADICTION") < out.index("== Not comparable")  # disagreements before look-alikes

    r = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json", "--kind", "discrepancy"])
    rows = json.loads(r.stdout)
    assert sorted(row["value_a"] for row in rows) == [1000, 1139]

    r = runner.invoke(app, ["conflicts", "--store", str(path), "--explain", "--metric", "civilians-killed"],
                      env={"COLUMNS": "120"})
    assert "why: both running totals for iraq,syria ending 2018-11 and 2018-12 (within a month)" in r.stdout
    assert "Not listed (other sources on the same metric and place):" in r.stdout
    assert "compared, not a conflict" not in r.stdout or "overlap" in r.stdout

    r = runner.invoke(app, ["conflicts", "--store", str(path), "--kind", "feud"])
    assert r.exit_code == 2 and "unknown kind 'feud'" in r.stderr
    r = runner.invoke(app, ["conflicts", "--store", str(path), "--tolerance", "2"])
    assert r.exit_code == 2 and "--tolerance '2'" in r.stderr


def test_kg_conflicts_on_a_missing_store_is_a_one_line_error(tmp_path):
    r = runner.invoke(app, ["conflicts", "--store", str(tmp_path / "nowhere")])
    assert r.exit_code == 2 and "no kg store here" in r.stderr


# ---------------------------------------------------------------- end to end with the real extractor

def test_seed_conflicts_through_the_real_extractor(store, seed_dir):
    """Passes once the extractor finds the seeds' figures: the demo's two headline disagreements."""
    Loader(store).load_paths([seed_dir])
    got = conflicts(store, metric="civilians-killed")
    assert ("discrepancy", "CJTF-OIR", 1139, "at-least", "Airwars", 7316, "range", 6.42) in got
    assert ("contradiction", "CJTF-OIR", 12, "exact", "BBC", 100, "more-than", 8.33) in got
    assert any(k == "not-comparable" and b == "Syrian Network for Human Rights" and vb == 6395
               for k, _, _, _, b, vb, _, _ in got)


def listed(stdout: str) -> list[dict]:
    """`kg conflicts --format json` rows without their copy counts (kg.copies), none here."""
    rows = json.loads(stdout)
    assert all(row.pop("copies_a") == row.pop("copies_b") == 0 for row in rows)
    return rows


def test_conflicts_of_one_incident_match_the_full_listing(seed_claims_store):
    """`kg conflicts --incident` (the keyed query, fast on any store) lists what `conflicts` lists for it."""
    from kg.stores import open_store

    path = seed_claims_store
    every = listed(runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json"]).stdout)
    labels = sorted({row["incident"] for row in every if row["incident"]})
    assert labels, "the seed claims have an incident with a conflict"
    for label in labels:
        expected = [row for row in every if row["incident"] == label]
        for given in (label, label.upper()):
            r = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json", "--incident", given])
            assert r.exit_code == 0, r.output
            assert listed(r.stdout) == expected
        with open_store(path, read_only=True) as s:
            assert run_named(s, "conflicts-of-incident", {"incident": label}) == expected
            key = next(s.rows(f"SELECT ?i WHERE {{ ?i <http://www.w3.org/2000/01/rdf-schema#label> "
                              f"{json.dumps(label)} }}"))[0].rsplit("/", 1)[1]
        by_key = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json", "--incident", key])
        assert listed(by_key.stdout) == expected
        sides = {expected[0]["asserter_a"], expected[0]["asserter_b"]}
        for name, kept in ((sorted(sides)[0].lower(), expected), ("Airwars" if "Airwars" not in sides else "BBC", [])):
            r = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json", "--incident", label,
                                    "--asserter", name])
            assert listed(r.stdout) == kept, name
    none = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json", "--incident", "no such strike"])
    assert none.exit_code == 2 and none.stderr == "kg: no incident 'no such strike' in the store\n"


def test_conflicts_of_one_source_match_the_filtered_listing(seed_claims_store):
    """`kg conflicts --asserter` (the keyed query when the name resolves) lists what `conflicts` filters."""
    from kg.stores import open_store

    path = seed_claims_store
    with open_store(path, read_only=True) as s:
        every = run_named(s, "conflicts", {"kind": None})
        names = sorted({r["asserter_a"] for r in every} | {r["asserter_b"] for r in every})
        assert len(names) >= 3
        # the name of no source in the store is refused, not answered with an empty list
        r = runner.invoke(app, ["conflicts", "--store", str(path), "--asserter", "nobody at all"])
        assert r.exit_code == 2 and r.stderr.startswith("kg: no source 'nobody at all' in the store"), r.output
        for name in [*names, "air wars"]:
            for kind in (None, "corroboration"):
                expected = run_named(s, "conflicts", {"asserter": name, "kind": kind})
                r = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json", "--asserter", name,
                                        *(["--kind", kind] if kind else [])])
                assert r.exit_code == 0, r.output
                assert listed(r.stdout) == json.loads(json.dumps(expected, default=str)), (name, kind)
