"""Metric stage: head noun + verb frame -> SKOS notation, cues from metrics.ttl."""

import pytest

from kg.extract.bounds import figures
from kg.extract.metrics import lexicon, noun_phrase
from kg.extract.numbers import find_numbers
from kg.extract.pipeline import _windows
from kg.vocab import vocabulary


def metrics_of(s):
    lex = lexicon(vocabulary())
    figs = figures(s, find_numbers(s))
    out = []
    for i, f in enumerate(figs):
        after, before, near = _windows(s, figs, i)
        np, marker = noun_phrase(s, f.end)
        res = lex.classify(np, after, before, near)
        out.append(res[0] if res else None)
    return out


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("at least 817 civilians have been unintentionally killed by Coalition strikes", ["civilians-killed"]),
        ("A total of 603 reports are still open.", ["open-reports"]),
        ("reviewing 1,799 reports of possible civilian casualties", ["casualty-reports"]),
        ("from 28,562 strikes that took place", ["strikes"]),
        ("resulted in zero unintentional civilian deaths", ["civilians-killed"]),
        ("The coalition determined that 15 other civilian casualty reports were not credible", ["non-credible-reports"]),
        ("based on an analysis of three reports US officials considered credible", ["credible-reports"]),
        ("Out of the 104 completed casualty reports", ["completed-reports"]),
        ("and received one new report.", ["new-reports"]),
        ("carried over 310 open reports from previous months", ["open-reports"]),
        ("the military is yet to assess 184 reports of casualties", ["open-reports"]),
        ("21 civilians were killed and 11 others were injured", ["civilians-killed", None]),
        ("the Russian bombardment of Kharkiv has killed 21 people and hurt 112", ["people-killed", None]),
        ("more than 2,870 Ukrainian troops have been killed", ["combatants-killed"]),
        ("The \"combatant deaths\" numbered between 2,372 and 2,581", ["combatants-killed"]),
        ("\"non-combatant deaths\" were estimated at between 64 and 116", ["civilians-killed"]),
        ("The mission put the death toll from the strikes at more than 44", ["people-killed"]),
        ("over 61,000 people died of all causes", ["deaths-all-causes"]),
        ("as many as 200,000-300,000 people died on the battlefield", ["combatants-killed"]),
        ("hosting about 600 migrants", [None]),
        ("The US-led coalition of more than 70 countries", ["coalition-members"]),
        ("a speech lasting 45 words", [None]),
    ],
)
def test_metric(sentence, expected):
    assert metrics_of(sentence) == expected


@pytest.mark.parametrize(
    "text, pos, np, marker",
    [
        ("208 of which were deemed credible", 3, "", "ante"),
        ("nine of 101 casualty reports", 4, "", "of-number"),
        ("11 others were injured", 2, "", "ante"),
        ("15 more deaths since", 2, "deaths", "more"),
        ("498 of their troops have", 3, "troops", ""),
        ("the two ISIS (Daesh) snipers, 101", 7, "ISIS snipers", ""),
    ],
)
def test_noun_phrase(text, pos, np, marker):
    assert noun_phrase(text, pos) == (np, marker)


def test_cues_come_from_the_vocabulary():
    lex = lexicon(vocabulary())
    assert {c.cues.notation for c in lex.items} == set(vocabulary().metrics)
    assert any(c.cues.count_nouns for c in lex.items)


# --- the prefilters of Lexicon.classify change nothing -------------------------------------------

import re as _re

from hypothesis import given, settings
from hypothesis import strategies as st


def _clean_reference(s):
    s = _re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", s)
    s = _re.sub(r"[\"'`]", "", s)
    return _re.sub(r"\s+", " ", s).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ()[]\"'`\t\n\u00a0\u2003\x1c.-")), max_size=30))
def test_clean_equals_the_regex_version(s):
    from kg.extract.metrics import _clean

    assert _clean(s) == _clean_reference(s)


