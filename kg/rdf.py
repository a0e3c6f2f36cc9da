"""Turn an ``Article`` and its claims into the triples of its named graph.

One graph per article, named by the article IRI, which derives from the content
hash: loading the same text twice yields the same IRIs and the same triples.
Evidence, periods and instants get IRIs (not blank nodes) so graphs compare and
travel to remote stores unchanged.

Each article graph is self-contained: it repeats the types and labels of the
sources, places, periods and incidents it mentions, so it validates on its own
and a query can read a claim's facts inside its graph (GRAPH ?g). Oxigraph's
union default graph is a multiset: a label read from the union comes once per
graph that holds it, so queries read a claim's facts inside its article graph.
"""

from __future__ import annotations

import calendar
from decimal import Decimal
from typing import Iterable

import pyoxigraph as ox

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.model import Article, Claim, Period, Sighting, SourceRef, resolve_source, slug
from kg.stores.base import quads
from kg.namespaces import (ACTIVITY, ARTICLE, BASE, CLAIM, INCIDENT, KG, OA, PERIOD, PLACE, SCHEMA,
                           SOURCE)
from kg.vocab import Vocabulary

INSTANT = BASE + "instant/"
SOFTWARE = URIRef(BASE + "software/kg")

_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
_PRECISION = {4: KG.year, 7: KG.month, 10: KG.day}


def article_iri(content_hash: str) -> URIRef:
    return ARTICLE[content_hash[:16]]


def date_literal(iso: str) -> Literal:
    """An ISO date at its precision as the matching XSD type (gYear, gYearMonth, date)."""
    return Literal(iso, datatype=_DATE_TYPES.get(len(iso), XSD.string))


def first_day(iso: str) -> str:
    """The earliest day an ISO date at any precision can mean: '2014' -> '2014-01-01'."""
    return {4: iso + "-01-01", 7: iso + "-01"}.get(len(iso), iso)


def last_day(iso: str) -> str:
    """The latest day an ISO date at any precision can mean: '2017-02' -> '2017-02-28'."""
    if len(iso) == 4:
        return iso + "-12-31"
    if len(iso) == 7:
        year, month = int(iso[:4]), int(iso[5:7])
        return f"{iso}-{calendar.monthrange(year, month)[1]:02d}"
    return iso


def period_iri(period: Period) -> URIRef:
    key = f"{period.start or 'open'}_{period.end or 'open'}"
    return PERIOD[key + ("_cumulative" if period.cumulative else "")]


class GraphBuilder:
    """Accumulates the triples of one article graph.

    Triples go into a plain set (rdflib's Graph.add costs ~20 us a triple, which was
    most of the time spent building an article); ``g`` gives them as a Graph on demand.
    Assigning ``g`` makes the builder write into that graph instead.
    """

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.triples: set[tuple] = set()
        self._graph: Graph | None = None

    @property
    def g(self) -> Graph:
        if self._graph is None:
            graph = Graph()
            for triple in self.triples:
                graph.add(triple)
            return graph
        return self._graph

    @g.setter
    def g(self, graph: Graph) -> None:
        for triple in self.triples:
            graph.add(triple)
        self._graph = graph

    def add(self, s, p, o) -> None:
        if self._graph is not None:
            self._graph.add((s, p, o))
        else:
            self.triples.add((s, p, o))

    def source(self, ref: SourceRef) -> URIRef:
        node = SOURCE[ref.key]
        # Type and label go into every article graph that mentions the source (see the module doc).
        self.add(node, RDF.type, KG[ref.kind if ref.kind in ("Organization", "Person", "Outlet") else "Organization"])
        self.add(node, SKOS.prefLabel, Literal(ref.label, lang="en"))
        if ref.speaks_for is not None:
            self.add(node, KG.speaksFor, self.source(ref.speaks_for))
        return node

    def instant(self, iso: str) -> URIRef:
        node = URIRef(INSTANT + iso)
        self.add(node, RDF.type, TIME.Instant)
        prop = {4: TIME.inXSDgYear, 7: TIME.inXSDgYearMonth, 10: TIME.inXSDDate}.get(len(iso))
        if prop is not None:
            self.add(node, prop, date_literal(iso))
            self.add(node, KG.precision, _PRECISION[len(iso)])
        return node

    def period(self, period: Period, fallback: URIRef) -> URIRef:
        node = period_iri(period) if period.resolved else fallback
        self.add(node, RDF.type, KG.Period)
        if period.start:
            self.add(node, TIME.hasBeginning, self.instant(period.start))
            self.add(node, KG.earliestDate, Literal(first_day(period.start), datatype=XSD.date))
        if period.end:
            self.add(node, TIME.hasEnd, self.instant(period.end))
            self.add(node, KG.latestDate, Literal(last_day(period.end), datatype=XSD.date))
        if period.text and not period.resolved:
            self.add(node, KG.periodText, Literal(period.text))
        if period.cumulative:
            self.add(node, KG.cumulative, Literal(True))
        return node

    def place(self, key: str) -> URIRef:
        node = PLACE[key]
        term = self.vocab.places.get(key)
        self.add(node, RDF.type, SCHEMA.Place)
        self.add(node, SKOS.prefLabel, Literal(term.label if term else key, lang="en"))
        return node


