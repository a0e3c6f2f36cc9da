"""Copies: one story appearing again under other names (a wire story in other papers, a reprint
with a new headline and boilerplate, the same text cut short).

A text is shingled into overlapping runs of ``SHINGLE_WORDS`` words and summarised by a MinHash
signature (datasketch); an LSH index over the stories' signatures gives a new text's candidates
(Jaccard similarity from ``CANDIDATE_JACCARD``) without comparing it with every story. The text
copies the candidate that holds the largest share of its shingles, if that share (its containment
in the story, estimated from the signatures and the two texts' shingle counts) reaches the
threshold. Containment, not Jaccard similarity, so that a copy cut to 60 % of its story is still a
copy (its Jaccard similarity is 0.6) while the story's full text loaded after a short copy is not
(only 60 % of it is in the copy: it is kept as a story, with its own claims). A story's signature is stored in its
own article graph (``kg:textSignature``), committed with it, so the index is rebuilt from the store
when a load first needs it: one query, no file beside the store to keep in step. Stories stored
without a signature (loaded with detection off, or before it existed) are signed from their stored
text at that time.

The loader stores a copy as an appearance of its story: its own article node (publisher, date,
URL, text) linked ``prov:wasDerivedFrom`` and ``schema:isBasedOn`` to the story, without claims
(docs/architecture.md says why).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Iterable

import numpy as np
from rdflib.namespace import PROV
from datasketch import LeanMinHash, MinHash, MinHashLSH

from kg.model import Sighting
from kg.namespaces import KG
from kg.stores.sparqlterms import string_literal

SHINGLE_WORDS = 5
NUM_PERM = 128
# The share of a text's word 5-shingles found in a story from which it is a copy of that story:
# precision and recall at several thresholds in bench/RESULTS-copies.md.
DEFAULT_THRESHOLD = 0.85
# The LSH index's threshold: a copy holding half its story, all of it found there, has Jaccard
# similarity 0.5 and one at 60 % with 20 % boilerplate about 0.45. Missed candidates weigh 4x
# false ones (checked on their signatures anyway): 42 bands of 3 rows find a pair at 0.45 98 times
# in 100, where the even weighting's 32 bands of 4 found it 74 times (a cut seed went unfound).
CANDIDATE_JACCARD = 0.35
CANDIDATE_WEIGHTS = (0.2, 0.8)  # (false candidates, missed candidates)
THRESHOLD_ENV = "KG_COPY_THRESHOLD"  # read by `kg load --copy-threshold`
# Stored with each signature: signatures made another way are not compared, they are made again.
SIGNATURE_KIND = f"minhash{NUM_PERM}-w{SHINGLE_WORDS}-affine32:"
_SEED = 1
_WORD = re.compile(r"\w+")

PROV_DERIVED = str(PROV.wasDerivedFrom)


def shingles(text: str) -> set[bytes]:
    """The text's overlapping runs of SHINGLE_WORDS words, case and punctuation left out."""
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


@dataclass(frozen=True)
class Signature:
    """A text's MinHash signature (NUM_PERM unsigned 32-bit values) and how many shingles it has."""

    values: np.ndarray
    size: int


def signature(text: str) -> Signature:
    found = shingles(text)
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme="affine32")
    m.update_batch(list(found))
    return Signature(m.hashvalues.astype(np.uint32), len(found))


def encode(sig: Signature) -> str:
    return f"{SIGNATURE_KIND}{sig.size}:" + base64.b64encode(sig.values.astype("<u4").tobytes()).decode("ascii")


def decode(text: str) -> Signature | None:
    """A stored signature; None when it was made another way (another kind) or is damaged."""
    if not text.startswith(SIGNATURE_KIND):
        return None
    size, _, values = text[len(SIGNATURE_KIND):].partition(":")
    try:
        sig = np.frombuffer(base64.b64decode(values), dtype="<u4")
        size = int(size)
    except ValueError:
        return None
    return Signature(sig.astype(np.uint32), size) if sig.size == NUM_PERM else None


def jaccard(a: Signature, b: Signature) -> float:
    """The Jaccard similarity of two texts' shingles as their signatures estimate it."""
    return float(np.count_nonzero(a.values == b.values)) / NUM_PERM


def containment(copy: Signature, story: Signature) -> float:
    """The share of ``copy``'s shingles found in ``story``, from their estimated Jaccard similarity
    and sizes (|A ∩ B| = J (|A| + |B|) / (1 + J))."""
    j = jaccard(copy, story)
    return min(1.0, j * (copy.size + story.size) / (1 + j) / max(copy.size, 1))