def _classify_reference(lex, np, after, before, near_before, inherited=False):
    """Lexicon.classify as it was before the union prefilters: every concept's searches, in order."""
    from kg.extract.metrics import _head

    np, after, before, near_before = (_clean_reference(x) for x in (np, after, before, near_before))
    tail = f"{np} {after}"
    for c in lex.items:
        if c.phrase and c.phrase.search(tail):
            return c.cues.notation, "metric.phrase"
    head = _head(np)
    killed_subject = bool(lex._people_killed and lex._people_killed.search(before))
    for c in lex.items:
        if c.exclude and (c.exclude.search(tail) or c.exclude.search(near_before)):
            continue
        if c.label_end and np and c.label_end.search(head):
            return c.cues.notation, "metric.label"
        noun_ok = bool(c.noun and head and c.noun.search(head)) or bool(
            c.modifier and head and c.modifier.search(head)
            and not any(x.label_end and x.label_end.search(head) for x in lex.items))
        if noun_ok:
            if not c.event and not c.before:
                return c.cues.notation, "metric.noun"
            if not c.event:
                pass
            elif killed_subject and c.cues.notation.endswith("-killed"):
                return c.cues.notation, "metric.noun+subject"
            elif c.event.search(tail) or c.event_near.search(near_before):
                return c.cues.notation, "metric.noun+event"
        if c.before and c.before.search(near_before) and (noun_ok or not np or inherited):
            return c.cues.notation, "metric.frame"
    if not np or _re.fullmatch(r"(?:people|persons|individuals)", head, _re.I):
        for c in lex.items:
            if c.exclude and c.exclude.search(before):
                continue
            found = list(c.label_any.finditer(before)) if c.label_any else []
            doer = not c.cues.notation.endswith(("-killed", "-injured", "-casualties"))
            if found and not (doer and _re.search(r"\b(?:kill|kills|killed|killing|wound|wounds|wounded|wounding|"
                                                   r"injure|injures|injured|injuring)\b", before[found[-1].end():], _re.I)):
                return c.cues.notation, "metric.subject"
    return None


def _cue_words():
    from kg.extract.metrics import lexicon
    from kg.vocab import vocabulary

    lex = lexicon(vocabulary())
    words = set("people civilians were killed in the of said at least more than a total about reports".split())
    for c in lex.items:
        for group in (c.cues.labels, c.cues.count_nouns, c.cues.event_cues, c.cues.before_cues, c.cues.phrase_cues, c.cues.exclude_cues):
            for phrase in group:
                words.update(phrase.lower().split())
    return sorted(words)


_PHRASE = st.lists(st.sampled_from(_cue_words()), max_size=6).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_PHRASE, _PHRASE, _PHRASE, _PHRASE, st.booleans())
def test_classify_equals_the_unfiltered_search(np, after, before, near, inherited):
    from kg.extract.metrics import lexicon
    from kg.vocab import vocabulary

    lex = lexicon(vocabulary())
    assert lex.classify(np, after, before, near, inherited) == _classify_reference(lex, np, after, before, near, inherited)


def test_head_searches_run_once_per_head():
    from kg.extract.metrics import lexicon
    from kg.vocab import vocabulary

    lex = lexicon(vocabulary())
    lex._heads.clear()
    first = lex.classify("civilians", "were killed", "", "")
    hits = lex._heads["civilians"]
    assert lex.classify("civilians", "were killed", "", "") == first
    assert lex._heads["civilians"] is hits
    assert len(hits) == len(lex.items)


def pipeline(text):
    """The whole extractor's claims for a made-up article by the outlet 'Wire'."""
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta

    return extract(normalise(text), ArticleMeta("x.txt", publisher="Wire"), vocabulary())


def pipeline_metrics(text):
    return [(c.metric, int(c.value)) for c in pipeline(text)]


def pipeline_claims(text):
    return [(c.metric, int(c.value), c.asserter.label) for c in pipeline(text)]


