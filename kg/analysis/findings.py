"""Findings: the conflict analysis worked out when articles are stored, and kept in the store.

The conflict rules (kg.analysis.rules, docs/conflicts.md) compare claims pair by pair. Applied to a whole
store at query time, in SPARQL, they cost tens of seconds per ten thousand claims (the
``conflicts-live`` query) and grow with the store. Applied once per new claim, they cost an
index lookup and a few comparisons: a claim's candidates are the claims sharing one of its
keys (comparison bucket, overlap bucket, series key), set at load time by kg.rdf.

Claims stating the same figure (asserter, metric, value, bound, period, places, incident: all
the rules read, except the claim and its article) get the same outcome against any other claim.
So each claim is linked to its figure, and the rules compare figures: a toll repeated by fifty
outlets is one figure, met once by each disagreeing estimate, instead of fifty claims each
paired with every estimate and with each other. Each listed pair of figures is a node in the
findings graph::

    <claim> kg:figure figure:… .
    finding:… a kg:Finding ; kg:kind "contradiction" ; kg:figureA figure:… ; kg:figureB figure:… ;
              kg:ratio 8.33 ; kg:metric <m> ; kg:asserter <source a>, <source b> .

Side a is the lower figure (the earlier one for a revision), as in the queries; a figure stated
in several articles corroborates itself (figureA and figureB the same). The queries list one row
per pair of claims stating the two figures, as ``conflicts-live`` does: for the same source on
both sides only claims in different articles, except for a revision; for two figures of the same
value, side a is the claim with the lower IRI, so such findings are written both ways round.
Pairs of different sources that were compared and agree are kept as kind "compatible", so the
source matrix counts agreements without pairing claims again. Beside the findings, each claim's
side of a listed row is written as one literal (kg.analysis.sides), written and forgotten with the
claim's figure.

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
from dataclasses import replace
from decimal import Decimal
from sys import intern
from typing import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg import sources
from kg.analysis import sides as listed_sides
from kg.analysis.queries import parse_query_file
from kg.analysis.rules import DEFAULT_TOLERANCE, Figure, pair_findings, rounded
from kg.namespaces import BASE, GRAPH, KG, TIME
from kg.resources import data_dir
from kg.stores.base import write_triples
from kg.stores.sparqlterms import string_literal, strip_comments

FINDINGS_GRAPH = GRAPH["findings"]
FINDING = listed_sides.FINDING
FIGURE = BASE + "figure/"
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


def _canonical(asserter: str, identity: "sources.Identity | None") -> str:
    return identity.of(asserter)[0] if identity is not None else asserter


def keys_of(store, var: str, terms: list[str], identity: "sources.Identity | None" = None) -> dict[str, list[tuple]]:
    """Each claim's candidate groups, for the claims of some article graphs (``var`` "g") or metrics ("metric_iri");
    a series is one source's: the canonical source of ``identity`` (kg.sources), when given."""
    out: dict[str, list[tuple]] = {}
    for chunk in _chunks(terms):
        for claim, p, key, asserter in store.rows(_with_values(_internal("claim-keys"), var, chunk)):
            out.setdefault(claim, []).append(_group(p, key, _canonical(asserter, identity)))
    return out


def members_of(store, groups: Iterable[tuple], cache: "AnalysisCache | None" = None,
               identity: "sources.Identity | None" = None) -> dict[tuple, dict[str, str]]:
    """The figures stored in each candidate group, each with one claim stating it (groups the cache
    holds are not read again). Claims not yet analysed have no figure and are not members."""
    wanted = set(groups)
    out = cache.pick_members(wanted) if cache is not None else {}
    missing = wanted - out.keys()
    out.update({g: {} for g in missing})
    for chunk in _chunks(sorted({g[1] for g in missing})):
        for claim, p, key, asserter, figure in store.rows(
                _with_values(_internal("key-members"), "key", chunk, literal=True)):
            group = _group(p, key, _canonical(asserter, identity))
            if group in missing:
                out[group].setdefault(figure, claim)
    return out


