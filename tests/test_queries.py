"""Named queries: headers, the catalog, and parameters bound as literals (injection-safe)."""

import pytest

from kg.analysis.queries import QueryError, catalog, parse_query_file, prepare, resolve
from kg.load import store_article
from kg.stores.sparqlterms import bind

from conftest import AIRWARS, make_article, make_claim


def test_every_named_query_has_a_title_and_description():
    queries = catalog()
    assert {"claims"} <= set(queries)
    for q in queries.values():
        assert q.title and q.description, q.name


def test_header_lists_parameters(tmp_path):
    p = tmp_path / "x.rq"
    p.write_text("# title: X\n# description: Y\n# param: metric (optional) -- the metric\n"
                 "# param: kind (required) -- what kind\nSELECT * WHERE { ?s ?p ?o }\n")
    q = parse_query_file(p)
    assert [(x.name, x.optional, x.doc) for x in q.params] == [("metric", True, "the metric"), ("kind", False, "what kind")]


def test_unknown_and_missing_parameters_are_errors(tmp_path):
    p = tmp_path / "x.rq"
    p.write_text("# title: X\n# param: kind (required) -- k\nSELECT * WHERE { ?s ?p ?o }\n")
    q = parse_query_file(p)
    with pytest.raises(QueryError, match="needs --param kind"):
        prepare(q, {})
    with pytest.raises(QueryError, match="no parameter colour"):
        prepare(q, {"kind": "x", "colour": "red"})
    with pytest.raises(QueryError, match="no named query"):
        resolve("no-such-query")


@pytest.mark.parametrize("payload", [
    'x" } UNION { ?s ?p ?o } #',
    "x' . ?a ?b ?c",
    "}}}} DROP ALL",
    'civilians-killed"^^<http://x> } ; DELETE WHERE { ?s ?p ?o',
    "line\nbreak \\ backslash",
])
def test_parameters_stay_literals(store, vocab, payload):
    store_article(store, make_article(claims=[make_claim()]), vocab)
    q = resolve("claims")
    res = store.query(prepare(q, {"metric": payload}))
    assert res.rows == []  # the payload matched nothing and injected nothing
    assert store.query(prepare(q, {"metric": "civilians-killed"})).rows


def test_claims_query_filters_by_asserter_alias_case_insensitively(store, vocab):
    art = make_article(claims=[make_claim(), make_claim(asserter=AIRWARS, value=7316, bound="range", value_max=11637)])
    store_article(store, art, vocab)
    q = resolve("claims")
    rows = store.query(prepare(q, {"asserter": "us-led coalition"})).dicts()
    assert [str(r["asserter"]) for r in rows] == ["CJTF-OIR"]
    rows = store.query(prepare(q, {"asserter": "AIRWARS"})).dicts()
    assert [int(r["value_max"]) for r in rows] == [11637]


def test_bind_uses_the_top_level_where_group():
    text = bind("PREFIX x: <http://a#>\n# a comment with WHERE {\nSELECT ?s WHERE { ?s ?p ?o }", {"param_m": "v"})
    assert 'WHERE { VALUES (?param_m) { ("v") }  ?s ?p ?o }' in text


def test_a_parameter_in_angle_brackets_is_an_iri_and_anything_else_a_literal():
    from rdflib import Literal, URIRef

    from kg.stores.sparqlterms import as_term
    assert as_term("<https://w3id.org/kg-claims/source/airwars>") == URIRef("https://w3id.org/kg-claims/source/airwars")
    for text in ("Airwars", "<not an iri>", "<x:y> } UNION { ?s ?p ?o }", '<https://x/y">'):
        assert as_term(text) == Literal(text)


def test_an_include_line_is_replaced_by_the_named_file(tmp_path):
    (tmp_path / "part.rq").write_text("# a shared block\n  ?s ?p ?o .\n")
    (tmp_path / "q.rq").write_text("# title: Q\n# description: d\nSELECT * WHERE {\n  # include: part.rq\n}\n")
    assert "?s ?p ?o ." in parse_query_file(tmp_path / "q.rq").text
    (tmp_path / "loop.rq").write_text("# title: L\nSELECT * WHERE {\n  # include: loop.rq\n}\n")
    with pytest.raises(QueryError, match="includes itself"):
        parse_query_file(tmp_path / "loop.rq")
    (tmp_path / "gone.rq").write_text("# title: G\nSELECT * WHERE {\n  # include: nowhere.rq\n}\n")
    with pytest.raises(QueryError, match="nowhere.rq: included query file not found"):
        parse_query_file(tmp_path / "gone.rq")


def test_claims_of_one_article_are_the_claims_listing_for_that_article(store, vocab):
    """claims-of-article (an index lookup from the article, LATERAL for optional values) gives the rows
    `claims --param article=…` gives, for every seed article and with the other parameters."""
    from seed_figures import ARTICLES, store_seed_claims

    store_seed_claims(store, vocab)

    def rows(name, params):
        result = store.query(prepare(resolve(name), params))
        # GROUP_CONCAT's order is the engine's: places compared as sets
        return [tuple(sorted(str(v).split("|")) if var == "place" and v is not None else v
                      for var, v in zip(result.variables, row)) for row in result.rows]

    compared = 0
    for name, *_ in ARTICLES.values():
        for extra in ({}, {"metric": "civilians-killed"}, {"asserter": "airwars"}):
            expected = rows("claims", {"article": name, **extra})
            assert rows("claims-of-article", {"article": name, **extra}) == expected, (name, extra)
            compared += len(expected)
    assert compared > 40