def test_killed_or_injured_counts_casualties_and_none_killed_or_injured_is_no_death():
    assert pipeline_metrics("97 civilians were killed or injured in armed violence in September.") == [
        ("civilian-casualties", 97)]
    assert pipeline_metrics("At least 40 civilians were killed and 12 injured.") == [
        ("civilians-killed", 40), ("civilians-injured", 12)]
    assert pipeline_metrics("The army said no civilians were injured or killed in the raid.") == [
        ("civilians-killed", 0), ("civilians-injured", 0)]
    assert pipeline_metrics("The governor said a garage had been damaged and that there had been no casualties.") == [
        ("people-killed", 0), ("people-injured", 0)]


def test_members_of_an_armed_group_are_combatants_and_of_a_family_civilians():
    assert pipeline_metrics("The air force struck a training camp on Monday, killing 21 members of the group.") == [
        ("combatants-killed", 21)]
    assert pipeline_metrics("A spokesperson for the rebels said none of its members had been killed.") == [
        ("combatants-killed", 0)]
    assert pipeline_metrics("Six members of the same family were killed when a shell hit their home.") == [
        ("civilians-killed", 6)]


def test_a_figure_with_a_verb_of_its_own_is_not_the_dead_before_it():
    cs = pipeline("She said 54 of the dead were children and that 196 people had been kidnapped over the same period.")
    assert 196 not in [int(c.value) for c in cs]


def test_n_of_them_children_is_a_count_of_children():
    assert pipeline_metrics("The council says air strikes have killed at least 312 civilians in the state since the "
                            "February 2021 coup, 71 of them children.") == [("civilians-killed", 312), ("children-killed", 71)]


def test_n_of_them_counts_the_people_named_before_in_its_sentence():
    assert pipeline_metrics("The clinic said 56 people had died.\n\nThe spokesman said the raid had struck \"a "
                            "gathering of rebel fighters\", killing \"about 30 of them\".") == [
        ("people-killed", 56), ("combatants-killed", 30)]


def test_outlaws_eliminated_and_enemy_forces_are_combatants_and_a_count_speaks_for_no_one():
    assert pipeline_claims("The army said 934 outlaws were eliminated.") == [("combatants-killed", 934, "army")]
    assert pipeline_claims("The army said 10 enemy forces had died in the raid.") == [("combatants-killed", 10, "army")]
    assert pipeline_claims("Worse were the losses of civilians and police: 1,612 fatalities, accounting for most deaths.") == [
        ("people-killed", 1612, "Wire")]


def test_a_count_revised_to_a_new_value_keeps_its_population():
    assert pipeline_metrics("The defence minister said the operation had killed ten members of the armed group. He "
                            "later revised the number of dead to twelve, with five captured.") == [
        ("combatants-killed", 10), ("combatants-killed", 12)]


def test_civilian_bodies_recovered_are_civilians_killed():
    cs = pipeline("The commissioner said that over 1,000 civilian bodies were recovered around the capital.")
    assert [(c.metric, int(c.value), c.bound) for c in cs] == [("civilians-killed", 1000, "more-than")]


def test_denying_that_civilians_were_killed_is_a_count_of_none():
    assert pipeline_claims("The alliance denied that civilians had been killed, saying 10 enemy forces had died.") == [
        ("civilians-killed", 0, "alliance"), ("combatants-killed", 10, "alliance")]
    assert pipeline_claims("The ministry rejected claims that 30 civilians had been killed.") == [
        ("civilians-killed", 30, "ministry")]


def test_rocket_and_missile_attacks_are_strikes():
    assert pipeline_metrics("The governor said Russian forces had launched seven rocket attacks on the city.") == [
        ("strikes", 7)]


