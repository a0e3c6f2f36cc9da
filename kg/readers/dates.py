"""Publication dates inferred from an article's URL (``/2018/10/26/``) or its dateline.

Only used when no date was given; the result is marked inferred (kg:dateInferred).
A dateline is a date in the first few lines that stands alone ("Published 26 October
2018") or opens the first paragraph ("MOSUL, Iraq, Oct. 26, 2018 -"); a date inside a
sentence is the date of an event, not of the article, and is never taken.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TEXT_DATES = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),           # October 26, 2018
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),           # 26 October 2018
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),  # 2018-10-26
]
_URL_DATES = [
    re.compile(r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>\d{1,2})[/-](?P<day>\d{1,2})(?:/|[-_]|$)"),
    re.compile(r"/(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})/"),
    re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/"),
]
# A line that is only a date with a short label: "Published: 26 Oct 2018", "Updated 2018-10-26 09:00".
_STANDALONE_MAX = 80
_DATELINE_OPENER = re.compile(r"^[A-Z][A-Za-z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z .'\-]{1,30})?,\s*$")


def _iso(match: re.Match) -> str | None:
    parts = match.groupdict()
    month = parts["month"].lower().rstrip(".")
    month_num = int(month) if month.isdigit() else (_MONTHS.get(month) or _MONTHS.get(month[:3]))
    year = int(parts["year"])
    if not month_num or not 1 <= month_num <= 12 or not (1990 <= year <= date.today().year + 1):
        return None
    if parts.get("day") is None:
        return f"{year:04d}-{month_num:02d}"
    try:
        return date(year, month_num, int(parts["day"])).isoformat()
    except ValueError:
        return None


def date_from_url(url: str | None) -> str | None:
    """'https://x.test/world/2018/10/26/strike' -> '2018-10-26'; '/2018/10/' -> '2018-10'."""
    if not url:
        return None
    path = re.sub(r"^https?://[^/]+", "", url)
    for pattern in _URL_DATES:
        match = pattern.search(path)
        if match:
            found = _iso(match)
            if found:
                return found
    return None


def date_from_dateline(text: str) -> str | None:
    """The date of a dateline or byline in the first lines of the text, else None."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][:6]
    for line in lines:
        for pattern in _TEXT_DATES:
            match = pattern.search(line)
            if not match:
                continue
            standalone = len(line) <= _STANDALONE_MAX and not re.search(r"[.!?]\s+[A-Z]", line[match.end():])
            opener = _DATELINE_OPENER.match(line[:match.start()]) and re.match(r"\s*(?:\(|[-\u2013\u2014:]|$)", line[match.end():])
            if (standalone and not _in_sentence(line, match)) or opener:
                found = _iso(match)
                if found:
                    return found
    return None


def _in_sentence(line: str, match: re.Match) -> bool:
    """A date preceded by a preposition or verb is an event date: 'on October 26, 2018, a strike...'."""
    before = line[:match.start()].lower().split()
    return bool(before) and before[-1] in {"on", "since", "until", "till", "by", "from", "to", "in", "before", "after",
                                           "between", "and", "through", "of"}


def infer_date(url: str | None, text: str) -> tuple[str, str] | None:
    """(ISO date, where it came from) or None."""
    found = date_from_url(url)
    if found:
        return found, "URL"
    found = date_from_dateline(text)
    if found:
        return found, "dateline"
    return None
