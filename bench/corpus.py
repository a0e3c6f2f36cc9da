"""A generator of realistic synthetic news corpora for benchmarks.

Articles of 2-6 KB written in the reporting language of the seed articles: monthly
casualty reports of a military coalition whose cumulative figures rise (revision
chains, now and then revised down), NGO estimates far above them (injected
conflicts), outlets that misquote a source (misreports), strike tolls disputed
between a military and a broadcaster, and background paragraphs full of numbers
that are not casualty figures (years, ages, distances, money). Deterministic for a
given seed.

The figures are facts of the generated world, not draws per article: a military's
report for a month states one cumulative toll, and every article about that report
repeats it (as outlets repeat the seeds' figures), except the misquotes. Drawn per
article, every outlet had given its own official figure for the same month, so one
source's series held a different value in nearly every article (19,621 distinct
figures among 20,000 claims of 2,000 articles), and each military ran six campaigns
at once: a flood of misreports and revisions no real corpus shows.

    python -m bench.corpus OUT_DIR --articles 1000 [--seed 7]

writes OUT_DIR/NNNNNN.txt and OUT_DIR/manifest.csv (publisher, published).
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

MILITARIES = [
    ("CJTF-OIR", "the coalition", "Operation Inherent Resolve", ["Iraq", "Syria"], "Col. Thomas Veale"),
    ("AFRICOM", "the command", "US Africa Command", ["Somalia"], "Col. Chris Karns"),
    ("USFOR-A", "the US military", "US Forces-Afghanistan", ["Afghanistan"], "Col. Sonny Leggett"),
    ("Russian Defence Ministry", "the ministry", "Russia's Defence Ministry", ["Ukraine"], "Maj Gen Igor Konashenkov"),
    ("IDF", "the army", "Israel Defense Forces", ["Gaza"], "Lt. Col. Peter Lerner"),
]
MONITORS = [
    ("Airwars", "a London-based nonprofit that tracks civilian harm", "Chris Woods"),
    ("Amnesty International", "the human rights group", "Brian Castner"),
    ("Syrian Network for Human Rights", "a monitoring group", "Fadel Abdul Ghany"),
    ("Human Rights Watch", "the rights group", "Ole Solvang"),
    ("UNAMA", "the UN mission", "Fiona Frazer"),
    ("ACLED", "the conflict data project", "Clionadh Raleigh"),
]
OUTLETS = ["Sputnik", "International Business Times", "Air Force Times", "The New Arab", "Press TV", "The Hill",
           "Military.com", "Reuters", "Al Jazeera", "The Guardian", "Local Tribune", "Daily Monitor"]
BROADCASTERS = ["BBC", "CNN", "Al Jazeera", "Sky News"]
CITIES = {"Iraq": ["Mosul", "Ramadi", "Fallujah"], "Syria": ["Raqqa", "Aleppo", "Deir ez-Zor"],
          "Somalia": ["Jilib"], "Afghanistan": ["Kunduz", "Farah"], "Ukraine": ["Kharkiv", "Mariupol"],
          "Gaza": ["Gaza"]}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]

FILLER = [
    "The campaign began in {year0}, when {mil} launched its first strikes against the group.",
    "{mil} said it takes all reports of civilian casualties seriously and assesses each one as thoroughly as possible.",
    "Officials spoke on condition of anonymity because they were not authorized to discuss the matter publicly.",
    "The city, some {km} kilometres from the border, was home to about {pop} million people before the war.",
    "A spokesman, aged {age}, declined to comment on the figures at a briefing at {hour} p.m. local time.",
    "The group has received more than ${money} million in funding since {year1}, according to its annual accounts.",
    "Residents described scenes of devastation as rescue workers searched the rubble well into the night.",
    "The conflict has drawn in regional powers and displaced families across several provinces.",
    "Analysts said the official count would likely rise as investigators gain access to more sites.",
    "The report, released on {month} {day}, covers operations up to the end of the previous month.",
    "The organization said it relies on local sources, social media and satellite imagery to document incidents.",
    "Critics say the assessment process lacks transparency and independent oversight.",
]


@dataclass
class GeneratedArticle:
    name: str
    text: str
    publisher: str
    published: str  # YYYY-MM-DD


def fmt(n: int) -> str:
    return f"{n:,}"


def month_name(m: int) -> str:
    return MONTHS[(m - 1) % 12]


def fact(seed: int, *about) -> random.Random:
    """The draws for one fact of the world (a report, an estimate, a strike): the same in every article about it."""
    return random.Random("|".join(map(str, (seed, *about))))


def article(rng: random.Random, index: int, seed: int = 7) -> GeneratedArticle:
    mil, mil_short, mil_long, countries, spokesman = rng.choice(MILITARIES)
    monitor, monitor_desc, monitor_head = rng.choice(MONITORS)
    outlet = rng.choice(OUTLETS)
    # Each military runs one campaign; the coalition's is Operation Inherent Resolve's (August 2014, a start
    # the ontology knows, so its totals read as running totals and their downward revisions are listed).
    year0 = 2014 if mil == "CJTF-OIR" else fact(seed, mil).randint(2015, 2019)
    # Months since the campaign began: which monthly report the article is about.
    step = rng.randint(6, 60)
    year, month = year0 + (7 + step) // 12, (7 + step) % 12 + 1
    published = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    prev_month = month - 1 or 12
    prev_year = year if month > 1 else year - 1
    # The campaign's series rises at its own rate; one report in twenty revises the total down.
    campaign = fact(seed, mil, "campaign")
    rate, strike_rate = campaign.randint(15, 25), campaign.randint(300, 420)
    report = fact(seed, mil, step)
    revised_down = report.random() < 0.05
    cumulative = 300 + step * rate - (report.randint(20, 60) if revised_down else 0)
    strikes = 8000 + step * strike_rate - (report.randint(500, 1500) if revised_down else 0)
    reports_open = report.randint(100, 700)
    credible = report.randint(0, 15)
    assessed = credible + report.randint(5, 120)
    monthly = report.randint(0, 60)
    estimate = fact(seed, monitor, mil, step)
    ngo_low = cumulative * estimate.randint(5, 9)
    ngo_high = ngo_low + estimate.randint(1000, 5000)
    country = rng.choice(countries)
    city = rng.choice(CITIES.get(country, ["the capital"]))
    place = " and ".join(countries)
    strike_day = rng.randint(1, 28)
    strike_month = month_name(rng.randint(1, 12))
    broadcaster = rng.choice(BROADCASTERS)
    strike = fact(seed, mil, city, strike_month, strike_day)
    toll_mil = strike.randint(3, 30)
    toll_media = toll_mil * fact(seed, broadcaster, city, strike_month, strike_day).randint(4, 10)
    misquote = cumulative + rng.choice([-30, -10, 10, 25]) if rng.random() < 0.15 else cumulative
    words = WORDS[min(credible, 12)] if credible <= 12 else fmt(credible)

    sentences = [
        f"{mil} has acknowledged that at least {fmt(misquote)} civilians have been killed in its strikes in {place} "
        f"since the start of the campaign, according to a monthly report released on {rng.choice(['Thursday', 'Friday', 'Monday'])}.",
        f"\"Based on information available, {mil} assesses at least {fmt(cumulative)} civilians have been unintentionally "
        f"killed by strikes since {month_name(8)} {year0},\" the report said. \"A total of {fmt(reports_open)} reports are still open.\"",
        f"The latest figure covers the period from {month_name(8)} {year0} through {month_name(prev_month)} {prev_year}, "
        f"during which {mil_short} conducted a total of {fmt(strikes)} strikes, the report said.",
        f"In {month_name(prev_month)} {prev_year}, {mil_short} strikes killed {WORDS[monthly] if monthly <= 12 else fmt(monthly)} "
        f"civilians, based on {words} of {fmt(assessed)} casualty reports that officials considered credible.",
        f"{monitor}, {monitor_desc}, estimates that between {fmt(ngo_low)} and {fmt(ngo_high)} civilians have been killed "
        f"in {place} over the same period.",
        f"\"The official count remains far below what local sources tell us,\" {monitor_head}, who leads {monitor}, told {outlet}.",
        f"The deadliest incident was {'an' if strike_month[0] in 'AEIOU' else 'a'} {strike_month} {strike_day} strike near {city}, in which {mil_short} said {fmt(toll_mil)} "
        f"civilians died; {broadcaster} reported that more than {fmt(toll_media)} people were killed.",
        f"{spokesman}, a spokesman for {mil}, said that there was no way to know exactly how many civilians were killed.",
    ]
    rng.shuffle(sentences[2:])
    fill = [f.format(year0=year0, mil=mil, km=rng.randint(20, 400), pop=rng.randint(1, 3), age=rng.randint(30, 60),
                     hour=rng.randint(1, 11), money=rng.randint(2, 90), year1=rng.randint(2005, 2015),
                     month=month_name(rng.randint(1, 12)), day=rng.randint(1, 28))
            for f in rng.sample(FILLER, k=rng.randint(4, len(FILLER)))]
    paragraphs = []
    body = sentences + fill
    rng.shuffle(body[3:])
    i = 0
    while i < len(body):
        n = rng.randint(1, 3)
        paragraphs.append(" ".join(body[i:i + n]))
        i += n
    # Pad to 2-6 KB with further background paragraphs.
    target = rng.randint(2000, 6000)
    text = "\n\n".join(paragraphs)
    while len(text) < target:
        extra = rng.choice(FILLER).format(year0=year0, mil=mil, km=rng.randint(20, 400), pop=rng.randint(1, 3),
                                          age=rng.randint(30, 60), hour=rng.randint(1, 11), money=rng.randint(2, 90),
                                          year1=rng.randint(2005, 2015), month=month_name(rng.randint(1, 12)),
                                          day=rng.randint(1, 28))
        text += "\n\n" + extra
    return GeneratedArticle(f"{index:06d}.txt", text + "\n", outlet, published)


def generate(n: int, seed: int = 7) -> Iterator[GeneratedArticle]:
    rng = random.Random(seed)
    for i in range(n):
        yield article(rng, i, seed)


def write_corpus(out: Path, n: int, seed: int = 7) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "manifest.csv").open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "title", "url", "publisher", "published"])
        for art in generate(n, seed):
            (out / art.name).write_text(art.text, encoding="utf-8")
            writer.writerow([art.name, "", "", art.publisher, art.published])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    write_corpus(a.out, a.articles, a.seed)


if __name__ == "__main__":
    main()
