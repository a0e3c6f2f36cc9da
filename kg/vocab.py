"""The reference vocabularies (metrics, sources, places, campaigns) as Python lookups.

Read once from ``ontology/*.ttl`` (plus any user source files); the extractor,
the RDF writer and the CLI all use the same object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.namespaces import CAMPAIGN, KG, METRIC, PLACE, SCHEMA, SOURCE
from kg.resources import ontology_files


@dataclass(frozen=True)
class Term:
    """A named thing from the vocabularies: its key (IRI local name), label and aliases."""

    key: str
    iri: str
    label: str
    aliases: tuple[str, ...] = ()
    kind: str = ""  # class local name: Organization, Outlet, Person, Country, City, Place, Concept, Campaign
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass
class Vocabulary:
    metrics: dict[str, Term]  # by notation
    sources: dict[str, Term]  # by key
    places: dict[str, Term]
    campaigns: dict[str, Term]
    graph: Graph  # the whole ontology and reference data, for storing and validating

    def metric_iri(self, notation: str) -> URIRef:
        return URIRef(self.metrics[notation].iri)

    @cached_property
    def place_names(self) -> frozenset[str]:
        """Every name of a gazetteer place, lower-cased ("iran", "mosul"; built once)."""
        return frozenset(n.lower() for term in self.places.values() for n in term.names)

    @cached_property
    def campaign_starts(self) -> dict[str, str]:
        """Campaign name -> start date, for the campaigns whose start is known (built once; read only)."""
        return {n: term.extra["start"] for term in self.campaigns.values() if term.extra.get("start")
                for n in term.names}

    def lemmas(self, collection: URIRef) -> frozenset[str]:
        """The kg:lemma words of a word collection of the ontology."""
        return frozenset(str(o) for o in self.graph.objects(collection, KG.lemma))

    @cached_property
    def outlet_descriptions(self) -> frozenset[str]:
        """What a news outlet named before is called again ("the news agency"; ontology/lexicon.ttl)."""
        return self.lemmas(KG.outletDescriptions)

    @cached_property
    def envoy_nouns(self) -> frozenset[str]:
        """Nouns for a person who speaks for the country named with them ("the representative of France"; ontology/lexicon.ttl)."""
        return self.lemmas(KG.envoyNouns)

    @cached_property
    def parts_of_a_body(self) -> frozenset[str]:
        """Nouns for a part of a body that speaks for it ("members of the Erk party"; ontology/lexicon.ttl)."""
        return self.lemmas(KG.partsOfABody)

    @cached_property
    def incident_nouns(self) -> frozenset[str]:
        """Nouns that count events with victims, not victims ("one massacre"; ontology/metrics.ttl)."""
        return self.lemmas(KG.incidentNouns)

    @cached_property
    def any_kind_body_nouns(self) -> frozenset[str]:
        """Words a description of a body of any type ends in ("a local rights group"; ontology/lexicon.ttl)."""
        return self.lemmas(KG.anyKindBodyNouns)

    @cached_property
    def thing_outcomes(self) -> frozenset[str]:
        """Outcome lemmas that may befall things as well as people ("lost 12 tanks"; ontology/metrics.ttl)."""
        return self.lemmas(KG.thingOutcomes)

    @cached_property
    def reporting_verbs(self) -> frozenset[str]:
        """Lemmas of verbs whose subject asserts the clause under them (ontology/attribution.ttl)."""
        return self.lemmas(KG.reportingVerbs)

    @cached_property
    def utterance_verbs(self) -> frozenset[str]:
        """Lemmas of verbs of saying, not counting: a month or week on them dates the statement ("said in
        October that ..."), where on "recorded 110 deaths in April" it dates the data (ontology/attribution.ttl)."""
        return self.lemmas(KG.utteranceVerbs)

    @cached_property
    def conflict_nouns(self) -> frozenset[str]:
        """Nouns of a war as a whole, whose unattributed figures are the article's background (ontology/attribution.ttl)."""
        return self.lemmas(KG.conflictNouns)

    @cached_property
    def owned_body_nouns(self) -> frozenset[str]:
        """Nouns of a body with a voice of its own under its owner's possessive ("X's health ministry"), unlike
        a team that speaks for its owner (ontology/attribution.ttl)."""
        return self.lemmas(KG.ownedBodyNouns)

    @cached_property
    def toll_update_verbs(self) -> frozenset[str]:
        """Lemmas of verbs of a toll that grows: a day on them dates the update ("rose to 23 on Friday")
        (ontology/attribution.ttl)."""
        return self.lemmas(KG.tollUpdateVerbs)

    @cached_property
    def recording_nouns(self) -> frozenset[str]:
        """Lemmas of nouns of a recording of a scene ("footage filmed on 18 March"): its day is the day of what it
        shows (ontology/attribution.ttl)."""
        return self.lemmas(KG.recordingNouns)

    @cached_property
    def dated_things(self) -> frozenset[str]:
        """Lemmas of the things whose day a figure may take: a violent event, a statement of figures, a recording of a
        scene (not "a ceasefire announced over the weekend")."""
        return self.event_words | self.report_nouns | self.recording_nouns

    @cached_property
    def victim_list_nouns(self) -> frozenset[str]:
        """Lemmas of nouns of a list of the dead, whose names count them ("the register contains 408 names")
        (ontology/attribution.ttl)."""
        return self.lemmas(KG.victimListNouns)

    @cached_property
    def event_words(self) -> frozenset[str]:
        """Lemmas of the nouns and verbs of a violent event and of its outcome (kill, wound): a day on them
        dates the event (ontology/attribution.ttl)."""
        return self.lemmas(KG.attackWords)

    def _metrics_flagged(self, flag: URIRef) -> frozenset[str]:
        return frozenset(n for n, t in self.metrics.items() if self.graph.value(URIRef(t.iri), flag))

    @cached_property
    def per_period_metrics(self) -> frozenset[str]:
        """Notations of metrics counted afresh for each reporting period (kg:countedPerPeriod in ontology/metrics.ttl)."""
        return self._metrics_flagged(KG.countedPerPeriod)

    @cached_property
    def stock_metrics(self) -> frozenset[str]:
        """Notations of metrics that count what stands at a moment (kg:stock in ontology/metrics.ttl)."""
        return self._metrics_flagged(KG.stock)

    @cached_property
    def denial_verbs(self) -> frozenset[str]:
        """Lemmas of verbs that deny the clause under them ("denied that any civilians were killed")."""
        return self.lemmas(KG.denialVerbs)

    @cached_property
    def statement_occasions(self) -> frozenset[str]:
        """Lemmas of nouns for an occasion of speaking ("press conference", "briefing"; ontology/attribution.ttl)."""
        return self.lemmas(KG.statementOccasions)

    @cached_property
    def report_nouns(self) -> frozenset[str]:
        """Lemmas of nouns for a statement of figures, whose owner asserts them (ontology/attribution.ttl)."""
        return self.lemmas(KG.reportNouns)

    @cached_property
    def time_words(self) -> frozenset[str]:
        """Lower-case words that name a time ("night", "Friday", "May") (ontology/attribution.ttl)."""
        return self.lemmas(KG.timeWords)

    @cached_property
    def organisation_nouns(self) -> frozenset[str]:
        """Last words of an organisation's name ("Party", "Command") (ontology/attribution.ttl)."""
        return self.lemmas(KG.organisationNouns)

    @cached_property
    def place_nouns(self) -> frozenset[str]:
        """Words that make the capitalised name before them a place ("North Kivu province") (ontology/places.ttl)."""
        return self.lemmas(KG.placeNouns)

    @cached_property
    def outcome_lemmas(self) -> dict[str, str]:
        """Lemma -> outcome form ("slaughter" -> "killed") from the outcome collections of ontology/metrics.ttl."""
        out = {}
        for coll in self.graph.subjects(KG.outcomeForm, None):
            form = str(self.graph.value(coll, KG.outcomeForm))
            out.update((str(o), form) for o in self.graph.objects(coll, KG.lemma))
        return out

    @cached_property
    def description_types(self) -> dict[str, str]:
        """Word -> source type for descriptions of a kind of body ("the army" -> military) (ontology/attribution.ttl)."""
        out = {}
        for coll in self.graph.subjects(KG.sourceType, None):
            if (coll, KG.lemma, None) in self.graph:
                kind = str(self.graph.value(coll, KG.sourceType))
                out.update((str(o), kind) for o in self.graph.objects(coll, KG.lemma))
        return out

    @cached_property
    def narrow_descriptions(self) -> frozenset[str]:
        """Descriptions naming one sort of body within their kind ("ministry"; ontology/attribution.ttl)."""
        return frozenset(str(o) for o in self.graph.objects(None, KG.narrowLemma))

    def place_within(self, key: str) -> str | None:
        """The key of the place that contains ``key`` (Mosul -> iraq), or None."""
        return self.places[key].extra.get("within") if key in self.places else None


def _local(iri: str, ns: str) -> str:
    return iri[len(ns):] if iri.startswith(ns) else iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _labels(g: Graph, s: URIRef) -> tuple[str, tuple[str, ...]]:
    pref = g.value(s, SKOS.prefLabel) or g.value(s, RDFS.label) or Literal(str(s))
    alts = tuple(sorted({str(o) for o in g.objects(s, SKOS.altLabel)}))
    return str(pref), alts


def _kind(g: Graph, s: URIRef) -> str:
    types = sorted(str(t) for t in g.objects(s, RDF.type))
    return _local(types[0], "") if types else ""


def build_vocabulary(graph: Graph) -> Vocabulary:
    metrics: dict[str, Term] = {}
    for concept in sorted(set(graph.subjects(SKOS.inScheme, KG.metrics))):
        notation = str(graph.value(concept, SKOS.notation) or _local(str(concept), str(METRIC)))
        label, aliases = _labels(graph, concept)
        metrics[notation] = Term(notation, str(concept), label, aliases, "Concept")

    sources: dict[str, Term] = {}
    for cls in (KG.Organization, KG.Outlet, KG.Person):
        for s in sorted(set(graph.subjects(RDF.type, cls))):
            key = _local(str(s), str(SOURCE))
            label, aliases = _labels(graph, s)
            extra = {
                "type": str(graph.value(s, KG.sourceType) or ""),
                "speaks_for": _local(str(graph.value(s, KG.speaksFor)), str(SOURCE)) if graph.value(s, KG.speaksFor) else None,
                "part_of": _local(str(graph.value(s, KG.partOf)), str(SOURCE)) if graph.value(s, KG.partOf) else None,
                "active_from": str(graph.value(s, KG.activeFrom) or ""),
            }
            sources[key] = Term(key, str(s), label, aliases, _local(str(cls), str(KG)), extra)

    places: dict[str, Term] = {}
    for cls in (SCHEMA.Country, SCHEMA.City, SCHEMA.Place):
        for s in sorted(set(graph.subjects(RDF.type, cls))):
            key = _local(str(s), str(PLACE))
            if key in places:
                continue
            label, aliases = _labels(graph, s)
            within, capital_of = graph.value(s, KG.within), graph.value(s, KG.capitalOf)
            extra = {"within": _local(str(within), str(PLACE)) if within else None,
                     "capital_of": _local(str(capital_of), str(PLACE)) if capital_of else None}
            places[key] = Term(key, str(s), label, aliases, _local(str(cls), str(SCHEMA)), extra)

    campaigns: dict[str, Term] = {}
    for s in sorted(set(graph.subjects(RDF.type, KG.Campaign))):
        key = _local(str(s), str(CAMPAIGN))
        label, aliases = _labels(graph, s)
        extra = {
            "start": str(graph.value(s, KG.startDate) or "") or None,
            "conducted_by": _local(str(graph.value(s, KG.conductedBy)), str(SOURCE)) if graph.value(s, KG.conductedBy) else None,
            "places": tuple(sorted(_local(str(p), str(PLACE)) for p in graph.objects(s, KG.campaignIn))),
        }
        campaigns[key] = Term(key, str(s), label, aliases, "Campaign", extra)

    return Vocabulary(metrics, sources, places, campaigns, graph)


def load_graph(extra_files: tuple[Path, ...] = ()) -> Graph:
    g = Graph()
    for path in (*ontology_files(), *extra_files):
        g.parse(path, format="turtle")
    return g


@cache
def _cached(extra_files: tuple[Path, ...]) -> Vocabulary:
    return build_vocabulary(load_graph(extra_files))


def vocabulary(extra_files: tuple[Path, ...] = ()) -> Vocabulary:
    """The shipped vocabularies plus ``extra_files`` (user Turtle files of sources), cached."""
    return _cached(tuple(Path(p).resolve() for p in extra_files))