def comparison_key(claim: Claim) -> str:
    """Claims that may be compared share this key (see docs/conflicts.md)."""
    places = ",".join(sorted(claim.places))
    incident = claim.incident.key if claim.incident else "-"
    return f"{claim.metric}|{incident}|{places}|{claim.period.end or '-'}"


def add_analysis_keys(b: GraphBuilder, claim: Claim, node: URIRef) -> None:
    """Keys the conflict queries join on instead of self-joining every claim (see kg.analysis.rules)."""
    from kg.analysis import rules

    p = claim.period
    incident = claim.incident.key if claim.incident else None
    starts = [c.extra.get("start") for c in b.vocab.campaigns.values()]
    running = rules.is_running_total(p.start, p.end, p.cumulative, starts)
    for key in rules.comparison_buckets(claim.metric, incident, claim.places, p.start, p.end, running):
        b.add(node, KG.comparisonBucket, Literal(key))
    b.add(node, KG.seriesKey, Literal(rules.series_key(claim.metric, incident, claim.places, p.start)))
    for key in rules.overlap_buckets(claim.metric, incident, claim.places, p.end):
        b.add(node, KG.overlapBucket, Literal(key))
    if running:
        b.add(node, KG.runningTotal, Literal(True))


def to_nquads(triples: Iterable[tuple], graph: URIRef, made: list | None = None) -> bytes:
    """The triples as N-Quads in ``graph``: the form a batch travels in from a worker to the store.
    ``made``: the same triples already converted (kg.stores.base.quads), as the loader keeps them for validation."""
    return ox.serialize(made if made is not None else quads(triples, graph), format=ox.RdfFormat.N_QUADS)


def article_graph(article: Article, vocab: Vocabulary, extractor_version: str) -> Graph:
    """All triples of one article as an rdflib Graph."""
    graph = Graph()
    for triple in article_triples(article, vocab, extractor_version):
        graph.add(triple)
    return graph


def article_triples(article: Article, vocab: Vocabulary, extractor_version: str) -> set[tuple]:
    """All triples of one article: the article, its publisher, the extraction and every claim."""
    b = GraphBuilder(vocab)
    meta = article.meta
    art = article_iri(article.key)
    b.add(art, RDF.type, KG.Article)
    b.add(art, RDF.type, SCHEMA.NewsArticle)
    b.add(art, KG.contentHash, Literal(article.content_hash))
    b.add(art, KG.text, Literal(article.text))
    b.add(art, KG.fileName, Literal(meta.file_name))
    if meta.title:
        b.add(art, SCHEMA.headline, Literal(meta.title))
    if meta.url:
        b.add(art, SCHEMA.url, Literal(meta.url, datatype=XSD.anyURI))
    if meta.published:
        b.add(art, SCHEMA.datePublished, date_literal(meta.published))
        if meta.date_inferred:
            b.add(art, KG.dateInferred, Literal(True))
    if meta.author:
        b.add(art, SCHEMA.author, Literal(meta.author))
    if meta.publisher:
        publisher = b.source(resolve_source(meta.publisher, vocab, "Outlet"))
        b.add(art, SCHEMA.publisher, publisher)
        # Whoever publishes an article is an outlet for it, an NGO's press release included.
        b.add(publisher, RDF.type, KG.Outlet)
    add_sighting(b, art, article.sighting)

    activity = ACTIVITY[article.key[:16]]
    b.add(activity, RDF.type, KG.Extraction)
    b.add(activity, PROV.used, art)
    b.add(activity, PROV.wasAssociatedWith, SOFTWARE)
    b.add(activity, KG.extractorVersion, Literal(extractor_version))
    b.add(SOFTWARE, RDF.type, PROV.SoftwareAgent)
    b.add(SOFTWARE, RDFS.label, Literal("kg extractor", lang="en"))

    for index, claim in enumerate(article.claims):
        add_claim(b, claim, CLAIM[f"{article.key[:16]}-{index:03d}"], art, activity)
    return b.triples


