"""Loading a stored article again with corrected metadata (a manifest that now gives its publisher
and date) updates the article and everything that follows from it: outlet-voice asserters,
relative periods and the conflicts found at load time."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import time

from typer.testing import CliRunner

from kg.cli import app
from kg.stores import open_store
from kg.validate import validate_graph

from bench.corpus import write_corpus
from test_crash_safety import findings_of, graphs, kg_load

runner = CliRunner()

# Made-up articles. The first states one figure in its own voice and two relative periods
# ("last week", "so far this year"): all three need the publisher and date a manifest gives.
KHARKIV = ("Shelling of Kharkiv killed 14 civilians last week, the deadliest week of the year.\n\n"
           "The regional health ministry said 230 civilians had been killed in the city so far this year.\n")
HERALD = ("---\npublisher: Kharkiv Herald\npublished: 2022-05-10\n---\n"
          "Shelling of Kharkiv killed 40 civilians last week, the city council said.\n")
MANIFEST = "file,title,url,publisher,published\nkharkiv.txt,Kharkiv toll rises,,The Kyiv Ledger,2022-05-10\n"


def kg(*args):
    r = runner.invoke(app, [str(a) for a in args])
    assert r.exit_code == 0, r.output
    return r.stdout


def kharkiv_claims(store) -> dict[int, dict]:
    rows = [json.loads(line) for line in kg("claims", "--store", store, "--format", "jsonl").splitlines()]
    return {c["value"]: c for c in rows if c["article"] == "kharkiv.txt"}


def test_a_manifest_corrects_a_stored_article_and_what_follows_from_its_metadata(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kharkiv.txt").write_text(KHARKIV)
    (corpus / "herald.md").write_text(HERALD)
    manifest = tmp_path / "meta.csv"
    manifest.write_text(MANIFEST)
    store = tmp_path / "store"

    assert "2 new, 0 unchanged" in kg("load", corpus, "--store", store)
    before = kharkiv_claims(store)
    assert before[14]["asserter"] == "unknown" and before[14]["period_end"] is None
    assert before[14]["reported_by"] is None and before[230]["period_start"] is None
    assert "No conflicts found" in kg("conflicts", "--store", store)

    assert "0 new, 1 updated, 1 unchanged, 0 rejected article(s); 2 claim(s) stored" in kg(
        "load", corpus, "--manifest", manifest, "--store", store)
    after = kharkiv_claims(store)
    assert after[14]["reported_by"] == after[230]["reported_by"] == "The Kyiv Ledger"
    assert after[14]["asserter"] == "The Kyiv Ledger"  # the outlet's own voice
    assert (after[14]["period_start"], after[14]["period_end"]) == ("2022-05-03", "2022-05-10")  # last week
    assert (after[230]["period_start"], after[230]["period_end"]) == ("2022-01", "2022-05-10")  # so far this year
    conflicts = kg("conflicts", "--kind", "contradiction", "--store", store)
    assert "The Kyiv Ledger: 14" in conflicts and "city council: 40" in conflicts

    # the corrected store is the one a first load with the right metadata makes, findings included
    fresh = tmp_path / "fresh"
    kg("load", corpus, "--manifest", manifest, "--store", fresh)
    assert graphs(store) == graphs(fresh)
    assert findings_of(store) == findings_of(fresh)

    # the same metadata again costs nothing; a load without the manifest forgets none of it
    assert "0 new, 2 unchanged, 0 rejected article(s); 0 claim(s) stored" in kg(
        "load", corpus, "--manifest", manifest, "--store", store)
    assert "0 new, 2 unchanged, 0 rejected article(s); 0 claim(s) stored" in kg("load", corpus, "--store", store)
    assert kharkiv_claims(store) == after


def test_a_correction_keeps_what_an_analyst_curated(tmp_path, vocab):
    from test_curate import export, write

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kharkiv.txt").write_text(KHARKIV)
    manifest = tmp_path / "meta.csv"
    manifest.write_text(MANIFEST)
    store = tmp_path / "store"
    kg("load", corpus, "--store", store)
    rows = export(store)
    for row in rows:  # the analyst takes the 230 for wrong and adds a figure by hand
        row["status"] = "wrong" if row["value"] == "230" else "ok"
    rows.append({"status": "added", "article": "kharkiv.txt", "metric": "civilians-killed", "value": "14",
                 "bound": "at-least", "asserter": "Kharkiv regional administration",
                 "quote": "Shelling of Kharkiv killed 14 civilians last week"})
    assert "1 claim(s) removed as wrong, 1 added by Jane Analyst" in kg(
        "load", "--claims", write(tmp_path / "edited.csv", rows), "--curator", "Jane Analyst", "--store", store)

    assert "0 new, 1 updated, 0 unchanged" in kg("load", corpus, "--manifest", manifest, "--store", store)
    claims = [json.loads(line) for line in kg("claims", "--store", store, "--format", "jsonl").splitlines()]
    assert sorted((c["asserter"], c["value"], c["method"], c["reported_by"]) for c in claims) == [
        ("Kharkiv regional administration", 14, "manual", "The Kyiv Ledger"),
        ("The Kyiv Ledger", 14, "automatic", "The Kyiv Ledger")]
    with open_store(store, read_only=True) as s:  # the merged graph passes the shapes, as curation's does
        graph = s.graph(s.article_graphs()[0])
    assert not [f for f in validate_graph(graph, vocab) if f.severity == "violation"]


def headlines_in_a_copy(path, scratch) -> int:
    """Articles with a headline so far (the correction below gives every article one), read from a
    copy of the folder: the store refuses readers while the load writes it."""
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        shutil.copytree(path, scratch, ignore=shutil.ignore_patterns("kg.lock"))
        with open_store(scratch, read_only=True) as s:
            return len(s.query("SELECT ?a WHERE { ?a <https://schema.org/headline> ?h }").rows)
    except Exception:  # noqa: BLE001 - a torn copy, or nothing written yet
        return 0


def test_sigkill_mid_correction_leaves_each_article_old_or_corrected_and_a_reload_finishes(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 60, seed=3)
    corrected = tmp_path / "titles.csv"  # the same manifest, now with a title for every article
    with (corpus / "manifest.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    with corrected.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "title": f"Report {row['file']}"} for row in rows)
    old, fresh = tmp_path / "old", tmp_path / "fresh"
    assert kg_load(corpus, old).wait() == 0
    assert kg_load(corpus, fresh, "--manifest", corrected).wait() == 0
    before, after = graphs(old), graphs(fresh)
    assert len(before) == len(after) == 60 and before != after

    crashed = tmp_path / "crashed"
    shutil.copytree(old, crashed)
    proc = kg_load(corpus, crashed, "--manifest", corrected, "--batch-size", "2", "--commit-size", "2")
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:  # kill once some, but not all, are corrected
        time.sleep(0.3)
        if headlines_in_a_copy(crashed, tmp_path / "peek") >= 6:
            break
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = graphs(crashed)
    assert set(stored) == set(before)  # no article lost
    done = [name for name, quads in stored.items() if quads == after[name]]
    assert all(quads in (before[name], after[name]) for name, quads in stored.items())  # each whole
    assert 0 < len(done) < 60, "the kill should land mid-correction"

    again = kg_load(corpus, crashed, "--manifest", corrected)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert f"0 new, {60 - len(done)} updated, {len(done)} unchanged, 0 rejected".encode() in out
    assert graphs(crashed) == after
    assert findings_of(crashed) == findings_of(fresh)
    assert not any(b"awaitingAnalysis" in q for q in findings_of(crashed))
