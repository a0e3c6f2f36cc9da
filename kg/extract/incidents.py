"""Incident stage: one dated event at a place, shared by the claims about it.

A sentence that names an event (a strike, raid, bombing, attack, explosion), a date and
a gazetteer place defines an incident; a later sentence that refers back to it ("the
strikes", "the same event", "the secondary explosion", or "a strike" right after) shares
it. The key depends only on the date, the most specific place and a normalised event
kind, so the same event gets the same key in any article.
"""

from __future__ import annotations

import re

from kg.extract.fastre import guard
from kg.model import Incident, Period
from kg.vocab import Vocabulary

_EVENT = guard(re.compile(
    r"\b(?P<w>air\s*strikes?|airstrikes?|drone\s+strikes?|strikes?|air\s+raids?|raids?|bombings?|bombed|bombarded|bombardment|"
    r"attacks?|attacked|explosions?|blasts?|shelling|shelled|massacre)\b",
    re.I,
))
_ANAPHOR = guard(re.compile(
    r"\b(?:the|this|that|these|those|same)\s+(?:[\w-]+\s+){0,2}(?:air\s*strikes?|airstrikes?|strikes?|air\s+raids?|raids?|bombings?|attacks?|"
    r"explosions?|blasts?|incident|event|shelling)\b",
    re.I,
))
_KINDS = [
    ("airstrike", re.compile(r"strike|raid|bomb", re.I)),
    ("shelling", re.compile(r"shell", re.I)),
    ("explosion", re.compile(r"explosion|blast", re.I)),
    ("attack", re.compile(r"attack|massacre", re.I)),
]


def event_kind(word: str) -> str:
    for kind, rx in _KINDS:
        if rx.search(word):
            return kind
    return "attack"


def incident_key(date: str, place: str, kind: str) -> str:
    """The same event in any article gets the same key: date, main place, event kind."""
    return f"{date}_{place}_{kind}"


def refine_incident(inc: Incident, day: str) -> Incident:
    """The same incident dated to the day the article names ("in May 2019" ... "on 5 May")."""
    place, kind = inc.key.split("_", 2)[1:]
    return Incident(incident_key(day, place, kind), inc.label.replace(inc.date or "", day, 1), day, inc.places)


class Incidents:
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.current: tuple[Incident, int] | None = None

    def _specific(self, keys: list[str]) -> str | None:
        """The most specific place: one that others are within."""
        best = None
        depth = -1
        for k in keys:
            d, cur = 0, k
            while cur and d < 6:
                cur = self.vocab.place_within(cur)
                d += 1
            if d > depth:
                best, depth = k, d
        return best

    def _key_place(self, key: str) -> str:
        """The place that names an incident in its key: the city or region just below the country,
        so "al-Jadida" and "Mosul" give the same key."""
        cur = key
        for _ in range(6):
            up = self.vocab.place_within(cur)
            if up is None or self.vocab.place_within(up) is None:
                return cur
            cur = up
        return cur

    def observe(self, s: str, si: int, pms, places, published) -> None:
        if not places:
            return
        dated = [p for p in pms if p.kind in ("day", "month") and p.finish]
        if not dated:
            return
        ev = _EVENT.search(s)
        if not ev:
            return
        day = [p for p in dated if p.kind == "day"]
        date = (day or dated)[0].finish
        keys = [k for _, _, k in places]
        main = self._specific(keys)
        if main is None:
            return
        kind = event_kind(ev.group("w"))
        from kg.extract.places import with_containers

        label_place = self.vocab.places[main].label if main in self.vocab.places else main
        inc = Incident(incident_key(date, self._key_place(main), kind), f"{date} {kind} in {label_place}", date, with_containers([main], self.vocab))
        if self.current and self.current[0].date and date and len(self.current[0].date) > len(date) and self.current[0].date.startswith(date) \
                and self.current[0].places[0] == main:
            return  # "back in March" after "on March 17": keep the day
        self.current = (inc, si)

    def attach(self, raw, s: str, si: int, pm) -> None:
        if self.current is None:
            return
        inc, isi = self.current
        c = raw.claim
        if not re.search(r"-(?:killed|injured|casualties)$", c.metric) and c.metric not in ("people-missing",):
            return
        same_sentence = isi == si
        refers = bool(_ANAPHOR.search(s)) or (si == isi + 1 and _EVENT.search(s) is not None)
        if not (same_sentence or refers):
            return
        if pm is not None and pm.kind in ("range", "since", "campaign", "relative", "year"):
            return
        if pm is not None and pm.finish and inc.date and not (inc.date.startswith(pm.finish) or pm.finish.startswith(inc.date)):
            return
        c.incident = inc
        c.period = Period(inc.date, inc.date, c.period.text)
        raw.pkind = "day"
        if not c.places:
            c.places = inc.places

    def finish(self, raws) -> None:
        # "Reports of the same event ... the number of deceased": the figure counts what the incident's first figure counted
        first: dict[str, str] = {}
        for r in raws:
            c = r.claim
            if c.incident is None:
                continue
            k = c.incident.key
            if k not in first:
                first[k] = c.metric
            elif c.metric == "people-killed" and not r.explicit_people and first[k].endswith("-killed"):
                c.metric = first[k]
