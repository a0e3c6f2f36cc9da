"""Score kg's extractor on gold-annotated articles, end to end through the CLI.

    python bench/evaluate.py GOLD_DIR [GOLD_DIR ...] [--show-errors]

For each folder: write a manifest from the gold files' url/publisher/published,
`kg load` the articles into a temporary store, `kg claims --format jsonl`, and
run the folder's ../score.py on the result. The articles are read where they are
(they are not copied into the repository).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def evaluate(gold_dir: Path, show_errors: bool, workdir: Path) -> int:
    golds = sorted(gold_dir.glob("*.gold.json"))
    if not golds:
        print(f"{gold_dir}: no gold files", file=sys.stderr)
        return 1
    manifest = workdir / f"{gold_dir.name}-manifest.csv"
    with manifest.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "title", "url", "publisher", "published"])
        for path in golds:
            g = json.loads(path.read_text())
            writer.writerow([g["article"], "", g.get("url") or "", g.get("publisher") or "", g.get("published") or ""])
    store = workdir / f"{gold_dir.name}-store"
    kg = [sys.executable, "-m", "kg.cli"]
    files = [str(gold_dir / json.loads(p.read_text())["article"]) for p in golds]
    subprocess.run([*kg, "load", *files, "--manifest", str(manifest), "--store", str(store), "-q"], check=False)
    claims = workdir / f"{gold_dir.name}-claims.jsonl"
    with claims.open("w") as out:
        subprocess.run([*kg, "claims", "--store", str(store), "--format", "jsonl"], stdout=out, check=True)
    scorer = gold_dir.parent / "score.py"
    print(f"== {gold_dir}")
    args = [sys.executable, str(scorer), str(gold_dir), str(claims)] + (["--show-errors"] if show_errors else [])
    return subprocess.run(args).returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dirs", nargs="+", type=Path)
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for d in args.gold_dirs:
            if d.is_dir():
                status |= evaluate(d, args.show_errors, Path(tmp))
            else:
                print(f"{d}: not found, skipped", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