def test_more_hurt_after_a_breakdown_count_the_whole_and_no_metric_outside_the_scheme_is_made():
    cs = pipeline("A missile hit a block of flats in the town on Tuesday. Local officials put the dead at 19, four of "
                  "them children, and said 32 more were hurt when the missile hit.\n\nThe governor wrote that six of "
                  "the injured were in a serious condition and that 11 of them were children.")
    assert all(c.metric in vocabulary().metrics for c in cs)
    assert ("people-injured", 32) in [(c.metric, int(c.value)) for c in cs]


def test_fatally_shot_and_shot_dead_are_killed():
    cs = pipeline("At least five people, including a police officer, were fatally shot and two others were injured, "
                  "the prosecutor said.")
    assert [(c.metric, int(c.value), c.bound) for c in cs] == [("people-killed", 5, "at-least"), ("people-injured", 2, "exact")]


def test_a_figure_with_no_noun_counts_whom_the_act_struck():
    assert pipeline_metrics("A second airstrike hit a car carrying civilians, killing three and wounding seven.") == [
        ("civilians-killed", 3), ("civilians-injured", 7)]
    assert pipeline_metrics("Gunmen ambushed a convoy of soldiers near the border, killing four.") == [
        ("combatants-killed", 4)]
    # the doers are not the victims, and a place struck names no one
    assert pipeline_metrics("Militants attacked the village on Sunday, killing 12.") == [("people-killed", 12)]
    assert pipeline_metrics("Soldiers raided the camp, killing 12.") == [("people-killed", 12)]


def test_the_parse_names_the_victims_of_an_outcome_noun_and_a_population_modifier_on_any_noun():
    # "the death of N guests": people killed, whatever the noun (workers are civilians); an outcome that may befall
    # things does not count them
    assert pipeline_metrics("The ministry announced on Sunday night the death of seven guests.") == [("people-killed", 7)]
    assert pipeline_metrics("The ministry announced on Sunday night the death of seven workers.") == [("civilians-killed", 7)]
    assert pipeline_metrics("The army said it had lost 12 tanks in the battle.") == []
    # "among civilians" names the population of both joined counts
    assert pipeline_metrics("The mission documented 297 deaths and 371 injuries among civilians.") == [
        ("civilians-killed", 297), ("civilians-injured", 371)]
    # what they were victims of
    assert pipeline_metrics("The commission said 587 people were victims of intentional homicide in the state.") == [
        ("people-killed", 587)]
    # "civilian" before a noun the scheme does not list
    assert pipeline_metrics("Four civilian passengers lost their lives in the attack.") == [("civilians-killed", 4)]
    assert pipeline_metrics("Two civilian drivers were wounded, police said.") == [("civilians-injured", 2)]


def test_what_a_noun_is_made_of_its_own_predicate_and_a_difference_are_not_counts_of_the_outcome_around_them():
    assert pipeline_metrics("The office said 30 people were killed and 14 wounded in Fort-Lamarre, a warren of cinderblock "
                            "homes of roughly 9,000 residents.") == [("people-killed", 30), ("people-injured", 14)]
    assert pipeline_metrics("The network said its investigators had counted bodies in the streets, and that 12 other "
                            "residents were still unaccounted for.") == []
    assert pipeline_metrics("The office said at least 5,601 people were killed in 2024, more than 1,000 more than the "
                            "year before.") == [("people-killed", 5601)]


def test_the_parts_a_passive_count_of_the_dead_is_made_up_of_are_dead():
    assert pipeline_metrics("Lawan said the 41 dead were made up of 33 civilians and eight soldiers.") == [
        ("people-killed", 41), ("civilians-killed", 33), ("combatants-killed", 8)]


def test_a_counts_apposition_that_says_who_all_of_them_were_gives_its_population():
    assert pipeline_metrics("The ministry said the toll had risen to 12 martyrs, all of them civilian workers, in "
                            "addition to 27 wounded.") == [("civilians-killed", 12), ("civilians-injured", 27)]
    # (most of them: people, of whom most were civilians)
    assert pipeline_metrics("At least 30 people were killed, most of them civilians, officials said.") == [
        ("people-killed", 30)]


