"""Is an article in English? A dependency-free check by script and stop words.

kg's extractor reads English; on another language it would find wrong claims or
none, so a non-English article is stored (its text is kept) without claims and
with a warning. The check: letters mostly in a non-Latin script (Arabic, Cyrillic,
Hebrew, CJK, ...) name that script; Latin text is English when English stop words
make up a good share of its words, else it is named after the language whose stop
words fit best. Short texts (too few words to judge) count as English.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MIN_WORDS = 25
# English running text has 35-50 % stop words; other Latin-script languages share few of them.
MIN_ENGLISH_RATIO = 0.18

_STOP = {
    "English": "the of and to a in is was that for on with as by at from it he she they said were have has "
               "been are an be this which or their its not but who had we after more than over".split(),
    "French": "le la les de des du un une et est dans pour que qui sur par au aux ce cette il elle ont sont "
              "été pas avec ses leur selon plus".split(),
    "Spanish": "el la los las de del un una y es en para que por con se su sus al como más fue han "
               "según sobre este esta".split(),
    "German": "der die das und ist im den dem des ein eine zu mit von auf für nicht sich auch wurden "
              "nach bei sind wurde".split(),
    "Portuguese": "o os a as de do da dos das um uma e é em para que com por no na se foram segundo".split(),
    "Italian": "il lo gli la le di del della e è un una in per che con sono da nel alla secondo".split(),
    "Dutch": "de het een en van in is op te dat die voor met zijn niet door ook aan".split(),
    "Turkish": "ve bir bu da de ile için olarak olan gibi en çok sonra kadar".split(),
}
_STOP_SETS = {lang: set(words) for lang, words in _STOP.items()}
_WORD = re.compile(r"[^\W\d_]+", re.U)
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z]")
_SCRIPTS = (("ARABIC", "Arabic"), ("CYRILLIC", "Russian or another Cyrillic-script language"),
            ("HEBREW", "Hebrew"), ("CJK", "Chinese or Japanese"), ("HIRAGANA", "Japanese"),
            ("KATAKANA", "Japanese"), ("HANGUL", "Korean"), ("DEVANAGARI", "Hindi or another Devanagari-script language"),
            ("GREEK", "Greek"), ("THAI", "Thai"), ("ARMENIAN", "Armenian"), ("GEORGIAN", "Georgian"))


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    for key, label in _SCRIPTS:
        if name.startswith(key) or (key == "CJK" and "CJK" in name):
            return label
    return "Latin" if "LATIN" in name else "other"


def detect_language(text: str, sample_chars: int = 6000) -> str | None:
    """None when the text is English (or too short to tell), else the language (or script) it looks like."""
    sample = text[:sample_chars]
    words = _WORD.findall(sample)
    total = sum(map(len, words))
    if not total:
        return None
    counts: dict[str, int] = {}
    for ch in _OTHER_LETTER.findall(sample):  # only non-ASCII letters need a Unicode name look-up
        script = _script(ch)
        counts[script] = counts.get(script, 0) + 1
    scripts = {k: v for k, v in counts.items() if k not in ("Latin", "other")}
    if scripts:
        top, n = max(scripts.items(), key=lambda kv: kv[1])
        if n / total > 0.5:
            return top
    words = [w.lower() for w in words]  # ~900 words are plenty to judge
    if len(words) < MIN_WORDS:
        return None
    if sum(w in _STOP_SETS["English"] for w in words) / len(words) >= MIN_ENGLISH_RATIO:
        return None
    ratios = {lang: sum(w in stop for w in words) / len(words) for lang, stop in _STOP_SETS.items()}
    best = max(ratios, key=ratios.get)
    if best == "English" or ratios[best] < 0.08:
        return "not English (language unknown)"
    return best
