"""Period stage: the time a figure covers, from the words of its sentence.

Explicit dates and months ("in November 2017", "in mid-February", "on 3 July", "February 2, 2020"),
ranges ("from August 2014 to July 2017", "between August 2014 and end of November 2018",
"from Sept. 28 to Oct. 13"), ends ("through November 2017"), starts ("since 2014",
"since the start of Operation Inherent Resolve" via campaign start dates), relative
phrases ("this year", "last year", "last four years", "in the last year", "to date",
"today", "on Wednesday", "two days ago") resolved against the publication date, and back references
("during the period"). Dates keep the text's precision: '2017', '2017-11', '2017-11-30'.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from kg.extract.fastre import guard
from kg.extract.numbers import MONTHS, ORDINALS, UNITS, TENS

_M = r"(?:January|February|March|April|(?-i:May|MAY)|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?![a-z])"  # (not "by sep" in "by separatists")
_Y = r"(?:19|20)\d\d"
_D = r"(?:(?<![\d,.])(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d]|,\d)"  # not the start of "31,184", nor the end of "800"
_D += "|(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")(?![\w-]))"  # ("the third of May", spoken)
# one date: "Dec. 31, 2015", "January 20, 2009", "3 July", "3 July 2019", "November 2017", "July", "2014"
_DAY_DATE = rf"\b(?:{_M}\s+{_D}(?:,?\s+{_Y})?|{_D}\s+{_M}(?:,?\s+{_Y})?)"
_DATE = rf"(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+|mid-?|(?:early|late)\s+)?(?:{_M}\s+{_D}(?:,?\s+{_Y})?|(?:the\s+)?{_D}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?|{_M}(?:\s+(?:of\s+)?{_Y})?|{_Y})(?:\s+(?:this|last)\s+year)?"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WD = "(?:" + "|".join(_WEEKDAYS) + ")"
_NUMW = "|".join([*UNITS, *TENS, r"\d+"])


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    begin: str | None  # ISO at the text's precision
    finish: str | None
    kind: str  # range | month | day | year | since | until | relative | todate | backref | campaign | previous-UNIT
    text: str

    @property
    def open_end(self) -> bool:
        return self.kind in ("since", "todate", "campaign") and self.finish is None


@lru_cache(maxsize=256)  # one publication date per article, asked for in every sentence
def _pub(published: str | None) -> tuple[int, int | None, int | None] | None:
    if not published:
        return None
    m = _ISO.match(published)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None


_ISO = re.compile(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?")
_SPACES = re.compile(r"\s+")
_EDGE = re.compile(r"(?:the )?(end|beginning|start|middle) of (.*)")
_YEAR = re.compile(rf"\b({_Y})\b")
_THIS_YEAR = re.compile(r"\bthis year\b")
_LAST_YEAR = re.compile(r"\blast year\b")
_LETTERS = re.compile(r"[a-z]+")
_ORDINAL_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_THE_YEAR = re.compile(r"(?:the|this)\s+year\b")
_DAY_NUMBER = guard(re.compile(r"(?<!\d)([0-3]?\d)(?:st|nd|rd|th)?(?!\d)"))


@lru_cache(maxsize=4096)  # the same date phrases recur ("in 2017", "since March 2019") with the same publication date
def parse_date(text: str, published: str | None = None, edge: str = "start") -> str | None:
    """ISO date at the text's precision for one date phrase, or None. Never raises.

    A month or day without a year takes the publication year (the year before when it
    would fall after publication). "end of November 2018" is the last day of that month.
    """
    t = _SPACES.sub(" ", text.strip().lower().replace(".", ""))
    edge_m = _EDGE.match(t)
    which = None
    if edge_m:
        which, t = edge_m.group(1), edge_m.group(2)
    year = month = day = None
    m = _YEAR.search(t)
    if m:
        year = int(m.group(1))
    pub0 = _pub(published)
    if year is None and pub0 and _THIS_YEAR.search(t):
        year = pub0[0]
    elif year is None and pub0 and _LAST_YEAR.search(t):
        year = pub0[0] - 1
    for w in _LETTERS.findall(t):
        if w in MONTHS:
            month = MONTHS[w]
            break
    dm = _DAY_NUMBER.search(_YEAR.sub("", t))
    if dm and month:
        d = int(dm.group(1))
        if 1 <= d <= 31:
            day = d
    elif month:
        day = next((ORDINALS[w] for w in _ORDINAL_WORD.findall(t) if w in ORDINALS), None)
    if month is None and year is None:
        return None
    pub = _pub(published)
    if year is None:
        if not pub:
            return None
        year = pub[0]
        if pub[1] and month and (month > pub[1] or (month == pub[1] and day and pub[2] and day > pub[2])):
            year -= 1  # "on March 27" in an article of March 13: last year's
    if month is None:
        return f"{year:04d}"
    if day is None and which == "end":
        day = calendar.monthrange(year, month)[1]
    if day is not None:
        day = min(day, calendar.monthrange(year, month)[1])
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}"


class StoryYear:
    """The year a story told in the past is in: a long read that opens "on May 23, 2017" goes on with
    "on October 17" and "in June" of 2017, not of the year before publication. A full date of an earlier
    year (a month and its year) sets it, and a month before its month is of the next year (stories are told
    in order); a date of the publication year, or one told from the article's day ("on Monday", "last month",
    "so far"), ends it. Only a bare month or day that would otherwise fall
    more than four months before publication takes it: news names the recent past without its year."""

    _FAR_MONTHS = 4
    _NEAR_SENTENCES = 3  # how long after a full date of the story any bare date is of its year

    def __init__(self, published: str | None):
        self.published, self.year, self.month = published, None, None
        self.set_at: int | None = None  # the sentence whose full date set the year
        self._days: dict[str, int] = {}  # "MM-DD" of a day the story gave with an earlier year -> that year
        pub = _pub(published)
        self._pub = pub if pub is not None and pub[1] is not None else None

    def resolve(self, s: str, pms: list[PeriodMention], campaign_starts: dict[str, str] | None,
                words: set[str], at: int = 0) -> list[PeriodMention]:
        """``pms`` (found in ``s``, sentence ``at``, against the publication date), with bare dates far back moved to the
        story's year (and any bare date right after a full date of the story: "between April 4 and April 30, 2004. ...
        The director told reporters in mid-April", in a piece of April 2024)."""
        if self._pub is None:
            return pms
        near = self.set_at is not None and at - self.set_at <= self._NEAR_SENTENCES
        far = [p for p in pms if self.year is not None and self._bare(p) and (near or self._far(p.finish or p.begin))]
        years = {(p.start, p.end): self._year_of(p) for p in far}
        # a bare day the story gave with its year before is of that year, however far back it was given ("the night of
        # 2 February 1982 ... On the night of 2 February", in a piece of 10 February 2022)
        years.update({(p.start, p.end): self._days[p.finish[5:]] for p in pms
                      if p.kind == "day" and self._bare(p) and len(p.finish or "") == 10 and p.finish[5:] in self._days})
        for year in set(years.values()) - {None}:
            again = {(q.start, q.end): q for q in find_periods(s, f"{year:04d}-12-31", campaign_starts, words)}
            pms = [again.get((p.start, p.end), p) if years.get((p.start, p.end)) == year else p for p in pms]
        for p in pms:
            year = _YEAR.search(p.text)
            if year and not _month_of(p.text):
                continue  # a bare year ("since 2014") is background, not the story's time
            if year:
                early = int(year.group(1)) < self._pub[0]
                if early and p.kind == "day" and p.begin == p.finish and len(p.finish or "") == 10:
                    self._days[p.finish[5:]] = int(p.finish[:4])
                self.year, self.month = (int(year.group(1)), _first_month(p.text)) if early else (None, None)
                # (a day or days of the story, not the start of a running total: "since August 2014")
                self.set_at = at if early and p.kind in ("day", "range") and (p.finish or "")[:4] < f"{self._pub[0]:04d}" else None
            elif self._far(p.finish) and p.kind in ("day", "month", "year") and _AGO.search(p.text):
                # "Ten years ago today": the day the story is about, told from the article's
                self.year, self.month = _pub(p.finish)[:2]
            elif _counts_from_the_day(p):
                self.year = self.month = self.set_at = None
        return pms

    def _year_of(self, p: PeriodMention) -> int | None:
        """The story's year, or the next when the month comes before the story's (told in order: "erupted in
        August 2023 ... said in January"), unless that is the publication year, which the date had already."""
        month = _ISO.match(p.finish or p.begin or "")
        # (a month just before the story's is the same year's: "on 30 August", after "2 September 2017")
        year = self.year + (1 if month and month.group(2) and int(month.group(2)) < self.month - _SAME_YEAR_MONTHS else 0)
        return year if year < self._pub[0] else None

    @staticmethod
    def _bare(p: PeriodMention) -> bool:
        return (p.kind in ("day", "month", "range", "since", "until") and not _YEAR.search(p.text)
                and _month_of(p.text) and _RELATIVE_WORDS.isdisjoint(_LETTERS.findall(p.text.lower())))

    def _far(self, iso: str | None) -> bool:
        m = _ISO.match(iso or "")
        if not m or not m.group(2):
            return False
        months_back = (self._pub[0] * 12 + self._pub[1]) - (int(m.group(1)) * 12 + int(m.group(2)))
        # (or after the article's day, which no bare date of the story can be: "the third week of January" in a
        # piece of January 6)
        return months_back > self._FAR_MONTHS or (months_back == 0 and (iso or "") > (self.published or ""))


