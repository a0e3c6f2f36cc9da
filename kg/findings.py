"""Findings: the conflict analysis worked out when articles are stored, and kept in the store.

The rules of kg.conflicts (docs/conflicts.md) compare claims pair by pair. Applied to a whole
store at query time, in SPARQL, they cost tens of seconds per ten thousand claims (the
``conflicts-live`` query) and grow with the store. Applied once per new claim, they cost an
index lookup and a few comparisons: a claim's candidates are the claims sharing one of its
keys (comparison bucket, overlap bucket, series key), set at load time by kg.rdf.

Each listed pair becomes a node in the findings graph::

    finding:… a kg:Finding ; kg:kind "contradiction" ; kg:claimA <a> ; kg:claimB <b> ;
              kg:ratio 8.33 ; kg:metric <m> ; kg:asserter <source a>, <source b> .

Side a is the lower figure (the earlier one for a revision), as in the queries. Pairs of
different sources that were compared and agree are kept as kind "compatible", so the source
matrix counts agreements without pairing claims again.

The findings follow the articles: ``tracking(store, graphs)`` wraps every change of article
graphs (load, curation, removal). It lists the graphs as awaiting analysis in the findings
graph, forgets their old findings, lets the change happen, works out their new findings and
strikes them off. A crash in between leaves them listed, and ``resume`` (run whenever a
writer opens the store through the loader) finishes the work. A store changed by other means
(a bulk loader, SPARQL Update) is brought up to date with ``rebuild`` (``kg analyse``).
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from decimal import Decimal
from typing import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.conflicts import DEFAULT_TOLERANCE, Figure, compatible, gap_ratio, pair_findings, rounded
from kg.namespaces import BASE, GRAPH, KG
from kg.queries import parse_query_file, strip_comments
from kg.resources import data_dir
from kg.store import write_triples

FINDINGS_GRAPH = GRAPH["findings"]
FINDING = BASE + "finding/"
_CHUNK = 500  # terms per VALUES block: keeps each request small for remote stores


def _internal(name: str) -> str:
    # without the header: some SPARQL clients take a word like "load" in a comment for an update
    return strip_comments(parse_query_file(data_dir("queries") / "internal" / f"{name}.rq").text)


def _with_values(sparql: str, var: str, terms: Iterable[URIRef]) -> str:
    """The query with ``VALUES ?var { … }`` opening its WHERE group (the terms are IRIs from the store)."""
    block = " ".join(f"<{t}>" for t in terms)
    head, sep, body = sparql.partition("WHERE {")
    return f"{head}{sep}\n  VALUES ?{var} {{ {block} }}{body}"


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _text(node) -> str | None:
    return None if node is None else str(node)


# ---------------------------------------------------------------- reading what the rules need

def candidate_pairs(store, graphs: list[URIRef]) -> set[frozenset]:
    """Unordered pairs: a claim of ``graphs`` and any stored claim sharing one of its keys."""
    pairs = set()
    for chunk in _chunks(graphs):
        for claim, other in store.query(_with_values(_internal("candidate-pairs"), "g", chunk)).rows:
            pairs.add(frozenset((claim, other)))
    return pairs


def figures_of(store, claims: Iterable[URIRef]) -> dict[URIRef, tuple[Figure, URIRef]]:
    """Each claim's Figure (asserter and article as IRIs) and its metric's IRI."""
    out = {}
    for chunk in _chunks(sorted(set(claims))):
        result = store.query(_with_values(_internal("analysis-figures"), "claim", chunk))
        for row in result.dicts():
            key = str(row["key"])  # metric|incident|places|end
            places = tuple(p for p in key.split("|")[2].split(",") if p)
            vmax = row["value_max"]
            figure = Figure(claim=str(row["claim"]), metric=str(row["metric"]), value=Decimal(str(row["value"])),
                            bound=str(row["bound"]), value_max=Decimal(str(vmax)) if vmax is not None else None,
                            asserter=str(row["asserter"]), article=str(row["article"]),
                            period_start=_text(row["period_start"]), period_end=_text(row["period_end"]),
                            running=row["running"] is not None and row["running"].toPython() is True,
                            places=places, incident=_text(row["incident"]))
            out[row["claim"]] = (figure, row["metric_iri"])
    return out


# ---------------------------------------------------------------- working out and writing findings

def finding_iri(kind: str, a: str, b: str) -> URIRef:
    return URIRef(FINDING + hashlib.sha256(f"{kind}|{a}|{b}".encode()).hexdigest()[:24])


def findings_for(pairs: Iterable[frozenset], figures: dict, tolerance=DEFAULT_TOLERANCE) -> list[tuple]:
    """(kind, a, b, ratio, metric IRI) for every listed or agreeing pair among ``pairs``."""
    out = []
    for pair in pairs:
        if len(pair) != 2 or any(c not in figures for c in pair):
            continue  # a claim without a period or metric the store cannot describe: nothing to compare
        (first, metric), (second, _) = (figures[c] for c in pair)
        listed = pair_findings(first, second, tolerance)
        out += [(kind, a, b, ratio, metric) for kind, a, b, ratio, _ in listed]
        if not listed and compatible(first, second, tolerance):
            a, b = sorted((first, second), key=lambda f: (f.value, f.claim))
            ratio = gap_ratio(a.value, a.value_max if a.bound == "range" else None,
                              b.value, b.value_max if b.bound == "range" else None)
            out.append(("compatible", a, b, ratio, metric))
    return out


def finding_triples(findings: Iterable[tuple]) -> list[tuple]:
    triples = []
    for kind, a, b, ratio, metric in findings:
        node = finding_iri(kind, a.claim, b.claim)
        triples += [(node, RDF.type, KG.Finding), (node, KG.kind, Literal(kind)),
                    (node, KG.claimA, URIRef(a.claim)), (node, KG.claimB, URIRef(b.claim)),
                    (node, KG.metric, metric),
                    (node, KG.asserter, URIRef(a.asserter)), (node, KG.asserter, URIRef(b.asserter))]
        if ratio is not None and kind != "not-comparable":
            triples.append((node, KG.ratio, Literal(rounded(ratio), datatype=XSD.decimal)))
    return triples


def tolerance_of(store) -> Decimal | None:
    """The tolerance the stored findings were worked out with; None when the store has no findings."""
    rows = store.query(f"SELECT ?t WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ <{FINDINGS_GRAPH}> <{KG.tolerance}> ?t }} }}").rows
    return Decimal(str(rows[0][0])) if rows else None


def update(store, graphs: list[URIRef]) -> int:
    """Work out and store the findings of the claims in ``graphs`` against every stored claim."""
    if not graphs:
        return 0
    tolerance = tolerance_of(store)
    if tolerance is None:
        tolerance = DEFAULT_TOLERANCE
        write_triples(store, FINDINGS_GRAPH, [(FINDINGS_GRAPH, KG.tolerance, Literal(tolerance, datatype=XSD.decimal))])
    pairs = candidate_pairs(store, graphs)
    figures = figures_of(store, {c for pair in pairs for c in pair})
    found = findings_for(pairs, figures, tolerance)
    if found:
        write_triples(store, FINDINGS_GRAPH, finding_triples(found))
    return len(found)


def forget(store, graphs: list[URIRef]) -> None:
    """Drop the findings that involve a claim of ``graphs`` (before the graphs change or go)."""
    claims = [row[0] for chunk in _chunks(graphs) for row in store.query(
        _with_values(f"SELECT ?claim WHERE {{ GRAPH ?g {{ ?claim a <{KG.Claim}> }} }}", "g", chunk)).rows]
    for chunk in _chunks(claims):
        # Updates name their graphs by IRI: kg serve (and some stores) refuse GRAPH ?g in an update.
        store.update(_with_values(f"""
            DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?f ?p ?o }} }}
            WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ {{ ?f <{KG.claimA}> ?claim }} UNION {{ ?f <{KG.claimB}> ?claim }} ?f ?p ?o }} }}""",
            "claim", chunk))


def _mark(store, graphs: list[URIRef]) -> None:
    write_triples(store, FINDINGS_GRAPH, [(g, KG.awaitingAnalysis, Literal(True)) for g in graphs])


def _unmark(store, graphs: list[URIRef]) -> None:
    for chunk in _chunks(graphs):
        store.update(_with_values(f"DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?g <{KG.awaitingAnalysis}> ?v }} }} "
                                  f"WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?g <{KG.awaitingAnalysis}> ?v }} }}", "g", chunk))


@contextmanager
def tracking(store, graphs: Iterable[URIRef]):
    """Keep the findings in step with a change to ``graphs`` made inside the ``with`` block."""
    graphs = list(dict.fromkeys(URIRef(str(g)) for g in graphs))
    if not graphs:
        yield
        return
    _mark(store, graphs)
    forget(store, graphs)
    yield
    update(store, graphs)  # a graph the change removed has no claims, so no candidate pairs
    _unmark(store, graphs)


def awaiting(store) -> list[URIRef]:
    rows = store.query(f"SELECT ?g WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?g <{KG.awaitingAnalysis}> ?v }} }}").rows
    return [row[0] for row in rows]


def resume(store) -> int:
    """Finish the analysis a crash interrupted; returns how many article graphs it covered."""
    graphs = awaiting(store)
    if graphs:
        with tracking(store, graphs):
            pass
    return len(graphs)


def rebuild(store, tolerance=DEFAULT_TOLERANCE, batch: int = 2000) -> int:
    """Work out every finding again (after a bulk load, or with another tolerance); returns how many."""
    store.update(f"DROP SILENT GRAPH <{FINDINGS_GRAPH}>")
    write_triples(store, FINDINGS_GRAPH, [(FINDINGS_GRAPH, KG.tolerance, Literal(Decimal(str(tolerance)),
                                                                                  datatype=XSD.decimal))])
    graphs = store.article_graphs()
    return sum(update(store, chunk) for chunk in _chunks(graphs, batch))
