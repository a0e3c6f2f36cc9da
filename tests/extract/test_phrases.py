"""The gazetteer matcher: the indexed lookup finds exactly what a plain scan over every name finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.phrases import PhraseMatcher, lowered, tokens
from kg.vocab import vocabulary


def _scan(matcher: PhraseMatcher, s: str):
    """The reference: at each token, every name sharing its first token, longest first; no overlaps."""
    toks = tokens(s)
    low = [t.lower() for _, _, t in toks]
    out, i, n = [], 0, len(toks)
    while i < n:
        hit = None
        for lw, orig, value, exact in matcher.index.get(low[i], []):
            k = len(lw)
            if i + k > n or tuple(low[i:i + k]) != lw:
                continue
            if exact and tuple(t for _, _, t in toks[i:i + k]) != orig:
                continue
            hit = (toks[i][0], toks[i + k - 1][1], value, k)
            break
        if hit:
            out.append(hit[:3])
            i += hit[3]
        else:
            i += 1
    return out


NAMES = [("UN", "un"), ("Un", "un-mixed"), ("the UN", "un-the"), ("United Nations", "un-long"), ("United Nations Mission", "unama"),
         ("United Nations Mission in Afghanistan", "unama-full"), ("Mosul", "mosul"), ("Deir ez-Zor", "deir"), ("Deir", "deir-short"),
         ("U.S.", "us"), ("US", "us2"), ("al-Jadida", "jadida"), ("New York Times", "nyt"), ("New York", "ny"), ("MSF", "msf")]
WORDS = ["UN", "Un", "un", "the", "The", "United", "united", "Nations", "NATIONS", "Mission", "in", "Afghanistan", "Mosul", "mosul",
         "Deir", "ez-Zor", "U.S.", "US", "us", "al-Jadida", "New", "York", "Times", "MSF", "msf", "'s", ",", ".", "-", "said"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + [n for n, _ in NAMES] + [n.lower() for n, _ in NAMES]), max_size=14), st.lists(st.sampled_from(NAMES), min_size=1, max_size=len(NAMES)))
def test_indexed_lookup_equals_plain_scan(words, names):
    matcher = PhraseMatcher(names)
    s = " ".join(words)
    assert matcher.find(s) == _scan(matcher, s)
    assert matcher.find(s, tokens(s)) == _scan(matcher, s)


def test_gazetteers_on_sentences():
    from kg.extract.attribution import source_index
    from kg.extract.places import _matcher

    vocab = vocabulary()
    sentences = [
        "The UN mission in Afghanistan (UNAMA) said the United Nations had verified 104 deaths in Kunduz and Farah province.",
        "Airwars and the Syrian Observatory for Human Rights said US-led strikes killed 40 civilians in Raqqa and Deir ez-Zor.",
        "According to the Gaza Health Ministry, the toll in Gaza City and Khan Younis rose to 1,200.",
        "the un said; The Pentagon's count, CJTF-OIR's count, and the coalition's count differ.",
    ]
    for m in (source_index(vocab).matcher, _matcher(vocab)):
        for s in sentences:
            assert m.find(s) == _scan(m, s)


def test_lowered_tokens():
    s = "The U.S.-led coalition's \u2013 Al-Qaeda said."
    assert lowered(s) == [t.lower() for _, _, t in tokens(s)]
    assert lowered(s) is lowered(s)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("aZé1_.'&-\u2013\u2014\u2019 ,") + ["'s", "U.S.", "al-", "x\u2019s"]), max_size=20).map("".join))
def test_token_offsets_equal_the_match_offsets(s):
    from kg.extract.phrases import _TOKEN, tokens

    expected = []
    for m in _TOKEN.finditer(s):
        a, b = m.span()
        t = m.group(0)
        if t.endswith(".") and t.count(".") == 1 and len(t) > 2:
            t, b = t[:-1], b - 1
        if len(t) > 2 and t[-2:] in ("'s", "\u2019s"):
            expected += [(a, b - 2, t[:-2]), (b - 2, b, "'s")]
            continue
        expected.append((a, b, "-" if t in ("\u2013", "\u2014") else t))
    assert tokens(s) == expected
