"""Feeds: JSON Lines and CSV, one article per row, gzip or not, files or standard input."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.readers import InputError, RawArticle
from kg.readers.feeds import read_feed_file, read_feed_stream
from kg.stores import open_store

runner = CliRunner()

ROWS = [
    {"id": "reu-001", "text": "BAGHDAD (Reuters) - At least 9 civilians were killed in an air strike on a market "
     "in western Mosul on Friday, Iraqi officials said.", "url": "https://reuters.example/article/2017/03/17/mosul",
     "title": "Strike kills 9 in Mosul", "publisher": "Reuters", "published": "2017-03-17T14:02:00Z"},
    {"id": "ap-002", "text": "The monitoring group Airwars said on Monday that between 1,200 and 1,500 civilians "
     "died in coalition strikes on Raqqa during the four-month battle for the city.",
     "url": "https://apnews.example/raqqa-toll", "title": "Raqqa toll", "publisher": "Associated Press",
     "published": "2017-10-23"},
]


def write_jsonl(path, rows, compress=False):
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    path.write_bytes(gzip.compress(data) if compress else data)


def write_csv(path, rows, compress=False):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    data = buf.getvalue().encode()
    path.write_bytes(gzip.compress(data) if compress else data)


def stored(store) -> dict[str, dict]:
    with open_store(store, read_only=True) as s:
        res = s.query("""PREFIX kg: <https://w3id.org/kg-claims/ns#> PREFIX schema: <https://schema.org/>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?f ?title ?url ?date ?pub WHERE { GRAPH ?a { ?a kg:fileName ?f
              OPTIONAL { ?a schema:headline ?title } OPTIONAL { ?a schema:url ?url }
              OPTIONAL { ?a schema:datePublished ?date } OPTIONAL { ?a schema:publisher ?p } }
              OPTIONAL { ?p skos:prefLabel ?pub } }""")
        return {str(f): {"title": t and str(t), "url": u and str(u), "date": d and str(d), "publisher": p and str(p)}
                for f, t, u, d, p in res.rows}


@pytest.mark.parametrize("name, writer, compress", [
    ("feed.jsonl", write_jsonl, False), ("feed.jsonl.gz", write_jsonl, True),
    ("feed.csv", write_csv, False), ("feed.csv.gz", write_csv, True)])
def test_each_row_is_an_article_with_its_metadata(tmp_path, name, writer, compress):
    writer(tmp_path / name, ROWS, compress)
    items = list(read_feed_file(tmp_path / name))
    assert all(isinstance(i, RawArticle) for i in items), items
    assert [i.meta.file_name for i in items] == ["reu-001", "ap-002"]
    first = items[0]
    assert first.text == ROWS[0]["text"]
    assert (first.meta.title, first.meta.publisher, first.meta.published, first.meta.url) == (
        "Strike kills 9 in Mosul", "Reuters", "2017-03-17", "https://reuters.example/article/2017/03/17/mosul")


def test_news_api_shaped_rows_are_understood(tmp_path):
    row = {"source": {"id": None, "name": "BBC News"}, "author": "Quentin Sommerville", "title": "Mosul strike",
           "url": "https://bbc.example/news/world-middle-east", "publishedAt": "2017-03-28T10:00:00Z",
           "content": "More than 100 civilians were killed in a single coalition strike in Mosul, residents said."}
    write_jsonl(tmp_path / "newsapi.jsonl", [row])
    (raw,) = read_feed_file(tmp_path / "newsapi.jsonl")
    assert (raw.meta.publisher, raw.meta.published, raw.meta.author, raw.meta.file_name) == (
        "BBC News", "2017-03-28", "Quentin Sommerville", "newsapi.jsonl#1")


def test_a_bad_row_rejects_only_itself(tmp_path):
    lines = [json.dumps(ROWS[0]), "{not json", json.dumps({"title": "no text"}), "",
             json.dumps({"text": "x" * 10 + " civilians", "published": "2017-02-30"}), json.dumps(ROWS[1])]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    items = list(read_feed_file(tmp_path / "mixed.jsonl"))
    assert [type(i).__name__ for i in items] == ["RawArticle", "InputError", "InputError", "InputError", "RawArticle"]
    assert str(items[1]).startswith("mixed.jsonl#2: not JSON")
    assert str(items[2]) == "mixed.jsonl#3: row has no text or html column value"
    assert str(items[3]).startswith("mixed.jsonl#5: published date '2017-02-30' is not a real date")


def test_a_csv_without_text_or_html_column_is_one_clear_error(tmp_path):
    (tmp_path / "links.csv").write_text("url,title\nhttps://a.example,A\n")
    (err,) = read_feed_file(tmp_path / "links.csv")
    assert isinstance(err, InputError) and str(err) == "links.csv: CSV feed needs a text or html column"


def test_a_truncated_gzip_keeps_the_rows_before_the_damage(tmp_path):
    rows = [dict(ROWS[0], id=f"r{i}", text=ROWS[0]["text"] + f" Report {i}." + " padding" * 200) for i in range(40)]
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(read_feed_file(tmp_path / "cut.jsonl.gz"))
    assert isinstance(items[-1], InputError) and "truncated gzip" in items[-1].message
    good = [i for i in items if isinstance(i, RawArticle)]
    assert 0 < len(good) < 40 and good[0].meta.file_name == "r0"


def test_stdin_stream_plain_and_gzip():
    data = "".join(json.dumps(r) + "\n" for r in ROWS).encode()
    for payload in (data, gzip.compress(data)):
        items = list(read_feed_stream(io.BytesIO(payload)))
        assert [i.meta.file_name for i in items] == ["reu-001", "ap-002"]


def test_kg_load_dash_reads_json_lines_from_stdin(tmp_path):
    store = tmp_path / "store"
    data = "".join(json.dumps(r) + "\n" for r in ROWS)
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "load", "-", "--store", str(store)], input=data.encode(),
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert "2 new, 0 unchanged, 0 rejected" in proc.stdout.decode()
    got = stored(store)
    assert got["reu-001"] == {"title": "Strike kills 9 in Mosul", "url": "https://reuters.example/article/2017/03/17/mosul",
                              "date": "2017-03-17", "publisher": "Reuters"}
    assert got["ap-002"]["date"] == "2017-10-23"


def test_a_feed_in_a_folder_loads_beside_its_manifest_and_notes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_csv(folder / "export.csv.gz", ROWS, compress=True)
    (folder / "notes.csv").write_text("who,what\nme,todo\n")  # not a feed: no text or html column
    r = runner.invoke(app, ["load", str(folder), "--store", str(tmp_path / "s")])
    assert r.exit_code == 0, r.output
    assert "2 new, 0 unchanged, 0 rejected" in r.stdout
    assert set(stored(tmp_path / "s")) == {"reu-001", "ap-002"}


def test_an_over_long_row_is_skipped_and_the_next_row_still_read(tmp_path, monkeypatch):
    import kg.readers.feeds as feeds

    monkeypatch.setattr(feeds, "MAX_ROW_BYTES", 1000)
    long_row = json.dumps({"text": "civilians " * 500})
    (tmp_path / "f.jsonl").write_text(long_row + "\n" + json.dumps(ROWS[0]) + "\n")
    first, second = read_feed_file(tmp_path / "f.jsonl")
    assert isinstance(first, InputError) and str(first) == "f.jsonl#1: row is over the 10 MB limit for one article"
    assert isinstance(second, RawArticle) and second.meta.file_name == "reu-001"
