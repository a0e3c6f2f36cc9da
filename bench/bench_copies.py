"""Copy detection: precision and recall by threshold, and load throughput with it and without it.

    .venv/bin/python -m bench.bench_copies [--articles 10000] [--templated 3000] [--skip-load]

1. Precision and recall of the copy links kg.copies makes (the loader's index, in the loader's
   order: stories first) on bench.copies_corpus: 21 made-up and seed stories, two copies of each
   (exact, new headline and boilerplate, cut to 60-80 %, cut with boilerplate) and five other
   stories about the same events. Beside it, how many of ``--templated`` distinct articles of
   bench.corpus (monthly reports written from one set of templates, none a copy) are taken for
   copies of one another.
2. `kg load --workers 2` of an ``--articles`` corpus where a third are copies (bench.corpus
   articles, then copies of a third of them made as in bench.copies_corpus), with copy detection
   and with --no-copies, in this run.
3. The index rebuilt from a store of ``--stories`` stories at the start of a load (reading their
   stored signatures, and making them from the stored text when they have none).
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from bench.bench_load import timed_load
from bench.copies_corpus import COPY_KINDS, CorpusFile, copy_of, corpus
from bench.corpus import generate
from kg.copies import CopyIndex
from kg.load import content_hash
from kg.rdf import article_iri

THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def links(files: list[CorpusFile], threshold: float) -> dict[str, str | None]:
    """Each file's story as the loader finds it (None: a story of its own), files taken in order: the
    same text under another name is a copy of the first, other texts go to the index."""
    index, names, out = CopyIndex(threshold), {}, {}
    for f in files:
        iri = str(article_iri(content_hash(f.text)))
        if iri in names:
            out[f.name] = out[names[iri]] or names[iri]
            continue
        names[iri] = f.name
        found = index.sight(iri, f.text).original
        out[f.name] = names[found] if found else None
    return out


def precision_recall(files: list[CorpusFile], templated: list[CorpusFile]) -> list[dict]:
    rows = []
    for t in THRESHOLDS:
        got = links(files, t)
        copies = [f for f in files if f.kind in COPY_KINDS]
        found = sum(got[f.name] is not None for f in files)
        right = sum(got[f.name] == f.story for f in copies)
        by_kind = {k: sum(got[f.name] == f.story for f in copies if f.kind == k) for k in COPY_KINDS}
        merged = sum(got[f.name] is not None for f in files if f.kind == "same-event")
        false_templated = sum(v is not None for v in links(templated, t).values()) if templated else None
        rows.append({"threshold": t, "precision": right / found if found else 1.0, "recall": right / len(copies),
                     "by_kind": by_kind, "kinds_total": {k: sum(f.kind == k for f in copies) for k in COPY_KINDS},
                     "same_event_merged": merged, "templated_merged": false_templated})
    return rows


def load_corpus(n: int, out: Path, seed: int = 7) -> Path:
    """``n`` articles of which a third are copies of bench.corpus articles, in one folder with a manifest."""
    rng = random.Random(seed)
    stories = [CorpusFile("c", a.name, a.text, a.publisher, a.published, "original", a.name)
               for a in generate(n - n // 3, seed)]
    copies = [copy_of(s, COPY_KINDS[i % len(COPY_KINDS)], rng, i) for i, s in enumerate(rng.sample(stories, n // 3))]
    out.mkdir(parents=True, exist_ok=True)
    with (out / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "title", "url", "publisher", "published"])
        for f in stories + copies:
            (out / f.name).write_text(f.text, encoding="utf-8")
            w.writerow([f.name, "", "", f.publisher, f.published])
    return out


def rebuild_times(n: int, workdir: Path) -> dict:
    """Seconds to rebuild the index from a store of ``n`` stories (article graphs without claims, as
    the loader writes them), with stored signatures and without."""
    from kg.copies import encode, signature
    from kg.model import Article, ArticleMeta, Sighting
    from kg.rdf import article_triples, to_nquads
    from kg.stores import open_store
    from kg.vocab import vocabulary

    vocab, out = vocabulary(), {}
    texts = [a.text for a in generate(n)]
    for signed in (True, False):
        store = open_store(workdir / f"rebuild-{signed}")
        graphs = []
        for i, text in enumerate(texts):
            sighting = Sighting(encode(signature(text))) if signed else None
            article = Article(ArticleMeta(f"{i:06d}.txt"), text, content_hash(text), sighting=sighting)
            iri = article_iri(article.key)
            graphs.append((iri, to_nquads(article_triples(article, vocab, "bench"), iri)))
        store.add_graphs_nquads(graphs)
        t = time.perf_counter()
        stories = len(CopyIndex(0.85, store))
        out["signed" if signed else "unsigned"] = (time.perf_counter() - t, stories)
        store.close()
    return out


def print_rebuild(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        times = rebuild_times(n, Path(tmp))
    print(f"\n## Index rebuilt from the store at the start of a load, {n} stories\n")
    print("| stories stored | seconds | stories indexed |\n|---|---|---|")
    for what, (seconds, stories) in times.items():
        label = "with their signatures" if what == "signed" else "without signatures (signed from their text)"
        print(f"| {label} | {seconds:.2f} | {stories} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--templated", type=int, default=3000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-load", action="store_true")
    ap.add_argument("--stories", type=int, default=10000, help="stories in the store the index is rebuilt from")
    ap.add_argument("--only-rebuild", action="store_true")
    args = ap.parse_args()
    if args.only_rebuild:
        return print_rebuild(args.stories)
    files = corpus(copies_per_story=(2,))
    templated = [CorpusFile("t", a.name, a.text, a.publisher, a.published, "original", a.name)
                 for a in generate(args.templated)]
    t = time.perf_counter()
    rows = precision_recall(files, templated)
    took = time.perf_counter() - t
    copies = sum(f.kind in COPY_KINDS for f in files)
    kinds = ", ".join(f"{k} {rows[0]['kinds_total'][k]}" for k in COPY_KINDS)
    print(f"## Precision and recall by threshold\n\nCorpus: bench.copies_corpus, {sum(f.kind == 'original' for f in files)} "
          f"stories, {copies} copies ({kinds}), "
          f"{sum(f.kind == 'same-event' for f in files)} other stories about the same events; "
          f"templated: {args.templated} distinct bench.corpus articles (none a copy). ({took:.0f} s)\n")
    print("| threshold (share of a text's shingles in the story) | precision | recall | "
          + " | ".join(f"{k} found" for k in COPY_KINDS) + " | same-event merged | templated taken for copies |")
    print("|---|---|---|" + "---|" * len(COPY_KINDS) + "---|---|")
    for r in rows:
        kinds = " | ".join(f"{r['by_kind'][k]}/{r['kinds_total'][k]}" for k in COPY_KINDS)
        print(f"| {r['threshold']:.2f} | {r['precision']:.3f} | {r['recall']:.3f} | {kinds} | "
              f"{r['same_event_merged']}/{sum(f.kind == 'same-event' for f in files)} | "
              f"{r['templated_merged']}/{args.templated} |")
    if args.skip_load:
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = load_corpus(args.articles, work / "corpus")
        results = {}
        for name, extra in (("without copy detection (--no-copies)", ["--no-copies"]), ("with copy detection", [])):
            stats = timed_load(folder, work / f"store-{len(results)}", "--workers", str(args.workers), *extra)
            results[name] = stats
        base = next(iter(results.values()))["wall"]
        print(f"\n## Load throughput, {args.articles} articles of which {args.articles // 3} are copies "
              f"(`kg load --workers {args.workers}`, one run each, same run)\n")
        print("| load | wall s | articles/s | ratio to without | peak RSS MiB | summary |")
        print("|---|---|---|---|---|---|")
        for name, s in results.items():
            print(f"| {name} | {s['wall']:.1f} | {args.articles / s['wall']:.1f} | {base / s['wall']:.2f}x | "
                  f"{s['rss_mib']:.0f} | {s['summary']} |")
    print_rebuild(args.stories)


if __name__ == "__main__":
    main()
