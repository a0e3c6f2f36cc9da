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
