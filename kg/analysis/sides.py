"""Listed sides: what the conflicts listing shows of each claim, written beside the findings.

A finding (kg.analysis.findings) pairs two *figures*; the listing shows one row per pair of
*claims* stating them, with what a reader needs to judge each side: value, bound, source, article,
quote, period, place. Read from the claims' article graphs at query time, those are some forty
index lookups per row, and the listing's ORDER BY needs every row first (20-24 s for the 10k-claim
bench store, and nearly as long for its first 50 rows). So when a claim's findings are worked out,
its side of any row is written once, as one literal in the findings graph::

    <claim> kg:listedSide "value\ue000value max\ue000bound\ue000source name\ue000…" .

``kg conflicts`` (``read``) then takes the findings it lists, the claims stating their figures and
those claims' sides in three reads, and pairs, filters and sorts in Python as the named queries
do (tested: the same rows, columns and order). One side per claim, not one node per listed pair:
a story repeated by 80 outlets states each figure 80 times, and its pairs (80 × 80 per finding)
filled a 400 MB disk where the sides stay linear in the claims.

The side shows the source by its canonical name (kg.sources): a change of a source's canonical
name marks its claims for analysis again (``sources.observe``), which rewrites their sides. Cells
are separated by U+E000 (a private-use character, legal in every RDF syntax kg writes, RDF/XML
included); an absent value is U+E001; a cell holding either (or U+E002, which separates the lines of a
page of sides: ``side_pages``) has it written as U+FFFD.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Iterable, Iterator

from rdflib import Literal
from rdflib.namespace import RDFS, SKOS

from kg.analysis.queries import parse_query_file
from kg.output import growing_chunks
from kg.namespaces import BASE, GRAPH, KG
from kg.resources import data_dir
from kg.stores.sparqlterms import bind, string_literal, strip_comments

FINDINGS_GRAPH = GRAPH["findings"]
SOURCES_GRAPH = GRAPH["sources"]
CELL_SEP, ABSENT, _LINE = "\ue000", "\ue001", "\ue002"
_UNSAFE = str.maketrans({CELL_SEP: "\ufffd", ABSENT: "\ufffd", _LINE: "\ufffd"})
_SIDE = f"<{KG.listedSide}>"
LISTING_GROUP = BASE + "listing-group/"
SIDE_PAGE = BASE + "side-page/"
_SIDES_A_PAGE = 500  # lines (claims) on a page of sides
FINDING = BASE + "finding/"
_CHUNK = 500

# The listing's columns, in the order of the conflicts queries' SELECT
COLUMNS = ("kind", "metric", "period_start", "period_end", "place", "incident",
           "asserter_a", "value_a", "bound_a", "article_a", "quote_a",
           "asserter_b", "value_b", "bound_b", "article_b", "quote_b", "ratio",
           "value_max_a", "value_max_b", "outlet_a", "outlet_b", "period_start_b", "period_end_b", "place_b",
           "claim_a", "claim_b")
DECIMALS = {"value_a", "value_b", "ratio", "value_max_a", "value_max_b"}


def _internal(name: str) -> str:
    return strip_comments(parse_query_file(data_dir("queries") / "internal" / f"{name}.rq").text)


def _with_values(sparql: str, var: str, terms: Iterable[str]) -> str:
    head, sep, body = sparql.partition("WHERE {")
    return f"{head}{sep}\n  VALUES ?{var} {{ {' '.join(f'<{t}>' for t in terms)} }}{body}"


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _after(text: str, marker: str) -> str:
    """SPARQL's STRAFTER: "" when the marker is not in the text."""
    head, sep, tail = text.partition(marker)
    return tail if sep else ""


def _before(text: str, marker: str) -> str:
    """SPARQL's STRBEFORE: "" when the marker is not in the text."""
    head, sep, _ = text.partition(marker)
    return head if sep else ""


_PACKED = ("value", "value_max", "bound", "asserter", "label", "canonical", "voice", "article", "file", "quote",
           "outlet", "start", "end", "incident_label", "key", "places")


