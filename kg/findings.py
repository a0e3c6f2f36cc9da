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

The findings follow the articles: every change of article graphs (load, curation, removal)
goes between ``begin`` and ``finish`` (``tracking`` wraps both). ``begin`` lists the graphs as
awaiting analysis in the findings graph and forgets their old findings; ``finish`` works out
their new findings and strikes them off; the loader finishes every few hundred articles. A
crash in between leaves them listed, and ``resume`` (run whenever a writer opens the store
through the loader) finishes the work. A store changed by other means
(a bulk loader, SPARQL Update) is brought up to date with ``rebuild`` (``kg analyse``).
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from decimal import Decimal
from sys import intern
from typing import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.conflicts import DEFAULT_TOLERANCE, Figure, pair_findings, rounded
from kg.namespaces import BASE, GRAPH, KG
from kg.queries import parse_query_file, strip_comments
from kg.rdf import string_literal
from kg.resources import data_dir
from kg.store import write_triples

FINDINGS_GRAPH = GRAPH["findings"]
FINDING = BASE + "finding/"
_CHUNK = 500  # terms per VALUES block: keeps each request small for remote stores


def _internal(name: str) -> str:
    # without the header: some SPARQL clients take a word like "load" in a comment for an update
    return strip_comments(parse_query_file(data_dir("queries") / "internal" / f"{name}.rq").text)


def _with_values(sparql: str, var: str, terms: Iterable[str], literal: bool = False) -> str:
    """The query with ``VALUES ?var { … }`` opening its WHERE group: IRIs from the store, or string literals."""
    block = " ".join(string_literal(t) if literal else f"<{t}>" for t in terms)
    head, sep, body = sparql.partition("WHERE {")
    return f"{head}{sep}\n  VALUES ?{var} {{ {block} }}{body}"


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


# ---------------------------------------------------------------- reading what the rules need

_SERIES = str(KG.seriesKey)


def _group(p: str, key: str, asserter: str) -> tuple:
    """The candidates a key gathers: everyone holding a bucket; one source's claims for a series key."""
    return (p, key, asserter) if p == _SERIES else (p, key)


def keys_of(store, var: str, terms: list[str]) -> dict[str, list[tuple]]:
    """Each claim's candidate groups, for the claims of some article graphs (``var`` "g") or metrics ("metric_iri")."""
    out: dict[str, list[tuple]] = {}
    for chunk in _chunks(terms):
        for claim, p, key, asserter in store.rows(_with_values(_internal("claim-keys"), var, chunk)):
            out.setdefault(claim, []).append(_group(p, key, asserter))
    return out


def members_of(store, groups: Iterable[tuple], cache: "AnalysisCache | None" = None) -> dict[tuple, set[str]]:
    """The stored claims in each candidate group (groups the cache holds are not read again)."""
    wanted = set(groups)
    out = cache.pick_members(wanted) if cache is not None else {}
    missing = wanted - out.keys()
    out.update({g: set() for g in missing})
    for chunk in _chunks(sorted({g[1] for g in missing})):
        for claim, p, key, asserter in store.rows(_with_values(_internal("key-members"), "key", chunk, literal=True)):
            group = _group(p, key, asserter)
            if group in missing:
                out[group].add(claim)
    return out


def _figure(row: tuple) -> tuple[Figure, str]:
    (claim, metric, value, value_max, bound, asserter, article, start, end, running, key, incident, metric_iri) = row
    places = tuple(p for p in key.split("|")[2].split(",") if p)  # key: metric|incident|places|end
    return Figure(claim=claim, metric=intern(metric), value=Decimal(value), bound=intern(bound),
                  value_max=Decimal(value_max) if value_max is not None else None,
                  asserter=intern(asserter), article=article, period_start=start or None, period_end=end or None,
                  running=running in ("true", "1"), places=places, incident=incident), metric_iri


def figures_of(store, var: str, terms: Iterable[str], cache: "AnalysisCache | None" = None
               ) -> dict[str, tuple[Figure, str]]:
    """Each claim's Figure (asserter and article as IRIs) and its metric's IRI, for the given claims
    (``var`` "claim") or every claim of the given metrics ("metric_iri")."""
    terms = set(terms)
    out = cache.pick(terms) if cache is not None else {}
    for chunk in _chunks(sorted(terms - out.keys())):
        for row in store.rows(_with_values(_internal("analysis-figures"), var, chunk)):
            out[row[0]] = _figure(row)
    if cache is not None:
        cache.keep(out)
    return out


