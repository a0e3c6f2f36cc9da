"""Text stage: normalise raw article text, and mark page junk as excluded spans.

``normalise`` gives the text kg stores; every offset of a claim points into it.
``junk_spans`` never deletes anything: it returns (start, end) spans of lines that
are page furniture (other stories' headlines, photo captions and credits, share
and subscribe widgets, comment boxes, author bios) so later stages skip them while
offsets stay valid against the stored text.
"""

from __future__ import annotations

import re
import unicodedata

# Curly quotes become straight ones so that quote matching is simple; dashes and
# no-break spaces are folded by NFKC or here. Lengths never change (1 char -> 1 char).
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
    "\u200b": None, "\ufeff": None, "\u00ad": None,
})
# str.translate looks every character of a non-ASCII text up in the table; finding the few
# characters to fold with one character class and replacing only those gives the same text.
_FOLD_CHARS = re.compile("[" + "".join(chr(c) for c in _FOLD) + "]")
_FOLD_STR = {chr(c): v or "" for c, v in _FOLD.items()}


def normalise(raw: str) -> str:
    """NFKC, straight quotes, plain spaces, Unix newlines, no trailing blanks.

    Offsets of claims point into the result. Idempotent: ``normalise(normalise(x)) == normalise(x)``.
    """
    text = unicodedata.normalize("NFKC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _FOLD_CHARS.sub(lambda m: _FOLD_STR[m.group()], text)  # = text.translate(_FOLD)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return text + "\n"


# Whole lines that are page furniture. Each pattern is matched against a stripped line.
_JUNK_LINE = re.compile(
    r"""^(?:
        # (a liveblog entry's time may open the line: "7:50 PM - READ ALSO: ...")
        (?:\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*[-\u2013\u2014:|]?\s*)?
        (?:READ\ MORE|Read\ more|READ\ ALSO|Read\ also|Related|RELATED|See\ also|ALSO\ READ|Also\ read|Click\ to\ enlarge|Story\ Code)\b.*
      | (?:Share|Share\ this(?:\ article)?|Subscribe|Newsletter|Comments?|Advertisement|ADVERTISEMENT|Newsfeed|Chats|loader|Embed|
           In\ Other\ News|No\ more\ stories|Follow\ us.*|Sign\ up.*|Log\ in.*|log\ in\ or\ register|To\ participate\ in\ the\ discussion|
           \d+\ comments?|Print|Email|Tweet|Whatsapp|Facebook|Twitter|Close)\s*:?$
      | \d{1,3}$
      # (a byline, not a clause dated "By Tuesday, 300 people had been killed ...")
      | By\ (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|
                 August|September|October|November|December|Then|Now|Midday|Noon|Nightfall|Dawn|Mid|Late|Early|End)\b)
        [A-Z][\w.'-]+(?:\ [A-Z][\w.'-]+){0,3}(?:,[^\d]{0,80})?$
      | (?:Copyright|All\ rights\ reserved|Click\ here|Sign\ up|Advertisement|Image\ caption|Image\ source|Media\ caption)
      | FILE\ [-\u2013\u2014]\ 
      | (?:Correction|Updated|Last\ updated|Published(?:\ on)?|First\ published|Posted(?:\ on)?)\s*:?\s*[\w\ ,:.]{0,30}(?:19|20)\d\d[\w\ ,:.]{0,20}$
      | (?:Correction|Clarification)\s*:.*\b(?:earlier|previous|original)\ version\b.*
    )""",
    re.VERBOSE,
)
# Photo credits and captions anywhere in a (short) line.
_CREDIT = re.compile(
    r"©|\(AP Photo|\((?:AFP|Reuters|EPA|Getty)(?:/[^)]*)?\)\s*$|\bGetty Images\b|\[Getty\]|\bPhoto(?:graph)?:|\bPhoto credit|"
    r"\bImage (?:caption|source|copyright)\b|\bMedia caption\b|/ ?(?:AFP|Reuters|EPA|AP)(?: via Getty Images)?\)?\s*$"
)
# Author bios: "Jane Smith is a reporter who covers ..."
_BIO = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z'-]+){1,2} (?:is|was) (?:a|an|the)\b[^.]*\b(?:editor|reporter|correspondent|writer|journalist|columnist|contributor)\b")
_CREDIT_HINT = ("©", "Photo", "Getty", "AFP", "Reuters", "EPA", "AP", "Image", "Media caption")
# "any of the hints is in the line" as one search (a literal alternation the regex engine scans fast)
_CREDIT_HINT_RX = re.compile("|".join(re.escape(h) for h in _CREDIT_HINT))


# Caption lines often begin like this ("In this representational image, ...", "This Saturday photo ...").
_CAPTION = re.compile(r"^(?:In this (?:\w+ )?(?:image|photo|picture|file photo)|This (?:\w+, )?[\w .,]*(?:photo|image|still)\b)", re.I)


def junk_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of whole lines that are page junk, in text order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if s and (
            _JUNK_LINE.match(s)
            or _CAPTION.match(s)
            or s.endswith(" - Sputnik International")
            or (len(s) <= 600 and _CREDIT_HINT_RX.search(s) and _CREDIT.search(s))
            or (" is a" in s or " was a" in s or " is the" in s or " was the" in s) and _BIO.match(s)
        ):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)
