"""The analyst's baseline (issue 23): a store's claims exported to Parquet, and kg's conflict rule run
over them in DuckDB, the engine an analyst would reach for with a table of claims.

``export_claims`` writes one row per claim with the columns the rule reads (queries/duckdb/claim-table.rq,
plus the claim's comparison and overlap buckets as lists); ``conflict_pairs`` runs
queries/duckdb/conflicts.sql, the rule of ``conflicts-live`` in SQL, over such a file. Both give the
pairs ``kg conflicts`` lists, which the tests check (tests/test_duckdb_baseline.py) and the bench
part times beside kg's own listing (bench/bench_duckdb.py).

    python -m bench.duckdb_baseline STORE claims.parquet   # export, then print the conflict pairs' count
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import duckdb

from kg.analysis.queries import parse_query_file
from kg.analysis.rules import DEFAULT_TOLERANCE
from kg.namespaces import KG
from kg.resources import data_dir

FOLDER = data_dir("queries") / "duckdb"
# Figures as exact decimals, as Oxigraph compares them: a double would put 100 × 0.9 a hair off 90.
VALUE = "DECIMAL(38, 10)"
COLUMNS = {  # claim-table.rq's columns as the Parquet file types them
    "claim": "VARCHAR", "graph": "VARCHAR", "article": "VARCHAR", "metric": "VARCHAR", "value": VALUE,
    "value_max": VALUE, "bound": "VARCHAR", "asserter": "VARCHAR", "source": "VARCHAR", "voice": "VARCHAR",
    "period_start": "VARCHAR", "period_end": "VARCHAR", "running": "BOOLEAN", "incident": "VARCHAR",
    "places": "VARCHAR", "series_key": "VARCHAR"}
BUCKETS = {"comparison_buckets": KG.comparisonBucket, "overlap_buckets": KG.overlapBucket}


NULL = "\\N"  # an unbound term in the CSV files: not "", which a bound empty string (no places) is


def _write_csv(rows, path: Path) -> int:
    """SPARQL rows to a CSV file DuckDB reads; returns how many."""
    count = 0
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        for row in rows:
            writer.writerow([NULL if term is None else term for term in row])
            count += 1
    return count


def _quoted(path: Path) -> str:
    """A path as an SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def export_claims(store, parquet: Path) -> int:
    """Write the store's claims to ``parquet``, one row per claim; returns how many.

    The facts come from one SPARQL read, each kind of bucket from another (many per claim); DuckDB
    gathers each claim's buckets into a list and writes the file."""
    table = parse_query_file(FOLDER / "claim-table.rq").text
    with tempfile.TemporaryDirectory(prefix="kg-claims-") as tmp:
        facts = Path(tmp) / "claims.csv"
        count = _write_csv(store.rows(table), facts)
        keys = {}
        for name, predicate in BUCKETS.items():
            keys[name] = Path(tmp) / f"{name}.csv"
            _write_csv(store.rows(f"SELECT ?claim ?bucket WHERE {{ ?claim <{predicate}> ?bucket }}"), keys[name])
        columns = "{" + ", ".join(f"'{c}': '{t}'" for c, t in COLUMNS.items()) + "}"
        lists = "".join(
            f" LEFT JOIN (SELECT claim, list(DISTINCT bucket ORDER BY bucket) AS {name} FROM read_csv({_quoted(path)}, "
            f"header = false, columns = {{'claim': 'VARCHAR', 'bucket': 'VARCHAR'}}) GROUP BY claim) USING (claim)"
            for name, path in keys.items())
        with duckdb.connect() as db:
            db.execute(f"COPY (SELECT * FROM read_csv({_quoted(facts)}, header = false, columns = {columns},"
                       f" nullstr = '{NULL}', quote = '\"', allow_quoted_nulls = false){lists} ORDER BY claim)"
                       f" TO {_quoted(parquet)} (FORMAT parquet)")
    return count


def conflict_rule() -> str:
    return (FOLDER / "conflicts.sql").read_text(encoding="utf-8")


def conflict_pairs(parquet: Path, tolerance: Decimal = DEFAULT_TOLERANCE, db=None) -> list[tuple]:
    """The rule over an exported file: (kind, metric, claim_a, claim_b, ratio) per listed pair.
    ``db``: a DuckDB connection to run it on (a new in-memory one by default)."""
    own = db is None
    db = db or duckdb.connect()
    try:
        db.execute(f"CREATE OR REPLACE TEMP VIEW claims AS SELECT * FROM read_parquet({_quoted(parquet)})")
        return db.execute(conflict_rule(), {"tolerance": str(tolerance)}).fetchall()
    finally:
        if own:
            db.close()


def main(argv: list[str] | None = None) -> None:
    from kg.stores import open_store

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("parquet", type=Path)
    parser.add_argument("--tolerance", type=Decimal, default=DEFAULT_TOLERANCE)
    args = parser.parse_args(argv)
    with open_store(args.store, read_only=True) as store:
        count = export_claims(store, args.parquet)
    pairs = conflict_pairs(args.parquet, args.tolerance)
    print(f"{count} claims in {args.parquet}; {len(pairs)} conflict pairs at tolerance {args.tolerance}")


if __name__ == "__main__":
    sys.exit(main())
