"""The ontology and reference data: every term documented, required metrics present."""

import os
import subprocess
import sys

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import KG
from kg.resources import ontology_files

REQUIRED_METRICS = {
    "civilians-killed", "civilians-injured", "combatants-killed", "people-killed", "people-injured",
    "strikes", "casualty-reports", "credible-reports", "non-credible-reports", "open-reports",
    "completed-reports", "new-reports", "people-displaced", "people-liberated",
}


def test_required_metrics_are_in_the_scheme(vocab):
    assert REQUIRED_METRICS <= set(vocab.metrics)


def test_every_kg_term_has_a_label_and_a_comment():
    g = Graph()
    for path in ontology_files():
        g.parse(path)
    terms = {s for s in g.subjects() if str(s).startswith(str(KG)) and (s, RDF.type, None) in g}
    terms = {t for t in terms if any(g.objects(t, RDF.type)) and str(t) != str(KG.metrics)}
    undocumented = [str(t) for t in terms
                    if (t, RDF.type, OWL.Class) in g or (t, RDF.type, OWL.ObjectProperty) in g
                    or (t, RDF.type, OWL.DatatypeProperty) in g
                    if not (g.value(t, RDFS.label) and g.value(t, RDFS.comment))]
    assert undocumented == []
    assert len(terms) > 30


def test_metric_notations_are_unique_and_labelled(vocab):
    for notation, term in vocab.metrics.items():
        assert term.label, notation
        assert term.iri.endswith("/" + notation)


def test_gazetteer_knows_the_coalition_by_its_many_names(vocab):
    cjtf = vocab.sources["cjtf-oir"]
    assert {"Operation Inherent Resolve", "US-led coalition"} <= set(cjtf.aliases)
    assert vocab.sources["bbc"].kind == "Outlet"
    assert vocab.places["mosul"].extra["within"] == "iraq"


def test_campaign_start_resolves(vocab):
    oir = vocab.campaigns["operation-inherent-resolve"]
    assert oir.extra["start"] == "2014-08"


def test_user_sources_file_extends_the_gazetteer(tmp_path):
    from kg.vocab import vocabulary

    extra = tmp_path / "mine.ttl"
    extra.write_text("""
        @prefix kg: <https://w3id.org/kg-claims/ns#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/kg-claims/source/local-monitor> a kg:Organization ;
            skos:prefLabel "Local Monitor"@en ; skos:altLabel "LM"@en .
    """)
    v = vocabulary((extra,))
    assert v.sources["local-monitor"].aliases == ("LM",)
    assert "airwars" in v.sources


def test_the_vocabulary_is_read_in_the_same_order_whatever_the_hash_seed():
    """Lookups that keep the first (or last) of two terms sharing a name must not vary from run to run."""
    script = ("from kg.vocab import vocabulary; v = vocabulary(); "
              "print([list(d) for d in (v.metrics, v.sources, v.places, v.campaigns)])")
    orders = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(orders) == 1 and "airwars" in orders.pop()