_SAME_YEAR_MONTHS = 2  # how many months before the story's a bare month may be and still be of the story's year
_AGO = re.compile(r"\byears? ago\b", re.I)


def _counts_from_the_day(p: PeriodMention) -> bool:
    """A time told from the article's day, "N years ago" included ("last year", "on Tuesday", "so far")."""
    return p.kind in ("relative", "todate") or not _RELATIVE_WORDS.isdisjoint(_LETTERS.findall(p.text.lower()))


def told_from_the_articles_day(p: PeriodMention) -> bool:
    """A time told counting from the article's day ("last year", "on Tuesday", "this month"; not "ten years ago
    today", which names the day a retrospective piece is about)."""
    return _counts_from_the_day(p) and not _AGO.search(p.text)


_RELATIVE_WORDS = frozenset({"this", "last", "next", "ago", "today", "yesterday", *_WEEKDAYS})


def _month_of(text: str) -> bool:
    return _first_month(text) is not None


def _first_month(text: str) -> int | None:
    return next((MONTHS[w] for w in _LETTERS.findall(text.lower()) if w in MONTHS), None)


def _shift_years(iso: str, years: int) -> str:
    parts = iso.split("-")
    parts[0] = f"{int(parts[0]) - years:04d}"
    return "-".join(parts)


def _days_before(published: str | None, days: int) -> str | None:
    pub = _pub(published)
    if not pub:
        return None
    if not pub[1] or not pub[2]:
        return published
    try:
        return (date(pub[0], pub[1], pub[2]) - timedelta(days=days)).isoformat()
    except ValueError:
        return None


def _weekday(published: str | None, name: str, last: bool = False) -> str | None:
    """The day of that name on or before the article's day ("on Monday"); a week before it when the article's day is
    one of that name and the text says "last Monday"."""
    pub = _pub(published)
    if not pub or not pub[1]:
        return None
    if not pub[2]:
        return published[:7]  # "on Monday" in an article dated only by its month: that month
    try:
        d = date(pub[0], pub[1], pub[2])
    except ValueError:
        return None
    back = (d.weekday() - _WEEKDAYS.index(name)) % 7 or (7 if last else 0)
    return (d - timedelta(days=back)).isoformat()


def _num(w: str) -> int | None:
    w = w.lower()
    if w.isdigit():
        return int(w)
    return UNITS.get(w) or TENS.get(w)


