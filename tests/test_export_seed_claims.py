"""A store of the five seed articles with hand-made claims copying their gold annotations.

The export and plot tests draw from it, so they do not depend on how well the extractor
does today; `seedlike_store` fills a store the way `kg load` would, through store_article.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from kg.extract import normalise
from kg.load import content_hash, store_article
from kg.model import Article, ArticleMeta, Claim, Incident, Period, SourceRef
from kg.resources import ontology_files
from kg.stores import open_store, sync_reference
from kg.vocab import vocabulary

from conftest import SEEDS

CJTF = SourceRef("cjtf-oir", "CJTF-OIR")
AIRWARS = SourceRef("airwars", "Airwars")
BBC = SourceRef("bbc", "BBC", "Outlet")
SNHR = SourceRef("snhr", "Syrian Network for Human Rights")
SPUTNIK = SourceRef("sputnik", "Sputnik", "Outlet")
FACTORY = Incident("mosul-factory-2017-05", "May 2017 strike on a bomb-making factory in Mosul", "2017-05", ("mosul",))
MARCH14 = Incident("mosul-2017-03-14", "March 14 strike near Mosul", "2017-03-14", ("mosul",))
IS = ("iraq", "syria")

# (file, publisher, published): the seeds' manifest, as the gold files give it.
ARTICLES = {
    "000": ("000_92b140df235c9e09.txt", "Sputnik", None),
    "001": ("001_bf04cfafd866ef6d.txt", "International Business Times", "2018-12"),
    "002": ("002_863f4b74bda37bd1.txt", "Sputnik", "2018-08"),
    "003": ("003_111ec90d8ddfa275.txt", None, "2017-09"),
    "004": ("004_4b2bb0b0b0f43064.txt", "Air Force Times", "2018-10"),
}
# (article, asserter, metric, value, bound, value_max, start, end, places, incident, quote) from the gold files.
GOLD = [
    ("000", CJTF, "civilians-killed", 817, "at-least", None, "2014-08", "2017-11", IS, None,
     "CJTF-OIR assesses at least 817 civilians have been unintentionally killed by Coalition strikes since the start of Operation Inherent Resolve"),
    ("000", CJTF, "open-reports", 603, "exact", None, None, "2017-11", IS, None, "A total of 603 reports are still open."),
    ("000", CJTF, "casualty-reports", 1799, "exact", None, "2014-08", "2017-11", IS, None,
     "reviewing 1,799 reports of possible civilian casualties"),
    ("000", CJTF, "credible-reports", 208, "exact", None, "2014-08", "2017-11", IS, None, "208 of which were deemed credible"),
    ("000", CJTF, "strikes", 28562, "exact", None, "2014-08", "2017-11", IS, None,
     "from 28,562 strikes that took place during the period"),
    ("000", CJTF, "civilians-killed", 11, "exact", None, "2017-11", "2017-11", IS, None,
     "In November 2017, 11 civilians were killed in coalition strikes"),
    ("001", CJTF, "strikes", 31406, "exact", None, "2014-08", "2018-11", IS, None,
     "The Coalition conducted a total of 31,406 strikes between August 2014 and end of November 2018."),
    ("001", CJTF, "civilians-killed", 1139, "at-least", None, "2014-08", "2018-11", IS, None,
     "CJTF-OIR assesses at least 1,139 civilians have been unintentionally killed by Coalition strikes since the start of Operation Inherent Resolve"),
    ("001", CJTF, "civilians-killed", 12, "exact", None, "2017-05", "2017-05", ("mosul", "iraq"), FACTORY,
     "which included 12 casualties in a strike on a bomb-making factory in Mosul, Iraq"),
    ("001", BBC, "civilians-killed", 100, "more-than", None, "2017-05", "2017-05", ("mosul", "iraq"), FACTORY,
     "Reports of the same event from outlets such as BBC listed the number of deceased to be over 100."),
    ("001", CJTF, "open-reports", 184, "exact", None, None, "2018-11", IS, None,
     "the military is yet to assess 184 reports of casualties"),
    ("001", SNHR, "civilians-killed", 6395, "exact", None, "2018-01", "2018-10", ("syria",), None,
     "the Syrian Network for Human Rights estimates 6,395 civilians were killed in Syria this year alone"),
    ("001", AIRWARS, "civilians-killed", 7316, "range", 11637, "2014-08", "2018-12", IS, None,
     "Airwars estimates the total death toll in last four years to be around 7,316 to 11,637"),
    ("002", CJTF, "civilians-killed", 1061, "at-least", None, "2014-08", "2018-07", IS, None,
     "CJTF-OIR assesses at least 1061 civilians have been unintentionally killed by Coalition strikes since the start of Operation Inherent Resolve"),
    ("002", CJTF, "strikes", 29920, "exact", None, "2014-08", "2018-07", IS, None, "the coalition conducted a total of 29,920 strikes"),
    ("002", CJTF, "civilians-killed", 3, "at-least", None, "2018-07", "2018-07", IS, None,
     "In July 2018, coalition strikes killed at least three civilians"),
    ("002", SPUTNIK, "coalition-members", 70, "more-than", None, None, None, (), None, "The US-led coalition of more than 70 countries"),
    ("003", CJTF, "civilians-killed", 61, "exact", None, "2017-07", "2017-07", IS, None,
     "has confirmed another 61 “unintentional civilian deaths” caused by its strikes in Iraq and Syria"),
    ("003", CJTF, "civilians-killed", 685, "at-least", None, "2014-08", "2017-07", IS, None,
     "at least 685 civilians have been unintentionally killed by Coalition strikes since the start of Operation Inherent Resolve"),
    ("003", CJTF, "civilians-killed", 27, "exact", None, "2017-03-14", "2017-03-14", ("mosul", "iraq"), MARCH14,
     "it was assessed that 27 civilians in an adjacent structure were unintentionally killed"),
    ("003", CJTF, "strikes", 24160, "exact", None, "2014-08", "2017-07", IS, None,
     "From August 2014 to July 2017, the Coalition conducted a total of 24,160 strikes."),
    ("004", CJTF, "civilians-killed", 0, "exact", None, "2018-09", "2018-09", IS, None, "resulted in zero unintentional civilian deaths"),
    ("004", CJTF, "strikes", 30000, "more-than", None, "2014-08", "2018-09", IS, None,
     "The coalition conducted more than 30,000 strikes between August 2014 and the end of September this year"),
    ("004", CJTF, "civilians-killed", 1114, "at-least", None, "2014-08", "2018-09", IS, None,
     "has determined that at least 1,114 civilians have been unintentionally killed as a result"),
    ("004", CJTF, "open-reports", 207, "exact", None, None, "2018-09", IS, None, "A total of 207 reports are still open."),
    ("004", AIRWARS, "completed-reports", 104, "exact", None, "2018-09", "2018-09", IS, None, "all 104 of them"),
]


def seed_articles() -> list[Article]:
    articles = []
    for key, (file, publisher, published) in ARTICLES.items():
        text = normalise((SEEDS / file).read_text(encoding="utf-8"))
        claims = []
        for art, asserter, metric, value, bound, vmax, start, end, places, incident, quote in GOLD:
            if art != key:
                continue
            quote = normalise(quote).strip()
            at = text.find(quote)
            assert at >= 0, f"{file}: quote not found: {quote}"
            claims.append(Claim(metric=metric, value=Decimal(value), bound=bound,
                                value_max=None if vmax is None else Decimal(vmax), asserter=asserter,
                                period=Period(start, end, cumulative=start == "2014-08"), places=places,
                                incident=incident, quote=quote, start=at, end=at + len(quote),
                                confidence=0.9, rule="gold", method="manual"))
        meta = ArticleMeta(file_name=file, publisher=publisher, published=published)
        articles.append(Article(meta, text, content_hash(text), claims))
    return articles


def fill_seedlike_store(store, vocab) -> int:
    """Store the seed articles with their gold claims, as `kg load` would (reference graphs
    included); returns the number of claims."""
    sync_reference(store, ontology_files())
    n = 0
    for article in seed_articles():
        store_article(store, article, vocab)
        n += len(article.claims)
    return n


def seedlike_store_folder(path: Path) -> Path:
    """A closed store folder at ``path`` holding the seed-like articles."""
    s = open_store(path)
    fill_seedlike_store(s, vocabulary())
    s.close()
    return path


def test_every_hand_made_seed_claim_is_stored(store, vocab):
    n = fill_seedlike_store(store, vocab)
    res = store.query("PREFIX kg: <https://w3id.org/kg-claims/ns#> SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }")
    assert int(res.rows[0][0]) == n == len(GOLD)
