"""`kg export`: network files read back by the tools' own parsers, RDF read back isomorphic, the CSV table."""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
from pathlib import Path

import networkx as nx
import pydot
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.export import export
from kg.export import load_export_data
from kg.export.views import build_view
from kg.resources import ontology_files
from kg.stores import open_store, sync_reference

from test_export_seed_claims import GOLD, seedlike_store_folder

runner = CliRunner()
CJTF_IRI = "https://w3id.org/kg-claims/source/cjtf-oir"
BBC_IRI = "https://w3id.org/kg-claims/source/bbc"


@pytest.fixture(scope="module")
def seedlike(tmp_path_factory) -> Path:
    """A store folder with the five seed articles and hand-made copies of their gold claims."""
    return seedlike_store_folder(tmp_path_factory.mktemp("seedlike") / "store")


@pytest.fixture
def store(seedlike):
    s = open_store(seedlike, read_only=True)
    yield s
    s.close()


def kg(*args):
    return runner.invoke(app, [str(a) for a in args])


def edge_between(g, a, b, relation):
    return [d for u, v, d in g.edges(data=True) if {u, v} == {a, b} and d.get("relation") == relation]


# ---------------------------------------------------------------- views

def test_sources_view_has_the_strike_contradiction_and_reported_links(store):
    g = build_view(load_export_data(store), "sources")
    assert g.nodes[CJTF_IRI]["label"] == "CJTF-OIR" and g.nodes[CJTF_IRI]["type"] == "Organization"
    assert g.nodes[CJTF_IRI]["claims"] == sum(1 for row in GOLD if row[1].key == "cjtf-oir")
    (edge,) = edge_between(g, CJTF_IRI, BBC_IRI, "compared")
    assert edge["kind"] == "contradiction" and edge["contradict"] == 1 and edge["weight"] == 1
    reported = {(g.nodes[u]["label"], g.nodes[v]["label"], d["weight"])
                for u, v, d in g.edges(data=True) if d["relation"] == "reported"}
    assert ("International Business Times", "Airwars", 1) in reported
    assert ("Sputnik", "CJTF-OIR", 9) in reported  # seeds 000 and 002: 6 + 3 coalition figures


def test_claims_view_types_every_node_and_edge(store):
    g = build_view(load_export_data(store), "claims")
    types = {d["type"] for _, d in g.nodes(data=True)}
    assert types == {"source", "article", "claim", "incident", "metric"}
    relations = {d["relation"] for _, _, d in g.edges(data=True)}
    assert {"asserted-by", "reported-in", "published-by", "about", "conflicts-with", "revises"} <= relations
    conflict = [d for _, _, d in g.edges(data=True) if d["relation"] == "conflicts-with"]
    assert {d["kind"] for d in conflict} >= {"contradiction"}
    claim = next(d for _, d in g.nodes(data=True) if d["type"] == "claim" and d.get("value_max"))
    assert claim["value"] == 7316.0 and claim["value_max"] == 11637.0 and claim["bound"] == "range"
    # the coalition's running total is a chain of revisions 685 -> 817 -> 1,061 -> 1,114 -> 1,139
    chain = sorted((g.nodes[u]["value"], g.nodes[v]["value"]) for u, v, d in g.edges(data=True)
                   if d["relation"] == "revises" and g.nodes[u]["metric"] == "civilians-killed")
    assert chain == [(817, 685), (1061, 817), (1114, 1061), (1139, 1114)]


def test_filters_keep_a_source_and_whoever_disagrees_with_it(store):
    data = load_export_data(store, asserter="bbc")
    assert {c.figure for c in data.claims.values()} == {">100", "12"}
    data = load_export_data(store, metric="strikes")
    assert {c.metric for c in data.claims.values()} == {"strikes"}
    assert len(data.claims) == sum(1 for row in GOLD if row[2] == "strikes")


# ---------------------------------------------------------------- graph formats

@pytest.mark.parametrize("view", ["sources", "claims"])
def test_graphml_reads_back_with_the_same_nodes_edges_and_typed_attributes(store, tmp_path, view):
    out = tmp_path / "g.graphml"
    data = export(store, "graphml", out, view=view)
    g = build_view(data, view)
    back = nx.read_graphml(out)
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    assert set(back.nodes) == set(g.nodes)
    for n, attrs in g.nodes(data=True):
        assert back.nodes[n] == attrs
    def edge_attrs(graph):  # GraphML adds each edge's id: the rest must come back as written
        return sorted(json.dumps({k: v for k, v in d.items() if k != "id"}, sort_keys=True)
                      for *_, d in graph.edges(data=True))
    assert edge_attrs(back) == edge_attrs(g)
    text = out.read_text()
    assert re.search(r'attr.name="weight" attr.type="(int|long)"', text) or view == "claims"
    if view == "claims":
        assert 'attr.name="value" attr.type="double"' in text