# where an event began, between it and its date: "erupted in El Fasher, North Darfur, on 10 May"
_AT_PLACE = r"(?:\s+(?:there|here)|\s+in\s+(?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*)*(?:,\s+(?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*)*)*,?)?"

_NOT_AFTER_A_MONTH = "".join(rf"(?<!{m}\s)" for m in ("January", "February", "March", "April", "May", "June", "July",
                                                         "August", "September", "October", "November", "December"))
_PATTERNS: list[tuple[str, re.Pattern]] = [
    # "the three-week-long offensive launched on December 27, 2008", "the 51-day war that began on 8 July": from that
    # day for as long as it says
    ("lasting", re.compile(rf"\b(?P<n>{_NUMW})[-\s](?P<unit>day|week|month)(?:[-\s]long)?\s+(?:[\w-]+\s+){{0,3}}?[\w-]*"
                           rf"(?:,?\s+(?:that|which)\s+|\s+)?(?:launched|began|started|begun|beginning|starting)\s+(?:on|in)\s+(?P<a>{_DATE})", re.I)),
    ("campaign-range", re.compile(rf"\b(?:since|from)\s+the\s+(?:start|beginning|launch|outset)\s+of\s+(?P<what>[^,;.]{{3,80}}?)\s+in\s+(?P<a>{_DATE})\s+(?:to|through|until|till|and)\s+(?P<b>{_DATE})", re.I)),
    ("range", re.compile(rf"\b(?:from|between)\s+(?P<a>{_DATE})\s*,?\s+(?:to|and|through|until|till|-)\s+(?P<b>{_DATE})", re.I)),
    # "14 December 2015 - 2 March 2016", "23 January - 7 February 2016" (a report's or a table's span of days)
    ("dash-range", re.compile(rf"(?P<a>{_DAY_DATE})\s*(?:\s-\s|\u2013)\s*(?P<b>{_DAY_DATE})", re.I)),
    # "killed in October to December 2023" ("in October and December" is two months, not a range)
    ("range", re.compile(rf"\b(?:in|during|over)\s+(?P<a>{_DATE})\s+(?:to|through|until|till)\s+(?P<b>{_DATE})", re.I)),
    # "in May and June alone": two months running are a span (two apart, "in October and December", are not)
    ("month-pair", re.compile(rf"\b(?:in|during|over)\s+(?P<m1>{_M})\s+and\s+(?P<m2>{_M})(?:,?\s+(?:of\s+)?(?P<y>{_Y}))?(?![\w])", re.I)),
    # days of one month: "between March 27 and 31", "27-31 March 2022", "from 3 to 5 May"
    ("day-range", re.compile(rf"\b(?:(?:from|between)\s+)?(?:(?P<m1>{_M})\s+(?P<d1>{_D})\s*(?:-|\u2013|to|and|through|until)\s*(?P<d2>{_D})(?!\s*(?:{_M}))|(?P<e1>{_D})\s*(?:-|\u2013|to|and|through|until)\s*(?P<e2>{_D})\s+(?:of\s+)?(?P<m2>{_M}))(?:,?\s+(?P<y>{_Y}))?", re.I)),
    # "between Friday and Sunday", "on Tuesday and Wednesday": the days of the week before the article's (or the
    # statement's) day
    # ("overnight Saturday to Sunday", "the night of Saturday into Sunday": the night between them)
    ("weekday-range", re.compile(rf"\b(?:from|between|on|overnight(?:\s+from)?|the\s+night\s+(?:of|from))\s+(?P<a>{_WD})\s+(?:and|to|into|through|until|-)\s+(?P<b>{_WD})\b", re.I)),
    ("first-months", re.compile(rf"\b(?:in\s+)?the\s+(?:first\s+(?P<n>{_NUMW})\s+months|(?P<nth>first|second|third|fourth|last)\s+(?P<part>half|quarter))\s+of\s+(?:(?P<y>{_Y})|(?P<rel>the\s+year|this\s+year|last\s+year))", re.I)),
    # "in the last week of November", "the first half of March 2024": days of one month
    ("month-part", re.compile(rf"\b(?:(?:in|during|over)\s+)?the\s+(?P<nth>first|second|third|fourth|last)\s+(?P<part>week|half|fortnight)\s+of\s+(?P<a>{_M}(?:,?\s+{_Y})?)(?![\w])", re.I)),
    ("until", re.compile(rf"\b(?:through|till|until|up\s+to|as\s+of|by|to\s+the\s+end\s+of|(?P<span>months?|weeks?|days?|year)\s+to)\s+(?P<b>{_DATE})", re.I)),
    ("campaign", re.compile(r"\b(?:since|from)\s+the\s+(?:start|beginning|launch|outset)\s+of\s+(?P<what>[^,;.]{3,80})", re.I)),
    ("since", re.compile(rf"\bsince\s+(?:the\s+)?(?P<a>{_DATE}|last\s+year)", re.I)),
    ("since-campaign", re.compile(rf"\bsince\s+(?P<what>(?:the\s+|[A-Z][\w'-]*\s+){{0,3}}[\w' -]{{2,60}}?)\s+(?:began|started|was\s+launched|erupted|broke\s+out|was\s+declared|was\s+imposed)(?:{_AT_PLACE}\s+(?:in|on)\s+(?P<a>{_DATE}))?", re.I)),
    # "since the coup", "since the war": the start the article gave that event before (kg.extract.pipeline), or a campaign's
    # "since then": from the last date the article named before (kg.extract.pipeline)
    ("since-then", re.compile(r"\bsince\s+then\b", re.I)),
    ("since-event", re.compile(r"\bsince\s+the\s+(?P<what>(?:[\w'-]+\s+){0,2}?(?:coup|war|invasion|offensive|conflict|uprising|revolution|escalation|takeover|ceasefire|truce))\b", re.I)),
    # "in the previous quarter": the span before the period the article named last (kg.extract.pipeline)
    ("previous", re.compile(r"\b(?:in|during|over|for)\s+the\s+(?:previous|preceding|prior)\s+(?P<unit>quarter|month|year|week)\b", re.I)),
    # "The fighting, which erupted on 15 April last year, has killed 14,000": a running total from that day
    ("since-which", re.compile(rf"\b(?:war|conflict|fighting|offensive|invasion|insurgency|violence|clashes|siege)\b[^.;]{{0,40}}?,\s+which\s+(?:began|erupted|broke\s+out|started)\s+(?:on|in)\s+(?P<a>{_DATE})", re.I)),
    # "on 15 April last year": before "last year" alone is taken
    ("day", re.compile(rf"(?P<a>{_M}\s+{_D}|{_D}\s+(?:of\s+)?{_M})\s+(?P<rely>last|this)\s+year\b", re.I)),
    # "in August last year": before "last year" alone is taken
    ("month", re.compile(rf"\b(?:in|during|for|over)\s+(?:mid-?|early\s+|late\s+)?(?P<a>{_M})\s+(?:of\s+)?(?P<rely>last|this)\s+year\b", re.I)),
    # "last August", "this past March": the latest such month before the article's
    ("month", re.compile(rf"\b(?:last|this\s+past)\s+(?P<past>{_M})(?![a-z])(?!\.?\s*\d)(?!\s+(?:of\s+)?{_Y})", re.I)),
    # "up from 900 a year earlier": the period named before, a year back (kg.extract.pipeline)
    # "a week earlier", "two days before", "the day before", "the following day", "a week after the massacre": from the
    # day named before (kg.extract.pipeline)
    # ("two days after ending the curfew" is from that event: "before"/"after" only where the clause goes on without one)
    ("days-apart", re.compile(rf"\b(?:(?P<n>a|{_NUMW})\s+(?P<unit>days?|weeks?)\s+(?:(?P<way>earlier|later)|(?P<way4>before|after)(?=\s*[,.;:)]|$|\s+the\s+(?:massacre|attack|ambush|raid|strike|bombing|assault|killings)\b))"
                              rf"|the\s+(?:(?P<unit2>day|week)\s+(?P<way2>before|after)(?=\s*[,.;:)]|$)|(?P<way3>previous|following|next)\s+(?P<unit3>day|week)))\b", re.I)),
    # "compared with 479 over the same period of 2023": the span named before, in that year
    ("same-period", re.compile(rf"\b(?:(?:in|over|during|for)\s+)?the\s+same\s+(?:period|months?|weeks?|quarter)\s+(?:of|in)\s+(?P<y>{_Y})\b", re.I)),
    ("earlier", re.compile(r"\b(?:a|one)\s+(?P<unit>year|month|quarter)\s+(?:earlier|before)\b|\bthe\s+(?P<unit2>year|month|quarter)\s+before\b|\b(?:in\s+)?the\s+same\s+(?P<unit3>period|month|quarter)\s+(?:last|a)\s+year\b", re.I)),
    # "Thirty-seven years ago this week", "25 years ago today", "six months ago": counted back from the article's date
    ("years-ago", re.compile(rf"\b(?P<n>(?:{'|'.join(TENS)})-(?:{'|'.join(UNITS)})|{_NUMW}|a)\s+(?P<unit>years?|months?)\s+ago"
                             rf"(?:\s+(?P<when>today|this\s+week|this\s+month))?\b", re.I)),
    ("relative", re.compile(rf"\b(?:(?:in|during|over)\s+)?(?:the\s+)?(?P<rel>this\s+year|last\s+year|past\s+year|(?:last|past)\s+(?P<n>{_NUMW})\s+years|so\s+far\s+(?:this\s+year|in\s+(?P<y>{_Y}))|to\s+date|till\s+date|so\s+far|today|yesterday|overnight|(?:last\s+|this\s+)?weekend|(?:on\s+|(?P<lastwd>last)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", re.I)),
    ("recent", re.compile(rf"\b(?:(?:in|during|over)\s+)?(?:the\s+)?(?:(?P<lm>last|past|this)\s+(?P<unit1>month|week|day)|(?:last|past|previous|preceding)\s+(?P<n>{_NUMW})\s+(?P<unit>hours|days|weeks|months))\b", re.I)),
    ("ago", re.compile(rf"\b(?P<n>{_NUMW}|a)\s+days?\s+ago\b", re.I)),
    # "at the end of June the department had put the number of dead at 120": as it stood then
    ("month", re.compile(rf"\bat\s+the\s+(?:end|start|beginning|middle|turn)\s+of\s+(?P<a>{_M}(?:,?\s+{_Y})?)(?![\w])(?!\s+\d)", re.I)),
    ("month", re.compile(rf"\b(?:in|during|for|over)\s+(?:the\s+month\s+of\s+)?(?:mid-?|early\s+|late\s+)?(?P<a>{_M}(?:\s+(?:of\s+)?{_Y})?)(?![\w])(?!\s+\d)", re.I)),
    ("day", re.compile(rf"(?P<a>{_M}\s+{_D}(?:,?\s+{_Y})?|{_D}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?)(?![\w])", re.I)),
    # a month and year before a noun, as its modifier: "an October 2011 truck bombing", "the March 2016 attack"
    ("month", re.compile(rf"\b(?:an?|the|its|their)\s+(?P<a>{_M}\s+{_Y})(?=\s+[a-z])", re.I)),
    ("season", re.compile(rf"\b(?:in|during|over|through)\s+(?:the\s+)?(?:early\s+|late\s+)?(?P<season>spring|summer|autumn|fall)\s+(?:of\s+)?(?P<y>{_Y})\b", re.I)),
    # a span of years written with a dash: "the 1992-95 war", "in 2016-2017" (each year whole)
    ("years", re.compile(rf"\b(?P<y1>{_Y})\s*[-\u2013]\s*(?P<y2>\d\d(?:\d\d)?)\b(?!\s*[-\u2013/]\s*\d)")),
    # (not one of a list or span of years: "in 2016, 2017 and 2018", "in 2017-18"; but "In 2017, 40 people")
    ("year", re.compile(rf"\b(?:in|during)\s+(?P<part>early\s+|late\s+|mid-?)?(?P<y>{_Y})\b(?!\s*[-\u2013]\s*\d)(?!\s*,\s*{_Y}\b)", re.I)),
    # "2024 turned out to be the deadliest year": the year a sentence is about
    ("year", re.compile(rf"\b(?P<y>{_Y})\s+(?:was|turned\s+out\s+to\s+be|became|proved|has\s+been)\s+(?:the|a|an)\b", re.I)),
    # ... or the month: "May was the deadliest month, with at least 23 civilians killed" (a capitalised name: not "may")
    ("month", re.compile(rf"(?-i:\b(?P<a>{_M}(?:\s+{_Y})?))\s+(?:was|turned\s+out\s+to\s+be|became|proved|has\s+been)\s+(?:the|a|an)\b", re.I)),
    ("backref", re.compile(r"\b(?:during|over|in|for)\s+(?:the\s+same|this|that|the)\s+(?:time\s+|reporting\s+|review\s+)?period\b|\ba\s+period\s+during\s+which\b|\bduring\s+this\s+time\b|"
                           r"\b(?:during|over|in|for)\s+(?:the\s+same|that|the)\s+(?:year|month)\b|"
                           # (bare: "killed by US strikes that year", but not "in October that year", a month)
                           + _NOT_AFTER_A_MONTH + r"\b(?:that|the\s+same)\s+(?:year|month)\b|"
                           # "killed ... over the six months", after "between January and June"
                           r"\b(?:during|over|in|for)\s+(?:the|those|these)\s+(?:[a-z]+\s+)?(?:months|weeks)\b(?!\s+(?:before|after|since|to|of|ahead)\b)|"
                           # "during the war", "throughout the conflict": the span the article gave the war before
                           r"\b(?:during|throughout)\s+the\s+(?:war|conflict|fighting|offensive)\b(?!\s+(?:in|on|between|against|with)\b)", re.I)),
]


