"""Latency of the named analysis queries on generated claim graphs, beside rdflib's engine.

For each tier (10k claims; 1M behind --million) a store is generated with
bench.synthetic_claims and every named query runs --runs times on the embedded Oxigraph
store (median reported), and so do the keyed queries behind `kg conflicts --incident` and
`--asserter` (an incident with conflicts read from each store; Airwars). In the same run,
rdflib's in-memory SPARQL engine runs each query on the 10k store's quads (parsed once; one
run per query in a forked child stopped after --rdflib-timeout seconds; a query Oxigraph
itself took longer than that on is not run there). Writes a Markdown table with machine,
date and command.

    python -m bench.bench_queries [--million] [--runs 3] [--out bench/RESULTS-queries.md]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.synthetic_claims import write_analysed_store
from kg.analysis.queries import prepare, resolve
from kg.stores import open_store

QUERIES = ["conflicts", "conflicts-live", "revisions", "stock-flow", "who-asserted", "corroboration", "not-comparable",
           "unattributed", "source-matrix", "figures", "claims"]
# Filtered variants a user runs every day: (label, query, parameters).
VARIANTS = [("conflicts metric=civilians-killed kind=contradiction", "conflicts",
             {"metric": "civilians-killed", "kind": "contradiction"}),
            ("conflicts metric=civilians-killed asserter=Airwars", "conflicts",
             {"metric": "civilians-killed", "asserter": "Airwars"}),
            ("claims article=FILE", "claims", {"article": "synthetic-0000000.txt"})]  # the generator's first article
RUNS = [(name, name, {}) for name in QUERIES] + VARIANTS
# Keyed queries (`kg conflicts --incident/--asserter`): parameters read from each store; SPARQL 1.2
# LATERAL, which rdflib does not parse.
KEYED = ["conflicts-of-incident", "conflicts-of-source source=Airwars", "claims-of-article article=FILE"]
SOURCE = "<https://w3id.org/kg-claims/source/airwars>"  # a gazetteer source, in every generated tier


def keyed_runs(path: Path) -> list[tuple[str, str, dict]]:
    """The keyed queries with an incident that has conflicts (the first such in IRI order) and Airwars."""
    with open_store(path, read_only=True) as store:
        label = next(store.rows(
            "SELECT ?l WHERE { GRAPH <https://w3id.org/kg-claims/graph/findings> { ?f "
            "<https://w3id.org/kg-claims/ns#figureA> ?fa . ?a <https://w3id.org/kg-claims/ns#figure> ?fa } "
            "?a <https://w3id.org/kg-claims/ns#incident> ?i . "
            "?i <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 1"))[0]
    return list(zip(KEYED, ["conflicts-of-incident", "conflicts-of-source", "claims-of-article"],
                    [{"incident": label}, {"source": SOURCE}, VARIANTS[-1][2]]))


def _child(open_engine, text: str, runs: int, repeat_under: float, queue) -> None:
    count_rows = open_engine()  # outside the timing
    for _ in range(runs):
        t = time.perf_counter()
        rows = count_rows(text)
        queue.put((time.perf_counter() - t, rows))
        if time.perf_counter() - t > repeat_under:
            break  # a slow query's runs differ by a few per cent: one is enough
    queue.put(None)


REPEAT_UNDER = 5  # seconds: a query slower than this runs once (its run-to-run spread is small beside its length)


def time_queries(engine: str, open_engine, runs: int, timeout: float, repeat_under: float = REPEAT_UNDER,
                 queries: list[tuple[str, str, dict]] = RUNS) -> dict[str, tuple[float | None, int | None]]:
    """Median of ``runs`` per query (one run for a query slower than ``repeat_under`` seconds), each
    query in a forked child stopped after ``timeout`` seconds per run (None: it did not finish).
    ``open_engine()`` runs in the child and returns a function from query text to row count."""
    out = {}
    ctx = mp.get_context("fork")
    for name, query, params in queries:
        queue = ctx.Queue()
        child = ctx.Process(target=_child, args=(open_engine, prepare(resolve(query), params), runs, repeat_under, queue))
        child.start()
        done, deadline = [], time.monotonic() + timeout * runs
        while True:  # read as results come: a child does not exit while its queue holds data
            try:
                item = queue.get(timeout=max(0.1, deadline - time.monotonic()))
            except Exception:  # noqa: BLE001 - queue.Empty: the deadline passed
                break
            if item is None:
                break
            done.append(item)
        if child.is_alive():
            child.kill()
        child.join()
        finished = bool(done) and (len(done) == runs or done[-1][0] > repeat_under)
        out[name] = (statistics.median(t for t, _ in done), done[-1][1]) if finished else (None, None)
        shown = f"{out[name][0]:.2f} s, {out[name][1]} rows" if out[name][0] is not None else f"> {timeout:.0f} s"
        print(f"  {engine} {name}: {shown}", file=sys.stderr, flush=True)
    return out


def chosen(queries: list[tuple[str, str, dict]], only: set[str] | None) -> list[tuple[str, str, dict]]:
    return [q for q in queries if only is None or q[0] in only]


def time_oxigraph(path: Path, runs: int, timeout: float, only: set[str] | None = None
                  ) -> dict[str, tuple[float | None, int | None]]:
    def open_engine():
        store = open_store(path, read_only=True)  # closed when the child exits
        return lambda text: len(store.query(text).rows)
    keyed = keyed_runs(path)
    return time_queries("oxigraph", open_engine, runs, timeout, queries=chosen(RUNS + keyed, only))


def time_rdflib(path: Path, timeout: float, only: set[str] | None = None, skip: set[str] = frozenset()
                ) -> dict[str, tuple[float | None, int | None]]:
    """One run per query on an in-memory Dataset, parsed once here; each child inherits it through fork.
    ``skip``: queries not to run (Oxigraph itself took longer than ``timeout``: the run could only
    say that rdflib is not faster)."""
    from rdflib import Dataset

    queries = [q for q in chosen(RUNS, only) if q[0] not in skip]
    if not queries:
        return {}
    with open_store(path, read_only=True) as store:
        nquads = store.dump_nquads()
    dataset = Dataset(default_union=True)
    dataset.parse(data=nquads, format="nquads")
    return time_queries("rdflib", lambda: lambda text: len(list(dataset.query(text))), 1, timeout, queries=queries)


def _seconds(value: float | None, timeout: float) -> str:
    return f"{value:.2f}" if value is not None else f"> {timeout:.0f}"


def analysed_store(work: Path, n: int) -> tuple[Path, dict]:
    """The generated store of ``n`` claims in ``work`` and how it was built (a kept one is reused with the figures of
    its build)."""
    path, info = work / f"claims-{n}", work / f"claims-{n}.json"
    if not info.exists():
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {n} claims into {path}", file=sys.stderr, flush=True)
        info.write_text(json.dumps(write_analysed_store(path, n)))
    return path, json.loads(info.read_text())


def report_head(title: str, module: str, argv: list[str] | None, started, machine_line: str) -> list[str]:
    """A results file's first lines: its title, when, on what machine and with which command it was run."""
    return [f"# {title}", "", f"- Date: {started:%Y-%m-%d %H:%M} UTC", f"- Machine: {machine_line}",
            f"- Command: `python -m bench.{module} {' '.join(argv if argv is not None else sys.argv[1:])}`"]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor()) if os.path.exists("/proc/cpuinfo") else platform.processor()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[0]
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}; load average {load:.1f} at the start"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--million", action="store_true", help="also the 1M-claim tier (long: generation and queries)")
    parser.add_argument("--tiers", type=int, nargs="*", default=None, help="claim counts instead of 10k (and 1M)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=120)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per Oxigraph query run")
    parser.add_argument("--build-only", action="store_true", help="generate and analyse the stores, time nothing")
    parser.add_argument("--work", type=Path, default=None, help="folder for the generated stores (kept)")
    parser.add_argument("--out", type=Path, default=Path("bench/RESULTS-queries.md"))
    parser.add_argument("--only", default=None,
                        help="comma-separated row labels to time, e.g. 'conflicts-of-incident,conflicts'")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    tiers = args.tiers or ([10_000, 1_000_000] if args.million else [10_000])
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    started = datetime.now(timezone.utc)
    header = machine()
    results, builds = {}, {}
    for n in tiers:
        path, builds[n] = analysed_store(work, n)
        if not args.build_only:
            # tiers past 100k claims run each query once: a median of several would take hours
            results[n] = time_oxigraph(path, args.runs if n <= 100_000 else 1, args.timeout, only)
    if args.build_only:
        return
    base = min(tiers)
    slower = {name for name, (secs, _) in results[base].items() if secs is None or secs > args.rdflib_timeout}
    rdflib = time_rdflib(work / f"claims-{base}", args.rdflib_timeout, only, skip=slower)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)

    lines = [*report_head("Query latency: named analysis queries", "bench_queries", argv, started, header),
             f"- Oxigraph (pyoxigraph, embedded, on disk): median of {args.runs} runs (one for a query over {REPEAT_UNDER} s: its run-to-run spread is small beside its length, "
             f"and one per query past 100k claims), each stopped after {args.timeout:.0f} s; rdflib "
             f"{__import__('rdflib').__version__} in memory (Dataset, union default graph): one run, "
             f"stopped after {args.rdflib_timeout:.0f} s.", ""]
    for n, info in builds.items():
        took = lambda key: f"{info[key]:.0f} s" if info.get(key) is not None else "time not recorded"  # noqa: E731
        lines.append(f"- {n} claims generated: {info['articles']} articles, {info['quads']} quads, "
                     f"{took('seconds')}; `kg analyse` worked out {info['findings']} findings in "
                     f"{took('analyse')}" + (f" ({info['note']})" if info.get("note") else ""))
    lines.append("")
    head = (["query"] + [f"Oxigraph {n:,} claims (s)" for n in tiers] + [f"rows at {n:,}" for n in tiers]
            + [f"rdflib {base:,} claims (s)", f"rdflib / Oxigraph at {base:,}"])
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in [name for name, _, _ in RUNS] + KEYED:
        if only is not None and name not in only:
            continue
        cells = ([f"`{name}`"] + [_seconds(results[n][name][0], args.timeout) for n in tiers]
                 + [str(results[n][name][1]) if results[n][name][1] is not None else "?" for n in tiers])
        if name in slower and name in {n for n, _, _ in RUNS}:
            lines.append("| " + " | ".join(cells + [f"not run: Oxigraph took over {args.rdflib_timeout:.0f} s", "-"]) + " |")
            continue
        if name not in rdflib:
            lines.append("| " + " | ".join(cells + ["no LATERAL", "-"]) + " |")
            continue
        rs, _ = rdflib[name]
        ox_base = results[base][name][0]
        cells += [_seconds(rs, args.rdflib_timeout),
                  (f"{rs / ox_base:.0f}×" if rs is not None else f"> {args.rdflib_timeout / ox_base:.0f}×")
                  if ox_base else "-"]
        lines.append("| " + " | ".join(cells) + " |")
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
