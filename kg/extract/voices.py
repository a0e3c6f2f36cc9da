"""Who speaks by a piece's layout, not by a sentence's words: a letter's signatory and the body they sign for, the
speaker a talk's transcript opens by naming, whom a transcript's tag names (and the witness it says testifies), who
answers a question a host or counsel puts, and the items of a list a line opens.

The sentence stages find who says a figure from its own sentence; these read the shape of the whole piece, for the
figures their sentences leave with no one (or with "I", "we", "our" or "you").
"""

from __future__ import annotations

import re

from kg.extract.attribution import PERSON_ROLES, Attributor, as_written, is_host_tag, slug
from kg.extract.parse import parse_all
from kg.extract.syntax import sentence_subject
from kg.model import SourceRef

_NAME_LINE = re.compile(r"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?[A-Z][a-z'\u2019-]+(?:\s+(?:[A-Z][a-z'\u2019-]+|[A-Z]\.|de|van|von|al|bin)){1,3}")
_NOTE_LINE = re.compile(r"(?:Editor|Editors)['\u2019]?s?\s+note\b|Note\b|Correction\b", re.I)

# a list's item: "- 23 militants killed", "1. Between 28 December ...", "(a) ..."
LIST_ITEM = re.compile(r"\s*(?:[-*\u2022\u2013]\s+|\(?\d{1,2}[.)](?:\s+|$)|\(?[a-z][.)]\s+)")


def find_signatory(sents) -> SourceRef | None:
    """The name a letter or an opinion piece is signed with: a line that is only a name, among the last three lines
    before any editor's note ("Kamala Thapa Magar / Gulariya, Bardiya / Editor's note: ...")."""
    lines = list(sents[1:])  # (past the headline; a short line at the end may be taken for one too)
    while lines and _NOTE_LINE.match(next(t for t in lines if t.para == lines[-1].para).text):
        lines = [t for t in lines if t.para != lines[-1].para]
    for i in range(max(0, len(lines) - 3), len(lines)):
        t = lines[i]
        if _NAME_LINE.fullmatch(t.text.strip()) and not any(u.para == t.para and u is not t for u in lines):
            name = t.text.strip()
            # ("Anne Laurent / Director, Medics Without Walls": whom the signatory speaks for)
            office = _OFFICE_LINE.fullmatch(lines[i + 1].text.strip()) if i + 1 < len(lines) else None
            if office is not None and office.group("role").split()[-1].lower() not in _SIGNING_ROLES:
                office = None  # ("Gulariya, Bardiya": where the writer lives)
            body = as_written(office.group("body")) if office else None
            return SourceRef(slug(name), name, "Person", speaks_for=body, known=False)
    return None


_SIGNING_ROLES = PERSON_ROLES | {"coordinator", "chair", "chairman", "chairwoman", "chairperson", "secretary", "founder",
                                  "executive", "officer", "president", "manager", "representative", "researcher"}
_OFFICE_LINE = re.compile(r"(?P<role>(?:[A-Z][\w-]*\s*){1,3}),\s*(?P<body>(?:[A-Z][\w'-]*|of|for|the|and)(?:\s+(?:[A-Z][\w'-]*|of|for|the|and)){1,7})")


_TALK = re.compile(r"\b(?:lecture|speech|address|remarks|talk|sermon|testimony|letter)\b", re.I)


def speaker_of_the_talk(sents, att: Attributor) -> SourceRef | None:
    """The person the opening says gave the talk the piece is a transcript of: the first person the first three
    sentences name, when one of them speaks of a lecture, a speech, an address, remarks or testimony ("Siobhan
    McCafferty, chair of the Committee, spoke at the monument ... Her address is reproduced in full below.")."""
    opening = [t for t in sents if not t.headline][:3]
    if not any(_TALK.search(t.text) for t in opening):
        return None
    named = _first_person_named(opening, att)
    if named is not None:
        return named
    # (a name the index does not know for a person's: the proper-noun subject of the opening's main verb)
    for t, doc in zip(opening, parse_all([t.text for t in opening])):
        subject = sentence_subject(doc)
        if subject is not None and subject.dep_ == "nsubj" and subject.pos_ == "PROPN":
            words = [w for w in subject.subtree if w.i <= subject.i and w.pos_ == "PROPN"]
            return att.person_at(t.text, words[0].idx, subject.idx + len(subject))
    return None


_INTERVIEW = re.compile(r"\b(?:interview(?:ed)?|spoke to|talked to|Q&A)\b", re.I)


def question_paragraphs(sents) -> set[int]:
    """The paragraphs an interviewer asks in: those whose last sentence is a question."""
    last: dict[int, str] = {}
    for t in sents:
        if not t.headline:
            last[t.para] = t.text
    return {para for para, text in last.items() if text.rstrip().endswith("?")}


def interviewee(sents, att: Attributor, questions: set[int]) -> SourceRef | None:
    """The person a Q&A interview is with: in a piece of at least two question paragraphs, each followed by an answer,
    whose opening (the paragraphs before the first question) says it is an interview, the first person it names
    ("Nadia Qassab, 61, a historian ... She spoke to The Levant Review")."""
    answered = [p for p in questions if any(t.para == p + 1 or t.para == p + 2 for t in sents)]
    if len(answered) < 2:
        return None
    first = min(questions)
    opening = [t for t in sents if not t.headline and t.para < first]
    if not any(_INTERVIEW.search(t.text) for t in opening):
        return None
    return _first_person_named(opening, att)


def _first_person_named(sents, att: Attributor) -> SourceRef | None:
    """The first person the sentences name."""
    return next((m.ref for t in sents for m in att.mentions(t.text) if m.kind == "person"), None)


def voice_of(person: SourceRef) -> tuple[SourceRef, SourceRef]:
    """(asserter, speaker) of a person who speaks: the body they speak for, else themselves."""
    return person.speaks_for or person, person


def tag_source(att: Attributor, tag: str, talk_speaker: SourceRef | None) -> tuple | None:
    """(asserter, speaker) a transcript's tag names; "WITNESS", in "the testimony of Mr. Teodoro Quispe", the one who
    testifies."""
    found = att.tag_source(tag)
    if found is None and talk_speaker is not None and " ".join(tag.split()).upper().removeprefix("THE ") == "WITNESS":
        return voice_of(talk_speaker)
    return found


def answering_tag(sents, si: int) -> str | None:
    """The tag of the one who answers the host's question in sentence ``si``: the next turn's, else the last one's."""
    after = (t.speaker_tag for t in sents[si + 1:] if t.speaker_tag and not is_host_tag(t.speaker_tag))
    before = (t.speaker_tag for t in reversed(sents[:si]) if t.speaker_tag and not is_host_tag(t.speaker_tag))
    return next(after, None) or next(before, None)
