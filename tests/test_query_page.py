"""The query page at / driven in headless Chromium (Debian's chromium, no download, no network)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from test_serve_support import XSS, build_store, start_server, stop_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def served(tmp_path_factory, vocab):
    store = build_store(tmp_path_factory.mktemp("page") / "store", vocab)
    server = start_server(store)
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed (apt-get install chromium; see .ci/debian-packages)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, served):
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((served.base, "data:")) else None)
    page.goto(served.base)
    page.kg_problems = problems
    yield page
    assert problems == []
    assert outside == [], "the page fetched something outside the server"
    context.close()


def test_type_a_query_and_see_rows(page, tmp_path):
    page.fill("#query", "PREFIX kg: <https://w3id.org/kg-claims/ns#>\n"
                        "SELECT ?value WHERE { ?c a kg:Claim ; kg:value ?value } ORDER BY ?value")
    page.click("#run")
    page.wait_for_selector("#table tbody tr")
    assert page.locator("#table thead th").all_inner_texts() == ["value"]
    assert page.locator("#table tbody td").all_inner_texts() == ["12", "40", "1139", "7316"]
    assert page.inner_text("#status") == "4 rows"
    page.screenshot(path=str(tmp_path / "page.png"))


def test_named_queries_are_examples(page):
    # the list arrives by a request of its own after the page loads
    page.wait_for_selector("#examples option[value='claims']", state="attached")
    options = page.locator("#examples option").all_inner_texts()
    assert any(o.startswith("claims") for o in options)
    page.select_option("#examples", "claims")
    assert "kg:Claim" in page.input_value("#query")
    page.click("#run")
    page.wait_for_selector("#table tbody tr")
    assert "asserter" in page.locator("#table thead th").all_inner_texts()
    assert page.locator("#table tbody tr").count() == 4


def test_a_bad_query_shows_the_parser_message(page):
    page.fill("#query", "SELECT ?x WHERE { ?x ?y }")
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    assert "HTTP 400" in page.inner_text("#error") and "invalid SPARQL query" in page.inner_text("#error")
    # Chromium logs every failed request; this one is the point of the test.
    expected = [m for m in page.kg_problems if "status of 400" in m]
    assert len(expected) == 1
    page.kg_problems.remove(expected[0])


def test_article_text_with_script_is_shown_not_run(page):
    page.fill("#query", "PREFIX oa: <http://www.w3.org/ns/oa#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                        "SELECT ?q ?who WHERE { ?s oa:exact ?q . ?c skos:prefLabel ?who "
                        "FILTER(CONTAINS(?q, 'script') && CONTAINS(?who, 'Evil')) }")
    page.click("#run")
    page.wait_for_selector("#table tbody tr")
    cells = page.locator("#table tbody td").all_inner_texts()
    assert cells[0].startswith(XSS)
    assert XSS in cells[1].replace(" @en", "")
    assert page.evaluate("window.__xss") is None
    assert page.locator("#table script, #table img").count() == 0
