"""SHACL validation of one article's graph before it is committed.

The shapes are parsed once per process. Each article graph is validated on its
own (plus a small context graph of the class hierarchy and the metric scheme),
never the whole store: pyshacl's cost grows with the data graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

from kg.namespaces import KG, OA
from kg.resources import shape_files
from kg.vocab import Vocabulary


@dataclass(frozen=True)
class Finding:
    severity: str  # "violation" | "warning"
    focus: str  # the quote of the claim concerned, or the node's IRI
    message: str
    path: str | None = None

    def __str__(self) -> str:
        where = f" (claim {self.focus!r})" if not self.focus.startswith("http") else f" ({self.focus})"
        return f"{self.severity}: {self.message}{where}"


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


_CONTEXTS: dict[int, Graph] = {}


def _quote_of(g: Graph, node) -> str:
    """The evidence quote of the claim a finding is about (or that uses the period)."""
    claims = [node] if (node, RDF.type, KG.Claim) in g else list(g.subjects(KG.period, node))
    for claim in claims:
        for ev in g.objects(claim, KG.evidence):
            for sel in g.objects(ev, OA.hasSelector):
                exact = g.value(sel, OA.exact)
                if exact is not None:
                    return str(exact)
    return str(node)


def validate_graph(graph: Graph, vocab: Vocabulary) -> list[Finding]:
    """All SHACL findings for one article graph, violations first."""
    ctx = _CONTEXTS.get(id(vocab))
    if ctx is None:
        ctx = _CONTEXTS[id(vocab)] = context_graph(vocab)
    data = Graph()
    for triple in graph:
        data.add(triple)
    for triple in ctx:
        data.add(triple)
    conforms, report, _ = shacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", abort_on_first=False,
        allow_warnings=True, advanced=False,
    )
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage)
        path = report.value(result, SH.resultPath)
        findings.append(Finding(
            "violation" if severity == SH.Violation else "warning",
            _quote_of(graph, focus) if isinstance(focus, URIRef) else str(focus),
            str(message) if message else "constraint not met",
            str(path) if path is not None else None,
        ))
    findings.sort(key=lambda f: (f.severity != "violation", f.message))
    return findings
