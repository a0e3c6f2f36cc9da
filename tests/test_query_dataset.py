"""FROM / FROM NAMED choose the graphs a query reads, the same in `kg query` and over HTTP
(issue 20, case 4); without them the default graph is the union of all graphs."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlencode

import pytest
from test_serve_support import SEED_TEXT, build_store, http, start_server, stop_server
from typer.testing import CliRunner

from kg.cli import app
from kg.load import content_hash
from kg.rdf import article_iri

PREFIX = "PREFIX kg: <https://w3id.org/kg-claims/ns#>\n"
FIRST = str(article_iri(content_hash(SEED_TEXT)))  # the article with two of the four claims
COUNT = PREFIX + "SELECT (COUNT(?c) AS ?n) {dataset} WHERE {{ ?c a kg:Claim }}"
CASES = [("", 4), (f"FROM <{FIRST}>", 2), ("FROM <http://nonexistent/g>", 0), (f"FROM NAMED <{FIRST}>", 0)]
GRAPHS = PREFIX + f"SELECT DISTINCT ?g FROM NAMED <{FIRST}> WHERE {{ GRAPH ?g {{ ?c a kg:Claim }} }}"


@pytest.fixture(scope="module")
def store(tmp_path_factory, vocab):
    return build_store(tmp_path_factory.mktemp("dataset") / "store", vocab)


@pytest.fixture(scope="module")
def served(tmp_path_factory, vocab):
    server = start_server(build_store(tmp_path_factory.mktemp("dataset-http") / "store", vocab))
    yield server
    assert "Traceback" not in stop_server(server)


def kg_query(store, sparql: str) -> list[str]:
    result = CliRunner().invoke(app, ["query", "--sparql", sparql, "--store", str(store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()[1:]


@pytest.mark.parametrize("dataset, claims", CASES)
def test_kg_query_reads_the_graphs_from_names(store, dataset, claims):
    assert kg_query(store, COUNT.format(dataset=dataset)) == [str(claims)]


def test_kg_query_from_named_gives_only_that_graph(store):
    assert kg_query(store, GRAPHS) == [FIRST]


@pytest.mark.parametrize("dataset, claims", CASES)
def test_the_endpoint_reads_the_graphs_from_names(served, dataset, claims):
    reply = http("GET", served.url + "?" + urlencode({"query": COUNT.format(dataset=dataset), "format": "csv"}))
    assert reply.status == 200, reply.text
    assert reply.text.splitlines()[1:] == [str(claims)]


def test_the_endpoint_from_named_gives_only_that_graph(served):
    reply = http("GET", served.url + "?" + urlencode({"query": GRAPHS, "format": "csv"}))
    assert reply.text.splitlines()[1:] == [FIRST]


def test_the_service_description_says_how_the_default_graph_is_chosen(served):
    reply = http("GET", served.url, headers={"Accept": "text/turtle"})
    assert "FROM NAMED" in reply.text and "union of all graphs" in reply.text


DEEP = "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000


def test_deeply_nested_groups_are_one_line_from_kg_query_not_a_crash(store):
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "query", "--sparql", DEEP, "--store", str(store)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-500:])
    assert proc.stderr.strip().count("\n") == 0 and "nested too deeply" in proc.stderr


def test_deeply_nested_groups_are_400_from_the_endpoint(served):
    reply = http("POST", served.url, DEEP.encode(), {"Content-Type": "application/sparql-query"}, timeout=60)
    assert reply.status == 400 and "nested too deeply" in reply.text


def test_a_bad_default_graph_uri_is_400_naming_it(served):
    query = urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": "not an iri"})
    reply = http("GET", served.url + "?" + query)
    assert reply.status == 400 and "default-graph-uri" in reply.text
