"""Attribution stage: who asserts a figure, the original source rather than the outlet.

Source names come from ``ontology/sources.ttl`` (labels, alt labels, kinds). In order:
a possessive governing the figure ("the AAPP's count of over 700"), a passive agent
("20,178 deaths reported by ACLED", "it was announced by X that ..."), a speech act whose
subject precedes the figure ("X said / estimates / found / confirmed ...", "according to X"),
a speech act after it ("..., the report said"), the subject of the clause, the speaker of
the quotation the figure sits in (found before or after it in the paragraph), the source
of the previous figure, and last the outlet itself. Pronouns and short names ("it", "he",
"the report", "the agency", "officials") resolve to the organisation or person in context;
a person resolves to the organisation they speak for ("X, a spokesman for Y").
Sources not in the gazetteer become ``SourceRef(known=False)`` named from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.fastre import guard
from kg.extract.phrases import PhraseMatcher, lowered, tokens
from kg.extract.sentences import title_case
from kg.extract.syntax import Speaker, sentence_subject, speaker_label
from kg.model import SourceRef
from kg.vocab import Vocabulary

SPEECH = (
    r"said|says|say|told|tells|estimates|estimated|estimate|assesses|assessed|assess|found|finds|find|confirmed|confirms|"
    r"acknowledged|acknowledges|reported|revealed|reveals|announced|announces|stated|states|added|adds|noted|notes|"
    r"claimed|claims|believes|believe|put|puts|listed|lists|recorded|records|record|determined|determines|concluded|"
    r"showed|shows|suggests|suggest|warned|admitted|admits|verified|documented|counted|wrote|maintains|insisted|stressed|"
    r"explained|declared|affirmed|asserted|specified|disclosed|indicated|indicates|reckons|calculated|tallied|denied|denies|rejected|disputed|disputes|dismissed|"
    r"went on to say|has said|have said"
)

SPEECH_WORDS = frozenset(w for w in SPEECH.split("|") if " " not in w)
_COUNTRY_POSSESSIVE = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:'s|\u2019s)\s+$")
_COUNTRY_BEFORE = re.compile(r"\b((?!The\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+$")
_PRONOUNS = frozenset("he she it they its their his her officials researchers".split())
_ANAPHOR_NOUNS = frozenset(
    """report statement study research summary document announcement analysis agency group organization organisation mission command
    council investigation probe survey assessment findings researchers authors military regime ministry government office monitor charity
    authorities army officials spokesman spokeswoman spokesperson data figures release review tally count database project body team
    governor mayor minister president commander official chief head director general communique communiqué bulletin brief briefing
    update network observatory commission committee institute foundation""".split()
)
# "the group", "the agency": descriptions that fit any body, so they refer to the last one that spoke
_ANY_BODY = frozenset(("group", "organisation", "organization", "agency", "body", "network", "project", "office", "monitor"))
_UNTIL_SPEECH = re.compile(r"\b(?:said|says|told|added|stated|announced|claimed)\b")
_DOCUMENT_NOUNS = frozenset(("figures", "estimates", "tallies", "counts", "statistics"))
# what follows a document noun that is a verb instead ("estimates that", "counts 731", "figures the toll at")
_VERB_AFTER_DOCUMENT = re.compile(r"\s+(?:that\b|at\s+least\b|some\b|about\b|around\b|the\b|an?\b|\d)")
# a role before a name that says whose it is only by context: "its spokesman, Colonel X", "a spokeswoman, X"
_ROLE_BEFORE_NAME = re.compile(
    r"\b(?:(?:[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,2}(?:spokes(?:man|woman|person)|official|commander|director|head|chief|"
    r"officer|representative)|(?:[Aa]n?|[Tt]he)\s+spokes(?:man|woman|person))\s*,?\s*"
    r"(?:the\s+(?:[a-z-]+\s+){0,3})?(?:[A-Z][\w.]*\s+){0,3}$")  # ("Its spokesman, the brigadier general X")
_SPEAKS_NEXT = re.compile(rf"(?:'s)?(?:\s+\S+){{0,3}}?\s+(?:{SPEECH}|published|released|issued)\b")
_ADDED_TO = re.compile(r"\s+to\s+(?!reporters\b|journalists\b)")
_KNOWN_AS = re.compile(r"[^,]{0,25},\s+(?:known\s+as|called)\s+")  # "the UN mission, known as UNMISS"
_SPOKESPEOPLE = frozenset(("spokesman", "spokeswoman", "spokesperson"))
# a transcript's tags for the outlet's own voice
_HOST_TAGS = frozenset(("ANCHOR", "HOST", "PRESENTER", "CORRESPONDENT", "REPORTER", "INTERVIEWER", "MODERATOR", "NARRATOR",
                        "Q", "QUESTION"))


def _titled(name: str) -> str:
    """A name written in capitals, in title case but for its joining words ("Bahrain Centre for Human Rights")."""
    return " ".join(w.lower() if i and w.lower() in ("for", "of", "the", "and", "on", "in") else w.capitalize()
                    for i, w in enumerate(name.split()))


def is_host_tag(tag: str) -> bool:
    """A transcript's tag for the outlet's own voice ("Q", "ANCHOR")."""
    return " ".join(tag.split()).upper() in _HOST_TAGS


_GROUP_TYPES = frozenset(("ngo", "research", "armed-group"))
# "the defence minister", "the minister of communication", lower-cased
# (a rank is no portfolio: "a deputy minister of home affairs" is the home ministry's)
_PORTFOLIO = re.compile(r"(?:the|a|an)\s+(?:(?:then|former|deputy|vice|junior|assistant|acting)\s+)*(?:(?!then\b|former\b|deputy\b|vice\b|junior\b|assistant\b|acting\b)([a-z]+)\s+minister|minister\s+(?:of|for)\s+([a-z]+(?:\s+(?!said\b|told\b|says\b)[a-z]+){0,2}))")
_OF_OFFICE = re.compile(r"\s+(?:of|for)\s+[A-Z][a-z]+\b")
_OFFICE_HOLDERS = frozenset(("governor", "mayor", "commander"))
PERSON_ROLES = frozenset("governor mayor minister president commander official chief head director general spokesman spokeswoman spokesperson".split())

# the nouns of unnamed sources, who are named as written ("local officials", "a local chief"): the mention pattern's
# heads, and the words a sentence must have for it to be tried
_GENERIC_NOUNS = frozenset(
    """official officials spokesman spokeswoman spokesperson eyewitnesses witnesses residents organizations organisations group groups
    monitors activists medics doctors sources authorities researchers investigators analysts experts figures estimates tallies counts
    statistics government military army forces police rebels militants ministry committee teams volunteers rescuers paramedics workers
    chief chiefs elder elders leader leaders survivors villagers""".split()
)

_GENERIC = guard(re.compile(
    r"\b(?:(?:a|an|the|some|local|senior|other|several|many|two|three|unnamed|anonymous)\s+)*"
    r"(?P<mod>(?:(?!(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Some|Other|In|On|At|But|And|While|When|As|[A-Z][a-z]+ing)\b)(?:[A-Z][\w'-]+|[a-z]+-[a-z]+|local|senior|military|government|health|hospital|security|police|medical|humanitarian|"
    r"independent|rights|aid|tribal|provincial|district|city|regional|intelligence|defen[cs]e|activist|opposition|rebel|state|"
    r"monitoring|research|civil|emergency|rescue|village|community|Kurdish|Western|Arab|international)\s+){1,3})"
    rf"(?P<n>{'|'.join(sorted(_GENERIC_NOUNS, key=lambda w: (-len(w), w)))})"
    r"(?:\s+and\s+(?:[a-z]+\s+)?(?:eyewitnesses|witnesses|residents|officials|activists|humanitarian\s+groups|medics))?\b"
))

_TITLES = r"(?:(?:Major|Maj|General|Gen|Brigadier|Brig|Colonel|Col|Lieutenant|Lt|Captain|Capt|Sergeant|Sgt|Admiral|Adm|Dr|Mr|Mrs|Ms|Sir|Dame|Lord|Lady|Baroness|Prof|President|Former|Prime|Minister|Secretary|Spokesman|Spokeswoman|Army|Air|Force|Navy|U\.S\.|US|Interior|Foreign|Defence|Defense|Senator|Sen|Rep)\.?\s+)"
# a name's word, hyphenated parts included ("Al-Amin", "Jean-Pierre", "Abdel-Rahman"), never a bare "Al-"
_NAME_WORD = r"[A-Z\u00c0-\u00de][a-z'\u00df-\u00ff\u0100-\u017f]+(?:-[A-Z]?[a-z'\u00df-\u00ff\u0100-\u017f]+)*"  # (accented Latin letters too: "Ramírez", "Émile")
_PARTICLE = r"(?:al|el|ad|as|ash|bin|ibn|abu|van|von|de|der|den|di|da|le|la|Vanden|Van|Le|La)[\s-]"
# after a title one word is a name ("Mr Al-Amin"); without one, two or three words are
_PERSON = guard(re.compile(
    rf"\b(?:{_TITLES}+(?P<titled>{_NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+(?:{_PARTICLE})?{_NAME_WORD}){{0,2}})"
    rf"|(?P<name>{_NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+(?:{_PARTICLE})?{_NAME_WORD}){{1,2}}))(?![\w-])"
))
_NAME_RUN = re.compile(rf"(?:\s+{_NAME_WORD})+(?![\w-])")
_NAME_WORD_RE = re.compile(_NAME_WORD)
_FUNCTION_WORD = re.compile(r"(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Some|Other|In|On|At|But|And|While|"
                            r"When|As|After|Before|For|From|With|By|Of|If)\b")
_ORG_WORDS = guard(re.compile(
    r"\b(?:Department|Ministry|Forces?|Network|Council|Office|Group|Project|Mission|Command|Army|Agency|Service|Committee|Organi[sz]ation|"
    r"Association|Observatory|Bureau|School|Coalition|Nations|Union|Front|Party|Government|Institute|University|News|Times|Post|Press|Radio|Television|Channel|Broadcasting|Herald|Tribune|Gazette|Journal|"
    r"Watch|International|Security|Support|Emergency|Health|Human|Rights|Islamic|State|Operations?|Headquarters|Task|Joint|Inherent|Resolve|Trust|Foundation|System|"
    r"Presidency|Director|President|Minister|General|Secretary|Chief|Former|Senior|Advisor|Adviser|Spokesman|Crisis|Reuters|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Daesh|ISIS|Taliban|Pentagon|White|House|Kremlin)\b"
))


@lru_cache(maxsize=4)
def _org_patterns(organisation_nouns: frozenset[str]) -> tuple[re.Pattern, re.Pattern]:
    """(a capitalised name ending in an organisation's word, a quick test for one of those words): the
    words come from kg:organisationNouns in the ontology."""
    word = "(?:" + "|".join(sorted((re.escape(w.capitalize()) for w in organisation_nouns), key=len, reverse=True)) + ")"
    name = guard(re.compile(
        # (not a description before the name: "the Islamabad-based Pakistan Institute for ...")
        rf"(?:\b[Tt]he\s+)?(?<![\w-])(?:(?!\w+-based\b)(?:(?:al|el|ad|ar|as|at|an|ash)-)?[A-Z][\w'&.-]*\s+(?:(?:of|for|on|and|&|in)\s+(?:the\s+)?)?){{0,5}}{word}\b"
        # (and one more "of the ...": "Armed Forces of the Democratic Republic of the Congo"; "and" inside: "Institute
        # for Conflict and Security Studies")
        rf"(?:\s+(?:of|for|on|in)\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+(?:and\s+)?[A-Z][\w'-]*){{0,3}}(?:\s+of\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){{0,2}})?)?"
        rf"(?:\s+\([A-Z][A-Za-z-]{{1,9}}\))?"
    ))
    return name, re.compile(rf"{word}\b")


@lru_cache(maxsize=4)
def as_written(label: str) -> SourceRef:
    """A body the gazetteer does not know, by the name the text gives it."""
    return SourceRef(slug(label), label, "Organization", known=False)


def _local_body(organisation_nouns: frozenset[str]) -> re.Pattern:
    """A place's own body written in lower case after its name: "(the) Mykolaiv city military administration",
    "Kandahar provincial health department" (not in any gazetteer; the body as written)."""
    word = "(?:" + "|".join(sorted((re.escape(w) for w in organisation_nouns), key=len, reverse=True)) + ")"
    # (a name may open with an Arabic article: "al-Kindi hospital")
    return re.compile(rf"(?:the\s+)?(?P<body>(?:(?:al|el|ad|an|as|ar)-)?[A-Z][\w'-]+(?:\s+[a-z][\w-]*){{0,3}}\s+{word})\b")


_PREP_BEFORE = guard(re.compile(r"\b(?:of|by|for|from|at|with|to|in|on|against|about|than|like)\s+(?:the\s+)?$", re.I))
_OFFICIALS_AFTER = re.compile(r"(?:'s|\u2019s)?\s+(?:[a-z][\w-]*\s+){0,2}officials\b")
_OFFICIALS_OF = re.compile(r"\bofficials\s+(?:with|of|from|at)\s+(?:the\s+)?$", re.I)
_POSSESSIVE_END = re.compile(r"(?:'s|\u2019s)$")
# up to three words of a body after its owner's possessive, one its common noun: "health ministry", "media office"
_OWNED_WORDS = re.compile(r"\s*([a-z][a-z-]*)\b(?:\s+([a-z][a-z-]*)\b)?(?:\s+([a-z][a-z-]*)\b)?")
# a body's name, then its spokesman's role, right before a name ("Taliban spokesman Zabihullah Mujahid")
_NAMED_ROLE_BEFORE = re.compile(r"(?P<who>[A-Z][\w&.'-]*\s+(?:[\w&.'-]+\s+){0,4})(?:[Ss]pokes(?:man|woman|person)|[Cc]ommander|[Oo]fficial)"
                                r"(?:,\s*)?\s+(?:[A-Z][\w.]*\s+){0,3}$")  # (or set off: "Cambodia's Defense Ministry spokeswoman, X")
# an office by its holder: "the provincial governor", "the city's mayor"
_AN_OFFICE = re.compile(r"(?:the\s+)?(?P<office>(?:[a-z][\w-]*\s+){0,3}(?P<holder>[a-z]+))")
_HOLDERS_OFFICE = re.compile(r"(?:'s|\u2019s)\s+(?:office|administration|press\s+office|media\s+office)\b")
_OFFICE_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa])\s+(?P<office>(?:[a-z][\w-]*\s+){0,2}(?P<holder>[a-z]+))\s*,\s*$")
_PREP_LINK = re.compile(r"\s*(?:[\w-]+\s+){0,2}(?:with|of|from|at|for|in)\s+(?:the\s+)?", re.I)
_APPOSITIVE = re.compile(r"\s*,\s*(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,4}")
_MODIFIER_GAP = re.compile(r"\s*(?:[a-z][\w-]*\s+){0,2}")
_LOWER = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_TWO_CAPS = re.compile(rf"[A-Z][a-z]+\.?\s+(?:{_PARTICLE})?[A-Z]")


class _Span:
    """A match-like (start, end, text) for a token."""

    __slots__ = ("a", "b", "t")

    def __init__(self, a: int, b: int, t: str):
        self.a, self.b, self.t = a, b, t

    def start(self) -> int:
        return self.a

    def end(self) -> int:
        return self.b

    def group(self, _: int = 0) -> str:
        return self.t


def _speech_verbs(s: str) -> list[_Span]:
    low = lowered(s)
    if SPEECH_WORDS.isdisjoint(low):
        return []
    toks = tokens(s)
    # a capital inside a sentence in sentence case is a name's word ("the United States"), not a verb
    names_only = not title_case(s)
    return [_Span(*toks[i]) for i, t in enumerate(low) if t in SPEECH_WORDS
            and not (names_only and i > 0 and s[toks[i][0]].isupper() and s[toks[i - 1][0]].isupper())
            # (a deed, not a statement: "Islamic State claims attack", "claimed responsibility for")
            and not (t in ("claims", "claimed") and i + 1 < len(low) and low[i + 1] in _CLAIMED_DEEDS)]


_CLAIMED_DEEDS = frozenset(("attack", "attacks", "responsibility", "credit", "bombing", "blast", "killing", "killings"))


# the words before a name that are not of it: "Its Foreign Ministry", "An Interior Ministry official"
_POSSESSIVE_LEAD = re.compile(r"(?:Its|Their|His|Her|Our|An|A)\s+")
_OPENING_THE = re.compile(r"\s*(?:[Tt]he\s+)?")
# ... with a description of where it is or who runs it: "The Britain-based Syrian Observatory", "The state-run agency"
_OPENING_DESCRIBED = re.compile(r"\s*(?:[Tt]he\s+|[Aa]n?\s+)?(?:[A-Za-z]+-(?:based|run|backed|led|funded|controlled|affiliated)\s+)?")
_DETS = re.compile(r"^(?:(?:a|an|the|some|several|many|other|two|three)\s+)+", re.I)
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*$")
_CLAUSE_WORD = re.compile(r"\b(?:by|of|for|from|on|in|at|with|to|which|who|that|was|were|is|are|and|as)\s+")
# the nouns of one unnamed speaker in a generic mention ("a local chief", "a senior official")
_ONE_SPEAKER = frozenset("official spokesman spokeswoman spokesperson chief elder leader".split())
_NAME_JOINERS = frozenset(("of", "for", "and", "the", "de", "al"))  # lower-case words inside a body's name
# a surname as it stands alone, a lower-case particle's included ("al-Tawil", "bin-Salem")
_SURNAME = guard(re.compile(rf"\b(?:(?:al|el|ad|as|ash|bin|ibn|abu)-)?{_NAME_WORD}(?![\w-])"))
_ACCORDING = guard(re.compile(r"\baccording\s+to\s+", re.I))
_PASSIVE = guard(re.compile(rf"\b(?:{SPEECH})\s+by\s+", re.I))
# used for every speech verb, mention or figure: compiled once here
_AGENTLESS = re.compile(r"\b(?:to\s+be|being|been|is|are|was|were|ever|previously|officially|first|widely)\s*$")
_AGENTLESS_VERBS = frozenset(("reported", "found", "estimated", "recorded", "confirmed", "listed", "documented", "counted", "verified", "determined"))
_SENTENCE_END = re.compile(r"[.!?]\s*$")
_OUTLET_RELAYS = re.compile(r"\s*[.!?\"]*\s*$")
_INVERTED = re.compile(r"[,\"]\s*$")
_AND_ALSO = re.compile(r"\band\s+(?:also\s+)?$")
_CLAUSE_LEAD = re.compile(r"\s*(?:,|the\s+\w+\s+said)")
_REPORT_WORD = re.compile(r"report|statement|study|research|summary|document|announcement|analysis|investigation|probe|survey|assessment|findings|release|review|data|figures|brief|bulletin|update")
_REPORT_AFTER = re.compile(r"(?:'s)?\s+(?:[\w-]+\s+){0,2}(?:report|statement|study|investigation|summary|announcement|probe|survey|analysis|data|estimate)s?\b", re.I)
_REPORT_BEFORE = guard(re.compile(r"\b(?:report|statement|study|investigation|summary|announcement|probe|survey|analysis|research)\s+(?:released\s+|issued\s+|published\s+)?(?:by|from|of)\s+(?:the\s+)?(?:office\s+of\s+)?$", re.I))
_POSSESSIVE = re.compile(r"'s?\s+(?:[\w-]+\s+){0,3}(?:count|tally|figure|figures|estimate|toll|data|analysis|numbers|assessment|survey|findings|list|record|database)\s+(?:of\s+)?(?:[\w-]+\s+){0,3}$", re.I)
_STOP_OR_DIGIT = re.compile(r"[;.]|\d")
_SEMI_COLON = re.compile(r"[;:]")
_APOSTROPHE_S = re.compile(r"\s*'s\b")
_ONE_NAME_ROLE = re.compile(rf"\b({_NAME_WORD}),\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}(?:{'|'.join(sorted(PERSON_ROLES))})\b")
_SPEAKER_ORDER = {"person": 0, "org": 1, "generic": 2, "outlet": 3}
# tokens that may start an anaphor ("it", "the report", "this statement")
_ANAPHOR_STARTS = _PRONOUNS | {"the", "this", "that"}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    ref: SourceRef
    kind: str  # org | outlet | person | generic | anaphor
    text: str


def _has_words(name: str, phrase: str) -> bool:
    """Whether ``phrase`` is a run of whole words of ``name`` ("Information Team" of "True News Information Team")."""
    return f" {phrase} " in f" {name} "


def slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return s[:60] or "unknown"


_INTRODUCED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)$")
_ASIDE_BEFORE = re.compile(r",\s+(?:which|who)\b[^,;:\"]*(?:,[^,;:\"]*)?,\s*$")
_BRACKETED_ACRONYM = re.compile(r"(?<=[\w'\u2019]) \(([A-Z][A-Z0-9&-]{1,9})\)")
_DOTTED_ACRONYM = re.compile(r"\b([A-Z]{2,3})\b")


def _dotted(m: re.Match) -> str:
    return "".join(f"{c}." for c in m.group(1))


_SELF = re.compile(r"\b([Tt]his|[Oo]ur)\s+([A-Za-z]+)\b")
_NAME_BEFORE = re.compile(r"[A-Z][\w-]*\s+$")


_A_DESCRIPTION = re.compile(r"(?:the|a|an)\s.*\s[a-z][\w-]*$")  # (ending in a common noun: "the UK-based monitor")
_APPOSITION_ENDS = re.compile(r",|\s+(?:that|which|who)\b")  # (set off: not "the ministry, the U.S. military said")


def _described_beside(s: str, ms: list[Mention]) -> list[Mention]:
    """A gazetteer's description set beside a named body describes that body: "Airwars, the UK-based monitor, said"
    (not the Syrian Observatory, which the gazetteer knows by that description)."""
    ms = sorted(ms, key=lambda x: x.start)
    for i in range(1, len(ms)):
        named, described = ms[i - 1], ms[i]
        if (named.kind == "org" and described.kind == "org" and described.ref.key != named.ref.key
                and s[named.end:described.start] == ", " and _A_DESCRIPTION.match(described.text)
                and _APPOSITION_ENDS.match(s, described.end)):
            ms[i] = Mention(described.start, described.end, named.ref, "org", described.text)
    return ms


def _self_words(outlet: SourceRef) -> frozenset[str]:
    """The words of the publisher's name a statement may call it by ("Commission" of "State Human Rights Commission
    of Sinaloa"), and "organisation" for any publisher that is not a news outlet."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", outlet.label)} - {"news", "agency", "daily", "times"}
    return frozenset(words | ({"organisation", "organization"} if outlet.kind != "Outlet" else set()))


class SourceIndex:
    """Gazetteer sources as regexes (acronyms case-sensitive, names not)."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.refs: dict[str, SourceRef] = {}
        self.definite: set[str] = set()  # one-word names a body goes by with "the": "the Bureau", "the Mission"
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        # an acronym a body goes by, and its full name: "UN" -> "United Nations"
        spelled = {n: t.label for t in vocab.sources.values() for n in t.names
                   if n.isupper() and len(n) <= 5 and " " in t.label and not t.label.isupper()}
        for key, term in vocab.sources.items():
            kind = term.kind or "Organization"
            self.refs[key] = SourceRef(key, term.label, "Outlet" if kind == "Outlet" else ("Person" if kind == "Person" else "Organization"))
            # "U.N. human rights office" is the "UN human rights office" of the gazetteer
            names = {n.strip() for n in term.names} | {_DOTTED_ACRONYM.sub(_dotted, n.strip()) for n in term.names}
            # ... and so is "United Nations human rights office"
            names |= {f"{spelled[n.split(' ', 1)[0]]} {n.split(' ', 1)[1]}" for n in list(names)
                      if " " in n and n.split(" ", 1)[0] in spelled}
            for n in sorted(names):
                # names are registered without "the" (find puts it back): "the UN" must not take the
                # first word of "the UN human rights office"
                if n.lower().startswith("the "):
                    n = n[4:]
                    if " " not in n:
                        self.definite.add(n)
                if not n:
                    continue
                if len(n) <= 5 or n.isupper() or re.fullmatch(r"[A-Z][\w-]*", n) or re.fullmatch(r"(?:[A-Z]\.)+", n):
                    exact.setdefault(n, key)
                    if n.isupper() and n.isalpha() and len(n) >= 5:  # (not "Sana", "Isis")
                        exact.setdefault(n.capitalize(), key)  # an acronym as some outlets write it: "Acled", "Unama"
                else:
                    folded.setdefault(n.lower(), key)
        names = [(n, k) for n, k in exact.items()] + [(n, k) for n, k in folded.items()]
        self.matcher = PhraseMatcher(names)

    def find(self, s: str) -> list[Mention]:
        out: list[Mention] = []
        for a, b, key in self.matcher.find(s):
            if self.refs[key].kind == "Outlet" and s[max(0, a - 1):a] == "(" and s[b:b + 1] == ")":
                continue  # a dateline credit "(AP)", "(Reuters)"
            if s[a:b] in self.definite and (before := _NAME_BEFORE.search(s, max(0, a - 40), a)) \
                    and not _FUNCTION_WORD.fullmatch(before.group(0).strip()):
                continue  # "the Amhara Regional Health Bureau" is not "the Bureau"
            if s[max(0, a - 4):a].lower() == "the ":
                a -= 4
            ref = self.refs[key]
            out.append(Mention(a, b, ref, "outlet" if ref.kind == "Outlet" else "org", s[a:b]))
        return out


_INDEX: dict[int, tuple[Vocabulary, SourceIndex]] = {}


def source_index(vocab: Vocabulary) -> SourceIndex:
    hit = _INDEX.get(id(vocab))
    if hit is None or hit[0] is not vocab:
        hit = (vocab, SourceIndex(vocab))
        _INDEX[id(vocab)] = hit
    return hit[1]


def _overlaps(a: int, b: int, ms: list[Mention]) -> bool:
    return any(not (b <= m.start or a >= m.end) for m in ms)




def _next_word(s: str, pos: int) -> str:
    """The lower-case word after ``pos``, past a possessive ("North Kivu province's" -> "province")."""
    m = _NEXT_WORD.match(s, pos)
    return m.group(1).lower() if m else ""


_NEXT_WORD = re.compile(r"(?:'s)?\s+(\w+)")


def _names_a_person(head, organisation_nouns: frozenset[str]) -> bool:
    """A proper name of two or more capitalised words that are not an acronym ("Jane Doe said") and do
    not end in an organisation's word ("Democratic Party"): what the parse alone can tell of a person,
    without an entity recogniser."""
    given = [c for c in head.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    words = [*given, head]
    return (head.pos_ == "PROPN" and bool(given) and given[-1].i == head.i - 1
            and head.lower_ not in organisation_nouns
            # "the Civil Defence", "Gaza's Civil Defence": a body, not a person
            and not any(c.dep_ in ("det", "poss") for c in head.children)
            and all(w.text[:1].isupper() and not w.text.isupper() for w in words))


class Attributor:
    """Resolves who asserts each figure of one article, sentence by sentence."""

    def __init__(self, vocab: Vocabulary, outlet: SourceRef | None, published: str | None = None):
        self.index = source_index(vocab)
        self.published = (published or "")[:7]  # the article's month: bodies begun after it are not meant
        from kg.extract.places import _matcher

        self.places = _matcher(vocab)
        self.time_words = vocab.time_words
        self.place_nouns = vocab.place_nouns
        self.organisation_nouns = vocab.organisation_nouns
        self.owned_body_nouns = vocab.owned_body_nouns
        self.description_types = vocab.description_types
        self.parts_of_a_body = vocab.parts_of_a_body
        self.envoy_nouns = vocab.envoy_nouns
        self.reporting_verbs = vocab.reporting_verbs
        self.outlet_descriptions = vocab.outlet_descriptions
        self._outlets: list[SourceRef] = []  # outlets named in the text, the last one last
        self._org_name, self._org_hint = _org_patterns(vocab.organisation_nouns)
        self.outlet = outlet
        self._self_words = _self_words(outlet) if outlet is not None else frozenset()
        self.last_person: SourceRef | None = None
        self._orgs: list[SourceRef] = []  # organisations that spoke or were cited, the last one last
        self._unnamed: list[SourceRef] = []  # speakers known only by a description ("a security source"), the last one last
        self._met: list[SourceRef] = []  # known organisations named, speaking or not, the last one last
        self._named: list[SourceRef] = []  # bodies the gazetteer does not know, named in full, the last one last
        self.last_asserter: tuple[SourceRef, SourceRef | None] | None = None
        self.people: dict[str, SourceRef] = {}  # surname -> person (with speaks_for)
        self.acronyms: dict[str, SourceRef] = {}  # "CIMP" -> the body the article introduced as "... (CIMP)"
        self.last_report_org: SourceRef | None = None  # who issued the report / statement last named
        self.officials_of: SourceRef | None = None  # whose officials were named last ("Kenyan army officials")

    def _owned_bodies(self, s: str, ms: list[Mention]) -> list[Mention]:
        """A body named by its owner's possessive and a common noun is one unknown body: "the Government of
        National Unity's health ministry", "the Syrian government's health ministry" (its owner's name is no
        name of its own: "Government of National Unity's" is not a body); "RRI's medical team" is RRI."""
        out: list[Mention] = []
        for m in sorted(ms, key=lambda x: x.start):
            if m.kind not in ("org", "generic"):
                out.append(m)
                continue
            owned = _POSSESSIVE_END.search(m.text)
            if owned is not None:  # the name took the possessive ("... Unity's")
                owner, after = m.text[:owned.start()], m.end
            elif s.startswith(("'s ", "\u2019s "), m.end):
                owner, after = m.text, m.end + 2
            else:
                out.append(m)
                continue
            owner = _DETS.sub("", owner).strip()
            words = _OWNED_WORDS.match(s, after)
            noun = next((i for i in (1, 2, 3) if words and words.group(i) in self.owned_body_nouns), None)
            body_end = words.end(noun) if noun is not None else after
            if noun is None or any(x.ref.known and x.start < body_end and x.end > after for x in ms):
                if owned is not None:  # no body after it: the owner alone, without the possessive
                    ref = SourceRef(slug(owner), owner, m.ref.kind, known=False) if not m.ref.known else m.ref
                    out.append(Mention(m.start, m.start + len(m.text) - len(owned.group(0)), ref, m.kind,
                                       m.text[:owned.start()]))
                else:
                    out.append(m)
                continue
            label = f"{owner} {s[after:body_end].strip()}"
            out.append(Mention(m.start, body_end, as_written(label),
                               "generic", s[m.start:body_end]))
        # (a common-noun mention the owned body took in is gone)
        return [x for x in out if not any(y is not x and y.start <= x.start and x.end <= y.end and y.end - y.start > x.end - x.start
                                          for y in out)]

    def _as_of_publication(self, m: Mention) -> Mention:
        """"Coalition aircraft" in a 2007 Iraq article is not CJTF-OIR (kg:activeFrom 2014-08): a body that did not
        exist yet is not meant; the name stands for itself."""
        term = self.index.vocab.sources.get(m.ref.key) if m.ref.known else None
        began = term.extra.get("active_from") if term is not None else ""
        if not (began and self.published and self.published < began):
            return m
        label = _DETS.sub("", m.text).strip()
        return Mention(m.start, m.end, as_written(label), m.kind, m.text)

    def _of_its_country(self, m: Mention, s: str) -> Mention:
        """"Azerbaijan's Prosecutor General's Office" is not Ukraine's, though the gazetteer knows Ukraine's by that
        name: a country's possessive before a known body none of whose names has that country is another body."""
        if not m.ref.known:
            return m
        owner = _COUNTRY_POSSESSIVE.search(s, max(0, m.start - 40), m.start)
        if owner is None or owner.end() != m.start or not self._is_country(owner.group(1)):
            # ... or a country's name or adjective right before it: "the Kenya Red Cross", "the Kenyan Red Cross"
            owner = _COUNTRY_BEFORE.search(s, max(0, m.start - 40), m.start)
            if owner is None or owner.end() != m.start or not self._is_country(owner.group(1), capitals=False):
                return m
        country = owner.group(1).lower()[:5]
        if any(country in n.lower() for n in self._names(m.ref)):
            return m
        label = f"{owner.group(1)} {_DETS.sub('', m.text).strip()}"
        return Mention(owner.start(), m.end, as_written(label), m.kind, s[owner.start():m.end])

    def _is_country(self, label: str, capitals: bool = True) -> bool:
        """A country, or a capital that stands for its government ("Kyiv said")."""
        places = self.index.vocab.places
        return any(a == 0 and b == len(label) and (places[k].kind == "Country" or (capitals and places[k].extra.get("capital_of")))
                   for a, b, k in self.places.find(label))

    def _is_place(self, label: str) -> bool:
        """Whether the whole of ``label`` is a gazetteer place ("Democratic Republic of Congo")."""
        return any(a == 0 and b == len(label) for a, b, _ in self.places.find(label))

    # ------------------------------------------------------------------ mentions
    def mentions(self, s: str) -> list[Mention]:
        ms = [self._of_its_country(self._as_of_publication(m), s) for m in self.index.find(s)]
        # the publisher by its own name, which the gazetteer may not know ("according to a log seen by Example Wire")
        if self.outlet is not None and not self.outlet.known and len(self.outlet.label) > 3 and self.outlet.label in s:
            for m in re.finditer(rf"(?:\b[Tt]he\s+)?{re.escape(self.outlet.label)}\b", s):
                if not _overlaps(m.start(), m.end(), ms):
                    ms.append(Mention(m.start(), m.end(), self.outlet, "outlet", m.group(0)))
            ms.sort(key=lambda x: x.start)
        # the publisher speaking of itself: "this Commission", "our organisation" in a statement it publishes
        if self._self_words and _SELF.search(s):
            for m in _SELF.finditer(s):
                if m.group(2).lower() in self._self_words and not _overlaps(m.start(), m.end(), ms):
                    ms.append(Mention(m.start(), m.end(), self.outlet, "outlet", m.group(0)))
            ms.sort(key=lambda x: x.start)
        # In a headline written in title case every word is capitalised: capitalised runs are not
        # names there ("Civilians Killed in US-Led Operations", "Rights Group Challenges Army's Report").
        headline = title_case(s) and not s.rstrip().endswith(".")  # (a sentence, however many names it has)
        for m in (self._org_name.finditer(s) if self._org_hint.search(s) and not headline else ()):
            a, b = m.start(), m.end()
            inside = [x for x in ms if a <= x.start and x.end <= b]
            if inside and len(inside) == 1 and inside[0].end < b and " and " not in m.group(0) and not _overlaps(
                    a, b, [x for x in ms if x is not inside[0]]):
                # "the UN Joint Human Rights Office (UNJHRO)": a longer name that begins with a known body's is a
                # body of its own (kg:partOf relations come from the gazetteer, not from the name)
                ms.remove(inside[0])
            if _overlaps(a, b, ms):
                # "the provincial Ministry of Health and the World Health Organization": the name before the known one
                first = min(x.start for x in ms if x.end > a and x.start < b)
                m = self._org_name.search(s, a, first) if first > a else None
                if m is None or _overlaps(m.start(), m.end(), ms):
                    continue
                a, b = m.start(), m.end()
            if a > 0 and s[a - 1] in "-\u2010\u2011":
                continue  # the tail of a hyphenated word ("US-Led Operations") is not a name
            lead = _POSSESSIVE_LEAD.match(m.group(0))  # "Its Foreign Ministry": the name starts after "Its"
            if lead:
                a += lead.end()
            txt = s[a:b]
            label = re.sub(r"^[Tt]he\s+", "", txt).strip()
            if len(label.split()) < 2 and not re.search(r"\(", label):
                continue  # a bare "Ministry" or "Army" is not a name
            # "the Information Team" after "the True News Information Team": the body named in full before
            fuller = next((r for r in reversed(self._named) if r.label != label and _has_words(r.label, label)), None)
            ref = fuller or as_written(label)
            if fuller is None and label.split()[0].lower() not in PERSON_ROLES:  # (not "Spokesman of the X Team")
                self._named.append(ref)
            ms.append(Mention(a, b, ref, "org", txt))
            introduced = _INTRODUCED_ACRONYM.search(label)
            if introduced:
                self.acronyms[introduced.group(1)] = ref
        # an acronym set off after a name the name patterns did not take ("Jama'at Nusrat al-Islam wal-Muslimin
        # (JNIM)"): the body goes by it from here on
        for m in (_BRACKETED_ACRONYM.finditer(s) if "(" in s and not headline else ()):
            a, b = m.start(1), m.end(1)
            if _overlaps(a, b, ms) or m.group(1) in self.acronyms or (self.places is not None and self.places.find(m.group(1))):
                continue
            ref = as_written(m.group(1))
            ms.append(Mention(a, b, ref, "org", m.group(1)))
            self.acronyms[m.group(1)] = ref
        # an acronym the article introduced before: "CIMP reported" after "the Civilian Impact Monitoring Project (CIMP)"
        for acronym in [x for x in self.acronyms if x in s]:
            for m in re.finditer(rf"\b{re.escape(acronym)}\b", s):
                if not _overlaps(m.start(), m.end(), ms):
                    ms.append(Mention(m.start(), m.end(), self.acronyms[acronym], "org", acronym))
        for m in (_GENERIC.finditer(s) if not _GENERIC_NOUNS.isdisjoint(_LOWER.findall(s)) else ()):
            if _overlaps(m.start(), m.end(), ms):
                # "Russian officials", "US officials" are in the gazetteer; keep the gazetteer match
                continue
            if m.group("n").lower() in _DOCUMENT_NOUNS and _VERB_AFTER_DOCUMENT.match(s, m.end()):
                continue  # "Embassy estimates that at least 300 died", "Daniel Okafor counts 731 dead": a verb, not a document
            txt = m.group(0)
            end = m.end()
            mod_words = m.group("mod").split()
            if m.group("n").lower() in _DOCUMENT_NOUNS and mod_words[-1].lower() in self.organisation_nouns:
                # "US government figures" are the US government's: the owner speaks, not the document
                end = m.start("mod") + len(m.group("mod").rstrip())
                txt = s[m.start():end]
            label = _DETS.sub("", txt).strip()
            described = next((x for x in ms if x.kind == "org" and s[x.end:m.start()] == ", "), None)
            if (described is not None and m.group("n").lower() in self.index.vocab.any_kind_body_nouns
                    and not re.match(r"\s*(?:,\s*)?(?:and|or)\b", s[end:])):
                # "Airwars, the London-based group that monitors ...": a description set beside the body it describes
                ms.append(Mention(m.start(), end, described.ref, "org", txt))
                continue
            ref = as_written(label)
            ms.append(Mention(m.start(), end, ref, "generic", txt))
        for m in (_PERSON.finditer(s) if _TWO_CAPS.search(s) and not headline else ()):
            part = "titled" if m.group("titled") else "name"
            name, a, b, whole_start = m.group(part), m.start(part), m.end(part), m.start()
            run = _NAME_RUN.match(s, b) if part == "name" else None
            if run is not None and run.end() > b:
                # "Minister for Relief and Rehabilitation Asif Khan Marwat": a longer run of capitalised words ends in
                # the name; the words before its last three are the office
                a = whole_start = list(_NAME_WORD_RE.finditer(s, a, run.end()))[-3].start()
                b = run.end()
                name = s[a:b]
            if _overlaps(whole_start, b, ms) or _ORG_WORDS.search(name) or _FUNCTION_WORD.match(name):
                continue  # "The London-based monitor" names no one
            if a > 0 and s[a - 1] in "-\u2010\u2011":
                continue  # the tail of a hyphenated word is not a name
            if s[max(0, a - 4):a].lower() == "the ":
                continue  # "the Katiba Sud": a body, not a person
            if self.places is not None and self.places.find(name):
                continue  # "Gaza Strip", "Deir ez-Zor" are places, not people
            if _next_word(s, b) in self.place_nouns or name.rsplit(None, 1)[-1].lower() in self.place_nouns:
                continue  # "North Kivu province", "Munabbih District": a place the gazetteer does not know
            before = s[max(0, a - 30):a].split()
            if before and (before[-1] in ("in", "near", "outside", "on", "at", "into", "across", "towards") or (
                    len(before) >= 2 and before[-1] == "of" and before[-2].lower() in self.place_nouns)):
                continue  # "in North Kordofan", "the strike on Zalizne Pole", "the village of Umm Sumeima": places too
            ref = self._person(name, s, b, whole_start)
            ms.append(Mention(whole_start, b, ref, "person", s[whole_start:b]))
        # one name set off by a role: "Najibullah, the police chief of the district," (a person known by one name)
        for m in (_ONE_NAME_ROLE.finditer(s) if "," in s and not headline else ()):
            name = m.group(1)
            if (_overlaps(m.start(1), m.end(1), ms) or _FUNCTION_WORD.match(name) or name.lower() in self.time_words
                    or (self.places is not None and self.places.find(name))):
                continue  # (nor a day: "killed seven people on Saturday, the regional governor said")
            ref = self._person(name, s, m.end(1), m.start(1))
            ms.append(Mention(m.start(1), m.end(1), ref, "person", name))
        # bare surnames of people met before
        if self.people:
            for m in _SURNAME.finditer(s):
                # (kept as they open a sentence: "al-Tawil said" is the "Mahmoud al-Tawil" met as "Al-Tawil")
                known = self.people.get(m.group(0)[:1].upper() + m.group(0)[1:])
                if known is not None and not _overlaps(m.start(), m.end(), ms):
                    ms.append(Mention(m.start(), m.end(), known, "person", m.group(0)))
        if "'s" in s or "\u2019s" in s:
            ms = self._owned_bodies(s, ms)
        ms = _described_beside(s, ms)
        lows = lowered(s)
        if _ANAPHOR_STARTS.isdisjoint(lows):
            ms.sort(key=lambda x: x.start)
            return ms
        toks = tokens(s)
        n = len(toks)
        for i in [i for i, t in enumerate(lows) if t in _ANAPHOR_STARTS]:
            a, b, _ = toks[i]
            low = lows[i]  # (lowered(s)[i] is toks[i][2].lower())
            end = None
            if low in _PRONOUNS:
                end = b
            elif i + 1 < n:  # the, this, that
                nxt = lows[i + 1]
                if nxt in _ANAPHOR_NOUNS and (low == "the" or nxt in ("report", "statement", "study")):
                    end = toks[i + 1][1]
                elif (low == "the" and i + 2 < n and lows[i + 2] in _ANAPHOR_NOUNS and toks[i + 1][2].islower()
                      and s[toks[i + 1][1]:toks[i + 2][0]].isspace()):
                    # "the three-page summary", "the latest report", "the monthly report" (not "the forest, officials")
                    end = toks[i + 2][1]
            if end is not None and s[a:end].lower().endswith("minister"):
                office = _OF_OFFICE.match(s, end)  # "the Minister of Communication": whose minister
                end = office.end() if office else end
            if end is not None and s[a:end].lower().split()[-1] in PERSON_ROLES:  # (the office holders among them)
                office = _HOLDERS_OFFICE.match(s, end)  # "the regional governor's office": the office, a body
                end = office.end() if office else end
            if end is not None and not _overlaps(a, end, ms):
                ms.append(Mention(a, end, SourceRef("?", s[a:end], "Organization"), "anaphor", s[a:end]))
        ms.sort(key=lambda x: x.start)
        return ms

    def person_at(self, s: str, start: int, end: int) -> SourceRef:
        """The person named at [start, end) of ``s``, with the body the words around the name say they speak for."""
        return self._person(s[start:end], s, end, start)

    def _person(self, name: str, s: str, end: int, start: int) -> SourceRef:
        org = None
        after = s[end:end + 160]
        am = re.match(r"\s*,\s*(?:(?:a|an|the)\s+)?[^,;\"]{0,90}?\b(?:for|of|at|with|from|in\s+charge\s+of|who\s+leads|who\s+heads|head\s+of|director\s+of|chief\s+of)\s+(?P<org>[^,;\"]{2,90})", after)
        if am and _UNTIL_SPEECH.search(after, 0, am.start("org")):
            am = None  # "X, stated that the air force of the GNA ...": what X says, not whom X speaks for
        if am:
            # the body may be named in an appositive after a description: "a commander with the rebel
            # group, the Sudan Liberation Army, said"
            region = am.group("org") + _UNTIL_SPEECH.split(after[am.end():], 1)[0]
            orgs = [m for m in self.index.find(region) if m.kind == "org"]
            if not orgs:
                om = self._org_name.search(region) or _local_body(self.organisation_nouns).search(am.group("org"))
                if om and len(om.group(0).split()) >= 2:
                    label = re.sub(r"^[Tt]he\s+", "", om.group(0)).strip()
                    org = as_written(label)
                elif (office := _AN_OFFICE.fullmatch(am.group("org").strip())) and office.group("holder") in _OFFICE_HOLDERS:
                    # "X, the spokesman for the provincial governor": the office as written
                    label = office.group("office")
                    org = as_written(label)
                elif office and office.group("holder") in self.description_types:
                    # "X, a spokesman for the ministry": the ministry met before, else as written
                    org = self._described(office.group("holder")) or as_written(office.group("office"))
                elif office and office.group("holder") in self.organisation_nouns and len(office.group("office").split()) >= 2:
                    # "X, head of the state emergency management agency": a body by its words, as written
                    org = as_written(office.group("office"))
            if orgs:
                org = orgs[0].ref
        if org is None:
            # "the army's spokesman, Brig. Gen. John Smith": the owner of the role before the name
            bm = re.search(r"(?P<org>[\w&.' -]{2,80})'s\s+(?:[\w-]+\s+){0,3}?[\w-]+(?:,(?:\s+[A-Z][\w.]*){0,3})?\s*$",
                           s[max(0, start - 120):start].rstrip(", "))
            if bm:
                orgs = [m for m in self.index.find(bm.group("org")) if m.kind == "org"]
                # (the possessor alone, not the clause before it: "which was read on Tele Sahel by the ministry's")
                owner = _DETS.sub("", _CLAUSE_WORD.split(bm.group("org").strip().split(",")[-1])[-1].strip())
                if orgs:
                    org = orgs[-1].ref
                elif owner.lower().split()[-1:] and owner.lower().split()[-1] in self.description_types:
                    # "the army's spokesman": the army met before, else the army as written
                    org = self._described(owner.lower().split()[-1]) or as_written(owner)
        if org is None:
            am2 = re.match(r"\s*,\s*(?:the\s+)?(?P<org>[^,;\"]{2,60}?)'s\s+", after)
            if am2:
                orgs = [m for m in self.index.find(am2.group("org")) if m.kind == "org"]
                if orgs:
                    org = orgs[-1].ref  # "Richard Bennett, UNAMA's human rights chief"
                elif am2.group("org").lower() in _ANAPHOR_NOUNS:
                    org = self.last_org  # "X, the ministry's spokesman"
        if org is None:
            pm = re.search(r"\b(?i:spokes(?:man|woman|person)|official|director|head|chief|commander|representative|officer)\s+(?:for|of|at|with)\s+"
                           r"(?P<org>[^,;\"]{2,90}),\s*(?:[A-Z][\w.]*(?:\s+|-))?(?:[A-Z][\w.]*\s+){0,3}$", s[max(0, start - 140):start])
            if pm:
                orgs = [m for m in self.index.find(pm.group("org")) if m.kind == "org"]
                named = pm.group("org").strip()
                local = _local_body(self.organisation_nouns).fullmatch(named)
                # (where the office is, is not part of the body's name: "the sector commander of the CJTF in Konduga")
                bare = _IN_PLACE.sub("", _DETS.sub("", named))
                if orgs:
                    org = orgs[0].ref
                elif local:  # "The head of the Odesa regional military administration, Yurii Maslenko"
                    org = as_written(local.group("body"))
                elif bare.lower() in self.description_types or bare.lower().rstrip("s") in self.description_types:
                    # "a spokesman for the rebels, X": the rebels met before, else as written
                    org = self._described(bare.lower()) or as_written(bare)
                elif (len(bare.split()) >= 2 and all(w[:1].isupper() for w in bare.split() if w not in _NAME_JOINERS)) or (
                        bare.isupper() and bare.isalpha() and len(bare) >= 2):
                    org = as_written(bare)  # "the spokesman of Operation Volcano of Rage, X", "of the CJTF": a body's name

        if org is None:
            # "The Minister of Health, X," / "X, the Minister of Health,": the ministry
            office = (re.search(r"\b[Mm]inister\s+(?:of|for)\s+(?P<office>[A-Z][a-z]+),\s*(?:[A-Z][\w.]*\s+){0,3}$",
                                s[max(0, start - 60):start])
                      or re.match(r"\s*,\s*(?:the\s+)?[Mm]inister\s+(?:of|for)\s+(?P<office>[A-Z][a-z]+)\b", after))
            if office:
                label = f"Ministry of {office.group('office')}"
                org = as_written(label)
        if org is None and (office := _OFFICE_BEFORE.search(s, max(0, start - 60), start)) is not None \
                and office.group("holder") in _OFFICE_HOLDERS:
            # "the regional governor, Oleh Syniehubov, said": the office as written, the person its voice
            org = as_written(office.group("office"))
        if org is None and (owner := _NAMED_ROLE_BEFORE.search(s, max(0, start - 80), start)) is not None:
            # "Taliban spokesman Zabihullah Mujahid", "Russian Defence Ministry spokesman Igor Konashenkov": the body named
            # before the role
            who = _FUNCTION_WORD.sub("", owner.group("who")).strip()
            # (not the time it was said: "On Wednesday morning ministry spokesman X said")
            while who.split() and who.split()[0].lower() in self.time_words:
                who = who.split(None, 1)[1] if " " in who else ""
            orgs = [m for m in self.index.find(who) if m.kind == "org"]
            if orgs:
                org = orgs[-1].ref
            elif " " in who and (met := self._met_in_words(who)) is not None:
                org = met  # ("Civil defence spokesman X" after "Gaza's civil defence agency": the body met in those words)
            elif who and not self._is_place(who) and who.lower() not in self.description_types \
                    and who.lower() not in self.organisation_nouns:  # ("Army spokesman": the army met before)
                org = as_written(who)
        role = re.match(r"\s*,\s*(?:a|an|the)\s+(?P<mods>(?:[\w'-]+\s+){0,2})(?:investigator|spokes(?:man|woman|person)|official|commander|director|head|chief|officer|representative)\b(?!\s+(?:of|for|at|in)\b)", after)
        # ... or before the name: "Police Chief Maria Lopez", "Army spokesman X"
        # (or set off, with where the role is: "An army spokesman, Colonel X,", "A rebel spokesman in Misrata, X,")
        role = role or re.search(r"(?P<mods>\b[A-Z]?[a-z]+\s+)(?:[Ss]pokes(?:man|woman|person)|[Cc]hief|[Cc]ommander)"
                                 r"(?:\s+in\s+[A-Z][\w-]*)?\s*,?\s+(?:[A-Z][\w.]*\s+){0,2}$", s[max(0, start - 70):start])
        body = next((b for w in (role.group("mods").lower().split() if role else ())
                     for b in (w, f"{w}s") if b in self.description_types or b in self.organisation_nouns), None)
        if org is None and role and body is not None:
            # "X, the army spokesman", "Police Chief X": the body the role is of (the one of that kind met before, else
            # as written)
            org = self._described(body) or as_written(body)
        elif org is None and role and role.group(0).lstrip().startswith(","):
            # "X, the lead investigator, said": speaks for the body in context (not "X, the police chief of the
            # district": a body of the place's own)
            org = self.last_org
        if org is None and _ROLE_BEFORE_NAME.search(s, max(0, start - 80), start):
            org = self.last_org  # "Its spokesman, Colonel X, said", "A spokeswoman, X, said": the body in context
        surname = name.split()[-1]
        surname = surname[:1].upper() + surname[1:]  # "al-Aghbash" opens a sentence as "Al-Aghbash"
        prev = self.people.get(surname)
        described = self.last_asserter[0] if self.last_asserter is not None else None
        if (org is None and prev is None and described is not None and not described.known and described.kind != "Person"
                and described.label.split()[-1].lower() in _OFFICE_HOLDERS):
            # "..., the Russian-installed governor of the region said. Vladimir Saldo said on Telegram ...": the office
            # just described, now named
            org = described
        if prev is not None and org is None:
            return prev
        ref = SourceRef(slug(name), name, "Person", speaks_for=org, known=False)
        self.people[surname] = ref
        return ref

    def tag_source(self, tag: str) -> tuple[SourceRef, SourceRef | None] | None:
        """(asserter, speaker) of a paragraph a transcript's or a debate's tag gives to its speaker: the outlet's own
        host ("ANCHOR", "Q"), the one interviewed ("A"), a person with the office they hold ("COLONEL JAMES RIVERA,
        ARMY SPOKESMAN", "The Secretary of State for Defence (Sir Michael Fallon)", "Mr Peter Hallam (Northfield)
        (Lab)"); None for a tag that names no one ("UPDATE", a dateline's place)."""
        tag = " ".join(tag.split())
        if is_host_tag(tag):
            return (self.outlet, None) if self.outlet is not None else None
        if tag.upper() == "A":
            return (self.last_person.speaks_for or self.last_person, self.last_person) if self.last_person else None
        name, office, body = tag, "", False
        bracketed = re.match(r"(?P<before>[^()]*)\((?P<inside>[^()]*)\)", tag)
        if bracketed and bracketed.group("before").strip().lower().startswith("the "):
            name = bracketed.group("inside").strip()  # an office, its holder: the holder speaks
        elif bracketed:
            name = bracketed.group("before").strip()  # a member, the seat and party after
        elif tag.isupper():
            name, _, office = (part.strip() for part in tag.partition(","))
            # (an office lower-cased, "army spokesman"; a body's name in capitals, "BAHRAIN CENTRE FOR HUMAN RIGHTS", as a name)
            body = len(office.split()) >= 3 and any(w.lower() in self.organisation_nouns for w in office.split())
            name, office = name.title(), (_titled(office) if body else office.lower())
        said = (f"{name}, a spokesman for the {office}, said." if body else f"{name}, the {office}, said.") if office else f"{name} said."
        ms = self.mentions(said)
        who = next((m for m in ms if m.kind in ("person", "org")), None)
        return self.resolve(who, said, ms) if who is not None else None

    # ------------------------------------------------------------------ resolution
    @property
    def last_org(self) -> SourceRef | None:
        """The last organisation that spoke or was cited."""
        return self._orgs[-1] if self._orgs else None

    @last_org.setter
    def last_org(self, org: SourceRef | None) -> None:
        # "a military official" is a person whose body is unnamed, not a body "the group" could refer to
        if org is not None and org.label.lower().rsplit(" ", 1)[-1] not in PERSON_ROLES:
            self._orgs.append(org)
            self._met = [o for o in self._met if o.key != org.key] + [org]

    def _bare_noun(self, m: Mention) -> str:
        """The word, when a gazetteer name is a bare organisation noun ("the coalition"), else ""."""
        word = _DETS.sub("", m.text).strip().lower()
        return word if " " not in word and word in self.organisation_nouns else ""

    def _named_for(self, m: Mention) -> SourceRef:
        """The body a gazetteer name means: "the coalition" after "the Saudi-led coalition" is the one the article
        named, not the gazetteer's usual bearer of the word."""
        word = self._bare_noun(m) if m.kind == "org" and m.ref.known else ""
        return next((o for o in reversed(self._met) if self._bears_word(o, word)), m.ref) if word else m.ref

    def _names(self, org: SourceRef) -> tuple[str, ...]:
        term = self.index.vocab.sources.get(org.key)
        return term.names if term is not None else (org.label,)

    def _bears_word(self, org: SourceRef, word: str) -> bool:
        """Whether one of ``org``'s names has ``word`` ("coalition" in "Saudi-led coalition"; "monitor" in "Conflict
        Monitoring System")."""
        return any(w == word or (len(word) >= 5 and w.startswith(word)) for n in self._names(org)
                   for w in n.lower().replace("-", " ").split())

    def _met_in_words(self, phrase: str) -> SourceRef | None:
        """The latest body met whose name has ``phrase`` as a run of its words ("task force" of "Combined Joint Task
        Force", "civil defence" of "Gaza's civil defence agency")."""
        phrase = phrase.lower()
        return next((o for o in reversed(self._met + self._orgs) if any(_has_words(n.lower(), phrase) for n in self._names(o))),
                    None)

    def _described(self, word: str) -> SourceRef | None:
        """The latest organisation met that ``word`` describes, by its names or its kind: "the
        government" is the government named before, not the army that spoke last."""
        kind = self.description_types.get(word)
        # a word naming one sort of body refers first to a body it names ("the ministry" is the health ministry met
        # before, not the government that spoke since); a word for the kind, to the latest body of it
        narrow = word in self.index.vocab.narrow_descriptions
        for by_kind in ((False, True) if narrow else (None,)):
            # by its kind, a description may refer to a body named without speaking ("33 strikes that Amnesty
            # International has investigated ... the organisation found")
            for org in reversed(self._orgs if by_kind is False else self._met):
                term = self.index.vocab.sources.get(org.key)
                if by_kind is not True and self._bears_word(org, word):
                    return org
                if by_kind is not False and kind and term is not None and term.extra.get("type") == kind:
                    return org
        return None

    def resolve(self, m: Mention, s: str, local: list[Mention]) -> tuple[SourceRef, SourceRef | None] | None:
        """(asserter, speaker) for a mention; anaphors resolve in context."""
        if m.kind == "person":
            self.last_person = m.ref
            return (m.ref.speaks_for or m.ref), m.ref
        if m.kind == "org" and m.ref.known and self._bare_noun(m):
            return self._named_for(m), None
        if m.kind == "generic" and m.text.split()[-1].lower() in _ONE_SPEAKER:
            # "A local chief says ...": someone unnamed, whom a "he said" after means (not a person named before)
            return m.ref, SourceRef(slug(m.text), m.ref.label, "Person", speaks_for=m.ref, known=False)
        if m.kind in ("org", "outlet", "generic"):
            return m.ref, None
        a = m.text.lower()
        portfolio = _PORTFOLIO.fullmatch(a)
        if portfolio:
            # "the defence minister told parliament": a minister's figure is the ministry's (a prime minister's,
            # the government's)
            office = portfolio.group(1) or portfolio.group(2)
            label = "government" if office == "prime" else f"Ministry of {office.title()}"
            return as_written(label), None
        described_role = len(_DETS.sub("", a).split()) >= 2 and a.split()[-1] in PERSON_ROLES
        if described_role and a.split()[0] in ("the", "a", "an") and s[m.end:m.end + 2] not in ("'s", "\u2019s"):
            # "the regional governor": someone described, not the spokesman met before (a bare "the spokesman" is)
            label = _DETS.sub("", m.text).strip()
            return as_written(label), None
        person = self.last_person
        if person is None and a.split()[-1] in PERSON_ROLES and a.split()[0] == "the":
            # "the spokesman said" after "a statement read by the ministry's spokesman, Colonel X": the one met in
            # that role, who had not spoken yet
            person = next((p for p in reversed(self.people.values()) if p.speaks_for is not None), None)
        if a in ("he", "she", "his", "her") or (a.split()[-1] in PERSON_ROLES and person is not None):
            if person:
                return (person.speaks_for or person), person
            return None
        if a.split()[-1] in _OFFICE_HOLDERS and a.split()[0] == "the" and s[m.end:m.end + 2] not in ("'s", "\u2019s"):
            # "the governor said" with no one named before: an unnamed official, as written (not the body that
            # spoke last: a governor is not the police)
            return as_written(a.split()[-1]), None
        if _HOLDERS_OFFICE.search(m.text):
            return as_written(_DETS.sub("", m.text).strip()), None  # "the regional governor's office", as written
        words = a.split()
        if self._outlets and (" ".join(words[-2:]) in self.outlet_descriptions or words[-1] in self.outlet_descriptions):
            return self._outlets[-1], None  # "the news agency reported": the outlet named before
        if a not in ("it", "they", "its", "their"):
            # the report / the statement / the agency ...: the issuer of the last report named, else the last organisation that spoke
            if _REPORT_WORD.search(a) and self.last_report_org is not None:
                return self.last_report_org, None
            head = a.split()[-1]
            if (head in self.organisation_nouns or head in self.description_types) and head not in _ANY_BODY:
                # a description of a kind of body names one of that kind, or nobody known
                described = self._described(head)
                portfolio = _DETS.sub("", a).split()[:-1]
                if (described is not None and head in ("ministry", "department") and len(portfolio) == 1
                        and portfolio[0].isalpha() and not self._bears_word(described, portfolio[0])):
                    described = None  # "the interior ministry" after the Ministry of Public Health: another ministry
                if described is None:  # none met: the body as written ("the government")
                    label = _DETS.sub("", m.text).strip()
                    described = as_written(label)
                return described, None
            # "the organisation", "the charity": the latest body of that kind, else the body in context; "the
            # group" is a rights group, a research group or an armed group, never an army or a ministry
            described = self._described(head) if head in self.description_types else None
            if head == "group":
                described = next((o for o in reversed(self._met) if (t := self.index.vocab.sources.get(o.key)) is not None
                                  and t.extra.get("type") in _GROUP_TYPES), None)
            context = self.last_org
            if a in ("officials", "the officials") and self.officials_of is not None:
                context = self.officials_of  # bare "officials": those whose body was named with them last
            if head in ("officials", "authorities") and context is not None and (
                    t := self.index.vocab.sources.get(context.key)) is not None and t.extra.get("type") == "armed-group":
                context = None  # "officials said" after al-Shabaab spoke: not the group's officials
            if described is not None or context is not None:
                return described or context, None
            if a.split()[-1] not in PERSON_ROLES and a not in ("the coalition", "the military", "the group", "the agency", "the mission"):
                # "officials said", "the ministry said" with no organisation met before: an earlier name in the
                # sentence is more often the actor ("ADF rebels killed 50 ..., officials said") than the speaker
                return None
        # it / they: an organisation named earlier in the sentence that speaks or publishes there ("Amnesty
        # published a report in which it said"), else the last one that spoke ("Government forces were
        # responsible for 28 of the deaths, it said": the network that spoke before)
        for o in reversed([x for x in local if x.end <= m.start and x.kind in ("org", "generic")
                           and _SPEAKS_NEXT.match(s, x.end, m.start)]):
            return o.ref, None
        if self.last_org is not None:
            return self.last_org, None
        if self.last_person is not None and a in ("they", "officials"):
            return (self.last_person.speaks_for or self.last_person), self.last_person
        return None

    def subject_before(self, s: str, pos: int, ms: list[Mention]) -> Mention | None:
        """The source in subject position right before ``pos`` (a verb)."""
        lo = max(0, pos - 140)
        # a relative clause set off by commas before the verb is an aside ("JNIM, which presents itself as a
        # protector of communities targeted by the army, claimed ..."): the subject is before it
        aside = _ASIDE_BEFORE.search(s, max(0, pos - 200), pos)
        if aside is not None:
            pos = aside.start()
            lo = max(0, pos - 140)
        seg = s[lo:pos]
        cut = max(seg.rfind(";"), seg.rfind(":"), seg.rfind('"'))
        for w in (" that ", " which ", " while ", " but ", " when ", " after ", " as "):
            i = seg.rfind(w)
            if i > cut and not _CLAUSE_LEAD.match(seg[i + len(w):]):
                cut = max(cut, i + len(w) - 1)
        start = lo + cut + 1
        cands = [m for m in ms if m.start >= start and m.end <= pos
                 and not (m.kind == "anaphor" and m.text.lower() in ("its", "their", "his", "her"))]
        if not cands:
            return None
        # a person with an appositive org: "Col. X, a spokesman for Y, said" -> the person (speaks for Y)
        persons = [m for m in cands if m.kind == "person"]
        if persons:
            return persons[0]
        non_outlet = [m for m in cands if m.kind != "outlet" or m is cands[-1]] or cands
        # the head of the subject: the mention nearest the verb, unless it sits in a prepositional
        # phrase ("the report of X", "a spokesman for X"), then the one before it
        idx = len(non_outlet) - 1
        while idx > 0:
            cur, prev = non_outlet[idx], non_outlet[idx - 1]
            gap = s[prev.end:cur.start]
            if _PREP_BEFORE.search(s, max(0, cur.start - 14), cur.start):
                idx -= 1  # "the report of X": X is not the subject
            elif _APPOSITIVE.fullmatch(gap) and (cur.kind in ("generic", "anaphor") or (cur.kind == "org" and not (
                    cur.ref.known and not prev.ref.known))):
                # "Airwars, a London-based monitoring group, said": Airwars (but in "gunmen attacked the Health
                # Ministry, the U.S. military said" a known body after an unknown one is no description of it)
                idx -= 1
            elif cur.kind == "anaphor" and prev.kind in ("org", "generic") and _MODIFIER_GAP.fullmatch(gap):
                idx -= 1  # "Houthi health officials said": the Houthis
            else:
                break
        cand = non_outlet[idx]
        if cand.kind == "anaphor" and idx + 1 < len(non_outlet) and _PREP_LINK.fullmatch(s, cand.end, non_outlet[idx + 1].start):
            cand = non_outlet[idx + 1]  # "Officials with the coalition found": the coalition
        return cand

    def speech_acts(self, s: str, ms: list[Mention]) -> list[tuple[int, int, Mention, str]]:
        """(verb start, verb end, subject mention, rule) for each attribution in ``s``."""
        acts = []
        for m in (_ACCORDING.finditer(s) if "ccording" in s else ()):
            after = [x for x in ms if x.start >= m.end() and x.start - m.end() < 90 and x.kind != "outlet"]
            stop = re.search(r"[,;.]", s[m.end():])
            limit = m.end() + (stop.start() if stop else 200)
            after = [x for x in after if x.start < limit] or after[:1]
            if after:
                acts.append((m.start(), m.end(), after[0] if after[0].kind != "anaphor" or len(after) == 1 else after[1], "according-to"))
        for m in (_PASSIVE.finditer(s) if " by " in s else ()):
            after = [x for x in ms if 0 <= x.start - m.end() < 8 and x.kind != "outlet" or (0 <= x.start - m.end() < 8 and not re.search(r"quoted", m.group(0)))]
            if after and not re.search(r"quoted|cited", m.group(0), re.I):
                acts.append((m.start(), m.end(), after[0], "passive-agent"))
        for m in _speech_verbs(s):
            verb = m.group(0).lower()
            if s[m.end():m.end() + 4] == " by " or s[m.end():m.end() + 4].startswith(" by"):
                continue
            if verb in ("added", "adds", "add") and _ADDED_TO.match(s, m.end()):
                continue  # "attacks have added to insecurity": nothing said
            if verb in _AGENTLESS_VERBS and _AGENTLESS.search(s[max(0, m.start() - 12):m.start()]):
                continue  # passive without agent: "are credibly reported to have died"
            # inversion first: in "... in the province's north, said Jane Doe" the name after the verb speaks,
            # whatever capitalised words came before it
            inv = [x for x in ms if 0 <= x.start - m.end() < 4]
            if inv and _INVERTED.search(s[max(0, m.start() - 3):m.start()]):
                who = inv[0]
                whose = next((x for x in ms if x.start >= who.end and x.kind in ("org", "generic")), None)
                if who.kind == "anaphor" and whose is not None and _PREP_LINK.fullmatch(s, who.end, whose.start):
                    who = whose  # '..., said the spokesperson of the State Attorney General's Office': the office
                acts.append((m.start(), m.end(), who, "speech-inverted"))
                continue
            subj = self.subject_before(s, m.start(), ms)
            if subj is not None and subj.kind == "outlet" and (verb in ("reported", "reports", "reporting") or _OUTLET_RELAYS.match(s[m.end():])):
                continue  # '..., Business Insider reported.': the outlet relays, it does not assert
            gap = s[subj.end:m.start()] if subj is not None else ""
            gap = gap[:aside.start()] if (aside := _ASIDE_BEFORE.search(gap)) else gap  # (an aside between is no distance)
            if subj is not None and subj.kind != "person" and (_DIGIT.search(gap) or len(gap.split()) > 12):
                subj = None  # "Air strikes by X caused 536 deaths, the highest ever recorded": X is not who speaks
            if subj is not None and subj.end <= m.start() and not _SENTENCE_END.search(s[subj.end:m.start()]):
                acts.append((m.start(), m.end(), subj, "speech"))
                continue
            if subj is None and acts and acts[-1][3] in ("speech", "speech-inverted") and _AND_ALSO.search(s[max(0, m.start() - 10):m.start()]):
                acts.append((m.start(), m.end(), acts[-1][2], "speech-coordinated"))
        acts.sort(key=lambda a: a[0])
        return acts

    def possessive(self, s: str, pos: int, ms: list[Mention]) -> Mention | None:
        seg_start = max(0, pos - 70)
        for m in reversed([x for x in ms if seg_start <= x.start and x.end <= pos]):
            rest = s[m.end:pos]
            # ("Its cumulative count now stands at 13,870": the body the pronoun stands for)
            if _POSSESSIVE.match(rest) or (m.text.lower() in ("its", "their") and _POSSESSIVE.match(f"'s{rest}")):
                return m
        return None

    def attribute(self, s: str, fig_start: int, fig_end: int, ms: list[Mention], acts, is_headline: bool = False, in_quote: bool = False,
                  subject: tuple[int, int] | None = None):
        """(asserter, speaker, rule) for the figure at [fig_start, fig_end) of sentence ``s``; ``subject``: the
        characters of the subject of the figure's clause, where the parse found one."""
        pm = self.possessive(s, fig_start, ms)
        if pm is not None:
            r = self.resolve(pm, s, ms)
            if r:
                return r[0], r[1], "attr.possessive"
        # passive agent right after the figure, inside its clause: "20,178 deaths reported by ACLED"
        for a0, a1, subj, rule in acts:
            if rule == "passive-agent" and fig_end <= a0 and not _STOP_OR_DIGIT.search(s[fig_end:a0]) and a0 - fig_end < 60:
                r = self.resolve(subj, s, ms)
                if r:
                    return r[0], r[1], "attr.passive"
        before = [a for a in acts if a[1] <= fig_start]
        after = [a for a in acts if a[0] >= fig_end and a[3] != "passive-agent"]
        if before:
            a0, a1, subj, rule = before[-1]
            r = self.resolve(subj, s, ms)
            if r:
                return r[0], r[1], f"attr.{rule}"
        if after:
            a0, a1, subj, rule = after[0]
            r = self.resolve(subj, s, ms)
            if r:
                return r[0], r[1], f"attr.{rule}-after"
        if is_headline:
            # a headline names its source before or after a colon: "UN: toll passes 3,000", "3,000 dead: UN"
            colon = s.find(":")
            if colon > 0:
                said = [m for m in ms if m.end <= colon] if colon < fig_start else [m for m in ms if m.start > colon]
                if said:
                    r = self.resolve(said[0], s, ms)
                    if r:
                        return r[0], r[1], "attr.headline"
        # the clause subject: "AFRICOM has carried out at least 189 airstrikes", "the military is yet to assess 184 reports"
        subj = [m for m in ms if m.end <= fig_start and m.kind in ("org", "generic", "anaphor", "person")
                and not _PREP_BEFORE.search(s, max(0, m.start - 14), m.start)
                # a name in another clause is not this one's subject ("Before they were repelled, the terrorists killed 5")
                and (subject is None or (subject[0] <= m.start and m.end <= subject[1]))]
        if in_quote:
            subj = [m for m in subj if m.kind == "org" and m.ref.known]  # inside a quote only a named organisation
        if subj and not _SEMI_COLON.search(s[subj[0].end:fig_start]) and subj[0].start < 40:
            m0 = subj[0]
            if m0.kind != "anaphor" or m0.text.lower() in ("it", "they", "the coalition", "the military", "the group", "the agency", "the mission"):
                r = self.resolve(m0, s, ms)
                if r and not _APOSTROPHE_S.match(s[m0.end:m0.end + 3]):
                    return r[0], r[1], "attr.subject"
        return None

    @staticmethod
    def _envoy(head, country: SourceRef) -> SourceRef:
        label = f"{head.text} of {country.label}"
        return SourceRef(slug(label), label, "Person", speaks_for=country, known=False)

    def _envoys_country(self, head) -> SourceRef | None:
        """The country (or body) an envoy ``head`` speaks for, by its name ("the representative of the United States",
        "Syria's delegate")."""
        if head.lemma_.lower() not in self.envoy_nouns or any(c.dep_ == "acl" and c.lemma_.lower() in ("cite", "quote")
                                                              for c in head.children):
            return None  # (not "the representative of the United Kingdom, citing the WHO": the WHO's figure)
        named = [c for c in head.children if c.dep_ == "poss"] + [
            p for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for") for p in c.children if p.dep_ == "pobj"]
        for n in named:
            words = [t for t in n.subtree if t.dep_ not in ("det", "case") and t.i <= n.i]
            if n.pos_ == "PROPN" and words and all(t.pos_ == "PROPN" for t in words):
                # (a name: the gazetteer knows few of the countries that send envoys)
                text = n.doc[words[0].i:n.i + 1].text
                return self._met_in_words(text) or as_written(text)
        return None

    def _body_of_part(self, head):
        """The named body ``head`` is a part of ("members of the Erk party", "the desk of the Kingmi Papua Church"), or
        None (not "members of the public": a body's name has a proper noun)."""
        if head.lemma_.lower() not in self.parts_of_a_body:
            return None
        return next((p for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                     for p in c.children if p.dep_ == "pobj"
                     and any(t.pos_ == "PROPN" for t in p.subtree if t.i <= p.i)), None)

    def from_parse(self, s: str, found: Speaker, ms: list[Mention]) -> tuple[SourceRef, SourceRef | None] | None:
        """(asserter, speaker) for the phrase the parse found speaking: the mention at its head, else the
        named one inside it, else a new source named by the phrase itself."""
        lo, hi = found.whole
        head = found.head
        if head.pos_ == "ADJ" and head.dep_ == "amod":
            # "the Indian claim to have killed 15": the body met before in that word ("the Indian Army"), else the country
            met = self._met_in_words(head.text)
            country = next((self.index.vocab.places[k].label for a, b, k in self.places.find(head.text)
                            if a == 0 and b == len(head.text) and self.index.vocab.places[k].kind == "Country"), None)
            return (met or as_written(country or head.text)), None
        country = self._envoys_country(head)
        if country is not None:
            # "The representative of France said", "Syria's delegate said": the country, through its envoy (whom a
            # "he said" after means)
            return country, self._envoy(head, country)
        whole = self._body_of_part(head)
        if whole is not None:
            # "Exiled members of the opposition Erk party said", "the justice and peace desk of the Kingmi Papua
            # Church says": the body they are part of speaks
            head = whole
            found = Speaker(whole, found.rule)
            lo, hi = found.span
        elif head.dep_ == "ROOT":
            lo, hi = found.span  # a subject the parser made the root: its phrase, not the whole sentence
        # not a body named in a clause about the speaker ("The health bureau, which is run by the TPLF, said")
        aside = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in head.children if c.dep_ == "relcl"
                 # nor where the speaker is: "the IRC's surgical team at Al-Noor Hospital"
                 or (c.dep_ == "prep" and c.lower_ in ("at", "in", "near", "inside", "outside"))
                 # nor whom it spoke to: "A local official, reached by telephone by AFP, gave a toll"
                 or (c.dep_ == "acl" and head.lemma_.lower() in PERSON_ROLES and any(a.dep_ == "agent" for a in c.children))
                 # nor who heads or runs the body that speaks: "Sudan's sovereign council, headed by army chief X, said"
                 or (c.dep_ == "acl" and not found.document and head.lemma_.lower() in self.organisation_nouns
                     and any(a.dep_ == "agent" for a in c.children))]
        # nor, for people described by where they are from, the name of that place the index may take for a person's:
        # "Survivors of Tula Toli told APW" (not "the spokesman of X", whose X speaks)
        of_place = ([(c.idx, c.right_edge.idx + len(c.right_edge)) for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
                    if head.pos_ == "NOUN" and head.tag_ == "NNS" and head.lemma_.lower() not in PERSON_ROLES
                    and head.lemma_.lower() not in self.organisation_nouns and head.lemma_.lower() not in self.description_types
                    else [])
        cands = [m for m in ms if m.start < hi and m.end > lo and not any(a <= m.start < b for a, b in aside)
                 and not (m.kind == "person" and any(a <= m.start < b for a, b in of_place))
                 # (nor a possessive inside the phrase: "A villager ... who asked not to be named to protect his safety")
                 and not (m.kind == "anaphor" and m.text.lower() in ("his", "her", "its", "their")
                          and not head.left_edge.idx <= m.start <= head.idx)]  # ("His round-up": his)
        workplace = next((m for c in head.children if c.dep_ == "prep" and c.lower_ == "at" for p in c.children
                          if p.dep_ == "pobj" for m in ms if m.kind == "org" and m.start <= p.idx < m.end
                          and self.place_nouns.isdisjoint(m.text.lower().split())), None)
        if workplace is not None and head.pos_ == "NOUN" and not any(m.kind != "anaphor" for m in cands):
            # "Researchers at Ghent University estimated": the body they work at (not "a team at Al-Noor Hospital":
            # a place, where the speaker is)
            return self.resolve(workplace, s, ms)
        owned = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if owned is not None and head.lemma_.lower() in self.description_types and not found.document:
            # "its army said": the army (met before, else as written), not whichever body "its" last stood for
            cands = [m for m in cands if not (m.kind == "anaphor" and m.start == owned.idx)]
            if not cands:
                return self.resolve(Mention(head.idx, head.idx + len(head), SourceRef("?", head.text, "Organization"),
                                            "anaphor", f"the {head.lower_}"), s, ms)
        if found.document:
            # "Reports from outlets such as the BBC", "figures from the ministry": the source named or described
            # inside; a bare document gives nobody
            cands = [m for m in cands if m.kind != "anaphor" or m.text.lower().split()[-1] in self.description_types]
            body = next((c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                         and (c.lower_ in self.organisation_nouns or c.lower_ in self.description_types)), None)
            unit = [t for t in head.lefts if t.dep_ in ("amod", "compound") and t.pos_ in ("ADJ", "NOUN")]
            if not cands and body is None and len(unit) >= 2 and unit[0].lower_ in self.description_types:
                # "a military intelligence assessment": a unit of the kind of body its first modifier says
                label = " ".join(t.text for t in unit)
                return as_written(label), None
            if not cands and body is not None:
                # "according to a police statement", "an army statement said": the body the document is of, as the
                # text describes it (the one of that kind met before, else as written)
                return self.resolve(Mention(body.idx, body.idx + len(body), SourceRef("?", body.text, "Organization"),
                                            "anaphor", f"the {body.lower_}"), s, ms)
            where = next((t for t in head.subtree if t.pos_ == "PROPN" and t.dep_ == "pobj" and t.head.lower_ in ("in", "by")
                          and t.head.head.dep_ == "acl" and t.head.head.head.i == head.i), None)
            if not cands and where is not None and (label := speaker_label(where, self.time_words)):
                return as_written(label), None  # "A study published in The Lancet estimated": the journal's, as written
            if (not cands and found.rule == "speech" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
                    and unit):
                # "A 2001 academic study estimated": a document of no one named that speaks, as written (not the source
                # before; but "officials found none credible, according to a monthly report" is theirs)
                return as_written(" ".join(t.text for t in [*unit, head])), None
            if not cands:
                return None
        if head.pos_ == "PRON" and head.lower_ in ("it", "they") and head.head.dep_ != "ROOT":
            # "The United Nations stopped updating its count in 2014, when it put the toll at 191,000": a pronoun in a
            # clause under the sentence's own is the body the sentence is about, not the body that spoke before
            # (or the body they are of: "Researchers at Human Rights Watch spent a month ..., where they count 400 dead")
            about = {u.idx for t in head.doc if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and t.i < head.i
                     for u in t.subtree}
            subject = next((m for m in ms if m.kind in ("org", "outlet") and any(m.start <= i < m.end for i in about)), None)
            if subject is None:
                # ... else the nearest body before it that is a clause's subject, and one in number ("a toll that the UN
                # stopped updating in April, when it said ...")
                subjects = [u for u in head.doc[:head.i] if u.dep_ in ("nsubj", "nsubjpass")
                            and (head.lower_ == "they" or u.tag_ not in ("NNS", "NNPS"))]
                subject = next((m for u in reversed(subjects) for m in ms
                                if m.kind in ("org", "outlet") and m.start <= u.idx < m.end), None)
            if subject is not None:
                return self.resolve(subject, s, ms)
        at_head = [m for m in cands if m.start <= head.idx < m.end]
        if found.pronoun is not None and not any(m.kind in ("org", "generic", "person") for m in at_head):
            return None  # "The strike killed 12, it said": "it" is not the strike; the context tells who
        # joint speakers ("Lebanon's government and the Red Cross"): the first named, the head, speaks
        conjoined = {t.idx for c in head.children if c.dep_ == "conj" for t in c.subtree}
        named = sorted((m for m in cands if m.kind != "anaphor" and not any(m.start <= i < m.end for i in conjoined)),
                       key=lambda m: (_SPEAKER_ORDER.get(m.kind, 9), m.start))
        # "the monitoring group ACLED", "the charity Save the Children": the name, not the description
        # (the parser may hang the name beside the description, outside its phrase)
        named_after = [m for m in ms if m.kind in ("person", "org") and m.start >= hi and not s[hi:m.start].strip()]
        # ... or before it, when the parser took the appositive for the subject: "Airwars, a UK-based monitoring
        # group, recorded ..."
        named_after += [m for m in ms if m.kind in ("person", "org") and m.end <= lo and s[m.end:lo].strip() == ","]
        # "Airwars, a UK-based monitor, estimates": the name, not its appositive description (which the parser
        # may take for the head, and which may name some other body in the gazetteer)
        opening = [m for m in cands if m.kind in ("person", "org") and m.start == lo and s[m.end:m.end + 1] == ","]
        if opening and at_head and at_head[0].start > opening[0].start:
            at_head = opening
        # ... also when the parser's head is the appositive itself, a description with "a" ("a UK-based monitor")
        described = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
        before = [m for m in ms if m.kind in ("person", "org") and m.end <= lo and s[m.end:lo].strip() == ","
                  and _OPENING_THE.fullmatch(s[:m.start])]  # (the name opens the sentence: not "..., an official said")
        if described and before:
            at_head = before[-1:]
        if at_head and at_head[0].kind == "generic" and (named_after or (named and named[0].kind in ("person", "org"))):
            first = named_after[0] if named_after else named[0]
        elif at_head and (at_head[0].kind != "anaphor" or head.pos_ == "PRON" or not named):
            first = at_head[0]
        elif not cands and head.pos_ == "NOUN" and (right_after := [m for m in named_after if m.start >= hi]):
            first = right_after[0]  # "The state news agency SANA said": the name after a description no mention names
        else:
            first = named[0] if named else (cands[0] if cands and not conjoined else None)
        if first is not None:
            # "the UN Mission in the country, UNMISS": the acronym set off after a description names it exactly
            acronym = next((m for m in ms if m.kind == "org" and m.ref.known and m.text.isupper() and first.end < m.start
                            and (s[first.end:m.start].endswith(", ") and "," not in s[first.end:m.start - 2]
                                 or _KNOWN_AS.fullmatch(s, first.end, m.start))
                            and m.start - first.end < 40), None)
            first = acronym or first
        resolved = self.resolve(first, s, ms) if first is not None else None
        if resolved is not None or head.pos_ == "PRON":
            return resolved
        label = speaker_label(head, self.time_words)
        if label is None:
            return None
        words = label.lower().split()
        if words[-1] in _SPOKESPEOPLE:
            # "A spokesman said": a spokesman of the body in context; "The Interior Ministry's toll stood at 83, a
            # ministry spokesman said": of the body the sentence named before him (of the kind his role says)
            kind_word = words[-2] if len(words) > 1 else None
            here = next((m for m in ms if m.kind == "org" and m.end <= head.idx
                         and (kind_word is None or self._bears_word(m.ref, kind_word))), None)
            org = ((self.resolve(here, s, ms) or (None,))[0] if here is not None else None) or (
                self._described(kind_word) if kind_word else None) or self.last_org
            if org is not None:
                return org, SourceRef(slug(label), label, "Person", known=False)
        if self._is_place(label):
            # "Israel says", "Russia claimed": a state speaks through its government; "North Kivu said" is
            # a misparse, not a speaker
            if not self._is_country(label):
                return None
            return as_written(label), None
        if _names_a_person(head, self.organisation_nouns):
            # the name's words, after any office before them ("Police Chief Maria Lopez": Maria Lopez)
            name_words = sorted((c for c in head.lefts if c.dep_ in ("compound", "flat")), key=lambda c: c.i)
            office = [w for w in name_words if w.lower_ in PERSON_ROLES or w.lower_ in self.description_types]
            first = next((w for w in name_words if not office or w.i > office[-1].i), head)
            person = self._person(s[first.idx:head.idx + len(head.text)], s, head.idx + len(head.text), first.idx)
            self.last_person = person
            return (person.speaks_for or person), person
        portfolio = _PORTFOLIO.fullmatch(f"the {label.lower()}")
        if portfolio and portfolio.group(1) != "prime":  # "the Interior Minister" (capitalised): the ministry
            label = f"Ministry of {(portfolio.group(1) or portfolio.group(2)).title()}"
        if label.islower() and " " not in label and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            # "the service wrote on Telegram" after "Ukraine's State Emergency Service": the body met that the word
            # names; "the source said" after "a security source told AFP": the speaker so described
            met_before = self._described(label) if label in self.organisation_nouns else None
            met_before = met_before or next((o for o in reversed(self._unnamed) if o.label.split()[-1] == label), None)
            if met_before is not None:
                return met_before, None
        if label.islower() and " " in label:
            # "the task force said" after "the Combined Joint Task Force": a description in the words of a name met
            # (not one word: "a source at the Police Command" is not the "military source" quoted before)
            named = self._met_in_words(label)
            if named is not None:
                return named, None
        return as_written(label), None

    def note(self, asserter: SourceRef | None, speaker: SourceRef | None) -> None:
        if asserter is not None:
            self.last_asserter = (asserter, speaker)
            if not asserter.known and asserter.label.islower():
                self._unnamed.append(asserter)
            if asserter.kind != "Outlet" and asserter.kind != "Person":
                self.last_org = asserter
        if speaker is not None:
            self.last_person = speaker

    def note_envoys(self, s: str, doc, ms) -> None:
        """Remember an envoy who speaks in a sentence without figures ("The representative of the Russian Federation said
        that ...; ..., he said"): whom a "he said" after means."""
        for t in doc:
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in self.reporting_verbs and (country := self._envoys_country(t)):
                envoy = self._envoy(t, country)
                self.last_asserter, self.last_person = (country, envoy), envoy

    def note_acts(self, s: str, acts, ms, in_quote: bool = False, doc=None) -> None:
        """Remember who spoke in a sentence (even one without figures), and who issued the reports named."""
        people = [m.ref for m in ms if m.kind == "person"]
        # (one who speaks for a body before one who may be a channel or a place: "read on Tele Sahel by the
        # ministry's spokesman, Colonel X")
        person = next((p for p in people if p.speaks_for is not None), people[0] if people else None)
        if person is not None:
            self.last_person = person  # "Al-Aghbash described the clashes ... Thirty were killed, he said."
        subject = sentence_subject(doc) if doc is not None and not acts else None
        about = next((m for m in ms if m.start <= subject.idx < m.end and m.kind in ("org", "generic")), None) if subject is not None else None
        if about is not None:
            # the body a sentence is about, though it says nothing ("The same day, the UN human rights office posted
            # its update. From 24 February it had recorded 1,035 ...")
            self.last_org = self._named_for(about)
        elif not acts and ms and ms[0].kind in ("org", "generic") and _OPENING_DESCRIBED.fullmatch(s[:ms[0].start]):
            # (unparsed) "The ministry stopped publishing updates. Its most recent tally put the toll at 9,120."
            self.last_org = self._named_for(ms[0])
        elif (not acts and ms and ms[0].kind == "anaphor" and ms[0].ref.kind != "Person" and ms[0].text.lower().startswith("the ")
              and ms[0].start == 0 and (about := self.resolve(ms[0], s, ms)) and about[0].kind not in ("Outlet", "Person")):
            # ... named by its kind: "The ministry's figures tell a different story. In a statement it said ..."
            self.last_org = about[0]
        for m in ms:
            if m.kind == "outlet":
                self._outlets.append(m.ref)
            if m.kind == "org" and m.ref.known and not self._bare_noun(m):
                self._met = [o for o in self._met if o.key != m.ref.key] + [m.ref]
            if m.kind not in ("org", "generic"):
                continue
            if _REPORT_AFTER.match(s[m.end:m.end + 50]) or _REPORT_BEFORE.search(s[max(0, m.start - 50):m.start]):
                self.last_report_org = m.ref
            if _OFFICIALS_AFTER.match(s, m.end) or _OFFICIALS_OF.search(s[max(0, m.start - 40):m.start]):
                self.officials_of = m.ref  # "Kenyan army officials said", "officials with the coalition"
        quoted_org = None
        for a0, a1, subj, rule in acts:
            if subj.kind == "anaphor" and quoted_org is not None and re.search(r"report|statement|summary|document|study", subj.text, re.I):
                # '"CJTF-OIR assesses ...," the report said': the report is CJTF-OIR's
                self.last_report_org = quoted_org
            r = self.resolve(subj, s, ms)
            if r and subj.kind == "org" and (s[:a0].count('"') % 2 == 1) != in_quote:
                quoted_org = r[0]
            if r:
                asserter, speaker = r
                if asserter.kind not in ("Outlet",) and asserter.kind != "Person":
                    self.last_org = asserter
                if asserter.kind != "Outlet":
                    self.last_asserter = (asserter, speaker)
                if speaker is not None:
                    self.last_person = speaker
