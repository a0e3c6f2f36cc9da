"""Extraction throughput on a generated corpus of realistic casualty-reporting articles.

    .venv/bin/python bench/bench_extract.py [--articles 600] [--size 4000] [--seed 1]
    .venv/bin/python bench/bench_extract.py --baseline /tmp/extract-base [--rounds 5]

Builds articles of about ``--size`` characters from templated reporting sentences
(attribution before and after quotes, bounds, ranges, periods, places, page junk),
then times ``normalise`` + ``extract`` over them in one process and prints
articles/s and MB/s.

``--baseline DIR`` also imports kg from DIR (a checkout of another revision, e.g.
``git worktree add /tmp/extract-base <rev>``) and times both on the same corpus in
alternating rounds in this one process, so that a busy machine slows both alike;
it prints each one's best and median round and the speed-up.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from kg.extract import extract, normalise
from kg.model import ArticleMeta
from kg.vocab import vocabulary

ORGS = ["Airwars", "the Syrian Observatory for Human Rights", "UNAMA", "Amnesty International", "Human Rights Watch", "the Pentagon",
        "CJTF-OIR", "the coalition", "the Gaza Health Ministry", "the Russian Defence Ministry", "ACLED", "the UN human rights office",
        "Iraq Body Count", "the Bureau of Investigative Journalism", "local officials", "a Ukrainian official", "MSF"]
PEOPLE = ["Col. John Dorrian, a spokesman for CJTF-OIR,", "Chris Woods, who leads Airwars,", "Maj. Gen. Ivan Petrov", "Dr. Sara Khan of MSF"]
PLACES = ["Mosul", "Raqqa", "Aleppo", "Kunduz", "Jilib", "Kharkiv", "Gaza", "Tripoli", "Hodeidah", "Darfur", "Farah province", "Sanaa"]
BOUNDS = ["at least ", "more than ", "nearly ", "about ", "up to ", "some ", "", "", "an estimated "]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
TEMPLATES = [
    "{org} said {bound}{n} civilians were killed in {place} in {month} {year}.",
    "\"We have documented {bound}{n} civilian deaths since {year},\" {org} said in a statement.",
    "According to {org}, {bound}{n} people have been killed in {place} this year.",
    "{Org} estimates the total death toll to be between {n} and {m}.",
    "The coalition conducted {bound}{n} strikes between August {year} and the end of {month} {year2}.",
    "A total of {n} reports are still open, the report said.",
    "{person} said {n} civilian casualty reports were found to be not credible.",
    "In {month} {year}, coalition strikes killed {bound}{n} civilians, based on {k} reports US officials considered credible.",
    "The air strike on a market in {place} on {day} {month} {year} killed {bound}{n} people and wounded {m}, {org} said.",
    "{Org} put the death toll from the attack at {bound}{n}.",
    "Witnesses described scenes of devastation as rescuers searched the rubble for survivors late into the night.",
    "The ministry did not respond to a request for comment on the figures, which could not be independently verified.",
    "READ MORE: Fighting flares again in {place} as talks stall",
    "Share:",
    "The {year} offensive displaced hundreds of thousands of residents, aid groups said.",
    "Reports of the same event from outlets such as the BBC listed the number of deceased to be over {n}.",
    "{n} soldiers have been killed and {m} wounded since the start of the invasion, {org} said.",
]
# Most of a news article is prose without figures: context, reactions, background.
FILLER = [
    "Witnesses described scenes of devastation as rescuers searched the rubble for survivors late into the night.",
    "The ministry did not respond to a request for comment on the figures, which could not be independently verified.",
    "{Org} has repeatedly called on all parties to the conflict to protect civilians and civilian infrastructure.",
    "\"We are deeply concerned by the continuing reports of harm to civilians,\" {org} said in a statement on Tuesday.",
    "The fighting has destroyed much of the old city, and aid agencies say access for humanitarian convoys remains limited.",
    "Officials in {place} said the situation remained tense, with sporadic clashes reported on the outskirts of the city.",
    "The government has denied targeting civilians and says its operations are aimed only at armed groups.",
    "Critics say the investigations are slow and that the findings are rarely made public in full.",
    "{Org} said it would continue to monitor the situation and publish updated figures as they became available.",
    "Residents who fled the area described days without electricity, water or medical care.",
    "The United Nations has urged both sides to return to negotiations and agree to a lasting ceasefire.",
    "Analysts say the true toll is likely to be higher because many deaths in remote areas go unreported.",
]


def make_article(rng: random.Random, size: int) -> str:
    out: list[str] = []
    total = 0
    while total < size:
        t = rng.choice(TEMPLATES) if rng.random() < 0.35 else rng.choice(FILLER)
        org = rng.choice(ORGS)
        y = rng.randint(2011, 2023)
        s = t.format(
            org=org, Org=org[0].upper() + org[1:], person=rng.choice(PEOPLE), bound=rng.choice(BOUNDS),
            n=f"{rng.randint(2, 40000):,}", m=f"{rng.randint(40001, 90000):,}", k=rng.randint(2, 30),
            place=rng.choice(PLACES), month=rng.choice(MONTHS), year=y, year2=y + 1, day=rng.randint(1, 28),
        )
        out.append(s)
        total += len(s) + 1
        if rng.random() < 0.3:
            out.append("")
    return "\n".join(out)


def _kg_modules() -> dict:
    return {k: v for k, v in sys.modules.items() if k == "kg" or k.startswith("kg.")}


def _use(mods: dict) -> None:
    """Make ``mods`` the kg package that imports (including ones inside functions) resolve to."""
    for k in list(_kg_modules()):
        del sys.modules[k]
    sys.modules.update(mods)


def _import_kg(root: Path) -> dict:
    """The kg modules of the checkout at ``root``, imported beside the current ones."""
    current = _kg_modules()
    _use({})
    sys.path.insert(0, str(root))
    try:
        import kg.extract
        import kg.model
        import kg.vocab  # noqa: F401

        if not Path(kg.extract.__file__).resolve().is_relative_to(root.resolve()):
            raise SystemExit(f"--baseline {root}: kg imported from {kg.extract.__file__}")
        return _kg_modules()
    finally:
        sys.path.remove(str(root))
        _use(current)


def compare(corpus: list[str], baseline: Path, rounds: int) -> None:
    versions = {"baseline": _import_kg(baseline), "current": _kg_modules()}
    runs = {}
    for name, mods in versions.items():
        _use(mods)
        ex, norm = mods["kg.extract"].extract, mods["kg.extract"].normalise
        meta = mods["kg.model"].ArticleMeta("bench.txt", publisher="Reuters", published="2024-03-01")
        vocab = mods["kg.vocab"].vocabulary()
        ex(norm(corpus[0]), meta, vocab)  # warm up
        runs[name] = (mods, ex, norm, meta, vocab, [])
    current = versions["current"]
    for _ in range(rounds):
        for name, (mods, ex, norm, meta, vocab, times) in runs.items():
            _use(mods)
            c0 = time.process_time()
            for raw in corpus:
                ex(norm(raw), meta, vocab)
            times.append(time.process_time() - c0)
    _use(current)
    n = len(corpus)
    for name, (*_, times) in runs.items():
        print(f"{name}: articles/s best {n / min(times):.0f} median {n / statistics.median(times):.0f} "
              f"(cpu seconds per round: {' '.join(f'{t:.2f}' for t in times)})")
    base, cur = runs["baseline"][-1], runs["current"][-1]
    print(f"speed-up: {min(base) / min(cur):.2f}x best, {statistics.median(base) / statistics.median(cur):.2f}x median "
          f"({n} articles, {rounds} alternating rounds, baseline {baseline})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--size", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--baseline", type=Path, help="a checkout of another revision to time against, in this process")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds with --baseline")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    vocab = vocabulary()
    corpus = [make_article(rng, a.size) for _ in range(a.articles)]
    if a.baseline:
        compare(corpus, a.baseline, a.rounds)
        return
    meta = ArticleMeta("bench.txt", publisher="Reuters", published="2024-03-01")
    extract(normalise(corpus[0]), meta, vocab)  # warm up: compile the lexicons
    n_bytes = sum(len(t.encode()) for t in corpus)
    claims = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for raw in corpus:
        claims += len(extract(normalise(raw), meta, vocab))
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    # CPU time is the fairer measure on a shared machine; wall time is printed too.
    print(f"articles={len(corpus)} avg_size={n_bytes / len(corpus):.0f}B claims={claims} cpu_seconds={dc:.2f} wall_seconds={dt:.2f} "
          f"articles/s={len(corpus) / dc:.0f} MB/s={n_bytes / dc / 1e6:.2f} (wall: {len(corpus) / dt:.0f} articles/s)")


if __name__ == "__main__":
    main()
