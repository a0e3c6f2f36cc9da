"""Findings worked out at load time stay in step with the articles: load, remove, curate, crash, rebuild.

Each test checks what a user sees (the `conflicts` rows, `kg conflicts` output) and that the
stored findings equal what `conflicts-live` computes from the claims alone.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from typer.testing import CliRunner

from bench.corpus import write_corpus
from kg.admin import find_article, remove_article
from kg.analysis import findings
from kg.analysis.listing import conflict_rows
from kg.analysis.queries import run_named
from kg.analysis.rules import DEFAULT_TOLERANCE
from kg.namespaces import KG
from kg.cli import app
from kg.readers import read_article, read_manifest
from kg.load import Loader, commit, prepare, process_articles
from kg.rdf import article_iri
from kg.stores import open_store

from seed_figures import ARTICLES, seed_articles, store_seed_claims

runner = CliRunner()
FINDINGS = f"<{findings.FINDINGS_GRAPH}>"


def rows(store, name="conflicts", **params) -> list[tuple]:
    return [(r["kind"], r["asserter_a"], r["value_a"], r["asserter_b"], r["value_b"], r["ratio"], r["article_a"],
             r["article_b"]) for r in run_named(store, name, params)]


def assert_in_step(store) -> None:
    """The stored findings list exactly what the claims say today, kind by kind."""
    for kind in ("contradiction", "discrepancy", "misreport", "revision", "not-comparable", "corroboration"):
        assert rows(store, kind=kind) == rows(store, "conflicts-live", kind=kind), kind
    assert findings.awaiting(store) == []


def finding_quads(store) -> set[str]:
    """The findings graph's triples, a listing group's pages as one line per finding on them and pages of sides
    as one line a claim (how findings and claims are split into pages follows the batches they were written in)."""
    result = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {FINDINGS} {{ ?s ?p ?o }} }}")
    return {f"{s} {p} {entry}" for s, p, o in result.rows if p not in (KG.listedSides, KG.sidePage)
            for entry in (str(o).split("\n") if p == KG.listedFindings else [str(o)])} | {
        f"{s if p == KG.sidePage else '(a page)'} {p} {entry}" for s, p, o in result.rows
        if p in (KG.listedSides, KG.sidePage)  # pages of sides: a claim's line, whichever page holds it
        for entry in (str(o).split("\ue002") if p == KG.listedSides else ["(a page)"])}


def test_the_seeds_findings_are_the_expected_disagreements(store, vocab):
    store_seed_claims(store, vocab)
    got = rows(store, metric="civilians-killed", kind="contradiction")
    assert [(k, a, va, b, vb, r) for k, a, va, b, vb, r, _, _ in got] == [
        ("contradiction", "CJTF-OIR", 12, "BBC", 100, 8.33)]
    assert_in_step(store)


def test_removing_an_article_takes_its_findings_along(store, vocab):
    store_seed_claims(store, vocab)
    before = rows(store)
    assert any(k == "discrepancy" for k, *_ in before)
    name = ARTICLES["001"][0]  # Airwars' 7,316-11,637 is reported there
    assert remove_article(store, find_article(store, name))
    after = rows(store)
    assert not any(name in (x[6], x[7]) for x in after)
    assert len(after) < len(before)
    assert_in_step(store)


def test_a_load_interrupted_before_its_analysis_is_finished_by_the_next_writer(store, vocab):
    """As if killed after committing a batch's articles and before working out its findings."""
    articles = seed_articles()
    outcomes = process_articles([(a.meta.file_name, a) for a in articles], vocab)
    graphs = [article_iri(a.content_hash) for a in articles]
    findings._mark(store, graphs)
    for outcome in outcomes:
        commit(store, outcome)
    assert rows(store) == [] and len(findings.awaiting(store)) == len(articles)

    Loader(store, vocab)  # a writer opening the store finishes the interrupted analysis
    assert findings.awaiting(store) == []
    assert_in_step(store)
    assert any(k == "contradiction" for k, *_ in rows(store))


def test_the_same_findings_whatever_the_order_or_batching_of_the_load(tmp_path, vocab, seed_dir):
    one_by_one = open_store(tmp_path / "one")  # analysed after each article, figures cached in between
    Loader(one_by_one, vocab, batch_size=1, analysis_batch=1, commit_batch=1).load_paths([seed_dir])
    all_at_once = open_store(tmp_path / "all")
    Loader(all_at_once, vocab, batch_size=100).load_paths([seed_dir])
    assert finding_quads(one_by_one) == finding_quads(all_at_once)
    assert len(finding_quads(one_by_one)) > 20
    assert_in_step(one_by_one)

    findings.rebuild(all_at_once)  # kg analyse pairs claims metric by metric, in one pass each
    assert finding_quads(all_at_once) == finding_quads(one_by_one)


