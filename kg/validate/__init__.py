"""SHACL validation of article graphs before they are committed.

Two engines check the same ``shapes/*.ttl``:

- ``kg.validate.shacl`` (the default) compiles the shapes once into SPARQL and runs them on
  Oxigraph over a batch of article graphs: about 10x faster than pyshacl.
- pyshacl, the reference implementation (``engine="pyshacl"``); the test suite runs
  both on valid and broken articles and requires the same findings.

Each article is validated together with a small context graph (the class
hierarchy and the metric scheme), never against the whole store.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from kg.namespaces import KG, OA
from kg.resources import shape_files
from kg.vocab import Vocabulary

ENGINES = ("oxigraph", "pyshacl")


@dataclass(frozen=True)
class Finding:
    severity: str  # "violation" | "warning"
    focus: str  # the quote of the claim concerned, or the node's IRI
    message: str
    path: str | None = None

    @property
    def about(self) -> str:
        """What the finding is about, shown after its message: the claim's quote, or the node."""
        return f" (claim {self.focus!r})" if not self.focus.startswith("http") else f" ({self.focus})"

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}{self.about}"


@cache
def shapes_graph() -> Graph:
    g = Graph()
    for path in shape_files():
        g.parse(path, format="turtle")
    return g


def context_graph(vocab: Vocabulary) -> Graph:
    """What validation needs beyond the article: subclass links and the metric scheme."""
    ctx = Graph()
    for triple in vocab.graph.triples((None, RDFS.subClassOf, None)):
        ctx.add(triple)
    for triple in vocab.graph.triples((None, SKOS.inScheme, KG.metrics)):
        ctx.add(triple)
    return ctx


_BATCH_VALIDATORS: dict[int, object] = {}


def batch_validator(vocab: Vocabulary):
    """The compiled validator for this vocabulary, built once per process."""
    from kg.validate.shacl import BatchValidator

    validator = _BATCH_VALIDATORS.get(id(vocab))
    if validator is None:
        validator = _BATCH_VALIDATORS[id(vocab)] = BatchValidator(shapes_graph(), context_graph(vocab))
    return validator


class TripleIndex:
    """The few look-ups a finding's quote needs, over an article's set of triples.

    Most articles get a warning or two (a relative period, no publisher), and building an
    rdflib Graph of each such article for these look-ups was 60 % of validation time."""

    def __init__(self, triples: Iterable[tuple]):
        self.objects_of: dict[tuple, list] = {}
        self.subjects_of: dict[tuple, list] = {}
        for s, p, o in triples:
            self.objects_of.setdefault((s, p), []).append(o)
            self.subjects_of.setdefault((p, o), []).append(s)

    def is_claim(self, node: Node) -> bool:
        return KG.Claim in self.objects_of.get((node, RDF.type), ())

    def subjects(self, p: Node, o: Node) -> list:
        return self.subjects_of.get((p, o), [])

    def objects(self, s: Node, p: Node) -> list:
        return self.objects_of.get((s, p), [])


def quote_of(g: TripleIndex, node: Node) -> str:
    """The evidence quote of the claim a finding is about (or of a claim that uses the period)."""
    for claim in [node] if g.is_claim(node) else g.subjects(KG.period, node):
        for ev in g.objects(claim, KG.evidence):
            for sel in g.objects(ev, OA.hasSelector):
                for exact in g.objects(sel, OA.exact):
                    return str(exact)
    return str(node)


def _finding(graph: TripleIndex, severity: str, focus: Node, value: Node | None, message: str, path) -> Finding:
    if value is not None and graph.is_claim(value):
        focus = value  # the range shape reports on kg:range, with the claim as the value
    return Finding(severity, quote_of(graph, focus) if isinstance(focus, URIRef) else str(focus), message,
                   str(path) if path is not None else None)


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(set(findings), key=lambda f: (f.severity != "violation", f.message, f.focus))


def validate_graphs(graphs: list[tuple[URIRef, Iterable]], vocab: Vocabulary,
                    made: dict[str, list] | None = None) -> dict[URIRef, list[Finding]]:
    """Findings for each of many article graphs (Graphs or sets of triples), validated in one pass.
    ``made`` may hold each graph's triples already made into Oxigraph quads (kg.stores.base.quads)."""
    by_name = {str(name): triples for name, triples in graphs}
    out: dict[URIRef, list[Finding]] = {URIRef(name): [] for name in by_name}
    indexes: dict[str, TripleIndex] = {}
    for r in batch_validator(vocab).validate(graphs, made):
        index = indexes.get(r.graph)
        if index is None:  # only articles with findings need look-ups for their quotes
            index = indexes[r.graph] = TripleIndex(by_name[r.graph])
        out[URIRef(r.graph)].append(_finding(index, r.severity, r.focus, r.value, r.message, r.path))
    return {name: _sorted(findings) for name, findings in out.items()}


def validate_graph(graph: Graph, vocab: Vocabulary, engine: str = "oxigraph") -> list[Finding]:
    """All SHACL findings for one article graph, violations first."""
    if engine == "pyshacl":
        return _validate_pyshacl(graph, vocab)
    if engine != "oxigraph":
        raise ValueError(f"unknown validation engine {engine!r}; choose one of {', '.join(ENGINES)}")
    name = URIRef("urn:kg:validating")
    return validate_graphs([(name, graph)], vocab)[name]


def _validate_pyshacl(graph: Graph, vocab: Vocabulary) -> list[Finding]:
    from pyshacl import validate as shacl_validate

    data = Graph()
    for triple in graph:
        data.add(triple)
    for triple in context_graph(vocab):
        data.add(triple)
    _, report, _ = shacl_validate(data, shacl_graph=shapes_graph(), inference="none", abort_on_first=False,
                                  allow_warnings=True, advanced=False)
    findings, index = [], TripleIndex(graph)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, result) in report:
            continue  # a nested shape's result, already reported through its parent
        severity = "violation" if report.value(result, SH.resultSeverity) == SH.Violation else "warning"
        message = report.value(result, SH.resultMessage)
        findings.append(_finding(index, severity, report.value(result, SH.focusNode), report.value(result, SH.value),
                                 str(message) if message else "constraint not met", report.value(result, SH.resultPath)))
    return _sorted(findings)
