"""`kg conflicts` (where sources disagree, grouped by metric and period, with both sides' quotes) and
`kg analyse` (work the findings out again)."""

from __future__ import annotations

import gc
import shutil
import textwrap
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from itertools import islice
from typing import Any, Optional

import typer

from kg.analysis import findings
from kg.analysis.listing import (conflict_stream, conflict_texts, explain_row, load_figures, reason_kinds,
                                 tolerance_for, unlisted_pairs, with_copies)
from kg.analysis.rules import ALL_KINDS, DEFAULT_TOLERANCE, Figure
from kg.analysis.filters import first_rows, listing_params, one_more
from kg.analysis.names import source_label
from kg.cli.options import (FormatOpt, PairSinceOpt, PairUntilOpt, StoreOpt, fail, limit_option, note_limit, place_option,
                            show, window)
from kg.output import render
from kg.stores import open_store

COLUMNS = ["kind", "metric", "period_start", "period_end", "place", "incident",
           "asserter_a", "value_a", "bound_a", "article_a", "quote_a",
           "asserter_b", "value_b", "bound_b", "article_b", "quote_b", "ratio"]


def conflicts_command(
    store: Optional[str] = StoreOpt,
    fmt: str = FormatOpt,
    metric: Optional[str] = typer.Option(None, help="Only this metric (notation, e.g. civilians-killed)."),
    kind: Optional[str] = typer.Option(None, help=f"Only this kind: {' | '.join(ALL_KINDS)}."),
    asserter: Optional[str] = typer.Option(None, help="Only pairs with this source on either side (name or alias)."),
    incident: Optional[str] = typer.Option(None, help="Only pairs about this incident (its label in any case, or its key)."),
    tolerance: Optional[str] = typer.Option(None, help="Relative tolerance for approximate figures and discrepancies "
                                                       f"(0.10 = 10 %); by default the one kg analyse stored "
                                                       f"the findings with, else {DEFAULT_TOLERANCE}.", show_default=False),
    explain: bool = typer.Option(False, "--explain", help="Say why each pair is listed (a few lines a pair), and "
                                                          "count the other pairs of sources on the same metric and "
                                                          "place by why they are not."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="With --explain: each pair with its quotes and "
                                                                "reason, and every pair not listed with its own."),
    place: Optional[str] = place_option("pairs with either claim at this place or at a place within it"),
    since: Optional[str] = PairSinceOpt,
    until: Optional[str] = PairUntilOpt,
    limit: Optional[int] = limit_option("pairs"),
) -> None:
    """Where sources disagree: contradictions, discrepancies, misreports, downward revisions and figures
    that look alike but are not comparable, each with both sides' asserter, outlet and quote."""
    if kind is not None and kind not in ALL_KINDS:
        fail(f"unknown kind {kind!r}; choose one of {', '.join(ALL_KINDS)}")
    asked = parse_tolerance(tolerance) if tolerance is not None else None
    window(since, until)
    params = {"metric": metric, "kind": kind, "asserter": asserter, "incident": incident}
    with open_store(store, read_only=True, bounded=True) as kg_store, _no_cycle_collection():
        t = tolerance_for(kg_store, asked)
        params.update(listing_params(kg_store, place, since, until))
        stream, note = conflict_stream(kg_store, params, t, one_more(limit))
        if note:
            typer.echo(f"kg: {note}", err=True)
        more = False
        if limit is not None:
            rows, more = first_rows(list(islice(stream, one_more(limit))), limit)
            stream = iter(rows)
        note_limit(limit, more, "pairs")
        if not explain and fmt != "table":  # written as the rows are read: the first soon, however many follow
            for text in conflict_texts(kg_store, stream, COLUMNS, fmt):
                show(text)
            return
        rows = list(with_copies(kg_store, stream))
        figures = load_figures(kg_store, metric) if explain else {}
        shown = source_label(kg_store, asserter) if explain and asserter else None  # as the figures name it
    if explain:
        for row in rows:
            row["why"] = explain_row(row, figures, t)
    if fmt == "table":
        width = terminal_width()
        if explain and not verbose:
            show(concise(rows, width))
        else:
            show(readable(rows, explain, width))
        if explain:
            unlisted = [] if limit is not None else unlisted_pairs(rows, figures, t, shown)
            show(readable_unlisted(unlisted, width) if verbose else unlisted_summary(unlisted))
        return
    columns = COLUMNS + [c for c in (rows[0] if rows else {}) if c not in COLUMNS]
    show(render(rows, columns, fmt))


