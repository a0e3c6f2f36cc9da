"""The array attribute ruler gives exactly the attributes of the spaCy ruler it replaces.

Sentences made up for the test, with the cases the model's exception patterns are for:
auxiliaries, contractions, pronouns, "there were", whitespace tokens, multi-token patterns.
"""

import spacy

from kg.extract.attributes import compile_ruler
from kg.extract.parse import model_name

SENTENCES = [
    "He was gon",  # with the next one, in one batch: a two-token pattern must not match across docs
    "na be there, he said.",
    "The ministry said on Friday that 40 people were killed in the raid near the river.",
    "It's confirmed that there are 57 bodies, an official in the Red Cross said.",
    "We're gonna count them again, y'all, and then let's see what they've got.",
    "I ain't sure it was them; she didn't say whether he'd been hit.",
    "Nobody knows anything about that, but something must've happened here.",
    "  Two spaces before, and a line break\n\nafter the break, 12 soldiers died.",
    "c'mon, 'nuff said: the ol' numbers are doin' fine, gotta see 'em.",
    "Which report do you mean? The one that lists 300 deaths, or those which don't?",
    "",
]


def _attrs(docs):
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in d] for d in docs]


def test_the_array_ruler_sets_what_spacys_ruler_sets():
    reference = spacy.load(model_name(), exclude=["senter", "ner"])
    assert "attribute_ruler" in reference.pipe_names
    array_ruler = compile_ruler(reference)
    assert array_ruler is not None  # the English model's patterns are all supported
    with reference.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        ours = list(reference.pipe(SENTENCES))
        theirs = list(reference.pipe(SENTENCES))
    lemmatizer = reference.get_pipe("lemmatizer")
    ours = [lemmatizer(d) for d in array_ruler.pipe(ours, batch_size=3)]  # batches across docs
    theirs = [lemmatizer(reference.get_pipe("attribute_ruler")(d)) for d in theirs]
    assert _attrs(ours) == _attrs(theirs)
    assert any(t.pos_ == "AUX" for t in ours[0])  # a test that compared nothing would pass too


def test_kg_parses_with_the_array_ruler():
    from kg.extract.parse import nlp

    names = nlp().pipe_names
    assert "kg_array_attribute_ruler" in names and "attribute_ruler" not in names
