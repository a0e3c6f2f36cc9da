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
included); an absent value is U+E001; a cell holding either has it written as U+FFFD.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from decimal import Decimal
from functools import cached_property, lru_cache
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
CELL_SEP, ABSENT = "\ue000", "\ue001"
_UNSAFE = str.maketrans({CELL_SEP: "\ufffd", ABSENT: "\ufffd"})
_SIDE = f"<{KG.listedSide}>"
LISTING_GROUP = BASE + "listing-group/"
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


@dataclass
class Side:
    """What the listing shows of one claim (pair-facts.rq), its source as kg.sources names it."""

    claim: str
    value: str
    value_max: str | None
    bound: str
    asserter: str  # the raw source IRI, as the article names it
    label: str  # the source's canonical name, else its name in the article
    canonical: str  # the canonical source IRI
    voice: str  # its family's voice, else the raw IRI
    article: str
    file: str
    quote: str
    outlet: str | None
    start: str | None
    end: str | None
    incident_label: str | None
    key: str
    places: str  # the claim's place IRIs, space-separated

    # Worked out once a side, not once a row: a side is in many rows (a story's figure against every other's)
    @cached_property
    def place(self) -> str:
        # the place keys as the comparison key holds them (metric|incident|places|end)
        return _before(_after(_after(self.key, "|"), "|"), "|")

    @cached_property
    def number(self) -> Decimal:
        return Decimal(self.value)

    @cached_property
    def shown_value(self):
        return _number(self.value)

    @cached_property
    def shown_max(self):
        return _number(self.value_max)

    @cached_property
    def place_set(self) -> frozenset[str]:
        return frozenset(self.places.split())

    def packed(self) -> str:
        return CELL_SEP.join(ABSENT if getattr(self, f.name) is None else str(getattr(self, f.name)).translate(_UNSAFE)
                             for f in fields(self)[1:])

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


def write(store, claims: Iterable[str], metric: str | None = None, per_request: int = 20_000) -> int:
    """Write the side of each of these claims (their source identity already stored); given ``metric``
    (an IRI), of every claim of that metric (a rebuild). Returns how many."""
    claims = set(claims)
    if not claims:
        return 0
    lines, count = [], 0
    for claim, side in sides_of(store, claims, metric).items():
        if claim not in claims:
            continue
        lines.append(f"<{claim}> {_SIDE} {string_literal(side.packed())} .\n")
        count += 1
        if len(lines) >= per_request:
            store.add_ntriples(FINDINGS_GRAPH, "".join(lines), atomic=False)
            lines = []
    if lines:
        store.add_ntriples(FINDINGS_GRAPH, "".join(lines), atomic=False)
    return count


# 2: every claim stating a figure has its side, every listed finding its listing group and its entry on a page there
LISTING_VERSION = 2


def listing_mark() -> tuple:
    """The triple saying what the findings graph holds for the listing (``LISTING_VERSION``): written when
    the graph is started (kg.analysis.findings), so that a kg writing sides and groups wrote them for every
    claim and finding in it. A graph started by an older kg lacks it, though a later load through this one
    writes the sides and groups of its own claims."""
    return (FINDINGS_GRAPH, KG.listingVersion, Literal(LISTING_VERSION))


def written(store) -> bool:
    """Whether every claim stating a figure has its side and every listed finding its group (the findings
    graph was started by a kg writing them: ``listing_mark``), or there are no figures to list. Otherwise the
    listing reads the named queries, until `kg analyse` starts the graph again."""
    return bool(store.query(f"ASK {{ GRAPH <{FINDINGS_GRAPH}> {{ <{FINDINGS_GRAPH}> <{KG.listingVersion}> ?v "
                            f"FILTER(?v >= {LISTING_VERSION}) }} }}").boolean) or not bool(
        store.query(f"ASK {{ GRAPH <{FINDINGS_GRAPH}> {{ ?c <{KG.figure}> ?f }} }}").boolean)


def forget(store, claims: list[str]) -> None:
    """Drop the sides of these claims."""
    for chunk in _chunks(sorted(set(claims))):
        store.update(_with_values(f"DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?claim {_SIDE} ?side }} }} "
                                  f"WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?claim {_SIDE} ?side }} }}", "claim", chunk))


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


def listed(kind: str, a: Side, b: Side) -> bool:
    """Whether two claims stating a finding's figures are one row, as claim-pairs.rq has it: side a is the
    lower value, the lower claim IRI between equal ones (a revision reads in time order as stored); one
    voice's figure in two articles, never twice in one article (a revision may be read in one)."""
    if kind == "revision":
        return True
    va, vb = a.number, b.number
    if not (va < vb or (va == vb and a.claim < b.claim)):
        return False
    return a.voice != b.voice or a.article != b.article


def _number(lexical: str | None):
    """A decimal as kg.output.records gives it: an int when whole, else a float."""
    if lexical is None:
        return None
    d = Decimal(lexical)
    return int(d) if d == d.to_integral_value() else float(d)


