"""A corpus for copy detection: made-up stories, their copies, and other stories about the same events.

The originals are the 16 made-up articles (bench/madeup) and the 5 seed articles (data/seeds). Each
copy is labelled with its story, in the ways a syndicated story reappears:

- ``exact``: the same text under another outlet's name;
- ``boilerplate``: a new headline, a byline, a wire credit, "READ MORE" lines and a copyright footer;
- ``cut``: the first 60-80 % of the paragraphs (a paper that ran the story short);
- ``cut+boilerplate``: both.

``SAME_EVENT`` holds stories written for this corpus about the events of four originals, with the
same figures and sources in other words, and ``quoting_story`` writes a fifth, a background piece
that quotes one paragraph of s05 word for word: none is a copy, none may be merged.

    python -m bench.copies_corpus OUT_DIR [--seed 21]

writes OUT_DIR/originals/, OUT_DIR/copies/ and OUT_DIR/same-event/, each with a manifest.csv, and
OUT_DIR/labels.csv (file, kind, story).
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MADEUP = REPO / "bench" / "madeup"
SEEDS = REPO / "data" / "seeds"

OUTLETS = ["Harbour Gazette", "Northern Courier", "The Daily Lantern", "Valley Times", "Metro Ledger",
           "Coastal Herald", "The Evening Post", "Plains Chronicle", "City Observer", "The Morning Star"]
WIRES = ["Meridian Press Agency", "Continental Newswire", "Global Wire Service", "Associated Wire"]
READ_MORE = ["READ MORE: Aid agencies warn of winter shortages", "READ MORE: What we know about the war so far",
             "READ MORE: Live updates", "Sign up for our morning newsletter.", "Advertisement"]
BYLINES = ["By Staff and Agencies", "By our correspondent", "From wire reports", "By News Desk"]
COPY_KINDS = ("exact", "boilerplate", "cut", "cut+boilerplate")

# Other reporters' stories about the events of five originals: the same figures and sources,
# other words. Written for this corpus (as made up as the originals).
SAME_EVENT = {
    "s01_bilohirka-missile-strike.txt": """\
Bilohirka mourns after night strike flattens apartment block

The town of Bilohirka woke on Wednesday to a gaping hole where the middle of a five-storey block had stood. \
Regional officials put the dead at 19, four of them children, and said 32 more were hurt when the missile hit \
just before 11 p.m. on Tuesday.

Oleh Marchuk, who heads the Zaporizhzhia regional military administration, wrote on Telegram that six of the \
injured were in a serious condition and that 11 of them were children. Later in the day, as rescuers dug two \
more bodies out of the basement, he gave a new toll of 21.

Neighbours stood behind police tape as cranes lifted slabs of concrete. One woman said she had lived in the \
block for thirty years and had never seen anything like it, even after months of drone attacks on the town, \
which sits about 40 kilometers from the front.

Moscow's daily military briefing made no mention of the town.
""",
    "s09_ethiopia-amhara-market-drone.txt": """\
Market day turns deadly in Debre Selam

Traders who had carried teff and goats to the weekly market in Debre Selam were among those killed when a \
drone struck on Thursday, according to a hospital doctor who said 23 bodies had arrived by Friday morning. \
More than 40 others were being treated, several for burns.

People in the town gave higher numbers. Two of them, speaking by telephone because mobile data has been \
blocked across Amhara since August, estimated the dead at 30 to 35; one said he had personally counted 31 \
bodies laid out at a church.

The Amhara Fano National Movement, whose fighters are battling federal troops, said 27 civilians had died, \
five of them children, and denied having any positions in Debre Selam. The military gave no comment.

Reporters need official permission to enter the region, and none of the figures could be checked.
""",
    "s11_yemen-fuel-port-strike.txt": """\
Huthis say Ras al-Qadim toll reaches 87 as US campaign enters sixth week

The Huthi-run health ministry raised the number of people killed in Thursday's American strikes on the Ras \
al-Qadim fuel port to 87 on Saturday, up from the 80 it gave a day earlier, and said 146 were wounded.

Speaking to reporters in Sanaa, ministry spokesman Mohammed al-Hadi said the dead were mostly dock workers \
and tanker drivers. Doctors in Hodeidah reported taking in 31 bodies on the night of the attack.

US Central Command said it had hit the port to cut off fuel to the group and did not address reports of \
casualties. According to the ministry, 217 people have been killed and 436 wounded in US strikes since the \
campaign began on March 15.
""",
    "s13_borno-kuwandi-farmers.txt": """\
Kuwandi farmers buried as officials dispute toll

Families in Kuwandi, a farming village in Jere, buried their dead on Monday after insurgents believed to \
belong to Boko Haram shot rice harvesters in their fields a day earlier. Villagers said 37 bodies had been \
recovered and eight people were unaccounted for.

The police gave a lower count. A statement from the Borno State Police Command said 19 farmers had been \
killed and that an investigation was under way. Governor Usman Kolo, visiting the village, told mourners \
that the toll was above 40 and promised N10 million to the bereaved families.

