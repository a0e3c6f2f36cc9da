"""`kg serve` speaks the SPARQL 1.1 Protocol: real HTTP, real clients, every format parsed back."""

from __future__ import annotations

import io
import json
from urllib.parse import quote, urlencode

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import JSON, JSONLD, RDFXML, TSV, SPARQLWrapper
from test_serve_support import SEED_TEXT, XSS, build_store, http, start_server, stop_server

from kg.load import content_hash
from kg.namespaces import KG
from kg.rdf import article_iri
from kg.stores.remote import RemoteStore
from kg.stores import StoreError

PREFIX = "PREFIX kg: <https://w3id.org/kg-claims/ns#>\n"
VALUES_QUERY = PREFIX + "SELECT ?value WHERE { ?c a kg:Claim ; kg:value ?value } ORDER BY ?value"
EXPECTED_VALUES = [12, 40, 1139, 7316]
CONSTRUCT = PREFIX + "CONSTRUCT { ?c kg:value ?v } WHERE { ?c a kg:Claim ; kg:value ?v }"


@pytest.fixture(scope="module")
def served(tmp_path_factory, vocab):
    store = build_store(tmp_path_factory.mktemp("serve") / "store", vocab)
    server = start_server(store, "--max-rows", "100", "--workers", "2")
    yield server
    log = stop_server(server)
    assert "Traceback" not in log, log


def sparql_get(served, query: str, accept: str = "application/sparql-results+json", headers: dict | None = None,
               **params):
    return http("GET", served.url + "?" + urlencode({"query": query, **params}, doseq=True),
                headers={"Accept": accept, **(headers or {})})


def values_of(reply) -> list[int]:
    data = reply.json()
    return [int(b["value"]["value"]) for b in data["results"]["bindings"]]


def test_sparqlwrapper_reads_claims(served):
    client = SPARQLWrapper(served.url)
    client.setQuery(VALUES_QUERY)
    client.setReturnFormat(JSON)
    data = client.queryAndConvert()
    assert [int(b["value"]["value"]) for b in data["results"]["bindings"]] == EXPECTED_VALUES


def test_rdflib_sparqlstore_reads_claims(served):
    graph = Graph(store=SPARQLStore(served.url, returnFormat="xml"))
    rows = list(graph.query(VALUES_QUERY))
    assert [int(row.value) for row in rows] == EXPECTED_VALUES
    asserters = {str(r[0]) for r in graph.query(PREFIX + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                                                "SELECT ?l WHERE { ?c kg:assertedBy/skos:prefLabel ?l }")}
    assert {"Airwars", "CJTF-OIR"} <= asserters


