"""Control characters from article data reach the terminal as visible escapes (issue 20, case 7):
`kg claims`, `kg conflicts` (tables and --explain) and `kg query`, piped or not."""

from __future__ import annotations

import csv
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
