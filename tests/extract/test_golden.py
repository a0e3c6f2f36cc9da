"""Golden-file tests: the whole pipeline over annotated articles, scored like eval/score.py: the five seed
articles (data/seeds) and the made-up articles of bench/madeup (written by a separate annotator)."""

import json
import re
import unicodedata
from pathlib import Path

import pytest

from kg.extract import extract, normalise
from kg.model import ArticleMeta
from kg.vocab import vocabulary

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).parent / "gold"
MADEUP = ROOT / "bench" / "madeup"
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


def _seed_meta():
    manifest = {}
    for line in (ROOT / "data" / "seeds" / "manifest.csv").read_text().splitlines()[1:]:
        f, title, url, publisher, published = line.split(",")
        manifest[f] = ArticleMeta(f, title or None, url or None, publisher or None, published or None)
    return manifest


def _score(gold_dir, text_dir, meta):
    """Full F1 of the extractor on the articles of ``gold_dir`` (texts in ``text_dir``, metadata from ``meta``)."""
    vocab = vocabulary()
    tp = full = fp = fn = 0
    for g in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(g.read_text())
        text = normalise((text_dir / gold["article"]).read_text())
        claims = [c for c in extract(text, meta(gold), vocab) if c.metric in CORE]
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
    manifest = _seed_meta()
    assert _score(GOLD, ROOT / "data" / "seeds", lambda gold: manifest[gold["article"]]) >= 0.90


def test_madeup_full_f1():
    # 0.77 by this scorer when the floor was last raised (0.80 by eval/score.py); 0.49 when the articles were first
    # written, before any work on them
    meta = lambda gold: ArticleMeta(gold["article"], gold.get("title"), gold.get("url"), gold.get("publisher"),  # noqa: E731
                                    gold.get("published"))
    assert _score(MADEUP, MADEUP, meta) >= 0.74


@pytest.mark.parametrize("folder", [MADEUP, *(MADEUP.with_name(f"madeup{n}") for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11))],
                         ids=["madeup", "madeup2", "madeup3", "madeup4", "madeup5", "madeup6", "madeup7", "madeup8", "madeup9",
                              "madeup10", "madeup11"])
def test_madeup_gold_quotes_are_in_their_articles(folder):
    golds = list(folder.glob("*.gold.json"))
    assert len(golds) == 16
    for g in golds:
        gold = json.loads(g.read_text())
        text = (folder / gold["article"]).read_text()
        assert all(c["quote"] in text for c in gold["claims"]), g.name