def _figure(row: tuple, identity: "sources.Identity | None" = None) -> tuple[Figure, str]:
    (claim, metric, value, value_max, bound, asserter, article, start, end, running, key, incident, metric_iri) = row
    places = tuple(p for p in key.split("|")[2].split(",") if p)  # key: metric|incident|places|end
    canonical, voice = identity.of(asserter) if identity is not None else (asserter, "")
    return Figure(claim=claim, metric=intern(metric), value=Decimal(value), bound=intern(bound),
                  value_max=Decimal(value_max) if value_max is not None else None,
                  asserter=intern(canonical), article=article, period_start=start or None, period_end=end or None,
                  running=running in ("true", "1"), places=places, incident=incident,
                  voice=intern(voice) if voice != canonical else ""), metric_iri


def with_identity(facts: tuple, identity: "sources.Identity") -> tuple:
    """``claim_facts`` (raw asserters, as the article graph names them) with each asserter's canonical
    source and voice (kg.sources)."""
    keys, figures = facts
    keys = {claim: [(*g[:2], _canonical(g[2], identity)) if len(g) == 3 else g for g in groups]
            for claim, groups in keys.items()}
    out = {}
    for claim, (figure, metric) in figures.items():
        canonical, voice = identity.of(figure.asserter)
        out[claim] = (replace(figure, asserter=canonical, voice=voice if voice != canonical else ""), metric)
    return keys, out


def figures_of(store, var: str, terms: Iterable[str], identity: "sources.Identity | None" = None
               ) -> dict[str, tuple[Figure, str]]:
    """Each claim's Figure (asserter and article as IRIs) and its metric's IRI, for the given claims
    (``var`` "claim") or every claim of the given metrics ("metric_iri"); with ``identity`` (kg.sources)
    the asserter is the canonical source and the figure has its voice."""
    out = {}
    for chunk in _chunks(sorted(set(terms))):
        for row in store.rows(_with_values(_internal("analysis-figures"), var, chunk)):
            out[row[0]] = _figure(row, identity)
    return out


_FACTS = {str(KG[name]): name for name in (
    "metric", "value", "valueMax", "bound", "assertedBy", "reportedIn", "comparisonKey", "period", "runningTotal",
    "incident", "comparisonBucket", "overlapBucket", "seriesKey")}
_KEY_PREDICATES = ("comparisonBucket", "overlapBucket", "seriesKey")
_PERIOD_ENDS = {str(TIME.hasBeginning): "start", str(TIME.hasEnd): "end"}
_FIGURE_NEEDS = ("metric", "value", "bound", "assertedBy", "reportedIn", "comparisonKey", "period")


def _after(text: str | None, marker: str) -> str | None:
    """SPARQL's STRAFTER on a term that may be unbound."""
    return None if text is None else text.partition(marker)[2]


def claim_facts(triples: Iterable[tuple]) -> tuple[dict[str, list[tuple]], dict[str, tuple[Figure, str]]]:
    """What ``keys_of`` and ``figures_of`` read back from the store, taken from one article graph's
    triples before it is stored: the loader's workers send it along with the N-Quads, so the writer
    does not query for it (it was 3 ms of the writer's CPU per article). The same rows as the
    queries claim-keys.rq and analysis-figures.rq give, claim by claim."""
    facts: dict[str, dict[str, list[str]]] = {}
    period_ends: dict[str, dict[str, str]] = {}
    for s, p, o in triples:
        p = str(p)
        name = _FACTS.get(p)
        if name is not None:
            facts.setdefault(str(s), {}).setdefault(name, []).append(str(o))
        elif p in _PERIOD_ENDS:
            period_ends.setdefault(str(s), {})[_PERIOD_ENDS[p]] = str(o)
    keys: dict[str, list[tuple]] = {}
    figures: dict[str, tuple[Figure, str]] = {}
    for claim, f in facts.items():
        if "metric" not in f or "assertedBy" not in f:
            continue
        for asserter in f["assertedBy"]:
            for name in _KEY_PREDICATES:
                for key in f.get(name, ()):
                    keys.setdefault(claim, []).append(_group(str(KG[name]), key, asserter))
        if any(name not in f for name in _FIGURE_NEEDS):
            continue
        ends = period_ends.get(f["period"][0], {})
        one = {name: values[0] for name, values in f.items()}  # the shapes allow one of each
        figures[claim] = _figure((
            claim, _after(one["metric"], "/metric/"), one["value"], one.get("valueMax"), _after(one["bound"], "#"),
            one["assertedBy"], one["reportedIn"], _after(ends.get("start"), "/instant/"),
            _after(ends.get("end"), "/instant/"), one.get("runningTotal"), one["comparisonKey"], one.get("incident"),
            one["metric"]))
    return keys, figures


