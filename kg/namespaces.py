"""IRIs of kg's own vocabulary and of the standard vocabularies it reuses."""

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

BASE = "https://w3id.org/kg-claims/"


class VocabularyNamespace(Namespace):
    """A namespace that makes each ``NS.term`` once: rdflib builds (and checks) a new URIRef on every
    attribute access, which was 8 % of the time spent building an article's graph."""

    def __getattr__(self, name: str):
        term = super().__getattr__(name)
        self.__dict__[name] = term  # found by normal lookup from now on
        return term


KG = VocabularyNamespace(BASE + "ns#")
SCHEMA = VocabularyNamespace("https://schema.org/")
OA = VocabularyNamespace("http://www.w3.org/ns/oa#")

# Instance namespaces: one per kind of resource so IRIs explain themselves.
ARTICLE = Namespace(BASE + "article/")
CLAIM = Namespace(BASE + "claim/")
SOURCE = Namespace(BASE + "source/")
METRIC = Namespace(BASE + "metric/")
PLACE = Namespace(BASE + "place/")
PERIOD = Namespace(BASE + "period/")
INCIDENT = Namespace(BASE + "incident/")
CAMPAIGN = Namespace(BASE + "campaign/")
ACTIVITY = Namespace(BASE + "activity/")
GRAPH = Namespace(BASE + "graph/")

# Named graphs that are not article graphs.
ONTOLOGY_GRAPH = GRAPH["ontology"]
REFERENCE_GRAPH = GRAPH["reference"]
# Article graphs being bulk-written (kg.stores.oxigraph): empty unless a write was cut short.
JOURNAL_GRAPH = GRAPH["journal"]

PREFIXES = {
    "kg": str(KG),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "time": str(TIME),
    "xsd": str(XSD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "metric": str(METRIC),
    "source": str(SOURCE),
    "place": str(PLACE),
}

__all__ = [
    "BASE", "KG", "SCHEMA", "OA", "PROV", "SKOS", "TIME", "XSD", "RDF", "RDFS", "OWL",
    "ARTICLE", "CLAIM", "SOURCE", "METRIC", "PLACE", "PERIOD", "INCIDENT", "CAMPAIGN",
    "ACTIVITY", "GRAPH", "ONTOLOGY_GRAPH", "REFERENCE_GRAPH", "JOURNAL_GRAPH", "PREFIXES",
]
