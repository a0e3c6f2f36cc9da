"""`kg conflicts` read from the listed sides (kg.analysis.sides) gives the rows the named queries give.

Reference: the named queries `conflicts`, `conflicts-of-incident` and `conflicts-of-source`, which read
each listed pair of claims from the findings and the claims' article graphs at query time, and name
sources from the sources graph. `kg conflicts` (kg.analysis.listing) pairs, filters and sorts the
claims' sides in Python: the same rows, in the same order, column for column, on the seeds' gold
claims and on a generated store of a few thousand claims.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import islice

import pytest

from kg import sources
from kg.admin import remove_article
from kg.analysis import findings
from kg.analysis import sides as listed_sides
from kg.analysis.listing import conflict_rows
from kg.analysis.names import source_iri
from kg.analysis.queries import run_named
from kg.namespaces import KG
from kg.stores import open_store
from kg.stores.sparqlterms import string_literal

from kg.load import store_article
from seed_figures import seed_articles, store_seed_claims

TOLERANCE = Decimal("0.10")
FINDINGS = f"<{findings.FINDINGS_GRAPH}>"


def assert_same(got: list[dict], expected: list[dict], what) -> None:
    assert len(got) == len(expected), what
    for i, (g, e) in enumerate(zip(got, expected)):
        assert g == e, (what, i, {k: (g.get(k), e.get(k)) for k in set(g) | set(e) if g.get(k) != e.get(k)})


def some_params(store, many: bool = True) -> list[dict]:
    """Filters with rows to compare: kinds, a metric, a source, a place, a window (fewer unless ``many``)."""
    rows = run_named(store, "conflicts", {})
    metric = rows[0]["metric"]
    asserter = rows[len(rows) // 2]["asserter_a"]
    place = next(str(r[0]) for r in store.rows(f"SELECT ?p WHERE {{ ?c <{KG.place}> ?p }} ORDER BY ?p LIMIT 1"))
    end = next(r["period_end"] for r in rows if r["period_end"])
    few = [{}, {"kind": "corroboration"}, {"metric": metric, "asserter": asserter}, {"place": f"<{place}>"},
           {"until": end[:4], "kind": "misreport"}]
    return few if not many else few + [
        {"kind": "revision"}, {"kind": "contradiction"}, {"metric": metric}, {"asserter": asserter},
        {"since": end[:4]}, {"place": "<https://w3id.org/kg-claims/place/iraq>", "since": "2017"}]


def assert_listing_as_named(store, many: bool = True) -> None:
    for p in some_params(store, many):
        got, note = conflict_rows(store, p, TOLERANCE)
        assert note is None
        assert_same(got, run_named(store, "conflicts", p), ("kg conflicts", p))
    rows = run_named(store, "conflicts", {})
    asserter = rows[0]["asserter_b"]
    for p in ({"asserter": asserter}, {"asserter": asserter, "kind": "corroboration"}):
        named = run_named(store, "conflicts-of-source", {**p, "asserter": None, "source": f"<{source_iri(store, asserter)}>"})
        assert_same(conflict_rows(store, p, TOLERANCE)[0], named, p)
    incidents = sorted({r["incident"] for r in rows if r["incident"]})
    assert incidents
    for label in incidents[:3 if many else 1]:
        p = {"incident": label}
        expected = run_named(store, "conflicts-of-incident", p)
        assert expected
        assert_same(conflict_rows(store, p, TOLERANCE)[0], expected, ("kg conflicts", p))


def sides_and_claims(store) -> tuple[int, int]:
    sides = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {FINDINGS} {{ ?c <{KG.listedSide}> ?s }} }}").rows
    claims = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {FINDINGS} {{ ?c <{KG.figure}> ?f }} }}").rows
    return int(str(sides[0][0])), int(str(claims[0][0]))


def test_the_seeds_listing_is_the_named_queries(store, vocab):
    store_seed_claims(store, vocab)
    assert run_named(store, "conflicts", {})
    assert_listing_as_named(store)
    sides, claims = sides_and_claims(store)
    assert sides == claims  # one side per claim with a figure: linear in the claims, whatever the pairs


def test_a_generated_store_lists_what_the_named_queries_list(generated):
    with open_store(generated, read_only=True) as store:
        assert len(run_named(store, "conflicts", {})) > 1000
        assert_listing_as_named(store, many=False)


def test_the_first_page_is_the_start_of_the_listing(generated):
    with open_store(generated, read_only=True) as store:
        every = run_named(store, "conflicts", {})
        assert conflict_rows(store, {}, TOLERANCE, 50)[0] == every[:50]


def group_ends(rows: list[dict]) -> list[int]:
    """Where each listing group's rows (one metric, period end and kind) end in the listing."""
    return [i for i in range(1, len(rows) + 1)
            if i == len(rows) or [rows[i][k] for k in ("metric", "period_end", "kind")]
            != [rows[i - 1][k] for k in ("metric", "period_end", "kind")]]


