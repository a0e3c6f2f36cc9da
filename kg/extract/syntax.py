"""Syntax stage: what the dependency parse says about a figure.

Given a parsed sentence (a spaCy Doc) and a figure's characters in it:
- ``figure_token``: the token that stands for the figure in the parse;
- ``governing_source``: the phrase that asserts the clause holding the figure: the
  subject of the nearest reporting verb above it ("X said ... killed 13"), the agent of
  a passive one ("fatalities have been reported by media outlets"), the object of
  "according to", or the owner of a report noun ("the coalition's claim of zero
  deaths", "a report by HRW"). The nearest one wins, so two speakers in one sentence
  get one figure each, and a figure a critic quotes from another source stays with
  the source that owns it.
The reporting cues are lemmas from ``ontology/attribution.ttl``; the other words the parse is
matched against (count heads, remains, verbs of revising, holding, receiving ...) are the word
collections of ``ontology/lexicon.ttl``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.namespaces import KG
from kg.vocab import vocabulary


@cache
def _words(collection: str) -> frozenset[str]:
    """The lemmas of a word collection of the ontology (ontology/lexicon.ttl), by its local name."""
    return vocabulary().lemmas(KG[collection])

SUBJECTS = frozenset(("nsubj", "nsubjpass", "csubj"))

@dataclass(frozen=True)
class Speaker:
    """The head token of the phrase that asserts a figure, and how it was found."""

    head: object  # spacy Token
    rule: str  # speech | passive-agent | according-to | possessive | impersonal | story (the writer's, around a statement)
    document: bool = False  # the phrase names a document ("reports", "the data"), not who wrote it
    # the pronoun that said it, when the head is the pronoun's antecedent in the clause it reports ("The coalition
    # conducted 14 strikes, it said"): a head that names no source leaves the pronoun to the context
    pronoun: object = None

    @property
    def whole(self) -> tuple[int, int]:
        """Character span of the speaker's whole phrase with what hangs off it ("reports from outlets such as the BBC")."""
        toks = sorted(self.head.subtree, key=lambda t: t.i)
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)

    @property
    def span(self) -> tuple[int, int]:
        """Character span of the speaker's phrase, without the clauses and quotes hanging off it."""
        toks = [t for t in _phrase(self.head)]
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def figure_token(doc, start: int, end: int):
    """The token of the figure at characters [start, end): the one of its tokens whose head lies outside it."""
    # an index lookup, not a walk over the doc (a stated zero before a bare noun has no characters: the noun's token)
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    toks = list(span) if span is not None else []
    if not toks:
        return None
    inside = {t.i for t in toks}
    # (the number, not a bound's article before it that the parser also hangs on the noun: "an estimated 300 Kurds")
    for t in toks:
        if t.like_num and t.head.i not in inside and t.head.pos_ in _NOMINAL:
            return t
    for t in toks:
        if t.head.i not in inside or t.head.i == t.i:
            # (a bound's verb is not the figure: "has passed 400" is 400)
            return next((n for n in reversed(toks) if n.like_num), t) if t.pos_ == "VERB" else t
    return toks[-1]


_OPENING_QUOTES = frozenset('"\u201c\'\u2018')


def governing_source(tok, verbs: frozenset[str], nouns: frozenset[str]) -> Speaker | None:
    """The nearest reporting predicate above ``tok`` and the phrase that speaks through it; with none, an
    impersonal passive above it ("It is estimated that ...": rule ``impersonal``, the writer's own voice)."""
    child, node = tok, tok.head
    impersonal = None
    if tok.lemma_.lower() in nouns:
        owner = _owner(tok)
        if owner is not None:
            return Speaker(owner, "possessive")
    # a reporting clause on the figure itself: "not more than 50 as originally reported by the mayor"
    for c in tok.children:
        if c.dep_ in ("acl", "relcl", "advcl") and c.lemma_.lower() in verbs:
            agent = _agent(c)
            if agent is not None:
                return _speaker(agent, "passive-agent", nouns, verbs)
    while True:
        # "3,500-5,000 -- people killed, the range given by Human Rights Watch", "40 were killed, a figure compiled by
        # the UN": a count set beside the clause names whose it is
        beside = next((o for c in node.children if c.dep_ in ("appos", "dep") and c.i > tok.i
                       and c.lemma_.lower() in nouns | _APPOSED_COUNTS and (o := _owner(c)) is not None
                       and o.pos_ != "PRON"), None)
        if beside is not None:
            return Speaker(beside, "possessive")
        according = _according_to(node, child, tok)
        if according is not None:
            # "X recorded 19 bodies, according to (a copy of) its log": X's own record
            own = any(t.dep_ == "poss" and t.lower_ in ("its", "their") for t in according.subtree)
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")), None)
            if subject is None and node.dep_ == "ROOT" and node.pos_ in ("NOUN", "PROPN"):
                subject = node  # the parser made the subject the root and its verb a modifier ("X, ..., recorded ...")
            # ... or "according to data shared with / documents seen by (an outlet)": the outlet received it
            passed_on = according.lemma_.lower() in nouns and any(
                c.dep_ == "acl" and c.lemma_.lower() in _words("passingOnVerbs") for c in according.children)
            if (own or passed_on) and subject is not None and subject.i < according.i:
                return _speaker(subject, "according-to", nouns, verbs)
            return _speaker(according, "according-to", nouns, verbs)
        if node.pos_ in ("VERB", "AUX") and (by_count := _by_their_count(node, nouns)) is not None:
            return Speaker(by_count, "possessive")  # "By ACLED's count, 349 civilians were killed last year"
        if node.lemma_ == "be" and child.dep_ in ("attr", "acomp", "ccomp") and (owner := next(
                (_owner(c) for c in node.children if c.dep_ == "nsubj" and c.lemma_.lower() in nouns), None)) is not None \
                and owner.pos_ != "PRON" and not any(t.lemma_.lower() in vocabulary().time_words for t in owner.subtree):
            # "Okafor's own count, built over a decade, is 731 Iraqis killed", "The prosecution's evidence was that at
            # least 130 civilians were killed" (not "Monday night's death toll was 60"; and "its assessment was that
            # 60 were killed" is whoever says it)
            return Speaker(owner, "possessive")
        lemma = node.lemma_.lower()
        if child.dep_ == "advcl" and child.i < node.i and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_MARKS for c in child.children):
            # "Two days after an airstrike killed 12 people, the ministry said it would investigate": a clause of time
            # before the statement tells the writer's story, not what the speaker says
            return Speaker(child, "story")
        if (_predicate(node) and lemma in verbs and node.i != tok.i and not _relay(node)
                # ("raised the toll to 141, after search teams found four more bodies": the finders' bodies are the
                # count of the one who raised it)
                and not (node.dep_ == "advcl" and node.head.lemma_.lower() in verbs
                         and any(c.dep_ == "dobj" and c.lemma_.lower() in _words("remainsNouns") for c in node.children))
                and (lemma not in _words("figureOnlyReportingVerbs") or any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in nouns
                                                                for c in node.children))
                and not any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "responsibility") for c in node.children)
                and not (node.i > tok.i and any(t.text == ";" for t in tok.doc[tok.i:node.i]))):
            # ("the bombing claimed the lives of 33", "claimed responsibility for the attack, which killed 12":
            # an event or a deed, not a claim; "100 have been killed; the government puts the toll at 40": the
            # parser may hang the first clause under the second's verb)
            cited = _cited(node)
            if cited is not None:
                return _speaker(cited, "speech", nouns, verbs)  # "citing hospital sources, the agency reported ..."
            quoted = _quoted_as_saying(node)
            if quoted is not None:
                return _speaker(quoted, "speech", nouns, verbs)  # "the agency quoted a health official as saying ..."
            told_by = _received_from(node)
            if told_by is not None:
                return _speaker(told_by, "speech", nouns, verbs)  # "..., AFP learned from a medical source"
            agent = _agent(node)
            if agent is None and child.dep_ in SUBJECTS:
                # "Nine civilians were reported killed by the state news agency": the parser hangs the reporter on
                # the killing; a body that reports (not "by Russian shelling", "by the army") reports it
                killing = next((c for c in node.children if c.dep_ == "xcomp"), None)
                by = _agent(killing) if killing is not None else None
                if by is not None and by.lemma_.lower() in _words("reporterNouns"):
                    return _speaker(by, "passive-agent", nouns, verbs)
            if child.dep_ in SUBJECTS or child.dep_ == "agent":
                if agent is not None and child.dep_ != "agent":
                    return _speaker(agent, "passive-agent", nouns, verbs)  # "20 deaths were reported by ACLED"
                trailing = _misparsed_trailing_subject(node)
                if trailing is not None:
                    return _speaker(trailing, "speech", nouns, verbs)
                if (agent is None and child.dep_ == "nsubjpass" and node.dep_ == "ROOT" and node.lemma_.lower() == "report"
                        and any(c.dep_ == "xcomp" for c in node.children)):
                    # "Eleven people were initially reported killed in the attack": reported by no one named, the
                    # writer's own account, unless a speaker above says it
                    impersonal = impersonal or Speaker(node, "impersonal")
            elif agent is None and any((c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it")
                                       or (c.dep_ == "nsubjpass" and c.i < tok.i and _a_count(c)) for c in node.children):
                # "It is estimated that up to 2,000 people have been killed", "The dead are generally put at 5,000":
                # a passive with no one saying it is the writer's own hedge, not the last source going on, unless a
                # speaker above says it
                impersonal = impersonal or Speaker(node, "impersonal")
            else:
                subject = agent if agent is not None else _subject(node)
                if (subject is None and node.dep_ == "acl" and node.head.dep_ == "ROOT" and node.head.pos_ in ("NOUN", "PROPN")
                        and any(c.dep_ == "dobj" for c in node.children)):
                    subject = node.head  # "A 2001 academic study estimated 700 deaths": the parser made the subject the root
                # '"We counted 47 bodies," the commander said': "we" and "I" in a quote that opens the sentence
                # are whoever says it after
                # (or a quotation a colon opens: 'The UN human rights office posted on Friday: "We have verified at
                # least 12 civilian deaths"': the one who says it, above)
                opened = next((c for c in node.children if subject is not None and subject.lower_ in ("we", "i")
                               and _inside_quotes(subject) and c.dep_ in ("ccomp", "parataxis") and c.i < subject.i
                               and c.lemma_.lower() in verbs and _subject(c) is not None and _subject(c).pos_ != "PRON"), None)
                if opened is not None:
                    return _speaker(_subject(opened), "speech", nouns, verbs)  # (the parser hangs the colon's clause under the quote's)
                if subject is not None and not (subject.lower_ in ("we", "i") and (
                        node.doc[0].text in _OPENING_QUOTES or _inside_quotes(subject))):
                    if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subject.children):
                        # "X said its volunteers had documented 127 strikes": X speaks for its own people
                        higher = governing_source(node, verbs, nouns)
                        if higher is not None and higher.rule == "speech" and higher.head.pos_ in ("NOUN", "PROPN"):
                            return higher
                    if subject.lower_ in ("he", "she") and (named := _named_teller_above(node, verbs)) is not None:
                        # "One of them, Mohammed Rafiq, said he counted 70 bodies": the one named who says it, not
                        # whoever "he" meant before
                        return _speaker(named, "speech", nouns, verbs)
                    return _speaker(subject, "speech", nouns, verbs)
        elif node.pos_ in ("NOUN", "PROPN") and lemma in nouns and child.dep_ not in ("poss",):
            owner = _owner(node)
            if owner is not None:
                return Speaker(owner, "possessive")
        elif node.pos_ in ("VERB", "AUX"):
            trailing = _trailing_report(node, tok, verbs)
            if trailing is not None:
                return _speaker(trailing, "speech", nouns, verbs)
        if node.head.i == node.i:
            # "By ACLED's count, 2024 was the deadliest year: 349 civilians were killed": the count a clause before
            # the figure's is measured by (the parser may hang that clause under the figure's)
            by_count = next((o for c in node.children if c.dep_ in ("ccomp", "parataxis") and c.i < tok.i
                             and (o := _by_their_count(c, nouns)) is not None), None)
            return Speaker(by_count, "possessive") if by_count is not None and impersonal is None else impersonal
        child, node = node, node.head


