"""`kg export --format html`: the offline page opened in headless Chromium with the network off."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kg.export import export
from kg.export.html import escape_json_for_script
from kg.load import store_article
from kg.model import SourceRef
from kg.stores import open_store

from conftest import make_article, make_claim
from test_export_seed_claims import fill_seedlike_store

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    # Debian's chromium (.ci/debian-packages); a missing browser fails the test, never skips it.
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class OfflinePage:
    """A page that may load file:// only; every other request is aborted and recorded."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1400, "height": 820}, offline=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.route("**/*", self._route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready=true]", timeout=10_000)

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory, vocab) -> Path:
    """The page of the seed-like store, exported once for the module."""
    folder = tmp_path_factory.mktemp("html")
    s = open_store(folder / "store")
    fill_seedlike_store(s, vocab)
    export(s, "html", folder / "seeds.html")
    s.close()
    return folder / "seeds.html"


@pytest.fixture
def seed_page(browser, seed_html):
    page = OfflinePage(browser, seed_html)
    yield page
    page.close()


def panel_text(page) -> str:
    return page.inner_text("#panel")


def click_node(page, label: str) -> None:
    """Click the node's shape, as a reader would."""
    page.locator("#nodes .node").filter(has_text=label).locator("circle, rect").click()


def test_page_draws_the_source_network_offline_without_errors(seed_page):
    page = seed_page.page
    labels = page.locator("#nodes .node text").all_text_contents()
    assert {"CJTF-OIR", "Airwars", "BBC", "Syrian Network for Human Rights", "Sputnik"} <= set(labels)
    box = page.locator("#nodes .node").first.bounding_box()
    assert box and box["width"] > 5 and box["height"] > 5  # really drawn, not just in the DOM
    assert page.locator('#edges path.edge[data-kind="contradiction"]').count() == 1
    assert page.locator('#edges path.edge[data-kind="reported"]').count() >= 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-export-seeds.png"))
    assert seed_page.errors == [] and seed_page.blocked == []


def test_clicking_a_source_lists_its_figures_with_quotes(seed_page):
    page = seed_page.page
    click_node(page, "BBC")
    text = panel_text(page)
    assert ">100 civilians-killed" in text
    assert "listed the number of deceased to be over 100" in text  # the quote
    assert "2017-05 – 2017-05" in text and "May 2017 strike on a bomb-making factory in Mosul" in text
    click_node(page, "Airwars")
    assert "7,316–11,637 civilians-killed" in panel_text(page)
    assert seed_page.errors == []


def test_clicking_a_conflict_line_shows_both_sides(seed_page):
    page = seed_page.page
    page.locator('#edges .edge-group:has(path[data-kind="contradiction"]) .edge-hit').click()
    text = panel_text(page)
    assert "contradiction" in text.lower()
    assert "12 civilians-killed" in text and ">100 civilians-killed" in text
    assert "which included 12 casualties in a strike on a bomb-making factory in Mosul, Iraq" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-export-conflict-click.png"))
    assert seed_page.errors == []


def test_search_highlights_sources_and_lists_matching_quotes(seed_page):
    page = seed_page.page
    page.fill("#search", "syria this year")
    text = panel_text(page)
    assert "1 figure match" in text and "6,395 civilians-killed" in text
    dimmed = page.locator("#nodes .node.dim text").all_text_contents()
    assert "BBC" in dimmed and "Syrian Network for Human Rights" not in dimmed
    page.fill("#search", "")
    assert page.locator("#nodes .node.dim").count() == 0


XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def test_article_text_with_script_is_shown_as_text_and_never_runs(browser, store, vocab, tmp_path):
    text = f"Officials said {XSS} at least 817 civilians were killed.\n"
    evil = SourceRef("evil", '</script><script>window.__pwned = 3</script>')
    art = make_article(text=text, name="<b>evil</b>.txt", publisher='"><svg onload="window.__pwned=4">',
                       claims=[make_claim(quote=text.strip(), start=0, end=len(text.strip()), asserter=evil,
                                          value=Decimal(817))])
    store_article(store, art, vocab)
    out = tmp_path / "evil.html"
    export(store, "html", out)
    raw = out.read_text()
    assert "<script>window.__pwned" not in raw and "<img src=x" not in raw and "</script><script>" not in raw
    page = OfflinePage(browser, out)
    try:
        p = page.page
        click_node(p, "window.__pwned = 3")
        assert XSS in panel_text(p)  # the quote shown literally
        p.fill("#search", "onerror")
        assert XSS in panel_text(p)
        assert p.evaluate("window.__pwned") is None
        assert p.locator("#panel img, #panel script, svg[onload]").count() == 0
        assert page.blocked == []  # the <img src=x> never even asked for x
    finally:
        page.close()