def test_troops_a_country_has_or_sends_are_no_casualty_count():
    assert pipeline_metrics("Civilian deaths caused by Afghan and international forces have risen sharply this year as "
                            "the United States, which has some 14,000 troops in the country, stepped up air "
                            "operations.") == []


def test_a_part_of_the_speakers_own_people_counts_people():
    assert pipeline_metrics('Philippe Lazzarini, the head of UNRWA, said in a post on X that "more than 280 of our '
                            'colleagues" had now been killed since the war began.') == [("people-killed", 280)]


def test_the_remaining_deaths_of_a_whole_are_of_its_population():
    assert pipeline_metrics("At least 61 civilians were killed by rebels. The group could not determine responsibility "
                            "for the remaining 16 deaths.") == [("civilians-killed", 61), ("civilians-killed", 16)]


def test_the_bare_dead_a_toll_is_put_at_are_those_its_object_names():
    assert pipeline_metrics("Police later put the civilian toll from the blast at four dead.") == [("civilians-killed", 4)]
    assert pipeline_metrics("Police later put the death toll from the blast at four dead.") == [("people-killed", 4)]


def test_soldiers_killed_or_wounded_and_their_casualties_are_no_count_of_the_dead_or_of_civilians():
    assert pipeline_metrics("The military said its forces had killed or wounded 1,200 Russian troops.") == []
    assert pipeline_metrics("Zelenskyy said North Korean troops fighting in Kursk had suffered about 3,000 "
                            "casualties.") == []
    # (bare casualties of no one in particular are still civilians')
    assert pipeline_metrics("The strike caused 30 casualties, the mayor said.") == [("civilian-casualties", 30)]


def test_a_forces_losses_are_its_dead_and_wounded_and_no_count_of_its_dead():
    assert pipeline_metrics("In the South Donetsk direction, the enemy's losses amounted to up to 340 servicemen.") == []
    assert pipeline_metrics("The ministry claimed to have inflicted losses of up to 300 servicemen on the units.") == []
    assert pipeline_metrics("The general staff regretted the loss of nine soldiers who fell with arms in hand.") == [
        ("combatants-killed", 9)]


def test_sorties_are_flights_and_strike_sorties_are_strikes():
    assert pipeline_metrics("According to NATO, alliance aircraft have flown 18,214 sorties since the mission began, "
                            "including 6,904 strike sorties.") == [("strikes", 6904)]


def test_marines_are_combatants_and_a_toll_among_militants_is_theirs():
    assert pipeline_metrics("Thirteen Marines were killed in a single day of street fighting, the navy said.\n\n"
                            "The army says the death toll among militants has passed 400.") == [
        ("combatants-killed", 13), ("combatants-killed", 400)]


def test_quotation_marks_around_what_a_figure_counts_do_not_part_them():
    assert pipeline_metrics('The army claimed 146 "terrorists neutralised" in operations over the previous seven days.') == [
        ("combatants-killed", 146)]


def test_a_people_a_figure_names_are_people():
    assert pipeline_metrics("Georgia's Interior Ministry said 215 Georgians have been killed, including 133 servicemen.") == [
        ("people-killed", 215), ("combatants-killed", 133)]
    assert pipeline_metrics("Its convenor said more than 70 Meitei had been killed in the clashes.") == [("people-killed", 70)]
    # (not a headline's capitals)
    assert pipeline_metrics("TROOPS RESCUE 97 KIDNAPPED HOSTAGES IN ONE WEEK") == []


def test_peacekeepers_are_combatants_and_the_missing_presumed_dead_are_missing():
    assert pipeline_metrics("Russia says 10 of its peacekeepers have been killed and 30 wounded.") == [
        ("combatants-killed", 10), ("combatants-injured", 30)]
    assert pipeline_metrics("The panel found that 11 people were killed, and that four more are missing and presumed dead.") == [
        ("people-killed", 11), ("people-missing", 4)]


