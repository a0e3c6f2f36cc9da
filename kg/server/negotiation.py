"""HTTP content negotiation for SPARQL results and RDF graphs."""

from __future__ import annotations

from kg.server.results import GRAPH_TYPES, RESULT_TYPES

# Offered types in the server's order of preference, plus the looser names clients send.
RESULT_OFFER = list(RESULT_TYPES)
GRAPH_OFFER = list(GRAPH_TYPES)
RESULT_ALIASES = {"application/json": "application/sparql-results+json",
                  "application/xml": "application/sparql-results+xml",
                  "text/xml": "application/sparql-results+xml"}
GRAPH_ALIASES = {"application/x-turtle": "text/turtle", "text/plain": "application/n-triples",
                 "application/json": "application/ld+json", "application/xml": "application/rdf+xml",
                 "text/xml": "application/rdf+xml"}
# ?format=… for clients that cannot set headers (a link, a notebook one-liner).
FORMAT_NAMES_RESULTS = {"json": RESULT_OFFER[0], "xml": RESULT_OFFER[1], "csv": "text/csv", "tsv": "text/tab-separated-values"}
FORMAT_NAMES_GRAPH = {"turtle": "text/turtle", "ttl": "text/turtle", "nt": "application/n-triples",
                      "ntriples": "application/n-triples", "n-triples": "application/n-triples",
                      "jsonld": "application/ld+json", "json-ld": "application/ld+json", "json": "application/ld+json",
                      "rdfxml": "application/rdf+xml", "xml": "application/rdf+xml"}


class NotAcceptable(Exception):
    def __init__(self, offered: list[str]):
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


def negotiate(accept: str | None, graph: bool, format_name: str | None = None) -> str:
    offer, aliases = (GRAPH_OFFER, GRAPH_ALIASES) if graph else (RESULT_OFFER, RESULT_ALIASES)
    if format_name:
        names = FORMAT_NAMES_GRAPH if graph else FORMAT_NAMES_RESULTS
        chosen = names.get(format_name.lower()) or (format_name if format_name in offer else None)
        if chosen is None:
            raise NotAcceptable(offer)
        return chosen
    ranges = parse_accept(accept)
    scored = [(_quality(o, aliases, ranges), -i, o) for i, o in enumerate(offer)]
    q, _, media = max(scored)
    if q <= 0:
        raise NotAcceptable(offer)
    return media
