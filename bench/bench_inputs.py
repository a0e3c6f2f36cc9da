"""Reading cost of each input kind, as a ratio to plain .txt files read in the same process.

    .venv/bin/python bench/bench_inputs.py [--articles 300]

Builds the same N articles (seed texts, varied) as .txt files, as saved news pages
(.html with nav, ads, related stories, comments and scripts), and as one .jsonl.gz
feed, then times ``kg.readers.read_inputs`` over each (reading, decoding, HTML
extraction, language check, date inference; not claim extraction, which
bench_extract.py measures). Also times the refusal of a 50 MB text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.readers import find_files, read_inputs  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Daily Ledger</title>
<meta property="og:site_name" content="Daily Ledger"><meta name="author" content="Staff">
<meta property="article:published_time" content="2018-12-03T09:15:00Z">
<link rel="canonical" href="https://ledger.example/world/{n}"><script>var ads = {n};</script></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/live">Live: 42 dead in storm</a></nav></header>
<div class="ad-banner">Advertisement</div><main><article><h1>{title}</h1>{body}</article>
<aside class="related-stories"><h2>Related stories</h2><ul><li><a href="/a">Strike kills 12</a></li></ul></aside>
<section class="comments"><div class="comment"><p>5,000 died!</p></div></section></main>
<footer>(c) Daily Ledger</footer></body></html>"""


def corpus(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    texts = [p.read_text() for p in sorted(SEEDS.glob("*.txt"))]
    out = []
    for i in range(n):
        paragraphs = [p for p in rng.choice(texts).split("\n") if p.strip()]
        rng.shuffle(paragraphs)
        out.append(f"Report {i}.\n\n" + "\n\n".join(paragraphs[:12]) + "\n")
    return out


def timed(items) -> tuple[float, int]:
    start = time.perf_counter()
    count = 0
    for item in find_files(items):
        for raw in read_inputs(item):
            count += 1
    return time.perf_counter() - start, count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    args = ap.parse_args()
    texts = corpus(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for kind in ("txt", "html"):
            (root / kind).mkdir()
        for i, text in enumerate(texts):
            (root / "txt" / f"a{i:04d}.txt").write_text(text)
            body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
            (root / "html" / f"a{i:04d}.html").write_text(PAGE.format(title=f"Report {i}", n=i, body=body))
        feed = root / "feed.jsonl.gz"
        feed.write_bytes(gzip.compress("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n"
                                               for i, t in enumerate(texts)).encode()))
        huge = root / "huge.txt"
        huge.write_bytes(b"At least 12 civilians were killed.\n" * (50 * 2**20 // 35 + 1))

        timed([root / "txt"])  # warm the imports and the file cache
        base, n = timed([root / "txt"])
        rows = [("txt files (baseline)", base, n)]
        rows.append(("html pages", *timed([root / "html"])))
        rows.append(("jsonl.gz feed", *timed([feed])))
        rows.append(("50 MB text refused", *timed([huge])))
    print(f"{'input':24} {'articles':>8} {'seconds':>8} {'ms/article':>10} {'x txt':>7}")
    for name, seconds, count in rows:
        per = seconds / max(count, 1) * 1000
        print(f"{name:24} {count:8d} {seconds:8.3f} {per:10.2f} {seconds / base * n / max(count, 1):7.2f}")


if __name__ == "__main__":
    main()