_TIME_MARKS = frozenset(("after", "before", "since", "until", "once", "when"))


def _named_teller_above(verb, verbs: frozenset[str]):
    """The named subject (a proper noun) of a reporting verb above ``verb`` in its sentence, or None."""
    node = verb
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in verbs and (subject := _subject(node)) is not None:
            # (or the name set beside it: "One of them, Mohammed Rafiq, said")
            named = subject if subject.pos_ == "PROPN" else next(
                (c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if named is not None:
                return named
    return None


def _inside_quotes(tok) -> bool:
    """Whether ``tok`` is inside a quotation opened earlier in its sentence (an odd number of double quotes before it)."""
    before = tok.doc.text[:tok.idx]
    return (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2 == 1


def _listed(noun) -> bool:
    """One of several nouns listed together ("four women, four children and two drivers")."""
    return noun.dep_ == "conj" or any(c.dep_ == "conj" for c in noun.children)


_APPOSED_COUNTS = frozenset(("range",))  # (a report noun only beside a figure: "..., the range given by HRW")


def _a_count(noun) -> bool:
    """The dead or a count of them ("the dead", "the toll"), not someone who could say it."""
    lemma = noun.lemma_.lower()
    return lemma in _words("countHeads") or lemma in vocabulary().outcome_lemmas


def _predicate(node) -> bool:
    """A verb, or a word the tagger took for a noun though it heads a clause with a subject ("Figures from
    the ministry show that ...", "show" tagged as a noun)."""
    return node.pos_ in ("VERB", "AUX") or (node.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in node.children))


def _trailing_report(verb, tok, verbs: frozenset[str]):
    """The subject of a reporting verb the parser hung after ``verb`` as a coordinate clause, though it
    reports it: "... killed six civilians, a lawmaker said" parsed as "killed ... and said". Only without a
    conjunction between them (in "killed six and said ..." the killer speaks) and with a subject of its own."""
    doc = verb.doc
    for c in verb.children:
        if c.lemma_.lower() not in verbs:
            continue
        subject = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass") and s.i < c.i), None)
        if subject is None and c.i > tok.i and doc[c.i - 1].text == "," and c.tag_ in ("VBD", "VBZ", "VBP") \
                and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children):
            # the speaker after its verb, as wire copy translated from French has it: "..., indicated the
            # Emergency Lawyers" (the parser takes the speaker for the verb's object)
            # (not "..., confirmed the toll" or "reported 12 deaths": what is said, not who says it)
            subject = next((o for o in c.children if o.dep_ == "dobj" and o.pos_ in ("PROPN", "NOUN")
                            and o.lemma_.lower() not in _words("saidThings") and not any(n.dep_ == "nummod" for n in o.children)), None)
            if subject is not None:
                return subject
        if subject is None:
            continue
        # a conjunction right before the reporting clause joins it to the killing ("killed six and said");
        # one earlier joins other clauses ("were killed and dozens wounded ..., an official said")
        # ... or as an adverbial clause, when it ends the sentence set off by a comma ("..., AFP learned from a
        # medical source")
        ends = c.dep_ == "advcl" and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == "," and not any(
            m.dep_ == "mark" for m in c.children) and all(
            t.is_punct for t in doc[c.right_edge.i + 1:c.sent.end])
        if ((c.dep_ in ("conj", "parataxis") or ends) and c.i > tok.i and subject.i > tok.i
                and not any(cc.dep_ in ("cc", "preconj") and max(tok.i, subject.left_edge.i - 3) < cc.i < c.i
                            for cc in verb.children)):
            return _received_from(c) or subject
        if c.dep_ == "parataxis" and c.i < tok.i and c.i + 1 < len(doc) and doc[c.i + 1].text == ",":
            return subject  # set off before the clause: "In the north, officials said, 40 people were killed"
    return None


def _dated_word(doc, start: int, end: int, time_words: frozenset[str]):
    """The word the date at characters [start, end) modifies, through "on", "early", "night": a verb or
    noun outside the date; None when the parse links it to none."""
    tok = figure_token(doc, start, end)
    if tok is None:
        return None
    node = tok.head
    for _ in range(4):
        in_date = start <= node.idx < end or node.lower_ in time_words or node.lemma_.lower() in time_words
        if node.pos_ in ("VERB", "AUX", "NOUN", "PROPN") and node.i != tok.i and not in_date:
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def dates_a_statement(doc, start: int, end: int, verbs: frozenset[str], nouns: frozenset[str],
                      time_words: frozenset[str]) -> bool:
    """Whether the date at characters [start, end) dates a statement ("said on Friday", "the report
    released on 5 May") rather than an event ("the strike on Sunday night", "Wednesday's incident")."""
    first = doc.char_span(start, max(end, start + 1), alignment_mode="expand")

    def describes_a_thing(verb) -> bool:
        # "a ceasefire announced on Saturday": a participle of a thing announced, no statement of the figures
        return verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() not in nouns

    if (first is not None and first[0].i > 0 and doc[first[0].i - 1].lemma_.lower() in verbs
            and doc[first[0].i - 1].pos_ in ("VERB", "AUX") and not any(t.dep_ == "poss" for t in first)
            and not describes_a_thing(doc[first[0].i - 1])):
        # "said on Tuesday it had received 112 allegations": right after the verb of saying, however parsed (not
        # "describing Wednesday's incident")
        return True
    node = _dated_word(doc, start, end, time_words)
    if node is None:
        return False
    # "condemned the attack in a statement on Monday" (the parser may hang "in a statement" on "attack")
    heads = [node, *(c for c in node.children if c.dep_ == "dobj")] if node.pos_ in ("VERB", "AUX") else []
    if any(p.dep_ == "pobj" and p.lemma_.lower() in nouns
           for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children):
        return True
    if (node.dep_ == "dobj" and node.head.lemma_.lower() in verbs
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in node.children)):
        return True  # "claimed the attack on Sunday": the attack told before, claimed that day (the parser hangs the day on it)
    if (node.dep_ == "acl" and node.head.lemma_.lower() in nouns and node.tag_ == "VBN"
            and not any(c.dep_.startswith("nsubj") for c in node.children)):
        # "a statement read on state television on Monday", "a report released on Tuesday": the document's day (a
        # participle of the noun's own; not "reports that an air strike on 2 September killed civilians")
        return True
    if node.pos_ in ("VERB", "AUX") and describes_a_thing(node):
        return False
    if node.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ in ("from", "of", "in") and c.i < first[0].i
                                   and any(p.dep_ == "pobj" and p.lemma_.lower() in _words("attackWords") for p in c.children)
                                   for c in node.children):
        return False  # "the death toll from Russian shelling of a market ... on Saturday": the shelling's day, hung on the toll
    return node.lemma_.lower() in (verbs if node.pos_ in ("VERB", "AUX") else nouns)


def before_its_update(doc, start: int, end: int, updates: frozenset[str], time_words: frozenset[str]) -> bool:
    """Whether the date at characters [start, end) comes before the verb of a growing toll it hangs on ("the toll of
    the bombardment carried out on Sunday evening, has risen to 12"): the parser's attachment, not the update's day,
    which follows the verb ("rose to 23 on Friday")."""
    node = _dated_word(doc, start, end, time_words)
    return node is not None and node.lemma_.lower() in updates and node.idx >= end