# searched across whole sentences: these start faster with a first-character guard (kg.extract.fastre)
_GUARDED = {"campaign-range", "range", "first-months", "until", "campaign", "since", "relative", "recent", "day"}
_PATTERNS = [(kind, guard(rx) if kind in _GUARDED else rx) for kind, rx in _PATTERNS]

_LOWER_WORDS = re.compile(r"[a-z]+")
_HAS_DIGIT = re.compile(r"\d")
_MONTH_WORDS = frozenset(MONTHS)
_GATES = {
    "lasting": frozenset("launched began started begun beginning starting".split()),
    "campaign-range": frozenset("start beginning launch outset".split()),
    "campaign": frozenset("start beginning launch outset".split()),
    "range": frozenset("from between in during over".split()),
    "first-months": frozenset("first second third fourth last".split()),
    "month-part": frozenset("first second third fourth last".split()),
    "until": frozenset("through till until up as end to by".split()),
    "since": frozenset(["since"]),
    "since-campaign": frozenset(["since"]),
    "since-which": frozenset(["began", "erupted", "broke", "started"]),
    "since-event": frozenset(["since"]),
    "since-then": frozenset(["since"]),
    "previous": frozenset(["previous", "preceding", "prior"]),
    "earlier": frozenset(["earlier", "before", "same"]),
    "same-period": frozenset(["same"]),
    "days-apart": frozenset(["earlier", "before", "later", "after", "previous", "following", "next"]),
    "relative": frozenset("year years date far today yesterday overnight weekend monday tuesday wednesday thursday friday saturday sunday".split()),
    "month": _MONTH_WORDS,
    "recent": frozenset("last past this previous preceding".split()),
    "weekday-range": frozenset(_WEEKDAYS),
    "ago": frozenset(["ago"]),
    "years-ago": frozenset(["ago"]),
    "day": _MONTH_WORDS,
    "day-range": _MONTH_WORDS,
    "dash-range": _MONTH_WORDS,
    "month-pair": _MONTH_WORDS,
    "year": frozenset("in during was turned became proved been".split()),
    "season": frozenset("spring summer autumn fall".split()),
    "backref": frozenset("period time year month months weeks war conflict fighting offensive".split()),
}


