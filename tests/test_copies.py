"""Copies of a story (the same text under another name, a new headline and boilerplate, the text cut
short) are stored as appearances of the story and do not multiply its findings; other stories about
the same event are not merged. Real store, real `kg load` and `kg conflicts`, made-up articles
(bench/copies_corpus.py)."""

from __future__ import annotations

import json
import random
import re

from typer.testing import CliRunner

from bench.copies_corpus import SAME_EVENT, CorpusFile, copy_of, originals, write
from kg.cli import app
from kg.copies import copy_counts
from kg.stores import open_store

runner = CliRunner()


def kg(*args) -> str:
    # wide enough that a conflict's "reported by OUTLET, ARTICLE and 2 copies" stays on one line
    r = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    return r.stdout


def counts(store) -> dict[str, int]:
    return {row["what"]: row["count"] for row in json.loads(kg("stats", "--store", store, "--format", "json"))}


def conflicts(store, kind: str | None = None) -> list[tuple]:
    """Every conflict (or finding of one kind) as both sides' claim, article and figure."""
    args = ["conflicts", "--store", store, "--format", "json", *(["--kind", kind] if kind else [])]
    rows = json.loads(kg(*args))
    return sorted((r["kind"], r["claim_a"], r["article_a"], r["value_a"], r["claim_b"], r["article_b"], r["value_b"])
                  for r in rows)


def stories(n: int) -> list[CorpusFile]:
    """The five seed articles first, then made-up ones: ``n`` stories."""
    found = originals()
    return (found[-5:] + found[:-5])[:n]


# Copies found at the default threshold whatever the draw: a copy both cut short and given boilerplate
# is found 8 times in 10 there (bench/RESULTS-copies.md).
SURE_KINDS = ("exact", "boilerplate", "cut")


def copies(of: list[CorpusFile], seed: int = 3, kinds: tuple[str, ...] = SURE_KINDS) -> list[CorpusFile]:
    """A copy of each story listed (twice for one listed twice), kinds taken in turn."""
    rng = random.Random(seed)
    return [copy_of(story, kinds[i % len(kinds)], rng, i) for i, story in enumerate(of)]


def test_18_copies_of_17_stories_give_the_findings_of_the_17_with_18_appearances(tmp_path):
    originals_17 = stories(17)
    copies_18 = copies(originals_17 + originals_17[1:2])  # 001 twice: its Mosul strike is a contradiction
    write(originals_17, tmp_path / "alone")
    write(originals_17 + copies_18, tmp_path / "with")

    kg("load", tmp_path / "alone" / "originals", "--store", tmp_path / "alone-store", "-q")
    out = kg("load", tmp_path / "with" / "originals", tmp_path / "with" / "copies", "--store", tmp_path / "store", "-q")
    assert "35 new, 0 unchanged, 0 rejected article(s)" in out
    assert "18 of the new are copies of 17 stories" in out

    alone, both = counts(tmp_path / "alone-store"), counts(tmp_path / "store")
    assert (both["articles"], both["copies"], both["stories copied"]) == (35, 18, 17)
    assert both["claims"] == alone["claims"] and both["sources"] == alone["sources"]
    assert "18 copies of 17 stories, not counted again in findings" in kg("stats", "--store", tmp_path / "store")
    found = conflicts(tmp_path / "store")
    assert found and found == conflicts(tmp_path / "alone-store")
    assert conflicts(tmp_path / "store", "corroboration") == conflicts(tmp_path / "alone-store", "corroboration")

    # each listed side says how many copies its story has: two for the story copied twice, one for the others
    rows = json.loads(kg("conflicts", "--store", tmp_path / "store", "--format", "json"))
    twice = copies_18[-1].story
    assert any(twice in (r["article_a"], r["article_b"]) for r in rows)
    for r in rows:
        assert (r["copies_a"], r["copies_b"]) == (2 if r["article_a"] == twice else 1, 2 if r["article_b"] == twice else 1)
    assert f"{twice} and 2 copies" in kg("conflicts", "--store", tmp_path / "store")
    # a first page's articles are looked up by name: the counts every story's copies give for them
    with open_store(tmp_path / "store", read_only=True) as store:
        every = copy_counts(store)
        files = {r["article_a"] for r in rows[:3]} | {twice, "no-such-article.txt"}
        assert every[twice] == 2 and copy_counts(store, files) == {f: n for f, n in every.items() if f in files}


def test_copies_loaded_in_a_later_run_are_found_from_the_stored_stories(tmp_path):
    three = stories(8)[5:]  # made-up articles
    write(three + copies(three, seed=5), tmp_path / "corpus")
    store = tmp_path / "store"

    assert "3 new, 0 unchanged" in kg("load", tmp_path / "corpus" / "originals", "--store", store, "-q")
    before = conflicts(store)
    out = kg("load", tmp_path / "corpus" / "copies", "--store", store, "-q")
    assert "3 new, 0 unchanged, 0 rejected article(s); 0 claim(s) stored" in out
    assert "3 of the new are copies of 3 stories" in out
    assert (counts(store)["articles"], counts(store)["copies"]) == (6, 3)
    assert conflicts(store) == before

    # loading the copies again changes nothing: each is known by its own text and name
    assert "0 new, 3 unchanged" in kg("load", tmp_path / "corpus" / "copies", "--store", store, "-q")


