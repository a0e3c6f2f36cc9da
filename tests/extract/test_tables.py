"""Tables written as text lines: a row's numbers count what their column's header names, for whoever the line
over the table says counted them."""

from kg.extract import extract, normalise
from kg.extract.sentences import split
from kg.extract.tables import header_of, table_leads, table_rows
from kg.model import ArticleMeta
from kg.vocab import vocabulary

BULLETIN = ("Kasai casualty bulletin, week 23\n\nDeaths recorded by the provincial health office, by territory, since "
            "1 January 2017:\n\nTerritory | Killed | Injured\nDibaya | 312 | 45\nKazumba | 128 | 30\nTotal | 535 | 87\n\n"
            "The figures were compiled on 9 June 2017.")


def test_a_rows_cells_sit_under_the_headers_and_the_line_over_the_header_leads_the_table():
    sents = split(BULLETIN)
    rows = table_rows(sents)
    texts = [sents[i].text for i in sorted(rows)]
    assert texts == ["Dibaya | 312 | 45", "Kazumba | 128 | 30", "Total | 535 | 87"]
    first = min(rows)
    row = sents[first].text
    assert header_of(rows[first], row.index("312")) == "Killed" and header_of(rows[first], row.index("45")) == "Injured"
    assert header_of(rows[first], 0) is None  # (the row's label)
    assert sents[table_leads(rows)[first]].text.startswith("Deaths recorded by the provincial health office")


def test_a_tables_figures_are_claims_of_whoever_counted_them_over_the_time_the_table_says():
    cs = extract(normalise(BULLETIN), ArticleMeta("t.txt", publisher="Kasai Monitor", published="2017-06-10"), vocabulary())
    assert [(c.metric, int(c.value), c.asserter.label, c.period.start) for c in cs] == [
        ("people-killed", 312, "provincial health office", "2017-01-01"),
        ("people-injured", 45, "provincial health office", "2017-01-01"),
        ("people-killed", 128, "provincial health office", "2017-01-01"),
        ("people-injured", 30, "provincial health office", "2017-01-01"),
        ("people-killed", 535, "provincial health office", "2017-01-01"),
        ("people-injured", 87, "provincial health office", "2017-01-01")]


def test_lines_with_a_bar_that_are_no_table_give_no_rows():
    assert table_rows(split("Headline\n\nKilled | Injured\n\nThe army said 12 were killed.")) == {}


CURFEWS = ("Bulletin No. 7\n\nMonitoring Centre (MC)\nBulletin No. 7, April 2016. Data as of 31 March 2016.\n\n"
           "Table 1. Curfews declared in Cizre and civilian deaths recorded by MC\n"
           "Curfew | Dates | Days | Civilians killed | Civilians injured\n"
           "First curfew | 4-12 September 2015 | 8 | 21 | 43\n"
           "Second curfew | 14 December 2015 - 2 March 2016 | 79 | 118 | 197\n"
           "Total | | 87 | 139 | 240\n")


def test_a_total_row_keeps_its_empty_cell_and_spans_the_rows_above_and_the_lines_stay_rows():
    sents = split(CURFEWS)
    rows = table_rows(sents)
    assert [sents[i].text for i in sorted(rows)][-1] == "Total | | 87 | 139 | 240"  # (not joined as wrapped lines)
    cs = extract(normalise(CURFEWS), ArticleMeta("t.txt", publisher="Monitoring Centre", published="2016-04-15"),
                 vocabulary())
    assert [(c.metric, int(c.value), c.asserter.label, c.period.start, c.period.end) for c in cs] == [
        ("civilians-killed", 21, "Monitoring Centre (MC)", "2015-09-04", "2015-09-12"),
        ("civilians-injured", 43, "Monitoring Centre (MC)", "2015-09-04", "2015-09-12"),
        ("civilians-killed", 118, "Monitoring Centre (MC)", "2015-12-14", "2016-03-02"),
        ("civilians-injured", 197, "Monitoring Centre (MC)", "2015-12-14", "2016-03-02"),
        ("civilians-killed", 139, "Monitoring Centre (MC)", "2015-09-04", "2016-03-02"),
        ("civilians-injured", 240, "Monitoring Centre (MC)", "2015-09-04", "2016-03-02")]