def _plain(d: Decimal | None) -> str:
    return "" if d is None else f"{d.normalize():f}"


def figure_iri(f: Figure) -> str:
    """The figure a claim states: everything the conflict rules read except the claim and its article,
    so that claims stating the same figure get the same outcome against any other claim."""
    key = "|".join((f.asserter, f.metric, _plain(f.value), f.bound, _plain(f.value_max), f.period_start or "",
                    f.period_end or "", "running" if f.running else "", ",".join(sorted(set(f.places))),
                    f.incident or ""))
    if f.voice and f.voice != f.asserter:  # a source of a family: the outcome depends on the family too
        key += "|" + f.voice
    return FIGURE + hashlib.sha256(key.encode()).hexdigest()[:24]


def as_figure(f: Figure) -> Figure:
    """A claim's Figure standing for every claim stating it: claim and article are the figure's IRI."""
    iri = figure_iri(f)
    return replace(f, claim=iri, article=iri)


def figures_by_iri(store, claims: dict[str, str], cache: "AnalysisCache | None" = None,
                   identity: "sources.Identity | None" = None) -> dict[str, tuple[Figure, str]]:
    """Each figure (by IRI, read through one claim stating it: ``claims`` maps figure to claim) and its metric's IRI."""
    out = cache.pick(claims.keys()) if cache is not None else {}
    read = figures_of(store, "claim", [claims[fig] for fig in claims.keys() - out.keys()], identity)
    for figure, metric in read.values():
        out[figure_iri(figure)] = (as_figure(figure), metric)
    if cache is not None:
        cache.keep(out)
    return out


