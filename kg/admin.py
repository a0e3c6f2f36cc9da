"""Store housekeeping: find an article by name, hash or IRI (``find_article``, kg.analysis.names);
remove articles, their copies made articles again (kg.load.restore_copies); count what is stored
(copies too)."""

from __future__ import annotations

from rdflib import URIRef

from kg import sources
from kg.analysis import findings
from kg.analysis.names import find_article  # noqa: F401 - found here by kg remove and the tests
from kg.copies import copies_and_stories
from kg.load import Restored, restore_copies
from kg.stores.base import prefix_header


def remove_article(store, iri: URIRef) -> bool:
    """Drop an article's graph and the findings about its claims, forget the source names and
    acronyms only it gave (kg.sources), and make its copies, if it was a story, articles again
    (``remove_story``); False when there is no such graph."""
    return remove_story(store, iri) is not None


def remove_story(store, iri: URIRef) -> "list[Restored] | None":
    """``remove_article``, saying what became of the article's copies (kg.load.restore_copies: the
    first a story with its claims, the others copies of a story or stories); None when there is no
    such graph."""
    if not store.has_graph(iri):
        return None
    taught = sources.sources_in(store, [str(iri)])  # read before it goes: what it may alone have taught
    with findings.tracking(store, [iri], removed=taught):
        store.remove_graph(iri)
    return restore_copies(store)


def store_stats(store) -> list[dict]:
    """Counts of what is stored. Sources are counted as the exports draw them: every source that
    asserts a figure or published an article with figures; then those two kinds apart."""
    res = store.query(prefix_header() + """
        SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?any) AS ?sources)
               (COUNT(DISTINCT ?s) AS ?asserting) (COUNT(DISTINCT ?o) AS ?outlets)
        WHERE { { ?a a kg:Article }
                UNION { ?c a kg:Claim ; kg:assertedBy ?s BIND(?s AS ?any) }
                UNION { GRAPH ?g { ?art a kg:Article ; schema:publisher ?o FILTER EXISTS { ?x a kg:Claim } }
                        BIND(?o AS ?any) } }""")
    row = dict(zip(res.variables, res.rows[0]))
    names = {"articles": "articles", "claims": "claims", "sources": "sources",
             "asserting": "sources asserting figures", "outlets": "outlets"}
    out = [{"what": name, "count": int(row[var])} for var, name in names.items()]
    copies, stories = copies_and_stories(store)
    out += [{"what": "copies", "count": copies}, {"what": "stories copied", "count": stories}]
    out.append({"what": "triples", "count": store.triple_count()})
    return out


def copies_line(stats: list[dict]) -> str | None:
    """'18 copies of 17 stories, not counted again in findings', from ``store_stats``; None without copies."""
    counts = {row["what"]: row["count"] for row in stats}
    copies, stories = counts.get("copies", 0), counts.get("stories copied", 0)
    if not copies:
        return None
    return (f"{copies} cop{'y' if copies == 1 else 'ies'} of {stories} stor{'y' if stories == 1 else 'ies'}, "
            "not counted again in findings")
