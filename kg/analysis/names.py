"""What the names a listing is filtered by mean in a store: metrics, sources, incidents, articles, places.

A name the store does not have is refused (``UnknownName``) with the nearest one it has, so a
typo (``civilian-killed``) is never taken for "nothing found". A name the store has but that no
claim matches is fine: the answer is empty. The checks are index lookups; only a refusal reads
every name of its kind, for the suggestion.
"""

from __future__ import annotations

import re
from typing import Iterable, NoReturn

from rdflib import RDFS, URIRef
from rdflib.namespace import SKOS

from kg.model import resolve_source
from kg.namespaces import INCIDENT, KG, PLACE, SCHEMA, SOURCE
from kg.sources import SOURCES_GRAPH, name_key
from kg.stores.sparqlterms import string_literal
from kg.suggest import did_you_mean
from kg.vocab import vocabulary

SOURCE_CLASSES = " ".join(f"<{KG[kind]}>" for kind in ("Organization", "Person", "Outlet"))


class UnknownName(ValueError):
    """A filter names a metric, source, incident, article or place that is not in the store."""


def check_names(kg_store, metric: str | None = None, asserter: str | None = None, incident: str | None = None,
                article: str | None = None, place: str | None = None) -> None:
    """Refuse a filter value that names nothing in the store, with the nearest name it has (None or "": no filter)."""
    metrics = f"?m <{SKOS.inScheme}> <{KG.metrics}> ; <{SKOS.notation}>"
    if metric and metric not in vocabulary().metrics and not _ask(kg_store, f"{metrics} {string_literal(metric)}"):
        _refuse("metric", metric, [*vocabulary().metrics, *_strings(kg_store, f"{metrics} ?n")])
    if asserter and not _ask(kg_store, f"<{SOURCE[resolve_source(asserter, vocabulary()).key]}> a ?kind") \
            and canonical_source(kg_store, asserter) is None:
        _refuse("source", asserter, [*_strings(kg_store, f"?s a ?kind ; <{SKOS.prefLabel}>|<{SKOS.altLabel}> ?n "
                                                        f"VALUES ?kind {{ {SOURCE_CLASSES} }}"),
                                     *_strings(kg_store, f"GRAPH <{SOURCES_GRAPH}> {{ ?s <{KG.canonicalLabel}>|<{KG.alias}> ?n }}")])
    if incident and not incident_labels(kg_store, incident):
        _refuse("incident", incident, _strings(kg_store, f"?i a <{KG.Incident}> ; <{RDFS.label}> ?n"))
    if article and not _ask(kg_store, f"?a <{KG.fileName}> {string_literal(article)}"):
        _refuse("article", article, _strings(kg_store, f"?a <{KG.fileName}> ?n"))
    if place:
        place_iri(kg_store, place)


def find_article(kg_store, ref: str) -> URIRef | None:
    """An article graph by IRI, content-hash prefix (>= 8 hex digits) or loaded file name; None when no
    one article has it."""
    if ref.startswith(("http://", "https://")):
        return URIRef(ref)
    wanted = string_literal(ref)
    rows = list(kg_store.rows(f"""SELECT ?a WHERE {{ GRAPH ?a {{ ?a a <{KG.Article}> ; <{KG.contentHash}> ?h ;
        <{KG.fileName}> ?f }} FILTER(?f = {wanted} || (STRLEN({wanted}) >= 8 && STRSTARTS(?h, LCASE({wanted})))) }} LIMIT 2"""))
    return URIRef(rows[0][0]) if len(rows) == 1 else None


