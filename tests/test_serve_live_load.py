"""Articles loaded while `kg serve` runs become visible to it: `kg load` talks to the server.

Oxigraph's on-disk store has one writer process; while the server holds the folder,
`kg load --store FOLDER` finds the server through the folder's kg-serve.json and sends
each article to it as one validated SPARQL update (see docs/endpoint.md).
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