# a sentence without a digit can hold a period only if it has one of these words (callers skip the rest)
PERIOD_WORDS = frozenset().union(*_GATES.values())


# what a running total may be counted from without a date: a war, a campaign or an armed assault on a place
_A_WAR = re.compile(r"campaign|operation|war|conflict|offensive|invasion|intervention|coup|fighting|siege|aggression|"
                    r"hostilities|insurgency|uprising|crisis|escalation", re.I)


# a timeline's entry: a date opening the line, set off by a dash or a colon ("May 26, 2017 - The military says ...")
_ENTRY_DATE = re.compile(rf"\s*(?P<a>{_DATE})\s*(?:[-\u2013\u2014]|:)\s+(?=\S)", re.I)


def entry_date(s: str, published: str | None = None) -> PeriodMention | None:
    """The date a timeline's entry opens with: the day (month, year) its statements and events are of."""
    m = _ENTRY_DATE.match(s)
    begin = parse_date(m.group("a"), published) if m else None
    if m is None or begin is None:
        return None
    finish = parse_date(m.group("a"), published, "end")
    kind = {10: "day", 7: "month"}.get(len(begin), "year")
    if kind == "year":
        begin, finish = f"{begin[:4]}-01", f"{begin[:4]}-12"
    return PeriodMention(m.start("a"), m.end("a"), begin, finish, kind, m.group("a"))


