"""The query workbench at / (YASGUI, vendored) driven in headless Chromium (Debian's chromium, no download).

Every request the page makes to anything but the test server is blocked and recorded, and each test
ends by asserting there was none: the page must work with no network (no CDN, no prefix.cc, no LOV).
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import sync_playwright
from test_serve_support import XSS, build_store, http, start_server, stop_server

from kg.namespaces import PREFIXES

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VENDORED = Path(__file__).resolve().parent.parent / "kg" / "server" / "static" / "yasgui"
ROW_CAP = 100
ACTIVE = ".tabPanel.active"
TABLE_ROWS = f"{ACTIVE} .yasr table.dataTable tbody tr"
KG = "PREFIX kg: <https://w3id.org/kg-claims/ns#>\n"


@pytest.fixture(scope="module")
def served(tmp_path_factory, vocab):
    store = build_store(tmp_path_factory.mktemp("page") / "store", vocab)
    server = start_server(store, "--max-rows", str(ROW_CAP))
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
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    outside = []

    def only_the_server(route):
        if route.request.url.startswith((served.base, "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_server)
    page = context.new_page()
    problems, blocked = [], []

    def console(message):
        if message.type not in ("error", "warning"):
            return
        # YASR sanitises each value with DOMPurify, which parses it in an inert document; Chromium reports
        # an on…= attribute in it (the XSS article's) as a blocked inline handler. Blocked, and never run.
        if message.text.startswith("Executing inline event handler violates the following Content Security Policy"):
            blocked.append(message.text)
        else:
            problems.append(f"console {message.type}: {message.text}")

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    requests = []
    page.on("request", lambda r: requests.append(r))
    page.goto(served.base)
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    page.kg_problems, page.kg_blocked, page.kg_requests = problems, blocked, requests
    yield page
    assert outside == [], "the page asked for something outside the server"
    assert problems == []
    context.close()


def set_query(page, text: str) -> None:
    # CodeMirror's own API on the editor element: typing would trigger completions (tested below)
    page.evaluate("t => document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.setValue(t)", text)


def query_text(page) -> str:
    return page.evaluate("document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.getValue()")


def run(page, text: str | None = None, wait_for: str = TABLE_ROWS) -> None:
    """Run the active tab's query (``text`` if given) with its button, and wait until YASR has drawn the answer."""
    if text is not None:
        set_query(page, text)
    page.evaluate("() => { window.__drawn = new Promise(done => kgWorkbench.getTab().getYasr().once('drawn', done)); }")
    page.click(f"{ACTIVE} .yasqe_queryButton")
    page.evaluate("window.__drawn.then(() => true)")
    page.wait_for_selector(wait_for)


def column(page, index: int) -> list[str]:
    return page.locator(f"{TABLE_ROWS} td:nth-child({index})").all_inner_texts()


def test_the_workbench_loads_from_the_server_alone(page, served):
    # YASGUI's own files, from the package, and nothing else
    paths = {r.url[len(served.base) - 1:] for r in page.kg_requests}
    assert {"/static/yasgui/yasgui.min.js", "/static/yasgui/yasgui.min.css", "/static/workbench.js",
            "/prefixes", "/queries"} <= paths
    assert all(r.url.startswith((served.base, "data:")) for r in page.kg_requests)
    assert page.inner_text("#endpoint") == served.url
    assert page.input_value(f"{ACTIVE} .autocomplete") == served.url
    assert page.locator(".tabsList .tab").all_inner_texts()[0].startswith("Query")
    # the editor highlights SPARQL: keywords, prefixed names, variables
    assert page.locator(f"{ACTIVE} .CodeMirror-code .cm-keyword", has_text="SELECT").count() == 1
    assert page.locator(f"{ACTIVE} .CodeMirror-code .cm-string-2", has_text="kg:Claim").count() == 1
    assert page.locator(f"{ACTIVE} .CodeMirror-code .cm-atom", has_text="?value").count() >= 1