class Side:
    """What the listing shows of one claim (pair-facts.rq), its source as kg.sources names it: the cells
    of ``_PACKED``, and what the listing works out of them, once a side rather than once a row (a side is
    in many rows: a story's figure against every other's)."""

    __slots__ = ("claim", *_PACKED, "place", "number", "shown_value", "shown_max", "number_key", "end_key",
                 "place_set", "copies", "text_a", "text_b")

    def __init__(self, claim: str, value: str, value_max: str | None, bound: str,
                 asserter: str,  # the raw source IRI, as the article names it
                 label: str,  # the source's canonical name, else its name in the article
                 canonical: str,  # the canonical source IRI
                 voice: str,  # its family's voice, else the raw IRI
                 article: str, file: str, quote: str, outlet: str | None, start: str | None, end: str | None,
                 incident_label: str | None, key: str,
                 places: str):  # the claim's place IRIs, space-separated
        self.claim, self.value, self.value_max, self.bound, self.asserter = claim, value, value_max, bound, asserter
        self.label, self.canonical, self.voice, self.article, self.file = label, canonical, voice, article, file
        self.quote, self.outlet, self.start, self.end = quote, outlet, start, end
        self.incident_label, self.key, self.places = incident_label, key, places
        # the place keys as the comparison key holds them (metric|incident|places|end)
        self.place = _before(_after(_after(key, "|"), "|"), "|")
        self.number = Decimal(value)
        self.shown_value, self.shown_max = _number(value), _number(value_max)
        self.number_key = _number_key(str(self.shown_value))  # as order_key reads the row's value
        self.end_key = "0" if end is None else "1" + end
        self.place_set = frozenset(places.split())
        self.copies: int | None = None  # how many copies its article has, once counted (kg.analysis.listing)
        self.text_a = self.text_b = None  # its cells as a format writes them, as side a and as side b (``PairTexts``)

    def packed(self) -> str:
        return CELL_SEP.join(ABSENT if v is None else str(v).translate(_UNSAFE)
                             for v in (getattr(self, name) for name in _PACKED))

    @classmethod
    def unpacked(cls, claim: str, text: str) -> "Side":
        return cls(claim, *(None if cell == ABSENT else cell for cell in text.split(CELL_SEP)))


def _identity_of(store, raws: Iterable[str]) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Each raw source's canonical IRI, voice and canonical name, as the sources graph (kg.sources) holds them."""
    out = {}
    for chunk in _chunks(sorted(set(raws))):
        for raw, canon, voice, label in store.rows(_with_values(f"""
                SELECT ?raw ?canon ?voice ?label WHERE {{
                  OPTIONAL {{ GRAPH <{SOURCES_GRAPH}> {{
                    ?raw <{KG.canonical}> ?canon OPTIONAL {{ ?canon <{KG.canonicalLabel}> ?label }} }} }}
                  OPTIONAL {{ GRAPH <{SOURCES_GRAPH}> {{ ?raw <{KG.voice}> ?voice }} }} }}""", "raw", chunk)):
            out.setdefault(raw, (canon, voice, label))
    return out


def sides_of(store, claims: Iterable[str], metric: str | None = None) -> dict[str, Side]:
    """Each claim's side, read from its article graph and the sources graph (claims whose article graph
    lacks a required fact have none); given ``metric`` (an IRI), every claim of that metric instead."""
    raw: dict[str, tuple] = {}
    var, terms = ("metric_iri", [metric]) if metric else ("claim", sorted(set(claims)))
    places: dict[str, set[str]] = {}
    for chunk in _chunks(terms):
        for row in store.rows(_with_values(_internal("pair-facts"), var, chunk)):
            raw.setdefault(row[0], row)  # the shapes allow one of each; the first when an article gives two
        for claim, place in store.rows(_with_values(
                f"SELECT ?claim ?place WHERE {{ GRAPH ?g {{ ?claim <{KG.metric}> ?metric_iri ; <{KG.place}> ?place }} }}",
                var, chunk)):
            places.setdefault(claim, set()).add(place)
    identity = _identity_of(store, {row[4] for row in raw.values()})
    out = {}
    for claim, (_, value, value_max, bound, asserter, label, article, file, quote, outlet, start, end, _inc,
                incident_label, key) in raw.items():
        canon, voice, name = identity.get(asserter, (None, None, None))
        out[claim] = Side(claim, value, value_max, _after(bound, "#"), asserter, name or label, canon or asserter,
                          voice or asserter, article, file, quote, outlet,
                          None if start is None else _after(start, "/instant/"),
                          None if end is None else _after(end, "/instant/"), incident_label, key,
                          " ".join(sorted(places.get(claim, ()))))
    return out


def write(store, figure_of: dict[str, str], metric: str | None = None, per_request: int = 20_000) -> int:
    """Write the side of each of these claims (``figure_of``: each claim's figure; their source identity
    already stored), and the claims' pages of sides (``side_pages``); given ``metric`` (an IRI), of every
    claim of that metric (a rebuild). Returns how many."""
    if not figure_of:
        return 0
    lines, on_pages, count = [], [], 0
    for claim, side in sides_of(store, figure_of, metric).items():
        figure = figure_of.get(claim)
        if figure is None:
            continue
        packed = side.packed()
        lines.append(f"<{claim}> {_SIDE} {string_literal(packed)} .\n")
        on_pages.append((claim, figure, packed))
        count += 1
        if len(lines) >= per_request:
            store.add_ntriples(FINDINGS_GRAPH, "".join(lines) + side_pages(on_pages), atomic=False)
            lines, on_pages = [], []
    if lines:
        store.add_ntriples(FINDINGS_GRAPH, "".join(lines) + side_pages(on_pages), atomic=False)
    return count


