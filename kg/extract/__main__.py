"""Run the extractor over files and print one JSON object per claim (for scoring and debugging).

    python -m kg.extract FILE.txt... [--publisher P] [--published D] [--url U]
    python -m kg.extract --gold-dir DIR      # metadata from each NAME.gold.json beside NAME.txt
    python -m kg.extract --manifest data/seeds/manifest.csv
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from kg.extract import extract, normalise
from kg.model import ArticleMeta
from kg.vocab import vocabulary


def claim_json(file_name: str, c) -> dict:
    return {
        "article": file_name,
        "asserter": c.asserter.label if c.asserter else None,
        "speaker": c.speaker.label if c.speaker else None,
        "metric": c.metric,
        "value": float(c.value) if c.value != int(c.value) else int(c.value),
        "value_max": None if c.value_max is None else (float(c.value_max) if c.value_max != int(c.value_max) else int(c.value_max)),
        "bound": c.bound,
        "period_start": c.period.start,
        "period_end": c.period.end,
        "place": list(c.places),
        "incident": c.incident.label if c.incident else None,
        "quote": c.quote,
        "start": c.start,
        "end": c.end,
        "confidence": c.confidence,
        "rule": c.rule,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.extract", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--publisher")
    ap.add_argument("--published")
    ap.add_argument("--url")
    ap.add_argument("--gold-dir", type=Path, help="take each article's metadata from NAME.gold.json in this folder")
    ap.add_argument("--manifest", type=Path, help="CSV with file,title,url,publisher,published")
    a = ap.parse_args(argv)
    vocab = vocabulary()
    jobs: list[tuple[Path, ArticleMeta]] = []
    if a.gold_dir:
        for g in sorted(a.gold_dir.glob("*.gold.json")):
            gold = json.loads(g.read_text())
            txt = g.with_name(g.name.replace(".gold.json", ".txt"))
            jobs.append((txt, ArticleMeta(txt.name, url=gold.get("url"), publisher=gold.get("publisher"), published=gold.get("published"))))
    if a.manifest:
        with a.manifest.open() as fh:
            for row in csv.DictReader(fh):
                txt = a.manifest.parent / row["file"]
                jobs.append((txt, ArticleMeta(txt.name, title=row.get("title") or None, url=row.get("url") or None,
                                              publisher=row.get("publisher") or None, published=row.get("published") or None)))
    for f in a.files:
        jobs.append((f, ArticleMeta(f.name, url=a.url, publisher=a.publisher, published=a.published)))
    for path, meta in jobs:
        text = normalise(path.read_text(encoding="utf-8"))
        for c in extract(text, meta, vocab):
            assert text[c.start:c.end] == c.quote
            sys.stdout.write(json.dumps(claim_json(meta.file_name, c), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
