"""Parameters are bound as RDF terms, never spliced into the query text (issue 20, case 2):
in the library, on the command line and over HTTP, and for any value hypothesis can make up."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.load import store_article
from kg.analysis.queries import prepare, resolve
from kg.resources import ontology_files
from kg.stores import open_store, sync_reference

from conftest import AIRWARS, CJTF, make_article, make_claim

# The issue's pair: a line break makes rdflib write the first value as a long string, whose
# trailing backslash-quote leaves a quote open for the second value to close.
INJECTION = {"metric": 'x\n\\"', "asserter": ") (UNDEF UNDEF) } #"}
# (metric, asserter) of the claims stored below
CLAIMS = [("civilians-killed", "CJTF-OIR"), ("civilians-killed", "Airwars"), ("people-injured", "Airwars")]
METRICS = sorted({m for m, _ in CLAIMS})
ASSERTERS = ["Airwars", "AIRWARS", "airwars", "CJTF-OIR", "cjtf-oir"]
# Pieces that end strings, groups, rows and lines, or start comments and escapes; the longer ones
# are the shapes of known attacks (a line break then backslash-quote, a VALUES row closed early).
HOSTILE = ['"', "'", '"""', "'''", "\\", "\n", "\r", "\t", "{", "}", "(", ")", "#", ".", ";", " ", "UNDEF",
           "UNION", "VALUES", "?s", "<http://x>", "^^", "@en", "\\u0022", "\\n", "\x00", "\u2028", "é",
           '\n\\"', '\\"', ") (UNDEF UNDEF) } #", "} UNION { ?claim ?p ?o } #"]


def _stored(path, vocab):
    text = "CJTF-OIR said 817 civilians were killed. Airwars said 900 were killed and 40 injured.\n"
    claims = [make_claim(metric=metric, value=Decimal(100 + i), asserter=CJTF if asserter == "CJTF-OIR" else AIRWARS,
                         quote=text[:20], start=0, end=20) for i, (metric, asserter) in enumerate(CLAIMS)]
    store = open_store(path)
    sync_reference(store, ontology_files())
    store_article(store, make_article(text, claims=claims), vocab)
    store.flush()
    return store


@pytest.fixture(scope="module")
def claims_store(tmp_path_factory, vocab):
    store = _stored(tmp_path_factory.mktemp("binding") / "store", vocab)
    yield store
    store.close()


def expected_rows(metric: str | None, asserter: str | None) -> int:
    """Rows a literal value gives: the stored claims that match it (an empty value binds nothing)."""
    return sum(1 for m, a in CLAIMS
               if (not metric or metric == m) and (not asserter or asserter.lower() == a.lower()))


def test_the_issue_pair_of_values_returns_no_claim(claims_store):
    rows = claims_store.query(prepare(resolve("claims"), INJECTION)).rows
    assert rows == [], "the values were read as SPARQL: they returned every claim"
    assert len(claims_store.query(prepare(resolve("claims"), {})).rows) == len(CLAIMS)


def test_the_issue_pair_on_the_command_line(tmp_path, vocab):
    _stored(tmp_path / "store", vocab).close()
    result = CliRunner().invoke(app, ["query", "claims", "--store", str(tmp_path / "store"), "--format", "json",
                                      "-p", f"metric={INJECTION['metric']}", "-p", f"asserter={INJECTION['asserter']}"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "[]"


hostile_text = st.one_of(st.text(max_size=30), st.lists(st.sampled_from(HOSTILE), max_size=12).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(metric=st.one_of(st.none(), st.sampled_from(METRICS), hostile_text),
       asserter=st.one_of(st.none(), st.sampled_from(ASSERTERS), hostile_text))
def test_generated_values_never_change_the_row_count_a_literal_gives(claims_store, metric, asserter):
    known = {m.casefold() for m in METRICS} | {a.casefold() for a in ASSERTERS} | {"us-led coalition"}
    for value in (metric, asserter):
        assume(value is None or value in METRICS or value in ASSERTERS or value.casefold() not in known)
    params = {k: v for k, v in (("metric", metric), ("asserter", asserter)) if v is not None}
    rows = claims_store.query(prepare(resolve("claims"), params)).rows
    assert len(rows) == expected_rows(metric, asserter), params


def test_the_issue_pair_over_http(tmp_path, vocab):
    from test_serve_support import start_server, stop_server

    _stored(tmp_path / "store", vocab).close()
    served = start_server(tmp_path / "store")
    try:
        reply = served.get("queries/claims?" + urlencode({**INJECTION, "format": "json"}))
        assert reply.status == 200, reply.text
        assert reply.json()["results"]["bindings"] == []
        everything = served.get("queries/claims?format=json").json()["results"]["bindings"]
        assert len(everything) == len(CLAIMS)
    finally:
        assert "Traceback" not in stop_server(served)