def dates_an_event(doc, start: int, end: int, event_words: frozenset[str], time_words: frozenset[str]) -> bool:
    """Whether the date at characters [start, end) dates a violent event: the word it modifies, or a
    word that one hangs from up to its clause's verb, or that verb's object, is an event's ("a car bomb
    exploded on Thursday", "Sunday's attack", "a strike near the crossing on 3 April hit a funeral",
    "came under fire on Tuesday")."""
    for node in _up_to_verb(_dated_word(doc, start, end, time_words)):
        if node.lemma_.lower() in event_words:
            return True
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in _STARTS:
            return False  # (see dates_a_start)
        if node.pos_ in ("VERB", "AUX"):
            # "came under fire on Tuesday", "carried out a strike on Sunday": the event is the verb's object
            objects = [c for c in node.children if c.dep_ in ("dobj", "attr")]
            objects += [p for c in node.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
            return any(o.lemma_.lower() in event_words for o in objects)
    return False


_STARTS = frozenset(("begin", "start", "launch"))


def dates_a_start(doc, start: int, end: int, time_words: frozenset[str], aside: bool = False) -> bool:
    """Whether the date at characters [start, end) is the day something began: "on March 24, 1999, NATO aircraft began
    bombing" (a campaign's first day, not an attack's day nor the day its tolls stand at). With ``aside``, only in a
    clause about a noun: "Boko Haram, whose insurgency began in 2009, has killed 40,000" (the start of that total)."""
    verb = next((n for n in _up_to_verb(_dated_word(doc, start, end, time_words)) if n.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.lemma_.lower() in _STARTS and (not aside or verb.dep_ in ("relcl", "acl"))


def spans_a_long_event(doc, start: int, end: int) -> bool:
    """Whether the span at characters [start, end) is how long a war or battle lasted: "The battle for Raqqa lasted
    from June 6 to Oct. 17, 2017", "Operation Allied Force ran from March 24 to June 10, 1999" (its subject a long event,
    or an operation)."""
    verb = _clause_verb(doc, start, end)
    if verb is None:
        return False
    long_events = _words("longEvents") | {"operation"}
    return any(c.dep_ == "nsubj" and any(t.lemma_.lower() in long_events for t in (c, *c.children) if t.dep_ != "det")
               for c in verb.children)


def _up_to_verb(node, steps: int = 4):
    """``node`` and the words above it up to the verb of its clause (that verb last), at most ``steps`` words."""
    for _ in range(steps):
        if node is None:
            return
        yield node
        if node.pos_ in ("VERB", "AUX"):
            return
        node = None if node.head.i == node.i else node.head


def _clause_of_another_thing(doc, start: int, end: int, kept: frozenset[str]):
    """The participle or relative clause the date at [start, end) is in, when it describes a thing whose day no figure
    takes ("a ceasefire announced over the weekend"; not one ``kept`` names, a violent event or a statement: "civilians
    killed in Sunday's bombardment", "a press release issued on Monday"; nor a war: "the war that ended on 27 November
    2024"): (that clause's verb, the thing), else None."""
    path = list(_up_to_verb(figure_token(doc, start, end), 5))
    if not path or path[-1].pos_ not in ("VERB", "AUX") or path[-1].dep_ not in ("acl", "relcl"):
        return None
    verb, thing = path[-1], path[-1].head
    if verb.dep_ == "acl" and (verb.tag_ not in ("VBN", "VBG") or verb.lemma_.lower() == verb.lower_):
        return None  # (an inflected participle, not a word the parser took for one: "Mir Ali tehsil on Monday")
    if (thing.pos_ != "NOUN" or any(w.lemma_.lower() in kept for w in (*path, thing))
            or thing.lemma_.lower() in _words("longEvents")):
        return None
    return verb, thing


def dates_another_thing(doc, start: int, end: int, kept: frozenset[str]) -> bool:
    """Whether the date at [start, end) dates a thing other than a violent event: no attack's day."""
    return _clause_of_another_thing(doc, start, end, kept) is not None


def dates_something_else(doc, start: int, end: int, fig_start: int, fig_end: int, kept: frozenset[str]) -> bool:
    """Whether the date at [start, end) dates a clause about some other thing than the figure's event: "has reached
    about 600, ... despite a ceasefire announced over the weekend"."""
    found = _clause_of_another_thing(doc, start, end, kept)
    fig = figure_token(doc, fig_start, fig_end)
    if found is None or fig is None:
        return False
    verb, thing = found
    return not verb.left_edge.i <= fig.i <= verb.right_edge.i and not thing.left_edge.i <= fig.i <= thing.right_edge.i


def dates_a_count(doc, start: int, end: int, nouns: frozenset[str]) -> bool:
    """Whether the date at characters [start, end) names the day a count stands at, as a modifier of a
    report noun: "its 20 April fatality figure of 738", "the May 5 update" (not "the report released
    on 5 May", where a verb dates the statement)."""
    tok = figure_token(doc, start, end)
    if tok is None or tok.dep_ not in ("compound", "nmod", "npadvmod", "nummod"):
        return False
    head = tok.head
    while head.dep_ == "compound" and head.head.pos_ == "NOUN" and not start <= head.idx < end:
        head = head.head  # "20 April fatality figure": through "fatality" to "figure"
    return head.pos_ == "NOUN" and head.lemma_.lower() in nouns


def names_an_event(doc, start: int, end: int, time_words: frozenset[str]) -> bool:
    """Whether the date at characters [start, end) is part of an event's name ("Hamas' October 7
    onslaught", "the 9/11 attacks"): a modifier of a noun without a preposition. Such a date is
    background, not the date a later figure is counted to ("the strike on Sunday night" and
    "Wednesday's incident" date the event the figures are about and stay)."""
    tok = figure_token(doc, start, end)
    if tok is None or tok.dep_ not in ("nmod", "compound"):
        return False
    head = tok.head
    return head.pos_ == "NOUN" and not start <= head.idx < end and head.lemma_.lower() not in time_words


def ends_a_period(doc, start: int, end: int, time_words: frozenset[str]) -> bool:
    """Whether the date at characters [start, end) is when something ended ("the war that ended with the
    ceasefire on Nov. 27", "the siege, which ended on 3 May"): the end of a span, not a day's events."""
    # up to the verb of the date's clause: "ended with the ceasefire on Nov. 27"
    path = list(_up_to_verb(_dated_word(doc, start, end, time_words)))
    return bool(path) and path[-1].pos_ in ("VERB", "AUX") and path[-1].lemma_.lower() in _words("endingVerbs")


def told_on_the_day(doc, day_start: int, day_end: int, start: int, end: int) -> bool:
    """Whether the figure at [start, end) is told in a "when" clause of the date at [day_start, day_end): "the
    deadliest attack since May 4, when a suicide bomber ... killing 33" (that day's toll, not a total since it)."""
    span, tok = doc.char_span(day_start, day_end, alignment_mode="expand"), figure_token(doc, start, end)
    # (the span's words below its root: "since May 4" -> "May")
    day = next((t for t in span if t.head.i == span.root.i and t.pos_ in ("PROPN", "NOUN", "NUM")), span.root) if span else None
    if day is None or tok is None:
        return False
    # (the parser may hang the "when" clause on the word "since" belongs to: "the deadliest since October 2022, when")
    holders = [day, day.head.head] if day.head.lower_ in ("since", "in", "on") else [day]
    return any(c.dep_ in ("relcl", "advcl") and any(w.lower_ == "when" for w in c.children) and tok in c.subtree
               and c.i > day.i for h in holders for c in h.children)


def measures_a_record(doc, start: int, end: int) -> bool:
    """Whether the "since" date at characters [start, end) belongs to a superlative, the record a toll is
    measured against ("..., the highest toll for any two-week period since mid-2022", "the deadliest attack
    on the city since 2019"): no start of the figure's period."""
    tok = figure_token(doc, start, end)
    node = tok.head if tok is not None and tok.lower_ == "since" else tok
    for _ in range(5):  # since -> period -> for -> toll
        if node is not None and node.lemma_ == "be" and any(
                c.dep_ in ("attr", "acomp") and (c.tag_ == "JJS" or any(g.tag_ == "JJS" or g.lower_ == "most" for g in c.children))
                for c in node.children):
            return True  # "2024 was the deadliest year for civilians since 2021" (the parser hangs "since" on the copula)
        if node is None or node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in _NOMINAL and any(c.tag_ == "JJS" or c.lower_ == "most" for c in node.children):
            return True
    return False


def starts_a_period(doc, start: int, end: int) -> bool:
    """Whether "since" governs the date at characters [start, end): "killed since Haftar launched an
    offensive on April 4", "since the strike on Sunday" (the date starts a running total; it is not
    the event's day)."""
    tok = figure_token(doc, start, end)
    if tok is None:
        return False
    node = tok
    for _ in range(4):  # date -> on -> launched/strike -> since
        since = next((c for c in node.children if c.lower_ == "since" and c.dep_ in ("mark", "prep") and c.i < tok.i),
                     node if node.lower_ == "since" else None)
        if since is not None:
            # (not time gone by since an event: "to mark 33 years since soldiers killed 58 civilians on May 29, 1992" is
            # that day's toll)
            return not (since.i > 0 and doc[since.i - 1].lemma_.lower() in _SPANS_OF_TIME)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


_SPANS_OF_TIME = frozenset(("year", "month", "week", "day", "decade", "century"))


_PASSING = frozenset(("exceed", "surpass", "top", "pass", "reach", "hit", "near"))  # verbs of a count's new level


def sets_a_count(doc, start: int, end: int, nouns: frozenset[str]) -> bool:
    """Whether the figure at [start, end) is the new value of a count named only by a report noun:
    "it raised the figure to 68", "the tally rose to 91", "put the total at 30". What the count
    counts is said before ("the ministry put the death toll at 61. Hours later it raised the figure
    to 68")."""
    tok = figure_token(doc, start, end)
    if tok is not None and ((tok.dep_ == "pobj" and tok.head.lower_ == "of") or (
            tok.dep_ == "amod" and tok.lower_ in ("high", "low", "many"))):
        # "gave estimates of up to 2,000", "have cited figures as high as 600" (the bound's adjective is what the
        # parser hangs on the noun): the value a count named only by a report noun is given
        noun = tok.head.head if tok.dep_ == "pobj" else tok.head
        if (noun.pos_ == "NOUN" and noun.lemma_.lower() in nouns
                and not any(c.dep_ == "prep" and c.lower_ == "of" and c is not tok.head for c in noun.children)):
            return True
    if tok is not None and tok.dep_ in ("attr", "acomp") and tok.head.lemma_ == "be":
        verb = tok.head  # "the true number was likely more than 1,000"
    elif (tok is not None and tok.dep_ == "prep" and tok.lower_ in ("over", "above", "under", "below", "around", "about")
          and tok.head.lemma_ == "be"):
        verb = tok.head  # "says the number is over 2,400" (the parser hangs the bound as a preposition, the figure in it)
    elif tok is not None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _PASSING:
        verb = tok.head  # "the number now exceeds 13,000", "the tally has passed 500"
    elif tok is None or tok.dep_ != "pobj" or tok.head.lower_ not in ("to", "at"):
        return False
    else:
        verb = tok.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    counts = [c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    # a count whose own words say what it counts ("the number of dead") is left to the metric cues (not one whose
    # words say since when: "bringing the total since the start of the offensive to 3,450")
    # ... and a count a pronoun stands for, set anew: "By the next morning it had raised that to 421"
    return any((c.lemma_.lower() in nouns and not any(t.dep_ == "prep" and t.lower_ == "of" for t in c.children))
               or (c.dep_ == "dobj" and c.lower_ in ("that", "it", "this") and verb.lemma_.lower() in _words("revisingVerbs"))
               for c in counts)


def counts_again(doc, start: int, end: int, verbs: frozenset[str]) -> bool:
    """Whether the figure at [start, end) is a bare number a source it refers back to counted ("recorded more than
    540 civilians killed in air strikes during 2023. In 2022, it had counted 281."): what it counts is what that
    source counted before."""
    tok = figure_token(doc, start, end)
    if (tok is None or tok.dep_ != "dobj" or tok.pos_ != "NUM" or tok.lower_ == "one"  # ("when you can find one")
            or any(c.dep_ == "prep" for c in tok.children)):
        return False
    verb = tok.head
    return verb.lemma_.lower() in verbs and any(c.dep_ == "nsubj" and c.lower_ in ("it", "they", "he", "she")
                                                for c in verb.children)


_HOLDING = frozenset(("have", "hold", "contain", "include", "stand", "number", "reach", "bear", "carry", "compile", "list"))


def names_on_a_list(doc, start: int, end: int, list_nouns: frozenset[str]) -> bool:
    """Whether the figure at [start, end) counts the names a list of the dead holds: "it contains 408 names", "the
    gazette stood at 844 names", "a list of more than 400 names" (not names struck from it: "rejected 30 further names",
    "62 names could not be matched", nor names listed as something: "1,570 names are listed as ...")."""
    noun = _counted_noun(doc, start, end)
    if noun is None or noun.lower_ != "names" or noun.dep_ not in ("dobj", "pobj", "attr"):
        return False
    if any(c.dep_ == "amod" for c in noun.children):
        return False  # ("30 further names")
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        return head.lemma_.lower() in list_nouns  # "a list of 400 names"
    return (head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _HOLDING
            and not any(c.dep_ == "neg" for c in head.children))


def compares_with_a_count(doc, start: int, end: int) -> bool:
    """Whether the figure at [start, end) is a bare number a count just given is compared with: "1,300 killings
    in 2023, up from 900 a year earlier", "311 deaths, compared with 240 in the previous quarter" (the same count
    at another time)."""
    tok = figure_token(doc, start, end)
    if tok is None or tok.dep_ != "pobj" or tok.head.lower_ not in ("from", "with", "to", "against"):
        return False
    if any(c.dep_ in ("prep",) and c.lower_ == "of" for c in tok.children):
        return False  # "up from 900 of them": a noun of its own
    pivot = tok.head.head
    return tok.head.lower_ == "against" or pivot.lower_ in ("up", "down", "compared", "compare", "comparison", "versus")


def revises_a_count(doc, start: int, end: int, nouns: frozenset[str]) -> bool:
    """Whether the figure at [start, end) is a count revised to a new value ("He later revised the number of dead
    to twelve", "raised the toll to 68"): the same count as the one given before, population and all."""
    tok = figure_token(doc, start, end)
    if tok is not None and tok.dep_ in ("nummod", "quantmod") and tok.head.dep_ == "pobj":
        tok = tok.head  # "revised the figure to 14 dead"
    if tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in ("to", "at"):
        verb = tok.head.head
    elif tok is not None and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children):
        verb = tok.head  # "to twelve" misparsed as an infinitive
    else:
        return False
    return verb.lemma_.lower() in _words("revisingVerbs") and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in nouns for c in verb.children)


def is_age(doc, start: int, end: int) -> bool:
    """Whether the number at [start, end) is an age ("under the age of 18", "a man aged 45",
    "children under five"), not a count."""
    tok = figure_token(doc, start, end)
    if tok is None:
        return False
    head = tok.head
    while tok.dep_ == "conj" and head.pos_ == "NUM" and head.i < tok.i:
        tok, head = head, head.head  # "aged 19, 22 and 24": each of a list of ages
    if head.lemma_.lower() in ("age", "aged", "year-old"):
        return True
    if head.lower_ == "of" and head.head.lemma_.lower() == "age":
        return True
    if head.lower_ == "of" and head.head.tag_ == "NN" and head.head.lemma_.lower() in _words("onePersonNouns") and tok.like_num:
        return True  # "the youngest a girl of four", "a man of 70"
    before = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ not in ("now", "then") else tok.i - 2
    if (tok.dep_ == "appos" and before >= 0 and doc[before].text == "," and tok.text.isdigit() and int(tok.text) < 120
            and (head.pos_ == "PROPN" or (before < tok.i - 1 and head.pos_ == "NOUN"))):
        # "Petro Kovalenko, 71, a retired railway worker", "Ahmed Jassim, now 51,", "her husband, then 34,": a person's
        # age set off after the name
        return True
    # "under five", "below 12" hanging off a clause or a noun, never off another number
    return (tok.dep_ == "pobj" and head.lower_ in ("under", "below") and head.head.pos_ != "NUM"
            and tok.like_num and _small(tok.text))


def _small(text: str) -> bool:
    words = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
             "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"}
    return text.lower() in words or (text.isdigit() and int(text) <= 18)


def _speaker(head, rule: str, nouns: frozenset[str], verbs: frozenset[str]) -> Speaker:
    """A speaking phrase; a document ("the report", "preliminary data") speaks for its owner when it names one,
    or for whoever published it ("Amnesty published an investigation which found ...")."""
    # "The best available evidence, the judicial panel's report, puts the number at 11": the report set beside it names
    # whose it is
    described = next((c for c in head.children if c.dep_ == "appos" and c.lemma_.lower() in nouns), None)
    if described is not None and head.pos_ == "NOUN" and (owner := _owner(described)) is not None:
        return Speaker(owner, rule)
    if head.lemma_.lower() not in nouns:
        antecedent = _antecedent_speaker(head, verbs)
        if antecedent is not None:
            return Speaker(antecedent, rule)
        antecedent = _reported_subject(head, verbs)
        return Speaker(antecedent, rule, pronoun=head) if antecedent is not None else Speaker(head, rule)
    owner = _owner(head)
    if owner is None and head.dep_ == "dobj" and head.head.lemma_.lower() in verbs:
        owner = _subject(head.head)
    return Speaker(owner, rule) if owner is not None else Speaker(head, rule, document=True)


def _antecedent_speaker(pronoun, verbs: frozenset[str]):
    """The speaker a pronoun subject stands for when its clause is what that speaker says: "The Civil Defence
    says it has documented 2,300 strikes" (it = the Civil Defence, not the body named in the sentence before)."""
    # (or a noun a possessive pronoun owns: "A villager told AFP his team had counted 130 bodies": the villager)
    owned = pronoun.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their", "our")
                                           for c in pronoun.children)
    if not owned and (pronoun.pos_ != "PRON" or pronoun.lower_ not in ("it", "they", "he", "she", "we")):
        return None
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in verbs:
        return None
    upper = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return upper if upper is not None and upper.pos_ in ("NOUN", "PROPN") else None