def place_iri(kg_store, text: str) -> URIRef:
    """The place ``text`` names: its key (``iraq``), its name or another spelling of it (``Raqqah``), in
    any case; a place of the gazetteer (ontology/places.ttl) or one the store's claims name. A name of
    neither is refused (``UnknownName``) with the nearest the store has."""
    wanted = text.strip().casefold()
    for term in vocabulary().places.values():
        if wanted == term.key or wanted in (n.casefold() for n in term.names):
            return URIRef(term.iri)
    if re.fullmatch(r"[\w.-]+", text) and _ask(kg_store, f"<{PLACE[text]}> <{SKOS.prefLabel}> ?n"):
        return PLACE[text]
    # the places only articles name (not in the gazetteer): read every one, as a refusal does
    stored = kg_store.rows(f"SELECT DISTINCT ?p ?n WHERE {{ ?p a <{SCHEMA.Place}> ; <{SKOS.prefLabel}> ?n }}")
    names = [(URIRef(str(p)), str(n)) for p, n in stored]
    for iri, name in names:
        if name.casefold() == wanted:
            return iri
    _refuse("place", text, [n for term in vocabulary().places.values() for n in term.names] + [n for _, n in names])


def incident_labels(kg_store, text: str) -> list[str]:
    """The labels of the incidents ``text`` names: a label as stored, an incident key, or a label in
    another case (the last reads every incident's label, so it is tried last)."""
    if _ask(kg_store, f"?i <{RDFS.label}> {string_literal(text)} ; a <{KG.Incident}>"):
        return [text]
    if re.fullmatch(r"[\w.-]+", text):  # incident keys are IRI-safe: 2017-05_mosul_airstrike
        keyed = [str(r[0]) for r in kg_store.rows(f"SELECT DISTINCT ?l WHERE {{ <{INCIDENT[text]}> <{RDFS.label}> ?l }}")]
        if keyed:
            return keyed
    wanted = text.casefold()
    every = kg_store.rows(f"SELECT DISTINCT ?l WHERE {{ ?i a <{KG.Incident}> ; <{RDFS.label}> ?l }}")
    return sorted({str(r[0]) for r in every if str(r[0]).casefold() == wanted})


def source_iri(kg_store, name: str) -> URIRef | None:
    """The source a name or alias means (any case): its canonical source (kg.sources), which the findings
    name, or the source as the loader names it; None when no claim has it."""
    canonical = canonical_source(kg_store, name)
    if canonical is not None:
        return canonical
    iri = SOURCE[resolve_source(name, vocabulary()).key]
    return iri if _ask(kg_store, f"?c <{KG.assertedBy}> <{iri}>") else None


def canonical_source(kg_store, name: str) -> URIRef | None:
    """The canonical source (kg.sources) a name means: the one a source IRI so named stands for, or
    one with that name or alias in any case; None when the store's sources graph has none."""
    raw = SOURCE[resolve_source(name, vocabulary()).key]
    rows = kg_store.rows(f"SELECT ?c WHERE {{ GRAPH <{SOURCES_GRAPH}> {{ <{raw}> <{KG.canonical}> ?c }} }}")
    found = [r[0] for r in rows]
    if not found:
        wanted = name_key(name)
        every = kg_store.rows(f"SELECT ?c ?n WHERE {{ GRAPH <{SOURCES_GRAPH}> {{ ?c <{KG.canonicalLabel}>|<{KG.alias}> ?n }} }}")
        found = sorted({c for c, n in every if name_key(n) == wanted})
    return URIRef(found[0]) if found else None


def source_label(kg_store, name: str) -> str:
    """The name the listings show for the source a name or alias means: its canonical name (kg.sources),
    else the name as the loader resolves it (a gazetteer source's label, or the name itself)."""
    canonical = canonical_source(kg_store, name)
    if canonical is not None:
        for (label,) in kg_store.rows(f"SELECT ?l WHERE {{ GRAPH <{SOURCES_GRAPH}> {{ <{canonical}> <{KG.canonicalLabel}> ?l }} }}"):
            return str(label)
    return resolve_source(name, vocabulary()).label


def _ask(kg_store, pattern: str) -> bool:
    return bool(kg_store.query(f"ASK {{ {pattern} }}").boolean)


def _strings(kg_store, pattern: str) -> list[str]:
    """The distinct values of ``?n`` in ``pattern``, as plain strings."""
    return [str(r[0]) for r in kg_store.rows(f"SELECT DISTINCT ?n WHERE {{ {pattern} }}")]


def _refuse(kind: str, text: str, names: Iterable[str]) -> NoReturn:
    raise UnknownName(f"no {kind} {text!r} in the store" + did_you_mean(text, names))
