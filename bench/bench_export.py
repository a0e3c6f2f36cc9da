"""Export time of the whole graph in every format on a store of N generated claims (default 10,000).

    .venv/bin/python bench/bench_export.py [--claims 10000] [--results bench/RESULTS-export.md]

The store is filled with generated article graphs written by ``kg.rdf.article_graph`` (the
same triples `kg load` writes; SHACL validation is skipped, it is not what is measured).
Claims repeat figures across sources and periods so the conflict queries find
contradictions, discrepancies, corroborations and revision series.  Each time is also
given as a ratio to a baseline measured in the same process: Oxigraph's own N-Quads
dump of the same store (``store.dump_nquads()``), the floor for touching every triple.

The relations between claims normally come from the conflict queries (queries/conflicts.rq);
at this size they take far longer than any export (timed separately, with ``--conflicts-claims``
claims), so the format runs use the Python interval stand-in of kg.export.relations and
the table says so.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.export import export  # noqa: E402
from kg.extract import EXTRACTOR_VERSION  # noqa: E402
from kg.load import content_hash  # noqa: E402
from kg.model import Article, ArticleMeta, Claim, Incident, Period, SourceRef  # noqa: E402
from kg.rdf import article_graph, article_iri  # noqa: E402
from kg.resources import ontology_files  # noqa: E402
from kg.store import open_store, sync_reference  # noqa: E402
from kg.vocab import vocabulary  # noqa: E402

METRICS = ["civilians-killed", "civilians-injured", "strikes", "casualty-reports", "credible-reports", "open-reports"]
BOUNDS = ["exact", "exact", "exact", "at-least", "more-than", "approx", "range", "at-most"]
PLACES = [("iraq", "syria"), ("iraq",), ("syria",), ("mosul", "iraq"), ("raqqa", "syria")]
CLAIMS_PER_ARTICLE = 10
RUNS = [("graphml", "sources"), ("graphml", "claims"), ("gexf", "sources"), ("gexf", "claims"),
        ("cytoscape", "claims"), ("dot", "claims"), ("csv", "sources"), ("html", "sources"),
        ("turtle", "sources"), ("nquads", "sources"), ("jsonld", "sources")]


def generated_articles(n_claims: int, seed: int = 7):
    rnd = random.Random(seed)
    sources = [SourceRef(f"bench-source-{i}", f"Bench Source {i}") for i in range(40)]
    outlets = [f"Bench Outlet {i}" for i in range(12)]
    incidents = [Incident(f"bench-incident-{i}", f"Strike {i}", f"2017-{1 + i % 12:02d}", ("mosul",)) for i in range(30)]
    n_articles = max(1, n_claims // CLAIMS_PER_ARTICLE)
    for a in range(n_articles):
        claims, parts, offset = [], [], 0
        for _ in range(CLAIMS_PER_ARTICLE):
            metric = rnd.choice(METRICS)
            bound = rnd.choice(BOUNDS)
            value = Decimal(rnd.choice([12, 100, 685, 817, 1061, 1139, 7316, 28562, rnd.randint(1, 5000)]))
            end = f"{rnd.randint(2015, 2019)}-{rnd.randint(1, 12):02d}"
            incident = rnd.choice(incidents) if rnd.random() < 0.1 else None
            period = Period(incident.date, incident.date) if incident else Period("2014-08", end, cumulative=True)
            quote = f"Source says {bound} {value} {metric} (claim {a}-{len(claims)})."
            claims.append(Claim(metric=metric, value=value, bound=bound,
                                value_max=value * 2 if bound == "range" else None,
                                asserter=rnd.choice(sources), period=period,
                                places=incident.places + ("iraq",) if incident else rnd.choice(PLACES),
                                incident=incident, quote=quote, start=offset, end=offset + len(quote),
                                confidence=0.8, rule="bench"))
            parts.append(quote)
            offset += len(quote) + 1
        text = " ".join(parts) + "\n"
        meta = ArticleMeta(file_name=f"bench-{a:06d}.txt", publisher=rnd.choice(outlets),
                           published=f"{rnd.randint(2015, 2019)}-{rnd.randint(1, 12):02d}")
        yield Article(meta, text, content_hash(text), claims)


def build_store(path: Path, n_claims: int):
    store = open_store(path)
    sync_reference(store, ontology_files())
    vocab = vocabulary()
    for article in generated_articles(n_claims):
        store.add_graph(article_iri(article.content_hash), article_graph(article, vocab, EXTRACTOR_VERSION))
    store.flush()
    return store


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--results", type=Path, default=None, help="Write a Markdown table here.")
    ap.add_argument("--conflicts-claims", type=int, default=200,
                    help="Also time the conflicts query on a store this small (0: skip).")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kg-bench-export-"))
    try:
        t_build = time.perf_counter()
        store = build_store(work / "store", args.claims)
        t_build = time.perf_counter() - t_build
        triples = store.triple_count()
        baseline = min(timed(store.dump_nquads) for _ in range(3))
        print(f"store: {args.claims} claims, {triples} quads, built in {t_build:.1f} s; "
              f"baseline (Oxigraph N-Quads dump): {baseline:.3f} s", flush=True)
        conflicts_note = ""
        if args.conflicts_claims:
            small = build_store(work / "small", args.conflicts_claims)
            from kg.export.data import run_named
            secs = timed(lambda: run_named(small, "conflicts", {}))
            small.close()
            conflicts_note = (f"The conflicts query itself (queries/conflicts.rq, all kinds) took {secs:.1f} s on a "
                              f"store of only {args.conflicts_claims:,} generated claims in the same run.")
            print(f"conflicts query on {args.conflicts_claims} claims: {secs:.1f} s", flush=True)
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
                 f"the Python interval stand-in in kg/export/relations.py, not from the conflicts query. "
                 f"{conflicts_note}", "",
                 "| format | view | seconds | × baseline | file size |", "|---|---|---:|---:|---:|"]
        lines += [f"| {f} | {v if f not in ('turtle', 'nquads', 'jsonld') else 'whole store'} | {s:.2f} | {r:.1f} | "
                  f"{size / 1e6:.2f} MB |" for f, v, s, r, size in rows]
        args.results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
