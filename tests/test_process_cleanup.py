"""No helper process outlives a kg command killed with SIGKILL: the load's worker pool, the query
server's workers, the child that runs a bounded `kg query`."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

from test_serve_support import KG, build_store, children, http, start_server

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
HUNGRY = "SELECT ?o ?e WHERE { ?a ?b ?o . ?c ?d ?e } ORDER BY ?o ?e LIMIT 1"


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie waits for an init that may never reap it)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for_children(proc: subprocess.Popen, count: int, timeout: float = 60) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the command ended before it could be killed"
        kids = children(proc.pid)
        if len(kids) >= count:
            return kids
        time.sleep(0.1)
    raise AssertionError(f"fewer than {count} child processes after {timeout} s")


def _kill_and_expect_orphans_gone(proc: subprocess.Popen, kids: set[int], within: float = 5) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and any(_running(k) for k in kids):
        time.sleep(0.1)
    left = [k for k in kids if _running(k)]
    for k in left:  # do not leave them to the rest of the suite
        os.kill(k, signal.SIGKILL)
    assert not left, f"processes outlived their killed parent: {left}"


def test_a_killed_parallel_load_leaves_no_worker_behind(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(120):  # enough to keep two workers busy for a while: each copy is a new text
        for seed in SEEDS.glob("*.txt"):
            (corpus / f"{seed.stem}_{i}.txt").write_text(seed.read_text() + f"\nReference {i}.\n")
    load = subprocess.Popen([str(KG), "load", str(corpus), "--store", str(tmp_path / "store"), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kids = _wait_for_children(load, 3)  # two workers and multiprocessing's resource tracker
    time.sleep(1.0)  # the workers at work
    _kill_and_expect_orphans_gone(load, kids)


def test_a_killed_server_leaves_no_query_worker_behind(tmp_path, vocab):
    served = start_server(build_store(tmp_path / "store", vocab), "--workers", "2", "--timeout", "60",
                          "--worker-memory", "0")
    kids = children(served.proc.pid)
    assert len(kids) == 2
    try:  # one worker busy with a query that would run for minutes
        http("GET", served.url + "?" + urlencode({"query": HUNGRY}), timeout=1)
    except OSError:
        pass
    _kill_and_expect_orphans_gone(served.proc, kids)


def test_a_killed_kg_query_leaves_no_child_behind(tmp_path, vocab):
    store = build_store(tmp_path / "store", vocab)
    query = subprocess.Popen([str(KG), "query", "--store", str(store), "--memory", "2000", "--sparql", HUNGRY],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kids = _wait_for_children(query, 1)
    time.sleep(1.0)
    _kill_and_expect_orphans_gone(query, kids)