def test_other_stories_about_the_same_events_are_not_merged_with_them(tmp_path):
    """Same event, same figures, other words (and one piece quoting a paragraph word for word): each
    is a story of its own with its own claims; a copy loaded with them is still found."""
    made_up = {s.name: s for s in originals()}
    told = [made_up[name] for name in SAME_EVENT]
    others = [CorpusFile("same-event", f"other_{s.name}", SAME_EVENT[s.name], "Valley Times", s.published,
                         "same-event", s.name) for s in told]
    write(told + others + copies(told[:1], seed=9), tmp_path / "corpus")
    store = tmp_path / "store"

    kg("load", tmp_path / "corpus" / "originals", "--store", store, "-q")
    alone = counts(store)["claims"]
    out = kg("load", tmp_path / "corpus" / "same-event", tmp_path / "corpus" / "copies", "--store", store, "-q")
    assert f"{len(others) + 1} new, 0 unchanged" in out
    assert "1 of the new are copies of 1 story" in out
    assert counts(store)["copies"] == 1
    assert counts(store)["claims"] > alone  # the other stories' figures are stored: theirs to count


def test_the_full_story_loaded_after_a_copy_cut_short_is_a_story_of_its_own(tmp_path):
    story = stories(6)[5]
    short = copy_of(story, "cut", random.Random(1), 0)
    write([story, short], tmp_path / "corpus")
    store = tmp_path / "store"

    kg("load", tmp_path / "corpus" / "copies", "--store", store, "-q")  # the short one first
    out = kg("load", tmp_path / "corpus" / "originals", "--store", store, "-q")
    assert "1 new, 0 unchanged" in out and "copies of" not in out
    assert counts(store)["copies"] == 0
    # and the other way round, the short one is a copy of the full story
    kg("load", tmp_path / "corpus" / "originals", "--store", tmp_path / "other", "-q")
    assert "1 of the new are copies of 1 story" in kg("load", tmp_path / "corpus" / "copies", "--store",
                                                       tmp_path / "other", "-q")


def test_a_copy_whose_story_is_removed_becomes_a_story_with_its_claims_and_the_other_copies_copy_it(tmp_path):
    """`kg remove` of a story leaves no copy linked to nothing: its copies become what a load without the
    story would have made them. The earliest published (then by file name) is a story, extracted now; each
    other one is a copy of a story it copies, or a story of its own."""
    story = stories(6)[5]  # a made-up article with claims
    rng = random.Random(3)
    exact, short, again = (copy_of(story, "exact", rng, 0), copy_of(story, "cut", rng, 1),
                           copy_of(story, "exact", rng, 2))
    write([story, exact, short, again], tmp_path / "corpus")
    write([story], tmp_path / "alone")
    kg("load", tmp_path / "alone" / "originals", "--store", tmp_path / "alone-store", "-q")
    store = tmp_path / "store"
    kg("load", tmp_path / "corpus" / "originals", "--store", store, "-q")
    kg("load", tmp_path / "corpus" / "copies", "--store", store, "-q")
    alone = counts(tmp_path / "alone-store")
    assert alone["claims"] > 0 and counts(store)["copies"] == 3

    said = kg("remove", story.name, "--store", store)
    assert f"{exact.name}: a story now (its story was removed), {alone['claims']} claim(s)" in said
    assert f"{short.name}: a copy of {exact.name} now" in said and f"{again.name}: a copy of {exact.name} now" in said
    now = counts(store)
    assert (now["articles"], now["copies"], now["stories copied"]) == (3, 2, 1)
    assert now["claims"] == alone["claims"]
    kinds = lambda s: sorted((k, va, vb) for k, _, _, va, _, _, vb in conflicts(s))  # noqa: E731
    assert kinds(store) == kinds(tmp_path / "alone-store")
    rows = json.loads(kg("conflicts", "--store", store, "--format", "json"))
    assert {r["article_a"] for r in rows} | {r["article_b"] for r in rows} == {exact.name}
    # each is where a load would put it: loading the copies again changes nothing
    assert "0 new, 3 unchanged" in kg("load", tmp_path / "corpus" / "copies", "--store", store, "-q")

    # and once more: the short copy is the earliest left; the full text is not a copy of it, so a story too
    said = kg("remove", exact.name, "--store", store)
    assert f"{short.name}: a story now (its story was removed)" in said
    assert f"{again.name}: a story now (its story was removed), {alone['claims']} claim(s)" in said
    now = counts(store)
    told = [int(n) for n in re.findall(r"(\d+) claim\(s\)", said)]
    assert (now["articles"], now["copies"]) == (2, 0) and now["claims"] == sum(told) > alone["claims"]


def test_copies_a_removal_cut_short_left_orphaned_are_made_articles_by_the_next_load(tmp_path):
    from kg.admin import find_article
    from kg.analysis import findings
    from kg.stores import open_store

    story, other = stories(7)[5:7]
    copy = copy_of(story, "boilerplate", random.Random(2), 0)
    write([story, copy], tmp_path / "corpus")
    write([other], tmp_path / "more")
    store = tmp_path / "store"
    kg("load", tmp_path / "corpus" / "originals", "--store", store, "-q")
    claims = counts(store)["claims"]
    kg("load", tmp_path / "corpus" / "copies", "--store", store, "-q")
    with open_store(store) as s:  # `kg remove` stopped after the story went, before its copy was made an article
        iri = find_article(s, story.name)
        with findings.tracking(s, [iri]):
            s.remove_graph(iri)
    assert (counts(store)["copies"], counts(store)["claims"]) == (1, 0)

    kg("load", tmp_path / "more" / "originals", "--store", store, "-q")
    now = counts(store)
    assert (now["articles"], now["copies"]) == (2, 0)
    assert json.loads(kg("claims", "--store", store, "--article", copy.name, "-f", "json"))
    assert now["claims"] > claims  # the copy's claims (its boilerplate adds no figure) and the other story's
