"""The first-character guard never changes what a pattern finds."""

import random
import re
from pathlib import Path

import kg.extract.pipeline  # noqa: F401  (imports every stage, so every guarded pattern is registered)
from kg.extract import normalise
from kg.extract.fastre import GUARDED, guard
from kg.extract.metrics import lexicon
from kg.extract.sentences import split
from kg.vocab import vocabulary

ROOT = Path(__file__).resolve().parents[2]


def _found(rx, s):
    return [(m.span(), m.groups()) for m in rx.finditer(s)]


def _guarded_pairs():
    lexicon(vocabulary())  # the metric cue patterns are guarded when the lexicon is built
    return list(GUARDED.items())


def test_the_stages_guard_their_hot_patterns():
    from kg.extract import attribution, incidents, periods

    pairs = _guarded_pairs()
    assert len(pairs) >= 40
    assert attribution._PASSIVE in GUARDED and incidents._EVENT in GUARDED
    assert dict(periods._PATTERNS)["day"].pattern.startswith("(?=[")


def test_guarded_patterns_find_the_same_in_the_seed_articles():
    sentences = [x.text for p in sorted((ROOT / "data" / "seeds").glob("*.txt")) for x in split(normalise(p.read_text()))]
    assert sentences
    for guarded, plain in _guarded_pairs():
        for s in sentences:
            assert _found(guarded, s) == _found(plain, s), (plain.pattern[:60], s)


def test_guarded_patterns_find_the_same_in_random_text():
    rng = random.Random(7)
    for guarded, plain in _guarded_pairs():
        # text made of the pattern's own words (in any case), numbers, and the characters re.I folds
        words = sorted(set(re.findall(r"[A-Za-z]{2,}", plain.pattern)))
        pieces = words + [w.upper() for w in words] + ["3", "12", "2019", "31st", "1,200", "a", "I", "the", "\u017f", "\u212a", "\u0131"]
        seps = [" ", " ", " ", ", ", "-", "", ".", "'s ", " (", '"', "\n"]
        for _ in range(300):
            s = "".join(rng.choice(pieces) + rng.choice(seps) for _ in range(rng.randint(1, 10)))
            assert _found(guarded, s) == _found(plain, s), (plain.pattern[:60], s)


def test_guard_leaves_patterns_it_cannot_read_or_that_match_anywhere():
    for pattern in (r"a*", r"(?P<x>a)?(?P=x)b", r".x", r"\w+", r"[^a]b", r"(?:x|)y?", r"(?i:ab)"):
        rx = re.compile(pattern)
        assert guard(rx) is rx, pattern


def test_guard_keeps_case_folding():
    rx = re.compile(r"\b(?:since|kilos)\b", re.I)
    g = guard(rx)
    assert g is not rx and g.pattern.startswith("(?=[")
    for s in ("SINCE 2014", "\u017fince then", "\u212ailos", "the kilos", "sincere"):
        assert _found(g, s) == _found(rx, s), s