def find_periods(s: str, published: str | None = None, campaign_starts: dict[str, str] | None = None,
                 words: set[str] | None = None) -> list[PeriodMention]:
    """Period phrases in ``s``, earliest first, without overlaps. Never raises.

    ``words``: the set of ``[a-z]+`` words of ``s.lower()`` when the caller has it already.
    """
    campaign_starts = campaign_starts or {}
    out: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    pub = _pub(published)
    if words is None:
        words = set(_LOWER_WORDS.findall(s.lower()))
    # (a day may be a word: "the third of May")
    has_digit = _HAS_DIGIT.search(s) is not None or not words.isdisjoint(ORDINALS)
    for kind, rx in _PATTERNS:
        gate = _GATES.get(kind)
        if gate is not None and gate.isdisjoint(words):
            continue
        if kind in ("year", "years", "day", "day-range", "dash-range") and not has_digit:
            continue  # both need a digit (a year, a day of the month)
        for m in rx.finditer(s):
            a, b = m.start(), m.end()
            if not free(a, b):
                continue
            begin = finish = None
            k = kind
            try:
                if kind in ("campaign-range", "campaign"):
                    what = m.group("what").lower()
                    begin = None
                    for name, start in campaign_starts.items():
                        if name.lower() in what:
                            begin = start
                            break
                    if kind == "campaign-range":
                        begin = parse_date(m.group("a"), published) or begin
                        finish = parse_date(m.group("b"), published, "end")
                        k = "range"
                    else:
                        inner = re.search(rf"\bin\s+({_DATE})", m.group("what"))
                        if inner:
                            begin = parse_date(inner.group(1), published) or begin
                        if _THE_YEAR.match(what):  # "since the start of the year": January of the article's year
                            if not pub:
                                continue
                            begin, k = f"{pub[0]:04d}-01", "since"
                        elif begin is None and not _A_WAR.search(what):
                            continue
                        else:
                            k = "campaign"
                elif kind == "lasting":
                    begin, n = parse_date(m.group("a"), published), _num(m.group("n"))
                    if begin is None or len(begin) != 10 or not n:
                        continue
                    days = n * {"day": 1, "week": 7, "month": 30}[m.group("unit").lower()]
                    finish, k = (date.fromisoformat(begin) + timedelta(days=days - 1)).isoformat(), "range"
                elif kind in ("range", "dash-range"):
                    k = "range"
                    begin = parse_date(m.group("a"), published)
                    finish = parse_date(m.group("b"), published, "end")
                    year_b = re.search(_Y, m.group("b"))
                    if begin and finish and year_b and not re.search(_Y, m.group("a")):
                        # "between January and May 2009", "from 1 January to 31 May 2009": the year written once, at
                        # the end, is both ends' (the year before, when the first end's month comes later: "from
                        # November to March 2010")
                        y = int(year_b.group(0))
                        begin = parse_date(f"{m.group('a')} {y}", published) or begin
                        if begin[:len(finish)] > finish:
                            begin = parse_date(f"{m.group('a')} {y - 1}", published) or begin
                    if begin and finish and finish < begin[: len(finish)]:
                        # "from Sept. 28 to Oct. 13" with the year only on one side, or nonsense
                        continue
                elif kind == "day-range":
                    month, year = m.group("m1") or m.group("m2"), m.group("y") or ""
                    d1, d2 = (m.group("d1"), m.group("d2")) if m.group("m1") else (m.group("e1"), m.group("e2"))
                    begin = parse_date(f"{month} {d1} {year}", published)
                    finish = parse_date(f"{month} {d2} {year}", published)
                    if not begin or not finish or finish < begin:
                        continue
                    k = "range"
                elif kind == "month-pair":
                    year = m.group("y") or ""
                    finish = parse_date(f"{m.group('m2')} {year}", published)
                    begin = parse_date(f"{m.group('m1')} {year or (finish or '')[:4]}", published)
                    if not begin or not finish or _months_apart(begin, finish) != 1:
                        continue
                    k = "range"
                elif kind == "weekday-range":
                    begin, finish = _weekday(published, m.group("a").lower()), _weekday(published, m.group("b").lower())
                    if not begin or not finish:
                        continue
                    if begin > finish:  # "from Saturday to Monday" in an article of Tuesday
                        begin = _days_before(begin, 7)
                    k = "range"
                elif kind == "first-months":
                    if m.group("rel"):  # "the first half of the year": the article's year (or the one before)
                        if not pub:
                            continue
                        y = pub[0] - (1 if m.group("rel").lower().startswith("last") else 0)
                    else:
                        y = int(m.group("y"))
                    if m.group("part"):  # "the second half of 2023", "the first quarter of 2024"
                        size = 6 if m.group("part").lower() == "half" else 3
                        last = 12 // size
                        nth = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": last}[m.group("nth").lower()]
                        if nth > last:
                            continue
                        first_month, last_month = size * (nth - 1) + 1, size * nth
                    else:
                        first_month, last_month = 1, min(_num(m.group("n")) or 1, 12)
                    begin, finish, k = f"{y:04d}-{first_month:02d}", f"{y:04d}-{last_month:02d}", "range"
                elif kind == "month-part":
                    month = parse_date(m.group("a"), published)
                    if not month or len(month) != 7:
                        continue
                    y, mo = int(month[:4]), int(month[5:])
                    days = calendar.monthrange(y, mo)[1]
                    nth = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(m.group("nth").lower())
                    size = {"week": 7, "fortnight": 14}.get(m.group("part").lower(), (days + 1) // 2)
                    first = days - size + 1 if nth is None else size * (nth - 1) + 1
                    if first > days or (first + size - 1 > days and m.group("part").lower() != "half"):
                        continue  # (a month's second half runs to its last day)
                    begin, finish, k = f"{month}-{first:02d}", f"{month}-{min(first + size - 1, days):02d}", "range"
                elif kind == "until":
                    finish = parse_date(m.group("b"), published, "end")
                    if (m.group("span") or "").lower() == "week" and finish and len(finish) == 10:
                        begin, k = _days_before(finish, 6), "range"  # "in the week to March 10": March 4 to 10
                elif kind == "since-campaign":
                    what = m.group("what").lower()
                    begin = parse_date(m.group("a"), published) if m.group("a") else None
                    if begin is None:
                        for name, start in campaign_starts.items():
                            if name.lower().removeprefix("the ") in what:
                                begin = start
                                break
                    if begin is None and not _A_WAR.search(what) and not re.search(r"emergency|martial law|curfew", what):
                        continue
                    k = "since"
                elif kind == "same-period":
                    begin, finish, k = m.group("y"), None, "same-period"  # the year; resolved in kg.extract.pipeline
                elif kind == "earlier":
                    begin = finish = None  # resolved against the article's periods before it
                    unit = m.group("unit") or m.group("unit2")
                    k = "earlier-" + (unit.lower() if unit else "year")
                elif kind == "days-apart":
                    begin = finish = None  # resolved against the day named before it
                    unit = (m.group("unit") or m.group("unit2") or m.group("unit3")).lower()
                    way = (m.group("way") or m.group("way2") or m.group("way3") or m.group("way4")).lower()
                    n = 1 if (m.group("n") or "a").lower() == "a" else _num(m.group("n"))
                    if not n:
                        continue
                    days = n * (7 if unit.startswith("week") else 1) * (1 if way in ("later", "after", "following", "next") else -1)
                    k = f"days-apart{days:+d}"
                elif kind == "previous":
                    begin = finish = None  # resolved against the article's periods before it
                    k = "previous-" + m.group("unit").lower()
                elif kind == "since-event":
                    what = m.group("what").lower()
                    begin = next((start for name, start in campaign_starts.items()
                                  if name.lower().removeprefix("the ") in what), None)
                    k = "since"
                elif kind == "since-then":
                    begin, k = None, "since"
                elif kind in ("since", "since-which"):
                    k = "since"
                    begin = parse_date(m.group("a"), published)
                    if begin and len(begin) == 4:
                        begin += "-01"
                elif kind == "relative":
                    rel = m.group("rel").lower()
                    pubiso = published if pub else None
                    if m.group("wd"):
                        day = _weekday(published, m.group("wd").lower(), last=bool(m.group("lastwd")))
                        begin = finish = day
                        k = "day"
                    elif rel.endswith("weekend"):  # the last Saturday and Sunday up to the article's day
                        sunday = _weekday(published, "sunday")
                        if sunday is None:
                            continue
                        begin, finish = _days_before(sunday, 1), sunday
                    elif rel.startswith("this year") or rel.startswith("so far this year"):
                        begin, finish = (f"{pub[0]:04d}-01", pubiso) if pub else (None, None)
                    elif rel.startswith("so far in"):
                        y = m.group("y")
                        begin, finish = f"{y}-01", pubiso
                    elif rel.startswith("last year") and not re.search(r"\bthe\s+last\s+year", m.group(0), re.I):
                        begin, finish = (f"{pub[0] - 1:04d}-01", f"{pub[0] - 1:04d}-12") if pub else (None, None)
                    elif rel.startswith("past year") or (rel.startswith("last") and "years" not in rel) :
                        begin, finish = (_shift_years(pubiso, 1), pubiso) if pub else (None, None)
                    elif m.group("n"):
                        n = _num(m.group("n")) or 1
                        begin, finish = (_shift_years(pubiso, n), pubiso) if pub else (None, None)
                    elif rel == "yesterday":
                        begin = finish = _days_before(published, 1) if pub else None
                        k = "day"
                    elif rel == "overnight":  # the night before the article: its morning's date
                        if not (pub and pub[2]):
                            continue
                        begin = finish = pubiso
                        k = "day"
                    elif rel in ("today",):
                        begin = finish = pubiso
                        k = "todate"
                    elif rel == "so far":
                        continue  # (bare: "We have counted 43 bodies so far" is the toll of the event told, not a total)
                    else:  # to date
                        finish = None
                        k = "todate"
                elif kind == "recent":
                    if not pub:
                        begin = finish = None
                    elif m.group("unit1"):
                        unit, which = m.group("unit1").lower(), m.group("lm").lower()
                        if unit == "month" and which == "last":
                            y, mo = (pub[0], pub[1] - 1) if pub[1] and pub[1] > 1 else (pub[0] - 1, 12)
                            begin = finish = f"{y:04d}-{mo:02d}" if pub[1] else None
                        elif unit == "month":
                            begin = finish = f"{pub[0]:04d}-{pub[1]:02d}" if pub[1] else None
                        elif unit == "day":  # "in the past day": the day's count, on the article's day
                            begin = finish = published
                        else:
                            begin, finish = _days_before(published, 7), published
                    else:
                        n = _num(m.group("n")) or 1
                        unit = m.group("unit").lower()
                        days = {"hours": n / 24, "days": n, "weeks": 7 * n, "months": 30 * n}[unit]
                        # "in the past 24 hours": from the day before to the day
                        begin, finish = _days_before(published, max(1, math.ceil(days))), published
                    k = "relative"
                elif kind == "years-ago":
                    tens, _, unit = m.group("n").lower().partition("-")
                    n = (_num(tens) or 0) + (_num(unit) or 0) if unit else (1 if tens == "a" else _num(tens))
                    if not pub or not n:
                        continue
                    when = (m.group("when") or "").lower()
                    years, months = (n, 0) if m.group("unit").lower().startswith("year") else divmod(n, 12)
                    y, mo = pub[0] - years, (pub[1] or 1) - months
                    if mo < 1:
                        y, mo = y - 1, mo + 12
                    if when == "today" and pub[2]:
                        begin = finish = f"{y:04d}-{mo:02d}-{min(pub[2], calendar.monthrange(y, mo)[1]):02d}"
                        k = "day"
                    elif when or not m.group("unit").lower().startswith("year"):
                        begin = finish = f"{y:04d}-{mo:02d}"
                        k = "month"
                    else:
                        begin, finish, k = f"{y:04d}-01", f"{y:04d}-12", "year"
                elif kind == "ago":  # "two days ago": that day, counted back from the article's
                    n = 1 if m.group("n").lower() == "a" else _num(m.group("n"))
                    if not (pub and pub[2]) or not n or n > 31:
                        continue
                    begin = finish = _days_before(published, n)
                    k = "day"
                elif kind == "month" and m.groupdict().get("past"):
                    month = MONTHS.get(m.group("past").lower().rstrip("."))
                    if not (pub and pub[1] and month):
                        continue
                    y = pub[0] if month < pub[1] else pub[0] - 1
                    begin = finish = f"{y:04d}-{month:02d}"
                elif kind in ("month", "day"):
                    begin = finish = parse_date(m.group("a"), published)
                    rely = m.groupdict().get("rely")
                    if rely and pub and begin:  # "in August last year", "in March this year", "on 15 April last year"
                        begin = finish = f"{pub[0] - (rely.lower() == 'last'):04d}{begin[4:]}"
                elif kind == "season":
                    # "in the summer of 2017": its three months (in the northern hemisphere, where most of the wars
                    # reported are; a winter straddles two years and is left alone)
                    y, first = int(m.group("y")), _SEASONS[m.group("season").lower()]
                    begin, finish = f"{y:04d}-{first:02d}", f"{y:04d}-{first + 2:02d}"
                    k = "range"
                elif kind == "years":
                    y1, y2 = int(m.group("y1")), m.group("y2")
                    last = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
                    if not y1 < last <= y1 + 30:
                        continue  # (not a span: "1993-92", a reference number)
                    begin = f"{y1:04d}-01"
                    finish = published if pub and pub[0] == last else f"{last:04d}-12"
                    k = "range"
                elif kind == "year":
                    # "in 2023": January to December, or to the article's date in its own year
                    y = int(m.group("y"))
                    begin = f"{y:04d}-01"
                    finish = published if pub and pub[0] == y else f"{y:04d}-12"
                    part = (m.groupdict().get("part") or "").strip().lower()[:3]  # "in early 2022": its first four months
                    if part:
                        first, last = _YEAR_PARTS[part]
                        begin, finish = f"{y:04d}-{first:02d}", min(f"{y:04d}-{last:02d}", finish)
            except (ValueError, IndexError):
                continue
            # a bare year is its months: "between 2014 and the end of 2021" runs from January to December (or
            # to the article's month, in its own year)
            if begin and len(begin) == 4:
                begin += "-01"
            if finish and len(finish) == 4:
                finish = published[:7] if pub and pub[1] and pub[0] == int(finish) else finish + "-12"
            taken.append((a, b))
            out.append(PeriodMention(a, b, begin, finish, k, s[a:b]))
    out.sort(key=lambda p: p.start)
    return _joined_spans(s, _in_that_year(s, _of_this_year(s, out, pub)))


def _months_apart(a: str, b: str) -> int:
    return (int(b[:4]) * 12 + int(b[5:7])) - (int(a[:4]) * 12 + int(a[5:7]))


_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}  # first month
_YEAR_PARTS = {"ear": (1, 4), "mid": (5, 8), "lat": (9, 12)}  # early, mid-, late: first and last month
_THAT_YEAR = re.compile(r"\s+(?:of\s+)?(?:that|the\s+same)\s+year\b", re.I)