def add_sighting(b: GraphBuilder, art: URIRef, sighting: Sighting | None) -> None:
    """A copy's link to the story it copies (kg.copies), or a story's signature for finding its copies."""
    if sighting is None:
        return
    if sighting.original:
        story = URIRef(sighting.original)
        b.add(art, PROV.wasDerivedFrom, story)
        b.add(art, SCHEMA.isBasedOn, story)
        if sighting.similarity is not None:
            b.add(art, KG.copySimilarity, Literal(Decimal(f"{sighting.similarity:.3f}"), datatype=XSD.decimal))
    elif sighting.signature:
        b.add(art, KG.textSignature, Literal(sighting.signature))


def add_claim(b: GraphBuilder, claim: Claim, node: URIRef, art: URIRef, activity: URIRef) -> None:
    b.add(node, RDF.type, KG.Claim)
    b.add(node, KG.reportedIn, art)
    b.add(node, PROV.wasGeneratedBy, activity)
    if claim.metric in b.vocab.metrics:
        b.add(node, KG.metric, b.vocab.metric_iri(claim.metric))
    else:  # kept so that validation names the unknown metric instead of a missing one
        b.add(node, KG.metric, URIRef(BASE + "metric/" + slug(claim.metric)))
    b.add(node, KG.value, Literal(Decimal(claim.value), datatype=XSD.decimal))
    if claim.value_max is not None:
        b.add(node, KG.valueMax, Literal(Decimal(claim.value_max), datatype=XSD.decimal))
    b.add(node, KG.bound, KG[claim.bound])
    if claim.asserter is not None:
        b.add(node, KG.assertedBy, b.source(claim.asserter))
    if claim.speaker is not None:
        b.add(node, KG.speaker, b.source(claim.speaker))
    b.add(node, KG.period, b.period(claim.period, URIRef(str(node) + "#period")))
    for key in claim.places:
        b.add(node, KG.place, b.place(key))
    if claim.incident is not None:
        inc = INCIDENT[claim.incident.key]
        b.add(node, KG.incident, inc)
        b.add(inc, RDF.type, KG.Incident)
        b.add(inc, RDFS.label, Literal(claim.incident.label))
        if claim.incident.date:
            b.add(inc, KG.date, Literal(claim.incident.date))
        for key in claim.incident.places:
            b.add(inc, SCHEMA.location, b.place(key))
    b.add(node, KG.confidence, Literal(Decimal(str(round(claim.confidence, 3))), datatype=XSD.decimal))
    if claim.rule:
        b.add(node, KG.rule, Literal(claim.rule))
    b.add(node, KG.method, Literal(claim.method))
    b.add(node, KG.comparisonKey, Literal(comparison_key(claim)))
    add_analysis_keys(b, claim, node)

    evidence = URIRef(str(node) + "#evidence")
    quote_sel = URIRef(str(node) + "#quote")
    position_sel = URIRef(str(node) + "#position")
    b.add(node, KG.evidence, evidence)
    b.add(evidence, RDF.type, OA.SpecificResource)
    b.add(evidence, OA.hasSource, art)
    b.add(evidence, OA.hasSelector, quote_sel)
    b.add(evidence, OA.hasSelector, position_sel)
    b.add(quote_sel, RDF.type, OA.TextQuoteSelector)
    b.add(quote_sel, OA.exact, Literal(claim.quote))
    b.add(position_sel, RDF.type, OA.TextPositionSelector)
    b.add(position_sel, OA.start, Literal(claim.start, datatype=XSD.integer))
    b.add(position_sel, OA.end, Literal(claim.end, datatype=XSD.integer))


__all__ = ["article_graph", "article_iri", "article_triples", "comparison_key", "date_literal"]