def _reported_subject(pronoun, verbs: frozenset[str]):
    """The subject of the clause a trailing "it said" reports: "The coalition conducted 14 strikes last week, it
    said" (it = the coalition). Whether that subject names a source is for the caller to check ("The strike
    killed 12, it said")."""
    if pronoun.pos_ != "PRON" or pronoun.lower_ not in ("it", "they"):
        return None
    said = pronoun.head
    if said.lemma_.lower() not in verbs:
        return None
    if said.dep_ in ("parataxis", "ccomp", "conj") and said.head.i < pronoun.i:
        reported = said.head
    else:
        reported = next((c for c in said.children if c.dep_ in ("ccomp", "parataxis") and c.i < pronoun.i), None)
    if reported is None or reported.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in reported.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < reported.i), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    # in number with the pronoun: "Government forces were responsible for 28 of the deaths, it said" is not the forces
    plural = subject.tag_ in ("NNS", "NNPS")
    return subject if plural == (pronoun.lower_ == "they") else None


def _relay(verb) -> bool:
    """ "X said, as quoted by / as reported by Y, that ...": Y relays what X said; X speaks."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _according_to(node, child, tok=None):
    # ("According to X at Y in Z, 12 civilians were killed": the parser may take the subject for an appositive
    # inside the phrase; it is sourced by it all the same)
    noun = tok.head if tok is not None and tok.dep_ in ("nummod", "quantmod") else tok
    for c in node.children:
        if c.lower_ == "according" and (c.i != child.i or (noun is not None and noun.dep_ == "appos"
                                                          and c.i < noun.i <= c.right_edge.i)):
            for t in c.subtree:
                if t.dep_ == "pobj":
                    return t
    # "killing nine civilians and wounding 21 others, according to medics": the parser hangs a sentence-final
    # "according to" on the last conjunct, but it sources the whole coordination
    last = next((c for c in reversed(list(node.children)) if c.dep_ == "conj" and c.i > node.i), None)
    if last is not None and last.i != child.i:
        according = next((c for c in last.children if c.lower_ == "according"), None)
        if according is not None and all(t.is_punct for t in node.doc[according.right_edge.i + 1:node.sent.end]):
            return _according_to(last, child)
    return None


def _cited(verb):
    """Whom a reporter cites for what it reports: "citing hospital sources, the agency said", "quoting
    the ministry, state TV reported", "..., aid workers told Reuters, citing figures from local health
    officials" (the original source asserts the figure)."""
    for c in verb.children:
        if not (c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in ("cite", "quote")):
            continue
        if any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children):
            continue  # a clause of its own: "..., while the United Nations has cited a toll of at least 100"
        cited = next((o for o in c.children if o.dep_ == "dobj"), None)
        if cited is None or c.i < verb.i:
            return cited
        # after the verb, a source or the figures of one ("citing figures from X"), not a reason ("citing a
        # lack of fuel")
        owner = next((p for prep in cited.children if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of")
                      for p in prep.children if p.dep_ == "pobj"), None)
        if cited.lemma_.lower() in _words("citedDocuments") and owner is not None:
            return owner
        if cited.pos_ == "PROPN" or cited.lemma_.lower() in _words("citedPeople"):
            return cited
    return None


def _quoted_as_saying(verb):
    """Whom a reporter quotes: "the agency quoted a health official as saying 17 had died" (the official speaks)."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as" or verb.head.head.lemma_.lower() != "quote":
        return None
    return next((o for o in verb.head.head.children if o.dep_ == "dobj"), None)


def _received_from(verb):
    if verb.lemma_.lower() not in _words("hearingVerbs"):
        return None
    source = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    return next((p for p in source.children if p.dep_ == "pobj"), None) if source is not None else None


def _agent(verb):
    if any(c.dep_ == "nsubj" for c in verb.children):
        return None  # an active verb's "by": how it was said ("a chief said by telephone"), not who said it
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        # "The toll was put at 30 at the time by the Kenya Red Cross": the parser may hang the agent on the time
        for c in verb.children:
            if c.dep_ == "prep":
                for t in c.children:
                    if t.dep_ == "pobj" and t.lemma_.lower() in _words("timeWords"):
                        by = next((b for b in t.children if b.dep_ == "prep" and b.lower_ == "by"), None)
                        agent = next((p for p in by.children if p.dep_ == "pobj"), None) if by is not None else None
                        if agent is not None and agent.pos_ in ("PROPN", "NOUN"):
                            return agent
    return None


def _subject(verb):
    """The subject of ``verb``, or of the verb it is coordinated with or completes ("X said ... and added")."""
    trailing = _misparsed_trailing_subject(verb)
    if trailing is not None:
        return trailing
    seen = 0
    while verb is not None and seen < 4:
        # "an attack, which an aid worker said killed 10": the parser may give "said" two subjects; the relative
        # pronoun is the clause's object then, and the other one speaks
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if len(subjects) > 1:
            subjects = [c for c in subjects if not (c.tag_ == "WDT" or c.lower_ in ("which", "who", "that"))]
        for c in subjects:
            if c.lemma_.lower() in _words("quantityNouns"):
                return None  # "A post shared thousands of times ... claims": the parser's subject is a quantity, no one
            if c.lower_ == "it" and seen and any(a.dep_ == "acomp" for a in verb.children):
                return None  # "It was possible to count 20 bodies": an extraposed "it" stands for no one
            if c.lower_ != "there":
                if c.tag_ == "WDT" or c.lower_ in ("which", "who", "that"):
                    if verb.dep_ != "relcl":
                        return None
                    # "outlets, which put the toll at ..."; "the UN mission in Afghanistan, which said": the body in
                    # the place, not the place the parser hangs the clause on
                    where = verb.head
                    in_place = (where.pos_ == "PROPN" and where.dep_ == "pobj" and where.head.lower_ == "in"
                                and where.head.head.pos_ == "NOUN")
                    return where.head.head if in_place else where
                if c.dep_ == "csubj" and c.pos_ == "VERB":
                    # "one fleeing witness had counted 30 bodies": the parser may read the adjective as a verb whose
                    # object is the speaker
                    return next((o for o in c.children if o.dep_ == "dobj" and o.pos_ == "NOUN"), None)
                if c.lemma_.lower() in _words("remainsNouns") and verb.dep_ == "ccomp":
                    break  # "residents counting bodies in the compound spoke of 20 dead": the dead say nothing
                return c
        else:
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
                # "X said that the dead were villagers, and put the number killed at 20": the parser may hang the second
                # reporting verb on the reported clause; it is coordinated with the one that reports it
                reported = not seen and verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb.head.head.i != verb.head.i
                verb = verb.head.head if reported else verb.head
                seen += 1
                continue
            return None
        verb = verb.head  # (the remains' clause: its reporter is the one above)
        seen += 1
    return None


def _misparsed_trailing_subject(verb):
    """ "... killed at least 23 people, a doctor at the hospital said": the parser may take the speaker
    for an apposition to the victims and leave the reporting verb without a subject; the apposition
    ending right before the verb is its subject."""
    if verb.i == 0:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if (len(subjects) > 1 and subjects[-1].right_edge.i == verb.i - 1 and subjects[-1].left_edge.i > 0
            and verb.doc[subjects[-1].left_edge.i - 1].text == ","):
        return subjects[-1]  # "Israeli air strikes killed 17, Gaza's civil defence agency said": two subjects, the last speaks
    subject = subjects[0] if subjects else None
    if subject is not None:
        # ... or for the subject, apposition and all: "23 people, a doctor said" (a count speaks for nobody)
        if not any(c.dep_ == "nummod" for c in subject.children):
            return None
        return next((c for c in subject.children if c.dep_ == "appos" and c.right_edge.i == verb.i - 1), None)
    node = verb.doc[verb.i - 1]
    while node.dep_ != "appos" and node.head.i != node.i and node.head.i < verb.i:
        node = node.head
    if node.dep_ == "appos" and node.right_edge.i == verb.i - 1:
        return node
    # ... or for one more conjunct of them: "wounded more than 80 others, health workers and a witness said"
    doc = verb.doc
    comma = next((t.i for t in reversed(doc[max(0, verb.i - 10):verb.i]) if t.text == ","), None)
    if comma is None or comma == verb.i - 1:
        return None
    tail = doc[comma + 1:verb.i]
    if not all(t.pos_ in _NOMINAL_PHRASE for t in tail):
        return None
    heads = [t for t in tail if not comma < t.head.i < verb.i]
    return heads[0] if len(heads) == 1 and heads[0].pos_ in ("NOUN", "PROPN") else None


_NOMINAL_PHRASE = frozenset(("DET", "ADJ", "NOUN", "PROPN", "CCONJ", "ADP", "PART"))


def _prep_objects(head, preps: tuple[str, ...]):
    """The objects of the prepositions ``preps`` hanging on ``head``: "in the battle" -> battle."""
    return (p for c in head.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children if p.dep_ == "pobj")


def _by_their_count(verb, nouns: frozenset[str]):
    """The owner of a count a clause is measured by: "By ACLED's count, ...", "by the count of the ICMP, ...", "in the
    army's tally, ..."."""
    for p in _prep_objects(verb, ("by", "in", "on")):
        if p.lemma_.lower() in nouns and p.lemma_.lower() in _words("measuringCounts"):
            owner = _owner(p)  # "By ACLED's count", "by the count of the ICMP", "in UN figures"
            if owner is not None and owner.lower_ not in ("its", "their", "his", "her", "our", "my"):
                return owner
    return None