@contextmanager
def _no_cycle_collection():
    """Python's collector of reference cycles paused: a listing makes millions of small objects and no
    cycles, and keeps hundreds of thousands alive (every claim's side, once the listing is long), over which
    the collector ran again and again (7.5 s of 23 s for the whole listing at 100,000 claims)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def analyse(
    store: Optional[str] = StoreOpt,
    tolerance: str = typer.Option(str(DEFAULT_TOLERANCE), help="Relative tolerance for approximate figures and "
                                                              "discrepancies (0.10 = 10 %)."),
) -> None:
    """Work out every finding (conflicts, revisions, corroborations) again: after a bulk load of
    `kg extract --output` files, changes made with SPARQL Update, or to store another tolerance.
    `kg load` keeps them up to date by itself."""
    t = parse_tolerance(tolerance)
    with open_store(store) as kg_store:
        count = findings.rebuild(kg_store, t)
    typer.echo(f"{count} findings at tolerance {t}")


def parse_tolerance(text: str) -> Decimal:
    """A relative tolerance from 0 to below 1, or a usage error."""
    try:
        t = Decimal(text)
    except InvalidOperation:
        t = Decimal(-1)
    if not (Decimal(0) <= t < Decimal(1)):
        fail(f"--tolerance {text!r}: expected a number from 0 to below 1, e.g. 0.10")
    return t


# ---------------------------------------------------------------- the readable table

def _side(row: dict[str, Any], side: str) -> Figure:
    vmax = row.get(f"value_max_{side}")
    value = row.get(f"value_{side}")
    return Figure(claim="", metric=row.get("metric") or "", value=Decimal(str(value if value is not None else 0)),
                  bound=row.get(f"bound_{side}") or "exact",
                  value_max=Decimal(str(vmax)) if vmax not in (None, "") else None)


def _period(start: str | None, end: str | None) -> str:
    if not end:
        return "no period"
    if not start:
        return f"to {end}"
    return end if start == end else f"{start}..{end}"


def terminal_width() -> int:
    """The terminal's width ($COLUMNS, else the terminal's; 100 when there is none), for text that wraps."""
    return shutil.get_terminal_size((100, 24)).columns


def _wrap(text: str, indent: int, width: int = 100, more: int = 2) -> str:
    """A paragraph at ``indent``, wrapped at ``width`` (not below 40 characters), its next lines ``more`` further in."""
    return textwrap.fill(text, width=max(width, 40), initial_indent=" " * indent,
                         subsequent_indent=" " * (indent + more), break_on_hyphens=False)


def _heads(rows: list[dict[str, Any]]):
    """The rows in listing order (disagreements first, then figures that only look alike), each with the
    group heading to print before it (None within a group) and whether it opens the look-alike section."""
    ordered = [r for r in rows if r["kind"] != "not-comparable"] + [r for r in rows if r["kind"] == "not-comparable"]
    group = None
    for index, row in enumerate(ordered):
        section = row["kind"] == "not-comparable" and (index == 0 or ordered[index - 1]["kind"] != "not-comparable")
        if section:
            group = None
        head = (row.get("metric"), row.get("period_start"), row.get("period_end"), row.get("place"), row.get("incident"))
        heading = None
        if head != group:
            group = head
            where = row.get("place") or "no place"
            about = f" · {row['incident']}" if row.get("incident") else ""
            heading = f"{row.get('metric')} · {_period(row.get('period_start'), row.get('period_end'))} · {where}{about}"
        yield row, heading, section


NOT_COMPARABLE = "\n== Not comparable: the same metric over overlapping periods, but other places =="


def _counts(rows: list[dict[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["kind"]] = counts.get(row["kind"], 0) + 1
    return ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))


def _listed(rows: list[dict[str, Any]], out: list[str]):
    """Each row with its ratio text, after appending to ``out`` the headings it opens: real disagreements first,
    figures that only look alike last, in a section of their own."""
    for row, heading, section in _heads(rows):
        if section:
            out.append(NOT_COMPARABLE)
        if heading:
            out.append("\n" + heading)
        yield row, (f" ×{row['ratio']}" if row.get("ratio") not in (None, "") and row["kind"] != "not-comparable" else "")


def concise(rows: list[dict[str, Any]], width: int = 100) -> str:
    """`--explain` as a few lines a pair: the pair's figures on one line, then why it is listed."""
    if not rows:
        return "No conflicts found.\n"
    out: list[str] = []
    for row, ratio in _listed(rows, out):
        sides = " vs ".join(f"{row.get(f'asserter_{s}')} {_side(row, s).stated}" for s in ("a", "b"))
        out.append(_wrap(f"{row['kind'].upper()}{ratio}: {sides}", 2, width, 4))
        if row.get("why"):
            out.append(_wrap(f"why: {row['why']}", 4, width))
    out.append("\n" + _counts(rows) + " (kg conflicts --explain --verbose shows each side's quote)")
    return "\n".join(out).lstrip("\n") + "\n"


