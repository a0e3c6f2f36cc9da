"""Export time of the whole graph in every format on a store of N generated claims (default 10,000).

    .venv/bin/python bench/bench_export.py [--claims 10000] [--results bench/RESULTS-export.md]

The store is the query benchmark's: realistic generated claims written as kg's own article
graphs (bench.synthetic_claims), with the findings `kg analyse` works out, so RDF exports
carry what a loaded store carries. Each time is also given as a ratio to a baseline
measured in the same process: Oxigraph's own N-Quads dump of the same store
(``store.dump_nquads()``), the floor for touching every triple.

The relations between claims normally come from the conflict queries (queries/conflicts.rq,
timed by bench.bench_queries); at this size the whole listing takes longer than any export,
so the format runs use the Python interval stand-in of kg.export.relations and the table
says so.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic_claims import write_analysed_store  # noqa: E402
from kg.export import export  # noqa: E402
from kg.stores import open_store  # noqa: E402

RUNS = [("graphml", "sources"), ("graphml", "claims"), ("gexf", "sources"), ("gexf", "claims"),
        ("cytoscape", "claims"), ("dot", "claims"), ("csv", "sources"), ("html", "sources"),
        ("turtle", "sources"), ("nquads", "sources"), ("jsonld", "sources")]


def build_store(path: Path, n_claims: int):
    write_analysed_store(path, n_claims)
    return open_store(path)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--results", type=Path, default=None, help="Write a Markdown table here.")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kg-bench-export-"))
    try:
        t_build = time.perf_counter()
        store = build_store(work / "store", args.claims)
        t_build = time.perf_counter() - t_build
        triples = store.triple_count()
        baseline = min(timed(store.dump_nquads) for _ in range(3))
        print(f"store: {args.claims} generated claims with their findings, {triples} quads, built in {t_build:.1f} s; "
              f"baseline (Oxigraph N-Quads dump): {baseline:.3f} s", flush=True)
        import kg.export.relations as relations
        relations.catalog = lambda: {}  # the interval stand-in: see the module docstring
        rows = []
        for fmt, view in RUNS:
            out = work / f"out-{view}.{fmt}"
            secs = timed(lambda: export(store, fmt, out, view=view))
            size = out.stat().st_size
            rows.append((fmt, view, secs, secs / baseline, size))
            print(f"{fmt:10s} {view:8s} {secs:8.2f} s  x{secs / baseline:7.1f}  {size / 1e6:8.2f} MB", flush=True)
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.results:
        lines = [f"# Export benchmark ({args.claims:,} claims, {triples:,} quads)", "",
                 f"`bench/bench_export.py --claims {args.claims}` on this project's machine (2 cores). "
                 f"Baseline, measured in the same process: Oxigraph's native N-Quads dump of the same store, "
                 f"{baseline:.3f} s (best of 3). Network formats with `--view claims` hold every claim, source, "
                 f"article, incident and metric as a node; `--view sources` is the source network (the data "
                 f"fetch dominates it). RDF formats always export the whole store. Relations between claims came from "
                 f"the Python interval stand-in in kg/export/relations.py, not from the conflicts query "
                 f"(timed by bench/bench_queries.py).", "",
                 "| format | view | seconds | × baseline | file size |", "|---|---|---:|---:|---:|"]
        lines += [f"| {f} | {v if f not in ('turtle', 'nquads', 'jsonld') else 'whole store'} | {s:.2f} | {r:.1f} | "
                  f"{size / 1e6:.2f} MB |" for f, v, s, r, size in rows]
        args.results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
