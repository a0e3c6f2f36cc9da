"""Score kg's extractor on gold-annotated articles, end to end through the CLI.

    python bench/evaluate.py SEEDS_DIR DEV_DIR [--show-errors] [--held-out-from N] [--in-process] [--madeup DIR]

For each folder: write a manifest from the gold files' url/publisher/published,
`kg load` the articles into a temporary store, `kg claims --format jsonl`, and
score the result with the folder's ../score.py. Prints full and figure P/R/F1 for
the seeds, the tuning part of the dev set (d01 .. d(N-1)), the held-out part
(dN ..), and all dev articles; each article's own full F1; and the attribute
accuracies; and the made-up articles of bench/madeup .. bench/madeup11 (in the repository, each
written by separate annotators from FORMAT.md alone), scored alike, the later sets in two halves
(see SPLIT_SETS); an unseen half's errors are never listed. The dev articles are read where they are (never
copied into the repository). ``--in-process`` runs the extractor without a store (faster while
working; the same claims as the CLI path but for the store's deduplication).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

# d37..d48: held back until session 13, whose extractor work read their errors at its end; still reported
# apart (and their errors still left out of --show-errors) so that scores stay comparable across sessions
HELD_OUT_FROM = 37
MADEUP = Path(__file__).resolve().parent / "madeup"
BENCH = Path(__file__).resolve().parent
# later made-up sets, each written by other annotators from FORMAT.md alone, split in halves scored apart:
# (folder, label, first number of the second half, what the first half is, what the second half is)
# - madeup2: s01.. for development; s09.. held back until session 14, whose work read their errors
# - madeup3 (session 15, two annotators): s01.. for development from session 15 on; s09.. unseen until late in
#   session 16, whose work read its errors from then on (scored 0.59 unseen)
# - madeup4 (session 16, helper annotators): s01.. for development from session 16 on; s09.. unseen until the start
#   of session 18, whose work read its errors from then on (scored 0.57 unseen)
# - madeup5 (session 18, helper annotators): s01.. for development from session 18 on; s09.. unseen until the start
#   of session 21, whose work read its errors from then on (scored 0.52 unseen)
# - madeup6 (session 21, helper annotators): s01.. and s09.. both unseen in session 21 (scores only); s01.. read
#   from the start of session 22 (scored 0.53 unseen), s09.. once made-up 7 existed (scored 0.45 unseen)
# - madeup7 (session 22, helper annotators): s01.. and s09.. both unseen in session 22 (scores only, but watched);
#   both read from the start of session 23 (scored 0.48 and 0.48)
# - madeup8 (session 23, helper annotators): s01.. and s09.. both unseen in session 23 (scores looked at twice);
#   both read from the start of session 24 (scored 0.44 and 0.38)
# - madeup9 (session 24, helper annotators): s01.. and s09.. both unseen in session 24 (scores looked at three times);
#   both read from the start of session 25 (scored 0.34 and 0.33)
# - madeup10 (session 25, helper annotators, everyday news genres): s01.. and s09.. both unseen in session 25 (scores
#   looked at three times); both read from the start of session 26 (scored 0.55 and 0.50)
# - madeup11 (session 26, helper annotators, everyday news genres): s01.. and s09.. both unseen (scores only, looked
#   at four times)
# an unseen half's errors are never listed
SPLIT_SETS = [
    (BENCH / "madeup2", "made-up 2", 9, "", "once held back"),
    (BENCH / "madeup3", "made-up 3", 9, "", "once unseen"),
    (BENCH / "madeup4", "made-up 4", 9, "", "once unseen"),
    (BENCH / "madeup5", "made-up 5", 9, "", "once unseen"),
    (BENCH / "madeup6", "made-up 6", 9, "once unseen", "once unseen"),
    (BENCH / "madeup7", "made-up 7", 9, "once unseen", "once unseen"),
    (BENCH / "madeup8", "made-up 8", 9, "once unseen", "once unseen"),
    (BENCH / "madeup9", "made-up 9", 9, "once unseen", "once unseen"),
    (BENCH / "madeup10", "made-up 10", 9, "once unseen", "once unseen"),
    (BENCH / "madeup11", "made-up 11", 9, "unseen", "unseen"),
]


def _claims_via_cli(gold_dir: Path, workdir: Path) -> Path:
    golds = sorted(gold_dir.glob("*.gold.json"))
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
    return claims


def _claims_in_process(gold_dir: Path, workdir: Path) -> Path:
    claims = workdir / f"{gold_dir.name}-claims.jsonl"
    with claims.open("w") as out:
        subprocess.run([sys.executable, "-m", "kg.extract", "--gold-dir", str(gold_dir)], stdout=out, check=True)
    return claims


def _scorer(gold_dir: Path):
    spec = importlib.util.spec_from_file_location("kg_eval_score", gold_dir.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _subset(gold_dir: Path, workdir: Path, name: str, keep, prefix: str = "d") -> Path:
    """A folder of links to the gold files whose article number ``keep`` accepts."""
    sub = workdir / name
    sub.mkdir()
    for g in gold_dir.glob("*.gold.json"):
        m = re.match(rf"{prefix}(\d+)_", g.name)
        if keep(int(m.group(1)) if m else None):
            (sub / g.name).symlink_to(g.resolve())
    return sub


def _line(label: str, result: dict) -> str:
    fig, full = result["figure"], result["full"]
    attrs = " ".join(f"{k}={v:.2f}" for k, v in result["attribute_accuracy_on_matches"].items())
    return (f"{label:<24} articles={result['articles']:<3} gold={result['gold_core_claims']:<4} "
            f"full P/R/F1={full['precision']:.2f}/{full['recall']:.2f}/{full['f1']:.2f}  "
            f"figure P/R/F1={fig['precision']:.2f}/{fig['recall']:.2f}/{fig['f1']:.2f}  {attrs}")


def _article_f1(row: dict) -> float:
    tp, fp, gold, full = row["tp"], row["fp"], row["gold"], row["full_tp"]
    p = full / (tp + fp) if tp + fp else 0.0
    r = full / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else (1.0 if not gold and not fp else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("seeds", type=Path)
    ap.add_argument("dev", type=Path)
    ap.add_argument("--show-errors", action="store_true", help="list the errors of the seeds and the tuning part only")
    ap.add_argument("--held-out-from", type=int, default=HELD_OUT_FROM)
    ap.add_argument("--in-process", action="store_true")
    ap.add_argument("--madeup", type=Path, default=MADEUP, help="made-up annotated articles (default bench/madeup)")
    args = ap.parse_args()
    for d in (args.seeds, args.dev):
        if not d.is_dir():
            print(f"{d}: not found (the gold annotations live in ../shared/eval)", file=sys.stderr)
            return 1
    make_claims = _claims_in_process if args.in_process else _claims_via_cli
    cut = args.held_out_from
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        score = _scorer(args.dev)
        claim_lines = {}
        split_sets = [x for x in SPLIT_SETS if x[0].is_dir()]
        sets = [args.seeds, args.dev, *(d for d in (args.madeup,) if d.is_dir()), *(x[0] for x in split_sets)]
        for d in sets:
            path = make_claims(d, work)
            claim_lines[d] = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
        parts = [
            ("seeds", args.seeds, claim_lines[args.seeds]),
            (f"dev d01-d{cut - 1:02d}", _subset(args.dev, work, "tune", lambda n: n is not None and n < cut), claim_lines[args.dev]),
            (f"dev d{cut:02d}- (once held back)", _subset(args.dev, work, "held", lambda n: n is not None and n >= cut), claim_lines[args.dev]),
            ("dev all", args.dev, claim_lines[args.dev]),
            *([("made-up", args.madeup, claim_lines[args.madeup])] if args.madeup.is_dir() else []),
        ]
        listed = {"seeds", f"dev d01-d{cut - 1:02d}"}
        newest_read = next((x[0] for x in reversed(split_sets) if x[3] != "unseen"), None)
        for folder, name, half, first, second in split_sets:
            first_label = f"{name} s01-s{half - 1:02d}" + (f" ({first})" if first else "")
            parts += [
                (first_label, _subset(folder, work, f"{folder.name}-first", lambda n, h=half: n is not None and n < h, "s"),
                 claim_lines[folder]),
                (f"{name} s{half:02d}- ({second})",
                 _subset(folder, work, f"{folder.name}-second", lambda n, h=half: n is not None and n >= h, "s"), claim_lines[folder]),
            ]
            if folder == newest_read:
                listed.add(first_label)  # the newest development half: its errors are the ones to read
        results = {}
        for label, gold_dir, claims in parts:
            results[label], errors = score.score(gold_dir, claims)
            if args.show_errors and label in listed:
                print(f"== errors: {label}")
                print("\n".join(errors))
        print("== each article's full F1")
        for label in ("seeds", "dev all"):
            rows = results[label]["per_article"]
            print("  ".join(f"{k.split('_')[0]}={_article_f1(v):.2f}" for k, v in sorted(rows.items())))
        print("== scores")
        for label, _, _ in parts:
            print(_line(label, results[label]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
