"""Source identity (kg.sources, docs/sources.md) on the real pipeline: made-up articles loaded with
`kg load` into an on-disk store, read back with `kg sources`, `kg conflicts` and the named queries.

- the names of one source in different articles ("SNHR", "The Syrian Network for Human Rights
  (SNHR)", "the Syrian Network"; an acronym of a source the gazetteer does not know) are one source,
  also when the article that defines the acronym comes later;
- the sources of one family (UNAMA and the UN) are one voice: no corroboration, no contradiction;
- an analyst's merge and unmerge, attributed, reversible.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli import app
from kg.sources import SOURCES_GRAPH, acronym_definitions, compute, fits, name_key, Registry, GazetteerSource
from kg.stores import open_store

runner = CliRunner()


def kg(*args, code: int = 0) -> str:
    r = runner.invoke(app, [str(a) for a in args])
    assert r.exit_code == code, r.output
    return r.output


def article(folder, name: str, publisher: str, published: str, *lines: str):
    """A made-up article: the figure's sentence between sentences of its own (so that no two are copies)."""
    path = folder / name
    path.write_text(f"---\ntitle: {name}\npublisher: {publisher}\npublished: {published}\n---\n" + "\n".join(lines) + "\n")
    return path


def sources_of(store) -> dict[str, dict]:
    return {row["source"]: row for row in json.loads(kg("sources", "--store", store, "--format", "json"))}


def rows(store, query: str, **params) -> list[dict]:
    args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
    return json.loads(kg("query", query, "--store", store, "--format", "json", *args))


def test_snhr_by_its_acronym_its_defined_name_and_its_head_in_three_articles_is_one_source(tmp_path):
    a = article(tmp_path, "a.md", "AFP", "2024-03-02",
                "Rescue teams searched the rubble in Idlib for a second day.",
                "SNHR said 75 civilians were killed in Syria in February 2024.")
    b = article(tmp_path, "b.md", "Reuters", "2024-03-05",
                "The Syrian Network for Human Rights (SNHR) said 75 civilians were killed in Syria in February 2024.",
                "The group has documented the war since 2011.")
    c = article(tmp_path, "c.md", "BBC", "2024-03-09",
                "Markets reopened in Aleppo after a week of shelling.",
                "The Syrian Network said 75 civilians were killed in Syria in February 2024.",
                "Its researchers count the dead by name.")
    store = tmp_path / "store"
    kg("load", a, b, c, "--store", store)

    snhr = sources_of(store)["Syrian Network for Human Rights"]
    assert snhr["claims"] == 3 and snhr["merged"] == 2  # source:snhr and the text's "Syrian Network"
    assert {"SNHR", "Syrian Network"} <= set(snhr["aliases"])
    [group] = rows(store, "corroboration", metric="civilians-killed")
    assert (group["sources"], group["voices"], group["articles"]) == (1, 1, 3)
    assert group["asserters"] == "Syrian Network for Human Rights"


def _nccm_articles(folder, volunteers: bool = True):
    """A monitor the gazetteer does not know, by its acronym alone in one article and with the acronym
    defined in a later one: 212 and 300 civilians killed in Sudan in February 2024."""
    early = article(folder, "early.md", "AFP", "2024-03-12",
                    "Fighting closed the road to El Obeid for most of the month.",
                    "NCCM said 212 civilians were killed in Sudan in February 2024.")
    lines = ["The Nile Civilian Casualty Monitor (NCCM) said that 300 civilians were killed in Sudan in February 2024."]
    if volunteers:
        lines.append("Its volunteers work from camps near the border.")
    return early, article(folder, "later.md", "Reuters", "2024-03-20", *lines)


