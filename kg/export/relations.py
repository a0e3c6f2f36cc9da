"""The one source of the edges between claims: agree, differ, contradict, misreport, revise;
and ``load_export_data``, which puts the claims, their sources and these edges together.

The conflict analysis lives in the named queries ``conflicts`` and ``revisions``
(queries/*.rq, docs/conflicts.md); this module maps their rows back to claim IRIs.
Where one of those queries is not installed, a small interval comparison in Python
stands in for it, so exports still show the obvious disagreements.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from kg.analysis.names import check_names
from kg.analysis.queries import catalog, run_named
from kg.export.data import ClaimRow, ExportData, ExportError, Relation, canonical_names, fetch_claims, fetch_sources

DEFAULT_TOLERANCE = 0.10
# Kinds drawn as edges; "not-comparable" pairs are listed by `kg conflicts`, not drawn.
EDGE_KINDS = ("contradiction", "discrepancy", "misreport", "corroboration", "revision", "downward-revision")


def claim_relations(store, claims: dict[str, ClaimRow], metric: str | None = None) -> list[Relation]:
    """Every typed relation between two of ``claims``: from the conflict queries where installed.

    Three families, each from its named query when it exists and from the stand-in otherwise:
    disagreements (``conflicts``), agreeing pairs (``conflicts`` with kind=corroboration) and
    revision series (``revisions``, one row per figure with its claim, in period order).
    """
    names = catalog()
    index = _ClaimIndex(claims)
    found: set[Relation] = set()
    if "conflicts" in names:
        found.update(_relations_from_rows("conflicts", run_named(store, "conflicts", {"metric": metric}), index))
        # agreeing pairs: corroboration.rq groups figures (counts, joined quotes), conflicts pairs them
        rows = run_named(store, "conflicts", {"metric": metric, "kind": "corroboration"})
        found.update(_relations_from_rows("corroboration", rows, index))
    else:
        found.update(pairs_by_intervals(claims.values()))
    if "revisions" in names:
        found.update(_relations_from_rows("revisions", run_named(store, "revisions", {"metric": metric}), index))
    else:
        found.update(revision_series(claims.values()))
    return sorted((r for r in found if r.kind in EDGE_KINDS), key=_order)


def load_export_data(store, metric: str | None = None, asserter: str | None = None,
                     filters: dict[str, Any] | None = None, limit: int | None = None) -> ExportData:
    """Claims (filtered), the sources they involve, and the relations between them.

    With ``asserter``, a place or a time window (``filters``: kg.analysis.filters.listing_params) or a
    ``limit``, the claims chosen (the first ``limit`` of them) are kept together with every claim that
    agrees with, differs from or revises one of them, so the export shows who disagrees with them, as
    `kg conflicts` lists a pair when either claim matches. A metric or source the store does not have
    is refused (``UnknownName``).
    """
    check_names(store, metric=metric, asserter=asserter)
    names = canonical_names(store)  # the source identity, read once for the claims and the sources
    all_claims = fetch_claims(store, metric=metric, names=names)
    if asserter or filters or limit is not None:
        wanted = fetch_claims(store, metric=metric, asserter=asserter, filters=filters, limit=limit, names=names)
        if not wanted and asserter:
            raise ExportError(f"no claims asserted by {asserter!r}" + (f" for metric {metric!r}" if metric else ""))
    else:
        wanted = all_claims
    relations = [r for r in claim_relations(store, all_claims, metric)
                 if r.a in wanted or r.b in wanted]
    keep = set(wanted) | {r.a for r in relations} | {r.b for r in relations}
    claims = {k: c for k, c in all_claims.items() if k in keep}
    sources = fetch_sources(store, names)
    involved = {c.asserter for c in claims.values()} | {c.outlet for c in claims.values() if c.outlet}
    return ExportData(claims, {k: s for k, s in sources.items() if k in involved}, relations)


def _order(r: Relation):
    return (r.kind, r.a, r.b)


class _ClaimIndex:
    """Finds the claim a query row speaks of: by IRI when the row has one, else by article and quote."""

    def __init__(self, claims: dict[str, ClaimRow]):
        self.claims = claims
        self.by_quote: dict[tuple, list[ClaimRow]] = defaultdict(list)
        for c in claims.values():
            for art in (c.file, c.article):
                self.by_quote[(art, c.quote)].append(c)

    def find(self, row: dict[str, Any], side: str) -> str | None:
        for key in (f"claim_{side}", f"claim{side}" if side else "claim"):
            iri = row.get(key)
            if iri in self.claims:
                return iri
        quote, article = row.get(f"quote_{side}" if side else "quote"), row.get(f"article_{side}" if side else "article")
        candidates = self.by_quote.get((article, quote), [])
        value = row.get(f"value_{side}" if side else "value")
        exact = [c for c in candidates if value is None or float(value) == c.value]
        pick = exact or candidates
        return pick[0].iri if pick else None


def _relations_from_rows(name: str, rows: list[dict[str, Any]], index: _ClaimIndex) -> Iterable[Relation]:
    default_kind = {"corroboration": "corroboration", "revisions": "revision"}.get(name)
    series: dict[tuple, list[str]] = defaultdict(list)
    for row in rows:
        kind = str(row.get("kind") or default_kind or "")
        if name == "conflicts" and kind == "revision":  # a running total that went down
            kind = "downward-revision"
        a, b = index.find(row, "a"), index.find(row, "b")
        if a and b and a != b and kind:
            ratio = row.get("ratio")
            yield Relation(kind, a, b, None if ratio in (None, "") else float(ratio))
        elif name == "revisions":  # one row per figure of a series, ordered by period end
            claim = index.find(row, "")
            if claim:
                # a series as the query makes it: one canonical source's (kg.sources), which the articles
                # may name differently, so not the claims' own asserter IRIs
                series[tuple(row.get(k) for k in ("asserter", "metric", "place", "incident", "series_start"))].append(claim)
    for members in series.values():
        for earlier, later in zip(members, members[1:]):
            yield Relation("revision", later, earlier)


# ---------------------------------------------------------------- stand-in while the queries are missing

def _interval(c: ClaimRow, tolerance: float) -> tuple[float, float, bool, bool]:
    """(low, high, low_open, high_open) of the values a claim allows."""
    inf = float("inf")
    v = c.value
    return {
        "exact": (v, v, False, False), "at-least": (v, inf, False, True), "more-than": (v, inf, True, True),
        "at-most": (0.0, v, False, False), "less-than": (0.0, v, False, True),
        "approx": (v * (1 - tolerance), v * (1 + tolerance), False, False),
        "range": (v, c.value_max if c.value_max is not None else v, False, False),
    }.get(c.bound, (v, v, False, False))


def _same_date(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return a == b
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _comparable(x: ClaimRow, y: ClaimRow) -> bool:
    return (x.metric == y.metric and x.incident == y.incident and set(x.places) == set(y.places)
            and x.period_end is not None and _same_date(x.period_start, y.period_start)
            and _same_date(x.period_end, y.period_end))


def _overlap(x: ClaimRow, y: ClaimRow, tolerance: float) -> str:
    """'disjoint', 'open' (they meet only through an open bound) or 'closed'."""
    lo1, hi1, lo1_open, hi1_open = _interval(x, tolerance)
    lo2, hi2, lo2_open, hi2_open = _interval(y, tolerance)
    lo = max(lo1, lo2)
    lo_open = (lo1 == lo and lo1_open) or (lo2 == lo and lo2_open)
    hi = min(hi1, hi2)
    hi_open = (hi1 == hi and hi1_open) or (hi2 == hi and hi2_open)
    if lo > hi or (lo == hi and (lo_open or hi_open)):
        return "disjoint"
    unbounded = hi1 == float("inf") or hi2 == float("inf")
    return "open" if unbounded else "closed"


def _groups(claims: Iterable[ClaimRow]) -> Iterable[list[ClaimRow]]:
    groups: dict[tuple, list[ClaimRow]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: c.iri):
        groups[(c.metric, c.incident, tuple(sorted(c.places)))].append(c)
    return groups.values()


def pairs_by_intervals(claims: Iterable[ClaimRow], tolerance: float = DEFAULT_TOLERANCE) -> Iterable[Relation]:
    """Stand-in for the conflict queries: pairs of comparable claims typed by their intervals."""
    for members in _groups(claims):
        for i, x in enumerate(members):
            for y in members[i + 1:]:
                if not _comparable(x, y):
                    continue
                same_figure = x.bound == y.bound and x.value == y.value and x.value_max == y.value_max
                if x.asserter == y.asserter:
                    if x.article != y.article:
                        yield Relation("corroboration" if same_figure else "misreport", x.iri, y.iri)
                    continue
                if same_figure:
                    yield Relation("corroboration", x.iri, y.iri, 1.0)
                    continue
                overlap = _overlap(x, y, tolerance)
                ratio = max(x.value, y.value) / min(x.value, y.value) if min(x.value, y.value) > 0 else None
                if overlap == "disjoint":
                    yield Relation("contradiction", x.iri, y.iri, ratio)
                elif overlap == "open" and ratio is not None and ratio > 1 + tolerance:
                    yield Relation("discrepancy", x.iri, y.iri, ratio)
                else:
                    yield Relation("corroboration", x.iri, y.iri, ratio)


def revision_series(claims: Iterable[ClaimRow]) -> Iterable[Relation]:
    """Stand-in for the revisions query: one asserter's figures for the same start, places and
    incident, in order of period end; each later figure revises the one before."""
    for members in _groups(claims):
        series: dict[tuple, list[ClaimRow]] = defaultdict(list)
        for c in members:
            if c.period_end and c.period_start:
                series[(c.asserter, c.period_start)].append(c)
        for items in series.values():
            by_end: dict[str, ClaimRow] = {}
            for c in sorted(items, key=lambda c: (c.period_end, c.iri)):
                by_end.setdefault(c.period_end, c)
            ordered = list(by_end.values())
            for earlier, later in zip(ordered, ordered[1:]):
                yield Relation("revision", later.iri, earlier.iri)
