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


def _stored_triples(store: ox.Store, name: str) -> set[tuple]:
    return {(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))}


def _stored_graph(store: ox.Store, name: str) -> Graph:
    g = Graph()
    for triple in _stored_triples(store, name):
        g.add(triple)
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

    def _with_context(self, name: str, after: dict, lookup: "_Context", depth: int = 3) -> set[tuple]:
        """The graph plus what the rest of the store says about the IRIs it points to but does not
        describe (shared periods, their instants, sources and places may live in a graph of their
        own), a few hops deep, taking this update's own new graphs over their stored versions."""
        graph = after[name]
        out = set(graph)  # triples: the validator takes sets, and rdflib's Graph.add was half a batch's time
        seen = {s for s, p, _ in graph if p == RDF.type}
        # classes (objects of rdf:type) are the ontology's business, not context to validate with
        frontier = {o for _, p, o in graph if isinstance(o, URIRef) and p != RDF.type} - seen
        for _ in range(depth):
            found = []
            for node in frontier:
                seen.add(node)
                found += lookup.about(node, name)
            out.update(found)
            frontier = {t[2] for t in found if isinstance(t[2], URIRef) and t[1] != RDF.type} - seen
            if not frontier:
                break
        return out

    def apply(self, update: str) -> UpdateOutcome:
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
            self._validate(before, after, outcome)
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

    def _validate(self, before: dict, after: dict, outcome: UpdateOutcome) -> None:
        """Each graph that changes, validated as it would be after the write, all in one pass of the
        validator (as kg load validates its batches); the first violation rejects the whole request."""
        from kg.validate import validate_graphs

        lookup = _Context(self.store, after)
        outcome.changed += [name for name in after if set(after[name]) != set(before[name])]
        checked = [(URIRef(name), self._with_context(name, after, lookup)) for name in outcome.changed
                   if len(after[name])]
        reports = validate_graphs(checked, self.vocab) if checked else {}
        for name, _ in checked:
            findings = reports[name]
            violations = [f for f in findings if f.severity == "violation"]
            if violations:
                more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
                raise UpdateRejected(f"graph <{name}> rejected by SHACL validation: {violations[0]}{more}; "
                                     "nothing was written")
            # (the severity is the reply's prefix, kg.server.app: "warning: <graph>: message")
            outcome.warnings += [f"<{name}>: {f.message}{f.about}" for f in findings]

    def add_data(self, data: bytes, graph: str | None = None) -> UpdateOutcome:
        """The Graph Store's POST: N-Quads merged into the named graphs they name (kg load's batches
        through a server: hundreds of articles in one request), or N-Triples into ``graph``. Read by
        Oxigraph's parsers, which read data and nothing else: no update text to vet, none of its cost
        (rdflib's parse of one article's INSERT DATA took 0.5 s). Each graph is validated as an
        update's, and all are written in one transaction, or nothing when one is rejected. Blank
        nodes are this request's own, as in INSERT DATA."""
        try:
            if graph is None:
                parsed = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
            else:
                target = ox.NamedNode(graph)
                parsed = [ox.Quad(t.subject, t.predicate, t.object, target)
                          for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        except ValueError as exc:  # SyntaxError, and a graph name that is not an IRI
            raise UpdateRejected(f"invalid {'N-Quads' if graph is None else 'N-Triples'}: {_one_line(exc)}") from exc
        fresh: dict[str, ox.BlankNode] = {}

        def own(term):
            if isinstance(term, ox.BlankNode):
                return fresh.setdefault(term.value, ox.BlankNode())
            return term

        added: dict[str, list[ox.Quad]] = {}
        for q in parsed:
            if not isinstance(q.graph_name, ox.NamedNode):
                raise UpdateRejected("every quad names its graph: " + _DEFAULT_GRAPH)
            added.setdefault(q.graph_name.value, []).append(ox.Quad(own(q.subject), q.predicate, own(q.object),
                                                                     q.graph_name))
        with self._lock:
            before = {name: _stored_triples(self.store, name) for name in added}
            after = {name: before[name] | {(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in quads}
                     for name, quads in added.items()}
            outcome = UpdateOutcome()
            self._validate(before, after, outcome)
            if outcome.changed:
                self.store.extend([q for name in outcome.changed for q in added[name]])  # one transaction
                outcome.triples = sum(len(added[name]) for name in outcome.changed)
            return outcome


class _Context:
    """What a request's graphs and the store say about a node, for ``Updater._with_context``: the
    request's graphs indexed by subject once, the store's answers kept, so that validating a batch
    of N articles that share sources, places and metrics costs N lookups, not N x N scans (a batch of
    200 articles: 12 s of its 26 s went to those scans)."""

    def __init__(self, store: ox.Store, after: dict):
        self.store = store
        self.after = after
        self._subjects: dict = {}
        for graph_name, graph in after.items():
            for triple in graph:
                self._subjects.setdefault(triple[0], []).append((graph_name, triple))
        self._stored: dict = {}

    def about(self, node, name: str) -> list[tuple]:
        """Triples about ``node`` in the request's graphs other than ``name`` and in the store's graphs
        the request does not change."""
        found = [triple for graph_name, triple in self._subjects.get(node, ()) if graph_name != name]
        stored = self._stored.get(node)
        if stored is None:
            stored = self._stored[node] = [
                (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
                for q in self.store.quads_for_pattern(ox.NamedNode(str(node)), None, None, None)
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value not in self.after]
        return found + stored


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:500] or type(exc).__name__
