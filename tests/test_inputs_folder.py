"""One `kg load` of a folder mixing .txt, .md, .html, .jsonl.gz and a manifest."""

from __future__ import annotations

import gzip
import json
import re

from typer.testing import CliRunner

from kg.cli import app
from kg.stores import open_store

from test_readers_feeds import ROWS
from test_readers_html import news_page

runner = CliRunner()


def test_a_mixed_folder_loads_in_one_command_with_a_correct_summary(seed_dir, tmp_path):
    (seed_dir / "notes").mkdir()
    (seed_dir / "notes" / "mosul.md").write_text(
        "---\ntitle: Mosul toll\npublisher: Reuters\npublished: 2017-07-12\n---\n"
        "The Iraqi health ministry said at least 1,200 civilians had been killed in the battle for Mosul.\n")
    (seed_dir / "ledger.html").write_text(news_page())
    (seed_dir / "wire.jsonl.gz").write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in ROWS).encode()))
    with (seed_dir / "manifest.csv").open("a") as fh:  # the manifest speaks for the HTML page too
        fh.write("ledger.html,,,The Daily Ledger Group,2018-12-04\n")
    store = tmp_path / "store"

    r = runner.invoke(app, ["load", str(seed_dir), "--store", str(store)])
    assert r.exit_code == 0, r.output
    summary = re.search(r"(\d+) new, (\d+) unchanged, (\d+) rejected article\(s\); (\d+) claim\(s\) stored", r.stdout)
    assert summary, r.stdout
    new, unchanged, rejected, claims = map(int, summary.groups())
    assert (new, unchanged, rejected) == (5 + 1 + 1 + 2, 0, 0)

    with open_store(store, read_only=True) as s:
        stats = s.query("""PREFIX kg: <https://w3id.org/kg-claims/ns#> PREFIX schema: <https://schema.org/>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?f ?date ?pub WHERE { GRAPH ?a { ?a kg:fileName ?f OPTIONAL { ?a schema:datePublished ?date }
              OPTIONAL { ?a schema:publisher ?p } } OPTIONAL { GRAPH ?a { ?p skos:prefLabel ?pub } } }""").rows
        (n_claims,), = s.query("SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://w3id.org/kg-claims/ns#Claim> }").rows
    got = {str(f): (d and str(d), p and str(p)) for f, d, p in stats}
    assert set(got) == {"000_92b140df235c9e09.txt", "001_bf04cfafd866ef6d.txt", "002_863f4b74bda37bd1.txt",
                        "003_111ec90d8ddfa275.txt", "004_4b2bb0b0b0f43064.txt", "mosul.md", "ledger.html",
                        "reu-001", "ap-002"}
    assert got["001_bf04cfafd866ef6d.txt"] == ("2018-12", "International Business Times")
    assert got["mosul.md"] == ("2017-07-12", "Reuters")
    assert got["ledger.html"] == ("2018-12-04", "The Daily Ledger Group")
    assert got["reu-001"] == ("2017-03-17", "Reuters")
    assert int(n_claims) == claims

    again = runner.invoke(app, ["load", str(seed_dir), "--store", str(store)])
    assert f"0 new, {new} unchanged, 0 rejected article(s); 0 claim(s) stored" in again.stdout


NOTES_FOLDER = {  # made-up texts; each notes file states figures the extractor would take for claims
    "a.txt": "The health ministry said 12 civilians were killed in the shelling of Kharkiv last week.\n",
    "b.txt": "Airwars said at least 30 civilians were killed in air strikes on Raqqa in June 2017.\n",
    "README.md": "# Notes\n\nThe ministry said 500 civilians were killed in the war, by our count.\n",
    "SOURCES.md": "Sources: Airwars said 40 civilians were killed; the UN said 45 civilians were killed.\n",
    ".hidden.txt": "Draft: the army said 7 civilians were killed in the strike.\n",
}


def stored_file_names(store) -> set[str]:
    with open_store(store, read_only=True) as s:
        rows = s.query("SELECT ?f WHERE { ?a <https://w3id.org/kg-claims/ns#fileName> ?f }").rows
    return {str(f) for f, in rows}


def test_a_folder_loads_its_articles_not_its_notes_and_include_and_exclude_change_that(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in NOTES_FOLDER.items():
        (folder / name).write_text(text)

    r = runner.invoke(app, ["load", str(folder), "--store", str(tmp_path / "plain")])
    assert r.exit_code == 0, r.output
    assert "2 new, 0 unchanged, 0 rejected article(s)" in r.stdout
    assert "; 3 files skipped as not articles (.hidden.txt, README.md, SOURCES.md)\n" in r.stdout
    assert stored_file_names(tmp_path / "plain") == {"a.txt", "b.txt"}

    r = runner.invoke(app, ["load", str(folder), "--include", "README.md", "--store", str(tmp_path / "readme")])
    assert "3 new, 0 unchanged" in r.stdout and "2 files skipped as not articles (.hidden.txt, SOURCES.md)" in r.stdout
    assert stored_file_names(tmp_path / "readme") == {"a.txt", "b.txt", "README.md"}

    r = runner.invoke(app, ["load", str(folder), "--exclude", "*b.txt", "--store", str(tmp_path / "exclude")])
    assert "1 new, 0 unchanged" in r.stdout and "4 files skipped as not articles" in r.stdout
    assert stored_file_names(tmp_path / "exclude") == {"a.txt"}

    # a file named on the command line is read whatever its name
    r = runner.invoke(app, ["load", str(folder / "SOURCES.md"), "--store", str(tmp_path / "named")])
    assert "1 new, 0 unchanged" in r.stdout and "skipped" not in r.stdout
    assert stored_file_names(tmp_path / "named") == {"SOURCES.md"}

    # kg extract walks folders the same way
    r = runner.invoke(app, ["extract", str(folder), "--exclude", "a.txt", "--out", str(tmp_path / "nq")])
    assert r.exit_code == 0, r.output
    assert "1 new, 0 unchanged, 0 rejected article(s)" in r.stdout and "4 files skipped as not articles" in r.stdout
    written = b"".join(p.read_bytes() for p in (tmp_path / "nq").glob("batch-*.nq"))
    assert b'"b.txt"' in written and b'"a.txt"' not in written and b"README" not in written
