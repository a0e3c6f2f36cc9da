"""SHACL shapes: violations reject an article with a message naming the quote and the rule."""

from decimal import Decimal

import pytest

from kg.extract import EXTRACTOR_VERSION
from kg.model import Period
from kg.rdf import article_graph
from kg.validate import validate_graph

from conftest import make_article, make_claim


def findings(vocab, *claims, **article_kw):
    art = make_article(claims=claims, **article_kw)
    return validate_graph(article_graph(art, vocab, EXTRACTOR_VERSION), vocab)


def violations(vocab, *claims, **kw):
    return [f for f in findings(vocab, *claims, **kw) if f.severity == "violation"]


def test_a_well_formed_claim_conforms(vocab):
    assert violations(vocab, make_claim()) == []


def test_a_range_with_its_upper_value_conforms(vocab):
    c = make_claim(bound="range", value=Decimal(7316), value_max=Decimal(11637))
    assert violations(vocab, c) == []


@pytest.mark.parametrize("overrides, expected", [
    (dict(asserter=None), "asserter"),
    (dict(value=Decimal(-5)), "value"),
    (dict(bound="range", value_max=None), "range needs an upper value"),
    (dict(bound="range", value=Decimal(10), value_max=Decimal(5)), "not above its upper value"),
    (dict(metric="goats-counted"), "metric scheme"),
    (dict(period=Period("2018-05", "2017-11")), "ends before it begins"),
    (dict(period=Period("2018-05-20", "2018-05-03")), "before it begins"),
    (dict(quote="", start=0, end=0), "evidence"),
    (dict(confidence=1.5), "confidence"),
])
def test_broken_claims_are_violations_that_name_the_quote(vocab, overrides, expected):
    claim = make_claim(quote=overrides.pop("quote", "the figure at issue"), **overrides)
    found = violations(vocab, claim)
    assert found, f"no violation for {overrides}"
    assert any(expected in f.message for f in found), [f.message for f in found]
    if claim.quote:
        assert any(f.focus == "the figure at issue" for f in found)


def test_periods_at_different_precision_compare_at_the_shared_one(vocab):
    # May 2018 to 3 May 2018 is fine at month precision.
    assert violations(vocab, make_claim(period=Period("2018-05", "2018-05-03"))) == []


def test_missing_metadata_and_unresolved_periods_are_warnings(vocab):
    claim = make_claim(period=Period(None, None, "this year"))
    found = findings(vocab, claim, publisher=None, published=None)
    assert {f.severity for f in found} == {"warning"}
    messages = " ".join(f.message for f in found)
    assert "no publication date" in messages
    assert "no publisher" in messages
    assert "could not be resolved" in messages
