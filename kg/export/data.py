"""What the exports draw: claims, sources and the relations between claims, read from a store.

Everything comes through ``store.query`` with named queries, so an export works the
same against the embedded store and a remote SPARQL endpoint.  ``claim_relations``
is the single place that decides which claims agree, differ, contradict or revise
one another; the views and pages only draw what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from kg.analysis.names import canonical_source
from kg.analysis.queries import prepare, resolve, run_named
from kg.namespaces import KG
from kg.output import records
from kg.sources import SOURCES_GRAPH

# Kinds of relation between two claims, as named by the conflict queries (docs/conflicts.md).
CONFLICT_KINDS = ("contradiction", "discrepancy", "misreport")
AGREEMENT_KINDS = ("corroboration",)
REVISION_KINDS = ("revision",)
# How the sources view counts a pair of comparable figures by different asserters.
PAIR_BUCKET = {"corroboration": "agree", "discrepancy": "differ", "contradiction": "contradict"}


class ExportError(ValueError):
    """An export cannot be made as asked; the message is meant for the user."""


@dataclass
class ClaimRow:
    iri: str
    article: str
    file: str
    asserter: str
    asserter_label: str
    metric: str
    value: float
    bound: str
    quote: str
    value_max: float | None = None
    metric_label: str | None = None
    metric_iri: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    outlet_label: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    places: tuple[str, ...] = ()
    incident: str | None = None
    incident_label: str | None = None
    start: int | None = None
    end: int | None = None
    confidence: float | None = None

    @property
    def figure(self) -> str:
        """The figure as the text states it: '≥1,139', '7,316–11,637', '>100'."""
        return format_figure(self.value, self.bound, self.value_max)

    def as_dict(self) -> dict[str, Any]:
        return {
            "claim": self.iri, "article": self.file, "title": self.title, "published": self.published,
            "asserter": self.asserter_label, "reported_by": self.outlet_label, "metric": self.metric,
            "value": number(self.value), "value_max": number(self.value_max), "bound": self.bound,
            "figure": self.figure, "period_start": self.period_start, "period_end": self.period_end,
            "place": list(self.places), "incident": self.incident_label, "quote": self.quote,
            "start": self.start, "end": self.end, "confidence": self.confidence,
        }


@dataclass
class SourceRow:
    iri: str
    label: str
    kinds: tuple[str, ...] = ()
    source_type: str | None = None

    @property
    def kind(self) -> str:
        """One kind for colouring: an organisation that also publishes is still an organisation."""
        for kind in ("Organization", "Person", "Outlet"):
            if kind in self.kinds:
                return kind
        return "Organization"


@dataclass(frozen=True)
class Relation:
    """Claim ``a`` stands in relation ``kind`` to claim ``b`` (for a revision, ``a`` is the later figure)."""

    kind: str
    a: str
    b: str
    ratio: float | None = None


@dataclass
class ExportData:
    claims: dict[str, ClaimRow] = field(default_factory=dict)
    sources: dict[str, SourceRow] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)


_BOUND_SIGN = {"exact": "", "at-least": "≥", "more-than": ">", "at-most": "≤", "less-than": "<", "approx": "~"}


def number(value) -> int | float | None:
    """Numbers as numbers: integral values as int, others as float."""
    if value is None:
        return None
    value = float(value)
    return int(value) if value.is_integer() else value


def format_figure(value: float, bound: str, value_max: float | None = None) -> str:
    low = f"{number(value):,}"
    if bound == "range" and value_max is not None:
        return f"{low}–{number(value_max):,}"
    return _BOUND_SIGN.get(bound, "") + low


def _prepared(store, name: str, params: dict[str, Any] | None, limit: int | None = None) -> str:
    query = resolve(name, store)
    declared = {p.name for p in query.params}
    return prepare(query, {k: v for k, v in (params or {}).items() if v not in (None, "") and k in declared}, limit)


def string_records(store, name: str, params: dict[str, Any] | None = None,
                   limit: int | None = None) -> Iterator[dict[str, str | None]]:
    """A named query's rows with every value as a string: for the large reads, where making rdflib
    terms of 240,000 values took longer than the query itself (10k claims: 3.4 s of 12.6 s)."""
    rows = store.rows(_prepared(store, name, params, limit), with_names=True)
    names = next(rows)
    for values in rows:
        yield dict(zip(names, values))


def _text(value) -> str | None:
    return None if value in (None, "") else str(value)


def _number(value: str | None, kind=float) -> float | int | None:
    return None if value is None else kind(value)


def canonical_names(store) -> dict[str, tuple[str, str]]:
    """Raw source IRI -> (canonical IRI, canonical name), from the source identity (kg.sources); empty for a
    store where it was never worked out."""
    return {str(raw): (str(canon), str(label)) for raw, canon, label in store.rows(
        f"SELECT ?raw ?c ?l WHERE {{ GRAPH <{SOURCES_GRAPH}> {{ ?raw <{KG.canonical}> ?c . ?c <{KG.canonicalLabel}> ?l }} }}")}


def fetch_claims(store, metric: str | None = None, asserter: str | None = None, filters: dict[str, Any] | None = None,
                 limit: int | None = None, names: dict[str, tuple[str, str]] | None = None) -> dict[str, ClaimRow]:
    """The claims of a metric, a source, and the place and time window ``filters`` (the named queries'
    parameters ``kg.analysis.filters.listing_params`` makes); ``limit``: the first that many. Sources
    and outlets are the canonical ones (kg.sources: "SNHR" and "Syrian Network for Human Rights" are one
    node, one line), and ``asserter`` means the source any of its names means. ``names``:
    ``canonical_names(store)`` when the caller has read it already."""
    names = canonical_names(store) if names is None else names
    wanted = canonical_source(store, asserter) if asserter and names else None
    query_asserter = None if wanted is not None else asserter
    claims = {}
    rows = string_records(store, "export-claims", {"metric": metric, "asserter": query_asserter, **(filters or {})},
                          None if wanted is not None else limit)
    for r in rows:
        canon, label = names.get(r["asserter"], (r["asserter"], r["asserter_label"]))
        if wanted is not None and canon != str(wanted):
            continue
        if limit is not None and len(claims) >= limit:
            break
        outlet, outlet_label = names.get(r.get("outlet") or "", (_text(r.get("outlet")), _text(r.get("outlet_label"))))
        claims[r["claim"]] = ClaimRow(
            iri=r["claim"], article=r["article"], file=r["file"], asserter=canon,
            asserter_label=label, metric=r["metric"], value=float(r["value"]),
            bound=r["bound"], quote=r["quote"],
            value_max=_number(r.get("value_max")),
            metric_label=_text(r.get("metric_label")), metric_iri=_text(r.get("metric_iri")),
            title=_text(r.get("title")),
            published=_text(r.get("published")), outlet=outlet,
            outlet_label=outlet_label, period_start=_text(r.get("period_start")),
            period_end=_text(r.get("period_end")),
            places=tuple(p for p in (r.get("place") or "").split("|") if p),
            incident=_text(r.get("incident")), incident_label=_text(r.get("incident_label")),
            start=_number(r.get("start"), int), end=_number(r.get("end"), int),
            confidence=_number(r.get("confidence")))
    return claims


def fetch_sources(store, names: dict[str, tuple[str, str]] | None = None) -> dict[str, SourceRow]:
    """Every source and outlet, one row for each canonical source (kg.sources) with the kinds of all its names;
    ``names`` as for ``fetch_claims``."""
    names = canonical_names(store) if names is None else names
    out: dict[str, SourceRow] = {}
    for r in run_named(store, "export-sources"):
        canon, label = names.get(r["source"], (r["source"], r["label"]))
        kinds = tuple(k for k in (r.get("kinds") or "").split("|") if k)
        if canon in out:
            have = out[canon]
            out[canon] = SourceRow(canon, have.label, tuple(dict.fromkeys(have.kinds + kinds)),
                                   have.source_type or _text(r.get("source_type")))
        else:
            out[canon] = SourceRow(canon, label, kinds, _text(r.get("source_type")))
    return out