def _owner(noun):
    """Who owns a report noun: "X's count", "the UN report", "a report by/from/of X"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ in ("compound", "nmod") and (
                c.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in c.lefts if t.dep_ == "compound")):
            return c  # "the UN report", "US government figures"
    for c in noun.children:
        if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in _words("organisationNouns"):
            return c  # "a police assertion", "an army statement": the body of that kind
    for c in noun.children:
        if (c.dep_ == "amod" and c.pos_ == "ADJ" and c.text[:1].isupper() and c.i > noun.sent.start
                and noun.lemma_.lower() in ("claim", "allegation")):
            return c  # "the Indian claim to have killed 15", "Russian allegations": the nation's side (its army or government)
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
            for p in c.children:
                # "a statement from the governor's office", "a report by rights groups" (not "a report of deaths",
                # "allegations from 11 incidents")
                if p.dep_ == "pobj" and (p.pos_ == "PROPN" or (p.pos_ == "NOUN" and c.lower_ != "of" and not any(
                        n.dep_ == "nummod" for n in p.children))):
                    # ... nor the people counted: "the toll of Palestinians killed", "the number of Iraqis"
                    if c.lower_ == "of" and (p.tag_ == "NNPS" or any(n.dep_ == "acl" for n in p.children)):
                        continue
                    return p
    for c in noun.children:
        if (c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() not in _words("receivingVerbs")
                and c.lemma_.lower() not in vocabulary().outcome_lemmas):
            # "estimates given by human rights groups", "figures compiled by the UN" (not "reports that 79 civilians had
            # been executed by pro-Government forces": who killed them, in the report's content)
            agent = _agent(c)
            if agent is not None:
                return agent
    return None


def _phrase(head):
    """The tokens of ``head``'s noun phrase: its left modifiers and itself, plus a following "of/for X"."""
    toks = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod", "det", "poss", "case", "nummod", "quantmod", "punct")
            and t.i >= head.i - 6]
    toks = sorted({*_contiguous(head, toks)}, key=lambda t: t.i)
    right = [head]
    for c in head.rights:
        if c.dep_ in ("prep",) and c.lower_ in ("of", "for", "in", "at", "with") or c.dep_ in ("appos", "compound", "flat"):
            right.extend(c.subtree)
    out = sorted({*toks, *right}, key=lambda t: t.i)
    return _contiguous_run(out, head)


def _contiguous(head, toks):
    keep, i = [], head.i - 1
    idx = {t.i: t for t in toks}
    while i in idx:
        keep.append(idx[i])
        for t in idx[i].subtree:
            keep.append(t)
        i = min(t.i for t in idx[i].subtree) - 1
    return keep


def _contiguous_run(toks, head):
    """The run of consecutive tokens around ``head``."""
    by_i = {t.i for t in toks}
    lo = hi = head.i
    while lo - 1 in by_i:
        lo -= 1
    while hi + 1 in by_i:
        hi += 1
    return [t for t in toks if lo <= t.i <= hi]


def speaker_label(head, time_words: frozenset[str]) -> str | None:
    """A name for a speaker the gazetteer does not know, from its noun phrase ("health workers", "one fleeing
    witness"); None for a pronoun, a number or a time ("Sunday said" is a misparse, not a speaker)."""
    if head.pos_ in ("PRON", "NUM") or head.like_num or head.lower_ in time_words or head.lemma_.lower() in time_words:
        return None
    if any(c.dep_ == "nummod" and not (c.is_alpha and _small(c.text)) for c in head.children):
        # "1,612 fatalities, accounting for ...": a count, not a speaker (but "one witness", "two witnesses said" speak)
        return None
    mods = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod") and t.i >= head.i - 4]
    # and the modifiers' own: "civil" of "Gaza's civil defence agency"
    toks = mods + [c for t in mods for c in t.lefts if c.dep_ in ("compound", "amod") and c.i >= head.i - 4] + [head]
    # a plural possessive inside a name: "Peoples' Democratic Party", "Workers' Union"
    toks += [u for t in head.lefts if t.dep_ == "poss" and t.pos_ == "PROPN" and head.pos_ == "PROPN"
             for u in (t, *t.children) if u.dep_ in ("poss", "case") and u.text in (t.text, "'")]
    # an office named by its holder: "the local governor's office", "the army's press office"
    toks += [u for t in head.lefts if t.dep_ == "poss" and t.pos_ in ("NOUN", "PROPN") and head.pos_ == "NOUN"
             for u in t.subtree if u.dep_ in ("poss", "case", "amod", "compound") and u.i >= head.i - 5]
    # a hyphenated modifier keeps its first part: "Houthi-run media", "rebel-controlled news agency"
    toks += [h for t in toks if t.i != head.i for h in _hyphened_parts(t)]
    toks = [t for t in toks if t.pos_ not in ("DET", "NUM") and (t.pos_ != "PUNCT" or t.text == "-")]
    toks = _contiguous_run(sorted(set(toks), key=lambda t: t.i), head)
    if toks and toks[0].text == "-":
        toks = toks[1:]
    label = head.doc.text[toks[0].idx:head.idx + len(head)].strip() if toks else ""
    return label or None


def _hyphened_parts(tok):
    """The tokens joined to ``tok`` by hyphens without spaces ("Houthi", "-" of "Houthi-run")."""
    doc, out, i = tok.doc, [], tok.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        out += [doc[i - 1], doc[i - 2]]
        i -= 2
    return out


_NOMINAL = frozenset(("NOUN", "PROPN", "ADJ"))


@dataclass(frozen=True)
class Counted:
    """What a figure counts according to the parse: the noun phrase and what happened to it."""

    noun: str  # "civilians", "number of dead", "" when the figure stands alone ("killing three")
    outcome: str  # an outcome form ("killed", "injured"), "" when the parse shows none
    predicate: bool = False  # the noun is what the figure is said to be ("14 of the dead were children")
    part: bool = False  # a part of a count said to be something ("60 of the fatalities were under five")
    befell: str = ""  # the outcome of the figure's own verb, with no noun of its own ("14 of the wounded later died")
    by_word: str = ""  # the outcome whose sufferers the figure's noun are ("the death of seven workers", "13 suspects were killed")
    among_dead: bool = False  # a part of the dead told before, named as its verb's subject ("the dead included 412 civilians")
    proper: bool = False  # the counted noun is a proper noun, a people's name ("215 Georgians", "70 Meitei")


