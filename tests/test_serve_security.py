"""Hostile and careless clients of `kg serve`: tokens, SHACL on updates, SERVICE, caps, traversal, timeouts."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from decimal import Decimal
from urllib.parse import quote, urlencode

import pytest
from test_serve_support import build_store, http, make_article, make_claim, start_server, stop_server

from kg.extract import EXTRACTOR_VERSION
from kg.load import content_hash
from kg.rdf import article_graph, article_iri
from kg.server.workers import Job, WorkerFailed, WorkerPool
from kg.stores.remote import RemoteStore
from kg.stores import StoreError

TOKEN = "s3cret-token"
PREFIX = "PREFIX kg: <https://w3id.org/kg-claims/ns#>\n"
TIMEOUT = 1.5
# A cross join over all claims (five ways, with every triple of each): far beyond any time limit.
PATHOLOGICAL = PREFIX + ("SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Claim ; ?p1 ?o1 . ?b a kg:Claim ; ?p2 ?o2 . "
                         "?c a kg:Claim ; ?p3 ?o3 . ?d a kg:Claim ; ?p4 ?o4 . ?e a kg:Claim ; ?p5 ?o5 }")


@pytest.fixture(scope="module")
def served(tmp_path_factory, vocab):
    store = build_store(tmp_path_factory.mktemp("serve-sec") / "store", vocab)
    server = start_server(store, "--allow-update", "--timeout", str(TIMEOUT), "--workers", "2",
                          "--max-body", "20000", "--max-query-length", "5000", env={"KG_SERVE_TOKEN": TOKEN})
    server.token = TOKEN
    yield server
    log = stop_server(server)
    assert "Traceback" not in log, log


def update(served, text: str, token: str | None = TOKEN, content_type="application/sparql-update"):
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = text.encode() if content_type == "application/sparql-update" else urlencode({"update": text}).encode()
    return http("POST", served.url, body, headers)


def ask(served, query: str) -> bool:
    reply = http("GET", served.url + "?" + urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"})
    assert reply.status == 200, reply.text
    return reply.json()["boolean"]


def insert_article(article, vocab) -> tuple[str, str]:
    name = article_iri(article.content_hash)
    body = article_graph(article, vocab, EXTRACTOR_VERSION).serialize(format="nt")
    return str(name), f"INSERT DATA {{ GRAPH <{name}> {{\n{body}}} }}"


def test_update_refused_without_the_token(served, vocab):
    name, text = insert_article(make_article("No token here: 5 civilians were killed.\n", name="n.txt"), vocab)
    for token in (None, "wrong-token"):
        reply = update(served, text, token=token)
        assert reply.status == 401
        assert "bearer" in reply.headers.get("www-authenticate", "").lower()
    assert not ask(served, f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")


def test_update_accepted_with_the_token_and_visible_at_once(served, vocab):
    text = "Airwars said at least 77 civilians were killed in Raqqa.\n"
    quote_ = "Airwars said at least 77 civilians were killed"
    article = make_article(text, name="raqqa.txt", claims=[make_claim(value=Decimal(77), quote=quote_, end=len(quote_))])
    name, body = insert_article(article, vocab)
    reply = update(served, body, content_type="application/x-www-form-urlencoded")
    assert reply.status == 200, reply.text
    assert reply.text.startswith("ok: 1 graph(s) changed")
    assert ask(served, PREFIX + f"ASK {{ GRAPH <{name}> {{ ?c kg:value ?v FILTER(?v = 77) }} }}")
    assert update(served, f"DROP GRAPH <{name}>").status == 200
    assert not ask(served, f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")


def test_update_breaking_a_shape_is_rejected_with_the_message_and_nothing_stored(served, vocab):
    text = "Officials said -5 civilians were killed.\n"
    article = make_article(text, name="neg.txt", claims=[make_claim(value=Decimal(-5), quote="said -5 civilians",
                                                                    start=10, end=27)])
    name, body = insert_article(article, vocab)
    reply = update(served, body)
    assert reply.status == 400
    assert "SHACL" in reply.text and "said -5 civilians" in reply.text and "nothing was written" in reply.text
    assert not ask(served, f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")


def test_an_update_stored_with_shape_warnings_says_so_once_per_line(served, vocab):
    text = "Officials said 4 civilians were killed.\n"
    quote_ = "Officials said 4 civilians were killed"
    article = make_article(text, name="nodate.txt", publisher=None, published=None,
                           claims=[make_claim(value=Decimal(4), quote=quote_, end=len(quote_))])
    name, body = insert_article(article, vocab)
    reply = update(served, body)
    assert reply.status == 200, reply.text
    warnings = [line for line in reply.text.splitlines() if "warning" in line]
    assert warnings and all(line.startswith(f"warning: <{name}>: ") and line.count("warning") == 1 for line in warnings), \
        reply.text
    assert update(served, f"DROP GRAPH <{name}>").status == 200


@pytest.mark.parametrize("text, says", [
    ("INSERT DATA { <http://ex/s> <http://ex/p> 1 }", "named graphs only"),
    ("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", "by IRI"),
    ("LOAD <http://127.0.0.1:9/evil.ttl> INTO GRAPH <http://ex/g>", "LOAD"),
    ("DROP ALL", "DROP ALL"),
    ("INSERT DATA { GRAPH <http://ex/g> { <http://ex/s> <http://ex/p> 1 }", "invalid SPARQL update"),
])
def test_updates_beyond_named_graphs_are_refused(served, text, says):
    reply = update(served, text)
    assert reply.status == 400
    assert says in reply.text


def test_service_is_refused_but_the_word_in_a_literal_is_fine(served):
    federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    reply = http("GET", served.url + "?" + urlencode({"query": federated}))
    assert reply.status == 403
    assert "SERVICE" in reply.text and "--allow-service" in reply.text
    harmless = 'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:9/sparql>" AS ?x) }'
    assert http("GET", served.url + "?" + urlencode({"query": harmless})).status == 200


@pytest.fixture
def listener():
    """A real loopback TCP listener: (its port, the first bytes of every connection made to it)."""
    sock = socket.create_server(("127.0.0.1", 0))
    sock.settimeout(0.1)
    received: list[bytes] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    received.append(conn.recv(4096))
                except OSError:
                    received.append(b"")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield sock.getsockname()[1], received
    stop.set()
    thread.join()
    sock.close()


# Each hides SERVICE from a text screen or puts it where a shallow check would not look.
HIDDEN_SERVICE = [
    # a \u escape before '#' in an IRI: the old screen took "#x> …" for a comment (issue 20, case 1)
    r"SELECT ?a WHERE { OPTIONAL { ?s ?p <http://a/\u0041#x> } SERVICE <http://127.0.0.1:{port}/x> { ?a ?b ?c } }",
    "SELECT ?a WHERE { ?s ?p ?o { SELECT ?a WHERE { SERVICE <http://127.0.0.1:{port}/x> { ?a ?b ?c } } } }",
    "SELECT ?s WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE SILENT <http://127.0.0.1:{port}/x> { ?s ?b ?c } } }",
    "PREFIX far: <http://127.0.0.1:{port}/> SELECT * WHERE { GRAPH ?g { OPTIONAL { SERVICE far:x { ?a ?b ?c } } } }",
    r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:{port}/x> { ?a ?b ?c } }",
]


@pytest.mark.parametrize("template", HIDDEN_SERVICE)
def test_hidden_service_is_refused_and_nothing_reaches_the_listener(served, listener, template):
    port, received = listener
    query = template.replace("{port}", str(port))
    reply = http("GET", served.url + "?" + urlencode({"query": query}))
    time.sleep(0.3)  # time for a stray connection to arrive
    assert received == [], f"the server contacted the listener: {received!r}"
    assert reply.status in (400, 403), reply.text
    assert "SERVICE" in reply.text or "invalid SPARQL" in reply.text


def test_load_hidden_by_an_escape_neither_reads_a_file_nor_reaches_the_listener(served, listener, tmp_path):
    port, received = listener
    secret = tmp_path / "secret.ttl"
    secret.write_text('<http://ex/secret> <http://ex/is> "the server read a local file" .\n')
    graph = "http://ex/loaded"
    disguise = rf"INSERT DATA {{ GRAPH <{graph}> {{ <http://a/\u0041#x> <http://ex/p> 1 }} }} ; "
    for target in (secret.as_uri(), f"http://127.0.0.1:{port}/x.ttl"):
        reply = update(served, f"{disguise}LOAD <{target}> INTO GRAPH <{graph}>")
        assert reply.status == 400 and "LOAD" in reply.text, reply.text
    update_with_service = (f"INSERT {{ GRAPH <{graph}> {{ ?a ?b ?c }} }} "
                           rf"WHERE {{ <http://a/\u0041#x> <http://ex/p> 1 . SERVICE <http://127.0.0.1:{port}/x> {{ ?a ?b ?c }} }}")
    reply = update(served, update_with_service)
    assert reply.status == 400, reply.text
    time.sleep(0.3)
    assert received == [], f"the server contacted the listener: {received!r}"
    assert not ask(served, f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert not ask(served, 'ASK { ?s ?p "the server read a local file" }')


def test_a_query_worker_cannot_open_a_network_connection(tmp_path, listener):
    """The second wall: a query that no check read (run as the server's own text) still cannot
    reach the network from a query worker."""
    port, received = listener
    store = tmp_path / "store"
    build_store(store, None, articles=[])
    pool = WorkerPool(1, timeout=30)
    try:
        job = Job(snapshot=str(store), query=f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?a ?b ?c }} }}",
                  accept=None, format=None, max_rows=10, vetted=True)
        with pytest.raises(WorkerFailed, match="Permission denied"):
            pool.run(job)
        # the worker survives the refusal and still answers
        job.query = "ASK { }"
        assert b"true" in pool.run(job).body
    finally:
        pool.close()
    time.sleep(0.3)
    assert received == [], f"a query worker contacted the listener: {received!r}"


def test_query_length_and_body_size_are_capped(served):
    long_query = "SELECT * WHERE { ?s ?p ?o }" + " " * 6000
    assert http("GET", served.url + "?" + urlencode({"query": long_query})).status == 413
    big = urlencode({"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30000}).encode()
    reply = http("POST", served.url, big, {"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 413 and "larger than 20000 bytes" in reply.text


def test_the_token_holder_may_send_a_larger_body(served, vocab):
    text = "Officials said 3 civilians were killed. " + "Background. " * 3000 + "\n"
    q = "Officials said 3 civilians were killed"
    article = make_article(text, name="long.txt", claims=[make_claim(value=Decimal(3), quote=q, end=len(q))])
    name, body = insert_article(article, vocab)
    assert len(body.encode()) > 20000
    assert update(served, body).status == 200
    assert ask(served, f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")


@pytest.mark.parametrize("path", [
    "static/../../../pyproject.toml", "static/..%2F..%2F..%2Fpyproject.toml", "static/%2e%2e/app.py",
    "static/....//....//pyproject.toml", "static/app.js%00.html", "static//etc/passwd", "../../etc/passwd",
])
def test_static_routes_refuse_path_traversal(served, path):
    reply = http("GET", served.base + path)
    assert reply.status == 404
    assert b"[build-system]" not in reply.body and b"import" not in reply.body and b"root:" not in reply.body


def test_errors_carry_no_stack_traces_or_paths(served):
    replies = [
        http("POST", served.url, b"query=x", {"Content-Type": "text/plain"}),
        http("GET", served.url + "?" + urlencode({"query": "SELECT * WHERE { ?s ?p }"})),
        http("GET", served.base + "graph-store?graph=" + quote("not an iri")),
        http("GET", served.url + "?" + urlencode({"query": "SELECT * {}", "update": "DROP ALL"})),
        http("POST", served.url, b"\xff\xfe", {"Content-Type": "application/x-www-form-urlencoded"}),
    ]
    for reply in replies:
        assert 400 <= reply.status < 500
        assert "Traceback" not in reply.text and "/work" not in reply.text and "/tmp" not in reply.text
        assert str(served.store) not in reply.text


def _worker_pids(server_pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(server_pid)], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


def test_pathological_query_is_stopped_while_another_client_is_served(served):
    before = _worker_pids(served.proc.pid)
    assert len(before) == 2
    outcome = {}

    def pathological():
        started = time.monotonic()
        outcome["reply"] = http("POST", served.url, PATHOLOGICAL.encode(),
                                {"Content-Type": "application/sparql-query"}, timeout=60)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=pathological)
    thread.start()
    time.sleep(0.3)
    answered_meanwhile = 0
    simple = PREFIX + "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }"
    while thread.is_alive() and answered_meanwhile < 5:
        reply = http("GET", served.url + "?" + urlencode({"query": simple}), headers={"Accept": "text/csv"})
        assert reply.status == 200 and reply.text.splitlines()[1].isdigit()
        answered_meanwhile += 1 if thread.is_alive() else 0
    thread.join(60)
    assert answered_meanwhile >= 1, "the second client was not served while the pathological query ran"
    reply = outcome["reply"]
    assert reply.status == 503
    assert "time limit" in reply.text or "limit (kg serve --timeout)" in reply.text
    assert outcome["seconds"] < TIMEOUT + 20
    health = served.get("health").json()
    assert health["stopped_queries"] >= 1
    after = _worker_pids(served.proc.pid)
    assert len(after) == 2 and before - after, "the overrunning worker process was not killed and replaced"


def test_remote_store_writes_through_the_server_with_the_token(served, vocab):
    text = "The ministry said 9 civilians were injured.\n"
    q = "The ministry said 9 civilians were injured"
    article = make_article(text, name="remote.txt", claims=[make_claim(metric="civilians-injured", value=Decimal(9),
                                                                       quote=q, end=len(q))])
    graph = article_graph(article, vocab, EXTRACTOR_VERSION)
    name = article_iri(content_hash(text))
    with pytest.raises(StoreError, match="not authorised"):
        RemoteStore(served.url, token="nope").add_graph(name, graph)
    remote = RemoteStore(served.url, token=TOKEN)
    assert not remote.has_graph(name)
    remote.add_graph(name, graph)
    assert remote.has_graph(name) and name in remote.article_graphs()
    assert len(remote.graph(name)) == len(graph)
    assert remote.remove_graph(name) and not remote.has_graph(name)
    assert remote.remove_graph(name) is False
