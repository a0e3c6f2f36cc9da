"""Load benchmarks: end-to-end load, stage shares, validation, re-load, and the plain-rdflib baseline.

    python -m bench.bench_load [--tiers 1000,10000] [--baseline-articles 40] [--repeat 3]

Each tier is a corpus from bench/corpus.py. Loads run as `kg load` subprocesses (so
peak RSS is the process's own, workers included) into a fresh store; figures are the
median of --repeat runs (the largest tier runs once). Prints a Markdown section.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import write_corpus

KG = [sys.executable, "-m", "kg.cli"]


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed_load(corpus: Path, store: Path, *extra: str, code: Path | None = None) -> dict:
    """Run `kg load` under /usr/bin/time-like accounting: wall seconds, peak RSS (MiB) of the loader and of
    its largest worker, summary line. ``code``: run the kg of that checkout instead (a baseline revision)."""
    script = ("import resource, runpy, sys, time, json\n"
            "t = time.perf_counter()\n"
            "sys.argv = ['kg'] + sys.argv[1:]\n"
            "try:\n"
            "    runpy.run_module('kg.cli', run_name='__main__')\n"
            "except SystemExit as e:\n"
            "    code = e.code\n"
            "wall = time.perf_counter() - t\n"
            "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(json.dumps({'wall': wall, 'rss_mib': max(own, kids) / 1024, 'rss_self_mib': own / 1024,\n"
            "                  'rss_worker_mib': kids / 1024}), file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": str(code)} if code else None
    proc = subprocess.run([sys.executable, "-c", script, "load", str(corpus), "--store", str(store), "-q", *extra],
                          capture_output=True, text=True, cwd=code, env=env)
    stats = json.loads(proc.stderr.strip().splitlines()[-1])
    stats["summary"] = proc.stdout.strip()
    return stats


def triple_count(store: Path) -> int:
    out = subprocess.run([*KG, "stats", "--store", str(store), "--format", "json"], capture_output=True, text=True,
                         check=True)
    return {r["what"]: r["count"] for r in json.loads(out.stdout)}["triples"]


def bench_tier(n: int, workdir: Path, repeat: int, workers: list[int], before: Path | None = None) -> list[dict]:
    """Load the tier's corpus with each worker count; with ``before``, also once with that checkout's kg."""
    corpus = write_corpus(workdir / f"corpus-{n}", n, seed=7)
    corpus_mb = du(corpus) / 1e6
    rows = []
    for w in workers:
        runs = []
        for i in range(repeat):
            store = workdir / f"store-{n}-{w}-{i}"
            runs.append(timed_load(corpus, store, "--workers", str(w)))
            if i < repeat - 1:
                shutil.rmtree(store)
        store = workdir / f"store-{n}-{w}-{repeat - 1}"
        wall = statistics.median(r["wall"] for r in runs)
        triples = triple_count(store)
        reload = statistics.median(timed_load(corpus, store, "--workers", str(w))["wall"] for _ in range(max(1, repeat)))
        rows.append({
            "articles": n, "workers": w, "corpus_mb": round(corpus_mb, 1), "wall_s": round(wall, 1),
            "articles_per_s": round(n / wall, 1), "triples_per_s": round(triples / wall),
            "peak_rss_mib": round(max(r["rss_mib"] for r in runs)),
            "worker_rss_mib": round(max(r["rss_worker_mib"] for r in runs)) if w > 1 else None,
            "store_mib": round(du(store) / 2**20, 1),
            "triples": triples, "reload_s": round(reload, 2), "reload_speedup": round(wall / reload, 1),
            "summary": runs[-1]["summary"],
        })
        shutil.rmtree(store)
    if before is not None:
        store = workdir / f"store-{n}-before"
        run = timed_load(corpus, store, "--workers", str(workers[-1]), code=before)
        rows.append({"articles": n, "workers": workers[-1], "before": _revision(before), "wall_s": round(run["wall"], 1),
                     "articles_per_s": round(n / run["wall"], 1), "summary": run["summary"],
                     "worker_rss_mib": round(run["rss_worker_mib"]) if workers[-1] > 1 else None})
        shutil.rmtree(store)
    shutil.rmtree(corpus)
    return rows


def stage_shares(workdir: Path, n: int = 300) -> dict:
    """Per-article CPU time of each load stage, in one process, on n articles."""
    from kg.analysis import findings
    from kg.extract import EXTRACTOR_VERSION
    from kg.readers import read_article, read_manifest
    from kg.load import COMMIT_BATCH, content_hash, prepare
    from kg.rdf import article_iri, article_triples, to_nquads
    from kg.stores import open_store, quads
    from kg.validate import validate_graph, validate_graphs
    from kg.vocab import vocabulary
    from rdflib import Graph

    corpus = write_corpus(workdir / "stages", n, seed=21)
    vocab = vocabulary()
    paths = sorted(corpus.glob("*.txt"))
    clock = time.process_time
    manifest = read_manifest(corpus / "manifest.csv")  # publishers and dates, as kg load reads them
    t = clock(); raws = [read_article(p, manifest=manifest) for p in paths]; read = clock() - t
    t = clock(); [content_hash(r.text) for r in raws]; hashing = clock() - t
    t = clock(); arts = [prepare(r, vocab) for r in raws]; extract = clock() - t
    t = clock(); built = [(article_iri(a.content_hash), article_triples(a, vocab, EXTRACTOR_VERSION)) for a in arts]
    build = clock() - t
    t = clock(); made = {str(iri): list(quads(tr, iri)) for iri, tr in built}; terms = clock() - t
    t = clock()
    for k in range(0, n, 32):
        validate_graphs(built[k:k + 32], vocab, made)
    validate = clock() - t
    t = clock(); nq = [to_nquads(tr, iri, made[str(iri)]) for iri, tr in built]; serialise = clock() - t
    t = clock(); facts = [findings.claim_facts(tr) for _, tr in built]; claim_facts = clock() - t
    store = open_store(workdir / "stages-store")
    names = [iri for iri, _ in built]
    t0, t = time.perf_counter(), clock()
    # as the loader commits: a few hundred articles at a time through the journaled bulk loader
    for k in range(0, n, COMMIT_BATCH):
        store.add_graphs_nquads(list(zip(names[k:k + COMMIT_BATCH], nq[k:k + COMMIT_BATCH])))
    commit, commit_wall = clock() - t, time.perf_counter() - t0
    t = clock()  # the writer's other work: the new claims' findings (kg.analysis.findings), from the facts the workers sent
    keys, figures = {}, {}
    for k, f in facts:
        keys.update(k)
        figures.update(f)
    findings.finish(store, findings.begin(store, names), facts=(keys, figures))
    analyse = clock() - t
    store.close()
    sample = built[:40]
    graphs = []
    for _, tr in sample:
        g = Graph()
        for triple in tr:
            g.add(triple)
        graphs.append(g)
    t = clock()
    for g in graphs:
        validate_graph(g, vocab, engine="pyshacl")
    pyshacl = (clock() - t) / len(sample) * n
    claims = sum(len(a.claims) for a in arts)
    stages = {"read": read, "normalise+hash": hashing, "extract": extract, "build graph": build,
              "Oxigraph terms (for validation and N-Quads)": terms, "validate (compiled SHACL)": validate,
              "serialise N-Quads": serialise, "claim facts (sent to the writer)": claim_facts, "commit": commit,
              "findings": analyse}
    total = sum(stages.values())
    shutil.rmtree(corpus)
    return {"articles": n, "claims": claims, "ms_per_article": {k: round(v / n * 1e3, 2) for k, v in stages.items()},
            "share": {k: round(v / total * 100, 1) for k, v in stages.items()},
            "commit_wall_ms": round(commit_wall / n * 1e3, 2),
            "pyshacl_ms_per_article": round(pyshacl / n * 1e3, 2),
            "validate_ms_per_1000": round(validate / n * 1e6)}


def baseline(workdir: Path, n: int) -> dict:
    """What a user would otherwise do: build the same graph in rdflib's memory store, query it with
    rdflib's SPARQL engine, and validate the whole graph with pyshacl; kg's times beside it."""
    from kg.extract import EXTRACTOR_VERSION
    from kg.readers import read_article, read_manifest
    from kg.load import Loader, prepare
    from kg.analysis.queries import prepare as bind_query, resolve
    from kg.rdf import article_iri, article_triples
    from kg.stores import open_store
    from kg.validate import context_graph, shapes_graph
    from kg.vocab import vocabulary
    from pyshacl import validate as shacl_validate
    from rdflib import Dataset, Graph

    corpus = write_corpus(workdir / "baseline", n, seed=33)
    vocab = vocabulary()
    out: dict = {"articles": n}
    t = time.perf_counter()
    # the same inputs kg load reads: without the corpus manifest (publishers, dates) rdflib's graph
    # lacked outlets and the periods dated from the publication, and who-asserted gave other rows
    manifest = read_manifest(corpus / "manifest.csv")
    g = Dataset(default_union=True)  # one graph per article, queries over the union, as in kg
    for triple in vocab.graph:
        g.add(triple)
    for p in sorted(corpus.glob("*.txt")):
        article = prepare(read_article(p, manifest=manifest), vocab)
        named = g.graph(article_iri(article.content_hash))
        for triple in article_triples(article, vocab, EXTRACTOR_VERSION):
            named.add(triple)
    out["rdflib_build_s"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    with open_store(workdir / "baseline-store") as store:
        Loader(store).load_paths([corpus])
    out["kg_load_s"] = round(time.perf_counter() - t, 2)
    out["triples"] = sum(1 for _ in g.quads())
    # rdflib's engine finished none of the conflict queries within 60 s at 10k claims
    # (bench/RESULTS-queries.md); here it runs the two that finish at this size.
    queries = [q for q in ("claims", "who-asserted") if _exists(q)]
    with open_store(workdir / "baseline-store", read_only=True) as store:
        for name in queries:
            params = {"metric": "civilians-killed"} if name in ("who-asserted", "revisions") else {}
            text = bind_query(resolve(name), params)
            t = time.perf_counter(); rows_rdflib = len(list(g.query(text))); rdflib_s = time.perf_counter() - t
            t = time.perf_counter(); rows_kg = len(store.query(text).rows); kg_s = time.perf_counter() - t
            out[f"query {name}"] = {"rdflib_s": round(rdflib_s, 3), "kg_s": round(kg_s, 3),
                                    "speedup": round(rdflib_s / kg_s, 1) if kg_s else None,
                                    "rows": [rows_rdflib, rows_kg]}
    data = Graph()
    for s_, p_, o_, _ in g.quads():
        data.add((s_, p_, o_))
    for triple in context_graph(vocab):
        data.add(triple)
    t = time.perf_counter()
    shacl_validate(data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True)
    out["pyshacl_whole_graph_s"] = round(time.perf_counter() - t, 2)
    shutil.rmtree(corpus)
    return out


def _revision(checkout: Path) -> str:
    """The commit a checkout holds (its short hash), or its path when git cannot tell."""
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=checkout, capture_output=True, text=True)
    return proc.stdout.strip() or str(checkout)


def _exists(name: str) -> bool:
    from kg.analysis.queries import catalog

    return name in catalog()


def markdown(tiers: list[dict], stages: dict, base: dict | None) -> str:
    lines = ["## Load", "",
             "| articles | workers | corpus MB | wall s | articles/s | triples/s | peak RSS MiB | store MiB | re-load s | re-load speed-up |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in (r for r in tiers if "before" not in r):
        lines.append(f"| {r['articles']} | {r['workers']} | {r['corpus_mb']} | {r['wall_s']} | {r['articles_per_s']} | "
                     f"{r['triples_per_s']} | {r['peak_rss_mib']} | {r['store_mib']} | {r['reload_s']} | {r['reload_speedup']}x |")
    workers = [r for r in tiers if "before" not in r and r["worker_rss_mib"]]
    if workers:
        lines += ["", "Peak RSS of one load worker (the extractor's spaCy model loaded): "
                  + ", ".join(f"{r['worker_rss_mib']} MiB at {r['articles']} articles" for r in workers) + "."]
    for old in (r for r in tiers if "before" in r):
        now = next(r for r in tiers if "before" not in r and r["articles"] == old["articles"] and r["workers"] == old["workers"])
        lines += ["", f"### Before and after, {old['articles']} articles, --workers {old['workers']}, this run", "",
                  "| code | wall s | articles/s | worker peak RSS MiB |", "|---|---|---|---|",
                  f"| before (`{old['before']}`) | {old['wall_s']} | {old['articles_per_s']} | {old['worker_rss_mib']} |",
                  f"| now | {now['wall_s']} | {now['articles_per_s']} | {now['worker_rss_mib']} |",
                  "", f"Now / before: {round(now['articles_per_s'] / old['articles_per_s'], 2)}x."]
    lines += ["", f"### Stage shares (CPU, one process, {stages['articles']} articles, {stages['claims']} claims)", "",
              "| stage | ms/article | share |", "|---|---|---|"]
    for k, v in stages["ms_per_article"].items():
        lines.append(f"| {k} | {v} | {stages['share'][k]} % |")
    lines += ["", f"Commit wall time: {stages['commit_wall_ms']} ms/article against {stages['ms_per_article']['commit']} ms "
              f"of CPU (Oxigraph's bulk loader works in several threads; RocksDB's I/O adds to the wall time).",
              "", "### Validation", "",
              f"- compiled SHACL engine (kg.validate.shacl, batches of 32): {stages['ms_per_article']['validate (compiled SHACL)']} ms/article, "
              f"{stages['validate_ms_per_1000']} ms per 1,000 articles",
              f"- pyshacl, one article graph at a time: {stages['pyshacl_ms_per_article']} ms/article "
              f"({round(stages['pyshacl_ms_per_article'] / max(stages['ms_per_article']['validate (compiled SHACL)'], 1e-9), 1)}x the compiled engine)"]
    if base:
        lines += ["", f"### Baseline: plain rdflib on {base['articles']} articles ({base['triples']} triples)", "",
                  "| task | plain rdflib | kg | kg speed-up |", "|---|---|---|---|",
                  f"| build/load (rdflib: in-memory graph, no validation; kg: extract + validate + store) | "
                  f"{base['rdflib_build_s']} s | {base['kg_load_s']} s | "
                  f"{round(base['rdflib_build_s'] / base['kg_load_s'], 2)}x |",
                  f"| validation of the whole graph (pyshacl) vs kg's per-batch validation | {base['pyshacl_whole_graph_s']} s | "
                  f"{round(stages['validate_ms_per_1000'] * base['articles'] / 1e6, 2)} s | "
                  f"{round(base['pyshacl_whole_graph_s'] / max(stages['validate_ms_per_1000'] * base['articles'] / 1e6, 1e-9), 1)}x |"]
        for k, v in base.items():
            if k.startswith("query "):
                lines.append(f"| {k} (rows {v['rows'][0]} / {v['rows'][1]}) | {v['rdflib_s']} s | {v['kg_s']} s | {v['speedup']}x |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> str:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tiers", default="1000,10000")
    ap.add_argument("--workers", default="1,2", help="worker counts for the smallest tier; larger tiers use the last")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--before", type=Path, help="a checkout of an earlier revision: its load of the largest tier "
                    "runs in this run too, for a before/after row")
    # rdflib's engine had not finished the claims query on 300 articles (3,000 claims) after
    # 20 minutes; the default keeps `make bench` within its time.
    ap.add_argument("--baseline-articles", type=int, default=40)
    a = ap.parse_args(argv)
    tiers = [int(x) for x in a.tiers.split(",") if x]
    workers = [int(x) for x in a.workers.split(",") if x]
    with tempfile.TemporaryDirectory(dir=os.environ.get("KG_BENCH_TMP")) as tmp:
        work = Path(tmp)
        rows = []
        for i, n in enumerate(sorted(tiers)):
            largest = i == len(tiers) - 1
            rows += bench_tier(n, work, a.repeat if i == 0 else 1, workers if i == 0 else workers[-1:],
                               before=a.before if largest else None)
        stages = stage_shares(work)
        base = baseline(work, a.baseline_articles) if a.baseline_articles else None
    text = markdown(rows, stages, base)
    print(text)
    return text


if __name__ == "__main__":
    main()
