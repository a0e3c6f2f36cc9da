"""What every kg store shares: the interface, the result type, errors, term conversion, reference data.

A store (``kg.stores.oxigraph.OxigraphStore`` or ``kg.stores.remote.RemoteStore``) holds one
named graph per article and reference data in graphs of its own; queries see the union of
all graphs as their default graph. ``Store`` below names the methods kg calls on either.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.namespaces import KG, ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH

DEFAULT_STORE = "./kg-data"
# Files of ontology/ that define the vocabulary itself; the rest is reference data.
ONTOLOGY_FILES = {"kg.ttl", "metrics.ttl"}


class StoreError(Exception):
    """A store could not be opened or written; the message is meant for the user."""


@dataclass
class QueryResult:
    """A SELECT result (``variables`` + ``rows``), an ASK answer (``boolean``) or a graph (``triples``)."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[list[Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]


class Store(Protocol):
    """The methods kg calls on a store, embedded or remote (a store is also a context manager that closes it).
    The embedded store has a few more for bulk writes (``add_nquads``, ``add_graphs_nquads``,
    ``add_triples``, ``dump_nquads``); code that may get either store checks for them."""

    remote: bool
    # None, or a remote server's SPARQL dialect for which some named queries have a form of their own
    # (kg.stores.remote.RemoteStore.dialect; kg.analysis.queries picks it)
    dialect: str | None

    @property
    def location(self) -> str: ...
    def close(self) -> None: ...
    def flush(self) -> None: ...
    def query(self, sparql: str, bindings=None, timeout: float | None = None,
              user_query: bool = False) -> QueryResult: ...
    def rows(self, sparql: str, with_names: bool = False) -> Iterator[tuple[str | None, ...]]: ...
    def has_graph(self, name: URIRef) -> bool: ...
    def article_graphs(self) -> list[URIRef]: ...
    def triple_count(self) -> int: ...
    def graph(self, name: URIRef) -> Graph: ...
    def graph_quads(self, name: URIRef) -> Iterator: ...
    def update(self, sparql: str) -> None: ...
    def add_graph(self, name: URIRef, graph: Graph) -> None: ...
    def add_ntriples(self, name: URIRef, text: str, atomic: bool = True) -> None: ...
    def replace_graph(self, name: URIRef, graph: Graph) -> None: ...
    def replace_ntriples(self, name: URIRef, text: str) -> None: ...
    def remove_graph(self, name: URIRef) -> bool: ...


def store_location(location: str | os.PathLike | None) -> str:
    """--store, else $KG_STORE, else ./kg-data."""
    return str(location or os.environ.get("KG_STORE") or DEFAULT_STORE)


# ---------------------------------------------------------------- term conversion

_NAMED_NODES: dict[str, ox.NamedNode] = {}


def to_ox(term: Node):
    if isinstance(term, URIRef):
        # made once per IRI: the same few hundred (predicates, classes, sources, places) recur in
        # every article, and making them was a tenth of building an article's graph
        node = _NAMED_NODES.get(term)
        if node is None:
            if len(_NAMED_NODES) > 200_000:  # claim and article IRIs never recur: keep the cache small
                _NAMED_NODES.clear()
            node = _NAMED_NODES[term] = ox.NamedNode(str(term))
        return node
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def from_ox(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unexpected term {term!r}")


def quads(triples: Graph | Iterable[tuple], name: URIRef) -> Iterator[ox.Quad]:
    """rdflib triples (a Graph or any iterable) as Oxigraph quads in the graph ``name``."""
    g = ox.NamedNode(str(name))
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)


def prefix_header() -> str:
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def write_triples(store, name: URIRef, triples: Iterable[tuple]) -> None:
    """Add triples to a named graph of any store (embedded or remote) in one transaction."""
    if hasattr(store, "add_triples"):
        store.add_triples(name, triples)
        return
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    store.add_graph(name, graph)


# ---------------------------------------------------------------- reference data

def reference_graphs(files: Iterable[Path]) -> list[tuple[URIRef, Graph, str]]:
    """The ontology graph and the reference-data graph, each with a digest of its source files."""
    ontology, reference = Graph(), Graph()
    digests = {ONTOLOGY_GRAPH: hashlib.sha256(), REFERENCE_GRAPH: hashlib.sha256()}
    for path in files:
        name = ONTOLOGY_GRAPH if path.name in ONTOLOGY_FILES else REFERENCE_GRAPH
        # The files' bytes identify the content: a hash of the parsed graph would change
        # with every parse, because the lists in the ontology become fresh blank nodes.
        digests[name].update(path.name.encode() + b"\0" + path.read_bytes())
        (ontology if name == ONTOLOGY_GRAPH else reference).parse(path, format="turtle")
    out = []
    for name, g in ((ONTOLOGY_GRAPH, ontology), (REFERENCE_GRAPH, reference)):
        digest = digests[name].hexdigest()
        g.add((name, KG.contentHash, Literal(digest)))
        out.append((name, g, digest))
    return out


def sync_reference(store, vocab_graph_files: Iterable[Path]) -> None:
    """Put the ontology and reference data in their graphs, replacing them only when they changed."""
    for name, g, digest in reference_graphs(vocab_graph_files):
        res = store.query(f"ASK {{ GRAPH <{name}> {{ <{name}> <{KG.contentHash}> \"{digest}\" }} }}")
        if not res.boolean:
            store.replace_graph(name, g)
