"""SPARQL Update through the same SHACL validation as `kg load`.

An update is first run on a scratch in-memory store holding only the named graphs
it mentions; every graph it changes is validated there (``kg.validate``), and only
then are the new graph contents written to the real store in one transaction.
So a rejected update leaves nothing behind, and readers see all of it or none.

Limits that follow (and are documented in docs/endpoint.md): an update names each
graph by IRI (no ``GRAPH ?g``, no ``DROP ALL``), writes named graphs only (kg keeps
nothing in the default graph), its WHERE sees the graphs it names, and ``LOAD``
(a server-side fetch) is refused like ``SERVICE``. All of this is read from the update's
parse (``kg.stores.sparqlparse``), and that same parse is what runs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from kg.stores.base import from_ox
from kg.stores.sparqlparse import SparqlRefused, SparqlSyntaxError, check_update


_DEFAULT_GRAPH = ("updates write into named graphs only (GRAPH <iri> { … }); "
                  "the default graph is the union of all graphs")


class UpdateRejected(ValueError):
    """The update is refused; the message says why (for the HTTP client)."""


@dataclass
class UpdateOutcome:
    changed: list[str] = field(default_factory=list)
    triples: int = 0
    warnings: list[str] = field(default_factory=list)


def _stored_graph(store: ox.Store, name: str) -> Graph:
    g = Graph()
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
        g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return g


class Updater:
    def __init__(self, store: ox.Store, vocab_loader):
        self.store = store
        self._vocab_loader = vocab_loader  # lazy: the vocabulary is only needed once someone writes
        self._vocab = None
        self._lock = threading.Lock()  # one update at a time, so none is lost

    @property
    def vocab(self):
        if self._vocab is None:
            self._vocab = self._vocab_loader()
        return self._vocab

    def _with_context(self, name: str, after: dict[str, Graph], depth: int = 3) -> Graph:
        """The graph plus what the rest of the store says about the IRIs it points to but does not
        describe (shared periods, their instants, sources and places may live in a graph of their
        own), a few hops deep, taking this update's own new graphs over their stored versions."""
        graph = after[name]
        out = Graph()
        for triple in graph:
            out.add(triple)
        seen = set(graph.subjects(RDF.type, None))
        # classes (objects of rdf:type) are the ontology's business, not context to validate with
        frontier = {o for _, p, o in graph if isinstance(o, URIRef) and p != RDF.type} - seen
        for _ in range(depth):
            found = []
            for node in frontier:
                seen.add(node)
                for other, other_graph in after.items():
                    if other != name:
                        found += other_graph.triples((node, None, None))
                for q in self.store.quads_for_pattern(ox.NamedNode(str(node)), None, None, None):
                    if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value not in after:
                        found.append((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
            for triple in found:
                out.add(triple)
            frontier = {t[2] for t in found if isinstance(t[2], URIRef) and t[1] != RDF.type} - seen
            if not frontier:
                break
        return out

    def apply(self, update: str) -> UpdateOutcome:
        from kg.validate import validate_graph

        try:
            checked = check_update(update)
        except (SparqlRefused, SparqlSyntaxError) as exc:
            raise UpdateRejected(str(exc)) from exc
        graphs = sorted(checked.graphs)
        if not graphs:
            raise UpdateRejected(_DEFAULT_GRAPH)
        with self._lock:
            # The scratch is an rdflib dataset, not Oxigraph: Oxigraph stores derived integer types
            # (xsd:nonNegativeInteger offsets) as xsd:integer, and the shapes check the types as sent.
            scratch = Dataset()
            before = {}
            for name in graphs:
                before[name] = _stored_graph(self.store, name)
                target = scratch.graph(URIRef(name))
                for triple in before[name]:
                    target.add(triple)
            try:
                scratch.update(checked.parsed)  # the parse that was checked, never the text again
            except ValueError as exc:
                if "unpack" in str(exc):  # rdflib's Dataset trips over triples meant for the default graph
                    raise UpdateRejected(_DEFAULT_GRAPH) from exc
                raise UpdateRejected(f"invalid SPARQL update: {_one_line(exc)}") from exc
            except Exception as exc:  # noqa: BLE001 - rdflib's parser and evaluator raise many kinds
                raise UpdateRejected(f"invalid SPARQL update: {_one_line(exc)}") from exc
            if len(scratch.default_context):
                raise UpdateRejected(_DEFAULT_GRAPH)
            stray = {str(g.identifier) for g in scratch.contexts() if len(g)} - set(graphs) - {str(DATASET_DEFAULT_GRAPH_ID)}
            if stray:
                raise UpdateRejected(f"update writes graph <{sorted(stray)[0]}> it does not name")
            outcome = UpdateOutcome()
            after = {name: scratch.graph(URIRef(name)) for name in graphs}
            for name in graphs:
                if set(after[name]) == set(before[name]):
                    continue
                outcome.changed.append(name)
                if len(after[name]):
                    findings = validate_graph(self._with_context(name, after), self.vocab)
                    violations = [f for f in findings if f.severity == "violation"]
                    if violations:
                        more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
                        raise UpdateRejected(f"graph <{name}> rejected by SHACL validation: {violations[0]}{more}; "
                                             "nothing was written")
                    outcome.warnings += [f"<{name}>: {f}" for f in findings]
            if not outcome.changed:
                return outcome
            parts = []
            for name in outcome.changed:
                parts.append(f"DROP SILENT GRAPH <{name}>")
                if len(after[name]):
                    parts.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{after[name].serialize(format='nt')}}} }}")
                    outcome.triples += len(after[name])
            self.store.update(" ;\n".join(parts))  # one transaction for all graphs
            return outcome


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:500] or type(exc).__name__
