"""Run kg's benchmark suite and write bench/RESULTS.md (`make bench`).

    python -m bench [--full] [--only load,extract,queries,duckdb,export,serve,serve-load,inputs,copies]

Default: the 1k and 10k load tiers, extraction throughput, query latency at 10k
claims beside rdflib (stopped after 6 s), kg's conflict listing beside DuckDB running the same
rule on the same claims exported to Parquet at 10k claims, export times, endpoint load at 10k claims
(5 s of wrk per request), input reading and copy detection (precision and recall by threshold;
load throughput with it and without it on 3,000 articles, a third of them copies): about 30
minutes on the 2-core machine since the extractor parses (the load part alone took 482 s on
2026-12-05, bench/RESULTS-extract.md). --full adds the 100k-article load tier, 10k articles for
copy detection, the 1M-claim query tier, the 100k and 1M DuckDB tiers and endpoint load at 100k
claims. The load and extract parts also time the revision ``--before`` (default: the
extractor before the spaCy parse), checked out in a temporary git worktree, in the same run.
Each part runs as its own process; its Markdown output goes into
RESULTS.md under a heading, with the machine, date and command at the top.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


# The last revision before the extractor read sentences through spaCy's parse (issue 19): the load
# and extraction parts time it beside the current code, in the same run.
BEFORE_PARSE = "b10e5e3"


def parts(full: bool, before: Path | None = None) -> dict[str, list[str]]:
    return {
        "load": ["-m", "bench.bench_load", "--tiers", "1000,10000,100000" if full else "1000,10000",
                 *(["--before", str(before)] if before else [])],
        "extract": [str(HERE / "bench_extract.py"), "--articles", "1000",
                    *(["--baseline", str(before), "--rounds", "3"] if before else [])],
        "queries": ["-m", "bench.bench_queries", *(["--million"] if full else []), "--rdflib-timeout", "6",
                    "--out", "/dev/null"],
        # issue 23's anchor: kg's conflict listing over DuckDB's run of the same rule (bench/RESULTS-duckdb.md)
        "duckdb": ["-m", "bench.bench_duckdb", "--tiers", "10000,100000,1000000" if full else "10000"],
        "export": [str(HERE / "bench_export.py"), "--claims", "10000"],
        "serve": ["-m", "bench.bench_serve", "--claims", "100000" if full else "10000", "--duration", "5",
                  "--out", "/dev/null"],
        "inputs": [str(HERE / "bench_inputs.py")],
        # kg load through a running kg serve beside a direct load, one run (bench/RESULTS-serve.md: 600 articles)
        "serve-load": ["-m", "bench.bench_serve_load", "--articles", "600" if full else "300"],
        # bench/RESULTS-copies.md: 10,000 articles (--full); 3,000 by default to keep `make bench` near 20 minutes
        "copies": ["-m", "bench.bench_copies", "--articles", "10000" if full else "3000",
                   "--templated", "3000" if full else "1000"],
    }


def machine() -> str:
    mem = ""
    try:
        kib = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kib / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--full", action="store_true", help="add the 100k-article and 1M-claim tiers")
    ap.add_argument("--only", default="", help="comma-separated parts to run")
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--before", default=BEFORE_PARSE,
                    help="a git revision to time beside the current code in the load and extract parts ('' for none)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = _checkout(args.before, Path(tmp) / "before") if args.before else None
        try:
            return _run(args, parts(args.full, before), before)
        finally:
            if before:
                subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=HERE.parent,
                               capture_output=True)


def _checkout(rev: str, where: Path) -> Path | None:
    """A worktree of ``rev`` at ``where``, or None (with a note) when git or the revision is missing."""
    proc = subprocess.run(["git", "worktree", "add", "--detach", str(where), rev], cwd=HERE.parent,
                          capture_output=True, text=True)
    if proc.returncode:
        print(f"[bench] no before/after comparison: cannot check out {rev}: {proc.stderr.strip()}", file=sys.stderr)
        return None
    return where


def _run(args, chosen: dict[str, list[str]], before: Path | None) -> int:
    if args.only:
        chosen = {k: v for k, v in chosen.items() if k in args.only.split(",")}
    sections = [
        "# kg benchmark results", "",
        f"- machine: {machine()}",
        f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- command: `python -m bench {' '.join(sys.argv[1:])}`".rstrip(),
        "", "Times are medians of several runs unless a section says otherwise; ratios compare "
        "against a baseline measured in the same run.", "",
        *([f"- before/after: the load and extract parts also time revision `{args.before}` (the extractor "
           "before the spaCy parse) in this run", ""] if before else []),
    ]
    status = 0
    for name, argv in chosen.items():
        print(f"[bench] {name} …", file=sys.stderr, flush=True)
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, *argv], capture_output=True, text=True, cwd=HERE.parent)
        took = time.perf_counter() - t
        sections += [f"# {name} ({took:.0f} s)", ""]
        if proc.returncode:
            status = 1
            sections += ["```", (proc.stderr or proc.stdout).strip()[-3000:], "```", ""]
        else:
            sections += [proc.stdout.strip(), ""]
        args.out.write_text("\n".join(sections) + "\n")  # keep what is done if a later part fails
    print(f"[bench] wrote {args.out}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