def side_pages(sides: list[tuple[str, str, str]]) -> str:
    """N-Triples of pages of sides ((claim, figure, packed side) each): ``_SIDES_A_PAGE`` claims a page, each a
    line of claim, figure and side, and each claim's page (``kg:sidePage``), so that a long listing reads every
    claim's figure and side with a read of a few hundred literals (by the claims' triples, each of their terms
    a lookup: 4 s at 100,000 claims), and a claim that goes is taken off its page."""
    out = []
    for chunk in _chunks(sorted(sides), _SIDES_A_PAGE):
        page = SIDE_PAGE + hashlib.sha256("\n".join(claim for claim, _, _ in chunk).encode()).hexdigest()[:24]
        text = _LINE.join(CELL_SEP.join(line) for line in chunk)
        out.append(f"<{page}> <{KG.listedSides}> {string_literal(text)} .\n")
        out += [f"<{claim}> <{KG.sidePage}> <{page}> .\n" for claim, _, _ in chunk]
    return "".join(out)


# 2: every claim stating a figure has its side, every listed finding its listing group and its entry on a page there;
# 3: and every claim its line on a page of sides
LISTING_VERSION = 3
LISTED_FROM = 2  # the version the listing reads (below it: the named queries)
SIDE_PAGES_FROM = 3  # the version with pages of sides (below it: every claim's figure and side looked up)


def listing_mark() -> tuple:
    """The triple saying what the findings graph holds for the listing (``LISTING_VERSION``): written when
    the graph is started (kg.analysis.findings), so that a kg writing sides and groups wrote them for every
    claim and finding in it. A graph started by an older kg lacks it, though a later load through this one
    writes the sides and groups of its own claims."""
    return (FINDINGS_GRAPH, KG.listingVersion, Literal(LISTING_VERSION))


def _version_at_least(store, version: int) -> bool:
    return bool(store.query(f"ASK {{ GRAPH <{FINDINGS_GRAPH}> {{ <{FINDINGS_GRAPH}> <{KG.listingVersion}> ?v "
                            f"FILTER(?v >= {version}) }} }}").boolean)


def written(store) -> bool:
    """Whether every claim stating a figure has its side and every listed finding its group (the findings
    graph was started by a kg writing them: ``listing_mark``), or there are no figures to list. Otherwise the
    listing reads the named queries, until `kg analyse` starts the graph again."""
    return _version_at_least(store, LISTED_FROM) or not bool(
        store.query(f"ASK {{ GRAPH <{FINDINGS_GRAPH}> {{ ?c <{KG.figure}> ?f }} }}").boolean)


def forget(store, claims: list[str]) -> None:
    """Drop the sides of these claims, and take them off their pages of sides (each page holding one is
    written again without them, or goes)."""
    gone = set(claims)
    pages = {page for chunk in _chunks(sorted(gone)) for (page,) in store.rows(_with_values(
        f"SELECT DISTINCT ?page WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?claim <{KG.sidePage}> ?page }} }}", "claim", chunk))}
    for chunk in _chunks(sorted(pages)):
        _rewrite_pages(store, KG.listedSides, _LINE, store.rows(_with_values(
            f"SELECT ?page ?text WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?page <{KG.listedSides}> ?text }} }}", "page", chunk)),
            lambda page, line: line.partition(CELL_SEP)[0] not in gone)
    for chunk in _chunks(sorted(gone)):
        for predicate in (_SIDE, f"<{KG.sidePage}>"):
            store.update(_with_values(f"DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?claim {predicate} ?o }} }} "
                                      f"WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?claim {predicate} ?o }} }}", "claim", chunk))


# ---------------------------------------------------------------- rows

_SEP = "\x01"  # below every character a column holds: the joined key sorts as the tuple of its parts


@lru_cache(maxsize=65536)  # a listing's values repeat: one figure is in many rows
def _number_key(lexical: str) -> str:
    """A decimal as a string that sorts as the number does."""
    d = Decimal(lexical)
    whole, _, frac = f"{abs(d):f}".partition(".")
    digits = whole.zfill(40) + frac.ljust(20, "0")[:20]
    return "-" + "".join(str(9 - int(c)) for c in digits) if d < 0 else "0" + digits


def order_key(row: dict) -> str:
    """The listing's ORDER BY (metric, period end, kind, asserters, values, articles, claims) as one string;
    an absent period end sorts first, as SPARQL sorts an unbound value."""
    end = row["period_end"]
    return _SEP.join((row["metric"], "0" if end is None else "1" + end, row["kind"], row["asserter_a"],
                      row["asserter_b"], _number_key(str(row["value_a"])), _number_key(str(row["value_b"])),
                      row["article_a"], row["article_b"], row["claim_a"], row["claim_b"]))


def _number(lexical: str | None):
    """A decimal as kg.output.records gives it: an int when whole, else a float."""
    if lexical is None:
        return None
    d = Decimal(lexical)
    return int(d) if d == d.to_integral_value() else float(d)


# A listed pair of claims before it is a row: (its ``order_key``, its finding's (kind, metric notation, ratio as
# shown), side a, side b); pairs sort as their rows do (no two have the same key)
Pair = tuple


