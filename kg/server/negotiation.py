"""HTTP content negotiation for SPARQL results, RDF graphs and whole datasets.

A kind of answer (``RESULTS``, ``GRAPH``, ``DATASET``) offers media types in the server's order
of preference; the looser names clients send in ``Accept`` and the short names of ``?format=``
map onto them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.server.results import DATASET_TYPES, GRAPH_TYPES, RESULT_TYPES


@dataclass(frozen=True)
class Offer:
    media_types: tuple[str, ...]  # in the server's order of preference
    aliases: dict[str, str]  # Accept media types clients send for one of them
    format_names: dict[str, str]  # ?format=… for clients that cannot set headers (a link, a notebook one-liner)


RESULTS = Offer(tuple(RESULT_TYPES),
                {"application/json": "application/sparql-results+json",
                 "application/xml": "application/sparql-results+xml", "text/xml": "application/sparql-results+xml"},
                {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv", "tsv": "text/tab-separated-values"})
GRAPH = Offer(tuple(GRAPH_TYPES),
              {"application/x-turtle": "text/turtle", "text/plain": "application/n-triples",
               "application/json": "application/ld+json", "application/xml": "application/rdf+xml",
               "text/xml": "application/rdf+xml"},
              {"turtle": "text/turtle", "ttl": "text/turtle", "nt": "application/n-triples",
               "ntriples": "application/n-triples", "n-triples": "application/n-triples",
               "jsonld": "application/ld+json", "json-ld": "application/ld+json", "json": "application/ld+json",
               "rdfxml": "application/rdf+xml", "rdf+xml": "application/rdf+xml", "xml": "application/rdf+xml"})
DATASET = Offer(tuple(DATASET_TYPES),
                {"text/x-nquads": "application/n-quads", "application/x-trig": "application/trig"},
                {"nq": "application/n-quads", "nquads": "application/n-quads", "n-quads": "application/n-quads",
                 "trig": "application/trig"})


class NotAcceptable(Exception):
    def __init__(self, offered):
        super().__init__("cannot answer in any of the accepted media types; this endpoint offers: " + ", ".join(offered))


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    ranges = []
    for part in (header or "*/*").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            if param.lower().startswith("q="):
                try:
                    q = max(0.0, min(1.0, float(param[2:])))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges or [("*/*", 1.0)]


def _quality(offer: str, aliases: dict[str, str], ranges) -> float:
    best, best_rank = 0.0, -1
    for media, q in ranges:
        canonical = aliases.get(media, media)
        if canonical == offer:
            rank = 3
        elif media.endswith("/*") and offer.startswith(media[:-1]):
            rank = 2
        elif media == "*/*":
            rank = 1
        else:
            continue
        if rank > best_rank:
            best, best_rank = q, rank
    return best


def _by_accept(accept: str | None, offer: Offer) -> str | None:
    ranges = parse_accept(accept)
    q, _, media = max((_quality(o, offer.aliases, ranges), -i, o) for i, o in enumerate(offer.media_types))
    return media if q > 0 else None


def _by_format(format_name: str, offer: Offer) -> str | None:
    """What ``?format=`` names: a short name, a media type, or media types as in ``Accept`` (SPARQLWrapper
    sends ``format=application/ld+json,application/x-json+ld``)."""
    name = format_name.strip().lower()
    if name in offer.format_names:
        return offer.format_names[name]
    return _by_accept(name, offer) if "/" in name else None


def negotiate(accept: str | None, offer: Offer, format_name: str | None = None) -> str:
    """The media type to answer in: the one ``?format=`` names, else the best for ``Accept``."""
    media = _by_format(format_name, offer) if format_name else _by_accept(accept, offer)
    if media is None:
        raise NotAcceptable(offer.media_types)
    return media


def same_format(values: list[str]) -> bool:
    """Whether the ``?format=`` values all name the same format for every kind of answer (SPARQLWrapper
    repeats it: ``format=json-ld&format=application/ld+json,application/x-json+ld``)."""
    return len({tuple(_by_format(v, offer) for offer in (RESULTS, GRAPH, DATASET)) for v in values}) <= 1