def test_gexf_reads_back_with_the_same_nodes_edges_and_attributes(store, tmp_path):
    out = tmp_path / "g.gexf"
    g = build_view(export(store, "gexf", out), "sources")
    back = nx.read_gexf(out)
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    cjtf = back.nodes[CJTF_IRI]
    assert cjtf["label"] == "CJTF-OIR" and cjtf["claims"] == g.nodes[CJTF_IRI]["claims"]
    assert isinstance(cjtf["claims"], int)
    edges = [d for u, v, d in back.edges(data=True) if {u, v} == {CJTF_IRI, BBC_IRI}]
    assert edges[0]["kind"] == "contradiction" and edges[0]["weight"] == 1
    assert 'type="integer"' in out.read_text() or 'type="long"' in out.read_text()


def test_cytoscape_json_has_cytoscapejs_element_shape(store, tmp_path):
    out = tmp_path / "g.cyjs"
    g = build_view(export(store, "cytoscape", out, view="claims"), "claims")
    doc = json.loads(out.read_text())
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert len(nodes) == g.number_of_nodes() and len(edges) == g.number_of_edges()
    ids = [n["data"]["id"] for n in nodes]
    assert len(set(ids)) == len(ids) and all(isinstance(i, str) and i for i in ids)
    edge_ids = [e["data"]["id"] for e in edges]
    assert len(set(edge_ids) | set(ids)) == len(ids) + len(edges)  # ids unique across all elements
    assert all(e["data"]["source"] in set(ids) and e["data"]["target"] in set(ids) for e in edges)
    claim = next(n["data"] for n in nodes if n["data"].get("value_max"))
    assert claim["figure_value"] == 7316 and isinstance(claim["figure_value"], (int, float)) and claim["type"] == "claim"


@pytest.mark.parametrize("view", ["sources", "claims"])
def test_cytoscape_json_reads_back_with_networkx(store, tmp_path, view):
    out = tmp_path / "g.cyjs"
    g = build_view(export(store, "cyjs", out, view=view), view)
    back = nx.cytoscape_graph(json.loads(out.read_text()))
    assert back.is_directed() and back.is_multigraph()
    assert set(back.nodes) == set(g.nodes) and back.number_of_edges() == g.number_of_edges()
    for n, attrs in g.nodes(data=True):
        read = back.nodes[n]
        assert read["name"] == attrs["label"] and read.get("figure_value") == attrs.get("value")
        assert {k: v for k, v in read.items() if k not in ("id", "name", "value", "figure_value")} == \
            {k: v for k, v in attrs.items() if k != "value"}
    assert sorted((u, v, d["kind"]) for u, v, d in back.edges(data=True) if "kind" in d) == \
        sorted((u, v, d["kind"]) for u, v, d in g.edges(data=True) if "kind" in d)


def test_dot_parses_back_and_graphviz_renders_it(store, tmp_path):
    out = tmp_path / "g.dot"
    g = build_view(export(store, "dot", out, view="claims"), "claims")
    (parsed,) = pydot.graph_from_dot_file(str(out))
    nodes = [n for n in parsed.get_nodes() if n.get_name() not in ("node", "edge", "graph")]
    assert len(nodes) == g.number_of_nodes() and len(parsed.get_edges()) == g.number_of_edges()
    labels = {n.get("label").strip('"') for n in nodes}
    assert "CJTF-OIR" in labels and "12 civilians-killed" in labels
    svg = subprocess.run(["dot", "-Tsvg", str(out)], capture_output=True, text=True, timeout=120)
    assert svg.returncode == 0, svg.stderr
    assert "<svg" in svg.stdout and "CJTF-OIR" in html.unescape(svg.stdout)


# ---------------------------------------------------------------- RDF formats

def _store_dataset(store) -> Dataset:
    ds = Dataset()
    ds.parse(data=store.dump_nquads().decode(), format="nquads")
    return ds


def _graphs(ds: Dataset) -> dict:
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


@pytest.mark.parametrize("fmt, parse_as", [("nquads", "nquads"), ("jsonld", "json-ld")])
def test_quad_formats_read_back_isomorphic_to_the_store(store, tmp_path, fmt, parse_as):
    out = tmp_path / f"all.{fmt}"
    export(store, fmt, out)
    back = Dataset()
    back.parse(out, format=parse_as)
    want, got = _graphs(_store_dataset(store)), _graphs(back)
    assert set(got) == set(want) and len(want) == 9  # 5 articles, the ontology, the reference data, the findings, the sources
    for name, graph in want.items():
        assert isomorphic(graph, got[name]), name