def row_of(pair: Pair) -> dict:
    """The listing's columns for one pair of claims, as the conflicts named query's records give them."""
    _, (kind, metric, ratio), a, b = pair
    return {"kind": kind, "metric": metric, "period_start": a.start, "period_end": a.end,
            "place": a.place, "incident": a.incident_label,
            "asserter_a": a.label, "value_a": a.shown_value, "bound_a": a.bound, "article_a": a.file,
            "quote_a": a.quote,
            "asserter_b": b.label, "value_b": b.shown_value, "bound_b": b.bound, "article_b": b.file,
            "quote_b": b.quote, "ratio": ratio,
            "value_max_a": a.shown_max, "value_max_b": b.shown_max,
            "outlet_a": a.outlet, "outlet_b": b.outlet,
            "period_start_b": b.start, "period_end_b": b.end, "place_b": b.place,
            "claim_a": a.claim, "claim_b": b.claim}


# The row's columns (``row_of``) in runs taken from one part of a pair: the pair itself, side a or side b
_RUNS = (("pair", ("kind", "metric")),
         ("a", ("period_start", "period_end", "place", "incident", "asserter_a", "value_a", "bound_a", "article_a",
                "quote_a")),
         ("b", ("asserter_b", "value_b", "bound_b", "article_b", "quote_b")),
         ("pair", ("ratio",)), ("a", ("value_max_a",)), ("b", ("value_max_b",)), ("a", ("outlet_a",)),
         ("b", ("outlet_b",)), ("b", ("period_start_b", "period_end_b", "place_b")), ("a", ("claim_a",)),
         ("b", ("claim_b",)), ("a", ("copies_a",)), ("b", ("copies_b",)))
ROW_COLUMNS = tuple(c for _, run in _RUNS for c in run)  # ``row_of``'s, and the copies kg.analysis.listing adds
_SIDE_CELLS = {"period_start": "start", "period_end": "end", "place": "place", "incident": "incident_label",
               "asserter": "label", "value": "shown_value", "bound": "bound", "article": "file", "quote": "quote",
               "value_max": "shown_max", "outlet": "outlet", "place_b": "place", "claim": "claim", "copies": "copies"}


def _side_attribute(column: str) -> str:
    return _SIDE_CELLS.get(column) or _SIDE_CELLS[column.rsplit("_", 1)[0]]


_SHOWN = ("start", "end", "place", "incident_label", "label", "shown_value", "bound", "file", "quote", "shown_max",
          "outlet", "claim", "copies")  # what a row shows of a side, in a row's cells (``_RUNS``)


class PairTexts:
    """Rows of pairs (with their sides' copies counted) as a format writes them (kg.output.RowFormat), each
    row its runs of cells joined: a side's values are written once, its runs once in each of its two places
    (side a, side b), and kept on the side, as are a finding's kind, metric and ratio. The text is the rows'
    dicts (``row_of`` and the copies) written by kg.output.render_stream, byte for byte."""

    def __init__(self, fmt):
        self.fmt = fmt
        self._shown = attrgetter(*_SHOWN)
        self._a = self._runs("a")
        self._b = self._runs("b")
        self._pair = [fmt.key("kind"), fmt.key("metric"), fmt.key("ratio")]

    def _runs(self, part: str):
        """A function of a side's values (``_SHOWN``) giving its runs of cells as side ``part``."""
        runs = [[(self.fmt.key(column), _SHOWN.index(_side_attribute(column))) for column in run]
                for of, run in _RUNS if of == part]
        sep = self.fmt.sep
        if any(key for run in runs for key, _ in run):  # JSON: each cell its column's name and the value
            return lambda values: tuple(sep.join([key + values[i] for key, i in run]) for run in runs)
        # a cell is its value: a run of one is the value, a longer one the values joined
        getters = [(itemgetter(*[i for _, i in run]), len(run) > 1) for run in runs]
        return lambda values: tuple(sep.join(get(values)) if many else get(values) for get, many in getters)

    def _side(self, side: Side) -> None:
        """The side's runs as side a and as side b."""
        values = self.fmt.values(self._shown(side))
        side.text_a = (self, self._a(values))
        side.text_b = (self, self._b(values))

    def rows(self, pairs: list[Pair]) -> list[str]:
        value, sep, head, tail = self.fmt.value, self.fmt.sep, self.fmt.head, self.fmt.tail
        kind_key, metric_key, ratio_key = self._pair
        findings: dict[int, tuple[str, str]] = {}  # by the id of a finding's tuple, which its pairs share
        out = []
        for _, finding, a, b in pairs:
            texts = findings.get(id(finding))
            if texts is None:
                kind, metric, ratio = finding
                texts = findings[id(finding)] = (kind_key + value(kind) + sep + metric_key + value(metric),
                                                 ratio_key + value(ratio))
            ta = a.text_a
            if ta is None or ta[0] is not self:
                self._side(a)
                ta = a.text_a
            tb = b.text_b
            if tb is None or tb[0] is not self:
                self._side(b)
                tb = b.text_b
            a0, a1, a2, a3, a4 = ta[1]
            b0, b1, b2, b3, b4, b5 = tb[1]
            out.append(head + sep.join((texts[0], a0, b0, texts[1], a1, b1, a2, b2, b3, a3, b4, a4, b5)) + tail)
        return out


# ---------------------------------------------------------------- reading

