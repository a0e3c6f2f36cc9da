"""Articles loaded while `kg serve` runs become visible to it: `kg load` talks to the server.

Oxigraph's on-disk store has one writer process; while the server holds the folder,
`kg load --store FOLDER` finds the server through the folder's kg-serve.json and sends
its batches of articles to it as N-Quads (the Graph Store's POST, each graph validated, a
batch written whole or not at all; see docs/endpoint.md).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import urlencode

from test_serve_support import KG, SEEDS_SUBSET, build_store, http, start_server, stop_server

from kg.stores import open_store

COUNT_ARTICLES = ("PREFIX kg: <https://w3id.org/kg-claims/ns#>\n"
                  "SELECT ?file WHERE { ?a a kg:Article ; kg:fileName ?file } ORDER BY ?file")


def files_served(served) -> list[str]:
    reply = http("GET", served.url + "?" + urlencode({"query": COUNT_ARTICLES}),
                 headers={"Accept": "application/sparql-results+json"})
    return [b["file"]["value"] for b in reply.json()["results"]["bindings"]]


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(KG), *args], capture_output=True, text=True, timeout=300)


def test_kg_load_while_serving_is_visible_to_the_server_and_to_kg_claims(tmp_path, vocab, seed_dir):
    store = build_store(tmp_path / "store", vocab)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in SEEDS_SUBSET:
        shutil.copy(seed_dir / name, corpus / name)
    served = start_server(store)
    try:
        assert files_served(served) == ["one.txt", "two.txt", "xss.txt"]
        loaded = kg("load", str(corpus), "--store", str(store), "--quiet")
        assert loaded.returncode == 0, loaded.stderr
        assert "2 new" in loaded.stdout
        assert files_served(served) == sorted(["one.txt", "two.txt", "xss.txt", *SEEDS_SUBSET])
        claims = kg("claims", "--store", str(store), "--format", "json")
        assert claims.returncode == 0, claims.stderr
        articles = {row["article"] for row in json.loads(claims.stdout)}
        assert set(SEEDS_SUBSET) <= articles
        again = kg("load", str(corpus), "--store", str(store), "--quiet")
        assert again.returncode == 0 and "2 unchanged" in again.stdout
    finally:
        log = stop_server(served)
    assert "Traceback" not in log
    assert not (store / "kg-serve.json").exists()
    direct = open_store(store, read_only=True)  # the server is gone: the folder opens directly again
    try:
        names = sorted(str(r[0]) for r in direct.query(COUNT_ARTICLES).rows)
    finally:
        direct.close()
    assert names == sorted(["one.txt", "two.txt", "xss.txt", *SEEDS_SUBSET])


def test_second_server_on_the_same_store_is_refused(tmp_path, vocab):
    store = build_store(tmp_path / "store", vocab, articles=[])
    served = start_server(store)
    try:
        other = kg("serve", "--store", str(store), "--port", "0")
        assert other.returncode != 0
        assert "already served by kg serve" in other.stderr
    finally:
        stop_server(served)


def test_sigterm_stops_the_server_cleanly(tmp_path, vocab):
    import signal
    import subprocess as sp

    store = build_store(tmp_path / "store", vocab, articles=[])
    served = start_server(store)
    workers = {int(p) for p in sp.run(["ps", "-o", "pid=", "--ppid", str(served.proc.pid)],
                                      capture_output=True, text=True).stdout.split()}
    assert workers
    served.proc.send_signal(signal.SIGTERM)
    served.proc.wait(timeout=30)
    assert not (store / "kg-serve.json").exists()
    assert not (store / "kg-serve-snapshots").exists()
    alive = [pid for pid in workers if sp.run(["ps", "-p", str(pid)], capture_output=True).returncode == 0]
    assert alive == [], "query workers outlived the server"
    assert kg("stats", "--store", str(store)).returncode == 0  # the folder opens directly again


def article_quads(store) -> dict[str, set[str]]:
    """Each article graph's quads (as N-Quads lines) of a store folder nobody holds."""
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    out: dict[str, set[str]] = {}
    for q in s.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode) and "/article/" in q.graph_name.value:
            out.setdefault(q.graph_name.value, set()).add(str(q))
    del s
    return out


def test_a_load_through_the_server_stores_what_a_direct_load_stores(tmp_path, vocab, seed_dir):
    """kg load writes its batches to the server as N-Quads (Graph Store POST, many articles a request)
    and its findings as N-Triples: the store ends as a direct load leaves it."""
    direct = tmp_path / "direct"
    assert kg("load", str(seed_dir), "--store", str(direct), "--quiet").returncode in (0, 1)
    store = build_store(tmp_path / "store", vocab, articles=[])
    served = start_server(store)
    try:
        loaded = kg("load", str(seed_dir), "--store", str(store), "--quiet")
        assert loaded.returncode in (0, 1), loaded.stderr
        assert loaded.stdout.startswith("5 new, 0 unchanged, 0 rejected")
        through = {fmt: kg(cmd, "--store", str(store), "--format", "json").stdout
                   for cmd, fmt in (("claims", "claims"), ("conflicts", "conflicts"))}
    finally:
        log = stop_server(served)
    assert "Traceback" not in log
    assert article_quads(store) == article_quads(direct)
    assert through["claims"] == kg("claims", "--store", str(direct), "--format", "json").stdout
    assert through["conflicts"] == kg("conflicts", "--store", str(direct), "--format", "json").stdout


def test_a_posted_batch_with_one_bad_graph_stores_nothing(tmp_path, vocab, seed_dir):
    """The Graph Store POST takes N-Quads with the token only, validates each graph with the shapes
    of kg load, and writes all of them or none."""
    direct = tmp_path / "direct"
    assert kg("load", str(seed_dir), "--store", str(direct), "--quiet").returncode in (0, 1)
    graphs = sorted(article_quads(direct).items())[:2]
    good = "".join(line + " .\n" for line in sorted(graphs[0][1]))
    # the second article loses its claims' asserters: kg:assertedBy is required (shapes/)
    bad = "".join(line + " .\n" for line in sorted(graphs[1][1]) if "/ns#assertedBy>" not in line)
    assert bad.count("\n") < len(graphs[1][1])
    store = build_store(tmp_path / "store", vocab, articles=[])
    served = start_server(store)
    try:
        token = {"Authorization": "Bearer " + json.loads((store / "kg-serve.json").read_text())["token"],
                 "Content-Type": "application/n-quads"}
        url = served.base + "graph-store"
        assert http("POST", url, good.encode(), {"Content-Type": "application/n-quads"}).status == 403
        refused = http("POST", url, (good + bad).encode(), token)
        assert refused.status == 400 and "rejected by SHACL validation" in refused.text
        assert "nothing was written" in refused.text
        assert files_served(served) == []
        taken = http("POST", url, good.encode(), token)
        assert taken.status == 200 and taken.text.startswith("ok: 1 graph(s) changed"), taken.text
        assert len(files_served(served)) == 1
    finally:
        stop_server(served)
    assert set(article_quads(store)) == {graphs[0][0]}