class AnalysisCache:
    """Figures and group members already read, kept by the one writer of an embedded store across its batches.

    Each batch compares its new figures with every stored figure sharing a key, so without a
    cache the members of a busy group (one month's tolls, reported by every outlet and monitor)
    and their figures are read again for every batch. A figure's IRI is a hash of what it
    states, so a figure held is never stale; group members are. Only safe where nothing else
    writes meanwhile: the embedded store's writer lock ensures that; ``forget`` drops the groups
    when stored claims change, and ``update`` adds each batch's new figures to the groups held.
    Bounded: past ``size`` figures the older half goes; past ``size`` members every group goes."""

    def __init__(self, size: int = 200_000):
        self.size = size
        self._figures: dict[str, tuple[Figure, str]] = {}
        self._members: dict[tuple, dict[str, str]] = {}
        self._member_count = 0

    def pick_members(self, groups: set[tuple]) -> dict[tuple, dict[str, str]]:
        return {g: dict(self._members[g]) for g in groups if g in self._members}

    def keep_members(self, members: dict[tuple, dict[str, str]]) -> None:
        for group, figures in members.items():
            self._member_count += len(figures) - len(self._members.get(group, ()))
            self._members[group] = figures
        if self._member_count > self.size:
            self._members.clear()
            self._member_count = 0

    def pick(self, figures: Iterable[str]) -> dict[str, tuple[Figure, str]]:
        return {f: self._figures[f] for f in figures if f in self._figures}

    def keep(self, figures: dict[str, tuple[Figure, str]]) -> None:
        self._figures.update(figures)
        if len(self._figures) > self.size:
            for figure in list(self._figures)[:len(self._figures) // 2]:
                del self._figures[figure]

    def forget(self, claims: Iterable[str]) -> None:
        if any(True for _ in claims):  # which groups held them is not kept: drop every group
            self._members.clear()
            self._member_count = 0


# ---------------------------------------------------------------- working out and writing findings

finding_iri = listed_sides.finding_iri


def figure_findings(x: Figure, y: Figure, tolerance=DEFAULT_TOLERANCE) -> Iterator[tuple]:
    """(kind, a, b, ratio) for two figures (``as_figure``), or for a figure stated more than once (x is y).

    Side a is the lower figure, as in pair_findings. For two different figures of the same value,
    the side order of each pair of claims follows the claims' IRIs, so such a finding is written
    both ways round and the queries keep, for each pair of claims, the way round that fits."""
    if x is y:  # two claims of one figure: what they are when stated in two articles
        y = replace(x, article=x.article + "#again")
    for kind, a, b, ratio, _ in pair_findings(x, y, tolerance, with_compatible=True):
        a, b = (x, x) if a.claim == b.claim else (a, b)
        yield kind, a, b, ratio
        if kind != "revision" and a.value == b.value and a.claim != b.claim:
            yield kind, b, a, ratio


def findings_for(pairs: Iterable[tuple[str, str]], figures: dict, tolerance=DEFAULT_TOLERANCE) -> Iterator[tuple]:
    """(kind, a, b, ratio, metric IRI) for every listed or agreeing pair of figures among ``pairs``
    (a pair of one figure with itself: that figure stated by several claims)."""
    for x, y in pairs:
        if x not in figures or y not in figures:
            continue  # a claim without a period or metric the store cannot describe: nothing to compare
        (first, metric), (second, _) = figures[x], figures[y]
        for kind, a, b, ratio in figure_findings(first, first if x == y else second, tolerance):
            yield kind, a, b, ratio, metric


_T = {name: f"<{KG[name]}>" for name in ("kind", "figureA", "figureB", "metric", "asserter", "ratio", "figure")}
_TYPE = f"<{RDF.type}> <{KG.Finding}>"


def finding_ntriples(findings: Iterable[tuple], pages: listed_sides.Pages) -> Iterator[str]:
    """N-Triples lines for findings (written as text: building rdflib terms cost more than storing them); the
    listed ones' entries go to ``pages``, written after them."""
    for kind, a, b, ratio, metric in findings:
        node = f"<{finding_iri(kind, a.claim, b.claim)}>"
        yield (f"{node} {_TYPE} .\n{node} {_T['kind']} {string_literal(kind)} .\n"
               f"{node} {_T['figureA']} <{a.claim}> .\n{node} {_T['figureB']} <{b.claim}> .\n"
               f"{node} {_T['metric']} <{metric}> .\n"
               f"{node} {_T['asserter']} <{a.asserter}> .\n{node} {_T['asserter']} <{b.asserter}> .\n")
        if ratio is not None and kind != "not-comparable":
            yield f'{node} {_T["ratio"]} "{rounded(ratio)}"^^<{XSD.decimal}> .\n'
        if kind != "compatible":  # listed: in its group of the listing's order
            lines, group = listed_sides.group_ntriples(node[1:-1], metric, a.period_end, kind)
            pages.add(group, a.claim, b.claim, rounded(ratio) if kind != "not-comparable" else None)
            yield lines


def _write(store, findings: Iterable[tuple], figure_of: dict[str, str], per_request: int = 20_000) -> int:
    """Store each claim's figure (``figure_of``) and the findings, in writes of ``per_request`` at most;
    returns how many findings.

    Through the embedded store's bulk loader, not a transaction (3.5x faster; at a million claims
    the transactions were 90 % of kg analyse): findings are derived, and the graphs they belong
    to stay listed as awaiting analysis until they are all written, so a crash means working
    them out again, never a half-written answer taken as whole."""
    count, lines = 0, [f"<{claim}> {_T['figure']} <{figure}> .\n" for claim, figure in sorted(figure_of.items())]
    pages = listed_sides.Pages()
    for found in findings:
        lines += finding_ntriples([found], pages)
        count += 1
        if count % per_request == 0:
            store.add_ntriples(FINDINGS_GRAPH, "".join(lines) + pages.ntriples(), atomic=False)
            lines = []
    lines.append(pages.ntriples())
    if any(lines):
        store.add_ntriples(FINDINGS_GRAPH, "".join(lines), atomic=False)
    return count


def tolerance_of(store) -> Decimal | None:
    """The tolerance the stored findings were worked out with; None when the store has no findings."""
    rows = store.query(f"SELECT ?t WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ <{FINDINGS_GRAPH}> <{KG.tolerance}> ?t }} }}").rows
    return Decimal(str(rows[0][0])) if rows else None


def _record_tolerance(store, tolerance) -> Decimal:
    """Start the findings graph: the tolerance its findings are worked out with, and what it holds for the
    listing (kg.analysis.sides.listing_mark)."""
    tolerance = Decimal(str(tolerance))
    write_triples(store, FINDINGS_GRAPH, [(FINDINGS_GRAPH, KG.tolerance, Literal(tolerance, datatype=XSD.decimal)),
                                          listed_sides.listing_mark()])
    return tolerance


def _figures_of_claims(keys: dict[str, list[tuple]], figures: dict[str, tuple[Figure, str]]):
    """From claims to the figures they state: each claim's figure IRI; each figure (``as_figure``, metric IRI),
    its candidate groups and how many of these claims state it. Claims without keys or figure are left out."""
    figure_of, described, groups_of, stated = {}, {}, {}, {}
    for claim, groups in keys.items():
        if claim not in figures:
            continue  # a claim without a period or metric the store cannot describe: nothing to compare
        figure, metric = figures[claim]
        iri = figure_of[claim] = figure_iri(figure)
        if iri not in described:
            described[iri] = (as_figure(figure), metric)
            groups_of[iri] = sorted(set(groups))
        stated[iri] = stated.get(iri, 0) + 1
    return figure_of, described, groups_of, stated


def update(store, graphs: list[URIRef], cache: "AnalysisCache | None" = None, facts: tuple | None = None,
           identity: "sources.Identity | None" = None) -> int:
    """Work out and store the findings of the claims in ``graphs``: each claim's figure, and each
    figure not stored before against every stored figure sharing a key with it. ``facts``: the
    graphs' claim keys and figures (``claim_facts``), when known; else they are read from the store.
    Asserters are compared as ``identity`` (kg.sources; the stored one when not given) says: one
    canonical source for the names of one source, one voice for a family."""
    if not graphs:
        return 0
    if identity is None:
        identity = sources.read_identity(store)
    tolerance = tolerance_of(store)
    if tolerance is None:
        tolerance = _record_tolerance(store, DEFAULT_TOLERANCE)
    if facts is None:
        own = keys_of(store, "g", [str(g) for g in graphs], identity)
        facts = own, figures_of(store, "claim", own, identity)
    else:
        facts = with_identity(facts, identity)
    figure_of, described, groups_of, stated = _figures_of_claims(*facts)
    members = members_of(store, {group for groups in groups_of.values() for group in groups}, cache, identity)
    # a figure is stored already when any of its groups holds it (a figure's groups follow from what it states)
    known = {figure for figure, groups in groups_of.items() if figure in members[groups[0]]}
    claims = {figure: claim for claim, figure in figure_of.items()}
    for figure, groups in groups_of.items():  # groups held by the cache were read before these claims were stored
        for group in groups:
            members[group].setdefault(figure, claims[figure])
    if cache is not None:
        cache.keep_members(members)
    new = groups_of.keys() - known
    pairs = {tuple(sorted((figure, other))) for figure in new
             for group in groups_of[figure] for other in members[group] if other != figure}
    # a figure stated by a second claim: its claims corroborate each other when in different articles
    pairs |= {(figure, figure) for figure in groups_of if figure in known or stated[figure] > 1}
    stating = {f: claim for group in {g for gs in groups_of.values() for g in gs} for f, claim in members[group].items()}
    wanted = {f for pair in pairs for f in pair if f not in described}
    figures = {**figures_by_iri(store, {f: stating[f] for f in wanted}, cache, identity), **described}
    if cache is not None:
        cache.keep(described)
    count = _write(store, findings_for(sorted(pairs), figures, tolerance), figure_of)
    listed_sides.write(store, figure_of)
    return count


def forget(store, graphs: list[URIRef], cache: "AnalysisCache | None" = None) -> None:
    """Before ``graphs`` change or go: drop their claims' figures, the findings of figures no claim
    states any more, and the corroboration of a figure stated once now."""
    rows = [row for chunk in _chunks(graphs) for row in store.rows(_with_values(
        f"SELECT ?claim ?figure WHERE {{ GRAPH ?g {{ ?claim a <{KG.Claim}> }} "
        f"GRAPH <{FINDINGS_GRAPH}> {{ ?claim <{KG.figure}> ?figure }} }}", "g", chunk))]
    if cache is not None:
        cache.forget(claim for claim, _ in rows)
    listed_sides.forget(store, [claim for claim, _ in rows])
    # Updates name their graphs by IRI: kg serve (and some stores) refuse GRAPH ?g in an update.
    for chunk in _chunks([claim for claim, _ in rows]):
        store.update(_with_values(f"DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?claim <{KG.figure}> ?figure }} }} "
                                  f"WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?claim <{KG.figure}> ?figure }} }}",
                                  "claim", chunk))
    touched = sorted({figure for _, figure in rows})
    stated: dict[str, int] = {}
    for chunk in _chunks(touched):
        for _, figure in store.rows(_with_values(
                f"SELECT ?claim ?figure WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?claim <{KG.figure}> ?figure }} }}",
                "figure", chunk)):
            stated[figure] = stated.get(figure, 0) + 1
    gone = [figure for figure in touched if figure not in stated]
    of_figure = f"{{ ?f <{KG.figureA}> ?figure }} UNION {{ ?f <{KG.figureB}> ?figure }}"
    listed = f"?f <{KG.listingGroup}> ?group ; <{KG.figureA}> ?fa ; <{KG.figureB}> ?fb OPTIONAL {{ ?f <{KG.ratio}> ?r }}"
    entries = {row for chunk in _chunks(gone) for row in store.rows(_with_values(
        f"SELECT DISTINCT ?group ?fa ?fb ?r WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ {of_figure} {listed} }} }}",
        "figure", chunk))}
    for chunk in _chunks(gone):
        store.update(_with_values(f"""
            DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?f ?p ?o }} }}
            WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ {of_figure} ?f ?p ?o }} }}""",
            "figure", chunk))
    once = [finding_iri("corroboration", figure, figure) for figure in touched if stated.get(figure) == 1]
    entries |= {row for chunk in _chunks(once) for row in store.rows(_with_values(
        f"SELECT ?group ?fa ?fb ?r WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ {listed} }} }}", "f", chunk))}
    listed_sides.drop_entries(store, entries)
    for chunk in _chunks(once):
        store.update(_with_values(f"DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?f ?p ?o }} }} "
                                  f"WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?f ?p ?o }} }}", "f", chunk))
    listed_sides.drop_empty_groups(store, {group for group, *_ in entries})


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


def finish(store, graphs: list[URIRef], cache: "AnalysisCache | None" = None, facts: tuple | None = None,
           removed: "sources.Registry | None" = None) -> int:
    """After ``graphs`` changed (or went: a removed graph has no claims, so no pairs): work out
    their findings and strike them off the awaiting list. Returns how many findings.

    First the source identity (kg.sources) learns the sources and acronyms of ``graphs``, and
    forgets what only the removed ones gave (``removed``: what they gave, read before they went,
    when known); when that changes another source's canonical source or voice (an alias learnt now
    joins a source stored long ago, or one taught only by a removed article no longer does), the
    graphs with claims by it are listed as awaiting analysis too, before the new identity is
    stored, and worked out again with these."""
    if not graphs:
        return 0
    change = sources.observe(store, [str(g) for g in graphs], removed=removed)
    graphs, facts = _with_changed(store, graphs, change, cache, facts)
    change.save(store)
    count = update(store, graphs, cache, facts, change.identity)
    _unmark(store, graphs)
    return count


def _with_changed(store, graphs: list[URIRef], change: "sources.Change", cache, facts):
    """``graphs`` and the other graphs whose claims' sources ``change`` affects (listed as awaiting
    analysis, their findings forgotten); the facts of ``graphs`` are no use for the others."""
    others = [URIRef(g) for g in sources.graphs_asserting(store, change.changed)] if change.changed else []
    known = set(graphs)
    others = [g for g in others if g not in known]
    if not others:
        return graphs, facts
    begin(store, others, cache)
    return [*graphs, *others], None


def reidentify(store, cache: "AnalysisCache | None" = None) -> int:
    """Work the source identity out again (after an analyst's merge or split, kg.curate) and the
    findings of the claims whose source or voice it changed; returns how many graphs were analysed again."""
    change = sources.observe(store)
    graphs, _ = _with_changed(store, [], change, cache, None)
    change.save(store)
    if graphs:
        update(store, graphs, cache, None, change.identity)
        _unmark(store, graphs)
    return len(graphs)


@contextmanager
def tracking(store, graphs: Iterable[URIRef], cache: "AnalysisCache | None" = None,
             removed: "sources.Registry | None" = None):
    """Keep the findings in step with a change to ``graphs`` made inside the ``with`` block;
    ``removed``: what graphs the block removes gave the source identity (``finish``)."""
    graphs = begin(store, graphs, cache)
    yield
    finish(store, graphs, cache, removed=removed)


def awaiting(store) -> list[URIRef]:
    rows = store.query(f"SELECT ?g WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?g <{KG.awaitingAnalysis}> ?v }} }}").rows
    return [row[0] for row in rows]


def resume(store) -> int:
    """Finish the analysis a crash interrupted; returns how many article graphs it covered."""
    graphs = awaiting(store)
    if graphs:
        with tracking(store, graphs):
            pass
        listed_sides.drop_empty_groups(store)  # those a crash between dropping findings and their groups left
    return len(graphs)


def rebuild(store, tolerance=DEFAULT_TOLERANCE) -> int:
    """Work out every finding again (after a bulk load, or with another tolerance); returns how many.

    One metric at a time: claims of different metrics are never compared, so memory is bounded by
    the largest metric. Every group of figures sharing a key is paired once, in Python, after one
    read of the metric's keys and figures (per-claim lookups cost ten times more). The graphs are
    listed as awaiting analysis meanwhile, so a rebuild cut short is finished by the next writer."""
    graphs = store.article_graphs()
    store.update(f"DROP SILENT GRAPH <{FINDINGS_GRAPH}>")
    _record_tolerance(store, tolerance)
    _mark(store, graphs)
    change = sources.observe(store)  # every graph's sources when the store has no registry yet
    change.save(store)
    identity = change.identity
    metrics = [row[0] for row in store.rows(f"SELECT DISTINCT ?m WHERE {{ ?c a <{KG.Claim}> ; <{KG.metric}> ?m }}")]
    total = 0
    for metric in sorted(metrics):
        keys = keys_of(store, "metric_iri", [metric], identity)
        figure_of, figures, groups_of, stated = _figures_of_claims(keys, figures_of(store, "metric_iri", [metric],
                                                                                    identity))
        pairs = [*_pairs_within(groups_of), *((figure, figure) for figure, n in stated.items() if n > 1)]
        total += _write(store, findings_for(pairs, figures, tolerance), figure_of)
        listed_sides.write(store, figure_of, metric)
    _unmark(store, graphs)
    return total


def _pairs_within(groups_of: dict[str, list[tuple]]) -> Iterator[tuple[str, str]]:
    """Each pair of figures sharing a group, once: in the first group (by sort order) the two share."""
    held = {figure: sorted(set(groups)) for figure, groups in groups_of.items()}
    members: dict[tuple, list[str]] = {}
    for figure in sorted(held):
        for group in held[figure]:
            members.setdefault(group, []).append(figure)
    for group, figures in members.items():
        for i, x in enumerate(figures):
            for y in figures[i + 1:]:
                if next(g for g in held[x] if g in held[y]) == group:
                    yield x, y
