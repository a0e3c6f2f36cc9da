"""Sentence stage: split normalised text into sentences with offsets.

Survives abbreviations ("U.S.", "Nov. 1", "Col. Thomas Veale", "Matthew C. Isler"),
missing spaces after a full stop ("Tajura.The United Nations"), and quotes that
span sentences: each sentence records the paragraph it belongs to and whether it
opens inside a quotation, so attribution can look for the quote's speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.tables import CELL_SEPARATOR
from kg.extract.text import junk_spans

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt cpl adm brig cmdr gov sen rep rev st mt ft no nos vs
    jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd jr sr dept univ est approx fig e.g i.e
    al etc pres gens sens reps lieut supt insp""".split()
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    para: int  # paragraph index (blank-line or line separated)
    index: int  # sentence index in the article
    in_quote: bool = False  # the sentence opens inside a quotation begun earlier
    headline: bool = False  # the first line of the article, short and without a full stop
    speaker_tag: str = ""  # who speaks the paragraph, by the tag that opens it in a transcript or a debate ("ANCHOR")


# a transcript's or a debate's speaker opening a paragraph: "ANCHOR:", "DR. SAMIR HADDAD:", "COLONEL X, ARMY
# SPOKESMAN:", "Mr Peter Hallam (Northfield) (Lab):", "The Secretary of State for Defence (Sir Michael Fallon):", "Mr Hallam:"
_SPEAKER_TAG = re.compile(
    r"(?P<tag>[A-Z][A-Z.'-]*(?:[ ,]+[A-Z][A-Z.'-]*){0,7}"
    r"|(?:The\s+)?[A-Z][\w.'-]*(?:\s+[\w.'-]+){0,8}?\s*\([^()\n]{1,80}\)(?:\s*\([^()\n]{1,40}\))*"
    r"|(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Baroness|Dame)\.?(?:\s+[A-Z][\w'-]+){1,3})\s*:\s+(?=\S)")

_SAID_END = (".", "?", "!", '"', "\u201d")

# (a sentence may end with footnote marks: "... 1,040 dead.[3][4] A 2001 study ...")
_BOUNDARY = re.compile(r"""([.!?]+["')\]]*(?:\[\d{1,3}\])*)(\s+|(?=["(\[]?[A-Z]))""")


_LINE_END = ".!?\"')]"

_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _word_before(text: str, dot: int) -> str | None:
    """The ``[A-Za-z][A-Za-z.]*`` run that ends at ``dot`` (what ``re.search(r"([A-Za-z][A-Za-z.]*)$", text[:dot])``
    finds), found by walking back from ``dot`` instead of scanning the text before it."""
    end = dot - 1 if dot > 0 and text[dot - 1] == "\n" else dot  # "$" also matches before a final newline
    i = end
    while i > 0 and text[i - 1] in _WORD_CHARS:
        i -= 1
    while i < end and text[i] == ".":
        i += 1  # the run starts with a letter
    return text[i:end] if i < end else None


def _is_abbrev(text: str, dot: int) -> bool:
    """Is the full stop at ``dot`` part of an abbreviation or an initial?"""
    word = _word_before(text, dot)
    if not word:
        return False
    low = word.lower().rstrip(".")
    if "." in word:  # U.S, U.N, e.g
        return True
    if len(word) == 1 and word.isupper():  # an initial: Matthew C. Isler
        return True
    return low in ABBREVIATIONS