def test_json_for_a_script_block_escapes_what_could_close_it():
    s = escape_json_for_script({"q": "</script><!-- & \u2028"})
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert s == '{"q":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}'


# ---- a large network: 100+ sources laid out without labels on top of each other

WORDS = ["Ministry", "Health", "Council", "Observatory", "Commission", "Red Crescent", "Monitor", "Network",
         "Office", "Brigade", "Civil Defence", "Human Rights", "Directorate", "Committee", "Coalition"]


def overlaps(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (a["x"] + slack < b["x"] + b["width"] and b["x"] + slack < a["x"] + a["width"]
            and a["y"] + slack < b["y"] + b["height"] and b["y"] + slack < a["y"] + a["height"])


@pytest.fixture(scope="module")
def crowded_html(tmp_path_factory, vocab) -> Path:
    """A page of 130 sources in 65 articles: each article's two sources give different figures."""
    folder = tmp_path_factory.mktemp("crowded")
    s = open_store(folder / "store")
    for i in range(65):
        names = [f"{WORDS[(i + j) % len(WORDS)]} of District {2 * i + j} ({'North' if j else 'South'})" for j in (0, 1)]
        claims = []
        for j, name in enumerate(names):
            quote = f"{name} said {100 + 40 * j} civilians were killed."
            claims.append(make_claim(asserter=SourceRef(f"src-{i}-{j}", name), value=Decimal(100 + 40 * j),
                                     quote=quote, start=0, end=len(quote), bound="exact"))
        text = " ".join(c.quote for c in claims) + "\n"
        store_article(s, make_article(text=text, claims=claims, name=f"a{i:03}.txt",
                                      publisher=f"Outlet {i % 9}"), vocab)
    export(s, "html", folder / "crowded.html")
    s.close()
    return folder / "crowded.html"


def test_a_page_of_130_sources_shows_no_label_over_another_label_or_node(browser, crowded_html):
    page = OfflinePage(browser, crowded_html)
    try:
        p = page.page
        boxes = p.evaluate("""() => [...document.querySelectorAll('#nodes .node')].map(g => {
            const t = g.querySelector('text'), s = g.querySelector('circle, rect');
            const box = e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; };
            return {label: t.textContent, shown: getComputedStyle(t).display !== 'none', text: box(t), shape: box(s)};
        })""")
        assert len(boxes) == 139  # 130 sources and 9 outlets
        shown = [b for b in boxes if b["shown"]]
        assert len(shown) >= 30  # the most cited sources are named without hovering
        clashes = [(a["label"], b["label"]) for i, a in enumerate(shown) for b in shown[i + 1:]
                   if overlaps(a["text"], b["text"])]
        assert clashes == []
        covered = [(a["label"], b["label"]) for a in shown for b in boxes
                   if a is not b and overlaps(a["text"], b["shape"])]
        assert covered == []
        shapes = [(a["label"], b["label"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                  if overlaps(a["shape"], b["shape"], slack=2)]
        assert shapes == []
        ARTIFACTS.mkdir(exist_ok=True)
        p.screenshot(path=str(ARTIFACTS / "html-export-crowded.png"))
        assert page.errors == [] and page.blocked == []
    finally:
        page.close()


def test_a_source_named_only_on_hover_in_a_crowded_page(browser, crowded_html):
    page = OfflinePage(browser, crowded_html)
    try:
        p = page.page
        quiet = p.locator("#nodes .node:not(.labelled)").first
        label = quiet.locator("text")
        name = label.text_content()
        assert not label.is_visible()
        quiet.locator("circle, rect").hover()
        assert p.locator("#hover-label text").text_content() == name
        assert p.locator("#hover-label text").is_visible()
        quiet.locator("circle, rect").click()
        assert name in panel_text(p)
        p.mouse.move(5, 5)
        assert p.locator("#hover-label text").count() == 0
        assert label.is_visible()  # the selected source keeps its name
        p.fill("#search", "District 7 (North)")  # a search names what it finds
        assert p.locator("#nodes .node:not(.dim) text").filter(has_text="District 7 (North)").is_visible()
    finally:
        page.close()