def counted(doc, start: int, end: int, outcomes: dict[str, str]) -> Counted | None:
    """Link the figure at [start, end) to the noun it counts and the event above it:
    "slaughtering 223 civilians", "the execution of 300", "killing three and wounding seven",
    "1,486 are believed to be civilians", "put the number of dead at 100"."""
    tok = figure_token(doc, start, end)
    if tok is None:
        return None
    # a number opening a sentence ("Thirty rebels were ...") is often parsed as a compound of its noun
    counts_head = tok.dep_ in ("nummod", "quantmod") or (tok.dep_ == "compound" and (tok.pos_ == "NUM" or tok.like_num))
    noun = tok.head if counts_head and tok.head.pos_ in _NOMINAL else tok
    # a shared noun left out of the first conjunct: "22 US and five Iraqi troops" (22 counts "troops")
    # (not a people's plural name, counted itself: "2.5 million Koreans, civilians and soldiers")
    if noun.i != tok.i and noun.pos_ == "PROPN" and noun.tag_ != "NNPS":
        noun = next((c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"), noun)
    # ... or of the second: "two Israeli and three Palestinian civilians" (three counts "civilians")
    if noun.i == tok.i and tok.dep_ == "conj" and tok.head.pos_ in ("NUM", "ADJ") and tok.head.head.pos_ == "NOUN":
        noun = tok.head.head
    # "40 others were wounded", "12 more died": no noun of their own (the figures before give the population)
    phrase = _noun_text(noun) if noun.i != tok.i and noun.lemma_.lower() not in ("other", "more") else ""
    if noun.i != tok.i and noun.lemma_.lower() == "member":
        # "17 members of one family", "100 members of other armed groups": whose members they are
        # decides who they were ("family members", "armed group members")
        whose = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"), None)
        if whose is not None:
            mods = [t.lower_ for t in whose.lefts if t.dep_ in ("amod", "compound") and t.pos_ != "DET"][-1:]
            phrase = " ".join([*mods, whose.lemma_.lower(), "members"])
    outcome = outcomes.get(noun.lemma_.lower(), "") if noun.i != tok.i else _partitive_outcome(tok, outcomes)
    if not outcome and noun.i != tok.i:
        # "30,057 victims of intentional homicide": what befell them
        outcome = next((outcomes[p.lemma_.lower()] for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in outcomes), "")
    by_word = ""
    if outcome and noun.i != tok.i:
        # "47 bodies of the enemy", "12 deaths of children", "297 deaths and 371 injuries among civilians": whose
        # the dead are
        whom = _counted_of(noun, outcomes) or _counted_among(noun, outcomes)
        phrase = _noun_text(whom) if whom is not None else phrase
        if whom is None and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB" and not any(
                c.dep_ in ("amod", "compound") for c in noun.children):
            # "put the civilian toll from the blast at four dead": the bare dead are those the verb's object names
            told = next((c for c in noun.head.head.children if c.dep_ == "dobj" and c.lemma_.lower() in outcomes
                         and any(m.dep_ in ("amod", "compound") for m in c.children)), None)
            phrase = " ".join(t.text for t in told.subtree if t.dep_ != "det" and not _under_other_prep(t, told)) if told is not None else phrase
    if not outcome:
        # "were killed and 15 others injured", "232 were killed and 1,343 injured": the participle after the noun
        # (or the bare number) is its own outcome, not the verb above
        outcome = next((outcomes[c.lemma_.lower()] for c in noun.children
                        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in outcomes), "")
    node = noun
    outcome_word = ""
    among_dead = False
    for _ in range(8):  # (a prepositional phrase before the subject adds steps: "According to X at Y in Z, 12 civilians")
        if outcome or node.head.i == node.i:
            break
        if (node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ in _NOMINAL
                and node.head.head.lemma_.lower() not in outcomes and node.head.head.lemma_.lower() not in _words("countHeads")):
            break  # what a noun is made of is not what befell it ("a warren of homes of 9,000 residents")
        if node.lemma_ == "be" and node.pos_ == "AUX" and any(c.dep_ == "acomp" for c in node.children):
            break  # the figure's own predicate: "12 other residents were still unaccounted for"
        came_from, node = node, node.head
        outcome = outcomes.get(node.lemma_.lower(), "")
        outcome_word = node.lemma_.lower() if outcome else ""
        if outcome and noun.head.dep_ == "prep" and noun.head.lower_ == "of" and node.i == noun.head.head.i:
            by_word = node.lemma_.lower()  # "the death of seven workers": an outcome noun whose victims the figure counts
        elif (outcome and noun.i != tok.i and noun.tag_ == "NNS" and not _listed(noun)
              and came_from.dep_ in (*SUBJECTS, "dobj") and node.pos_ == "VERB" and (
                came_from.i == noun.i or (came_from.lemma_.lower() in _words("countHeads") and noun.head.head.i == came_from.i))):
            # "Thirteen suspects were killed", "a total of 4,279 drug personalities died": the verb's own sufferers,
            # whoever they were (not one of a list, whose parts a breakdown names)
            by_word = node.lemma_.lower()
        if not outcome and node.pos_ in ("VERB", "AUX"):
            # "put the number of dead at 100": the verb's object names what the figure is
            # (not a clause joined to it: "counted eleven bodies, and at least two of them were children")
            for c in (node.children if came_from.dep_ != "conj" else ()):
                if c.dep_ == "dobj" and c.i != noun.i and any(outcomes.get(t.lemma_.lower()) for t in c.subtree):
                    whom = _counted_of(c, outcomes)
                    # (the object's own words, not what hangs off it: "put the civilian toll from the blast at four")
                    phrase = phrase or (_noun_text(whom) if whom is not None else " ".join(
                        t.text for t in c.subtree if t.dep_ != "det" and not _under_other_prep(t, c)))
                    outcome = next(outcomes[t.lemma_.lower()] for t in c.subtree if t.lemma_.lower() in outcomes)
            # ... or the dead, or a number of them, as its subject: "the dead included 7 soldiers and 3 police
            # officers", "the number of martyrs has reached 27"
            # (a copula's subject is left to the surface cues: "the toll was 71: 66 soldiers, ...")
            # ("the 41 dead were made up of 33 civilians and eight soldiers": a passive's bare subject too, not one
            # that names its own population, "non-combatant deaths were estimated at 64")
            subjects = [c for c in node.children if c.i != noun.i and (c.dep_ == "nsubj" or (
                c.dep_ == "nsubjpass" and not any(m.dep_ in ("amod", "compound") for m in c.children)))] if node.pos_ == "VERB" else []
            dead = [c for c in subjects if c.lemma_.lower() in outcomes] or [
                q for c in subjects if c.lemma_.lower() == "number"
                for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                for q in p.children if q.dep_ == "pobj" and q.lemma_.lower() in outcomes]
            if dead and not outcome:
                # ("the death toll among militants has passed 400": the militants')
                whom = _counted_among(dead[0], outcomes)
                phrase = phrase or (_noun_text(whom) if whom is not None else f"number of {dead[0].text}")
                outcome = outcomes[dead[0].lemma_.lower()]
                among_dead = node.lemma_.lower() == "include" and any(c.dep_ == "det" and c.lower_ in ("the", "those")
                                                                      for c in dead[0].children)
            if not outcome and node.lemma_ == "be":
                # "11 civilians, including four women, were among the dead / among those killed"
                among = [t for p in node.children if p.dep_ == "prep" and p.lower_ == "among"
                         for t in p.subtree if t.lemma_.lower() in outcomes]
                # ... or "587 people were victims of intentional homicide": what they were victims of
                among = among or [p for c in node.children if c.dep_ == "attr" for x in c.children
                                  if x.dep_ == "prep" and x.lower_ == "of"
                                  for p in x.children if p.dep_ == "pobj" and p.lemma_.lower() in outcomes]
                outcome = outcomes[among[0].lemma_.lower()] if among else ""
                # ... or what they were: "21 villagers, including 13 children, were dead"
                outcome = outcome or next((outcomes[c.lemma_.lower()] for c in node.children if c.dep_ == "acomp"
                                           and c.lemma_.lower() in outcomes and came_from.dep_ in SUBJECTS), "")
            if node.pos_ == "VERB" and not outcome and node.dep_ != "prep" and not _time_clause(node):
                break  # the figure's own clause has another predicate: "hit 3 targets", "arrested 40"
                # ("including" is a preposition the tagger calls a verb; "bringing the toll since the war began
                # in 2023 to 52,908": the parser may hang the figure on the clause that dates the one above)
    if outcome and node.pos_ == "VERB" and node.dep_ == "conj" and node.head.lemma_.lower() in outcomes and any(
            c.dep_ == "cc" and c.lower_ == "or" for c in node.head.children):
        outcome = ""  # "had killed or wounded 1,200 troops": one or the other, no count of either
    if not phrase and outcome and node.dep_ == "acl" and node.head.pos_ == "NOUN":
        # "put the number of farmers killed at 19" (the figure hangs off "killed"): whom the count names, or those
        # the participle is said of when the parser hangs it on them ("the number of civilians killed ... at 2,319")
        whom = _counted_of(node.head, outcomes)
        if whom is None and node.head.tag_ == "NNS" and node.head.lemma_.lower() not in outcomes:
            whom = node.head
        phrase = _noun_text(whom) if whom is not None else ""
    elif (not phrase and outcome and node.pos_ == "VERB" and node.i > 0 and (left := doc[node.i - 1]).dep_ == "pobj"
          and left.tag_ == "NNS" and left.head.lower_ == "of" and left.head.head.lemma_.lower() in _words("countHeads")):
        # ... where the parser hangs the participle on the clause instead ("raising the number of servicemen killed
        # to 81")
        phrase = _noun_text(left)
    predicate = False
    if not phrase:
        pred = _predicate_noun(noun)
        if pred is not None:
            phrase, predicate = _noun_text(pred), True
            if not outcome:
                # an elliptical figure ("330 as combatants") takes the outcome of its sentence
                outcome = next((outcomes[t.lemma_.lower()] for t in reversed(list(doc[:tok.i]))
                                if t.lemma_.lower() in outcomes), "")
    if not phrase and noun.i == tok.i:
        # "17 of our fighters were martyred": the part counts what the whole is made of
        whole = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
        if whole is not None and whole.lemma_.lower() not in outcomes:
            phrase = _noun_text(whole)
            if outcome_word and any(c.dep_ == "poss" and c.lower_ in ("our", "their", "its", "his", "her") for c in whole.children):
                by_word = outcome_word  # "280 of our colleagues had been killed": people, whoever they were to the speaker
    if not phrase and outcome and noun.i == tok.i and tok.dep_ == "dobj":
        whom = _victims_of_the_act(tok.head)
        phrase = _noun_text(whom) if whom is not None else ""
    if not phrase and not outcome:
        return None
    # a part of the wounded that died, or "killed 41 people and wounded 137": the figure's own verb says what it
    # counts, not the whole it is part of or words further on
    befell = outcomes.get(tok.head.lemma_.lower(), "") if noun.i == tok.i and (tok.dep_ in SUBJECTS or tok.dep_ == "dobj") else ""
    if befell and any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in outcomes for c in tok.children):
        befell = outcome  # its own participle, not the noun the parser made it the subject of ("1,343 injured ..., the toll")
    # a part of a count: "14 of the dead were children", "300 of those killed were not involved in hostilities" (not
    # "14 of the wounded died": a verb of an outcome tells what befell the part)
    # ... or of the ones just told: "one of those was a man who had died of a heart attack")
    part = noun.i == tok.i and tok.dep_ in SUBJECTS and (
        ((tok.head.lemma_ == "be" or tok.head.lemma_.lower() not in outcomes) and bool(_partitive_outcome(tok, outcomes)))
        or (tok.head.lemma_ == "be" and _of_the_told(tok)))
    # (a name a number counts is a people's: "215 Georgians have been killed", "more than 70 Meitei"; not a name
    # the number only modifies, "22 US and five Iraqi troops", handled above)
    # (not in a headline's capitals: "Air strike kills at least 2 dozen Taliban", "RESCUE 97 KIDNAPPED HOSTAGES")
    proper = (noun.i != tok.i and noun.text[:1].isupper() and not noun.is_sent_start and noun.tag_ in ("NNP", "NNPS", "NNS")
              and not any(c.dep_ in ("compound", "amod") and c.text[:1].isupper() for c in noun.children)
              and not _capitalised(noun.sent))
    return Counted(phrase, outcome, predicate, part=part, befell=befell, by_word=by_word, among_dead=among_dead,
                   proper=proper)


def _capitalised(sent) -> bool:
    """Whether most words of ``sent`` are capitalised (a headline's title case or capitals)."""
    words = [t for t in sent if t.is_alpha]
    return 2 * sum(t.text[:1].isupper() for t in words) > len(words)


