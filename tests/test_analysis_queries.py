"""The analysis queries beside `conflicts`: revisions, stock-flow, who-asserted, corroboration,
not-comparable, unattributed and source-matrix; run on the seeds' gold claims, on small
hand-built graphs, through `kg query`, over HTTP, and on a second SPARQL engine (rdflib)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from kg.analysis.queries import run_named
from kg.analysis.queries import catalog, prepare, resolve
from kg.cli import app
from kg.output import records

from seed_figures import CJTF, seed_articles, store_seed_claims
from test_conflicts import AIRWARS, claim, put

ANALYSIS_QUERIES = ["conflicts", "conflicts-live", "revisions", "stock-flow", "who-asserted", "corroboration", "not-comparable",
                    "unattributed", "source-matrix", "figures"]
runner = CliRunner()


@pytest.fixture
def seed_store(store, vocab):
    store_seed_claims(store, vocab)
    return store


def test_every_analysis_query_is_named_and_documented():
    queries = catalog()
    for name in ANALYSIS_QUERIES:
        assert queries[name].title and queries[name].description, name
    assert {p.name for p in queries["conflicts"].params} == {"metric", "kind", "asserter", "place", "since", "until"}
    assert {p.name for p in queries["conflicts-live"].params} == {"metric", "kind", "asserter", "tolerance",
                                                                 "place", "since", "until"}


def test_source_matrix_counts_what_the_live_rules_say(store, vocab):
    """Each pair of sources' counts equal the pairs the live conflict rules type between them."""
    store_seed_claims(store, vocab)
    counts: dict = {}
    for kind, relation in (("contradiction", "contradict"), ("discrepancy", "differ"), ("corroboration", "agree")):
        for r in run_named(store, "conflicts-live", {"kind": kind}):
            if r["asserter_a"] != r["asserter_b"]:
                pair = tuple(sorted((r["asserter_a"], r["asserter_b"])))
                counts.setdefault(pair, {"agree": 0, "differ": 0, "contradict": 0})[relation] += 1
    matrix = {(r["source_a"], r["source_b"]): r for r in run_named(store, "source-matrix", {})}
    assert set(counts) <= set(matrix)
    for pair, c in counts.items():
        assert (matrix[pair]["differ"], matrix[pair]["contradict"]) == (c["differ"], c["contradict"]), pair
        assert matrix[pair]["agree"] >= c["agree"]  # plus compatible figures, which conflicts never lists


# ---------------------------------------------------------------- revisions

def test_seed_revision_series_rise_with_no_downward_flag(seed_store):
    rows = run_named(seed_store, "revisions", {"asserter": "CJTF-OIR", "metric": "civilians-killed"})
    totals = [(r["period_end"], r["value"]) for r in rows if r["bound"] == "at-least" and r["series_start"] == "2014-08"]
    assert totals == [("2017-07", 685), ("2017-11", 817), ("2018-07", 1061), ("2018-09", 1114), ("2018-11", 1139)]
    assert "down" not in {r["flag"] for r in rows}
    strikes = run_named(seed_store, "revisions", {"metric": "strikes"})
    assert [(r["value"], r["bound"], r["flag"]) for r in strikes] == [
        (24160, "exact", "first"), (28562, "exact", "up"), (29920, "exact", "up"),
        (30000, "more-than", "up"), (31406, "exact", "up")]
    assert strikes[-1]["previous"] == ">30000" and strikes[-1]["previous_end"] == "2018-09"


def test_seed_open_reports_going_down_is_lower_not_a_flagged_revision(seed_store):
    rows = run_named(seed_store, "revisions", {"metric": "open-reports"})
    assert [(r["value"], r["flag"]) for r in rows] == [
        (455, "first"), (603, "up"), (216, "lower"), (310, "up"), (207, "lower"), (184, "lower")]


def test_a_running_total_that_goes_down_is_flagged(store, vocab):
    put(store, vocab,
        claim(CJTF, 900, "at-least", start="2014-08", end="2018-01", places=("iraq",)),
        claim(CJTF, 850, "at-least", start="2014-08", end="2018-03", places=("iraq",), article="b.txt"),
        claim(CJTF, 950, "at-least", start="2014-08", end="2018-05", places=("iraq",), article="c.txt"),
        claim(AIRWARS, 5, start="2018-01", end="2018-01", places=("iraq",)))  # a series of one: left out
    rows = run_named(store, "revisions", {})
    assert [(r["asserter"], r["value"], r["flag"]) for r in rows] == [
        ("CJTF-OIR", 900, "first"), ("CJTF-OIR", 850, "down"), ("CJTF-OIR", 950, "up")]


# ---------------------------------------------------------------- stock and flow

def test_seed_004_stock_and_flow_holds(seed_store):
    rows = run_named(seed_store, "stock-flow", {})
    assert [(r["asserter"], r["month"], r["open_before"], r["new"], r["completed"], r["open_after"],
             r["expected"], r["holds"]) for r in rows] == [("CJTF-OIR", "2018-09", 310, 1, 104, 207, 207, True)]
    assert rows[0]["quote_before"] == "Inherent Resolve carried over 310 open reports from previous months"
    assert rows[0]["quote_after"] == "A total of 207 reports are still open."


