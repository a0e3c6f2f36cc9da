"""`kg conflicts`: its whole listing and first page, one metric's, and each filter's first page, written to a file
by this kg and by another (issue 23).

For each claim tier (10k by default; --tiers 10000 100000) the query benchmark's generated store
(bench.bench_queries.analysed_store: generated, its findings worked out by this kg; --work keeps it)
is listed by `kg conflicts` with the code of this checkout ("after") and with the code of another kg
source tree given with --before (e.g. ``git archive main | tar -x -C DIR``), each command in a child
process of its own, the two alternating, --runs times each (the median is reported). The child runs
the command inside the process as `kg conflicts -f csv > FILE` runs it (without the interpreter's
start), its output going to a file, and times it to its end and to its first row written; it reports a
hash of what it wrote, so the two codes are held to the same output, and the first page to the first
rows of its listing (and the two files are compared byte for byte). The long listings' rate is their rows
over the seconds after the first row. A summary table gives what issue 23 sets targets for (the whole
listing's rows a second and first row, the first pages of --asserter, --metric and --kind), old (--before)
against new (this checkout), and new / old.

    python -m bench.bench_first_page --before DIR [--tiers 10000 100000] [--work DIR] [--runs 3] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from bench.bench_queries import analysed_store, machine, report_head

HERE = Path(__file__).resolve().parent.parent
FIRST = 50
METRIC = "civilians-killed"
# (what, the arguments after `kg conflicts --store STORE -f csv`, the listing a first page starts); a filter's
# value in braces is taken from the whole listing's rows (``filter_values``): the generated stores differ
COMMANDS = [
    ("whole listing", [], None),
    (f"first {FIRST} rows", ["--limit", str(FIRST)], "whole listing"),
    (f"--metric {METRIC}", ["--metric", METRIC], None),
    (f"--metric {METRIC}, first {FIRST} rows", ["--metric", METRIC, "--limit", str(FIRST)], f"--metric {METRIC}"),
    (f"--kind contradiction, first {FIRST} rows", ["--kind", "contradiction", "--limit", str(FIRST)], None),
    (f"--asserter (the most listed), first {FIRST} rows", ["--asserter", "{asserter}", "--limit", str(FIRST)], None),
    (f"--incident (the most listed), first {FIRST} rows", ["--incident", "{incident}", "--limit", str(FIRST)], None),
    (f"--place (the most listed), first {FIRST} rows", ["--place", "{place}", "--limit", str(FIRST)], None),
    (f"--since/--until (one year), first {FIRST} rows", ["--since", "{year}", "--until", "{year}", "--limit", str(FIRST)],
     None),
]
FROM_LISTING = {what for what, extra, _ in COMMANDS if any("{" in a for a in extra)}
STREAMED = {"whole listing", f"--metric {METRIC}"}  # their first row and rate are reported too

# Run in the child: the command through the CLI, its output written to a file as `kg conflicts > FILE` writes
# it, timed inside the process: to its end, and to the first write holding a row (the header is the first line)
CHILD = """
import csv, hashlib, json, sys, time
from kg.cli import app
args, path = json.loads(sys.argv[1]), sys.argv[2]

class Timed:
    def __init__(self, out):
        self.out, self.lines, self.first = out, 0, None
    def write(self, text):
        self.out.write(text)
        self.lines += text.count("\\n")
        if self.first is None and self.lines > 1:
            self.first = time.perf_counter()
        return len(text)
    def __getattr__(self, name):
        return getattr(self.out, name)

with open(path, "w", encoding="utf-8", newline="") as out:
    sys.stdout = timed = Timed(out)
    t = time.perf_counter()
    try:
        app(args, standalone_mode=False)
    finally:
        seconds = time.perf_counter() - t
        sys.stdout = sys.__stdout__
with open(path, encoding="utf-8", newline="") as out:
    rows = list(csv.reader(out))[1:]
