"""Language check (non-English stored without claims) and publication dates inferred from URL or dateline."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.readers.dates import date_from_dateline, date_from_url, infer_date
from kg.readers.language import detect_language
from kg.stores import open_store

runner = CliRunner()
SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"

ENGLISH = ("The US-led coalition said on Thursday that at least 1,139 civilians have been killed by its strikes in "
           "Iraq and Syria since 2014. Airwars, a monitoring group, puts the toll at between 7,316 and 11,637.\n")
FRENCH = ("La coalition internationale dirigée par les États-Unis a reconnu jeudi qu'au moins 1 139 civils ont été "
          "tués par ses frappes en Irak et en Syrie depuis le début de sa campagne en 2014. Selon l'organisation "
          "Airwars, le bilan réel serait bien plus lourd, entre 7 316 et 11 637 morts parmi les civils.\n")
ARABIC = ("اعترف التحالف الدولي بقيادة الولايات المتحدة يوم الخميس بمقتل 1139 مدنيا على الأقل في غاراته على العراق "
          "وسوريا منذ بدء حملته عام 2014، بينما تقدر منظمة إيروورز أن الحصيلة الحقيقية أعلى بكثير.\n")
RUSSIAN = ("Коалиция во главе с США в четверг признала, что по меньшей мере 1139 мирных жителей погибли в результате "
           "её ударов в Ираке и Сирии с начала кампании в 2014 году. По данным Airwars, реальное число жертв "
           "значительно выше.\n")


@pytest.mark.parametrize("text, language", [
    (FRENCH, "French"), (ARABIC, "Arabic"), (RUSSIAN, "Russian or another Cyrillic-script language")])
def test_non_english_articles_are_named(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", [ENGLISH * 3, "At least 12 civilians were killed.\n", "Mosul 2017: 9,000+\n"])
def test_english_and_too_short_to_tell_count_as_english(text):
    assert detect_language(text) is None


def test_every_seed_article_is_english():
    for path in SEEDS.glob("*.txt"):
        assert detect_language(path.read_text()) is None, path.name


def test_a_non_english_article_is_stored_with_a_warning_and_no_claims(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("fr.txt", FRENCH), ("ar.txt", ARABIC), ("ru.txt", RUSSIAN), ("en.txt", ENGLISH)):
        (folder / name).write_text(text)
    store = tmp_path / "store"
    r = runner.invoke(app, ["load", str(folder), "--store", str(store), "--verbose"])
    assert r.exit_code == 0, r.output
    assert "4 new, 0 unchanged, 0 rejected" in r.stdout
    assert "fr.txt: text looks French, not English: stored without claims" in r.stderr
    assert "ar.txt: text looks Arabic, not English: stored without claims" in r.stderr
    assert "ru.txt: text looks Russian" in r.stderr
    with open_store(store, read_only=True) as s:
        rows = s.query("""PREFIX kg: <https://w3id.org/kg-claims/ns#>
            SELECT ?f (COUNT(?c) AS ?n) WHERE { ?a kg:fileName ?f OPTIONAL { ?c kg:reportedIn ?a } } GROUP BY ?f""").rows
    counts = {str(f): int(n) for f, n in rows}
    assert counts["fr.txt"] == counts["ar.txt"] == counts["ru.txt"] == 0
    # The English article went through the extractor (it states three figures).
    assert counts["en.txt"] >= 1


@pytest.mark.parametrize("url, expected", [
    ("https://www.example.com/news/2018/10/26/strike-mosul", "2018-10-26"),
    ("https://example.com/world/2018/10/strike", "2018-10"),
    ("https://example.com/a/20181026/b", "2018-10-26"),
    ("https://example.com/2018-10-26-strike-kills-12", "2018-10-26"),
    ("https://example.com/2018/13/45/x", None),
    ("https://example.com/story/123456", None),
    (None, None),
])
def test_dates_in_urls(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize("text, expected", [
    ("Published: 26 Oct 2018\nAt least 12 civilians were killed.", "2018-10-26"),
    ("By Jane Doe | October 26, 2018\n\nAt least 12 civilians were killed.", "2018-10-26"),
    ("MOSUL, Iraq, Oct. 26, 2018 - A strike killed 12 civilians, officials said.", "2018-10-26"),
    ("BAGHDAD, Sept. 3, 2018 (Reuters) - A strike killed 12 civilians.", "2018-09-03"),
    ("On October 26, 2018, a strike killed 12 civilians in Mosul, officials said. More followed.", None),
    ("A strike killed 12 civilians.\nThe coalition has investigated reports since 2014.", None),
    ("Updated 31 February 2018\nText.", None),
])
def test_dates_in_datelines(text, expected):
    assert date_from_dateline(text) == expected


def test_url_date_wins_over_dateline_and_is_marked_inferred_in_the_store(tmp_path):
    assert infer_date("https://x.example/2018/10/26/a", "Published 1 November 2018\nText") == ("2018-10-26", "URL")
    article = tmp_path / "a.md"
    article.write_text("---\nurl: https://x.example/2018/10/26/mosul\n---\n" + ENGLISH)
    dated = tmp_path / "b.md"
    dated.write_text("---\npublished: 2018-11\nurl: https://x.example/2018/10/26/mosul-2\n---\n" + ENGLISH + "More.\n")
    store = tmp_path / "store"
    r = runner.invoke(app, ["load", str(article), str(dated), "--store", str(store), "--verbose"])
    assert r.exit_code == 0, r.output
    assert "a.md: publication date 2018-10-26 inferred from the URL" in r.stderr
    with open_store(store, read_only=True) as s:
        rows = s.query("""PREFIX kg: <https://w3id.org/kg-claims/ns#> PREFIX schema: <https://schema.org/>
            SELECT ?f ?d ?inferred WHERE { ?a kg:fileName ?f ; schema:datePublished ?d
              OPTIONAL { ?a kg:dateInferred ?inferred } }""").rows
    got = {str(f): (str(d), i is not None and i.toPython()) for f, d, i in rows}
    assert got == {"a.md": ("2018-10-26", True), "b.md": ("2018-11", False)}
