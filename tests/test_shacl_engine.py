"""kg's compiled SHACL engine against pyshacl, the reference: same findings on the same graphs."""

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from kg.extract import EXTRACTOR_VERSION
from kg.model import Incident, Period, SourceRef
from kg.namespaces import KG, OA
from kg.rdf import article_graph, article_iri
from kg.validate import shapes_graph, validate_graph, validate_graphs
from kg.validate.shacl import UnsupportedShape, compile_shapes

from conftest import make_article, make_claim

CASES = {
    "valid": [make_claim()],
    "range": [make_claim(bound="range", value=Decimal(10), value_max=Decimal(20))],
    "range without upper": [make_claim(bound="range")],
    "upper below value": [make_claim(bound="range", value=Decimal(10), value_max=Decimal(5))],
    "negative": [make_claim(value=Decimal(-1))],
    "no asserter": [make_claim(asserter=None)],
    "unknown metric": [make_claim(metric="goats")],
    "period reversed": [make_claim(period=Period("2018-05", "2017-11"))],
    "period day vs month": [make_claim(period=Period("2018-05-20", "2018-05"))],
    "unresolved period": [make_claim(period=Period(None, None, "this year"))],
    "empty quote": [make_claim(quote="", start=3, end=3)],
    "confidence": [make_claim(confidence=2)],
    "person": [make_claim(speaker=SourceRef("chris-woods", "Chris Woods", "Person",
                                            speaks_for=SourceRef("airwars", "Airwars")))],
    "incident": [make_claim(incident=Incident("2017-05-mosul-strike", "May 2017 strike in Mosul", "2017-05", ("mosul",)))],
    "several broken": [make_claim(value=Decimal(-1), quote="a"), make_claim(asserter=None, quote="b"),
                       make_claim(bound="range", quote="c")],
}


def comparable(findings):
    return sorted((f.severity, f.focus, f.message) for f in findings)


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("meta", [{}, {"publisher": None, "published": None}])
def test_compiled_engine_agrees_with_pyshacl(vocab, name, meta):
    graph = article_graph(make_article(claims=CASES[name], **meta), vocab, EXTRACTOR_VERSION)
    ours = validate_graph(graph, vocab)
    reference = validate_graph(graph, vocab, engine="pyshacl")
    assert comparable(ours) == comparable(reference)
    if name in ("valid", "range", "person", "incident", "period day vs month"):
        assert not [f for f in ours if f.severity == "violation"]
    elif name != "unresolved period":
        assert [f for f in ours if f.severity == "violation"]


def tamper(graph: Graph, remove=(), add=()) -> Graph:
    g = Graph()
    for t in graph:
        g.add(t)
    for pattern in remove:
        for t in list(g.triples(pattern)):
            g.remove(t)
    for t in add:
        g.add(t)
    return g


def test_hand_broken_graphs_agree(vocab):
    """Graphs no writer of kg would produce: missing evidence selectors, wrong types, two values."""
    base = article_graph(make_article(claims=[make_claim()]), vocab, EXTRACTOR_VERSION)
    claim = next(base.subjects(RDF.type, KG.Claim))
    variants = [
        tamper(base, remove=[(None, OA.exact, None)]),
        tamper(base, remove=[(None, OA.start, None)]),
        tamper(base, add=[(claim, KG.value, Literal("12", datatype=XSD.decimal))]),
        tamper(base, add=[(claim, KG.value, Literal("twelve"))]),
        tamper(base, remove=[(None, KG.reportedIn, None)]),
        tamper(base, remove=[(None, RDF.type, KG.Article)]),
        tamper(base, add=[(claim, KG.bound, URIRef("https://w3id.org/kg-claims/ns#roughly"))]),
        tamper(base, remove=[(None, KG.contentHash, None)]),
    ]
    for g in variants:
        assert comparable(validate_graph(g, vocab)) == comparable(validate_graph(g, vocab, engine="pyshacl"))
        assert any(f.severity == "violation" for f in validate_graph(g, vocab))


def test_batch_findings_name_their_article(vocab):
    good = make_article(text="good\n", claims=[make_claim()])
    bad = make_article(text="bad\n", claims=[make_claim(value=Decimal(-2), quote="minus two")])
    graphs = [(article_iri(a.content_hash), article_graph(a, vocab, EXTRACTOR_VERSION)) for a in (good, bad)]
    found = validate_graphs(graphs, vocab)
    assert [f for f in found[graphs[0][0]] if f.severity == "violation"] == []
    assert [f.focus for f in found[graphs[1][0]] if f.severity == "violation"] == ["minus two"]


def test_unsupported_features_are_refused_at_compile_time():
    g = Graph()
    g.parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:qualifiedMinCount 1 ;
            sh:qualifiedValueShape [ sh:datatype <http://www.w3.org/2001/XMLSchema#string> ] ] .
    """, format="turtle")
    with pytest.raises(UnsupportedShape, match="qualified"):
        compile_shapes(g)


def test_all_shipped_shapes_compile():
    assert len(compile_shapes(shapes_graph())) > 40
    assert (None, SH.sparql, None) not in shapes_graph()