def _in_window(start: str | None, end: str | None, since: str | None, until: str | None) -> bool:
    """A claim's period overlaps the window at the coarser precision of the two dates (pair-filters.rq)."""
    if end is None:
        return False
    if since and not end[:len(since)] >= since[:len(end)]:
        return False
    first = start or end
    return not until or first[:len(until)] <= until[:len(first)]


def _findings(store, metric, source, incident) -> list[tuple]:
    """(kind, figure a, figure b, ratio, metric notation) of the listed findings (every kind but "compatible")
    of a metric, a canonical source or an incident's claims (side a), or all."""
    keys = f"?f <{KG.asserter}> ?param_source .\n" if source else ""
    pre = (f"?inc <{RDFS.label}> ?param_incident . ?a <{KG.incident}> ?inc .\n"
           f"GRAPH <{FINDINGS_GRAPH}> {{ ?a <{KG.figure}> ?fa . ?f <{KG.figureA}> ?fa }}\n") if incident else ""
    sparql = f"""SELECT DISTINCT ?f ?kind ?fa ?fb ?ratio ?m WHERE {{
      {pre}?m <{SKOS.notation}> ?param_metric .
      GRAPH <{FINDINGS_GRAPH}> {{ {keys}?f <{KG.metric}> ?m ; <{KG.kind}> ?kind ; <{KG.figureA}> ?fa ; <{KG.figureB}> ?fb . }}
      OPTIONAL {{ GRAPH <{FINDINGS_GRAPH}> {{ ?f <{KG.ratio}> ?ratio }} }}
    }}"""
    rows = store.rows(bind(sparql, {"param_metric": metric, "param_source": f"<{source}>" if source else None,
                                    "param_incident": incident}))
    return [(kind, fa, fb, ratio, _after(m, "/metric/")) for _, kind, fa, fb, ratio, m in rows if kind != "compatible"]


def _claims_of(store, figures: set[str] | None, every: bool) -> dict[str, list[str]]:
    """The claims stating each of these figures (every figure's when None), looked up, or picked from one read
    of every claim's figure (``every``)."""
    out: dict[str, list[str]] = {}
    query = f"SELECT ?claim ?fig WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?claim <{KG.figure}> ?fig }} }}"
    for chunk in ([None] if every else _chunks(sorted(figures))):
        for claim, figure in store.rows(query if chunk is None else _with_values(query, "fig", chunk)):
            if figures is None or figure in figures:
                out.setdefault(figure, []).append(claim)
    return out


def _sides(store, claims: set[str] | None, every: bool) -> dict[str, Side]:
    """The sides of these claims (every claim's when None), looked up, or picked from one read of every side
    (``every``)."""
    query = f"SELECT ?claim ?side WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?claim {_SIDE} ?side }} }}"
    out = {}
    for chunk in ([None] if every else _chunks(sorted(claims))):
        for claim, text in store.rows(query if chunk is None else _with_values(query, "claim", chunk)):
            if claims is None or claim in claims:
                out[claim] = Side.unpacked(claim, text)
    return out


def _every_side(store) -> tuple[dict[str, list[str]], dict[str, Side]]:
    """The claims stating each figure and every claim's side, read from the pages of sides (``side_pages``;
    a graph an older kg started, without them: every claim's figure, then every side)."""
    if not _version_at_least(store, SIDE_PAGES_FROM):
        return _claims_of(store, None, True), _sides(store, None, True)
    stating: dict[str, list[str]] = {}
    sides: dict[str, Side] = {}
    for (text,) in store.rows(f"SELECT ?text WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?page <{KG.listedSides}> ?text }} }}"):
        for line in text.split(_LINE):
            claim, figure, packed = line.split(CELL_SEP, 2)
            sides[claim] = Side.unpacked(claim, packed)
            stating.setdefault(figure, []).append(claim)
    return stating, sides


def _within(store, place: str) -> set[str]:
    """The place and every place within it (kg:within, transitively)."""
    rows = store.rows(bind(f"SELECT ?p WHERE {{ ?p <{KG.within}>+ ?param_place }}", {"param_place": place}))
    return {place.strip("<>")} | {r[0] for r in rows}


def read(store, metric: str | None = None, kind: str | None = None, source: str | None = None,
         incident: str | None = None, place: str | None = None, since: str | None = None,
         until: str | None = None) -> list[dict]:
    """The listed rows, in the listing's order, as the conflicts named queries give them (the same
    parameters: ``source`` a canonical source IRI, ``incident`` a label as stored, ``place`` an IRI in
    angle brackets), from the findings, the claims stating their figures and the claims' sides."""
    found = [f for f in _findings(store, metric, source, incident) if _kind_listed(f[0], kind)]
    every = not (metric or source or incident)
    at = _within(store, place) if place else None
    stating, sides = _stating_and_sides(store, found, every)
    return [row_of(pair) for pair in _paired(found, stating, sides, incident, at, since, until)]


def _kind_listed(found: str, asked: str | None) -> bool:
    """Whether a finding of kind ``found`` is listed when ``asked`` is: corroborations only when asked for."""
    return found == asked if asked else found != "corroboration"


