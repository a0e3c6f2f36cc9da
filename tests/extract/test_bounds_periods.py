"""Bound and period stages."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.bounds import figures
from kg.extract.numbers import find_numbers
from kg.extract.periods import find_periods, parse_date


def _figs(s):
    return figures(s, find_numbers(s))


@pytest.mark.parametrize(
    "text, bound, value, vmax",
    [
        ("at least 817 civilians", "at-least", 817, None),
        ("at a minimum 12 people", "at-least", 12, None),
        ("more than 30,000 strikes", "more-than", 30000, None),
        ("over 130 people", "more-than", 130, None),
        ("upwards of 50 people", "more-than", 50, None),
        ("nearly 8 million Iraqis", "approx", 8000000, None),
        ("about 600,000 people", "approx", 600000, None),
        ("some 3,700 troops", "approx", 3700, None),
        ("an estimated 2,050 people", "approx", 2050, None),
        ("up to 21 militants", "at-most", 21, None),
        ("as many as 168 children", "at-most", 168, None),
        ("as high as 400 dead", "at-most", 400, None),  # FORMAT.md lists it beside "up to"
        ("an estimated total of 1,900 deaths", "approx", 1900, None),
        ("fewer than 10 civilians", "less-than", 10, None),
        ("between 64 and 116 civilians", "range", 64, 116),
        ("around 7,316 to 11,637", "range", 7316, 11637),
        ("200,000-300,000 people", "range", 200000, 300000),
        ("from more than 200 to slightly more than 900 deaths", "range", 200, 900),
        ("carried over 310 open reports", "exact", 310, None),
        ("a total of 24,160 strikes", "exact", 24160, None),
    ],
)
def test_bounds(text, bound, value, vmax):
    f = _figs(text)[0]
    assert (f.bound, f.value, f.value_max) == (bound, Decimal(value), None if vmax is None else Decimal(vmax))


def test_rise_is_not_a_range():
    assert [f.bound for f in _figs("the toll rose from 30 to 42")] == ["exact", "exact"]


C = {"Operation Inherent Resolve": "2014-08", "the campaign against the Islamic State": "2014-08"}


@pytest.mark.parametrize(
    "text, published, start, end",
    [
        ("since the start of Operation Inherent Resolve", "2017-09", "2014-08", None),
        ("since the start of the campaign in August 2014 through November 2017", None, "2014-08", "2017-11"),
        ("between August 2014 and end of November 2018", "2018-12", "2014-08", "2018-11-30"),
        ("From August 2014 to July 2017", "2017-09", "2014-08", "2017-07"),
        ("during the month of July", "2017-09", "2017-07", "2017-07"),
        ("In the month of September", "2018-10", "2018-09", "2018-09"),
        ("In November 2017", None, "2017-11", "2017-11"),
        ("in the last year", "2011-08-11", "2010-08-11", "2011-08-11"),
        ("this year", "2018-12", "2018-01", "2018-12"),
        ("last year", "2018-12", "2017-01", "2017-12"),
        ("in last four years", "2018-12", "2014-12", "2018-12"),
        ("killed on Wednesday", "2011-08-11", "2011-08-10", "2011-08-10"),
        ("between January 20, 2009, and Dec. 31, 2015", None, "2009-01-20", "2015-12-31"),
        ("from Sept. 28 to Oct. 13", "2015-12", "2015-09-28", "2015-10-13"),
        ("in the first 11 months of 2018", None, "2018-01", "2018-11"),
        ("in the first half of 2023", None, "2023-01", "2023-06"),
        ("in the third quarter of 2023", None, "2023-07", "2023-09"),
        ("in the 12 months to June", "2024-08-20", None, "2024-06"),
        ("killed yesterday", "2024-08-21", "2024-08-20", "2024-08-20"),
        ("since 2014", "2017-09", "2014-01", None),
        ("on 3 July", "2019-07", "2019-07-03", "2019-07-03"),
        ("on February 2, 2020", None, "2020-02-02", "2020-02-02"),
        ("between August 2014 and the end of September this year", "2018-10", "2014-08", "2018-09-30"),
        ("by the end of March", "2024-04-13", None, "2024-03-31"),
        ("by 5 March", "2024-04-13", None, "2024-03-05"),
        ("since mid-April", "2024-09", "2024-04", None),
        ("between March 27 and 31", "2022-05-12", "2022-03-27", "2022-03-31"),
        ("27-31 March 2022", None, "2022-03-27", "2022-03-31"),
        ("on March 27", "2024-03-13", "2023-03-27", "2023-03-27"),  # later in the month than publication: last year's
    ],
)
def test_periods(text, published, start, end):
    p = find_periods(text, published, C)[0]
    if start is not None:
        assert p.begin == start
    assert p.finish == end


def test_relative_unresolved_without_publication_date():
    p = find_periods("this year", None, C)[0]
    assert p.finish is None and p.text == "this year"


def test_backref():
    assert find_periods("strikes that took place during the period", "2018-01")[0].kind == "backref"


@pytest.mark.parametrize("y, m", [(2014, 8), (2017, 11), (2020, 2), (1999, 12)])
def test_parse_date_round_trip(y, m):
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    assert parse_date(f"{months[m - 1]} {y}") == f"{y:04d}-{m:02d}"


@settings(deadline=None)
@given(st.integers(1950, 2049), st.integers(1, 12), st.integers(1, 28))
def test_parse_day_round_trip(y, m, d):
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    assert parse_date(f"{months[m - 1]} {d}, {y}") == f"{y:04d}-{m:02d}-{d:02d}"


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from([None, "2018", "2018-12", "2018-12-13"]))
def test_periods_never_raise_offsets_inside(text, published):
    for p in find_periods(text, published, C):
        assert 0 <= p.start < p.end <= len(text)
        assert text[p.start:p.end] == p.text


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_figures_never_raise(text):
    for f in _figs(text):
        assert 0 <= f.start <= f.num_start < f.end <= len(text)


@pytest.mark.parametrize(
    "text, published, start, end",
    [
        ("over the past 24 hours", "2024-03-01", "2024-02-29", "2024-03-01"),
        ("over the previous 48 hours", "2024-03-01", "2024-02-28", "2024-03-01"),
        ("between August 2014 and the end of 2021", "2022-06-03", "2014-08", "2021-12"),
        ("In August last year, a siege killed 21 people", "2023-11-17", "2022-08", "2022-08"),
        ("in March this year", "2024-06-21", "2024-03", "2024-03"),
        ("Last August, clashes between the same militias killed 55", "2023-08-17", "2022-08", "2022-08"),
        ("this past March, 20 died", "2023-08-17", "2023-03", "2023-03"),
        ("In the week to March 10, the group recorded 55 deaths", "2024-03-13", "2024-03-04", "2024-03-10"),
        ("with 685 soldiers killed, 2024 turned out to be the deadliest year", "2025-01-30", "2024-01", "2024-12"),
        ("March was the deadliest month, with 23 civilians killed", "2025-06-30", "2025-03", "2025-03"),
        ("23 relatives died on his street in the summer of 2017", "2022-10-17", "2017-06", "2017-08"),
        ("Since fighting erupted in El Fasher, North Darfur, on 10 May, 226 died", "2024-06-21", "2024-05-10", None),
        ("from 2015 to 2022", "2022-06-03", "2015-01", "2022-06"),
        ("in the preceding seven days", "2024-03-10", "2024-03-03", "2024-03-10"),
        ("between Friday and Sunday", "2021-07-26", "2021-07-23", "2021-07-25"),
        ("from Saturday to Monday", "2021-07-25", "2021-07-17", "2021-07-19"),
        ("killed 12 rebels in raids on Tuesday and Wednesday", "2021-07-23", "2021-07-20", "2021-07-21"),
        ("in the last three days", "2024-03-10", "2024-03-07", "2024-03-10"),
        ("last month", "2024-03-10", "2024-02", "2024-02"),
        ("last month", "2024-01-05", "2023-12", "2023-12"),
        ("this month", "2024-03-10", "2024-03", "2024-03"),
        ("during the year", "2021-06", None, None),
        ("killed in a strike two days ago", "2024-03-13", "2024-03-11", "2024-03-11"),
        ("a day ago", "2024-03-01", "2024-02-29", "2024-02-29"),
        ("in mid-February", "2024-03-13", "2024-02", "2024-02"),
        ("in early January", "2024-03-13", "2024-01", "2024-01"),
        ("in late May 2022", "2024-03-13", "2022-05", "2022-05"),
        ("since the start of the year", "2024-10-21", "2024-01", None),
        ("during the first half of the year", "2012-08-19", "2012-01", "2012-06"),
        ("in the first quarter of last year", "2012-08-19", "2011-01", "2011-03"),
        ("since the beginning of this year", "2024-10-21", "2024-01", None),
    ],
)
def test_recent_periods(text, published, start, end):
    p = find_periods(text, published, C)[0]
    assert (p.begin, p.finish) == (start, end)


# --- the last-word prefilter of bound_before changes nothing --------------------------------------

import re as _re

from hypothesis import given, settings
from hypothesis import strategies as st


def _bound_before_reference(s, pos):
    from kg.extract.bounds import _CUE_RE

    window = s[max(0, pos - 40):pos]
    for bound, rx in _CUE_RE:
        m = rx.search(window)
        if m:
            start = pos - len(window) + m.start()
            if window[m.start():m.start() + 1] and not window[m.start()].isalnum() and window[m.start()] != "~":
                start += 1
            if bound == "more-than" and _re.search(r"\b(?:carried|carry|carries|carrying|took|taken|handed|turned|passed|left|took)\s+over\s*$", window, _re.I):
                return "exact", pos
            return bound, start
    return "exact", pos


def _cue_words():
    from kg.extract.bounds import _CUES

    words = set()
    for _, p in _CUES:
        words.update(_re.findall(r"[a-z]+", p))
    words -= {"s"}  # the \s of the patterns
    return sorted(words | {"passes", "surpassing", "exceeds", "approx.", "~", "carried", "ſome", "ABOUT", "_over", "over_", "1over"})


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_cue_words() + [" ", "  ", "\n", ",", "(", "x", "\u00a0"]), max_size=12).map("".join))
def test_bound_before_equals_the_unfiltered_searches(text):
    from kg.extract.bounds import bound_before

    s = text + "12 people"
    pos = len(text)
    assert bound_before(s, pos) == _bound_before_reference(s, pos)


def test_days_ago_need_the_articles_day():
    assert find_periods("two days ago", "2024-03") == []


def test_overnight_is_the_night_before_the_article():
    from kg.extract.periods import find_periods

    assert [(p.kind, p.finish) for p in find_periods("12 people were killed in overnight strikes.", "2025-04-21")] == [
        ("day", "2025-04-21")]
    assert find_periods("12 people were killed in overnight strikes.", "2025-04") == []


def test_the_weekend_is_the_last_saturday_and_sunday():
    from kg.extract.periods import find_periods

    for text in ("Over the weekend, 30 people were killed.", "30 were killed last weekend."):
        assert [(p.begin, p.finish) for p in find_periods(text, "2024-03-13")] == [("2024-03-09", "2024-03-10")]


def test_the_second_count_of_one_clause_shares_the_bound():
    def bounds(text):
        return [(int(f.value), f.bound) for f in figures(text, find_numbers(text))]

    assert bounds("at least 171 civilians were killed and 812 injured in August") == [(171, "at-least"), (812, "at-least")]
    # a count with a clause of its own keeps its own bound
    assert bounds("At least 30 people were killed in the north and 12 injured in the south") == [(30, "at-least"), (12, "exact")]
    assert bounds("Around 20 were killed, and the army said 12 were injured") == [(20, "approx"), (12, "exact")]


def test_a_weekday_in_an_article_dated_by_its_month_is_that_month():
    assert [(p.begin, p.finish) for p in find_periods("killed on Monday", "2023-10")] == [("2023-10", "2023-10")]
    assert [p.finish for p in find_periods("killed on Monday", "2023")] == [None]  # no month to go by


def test_a_running_total_said_in_a_month_since_a_state_of_emergency_ends_in_that_month():
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary
    text = normalise("The army said in March that its troops had killed \"more than 800 rebels\" since the state of "
                     "emergency was declared.")
    cs = extract(text, ArticleMeta("x.txt", publisher="Wire", published="2024-04-20"), vocabulary())
    assert [(int(c.value), c.period.end) for c in cs] == [(800, "2024-03")]


@pytest.mark.parametrize("text, begin, finish", [
    ("killed in the last week of November", "2018-11-24", "2018-11-30"),
    ("during the first half of November", "2018-11-01", "2018-11-15"),
    ("in the second half of February 2024", "2024-02-16", "2024-02-29"),
    ("over the second week of March 2024", "2024-03-08", "2024-03-14"),
])
def test_a_week_or_half_of_a_month_is_those_days(text, begin, finish):
    p = find_periods(text, "2018-12-10")[0]
    assert (p.begin, p.finish) == (begin, finish)


@pytest.mark.parametrize("text, kind, begin", [
    ("The fighting, which erupted on 15 April last year, has killed at least 14,000 people", "since", "2023-04-15"),
    ("The war, which began in February 2022, has killed 10,000 civilians", "since", "2022-02"),
    ("killed on 3 March last year", "day", "2023-03-03"),
])
def test_a_war_which_began_on_a_day_starts_a_total_and_a_day_last_year_is_last_years(text, kind, begin):
    p = find_periods(text, "2024-06-12")[0]
    assert (p.kind, p.begin) == (kind, begin)


def test_since_last_year_starts_a_running_total_in_last_years_january():
    ps = find_periods("more than 100 civilians had been killed by quadcopters since last year", "2025-05-20")
    assert [(p.kind, p.begin, p.finish) for p in ps] == [("since", "2024-01", None)]


def test_an_event_that_lasted_so_long_from_a_day_spans_those_days():
    ps = find_periods("1,387 Palestinians were killed during the three-week-long offensive launched on December 27, 2008",
                      "2009-09-10")
    assert [(p.kind, p.begin, p.finish) for p in ps] == [("range", "2008-12-27", "2009-01-16")]
    ps = find_periods("killed in the 51-day war that began on 8 July 2014", "2015-06-22")
    assert [(p.kind, p.begin, p.finish) for p in ps] == [("range", "2014-07-08", "2014-08-27")]


def test_a_hedge_is_shared_by_the_participle_joined_to_it_and_a_headline_takes_the_bodys_hedge():
    assert [(int(f.value), f.bound) for f in _figs("killing at least 14 people and wounding 32 others")] == [
        (14, "at-least"), (32, "at-least")]


@pytest.mark.parametrize("text", ["at least 27 by separatist fighters", "killed by Mayor-led militias", "by marines"])
def test_a_month_abbreviation_inside_a_word_is_no_date(text):
    assert find_periods(text, "2024-07-16") == []


def test_a_month_that_year_is_in_the_year_named_before_it():
    ps = find_periods("The offensive, which began in June 2017 and ended in October that year, was long.", "2022-10-17")
    assert (ps[-1].text, ps[-1].begin, ps[-1].finish) == ("in October that year", "2017-10", "2017-10")


@pytest.mark.parametrize("sentence, begin, finish", [
    ("In 2017, 40 people were killed in attacks on the town.", "2017-01", "2017-12"),  # (a count after the comma)
    ("Researchers estimated in early 2022 that 385,000 civilians had died.", "2022-01", "2022-04"),
    ("In late 2017, the fighting spread to the north.", "2017-09", "2017-12"),
    ("Attacks rose in mid-2019.", "2019-05", "2019-08"),
])
def test_a_year_or_a_part_of_it(sentence, begin, finish):
    assert [(p.begin, p.finish) for p in find_periods(sentence, "2022-11-03")] == [(begin, finish)]


def test_a_list_or_span_of_years_is_no_one_year():
    assert find_periods("Attacks were recorded in 2016, 2017 and 2018.", "2022-11-03") == []


@pytest.mark.parametrize("sentence", [
    "Residents said as many as 800 may have died.",  # (not "00 May")
    "Officials fear that 30 may have drowned.",  # the verb, not the month
])
def test_may_the_verb_is_no_month(sentence):
    assert find_periods(sentence, "2022-11-03") == []
    assert [p.text for p in find_periods("The strike on 30 May killed 12; in MAY 2020 it was 3.", "2022-11-03")] == [
        "30 May", "in MAY 2020"]


@pytest.mark.parametrize("sentence, begin, finish", [
    ("In May and June alone, the mission recorded 783 civilians killed.", "2021-05", "2021-06"),
    ("In January and February 2020, 300 people were killed.", "2020-01", "2020-02"),
])
def test_two_months_running_are_a_span(sentence, begin, finish):
    assert [(p.begin, p.finish) for p in find_periods(sentence, "2021-07-26")] == [(begin, finish)]
    # (two months apart are not: "in October and December")
    assert [(p.begin, p.finish) for p in find_periods("In October and December, 3 died.", "2021-07-26")] == [
        ("2020-10", "2020-10")]


@pytest.mark.parametrize("sentence", ["Overnight Saturday to Sunday, gunmen killed 12.",
                                      "On the night of Saturday into Sunday, gunmen killed 12."])
def test_a_night_between_two_days_spans_them(sentence):
    assert [(p.begin, p.finish) for p in find_periods(sentence, "2024-09-05")] == [("2024-08-31", "2024-09-01")]


@pytest.mark.parametrize("text, begin, finish", [
    ("between January and May 2009", "2009-01", "2009-05"),
    ("from January to May 2009", "2009-01", "2009-05"),
    ("between 1 January and 31 May 2009", "2009-01-01", "2009-05-31"),
    ("from November to March 2010", "2009-11", "2010-03"),
    # (days set apart by a dash, as a report's or a table's span)
    ("14 December 2015 - 2 March 2016", "2015-12-14", "2016-03-02"),
    ("23 January \u2013 7 February 2016", "2016-01-23", "2016-02-07"),
])
def test_a_year_written_once_at_a_ranges_end_is_both_ends(text, begin, finish):
    assert [(p.begin, p.finish, p.kind) for p in find_periods(text, "2024-05-18")] == [(begin, finish, "range")]


def test_a_campaign_of_so_many_days_begun_on_a_day_after_a_comma_spans_them():
    assert [(p.begin, p.finish) for p in find_periods("during the 78-day air campaign, which began on March 24, 1999",
                                                      "2024-03-24")] == [("1999-03-24", "1999-06-09")]


def test_over_the_six_months_refers_back():
    assert [p.kind for p in find_periods("54 civilians were killed over the six months", "2025-07-08")] == ["backref"]
    assert [p.kind for p in find_periods("in the months before the war", "2025-07-08")] != ["backref"]


def _periods_of(text: str, published: str) -> list[tuple]:
    """(value, period start, period end) of each claim the extractor finds in ``text``."""
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary
    cs = extract(normalise(text), ArticleMeta("x.txt", publisher="Example Wire", published=published), vocabulary())
    return [(int(c.value), c.period.start, c.period.end) for c in cs]


def test_a_span_of_years_with_a_dash_is_those_years_and_years_since_an_event_date_it():
    text = ("Headline\n\nPeople gathered on Friday to mark 33 years since soldiers killed 58 civilians in the village on May "
            "29, 1992.\n\nThe 1992-95 war killed around 100,000 people, according to a research centre.")
    assert _periods_of(text, "2025-05-30") == [
        (58, "1992-05-29", "1992-05-29"), (100000, "1992-01", "1995-12")]


def test_the_tolls_of_a_war_take_its_span_not_the_day_it_began():
    text = ("Headline\n\nTwenty-five years ago today, on March 24, 1999, NATO aircraft began bombing Yugoslavia.\n\n"
            "The operation ran from March 24 to June 10, 1999.\n\nHuman Rights Watch said that between 480 and 530 "
            "civilians were killed by NATO bombs. Another monitor said more than 600 civilians had died in the war.")
    assert _periods_of(text, "2024-03-24") == [
        (480, "1999-03-24", "1999-06-10"), (600, "1999-03-24", "1999-06-10")]


def test_the_year_a_war_began_told_in_an_aside_starts_its_running_total():
    text = ("Headline\n\nBoko Haram, whose insurgency began in northeastern Nigeria in 2009, has killed more than 40,000 "
            "people, according to the United Nations.\n\nThe offensive began on Monday and killed 30 people, the army said.")
    assert _periods_of(text, "2025-03-26") == [
        (40000, "2009-01", "2025-03-26"), (30, "2025-03-24", "2025-03-24")]


def test_a_timelines_entries_are_of_their_dates():
    text = ("Timeline: the siege\n\nThe battle ended four years ago this week.\n\nJuly 2017 - The army says 45 civilians "
            "have been killed.\n\nOctober 17, 2017 - The military says 920 militants were killed over the five months.\n\n"
            "2018 - Amnesty International says at least 25 civilians were killed by militants.")
    assert _periods_of(text, "2021-10-20") == [
        (45, "2017-07", "2017-07"), (920, None, "2017-10-17"), (25, "2018-01", "2018-12")]


@pytest.mark.parametrize("sentence, expected", [
    ("Thirty-seven years ago this week, aircraft dropped chemical weapons on the town.", ("month", "1988-03", "1988-03")),
    ("Twenty-five years ago today, NATO began bombing.", ("day", "2000-03-18", "2000-03-18")),
    ("Ten years ago, soldiers killed 58 civilians.", ("year", "2015-01", "2015-12")),
    ("Six months ago, 40 people were killed.", ("month", "2024-09", "2024-09")),
])
def test_years_and_months_ago_count_back_from_the_articles_date(sentence, expected):
    assert [(p.kind, p.begin, p.finish) for p in find_periods(sentence, "2025-03-18")] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("181 people have died since the violence broke out on the third of May.", ("since", "2023-05-03", None)),
    ("The first attack came on May third.", ("day", "2023-05-03", "2023-05-03")),
    ("It happened on the twenty-first of March 2004.", ("day", "2004-03-21", "2004-03-21")),
    # (an ordinal that dates nothing: no day)
    ("For the second time in March, the town was shelled.", ("month", "2023-03", "2023-03")),
    ("At the end of June the department had put the number of dead at 120.", ("month", "2023-06", "2023-06")),
])
def test_a_day_in_words_and_the_end_of_a_month(sentence, expected):
    assert [(p.kind, p.begin, p.finish) for p in find_periods(sentence, "2023-09-18")] == [expected]


def test_the_day_a_campaign_began_dates_no_incident_nor_the_tolls_after_it():
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary
    text = normalise("Explainer\n\nTwenty-five years ago today, on March 24, 1999, NATO aircraft began bombing Yugoslavia "
                     "over Kosovo.\n\nDuring the bombing the Yugoslav authorities gave daily tolls: a government white book "
                     "spoke of at least 1,200 civilians killed.")
    [c] = extract(text, ArticleMeta("t.txt", publisher="The Meridian", published="2024-03-24"), vocabulary())
    # (not the day it began: a toll of the whole campaign)
    assert (int(c.value), c.incident) == (1200, None) and c.period.end != "1999-03-24"


def test_a_day_that_dates_something_else_said_of_a_toll_dates_no_later_toll():
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary
    text = normalise('Headline\n\nA graphic listing "78 martyrs of Lekki" began circulating again on WhatsApp on Sunday.\n\n'
                     "On the night of 20 October 2020, soldiers arrived at the toll plaza.\n\nAmnesty International said "
                     "that soldiers had killed at least 10 people at the toll gate.")
    cs = extract(text, ArticleMeta("t.txt", publisher="FactLine Nigeria", published="2021-11-24"), vocabulary())
    assert [(int(c.value), c.period.end) for c in cs] == [(78, "2021-11-21"), (10, "2020-10-20")]


def test_years_ago_today_sets_the_year_a_retrospective_story_is_in():
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary
    text = normalise("Survivors remember\n\nTen years ago today, rebels poured into the eastern neighbourhoods of the "
                     "capital.\n\nThe government's first estimate, given in the third week of January, was 3,000 dead. By "
                     "March its figure had risen to about 5,200.")
    cs = extract(text, ArticleMeta("t.txt", publisher="The Continental Review", published="2009-01-06"), vocabulary())
    # (of 1999, not the weeks after the article's day, nor the March before it)
    assert [(int(c.value), c.period.end[:7]) for c in cs] == [(3000, "1999-01"), (5200, "1999-03")]


@pytest.mark.parametrize("sentence, expected", [
    # ("last Monday" in a Monday's paper is a week back; "on Monday" is the day itself)
    ("They were executed last Monday.", [("day", "2016-12-12", "2016-12-12")]),
    ("They were executed on Monday.", [("day", "2016-12-19", "2016-12-19")]),
    # ("of this year" says which June 15, it is no period of its own; "of last year" puts the day a year back)
    ("up to June 15 of this year", [("until", None, "2016-06-15")]),
    ("killed on March 3 of last year", [("day", "2015-03-03", "2015-03-03")]),
])
def test_last_weekday_and_a_day_of_this_or_last_year(sentence, expected):
    assert [(p.kind, p.begin, p.finish) for p in find_periods(sentence, "2016-12-19")] == expected


def test_a_bare_date_right_after_a_full_date_of_the_story_is_of_its_year():
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary
    text = normalise("Book review\n\nHis own count is 731 Iraqis killed between April 4 and April 30, 2004.\n\nThe director "
                     "of the hospital told reporters in mid-April that more than 600 people had been killed.")
    cs = extract(text, ArticleMeta("t.txt", publisher="The Brookfield Review", published="2024-04-12"), vocabulary())
    # (April 2004, not the April of the review)
    assert [(int(c.value), c.period.end[:7]) for c in cs] == [(731, "2004-04"), (600, "2004-04")]


def test_an_undated_figure_of_a_retrospective_piece_is_of_the_month_the_story_is_in():
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary

    def ends(text, published):
        cs = extract(normalise(text), ArticleMeta("t.txt", publisher="The Continental Review", published=published),
                     vocabulary())
        return [(int(c.value), c.period.end[:7]) for c in cs]

    story = ("Survivors remember\n\nRebels held the east of the capital for three weeks in January 1999.\n\nThe "
             "government's estimate, given by the information ministry on January 20, 1999, was 3,000 dead.\n\nECOMOG "
             "said its troops had killed over 2,000 rebels.")
    assert ends(story, "2009-01-06")[-1] == (2000, "1999-01")
    # (news that dates its statement now: as of the article's day, whatever background it dates)
    news = ("Fighting resumes\n\nThe peace deal was signed in July 1999 and renewed in May 2001.\n\n"
            "ECOMOG said on Monday that its troops had killed over 2,000 rebels.")
    assert ends(news, "2009-01-06")[-1] == (2000, "2009-01")


def test_a_spaced_dash_between_a_day_and_an_aside_is_no_range():
    assert [(p.begin, p.finish) for p in find_periods("on 12 March - the day after - 40 died", "2016-04-15")] == [
        ("2016-03-12", "2016-03-12")]


@pytest.mark.parametrize("sentence, span", [
    ("recorded 1,611 civilians killed between the start of the invasion on 24 February and midnight on Thursday",
     ("2022-02-24", "2022-04-07")),
    ("killed from the first strike on 3 March until the ceasefire on 20 March", ("2022-03-03", "2022-03-20")),
])
def test_a_spans_two_dated_ends_with_words_between_are_one_range(sentence, span):
    assert [(p.kind, p.begin, p.finish) for p in find_periods(sentence, "2022-04-08")] == [("range", *span)]


def test_two_days_in_a_sentence_with_no_span_word_stay_two_days():
    assert [p.kind for p in find_periods("On Monday 12 died and on Tuesday 3 more.", "2022-04-08")] == ["day", "day"]


def test_another_sources_running_span_does_not_date_a_toll_told_without_a_day():
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary
    # a live page, newest first: the UN's span ends on Thursday, the governor's tolls are of the article's day
    text = ("Station strike - live\n\n19:40\nThe UN human rights office says it has recorded 1,611 civilians killed in "
            "Ukraine between the start of the invasion on 24 February and midnight on Thursday.\n\n13:10\nThe governor "
            "has updated the toll. Thirty-nine people are now confirmed dead, he said in a video address.")
    cs = extract(normalise(text), ArticleMeta("t.txt", publisher="The Daily Wire", published="2022-04-08"), vocabulary())
    assert [(int(c.value), c.period.end) for c in cs] == [(1611, "2022-04-07"), (39, "2022-04-08")]


def test_a_count_given_by_then_stands_at_the_time_told_last():
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary
    text = ("Geneina\n\nIn July, the UN human rights office said that 87 bodies, killed between 13 and 21 June, had been "
            "buried in a mass grave. By then the lawyers' association estimated that more than 5,000 people had been "
            "killed in the city since April.")
    cs = extract(normalise(text), ArticleMeta("t.txt", publisher="The Daily Wire", published="2024-01-30"), vocabulary())
    assert [(int(c.value), c.period.start, c.period.end) for c in cs][-1] == (5000, "2023-04", "2023-07")


def test_a_day_after_the_attack_a_toll_is_from_is_the_attacks_not_a_statements():
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary
    text = ("Toll\n\nThe death toll from Russian shelling of a busy market in the city of Kherson on Saturday has risen to "
            "11, the governor said on Monday.")
    cs = extract(normalise(text), ArticleMeta("t.txt", publisher="The Daily Wire", published="2023-11-21"), vocabulary())
    assert [(int(c.value), c.period.end) for c in cs] == [(11, "2023-11-18")]


def test_a_toll_counted_so_far_is_of_the_attack_told_not_a_running_total():
    from kg.extract import extract, normalise
    from kg.model import ArticleMeta
    from kg.vocab import vocabulary
    text = ("Church attack\n\nRebels attacked a church in Komanda on Saturday night, officials said.\n\n\"We have counted 43 "
            "bodies so far, and the search continues,\" a civil society leader said.")
    cs = extract(normalise(text), ArticleMeta("t.txt", publisher="The Daily Wire", published="2025-07-28"), vocabulary())
    assert [(int(c.value), c.period.end) for c in cs] == [(43, "2025-07-26")]
    # ("to date", "so far this year" still run to their day)
    assert [p.kind for p in find_periods("43 killed to date", "2025-07-28")] == ["todate"]


def test_a_month_and_year_before_a_noun_dates_it():
    assert [(p.kind, p.begin) for p in find_periods("surpassing an October 2011 truck bombing in which more than 100 "
                                                    "people died", "2017-10-21")] == [("month", "2011-10")]