def test_an_acronym_defined_in_a_later_article_joins_the_source_loaded_before(tmp_path):
    early, later = _nccm_articles(tmp_path)
    store = tmp_path / "store"
    kg("load", early, "--store", store)
    assert "NCCM" in sources_of(store)
    kg("load", later, "--store", store)

    listed = sources_of(store)
    assert "NCCM" not in listed
    tracker = listed["Nile Civilian Casualty Monitor"]
    assert tracker["claims"] == 2 and "NCCM" in tracker["aliases"]
    # one source's two figures in two articles: a misreport, not a contradiction between two sources
    [row] = json.loads(kg("conflicts", "--store", store, "--format", "json"))
    assert row["kind"] == "misreport"
    assert row["asserter_a"] == row["asserter_b"] == "Nile Civilian Casualty Monitor"
    assert [r["kind"] for r in rows(store, "conflicts-live")] == ["misreport"]
    # `kg conflicts --asserter` takes any of its names
    assert "MISREPORT" in kg("conflicts", "--store", store, "--asserter", "NCCM")


def test_unama_and_the_un_are_one_voice_in_corroboration(tmp_path):
    un = article(tmp_path, "un.md", "BBC", "2024-03-15",
                 "Aid convoys reached Herat only in the last days of the month.",
                 "The United Nations said 480 civilians were killed in Afghanistan in February 2024.",
                 "Clinics in Kandahar ran short of fuel.")
    unama = article(tmp_path, "unama.md", "Reuters", "2024-03-16",
                    "In its monthly update, published in Kabul, the mission listed attacks on markets and schools.",
                    "UNAMA said 480 civilians were killed in Afghanistan in February 2024.")
    store = tmp_path / "store"
    kg("load", un, unama, "--store", store)

    [group] = rows(store, "corroboration", metric="civilians-killed")
    assert (group["sources"], group["voices"], group["articles"]) == (2, 1, 2)
    assert rows(store, "source-matrix") == []  # a family is not a pair of sources that agree
    explained = kg("conflicts", "--store", store, "--kind", "corroboration", "--explain")
    assert "one voice (UNAMA and United Nations are of the United Nations family)" in " ".join(explained.split())
    listed = sources_of(store)
    assert listed["UNAMA"]["part_of"] == "United Nations" and listed["UNAMA"]["voice"] == "United Nations"
    assert "http://www.wikidata.org/entity/Q1065" in listed["United Nations"]["same_as"]


def test_a_un_and_unama_difference_is_a_misreport_of_one_voice_not_a_contradiction(tmp_path):
    un = article(tmp_path, "un.md", "BBC", "2024-03-15",
                 "Aid convoys reached Herat only in the last days of the month.",
                 "The United Nations said 480 civilians were killed in Afghanistan in February 2024.")
    unama = article(tmp_path, "unama.md", "Reuters", "2024-03-16",
                    "In its monthly update, published in Kabul, the mission listed attacks on markets and schools.",
                    "UNAMA said 530 civilians were killed in Afghanistan in February 2024.")
    store = tmp_path / "store"
    kg("load", un, unama, "--store", store)

    stored = json.loads(kg("conflicts", "--store", store, "--format", "json"))
    assert [r["kind"] for r in stored] == ["misreport"]
    assert [r["kind"] for r in rows(store, "conflicts-live")] == ["misreport"]
    assert "one voice" in " ".join(kg("conflicts", "--store", store, "--explain").split())