def row_of(kind: str, metric: str, ratio: str | None, a: Side, b: Side) -> dict:
    """The listing's columns for one pair of claims, as the conflicts named query's records give them."""
    return {"kind": kind, "metric": metric, "period_start": a.start, "period_end": a.end,
            "place": a.place, "incident": a.incident_label,
            "asserter_a": a.label, "value_a": a.shown_value, "bound_a": a.bound, "article_a": a.file,
            "quote_a": a.quote,
            "asserter_b": b.label, "value_b": b.shown_value, "bound_b": b.bound, "article_b": b.file,
            "quote_b": b.quote, "ratio": None if kind == "not-comparable" else _number(ratio),
            "value_max_a": a.shown_max, "value_max_b": b.shown_max,
            "outlet_a": a.outlet, "outlet_b": b.outlet,
            "period_start_b": b.start, "period_end_b": b.end, "place_b": b.place,
            "claim_a": a.claim, "claim_b": b.claim}


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
    return sorted(_paired(found, stating, sides, incident, at, since, until), key=order_key)


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
            at: set[str] | None, since: str | None, until: str | None) -> list[dict]:
    """The rows of these findings (``_findings``' tuples): each pair of claims stating their figures
    (``stating``, their ``sides``) that is listed and matches the incident label, the places ``at`` and the
    window; unsorted."""
    rows, seen = [], set()
    for kind_, fa, fb, ratio, metric_ in found:
        for ca in stating.get(fa, ()):
            a = sides.get(ca)
            if a is None or (incident and a.incident_label != incident):
                continue
            for cb in stating.get(fb, ()):
                b = sides.get(cb)
                if b is None or (kind_, ca, cb) in seen or not listed(kind_, a, b):
                    continue
                if at is not None and not (at & a.place_set or at & b.place_set):
                    continue
                if (since or until) and not (_in_window(a.start, a.end, since, until)
                                             or _in_window(b.start, b.end, since, until)):
                    continue
                seen.add((kind_, ca, cb))
                rows.append(row_of(kind_, metric_, ratio, a, b))
    return rows


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
        deleted, inserted = [], []
        for group, page in store.rows(_with_values(_PAGES_OF, "group", chunk)):
            entries_on = page.split(_ENTRY_SEP)
            kept = [e for e in entries_on if e not in gone[group]]
            if len(kept) < len(entries_on):
                deleted.append(f"<{group}> <{KG.listedFindings}> {string_literal(page)} .")
                if kept:
                    inserted.append(f"<{group}> <{KG.listedFindings}> {string_literal(_ENTRY_SEP.join(kept))} .")
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
    notation, kind) each), from their pages (``Pages``)."""
    about = {group: (notation, kind) for group, notation, kind in groups}
    out = []
    for chunk in _chunks(sorted(about)):
        for group, page in store.rows(_with_values(_PAGES_OF, "group", chunk)):
            notation, kind = about[group]
            for text in page.split(_ENTRY_SEP):
                fa, fb, ratio = text.split(CELL_SEP)
                out.append((kind, fa, fb, None if ratio == ABSENT else ratio, notation))
    return out


_MOST_GROUPS = 1024  # a batch of groups the listing reads at once: its rows sorted at once, before they are given
# Rows given from which the rest of a listing is read with every claim's figure and side read at once: a read of
# every claim costs about what lookups of a third of them cost, which a long listing soon needs, and a first page,
# however filtered, never does (reading every claim made a one-year window's first page 5.6 s at 100k, from 1.8 s)
_WHOLE = 5_000


def _batches(store, metric: str | None, kind: str | None) -> Iterator[list[tuple[str, str, str]]]:
    """The listing groups of this metric (every metric's when None) with findings of this kind listed
    (``_kind_listed``), in the listing's order, as (IRI, metric notation, kind), 1, 2, 4, … at a time up to
    ``_MOST_GROUPS``: the first rows are read soon, and a filter that leaves few rows costs few reads."""
    return growing_chunks(_listed_groups(store, metric, kind), first=1, most=_MOST_GROUPS)


def _listed_groups(store, metric: str | None, kind: str | None) -> Iterator[tuple[str, str, str]]:
    for notation, metric_iri in _listed_metrics(store):
        if metric and notation != metric:
            continue
        for (_, _, group_kind), group in _groups(store, metric_iri):
            if _kind_listed(group_kind, kind):
                yield group, notation, group_kind


def stream(store, metric: str | None = None, kind: str | None = None, place: str | None = None,
           since: str | None = None, until: str | None = None, whole_from: int | None = _WHOLE) -> Iterator[dict]:
    """``read``'s rows with the same filters (no source, no incident: those reads start from the source or
    the incident already), given as they are read: the findings of the first listing groups
    (``group_ntriples``) first, their claims' sides looked up, and so on group by group (``_batches``).
    Every row of a group sorts after every row of the groups before it, so each batch's rows, sorted,
    continue the listing. Once ``whole_from`` rows have been given (a long listing is being read, not a
    first page), every claim's figure and side is read at once and kept for the batches after it
    (None: always looked up)."""
    at = _within(store, place) if place else None
    whole: tuple[dict[str, list[str]], dict[str, Side]] | None = None
    given = 0
    for batch in _batches(store, metric, kind):
        found = _entries(store, batch)
        if whole is None and whole_from is not None and given >= whole_from:
            whole = _claims_of(store, None, True), _sides(store, None, True)
        stating, sides = whole or _stating_and_sides(store, found, False)
        rows = sorted(_paired(found, stating, sides, None, at, since, until), key=order_key)
        given += len(rows)
        yield from rows
