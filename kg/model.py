"""Plain data objects passed between the pipeline stages, the RDF writer and the CLI.

They carry no RDF: ``kg.rdf`` turns them into triples, so extractor stages can be
tested on plain values. ``resolve_source`` gives the ``SourceRef`` a name means, keyed with
``slug`` when the gazetteer does not know it: the graph builder names sources that way, and
the conflict listing finds them by it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.vocab import Vocabulary

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


@dataclass(frozen=True)
class Sighting:
    """What copy detection (kg.copies) says of a text before it is stored: its MinHash signature
    (encoded; kept with a story so later texts are checked against it), and for a copy the IRI of
    the story it copies with their estimated similarity. ``key``: the hash the article's IRI
    derives from when it is not its text's (the same text under another name is an appearance of
    its own)."""

    signature: str | None = None
    original: str | None = None
    similarity: float | None = None
    key: str | None = None


@dataclass
class Article:
    """An article ready to store: normalised text, metadata and extracted claims."""

    meta: ArticleMeta
    text: str
    content_hash: str
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sighting: Sighting | None = None

    @property
    def key(self) -> str:
        """The hash its IRI derives from: its text's, except for an exact copy under another name."""
        return self.sighting.key if self.sighting is not None and self.sighting.key else self.content_hash

    @property
    def original(self) -> str | None:
        """The IRI of the story this article copies; None for a story."""
        return self.sighting.original if self.sighting is not None else None


# What varies between warnings of one kind: a quoted value, a number, a date
_VALUES = re.compile(r"'[^']*'|\"[^\"]*\"|\d[\d:.,/-]*")


@dataclass(frozen=True)
class LoadWarning:
    """A warning of a load: ``where`` (a file, a CSV row), ``text`` (what is odd, as printed with its place)
    and ``kind``, its text without what varies (a claim's quote, a date, a key): the summary of a load
    counts warnings by kind. A warning made without a kind has its text with the values masked."""

    where: str
    text: str
    kind: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.text}" if self.where else self.text

    @property
    def group(self) -> str:
        return self.kind or _VALUES.sub("…", self.text)


def by_kind(warnings) -> list[tuple[str, int]]:
    """(kind, count) of ``warnings`` (LoadWarning, or plain text), the most frequent first."""
    counts: dict[str, int] = {}
    for w in warnings:
        kind = w.group if isinstance(w, LoadWarning) else LoadWarning("", str(w)).group
        counts[kind] = counts.get(kind, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def slug(text: str) -> str:
    """A readable IRI-safe key: 'Syrian Network for Human Rights' -> 'syrian-network-for-human-rights'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


def resolve_source(name: str, vocab: Vocabulary, kind: str = "Organization") -> SourceRef:
    """Find a source in the gazetteer by its name or an alias; else a new source named from the text."""
    wanted = name.casefold().strip()
    for term in vocab.sources.values():
        if any(n.casefold() == wanted for n in term.names):
            return SourceRef(term.key, term.label, term.kind or kind)
    return SourceRef(slug(name), name.strip(), kind, known=False)