def test_an_analyst_merges_two_sources_and_unmerges_them(tmp_path):
    a = article(tmp_path, "a.md", "AFP", "2024-03-12",
                "Fighting closed the road to El Obeid for most of the month.",
                "The Kordofan Relief Committee said 212 civilians were killed in Sudan in February 2024.")
    b = article(tmp_path, "b.md", "Reuters", "2024-03-20",
                "Its volunteers work from camps near the border.",
                "The Kordofan Aid Council said that 300 civilians were killed in Sudan in February 2024.")
    store = tmp_path / "store"
    kg("load", a, b, "--store", store)
    assert [r["kind"] for r in json.loads(kg("conflicts", "--store", store, "-f", "json"))] == ["contradiction"]

    said = kg("sources", "merge", "Kordofan Aid Council", "kordofan relief committee", "--curator", "Jane Doe",
              "--store", store)
    assert "merged Kordofan Aid Council into Kordofan Relief Committee (by Jane Doe)" in said
    merged = sources_of(store)["Kordofan Relief Committee"]
    assert merged["claims"] == 2 and merged["aliases"] == ["Kordofan Aid Council"]
    assert [r["kind"] for r in json.loads(kg("conflicts", "--store", store, "-f", "json"))] == ["misreport"]
    with open_store(store, read_only=True) as s:
        who = s.rows("SELECT ?name WHERE { GRAPH <https://w3id.org/kg-claims/graph/source-curation> { "
                     "?m a <https://w3id.org/kg-claims/ns#SourceMerge> ; <http://www.w3.org/ns/prov#wasAttributedTo> ?a . "
                     "?a <http://www.w3.org/2004/02/skos/core#prefLabel> ?name } }")
        assert [r[0] for r in who] == ["Jane Doe"]

    kg("sources", "unmerge", "Kordofan Aid Council", "Kordofan Relief Committee", "--curator", "Jane Doe", "--store", store)
    assert {"Kordofan Aid Council", "Kordofan Relief Committee"} <= set(sources_of(store))
    assert [r["kind"] for r in json.loads(kg("conflicts", "--store", store, "-f", "json"))] == ["contradiction"]

    refused = kg("sources", "merge", "Kordofan Aid Councl", "Airwars", "--curator", "Jane Doe", "--store", store, code=2)
    assert refused.strip() == ("kg: no source 'Kordofan Aid Councl' in the store; did you mean Kordofan Aid Council?")


def test_a_store_without_source_identity_gets_it_from_all_its_articles_on_the_next_load(tmp_path):
    """A store loaded before source identity existed (or whose identity write was cut short): the next
    load works it out from every stored article, and the findings it changes are worked out again."""
    early, later = _nccm_articles(tmp_path, volunteers=False)
    other = article(tmp_path, "other.md", "BBC", "2024-04-01",
                    "The Syrian Network for Human Rights said 80 civilians were killed in Syria in March 2024.")
    store = tmp_path / "store"
    kg("load", early, later, "--store", store)
    with open_store(store) as s:
        s.update(f"DROP GRAPH <{SOURCES_GRAPH}>")
        kg_findings = "https://w3id.org/kg-claims/graph/findings"
        s.update(f"DELETE WHERE {{ GRAPH <{kg_findings}> {{ ?f <https://w3id.org/kg-claims/ns#kind> \"misreport\" }} }}")
    kg("load", other, "--store", store)
    assert [r["kind"] for r in json.loads(kg("conflicts", "--store", store, "-f", "json"))] == ["misreport"]
    assert sources_of(store)["Nile Civilian Casualty Monitor"]["claims"] == 2


# ---------------------------------------------------------------- the name rules, on plain values

def test_acronyms_fit_the_initials_of_their_names():
    assert fits("Syrian Network for Human Rights", "SNHR")
    assert fits("Armed Conflict Location & Event Data Project", "ACLED")
    assert fits("Office of the Director of National Intelligence", "ODNI")
    assert not fits("Syrian Network for Human Rights", "SOHR")
    assert not fits("Kordofan Civilian Monitor", "KM")
    assert acronym_definitions("Officials of the UN Office for the Coordination of Humanitarian Affairs (OCHA) "
                               "and an improvised explosive device (IED) in 2019 (US).") == \
        {("Office for the Coordination of Humanitarian Affairs", "OCHA")}
    assert name_key("The U.N.") == "un" and name_key("Médecins Sans Frontières") == name_key("medecins sans frontieres")