def test_get_post_form_and_post_direct_agree(served):
    by_get = sparql_get(served, VALUES_QUERY)
    by_form = http("POST", served.url, urlencode({"query": VALUES_QUERY}).encode(),
                   {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    direct = http("POST", served.url, VALUES_QUERY.encode(),
                  {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert by_get.status == by_form.status == direct.status == 200
    assert values_of(by_get) == values_of(by_form) == values_of(direct) == EXPECTED_VALUES


@pytest.mark.parametrize("media, fmt", [
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
])
def test_select_in_every_result_format(served, media, fmt):
    reply = sparql_get(served, VALUES_QUERY, accept=media)
    assert reply.status == 200
    assert reply.headers["content-type"].startswith(media)
    result = Result.parse(io.BytesIO(reply.body), format=fmt)
    assert [int(Literal(row[0]).toPython()) if fmt == "csv" else int(row[0]) for row in result] == EXPECTED_VALUES


@pytest.mark.parametrize("media", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_ask(served, media):
    yes = sparql_get(served, PREFIX + "ASK { ?c kg:value ?v FILTER(?v = 1139) }", accept=media)
    no = sparql_get(served, PREFIX + "ASK { ?c kg:value ?v FILTER(?v = 99999) }", accept=media)
    fmt = "json" if media.endswith("json") else "xml"
    assert Result.parse(io.BytesIO(yes.body), format=fmt).askAnswer is True
    assert Result.parse(io.BytesIO(no.body), format=fmt).askAnswer is False


@pytest.mark.parametrize("media, fmt", [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
])
def test_construct_in_every_rdf_syntax(served, media, fmt):
    reply = sparql_get(served, CONSTRUCT, accept=media)
    assert reply.status == 200
    assert reply.headers["content-type"].startswith(media)
    g = Graph().parse(data=reply.body, format=fmt)
    assert sorted(int(v) for v in g.objects(None, KG.value)) == EXPECTED_VALUES


def test_describe_returns_a_graph(served):
    iri = article_iri(content_hash(SEED_TEXT))
    reply = sparql_get(served, f"DESCRIBE <{iri}>", accept="text/turtle")
    g = Graph().parse(data=reply.body, format="turtle")
    assert (iri, RDF.type, KG.Article) in g


def test_unacceptable_media_type_is_406(served):
    reply = sparql_get(served, VALUES_QUERY, accept="image/png")
    assert reply.status == 406
    assert "application/sparql-results+json" in reply.text
    assert sparql_get(served, CONSTRUCT, accept="text/csv").status == 406


def test_default_graph_is_the_union_and_default_graph_uri_narrows_it(served):
    assert values_of(sparql_get(served, VALUES_QUERY)) == EXPECTED_VALUES
    one = str(article_iri(content_hash(SEED_TEXT)))
    narrowed = sparql_get(served, VALUES_QUERY, **{"default-graph-uri": one})
    assert values_of(narrowed) == [1139, 7316]
    named = sparql_get(served, PREFIX + "SELECT ?g WHERE { GRAPH ?g { ?c a kg:Claim } } GROUP BY ?g",
                       **{"named-graph-uri": one})
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [one]


def test_bad_query_is_400_with_the_parser_message_and_no_internals(served):
    reply = sparql_get(served, "SELECT ?x WHERE { ?x ?y }")
    assert reply.status == 400
    assert "invalid SPARQL query" in reply.text and "line:1" in reply.text
    assert "Traceback" not in reply.text and str(served.store) not in reply.text


def test_row_cap_is_reported_never_silent(served):
    reply = sparql_get(served, "SELECT * WHERE { ?s ?p ?o }")
    data = reply.json()
    assert len(data["results"]["bindings"]) == 100
    assert reply.headers["x-kg-row-cap"] == "100"
    assert reply.headers["x-kg-truncated"].startswith("true")
    assert data["kg"]["truncated"] is True and "100" in data["kg"]["message"]
    small = sparql_get(served, VALUES_QUERY)
    assert "x-kg-truncated" not in small.headers and "kg" not in small.json()
    turtle = sparql_get(served, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/turtle")
    assert turtle.text.startswith("# result truncated") and len(Graph().parse(data=turtle.body, format="turtle")) == 100


def test_a_cut_answer_is_never_taken_for_a_whole_one(served):
    with pytest.raises(StoreError, match="cut the answer at 100 rows"):
        RemoteStore(served.url).query("SELECT * WHERE { ?s ?p ?o }")
    # kg's own commands on the served folder carry the folder's token and get whole answers
    token = json.loads((served.store / "kg-serve.json").read_text())["token"]
    whole = RemoteStore(served.url, token=token).query("SELECT * WHERE { ?s ?p ?o }")
    assert len(whole.rows) > 100
    reply = http("GET", served.url + "?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}),
                 headers={"Authorization": f"Bearer {token}"})
    assert reply.headers["x-kg-row-cap"] == "none" and "x-kg-truncated" not in reply.headers


def test_service_description_at_the_endpoint(served):
    reply = http("GET", served.url, headers={"Accept": "text/turtle"})
    g = Graph().parse(data=reply.body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(served.url)) in g
    assert (None, URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in g
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Update")) not in g


def test_graph_store_get_returns_one_article_graph(served):
    iri = article_iri(content_hash(SEED_TEXT))
    reply = http("GET", served.base + "graph-store?graph=" + quote(str(iri), safe=""), headers={"Accept": "text/turtle"})
    assert reply.status == 200
    g = Graph().parse(data=reply.body, format="turtle")
    assert (iri, RDF.type, KG.Article) in g
    assert sorted(int(v) for v in g.objects(None, KG.value)) == [1139, 7316]
    missing = http("GET", served.base + "graph-store?graph=" + quote("https://example.org/none", safe=""))
    assert missing.status == 404
    assert http("PUT", served.base + "graph-store?graph=x", b"").status == 405


def test_sparqlwrapper_gets_json_ld_rdf_xml_and_tsv_though_it_sends_format_twice(served):
    # it sends format=json-ld&format=application/ld+json,application/x-json+ld: one format, twice
    client = SPARQLWrapper(served.url)
    client.setQuery(CONSTRUCT)
    for fmt in (JSONLD, RDFXML):
        client.setReturnFormat(fmt)
        graph = client.queryAndConvert()
        assert sorted(int(v) for v in graph.objects(None, KG.value)) == EXPECTED_VALUES, fmt
    client.setQuery(VALUES_QUERY)
    client.setReturnFormat(TSV)
    rows = client.queryAndConvert().decode().split("\n")[1:-1]
    assert [int(Literal(row.split('"')[1])) for row in rows] == EXPECTED_VALUES  # "12"^^xsd:decimal


def test_format_given_twice_with_different_values_is_400(served):
    reply = sparql_get(served, VALUES_QUERY, format=["json", "xml"])
    assert reply.status == 400 and "give format once" in reply.text
    assert sparql_get(served, VALUES_QUERY, format=["csv", "CSV", "text/csv"]).headers["content-type"].startswith("text/csv")


def folder_token(served) -> dict:
    """The header kg's own commands send: whole answers, not cut at --max-rows."""
    return {"Authorization": "Bearer " + json.loads((served.store / "kg-serve.json").read_text())["token"]}


def test_graph_store_default_is_the_union_of_all_graphs(served):
    reply = http("GET", served.base + "graph-store?default", headers={"Accept": "text/turtle", **folder_token(served)})
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/turtle")
    union = Graph().parse(data=reply.body, format="turtle")
    constructed = sparql_get(served, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/turtle", headers=folder_token(served))
    assert len(union) == len(Graph().parse(data=constructed.body, format="turtle")) > 1000
    assert sorted(int(v) for v in union.objects(None, KG.value)) == EXPECTED_VALUES  # every article's claims
    assert http("GET", served.base + "graph-store?default&graph=urn:x").status == 400


@pytest.mark.parametrize("media, parse_as", [("application/n-quads", "nquads"), ("application/trig", "trig")])
def test_graph_store_get_without_a_graph_is_the_whole_dataset(served, media, parse_as):
    reply = http("GET", served.base + "graph-store", headers={"Accept": media, **folder_token(served)})
    assert reply.status == 200 and reply.headers["content-type"].startswith(media)
    dataset = Dataset()
    dataset.parse(data=reply.body, format=parse_as)
    graphs = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    counts = sparql_get(served, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                        headers=folder_token(served)).json()["results"]["bindings"]
    assert graphs == {b["g"]["value"]: int(b["n"]["value"]) for b in counts}
    assert str(article_iri(content_hash(SEED_TEXT))) in graphs


def test_graph_store_dataset_is_capped_and_says_so_and_offers_quads_only(served):
    reply = http("GET", served.base + "graph-store", headers={"Accept": "application/n-quads"})
    assert reply.headers["x-kg-truncated"].startswith("true") and reply.text.startswith("# result truncated")
    assert len(reply.text.splitlines()) == 101
    refused = http("GET", served.base + "graph-store", headers={"Accept": "text/turtle"})
    assert refused.status == 406 and "application/n-quads, application/trig" in refused.text


def test_health(served):
    reply = served.get("health")
    assert reply.status == 200 and reply.json()["status"] == "ok"


def test_named_queries_over_http(served):
    listing = served.get("queries").json()
    claims = next(q for q in listing if q["name"] == "claims")
    assert {p["name"] for p in claims["params"]} >= {"metric", "asserter"}
    reply = served.get("queries/claims?metric=people-injured", headers={"Accept": "application/sparql-results+json"})
    rows = reply.json()["results"]["bindings"]
    assert [(r["metric"]["value"], int(r["value"]["value"])) for r in rows] == [("people-injured", 40)]
    by_asserter = served.get("queries/claims?asserter=airwars&format=csv")
    assert by_asserter.headers["content-type"].startswith("text/csv")
    assert "7316" in by_asserter.text and "1139" not in by_asserter.text


def test_named_query_parameters_stay_literals(served):
    payload = 'x" } UNION { ?claim ?p ?o } #'
    reply = served.get("queries/claims?" + urlencode({"metric": payload}))
    assert reply.status == 200
    assert reply.json()["results"]["bindings"] == []


def test_named_query_errors(served):
    assert served.get("queries/claims?colour=red").status == 400
    assert served.get("queries/no-such-query").status == 404


def test_cors_lets_a_hosted_yasgui_query(served):
    reply = http(
        "GET", served.url + "?" + urlencode({"query": VALUES_QUERY}), headers={"Origin": "https://yasgui.example"})
    assert reply.headers["access-control-allow-origin"] == "*"
    preflight = http("OPTIONS", served.url, headers={"Origin": "https://yasgui.example",
                                                     "Access-Control-Request-Method": "POST",
                                                     "Access-Control-Request-Headers": "content-type"})
    assert preflight.status == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_results_keep_article_text_as_data(served):
    reply = sparql_get(served, PREFIX + "PREFIX oa: <http://www.w3.org/ns/oa#>\n"
                                        "SELECT ?q WHERE { ?s oa:exact ?q FILTER(CONTAINS(?q, 'script')) }")
    assert [b["q"]["value"].startswith(XSS) for b in reply.json()["results"]["bindings"]] == [True]
    assert json.loads(reply.body)  # still valid JSON around the payload
