"""Helpers for the `kg serve` tests: a real `kg serve` process on a free loopback port.

No tests here; the test_serve*.py modules import from it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kg.load import store_article
from kg.model import Period, SourceRef
from kg.resources import ontology_files
from kg.stores import open_store, sync_reference

def _shared_helpers():
    """tests/conftest.py's helpers, loaded by path: `from conftest import` may find tests/extract/conftest.py."""
    spec = importlib.util.spec_from_file_location("kg_tests_conftest", Path(__file__).with_name("conftest.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_helpers = _shared_helpers()
AIRWARS, make_article, make_claim = _helpers.AIRWARS, _helpers.make_article, _helpers.make_claim
KG = Path(sys.executable).parent / "kg"
SEEDS_SUBSET = ["000_92b140df235c9e09.txt", "001_bf04cfafd866ef6d.txt"]
XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'


@dataclass
class Served:
    proc: subprocess.Popen
    store: Path
    url: str  # the SPARQL endpoint
    token: str | None = None

    @property
    def base(self) -> str:
        return self.url[: -len("sparql")]

    def get(self, path: str, headers: dict | None = None, timeout: float = 30):
        return http("GET", self.base + path.lstrip("/"), headers=headers, timeout=timeout)


@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


def http(method: str, url: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 30) -> Reply:
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    opener = urllib.request.build_opener()  # never the process-wide one other clients may have replaced
    try:
        with opener.open(req, timeout=timeout) as resp:
            return Reply(resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read())
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read())


SEED_TEXT = ("Airwars estimates that between 7,316 and 11,637 civilians were killed. "
             "CJTF-OIR assesses at least 1,139 civilians have been killed.\n")


def hand_made_articles() -> list:
    """Two articles with exact claims, plus one whose text and quote carry an XSS payload."""
    airwars_quote = "Airwars estimates that between 7,316 and 11,637 civilians were killed"
    cjtf_quote = "CJTF-OIR assesses at least 1,139 civilians have been killed"
    first = make_article(SEED_TEXT, name="one.txt", claims=[
        make_claim(metric="civilians-killed", value=Decimal(7316), value_max=Decimal(11637), bound="range",
                   asserter=AIRWARS, quote=airwars_quote, start=0, end=len(airwars_quote)),
        make_claim(metric="civilians-killed", value=Decimal(1139), bound="at-least", quote=cjtf_quote,
                   start=SEED_TEXT.index("CJTF"), end=SEED_TEXT.index("CJTF") + len(cjtf_quote)),
    ])
    strike_text = "The coalition said 12 civilians died in the strike on the factory in Mosul.\n"
    strike_quote = "The coalition said 12 civilians died"
    second = make_article(strike_text, name="two.txt", publisher="BBC", published="2018-03", claims=[
        make_claim(metric="civilians-killed", value=Decimal(12), bound="exact", quote=strike_quote,
                   start=0, end=len(strike_quote), period=Period("2017-05", "2017-05"), places=("mosul",)),
    ])
    xss_text = f"Sources said {XSS} at least 40 people were injured.\n"
    xss_quote = f"{XSS} at least 40 people were injured"
    third = make_article(xss_text, name="xss.txt", publisher="Example <b>Outlet</b>", claims=[
        make_claim(metric="people-injured", value=Decimal(40), bound="at-least", quote=xss_quote,
                   start=xss_text.index(XSS), end=xss_text.index(XSS) + len(xss_quote),
                   asserter=SourceRef("evil", f"Evil {XSS}")),
    ])
    return [first, second, third]


def build_store(path: Path, vocab, articles=None) -> Path:
    store = open_store(path)
    sync_reference(store, ontology_files())
    for article in hand_made_articles() if articles is None else articles:
        store_article(store, article, vocab)
    store.flush()
    store.close()
    return path


def start_server(store: Path, *args: str, env: dict | None = None, wait: float = 60) -> Served:
    """`kg serve --port 0` on the store; the URL comes from the discovery file it writes."""
    discovery = store / "kg-serve.json"
    proc = subprocess.Popen([str(KG), "serve", "--store", str(store), "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})}, start_new_session=True)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"kg serve exited {proc.returncode}: {proc.stderr.read().decode()}")
        try:
            info = json.loads(discovery.read_text())
        except (OSError, ValueError):
            info = None
        if info and info.get("pid") == proc.pid:
            served = Served(proc, store, info["url"])
            try:
                if served.get("health", timeout=5).status == 200:
                    return served
            except OSError:
                pass
        time.sleep(0.1)
    stop_server(Served(proc, store, ""))
    raise AssertionError("kg serve did not come up in time")


def children(pid: int) -> set[int]:
    """The PIDs of a process's children (a server's query workers, a load's pool)."""
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


def stop_server(served: Served) -> str:
    if served.proc.poll() is None:
        served.proc.send_signal(signal.SIGINT)
        try:
            served.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(served.proc.pid, signal.SIGKILL)
            served.proc.wait()
    return served.proc.stderr.read().decode("utf-8", "replace")