def test_an_acronym_defined_for_two_names_joins_neither():
    gazetteer = {"g:ses": GazetteerSource("g:ses", "State Emergency Service of Ukraine",
                                          ("SES", "State Emergency Service of Ukraine"), "Organization")}
    registry = Registry({"r:ses": ("SES", "Organization"),
                         "r:sudan": ("Sudan Emergency Service (SES)", "Organization"),
                         "r:a": ("Kordofan Aid Council", "Organization"), "r:b": ("KAC", "Organization")},
                        {("Sudan Emergency Service", "SES"), ("Kordofan Aid Council", "KAC"),
                         ("Kordofan Aid Committee", "KAC")})
    identity = compute(gazetteer, registry)
    assert identity.canonical["r:ses"] == "g:ses"
    assert identity.canonical["r:sudan"] != "g:ses"
    assert identity.canonical["r:a"] != identity.canonical["r:b"]  # KAC: two names, so neither


# ---------------------------------------------------------------- the listings read canonical sources

def _lccm_articles(folder):
    """One monitor named in full (its acronym defined) in one article and by its acronym in another: a
    running total through September, a higher one through October."""
    a = article(folder, "a.md", "AFP", "2018-10-03",
                "Rescue teams searched the rubble for a second day.",
                "The Levant Civilian Casualty Monitor (LCCM) said 1,200 civilians were killed in Syria in 2018 through September.")
    b = article(folder, "b.md", "Reuters", "2018-11-04",
                "Markets reopened after a week of shelling.",
                "LCCM said 1,350 civilians were killed in Syria in 2018 through October.",
                "Its researchers count the dead by name.")
    return a, b


def test_one_sources_running_total_named_two_ways_is_one_revision_series(tmp_path):
    store = tmp_path / "store"
    kg("load", *_lccm_articles(tmp_path), "--store", store)

    series = rows(store, "revisions", metric="civilians-killed")
    assert [(r["asserter"], r["value"], r["flag"]) for r in series] == [
        ("Levant Civilian Casualty Monitor", 1200, "first"), ("Levant Civilian Casualty Monitor", 1350, "up")]
    assert [r["previous"] for r in series] == ["", "1200"]
    # any of its names picks the series
    for name in ("LCCM", "levant civilian casualty monitor", "Levant Civilian Casualty Monitor (LCCM)"):
        assert len(rows(store, "revisions", asserter=name)) == 2, name

    asserted = rows(store, "who-asserted", metric="civilians-killed")
    assert {r["asserter"] for r in asserted} == {"Levant Civilian Casualty Monitor"} and len(asserted) == 2

    # the claims listing names the source by its canonical name and finds it by any of them
    listed = json.loads(kg("claims", "--store", store, "--format", "json"))
    assert {r["asserter"] for r in listed} == {"Levant Civilian Casualty Monitor"}
    assert len(json.loads(kg("claims", "--store", store, "--asserter", "Levant Civilian Casualty Monitor", "-f", "json"))) == 2
    assert len(json.loads(kg("claims", "--store", store, "--asserter", "lccm", "-f", "json"))) == 2
    [one] = json.loads(kg("claims", "--store", store, "--article", "b.md", "--asserter",
                          "Levant Civilian Casualty Monitor", "-f", "json"))
    assert one["asserter"] == "Levant Civilian Casualty Monitor" and one["value"] == 1350

    # the export draws the two figures as one series: the later revises the earlier
    out = tmp_path / "claims.cyjs"
    kg("export", "-o", out, "--view", "claims", "--store", store)
    edges = [e["data"] for e in json.loads(out.read_text())["elements"]["edges"]]
    assert [e["relation"] for e in edges].count("revises") == 1


def test_conflicts_explain_finds_the_pairs_not_listed_of_a_source_by_any_of_its_names(tmp_path):
    other = article(tmp_path, "c.md", "BBC", "2018-11-06",
                    "Schools stayed shut through the winter.",
                    "The Syrian Observatory for Human Rights said 9,000 civilians were killed in Syria since 2017 through October 2018.")
    store = tmp_path / "store"
    kg("load", *_lccm_articles(tmp_path), other, "--store", store)
    for name in ("LCCM", "Levant Civilian Casualty Monitor"):
        said = " ".join(kg("conflicts", "--store", store, "--asserter", name, "--explain").split())
        assert "2 × periods start differently" in said, name


