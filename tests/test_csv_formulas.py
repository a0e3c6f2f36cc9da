"""Cells a spreadsheet would run as a formula get a leading ' in every CSV and TSV kg writes (issue 20,
case 6): `kg claims --format csv`, `kg query -f tsv`, `kg export -o x.csv` and the endpoint's text/csv
and text/tab-separated-values answers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pyoxigraph as ox
import pytest
from test_serve_support import build_store, make_article, make_claim, start_server, stop_server
from typer.testing import CliRunner

from kg.cli import app
from kg.model import SourceRef
from kg.output import spreadsheet_safe

TITLE = '=HYPERLINK("http://evil.example/","click")'
PUBLISHER = "=cmd|' /C calc'!A0"
ASSERTER = "@SUM(1+1)*cmd|' /C calc'!A0"
QUOTE = "+5 civilians were killed, said the ministry"
TEXT = QUOTE + ".\n"
HOSTILE = {TITLE, PUBLISHER, ASSERTER, QUOTE}


@pytest.fixture(scope="module")
def store(tmp_path_factory, vocab):
    article = make_article(TEXT, name="formula.txt", publisher=PUBLISHER, claims=[
        make_claim(value=Decimal(5), quote=QUOTE, start=0, end=len(QUOTE), asserter=SourceRef("evil", ASSERTER))])
    article.meta.title = TITLE
    return build_store(tmp_path_factory.mktemp("csv") / "store", vocab, articles=[article])


def cells(text: str) -> set[str]:
    return {cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row}


def assert_neutralised(found: set[str], expected: set[str]) -> None:
    assert not found & HOSTILE, f"formula cells written verbatim: {found & HOSTILE}"
    assert {"'" + value for value in expected} <= found  # the text is kept, behind the quote


def test_kg_claims_csv(store):
    result = CliRunner().invoke(app, ["claims", "--store", str(store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert_neutralised(cells(result.output), {PUBLISHER, ASSERTER, QUOTE})


def test_kg_export_csv(store, tmp_path):
    out = tmp_path / "claims.csv"
    result = CliRunner().invoke(app, ["export", "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert_neutralised(cells(out.read_text(encoding="utf-8-sig")), {TITLE, ASSERTER, QUOTE})


def test_the_endpoint_csv(store):
    served = start_server(store)
    try:
        reply = served.get("queries/claims?format=csv")
        assert reply.status == 200, reply.text
        assert_neutralised(cells(reply.text), {PUBLISHER, ASSERTER, QUOTE})
    finally:
        assert "Traceback" not in stop_server(served)


def test_kg_query_tsv(store):
    result = CliRunner().invoke(app, ["query", "claims", "--store", str(store), "--format", "tsv"])
    assert result.exit_code == 0, result.output
    found = {cell for row in csv.reader(io.StringIO(result.output), delimiter="\t") for cell in row}
    assert_neutralised(found, {PUBLISHER, ASSERTER, QUOTE})


def test_the_endpoint_tsv(store):
    """SPARQL TSV writes literals in quotes; a spreadsheet takes them off, so the ' goes inside."""
    served = start_server(store)
    try:
        reply = served.get("queries/claims?format=tsv")
        assert reply.status == 200, reply.text
        assert reply.headers["content-type"].startswith("text/tab-separated-values")
        fields = {field for line in reply.text.splitlines() for field in line.split("\t")}
        as_written = {str(ox.Literal(value)): value for value in HOSTILE}
        assert not fields & as_written.keys(), f"formula cells written verbatim: {fields & as_written.keys()}"
        assert {str(ox.Literal("'" + value)) for value in (PUBLISHER, ASSERTER, QUOTE)} <= fields
        # numbers stay numbers
        assert any(field.startswith('"5"^^') for field in fields)
    finally:
        assert "Traceback" not in stop_server(served)


def test_the_claims_csv_goes_back_to_kg_load_claims_unchanged(store, tmp_path):
    """The curation round trip reads the ' back off: the neutralised quote is still the article's quote."""
    table = CliRunner().invoke(app, ["claims", "--store", str(store), "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(table)))
    assert rows[0]["quote"] == "'" + QUOTE
    # the same claim marked wrong and added again: the added row's quote must be found in the text
    rows = [{**rows[0], "status": "wrong"}, {**rows[0], "status": "added", "claim": ""}]
    with open(tmp_path / "claims.csv", "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = CliRunner().invoke(app, ["load", "--claims", str(tmp_path / "claims.csv"), "--curator", "Jane Analyst",
                                      "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "1 claim(s) removed as wrong, 1 added" in result.stdout and "0 article(s) rejected" in result.stdout


@pytest.mark.parametrize("cell, written", [
    ("=1+1", "'=1+1"), ("+1+1", "'+1+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("-5", "-5"), ("+3.25", "+3.25"), ("-1.5e3", "-1.5e3"), ("a=1", "a=1"), ("", ""),
])
def test_numbers_stay_numbers_and_formulas_become_text(cell, written):
    assert spreadsheet_safe(cell) == written
