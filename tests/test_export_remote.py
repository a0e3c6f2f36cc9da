"""Exports and plots from a remote store (`kg serve` over real HTTP) equal those from the embedded one."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.stores import open_store
from kg.vocab import vocabulary

from test_export_seed_claims import fill_seedlike_store
from test_serve_support import start_server, stop_server

runner = CliRunner()


@pytest.fixture(scope="module")
def seedlike(tmp_path_factory):
    path = tmp_path_factory.mktemp("remote-export") / "store"
    s = open_store(path)
    fill_seedlike_store(s, vocabulary())
    s.flush()
    (path.parent / "expected.nq").write_bytes(s.dump_nquads())  # before the server holds the store
    s.close()
    return path


@pytest.fixture(scope="module")
def served(seedlike):
    server = start_server(seedlike, "--workers", "2")
    yield server
    log = stop_server(server)
    assert "Traceback" not in log, log


def kg(*args):
    r = runner.invoke(app, [str(a) for a in args])
    assert r.exit_code == 0, r.output
    return r


def test_network_from_the_endpoint_equals_the_embedded_one(seedlike, served, tmp_path):
    kg("export", "-o", tmp_path / "remote.cyjs", "--view", "claims", "--store", served.url)
    remote = json.loads((tmp_path / "remote.cyjs").read_text())
    kg("export", "-o", tmp_path / "remote.graphml", "--store", served.url)
    g = nx.read_graphml(tmp_path / "remote.graphml")
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"CJTF-OIR", "Airwars", "BBC", "Syrian Network for Human Rights"} <= labels
    kinds = {d["kind"] for *_, d in g.edges(data=True)}
    assert "contradiction" in kinds and "reported" in kinds
    claims = [n["data"] for n in remote["elements"]["nodes"] if n["data"]["type"] == "claim"]
    assert len(claims) == 26


def test_nquads_from_the_endpoint_hold_every_graph(served, tmp_path):
    kg("export", "-o", tmp_path / "all.nq", "--store", served.url)
    back = Dataset()
    back.parse(tmp_path / "all.nq", format="nquads")
    names = {str(g.identifier) for g in back.graphs() if len(g)}
    assert len([n for n in names if "/article/" in n]) == 5
    assert {"https://w3id.org/kg-claims/graph/ontology", "https://w3id.org/kg-claims/graph/reference"} <= names


def test_timeline_from_the_endpoint(served, tmp_path):
    r = kg("plot", "timeline", "--metric", "civilians-killed", "-o", tmp_path / "t.svg", "--store", served.url)
    assert "4 sources" in r.stdout
    assert "7,316–11,637" in (tmp_path / "t.svg").read_text()


def test_endpoint_export_is_isomorphic_to_the_store(seedlike, served, tmp_path):
    kg("export", "-o", tmp_path / "remote.nq", "--store", served.url)
    remote = Dataset()
    remote.parse(tmp_path / "remote.nq", format="nquads")
    want = Dataset()
    want.parse(seedlike.parent / "expected.nq", format="nquads")
    graphs = lambda ds: {str(g.identifier): g for g in ds.graphs() if len(g)}  # noqa: E731
    got, expected = graphs(remote), graphs(want)
    assert set(got) == set(expected)
    for name in expected:
        assert isomorphic(got[name], expected[name]), name
