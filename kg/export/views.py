"""The two networks kg exports, as networkx multigraphs with typed attributes.

``sources``: one node per source and outlet; a ``compared`` edge between two asserters
counts their comparable figures that agree, differ and contradict; a ``reported`` edge
goes from an outlet to each source it quotes, weighted by the number of figures.

``claims``: sources, articles, claims, incidents and metrics as typed nodes, with
edges asserted-by, reported-in, published-by, about, conflicts-with (with its kind),
revises and corroborates.

Attributes are numbers where they are numbers (so Gephi or Cytoscape can size and
colour by them) and never None (GraphML and GEXF cannot hold a missing value).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from kg.export.data import CONFLICT_KINDS, PAIR_BUCKET, ExportData, number

VIEWS = ("sources", "claims")
# The strongest disagreement names a source edge's kind (colour in every picture).
KIND_ORDER = ("contradiction", "discrepancy", "misreport", "corroboration")


def build_view(data: ExportData, view: str = "sources") -> nx.MultiDiGraph:
    if view == "sources":
        return sources_view(data)
    if view == "claims":
        return claims_view(data)
    raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")


def clean(attrs: dict) -> dict:
    """Attributes fit for every graph format: no None, numbers as int/float, lists as text."""
    out = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = "; ".join(map(str, value))
        elif not isinstance(value, (bool, int, float, str)):
            value = number(value) if hasattr(value, "as_integer_ratio") else str(value)
        out[key] = value
    return out


def sources_view(data: ExportData) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(view="sources")
    asserted = Counter(c.asserter for c in data.claims.values())
    published = Counter(c.outlet for c in data.claims.values() if c.outlet)
    for iri, s in sorted(data.sources.items()):
        g.add_node(iri, **clean({"label": s.label, "type": s.kind, "source_type": s.source_type, "iri": iri,
                                 "claims": asserted.get(iri, 0), "reported": published.get(iri, 0)}))

    pairs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in data.relations:
        a, b = data.claims[r.a], data.claims[r.b]
        if a.asserter == b.asserter:
            continue
        pairs[tuple(sorted((a.asserter, b.asserter)))][r.kind] += 1
    for (x, y), kinds in sorted(pairs.items()):
        buckets = Counter()
        for kind, n in kinds.items():
            buckets[PAIR_BUCKET.get(kind, "other")] += n
        kind = next(k for k in KIND_ORDER + tuple(kinds) if kinds.get(k))
        g.add_edge(x, y, key="compared", **clean({
            "relation": "compared", "kind": kind, "weight": sum(kinds.values()),
            "agree": buckets["agree"], "differ": buckets["differ"], "contradict": buckets["contradict"],
            "label": ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))}))

    quoted: Counter = Counter()
    for c in data.claims.values():
        if c.outlet and c.outlet != c.asserter:
            quoted[(c.outlet, c.asserter)] += 1
    for (outlet, source), n in sorted(quoted.items()):
        g.add_edge(outlet, source, key="reported", relation="reported", kind="reported", weight=n,
                   agree=0, differ=0, contradict=0, label=f"{n} figure{'s' if n != 1 else ''} reported")
    return g


def claims_view(data: ExportData) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(view="claims")
    for iri, s in sorted(data.sources.items()):
        g.add_node(iri, **clean({"label": s.label, "type": "source", "source_kind": s.kind,
                                 "source_type": s.source_type, "iri": iri}))
    for iri, c in sorted(data.claims.items()):
        g.add_node(iri, **clean({
            "label": f"{c.figure} {c.metric}", "type": "claim", "iri": iri, "metric": c.metric,
            "value": float(c.value), "value_max": None if c.value_max is None else float(c.value_max),
            "bound": c.bound, "period_start": c.period_start, "period_end": c.period_end,
            "place": list(c.places), "quote": c.quote, "confidence": c.confidence, "asserter": c.asserter_label}))
        if c.article not in g:
            g.add_node(c.article, **clean({"label": c.title or c.file, "type": "article", "iri": c.article,
                                           "file": c.file, "published": c.published}))
            if c.outlet:
                g.add_edge(c.article, c.outlet, key="published-by", relation="published-by")
        metric_node = c.metric_iri or f"metric:{c.metric}"
        if metric_node not in g:
            g.add_node(metric_node, **clean({"label": c.metric, "type": "metric", "iri": metric_node,
                                                   "title": c.metric_label}))
        g.add_edge(iri, c.asserter, key="asserted-by", relation="asserted-by")
        g.add_edge(iri, c.article, key="reported-in", relation="reported-in")
        g.add_edge(iri, metric_node, key="about-metric", relation="about")
        if c.incident:
            if c.incident not in g:
                g.add_node(c.incident, **clean({"label": c.incident_label or c.incident, "type": "incident",
                                                "iri": c.incident}))
            g.add_edge(iri, c.incident, key="about-incident", relation="about")
    edge_name = {"revision": "revises", "downward-revision": "revises", "corroboration": "corroborates"}
    for r in data.relations:
        relation = edge_name.get(r.kind, "conflicts-with")
        g.add_edge(r.a, r.b, key=f"{relation}:{r.kind}",
                   **clean({"relation": relation, "kind": r.kind, "ratio": r.ratio,
                            "conflict": r.kind in CONFLICT_KINDS}))
    return g