def _split_line(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    s = a
    for m in _BOUNDARY.finditer(text, a, b):
        punct_end = m.end(1)
        dot = m.start(1)
        nxt = text[m.end():m.end() + 1]
        if text[dot] == "." and _is_abbrev(text, dot):
            # "U.S. troops" stays together; "in the U.S. The ..." is rare enough to accept.
            continue
        if m.group(2) == "":
            # no space after the stop: split only "word.Word" (Tajura.The), not "Military.com" or "3.5"
            # ... or a year: "Nov. 14, 2004.US military said" (a dateline run into the first sentence)
            glued = (re.search(r"[a-z]{2}$", text[max(a, dot - 2):dot]) and re.match(r"[A-Z][a-z]", text[m.end():m.end() + 2])) \
                or (re.search(r"(?<!\d)(?:19|20)\d\d$", text[max(a, dot - 5):dot]) and re.match(r"[A-Z][A-Za-z]", text[m.end():m.end() + 2]))
            if not glued \
                    and not (punct_end > dot + 1 and text[punct_end - 1] in "\"')]"):
                continue
        if nxt and (nxt.islower()) and text[dot] != "?":
            continue  # "... said. but" is not a sentence start
        if s < punct_end:
            out.append((s, punct_end))
        s = m.end()
    if s < b and text[s:b].strip():
        out.append((s, b))
    return out


_LONG_WORD = re.compile(r"[A-Za-z][a-z]{3,}")


def title_case(s: str) -> bool:
    """True for a headline in title case: most words of four letters or more are capitalised."""
    words = _LONG_WORD.findall(s)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether the text is wrapped at a fixed width (plain-text wire copy, e-mail): most lines that
    another line follows break off mid-sentence, at widths of a terminal's line."""
    # (a table's rows, cells split by "|" or tabs, are lines of their own, not a wrapped paragraph)
    followed = [(a, b) for (a, b), (c, d) in zip(lines, lines[1:]) if b > a and d > c and not CELL_SEPARATOR.search(text, a, b)]
    broken = [(a, b) for a, b in followed if 40 <= b - a <= 100 and text[b - 1] not in _LINE_END + ":,;"]
    return len(broken) >= 3 and len(broken) >= 0.5 * len(followed)


def _unwrap(text: str, lines: list[tuple[int, int]], skip_starts: set[int]) -> list[tuple[int, int]]:
    """Consecutive non-blank lines as one paragraph (a line of page furniture stays on its own)."""
    out: list[tuple[int, int]] = []
    for a, b in lines:
        joinable = (out and b > a and a not in skip_starts and out[-1][1] > out[-1][0] and out[-1][0] not in skip_starts
                    and not CELL_SEPARATOR.search(text, a, b) and not CELL_SEPARATOR.search(text, *out[-1]))
        if joinable and out[-1][1] + 1 == a:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def split(text: str, skip: list[tuple[int, int]] | None = None) -> list[Sentence]:
    """Sentences of ``text`` outside the ``skip`` spans (default: the junk spans)."""
    if skip is None:
        skip = junk_spans(text)
    skip_starts = {a for a, _ in skip}
    sentences: list[Sentence] = []
    pos = 0
    para = -1
    first_line = True
    body_begun = False
    lines = []
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    if _hard_wrapped(text, lines):
        lines = _unwrap(text, lines, skip_starts)
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            first_line = first_line and not sentences
            continue
        if a in skip_starts:
            continue
        para += 1
        short = len(line) < 200 and not line.rstrip().endswith((".", '"'))
        # the headline: the first line, or a title-case line under the page's chrome ("World", "Menu")
        # before the body's first long paragraph
        headline = short and ((first_line and not sentences) or (not body_begun and title_case(line)))
        body_begun = body_begun or len(line) >= 200
        first_line = False
        quote_open = False
        # a speaker's tag is not part of what is said (nor is a liveblog's heading a tag: "UNRWA: staff toll passes
        # 280" is no one's words)
        tag = _SPEAKER_TAG.match(line) if not headline and line.rstrip().endswith(_SAID_END) else None
        if tag is not None:
            a, line = a + tag.end(), line[tag.end():]
        # A boundary is a [.!?] run followed, before the end of the line, by a space or a capital
        # (after an optional opening quote or bracket). When the only [.!?] of a line are in the run of
        # [.!?"')]] that ends it, nothing follows them and the line is one sentence: skip the search.
        core = line.rstrip(_LINE_END)
        pieces = _split_line(text, a, b) if ("." in core or "!" in core or "?" in core) else ((a, b),)
        for s, e in pieces:
            # trim blanks
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s >= e:
                continue
            body = text[s:e]
            sentences.append(Sentence(s, e, body, para, len(sentences), quote_open, headline,
                                      tag.group("tag") if tag is not None else ""))
            if body.count('"') % 2 == 1:
                quote_open = not quote_open
    return _answers_tagged(sentences)


def _answers_tagged(sentences: list[Sentence]) -> list[Sentence]:
    """In an interview written as questions and answers (two or more short paragraphs that end in a question), the
    paragraph after a question is the answer: tagged "A", the one interviewed."""
    paras: dict[int, list[Sentence]] = {}
    for s in sentences:
        paras.setdefault(s.para, []).append(s)
    asked = {p for p, ss in paras.items() if len(ss) <= 3 and ss[-1].text.rstrip('"\u201d').endswith("?")
             and not ss[0].headline}
    if len(asked) < 2:
        return sentences
    return [replace(s, speaker_tag="A") if s.para - 1 in asked and s.para not in asked and not s.speaker_tag else s
            for s in sentences]
