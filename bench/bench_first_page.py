"""`kg conflicts`: its first page, its whole listing and one metric, by this kg and by another (issue 23).

For each claim tier (10k by default; --tiers 10000 100000) the query benchmark's generated store
(bench.bench_queries.analysed_store: generated, its findings worked out by this kg; --work keeps it)
is listed by `kg conflicts` with the code of this checkout ("after") and with the code of another kg
source tree given with --before (e.g. ``git archive main | tar -x -C DIR``), each command in a child
process of its own, the two alternating, --runs times each (the median is reported). The child times
the command inside the process (the CLI as `kg conflicts` runs it, without the interpreter's start)
and reports a hash of what it printed, so the two codes are held to the same output, and the first
page to the first rows of its listing.

    python -m bench.bench_first_page --before DIR [--tiers 10000 100000] [--work DIR] [--runs 3] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from bench.bench_queries import analysed_store, machine, report_head

HERE = Path(__file__).resolve().parent.parent
FIRST = 50
COMMANDS = [  # (what, the arguments after `kg conflicts --store STORE -f csv`, the listing a first page starts)
    (f"first {FIRST} rows", ["--limit", str(FIRST)], "whole listing"),
    ("whole listing", [], None),
    ("--metric civilians-killed", ["--metric", "civilians-killed"], None),
    (f"--metric civilians-killed, first {FIRST} rows", ["--metric", "civilians-killed", "--limit", str(FIRST)],
     "--metric civilians-killed"),
]

# Run in the child: the command through the CLI, timed inside the process; the rows it printed, hashed
CHILD = """
import csv, hashlib, io, json, sys, time
from typer.testing import CliRunner
from kg.cli import app
args = json.loads(sys.argv[1])
runner = CliRunner()
t = time.perf_counter()
result = runner.invoke(app, args)
seconds = time.perf_counter() - t
if result.exit_code != 0:
    sys.exit(f"kg {' '.join(args)}: exit {result.exit_code}: {result.output[-2000:]}")
rows = list(csv.reader(io.StringIO(result.stdout)))[1:]
digest = lambda rs: hashlib.sha256(json.dumps(rs).encode()).hexdigest()
print(json.dumps({"seconds": seconds, "rows": len(rows), "output": digest(rows), "first": digest(rows[:%d])}))
""" % FIRST


def run_kg(source: Path, args: list[str]) -> dict:
    """One `kg` command with the kg code of ``source``, in a child process: its seconds, rows and output hashes."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(args)], env=env, cwd=source,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(store: Path, before: Path, runs: int) -> list[dict]:
    """Each command by both codes, alternating, ``runs`` times each: medians, rows and whether the outputs agree."""
    out: dict[str, dict] = {}
    for what, extra, listing in COMMANDS:
        args = ["conflicts", "--store", str(store), "-f", "csv", *extra]
        times: dict[str, list[float]] = {"before": [], "after": []}
        seen: dict[str, dict] = {}
        for _ in range(runs):
            for code, source in (("before", before), ("after", HERE)):
                got = run_kg(source, args)
                times[code].append(got["seconds"])
                if code in seen and seen[code]["output"] != got["output"]:
                    raise SystemExit(f"{what}: the {code} code printed other rows on another run")
                seen[code] = got
                print(f"  {store.name} {what} {code}: {got['seconds']:.3f} s, {got['rows']} rows",
                      file=sys.stderr, flush=True)
        out[what] = {"what": what, "before": statistics.median(times["before"]),
                     "after": statistics.median(times["after"]), "rows": seen["after"]["rows"],
                     "same": seen["before"]["output"] == seen["after"]["output"], "first": seen["after"]["first"],
                     "output": seen["after"]["output"]}
        if listing is not None:  # a first page: compared below with the start of its listing
            out[what]["listing"] = listing
    for row in out.values():
        if "listing" in row:
            row["start_of_listing"] = row["output"] == out[row["listing"]]["first"]
    return list(out.values())


def table(results: list[tuple[int, dict, list[dict]]]) -> list[str]:
    lines = ["| claims | `kg conflicts` | before (s) | after (s) | before / after | rows | same output |",
             "|---|---|---|---|---|---|---|"]
    for n, info, rows in results:
        for r in rows:
            same = "yes" if r["same"] else "NO"
            if "start_of_listing" in r:
                same += ", the listing's first rows" if r["start_of_listing"] else ", NOT the listing's first rows"
            lines.append(f"| {n:,} | {r['what']} | {r['before']:.3f} | {r['after']:.3f} | "
                         f"{r['before'] / r['after']:.1f}× | {r['rows']:,} | {same} |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="a kg source tree to compare with (its kg/ package)")
    parser.add_argument("--tiers", type=int, nargs="*", default=[10_000], help="claim counts")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command by each code (the median)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the generated stores (kept)")
    parser.add_argument("--out", type=Path, default=None, help="also write the Markdown here")
    args = parser.parse_args(argv)
    if not (args.before / "kg" / "__init__.py").exists():
        parser.error(f"--before {args.before}: no kg package there")
    started = datetime.now(timezone.utc)
    head = report_head("`kg conflicts` before and after", "bench_first_page", argv, started, machine())
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-first-page-"))
    results = []
    for n in args.tiers:
        store, info = analysed_store(work, n)
        results.append((n, info, measure(store, args.before.resolve(), args.runs)))
    text = "\n".join([*head, f"- Before: the kg code in `{args.before}`; after: this checkout; medians of "
                              f"{args.runs} runs each, alternating", "", *table(results)]) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
