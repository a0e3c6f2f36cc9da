"""kg's conflict listing beside DuckDB running the same rule on the same claims exported to Parquet (issue 23).

For each claim tier (10k by default; 100k and 1M with --tiers) a store is generated with
bench.synthetic_claims and its findings worked out as `kg analyse` does (the query benchmark's
stores; --work keeps them for another run). In one process it then times:

- kg: the full conflict listing ``kg.analysis.listing.conflict_rows`` (what `kg conflicts` lists,
  from the stored findings) and its first 50 rows (`kg conflicts --limit 50`: the listing's order,
  metric, period end, kind, ...);
- the export of the store's claims to Parquet (bench.duckdb_baseline.export_claims);
- DuckDB: queries/duckdb/conflicts.sql over the Parquet file, with DuckDB's default threads (every
  core) and with one thread (Oxigraph answers one query on one core).

The ratio is kg's full listing over DuckDB's rule; the rows are equal when both give the same set of
(kind, claim_a, claim_b). Medians of --runs runs at 10k claims and below, one run above.

    python -m bench.bench_duckdb [--tiers 10000,100000] [--work DIR] [--out bench/RESULTS-duckdb.md]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from bench.bench_queries import analysed_store, machine, report_head
from bench.duckdb_baseline import conflict_pairs, export_claims
from kg.analysis.listing import conflict_rows
from kg.analysis.rules import DEFAULT_TOLERANCE
from kg.stores import open_store

FIRST = 50  # `kg conflicts --limit 50`


def timed(fn, runs: int) -> tuple[float, object]:
    """Median seconds of ``runs`` calls of ``fn`` and its last result."""
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def one_thread():
    db = duckdb.connect()
    db.execute("SET threads = 1")
    return db


def measure(path: Path, n: int, runs: int, folder: Path) -> dict:
    runs = runs if n <= 10_000 else 1
    tolerance = DEFAULT_TOLERANCE
    parquet = folder / f"claims-{n}.parquet"
    with open_store(path, read_only=True) as store:
        kg_s, (rows, note) = timed(lambda: conflict_rows(store, {}, tolerance), runs)
        if note:  # not the stored findings: not what this bench measures
            raise SystemExit(f"{path}: {note}")
        first_s, _ = timed(lambda: conflict_rows(store, {}, tolerance, FIRST + 1), runs)
        export_s, exported = timed(lambda: export_claims(store, parquet), 1)
    duck_s, pairs = timed(lambda: conflict_pairs(parquet, tolerance), runs)

    def single():
        with one_thread() as db:
            return conflict_pairs(parquet, tolerance, db)
    duck1_s, _ = timed(single, runs)
    kg_set = {(r["kind"], str(r["claim_a"]), str(r["claim_b"])) for r in rows}
    duck_set = {(kind, a, b) for kind, _, a, b, _ in pairs}
    out = dict(claims=n, exported=exported, kg=kg_s, kg_rows=len(rows), first=first_s, export=export_s,
               parquet_mb=parquet.stat().st_size / 2**20, duckdb=duck_s, duckdb1=duck1_s, duckdb_rows=len(pairs),
               equal=len(rows) == len(pairs) and kg_set == duck_set,
               only_kg=len(kg_set - duck_set), only_duckdb=len(duck_set - kg_set), runs=runs)
    print(f"  {n} claims: kg {kg_s:.2f} s ({len(rows)} rows), first {FIRST} {first_s:.2f} s, export {export_s:.2f} s, "
          f"DuckDB {duck_s:.3f} s / 1 thread {duck1_s:.3f} s ({len(pairs)} rows), equal {out['equal']}",
          file=sys.stderr, flush=True)
    return out


def table(results: list[dict]) -> list[str]:
    head = ["tier", "claims", "kg s", "kg rows", "DuckDB s", "DuckDB rows", "ratio kg/DuckDB", "rows equal",
            f"kg first {FIRST} s", "DuckDB 1 thread s", "ratio kg/DuckDB 1 thread", "export to Parquet s"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        equal = "yes" if r["equal"] else f"no ({r['only_kg']} only kg, {r['only_duckdb']} only DuckDB)"
        lines.append("| " + " | ".join([
            f"10^{len(str(r['claims'])) - 1}", f"{r['claims']:,}", f"{r['kg']:.2f}", str(r["kg_rows"]),
            f"{r['duckdb']:.3f}", str(r["duckdb_rows"]), f"{r['kg'] / r['duckdb']:.0f}×", equal,
            f"{r['first']:.2f}", f"{r['duckdb1']:.3f}", f"{r['kg'] / r['duckdb1']:.0f}×",
            f"{r['export']:.2f} ({r['parquet_mb']:.1f} MB)"]) + " |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiers", default="10000", help="comma-separated claim counts (e.g. 10000,100000,1000000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing at 10k claims and below (median)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the generated stores (kept)")
    parser.add_argument("--out", type=Path, default=None, help="also write the Markdown here")
    args = parser.parse_args(argv)
    tiers = [int(t) for t in args.tiers.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-duckdb-"))
    started, header = datetime.now(timezone.utc), machine()
    results, builds = [], {}
    try:
        with tempfile.TemporaryDirectory(prefix="kg-parquet-") as folder:
            for n in tiers:
                path, builds[n] = analysed_store(work, n)
                results.append(measure(path, n, args.runs, Path(folder)))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    lines = [*report_head("kg's conflict listing beside DuckDB on the same claims", "bench_duckdb", argv, started, header),
             f"- DuckDB {duckdb.__version__}; tolerance {DEFAULT_TOLERANCE}; median of {args.runs} runs at 10k claims "
             "and below, one run above. kg: `conflict_rows` from the stored findings (embedded Oxigraph, one "
             "core); DuckDB: queries/duckdb/conflicts.sql over the exported Parquet file, reading it and "
             "fetching every row into Python, with its default threads (every core) and with one.", ""]
    for n, info in builds.items():
        took = lambda key: f"{info[key]:.0f} s" if info.get(key) is not None else "time not recorded"  # noqa: E731
        lines.append(f"- {n} claims generated: {info['articles']} articles, {info['quads']} quads, {took('seconds')}; "
                     f"`kg analyse` worked out {info['findings']} findings in {took('analyse')}")
    lines += ["", *table(results)]
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main()