def test_jsonld_carries_a_context(store, tmp_path):
    out = tmp_path / "all.jsonld"
    export(store, "jsonld", out)
    doc = json.loads(out.read_text())
    assert doc["@context"]["kg"] == "https://w3id.org/kg-claims/ns#"
    assert "kg:value" in out.read_text() or '"value"' in out.read_text()


def test_turtle_is_the_union_of_all_graphs(store, tmp_path):
    out = tmp_path / "all.ttl"
    export(store, "turtle", out)
    union = Graph()
    for g in _graphs(_store_dataset(store)).values():
        union += g
    back = Graph().parse(out, format="turtle")
    assert isomorphic(back, union)
    assert out.read_text().startswith("@prefix")


# ---------------------------------------------------------------- CSV and the command line

def test_csv_has_one_row_per_claim_with_numbers_and_conflict_kinds(store, tmp_path):
    out = tmp_path / "claims.csv"
    export(store, "csv", out)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == len(GOLD)
    airwars = next(r for r in rows if r["asserter"] == "Airwars" and r["metric"] == "civilians-killed")
    assert (airwars["value"], airwars["value_max"], airwars["figure"]) == ("7316", "11637", "7,316–11,637")
    bbc = next(r for r in rows if r["asserter"] == "BBC")
    assert "contradiction" in bbc["conflicts"] and bbc["reported_by"] == "International Business Times"


def test_cli_exports_by_suffix_and_reports_what_it_wrote(seedlike, tmp_path):
    r = kg("export", "-o", tmp_path / "net.gexf", "--store", seedlike)
    assert r.exit_code == 0, r.output
    assert "wrote" in r.stdout and "gexf" in r.stdout
    r = kg("export", "--format", "graphml", "--view", "claims", "--metric", "civilians-killed",
           "-o", tmp_path / "k.xml", "--store", seedlike)
    assert r.exit_code == 0, r.output
    metrics = {d["label"] for _, d in nx.read_graphml(tmp_path / "k.xml").nodes(data=True) if d["type"] == "metric"}
    assert metrics == {"civilians-killed"}


@pytest.mark.parametrize("args, message", [
    (["--format", "pdf", "-o", "x.pdf"], "unknown format 'pdf'"),
    (["-o", "x.unknown"], "cannot tell the format"),
    (["-o", "x.graphml", "--view", "people"], "unknown view 'people'"),
    (["-o", "x.ttl", "--metric", "strikes"], "exports the whole store"),
    (["-o", "no/such/folder/x.gexf"], "no such folder"),
    (["-o", "x.gexf", "--asserter", "Nobody At All"], "no source 'Nobody At All' in the store"),
])
def test_cli_bad_input_gets_a_one_line_error(seedlike, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    r = kg("export", *args, "--store", seedlike)
    assert r.exit_code == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_real_pipeline_seed_graph_exports(seed_dir, tmp_path):
    """The seeds through `kg load` (the real extractor), then the network a Gephi user would open."""
    store = tmp_path / "s"
    assert kg("load", seed_dir, "--store", store, "-q").exit_code == 0
    r = kg("export", "-o", tmp_path / "seeds.graphml", "--store", store)
    assert r.exit_code == 0, r.output
    g = nx.read_graphml(tmp_path / "seeds.graphml")
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"CJTF-OIR", "Airwars", "BBC", "International Business Times"} <= labels
    assert any(d["relation"] == "reported" for *_, d in g.edges(data=True))


def test_two_sources_with_the_same_figure_agree_and_the_edge_says_so(tmp_path, vocab):
    from conftest import AIRWARS, make_article, make_claim
    from kg.load import store_article

    s = open_store(tmp_path / "s")
    sync_reference(s, ontology_files())
    text = "CJTF-OIR assesses 12 civilians were killed. Airwars counted 12 civilians killed.\n"
    claims = [make_claim(value=12, bound="exact", quote=text[:44], start=0, end=44),
              make_claim(value=12, bound="exact", asserter=AIRWARS, quote=text[45:-1], start=45, end=len(text) - 1)]
    store_article(s, make_article(text=text, claims=claims), vocab)
    g = build_view(load_export_data(s), "sources")
    (edge,) = edge_between(g, CJTF_IRI, "https://w3id.org/kg-claims/source/airwars", "compared")
    assert (edge["kind"], edge["agree"], edge["differ"], edge["contradict"]) == ("corroboration", 1, 0, 0)
    s.close()
