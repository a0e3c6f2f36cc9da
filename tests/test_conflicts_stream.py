"""`kg conflicts` writes its listing as it reads it, and what it writes is what it wrote when it read every row
first: byte for byte, in every format.

Reference: the rows of the named query ``conflicts`` (which reads each pair from the findings and the
claims' article graphs at query time), each with its articles' copies (kg.copies), rendered by the
code `kg conflicts` rendered with before it streamed (``reference_text``: kg.output.render as it was).
On the seeds and on a generated store of a few thousand claims.
"""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from kg.analysis import sides as listed_sides
from kg.analysis.queries import run_named
from kg.cli import app
from kg.cli.conflicts import COLUMNS, readable
from kg.copies import copy_counts
from kg.output import _text, spreadsheet_safe
from kg.stores import open_store

runner = CliRunner()
FORMATS = ("csv", "tsv", "jsonl", "json", "md")


def reference_text(rows: list[dict], columns: list[str], fmt: str) -> str:
    """The rows as kg.output.render wrote them when it took a list (before render_stream)."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([spreadsheet_safe(_text(r.get(c))) for c in columns])
        return buf.getvalue()
    assert fmt == "md"
    esc = lambda s: _text(s).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(esc(r.get(c)) for c in columns) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def expected_rows(path, params: dict) -> list[dict]:
    """The named query's rows with their copies, as `kg conflicts` lists them."""
    with open_store(path, read_only=True) as store:
        rows = run_named(store, "conflicts", params)
        counts = copy_counts(store)
    for row in rows:
        row["copies_a"] = counts.get(row["article_a"], 0)
        row["copies_b"] = counts.get(row["article_b"], 0)
    return rows


def listing(path, *args: str) -> str:
    r = runner.invoke(app, ["conflicts", "--store", str(path), *args], env={"COLUMNS": "120"})
    assert r.exit_code == 0, r.output
    return r.stdout


def assert_written_as_before(path, params: dict, args: list[str]) -> None:
    rows = expected_rows(path, params)
    assert rows, params
    columns = COLUMNS + [c for c in rows[0] if c not in COLUMNS]
    for fmt in FORMATS:
        assert listing(path, *args, "-f", fmt) == reference_text(rows, columns, fmt), (params, fmt)
    assert listing(path, *args, "-f", "table") == readable(rows, width=120), params
    first = rows[:7]
    assert listing(path, *args, "-f", "csv", "--limit", "7") == reference_text(first, columns, "csv"), params


def some_filters(path) -> list[tuple[dict, list[str]]]:
    """(named query parameters, the same as `kg conflicts` options): none, a metric, a kind, a window."""
    rows = expected_rows(path, {})
    metric, kind = rows[-1]["metric"], rows[len(rows) // 2]["kind"]
    end = next(r["period_end"] for r in rows if r["period_end"])
    return [({}, []), ({"metric": metric}, ["--metric", metric]), ({"kind": kind}, ["--kind", kind]),
            ({"since": end[:4]}, ["--since", end[:4]])]


def test_the_seeds_listing_is_written_as_before(seeds):
    for params, args in some_filters(seeds):
        assert_written_as_before(seeds, params, args)


def test_explain_lists_the_same_pairs(seeds):
    plain = list(csv.DictReader(io.StringIO(listing(seeds, "-f", "csv"))))
    explained = list(csv.DictReader(io.StringIO(listing(seeds, "-f", "csv", "--explain"))))
    assert [{k: v for k, v in r.items() if k != "why"} for r in explained] == plain
    assert all(r["why"] for r in explained)


def test_a_generated_listing_is_written_as_before(generated):
    for params, args in some_filters(generated)[:2]:
        assert_written_as_before(generated, params, args)


def test_the_stream_reads_every_claim_at_once_or_looks_them_up_and_gives_the_same_rows(generated):
    """A long listing has every claim's figure and side read at once, once it has given some rows."""
    with open_store(generated, read_only=True) as store:
        expected = run_named(store, "conflicts", {})
        assert len(expected) > 1000
        for whole_from in (0, 1, 200, None):  # from the first batch on, the second, a later one, never
            assert list(listed_sides.stream(store, whole_from=whole_from)) == expected, whole_from


def test_every_format_writes_awkward_values_as_before():
    """Cells a CSV writer must quote or a spreadsheet would take for a formula, numbers that compare equal
    (1, 1.0, True), one column and none: render_stream writes what render wrote when it took a list."""
    from kg.output import render

    values = [None, "", "plain", 'a "quote"', "a, comma", "a\ttab", "a line\nbreak", "=1+2", "-3", "+x", "@a", 1,
              1.0, True, False, -1.5, [1, 2], " spaced ", "\ue000"]
    for columns in (["a"], ["a", "b"], ["a", "b", "c"]):
        rows = [{c: values[(i + 7 * j) % len(values)] for j, c in enumerate(columns)} for i in range(5000)]
        for fmt in FORMATS:
            for some in (rows, rows[:1], []):
                assert render(some, columns, fmt) == reference_text(some, columns, fmt), (columns, fmt, len(some))


def test_a_row_written_from_its_parts_is_written_as_render_writes_it():
    """kg.output.RowFormat (the listing's rows written from runs of cells rendered once): a row is its cells joined,
    as render writes the row, in every format, awkward values included."""
    from kg.output import RowFormat, render

    values = [None, "", "plain", 'a "quote"', "a, comma", "a\ttab", "a line\nbreak", "a\rreturn", "=1+2", "-3", "+x",
              "@a", 1, 1.0, True, False, -1.5, 2.5e-7, " spaced ", "\ue000", "pipe | here", "ünïcödé — “q”"]
    columns = ["a", "b", "c"]
    rows = [{c: values[(i + 5 * j) % len(values)] for j, c in enumerate(columns)} for i in range(len(values) * 3)]
    for fmt in FORMATS:
        for some in (rows, rows[:1], rows[:2]):
            row_format = RowFormat(fmt, columns)
            texts = [row_format.head + row_format.sep.join(row_format.cell(c, r[c]) for c in columns) + row_format.tail
                     for r in some]
            written = row_format.start + "".join(row_format.pieces([texts[:1], [], texts[1:]]))
            assert written == render(some, columns, fmt), (fmt, len(some))


def test_the_pairs_sort_by_their_rows_order_key(generated):
    """A pair's key is ``order_key`` of its row: the pairs, sorted, are the rows in the listing's order."""
    with open_store(generated, read_only=True) as store:
        pairs = [pair for batch in listed_sides.stream(store).batches for pair in batch]
    assert len(pairs) > 1000
    assert [pair[0] for pair in pairs] == [listed_sides.order_key(listed_sides.row_of(pair)) for pair in pairs]
    assert [pair[0] for pair in pairs] == sorted(pair[0] for pair in pairs)


def test_values_written_at_once_are_written_as_each_alone():
    """RowFormat.values (a side's values written at once when none needs quoting) are each value's text, in every
    format."""
    from kg.output import RowFormat

    values = [None, "", "plain", 'a "quote"', "a, comma", "a\ttab", "a line\nbreak", "a\rreturn", "=1+2", "-3", "+x",
              "@a", 1, 1.0, -1.5, " spaced ", "ünï — “q”", "x,=y", "a|b"]
    for fmt in FORMATS:
        row_format = RowFormat(fmt, ["a", "b"])
        for i in range(len(values)):
            for n in (1, 2, 3, 13):
                some = [values[(i + 3 * j) % len(values)] for j in range(n)]
                assert row_format.values(some) == [row_format.value(v) for v in some], (fmt, some)
