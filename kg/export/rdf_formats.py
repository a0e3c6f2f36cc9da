"""The RDF itself: Turtle (the union of all graphs), N-Quads and JSON-LD (one named graph per article).

Graphs are read one at a time through ``store.graph``, named by a SPARQL query, so the
export runs against a remote endpoint as against the embedded store.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from rdflib import Dataset, Graph, URIRef

from kg.namespaces import ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH


def graph_names(store) -> list[URIRef]:
    """Every named graph: the ontology and reference graphs first, then articles and any others."""
    res = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    names = {row[0] for row in res.rows if isinstance(row[0], URIRef)}
    first = [g for g in (ONTOLOGY_GRAPH, REFERENCE_GRAPH) if g in names]
    return first + sorted(names - set(first))


def graphs(store) -> Iterator[tuple[URIRef, Graph]]:
    for name in graph_names(store):
        yield name, store.graph(name)


def _bind_prefixes(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)


def write_turtle(store, out: Path) -> None:
    union = Graph()
    _bind_prefixes(union)
    for _, g in graphs(store):
        union += g
    union.serialize(out, format="turtle", encoding="utf-8")


def write_nquads(store, out: Path) -> None:
    """Stream graph by graph: each graph's N-Triples lines with the graph name appended."""
    with open(out, "w", encoding="utf-8") as f:
        for name, g in graphs(store):
            suffix = f" <{name}> .\n"
            for line in g.serialize(format="nt").splitlines():
                line = line.rstrip()
                if line.endswith(" ."):
                    f.write(line[:-2] + suffix)


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
