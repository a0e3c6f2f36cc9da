"""Metric stage: which SKOS concept a figure counts, from its head noun and verb frame.

All cues come from the metric scheme in ``ontology/metrics.ttl``: labels and alt labels
(a phrase ending the noun phrase after the number), ``kg:countNoun`` (the head noun),
``kg:eventCue`` (a predicate in the clause), ``kg:beforeCue`` (a verb frame right before
the number), ``kg:phraseCue`` (a phrase after the number that decides alone),
``kg:excludeCue`` and ``kg:cuePriority``. A figure no concept fits gets no metric and is
skipped by the pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from kg.extract.fastre import guard
from kg.namespaces import KG
from kg.vocab import Vocabulary


@dataclass(frozen=True)
class MetricCues:
    notation: str
    priority: int
    labels: tuple[str, ...]
    count_nouns: tuple[str, ...]
    event_cues: tuple[str, ...]
    before_cues: tuple[str, ...]
    phrase_cues: tuple[str, ...]
    exclude_cues: tuple[str, ...]
    modifiers: tuple[str, ...] = ()


def _phrase_re(phrases) -> re.Pattern | None:
    phrases = sorted({p.lower() for p in phrases if p}, key=len, reverse=True)
    if not phrases:
        return None
    alts = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") + r"(?:s|es)?" for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I)


@dataclass
class _Compiled:
    cues: MetricCues
    label_end: re.Pattern | None
    label_any: re.Pattern | None
    noun: re.Pattern | None
    event: re.Pattern | None
    event_near: re.Pattern | None
    before: re.Pattern | None
    phrase: re.Pattern | None
    exclude: re.Pattern | None
    modifier: re.Pattern | None = None


class Lexicon:
    """The metric cues of a vocabulary, compiled once."""

    def __init__(self, vocab: Vocabulary):
        g = vocab.graph
        items = []
        for notation, term in vocab.metrics.items():
            s = URIRef(term.iri)

            def lits(p):
                return tuple(sorted({str(o) for o in g.objects(s, p)}))

            prio = g.value(s, KG.cuePriority)
            cues = MetricCues(
                notation,
                int(prio) if prio is not None else 0,
                # "one civilian death": a death's labels in the singular too (not a strike's: "a drone strike
                # killed 23" counts the dead)
                _with_singulars(tuple(n.lower() for n in term.names), words=2) if notation.endswith(("-killed", "-injured"))
                else tuple(n.lower() for n in term.names),
                _with_singulars(lits(KG.countNoun)),
                lits(KG.eventCue),
                lits(KG.beforeCue),
                lits(KG.phraseCue),
                lits(KG.excludeCue),
                lits(KG.populationModifier),
            )
            end = _phrase_re(cues.labels)
            items.append(_Compiled(
                cues,
                re.compile(end.pattern + r"\s*$", re.I) if end else None,
                end,
                re.compile(_phrase_re(cues.count_nouns).pattern + r"\s*$", re.I) if cues.count_nouns else None,
                _phrase_re(cues.event_cues),
                re.compile(_phrase_re(cues.event_cues).pattern + r"(?:\s+(?:a\s+total\s+of|the|a|an|at\s+least|more\s+than|over|nearly|about|around|some|another|only|just|all|of|up\s+to|as\s+many\s+as|among|including))*\s*$", re.I)
                if cues.event_cues else None,
                re.compile(r"(?:^|[^\w-])(?:" + "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in sorted(cues.before_cues, key=len, reverse=True))
                           + r")(?:\s+(?:a\s+total\s+of|the|a|an|at\s+least|more\s+than|over|nearly|about|around|some|another|only|just|all|of))*\s*$", re.I)
                if cues.before_cues else None,
                _phrase_re(cues.phrase_cues),
                _phrase_re(cues.exclude_cues),
                # a modifier before another word: "civilian passengers" (the head is the last word)
                re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, cues.modifiers))})\s+[a-z][\w-]*$", re.I) if cues.modifiers else None,
            ))
        items.sort(key=lambda c: (-c.cues.priority, c.cues.notation))
        self.items = items
        self._people_killed = next((c.label_any for c in items if c.cues.notation == "people-killed"), None)
        self.notations = {c.cues.notation for c in items}
        nouns = sorted({n.lower() for c in items for n in c.cues.count_nouns}, key=len, reverse=True)
        self.any_noun = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns) + r")(?:s|es)?(?![\w-])", re.I)
        # One alternation of each kind of cue over all concepts: a text none of them matches skips
        # the per-concept searches of that kind (they would all fail).
        self._any_phrase = _union(c.phrase for c in items)
        self._any_exclude = _union(c.exclude for c in items)
        self._any_before = _union(c.before for c in items)
        self._any_label = _union(c.label_any for c in items)
        # the per-concept patterns start faster with a first-character guard (kg.extract.fastre);
        # the unions above keep the plain patterns (the guard does not pay off for them)
        for c in items:
            for name in ("label_end", "label_any", "noun", "event", "event_near", "before", "phrase", "exclude"):
                rx = getattr(c, name)
                if rx is not None:
                    setattr(c, name, guard(rx))
        self._people_killed = guard(self._people_killed) if self._people_killed is not None else None
        # head noun phrase -> per concept (label ends it, count noun ends it); heads repeat
        # ("civilians", "people", "airstrikes"), so each is searched once per concept
        self._heads: dict[str, tuple[tuple[bool, bool], ...]] = {}

    def _head_hits(self, head: str) -> tuple[tuple[bool, bool], ...]:
        hits = self._heads.get(head)
        if hits is None:
            hits = tuple((bool(c.label_end and c.label_end.search(head)), bool(c.noun and c.noun.search(head))) for c in self.items)
            if len(self._heads) >= 4096:
                self._heads.clear()
            self._heads[head] = hits
        return hits

    def classify(self, np: str, after: str, before: str, near_before: str, inherited: bool = False) -> tuple[str, str] | None:
        """(notation, rule) for a figure.

        ``np``: the noun phrase after the number (may be an antecedent's); ``after``: the rest of
        its clause; ``before``: the clause before the number; ``near_before``: the few words
        right before the number (for verb frames such as "yet to assess").
        """
        np = _clean(np)
        after = _clean(after)
        before = _clean(before)
        near_before = _clean(near_before)
        tail = f"{np} {after}"
        if _hit(self._any_phrase, tail):
            for c in self.items:
                if c.phrase and c.phrase.search(tail):
                    return c.cues.notation, "metric.phrase"
        head = _head(np)
        killed_subject = bool(self._people_killed and self._people_killed.search(before))
        any_exclude = _hit(self._any_exclude, tail) or _hit(self._any_exclude, near_before)
        head_hits = self._head_hits(head) if head else None
        any_before = _hit(self._any_before, near_before)
        for i, c in enumerate(self.items):
            if any_exclude and c.exclude and (c.exclude.search(tail) or c.exclude.search(near_before)):
                continue
            if np and head_hits is not None and head_hits[i][0]:
                return c.cues.notation, "metric.label"
            # (a population modifier on a noun no label names: "four civilian passengers", "civilian workers")
            noun_ok = head_hits is not None and (head_hits[i][1] or (
                c.modifier is not None and not any(h[0] for h in head_hits) and c.modifier.search(head) is not None))
            if noun_ok:
                if not c.event and not c.before:
                    return c.cues.notation, "metric.noun"
                if not c.event:
                    pass
                elif killed_subject and c.cues.notation.endswith("-killed"):
                    return c.cues.notation, "metric.noun+subject"
                elif c.event.search(tail) or c.event_near.search(near_before):
                    return c.cues.notation, "metric.noun+event"
            if any_before and c.before and c.before.search(near_before) and (noun_ok or not np or inherited):
                return c.cues.notation, "metric.frame"
        if (not np or _PEOPLE.fullmatch(head)) and _hit(self._any_label, before):
            # "the death toll ... at 44", "the number of deceased to be over 100", "42 died"
            for c in self.items:
                if c.exclude and c.exclude.search(before):
                    continue
                found = [m for m in c.label_any.finditer(before)] if c.label_any else []
                doer = not c.cues.notation.endswith(("-killed", "-injured", "-casualties"))
                if found and not (doer and _DOES_TO.search(before, found[-1].end())):
                    # (not "Israeli strikes on south Lebanon kill 12": what the strikes did, to 12 others)
                    return c.cues.notation, "metric.subject"
        return None


def _with_singulars(nouns: tuple[str, ...], words: int = 1) -> tuple[str, ...]:
    """The count nouns and their singulars ("one army soldier", "a single civilian"): the vocabulary
    lists plurals; a regular plural's last word loses its -s. ``words``: only phrases of at least this
    many words get a singular (a metric's label "strikes" must not make "a strike killed 19" a strike count)."""
    singular = {n[:-1] for n in nouns if n.endswith("s") and not n.endswith(("ss", "ies", "us")) and len(n.split()) >= words}
    return tuple(sorted({*nouns, *singular}))


def _union(patterns) -> re.Pattern | None:
    """One pattern that matches where any of ``patterns`` (all compiled with re.I) matches."""
    pats = [p.pattern for p in patterns if p is not None]
    return re.compile("|".join(f"(?:{p})" for p in pats), re.I) if pats else None


def _hit(rx: re.Pattern | None, s: str) -> bool:
    return rx is not None and rx.search(s) is not None


_PEOPLE = re.compile(r"(?:people|persons|individuals)", re.I)
# a verb between a subject and the figure that makes the figure its victims
_DOES_TO = re.compile(r"\b(?:kill|kills|killed|killing|wound|wounds|wounded|wounding|injure|injures|injured|injuring)\b", re.I)
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_QUOTES = re.compile(r"[\"'`]")
_OF = re.compile(r"\s+of\s+")


def _clean(s: str) -> str:
    if "(" in s or "[" in s:
        s = _BRACKETED.sub(" ", s)
    if '"' in s or "'" in s or "`" in s:
        s = _QUOTES.sub("", s)
    return " ".join(s.split())  # runs of whitespace as one space, none at the ends (both use str.isspace)


def _head(np: str) -> str:
    """The noun phrase up to its head (drops an "of ..." complement; "members of the same family" are family members)."""
    if np.lower().startswith("of "):
        return np
    head, *complement = _OF.split(np, maxsplit=1)
    return "family members" if head.lower() == "members" and complement and "family" in complement[0].lower() else head


_CACHE: dict[int, tuple[Vocabulary, Lexicon]] = {}


def lexicon(vocab: Vocabulary) -> Lexicon:
    """The compiled lexicon of ``vocab`` (built once per vocabulary object)."""
    hit = _CACHE.get(id(vocab))
    if hit is None or hit[0] is not vocab:
        hit = (vocab, Lexicon(vocab))
        _CACHE[id(vocab)] = hit
    return hit[1]


_STOP = frozenset("""are were was is have has had been be being will would could may might can did do does who that which whom whose
in on at from by during since for with as to into near across after before between among under over through while when where because
including and or but than according said says say told reportedly so outside inside against within without per via amid despite
toward towards like about every each due only alone lost died remain remained include includes included went fled made make
while whereas found deemed believed thought known seen held left taken given it they he she we you""".split())


# "208 of which", "30 of them" point back; "71 of them children" names its own population
_OF_ANTE = re.compile(r"\s+of\s+(?:(which|whom|them|these|those)\b(?!\s+(?:[a-z]+s|children|women|men|people)\b)|(?:the|their|its|her|his|our|those|these|all|them)\s+)?")
_NP_TOKENS = re.compile(r"[A-Za-z][\w'-]*|[,;:.!?\"\u2013\u2014]")


def noun_phrase(s: str, pos: int) -> tuple[str, str]:
    """(noun phrase, marker) right after the number ending at ``pos`` in ``s``.

    marker: "" normal; "ante" when the figure points back ("208 of which", "11 others");
    "more" for "another/additional/more N deaths"; "of-number" for "nine of 101 ...".
    """
    rest = s[pos:pos + 160]
    if "(" in rest or "[" in rest:
        rest = _BRACKETED.sub(lambda m: " " * len(m.group(0)), rest)
    rest = rest.replace('"', " ").replace("'", " ") if rest[:2].strip(" ").startswith(('"', "'")) else rest
    marker = ""
    om = _OF_ANTE.match(rest)
    if om and om.group(0).strip():
        if om.group(1):
            return "", "ante"
        if re.match(r"\s*\d", rest[om.end():]):
            return "", "of-number"
        rest = rest[om.end():]
        if re.match(r"\s*(?:those|these)\b", s[pos:pos + 20].split("of", 1)[-1]):
            marker = "subset"
        elif re.match(r"\s*(?:the|those|these)\s+(?:deaths|dead|fatalities|victims|casualties|killed)\b", s[pos:pos + 30].split("of", 1)[-1]):
            marker = "more"  # "326 of the deaths": the population of the figure before
    tokens = _NP_TOKENS.findall(rest)
    words: list[str] = []
    for i, t in enumerate(tokens):
        low = t.lower()
        if not t[0].isalpha():
            break
        if low in ("open", "closed", "pending") and (i + 1 >= len(tokens) or not tokens[i + 1][0].isalpha() or tokens[i + 1].lower() in _STOP):
            break
        if low in _STOP:
            if low == "of" and words and len(words) < 6:
                words.append("of")
                continue
            if words and words[-1] == "of" and "family" in (x.lower() for x in tokens[i + 1:i + 3]):
                words.append(low)  # "members of the same family", "members of one family"
                continue
            break
        if words and t[0].isupper() and words[-1].endswith("s") and words[-1][0].islower():
            break  # "three reports US officials considered credible"
        if words and words[-1].islower() and (words[-1].endswith("s") or words[-1] in ("people", "children")) \
                and t.islower() and low != "of" and not low.endswith("s"):
            break  # "40 strikes hit the old city": a plural head noun, then the verb
        if words and low.endswith("ed") and (words[-1].endswith("s") or words[-1].lower() == "people") and low not in ("killed",):
            break
        if words and low == "killed":
            break
        if not words and low in ("others", "more", "other", "additional", "another", "further"):
            if low in ("others",):
                return "", "ante"
            if low in ("more", "additional", "further"):
                marker = "more"
            continue
        words.append(t)
        if len(words) >= 9:
            break
    while words and words[-1] == "of":
        words.pop()
    return " ".join(words), marker
