"""The analyst's baseline (issue 23): claims exported to Parquet and the conflict rule in DuckDB SQL
(queries/duckdb/conflicts.sql) list exactly the pairs `kg conflicts` lists, on the seeds and on a
generated store. Its speed is the bench's (bench/bench_duckdb.py), not asserted here."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import duckdb
import pytest

from bench.duckdb_baseline import conflict_pairs, export_claims
from bench.synthetic_claims import write_analysed_store
from kg.analysis.listing import conflict_rows
from kg.analysis.rules import DEFAULT_TOLERANCE, KINDS
from kg.stores import open_store

from seed_figures import store_seed_claims


def kg_pairs(store, tolerance=DEFAULT_TOLERANCE) -> set[tuple]:
    rows, _ = conflict_rows(store, {}, tolerance)
    return {(r["kind"], str(r["claim_a"]), str(r["claim_b"])) for r in rows}


def duckdb_pairs(store, tmp_path, tolerance=DEFAULT_TOLERANCE) -> set[tuple]:
    parquet = tmp_path / "claims.parquet"
    export_claims(store, parquet)
    return {(kind, a, b) for kind, _metric, a, b, _ratio in conflict_pairs(parquet, tolerance)}


def test_the_seeds_gold_claims_give_the_same_pairs_in_duckdb(store, vocab, tmp_path):
    store_seed_claims(store, vocab)
    expected = kg_pairs(store)
    assert {kind for kind, _, _ in expected} >= {"contradiction", "discrepancy", "not-comparable"}
    assert duckdb_pairs(store, tmp_path) == expected


def test_the_seed_articles_loaded_by_kg_give_the_same_pairs_in_duckdb(seeds, tmp_path):
    with open_store(seeds, read_only=True) as store:
        expected = kg_pairs(store)
        assert expected
        assert duckdb_pairs(store, tmp_path) == expected


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A generated store of 3,000 claims (bench/synthetic_claims.py) with its findings, once per module."""
    path = tmp_path_factory.mktemp("generated") / "store"
    write_analysed_store(path, 3000)
    return path


def test_a_generated_store_gives_the_same_pairs_of_every_kind_in_duckdb(generated, tmp_path):
    parquet = tmp_path / "claims.parquet"
    with open_store(generated, read_only=True) as store:
        rows, _ = conflict_rows(store, {}, DEFAULT_TOLERANCE)
        export_claims(store, parquet)
    expected = {(r["kind"], str(r["claim_a"]), str(r["claim_b"])): r["ratio"] for r in rows}
    got = {(kind, a, b): ratio for kind, _metric, a, b, ratio in conflict_pairs(parquet)}
    assert set(Counter(kind for kind, _, _ in expected)) == set(KINDS)  # every kind of the rule is exercised
    assert got.keys() == expected.keys()
    # and the same ratios, to the cent (halves rounded up, as kg rounds them)
    assert {k: None if r is None else Decimal(str(r)) for k, r in got.items()} == \
        {k: None if r is None else Decimal(str(r)) for k, r in expected.items()}


def test_another_tolerance_gives_the_pairs_kg_computes_live(generated, tmp_path):
    wide = Decimal("0.3")  # approximate figures widen, fewer figures are far apart
    with open_store(generated, read_only=True) as store:
        expected = kg_pairs(store, wide)  # conflicts-live: the findings were worked out at 0.10
        assert expected != kg_pairs(store)
        assert duckdb_pairs(store, tmp_path, wide) == expected


def test_the_export_has_one_row_per_claim_with_its_buckets(generated, tmp_path):
    parquet = tmp_path / "claims.parquet"
    with open_store(generated, read_only=True) as store:
        count = export_claims(store, parquet)
    with duckdb.connect() as db:
        rows, claims, buckets, unbounded = db.execute(
            f"SELECT count(*), count(DISTINCT claim), count(comparison_buckets), count(*) - count(period_start) "
            f"FROM read_parquet('{parquet}')").fetchone()
    assert count == rows == claims == 3000
    assert 0 < buckets <= rows and unbounded > 0  # stocks have no start: NULL, not ""
