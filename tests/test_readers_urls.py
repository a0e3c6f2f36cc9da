"""`kg load https://…` against a real HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from kg import __version__
from kg.cli import app
from kg.readers import InputError, RawArticle
from kg.readers.urls import fetch_article
from kg.stores import open_store

from test_readers_html import ARTICLE_PARAGRAPHS, FURNITURE, news_page

runner = CliRunner()
PLAIN = "At least 40 civilians were killed in Raqqa in June 2017, Airwars said in its monthly assessment.\n"


class Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def send(self, status, body: bytes, ctype="text/html; charset=utf-8", length: int | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/news/2018/12/03/coalition.html":
            self.send(200, news_page(date_meta=False, canonical="").encode())
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/news/2018/12/03/coalition.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/plain.txt":
            self.send(200, PLAIN.encode(), "text/plain; charset=utf-8")
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.4\n...", "application/pdf")
        elif path == "/slow":
            time.sleep(3)
            try:
                self.send(200, b"<p>too late</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should
        elif path == "/huge-declared":
            self.send(200, b"", length=50 * 2**20)
        elif path == "/huge-streamed":  # no Content-Length: the cap must hold while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                for _ in range(200):  # ~13 MB
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send(404, b"<h1>Not Found</h1>")


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen_agents = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_page_is_fetched_with_a_polite_user_agent_and_its_main_text_kept(server):
    raw = fetch_article(server + "/moved")
    assert isinstance(raw, RawArticle), raw
    assert ARTICLE_PARAGRAPHS[0] in raw.text and not any(j in raw.text for j in FURNITURE)
    assert raw.meta.file_name == server + "/moved"
    assert raw.meta.url == server + "/news/2018/12/03/coalition.html"  # where the redirect landed
    assert (raw.meta.published, raw.meta.date_inferred) == ("2018-12-03", True)
    assert Handler.seen_agents and all(a.startswith(f"kg/{__version__} ") for a in Handler.seen_agents)


def test_plain_text_pages_are_articles_too(server):
    raw = fetch_article(server + "/plain.txt")
    assert isinstance(raw, RawArticle) and raw.text == PLAIN


@pytest.mark.parametrize("path, message", [
    ("/missing", "HTTP 404 Not Found"),
    ("/report.pdf", "content type 'application/pdf' is not an HTML page or plain text"),
    ("/huge-declared", "page is 52.4 MB, over the 10 MB limit"),
    ("/huge-streamed", "page is over the 10 MB limit"),
    ("/loop", "more than 5 redirects"),
])
def test_each_failure_is_one_clear_error(server, path, message):
    err = fetch_article(server + path)
    assert isinstance(err, InputError)
    assert str(err) == f"{server}{path}: {message}"


def test_a_slow_server_times_out(server, monkeypatch):
    monkeypatch.setenv("KG_FETCH_TIMEOUT", "0.5")
    started = time.monotonic()
    err = fetch_article(server + "/slow")
    assert isinstance(err, InputError) and "timed out" in err.message
    assert time.monotonic() - started < 2.5


def test_a_refused_connection_is_an_error():
    url = f"http://127.0.0.1:{free_port()}/x"
    err = fetch_article(url)
    assert isinstance(err, InputError) and err.message.startswith("cannot fetch:")


def test_kg_load_urls_stores_the_good_ones_and_names_each_failure(server, tmp_path):
    store = tmp_path / "store"
    good, plain, bad = server + "/news/2018/12/03/coalition.html", server + "/plain.txt", server + "/missing"
    r = runner.invoke(app, ["load", good, bad, plain, "--store", str(store)])
    assert r.exit_code == 1
    assert f"error: {bad}: HTTP 404 Not Found" in r.stderr.splitlines()
    assert "2 new, 0 unchanged, 1 rejected" in r.stdout
    with open_store(store, read_only=True) as s:
        names = {str(f) for (f,) in s.query(
            "SELECT ?f WHERE { ?a <https://w3id.org/kg-claims/ns#fileName> ?f }").rows}
    assert names == {good, plain}
    again = runner.invoke(app, ["load", good, "--store", str(store)])
    assert "0 new, 1 unchanged, 0 rejected" in again.stdout