def _stating_and_sides(store, found: list[tuple], every: bool) -> tuple[dict[str, list[str]], dict[str, Side]]:
    """The claims stating the figures of these findings (``_findings``' tuples), and those claims' sides.
    ``every``: the findings are most of the store's, so claims and sides are read in one pass each, not by
    lookups."""
    stating = _claims_of(store, {fig for f in found for fig in f[1:3]}, every)
    return stating, _sides(store, {c for claims in stating.values() for c in claims}, every)


def _paired(found: list[tuple], stating: dict[str, list[str]], sides: dict[str, Side], incident: str | None,
            at: set[str] | None, since: str | None, until: str | None) -> list[Pair]:
    """The pairs of these findings (``_findings``' tuples, each once), sorted in the listing's order: each pair of claims
    stating their figures (``stating``, their ``sides``) that is listed and matches the incident label, the
    places ``at`` and the window. A pair is listed as claim-pairs.rq has it: side a is the lower value, the
    lower claim IRI between equal ones (a revision reads in time order as stored); one voice's figure in two
    articles, never twice in one article (a revision may be read in one)."""
    pairs, ratios, stated = [], {}, {}
    window = since or until
    for kind_, fa, fb, ratio, metric_ in found:
        bs = stated.get(fb)
        if bs is None:  # the sides of the claims stating a figure, once a figure: a figure is in many findings
            bs = stated[fb] = [b for b in map(sides.get, stating.get(fb, ())) if b is not None]
        if not bs:
            continue
        as_ = stated.get(fa)
        if as_ is None:
            as_ = stated[fa] = [a for a in map(sides.get, stating.get(fa, ())) if a is not None]
        revision = kind_ == "revision"
        if kind_ == "not-comparable" or ratio is None:
            shown = None
        else:
            shown = ratios.get(ratio)
            if shown is None:
                shown = ratios[ratio] = _number(ratio)
        finding = (kind_, metric_, shown)
        for a in as_:
            if incident and a.incident_label != incident:
                continue
            ca, va, voice, article = a.claim, a.number, a.voice, a.article
            head = _SEP.join((metric_, a.end_key, kind_, a.label, ""))  # order_key's parts from side a's asserter
            a_key, a_file = a.number_key, a.file
            for b in bs:
                cb = b.claim
                if not revision:
                    vb = b.number
                    if not (va < vb or (va == vb and ca < cb)) or (voice == b.voice and article == b.article):
                        continue
                if at is not None and not (at & a.place_set or at & b.place_set):
                    continue
                if window and not (_in_window(a.start, a.end, since, until) or _in_window(b.start, b.end, since, until)):
                    continue
                pairs.append((head + _SEP.join((b.label, a_key, b.number_key, a_file, b.file, ca, cb)), finding, a, b))
    pairs.sort()
    return pairs


# ---------------------------------------------------------------- listing groups: the listing in its order, group by group

def _group_key(metric_iri: str, end: str | None, kind: str) -> str:
    return CELL_SEP.join((_after(metric_iri, "/metric/"), ABSENT if end is None else end, kind))


def _group_order(key: str) -> tuple[str, str, str]:
    """A listing group's place in the listing's order: the first three parts of ``order_key``."""
    metric, end, kind = key.split(CELL_SEP)
    return metric, "0" if end == ABSENT else "1" + end, kind


def ratio_text(ratio) -> str | None:
    """A stored ratio as a finding's entry holds it: the number in its shortest form, whatever lexical form
    the store gives it back in (Oxigraph writes decimals canonically: 1.50 comes back as 1.5)."""
    return None if ratio is None else format(Decimal(str(ratio)).normalize(), "f")


def entry(figure_a: str, figure_b: str, ratio) -> str:
    """A finding's entry on a page of its listing group (``Pages``): its figures and ratio."""
    ratio = ratio_text(ratio)
    return CELL_SEP.join((figure_a, figure_b, ABSENT if ratio is None else ratio))


_ENTRY_SEP = "\n"  # between the entries of a page: figure IRIs and ratios have no line break


def group_ntriples(finding: str, metric_iri: str, end: str | None, kind: str) -> tuple[str, str]:
    """(N-Triples putting a listed finding in its listing group, the group's IRI). The group is the finding's
    metric, the period end of its side a's figure and its kind, which every row of the finding has and
    which the listing is ordered by first (``order_key``). The group node holds them as one literal, and
    its metric, so that the groups of a metric, a few per month, are read and sorted without reading the
    findings."""
    key = _group_key(metric_iri, end, kind)
    group = LISTING_GROUP + hashlib.sha256(key.encode()).hexdigest()[:24]
    return (f"<{finding}> <{KG.listingGroup}> <{group}> .\n"
            f"<{group}> <{KG.listingKey}> {string_literal(key)} .\n<{group}> <{KG.listingMetric}> <{metric_iri}> .\n",
            group)


