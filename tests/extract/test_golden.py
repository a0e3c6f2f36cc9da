"""Golden-file test: the whole pipeline over the five seed articles, scored like eval/score.py."""

import json
import re
import unicodedata
from pathlib import Path

from kg.extract import extract, normalise
from kg.model import ArticleMeta
from kg.vocab import vocabulary

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).parent / "gold"
CORE = {"civilians-killed", "civilians-injured", "combatants-killed", "people-killed", "strikes", "casualty-reports",
        "credible-reports", "non-credible-reports", "open-reports", "completed-reports", "new-reports"}


def _norm(s):
    s = unicodedata.normalize("NFKC", str(s or "")).lower()
    s = re.sub(r"[\u2010-\u2015\-]", " ", s)
    s = re.sub(r"[^\w ]", "", s)
    return re.sub(r"\s+", " ", s).strip().removeprefix("the ")


def _asserter_ok(name, gold):
    n = _norm(name)
    for a in {_norm(x) for x in [gold["asserter"], *gold.get("asserter_aliases", [])]}:
        if n and (n == a or (len(a) >= 4 and len(n) >= 4 and (a in n or n in a))):
            return True
    return False


def _num(v):
    return None if v is None else float(v)


def _score():
    vocab = vocabulary()
    manifest = {}
    for line in (ROOT / "data" / "seeds" / "manifest.csv").read_text().splitlines()[1:]:
        f, title, url, publisher, published = line.split(",")
        manifest[f] = ArticleMeta(f, title or None, url or None, publisher or None, published or None)
    tp = full = fp = fn = 0
    for g in sorted(GOLD.glob("*.gold.json")):
        gold = json.loads(g.read_text())
        text = normalise((ROOT / "data" / "seeds" / gold["article"]).read_text())
        claims = [c for c in extract(text, manifest[gold["article"]], vocab) if c.metric in CORE]
        for c in claims:
            assert text[c.start:c.end] == c.quote
        used = set()
        for gc in gold["claims"]:
            if not gc["core"] or gc["metric"] not in CORE:
                continue
            best, best_s = None, -1
            for i, c in enumerate(claims):
                if i in used or c.metric != gc["metric"] or _num(c.value) != _num(gc["value"]) or _num(c.value_max) != _num(gc["value_max"]):
                    continue
                ok = (_asserter_ok(c.asserter.label, gc), c.bound == gc["bound"],
                      not gc["period_end"] or (c.period.end or "")[: len(gc["period_end"])] == gc["period_end"])
                if sum(ok) > best_s:
                    best, best_s = i, sum(ok)
            if best is None:
                fn += 1
                continue
            used.add(best)
            tp += 1
            full += best_s == 3
        for i, c in enumerate(claims):
            if i not in used and not any(c.metric == gc["metric"] and _num(c.value) == _num(gc["value"]) for gc in gold["claims"]):
                fp += 1
    wrong = tp - full
    p = full / (full + fp + wrong) if full else 0.0
    r = full / (full + fn + wrong) if full else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def test_seed_full_f1():
    assert _score() >= 0.90