def readable(rows: list[dict[str, Any]], explain: bool = False, width: int = 100) -> str:
    """Rows grouped by metric and period; each pair with both sides' figure, asserter, outlet, article and quote."""
    if not rows:
        return "No conflicts found.\n"
    out: list[str] = []
    for row, ratio in _listed(rows, out):
        out.append(f"  {row['kind'].upper()}{ratio}")
        for side in ("a", "b"):
            fig = _side(row, side)
            outlet = row.get(f"outlet_{side}") or "publisher unknown"
            period = ""
            if side == "b" and (row.get("period_end_b"), row.get("period_start_b"), row.get("place_b")) != \
                    (row.get("period_end"), row.get("period_start"), row.get("place")):
                period = f"  [{_period(row.get('period_start_b'), row.get('period_end_b'))} · {row.get('place_b') or 'no place'}]"
            copies = row.get(f"copies_{side}") or 0
            also = f" and {copies} cop{'y' if copies == 1 else 'ies'}" if copies else ""
            said = f"{row.get(f'asserter_{side}')}: {fig.stated}{period}"
            reported = f"— reported by {outlet}, {row.get(f'article_{side}')}{also}"
            if 4 + len(said) + 2 + len(reported) <= width:
                out.append(f"    {said}  {reported}")
            else:  # who said what on one line, where it was reported on the next
                out += [_wrap(said, 4, width, 4), _wrap(reported, 6, width, 2)]
            out.append(_wrap(f"“{row.get(f'quote_{side}')}”", 6, width, 0))
        if explain and row.get("why"):
            out.append(_wrap(f"why: {row['why']}", 4, width))
    out.append("\n" + _counts(rows))
    return "\n".join(out).lstrip("\n") + "\n"


UNLISTED = "Not listed (other sources on the same metric and place):"


def readable_unlisted(pairs, width: int = 100) -> str:
    if not pairs:
        return ""
    out = ["", UNLISTED]
    for a, b, why in pairs:
        out.append(_wrap(f"{a.metric}: {a.asserter} {a.stated} ({a.period}) vs {b.asserter} {b.stated} ({b.period})",
                         2, width, 4))
        out.append(_wrap(why, 4, width))
    return "\n".join(out) + "\n"


def unlisted_summary(pairs) -> str:
    """The pairs not listed, counted by why (kg.analysis.listing.reason_kinds)."""
    if not pairs:
        return ""
    out = ["", f"{UNLISTED} {len(pairs)} pair{'s' if len(pairs) != 1 else ''}, by why "
               "(--explain --verbose lists each)"]
    kinds = reason_kinds(pairs)
    size = len(str(kinds[0][1]))
    out += [f"  {count:>{size}} × {reason}" for reason, count in kinds]
    return "\n".join(out) + "\n"