The fields lie about 15 kilometres outside Maiduguri, and farmers in the area have been attacked before \
during the harvest.
""",
}


@dataclass
class CorpusFile:
    folder: str  # originals | copies | same-event
    name: str
    text: str
    publisher: str | None
    published: str | None
    kind: str  # original | exact | boilerplate | cut | cut+boilerplate | same-event
    story: str  # the original's file name (itself for an original)


def originals() -> list[CorpusFile]:
    """The 16 made-up articles and the 5 seed articles, with the seeds' manifest metadata."""
    seeds = {row["file"]: row for row in csv.DictReader((SEEDS / "manifest.csv").open(encoding="utf-8"))}
    out = []
    for path in sorted(MADEUP.glob("s*.txt")) + sorted(SEEDS.glob("*.txt")):
        meta = seeds.get(path.name, {})
        out.append(CorpusFile("originals", path.name, path.read_text(encoding="utf-8"),
                              meta.get("publisher") or "Meridian Press Agency", meta.get("published") or "2024-01-15",
                              "original", path.name))
    return out


def paragraphs(text: str) -> list[str]:
    """The text's non-empty lines (the seeds put a paragraph on each line, the made-up articles a blank line between)."""
    return [p for p in text.split("\n") if p.strip()]


def cut(text: str, rng: random.Random) -> str:
    """The first 60-80 % of the text, at a paragraph end (a paper that ran the story short)."""
    paras = paragraphs(text)
    total, wanted, kept = len(text), rng.uniform(0.6, 0.8), []
    for para in paras:
        if kept and sum(len(p) for p in kept) + len(para) > wanted * total:
            break
        kept.append(para)
    return "\n\n".join(kept) + "\n"


def boilerplate(text: str, rng: random.Random, outlet: str) -> str:
    """A new headline, byline and wire credit; READ MORE lines between paragraphs; a copyright footer."""
    paras = paragraphs(text)
    wire = rng.choice(WIRES)
    headline = f"{paras[0].rstrip('.')} — {rng.choice(['report', 'latest', 'officials say', 'update'])}"
    body = paras[1:]
    for _ in range(2):
        body.insert(rng.randrange(1, len(body) + 1), rng.choice(READ_MORE))
    return "\n\n".join([headline, rng.choice(BYLINES), f"({wire})", *body,
                        f"© 2024 {outlet}. Distributed by {wire}. All rights reserved."]) + "\n"


def copy_of(story: CorpusFile, kind: str, rng: random.Random, index: int) -> CorpusFile:
    outlet = rng.choice(OUTLETS)
    text = story.text
    if "cut" in kind:
        text = cut(text, rng)
    if "boilerplate" in kind:
        text = boilerplate(text, rng, outlet)
    stem = Path(story.name).stem
    return CorpusFile("copies", f"copy{index:03d}_{kind.replace('+', '-')}_{stem}.txt", text, outlet,
                      story.published, kind, story.name)


QUOTED_STORY = "s05_somalia-galool-base-raid.txt"


def quoting_story(story: CorpusFile) -> str:
    """A background piece about the story's event that quotes one of its paragraphs word for word."""
    paras = paragraphs(story.text)
    quoted = paras[min(2, len(paras) - 1)]
    return ("Galool raid: what we know\n\nThe attack on the base at Galool is the latest in a string of raids "
            "on government positions in the region. Officials and residents gave differing accounts of the "
            "dead and wounded, and none could be confirmed independently.\n\nAccording to the first reports: "
            f"{quoted}\n\nThe government said it would send reinforcements, and elders called for calm.\n")


def corpus(seed: int = 21, copies_per_story: tuple[int, ...] = (1,)) -> list[CorpusFile]:
    """The originals, copies of each (``copies_per_story`` cycled: each story's number of copies, kinds
    taken in turn) and the same-event stories. Deterministic for a seed."""
    rng = random.Random(seed)
    stories = originals()
    out = list(stories)
    index = 0
    for i, story in enumerate(stories):
        for _ in range(copies_per_story[i % len(copies_per_story)]):
            out.append(copy_of(story, COPY_KINDS[index % len(COPY_KINDS)], rng, index))
            index += 1
    by_name = {s.name: s for s in stories}
    others = {**SAME_EVENT, QUOTED_STORY: quoting_story(by_name[QUOTED_STORY])}
    for name, text in others.items():
        out.append(CorpusFile("same-event", f"other_{Path(name).stem}.txt", text, rng.choice(OUTLETS),
                              by_name[name].published, "same-event", name))
    return out


def write(files: list[CorpusFile], out: Path) -> Path:
    """Each file into its folder with a manifest.csv there; labels.csv at the top."""
    for folder in sorted({f.folder for f in files}):
        (out / folder).mkdir(parents=True, exist_ok=True)
        with (out / folder / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["file", "title", "url", "publisher", "published"])
            for f in files:
                if f.folder == folder:
                    (out / folder / f.name).write_text(f.text, encoding="utf-8")
                    w.writerow([f.name, "", "", f.publisher or "", f.published or ""])
    with (out / "labels.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "kind", "story"])
        for f in files:
            w.writerow([f.name, f.kind, f.story])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=21)
    args = ap.parse_args()
    files = corpus(args.seed)
    write(files, args.out)
    print(f"{len(files)} files in {args.out}")


if __name__ == "__main__":
    main()