def test_stock_and_flow_that_does_not_add_up_is_shown_as_failing(store, vocab):
    put(store, vocab,
        claim(CJTF, 100, metric="open-reports", start=None, end="2019-12"),
        claim(CJTF, 10, metric="new-reports", start="2020-01", end="2020-01"),
        claim(CJTF, 20, metric="completed-reports", start="2020-01", end="2020-01"),
        claim(CJTF, 95, metric="open-reports", start=None, end="2020-01"))
    rows = run_named(store, "stock-flow", {})
    assert [(r["month"], r["expected"], r["open_after"], r["holds"]) for r in rows] == [("2020-01", 90, 95, False)]


# ---------------------------------------------------------------- who asserted, corroboration, unattributed

def test_who_asserted_a_figure_and_an_incident(seed_store):
    rows = run_named(seed_store, "who-asserted", {"metric": "civilians-killed", "value": "1139"})
    assert [(r["asserter"], r["outlets"], r["articles"], r["first_published"], r["last_published"]) for r in rows] == \
        [("CJTF-OIR", "International Business Times", 1, "2018-12", "2018-12")]
    assert rows[0]["quotes"].startswith("CJTF-OIR assesses at least 1,139")
    rows = run_named(seed_store, "who-asserted", {"incident": "bomb-making factory"})
    assert sorted((r["asserter"], r["value"]) for r in rows) == [("BBC", 100), ("CJTF-OIR", 12)]


def test_corroboration_groups_the_same_figure(seed_store):
    rows = run_named(seed_store, "corroboration", {})
    assert [(r["metric"], r["value"], r["sources"], r["articles"], r["asserters"]) for r in rows] == \
        [("completed-reports", 104, 2, 1, "CJTF-OIR, Airwars")] or \
        [(r["metric"], r["value"], r["sources"], sorted(r["asserters"].split(", "))) for r in rows] == \
        [("completed-reports", 104, 2, ["Airwars", "CJTF-OIR"])]


def test_unattributed_figures_are_the_outlets_own(seed_store):
    rows = run_named(seed_store, "unattributed", {})
    assert [(r["outlet"], r["metric"], r["value"], r["bound"]) for r in rows] == \
        [("Sputnik", "coalition-members", 70, "more-than")]


def test_not_comparable_lists_snhr_beside_the_coalition_totals(seed_store):
    rows = run_named(seed_store, "not-comparable", {"asserter": "SNHR"})
    pairs = {(r["asserter_a"], r["value_a"], r["asserter_b"], r["value_b"]) for r in rows}
    assert ("CJTF-OIR", 1139, "Syrian Network for Human Rights", 6395) in pairs
    assert pairs == {("CJTF-OIR", v, "Syrian Network for Human Rights", 6395) for v in (0, 1000, 1114, 1139)}
    row = next(r for r in rows if r["value_a"] == 1139)
    assert row["reason"] == "different places: iraq,syria vs syria; the periods overlap"


def test_source_matrix_counts_agreements_differences_and_contradictions(seed_store):
    rows = run_named(seed_store, "source-matrix", {})
    assert [(r["source_a"], r["source_b"], r["compared"], r["agree"], r["differ"], r["contradict"]) for r in rows] == [
        ("BBC", "CJTF-OIR", 1, 0, 0, 1), ("Airwars", "CJTF-OIR", 3, 1, 2, 0)]


# ---------------------------------------------------------------- portability: kg query, HTTP, a second engine

@pytest.mark.parametrize("name", ANALYSIS_QUERIES)
def test_each_query_runs_through_kg_query(tmp_path, vocab, name):
    from kg.resources import ontology_files
    from kg.stores import open_store, sync_reference

    path = tmp_path / "kg-data"
    with open_store(path) as s:
        sync_reference(s, ontology_files())
        store_seed_claims(s, vocab)
    r = runner.invoke(app, ["query", name, "--store", str(path), "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert len(r.stdout.splitlines()) >= 2  # a header and at least one row on the seeds


def test_every_analysis_query_gives_the_same_rows_on_rdflib(seed_store):
    """Standard SPARQL 1.1 only: rdflib's engine over the same quads agrees with Oxigraph."""
    dataset = Dataset(default_union=True)
    dataset.parse(data=seed_store.dump_nquads(), format="nquads")
    for name in ANALYSIS_QUERIES:
        text = prepare(resolve(name), {})
        expected = sorted(map(_row_key, records(seed_store.query(text))))
        result = dataset.query(text)
        got = sorted(_row_key({str(v): row[v] for v in result.vars}) for row in result)
        assert got == expected, name


def _row_key(row: dict) -> tuple:
    out = []
    for key in sorted(row):
        value = row[key]
        value = None if value is None else str(value)
        if value in ("True", "False"):  # a Python bool from kg.output, an xsd:boolean from rdflib
            value = value.lower()
        if value is not None:
            try:
                value = str(Decimal(value).normalize())
            except ArithmeticError:
                pass
        out.append((key, "<unbound>" if value is None else value))
    return tuple(out)


def test_kg_conflicts_over_http_matches_the_embedded_store(tmp_path, vocab):
    from test_serve_support import build_store, start_server, stop_server

    path = build_store(tmp_path / "served", vocab, seed_articles())
    embedded = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json"])
    served = start_server(path)
    try:
        remote = runner.invoke(app, ["conflicts", "--store", served.url, "--format", "json"])
        matrix = runner.invoke(app, ["query", "source-matrix", "--store", served.url, "--format", "csv"])
    finally:
        stop_server(served)
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == embedded.stdout and '"ratio": 6.42' in remote.stdout
    assert "Airwars,CJTF-OIR,3,1,2,0" in matrix.stdout