_OF_THIS_YEAR = re.compile(r"\s+of\s+(?:this|last)\s+year\b", re.I)


def _of_this_year(s: str, out: list[PeriodMention], pub) -> list[PeriodMention]:
    """"up to June 15 of this year": the year says which June 15, it is no period of its own (nor is "of last year",
    which puts the day in the year before the article's)."""
    for p in [p for p in out if p.kind != "relative" and not _YEAR.search(p.text)]:
        of = _OF_THIS_YEAR.match(s, p.end)
        if of is None or pub is None:
            continue
        year = f"{pub[0] - (1 if 'last' in of.group(0).lower() else 0):04d}"
        out = [q for q in out if not (q.kind == "relative" and of.start() < q.start < of.end())]
        out[out.index(p)] = PeriodMention(p.start, of.end(), p.begin and year + p.begin[4:], p.finish and year + p.finish[4:],
                                          p.kind, s[p.start:of.end()])
    return out


# the words around a span's two dated ends: "between [the invasion on] 24 February and [midnight] on Thursday"
_SPAN_OPENS = re.compile(r"\b(?:between|from)\b[^,;.()]{0,60}$", re.I)
_SPAN_JOINS = re.compile(r"\s*(?:and|to|until|till|through)\s+(?:(?:midnight|noon|the\s+(?:end|close)\s+of)\s+"
                         r"|the\s+[\w'-]+(?:\s+[\w'-]+)?\s+)?$", re.I)  # ("... until the ceasefire on 20 March")