def test_a_select_runs_and_shows_a_paged_table(page):
    run(page, KG + "SELECT ?value WHERE { ?c a kg:Claim ; kg:value ?value } ORDER BY ?value")
    assert page.locator(f"{ACTIVE} .yasr table.dataTable thead th").all_inner_texts()[1:] == ["value"]
    assert [cell.split('"')[1] for cell in column(page, 2)] == ["12", "40", "1139", "7316"]
    assert page.inner_text(f"{ACTIVE} .yasr_response_chip").startswith("4 results")
    # 90 rows: two pages of 50
    run(page, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 90")
    assert page.inner_text(f"{ACTIVE} .yasr_response_chip").startswith("90 results")
    assert page.locator(TABLE_ROWS).count() == 50
    assert page.inner_text(f"{ACTIVE} .dt-info") == "Showing 1 to 50 of 90 entries"
    assert column(page, 1)[0] == "1"
    page.click(f"{ACTIVE} .dt-paging-button.next")
    page.wait_for_selector(f"{ACTIVE} .dt-info:has-text('Showing 51 to 90 of 90 entries')")
    assert page.locator(TABLE_ROWS).count() == 40
    assert column(page, 1)[0] == "51"
    assert page.inner_text("#notice") == ""  # not cut by the row cap


def test_an_answer_cut_by_the_row_cap_says_so(page):
    run(page, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert page.inner_text(f"{ACTIVE} .yasr_response_chip").startswith(f"{ROW_CAP} results")
    assert f"the first {ROW_CAP} rows" in page.inner_text("#notice")
    run(page, KG + "SELECT ?c WHERE { ?c a kg:Claim }")
    assert page.inner_text("#notice") == ""


def test_the_results_download_as_csv(page):
    run(page, KG + "SELECT ?value WHERE { ?c a kg:Claim ; kg:value ?value } ORDER BY ?value")
    with page.expect_download() as download:
        page.click(f"{ACTIVE} .yasr_downloadIcon")
    rows = list(csv.reader(Path(download.value.path()).read_text(encoding="utf-8").splitlines()))
    assert rows == [["value"], ["12"], ["40"], ["1139"], ["7316"]]


@pytest.mark.parametrize("sparql, subject, in_turtle", [
    (KG + "CONSTRUCT { ?c kg:value ?v } WHERE { ?c a kg:Claim ; kg:value ?v }",
     "<https://w3id.org/kg-claims/claim/", "<https://w3id.org/kg-claims/claim/"),
    ("DESCRIBE <https://w3id.org/kg-claims/source/airwars>", "source:airwars", "source:airwars "),
])
def test_construct_and_describe_show_a_table_of_triples_and_the_turtle(page, sparql, subject, in_turtle):
    with page.expect_response(lambda r: r.url.endswith("/sparql") and r.request.method == "POST") as answer:
        run(page, sparql)
    assert answer.value.status == 200
    assert "text/turtle" in answer.value.request.headers["accept"]
    assert answer.value.headers["content-type"].startswith("text/turtle")
    headers = page.locator(f"{ACTIVE} .yasr table.dataTable thead th").all_inner_texts()
    assert headers[1:] == ["subject", "predicate", "object"]
    subjects = column(page, 2)
    assert subjects and all(subject in s for s in subjects)
    if "CONSTRUCT" in sparql:
        assert len(subjects) == 4 and set(column(page, 3)) == {"kg:value"}
    else:
        assert "skos:prefLabel" in column(page, 3)
    page.click(f"{ACTIVE} .select_response")
    page.wait_for_selector(f"{ACTIVE} .yasr .CodeMirror")
    turtle = page.evaluate("document.querySelector('.tabPanel.active .yasr .CodeMirror').CodeMirror.getValue()")
    assert "@prefix kg: <https://w3id.org/kg-claims/ns#>" in turtle and in_turtle in turtle


def test_a_syntax_error_shows_the_parser_message_in_place_of_the_results(page):
    run(page, KG + "SELECT ?c WHERE { ?c a kg:Claim }")
    run(page, "SELECT ?x WHERE { ?x ?y }", wait_for=f"{ACTIVE} .yasr .errorResult")
    assert "invalid SPARQL query" in page.inner_text(f"{ACTIVE} .yasr .errorResult")
    assert page.locator(f"{ACTIVE} .yasr table.dataTable").count() == 0  # the old table is gone
    assert page.locator(f"{ACTIVE} .CodeMirror-gutter-elt .parseErrorIcon").count() == 1  # and the editor marks it
    # Chromium logs every failed request; this one is the point of the test.
    expected = [m for m in page.kg_problems if "status of 400" in m]
    assert len(expected) == 1
    page.kg_problems.remove(expected[0])


def test_named_queries_open_in_tabs_of_their_own(page, served):
    names = [q["name"] for q in served.get("queries").json()]
    page.wait_for_selector("#examples option[value='claims']", state="attached")
    options = [o.get_attribute("value") for o in page.locator("#examples option").all()]
    assert options[1:] == names
    page.select_option("#examples", "claims")
    assert page.locator(".tabsList .tab").all_inner_texts()[-1].startswith("claims")
    assert "kg:Claim" in query_text(page) and "# title: Claims" in query_text(page)
    doc = page.inner_text("#example-doc")
    assert doc.startswith("Claims.") and "/queries/claims?metric=…&asserter=…&article=…" in doc
    run(page)
    assert "asserter" in page.locator(f"{ACTIVE} .yasr table.dataTable thead th").all_inner_texts()
    assert page.locator(TABLE_ROWS).count() == 4
    # picked again, the same tab comes back rather than a second one
    page.click(".tabsList .tab >> nth=0")
    assert page.is_hidden("#example-doc")
    page.select_option("#examples", "claims")
    assert [t.split("\n")[0] for t in page.locator(".tabsList .tab").all_inner_texts()].count("claims") == 1


def test_completion_offers_the_stores_terms_and_the_projects_prefixes(page):
    set_query(page, "")
    page.click(f"{ACTIVE} .CodeMirror")
    page.keyboard.type("PREFIX kg: <https://w3id.org/kg-claims/ns#>\nSELECT * WHERE { ?c a kg:Cla")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints li")
    assert "kg:Claim" in page.locator(".CodeMirror-hints li").all_inner_texts()
    page.keyboard.press("Enter")
    page.keyboard.type(" ; kg:valu")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints li:has-text('kg:value')")
    assert {"kg:value", "kg:valueMax"} <= set(page.locator(".CodeMirror-hints li").all_inner_texts())
    page.keyboard.press("Escape")
    # a prefix the project uses, declared as kg writes it (not as prefix.cc would)
    set_query(page, "")
    page.click(f"{ACTIVE} .CodeMirror")
    page.keyboard.type("PREFIX metr")
    page.wait_for_selector(".CodeMirror-hints li")
    assert f"metric: <{PREFIXES['metric']}>" in page.locator(".CodeMirror-hints li").all_inner_texts()


def test_article_text_with_script_is_shown_not_run(page):
    run(page, "PREFIX oa: <http://www.w3.org/ns/oa#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
              "SELECT ?q ?who WHERE { ?s oa:exact ?q . ?c skos:prefLabel ?who "
              "FILTER(CONTAINS(?q, 'script') && CONTAINS(?who, 'Evil')) }")
    quote, who = column(page, 2)[0], column(page, 3)[0]
    assert XSS in quote and XSS in who
    assert page.evaluate("window.__xss") is None
    assert page.locator(f"{ACTIVE} .yasr table script, {ACTIVE} .yasr table img").count() == 0
    assert not any(r.url.endswith("/x") for r in page.kg_requests)  # the payload's <img src=x> never loaded


def test_the_workbench_files_and_prefixes_over_http(served):
    script = (VENDORED / "yasgui.min.js").read_bytes()
    reply = http("GET", served.base + "static/yasgui/yasgui.min.js", headers={"Accept-Encoding": "gzip"})
    assert reply.headers["content-encoding"] == "gzip" and gzip.decompress(reply.body) == script
    assert len(reply.body) < len(script) / 3
    plain = http("GET", served.base + "static/yasgui/yasgui.min.js")
    assert plain.body == script and "content-encoding" not in plain.headers
    policy = dict(part.strip().split(" ", 1) for part in plain.headers["content-security-policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["connect-src"] == "'self'"  # no inline script, no other host
    licence = http("GET", served.base + "static/yasgui/LICENSE")
    assert licence.status == 200 and "MIT License" in licence.text
    assert "codemirror" in http("GET", served.base + "static/yasgui/THIRD-PARTY-LICENSES.txt").text
    assert json.loads(http("GET", served.base + "prefixes").body) == PREFIXES


@pytest.mark.parametrize("accept", ["text/turtle,*/*;q=0.9", "application/n-triples,*/*;q=0.9", "text/turtle"])
def test_construct_answers_the_accept_headers_yasgui_sends(served, accept):
    query = KG + "CONSTRUCT { ?c kg:value ?v } WHERE { ?c kg:value ?v }"
    reply = http("POST", served.url, urlencode({"query": query}).encode(),
                 {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    assert reply.status == 200
    assert reply.headers["content-type"].split(";")[0] == accept.split(",")[0]