class AnalysisCache:
    """Figures and group members already read, kept by the one writer of an embedded store across its batches.

    Each batch compares its claims with every stored claim sharing a key, so without a cache
    the members of a busy group (one month's toll, reported by every outlet) and their figures
    are read again for every batch. Only safe where nothing else writes meanwhile: the embedded
    store's writer lock ensures that; ``forget`` drops what graphs about to change touch, and
    ``update`` adds each batch's new claims to the groups held. Bounded: past ``size`` figures
    the older half goes; past ``size`` members every group goes."""

    def __init__(self, size: int = 200_000):
        self.size = size
        self._figures: dict[str, tuple[Figure, str]] = {}
        self._members: dict[tuple, set[str]] = {}
        self._member_count = 0

    def pick_members(self, groups: set[tuple]) -> dict[tuple, set[str]]:
        return {g: set(self._members[g]) for g in groups if g in self._members}

    def keep_members(self, members: dict[tuple, set[str]]) -> None:
        for group, claims in members.items():
            self._member_count += len(claims) - len(self._members.get(group, ()))
            self._members[group] = claims
        if self._member_count > self.size:
            self._members.clear()
            self._member_count = 0

    def pick(self, claims: set[str]) -> dict[str, tuple[Figure, str]]:
        return {c: self._figures[c] for c in claims if c in self._figures}

    def keep(self, figures: dict[str, tuple[Figure, str]]) -> None:
        self._figures.update(figures)
        if len(self._figures) > self.size:
            for claim in list(self._figures)[:len(self._figures) // 2]:
                del self._figures[claim]

    def forget(self, claims: Iterable[str]) -> None:
        claims = list(claims)
        for claim in claims:
            self._figures.pop(str(claim), None)
        if claims:  # which groups hold them is not kept: drop every group (new articles have no claims to forget)
            self._members.clear()
            self._member_count = 0


# ---------------------------------------------------------------- working out and writing findings

def finding_iri(kind: str, a: str, b: str) -> str:
    return FINDING + hashlib.sha256(f"{kind}|{a}|{b}".encode()).hexdigest()[:24]


def findings_for(pairs: Iterable[tuple[str, str]], figures: dict, tolerance=DEFAULT_TOLERANCE) -> Iterator[tuple]:
    """(kind, a, b, ratio, metric IRI) for every listed or agreeing pair among ``pairs``."""
    for x, y in pairs:
        if x not in figures or y not in figures:
            continue  # a claim without a period or metric the store cannot describe: nothing to compare
        (first, metric), (second, _) = figures[x], figures[y]
        for kind, a, b, ratio, _ in pair_findings(first, second, tolerance, with_compatible=True):
            yield kind, a, b, ratio, metric


_T = {name: f"<{KG[name]}>" for name in ("kind", "claimA", "claimB", "metric", "asserter", "ratio")}
_TYPE = f"<{RDF.type}> <{KG.Finding}>"


def finding_ntriples(findings: Iterable[tuple]) -> Iterator[str]:
    """N-Triples lines for findings (written as text: building rdflib terms cost more than storing them)."""
    for kind, a, b, ratio, metric in findings:
        node = f"<{finding_iri(kind, a.claim, b.claim)}>"
        yield (f"{node} {_TYPE} .\n{node} {_T['kind']} {string_literal(kind)} .\n"
               f"{node} {_T['claimA']} <{a.claim}> .\n{node} {_T['claimB']} <{b.claim}> .\n"
               f"{node} {_T['metric']} <{metric}> .\n"
               f"{node} {_T['asserter']} <{a.asserter}> .\n{node} {_T['asserter']} <{b.asserter}> .\n")
        if ratio is not None and kind != "not-comparable":
            yield f'{node} {_T["ratio"]} "{rounded(ratio)}"^^<{XSD.decimal}> .\n'


def _write(store, findings: Iterable[tuple], per_request: int = 20_000) -> int:
    """Store findings in writes of ``per_request`` at most; returns how many.

    Through the embedded store's bulk loader, not a transaction (3.5x faster; at a million claims
    the transactions were 90 % of kg analyse): findings are derived, and the graphs they belong
    to stay listed as awaiting analysis until they are all written, so a crash means working
    them out again, never a half-written answer taken as whole."""
    count, lines = 0, []
    for found in findings:
        lines += finding_ntriples([found])
        count += 1
        if count % per_request == 0:
            store.add_ntriples(FINDINGS_GRAPH, "".join(lines), atomic=False)
            lines = []
    if lines:
        store.add_ntriples(FINDINGS_GRAPH, "".join(lines), atomic=False)
    return count


def tolerance_of(store) -> Decimal | None:
    """The tolerance the stored findings were worked out with; None when the store has no findings."""
    rows = store.query(f"SELECT ?t WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ <{FINDINGS_GRAPH}> <{KG.tolerance}> ?t }} }}").rows
    return Decimal(str(rows[0][0])) if rows else None


def _record_tolerance(store, tolerance) -> Decimal:
    tolerance = Decimal(str(tolerance))
    write_triples(store, FINDINGS_GRAPH, [(FINDINGS_GRAPH, KG.tolerance, Literal(tolerance, datatype=XSD.decimal))])
    return tolerance


def update(store, graphs: list[URIRef], cache: "AnalysisCache | None" = None) -> int:
    """Work out and store the findings of the claims in ``graphs`` against every stored claim."""
    if not graphs:
        return 0
    tolerance = tolerance_of(store)
    if tolerance is None:
        tolerance = _record_tolerance(store, DEFAULT_TOLERANCE)
    own = keys_of(store, "g", [str(g) for g in graphs])
    members = members_of(store, {group for groups in own.values() for group in groups}, cache)
    for claim, groups in own.items():  # groups held by the cache were read before these claims were stored
        for group in groups:
            members[group].add(claim)
    if cache is not None:
        cache.keep_members(members)
    pairs = {tuple(sorted((claim, other))) for claim, groups in own.items()
             for group in groups for other in members[group] if other != claim}
    figures = figures_of(store, "claim", {c for pair in pairs for c in pair}, cache)
    return _write(store, findings_for(sorted(pairs), figures, tolerance))


def forget(store, graphs: list[URIRef], cache: "AnalysisCache | None" = None) -> None:
    """Drop the findings that involve a claim of ``graphs`` (before the graphs change or go)."""
    claims = [row[0] for chunk in _chunks(graphs) for row in store.rows(
        _with_values(f"SELECT ?claim WHERE {{ GRAPH ?g {{ ?claim a <{KG.Claim}> }} }}", "g", chunk))]
    if cache is not None:
        cache.forget(claims)
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


def begin(store, graphs: Iterable[URIRef], cache: "AnalysisCache | None" = None) -> list[URIRef]:
    """Before ``graphs`` change: list them as awaiting analysis and drop their findings."""
    graphs = list(dict.fromkeys(URIRef(str(g)) for g in graphs))
    if graphs:
        _mark(store, graphs)
        forget(store, graphs, cache)
    return graphs


def finish(store, graphs: list[URIRef], cache: "AnalysisCache | None" = None) -> int:
    """After ``graphs`` changed (or went: a removed graph has no claims, so no pairs): work out
    their findings and strike them off the awaiting list. Returns how many findings."""
    if not graphs:
        return 0
    count = update(store, graphs, cache)
    _unmark(store, graphs)
    return count


@contextmanager
def tracking(store, graphs: Iterable[URIRef], cache: "AnalysisCache | None" = None):
    """Keep the findings in step with a change to ``graphs`` made inside the ``with`` block."""
    graphs = begin(store, graphs, cache)
    yield
    finish(store, graphs, cache)


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


def rebuild(store, tolerance=DEFAULT_TOLERANCE) -> int:
    """Work out every finding again (after a bulk load, or with another tolerance); returns how many.

    One metric at a time: claims of different metrics are never compared, so memory is bounded by
    the largest metric. Every group of claims sharing a key is paired once, in Python, after one
    read of the metric's keys and figures (per-claim lookups cost ten times more). The graphs are
    listed as awaiting analysis meanwhile, so a rebuild cut short is finished by the next writer."""
    graphs = store.article_graphs()
    store.update(f"DROP SILENT GRAPH <{FINDINGS_GRAPH}>")
    _record_tolerance(store, tolerance)
    _mark(store, graphs)
    metrics = [row[0] for row in store.rows(f"SELECT DISTINCT ?m WHERE {{ ?c a <{KG.Claim}> ; <{KG.metric}> ?m }}")]
    total = 0
    for metric in sorted(metrics):
        figures = figures_of(store, "metric_iri", [metric])
        keys = keys_of(store, "metric_iri", [metric])
        total += _write(store, findings_for(_pairs_within(keys), figures, tolerance))
    _unmark(store, graphs)
    return total


def _pairs_within(keys: dict[str, list[tuple]]) -> Iterator[tuple[str, str]]:
    """Each pair of claims sharing a group, once: in the first group (by sort order) the two share."""
    held = {claim: sorted(set(groups)) for claim, groups in keys.items()}
    members: dict[tuple, list[str]] = {}
    for claim in sorted(held):
        for group in held[claim]:
            members.setdefault(group, []).append(claim)
    for group, claims in members.items():
        for i, x in enumerate(claims):
            for y in claims[i + 1:]:
                if next(g for g in held[x] if g in held[y]) == group:
                    yield x, y