_DATED_ENDS = frozenset({"day", "month", "year"})


def _joined_spans(s: str, out: list[PeriodMention]) -> list[PeriodMention]:
    """Two dated ends of one span that no single pattern covers, because words stand between a date and its span's
    opening word ("between the start of Russia's invasion on 24 February and midnight on Thursday"): one range."""
    i = 0
    while i + 1 < len(out):
        p, q = out[i], out[i + 1]
        if (p.kind in _DATED_ENDS and q.kind in _DATED_ENDS and p.begin and q.finish and p.begin < q.finish
                and _SPAN_JOINS.fullmatch(s, p.end, q.start) and _SPAN_OPENS.search(s, i and out[i - 1].end, p.start)):
            out[i:i + 2] = [PeriodMention(p.start, q.end, p.begin, q.finish, "range", s[p.start:q.end])]
        i += 1
    return out


def _in_that_year(s: str, out: list[PeriodMention]) -> list[PeriodMention]:
    """A month "that year" is in the year named before it in the sentence ("began in June 2017 and ended in October
    that year"), not the latest such month before the article."""
    for i, p in enumerate(out):
        if p.kind != "month" or not p.begin or (that := _THAT_YEAR.match(s, p.end)) is None:
            continue
        year = next((q.begin[:4] for q in reversed(out[:i]) if q.begin), None)
        if year:
            out[i] = PeriodMention(p.start, that.end(), f"{year}{p.begin[4:]}", f"{year}{p.finish[4:]}", p.kind,
                                   s[p.start:that.end()])
    return out
