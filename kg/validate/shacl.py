"""A SHACL Core engine that compiles shapes into SPARQL and runs them on Oxigraph.

pyshacl walks the data graph node by node in Python: about 3 ms per claim with
kg's shapes, which made validation 70-80% of load time. This module compiles the
same ``shapes/*.ttl`` once into one SPARQL query per constraint and runs those
queries over a whole batch of article graphs in an in-memory Oxigraph store, each
article in its own named graph (with the small context graph copied in), so every
finding names the article it belongs to.

It implements the subset of SHACL Core that kg's shapes use, and refuses shapes
that use anything else at compile time (``UnsupportedShape``), so a shape author
cannot silently lose a check. ``tests/test_shacl_engine.py`` runs it against
pyshacl on valid and broken articles and requires the same findings.

Supported: targets (targetClass with subclasses, targetNode, targetSubjectsOf,
targetObjectsOf); paths (IRI, sequence, inverse, alternative, zeroOrMore,
oneOrMore, zeroOrOne); minCount, maxCount; datatype, class, nodeKind, in,
hasValue, minInclusive, maxInclusive, minExclusive, maxExclusive, minLength,
maxLength, pattern (with flags), lessThan, lessThanOrEquals, equals, disjoint;
node (to shapes built from the value constraints above and minCount 1), or, not,
and; severity, message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.stores.base import from_ox, quads, to_ox

_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_IGNORED = {SH.name, SH.description, SH.order, SH.group, SH.deactivated, SH.defaultValue, RDFS.label,
            RDFS.comment, RDF.type, SH.message, SH.severity, SH.path, SH.targetClass, SH.targetNode,
            SH.targetSubjectsOf, SH.targetObjectsOf, SH.property}


class UnsupportedShape(ValueError):
    """A shape uses a SHACL feature this engine does not implement."""


@dataclass(frozen=True)
class Result:
    graph: str  # the named graph (article) the finding belongs to
    focus: Node
    severity: str
    message: str
    path: str | None
    value: Node | None


@dataclass(frozen=True)
class CompiledCheck:
    sparql: str
    severity: str
    message: str
    path: str | None


def _n3(term: Node) -> str:
    if isinstance(term, BNode):
        raise UnsupportedShape(f"blank node {term} used as a constant")
    return term.n3()


class Compiler:
    """Turns the node and property shapes of a shapes graph into SPARQL checks."""

    def __init__(self, shapes: Graph, classes: Graph | None = None):
        self.g = shapes
        self.classes = classes if classes is not None else Graph()
        self.checks: list[CompiledCheck] = []
        self._var = 0

    def subclasses(self, cls: Node) -> list[str]:
        """``cls`` and its subclasses, from the class hierarchy known at compile time.

        Expanding rdfs:subClassOf* here instead of in every query made the class checks
        20x cheaper; the hierarchy is the ontology's (article graphs define no classes).
        """
        seen, todo = {cls}, [cls]
        while todo:
            for sub in self.classes.subjects(RDFS.subClassOf, todo.pop()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return sorted(_n3(c) for c in seen)

    def is_instance(self, v: str, cls: Node) -> str:
        """A graph pattern matching when ``v`` is an instance of ``cls`` or a subclass."""
        t = self.var("t")
        return f"{v} rdf:type {t} . VALUES {t} {{ {' '.join(self.subclasses(cls))} }}"

    def var(self, stem: str = "x") -> str:
        self._var += 1
        return f"?{stem}{self._var}"

    # -------------------------------------------------------------- paths
    def path(self, node: Node) -> str:
        g = self.g
        if isinstance(node, URIRef):
            return _n3(node)
        if (node, RDF.first, None) in g:
            return "(" + "/".join(self.path(p) for p in Collection(g, node)) + ")"
        for prop, fmt in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+"),
                          (SH.zeroOrOnePath, "{}?")):
            inner = g.value(node, prop)
            if inner is not None:
                return "(" + fmt.format(self.path(inner)) + ")"
        alt = g.value(node, SH.alternativePath)
        if alt is not None:
            return "(" + "|".join(self.path(p) for p in Collection(g, alt)) + ")"
        raise UnsupportedShape(f"unsupported path {node}")

    # -------------------------------------------------------------- value constraints
    def value_ok(self, shape: Node, v: str) -> list[str]:
        """SPARQL boolean expressions that hold when value ``v`` meets each value constraint of ``shape``."""
        g = self.g
        exprs = []
        for p, o in g.predicate_objects(shape):
            if p == SH.datatype:
                exprs.append(f"(isLiteral({v}) && datatype({v}) = {_n3(o)})")
            elif p == SH["class"]:
                exprs.append(f"EXISTS {{ {self.is_instance(v, o)} }}")
            elif p == SH.nodeKind:
                kinds = {SH.IRI: f"isIRI({v})", SH.Literal: f"isLiteral({v})", SH.BlankNode: f"isBlank({v})",
                         SH.BlankNodeOrIRI: f"(isBlank({v}) || isIRI({v}))",
                         SH.IRIOrLiteral: f"(isIRI({v}) || isLiteral({v}))",
                         SH.BlankNodeOrLiteral: f"(isBlank({v}) || isLiteral({v}))"}
                exprs.append(kinds[o])
            elif p == SH["in"]:
                exprs.append(f"({v} IN ({', '.join(_n3(x) for x in Collection(g, o))}))")
            elif p in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
                op = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}[p]
                exprs.append(f"COALESCE({v} {op} {_n3(o)}, false)")
            elif p in (SH.minLength, SH.maxLength):
                op = ">=" if p == SH.minLength else "<="
                exprs.append(f"(!isBlank({v}) && COALESCE(STRLEN(STR({v})) {op} {int(o)}, false))")
            elif p == SH.pattern:
                flags = g.value(shape, SH.flags)
                args = f", {Literal(str(flags)).n3()}" if flags else ""
                exprs.append(f"(!isBlank({v}) && COALESCE(REGEX(STR({v}), {Literal(str(o)).n3()}{args}), false))")
            elif p == SH["or"]:
                alts = [" && ".join(self.value_ok(a, v)) or "true" for a in Collection(g, o)]
                exprs.append("(" + " || ".join(f"({a})" for a in alts) + ")")
            elif p == SH["and"]:
                exprs.extend(f"({' && '.join(self.value_ok(a, v)) or 'true'})" for a in Collection(g, o))
            elif p == SH["not"]:
                exprs.append(f"!({' && '.join(self.value_ok(o, v)) or 'true'})")
            elif p == SH.node:
                exprs.append(self.node_ok(o, v))
            elif p == SH.hasValue and (shape, SH.path, None) not in g:
                exprs.append(f"({v} = {_n3(o)})")
            elif p == SH.flags:
                continue
        return exprs

    def node_ok(self, shape: Node, v: str) -> str:
        """An expression true when node ``v`` conforms to ``shape`` (value constraints and minCount 1 only)."""
        parts = self.value_ok(shape, v)
        for prop in self.g.objects(shape, SH.property):
            path = self.path(self.g.value(prop, SH.path))
            w = self.var("n")
            for p, o in self.g.predicate_objects(prop):
                if p == SH.minCount and int(o) == 1:
                    parts.append(f"EXISTS {{ {v} {path} {w} }}")
                elif p == SH.minCount and int(o) == 0:
                    continue
                elif p in (SH.minCount, SH.maxCount, SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint):
                    raise UnsupportedShape(f"{p} inside sh:node shape {shape}")
            inner = self.value_ok(prop, w)
            if inner:
                parts.append(f"NOT EXISTS {{ {v} {path} {w} FILTER(!({' && '.join(inner)})) }}")
        return "(" + (" && ".join(parts) or "true") + ")"

    # -------------------------------------------------------------- shapes
    def targets(self, shape: Node) -> list[str]:
        g = self.g
        out = []
        for c in g.objects(shape, SH.targetClass):
            out.append(self.is_instance("?focus", c))
        for n in g.objects(shape, SH.targetNode):
            out.append(f"VALUES ?focus {{ {_n3(n)} }}")
        for p in g.objects(shape, SH.targetSubjectsOf):
            out.append(f"?focus {_n3(p)} [] .")
        for p in g.objects(shape, SH.targetObjectsOf):
            out.append(f"[] {_n3(p)} ?focus .")
        if (shape, RDF.type, RDFS.Class) in g:
            out.append(self.is_instance("?focus", shape))
        return out

    def compile(self) -> list[CompiledCheck]:
        g = self.g
        for shape in set(g.subjects(RDF.type, SH.NodeShape)):
            if (shape, SH.deactivated, Literal(True)) in g:
                continue
            for target in self.targets(shape):
                self.node_shape(shape, target)
        return self.checks

    def _check_supported(self, shape: Node, allowed: set) -> None:
        for p in set(self.g.predicates(shape)):
            if p not in allowed and p not in _IGNORED:
                raise UnsupportedShape(f"shape {shape} uses {p}, which kg's SHACL engine does not implement")

    def _add(self, body: str, shape: Node, default_message: str, path: str | None = None,
             value: str = "?value", in_graph: bool = False) -> None:
        g = self.g
        severity = _SEVERITY.get(g.value(shape, SH.severity), "violation")
        message = str(g.value(shape, SH.message) or default_message)
        projection = "?value" if value == "?value" else f"({value} AS ?value)"
        where = body if in_graph else f"GRAPH ?g {{ {body} }}"
        sparql = f"SELECT DISTINCT ?g ?focus {projection} WHERE {{ {where} }}"
        self.checks.append(CompiledCheck(sparql, severity, message, path))

    def node_shape(self, shape: Node, target: str) -> None:
        g = self.g
        value_keys = {SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.minInclusive, SH.maxInclusive,
                      SH.minExclusive, SH.maxExclusive, SH.minLength, SH.maxLength, SH.pattern, SH.flags,
                      SH["or"], SH["and"], SH["not"], SH.node, SH.hasValue}
        self._check_supported(shape, value_keys | {SH.closed, SH.ignoredProperties})
        if (shape, SH.closed, Literal(True)) in g:
            raise UnsupportedShape(f"sh:closed in {shape}")
        ok = self.value_ok(shape, "?focus")
        if ok:
            self._add(f"{target} FILTER(!({' && '.join(ok)}))", shape, "node does not conform", value="?focus")
        for prop in g.objects(shape, SH.property):
            self.property_shape(prop, target)

    def property_shape(self, prop: Node, target: str) -> None:
        g = self.g
        pair_keys = {SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint}
        count_keys = {SH.minCount, SH.maxCount}
        value_keys = {SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.minInclusive, SH.maxInclusive,
                      SH.minExclusive, SH.maxExclusive, SH.minLength, SH.maxLength, SH.pattern, SH.flags,
                      SH["or"], SH["and"], SH["not"], SH.node}
        self._check_supported(prop, pair_keys | count_keys | value_keys | {SH.hasValue})
        path_node = g.value(prop, SH.path)
        path = self.path(path_node)
        shown = str(path_node) if isinstance(path_node, URIRef) else path
        for p, o in g.predicate_objects(prop):
            if p in (SH.minCount, SH.maxCount):
                n = int(o)
                if p == SH.minCount and n == 0:
                    continue
                # The aggregate is repeated in HAVING (an alias there is not portable SPARQL), and
                # GRAPH ?g goes inside the subquery so that ?g is projected out of it.
                cmp = "<" if p == SH.minCount else ">"
                body = (f"{{ SELECT ?g ?focus WHERE {{ GRAPH ?g {{ {target} OPTIONAL {{ ?focus {path} ?v }} }} }} "
                        f"GROUP BY ?g ?focus HAVING (COUNT(DISTINCT ?v) {cmp} {n}) }}")
                self._add(body, prop, f"{'fewer' if p == SH.minCount else 'more'} than {n} value(s) for {shown}",
                          shown, value="?focus", in_graph=True)
            elif p == SH.hasValue:
                body = f"{target} FILTER NOT EXISTS {{ ?focus {path} {_n3(o)} }}"
                self._add(body, prop, f"{shown} lacks the value {o}", shown, value="?focus")
            elif p in pair_keys:
                other = _n3(o)
                if p == SH.equals:
                    body = (f"{target} {{ ?focus {path} ?value FILTER NOT EXISTS {{ ?focus {other} ?value }} }} UNION "
                            f"{{ ?focus {other} ?value FILTER NOT EXISTS {{ ?focus {path} ?value }} }}")
                elif p == SH.disjoint:
                    body = f"{target} ?focus {path} ?value . ?focus {other} ?value ."
                else:
                    op = "<" if p == SH.lessThan else "<="
                    body = f"{target} ?focus {path} ?value . ?focus {other} ?w . FILTER(!COALESCE(?value {op} ?w, false))"
                self._add(body, prop, f"{shown} fails {p.n3(g.namespace_manager)} {o}", shown)
        ok = self.value_ok(prop, "?value")
        if ok:
            self._add(f"{target} ?focus {path} ?value . FILTER(!({' && '.join(ok)}))", prop,
                      f"a value of {shown} does not conform", shown)


PREFIXES = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")


def compile_shapes(shapes: Graph, classes: Graph | None = None) -> list[CompiledCheck]:
    return Compiler(shapes, classes).compile()


class BatchValidator:
    """Validates many article graphs in one pass; findings name the graph they belong to."""

    def __init__(self, shapes: Graph, context: Graph):
        self.checks = compile_shapes(shapes, context)
        self.queries = [PREFIXES + c.sparql for c in self.checks]
        self.context = [(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in context]

    def validate(self, graphs: Iterable[tuple[URIRef, Graph | Iterable]],
                 made: dict[str, list] | None = None) -> list[Result]:
        """Findings for the graphs; ``made`` may hold a graph's triples already as Oxigraph quads in it."""
        store = ox.Store()
        batch = []
        for name, triples in graphs:
            batch.extend(made[str(name)] if made is not None and str(name) in made else quads(triples, name))
            g = ox.NamedNode(str(name))
            batch.extend(ox.Quad(s, p, o, g) for s, p, o in self.context)
        store.extend(batch)
        results = []
        for check, query in zip(self.checks, self.queries):
            for row in store.query(query):
                results.append(Result(row["g"].value, from_ox(row["focus"]), check.severity, check.message,
                                      check.path, from_ox(row["value"])))
        return results

