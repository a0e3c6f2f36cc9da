"""Control characters from article data reach the terminal as visible escapes (issue 20, case 7):
`kg claims`, `kg conflicts` (tables and --explain) and `kg query`, piped or not."""

from __future__ import annotations

import csv
import json
import io
import subprocess
import sys
from decimal import Decimal

import pytest
from test_serve_support import build_store, make_article, make_claim

from kg.model import SourceRef
from kg.output import terminal_safe

CLEAR = "\x1b[2J"  # erase the screen
TITLE = "\x1b]0;pwned\x07"  # OSC: set the window title, ended by BEL
CSI = "\x9b31m"  # the one-byte C1 form of ESC [
FIRST = f"{CLEAR}The ministry said 12 civilians were killed"
SECOND = f"{TITLE}Monitors said 40 civilians were killed"
TEXT = f"{FIRST}. {SECOND}.\n"
RAW = ("\x1b", "\x07", "\x9b")


@pytest.fixture(scope="module")
def store(tmp_path_factory, vocab):
    start = TEXT.index(SECOND)
    article = make_article(TEXT, name="escapes.txt", publisher=f"Outlet{CSI}", claims=[
        make_claim(value=Decimal(12), bound="exact", quote=FIRST, start=0, end=len(FIRST),
                   asserter=SourceRef("ministry", f"Ministry{CLEAR}")),
        make_claim(value=Decimal(40), bound="exact", quote=SECOND, start=start, end=start + len(SECOND),
                   asserter=SourceRef("monitors", f"Monitors{TITLE}")),
    ])
    return build_store(tmp_path_factory.mktemp("escapes") / "store", vocab, articles=[article])


def kg(store, *args: str) -> str:
    """The command's output as a pipe gets it (the issue saw OSC sequences even when piped)."""
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args, "--store", str(store)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("args", [("claims",), ("claims", "--format", "csv"), ("conflicts",),
                                  ("conflicts", "--explain"), ("query", "claims")])
def test_no_raw_control_character_reaches_the_terminal(store, args):
    out = kg(store, *args)
    assert not [c for c in RAW if c in out], f"raw control characters in `kg {' '.join(args)}`: {out!r}"
    assert "\\x1b" in out  # the data is still there, visibly


def test_terminal_safe_keeps_line_breaks_tabs_and_text():
    assert terminal_safe("a\tb\nc é 漢") == "a\tb\nc é 漢"
    assert terminal_safe(CLEAR + TITLE + CSI + "\u202e") == "\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u202e"


def test_a_huge_value_in_a_curated_row_is_one_short_error_line(store, tmp_path):
    """A 120 KB value is named in the error, not printed whole (issue 20, case 8)."""
    table = kg(store, "claims", "--format", "csv")
    header, first = table.splitlines()[:2]
    columns = header.split(",")
    row = dict(zip(columns, next(csv.reader([first]))))
    row.update(status="added", claim="", value="9" * 120_000 + "x")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerow(row)
    (tmp_path / "huge.csv").write_text(out.getvalue())
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "load", "--claims", str(tmp_path / "huge.csv"),
                           "--curator", "Jane Analyst", "--store", str(store)], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if "row 2: value" in line]
    assert len(lines) == 1 and len(lines[0]) < 1_200, proc.stderr[:2000]
    assert "characters cut" in lines[0] and lines[0].endswith("is not a number")


# ---------------------------------------------------------------- width (issue 22)

from typer.testing import CliRunner  # noqa: E402

from kg.cli import app  # noqa: E402
from kg.output import table  # noqa: E402

runner = CliRunner()


def at_width(columns: int, *args) -> str:
    r = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": str(columns)})
    assert r.exit_code == 0, r.output
    return r.stdout


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("columns", [80, 120, 160, 240])
def test_the_claims_table_fits_the_terminal_and_cuts_nothing(seeds, columns):
    out = at_width(columns, "claims", "--store", seeds)
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "…" not in out
    rows = json.loads(at_width(columns, "claims", "-f", "json", "--store", seeds))
    every = words(out)
    for row in rows:  # each value whole, each quote's words in order
        assert row["metric"] in every and row["article"] in every
        assert " ".join(words(row["quote"])) in " ".join(every) or _spread(row["quote"], every)