def test_a_load_in_many_small_batches_finds_what_a_rebuild_finds(tmp_path, vocab):
    """Generated articles repeat figures across batches: the cached groups must take in each batch's claims."""
    corpus = write_corpus(tmp_path / "corpus", 80, seed=5)
    store = open_store(tmp_path / "kg-data")
    Loader(store, vocab, batch_size=8, analysis_batch=8, commit_batch=8).load_paths([corpus])
    loaded = finding_quads(store)
    assert len(loaded) > 1000
    findings.rebuild(store)
    assert finding_quads(store) == loaded


def test_the_facts_a_worker_sends_are_what_the_writer_would_read_back(tmp_path, vocab):
    """The loader's writer takes each claim's keys and figure from the workers (kg.analysis.findings.claim_facts)
    instead of querying the store for them: both must say the same, claim by claim."""
    corpus = write_corpus(tmp_path / "corpus", 30, seed=9)
    store = open_store(tmp_path / "kg-data")
    manifest = read_manifest(corpus / "manifest.csv")
    articles = [prepare(read_article(p, manifest=manifest), vocab) for p in sorted(corpus.glob("*.txt"))]
    outcomes = process_articles([(a.meta.file_name, a) for a in articles], vocab)
    sent_keys, sent_figures = {}, {}
    for outcome in outcomes:
        commit(store, outcome)
        sent_keys.update(outcome.facts[0])
        sent_figures.update(outcome.facts[1])
    graphs = [o.iri for o in outcomes]
    read_keys = findings.keys_of(store, "g", graphs)
    read_figures = findings.figures_of(store, "claim", read_keys)
    assert len(sent_figures) > 200
    assert {c: sorted(set(g)) for c, g in sent_keys.items()} == {c: sorted(set(g)) for c, g in read_keys.items()}
    assert sent_figures.keys() == read_figures.keys()
    for claim, (figure, metric) in sent_figures.items():
        assert (findings.figure_iri(figure), figure, metric) == (findings.figure_iri(read_figures[claim][0]),
                                                                 *read_figures[claim]), claim


def test_a_rebuild_cut_short_is_finished_by_the_next_writer(store, vocab, monkeypatch):
    store_seed_claims(store, vocab)
    complete = finding_quads(store)
    worked_out = []
    real = findings.findings_for

    def killed_on_the_second_metric(*args, **kwargs):
        if worked_out:
            raise KeyboardInterrupt
        worked_out.append(True)
        return real(*args, **kwargs)

    monkeypatch.setattr(findings, "findings_for", killed_on_the_second_metric)
    with pytest.raises(KeyboardInterrupt):
        findings.rebuild(store)
    monkeypatch.undo()
    assert finding_quads(store) != complete and findings.awaiting(store)
    # kg conflicts meanwhile does not take the half-written findings for the answer
    got, note = conflict_rows(store, {}, DEFAULT_TOLERANCE)
    assert "still await analysis" in note and got == run_named(store, "conflicts-live", {}) and got

    Loader(store, vocab)
    assert finding_quads(store) == complete
    assert_in_step(store)


def test_the_analysis_cache_forgets_changed_groups_and_stays_bounded():
    cache = findings.AnalysisCache(size=4)
    cache.keep({f"f{i}": (f"figure {i}", "m") for i in range(4)})
    cache.forget(["c1"])  # a figure is named by what it states: a changed claim states another one
    assert cache.pick({"f0", "f1", "f9"}) == {"f0": ("figure 0", "m"), "f1": ("figure 1", "m")}
    cache.keep({f"g{i}": (f"figure {i}", "m") for i in range(3)})  # 7 > 4: the older half goes
    assert cache.pick({"f0", "f1", "f2", "f3", "g0", "g1", "g2"}).keys() == {"f3", "g0", "g1", "g2"}

    group, other = ("bucket", "k1"), ("bucket", "k2")
    cache.keep_members({group: {"f0": "c0", "f2": "c2"}})
    held = cache.pick_members({group, other})
    assert held == {group: {"f0": "c0", "f2": "c2"}}
    held[group]["f9"] = "c9"  # a copy: what the caller adds is kept only through keep_members
    assert cache.pick_members({group}) == {group: {"f0": "c0", "f2": "c2"}}
    cache.forget([])  # a batch of new articles forgets nothing
    assert cache.pick_members({group}) == {group: {"f0": "c0", "f2": "c2"}}
    cache.forget(["c2"])  # a changed claim: no group is trusted any more
    assert cache.pick_members({group}) == {}
    cache.keep_members({group: {"a": "1", "b": "2"}, other: {"c": "3", "d": "4", "e": "5"}})  # 5 > 4: every group goes
    assert cache.pick_members({group, other}) == {}


