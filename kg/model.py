"""Plain data objects passed between the pipeline stages, the RDF writer and the CLI.

They carry no RDF: ``kg.rdf`` turns them into triples, so extractor stages can be
tested on plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

BOUNDS = ("exact", "at-least", "more-than", "at-most", "less-than", "approx", "range")


@dataclass(frozen=True)
class SourceRef:
    """Who asserts a figure. ``key`` is the gazetteer slug when known, else a slug of the name."""

    key: str
    label: str
    kind: str = "Organization"  # Organization | Person | Outlet
    speaks_for: "SourceRef | None" = None
    known: bool = True  # False when the source was named in the text but is not in the gazetteer


@dataclass(frozen=True)
class Period:
    """ISO dates at the text's precision: '2017', '2017-11' or '2017-11-30'. None when not stated."""

    start: str | None = None
    end: str | None = None
    text: str | None = None
    cumulative: bool = False

    @property
    def resolved(self) -> bool:
        return self.end is not None


@dataclass(frozen=True)
class Incident:
    """One dated event at a place. ``key`` must be the same for the same event in any article."""

    key: str
    label: str
    date: str | None = None
    places: tuple[str, ...] = ()


@dataclass
class Claim:
    """One figure asserted by one source, with the quote that states it."""

    metric: str  # skos:notation of a concept in the metric scheme
    value: Decimal
    bound: str = "exact"
    value_max: Decimal | None = None
    asserter: SourceRef | None = None  # the organisation (or outlet) that stands behind the figure
    speaker: SourceRef | None = None  # the person quoted, when a person speaks for the asserter
    period: Period = field(default_factory=Period)
    places: tuple[str, ...] = ()  # gazetteer place keys
    incident: Incident | None = None
    quote: str = ""
    start: int = 0  # offsets of the quote in the stored article text
    end: int = 0
    confidence: float = 0.5
    rule: str = ""
    method: str = "automatic"


@dataclass
class ArticleMeta:
    """What is known about an article besides its text."""

    file_name: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date at its precision
    date_inferred: bool = False
    author: str | None = None  # byline, when the input gives one (HTML pages, feeds)


@dataclass
class Article:
    """An article ready to store: normalised text, metadata and extracted claims."""

    meta: ArticleMeta
    text: str
    content_hash: str
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