def denied_counts(doc, outcomes: dict[str, str], denials: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of "any" (or "a single") in a clause a denial governs or its verb negates, whose noun an
    outcome befell: "the army denied that any civilians had been killed", "its fighters did not kill any civilians",
    "had not killed a single civilian" state a count of zero."""
    out = []
    for tok in doc:
        if tok.lower_ == "any" and tok.dep_ == "det":
            noun = tok.head
        elif tok.lower_ == "single" and tok.dep_ == "amod" and any(c.lower_ == "a" and c.dep_ == "det" for c in tok.head.children):
            noun = tok.head
        elif (tok.tag_ == "NNS" and tok.dep_ in ("nsubj", "nsubjpass", "dobj")
              and not any(c.dep_ in ("det", "nummod", "amod", "poss") for c in tok.children)):
            noun = tok  # "denied that civilians had been killed": a bare plural, none of them
        else:
            continue
        verb = noun.head
        if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.lemma_.lower() not in outcomes:
            continue
        if noun.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in verb.children):
            continue  # the doer: "saying troops had neutralized seven terrorists"
        negated = any(c.dep_ == "neg" for c in verb.children)
        if noun is tok and noun.dep_ == "dobj" and not negated:
            continue  # ("denied that its troops killed civilians": whom, not how many)
        if negated:
            out.append((tok.idx, tok.idx + len(tok.text)) if tok is not noun else (tok.idx, tok.idx))
            continue
        node = verb
        for _ in range(3):  # denied -> (that) killed
            if node.head.i == node.i:
                break
            node = node.head
            if node.lemma_.lower() in denials:
                out.append((tok.idx, tok.idx + len(tok.text)) if tok is not noun else (tok.idx, tok.idx))
                break
    return out


def none_reported(doc, start: int, end: int, verbs: frozenset[str]) -> bool:
    """Whether the zero at [start, end) counts what a passive report with no one reporting it found none of: "No
    deaths were reported" (as "there were no reports of casualties"; not "the ministry reported no deaths")."""
    tok = figure_token(doc, start, end)
    noun = tok.head if tok is not None and tok.dep_ in ("det", "nummod", "quantmod") else tok
    if noun is None or noun.dep_ != "nsubjpass":
        return False
    verb = noun.head
    return verb.lemma_.lower() in verbs and _agent(verb) is None


def _counted_noun(doc, start: int, end: int):
    """The token of what the figure at [start, end) counts: the noun it modifies ("30 bodies"), else the figure
    itself ("killing three"); None when the parse has no token there."""
    tok = figure_token(doc, start, end)
    if tok is None:
        return None
    return tok.head if tok.dep_ in ("nummod", "quantmod") else tok


def sufferer(doc, start: int, end: int, verbs: frozenset[str] | None = None) -> str:
    """Who the figure's noun befell, as the subject of the verb it is the object of: "North Korean troops had suffered
    about 3,000 casualties" -> "North Korean troops" ("" when no such subject, or the verb is not one of ``verbs``)."""
    noun = _counted_noun(doc, start, end)
    if noun is None:
        return ""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB" or (verbs is not None and verb.lemma_.lower() not in verbs):
        return ""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return _noun_text(subject) if subject is not None and subject.pos_ == "NOUN" else ""


def counts_losses(doc, start: int, end: int) -> bool:
    """Whether the figure counts a force's "losses" (plural: its dead and wounded, as military briefings use the word):
    "the enemy's losses amounted to up to 340 servicemen", "inflicted losses of up to 300 servicemen" (not "the loss of
    nine soldiers who fell")."""
    tok = figure_token(doc, start, end)
    node = tok
    for _ in range(4):
        if node is None or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() == "loss" and node.tag_ == "NNS":
            return True
        if node.pos_ in ("VERB", "AUX"):
            return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() == "loss" and c.tag_ == "NNS"
                       for c in node.children)
    return False


def counts_a_places_people(doc, start: int, end: int, place_nouns: frozenset[str], outcomes: dict[str, str],
                           places: frozenset[str] = frozenset()) -> bool:
    """Whether the number at [start, end) counts those a place is made of, not those struck: "raided
    Mbengfem, a village of about 1,200 people, killing nine civilians", "a camp of 20,000 displaced", "the
    factory, which employs around 40 workers", "home to 3 percent of Iran's 85 million people" (``places``: the
    gazetteer's place names, lower-cased)."""
    noun = _counted_noun(doc, start, end)
    if noun is None:
        return False
    if (noun.lemma_.lower() not in outcomes and noun.head.lemma_.lower() not in outcomes
            and not any(c.lemma_.lower() in outcomes for c in noun.children)
            and any(c.dep_ == "poss" and (c.text.lower() in places or c.lemma_.lower() in place_nouns or c.lemma_.lower() == "country")
                    for c in noun.children)):
        return True  # "home to only 3 percent of Iran's 85 million people", "the city's 300,000 residents"
    if noun.dep_ == "dobj" and noun.head.dep_ == "relcl":
        verb = noun.head  # (a place's relative clause whose act befalls no one: "which employs", "that houses")
        return (verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() in place_nouns and verb.lemma_.lower() not in outcomes
                and any(c.dep_ == "nsubj" and c.tag_ == "WDT" for c in verb.children))
    return (noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN"
            and noun.head.head.lemma_.lower() in place_nouns)


def describes_a_name(doc, start: int, end: int) -> bool:
    """Whether the number at [start, end) says what a named body is, not how many were struck: "the
    Amhara Fano National Movement, one of several militias fighting ..."."""
    tok = figure_token(doc, start, end)
    return (tok is not None and tok.dep_ == "appos" and tok.head.pos_ == "PROPN"
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children))


def verb_through_of(doc, start: int, end: int) -> str | None:
    """The verb whose object the figure's noun belongs to through "of": "completed its assessment of 42 reports"
    -> "completed" (what was done to the reports), else None."""
    noun = _counted_noun(doc, start, end)
    if noun is None:
        return None
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of" or of.head.dep_ != "dobj" or of.head.head.pos_ != "VERB":
        return None
    return of.head.head.text


def is_difference(doc, start: int, end: int) -> bool:
    """Whether the number at [start, end) is how many more or fewer than another count ("at least 5,601 ... in 2024,
    more than 1,000 more than the year before"), not a count."""
    tok = figure_token(doc, start, end)
    return (tok is not None and tok.dep_ == "npadvmod" and tok.head.lower_ in ("more", "fewer", "less")
            and any(c.lower_ == "than" for c in tok.head.children))


def noun_past_modifiers(doc, start: int, end: int) -> str | None:
    """The noun a figure counts through the parse, past the modifiers and coordinated modifiers written between them
    ("330 US air and naval strikes", "2,300 artillery and air strikes", "412 artillery, drone and air strikes")."""
    tok = figure_token(doc, start, end)
    if tok is None or tok.dep_ != "nummod":
        return None
    node = tok.head
    for _ in range(3):
        if node.dep_ in ("nmod", "compound", "amod") and node.head.pos_ == "NOUN" and node.head.i > node.i:
            node = node.head
    plural = next((c for c in node.children if c.dep_ == "conj" and c.tag_ == "NNS"), None)
    if node.tag_ != "NNS" and plural is not None:
        node = plural  # "412 artillery, drone and air strikes": the parser heads the list with its first word
    return node.text if node.pos_ == "NOUN" else None


def counts_a_long_event(doc, start: int, end: int) -> bool:
    """Whether the figure's clause counts a long event as a whole: "civilians died in the battle", "killed during the
    siege" (not one attack's toll)."""
    verb = _clause_verb(doc, start, end)
    if verb is None:
        return False
    return any(p.lemma_.lower() in _words("longEvents") and any(d.dep_ in ("det", "poss") for d in p.children)
               for p in _prep_objects(verb, ("in", "during", "throughout", "over")))


def counts_a_told_event(doc, start: int, end: int, event_words: frozenset[str]) -> bool:
    """Whether the figure's clause counts the dead of an event told before it, named with a definite article: "In the
    clashes, 37 terrorists were killed", "died in that attack" (not "in clashes across the region")."""
    verb = _clause_verb(doc, start, end)
    if verb is None:
        return False
    return any(p.pos_ == "NOUN" and p.lemma_.lower() in event_words
               and any(d.dep_ == "det" and d.lower_ in ("the", "that", "this", "these", "those") for d in p.children)
               for p in _prep_objects(verb, ("in", "during", "from")))


def dead_of_a_non_violent_cause(doc, start: int, end: int) -> bool:
    """Whether the figure's clause counts the dead of disease, hunger or disaster: "cholera has killed 18 people",
    "12 children died of malnutrition" (ontology lexicon nonViolentCauses)."""
    verb = _clause_verb(doc, start, end)
    if verb is None:
        return False
    causes = _words("nonViolentCauses")
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in causes for c in verb.children):
        return True
    return any(p.lemma_.lower() in causes for p in _prep_objects(verb, ("of", "from")))


def of_those_told(doc, start: int, end: int) -> bool:
    """Whether the figure at characters [start, end) is "N of them" / "N of whom": a part of the people just counted."""
    tok = figure_token(doc, start, end)
    return tok is not None and _of_the_told(tok)


def _of_the_told(tok) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        p.dep_ == "pobj" and p.lower_ in ("them", "whom", "those", "these") for p in c.children) for c in tok.children)


def is_retracted(doc, start: int, end: int) -> bool:
    """Whether the figure at [start, end) is what a correction says the story got wrong: "An earlier version of this story
    said the army reported 61 deaths" (the version is the subject of the verb that says it), "58 people were killed, not
    85"."""
    node = figure_token(doc, start, end)
    if node is not None and node.i > 0 and any(c.dep_ == "neg" for c in node.children) and doc[node.i - 1].lower_ == "not" \
            and node.i > 1 and doc[node.i - 2].text == ",":
        return True  # "Fifty-eight people were killed, not 85": the figure the correction denies
    for _ in range(6):
        if node is None or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" and c.lemma_.lower() == "version" for c in node.children):
            return True
    return False


def is_held(doc, start: int, end: int) -> bool:
    """Whether the number at [start, end) counts what someone has or keeps ("the United States, which has some 14,000
    troops in the country", "deployed 1,000 soldiers"), not people an event befell."""
    noun = _counted_noun(doc, start, end)
    if noun is None:
        return False
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in _words("holdingVerbs")


def is_ratio(doc, start: int, end: int) -> bool:
    """Whether the number at [start, end) is the whole of a ratio ("one Iraqi in 40", "one in five
    children", "1 in 10"), not a count. The parser hangs these words in several ways; their order is
    what they share."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start < 2 or doc[span.start - 1].lower_ != "in":
        return False
    return any(t.lower_ in ("one", "1") for t in doc[max(0, span.start - 3):span.start - 1])


def is_agent(doc, start: int, end: int, outcomes: dict[str, str]) -> bool:
    """Whether the figure at [start, end) counts the doers of its clause, whose outcome verb has victims
    of its own: "100 soldiers went door to door, killing 44 people" (the 100 killed; they were not killed)."""
    noun = _counted_noun(doc, start, end)
    if noun is None:
        return False
    if noun.dep_ != "nsubj":
        return False
    if noun.head.lemma_.lower() in outcomes:
        # "three soldiers and a vigilante group had killed 13 civilians": the subject of an act with victims of
        # its own (not "Three soldiers killed in ambush", a headline's passive)
        verb = noun.head
        active = verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        return active and outcomes[verb.lemma_.lower()] in ("killed", "injured") and any(
            c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() != "life" and not any(p.dep_ == "poss" for p in c.children)
            and not any(t.is_punct for t in verb.doc[verb.i + 1:c.i])  # (an object across a dash is a misparse)
            for c in verb.children)
    # a killing later in the sentence with victims but no subject of its own shares this subject (the
    # parser may hang it off another clause: "went door to door, ordered people out and opened fire, killing 44")
    return any(t.lemma_.lower() in outcomes and t.pos_ == "VERB" and any(c.dep_ == "dobj" for c in t.children)
               and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
               for t in doc[noun.i + 1:noun.sent.end])


def _victims_of_the_act(verb):
    """Whom a subjectless participle's act struck: "hit a car carrying civilians, killing three" (three of the
    civilians); the people the act was done to, not those who did it. None when the act names no people."""
    while verb.dep_ == "conj":  # "killing three and wounding seven"
        verb = verb.head
    if verb.dep_ != "advcl" or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    objects = [c for c in verb.head.children if c.dep_ == "dobj"] + [
        p for c in verb.head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return next((t for o in objects for t in o.subtree if t.tag_ == "NNS" and t.i < verb.i), None)


def _counted_of(count, outcomes: dict[str, str]):
    """Who a count names: "the number of farmers (killed)" -> farmers; none for "the number of dead"."""
    return next((p for x in count.children if x.dep_ == "prep" and x.lower_ == "of"
                 for p in x.children if p.dep_ == "pobj" and p.pos_ == "NOUN" and p.lemma_.lower() not in outcomes), None)


def _counted_among(count, outcomes: dict[str, str]):
    """Among whom a count of dead or hurt fell: "deaths among civilians", "297 deaths and 371 injuries among
    civilians" (the phrase hangs on the last of the joined counts)."""
    # (the parser may hang the phrase on the verb whose object the count is: "documented 297 deaths ... among civilians")
    verb = (count.head,) if count.dep_ == "dobj" else ()
    for noun in (count, *(c for c in count.children if c.dep_ == "conj" and c.lemma_.lower() in outcomes), *verb):
        whom = next((p for x in noun.children if x.dep_ == "prep" and x.lower_ == "among"
                     for p in x.children if p.dep_ == "pobj" and p.pos_ == "NOUN" and p.lemma_.lower() not in outcomes), None)
        if whom is not None:
            return whom
    return None


