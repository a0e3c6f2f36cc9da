"""Who speaks by a piece's layout: a letter's signatory, a talk's speaker, a list's items."""

from kg.extract.attribution import Attributor
from kg.extract.sentences import split
from kg.extract.voices import LIST_ITEM, find_signatory, interviewee, question_paragraphs, speaker_of_the_talk
from kg.vocab import vocabulary


def test_the_signatory_is_a_name_line_among_the_last_ones_before_an_editors_note_with_the_body_they_sign_for():
    letter = split("Headline\n\nSir,\n\nThe count is wrong.\n\nAnne Laurent\nDirector, Medics Without Walls\n\n"
                   "Editor's note: We apologise for the error.")
    found = find_signatory(letter)
    assert (found.label, found.speaks_for.label) == ("Anne Laurent", "Medics Without Walls")
    # (a place under the name is where the writer lives, not whom they speak for)
    assert find_signatory(split("Headline\n\nSir,\n\nThe count is wrong.\n\nKamala Thapa Magar\nGulariya, Bardiya"))\
        .speaks_for is None
    # (news ends with no name line)
    assert find_signatory(split("Headline\n\nThe army said 12 were killed.\n\nReporting by Jane Doe; editing by John Roe")) is None


def test_a_talks_speaker_is_the_person_its_opening_names_and_list_items_are_marked():
    sents = split("Lecture\n\nThe following is an edited transcript of a public lecture given by Maria Lindqvist.\n\nThanks.")
    assert speaker_of_the_talk(sents, Attributor(vocabulary(), None, None)).label == "Maria Lindqvist"
    assert [bool(LIST_ITEM.match(t)) for t in ("- 23 militants killed", "1.", "2. Of these", "12 people died")] == [
        True, True, True, False]


INTERVIEW = ("A historian on the siege\n\nThe siege ended ten years ago. Amal Haddad, a historian in Lyon, has spent a decade "
             "listing its dead. She spoke to the Review from her office.\n\nHow many names are on your list?\n\n"
             "Around 70 of them were officials, killed on the first night.\n\nWhy does the count matter?\n\nBecause a "
             "number is the first thing a state takes from you.")


def test_an_interview_is_with_the_person_its_opening_names_and_its_questions_are_the_interviewers():
    sents = split(INTERVIEW)
    att = Attributor(vocabulary(), None, None)
    asked = question_paragraphs(sents)
    assert sorted(asked) == [2, 4]
    assert interviewee(sents, att, asked).label == "Amal Haddad"
    # (a news story that asks one question of its reader is no interview)
    news = split("Headline\n\nThe UN said 12 were killed, a rights group told an interviewer.\n\nWho will count the rest?")
    assert interviewee(news, att, question_paragraphs(news)) is None


def test_a_talks_speaker_may_be_named_a_sentence_before_the_talk_and_unknown_to_the_index():
    sents = split("Full text\n\nSiobhan McCafferty, chair of the Bloody Sunday Families Committee, spoke at the monument "
                  "yesterday. Her address is reproduced in full below.\n\nFriends, neighbours, families.")
    found = speaker_of_the_talk(sents, Attributor(vocabulary(), None, None))
    assert (found.label, found.speaks_for.label) == ("Siobhan McCafferty", "Bloody Sunday Families Committee")