def test_kg_analyse_stores_another_tolerance_and_kg_conflicts_uses_it(tmp_path, vocab):
    path = tmp_path / "kg-data"
    with open_store(path) as s:
        Loader(s, vocab)  # reference data
        store_seed_claims(s, vocab)
    fast = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json"])
    assert fast.exit_code == 0 and "computing conflicts live" not in fast.stderr

    # Another tolerance than the stored one: computed live, and said so.
    live = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json", "--tolerance", "0.5"])
    assert live.exit_code == 0 and "computing conflicts live" in live.stderr and "findings use tolerance 0.1;" in live.stderr

    analysed = runner.invoke(app, ["analyse", "--store", str(path), "--tolerance", "0.5"])
    assert analysed.exit_code == 0, analysed.output
    assert "findings at tolerance 0.5" in analysed.stdout
    stored = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json", "--tolerance", "0.5"])
    assert stored.exit_code == 0 and "computing conflicts live" not in stored.stderr
    assert stored.stdout == live.stdout
    with open_store(path, read_only=True) as s:
        assert findings.tolerance_of(s) == Decimal("0.5")


def test_a_store_without_findings_is_analysed_live_until_kg_analyse(tmp_path, vocab):
    path = tmp_path / "kg-data"
    with open_store(path) as s:
        Loader(s, vocab)
        store_seed_claims(s, vocab)
        s.update(f"DROP GRAPH {FINDINGS}")  # as after a bulk load of `kg extract --output` files
    before = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json"])
    assert "the store has no findings" in before.stderr
    assert runner.invoke(app, ["analyse", "--store", str(path)]).exit_code == 0
    after = runner.invoke(app, ["conflicts", "--store", str(path), "--format", "json"])
    assert after.stderr == "" and after.stdout == before.stdout and '"ratio": 8.33' in after.stdout


# ---------------------------------------------------------------- figures stated by many claims

def repeated_figures(store, vocab) -> None:
    """Figures repeated across articles and within one, equal values under different bounds, a revision in one article."""
    from test_conflicts import AIRWARS, BBC, CJTF, claim, put
    total = {"start": "2014-08", "places": ("iraq", "syria")}
    put(store, vocab,
        claim(CJTF, 12, article="a.txt"), claim(CJTF, 12, article="a.txt"),  # the same figure twice in one article
        claim(CJTF, 12, article="b.txt"), claim(CJTF, 12, article="c.txt"),
        claim(BBC, 12, "more-than", article="b.txt"), claim(AIRWARS, 12, "more-than", article="d.txt"),
        claim(AIRWARS, 100, article="d.txt"), claim(AIRWARS, 100, article="e.txt"),
        claim(CJTF, 13, article="e.txt"),
        claim(CJTF, 1139, "at-least", end="2018-11", article="f.txt", **total),
        claim(CJTF, 1100, "at-least", end="2019-01", article="f.txt", **total))


def full_rows(store, name: str, kind: str) -> list[tuple]:
    return [tuple(sorted(r.items())) for r in run_named(store, name, {"kind": kind})]


def test_claims_stating_one_figure_are_listed_pair_by_pair_as_conflicts_live_lists_them(store, vocab):
    repeated_figures(store, vocab)
    for kind in ("contradiction", "discrepancy", "misreport", "revision", "not-comparable", "corroboration"):
        assert full_rows(store, "conflicts", kind) == full_rows(store, "conflicts-live", kind), kind
    corroborations = run_named(store, "conflicts", {"kind": "corroboration"})
    ours = sorted((r["article_a"], r["article_b"]) for r in corroborations
                  if r["asserter_a"] == r["asserter_b"] == "CJTF-OIR")
    # CJTF-OIR's 12, stated four times in three articles: every pair of claims in different articles
    assert sorted(tuple(sorted(p)) for p in ours) == [
        ("a.txt", "b.txt"), ("a.txt", "b.txt"), ("a.txt", "c.txt"), ("a.txt", "c.txt"), ("b.txt", "c.txt")]
    # 12 against more than 12: equal values, so side a is the claim with the lower IRI, as conflicts-live has it
    ties = [r for r in run_named(store, "conflicts", {}) if r["value_a"] == r["value_b"] == 12]
    assert len(ties) == 8 and all(str(r["claim_a"]) < str(r["claim_b"]) for r in ties)
    revision = run_named(store, "conflicts", {"kind": "revision"})
    assert [(r["value_a"], r["value_b"], r["article_a"], r["article_b"]) for r in revision] == [
        (1139, 1100, "f.txt", "f.txt")]
    # the source matrix counts pairs of claims, not of figures
    matrix = {(r["source_a"], r["source_b"]): r for r in run_named(store, "source-matrix", {})}
    assert matrix[("Airwars", "BBC")]["agree"] == 1 and matrix[("BBC", "CJTF-OIR")]["contradict"] == 4


def test_removing_repeats_keeps_the_findings_in_step_and_equal_to_a_rebuild(store, vocab):
    repeated_figures(store, vocab)
    for name in ("b.txt", "c.txt", "d.txt"):  # CJTF-OIR's 12 is left in one article; Airwars' 100 in one
        assert remove_article(store, find_article(store, name))
        assert_in_step(store)
    assert not [r for r in run_named(store, "conflicts", {"kind": "corroboration"})]
    removed = finding_quads(store)
    findings.rebuild(store)
    assert finding_quads(store) == removed