class Pages:
    """The entries of the findings written in one write, gathered by listing group: each group gets one
    literal holding them (``kg:listedFindings``, a *page*), so that the listing reads a group's findings
    with one read of a few literals. One triple per finding cost a read of its literal each (13 µs: 5.7 s
    for the 429,199 findings of 100,000 claims, and six lookups a finding, 36 s, before entries); a page
    per group and write costs one. A group written in several writes has several pages; a finding
    written again (a corroboration, when its figure is stated once more) may be on two, and is listed once."""

    def __init__(self):
        self._entries: dict[str, list[str]] = {}

    def add(self, group: str, figure_a: str, figure_b: str, ratio) -> None:
        self._entries.setdefault(group, []).append(entry(figure_a, figure_b, ratio))

    def ntriples(self) -> str:
        """The pages of the entries added since the last call."""
        text = "".join(f"<{group}> <{KG.listedFindings}> {string_literal(_ENTRY_SEP.join(entries))} .\n"
                       for group, entries in self._entries.items())
        self._entries = {}
        return text


# the pages of listing groups (VALUES ?group)
_PAGES_OF = f"SELECT ?group ?page WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?group <{KG.listedFindings}> ?page }} }}"


def drop_entries(store, entries: Iterable[tuple[str, str, str, str | None]]) -> None:
    """Take the entries of findings that go ((group, figure a, figure b, ratio) each) off their groups' pages:
    each page holding one is written again without it (or goes, when nothing is left on it)."""
    gone: dict[str, set[str]] = {}
    for group, fa, fb, ratio in entries:
        gone.setdefault(group, set()).add(entry(fa, fb, ratio))
    for chunk in _chunks(sorted(gone)):
        _rewrite_pages(store, KG.listedFindings, _ENTRY_SEP, store.rows(_with_values(_PAGES_OF, "group", chunk)),
                       lambda group, e: e not in gone[group])


def _rewrite_pages(store, predicate, sep: str, pages, keep) -> None:
    """Write again each page ((subject, text) of ``predicate``, parts joined by ``sep``) from which ``keep(subject,
    part)`` drops a part; a page left with nothing goes."""
    deleted, inserted = [], []
    for subject, text in pages:
        parts = text.split(sep)
        kept = [part for part in parts if keep(subject, part)]
        if len(kept) < len(parts):
            deleted.append(f"<{subject}> <{predicate}> {string_literal(text)} .")
            if kept:
                inserted.append(f"<{subject}> <{predicate}> {string_literal(sep.join(kept))} .")
    if deleted:
        store.update(f"DELETE DATA {{ GRAPH <{FINDINGS_GRAPH}> {{ {' '.join(deleted)} }} }}")
    if inserted:
        store.update(f"INSERT DATA {{ GRAPH <{FINDINGS_GRAPH}> {{ {' '.join(inserted)} }} }}")


def _listed_metrics(store) -> list[tuple[str, str]]:
    """(notation, IRI) of each metric with listing groups, in the listing's order."""
    return sorted((_after(m, "/metric/"), m) for (m,) in store.rows(
        f"SELECT DISTINCT ?m WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?group <{KG.listingMetric}> ?m }} }}"))


def _groups(store, metric_iri: str) -> list[tuple[tuple[str, str, str], str]]:
    """A metric's listing groups as (their place in the order, their IRI), in the listing's order."""
    return sorted((_group_order(key), group) for group, key in store.rows(
        f"SELECT ?group ?key WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ "
        f"?group <{KG.listingMetric}> <{metric_iri}> ; <{KG.listingKey}> ?key }} }}"))


def drop_empty_groups(store, groups: Iterable[str] | None = None) -> None:
    """Drop those of these listing groups (every group when None) that no finding is in any more."""
    query = (f"SELECT ?group WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?group <{KG.listingKey}> ?key "
             f"FILTER NOT EXISTS {{ ?f <{KG.listingGroup}> ?group }} }} }}")
    chunks = [None] if groups is None else _chunks(sorted(groups))
    empty = [group for chunk in chunks
             for (group,) in store.rows(query if chunk is None else _with_values(query, "group", chunk))]
    for chunk in _chunks(empty):
        store.update(_with_values(f"DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?group ?p ?o }} }} "
                                  f"WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?group ?p ?o }} }}", "group", chunk))


def _entries(store, groups: list[tuple[str, str, str]]) -> list[tuple]:
    """(kind, figure a, figure b, ratio, metric notation) of the findings in these listing groups ((IRI, metric
    notation, kind) each), from their pages (``Pages``), each once."""
    about = {group: (notation, kind) for group, notation, kind in groups}
    out: list[tuple] = []
    for chunk in _chunks(sorted(about)):
        pages: dict[str, list[str]] = {}
        for group, page in store.rows(_with_values(_PAGES_OF, "group", chunk)):
            pages.setdefault(group, []).append(page)
        for group, texts in pages.items():
            notation, kind = about[group]
            cells = _ENTRY_SEP.join(texts).replace(_ENTRY_SEP, CELL_SEP).split(CELL_SEP)  # three an entry
            n = len(cells) // 3
            entries = zip(repeat(kind, n), cells[0::3], cells[1::3],
                          [None if ratio == ABSENT else ratio for ratio in cells[2::3]], repeat(notation, n))
            out += entries if len(texts) == 1 else dict.fromkeys(entries)  # a finding on two pages: once
    return out


