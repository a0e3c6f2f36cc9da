"""The `kg` command line, run as a user would: load, claims, query, remove, stats."""

import json
import subprocess
import sys

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def kg(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def test_load_prints_a_summary_and_is_idempotent(tmp_path, seed_dir):
    store = tmp_path / "s"
    r = kg("load", seed_dir, "--store", store)
    assert r.exit_code == 0, r.output
    assert "5 new, 0 unchanged, 0 rejected" in r.stdout
    r = kg("load", seed_dir, "--store", store)
    assert "0 new, 5 unchanged, 0 rejected" in r.stdout
    r = kg("stats", "--store", store, "--format", "json")
    counts = {row["what"]: row["count"] for row in json.loads(r.stdout)}
    assert counts["articles"] == 5


def test_a_rejected_file_gives_exit_status_1_and_names_the_file(tmp_path, seed_dir):
    (seed_dir / "broken.md").write_text("---\npublished: 2018-13-45\n---\nText\n")
    r = kg("load", seed_dir, "--store", tmp_path / "s")
    assert r.exit_code == 1
    assert "broken.md: published date '2018-13-45' is not a real date" in r.stderr
    assert "5 new, 0 unchanged, 1 rejected" in r.stdout


def test_single_file_metadata_options(tmp_path, seed_dir):
    store = tmp_path / "s"
    art = seed_dir / "003_111ec90d8ddfa275.txt"
    r = kg("load", art, "--store", store, "--publisher", "Al Jazeera", "--published", "2017-09-22")
    assert r.exit_code == 0, r.output
    r = kg("query", "--sparql", "PREFIX schema: <https://schema.org/> SELECT ?d WHERE { ?a schema:datePublished ?d }",
           "--store", store, "--format", "csv")
    assert r.stdout.splitlines() == ["d", "2017-09-22"]
    r = kg("load", seed_dir, "--store", store, "--publisher", "X")
    assert r.exit_code == 2 and "single file" in r.stderr


def test_query_list_names_parameters():
    r = kg("query", "--list")
    assert r.exit_code == 0
    assert "claims:" in r.stdout and "--param metric=" in r.stdout


def test_query_params_and_formats(tmp_path, seed_dir):
    store = tmp_path / "s"
    kg("load", seed_dir, "--store", store)
    r = kg("query", "--sparql", "SELECT ?f WHERE { ?a <https://w3id.org/kg-claims/ns#fileName> ?f FILTER(?f = ?param_name) }",
           "--param", "name=001_bf04cfafd866ef6d.txt", "--store", store, "--format", "tsv")
    assert r.stdout.splitlines() == ["f", "001_bf04cfafd866ef6d.txt"]
    r = kg("query", "--sparql", "SELECT * WHERE { ?s ?p }", "--store", store)
    assert r.exit_code == 2 and "invalid SPARQL" in r.stderr
    r = kg("query", "--sparql", "ASK { ?s ?p ?o }", "--store", store)
    assert r.stdout.strip() == "true"


def test_querying_a_missing_store_is_a_clear_error(tmp_path):
    r = kg("claims", "--store", tmp_path / "nowhere")
    assert r.exit_code == 2 and "no kg store here" in r.stderr


def test_remove_by_file_name(tmp_path, seed_dir):
    store = tmp_path / "s"
    kg("load", seed_dir, "--store", store)
    r = kg("remove", "001_bf04cfafd866ef6d.txt", "--store", store)
    assert r.exit_code == 0 and "removed" in r.stdout
    r = kg("stats", "--store", store, "--format", "json")
    assert {row["what"]: row["count"] for row in json.loads(r.stdout)}["articles"] == 4
    r = kg("remove", "001_bf04cfafd866ef6d.txt", "--store", store)
    assert r.exit_code == 1 and "no such article" in r.stderr


def test_the_installed_console_script_runs(tmp_path, seed_dir):
    exe = [sys.executable, "-m", "kg.cli"]
    out = subprocess.run([*exe, "load", str(seed_dir), "--store", str(tmp_path / "s"), "-q"],
                         capture_output=True, text=True, check=True)
    assert "5 new" in out.stdout
    out = subprocess.run([*exe, "claims", "--store", str(tmp_path / "s"), "--format", "jsonl"],
                         capture_output=True, text=True, check=True)
    for line in out.stdout.splitlines():
        rec = json.loads(line)
        assert {"claim", "article", "asserter", "metric", "value", "bound", "quote", "start", "end"} <= set(rec)
