"""What every command does alike, as a new user meets it (issue 22): one registry of formats behind
every --format/-f and -o FILE, filter names refused with the nearest name the store has, -h for help."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from conftest import SEEDS, refusal
from kg.cli import app
from kg.formats import EXPORTS, REGISTRY

runner = CliRunner()
TABLE_FORMATS = "choose one of table, csv, tsv, json, jsonl, md"


def kg(*args):
    return runner.invoke(app, [str(a) for a in args])


# ---------------------------------------------------------------- formats

TABLE_COMMANDS = [["claims"], ["stats"], ["conflicts"], ["query", "--sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"]]


@pytest.mark.parametrize("command", TABLE_COMMANDS, ids=lambda c: c[0])
def test_an_unknown_format_is_one_line_with_the_formats_the_command_writes(seeds, command):
    line = refusal(kg(*command, "-f", "xlsx", "--store", seeds))
    assert line == f"kg: unknown format 'xlsx'; {TABLE_FORMATS}"


@pytest.mark.parametrize("command", TABLE_COMMANDS, ids=lambda c: c[0])
def test_format_names_are_read_in_any_case_and_by_their_aliases(seeds, command):
    csv_out = kg(*command, "-f", "csv", "--store", seeds)
    assert csv_out.exit_code == 0, csv_out.output
    assert kg(*command, "-f", "CSV", "--store", seeds).stdout == csv_out.stdout
    md_out = kg(*command, "-f", "md", "--store", seeds).stdout
    assert kg(*command, "--format", "Markdown", "--store", seeds).stdout == md_out and md_out.startswith("| ")


def test_a_misspelt_format_gets_the_nearest_name(seeds):
    assert refusal(kg("claims", "-f", "cvs", "--store", seeds)).endswith("; did you mean csv?")
    assert refusal(kg("export", "-f", "graphlm", "-o", "x", "--store", seeds)).endswith("; did you mean graphml?")


def test_a_format_the_command_does_not_write_is_refused_with_those_it_does(seeds, tmp_path):
    assert refusal(kg("claims", "-f", "ttl", "--store", seeds)) == f"kg: ttl is not a format for tables; {TABLE_FORMATS}"
    line = refusal(kg("export", "-o", tmp_path / "x.png", "--store", seeds))
    assert line.startswith("kg: png is not a format for exports; choose one of graphml, gexf, cyjs, dot, ttl, nt")
    line = refusal(kg("plot", "timeline", "--metric", "civilians-killed", "-f", "csv", "-o", tmp_path / "x",
                      "--store", seeds))
    assert line == "kg: csv is not a format for charts; choose one of png, svg"
    assert not list(tmp_path.iterdir())


def export(seeds, path, *args):
    r = kg("export", "-o", path, *args, "--store", seeds)
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(f"wrote {path} (")
    return path


def test_export_writes_every_rdf_suffix_and_they_read_back_alike(seeds, tmp_path):
    union = {suffix: Graph().parse(export(seeds, tmp_path / f"all{suffix}"), format=parser)
             for suffix, parser in ((".ttl", "turtle"), (".nt", "nt"), (".rdf", "xml"))}
    assert isomorphic(union[".ttl"], union[".nt"]) and isomorphic(union[".ttl"], union[".rdf"])
    quads = {}
    for suffix, parser in ((".nq", "nquads"), (".trig", "trig"), (".jsonld", "json-ld")):
        dataset = Dataset()
        dataset.parse(export(seeds, tmp_path / f"all{suffix}"), format=parser)
        quads[suffix] = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    assert quads[".nq"] == quads[".trig"] == quads[".jsonld"] and len(quads[".nq"]) == 9  # 5 articles, 4 of kg's (ontology, reference, findings, sources)
    assert sum(quads[".nq"].values()) >= len(union[".ttl"])


def test_export_writes_the_claims_table_in_every_table_suffix(seeds, tmp_path):
    def read(suffix: str) -> list[dict]:
        text = export(seeds, tmp_path / f"claims{suffix}").read_text(encoding="utf-8-sig")
        if suffix in (".csv", ".tsv"):
            return list(csv.DictReader(io.StringIO(text), delimiter="," if suffix == ".csv" else "\t"))
        if suffix == ".json":
            return json.loads(text)
        if suffix == ".jsonl":
            return [json.loads(line) for line in text.splitlines()]
        return [{"claim": line.split(" | ")[0].strip("| ")} for line in text.splitlines()[2:]]  # .md

    tables = {suffix: read(suffix) for suffix in (".csv", ".tsv", ".json", ".jsonl", ".md")}
    claims = [row["claim"] for row in tables[".csv"]]
    assert len(claims) > 20
    for suffix, rows in tables.items():
        assert [row["claim"] for row in rows] == claims, suffix


def test_every_suffix_and_name_the_registry_gives_an_export_is_taken(seeds, tmp_path):
    """The names the README uses (ttl, nq, cyjs) among them, as --format and as a suffix in any case."""
    for name in EXPORTS.names:
        for spelling in (name, *REGISTRY[name].aliases):
            assert kg("export", "-f", spelling.upper(), "-o", tmp_path / "x", "--store", seeds).exit_code == 0, spelling
        for suffix in REGISTRY[name].suffixes:
            r = kg("export", "-o", tmp_path / f"x{suffix.upper()}", "--store", seeds)
            assert r.exit_code == 0 and f"({name}: " in r.stdout, (suffix, r.output)


def test_plot_takes_its_format_by_name_too(seeds, tmp_path):
    r = kg("plot", "timeline", "--metric", "civilians-killed", "-f", "SVG", "-o", tmp_path / "chart", "--store", seeds)
    assert r.exit_code == 0, r.output
    assert (tmp_path / "chart").read_text().lstrip().startswith("<?xml")


# ---------------------------------------------------------------- names of metrics, sources, incidents, articles

FILTERED = [["conflicts"], ["claims"], ["export", "-o", "x.gexf"], ["plot", "timeline", "-o", "x.png"]]


@pytest.mark.parametrize("command", FILTERED, ids=lambda c: c[0])
def test_a_misspelt_metric_is_refused_with_the_nearest_metric(seeds, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    line = refusal(kg(*command, "--metric", "civilian-killed", "--store", seeds))
    assert line == "kg: no metric 'civilian-killed' in the store; did you mean civilians-killed?"
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("command", FILTERED, ids=lambda c: c[0])
def test_a_misspelt_source_is_refused_with_the_nearest_source(seeds, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    line = refusal(kg(*command, "--metric", "civilians-killed", "--asserter", "Airwar", "--store", seeds))
    assert line == "kg: no source 'Airwar' in the store; did you mean Airwars?"


def test_an_unknown_incident_or_article_is_refused_with_names_the_store_has(seeds):
    line = refusal(kg("conflicts", "--incident", "mosul", "--store", seeds))
    assert line.startswith("kg: no incident 'mosul' in the store; did you mean ") and "airstrike in Mosul" in line
    line = refusal(kg("claims", "--article", "001_bf04cfafd866ef6d", "--store", seeds))
    assert line == "kg: no article '001_bf04cfafd866ef6d' in the store; did you mean 001_bf04cfafd866ef6d.txt?"


def test_names_the_store_has_filter_in_any_case_or_by_alias(seeds):
    rows = json.loads(kg("claims", "--asserter", "AIRWARS", "-f", "json", "--store", seeds).stdout)
    assert rows and {r["asserter"] for r in rows} == {"Airwars"}
    rows = json.loads(kg("claims", "--asserter", "the coalition", "-f", "json", "--store", seeds).stdout)
    assert rows and {r["asserter"] for r in rows} == {"CJTF-OIR"}
    # a metric of the vocabulary that no seed article counts: known, so an empty answer, not a refusal
    r = kg("conflicts", "--metric", "prisoners-captured", "--store", seeds)
    assert r.exit_code == 0 and r.stdout == "No conflicts found.\n"


# ---------------------------------------------------------------- help

COMMANDS = [[], ["load"], ["extract"], ["claims"], ["query"], ["remove"], ["analyse"], ["stats"], ["check"],
            ["conflicts"], ["export"], ["serve"], ["plot"], ["plot", "timeline"], ["plot", "compare"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "kg")
def test_h_is_help_everywhere_and_help_shows_no_python_types(command):
    long = kg(*command, "--help")
    short = kg(*command, "-h")
    assert short.exit_code == long.exit_code == 0, short.output
    assert short.stdout == long.stdout and "Usage: " in short.stdout
    options = short.stdout.split("Options")[1]
    assert "<str>" not in options and "<bool>" not in options and "<int>" not in options


# ---------------------------------------------------------------- counts that agree

def test_what_export_says_it_wrote_is_what_the_file_holds(seeds, tmp_path):
    import re

    import networkx as nx

    def said(path, *args):
        r = kg("export", "-o", path, *args, "--store", seeds)
        assert r.exit_code == 0, r.output
        return r.stdout.strip()

    line = said(tmp_path / "g.gexf")
    g = nx.read_gexf(tmp_path / "g.gexf")
    assert f"{g.number_of_nodes()} sources and {g.number_of_edges()} links" in line, line
    line = said(tmp_path / "c.graphml", "--view", "claims")
    g = nx.read_graphml(tmp_path / "c.graphml")
    assert f"{g.number_of_nodes()} nodes and {g.number_of_edges()} links" in line, line
    line = said(tmp_path / "g.cyjs")
    g = nx.cytoscape_graph(json.loads((tmp_path / "g.cyjs").read_text()))
    assert f"{g.number_of_nodes()} sources and {g.number_of_edges()} links" in line, line
    line = said(tmp_path / "p.html")
    page = json.loads(re.search(r'id="kg-data">(.*?)</script>', (tmp_path / "p.html").read_text(), re.S).group(1))
    assert f"{len(page['nodes'])} sources and {len(page['edges'])} links" in line, line
    line = said(tmp_path / "t.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "t.csv").read_text(encoding="utf-8-sig"))))
    assert f"({len(rows)} claims)" in line or f": {len(rows)} claims)" in line, line


def test_stats_counts_sources_as_the_exports_do(seeds, tmp_path):
    r = kg("stats", "-f", "json", "--store", seeds)
    counts = {row["what"]: row["count"] for row in json.loads(r.stdout)}
    rows = list(csv.DictReader(io.StringIO(export(seeds, tmp_path / "t.csv").read_text(encoding="utf-8-sig"))))
    page = kg("export", "-o", tmp_path / "g.gexf", "--store", seeds).stdout
    assert f"{counts['sources']} sources and" in page
    assert counts["sources asserting figures"] == len({row["asserter"] for row in rows})
    assert counts["outlets"] == len({row["reported_by"] for row in rows if row["reported_by"]})


def test_a_plain_conflicts_reads_the_findings_kg_analyse_stored_at_its_tolerance(seeds, tmp_path):
    import shutil

    store = tmp_path / "store"
    shutil.copytree(seeds, store)
    assert kg("analyse", "--tolerance", "0.2", "--store", store).exit_code == 0
    r = kg("conflicts", "--store", store)
    assert r.exit_code == 0 and "live" not in r.stderr, r.stderr
    assert r.stdout == kg("conflicts", "--tolerance", "0.2", "--store", store).stdout
    r = kg("conflicts", "--tolerance", "0.1", "--store", store)
    assert "computing conflicts live" in r.stderr  # another tolerance than the stored one is worked out live