def test_an_analysts_merge_joins_two_revision_series_and_an_unmerge_parts_them(tmp_path):
    a = article(tmp_path, "a.md", "AFP", "2024-10-03",
                "Fighting closed the road to El Obeid for most of the month.",
                "The Kordofan Relief Committee said 212 civilians were killed in Sudan in 2024 through September.")
    b = article(tmp_path, "b.md", "Reuters", "2024-11-04",
                "Its volunteers work from camps near the border.",
                "The Kordofan Aid Council said that 300 civilians were killed in Sudan in 2024 through October.")
    store = tmp_path / "store"
    kg("load", a, b, "--store", store)
    assert rows(store, "revisions") == []  # two sources' series of one figure each
    assert {r["asserter"] for r in rows(store, "who-asserted", metric="civilians-killed")} == \
        {"Kordofan Relief Committee", "Kordofan Aid Council"}

    kg("sources", "merge", "Kordofan Aid Council", "Kordofan Relief Committee", "--curator", "Jane Doe", "--store", store)
    series = rows(store, "revisions")
    assert [(r["asserter"], r["value"], r["flag"]) for r in series] == [
        ("Kordofan Relief Committee", 212, "first"), ("Kordofan Relief Committee", 300, "up")]
    assert len(rows(store, "revisions", asserter="Kordofan Aid Council")) == 2
    assert {r["asserter"] for r in rows(store, "who-asserted", metric="civilians-killed")} == {"Kordofan Relief Committee"}

    kg("sources", "unmerge", "Kordofan Aid Council", "Kordofan Relief Committee", "--curator", "Jane Doe", "--store", store)
    assert rows(store, "revisions") == []


def test_a_stock_and_flow_check_reads_one_source_named_two_ways(tmp_path):
    a = article(tmp_path, "a.md", "Reuters", "2024-09-10",
                "The Kordofan Civilian Monitor (KCM) publishes a monthly report on allegations of harm to civilians in Sudan.",
                "In the month of August, the Kordofan Civilian Monitor carried over 40 open reports from previous months "
                "and received 12 new reports. The monitor completed its assessment of 9 reports, it said.")
    b = article(tmp_path, "b.md", "AFP", "2024-09-12",
                "Aid workers in Sudan say the rains have cut off most roads to the camps.",
                "As of 31 August, 43 reports remained open, KCM said.")
    store = tmp_path / "store"
    kg("load", a, b, "--store", store)

    [check] = rows(store, "stock-flow")
    assert (check["asserter"], check["month"], check["open_before"], check["new"], check["completed"],
            check["open_after"], check["holds"]) == ("Kordofan Civilian Monitor", "2024-08", 40, 12, 9, 43, True)
    assert (check["article_before"], check["article_after"]) == ("a.md", "b.md")
    assert len(rows(store, "stock-flow", asserter="KCM")) == 1
    assert len(rows(store, "stock-flow", asserter="Kordofan Civilian Monitor")) == 1


def test_figures_not_comparable_name_the_canonical_source_and_are_found_by_any_of_its_names(tmp_path):
    wider = article(tmp_path, "d.md", "BBC", "2018-11-06",
                    "Schools stayed shut through the winter.",
                    "The Syrian Observatory for Human Rights said 2,000 civilians were killed in Syria and Iraq in 2018 through October.")
    store = tmp_path / "store"
    kg("load", *_lccm_articles(tmp_path), wider, "--store", store)

    pairs = rows(store, "not-comparable")
    assert [(r["asserter_a"], r["value_a"], r["asserter_b"]) for r in pairs] == [
        ("Levant Civilian Casualty Monitor", 1200, "Syrian Observatory for Human Rights"),
        ("Levant Civilian Casualty Monitor", 1350, "Syrian Observatory for Human Rights")]
    for name in ("Levant Civilian Casualty Monitor", "LCCM"):
        assert len(rows(store, "not-comparable", asserter=name)) == 2, name


