"""Text and sentence stages."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.sentences import split
from kg.extract.text import junk_spans, normalise


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("a\u00a0b\r\n", "a b\n"),
        ("\u201cquoted\u201d it\u2019s", "\"quoted\" it's\n"),
        ("line  \n\n", "line\n"),
        ("\ufb01ve", "five\n"),
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@settings(deadline=None)
@given(st.text())
def test_normalise_idempotent(raw):
    once = normalise(raw)
    assert normalise(once) == once


@pytest.mark.parametrize(
    "line",
    [
        "READ MORE: US-Led Coalition Estimated 1,000 Daesh Terrorists Remaining in Syria",
        "Share:",
        "Subscribe",
        "In this representational image, boys look from the window, April 4, 2006. Getty Images/ Hassan Ammar",
        "People gather near a destroyed car, Saturday, April 19, 2014. (AP Photo/Nasir al-Sanna'a)",
        "Kyle Rempfer was an editor and reporter who has covered combat operations.",
        "By Jane Smith",
        "FILE \u2013 A view of a street in the city, April 7, 2024.",
        "7:50 PM - READ ALSO: Russian drone attack on Kharkiv kills 3, injures 20",  # a liveblog entry's link
        "14.05: Read more: Three killed in a drone strike on the port",
    ],
)
def test_junk_lines(line):
    text = normalise(f"First line of the story.\n{line}\nLast line.")
    spans = junk_spans(text)
    assert len(spans) == 1
    a, b = spans[0]
    assert text[a:b] == normalise(line).rstrip("\n")


def test_junk_keeps_offsets():
    text = normalise("Story 5 people.\nREAD MORE: other 3 things\nMore 7 people.")
    sents = split(text)
    assert [s.text for s in sents] == ["Story 5 people.", "More 7 people."]
    for s in sents:
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize(
    "text, n",
    [
        ("U.S. Army Col. Thomas Veale, a spokesman, said so. He left.", 2),
        ("It was released on Nov. 1 by the group. Then more.", 2),
        ("US Air Force Brigadier General Matthew C. Isler said 101 died. Next.", 2),
        ("40 migrants were killed in Tajura.The United Nations said more.", 2),
        ("Visit Military.com for 3.5 more.", 1),
        ("The ruined town, May 2, 2019.Army officers said 12 died.", 2),
        ('"A total of 603 reports are still open." The report said.', 2),
    ],
)
def test_split(text, n):
    sents = split(normalise(text))
    assert len(sents) == n


WRAPPED = """The provincial governor said on Saturday that more than 300 fighters were
killed and 80 others captured in the week-long assault on the river town of
Kessel, the largest operation of the campaign so far.
The army said on Friday that 14 of its soldiers had been killed and that more
than 60 were wounded in the fighting around the bridges.
"""


def test_text_wrapped_at_a_fixed_width_is_split_into_whole_sentences():
    sents = split(normalise(WRAPPED))
    assert [s.text.split()[:3] for s in sents] == [["The", "provincial", "governor"], ["The", "army", "said"]]
    assert "300 fighters were\nkilled" in sents[0].text


def test_a_paragraph_per_line_keeps_its_lines_apart():
    text = normalise("Rebels Overrun River Town\nThe army said 14 soldiers died.\nThe governor said 300 fighters died.\n")
    assert [s.text for s in split(text)] == [
        "Rebels Overrun River Town", "The army said 14 soldiers died.", "The governor said 300 fighters died."]


def test_quote_spanning_sentences():
    text = normalise('He said: "We won. They lost. It is over." Then he left.')
    sents = split(text)
    assert [s.in_quote for s in sents] == [False, True, True, False]


@settings(deadline=None)
@given(st.text())
def test_split_offsets_inside(text):
    t = normalise(text)
    for s in split(t):
        assert 0 <= s.start < s.end <= len(t)
        assert t[s.start:s.end] == s.text


def test_word_before_a_stop_equals_the_regex_search():
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kg.extract.sentences import _word_before

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(list("aZ.\n -é1") + ["U.S", "e.g", "Dr"]), max_size=12).map("".join), st.integers(0, 40))
    def check(text, dot):
        dot = min(dot, len(text))
        m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[:dot])
        assert _word_before(text, dot) == (m.group(1) if m else None)

    check()


def test_credit_hint_search_equals_substring_test():
    import random

    from kg.extract.text import _CREDIT_HINT, _CREDIT_HINT_RX

    rng = random.Random(3)
    pieces = [*_CREDIT_HINT, "Pho", "Gett", "A", "P", "E", "Medi", "caption", " ", "x", "\u00a9"]
    for _ in range(2000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert bool(_CREDIT_HINT_RX.search(s)) == any(h in s for h in _CREDIT_HINT), s


def test_fold_equals_translate():
    import random

    from kg.extract.text import _FOLD, _FOLD_CHARS, _FOLD_STR

    rng = random.Random(5)
    alphabet = [chr(c) for c in _FOLD] + list("ab '\"-\n\u00e9\u2014\u2026")
    for _ in range(2000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _FOLD_CHARS.sub(lambda m: _FOLD_STR[m.group()], s) == s.translate(_FOLD), s


def test_a_correction_notice_is_page_furniture():
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary

    text = ("Live: strikes go on\n\nCorrection: An earlier version of this post gave the ministry's toll as 2,421. "
            "The correct figure is 2,412. We regret the error.\n\nThe health ministry says 2,412 people have been killed.")
    cs = extract(normalise(text), ArticleMeta("x.txt", publisher="Example Wire", published="2024-10-16"), vocabulary())
    assert sorted(int(c.value) for c in cs) == [2412]