def _spread(quote: str, every: list[str]) -> bool:
    """The quote's words appear in order in the output (a wrapped cell interleaves its lines with other columns')."""
    position = 0
    for word in words(quote):
        try:
            position = every.index(word, position) + 1
        except ValueError:
            return False
    return True


def test_a_wide_terminal_gets_one_line_a_row():
    rows = [{"metric": "civilians-killed", "quote": "Monitors said 40 civilians were killed"}]
    assert table(rows, ["metric", "quote"], 200).splitlines()[2] == "civilians-killed  Monitors said 40 civilians were killed"


def test_long_values_wrap_at_spaces_and_names_stay_whole():
    rows = [{"metric": "civilians-killed", "value": 12, "quote": "one two three four five six seven eight nine ten"}]
    lines = table(rows, ["metric", "value", "quote"], 40).splitlines()
    assert lines[0] == "metric            value  quote" and max(map(len, lines)) <= 40
    assert lines[2].startswith("civilians-killed  12     one two")
    assert " ".join(l[25:] for l in lines[2:-1]).split() == rows[0]["quote"].split()
    assert lines[-1] == "(1 row)"


def test_too_narrow_for_a_table_gives_one_record_a_row():
    rows = [{"article": "001_bf04cfafd866ef6d.txt", "metric": "civilians-killed", "period_start": "2014-08",
             "quote": "During this period CJTF-OIR assesses at least 1,139 civilians have been killed"}]
    out = table(rows, ["article", "metric", "period_start", "quote"], 44)
    assert out.splitlines()[:4] == ["article       001_bf04cfafd866ef6d.txt", "metric        civilians-killed",
                                    "period_start  2014-08", "quote         During this period CJTF-OIR"]
    assert max(map(len, out.splitlines())) <= 44 and "…" not in out


@pytest.mark.parametrize("columns", [80, 120])
def test_the_conflicts_listing_fits_the_terminal(seeds, columns):
    out = at_width(columns, "conflicts", "--store", seeds)
    assert max(len(line) for line in out.splitlines()) <= columns
    # who said what, and where it was reported: on one line when it fits, else on the next
    assert "    CJTF-OIR: ≥1139  — reported by International Business Times, 001_bf04cfafd866ef6d.txt" in out \
        or "    CJTF-OIR: ≥1139\n      — reported by International Business Times, 001_bf04cfafd866ef6d.txt" in out
    assert ("— reported by" in out.split("CJTF-OIR: ≥1139")[1].splitlines()[0]) == (columns >= 120)


def test_explain_is_a_few_lines_a_pair_and_verbose_says_all(seeds):
    pairs = json.loads(at_width(100, "conflicts", "-f", "json", "--store", seeds))
    concise = at_width(100, "conflicts", "--explain", "--store", seeds)
    full = at_width(100, "conflicts", "--explain", "--verbose", "--store", seeds)
    listing, _, unlisted = concise.partition("Not listed (other sources on the same metric and place): ")
    assert len(listing.splitlines()) <= 7 * len(pairs)  # heading, the pair, why (wrapped), blank
    assert "“" not in listing and "why: same metric and incident" in listing
    assert "CONTRADICTION ×8.33: CJTF-OIR 12 vs BBC >100" in listing
    counted = [int(line.split("×")[0]) for line in unlisted.splitlines()[1:] if "×" in line]
    assert unlisted.startswith(f"{sum(counted)} pairs, by why (--explain --verbose lists each)")
    assert "different places" in unlisted and len(unlisted.splitlines()) < 10
    # verbose: the quotes and every pair not listed with its own reason
    assert full.count("“") >= 2 * len(pairs) and full.count("why: ") == len(pairs)
    assert len(full.split("Not listed (other sources on the same metric and place):")[1].strip().splitlines()) >= 2 * sum(counted)
    assert len(concise.splitlines()) * 3 < len(full.splitlines())


def test_ascii_text_is_checked_at_once_and_escaped_as_any():
    """terminal_safe's quick test of ASCII text: every ASCII control but tab and line break is still escaped."""
    for code in range(0x80):
        char = chr(code)
        expected = char if char in "\t\n" or 0x20 <= code < 0x7f else f"\\x{code:02x}"
        assert terminal_safe(f"a{char}b") == f"a{expected}b", code