def assert_first_pages_are_the_listing_cut(store, filters: list[dict]) -> None:
    """Every first page read from the listing groups is the whole listing cut there, cut at 1 and 50 rows, at the
    end of a group, one row before and after it, and past the end."""
    assert listed_sides.written(store)
    for p in filters:
        every = conflict_rows(store, p, TOLERANCE)[0]
        ends = group_ends(every)
        sizes = {1, 50, len(every), len(every) + 5} | {n + d for n in ends[:3] + ends[-2:] for d in (-1, 0, 1)}
        for k in sorted(n for n in sizes if n > 0):
            assert conflict_rows(store, p, TOLERANCE, k)[0] == every[:k], (p, k)
        if "asserter" not in p:  # the stream takes a source by its IRI (test_a_source_is_listed_from_the_groups_...)
            assert list(islice(listed_sides.stream(store, **p), 50)) == every[:50], p


def test_a_source_is_listed_from_the_groups_holding_its_findings(generated):
    """`kg conflicts --asserter`: the listing groups holding the source's findings, read as the whole listing's
    (their entries of its findings only): the rows its findings give, in the listing's order, cut anywhere."""
    with open_store(generated, read_only=True) as store:
        rows = run_named(store, "conflicts", {})
        for asserter in (rows[0]["asserter_a"], rows[len(rows) // 2]["asserter_b"]):
            source = str(source_iri(store, asserter))
            assert listed_sides.read(store, source=source)
            for p in ({}, {"kind": "corroboration"}, {"metric": rows[-1]["metric"]}, {"since": "2020"}):
                every = listed_sides.read(store, **p, source=source)
                assert list(listed_sides.stream(store, **p, source=source)) == every, (asserter, p)
                for k in (1, 7, 50):
                    assert list(islice(listed_sides.stream(store, **p, source=source), k)) == every[:k], (asserter, p)


def test_a_first_page_is_the_listing_cut_there_on_the_seeds(store, vocab):
    store_seed_claims(store, vocab)
    assert_first_pages_are_the_listing_cut(store, some_params(store))


def test_a_first_page_is_the_listing_cut_there_on_a_generated_store(generated):
    with open_store(generated, read_only=True) as store:
        rows = conflict_rows(store, {}, TOLERANCE)[0]
        assert len(group_ends(rows)) > 100  # many groups: a first page reads few of them
        assert_first_pages_are_the_listing_cut(store, some_params(store, many=False))


def test_the_first_page_reads_only_its_groups(generated):
    """The side of the claim listed last of all (first listed in the listing's second half) made unreadable: the
    whole listing fails on it, and the first 50 rows are still read, without it."""
    with open_store(generated) as store:
        every = conflict_rows(store, {}, TOLERANCE)[0]
        first_listed: dict[str, int] = {}
        for i, row in enumerate(every):
            first_listed.setdefault(row["claim_a"], i)
            first_listed.setdefault(row["claim_b"], i)
        claim = max(first_listed, key=first_listed.get)
        assert first_listed[claim] > len(every) // 2
        [(text,)] = list(store.rows(f"SELECT ?t WHERE {{ GRAPH {FINDINGS} {{ <{claim}> <{KG.listedSide}> ?t }} }}"))
        edit = lambda old, new: store.update(  # noqa: E731
            f"DELETE DATA {{ GRAPH {FINDINGS} {{ <{claim}> <{KG.listedSide}> {string_literal(old)} }} }} ; "
            f"INSERT DATA {{ GRAPH {FINDINGS} {{ <{claim}> <{KG.listedSide}> {string_literal(new)} }} }}")
        edit(text, "not a side")
        try:
            with pytest.raises(TypeError):
                conflict_rows(store, {}, TOLERANCE)
            assert conflict_rows(store, {}, TOLERANCE, 50)[0] == every[:50]
        finally:
            edit("not a side", text)


def listing_groups(store) -> set[str]:
    keyed = {r[0] for r in store.rows(f"SELECT ?g WHERE {{ GRAPH {FINDINGS} {{ ?g <{KG.listingKey}> ?k }} }}")}
    assert keyed == {r[0] for r in store.rows(f"SELECT ?g WHERE {{ GRAPH {FINDINGS} {{ ?g <{KG.listingMetric}> ?m }} }}")}
    return keyed


def test_removing_an_article_drops_the_groups_it_alone_filled(store, vocab):
    """After a removal the groups are those of the findings left, as a store loaded without the article has them."""
    store_seed_claims(store, vocab)
    before = listing_groups(store)
    article = sorted(store.article_graphs())[0]
    remove_article(store, article)
    filled = {r[0] for r in store.rows(f"SELECT DISTINCT ?g WHERE {{ GRAPH {FINDINGS} {{ ?f <{KG.listingGroup}> ?g }} }}")}
    assert listing_groups(store) == filled and filled < before
    assert_first_pages_are_the_listing_cut(store, [{}])


def test_a_wrong_cell_is_seen(generated):
    """The comparison reads every column: a side whose literal says another quote gives rows unlike the named query's."""
    with open_store(generated) as store:
        first = run_named(store, "conflicts", {}, limit=1)[0]
        claim = first["claim_b"]
        [(text,)] = list(store.rows(f"SELECT ?t WHERE {{ GRAPH {FINDINGS} {{ <{claim}> <{KG.listedSide}> ?t }} }}"))
        side = listed_sides.Side.unpacked(claim, text)
        side.quote += " (edited)"
        edit = lambda old, new: store.update(  # noqa: E731
            f"DELETE DATA {{ GRAPH {FINDINGS} {{ <{claim}> <{KG.listedSide}> {string_literal(old)} }} }} ; "
            f"INSERT DATA {{ GRAPH {FINDINGS} {{ <{claim}> <{KG.listedSide}> {string_literal(new)} }} }}")
        edit(text, side.packed())
        try:
            assert conflict_rows(store, {}, TOLERANCE, 1)[0][0]["quote_b"] == first["quote_b"] + " (edited)"
            with pytest.raises(AssertionError):
                assert_same(conflict_rows(store, {}, TOLERANCE)[0], run_named(store, "conflicts", {}), "edited")
        finally:
            edit(side.packed(), text)


def test_a_side_packs_and_unpacks_every_cell():
    side = listed_sides.Side("c", "12.5", None, "at-least", "raw", "A name with \ue000 in it", "canon", "voice", "art",
                             "file.txt", "a quote\nwith a line break and \ue001", None, "2017", "2017-05", None,
                             "m|i|p|e", "p1 p2")
    back = listed_sides.Side.unpacked("c", side.packed())
    assert back.label == "A name with \ufffd in it" and back.quote == "a quote\nwith a line break and \ufffd"
    assert (back.value, back.value_max, back.outlet, back.start, back.incident_label, back.places) == \
        ("12.5", None, None, "2017", None, "p1 p2")


def test_the_order_key_sorts_as_the_listing_does():
    base = {**{c: "x" for c in listed_sides.COLUMNS}, "value_a": "1", "value_b": "1"}
    rows = [dict(base, value_a="9"), dict(base, value_a="10"), dict(base, value_a="-1"), dict(base, value_a="9.5"),
            dict(base, value_b="0.25"), dict(base, period_end=None), dict(base, period_end="2017"),
            dict(base, period_end="2017-05"), dict(base, asserter_a="x y"), dict(base, asserter_a="xa"),
            dict(base, kind="w"), dict(base, metric="a")]
    ordered = sorted(rows, key=listed_sides.order_key)

    def expected(r):
        return (r["metric"], r["period_end"] is not None, r["period_end"] or "", r["kind"], r["asserter_a"],
                r["asserter_b"], Decimal(r["value_a"]), Decimal(r["value_b"]))
    assert [expected(r) for r in ordered] == sorted(expected(r) for r in rows)


def _article(folder, name: str, publisher: str, published: str, *lines: str):
    path = folder / name
    path.write_text(f"---\ntitle: {name}\npublisher: {publisher}\npublished: {published}\n---\n" + "\n".join(lines) + "\n")
    return path


def test_a_source_named_anew_is_listed_by_its_new_name(tmp_path):
    """A monitor known by its acronym alone, then defined in a later article: its rows take the full name,
    and a merge by an analyst renames it too (sides are written once; names change after)."""
    from typer.testing import CliRunner

    from kg.cli import app

    def kg(*args):
        r = CliRunner().invoke(app, [str(a) for a in args])
        assert r.exit_code == 0, r.output

    early = _article(tmp_path, "early.md", "AFP", "2024-03-12", "Fighting closed the road to El Obeid for most of the month.",
                     "NCCM said 212 civilians were killed in Sudan in February 2024.")
    other = _article(tmp_path, "other.md", "BBC", "2024-03-14", "Aid convoys waited at the crossing for days.",
                     "The Sudan Doctors Network said 900 civilians were killed in Sudan in February 2024.")
    later = _article(tmp_path, "later.md", "Reuters", "2024-03-20", "The Nile Civilian Casualty Monitor (NCCM) said "
                     "that 300 civilians were killed in Sudan in February 2024.", "Its volunteers work from camps near the border.")
    path = tmp_path / "store"
    kg("load", early, other, "--store", path)
    with open_store(path, read_only=True) as store:
        assert "NCCM" in {r["asserter_a"] for r in conflict_rows(store, {}, TOLERANCE)[0]}
    kg("load", later, "--store", path)
    with open_store(path, read_only=True) as store:
        rows = conflict_rows(store, {}, TOLERANCE)[0]
        names = {r["asserter_a"] for r in rows}
        assert "Nile Civilian Casualty Monitor" in names and "NCCM" not in names
        assert_same(rows, run_named(store, "conflicts", {}), "named anew")
    kg("sources", "merge", "Nile Civilian Casualty Monitor", "Sudan Doctors Network", "--curator", "Jane Doe",
       "--store", path)
    with open_store(path, read_only=True) as store:
        rows = conflict_rows(store, {"kind": "misreport"}, TOLERANCE)[0]
        assert rows and {r["asserter_a"] for r in rows} == {"Sudan Doctors Network"}
        for p in ({}, {"kind": "misreport"}):
            assert_same(conflict_rows(store, p, TOLERANCE)[0], run_named(store, "conflicts", p), ("merged", p))


def test_a_changed_canonical_name_marks_its_claims_for_analysis_again(store, vocab):
    """The sides carry each source's canonical name: when only the name changes, its claims are worked out again."""
    store_seed_claims(store, vocab)
    identity = sources.read_identity(store)
    raw, canon = next(iter(sorted(identity.canonical.items())))
    store.update(f"""DELETE {{ GRAPH <{sources.SOURCES_GRAPH}> {{ <{canon}> <{KG.canonicalLabel}> ?l }} }}
                     INSERT {{ GRAPH <{sources.SOURCES_GRAPH}> {{ <{canon}> <{KG.canonicalLabel}> "An old name" }} }}
                     WHERE {{ GRAPH <{sources.SOURCES_GRAPH}> {{ <{canon}> <{KG.canonicalLabel}> ?l }} }}""")
    assert raw in sources.observe(store).changed


def as_an_older_kg_left_it(store) -> None:
    """The findings graph as a kg before listed sides and listing groups started it: none of either, no version."""
    store.update(" ;\n".join(f"DELETE WHERE {{ GRAPH {FINDINGS} {{ ?s <{p}> ?o }} }}" for p in (
        KG.listedSide, KG.listedSides, KG.sidePage, KG.listingGroup, KG.listingKey, KG.listingMetric,
        KG.listingVersion)))
    assert not listed_sides.written(store)


def test_a_store_analysed_before_the_sides_lists_the_same_rows_and_kg_analyse_writes_them(store, vocab):
    store_seed_claims(store, vocab)
    expected = conflict_rows(store, {}, TOLERANCE)[0]
    as_an_older_kg_left_it(store)
    assert not list(islice(listed_sides.stream(store), 5))  # no groups: the first page is read from the named query
    rows, note = conflict_rows(store, {}, TOLERANCE)
    assert rows == expected and "older kg" in note and "kg analyse" in note
    assert conflict_rows(store, {}, TOLERANCE, 5)[0] == expected[:5]
    findings.rebuild(store)
    assert listed_sides.written(store) and conflict_rows(store, {}, TOLERANCE)[0] == expected
    assert list(islice(listed_sides.stream(store), 5)) == expected[:5]


def test_a_store_analysed_before_the_pages_is_listed_from_the_named_queries_until_kg_analyse(store, vocab):
    """Listing version 1: sides and groups, but no pages of findings, which the listing reads its rows from now."""
    store_seed_claims(store, vocab)
    expected = conflict_rows(store, {}, TOLERANCE)[0]
    store.update(f"DELETE WHERE {{ GRAPH {FINDINGS} {{ ?s <{KG.listedFindings}> ?o }} }} ;\n"
                 f"DELETE WHERE {{ GRAPH {FINDINGS} {{ ?s <{KG.listingVersion}> ?v }} }} ;\n"
                 f"INSERT DATA {{ GRAPH {FINDINGS} {{ {FINDINGS} <{KG.listingVersion}> 1 }} }}")
    rows, note = conflict_rows(store, {}, TOLERANCE)
    assert rows == expected and "older kg" in note
    findings.rebuild(store)
    assert conflict_rows(store, {}, TOLERANCE) == (expected, None)


def test_a_store_analysed_before_the_pages_of_sides_reads_every_side_by_its_claim(store, vocab):
    """Listing version 2: no pages of sides; a long listing reads every claim's figure and side triples instead."""
    store_seed_claims(store, vocab)
    expected = conflict_rows(store, {}, TOLERANCE)[0]
    assert list(listed_sides.stream(store, whole_from=0)) == expected  # every side from the pages of sides
    store.update(f"DELETE WHERE {{ GRAPH {FINDINGS} {{ ?s <{KG.listedSides}> ?o }} }} ;\n"
                 f"DELETE WHERE {{ GRAPH {FINDINGS} {{ ?s <{KG.sidePage}> ?o }} }} ;\n"
                 f"DELETE WHERE {{ GRAPH {FINDINGS} {{ ?s <{KG.listingVersion}> ?v }} }} ;\n"
                 f"INSERT DATA {{ GRAPH {FINDINGS} {{ {FINDINGS} <{KG.listingVersion}> 2 }} }}")
    assert listed_sides.written(store)
    assert list(listed_sides.stream(store, whole_from=0)) == expected
    assert conflict_rows(store, {}, TOLERANCE) == (expected, None)


def test_an_article_loaded_into_a_store_analysed_before_the_sides_leaves_no_row_out(store, vocab):
    """The load writes the sides and groups of its own claims only: the listing still reads the named queries."""
    articles = list(seed_articles())
    for article in articles[:-1]:
        store_article(store, article, vocab)
    as_an_older_kg_left_it(store)
    store_article(store, articles[-1], vocab)
    assert not listed_sides.written(store)
    expected = run_named(store, "conflicts", {})
    assert len(expected) > 5
    assert_same(conflict_rows(store, {}, TOLERANCE)[0], expected, "loaded after")
    assert conflict_rows(store, {}, TOLERANCE, 5)[0] == expected[:5]