digest = lambda rs: hashlib.sha256(json.dumps(rs).encode()).hexdigest()
with open(path, "rb") as out:
    written = hashlib.sha256(out.read()).hexdigest()
first = None if timed.first is None else timed.first - t
print(json.dumps({"seconds": seconds, "first_row": first, "rows": len(rows), "output": digest(rows),
                  "first": digest(rows[:%d]), "bytes": written}))
""" % FIRST


def run_kg(source: Path, args: list[str], output: Path) -> dict:
    """One `kg` command with the kg code of ``source``, in a child process writing to ``output``: its seconds, the
    seconds to its first row, its rows and output hashes."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(args), str(output)], env=env, cwd=source,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def filter_values(listing: Path) -> dict[str, str]:
    """Values for the filters from a whole listing's CSV: the asserter, incident and place most listed, and the
    year most listed rows end in."""
    with open(listing, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    most = lambda key: Counter(r[key] for r in rows if r[key]).most_common(1)[0][0]  # noqa: E731
    return {"asserter": most("asserter_a"), "incident": most("incident"), "place": most("place"),
            "year": Counter(r["period_end"][:4] for r in rows if r["period_end"]).most_common(1)[0][0]}


def measure(store: Path, before: Path, runs: int, work: Path) -> list[dict]:
    """Each command by both codes, alternating, ``runs`` times each: medians, rows and whether the outputs agree."""
    out: dict[str, dict] = {}
    values: dict[str, str] = {}
    for what, extra, listing in COMMANDS:
        args = ["conflicts", "--store", str(store), "-f", "csv", *(a.format(**values) for a in extra)]
        times: dict[str, list[float]] = {"before": [], "after": []}
        firsts: dict[str, list[float]] = {"before": [], "after": []}
        seen: dict[str, dict] = {}
        for _ in range(runs):
            for code, source in (("before", before), ("after", HERE)):
                got = run_kg(source, args, work / f"listing-{code}.csv")
                times[code].append(got["seconds"])
                firsts[code].append(got["first_row"] if got["first_row"] is not None else got["seconds"])
                if code in seen and seen[code]["output"] != got["output"]:
                    raise SystemExit(f"{what}: the {code} code printed other rows on another run")
                seen[code] = got
                print(f"  {store.name} {what} {code}: {got['seconds']:.3f} s, first row {firsts[code][-1]:.3f} s, "
                      f"{got['rows']} rows", file=sys.stderr, flush=True)
        if what == "whole listing":
            values = filter_values(work / "listing-after.csv")
        out[what] = {"what": what, "args": " ".join(args[5:]), "rows": seen["after"]["rows"],
                     "same": seen["before"]["output"] == seen["after"]["output"], "first": seen["after"]["first"],
                     "same_bytes": seen["before"]["bytes"] == seen["after"]["bytes"],
                     "output": seen["after"]["output"],
                     **{f"{code}_{k}": statistics.median(v[code]) for k, v in (("s", times), ("first", firsts))
                        for code in ("before", "after")}}
        if listing is not None:  # a first page: compared below with the start of its listing
            out[what]["listing"] = listing
    for row in out.values():
        if "listing" in row:
            row["start_of_listing"] = row["output"] == out[row["listing"]]["first"]
    return list(out.values())


def _same(r: dict) -> str:
    same = ("yes, byte for byte" if r["same_bytes"] else "the same rows, NOT the same bytes") if r["same"] else "NO"
    if "start_of_listing" in r:
        same += ", the listing's first rows" if r["start_of_listing"] else ", NOT the listing's first rows"
    return same


def table(results: list[tuple[int, dict, list[dict]]]) -> list[str]:
    lines = ["| claims | `kg conflicts` | before (s) | after (s) | before / after | rows | same output |",
             "|---|---|---|---|---|---|---|"]
    for n, info, rows in results:
        for r in rows:
            lines.append(f"| {n:,} | {r['what']} | {r['before_s']:.3f} | {r['after_s']:.3f} | "
                         f"{r['before_s'] / r['after_s']:.1f}× | {r['rows']:,} | {_same(r)} |")
    return lines


def stream_table(results: list[tuple[int, dict, list[dict]]]) -> list[str]:
    """The long listings written to a file: the first row's seconds, the rows a second over the whole command,
    and this code's rows a second once the first is written (the code before writes every row at once)."""
    lines = ["| claims | `kg conflicts -f csv > FILE` | rows | first row before (s) | first row after (s) | "
             "rows/s before | rows/s after | after / before | rows/s after, from the first row |",
             "|---|---|---|---|---|---|---|---|---|"]
    for n, info, rows in results:
        for r in rows:
            if r["what"] in STREAMED:
                before, after = r["rows"] / r["before_s"], r["rows"] / r["after_s"]
                lines.append(f"| {n:,} | {r['what']} | {r['rows']:,} | {r['before_first']:.3f} | {r['after_first']:.3f} | "
                             f"{before:,.0f} | {after:,.0f} | {after / before:.1f}× | "
                             f"{r['rows'] / max(r['after_s'] - r['after_first'], 1e-9):,.0f} |")
    return lines


SUMMARY = [("whole listing", "rows/s to a file", "rate"), ("whole listing", "seconds, all written", "after_s"),
           ("whole listing", "first row written (s)", "first"), (f"--asserter (the most listed), first {FIRST} rows", "s", "after_s"),
           (f"--metric {METRIC}, first {FIRST} rows", "s", "after_s"), (f"--kind contradiction, first {FIRST} rows", "s", "after_s")]


def summary_table(results: list[tuple[int, dict, list[dict]]]) -> list[str]:
    """The figures issue 23 sets targets for, old (--before) against new (this checkout), and new / old: above 1
    for rows a second is faster, below 1 for seconds."""
    lines = ["| claims | `kg conflicts -f csv > FILE` | old | new | new / old |", "|---|---|---|---|---|"]
    for n, info, rows in results:
        by = {r["what"]: r for r in rows}
        for what, unit, key in SUMMARY:
            r = by.get(what)
            if r is None:
                continue
            if key == "rate":
                old, new, text = r["rows"] / r["before_s"], r["rows"] / r["after_s"], "{:,.0f}"
            elif key == "first":
                old, new, text = r["before_first"], r["after_first"], "{:.3f}"
            else:
                old, new, text = r["before_s"], r["after_s"], "{:.3f}"
            lines.append(f"| {n:,} | {what}: {unit} | {text.format(old)} | {text.format(new)} | {new / old:.2f} |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="a kg source tree to compare with (its kg/ package)")
    parser.add_argument("--tiers", type=int, nargs="*", default=[10_000], help="claim counts")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command by each code (the median)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the generated stores (kept)")
    parser.add_argument("--out", type=Path, default=None, help="also write the Markdown here")
    parser.add_argument("--title", default="`kg conflicts` before and after", help="the results' title")
    args = parser.parse_args(argv)
    if not (args.before / "kg" / "__init__.py").exists():
        parser.error(f"--before {args.before}: no kg package there")
    started = datetime.now(timezone.utc)
    head = report_head(args.title, "bench_first_page", argv, started, machine())
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-first-page-"))
    results = []
    for n in args.tiers:
        store, info = analysed_store(work, n)
        results.append((n, info, measure(store, args.before.resolve(), args.runs, work)))
    filters = [f"- {n:,} claims: " + "; ".join(f"`{r['args']}`" for r in rows if r["what"] in FROM_LISTING)
               for n, _, rows in results]
    text = "\n".join([*head, f"- Before: the kg code in `{args.before}`; after: this checkout; medians of "
                              f"{args.runs} runs each, alternating; load average {os.getloadavg()[0]:.1f} at the end",
                       "- Filter values, taken from each store's whole listing:", *filters, "",
                       *summary_table(results), "", *table(results), "", *stream_table(results)]) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
