"""A query that needs all the memory: a real `kg serve` stops it at the worker's limit and goes on serving;
`kg query` stops it at its own limit with one line."""

from __future__ import annotations

import subprocess
import threading
import time
from urllib.parse import urlencode

import pytest
from test_serve_support import KG, build_store, children, http, start_server, stop_server

LIMIT_MIB = 250
# A sort of every pair of triples: on this store (about 3,000 triples with the ontology) a worker
# without a limit grows past 4 GiB within 20 s.
HUNGRY = "SELECT ?o ?e WHERE { ?a ?b ?o . ?c ?d ?e } ORDER BY ?o ?e LIMIT 1"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def served(tmp_path_factory, vocab):
    store = build_store(tmp_path_factory.mktemp("serve-mem") / "store", vocab)
    server = start_server(store, "--workers", "2", "--timeout", "60", "--worker-memory", str(LIMIT_MIB))
    yield server
    server.log = stop_server(server)


def _rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def test_a_query_over_the_memory_limit_gets_503_and_the_server_serves_on(served):
    before = children(served.proc.pid)
    peak, done = {"mib": 0.0}, threading.Event()

    def watch():  # the largest resident size any query worker reaches while the query runs
        while not done.is_set():
            for pid in children(served.proc.pid):
                peak["mib"] = max(peak["mib"], _rss_mib(pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.monotonic()
    try:
        reply = http("GET", served.url + "?" + urlencode({"query": HUNGRY}), timeout=90)
    finally:
        done.set()
        watcher.join()
    seconds = time.monotonic() - started

    assert reply.status == 503, reply.text
    assert reply.text.strip() == (f"query stopped: it needed more than this server's {LIMIT_MIB} MiB of memory "
                                  "per query (kg serve --worker-memory)")
    assert seconds < 30, "stopped by the time limit, not the memory limit"
    # RLIMIT_DATA bounds the heap; the resident size adds the code and the store's mapped files
    assert 0 < peak["mib"] < LIMIT_MIB + 150, peak

    # the next query is answered, by a fresh worker in place of the one that ran out
    answer = http("GET", served.url + "?" + urlencode({"query": COUNT}), headers={"Accept": "text/csv"})
    assert answer.status == 200 and answer.text.splitlines()[1].isdigit()
    health = served.get("health").json()
    assert health["worker_memory_mib"] == LIMIT_MIB and health["stopped_queries"] >= 1
    after = children(served.proc.pid)
    assert len(after) == 2 and before - after, "the worker that ran out was not replaced"


def test_kg_serve_refuses_a_memory_limit_too_small_to_start_a_worker(tmp_path, vocab):
    store = build_store(tmp_path / "store", vocab, articles=[])
    out = subprocess.run([str(KG), "serve", "--store", str(store), "--port", "0", "--worker-memory", "10"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == ["kg: --worker-memory 10: a query worker needs at least 128 MiB "
                                               "to start (0: no limit)"]


def test_kg_query_stops_at_its_memory_limit_with_one_line(tmp_path, vocab):
    store = build_store(tmp_path / "store", vocab)
    started = time.monotonic()
    out = subprocess.run([str(KG), "query", "--store", str(store), "--memory", str(LIMIT_MIB), "--sparql", HUNGRY],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert out.stderr.splitlines() == [f"kg: the query needed more than {LIMIT_MIB} MiB of memory and was stopped; "
                                       "narrow it, or allow more with kg query --memory MIB (0: no limit)"]
    assert out.stdout == ""
    assert time.monotonic() - started < 30
    # the same limit leaves an ordinary query alone
    fine = subprocess.run([str(KG), "query", "--store", str(store), "--memory", str(LIMIT_MIB), "--sparql", COUNT,
                           "--format", "csv"], capture_output=True, text=True, timeout=120)
    assert fine.returncode == 0, fine.stderr
    assert fine.stdout.splitlines()[0] == "n" and int(fine.stdout.splitlines()[1]) > 1000
