"""How the size of a bulk write changes its cost per article (the reason for Loader.commit_batch).

    python bench/bench_commit.py [--articles 640] [--sizes 32,128,256,640]

Builds the N-Quads of generated articles once, then stores them into fresh stores in writes of
each size, through the journaled bulk loader kg load uses, and beside that in one transaction
per write. Prints a Markdown table: wall and CPU milliseconds per article.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import write_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=640)
    ap.add_argument("--sizes", default="32,128,256,640")
    args = ap.parse_args()

    import pyoxigraph as ox
    from rdflib import URIRef

    from kg.readers import read_article, read_manifest
    from kg.load import prepare, process_articles
    from kg.stores import open_store
    from kg.vocab import vocabulary

    work = Path(tempfile.mkdtemp(prefix="kg-bench-commit-"))
    try:
        corpus = write_corpus(work / "corpus", args.articles, seed=11)
        vocab = vocabulary()
        manifest = read_manifest(corpus / "manifest.csv")
        articles = [prepare(read_article(p, manifest=manifest), vocab) for p in sorted(corpus.glob("*.txt"))]
        outcomes = process_articles([(a.meta.file_name, a) for a in articles], vocab)
        graphs = [(URIRef(o.iri), o.nquads) for o in outcomes]

        def bulk(store, chunk):
            store.add_graphs_nquads(chunk)

        def transaction(store, chunk):
            store._store.load(b"".join(nq for _, nq in chunk), format=ox.RdfFormat.N_QUADS)

        print("| write | articles per write | wall ms/article | CPU ms/article |\n|---|---|---|---|")
        for name, write in (("journaled bulk load", bulk), ("one transaction", transaction)):
            for size in (int(s) for s in args.sizes.split(",")):
                path = work / f"store-{name[:4]}-{size}"
                store = open_store(path)
                wall, cpu = time.perf_counter(), time.process_time()
                for k in range(0, len(graphs), size):
                    write(store, graphs[k:k + size])
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                store.close()
                shutil.rmtree(path)
                n = len(graphs)
                print(f"| {name} | {size} | {wall / n * 1e3:.2f} | {cpu / n * 1e3:.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
