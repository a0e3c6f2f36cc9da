"""HTML pages: main text without page furniture, metadata from the markup, offsets into the stored text."""

from __future__ import annotations


import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.readers import InputError, RawArticle, read_article
from kg.readers.html import extract_html
from kg.stores import open_store

runner = CliRunner()

ARTICLE_PARAGRAPHS = [
    "The US-led coalition fighting the Islamic State group said on Thursday that at least 1,139 civilians "
    "have been unintentionally killed by its strikes in Iraq and Syria since the campaign began in August 2014.",
    "The monitoring group Airwars, which tracks civilian harm from international military action, puts the "
    "likely toll far higher, at between 7,316 and 11,637 civilians killed over the same period.",
    "The coalition said it had carried out 33,921 strikes between August 2014 and the end of October 2018, "
    "and that it was still assessing 216 reports of civilian casualties.",
]


def news_page(date_meta: bool = True, canonical: str = "https://ledger.example/world/2018/12/03/coalition-deaths",
              charset: str = "utf-8") -> str:
    """A saved news page: nav, ad, byline, article, related-stories box, comments, scripts, footer."""
    published = '<meta property="article:published_time" content="2018-12-03T09:15:00Z">' if date_meta else ""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Coalition admits 1,139 civilian deaths in Iraq and Syria | Daily Ledger</title>
<meta property="og:title" content="Coalition admits 1,139 civilian deaths in Iraq and Syria">
<meta property="og:site_name" content="Daily Ledger">
<meta name="author" content="Jane Doe">
{published}
<link rel="canonical" href="{canonical}">
<script>var adSlots = "1,000,000 impressions"; window.track("99 civilians killed in tracker");</script>
<script type="application/json">{{"trending": "77 civilians killed in script data"}}</script>
<style>.ad {{ color: red }}</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
<a href="/live">Live: 42 dead in storm</a></nav></header>
<div class="ad-banner advertisement">Advertisement: Win 500 prizes now! 250 people already won.</div>
<main><article>
<h1>Coalition admits 1,139 civilian deaths in Iraq and Syria</h1>
{paragraphs}
<p>"We take every report seriously," a spokesman for the coalition said in a statement.</p>
</article>
<aside class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/a">Strike kills 12 in Mosul market</a></li>
<li><a href="/b">UN says 300 dead in Raqqa offensive</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>I think 5,000 people died, the official numbers are lies and everyone knows it!</p></div>
</section>
</main>
<footer>© 2018 Daily Ledger. All rights reserved. <a href="/privacy">Privacy</a></footer>
<script>document.write("88 civilians killed in a footer script")</script>
</body></html>
"""


FURNITURE = ["Home", "Sport", "42 dead", "Advertisement", "250 people", "Related stories", "12 in Mosul",
             "300 dead", "5,000", "Comments", "All rights reserved", "99 civilians", "77 civilians", "88 civilians",
             "impressions"]


def test_main_text_keeps_the_article_and_drops_nav_ads_related_comments_and_scripts():
    text, meta, warnings = extract_html(news_page())
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in text
    for junk in FURNITURE:
        assert junk not in text, junk
    assert meta == {"title": "Coalition admits 1,139 civilian deaths in Iraq and Syria", "publisher": "Daily Ledger",
                    "url": "https://ledger.example/world/2018/12/03/coalition-deaths", "published": "2018-12-03",
                    "author": "Jane Doe"}
    assert warnings == []


def test_a_date_only_in_the_url_is_inferred_and_marked(tmp_path):
    page = tmp_path / "page.htm"
    page.write_text(news_page(date_meta=False))
    raw = read_article(page)
    assert isinstance(raw, RawArticle)
    assert (raw.meta.published, raw.meta.date_inferred) == ("2018-12-03", True)
    assert "publication date 2018-12-03 inferred from the URL" in raw.warnings


def test_page_in_latin1_declared_in_its_meta_is_decoded(tmp_path):
    page = tmp_path / "old.html"
    page.write_bytes(news_page(charset="iso-8859-1").replace("Syria</h1>", "Syria \u2014 caf\u00e9 owners</h1>")
                     .encode("latin-1", errors="replace"))
    raw = read_article(page)
    assert isinstance(raw, RawArticle)
    assert ARTICLE_PARAGRAPHS[0] in raw.text


@pytest.mark.parametrize("html, message", [
    ("", "empty file"),
    ("<html><head><title>Sign in</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
     "no article text found in the HTML page"),
])
def test_pages_without_an_article_are_rejected(tmp_path, html, message):
    page = tmp_path / "p.html"
    page.write_text(html)
    err = read_article(page)
    assert isinstance(err, InputError) and message in err.message


def test_manifest_metadata_wins_over_the_page(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(news_page())
    raw = read_article(page, manifest={"p.html": {"publisher": "Reuters", "published": "2018-12-04"}})
    assert (raw.meta.publisher, raw.meta.published, raw.meta.title) == (
        "Reuters", "2018-12-04", "Coalition admits 1,139 civilian deaths in Iraq and Syria")


def test_loaded_page_stores_the_main_text_its_metadata_and_offsets_into_that_text(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ledger.html").write_text(news_page())
    store = tmp_path / "store"
    r = runner.invoke(app, ["load", str(tmp_path / "in"), "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert "1 new, 0 unchanged, 0 rejected" in r.stdout
    with open_store(store, read_only=True) as s:
        res = s.query("""PREFIX kg: <https://w3id.org/kg-claims/ns#> PREFIX schema: <https://schema.org/>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?text ?title ?author ?date ?url ?pub WHERE { GRAPH ?g { ?a a kg:Article ; kg:text ?text ;
              schema:headline ?title ; schema:author ?author ; schema:datePublished ?date ; schema:url ?url ;
              schema:publisher/skos:prefLabel ?pub } }""")
        (text, title, author, date, url, pub), = res.rows
        claims = s.query("""PREFIX kg: <https://w3id.org/kg-claims/ns#> PREFIX oa: <http://www.w3.org/ns/oa#>
            SELECT ?quote ?start ?end WHERE { ?c kg:evidence/oa:hasSelector ?q, ?p .
              ?q oa:exact ?quote . ?p oa:start ?start ; oa:end ?end }""").rows
    text = str(text)
    assert ARTICLE_PARAGRAPHS[1] in text and not any(junk in text for junk in FURNITURE)
    assert (str(title), str(author), str(date), str(url), str(pub)) == (
        "Coalition admits 1,139 civilian deaths in Iraq and Syria", "Jane Doe", "2018-12-03",
        "https://ledger.example/world/2018/12/03/coalition-deaths", "Daily Ledger")
    for quote, start, end in claims:
        assert text[int(start):int(end)] == str(quote)
        assert not any(junk in str(quote) for junk in ("5,000", "300 dead", "42 dead"))


def test_html_row_in_a_feed_goes_through_the_same_extractor(tmp_path):
    import json

    feed = tmp_path / "pages.jsonl"
    feed.write_text(json.dumps({"html": news_page(), "id": "ledger-1"}) + "\n")
    r = runner.invoke(app, ["load", str(feed), "--store", str(tmp_path / "s")])
    assert r.exit_code == 0, r.output
    with open_store(tmp_path / "s", read_only=True) as s:
        (text, name), = s.query("SELECT ?t ?f WHERE { ?a <https://w3id.org/kg-claims/ns#text> ?t ; "
                                "<https://w3id.org/kg-claims/ns#fileName> ?f }").rows
    assert str(name) == "ledger-1" and ARTICLE_PARAGRAPHS[2] in str(text) and "5,000" not in str(text)