# ---------------------------------------------------------------- removing an article forgets what only it taught

def test_removing_the_article_that_alone_defined_an_acronym_forgets_the_alias(tmp_path):
    early, later = _nccm_articles(tmp_path)
    store = tmp_path / "store"
    kg("load", early, later, "--store", store)
    assert "NCCM" in sources_of(store)["Nile Civilian Casualty Monitor"]["aliases"]

    kg("remove", "later.md", "--store", store)
    listed = sources_of(store)
    assert set(listed) == {"NCCM"}, listed
    assert listed["NCCM"]["aliases"] == [] and listed["NCCM"]["claims"] == 1
    with open_store(store, read_only=True) as s:
        aliases = [r[0] for r in s.rows(f"SELECT ?a WHERE {{ GRAPH <{SOURCES_GRAPH}> {{ ?s <https://w3id.org/kg-claims/ns#alias> ?a }} }}")]
        assert not any("Nile" in a for a in aliases), aliases
    # the findings follow: loading the defining article again makes the two figures one source's again
    kg("load", later, "--store", store)
    assert [r["kind"] for r in json.loads(kg("conflicts", "--store", store, "-f", "json"))] == ["misreport"]


def test_an_alias_another_article_also_taught_survives_the_removal_of_one(tmp_path):
    early, later = _nccm_articles(tmp_path)
    again = article(tmp_path, "again.md", "BBC", "2024-04-02",
                    "Aid convoys waited at the border for a week.",
                    "Volunteers of the Nile Civilian Casualty Monitor (NCCM) counted the dead in the camps.")
    store = tmp_path / "store"
    kg("load", early, later, again, "--store", store)
    kg("remove", "later.md", "--store", store)
    monitor = sources_of(store)["Nile Civilian Casualty Monitor"]
    assert "NCCM" in monitor["aliases"] and monitor["claims"] == 1


def test_a_removal_cut_short_before_its_analysis_forgets_the_alias_when_the_next_writer_finishes_it(tmp_path):
    """The next writer finishes the analysis a crash interrupted (kg.analysis.findings.resume); what the
    removed article taught is not known any more, so every name and acronym is checked against the store."""
    from kg.admin import find_article
    from kg.analysis import findings

    early, later = _nccm_articles(tmp_path, volunteers=False)
    other = article(tmp_path, "other.md", "BBC", "2024-04-01",
                    "The Syrian Network for Human Rights said 80 civilians were killed in Syria in March 2024.")
    store = tmp_path / "store"
    kg("load", early, later, "--store", store)
    with open_store(store) as s:  # `kg remove` stopped after the graph went, before its analysis
        iri = find_article(s, "later.md")
        findings.begin(s, [iri])
        s.remove_graph(iri)
    kg("load", other, "--store", store)
    assert sources_of(store)["NCCM"]["aliases"] == []


def test_the_exports_and_the_timeline_draw_one_source_named_two_ways_as_one(tmp_path):
    import networkx as nx

    store = tmp_path / "store"
    kg("load", *_lccm_articles(tmp_path), "--store", store)
    out = tmp_path / "sources.gexf"
    kg("export", "-o", out, "--store", store)
    labels = [d["label"] for _, d in nx.read_gexf(out).nodes(data=True)]
    assert labels.count("Levant Civilian Casualty Monitor") == 1 and "LCCM" not in labels
    table = json.loads(kg("export", "-o", tmp_path / "t.json", "--store", store) and (tmp_path / "t.json").read_text())
    assert {row["asserter"] for row in table} == {"Levant Civilian Casualty Monitor"}
    # any of its names picks its figures
    kg("export", "-o", tmp_path / "lccm.json", "--asserter", "LCCM", "--store", store)
    assert len(json.loads((tmp_path / "lccm.json").read_text())) == 2
    said = kg("plot", "timeline", "--metric", "civilians-killed", "-o", tmp_path / "t.svg", "--store", store)
    assert "from 1 source" in said, said
