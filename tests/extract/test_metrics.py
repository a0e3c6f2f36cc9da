"""Metric stage: head noun + verb frame -> SKOS notation, cues from metrics.ttl."""

import pytest

from kg.extract.bounds import figures
from kg.extract.metrics import lexicon, noun_phrase
from kg.extract.numbers import find_numbers
from kg.extract.pipeline import _windows
from kg.vocab import vocabulary


def metrics_of(s):
    lex = lexicon(vocabulary())
    figs = figures(s, find_numbers(s))
    out = []
    for i, f in enumerate(figs):
        after, before, near = _windows(s, figs, i)
        np, marker = noun_phrase(s, f.end)
        res = lex.classify(np, after, before, near)
        out.append(res[0] if res else None)
    return out


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("at least 817 civilians have been unintentionally killed by Coalition strikes", ["civilians-killed"]),
        ("A total of 603 reports are still open.", ["open-reports"]),
        ("reviewing 1,799 reports of possible civilian casualties", ["casualty-reports"]),
        ("from 28,562 strikes that took place", ["strikes"]),
        ("resulted in zero unintentional civilian deaths", ["civilians-killed"]),
        ("The coalition determined that 15 other civilian casualty reports were not credible", ["non-credible-reports"]),
        ("based on an analysis of three reports US officials considered credible", ["credible-reports"]),
        ("Out of the 104 completed casualty reports", ["completed-reports"]),
        ("and received one new report.", ["new-reports"]),
        ("carried over 310 open reports from previous months", ["open-reports"]),
        ("the military is yet to assess 184 reports of casualties", ["open-reports"]),
        ("21 civilians were killed and 11 others were injured", ["civilians-killed", None]),
        ("the Russian bombardment of Kharkiv has killed 21 people and hurt 112", ["people-killed", None]),
        ("more than 2,870 Ukrainian troops have been killed", ["combatants-killed"]),
        ("The \"combatant deaths\" numbered between 2,372 and 2,581", ["combatants-killed"]),
        ("\"non-combatant deaths\" were estimated at between 64 and 116", ["civilians-killed"]),
        ("The mission put the death toll from the strikes at more than 44", ["people-killed"]),
        ("over 61,000 people died of all causes", ["deaths-all-causes"]),
        ("as many as 200,000-300,000 people died on the battlefield", ["combatants-killed"]),
        ("hosting about 600 migrants", [None]),
        ("The US-led coalition of more than 70 countries", ["coalition-members"]),
        ("a speech lasting 45 words", [None]),
    ],
)
def test_metric(sentence, expected):
    assert metrics_of(sentence) == expected


@pytest.mark.parametrize(
    "text, pos, np, marker",
    [
        ("208 of which were deemed credible", 3, "", "ante"),
        ("nine of 101 casualty reports", 4, "", "of-number"),
        ("11 others were injured", 2, "", "ante"),
        ("15 more deaths since", 2, "deaths", "more"),
        ("498 of their troops have", 3, "troops", ""),
        ("the two ISIS (Daesh) snipers, 101", 7, "ISIS snipers", ""),
    ],
)
def test_noun_phrase(text, pos, np, marker):
    assert noun_phrase(text, pos) == (np, marker)


def test_cues_come_from_the_vocabulary():
    lex = lexicon(vocabulary())
    assert {c.cues.notation for c in lex.items} == set(vocabulary().metrics)
    assert any(c.cues.count_nouns for c in lex.items)