_MOST_GROUPS = 1024  # a batch of groups the listing reads at once: its rows sorted at once, before they are given
# Rows given from which the rest of a listing is read with every claim's figure and side read at once: a read of
# every claim costs about what lookups of a third of them cost, which a long listing soon needs, and a first page,
# however filtered, never does (reading every claim made a one-year window's first page 5.6 s at 100k, from 1.8 s)
_WHOLE = 5_000


def _batches(groups: Iterable[tuple[str, str, str]]) -> Iterator[list[tuple[str, str, str]]]:
    """Listing groups in the listing's order, as (IRI, metric notation, kind), 1, 2, 4, … at a time up to
    ``_MOST_GROUPS``: the first rows are read soon, and a filter that leaves few rows costs few reads."""
    return growing_chunks(groups, first=1, most=_MOST_GROUPS)


def _listed_groups(store, metric: str | None, kind: str | None) -> Iterator[tuple[str, str, str]]:
    """The listing groups of this metric (every metric's when None) with findings of this kind listed
    (``_kind_listed``), in the listing's order, as (IRI, metric notation, kind)."""
    for notation, metric_iri in _listed_metrics(store):
        if metric and notation != metric:
            continue
        for (_, _, group_kind), group in _groups(store, metric_iri):
            if _kind_listed(group_kind, kind):
                yield group, notation, group_kind


def _source_groups(store, source: str, metric: str | None, kind: str | None
                   ) -> tuple[list[tuple[str, str, str]], set[str]]:
    """The listing groups holding findings of a canonical source (either side), as ``_listed_groups`` gives
    them, and those findings' IRIs: two index reads however many findings the store has, and no finding's
    own facts (six lookups a finding: 1.4 s for the most listed source's 9,632 at 100,000 claims)."""
    findings, groups = set(), set()
    for finding, group in store.rows(f"SELECT ?f ?group WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ "
                                     f"?f <{KG.asserter}> <{source}> ; <{KG.listingGroup}> ?group }} }}"):
        findings.add(finding)
        groups.add(group)
    keyed = []
    for chunk in _chunks(sorted(groups)):
        for group, key in store.rows(_with_values(
                f"SELECT ?group ?key WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?group <{KG.listingKey}> ?key }} }}",
                "group", chunk)):
            order = _group_order(key)
            if (not metric or order[0] == metric) and _kind_listed(order[2], kind):
                keyed.append((order, group))
    return [(group, notation, group_kind) for (notation, _, group_kind), group in sorted(keyed)], findings


def finding_iri(kind: str, a: str, b: str) -> str:
    """A finding's IRI: its kind and figures (kg.analysis.findings names findings so)."""
    return FINDING + hashlib.sha256(f"{kind}|{a}|{b}".encode()).hexdigest()[:24]


class Listing:
    """A listing's rows as they are read: dicts (``row_of``) when iterated, or its batches of pairs, each
    sorted and following the one before (``batches``: for text written from the pairs, ``PairTexts``).
    One or the other, once."""

    def __init__(self, batches: Iterator[list[Pair]]):
        self.batches = batches
        self._rows: Iterator[dict] | None = None

    @property
    def started(self) -> bool:
        """Whether rows have been taken as dicts (the batches are then taken too)."""
        return self._rows is not None

    def __iter__(self) -> "Listing":
        return self

    def __next__(self) -> dict:
        if self._rows is None:
            self._rows = (row_of(pair) for batch in self.batches for pair in batch)
        return next(self._rows)


def stream(store, metric: str | None = None, kind: str | None = None, place: str | None = None,
           since: str | None = None, until: str | None = None, source: str | None = None,
           whole_from: int | None = _WHOLE) -> Listing:
    """``read``'s rows with the same filters (no incident: that read starts from the incident already), given
    as they are read: the findings of the first listing groups (``group_ntriples``) first, their claims'
    sides looked up, and so on group by group (``_batches``). Every row of a group sorts after every row of
    the groups before it, so each batch's rows, sorted, continue the listing. Given a canonical ``source``,
    the groups holding its findings, and of their entries its findings only. Once ``whole_from`` rows have
    been given (a long listing is being read, not a first page), every claim's figure and side is read at
    once and kept for the batches after it (None: always looked up; a source's listing always is)."""
    return Listing(_pair_batches(store, metric, kind, place, since, until, source, whole_from))


def _pair_batches(store, metric, kind, place, since, until, source, whole_from) -> Iterator[list[Pair]]:
    at = _within(store, place) if place else None
    if source is None:
        groups, of_source = _listed_groups(store, metric, kind), None
    else:
        groups, of_source = _source_groups(store, source, metric, kind)
        whole_from = None
    whole: tuple[dict[str, list[str]], dict[str, Side]] | None = None
    given = 0
    for batch in _batches(groups):
        found = _entries(store, batch)
        if of_source is not None:
            found = [f for f in found if finding_iri(f[0], f[1], f[2]) in of_source]
        if whole is None and whole_from is not None and given >= whole_from:
            whole = _every_side(store)
        stating, sides = whole or _stating_and_sides(store, found, False)
        pairs = _paired(found, stating, sides, None, at, since, until)
        given += len(pairs)
        yield pairs
