"""Token attributes (coarse POS, morphology, lemma exceptions) set by array operations.

spaCy's English models map the tagger's fine tags to coarse POS and fix known exceptions
with an ``attribute_ruler``: ~180 token patterns run through spaCy's Matcher, token by
token. On the sentences kg parses that Matcher took a third of the whole parse. The
patterns are the model's own data; this component applies exactly the same patterns as
vectorised comparisons over a batch of docs (a mask per pattern, applied in the ruler's
order so that later patterns win, as in the ruler), and is tested to give the same
attributes as the ruler it replaces (tests/extract/test_attributes.py).

Patterns of one or more tokens are supported with the keys the English models use:
TAG, LOWER, DEP, IS_SPACE, each as a value or with IN, NOT_IN or REGEX. A model whose
ruler uses anything else keeps its own ruler (``compile_ruler`` returns None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.language import Language
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.parts_of_speech import IDS as POS_IDS

_KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_READ = [TAG, LOWER, DEP, IS_SPACE]
_WRITE = [POS, MORPH, LEMMA]


class Unsupported(ValueError):
    """A pattern this component cannot apply as arrays."""


@dataclass
class _Rule:
    tokens: list[list[tuple[int, str, object]]]  # per pattern token: (column, op, operand)
    index: int
    pos: int | None
    morph: int | None
    lemma: int | None
    tag: str | None
    dep: str | None


class ArrayAttributeRuler:
    """Applies an attribute ruler's patterns with numpy; call it on docs or ``pipe`` them."""

    def __init__(self, vocab, patterns: list[dict]):
        self.vocab = vocab
        self.rules = [rule for p in patterns for rule in self._compile(p)]
        self._regex_cache: dict[tuple[str, int], bool] = {}

    def _compile(self, pattern: dict) -> list[_Rule]:
        attrs = dict(pattern["attrs"])
        unknown = set(attrs) - {"POS", "MORPH", "LEMMA", "TAG", "DEP"}
        if unknown:
            raise Unsupported(f"attribute {sorted(unknown)}")
        strings = self.vocab.strings
        out = []
        for token_patterns in pattern["patterns"]:
            tokens = []
            for spec in token_patterns:
                conds = []
                for key, value in spec.items():
                    if key not in _KEYS:
                        raise Unsupported(f"key {key}")
                    col = _READ.index(_KEYS[key])
                    if isinstance(value, dict):
                        ((op, operand),) = value.items()
                        if op in ("IN", "NOT_IN"):
                            operand = np.array([strings.add(v) for v in operand], dtype="uint64")
                        elif op != "REGEX":
                            raise Unsupported(f"operator {op}")
                        conds.append((col, op, operand))
                    elif key == "IS_SPACE":
                        conds.append((col, "==", np.uint64(bool(value))))
                    else:
                        conds.append((col, "==", np.uint64(strings.add(value))))
                tokens.append(conds)
            index = pattern.get("index", 0)
            out.append(_Rule(
                tokens, index if index >= 0 else len(tokens) + index,
                POS_IDS[attrs["POS"]] if "POS" in attrs else None,
                self.vocab.morphology.add(attrs["MORPH"]) if "MORPH" in attrs else None,
                strings.add(attrs["LEMMA"]) if "LEMMA" in attrs else None,
                attrs.get("TAG"), attrs.get("DEP")))
        return out

    def _mask(self, cols: np.ndarray, conds) -> np.ndarray:
        mask = np.ones(len(cols), dtype=bool)
        for col, op, operand in conds:
            values = cols[:, col]
            if op == "==":
                mask &= values == operand
            elif op == "IN":
                mask &= np.isin(values, operand)
            elif op == "NOT_IN":
                mask &= ~np.isin(values, operand)
            else:  # REGEX, on the few distinct strings of the batch
                uniq, inverse = np.unique(values, return_inverse=True)
                hits = np.array([self._regex(operand, int(h)) for h in uniq], dtype=bool)
                mask &= hits[inverse]
        return mask

    def _regex(self, regex: str, key: int) -> bool:
        hit = self._regex_cache.get((regex, key))
        if hit is None:
            hit = self._regex_cache[(regex, key)] = re.search(regex, self.vocab.strings[key]) is not None
        return hit

    def __call__(self, doc):
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 256):
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._apply(batch)
                batch = []
        if batch:
            yield from self._apply(batch)

    def _apply(self, docs):
        lengths = [len(d) for d in docs]
        if not sum(lengths):
            return docs
        cols = np.concatenate([d.to_array(_READ).reshape(-1, len(_READ)) for d in docs])
        out = np.concatenate([d.to_array(_WRITE).reshape(-1, len(_WRITE)) for d in docs])
        doc_id = np.repeat(np.arange(len(docs)), lengths)
        n = len(cols)
        edits: list[tuple[np.ndarray, _Rule]] = []
        for rule in self.rules:
            width = len(rule.tokens)
            if width > n:
                continue
            match = np.ones(n - width + 1, dtype=bool)
            for k, conds in enumerate(rule.tokens):
                match &= self._mask(cols[k:n - width + 1 + k], conds)
                if k:  # all of a pattern's tokens in one doc
                    match &= doc_id[k:n - width + 1 + k] == doc_id[:n - width + 1]
            where = np.nonzero(match)[0] + rule.index
            if not len(where):
                continue
            for column, value in ((0, rule.pos), (1, rule.morph), (2, rule.lemma)):
                if value is not None:
                    out[where, column] = value
            if rule.tag is not None or rule.dep is not None:
                edits.append((where, rule))
        starts = np.concatenate([[0], np.cumsum(lengths)])
        for i, doc in enumerate(docs):
            doc.from_array(_WRITE, out[starts[i]:starts[i + 1]])
        for where, rule in edits:  # TAG and DEP edits are rare (whitespace tokens): one by one
            for t in where:
                i = int(np.searchsorted(starts, t, side="right") - 1)
                token = docs[i][int(t - starts[i])]
                if rule.tag is not None:
                    token.tag_ = rule.tag
                if rule.dep is not None:
                    token.dep_ = rule.dep
        return docs


def _make(nlp, name):
    return compile_ruler(nlp)


# (registered once per process: the benchmark imports a second revision of this module beside this one)
if not Language.has_factory("kg_array_attribute_ruler"):
    Language.factory("kg_array_attribute_ruler", func=_make)


def use_array_ruler(nlp) -> bool:
    """Put the array version in place of ``nlp``'s attribute ruler, if it can apply its patterns."""
    if compile_ruler(nlp) is None:
        return False
    nlp.add_pipe("kg_array_attribute_ruler", before="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    return True


def compile_ruler(nlp) -> ArrayAttributeRuler | None:
    """The array version of ``nlp``'s attribute ruler, or None when it has none or uses patterns
    this component does not support."""
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    try:
        return ArrayAttributeRuler(nlp.vocab, nlp.get_pipe("attribute_ruler").patterns)
    except Unsupported:
        return None