def wounded_who_died(doc, start: int, end: int, outcomes: dict[str, str]) -> bool:
    """Whether the figure counts some of the wounded told before who then died ("Two of the injured died in hospital
    in the evening"): after a death toll, a change between the counts already given, not a count of its own
    ("1,315 wounded, 226 of whom died" is the hospital's count of its dead)."""
    tok = figure_token(doc, start, end)
    if tok is None or tok.dep_ not in SUBJECTS or outcomes.get(tok.head.lemma_.lower()) != "killed":
        return False
    return any(p.dep_ == "pobj" and outcomes.get(p.lemma_.lower()) == "injured"
               and any(d.dep_ == "det" and d.lower_ in ("the", "those") for d in p.children)
               for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children)


def _partitive_outcome(tok, outcomes: dict[str, str]) -> str:
    """The outcome of "14 of the dead", "60 of the fatalities", "61 of those killed"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if p.lemma_.lower() in outcomes:
                    return outcomes[p.lemma_.lower()]
                told = next((a for a in p.children if a.dep_ in ("acl", "relcl") and a.lemma_.lower() in outcomes), None)
                if p.lower_ == "those" and told is not None:
                    return outcomes[told.lemma_.lower()]
                # "five of the seven dead": the whole's number, with the outcome as its modifier
                dead = next((a for a in p.children if a.dep_ in ("amod", "acl") and a.lemma_.lower() in outcomes), None)
                if p.like_num and dead is not None:
                    return outcomes[dead.lemma_.lower()]
    return ""


def _predicate_noun(noun):
    """The noun a bare figure is said to be: "1,486 are civilians", "are believed to be civilians", "330 as combatants"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    if noun.dep_ not in SUBJECTS:
        return None
    verb = noun.head
    for _ in range(3):
        for c in verb.children:
            if c.dep_ in ("attr", "oprd") and c.pos_ in _NOMINAL:
                return c
            if c.dep_ == "prep" and c.lower_ == "as":
                return next((p for p in c.children if p.dep_ == "pobj"), None)
        xcomp = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
        if xcomp is None:
            return None
        verb = xcomp
    return None


def _under_other_prep(tok, top) -> bool:
    """Whether ``tok`` hangs off ``top`` through a preposition other than "of" ("the toll from the blast")."""
    while tok.i != top.i:
        if tok.dep_ == "prep" and tok.lower_ != "of":
            return True
        tok = tok.head
    return False


def _noun_text(noun) -> str:
    toks = [t for t in noun.lefts if t.dep_ in ("compound", "amod") and t.i >= noun.i - 3] + [noun]
    return " ".join(t.text for t in _contiguous_run(sorted(toks, key=lambda t: t.i), noun))


_CLAUSE_HEADS = frozenset(("ROOT", "advcl", "ccomp", "relcl", "pcomp", "parataxis"))


def next_predicate_start(doc, start: int, end: int) -> int | None:
    """Where a verb conjoined after the figure's own verb begins, with its "and": the words from there are
    another predicate's ("received 31 new reports ... and completed its assessment of 42 reports": what
    was completed is not the 31). None when the figure's verb has no such verb after it."""
    tok = figure_token(doc, start, end)
    counted_noun = tok.head if tok is not None and tok.dep_ == "nummod" else tok
    if counted_noun is None or counted_noun.dep_ != "dobj":
        return None  # only the object of a verb: a subject's verb comes after it
    node = counted_noun.head
    later = [c for c in node.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.idx >= end
             and any(o.dep_ in ("dobj", "prep") for o in c.children)]
    if not later:
        return None
    verb = min(later, key=lambda c: c.i)
    joint = [c for c in node.children if c.dep_ == "cc" and end <= c.idx < verb.idx]
    return (joint[0] if joint else verb).idx


def clause_of(doc, start: int, end: int) -> int | None:
    """The head of the smallest clause holding the words at characters [start, end): conjoined verbs share a
    clause ("31 were killed and 66 injured in September"); "compared with 24 killed and 58 injured in August"
    is a clause of its own."""
    tok = figure_token(doc, start, end)
    while tok is not None:
        if ((tok.dep_ in _CLAUSE_HEADS and not _time_clause(tok)) or (tok.dep_ == "prep" and tok.pos_ == "VERB")
                or tok.head.i == tok.i
                # (a conjoined verb with a subject of its own: "63 were killed last month, and 219 have been killed
                # since January")
                # (not an elliptic one: "compared with 24 killed and 58 injured in August")
                or (tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
                    and any(c.dep_ in ("aux", "auxpass") for c in tok.children))):
            return tok.i
        tok = tok.head  # (a clause that dates the one above, "since its campaign began in 2014", is part of it)
    return None


_TIME_MARKS = frozenset(("since", "after", "before", "until", "till", "when", "while", "as"))


def _time_clause(verb) -> bool:
    """Whether ``verb`` heads a clause that dates the one above ("when the group shelled the town in August"), not one
    that sets another statement beside it ("while the bureau has put the number killed since July 2021 at 2,319")."""
    marks = [c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_MARKS]
    if verb.dep_ != "advcl" or not marks:
        return False
    return not (marks == ["while"] and any(c.dep_ in SUBJECTS for c in verb.children))


def _clause_verb(doc, start: int, end: int):
    """The verb the figure at [start, end) hangs from, its own clause's; None when no verb is above it."""
    verb = figure_token(doc, start, end)
    while verb is not None and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head if verb.head.i != verb.i else None
    return verb


def reporter(doc, verbs: frozenset[str], nouns: frozenset[str], outcomes: dict[str, str]) -> Speaker | None:
    """Who the first reporting verb of a sentence without figures names as reporting ("Deaths recorded by the
    provincial health office, by territory:", the line over a table): a passive agent, else the first one's subject
    (not the noun a participle describes: "Curfews declared in Cizre and civilian deaths recorded by TIHDC" is TIHDC's;
    "Deaths recorded in the three basements" names no one)."""
    subject = None
    for t in doc:
        if t.lemma_.lower() in verbs and t.pos_ == "VERB":
            agent = _agent(t)
            if agent is not None:
                return _speaker(agent, "passive-agent" if agent.dep_ == "pobj" else "speech", nouns, verbs)
            if subject is None and t.dep_ != "acl":
                subject = _subject(t)
                if subject is not None and subject.lemma_.lower() in outcomes:
                    subject = None  # (a title's "Deaths recorded in ...": what is counted, not who counts)
    return _speaker(subject, "speech", nouns, verbs) if subject is not None else None


def _clause_subject(doc, start: int, end: int):
    """The subject of the clause the figure at [start, end) belongs to, or None."""
    verb = _clause_verb(doc, start, end)
    return _subject(verb) if verb is not None else None


def first_person_says(doc, start: int, end: int) -> bool:
    """Whether the figure at [start, end) is in a clause whose subject is "I" or "we" ("I found 412 conflict deaths")."""
    subject = _clause_subject(doc, start, end)
    return subject is not None and subject.lower_ in ("i", "we")


def ours_say(doc, start: int, end: int) -> bool:
    """Whether the figure at [start, end) is in a clause whose subject is "our" people ("Our medical teams treated 34
    wounded", "our correspondent counted 40 bodies")."""
    subject = _clause_subject(doc, start, end)
    return subject is not None and any(c.dep_ == "poss" and c.lower_ == "our" for c in subject.children)


def subject_span(doc, start: int, end: int, outcomes: dict[str, str] | frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Characters of the subject of the clause the figure at [start, end) belongs to ("AFRICOM has carried
    out 189 strikes": AFRICOM; "Before they were repelled, the terrorists killed 5": the terrorists); None
    when the parse gives the clause no subject."""
    verb = _clause_verb(doc, start, end)
    subject = _subject(verb) if verb is not None else None
    if subject is None:
        noun = _counted_noun(doc, start, end)
        if (verb is not None and noun is not None and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == verb.i
                and verb.dep_ in ("relcl", "acl", "advcl") and any(c.lower_ in ("when", "where") for c in verb.children)):
            # "It was the deadliest attack since March 2020, when 98 soldiers were killed at Boma": the figure is the
            # subject of a clause about a time or thing, whose sentence's subject says nothing
            return (0, 0)
        return None
    bereaved = verb.lemma_.lower() == "lose" and not any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children)
    if (verb.lemma_.lower() in outcomes and verb.lemma_.lower() != "bury" and not bereaved and subject.head.i == verb.i
            and subject.dep_ == "nsubj"):
        # "the ADF killed more than 50 civilians": the killers, not a source (no subject speaks); those who buried
        # the dead counted them ("volunteers have buried 40 bodies")
        return (0, 0)
    return subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)


def own_predicate(doc, start: int, end: int) -> str | None:
    """The lemma of the verb whose subject the figure (or the noun it counts) is: "196 people had been
    kidnapped" -> "kidnap"; None when the figure is no verb's subject."""
    noun = _counted_noun(doc, start, end)
    if noun is None:
        return None
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    return noun.head.lemma_.lower()


def doer_of(doc, start: int, end: int) -> str | None:
    """The lemma of the subject of the verb the figure's clause hangs from ("Syria's war has killed more than
    500,000 people" -> "war"); None when the clause has no subject."""
    verb = _clause_verb(doc, start, end)
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    return doer.lemma_.lower() if doer is not None else None


def adds_to_a_statement(doc) -> bool:
    """Whether the sentence goes on with the statement before it: "It added that 11 military personnel had lost
    their lives" (a pronoun that "added")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return root is not None and root.lemma_.lower() == "add" and any(
        c.dep_ == "nsubj" and c.pos_ == "PRON" for c in root.children)


def in_present_perfect(doc, start: int, end: int) -> bool:
    """Whether the figure's clause is in the present perfect ("8,600 civilians have been killed", "the war has
    killed 300"): a running total as it stands, not an event's toll."""
    verb = _clause_verb(doc, start, end)
    if verb is None or not any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in verb.children):
        return False
    # (a lede tells an event in the present perfect too: "A NATO airstrike has killed at least 10 civilians")
    doer = doer_of(doc, start, end)
    return doer is None or doer in _words("ongoingNouns")


def sentence_subject(doc):
    """The subject of a sentence's main verb, whatever comes before it ("The same day, the UN human rights office in
    Geneva posted its update": the office): whom an "it" in the next sentence may mean."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
