"""The RDF itself: Turtle (the union of all graphs), N-Quads and JSON-LD (one named graph per article).

Graphs are read one at a time through ``store.graph``, named by a SPARQL query, so the
export runs against a remote endpoint as against the embedded store.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from kg.namespaces import ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH
from kg.store import quads, to_ox


def graph_names(store) -> list[URIRef]:
    """Every named graph: the ontology and reference graphs first, then articles and any others."""
    res = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    names = {row[0] for row in res.rows if isinstance(row[0], URIRef)}
    first = [g for g in (ONTOLOGY_GRAPH, REFERENCE_GRAPH) if g in names]
    return first + sorted(names - set(first))


def graphs(store) -> Iterator[tuple[URIRef, Graph]]:
    for name in graph_names(store):
        yield name, store.graph(name)


def write_turtle(store, out: Path) -> None:
    """The union of all graphs (a source described in many articles appears once).

    Written by Oxigraph, which keeps every literal's lexical form ("817"^^xsd:decimal
    stays "817", where rdflib's Turtle writer would print 817.0).
    """
    union: set = set()
    for _, g in graphs(store):
        union.update(g)
    triples = (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in sorted(union))
    ox.serialize(triples, str(out), format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES))


def write_nquads(store, out: Path) -> None:
    """One graph at a time, each quad naming its graph (an article, the ontology, the reference data)."""
    every = (quad for name, g in graphs(store) for quad in quads(g, name))
    ox.serialize(every, str(out), format=ox.RdfFormat.N_QUADS)


def jsonld_context() -> dict:
    """The prefixes as a JSON-LD context, so keys read as kg:value, schema:publisher, …"""
    return dict(PREFIXES)


def write_jsonld(store, out: Path) -> None:
    ds = Dataset()
    for name, g in graphs(store):
        target = ds.graph(name)
        for triple in g:
            target.add(triple)
    data = ds.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    # Re-indent compactly; rdflib's output is valid JSON-LD with our context at the top.
    out.write_text(json.dumps(json.loads(data), ensure_ascii=False, indent=1), encoding="utf-8")