class CopyIndex:
    """The stories of one store (and of the load under way), indexed for near-duplicate lookups."""

    def __init__(self, threshold: float, store=None):
        self.threshold = threshold
        self.store = store
        self._lsh: MinHashLSH | None = None
        self._signatures: dict[str, Signature] = {}

    def _index(self) -> MinHashLSH:
        if self._lsh is None:
            self._lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM, weights=CANDIDATE_WEIGHTS)
            if self.store is not None:
                with self._lsh.insertion_session() as session:
                    for iri, sig in stored_signatures(self.store):
                        self._signatures[iri] = sig
                        session.insert(iri, _minhash(sig), check_duplication=False)
        return self._lsh

    def __len__(self) -> int:
        self._index()
        return len(self._signatures)

    def original_of(self, text: str, sig: Signature | None = None) -> tuple[str, float] | None:
        """The story ``text`` copies and the share of its shingles found there; None when it copies none."""
        sig = signature(text) if sig is None else sig
        best = None
        for iri in self._index().query(_minhash(sig)):
            score = containment(sig, self._signatures[iri])
            if score >= self.threshold and (best is None or (score, best[0]) > (best[1], iri)):
                best = (iri, score)
        return best

    def add(self, iri: str, sig: Signature) -> None:
        """A new story, found by the texts that come after it."""
        lsh = self._index()
        if iri not in self._signatures:
            self._signatures[iri] = sig
            lsh.insert(iri, _minhash(sig), check_duplication=False)

    def sight(self, iri: str, text: str) -> Sighting:
        """Check a text about to be stored under ``iri``: a copy of a story, or a story (then indexed)."""
        sig = signature(text)
        found = self.original_of(text, sig)
        if found is not None and found[0] != iri:
            return Sighting(encode(sig), *found)
        self.add(iri, sig)
        return Sighting(encode(sig))


def _minhash(sig: Signature) -> LeanMinHash:
    # lean: a full MinHash would draw its permutations again for every stored signature (4x slower)
    return LeanMinHash(seed=_SEED, hashvalues=sig.values, scheme="affine32")


_STORY = f"?a a <{KG.Article}> FILTER NOT EXISTS {{ ?a <{PROV_DERIVED}> ?story }}"


def stored_signatures(store) -> Iterable[tuple[str, Signature]]:
    """Each stored story's signature: as stored, or made from its stored text when it has none
    of this kind."""
    unsigned = []
    for iri, text in store.rows(f"SELECT ?a ?sig WHERE {{ GRAPH ?a {{ {_STORY} "
                                f"OPTIONAL {{ ?a <{KG.textSignature}> ?sig }} }} }}"):
        sig = decode(text) if text else None
        if sig is None:
            unsigned.append(iri)
        else:
            yield iri, sig
    for start in range(0, len(unsigned), 500):
        values = " ".join(f"<{iri}>" for iri in unsigned[start:start + 500])
        for iri, text in store.rows(f"SELECT ?a ?text WHERE {{ VALUES ?a {{ {values} }} "
                                    f"GRAPH ?a {{ ?a <{KG.text}> ?text }} }}"):
            yield iri, signature(text)


def copy_counts(store, files: Iterable[str] | None = None) -> dict[str, int]:
    """How many copies each story with copies has, by the story's file name: of every story, or of the
    articles with these file names (looked up by name: a first page of a listing names a few)."""
    if files is None:
        rows = store.rows(f"""SELECT ?file (COUNT(DISTINCT ?copy) AS ?n) WHERE {{
            GRAPH ?copy {{ ?copy a <{KG.Article}> ; <{PROV_DERIVED}> ?story }}
            GRAPH ?story {{ ?story <{KG.fileName}> ?file }} }} GROUP BY ?file""")
        return {file: int(n) for file, n in rows}
    names = sorted(set(files))
    counts: dict[str, int] = {}
    for start in range(0, len(names), 500):
        values = " ".join(string_literal(name) for name in names[start:start + 500])
        for file, n in store.rows(f"""SELECT ?file (COUNT(DISTINCT ?copy) AS ?n) WHERE {{ VALUES ?file {{ {values} }}
                GRAPH ?story {{ ?story <{KG.fileName}> ?file }}
                GRAPH ?copy {{ ?copy <{PROV_DERIVED}> ?story ; a <{KG.Article}> }} }} GROUP BY ?file"""):
            counts[file] = int(n)
    return counts


def copies_and_stories(store) -> tuple[int, int]:
    """(copies stored, stories they copy)."""
    rows = list(store.rows(f"""SELECT (COUNT(DISTINCT ?copy) AS ?copies) (COUNT(DISTINCT ?story) AS ?stories) WHERE {{
        GRAPH ?copy {{ ?copy a <{KG.Article}> ; <{PROV_DERIVED}> ?story }} }}"""))
    copies, stories = rows[0] if rows else (0, 0)
    return int(copies or 0), int(stories or 0)
