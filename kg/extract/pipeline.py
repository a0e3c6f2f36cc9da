"""The extraction pipeline: text -> sentences -> figures -> metric, source, period, place -> claims.

Each stage is its own module (text, sentences, numbers, bounds, metrics, attribution,
periods, places, incidents); this module wires them and applies the article-level rules
that need more than one sentence (a period stated in a neighbouring sentence, open-ended
periods ending at the data's "as of" date, incidents shared across sentences).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from kg import __version__
from kg.extract.attribution import PERSON_ROLES, SPEECH_WORDS, Attributor, is_host_tag, slug
from kg.extract.bounds import Figure, figures
from kg.extract.fastre import guard
from kg.extract.incidents import Incidents, refine_incident
from kg.extract.metrics import lexicon, noun_phrase
from kg.extract.numbers import MONTHS, NUMBER_WORDS, find_numbers
from kg.extract.periods import PERIOD_WORDS, PeriodMention, StoryYear, entry_date, find_periods, told_from_the_articles_day
from kg.extract.places import find_places, with_containers
from kg.extract.parse import parse_all
from kg.extract.sentences import split, title_case
from kg.extract.tables import first_row, header_of, table_leads, table_rows
from kg.extract.voices import (LIST_ITEM, answering_tag, find_signatory, interviewee, question_paragraphs, speaker_of_the_talk,
                               tag_source, voice_of)
from kg.extract.syntax import (adds_to_a_statement, before_its_update, clause_of, compares_with_a_count, counted,
                               counts_a_long_event, counts_a_places_people, counts_a_told_event, counts_again,
                               counts_losses, dates_a_count, dates_a_start, dates_a_statement, dates_an_event,
                               dates_another_thing, dates_something_else, dead_of_a_non_violent_cause,
                               denied_counts, describes_a_name, doer_of, ends_a_period, figure_token, first_person_says,
                               governing_source, ours_say, reporter,
                               in_present_perfect, is_age, is_agent, is_difference, is_held, is_ratio, is_retracted,
                               measures_a_record, names_an_event, names_on_a_list, next_predicate_start, none_reported,
                               noun_past_modifiers,
                               of_those_told, own_predicate, revises_a_count, sets_a_count, spans_a_long_event,
                               starts_a_period, subject_span, sufferer, told_on_the_day, verb_through_of,
                               wounded_who_died)
from kg.extract.text import junk_spans
from kg.model import ArticleMeta, Claim, Period, SourceRef
from kg.vocab import Vocabulary

EXTRACTOR_VERSION = f"kg-extract/{__version__}"

# the population a count's own apposition gives all of it: "12 martyrs, all of them civilian workers" (not most of it:
# "more than 13,000, most of them civilians" counts people)
_ALL_OF_THEM = re.compile(r"[^,;.:]{0,40},\s+all\s+of\s+them\s+(?:were\s+)?"
                          r"(?P<pop>[a-z-]+(?:\s+[a-z-]+)?)\b")
_SAME_PERIOD = re.compile(r"(?:(?:in|over|during|for)\s+)?the\s+same\s+(?:period|months?|weeks?|quarter)\s+(?:of|in)\s", re.I)
_CLAUSE_MARK = re.compile(r"[,;()]")
_WERE_NOUN = re.compile(r"\s*(?:were|are|was)\s+(?:(?:also|mostly|all)\s+)?((?:[a-z-]+\s+)?(?:children|civilians|women|militants|fighters|soldiers|"
                        r"combatants|troops|migrants|refugees|protesters|non-combatants))\b")
_BARE_AFTER = re.compile(r"\s*(?:have\s+|had\s+|were\s+|was\s+)?(?:died|killed|dead|were\s+killed|perished)\b")
_BARE_BEFORE = re.compile(r"\b(?:killed|killing|kills|wounded|wounding|wounds|injured|injuring|injures)(?:\s+(?:at\s+least|more\s+than|about|some|nearly|another))?\s*$")
_SQ_OPEN = guard(re.compile(r"(?:^|(?<=[\s(\"]))'(?=\w)"))
_SQ_CLOSE = re.compile(r"(?<=[\w.,!?])'(?=[\s.,;:!?)\"]|$)")
_AFTER_STOP = re.compile(r"[;]|\s[-\u2013\u2014]\s|\.\s|[,.?!][\"\u201d]|\bwhile\b|\bbut\b|,?\s+(?:and|or)\s+(?:the|its|their|it|they|he|she|a|an)\s")
_FIGURE_COVERS = guard(re.compile(
    r"\b(?:latest|this|the|that|new|monthly)\s+(?:figure|tally|toll|count|number|total|data)s?\s+(?:\w+\s+){0,1}(?:covers?|includes?|include|spans?|refers?|runs?|is\s+for)\b", re.I
))
# cheap tests that let a sentence skip a stage that could find nothing in it
_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_SPEECH_WORDS = SPEECH_WORDS | {"according", "report", "statement", "study", "investigation", "summary", "announcement", "probe",
                                "survey", "analysis", "data", "estimate", "research"}
# surface forms of kg:denialVerbs: a sentence without one is not parsed for a denied count
_DENIAL_WORDS = frozenset("deny denied denies denying reject rejected rejects dismissed dismisses refuted refutes".split())
# a negated count may state a zero: "its fighters did not kill any civilians", "had not killed a single civilian"
# (the words that gate the parse of a sentence without figures)
_NEGATIONS = frozenset("not never didn hadn hasn haven wasn weren".split())
_ZERO_HINTS = frozenset(("any", "single", "kill", "killed", "die", "died", "wound", "wounded", "injure", "injured"))
_PRONOUNS = frozenset({"it", "they", "its", "their"})
_FROM_PREVIOUS = re.compile(r"\bfrom\s+(?:the\s+)?previous\s+months?\b", re.I)
# run for every figure: compiled once here
_NEAR_WORDS = re.compile(r"[\w'\"-]+")
_LETTER_WORDS = re.compile(r"[A-Za-z][A-Za-z-]*")
_ALL_BEFORE = re.compile(r"\ball\s+$")
_OF_THESE = guard(re.compile(r"\bof\s+(?:these|them|those|which)\b", re.I))
_ALL_BUT = re.compile(r"\ball\s+but\s*$")
_BARE_CASUALTIES = re.compile(r"(?:(?:unintentional|reported|possible|more|total|new|further|additional)\s+)?casualties")
_THE_WAR = re.compile(r"\b(?:war|conflict|invasion|fighting)\b", re.I)
_RATE = re.compile(r"\s*(?:[\w-]+\s+){0,2}(?:every|per|a|each)\s+(?:day|week|month|year)\b(?!\s+(?:earlier|before|ago|later))")
# a figure given to compare with, before its time: "up from 538 in 2023", "compared with 479 in 2023"
_COMPARED_BEFORE = re.compile(r"\b(?:(?:up|down)\s+from|compared\s+(?:with|to))\s+(?:[\w,.]+\s+){1,3}$", re.I)
# the parts of a whole told right before: "41 bodies, among them 17 women and 10 children"
_NO_REPORTS_OF = re.compile(r"[Nn]o\s+(?:[a-z]+\s+)?reports?\s+of\b")
_EARLIER = re.compile(r"\b(?:earlier|before)$")
_PART_AFTER = re.compile(r",\s*(?:among\s+(?:them|whom)|including)\s+[^.;:]*$")
# a date in a clause "since" opens: "since the coalition intervened in March 2015"
_SINCE_BEFORE = re.compile(r"\bsince\b[^,.;:]{0,50}$", re.I)
_PEOPLE = guard(re.compile(r"\b(?:people|persons|individuals)\b", re.I))
_LOSING = frozenset(("lose",))
_FIRST_PERSON = frozenset(("i", "we", "my", "our", "us", "me"))
# a dateline with its credit opening a story: "JERUSALEM (The Global Courier) —", "KYIV, Ukraine (AP) -"
_CREDIT_LINE = re.compile(r"[A-Z][A-Z .'-]{1,40}(?:,\s*[\w .'-]{2,40})?\s*\([^()]{2,60}\)\s*[-\u2013\u2014]+\s*"
                          # ... or a place and a day: "Khartoum, Oct 30:", "GAZA CITY, 12 March -"
                          r"|\(?[A-Z][\w .'/-]{1,40}(?:\s*\([^()]{2,30}\))?,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?\)?"
                          # ("Ouagadougou, 15 May 2024 (AIB) -", "PORT-SUDAN (Sudan), 4 Nov 2025 (AFP) -", a press release's
                          # "(Nairobi, April 25, 2024) -", "BEIJING/NEW DELHI, Feb 19 (Reuters) -")
                          r"(?:\s*\([^()]{2,60}\))?\s*[:\-\u2013\u2014]\s*"
                          # ... or a place in capitals alone: "GAZA CITY - ", "KHARTOUM, Sudan - "
                          r"|[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+)*(?:,\s*[A-Z][\w .'-]{2,40})?\s+[-\u2013\u2014]+\s+")
# the place before a dateline's date ("ADDIS ABABA, ", AFP's "PORT-SUDAN (Sudan), ")
_DATELINE = re.compile(r"\(?[A-Z][\w .'/-]{1,40}(?:\s*\([^()]{2,30}\))?,\s*")
_AFTER_DATELINE = re.compile(r"\s*(?:[()]|[-\u2013\u2014:/]|\s*$)")  # its credit or dash ("Oct 15 (Reuters) -")
_ONLY_A_DATE = re.compile(r"[\W\d]*")
_BY_THEN = re.compile(r"\bby\s+(?:then|that\s+(?:time|point|date))\b", re.I)
_BY_DAY = re.compile(r"\b(?:by|until|till|through|as\s+of)\s+$", re.I)
_THOSE_EVENTS = re.compile(r"\b(?:those|these)\s+(?:[\w-]+\s+){0,2}(?:strikes|airstrikes|attacks|reports|cases|incidents|months|years|killed|dead|deaths|casualties|victims)\b", re.I)
_LIST_END = re.compile(r"(?:,|\b(and))\s*$")
_ANOTHER_BEFORE = re.compile(r"\b(?:another|additional)\s+$")
# "the remaining 16 deaths", "the other 12": the rest of the whole before, of its population (no increment)
_REST_BEFORE = re.compile(r"\b(?:remaining|other)\s+$", re.I)


@dataclass
class _Raw:
    claim: Claim
    sent: int
    para: int
    pkind: str  # kind of the period mention used, or "" if none in the sentence
    np: str
    explicit_people: bool = False
    after: str = ""
    more: bool = False  # "11 others", "another 20", "15 more": the population of the figure before
    increment: bool = False  # "another 20", "15 more": added to a count, not a running total of its own
    at: int = 0  # where the figure starts in its sentence
    span_of: "_Raw | None" = None  # the running total whose period "over the same period" refers to
    standing: bool = False  # told in the present perfect ("26 soldiers have been killed"): a count as it stands
    told_with: int | None = None  # the sentence of the statement it goes on with ("It added that ..."), whose day it has
    referred_back: bool = False  # its period is one named before ("that year", "over the same period", "a year earlier")
    long_event: bool = False  # counts a long event as a whole ("died in the battle"), not one attack's toll
    told_event: bool = False  # counts the dead of an event told before ("In the clashes, 37 were killed")
    rounded: bool = False  # "over a thousand", "more than a hundred": a round figure, perhaps a restatement
    dated_aside: bool = False  # its day dates something else said of it ("a graphic listing '78 martyrs' began circulating on Sunday")


_OUTLETS: dict[int, tuple[Vocabulary, dict[str, SourceRef]]] = {}


def _outlet(meta: ArticleMeta, vocab: Vocabulary) -> SourceRef | None:
    """The publisher as a source: the gazetteer entry when its name is known, else a new outlet."""
    if not meta.publisher:
        return None
    hit = _OUTLETS.get(id(vocab))
    if hit is None or hit[0] is not vocab:
        names = {}
        for key, term in vocab.sources.items():
            for n in term.names:
                names.setdefault(n.lower(), SourceRef(key, term.label, "Outlet" if term.kind == "Outlet" else "Organization"))
        hit = (vocab, names)
        _OUTLETS[id(vocab)] = hit
    name = meta.publisher.strip()
    return hit[1].get(name.lower()) or SourceRef(slug(name), name, "Outlet", known=False)


def _last_listed(s: str, figs, i: int) -> str | None:
    """The words after the last figure of a list that figs[i] opens ("A, B and C were killed"), or None when
    no "and" lists it with the figures after it."""
    j, joined = i, False
    while j + 1 < len(figs) and (end := _LIST_END.search(_windows(s, figs, j)[0])):
        joined, j = joined or end.group(1) is not None, j + 1
    return _windows(s, figs, j)[0] if joined else None


def _windows(s: str, figs, i: int) -> tuple[str, str, str]:
    f = figs[i]
    nxt = figs[i + 1].start if i + 1 < len(figs) else len(s)
    stop = _AFTER_STOP.search(s, f.end, nxt)
    after_end = stop.start() if stop else nxt
    prev_end = figs[i - 1].end if i > 0 else 0
    seg = s[prev_end:f.start]
    cut = max(seg.rfind(";"), seg.rfind(" - "), seg.rfind("\u2013"))
    before = seg[cut + 1:] if cut >= 0 else seg
    near = " ".join(_NEAR_WORDS.findall(before)[-6:])
    return s[f.end:after_end], before, near


_TIMESTAMP = re.compile(r"\s*\d{1,2}[:.]\d\d(?:\s*(?:[ap]\.?m\.?|GMT|BST|CET|EST|UTC|local\s+time))?\s*[-\u2013\u2014:|]?\s+(?=[A-Z\"])", re.I)
_QUOTED_NOUN = re.compile(r'(?<=\d )"([a-z][^"\n]{0,40})"')


def _without_credit(s: str) -> str:
    """The sentence to parse: a dateline and credit opening it blanked out (same length, so offsets hold), since
    the parser takes "PORT-SUDAN (Sudan), 4 Nov 2025 (AFP) - At least 40 civilians ..." for one noun phrase."""
    credit = _CREDIT_LINE.match(s) or _TIMESTAMP.match(s)  # (or a live page's time: "16:42 - Police say ...")
    s = " " * credit.end() + s[credit.end():] if credit else s
    # ... and an aside in brackets without figures ('had killed ("abatido", in the original) 37 presumed aggressors')
    s = _ASIDE.sub(lambda m: " " * len(m.group()), s)
    # ... and the quotation marks around what a figure counts ('claimed 146 "terrorists neutralised"'), which part the
    # number from its noun in the parse
    return _QUOTED_NOUN.sub(lambda m: f" {m.group(1)} ", s) if '"' in s else s


_ASIDE = re.compile(r"\((?=[\"'a-z])(?=[^()\d]*\s)[^()\d]{3,80}\)")  # (a gloss, not a name's acronym or a credit)

def extract(text: str, meta: ArticleMeta, vocab: Vocabulary) -> list[Claim]:
    lex = lexicon(vocab)
    junk = junk_spans(text)
    sents = split(text, junk)
    outlet = _outlet(meta, vocab)
    camp = vocab.campaign_starts
    att = Attributor(vocab, outlet, meta.published)
    inc = Incidents(vocab)
    raws: list[_Raw] = []
    all_periods: list[tuple[int, PeriodMention]] = []
    named_days: set[PeriodMention] = set()
    start_days: set[PeriodMention] = set()  # days a campaign or war began ("on March 24, 1999, NATO began bombing")
    stated_days: set[tuple[int, str]] = set()
    attack_days: list[tuple[int, str]] = []  # (sentence, day) of the violent events the article dates
    war_spans: list[tuple[int, Period]] = []  # (sentence, span) of the long events the article dates
    # a day on a reporting verb dates a statement, and one on a toll that rose ("rose to 23 on Friday") its update
    day_verbs = vocab.reporting_verbs | vocab.toll_update_verbs
    prev_sentence_nps: list[str] = []
    last_para = -10  # paragraph of the last attribution, for carry-over
    article_places: dict[str, int] = {}
    dated_items: dict[int, PeriodMention] = {}  # paragraph -> the day its heading line names
    tag_sources: dict[int, tuple | None] = {}  # paragraph -> who its speaker tag names
    answer_sources: dict[str, tuple | None] = {}  # the tag of one who answers a host's questions -> who it names
    # who says "I" in the piece's own voice: who signs a letter or an opinion piece at its end, else whose talk the piece
    # says it gives ("an edited transcript of a public lecture given by Professor Maria Lindqvist")
    signatory = find_signatory(sents) or speaker_of_the_talk(sents, att)
    # ... else the one a Q&A interview is with, who speaks in every paragraph but the interviewer's questions
    interview = interviewee(sents, att, questions := question_paragraphs(sents)) if signatory is None else None
    signatory, asked = signatory or interview, questions if interview is not None else set()
    table = table_rows(sents)  # sentence -> the cells of a table row written as a text line
    led_by = table_leads(table)  # a row -> the line over its table's header
    table_lines = set(led_by.values())
    table_sources: dict[int, tuple] = {}  # the line over a table -> who it says counted the table's figures
    table_periods: dict[int, PeriodMention] = {}  # ... and over what time
    row_spans: dict[int, list[tuple[str, str]]] = {}  # a table's first row -> the times its rows give
    listed_from: int | None = None  # the paragraph that opens the list the current paragraph is an item of
    list_sources: dict[int, tuple | None] = {}  # a paragraph that opens a list -> who its line says gives it

    # The figures of every sentence first (numbers and bounds depend on the sentence alone): the
    # attribution and incident state a sentence leaves is read only by the figures of later
    # sentences, so sentences after the last one with figures skip those stages, and an article
    # without figures has no claims.
    found: list[tuple[set[str], bool, list]] = []
    story_year = StoryYear(meta.published)
    last_fig = -1
    for si, sent in enumerate(sents):
        s = sent.text
        words = set(_WORDS.findall(s.lower()))
        has_digit = _DIGIT.search(s) is not None
        nums = find_numbers(s, words) if (has_digit or words & NUMBER_WORDS) else []
        figs = figures(s, nums) if nums else []
        pms = find_periods(s, meta.published, camp, words) if (has_digit or words & PERIOD_WORDS) else []
        pms = story_year.resolve(s, pms, camp, words, si) if pms else pms
        # a number inside a date is no count ("between 27 and 31 March", "from 3 to 5 May"; but "between 2000 and
        # 3000 people" may be years or counts, and is left to the figure stage)
        figs = [f for f in figs if not any(p.start <= f.start and f.end <= p.end
                                           and not MONTHS.keys().isdisjoint(_WORDS.findall(p.text.lower())) for p in pms)]
        if figs or not words.isdisjoint(_DENIAL_WORDS) or _may_negate_a_count(words):
            last_fig = si  # figures, or perhaps a denied count ("denied that any civilians were killed")
        found.append((words, has_digit, figs, pms))
    if last_fig < 0:
        return []
    parsed = [si for si, (words, _, figs, pms) in enumerate(found)
              if figs or any(p.kind in ("day", "todate") or (p.kind == "range" and len(p.finish or "") == 10) for p in pms)
              or not words.isdisjoint(_DENIAL_WORDS) or _may_negate_a_count(words)
              # (or an envoy speaks, whom a "he said" later means; or the line over a table says who counted it)
              or (si < last_fig and not words.isdisjoint(vocab.envoy_nouns) and not words.isdisjoint(SPEECH_WORDS))
              or si in table_lines
              # (or the line that opens a list: "The Ministry of Interior wishes to inform the public as follows:")
              or (si < last_fig and _opens_a_list(sents[si].text))
              # (or one whose subject an "it" or "they" in the next sentence, which has figures, may mean)
              or (not figs and si + 1 < len(found) and (found[si + 1][2] or _may_negate_a_count(found[si + 1][0]))
                  and not found[si + 1][0].isdisjoint(_PRONOUNS))]
    docs = dict(zip(parsed, parse_all([_without_credit(sents[si].text) for si in parsed])))
    for si in parsed:
        for a, b in denied_counts(docs[si], vocab.outcome_lemmas, vocab.denial_verbs):
            figs = found[si][2]
            figs.append(Figure(Decimal(0), "exact", None, a, b, a, b, "zero"))
            figs.sort(key=lambda f: f.start)

    for si, sent in enumerate(sents):
        s = sent.text
        words, has_digit, figs, pms = found[si]
        # "The army said ... the following: / - 23 militants killed; / - 14 others arrested; / - 9 soldiers wounded":
        # the items of a list a statement opens are its speaker's, however many there are
        if si > 0 and sents[si - 1].para != sent.para:
            opened = _opens_a_list(sents[si - 1].text)
            listed_from = (sents[si - 1].para if opened else listed_from) if (LIST_ITEM.match(s) or si in table
                                                                              or si + 1 in table) else None
        live = si <= last_fig
        if live and (figs or not words.isdisjoint(_SPEECH_WORDS)):
            ms = att.mentions(s)
            credit = _CREDIT_LINE.match(s)  # "JERUSALEM (The Global Courier) -": no one there speaks
            if credit:
                ms = [m for m in ms if m.start >= credit.end()]
            acts = att.speech_acts(s, ms)
        elif live:
            ms, acts = att.mentions(s), []  # the people it names are whom a later "he said" means
        else:
            ms, acts = [], []
        if si in docs:  # "its 20 April fatality figure of 738": the day the count stands at
            pms = [PeriodMention(p.start, p.end, None, p.finish, "until", p.text)
                   if p.kind == "day" and dates_a_count(docs[si], p.start, p.end, vocab.report_nouns) else p for p in pms]
        # a dateline's day ("ADDIS ABABA, Jan 14 (Wire) -") dates the article, not any figure
        # (or a line that is nothing but a date: "April 25, 2019" under a release's title)
        # (not a clause that opens a sentence: "On the day of the attack, December 16, the ISPR had said")
        pms = [p for p in pms if p.kind != "day" or not ((_DATELINE.fullmatch(s[:p.start]) and _AFTER_DATELINE.match(s, p.end))
                                                          or _ONLY_A_DATE.fullmatch(
            s[:p.start] + s[p.end:]))]
        # a day that dates a statement ("said on Friday") is not the period of any figure
        # (a point in time, or a span on a verb of saying: "said last week", ending on the article's day; but
        # "estimates the toll in the last four years" is the data's span)
        stated = [p for p in pms if p.kind in ("day", "todate", "month", "relative") and (si in docs or p.kind == "day")
                  and (p.begin == p.finish or p.kind == "relative")
                  and dates_a_statement(docs[si], p.start, p.end, day_verbs if p.kind == "day" else vocab.utterance_verbs,
                                        vocab.report_nouns | vocab.statement_occasions if p.begin == p.finish else frozenset(),
                                        vocab.time_words)
                  and not before_its_update(docs[si], p.start, p.end, vocab.toll_update_verbs, vocab.time_words)]
        pms = [p for p in pms if p not in stated]
        # "said on Sunday that 262 were killed over the previous 24 hours": days counted back from the statement's
        # day, not the article's
        said_on = max((p.finish for p in stated if p.kind == "day" and p.finish and len(p.finish) == 10), default=None)
        if pms and said_on and meta.published and said_on < meta.published:
            again = {(p.start, p.end): p for p in find_periods(s, said_on, camp, words)}
            pms = [again.get((p.start, p.end), p) if p.finish and len(p.finish) == 10 else p for p in pms]
        # ... though a running total stands on the day it is stated ("said on Sunday that 217 had been killed since
        # March 15")
        # ("said today": a day as much as "said on Tuesday")
        stated_days.update((si, p.finish) for p in stated if p.kind in ("day", "month", "relative", "todate") and p.finish)
        if si in docs and (when_said := _when_said(s, pms, docs[si], vocab.reporting_verbs)) is not None:
            stated_days.add((si, when_said))  # "stopped updating in April, when it said 9,000 had been killed": then
        if not stated and _BY_THEN.search(s) and (told := [(at, 0, p.finish) for at, p in all_periods if p.finish]
                                                   + [(at, 1, day) for at, day in stated_days]):
            # "In July, the UN said ... By then the association estimated ...": as of the time told last (a statement's
            # before the days its sentence tells of)
            stated_days.add((si, max(told)[2]))
        stated_here = any(p.kind in ("day", "month") and p.finish for p in stated)
        if si in docs:  # "since the offensive began on April 4": the day starts a running total
            # ("Boko Haram, whose insurgency began in 2009, has killed more than 40,000": so does the day a war began)
            pms = [PeriodMention(p.start, p.end, p.begin, None, "since", p.text)
                   if p.kind in ("day", "month", "year") and (starts_a_period(docs[si], p.start, p.end) or dates_a_start(
                       docs[si], p.start, p.end, vocab.time_words, aside=True)) else p for p in pms]
            # "killed in the war that ended with the ceasefire on Nov. 27, 2024": the day ends the span, it is not all of it
            pms = [PeriodMention(p.start, p.end, None, p.finish, "until", p.text)
                   if p.kind in ("day", "month") and ends_a_period(docs[si], p.start, p.end, vocab.time_words) else p
                   for p in pms]
            # "since the ceasefire collapsed in mid-March": the event's date starts the total, the event named before it
            # is no second, undated start
            dated = [p for p in pms if p.kind == "since" and p.begin]
            pms = [p for p in pms if not (p.kind == "since" and p.begin is None
                                          and any(0 <= d.start - p.end <= 40 for d in dated))]
            # "after the October 7 onslaught": a day in an event's name is no "as of" date for the article
            named_days.update(p for p in pms if p.kind == "day" and names_an_event(docs[si], p.start, p.end, vocab.time_words))
            # (nor the day of another thing: "despite a ceasefire announced on Saturday")
            named_days.update(p for p in pms if p.kind == "day" and dates_another_thing(docs[si], p.start, p.end, vocab.dated_things))
            # ... nor is the day a campaign began ("on March 24, 1999, NATO aircraft began bombing")
            started = {p for p in pms if p.kind == "day" and dates_a_start(docs[si], p.start, p.end, vocab.time_words)}
            # (and so is the same day said again in other words: "Twenty-five years ago today, on March 24, 1999")
            began = {p for p in pms if p.kind == "day" and any(q.finish == p.finish for q in started)}
            start_days |= began
            named_days |= began
            # "The battle for Raqqa lasted from June 6 to Oct. 17, 2017": the span of the war its tolls are of
            war_spans.extend((si, Period(p.begin, p.finish, None)) for p in pms if p.kind == "range" and p.begin
                             and (_days_long(Period(p.begin, p.finish)) or 0) > 7 and spans_a_long_event(docs[si], p.start, p.end))
            # (or the few days it took: "killed hundreds of civilians in Axum on November 28-29, 2020")
            attack_days.extend((si, p.finish) for p in pms if p.finish and p not in named_days and (
                p.kind == "day" or (p.kind == "range" and (_days_long(Period(p.begin, p.finish)) or 99) <= 7))
                and dates_an_event(docs[si], p.start, p.end, vocab.event_words, vocab.time_words)
                and not dates_another_thing(docs[si], p.start, p.end, vocab.dated_things))
        # (a span named earlier in the sentence comes before: "in 2023, up from 900 a year earlier")
        pms = [_previous_span(_started_before(p, all_periods, sents), all_periods + [(si, q) for q in pms if q.end <= p.start],
                              meta.published, said_on) for p in pms]
        all_periods.extend((si, p) for p in pms)
        if si in docs and not any(t.pos_ in ("VERB", "AUX") for t in docs[si]):
            # a line that is a date and a place, no clause ("1. March 2, 2019, near Baghuz, Syria."): the heading of
            # an item whose figures follow in its paragraph
            day = [p for p in pms if p.kind == "day" and p.begin]
            if day and sent.para not in dated_items:
                dated_items[sent.para] = day[0]
        elif (entry := entry_date(s, meta.published)) is not None:
            dated_items[sent.para] = entry  # "July 2017 - The army says ...": a timeline's entry, of its date
        places = find_places(_without_credit(s), vocab)  # (a dateline's place is where the story was filed from)
        for _, _, k in places:
            article_places[k] = article_places.get(k, 0) + 1
        if not live:
            continue  # only the periods and places of the sentences after the last figures count
        # (the day a campaign began dates no incident: "on March 24, 1999, NATO aircraft began bombing")
        inc.observe(s, si, [p for p in pms if p not in start_days], places, meta.published)
        nps: list[str] = []
        elliptic_nps: list[str] = []  # the nouns the sentence's figures without their own noun took
        of_number_np: dict[int, tuple[str, str]] = {}
        for i, f in enumerate(figs):
            if (is_age(docs[si], f.start, f.end) or is_ratio(docs[si], f.start, f.end) or is_difference(docs[si], f.start, f.end)
                    or is_held(docs[si], f.start, f.end) or is_retracted(docs[si], f.start, f.end)
                    or is_agent(docs[si], f.start, f.end, vocab.outcome_lemmas) or describes_a_name(docs[si], f.start, f.end)
                    or counts_a_places_people(docs[si], f.start, f.end, vocab.place_nouns, vocab.outcome_lemmas, vocab.place_names)
                    or (wounded_who_died(docs[si], f.start, f.end, vocab.outcome_lemmas)
                        and any(r.claim.metric.endswith("-killed") for r in raws))):
                continue
            after, before, near = _windows(s, figs, i)
            if (cut := next_predicate_start(docs[si], f.start, f.end)) is not None and cut > f.end:
                after = after[:cut - f.end]  # (not the cues of a verb conjoined after the figure's own)
            np, marker = noun_phrase(s, f.end)
            if f.kind == "zero":
                after = s[f.end:]
            if si in table and (column := header_of(table[si], f.start)) is not None:
                # "Territory | Killed | Injured / Dibaya | 312 | 45": people, as the column's header says
                header = column.lower()  # (whom a header names, "Civilians killed", else people: "Deaths recorded")
                np, marker, after, before, near = (header if lex.classify(header, header, "", "") else "people"), "", header, "", ""
            elif si in table:
                continue  # (a row's label: "Week 23 | ...")
            if marker == "ante" and _ALL_BEFORE.search(s[max(0, f.start - 5):f.start]):
                continue  # "all 104 of them": a restatement
            base_only = False
            inherited = False
            if marker == "of-number" and i + 1 < len(figs):
                np2, _ = noun_phrase(s, figs[i + 1].end)
                after2, _, _ = _windows(s, figs, i + 1)
                np, after = np2, f"{np2} {after2}"
                of_number_np[i + 1] = (np2, after2)
            elif marker == "of-number":
                continue
            if i in of_number_np:
                base_only = True
            if not np:
                inherited = True
                if (elliptic_nps and marker != "of-number" and elliptic_nps[-1] != (nps or [""])[-1]
                        and lex.classify(elliptic_nps[-1], after, before, near, True) is not None):
                    # a clause parallel to an earlier one without a noun shares its noun, past the nouns between
                    # ("six were assessed as credible, resulting in 20 civilian deaths, while 36 were judged
                    # non-credible": reports), when its own predicate fits that noun
                    np = elliptic_nps[-1]
                elif nps and marker != "of-number":
                    np = nps[-1]
                elif marker == "ante" and (antecedent := next(
                        (w for w in reversed(_LETTER_WORDS.findall(s[max(0, f.start - 120):f.start]))
                         if (lex.classify(w, after, before, near) or ("",))[0].endswith(("-killed", "-injured"))), "")):
                    np = antecedent  # "struck a gathering of fighters, killing about 30 of them": the people named before
                elif _OF_THESE.search(before + s[f.end:f.end + 15]) and prev_sentence_nps:
                    np = prev_sentence_nps[-1]
            wm = _WERE_NOUN.match(after) if not np or inherited else None
            if wm and not _ALL_BUT.search(near):
                # "Of those killed, 927 were children": the noun after the copula, the verb before
                np, after, inherited = wm.group(1), f"{after} {before}", False
            head_low = np.lower()
            bare_casualties = _BARE_CASUALTIES.fullmatch(head_low) is not None
            if bare_casualties and si in docs and (whose := sufferer(docs[si], f.start, f.end)) and (
                    lex.classify(whose, "killed", "", "") or ("",))[0].startswith("combatants-"):
                continue  # "troops had suffered about 3,000 casualties": soldiers' dead and wounded, which no metric counts
            if bare_casualties:
                # bare "casualties" in casualty reporting means civilian casualties; a kill verb anywhere before makes them deaths
                np = "civilian casualties"
                after = f"{after} {s[:f.start]}"
            if base_only:
                res = lex.classify(np, "", "", "")
            else:
                res = lex.classify(np, after, before, near, inherited)
                if inherited and res is not None and res[1] == "metric.label":
                    # an antecedent that names a metric ("put the death toll at 89, and said 120 others had been
                    # wounded") lends its people, not its outcome, to a figure whose own verb names another
                    own = lex.classify("people", after, "", "")
                    if own is not None and own[0].rsplit("-", 1)[-1] != res[0].rsplit("-", 1)[-1]:
                        res = own
            link = counted(docs[si], f.start, f.end, vocab.outcome_lemmas)
            if (np and si in docs and (res is None or res == lex.classify(np, "", "", ""))
                    and (done := verb_through_of(docs[si], f.start, f.end))):
                # "completed its assessment of 42 reports", "completed its review of 18 allegations": the verb the
                # figure's noun is the object of, through "of", says what was done to them (where nothing else did)
                res = lex.classify(np, after, before, f"{near} {done}") or res
            if (link is not None and link.noun.endswith(" members") and np.lower().startswith("members of ")
                    and (whose := lex.classify(link.noun, after, before, near)) is not None):
                # "17 members of his extended family": whose members they are says who they were, not "members"
                res = whose
            if (res is None and np and not inherited and (last := _last_listed(s, figs, i)) is not None
                    and not (link is not None and link.outcome)):
                # "13 civilians, most of them living near the wall, and five soldiers were killed", "920 militants, 165
                # soldiers and police, and 47 civilians had been killed": subjects listed with "and" share the verb
                # after the last of them (where the parse, thrown by the aside or the list, links none)
                res = lex.classify(np, f"{after} {last}", before, near, inherited)
            if (res is None and np and not inherited and si in docs
                    and (head := noun_past_modifiers(docs[si], f.start, f.end)) and head != np):
                # the noun the parse links the figure to past the modifiers the words after it stop at ("330 US air and
                # naval strikes")
                res = lex.classify(head, after, before, near)
            if (res is None and not np and (_BARE_AFTER.match(after) or _BARE_BEFORE.search(near))
                    and not (link is not None and link.noun and lex.classify(link.noun, link.outcome, "", ""))):
                # "42 died", "The attack killed 19 and wounded 60": people, by default (unless the parse names
                # whom the act struck: "hit a car carrying civilians, killing three")
                res = lex.classify("people", after, before, near)
            elif res is None and " " not in np and _names_outcome(np, vocab.outcome_lemmas) and (not inherited or marker == "more"):
                # "rose to 3,100 killed and 4,800 injured": the outcome after the figure, no noun it counts (or the
                # noun of the figure before it, "received 29 bodies, while ... nine more had been brought there")
                res = lex.classify("people", f"{np} {_outcome_form(np, vocab.outcome_lemmas)} {after}", before, near)
            # what the parse links the figure to: "slaughtering 223 civilians", "killing three", "330 as combatants";
            # it decides where the surface cues found nothing, and for a part said to be of another
            # population ("14 of the dead were children": a breakdown of its own metric)
            if link is not None and link.part and not link.predicate:
                continue  # "60 of the fatalities were under five": a part of a count that names no population of its own
            outcome = link.outcome if link is not None else ""
            if link is not None and link.predicate and not outcome and raws:
                # "Of the verified cases, 1,486 are believed to be civilians": the outcome of the figures before
                outcome = _outcome_of(raws[-1].claim.metric, vocab.outcome_lemmas)
            # the clause's subject decides only where the figure names nothing itself: "the government put
            # the number of dead at 100" counts the dead, whoever "killing 50 civilians" counted before (nor
            # does the noun of the figure before: "7,510 wounded ..., bringing the toll to 52,908")
            context_only = res is not None and res[1] in ("metric.noun+subject", "metric.subject") and (not np or inherited)
            if res is not None and res[1] == "metric.noun+subject" and si in docs:
                # "54 of the dead were children and 196 people had been kidnapped": a figure with a verb of its own
                # tells what befell it; the dead before it do not
                verb = own_predicate(docs[si], f.start, f.end)
                if verb is not None and verb not in vocab.outcome_lemmas and verb not in ("be", "have"):
                    res = None
                elif link is not None and link.outcome and not res[0].endswith(f"-{link.outcome}"):
                    # "the war has made tens of thousands of dead and displaced 12 million people": the act
                    # the parse links the figure to, not the dead before it
                    res = None
            narrower = (res is not None and res[0].startswith("people-") and link is not None and link.noun
                        and link.noun != np and not (lex.classify(link.noun, outcome, "", "") or ("people-",))[0].startswith("people-"))
            if outcome and (res is None or link.predicate or (context_only and link.noun) or narrower
                            or (inherited and link.noun and not res[0].endswith(f"-{outcome}"))):
                # (or a population the parse finds where the words after the figure name none: "297 deaths and 371
                # injuries among civilians")
                # (the noun the parse links, else the one written after the figure: "71 of them children")
                own = np if np and not inherited and not any(_names_outcome(w, vocab.outcome_lemmas) for w in np.split()) else ""
                parsed_res = lex.classify(link.noun or own or "people", outcome, "", "")
                words = link.noun.lower().split()
                if parsed_res is None and words and (
                        {words[0], words[0][:-1]} & vocab.report_nouns or _names_outcome(words[-1], vocab.outcome_lemmas)
                        or (link.by_word and link.by_word not in vocab.thing_outcomes and words[-1].isalpha())
                        or (link.proper and len(words) == 1 and outcome in ("killed", "injured"))):
                    # "the number of dead", "put its losses at": people, unspecified; so are those an act that befalls
                    # only people befell, whoever the noun says they were ("the death of seven workers"), and a
                    # people the figure names ("215 Georgians have been killed")
                    parsed_res = lex.classify("people", outcome, "", "")
                if parsed_res is not None:
                    np = link.noun if link.predicate else (np or link.noun)
                    res = (parsed_res[0], "metric.parse")
                elif link.predicate and link.part:
                    continue  # "61 of those killed were women": a part of a population no metric names, not the whole
            if (res is not None and link is not None and link.befell and _outcome_of(res[0], vocab.outcome_lemmas)
                    and not (np and not inherited and _names_outcome(np.split()[0], vocab.outcome_lemmas)
                             and s[f.end:].lstrip().lower().startswith(np.split()[0].lower()))):
                # "14 of them later died": the population of the whole, the outcome of the part (not "Four dead and
                # more than 20 injured": the figure's own word says what befell it)
                changed = res[0].replace(f"-{_outcome_of(res[0], vocab.outcome_lemmas)}", f"-{link.befell}")
                res = (changed, "metric.parse") if changed in lex.notations else res
            if (res is not None and res[0] == "people-killed" and si in docs
                    and (loser := sufferer(docs[si], f.start, f.end, _LOSING))
                    and (theirs := lex.classify(loser, "killed", "", "")) is not None and theirs[0].startswith("combatants-")):
                # "rebel fighters had lost 19 men": the losers' own dead (not "lost eleven relatives": a family's)
                res = (theirs[0], "metric.parse")
            if res is None and raws and raws[-1].sent == si and compares_with_a_count(docs[si], f.start, f.end):
                # "1,300 killings in 2023, up from 900 a year earlier": the count just given, at another time
                res = (raws[-1].claim.metric, "metric.compared")
            elif res is None and raws and raws[-1].sent >= si - 2 and (
                    sets_a_count(docs[si], f.start, f.end, vocab.report_nouns)
                    or (not np and counts_again(docs[si], f.start, f.end, vocab.reporting_verbs))):
                # "Hours later it raised the figure to 68", "In 2022, it had counted 281": the count of the figure just
                # before (the whole, not a part told with it: "two children were among the dead. He later raised the
                # toll to 14")
                whole = next((o for o in reversed(raws) if o.sent >= si - 2 and not o.claim.metric.startswith("children-")), raws[-1])
                res = (whole.claim.metric, "metric.restated")
            elif (res is not None and res[0].startswith("people-")
                  and (revised := next((o for o in reversed(raws) if o.sent >= si - 2 and not o.claim.metric.startswith("children-")
                                        and o.claim.metric.endswith(res[0].removeprefix("people"))), None)) is not None
                  and revises_a_count(docs[si], f.start, f.end, vocab.report_nouns)):
                # "He later revised the number of dead to twelve": the dead counted before (ten members of the group),
                # past the wounded counted since ("11 civilians had been killed and six wounded ... revised the figure
                # to 14 dead")
                res = (revised.claim.metric, "metric.restated")
            if (res is None and np and np.split()[0].lower() == "names" and si in docs
                    and names_on_a_list(docs[si], f.start, f.end, vocab.victim_list_nouns)
                    and _about_a_victim_list(words, found[si - 1][0] if si and sents[si - 1].para == sent.para else set(), vocab)):
                # "the register contains 408 names", "a list of more than 400 names": the dead it lists
                res = ("people-killed", "metric.names-listed")
            part_of_whole = False
            if (res is None and np and not inherited and raws and raws[-1].sent == si and _PART_AFTER.search(s, raws[-1].at, f.start)
                    and (whole := _outcome_of(raws[-1].claim.metric, vocab.outcome_lemmas))):
                # "We counted 41 bodies, among them 17 women and 10 children": parts of the whole just counted, of its
                # outcome and period (where the parser, thrown by the quotation, links them to nothing)
                res, part_of_whole = lex.classify(np, whole, "", ""), True
            if res is None or np.lower() in vocab.incident_nouns:
                continue  # (nothing counted, or events: "the report documents one massacre")
            if _RATE.match(s[f.end:f.end + 40]):
                continue  # a rate ("1,000 deaths every day"), not a count
            metric, mrule = res
            if f.kind == "zero" and metric == "casualty-reports" and _NO_REPORTS_OF.match(s, f.start):
                continue  # "There were no immediate reports of casualties": nobody reported any, no count of reports received
            if f.value == 0 and si in docs and none_reported(docs[si], f.start, f.end, vocab.reporting_verbs):
                continue  # "No deaths were reported": no one reported any, which counts none
            if metric.endswith("-killed") and si in docs and dead_of_a_non_violent_cause(docs[si], f.start, f.end):
                continue  # "cholera has killed 18 people": no casualties of the violence the claims are about
            if (raws and raws[-1].sent == si and raws[-1].claim.metric == metric and not (link is not None and link.befell)
                    and si in docs and of_those_told(docs[si], f.start, f.end)):
                continue  # "nine wounded, two of them seriously", "23 wounded civilians, 8 of them children": a subset
            if metric in ("people-killed", "people-injured") and (whole := _ALL_OF_THEM.match(s, f.end)):
                # "12 martyrs, all of them civilian workers", "30 dead, all of them civilians": the population said
                said = lex.classify(whole.group("pop"), metric.split("-", 1)[1], "", "")
                if said is not None and said[0].split("-", 1)[0] in ("civilians", "combatants"):
                    metric, mrule = said[0], "metric.all-of-them"
            # "no civilians were injured or killed" says none died and none was hurt: two counts of zero
            # ("there had been no casualties": no one, civilian or not)
            no_casualties = f.kind == "zero" and metric == "civilian-casualties"
            if no_casualties:
                metric = "people-killed" if bare_casualties else "civilians-killed"
            if metric not in vocab.metrics:
                continue  # a population and outcome the metric scheme has no concept for: no claim, not a rejected article
            if metric.startswith("combatants-") and si in docs and counts_losses(docs[si], f.start, f.end):
                continue  # a force's losses, dead and wounded together, which no metric counts
            if _in_single_quotes(s, f.start) and any(r.claim.metric == metric and r.claim.value == f.value for r in raws):
                continue  # "... boasts of 'zero unintentional civilian deaths'": a quoted restatement of a figure already claimed
            if marker == "subset" and not lex_has_event(lex, metric):
                continue
            nps.append(np)
            if inherited:
                elliptic_nps.append(np)
            explicit_people = bool(_PEOPLE.search(np))
            # when
            # (not the record a toll is measured against: "..., the highest toll since mid-2022")
            pm = _pick_period([p for p in pms if not (
                p.kind == "since" and si in docs and measures_a_record(docs[si], p.start, p.end)
                and not told_on_the_day(docs[si], p.start, p.end, f.start, f.end))
                # (nor the time a later figure is compared at: "stands at 1,139, up from 1,114 a month earlier")
                and not (p.start > f.end and _EARLIER.search(p.text) and any(f.end <= g.start < p.start for g in figs))
                # (nor the time of another thing: "has reached about 600, ... despite a ceasefire announced over the weekend")
                and not (si in docs and dates_something_else(docs[si], p.start, p.end, f.start, f.end, vocab.dated_things))],
                f.start, f.end, s, docs.get(si))
            record = False  # told as the record the news is measured against
            if (pm is not None and pm.kind == "since" and pm.begin and len(pm.begin) >= 7 and si in docs
                    and told_on_the_day(docs[si], pm.start, pm.end, f.start, f.end)):
                # (or that month's: "the deadliest since February, when an Israeli raid ... killed nine civilians")
                pm = PeriodMention(pm.start, pm.end, pm.begin, pm.begin, "day" if len(pm.begin) == 10 else "month", pm.text)
                record = True
            if pm is None and sent.para in dated_items:
                pm = dated_items[sent.para]  # "1. March 2, 2019, near Baghuz. ... 4 civilians were killed": the item's day
            elif pm is None and si in led_by and led_by[si] in table_periods:
                pm = table_periods[led_by[si]]  # a table's row, over the time the line over the table says
            elif pm is None and si in table and (spans := row_spans.get(first_row(table, si))):
                # a row with no time of its own under rows that have one ("Total | | 139"): all of theirs
                pm = PeriodMention(0, 0, min(b for b, _ in spans), max(e for _, e in spans), "range", "")
            elif pm is not None and pm.kind == "backref" and dated_items.get(sent.para) is not None:
                # "October 17, 2017 - ... were killed over the five months": up to the entry's date
                pm = PeriodMention(pm.start, pm.end, None, dated_items[sent.para].finish, "until", pm.text)
            if pm is not None and si in table and pm.kind in ("day", "range") and pm.begin and pm.finish and pm.text:
                row_spans.setdefault(first_row(table, si), []).append((pm.begin, pm.finish))  # (a row's own time)
            by_day = pm is not None and pm.kind == "day" and pm.finish and _BY_DAY.search(s[:pm.start])
            if by_day and (since := next((p for p in pms if p.kind in ("since", "campaign") and p.begin), None)):
                # "By Tuesday, 300 people had been killed since January": the running total, standing on that day
                pm = PeriodMention(since.start, since.end, since.begin, pm.finish, "range", since.text)
            elif (by_day and metric.endswith(("-killed", "-injured"))
                    and (attacked := [d for at, d in attack_days if at < si and len(d) == 10 and d < pm.finish])):
                # "the bodies of 42 civilians had been collected by Monday evening", after the attack on Saturday: the
                # toll of that attack, counted by then
                pm = PeriodMention(pm.start, pm.end, attacked[-1], attacked[-1], "day", pm.text)
            # who
            quoted = sent.in_quote != _in_quote(s, f.start)
            # a headline in title case parses badly ("Civilians Killed in US-Led Operations"); in sentence case it
            # is read like any sentence ("Ukraine says Russian strike killed 14 in Kharkiv")
            r = (_parsed_source(att, docs[si], s, f, ms, vocab, _in_quote(s, f.start) or sent.in_quote)
                 if not (sent.headline and title_case(s)) else None)
            impersonal = r is _IMPERSONAL
            if r is _STORY:
                r = outlet, None, "attr.story"
            elif r is None or impersonal:
                r = att.attribute(s, f.start, f.end, ms, acts, sent.headline, quoted,
                                  subject_span(docs[si], f.start, f.end, vocab.outcome_lemmas) if si in docs else None)
            if quoted and (r is None or r[2] == "attr.carry-over"):
                # (a quotation's speaker before whoever spoke last: '"...," one witness said. "I counted 30 bodies."')
                r = _quote_speaker(att, sents, si, vocab) or r
            if impersonal and r is not None and r[2] == "attr.subject":
                r = None  # the surface subject of "It is estimated" is no one
            if r is None and impersonal:
                # "It is estimated that up to 2,000 people have been killed": the writer's own hedge, not the
                # source before going on
                r = outlet, None, "attr.impersonal"
            # "DR. SAMIR HADDAD: We counted 45 bodies at the hospital." (not after a source the speaker named in the
            # paragraph: "The ministry says 60 were killed. Another 20 died in hospital."; an answer only in the words
            # of the one asked, "We received 84 wounded", not an explainer's answer to its own question)
            if ((r is None or r[2] == "attr.carry-over") and sent.speaker_tag and last_para != sent.para
                    and (sent.speaker_tag != "A" or (si in docs and any(w.lower_ in _FIRST_PERSON for w in docs[si])))):
                if sent.para not in tag_sources:
                    tag_sources[sent.para] = tag_source(att, sent.speaker_tag, signatory)
                if tag_sources[sent.para] is not None:
                    r = (*tag_sources[sent.para], "attr.speaker-tag")
            if (sent.speaker_tag and (is_host_tag(sent.speaker_tag) or s.rstrip().endswith("?")) and si in docs
                    and any(t.lower_ in ("you", "your") and t.dep_ in ("nsubj", "poss") for t in docs[si])
                    and (answering := answering_tag(sents, si)) is not None):
                # "Q: General, last month you gave us 4,251 dead.": the host puts the figure to the one who answers
                if answering not in answer_sources:
                    answer_sources[answering] = tag_source(att, answering, signatory)
                if answer_sources[answering] is not None:
                    r = (*answer_sources[answering], "attr.speaker-tag")
            if ((r is None or r[2] == "attr.carry-over" or r[0] == outlet) and signatory is not None and not quoted
                    and sent.para not in asked
                    and not sent.in_quote and not _in_quote(s, f.start) and not sent.speaker_tag and si in docs
                    and first_person_says(docs[si], f.start, f.end)):
                r = (*voice_of(signatory), "attr.signatory")  # "..., I found 412": the letter's writer
            elif (r is not None and not r[0].known and not quoted and not sent.in_quote and not _in_quote(s, f.start)
                  and not sent.speaker_tag and si in docs and ours_say(docs[si], f.start, f.end)):
                # "Our medical teams treated 34 wounded", in the piece's own voice: the body it speaks for, else the outlet
                r = ((signatory.speaks_for if signatory is not None and signatory.speaks_for else outlet), None, "attr.own-voice")
            if r is None and si in led_by and led_by[si] in table_sources:
                r = (*table_sources[led_by[si]], "attr.table")
            elif r is None and listed_from is not None and list_sources.get(listed_from) is not None:
                r = (*list_sources[listed_from], "attr.list")  # an item of the list its line opens
            if r is None and s.rstrip().endswith("?") and not _in_quote(s, f.start):
                continue  # the writer's own question ("Fact-check: Were 78 protesters killed at Lekki toll gate?") asserts nothing
            if (r is None and att.last_asserter is not None and not sent.headline
                    and (sent.para - last_para <= 1 or (listed_from is not None and last_para >= listed_from))
                    and not _about_the_war(docs.get(si), f.start, f.end, vocab)
                    and not (sent.para != last_para and (record or _history_after_news(pm, raws, meta.published)))):
                # the source of the figures just before (same or previous paragraph) goes on speaking
                asserter, speaker = att.last_asserter
                arule = "attr.carry-over"
            elif r is None and signatory is not None and not sent.headline and sent.para not in asked:
                # a letter's or a talk's own voice is its writer's or its speaker's, not the outlet's
                asserter, speaker, arule = *voice_of(signatory), "attr.signatory"
            elif r is None:
                asserter, speaker, arule = outlet, None, "attr.outlet"
            else:
                asserter, speaker, arule = r
            if asserter is None:
                asserter = SourceRef("unknown", "unknown", known=False)
            if not sent.headline:
                att.note(asserter, speaker)
                last_para = sent.para
            period = Period(pm.begin, pm.finish, pm.text) if pm else Period()
            # where
            # the places of the figure's own clause: from its speech act (or the figure before) to the next figure
            lo = figs[i - 1].end if i > 0 else 0
            prior = [a for a in acts if a[1] <= f.start and a[0] >= lo]
            if prior:
                lo = max(lo, min(prior[-1][0], prior[-1][2].start))
            hi = figs[i + 1].start if i + 1 < len(figs) else len(s)
            local = [k for a, b, k in places if lo <= a < hi]
            claim = Claim(
                metric=metric, value=f.value, bound=f.bound, value_max=f.value_max,
                asserter=asserter, speaker=speaker, period=period,
                places=with_containers(local, vocab),
                quote=s, start=sent.start, end=sent.end,
                confidence=_confidence(arule, mrule),
                rule=f"{mrule}+{arule}",
            )
            pkind = pm.kind if pm else ""
            standing = in_present_perfect(docs[si], f.start, f.end)
            if pm is None and stated_here and standing:
                pkind = "todate"  # "according to UN figures released on 2 June, 8,600 have been killed": as of that day
            if pm is None and (_THOSE_EVENTS.search(s) or (link is not None and (link.predicate or link.among_dead))
                               or _OF_THESE.match(s[:f.start].lstrip()) or mrule == "metric.restated"
                               or (si in docs and adds_to_a_statement(docs[si]))):
                # (or the count just given, restated by another: "The police commander put the number at 11")
                # (or one more of the statement before: "It added that 11 soldiers had lost their lives")
                # "those strikes", "250 of the dead were civilians", "Of these, five ...", "the dead included 412
                # civilians": the period of the figure before
                pkind = "inherit"
            if part_of_whole:
                pkind = "inherit"
            raws.append(_Raw(claim, si, sent.para, pkind, np, explicit_people, after, at=f.start, standing=standing,
                             long_event=si in docs and counts_a_long_event(docs[si], f.start, f.end),
                             told_event=si in docs and counts_a_told_event(docs[si], f.start, f.end, vocab.event_words),
                             rounded=f.kind == "round",
                             referred_back=pm is not None and bool(_EARLIER.search(pm.text or "")),
                             dated_aside=pm is not None and pm.kind == "day" and si in docs
                             and not dates_an_event(docs[si], pm.start, pm.end, vocab.event_words, vocab.time_words)
                             and not dates_a_statement(docs[si], pm.start, pm.end, vocab.reporting_verbs, vocab.report_nouns,
                                                       vocab.time_words)))
            just_before = s[max(0, f.start - 12):f.start]
            increment = marker == "more" or _ANOTHER_BEFORE.search(just_before) is not None
            if marker == "ante" or increment or _REST_BEFORE.search(just_before):
                raws[-1].more, raws[-1].increment = True, increment
            inc.attach(raws[-1], s, si, pm)
            if no_casualties:
                hurt = replace(raws[-1], claim=replace(raws[-1].claim, metric=metric.replace("-killed", "-injured")))
                raws.append(hurt)
        if si in docs and (si in table_lines or (not figs and _opens_a_list(s))):
            # who the line over a table or a list says gives its figures ("Deaths recorded by the provincial health
            # office, by territory, since 1 January 2017:", "The Ministry of Interior wishes to inform the public as
            # follows:"), and over what time, for a table
            said = reporter(docs[si], vocab.reporting_verbs, vocab.report_nouns, vocab.outcome_lemmas)
            source = att.from_parse(s, said, ms) if said is not None else None
            if si not in table_lines:
                list_sources[sent.para] = source
            elif source is not None:
                table_sources[si] = source
            if si in table_lines and pms:
                table_periods[si] = pms[-1]
        before_acts = att.last_asserter
        att.note_acts(s, acts, ms, sent.in_quote, docs.get(si))
        if not figs and si in docs:
            att.note_envoys(s, docs[si], ms)
        if att.last_asserter is not before_acts:
            last_para = sent.para
        if nps or figs:
            prev_sentence_nps = nps  # ("assessed 67 incidents. Of these, 19 were ...": incidents, no metric's noun)
    _article_periods(raws, sents, all_periods, meta.published, named_days, dict(sorted(stated_days)), vocab.per_period_metrics,
                     attack_days, war_spans)
    _snap_to_campaign(raws, text, vocab)
    _since_the_war(raws, article_places, vocab, meta.published)
    _dated_when_told_again(raws)
    _same_sentence_population(raws)
    _restated_population(raws)
    inc.finish(raws)
    for i, r in enumerate(raws):
        if r.more:
            _continue_population(raws[: i + 1])
    raws = _without_attributed_after(raws, sents)
    _described_then_named(raws, sents, att, vocab)
    _headline_sources(raws, sents)
    raws = _without_restated_parts(raws, {si: figs for si, (_, _, figs, _) in enumerate(found)})
    raws = _without_rounded_restatements(raws)
    default_places = _default_places(article_places, vocab)
    out: list[Claim] = []
    seen = set()
    for r in raws:
        c = r.claim
        if c.metric in vocab.stock_metrics and c.period.start:
            c.period = Period(None, c.period.end, c.period.text)  # "207 reports are still open": as of its end only
        if not c.places:
            # a figure of the campaign its source conducts, where the text names no place, covers the campaign's
            # places (the coalition's totals and monthly counts are Iraq and Syria's, though the article talks
            # most of Syria)
            c.places = _campaign_places(c, vocab) or default_places
        key = (c.asserter.key if c.asserter else None, c.metric, c.value, c.value_max, c.bound, c.period.start, c.period.end,
               c.incident.key if c.incident else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


_IMPERSONAL = (None, None, "attr.impersonal")  # a passive report with no one reporting it
_STORY = (None, None, "attr.story")  # the writer's story told around a statement ("Two days after a strike killed 12, X said")


def _parsed_source(att: Attributor, doc, s: str, f, ms, vocab: Vocabulary, quoted: bool):
    """(asserter, speaker, rule) from the reporting predicate that governs the figure in the parse."""
    tok = figure_token(doc, f.start, f.end)
    if tok is None:
        return None
    found = governing_source(tok, vocab.reporting_verbs, vocab.report_nouns)
    if found is None:
        return None
    if found.rule == "impersonal":
        return _IMPERSONAL if not quoted else None  # in a quotation, "it is estimated" is the speaker's
    if found.rule == "story":
        return _STORY if not quoted else None
    if (quoted and found.rule == "according-to" and found.head.pos_ == "NOUN"
            and found.head.lemma_.lower() not in vocab.report_nouns and found.head.lemma_.lower() not in PERSON_ROLES
            and not any(m.start <= found.head.idx < m.end for m in ms)):
        return None  # '"We have buried 33 of our people according to Islamic rites," he said': no source, the speaker's
    credit = _CREDIT_LINE.match(s)
    if credit and found.head.idx < credit.end():
        return None  # the parser took a dateline's place for a speaker
    r = att.from_parse(s, found, ms)
    if (r is not None and r[1] is None and r[0].kind != "Person" and found.head.lemma_.lower() in PERSON_ROLES
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in found.head.children)):
        # "An official of the township administration ... said": someone unnamed speaking for a body, whom a "he
        # said" after means (not a person named before)
        r = (r[0], SourceRef(slug(found.head.text), found.head.text, "Person", speaks_for=r[0], known=False))
    return (r[0], r[1], f"attr.{found.rule}") if r else None


def _history_after_news(pm: PeriodMention | None, raws: list[_Raw], published: str | None) -> bool:
    """Whether a figure of years ago follows the latest news ("... 71 people had been wounded, she said.
    // The two countries fought a series of clashes between 2008 and 2011, in which at least 28 people were
    killed"): the article's background, not the speaker of the news going on (a report's figures of past
    years, told after others of the past, are the report's)."""
    if pm is None or not pm.finish or not published or not raws:
        return False
    last = raws[-1].claim.period.end or published
    return pm.finish[:4] < str(int(published[:4]) - 1) and last[:7] >= _months_before(published, 3)


def _months_before(published: str, months: int) -> str:
    year, month = int(published[:4]), int(published[5:7]) if len(published) >= 7 else 1
    n = year * 12 + month - 1 - months
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _about_the_war(doc, start: int, end: int, vocab: Vocabulary) -> bool:
    """Whether the figure's clause has the war itself as its subject ("Syria's war has killed more than 500,000
    people since 2011"): the article's background, not the last speaker going on."""
    return doc is not None and doer_of(doc, start, end) in vocab.conflict_nouns


def _same_count(headline_metric: str, metric: str) -> bool:
    """Whether a figure of ``metric`` can be the one stated as ``headline_metric``: the same metric, or
    people's deaths told as some people's ("kills 43" over "killed at least 43 civilians")."""
    return metric == headline_metric or (
        headline_metric.startswith("people-") and metric.endswith(headline_metric.removeprefix("people")))


def _without_attributed_after(raws: list[_Raw], sents) -> list[_Raw]:
    """Drop a figure told in the article's own voice that the next sentence (or the next but one in its
    paragraph) gives with its source:
    "The number of dead was revised down to 56. The new figure comes from the institute, which said it had
    examined 56 bodies" is the institute's one figure, not also the outlet's."""
    dropped = set()
    for r in raws:
        if not r.claim.rule.endswith("+attr.outlet") or sents[r.sent].headline:
            continue
        if any((b.sent == r.sent + 1 or (b.para == r.para and r.sent < b.sent <= r.sent + 2))
               and b.claim.value == r.claim.value and _same_count(r.claim.metric, b.claim.metric)
               and b.claim.asserter is not None and b.claim.asserter.kind != "Outlet" for b in raws):
            dropped.add(id(r))
    return [r for r in raws if id(r) not in dropped]


def _dated_when_told_again(raws: list[_Raw]) -> None:
    """A figure a lead gives undated and the story tells again with its day ("an ambush on a military convoy ... that
    killed 12 soldiers" ... "the convoy was attacked Friday ... It said 12 soldiers were killed") is that day's: the
    same source, count and figure, one claim."""
    for i, r in enumerate(raws):
        if r.pkind != "" or r.claim.asserter is None or r.claim.period.start is not None:
            continue
        again = next((o for o in raws[i + 1:] if o.sent > r.sent and o.claim.period.start is not None
                      and o.claim.asserter == r.claim.asserter and o.claim.metric == r.claim.metric
                      and (o.claim.value, o.claim.value_max, o.claim.bound)
                      == (r.claim.value, r.claim.value_max, r.claim.bound)), None)
        if again is not None:
            r.claim.period, r.pkind = again.claim.period, again.pkind
            r.claim.incident = r.claim.incident or again.claim.incident


def _described_then_named(raws: list[_Raw], sents, att: Attributor, vocab: Vocabulary) -> None:
    """A body described before it is named ("..., a Britain-based war monitor said Sunday. The Syrian Observatory for
    Human Rights said the dead included ...", "A local human rights group put the toll at 47. The National Human Rights
    Defense Network said ..."): the description's figures are the named body's, when the next sentence opens with a
    body of its kind."""
    for r in raws:
        who = r.claim.asserter
        if who is None or who.known or r.sent + 1 >= len(sents):
            continue
        s = sents[r.sent].text
        word = who.label.split()[-1]
        if not re.search(rf"\b(?:a|an)\s+(?:[\w-]+\s+){{0,3}}{re.escape(who.label)}\b", s, re.I):
            continue  # (only an indefinite description introduces someone yet to be named)
        after = sents[r.sent + 1].text
        named = next((m for m in att.mentions(after) if m.kind == "org" and after[:m.start].strip().lower() in ("", "the")), None)
        if named is None:
            continue
        kind = (t.extra.get("type") if (t := vocab.sources.get(named.ref.key)) is not None else None)
        if word in vocab.any_kind_body_nouns and (kind is None or kind in ("ngo", "research", "un")) or (
                kind is not None and vocab.description_types.get(word) == kind):
            for o in raws:
                if o.sent == r.sent and o.claim.asserter == who:
                    o.claim.asserter = named.ref


def _headline_sources(raws: list[_Raw], sents) -> None:
    """A headline figure restates a figure of the body: it takes that figure's source ("Death toll rises
    to 42" -> the charity that says at least 42 died), even when the headline names someone, since a
    headline compresses ("GNA blames attack that killed 42": the GNA blames; the count is the body's)."""
    standfirst = _standfirst(sents)
    for r in raws:
        # (a sub-headline or bullet restates too, unless it names its own source: "Witnesses recall seeing 50 bodies")
        if not (sents[r.sent].headline or r.sent == standfirst
                or (_line_like(sents[r.sent]) and r.claim.rule.endswith(("+attr.outlet", "+attr.carry-over")))):
            continue
        v = float(r.claim.value)
        found = []
        for b in raws:
            # (a count of 100 or more given exactly is that count whatever the headline's words made of it: "as number
            # of displaced passes 32,000")
            same_metric = _same_count(r.claim.metric, b.claim.metric) or (
                r.claim.value >= 100 and b.claim.value == r.claim.value and b.claim.value_max is None)
            if sents[b.sent].headline or b.sent == r.sent or not same_metric or b.claim.asserter is None:
                continue
            if b.sent < r.sent and not (_line_like(sents[r.sent]) and r.claim.value >= 100 and b.claim.value == r.claim.value):
                continue  # (a box of key figures after the story restates figures told before, exactly)
            bv = float(b.claim.value_max if (b.claim.value_max is not None and r.claim.bound == "at-most") else b.claim.value)
            if v == bv or (v and abs(bv - v) / v <= 0.1 and v == _round_figure(v)):
                found.append(b)
        # the first body figure stated in a sentence, past lines that only restate it (a liveblog's "Key events"
        # bullets, its entries' sub-headlines: no full stop)
        best = next((b for b in found if not _line_like(sents[b.sent])), found[0] if found else None)
        if best is not None:
            r.claim.metric = best.claim.metric
            r.claim.asserter, r.claim.speaker = best.claim.asserter, best.claim.speaker
            r.claim.period = best.claim.period
            r.claim.incident = r.claim.incident or best.claim.incident  # (one event's figure, told twice)
            if r.claim.value == best.claim.value and r.claim.bound == "exact":
                # a headline drops the hedge ("kills 14" over "killing at least 14"): the body's figure as it is given
                r.claim.bound, r.claim.value_max = best.claim.bound, best.claim.value_max
            r.claim.rule = r.claim.rule.rsplit("+attr.", 1)[0] + "+attr.headline-restates"


def _line_like(sent) -> bool:
    """A line that is no sentence: a sub-headline or a bullet of "Key events" (short, no full stop; or a bullet of
    highlights, full stop or not)."""
    text = sent.text.rstrip()
    return (len(text) < 150 and text[-1:] not in '.!?"\u201d:') or (len(text) < 250 and text[:2] in ("- ", "\u2022 ", "* "))


def _names_outcome(word: str, outcomes: dict[str, str]) -> bool:
    """Whether ``word`` is an outcome lemma or a plain inflection of one ("killed", "losses", "dead"): the
    surface cues see words before the parse gives lemmas."""
    return bool(_outcome_form(word, outcomes))


def _outcome_form(word: str, outcomes: dict[str, str]) -> str:
    """The outcome form ("killed") of an outcome lemma or a plain inflection of one ("bodies": body), else ""."""
    w = word.lower()
    return next((outcomes[x] for x in (w, w[:-1], w[:-2], f"{w[:-3]}y") if x in outcomes), "")


def _standfirst(sents) -> int | None:
    """The sentence under the headline that sums the story up before the body tells it (one short
    sentence standing as its own paragraph): like the headline, it restates a figure of the body."""
    body = [t for t in sents if not t.headline]
    if len(body) < 3 or not any(t.headline for t in sents[:1]):
        return None
    first = body[0]
    alone = body[1].para != first.para
    # (a story's lead under its dateline is the body's first sentence, not a summary above it: "GENEVA (AP) - More
    # than 1,500 people were killed ..., the United Nations said Friday")
    return first.index if alone and len(first.text) < 200 and not _CREDIT_LINE.match(first.text) else None


def _round_figure(v: float) -> float:
    """v if it looks rounded (600,000; 60,000; 1,000), else something else."""
    if v < 10:
        return -1
    mag = 10 ** max(1, len(str(int(v))) - 2)  # (two digits: a multiple of ten; 11 is exact, not "about 12")
    return round(v / mag) * mag


def lex_has_event(lex, metric: str) -> bool:
    for c in lex.items:
        if c.cues.notation == metric:
            return bool(c.event or c.before)
    return False


def _outcome_of(metric: str, outcomes: dict[str, str]) -> str:
    """The outcome form a metric's notation ends with ("civilians-killed" -> "killed"), or ""."""
    tail = metric.rsplit("-", 1)[-1]
    return tail if tail in outcomes.values() else ""


def _in_single_quotes(s: str, pos: int) -> bool:
    """Is ``pos`` inside a 'single-quoted' phrase (a quotation within a quotation)?"""
    opens = [m.end() for m in _SQ_OPEN.finditer(s) if m.end() <= pos]
    if not opens:
        return False
    close = _SQ_CLOSE.search(s, opens[-1])
    return close is not None and close.start() >= pos and close.start() - opens[-1] < 120


def _in_quote(s: str, pos: int) -> bool:
    return s[:pos].count('"') % 2 == 1


_UNIT_MONTHS = {"quarter": 3, "month": 1, "year": 12}


def _previous_span(p: PeriodMention, all_periods, published: str | None, said_on: str | None = None) -> PeriodMention:
    """"In the previous quarter" after "Between July and September": April to June; with no period named before, the
    span before the article's own month, quarter or year; "in the previous week": the week up to the day the
    figure was said (``said_on``), else the article's."""
    if p.kind.startswith("days-apart"):
        # "A week earlier, a strike killed 11": the day named last (else the article's), moved by the days said
        last = next((q.finish for _, q in reversed(all_periods) if q.kind in ("day", "relative") and q.finish
                     and len(q.finish) == 10 and q.begin == q.finish), published if published and len(published) == 10 else None)
        if last is None:
            return PeriodMention(p.start, p.end, None, None, "relative", p.text)
        day = (date.fromisoformat(last) + timedelta(days=int(p.kind.removeprefix("days-apart")))).isoformat()
        if published and day > published:
            return PeriodMention(p.start, p.end, None, None, "relative", p.text)  # not after the article
        return PeriodMention(p.start, p.end, day, day, "day", p.text)
    if p.kind == "same-period":
        # "612 killed between 1 January and 15 September 2024, compared with 479 over the same period of 2023"
        last = next((q for _, q in reversed(all_periods) if q.kind in ("range", "month") and q.begin and q.finish), None)
        if last is None:
            return PeriodMention(p.start, p.end, f"{p.begin}-01", None, "relative", p.text)
        year = p.begin[:4]
        return PeriodMention(p.start, p.end, year + last.begin[4:], year + last.finish[4:], "range", p.text)
    if p.kind.startswith("earlier-"):
        # "1,300 killings in 2023, up from 900 a year earlier": the span named before, moved back a year (or month)
        months = _UNIT_MONTHS[p.kind.removeprefix("earlier-")]
        last = next((q for _, q in reversed(all_periods) if q.kind in ("range", "month", "year") and q.begin and q.finish
                     and len(q.begin) >= 7 and len(q.finish) >= 7), None)
        if last is None and published and len(published) >= 7:
            # none named before: "The toll stands at 1,139, up from 1,114 a month earlier": before the article's month
            # (year)
            if months >= 12:
                year = str(int(published[:4]) - months // 12)
                return PeriodMention(p.start, p.end, f"{year}-01", f"{year}-12", "range", p.text)
            month = _shift_month(published[:7], -months)
            return PeriodMention(p.start, p.end, month, month, "month", p.text)
        if last is None:
            return PeriodMention(p.start, p.end, None, None, "relative", p.text)
        return PeriodMention(p.start, p.end, _shift_month(last.begin[:7], -months), _shift_month(last.finish[:7], -months),
                             "range", p.text)
    if not p.kind.startswith("previous-"):
        return p
    if p.kind == "previous-week":
        # "neutralised 58 terrorists in the previous week", said on Friday: the seven days up to that day
        day = said_on or published
        if not day or len(day) != 10:
            return PeriodMention(p.start, p.end, None, None, "relative", p.text)
        return PeriodMention(p.start, p.end, (date.fromisoformat(day) - timedelta(days=7)).isoformat(), day, "range", p.text)
    months = _UNIT_MONTHS.get(p.kind.removeprefix("previous-"))
    last = next((q for _, q in reversed(all_periods) if q.kind in ("range", "month", "year") and q.begin and q.finish), None)
    if months is None or (last is None and not (published and len(published) >= 7)):
        return PeriodMention(p.start, p.end, None, None, "relative", p.text)
    if last is None:  # none named before: the span before the article's own month, quarter or year
        month = int(published[5:7])
        start = f"{published[:4]}-{(month - 1) // months * months + 1:02d}" if months < 12 else f"{published[:4]}-01"
        last = PeriodMention(p.start, p.end, start, start, "month", p.text)
    begin = _shift_month(last.begin[:7], -months) if len(last.begin) >= 7 else str(int(last.begin[:4]) - 1)
    finish = _shift_month(begin, months - 1) if len(begin) >= 7 else begin
    return PeriodMention(p.start, p.end, begin, finish, "range", p.text)


def _started_before(p: PeriodMention, all_periods, sents) -> PeriodMention:
    """"since the coup" starts where the article dated that event before ("since the February 2021 coup"); "since
    then" where the article's last date was."""
    if p.kind != "since" or p.begin is not None:
        return p
    if p.text.lower().split() == ["since", "then"]:
        # "The war erupted in April 2023 ... has killed 14,000 since then": the last date named before
        q = next((q for _, q in reversed(all_periods) if q.begin and q.kind in ("day", "month", "year", "range", "since")), None)
        return PeriodMention(p.start, p.end, q.begin, p.finish, p.kind, p.text) if q is not None else p
    event = p.text.lower().split()[-1]
    for sj, q in reversed(all_periods):
        if q.kind in ("since", "campaign") and q.begin and event in f"{q.text} {sents[sj].text[q.end:q.end + 25]}".lower():
            return PeriodMention(p.start, p.end, q.begin, p.finish, p.kind, p.text)
    return p


def _opens_a_list(line: str) -> bool:
    """A line that ends with a colon opens what follows: "... achieved the following:"."""
    return line.rstrip().endswith(":")


def _quote_speaker(att: Attributor, sents, si: int, vocab: Vocabulary):
    """The speaker of the quotation around sentence ``si``: a tag later in the quote's paragraph, or before it."""
    para = sents[si].para
    for sj in range(si, min(len(sents), si + 4)):
        t = sents[sj]
        if t.para != para:
            break
        ms = att.mentions(t.text)
        acts = att.speech_acts(t.text, ms)
        for a0, a1, subj, rule in acts:
            if sj == si and a0 < 1:
                continue
            if t.text[:a0].count('"') % 2 == 0 and '"' in t.text[:a0]:
                r = att.resolve(subj, t.text, ms)
                if r:
                    return r[0], r[1], "attr.quote-speaker"
    for sj in range(si - 1, max(-1, si - 4), -1):
        t = sents[sj]
        if t.para != para:
            break
        ms = att.mentions(t.text)
        acts = att.speech_acts(t.text, ms)
        r = att.resolve(acts[-1][2], t.text, ms) if acts else _tagged_quote_speaker(att, t.text, vocab)
        if r:
            return r[0], r[1], "attr.quote-speaker"
    # a paragraph that is all quotation, with no tag of its own, goes on quoting the speaker of the quotation
    # that ended the paragraph before ('"...," said an officer.' / '"We counted 20 bodies."')
    first = next((t for t in sents if t.para == para), None)
    if si > 0 and first is not None and first.text[:1] == '"' and first.index > 0:
        t = sents[first.index - 1]
        r = _tagged_quote_speaker(att, t.text, vocab) if t.para == para - 1 else None
        if r:
            return r[0], r[1], "attr.quote-speaker"
    return None


def _tagged_quote_speaker(att: Attributor, s: str, vocab: Vocabulary):
    """The speaker a tag after a quotation names ('"...," said an officer.', '"...," one witness said.'): a mention,
    else the phrase the parse finds speaking (no mention names "one witness")."""
    if s.count('"') < 2 or s.rfind('"') >= len(s) - 1:
        return None
    ms = att.mentions(s)
    acts = [a for a in att.speech_acts(s, ms) if a[0] > s.rfind('"')]
    r = att.resolve(acts[-1][2], s, ms) if acts else None
    if r is None:
        doc = parse_all([s])[0]
        opening = next((tok for tok in doc if tok.is_alpha and tok.idx > s.find('"')), None)
        found = governing_source(opening, vocab.reporting_verbs, vocab.report_nouns) if opening is not None else None
        r = att.from_parse(s, found, ms) if found is not None and found.rule == "speech" else None
    return r


_AS_OF_MONTHS = 3


def _pick_period(pms: list[PeriodMention], a: int, b: int, s: str, doc=None) -> PeriodMention | None:
    """The period nearest the figure, among those of its own clause when it has any."""
    # "the same period of 2023" dates only the figure it follows in its own phrase ("compared with 479 civilians
    # killed over the same period of 2023"), not one a clause before ("3,512 injured), a 47 per cent increase
    # compared with the same period in 2020")
    pms = [p for p in pms if not (_SAME_PERIOD.match(p.text) and (p.start < b or _CLAUSE_MARK.search(s, b, p.start)))]
    if not pms:
        return None
    usable = pms
    if doc is not None and len(pms) > 1:
        own = clause_of(doc, a, b)
        usable = [p for p in pms if clause_of(doc, p.start, p.end) == own] or pms

    def dist(p: PeriodMention) -> int:
        if p.end <= a:
            gap = a - p.end
            # a clause boundary between them weakens the link
            if ";" in s[p.end:a]:
                gap += 200
            return gap
        if not s[b:p.start].strip():
            return 0  # right after the figure: "412 in November and 388 in December"
        return (p.start - b) + 5

    return min(usable, key=dist)


def _confidence(arule: str, mrule: str) -> float:
    c = 0.5
    if arule in ("attr.speech", "attr.according-to", "attr.possessive", "attr.passive", "attr.speech-after", "attr.speech-inverted-after", "attr.according-to-after"):
        c += 0.25
    elif arule in ("attr.quote-speaker", "attr.subject", "attr.speech-coordinated"):
        c += 0.15
    if mrule in ("metric.noun+event", "metric.label", "metric.phrase"):
        c += 0.15
    return round(min(c, 0.95), 2)


def _continue_population(raws: list[_Raw]) -> None:
    """'another/additional N deaths' continues the population of the figure before it."""
    cur = raws[-1]
    if cur.claim.metric not in ("people-killed", "people-injured") or cur.explicit_people:
        return
    for prev in reversed(raws[:-1]):
        pm = prev.claim.metric
        if pm.endswith("-killed") or pm.endswith("-injured"):
            if cur.increment and pm.rsplit("-", 1)[-1] != cur.claim.metric.rsplit("-", 1)[-1]:
                # "6 more bodies" after "Two police officers were wounded": more of the dead, not of the wounded (but
                # "five people died and eight others were injured": the others are people too)
                continue
            pop = pm.split("-")[0]
            if pop == "people":
                return
            if pop not in ("civilians", "combatants"):
                continue  # the whole's population, not a part's ("19 dead, four of them children ... 32 more hurt")
            cur.claim.metric = f"{pop}-{cur.claim.metric.split('-')[1]}"
            return


def _same_sentence_population(raws: list[_Raw]) -> None:
    """'X civilians were killed and the toll may rise to Y', '39 civilian casualties (30 deaths, five injured)':
    a figure whose population is not stated counts the population of the same source's figure before it in
    the sentence (another source's toll keeps its own: 'the army said 50 civilians ..., before the
    government put the number of dead at 100')."""
    for i, r in enumerate(raws):
        if r.claim.metric not in ("people-killed", "people-injured") or r.explicit_people:
            continue
        outcome = r.claim.metric.split("-", 1)[1]
        for p in reversed(raws[:i]):
            if p.sent != r.sent or (p.claim.asserter and r.claim.asserter and p.claim.asserter.key != r.claim.asserter.key):
                continue
            pop = p.claim.metric.split("-", 1)[0]
            if pop in ("civilians", "combatants", "civilian"):
                pop = "civilians" if pop == "civilian" else pop
                r.claim.metric = f"{pop}-{outcome}"
                r.claim.rule += "+population.sentence"
                break


def _restated_population(raws: list[_Raw]) -> None:
    """'At least 40 civilians were killed, a doctor said ... "We have received 40 bodies," he said': the same
    source's same figure again, its population left out, counts the population it gave first."""
    for i, r in enumerate(raws):
        if r.claim.metric not in ("people-killed", "people-injured") or r.explicit_people or r.claim.asserter is None:
            continue
        outcome = r.claim.metric.split("-", 1)[1]
        first = next((p for p in raws[:i] if p.claim.value == r.claim.value and p.claim.asserter is not None
                      and p.claim.asserter.key == r.claim.asserter.key and p.claim.metric.endswith(f"-{outcome}")
                      and p.claim.metric.split("-", 1)[0] in ("civilians", "combatants")), None)
        if first is not None:
            r.claim.metric = first.claim.metric
            r.claim.rule += "+population.restated"


def _an_events_days(p: PeriodMention) -> bool:
    """Whether a period is a few days (a week at most) counted in days: an event's, not a report's span."""
    days = _days_long(Period(p.begin, p.finish, None))
    return days is not None and days <= 8


def _days_long(p: Period) -> int | None:
    """How many days a period given to the day spans (1 for one day), else None."""
    if not p.start or not p.end or len(p.start) != 10 or len(p.end) != 10:
        return None
    try:
        return (date.fromisoformat(p.end) - date.fromisoformat(p.start)).days + 1
    except ValueError:
        return None


def _shift_month(iso: str, months: int) -> str:
    y, m = int(iso[:4]), int(iso[5:7])
    m += months
    while m < 1:
        m += 12
        y -= 1
    while m > 12:
        m -= 12
        y += 1
    return f"{y:04d}-{m:02d}"


def _months(iso: str) -> int:
    return int(iso[:4]) * 12 + (int(iso[5:7]) if len(iso) >= 7 else 1)


def _snap_to_campaign(raws: list[_Raw], text: str, vocab: Vocabulary) -> None:
    """"In the last four years" in an article about a campaign that began about four years ago means
    since the campaign began: a relative start within six months after a named campaign's start snaps to it."""
    if not any(r.pkind == "relative" for r in raws):
        return  # nothing could snap: skip looking for campaign names in the text
    starts = []
    low = text.lower()
    for term in vocab.campaigns.values():
        start = term.extra.get("start")
        if start and any(n.lower() in low for n in term.names if len(n) > 6):
            starts.append(start)
    if not starts:
        return
    for r in raws:
        per = r.claim.period
        if r.pkind != "relative" or not per.start or not per.end or per.start == per.end:
            continue
        for start in starts:
            if 0 <= _months(per.start) - _months(start) <= 6:
                r.claim.period = Period(start, per.end, per.text)
                break


def _since_the_war(raws: list[_Raw], article_places: dict[str, int], vocab: Vocabulary, published: str | None) -> None:
    """"Since the war began", with no date for it in the text: the start of the campaign (ontology/campaigns.ttl)
    in the places the article names most, if it had begun by the article's date."""
    open_totals = [r for r in raws if r.pkind == "since" and r.claim.period.start is None
                   and _THE_WAR.search(r.claim.period.text or "")]  # (not "since the ceasefire", "since the strike")
    if not open_totals:
        return
    weight: dict[str, int] = {}
    for key, n in article_places.items():
        seen = set()
        while key and key not in seen:  # a city counts for its country ("Kharkiv" for Ukraine)
            seen.add(key)
            weight[key] = weight.get(key, 0) + n
            key = vocab.place_within(key)
    scored = [(sum(weight.get(p, 0) for p in term.extra["places"]), term.extra["start"]) for term in vocab.campaigns.values()
              if term.extra.get("start") and (not published or term.extra["start"][:len(published)] <= published)]
    score, start = max(scored, default=(0, None))
    if not score or [x for x, _ in scored].count(score) > 1:
        return  # no campaign's places named, or two equally: no guess
    for r in open_totals:
        per = r.claim.period
        r.claim.period = Period(start, per.end, per.text)


def _article_periods(raws: list[_Raw], sents, all_periods, published: str | None,
                     named_days: set[PeriodMention], stated_days: dict[int, str], per_period: frozenset[str],
                     attack_days: list[tuple[int, str]], war_spans: list[tuple[int, Period]]) -> None:
    """Periods that need the whole article: neighbouring statements, back references, the data's 'as of' end."""
    # 1. "The latest figure covers ... through November 2017" applies to the open figures just before it
    for si, p in all_periods:
        if p.kind not in ("range", "until") or not _FIGURE_COVERS.search(sents[si].text):
            continue
        for r in raws:
            if si - 2 <= r.sent < si or (r.sent == si and r.claim.period.end is None):
                per = r.claim.period
                if r.pkind in ("", "campaign", "since", "todate", "backref"):
                    r.claim.period = Period(per.start or p.begin, p.finish, per.text or p.text)
                    r.pkind = "range"
    # 2. back references: "during the period", "during this period" take the latest explicit period before
    last: Period | None = None
    by_sent: dict[int, list[PeriodMention]] = {}
    for si, p in all_periods:
        by_sent.setdefault(si, []).append(p)
    ordered = sorted(raws, key=lambda r: r.sent)
    raws_by_sent: dict[int, list[_Raw]] = {}
    for r in ordered:
        raws_by_sent.setdefault(r.sent, []).append(r)
    last_kind = "range"
    last_total: _Raw | None = None
    for si in range(len(sents)):
        before_sentence = (last, last_kind, last_total)
        spans_here: list[tuple[int, Period, str]] = []
        for p in by_sent.get(si, []):
            # (a span counted back, "over the previous 24 hours", is a period too; "yesterday" is a day)
            if ((p.kind in ("since", "campaign") or _SINCE_BEFORE.search(sents[si].text[:p.start])) and p.begin
                    and p.kind not in ("range", "until")):
                # "The war has killed tens of thousands since the coalition intervened in March 2015. ... over that
                # period": a span still running, from then
                last, last_kind, last_total = Period(p.begin, None, p.text), "since", None
                spans_here.append((p.start, last, last_kind))
            elif ((p.kind in ("range", "month", "year") or (p.kind == "relative" and p.begin and p.begin != p.finish)) and p.finish
                    and not _COMPARED_BEFORE.search(sents[si].text[:p.start])):
                # (not the time a figure is compared with: "1,208 ... in 2024, up from 538 in 2023. ... during the year")
                last, last_kind = Period(p.begin, p.finish, p.text), "range"
                spans_here.append((p.start, last, last_kind))
        for r in raws_by_sent.get(si, ()):
            # (a span the sentence names after the figure is not the one it refers back to: "40 were killed in the same
            # period ..., and the toll since October 7 had reached 35,173")
            earlier = [(span, kind) for at, span, kind in spans_here if at < r.at]
            back, back_kind, back_total = (*earlier[-1], None) if earlier else before_sentence
            if r.pkind == "backref" and back is not None:
                r.claim.period = Period(back.start, back.end, r.claim.period.text)
                r.pkind, r.referred_back = back_kind, True
                r.span_of = back_total  # (a running total's "same period" ends where that total does)
            elif r.pkind in ("range", "until") and r.claim.period.end:
                # ("killed in the war that ended on 27 November ... during the war": up to that end)
                last, last_kind = r.claim.period, "range"
            elif r.pkind in ("since", "campaign") and r.claim.period.start:
                # "... since August 2014. ... over the same period": a running total, ended later at the "as of" date
                last, last_kind, last_total = r.claim.period, r.pkind, r
    # those airstrikes / these reports: the period of the figure before
    prev: _Raw | None = None
    for r in ordered:
        if r.pkind == "inherit" and prev is not None and prev.claim.period.end is not None:
            r.claim.period = prev.claim.period
            r.pkind = prev.pkind or "range"
        elif r.pkind == "inherit" and prev is not None and prev.pkind in ("since", "campaign") and prev.claim.period.start:
            r.claim.period, r.pkind = prev.claim.period, prev.pkind  # a running total's part runs as it does
        elif r.pkind == "inherit":
            r.pkind = prev.pkind if prev is not None else ""  # nothing before: a figure with no period stated
            r.told_with = prev.sent if prev is not None else None
        prev = r
    # a source's figures with no period of their own share the span (months, not an event's days) that
    # the same source's report states elsewhere ("between January 2009 and December 2015, 473 strikes")
    # the reports a source received, completed or found credible are counted per report: undated, they and the
    # figures of their sentence belong to the one month the article names ("In the month of September, ..."),
    # not to a campaign's span
    months = {p.finish for _, p in all_periods if p.kind == "month" and p.finish}
    if len(months) == 1:
        month = next(iter(months))
        undated_sents = {r.sent for r in raws if r.claim.metric in per_period and r.pkind == ""}
        for r in raws:
            if r.pkind == "" and r.sent in undated_sents and r.claim.incident is None:
                r.claim.period, r.pkind = Period(month, month, None), "month"
    spans: dict[str, list[_Raw]] = {}
    for r in raws:
        if r.pkind == "range" and r.claim.asserter and r.claim.period.start and r.claim.period.end and not r.referred_back:
            # (not a span the figure refers back to: "the ministry put the number killed that year at 106" dates no
            # other figure of the ministry's)
            spans.setdefault(r.claim.asserter.key, []).append(r)
    for r in raws:
        own = spans.get(r.claim.asserter.key, ()) if r.claim.asserter else ()
        # (a span of weeks or months, not an event's few days: "in the past week (8 to 14 August 2024)")
        reported = {o.claim.period for o in own if _months(o.claim.period.end) - _months(o.claim.period.start) >= 2
                    or (_days_long(o.claim.period) or 0) >= 7}
        if r.pkind == "" and r.claim.incident is None and len(reported) == 1 and not r.increment and not any(
                o.para == r.para and o.sent < r.sent and o.pkind == "day" for o in raws) and not (
                r.told_event and any(si <= r.sent for si, _ in attack_days)):
            # (not a toll of the attack its paragraph dated before it, or one it names: "December 24, 2023: Gunmen
            # attack ... killing 195 ... Amnesty International later put the toll at more than 140"; "attacked a column
            # ... on 11 November. / In the clashes, 37 terrorists were killed")
            r.claim.period = next(iter(reported))
            r.pkind = "range"
    # ... and a running total it gives runs on through the rest of its paragraph ("the coalition had acknowledged
    # killing 1,302 civilians since August 2014 ... It had reviewed 2,960 reports")
    for r in raws:
        if r.pkind != "" or r.claim.incident is not None or r.increment:
            continue  # ("added 15 more deaths": an increment, not the running total)
        # (or another's, told as it stands: "... more than 600 people in Lebanon, according to a Reuters tally. On the
        # Israeli side, 26 soldiers and 23 civilians have been killed")
        running = [o for o in raws if o.pkind in ("since", "campaign") and o.claim.period.start and o.para == r.para
                   and o.sent < r.sent and (o.claim.asserter == r.claim.asserter or r.standing)]
        if running:
            r.claim.period, r.pkind = running[-1].claim.period, running[-1].pkind
    # 3. the "as of" end: the latest end of a closed period (range, through, month) in the article
    def latest(ends: list[str]) -> str | None:
        if published:
            # the data's date is at most a few months before publication; an older date is background
            ends = [e for e in ends if (e[:len(published)] <= published or e[:7] <= published[:7])
                    and _months(published) - _months(e) <= _AS_OF_MONTHS]
        return max(ends, key=lambda e: (e[:7], len(e))) if ends else None

    # the ends the article gives (days, closed spans), with whose each is: the source of the nearest figure before it in
    # its sentence (else after it)
    owned = [(p, _span_owner(raws, si, p)) for si, p in all_periods
             if p.kind in ("range", "until", "day") and p.finish and p not in named_days]
    # ... the closed spans ("between", "through", "as of") among them a running total may end at
    spans = [(p, owner) for p, owner in owned if p.kind in ("range", "until") and not _an_events_days(p)]

    def reported_span_end(r: _Raw) -> str | None:
        """The latest end of a closed span of the running total's own source, or of no source ("strikes between August
        2014 and end of November 2018. During this period, ... at least 1,139 civilians have been killed since the start
        of the operation"); another source's span is not this total's date ("UNSMIL had documented 297 deaths ...
        until the end of October, while the WHO estimates that more than 2,000 have been killed since the aggression
        began")."""
        start = r.claim.period.start
        if start and MONTHS.keys().isdisjoint(_WORDS.findall((r.claim.period.text or "").lower())):
            start = start[:4]  # ("since 2014": a year, which the span "from August 2014" does not begin after)
        return latest([span.finish for span, owner in spans
                       # (a span of no source's, "Between January and June, fighters abducted 212 people", ends a
                       # named source's total only in an article that gives no day of its own)
                       if ((owner is not None and r.claim.asserter is not None and owner.key == r.claim.asserter.key)
                           or (owner is None and (r.claim.asserter is None or published is None)))
                       # (a span begun after the total was is of other work: "killed ... since January" and
                       # "interviewed 74 people between February and June")
                       and not (start and span.begin and span.begin[:len(start)] > start[:len(span.begin)])])

    def said_day(r: _Raw) -> str | None:
        """The day the figure's statement was made ("said on Friday"), or the one it goes on with ("It added")."""
        return stated_days.get(r.sent) or (stated_days.get(r.told_with) if r.told_with is not None else None)

    # a running total ends at the date its source gives ("through", "as of", a closed range: reported_span_end), else
    # at publication; a month named for an event ("in September") is not the data's date
    # (the few days an event took, "on Tuesday and Wednesday", are not the date the data stands at)
    as_of = latest([p.finish for p, _ in owned])

    def as_of_for(r: _Raw) -> str | None:
        """The "as of" end of a figure the article does not date: the latest end it gives of no source's figures or of
        this figure's source (the UN's "between 24 February and midnight on Thursday" is not when a governor's toll of a
        strike stood)."""
        return latest([p.finish for p, owner in owned
                       if owner is None or r.claim.asserter is None or owner.key == r.claim.asserter.key])
    # figures with no period stated: as of the data's date, else the time the story is in (a piece that dates nothing
    # near its day, "Ten years ago today ... in January 1999"), else the article's day
    story = _story_month(all_periods, list(stated_days.values()), {r.sent for r in raws}, published) if as_of is None else None
    days = sorted({p.finish for _, p in all_periods if p.kind == "day" and p.finish})
    # days an event happened on, not a count's "by Friday"
    by_days = {(si, p.finish) for si, p in all_periods if p.kind == "day" and _BY_DAY.search(sents[si].text[:p.start])}
    event_days = [(si, p.finish) for si, p in all_periods if p.kind == "day" and p.finish and p not in named_days
                  and (si, p.finish) not in by_days]
    for r in raws:
        per = r.claim.period
        own_end = (as_of_for(r) or published) if as_of else published
        if r.pkind in ("campaign", "since", "todate") and per.end is None:
            # a running total: "since 2014", "since the start of the campaign", "to date" (kg.analysis.rules
            # recognises running totals from their start; the flag is left to it)
            end = said_day(r) or reported_span_end(r.span_of or r) or published  # ("since 2014", "to date")
            if end and per.start and end[:len(per.start)] < per.start[:len(end)]:
                end = published  # another figure's end before this total began ("since Monday") is not its date
            r.claim.period = Period(per.start, end, per.text)
        elif r.pkind == "" and per.end is None and r.claim.incident is None:
            # the dead and wounded of an event dated before, however long ago ("a strike destroyed the house on
            # 14 May 2017 ... Airwars estimates that 43 civilians were killed"), else counted to the "as of" date
            # (the day or few days of the casualty figures before, when they have them: the toll is being revised, or
            # is of the same offensive, "September 19-20 ... one civilian died in the hostilities"; a later day in the
            # text may be when bodies were recovered)
            toll_days = [(o.sent, o.claim.period) for o in raws if o.sent < r.sent and o.pkind in ("day", "range") and not o.dated_aside
                         and _days_long(o.claim.period) is not None and _days_long(o.claim.period) <= 7
                         and (o.sent, o.claim.period.end) not in by_days
                         and o.claim.metric.endswith(("-killed", "-injured"))]
            # ... or the attack told last before it ("an air strike on 2 September killed civilians. ... 14 civilians
            # died in the strike"), whichever comes later (the toll's own day on a tie)
            # (or the span of the war told last before it: "Operation Allied Force ran from March 24 to June 10, 1999")
            wars = [(si, p) for si, p in war_spans if si <= r.sent]
            attacks = [(si, Period(d, d, None)) for si, d in attack_days if si <= r.sent]
            told = sorted(attacks + toll_days + wars, key=lambda sp: sp[0])
            before = [p for _, p in told] or [Period(d, d, None) for si, d in event_days if si <= r.sent]
            # strikes told right after a dated attack, in its paragraph, are part of it ("gunmen attacked the market
            # on Thursday ... The air force carried out three strikes against the fleeing assailants")
            # (or the attack its paragraph dated before them: "came under fire on Tuesday ... aircraft conducted two strikes")
            attack = sorted([(o.sent, o.claim.period) for o in raws if o.para == r.para and r.sent - 1 <= o.sent < r.sent
                             and o.pkind == "day" and len(o.claim.period.end or "") == 10
                             and o.claim.period.start == o.claim.period.end]
                            + [(si, Period(d, d, None)) for si, d in attack_days if sents[si].para == r.para and si <= r.sent],
                            key=lambda sp: sp[0])
            said = said_day(r)
            if said and before:
                # an event after the day the toll was said is not its event ("The UN said in January that more
                # than 1,000 had been killed", after a strike in September)
                before = [p for p in before if not p.end or p.end[:len(said)] <= said[:len(p.end)]]
            if before and r.claim.metric.endswith(("-killed", "-injured")) and not r.long_event:
                r.claim.period = Period(before[-1].start, before[-1].end, None)
            elif wars and r.long_event:
                r.claim.period = wars[-1][1]  # "died in the battle": all of it
            elif said and said[:len(own_end or said)] < (own_end or said)[:len(said)]:
                r.claim.period = Period(None, said, None)  # said before the article's "as of" date: as of then
            elif attack and r.claim.metric == "strikes":
                r.claim.period = attack[-1][1]
            elif story and not r.standing:
                r.claim.period = Period(None, story, None)  # told in the past of a story long before the article's day
            else:
                r.claim.period = Period(None, own_end, None)
        elif r.pkind == "backref" and per.end is None:
            r.claim.period = Period(None, story if story and not r.standing else own_end, per.text)
        # a month refined to the one day the article names in it ("in May 2019" ... "on 5 May")
        per = r.claim.period
        if (r.pkind in ("month", "day") and per.start and per.end and per.start == per.end and len(per.end) == 7
                and r.claim.incident is not None):
            inmonth = [d for d in days if d.startswith(per.end)]
            if len(inmonth) == 1:
                r.claim.period = Period(inmonth[0], inmonth[0], per.text)
                inc = r.claim.incident
                if inc is not None and inc.date == per.end:
                    r.claim.incident = refine_incident(inc, inmonth[0])
        if _FROM_PREVIOUS.search(r.after) and r.claim.period.end and len(r.claim.period.end) >= 7:
            r.claim.period = Period(None, _shift_month(r.claim.period.end, -1), r.claim.period.text)


_WHEN = re.compile(r"\s*,\s*when\s")


def _when_said(s: str, pms: list[PeriodMention], doc, verbs: frozenset[str]) -> str | None:
    """The day or month a statement was made, named just before the clause that makes it: "a toll that the UN stopped
    updating in April, when it said more than 9,000 had been killed" (April)."""
    for p in pms:
        when = _WHEN.match(s, p.end)
        if p.kind in ("day", "month") and p.finish and when is not None:
            word = doc.char_span(when.end() - 5, when.end() - 1)
            if word is not None and word[0].lower_ == "when" and word[0].head.lemma_.lower() in verbs:
                return p.finish
    return None


def _about_a_victim_list(words: set[str], before: set[str], vocab: Vocabulary) -> bool:
    """Whether a sentence (or the one before it in its paragraph) speaks of a list of the dead: a list noun, singular or
    plural, among its words."""
    nouns = vocab.victim_list_nouns
    return any(w in nouns or (w.endswith("s") and w[:-1] in nouns) for w in (*words, *before))


def _may_negate_a_count(words: set[str]) -> bool:
    return not words.isdisjoint(_NEGATIONS) and not words.isdisjoint(_ZERO_HINTS)


def _span_owner(raws: list[_Raw], si: int, p: PeriodMention) -> SourceRef | None:
    """Whose a dated span is: the source of the nearest figure before it in its sentence (else after it); None in a
    sentence with no figure."""
    here = sorted((o for o in raws if o.sent == si), key=lambda o: o.at)
    owner = next((o for o in reversed(here) if o.at < p.start), None) or next(iter(here), None)
    return owner.claim.asserter if owner is not None else None


_STORY_MONTHS_BACK = 12  # a story dated this long before its article is told in retrospect


def _story_month(all_periods, stated: list[str], figure_sents: set[int], published: str | None) -> str | None:
    """The month a retrospective piece is about: the one its dates (days, months, spans of them, days said on) fall in most often
    (the first on a tie), when it has two or more and no day, month or span it names, nor any day a statement was made,
    is within a year of the article's day, and none of its figures' times counts from that day ("Ten years ago today"
    may); None for news."""
    if not published:
        return None
    months = [e[:7] for e in [*(p.finish for _, p in all_periods if p.kind in ("day", "month", "range") and p.finish), *stated]
              if len(e) >= 7]
    recent = [e for e in [*(p.finish for _, p in all_periods if p.finish and p.kind in ("day", "month", "range", "until")),
                          *stated]
              if len(e) >= 7 and _months(published) - _months(e) <= _STORY_MONTHS_BACK]
    if len(months) < 2 or recent or any(told_from_the_articles_day(p) and si in figure_sents for si, p in all_periods):
        return None  # (a piece that counts its figures' time from its own day, "in June last year", is told from now)
    return Counter(months).most_common(1)[0][0]  # (the first met of the most frequent)


def _without_restated_parts(raws: list[_Raw], figures_of: dict[int, list]) -> list[_Raw]:
    """Drop the parts of a total that restate its metric: in "put its dead at 32 -- 12 soldiers and 20
    auxiliaries" the figures after 32 add up to it, and "12 soldiers" is a part, not a second count of
    combatants killed (parts of another metric, "773 civilians" of 1,387 dead, stay)."""
    parts: set[int] = set()
    for total in raws:
        if total.claim.value_max is not None:
            continue
        run, acc = [], 0
        for f in figures_of.get(total.sent, ()):
            if f.start <= total.at or f.value_max is not None:
                continue
            run.append(f.start)
            acc += f.value
            if acc >= total.claim.value:
                break
        if len(run) >= 2 and acc == total.claim.value:
            parts.update(id(r) for r in raws if r.sent == total.sent and r.at in run and r.claim.metric == total.claim.metric)
    return [r for r in raws if id(r) not in parts]


def _without_rounded_restatements(raws: list[_Raw]) -> list[_Raw]:
    """Drop a round figure that restates a precise one of the same outcome ("a little over a thousand" beside "at
    least 1,139" civilians killed): the annotation rules make it an optional claim, and its population is often left
    out, which would make it a wrong one."""
    def outcome(r: _Raw) -> str:
        return r.claim.metric.rsplit("-", 1)[-1]
    return [r for r in raws if not (r.rounded and any(
        not o.rounded and outcome(o) == outcome(r) and r.claim.value <= o.claim.value < r.claim.value * 2 for o in raws))]


def _campaign_places(c: Claim, vocab: Vocabulary) -> tuple[str, ...]:
    """The places of the campaign the claim's source conducts, when the claim's period is within it."""
    if not c.asserter:
        return ()
    for term in vocab.campaigns.values():
        extra = term.extra
        if (extra.get("conducted_by") == c.asserter.key and extra.get("start") and extra.get("places")
                and (c.period.end or "9999") >= extra["start"]):
            return with_containers(list(extra["places"]), vocab)
    return ()


def _default_places(counts: dict[str, int], vocab: Vocabulary) -> tuple[str, ...]:
    if not counts:
        return ()
    countries = {}
    for k, n in counts.items():
        top = with_containers([k], vocab)[-1]
        countries[top] = countries.get(top, 0) + n
    best = max(countries.values())
    # the article's main countries: every country named at least half as often as the most named one
    return tuple(sorted(k for k, n in countries.items() if 2 * n >= best))