def test_a_count_set_anew_through_a_pronoun_or_a_copula_counts_what_was_counted_before():
    assert pipeline_metrics("The ministry said 149 people had died. By the next morning it had raised that to 421.") == [
        ("people-killed", 149), ("people-killed", 421)]
    assert pipeline_metrics("The ministry said 149 people had died. A rights group said the true number was likely more "
                            "than 1,000.") == [("people-killed", 149), ("people-killed", 1000)]


def test_the_number_of_a_population_killed_is_theirs_where_the_participle_hangs_on_the_clause():
    assert pipeline_metrics("The Defence Ministry added another seven names to its list, raising the number of servicemen "
                            "killed to 81.") == [("combatants-killed", 81)]


def test_a_part_of_a_whole_with_its_own_number_takes_the_predicates_population():
    assert ("civilians-killed", 5) in pipeline_metrics("The church says five of the seven dead were civilians.")


def test_a_people_after_a_bound_and_in_a_list_with_its_parts_are_people():
    assert pipeline_metrics("Officials said an estimated 300 Georgians were killed in the attack.") == [("people-killed", 300)]
    assert pipeline_metrics("The war killed more than 36,000 Americans and an estimated 2.5 million Koreans, civilians and "
                            "soldiers.") == [("people-killed", 36000), ("people-killed", 2500000)]


def test_a_places_population_and_a_series_label_are_no_counts():
    assert pipeline_metrics("Sistan-Baluchestan accounts for 128 of the dead, though it is home to only 3 percent of Iran's "
                            "85 million people.") == [("people-killed", 128)]
    assert pipeline_metrics("The Ledger: Iran's protest death toll, week 11") == []
    # (a place's dead are a count)
    assert pipeline_metrics("Syria's 500,000 dead are mourned.") == [("people-killed", 500000)]


def test_those_a_killing_befell_are_people_whatever_the_noun_but_not_one_of_a_listed_breakdown():
    assert pipeline_metrics("Thirteen suspects were killed in the simultaneous operations in the province.") == [
        ("people-killed", 13)]
    assert pipeline_metrics("A total of 4,279 drug personalities died in operations in which they fought back.") == [
        ("people-killed", 4279)]
    # (the parts of a listed breakdown, and a noun of things, are no count of people)
    assert ("people-killed", 4) not in pipeline_metrics(
        "At least four women, four children and two civilian drivers were killed.")
    assert pipeline_metrics("The army lost 12 tanks.") == []


def test_a_list_of_ages_is_no_count_and_no_deaths_reported_is_no_zero():
    assert pipeline_metrics("Three people were killed. The dead were aged 19, 22 and 24.") == [("people-killed", 3)]
    assert pipeline_metrics("Officials said 63 people had been arrested since Tuesday. No deaths were reported.") == []
    # (a zero someone reports is one)
    assert pipeline_metrics("No deaths were reported by the ministry.") == [("people-killed", 0)]


def test_a_count_that_now_exceeds_a_figure_counts_what_was_counted_before():
    assert pipeline_metrics("The UN said more than 9,000 people had been killed since March 2011. The Observatory says "
                            "the number now exceeds 13,000.") == [("people-killed", 9000), ("people-killed", 13000)]


def test_a_quotations_end_closes_the_clause_whose_words_say_what_a_figure_counts():
    # ("missing" is said of other people, after the quotation)
    assert pipeline_metrics('"We buried 31 people this morning," said a community leader, adding that several people '
                            'were still missing.') == [("people-killed", 31)]


def test_figures_as_high_as_a_value_count_what_was_counted_before():
    assert pipeline_metrics("The ministry said 40 civilians were killed. Local officials have cited figures as high as "
                            "200.") == [("civilians-killed", 40), ("civilians-killed", 200)]
