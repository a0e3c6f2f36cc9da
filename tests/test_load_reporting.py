"""What `kg load` says while and after it loads (issue 22): warnings counted by kind in one summary after
the progress, each on a line of its own with --verbose and one prefix only, -q for the warnings alone, and
progress as plain lines when standard error is not a terminal."""

from __future__ import annotations

import io
import re

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.cli.load import ProgressLines
from kg.model import LoadWarning, by_kind

runner = CliRunner()
PLAIN = 22  # articles with neither publisher nor date: three warnings each (the period has no date either)
KEYED = 3  # articles with a front-matter key kg does not know: one warning each, its key differing


def kg(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for i in range(PLAIN):
        (folder / f"plain_{i:02}.txt").write_text(f"Airwars said at least {i + 3} civilians were killed in Raqqa.\n")
    for i in range(KEYED):
        (folder / f"keyed_{i}.md").write_text(f"---\npublisher: Reuters\npublished: 2018-05\nmood{i}: grim\n---\n"
                                             f"Monitors said {i + 40} civilians were killed in Mosul in May 2018.\n")
    return folder


def test_warnings_are_counted_by_kind_in_one_summary(corpus, tmp_path):
    r = kg("load", corpus, "--store", tmp_path / "s")
    assert r.exit_code == 0, r.output
    total = 3 * PLAIN + KEYED
    assert f"{total} warning(s)" in r.stdout
    lines = r.stderr.splitlines()
    head = lines.index(f"{total} warnings of 4 kinds (kg load --verbose lists each):")
    assert head == len(lines) - 5 and lines[head - 1].startswith("loading: ")  # after the progress
    assert lines[head + 1:] == [
        f"  {PLAIN} × the article has no publication date: relative periods ('this year') cannot be resolved",
        f"  {PLAIN} × the article has no publisher: figures in the outlet's own voice have no asserter",
        f"  {PLAIN} × the period could not be resolved to dates (a relative phrase and no publication date?)",
        f"   {KEYED} × unknown front-matter key … ignored",
    ]
    assert not [line for line in lines if line.startswith("warning: ")]


def test_verbose_lists_each_warning_with_one_prefix(corpus, tmp_path):
    r = kg("load", corpus, "--store", tmp_path / "s", "--verbose")
    assert r.exit_code == 0, r.output
    warnings = [line for line in r.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 3 * PLAIN + KEYED
    assert not [w for w in warnings if "warning:" in w.removeprefix("warning: ")], warnings[:3]
    assert any(re.fullmatch(r"warning: \S*plain_00\.txt: the article has no publisher: .* \(https://\S+\)", w)
               for w in warnings), warnings[:3]
    assert any(w.endswith("keyed_1.md: unknown front-matter key 'mood1' ignored") for w in warnings)
    assert "--verbose lists each" not in r.stderr


def test_quiet_hides_the_warnings_and_keeps_the_progress(corpus, tmp_path):
    r = kg("load", corpus, "--store", tmp_path / "s", "-q")
    assert r.exit_code == 0, r.output
    assert "warning" not in r.stderr
    assert re.search(rf"^loading: {PLAIN + KEYED}/{PLAIN + KEYED} files, done in [\d.]+ s$", r.stderr, re.M), r.stderr
    assert f"{3 * PLAIN + KEYED} warning(s)" in r.stdout  # their count stays in the summary


def test_progress_is_plain_lines_when_stderr_is_not_a_terminal(corpus, tmp_path):
    """A tenth of the files at a time (at least ten), and the end."""
    r = kg("load", corpus, "--store", tmp_path / "s", "-q")
    progress = [line for line in r.stderr.splitlines() if line.startswith("loading: ")]
    total = PLAIN + KEYED
    assert [line.split(" files")[0] for line in progress] == \
        [f"loading: 10/{total}", f"loading: 20/{total}", f"loading: {total}/{total}"], progress
    assert progress[0].startswith(f"loading: 10/{total} files (40 %), ")


def test_progress_lines_also_come_with_time():
    """A long pause between files gives a line though no tenth was reached."""
    out = io.StringIO()
    lines = ProgressLines(1_000, "loading", every=0.0, out=out)
    lines()
    lines()
    lines.finish()
    assert out.getvalue().splitlines()[:2] == ["loading: 1/1,000 files (0 %), 0.0 s", "loading: 2/1,000 files (0 %), 0.0 s"]
    assert out.getvalue().splitlines()[2].startswith("loading: 2/1,000 files, done in ")


def test_kinds_leave_out_what_varies():
    warnings = [LoadWarning("a.txt", "the claim states no period (claim '12 dead')", "the claim states no period"),
                LoadWarning("b.txt", "the claim states no period (claim '40 dead')", "the claim states no period"),
                LoadWarning("c.txt", "publication date 2018-12-03 inferred from the URL"),
                LoadWarning("d.txt", "publication date 2017-01 inferred from the URL"),
                "e.txt: page date 'yesterday' not understood; ignored"]
    assert by_kind(warnings) == [("publication date … inferred from the URL", 2), ("the claim states no period", 2),
                                 ("e.txt: page date … not understood; ignored", 1)]  # the most first, then by name
    assert str(warnings[0]) == "a.txt: the claim states no period (claim '12 dead')"
