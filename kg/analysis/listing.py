"""The conflicts `kg conflicts` lists, as rows of both sides' claims.

Read from the stored findings (``kg.analysis.findings``) when they were worked out with the
tolerance asked for; otherwise computed live by the ``conflicts-live`` query, with a note
saying why. Given an incident or a source, a keyed query starts from it. For ``--explain``:
each listed pair's reason from the rules (``kg.analysis.rules``), and the pairs of sources
on the same metric and place that are not listed, with the reason; how many copies (kg.copies)
each side's article has.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import chain, islice
from typing import Any, Iterable, Iterator

from kg.analysis import findings
from kg.analysis import sides as listed_sides
from kg.analysis.names import check_names, incident_labels, source_iri, source_label
from kg.analysis.queries import run_named
from kg.analysis.rules import DEFAULT_TOLERANCE, Figure, classify, comparable
from kg.copies import copy_counts
from kg.output import RowFormat, growing_chunks, render_stream


def tolerance_for(kg_store, asked: Decimal | None) -> Decimal:
    """The tolerance a listing uses: the one asked for, else the stored findings' (the last
    ``kg analyse --tolerance``), else the default."""
    if asked is not None:
        return asked
    stored = findings.tolerance_of(kg_store)
    return stored if stored is not None else DEFAULT_TOLERANCE


def conflict_rows(kg_store, params: dict[str, Any], tolerance: Decimal,
                  limit: int | None = None) -> tuple[list[dict[str, Any]], str | None]:
    """The conflicts, read from the stored findings when they were worked out with ``tolerance``;
    otherwise computed live (slower), with a note saying why. A metric, source, incident or place the
    store does not have is refused (``UnknownName``). ``params``: metric, kind, asserter, incident,
    and ``place``, ``since``, ``until`` as ``kg.analysis.filters.listing_params`` makes them (a pair
    matches when either claim does); ``limit``: the first that many rows."""
    rows, note = conflict_stream(kg_store, params, tolerance, limit)
    return list(rows if limit is None else islice(rows, limit)), note


def conflict_stream(kg_store, params: dict[str, Any], tolerance: Decimal,
                    limit: int | None = None) -> tuple[Iterator[dict[str, Any]], str | None]:
    """``conflict_rows``' rows as they are read, for a listing written out as it comes: from the stored
    findings, the first rows after a few reads, however long the listing (kg.analysis.sides.stream).
    ``limit``: at least the first that many rows (a hint: the rows may go on). The store is read while the
    rows are taken."""
    check_names(kg_store, metric=params.get("metric"), asserter=params.get("asserter"), incident=params.get("incident"))
    stored = findings.tolerance_of(kg_store)
    unfinished = len(findings.awaiting(kg_store)) if stored == tolerance else 0
    if stored == tolerance and not unfinished:
        older = None if listed_sides.written(kg_store) else (
            "the findings were stored by an older kg, without the listing groups this one reads: listing from the "
            "named queries, which is slow on a large store; `kg analyse` stores them again")
        return iter(stored_conflicts(kg_store, params, limit)), older
    why = (f"{unfinished} article(s) still await analysis (a load or kg analyse was interrupted; the next "
           "kg load finishes them)" if unfinished
           else f"the stored findings use tolerance {stored}" if stored is not None
           else "the store has no findings (loaded by other means?)")
    note = f"computing conflicts live, which is slow on a large store: {why}; `kg analyse --tolerance {tolerance}` stores them"
    live = {k: v for k, v in params.items() if k != "incident"}
    incident = params.get("incident")
    # with an incident, the rows are picked after the query: the limit too
    rows = run_named(kg_store, "conflicts-live", {**live, "tolerance": str(tolerance)}, None if incident else limit)
    return iter(_first(about_incidents(rows, incident_labels(kg_store, incident) if incident else None), limit)), note


def _first(rows: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    return rows if limit is None else rows[:limit]


_FILES_LOOKED_UP = 2000


def with_copies(kg_store, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Each row with how many copies each side's article has (``copies_a``, ``copies_b``: kg.copies):
    a story's copies are not listed, their claims being the story's. The rows are taken in growing
    chunks and given as they come; the articles of the first rows are looked up by name, and once
    ``_FILES_LOOKED_UP`` have been, every story's copies are read at once for the rest."""
    every: dict[str, int] | None = None
    looked_up = 0
    for chunk in growing_chunks(rows, most=8192):
        files = {row.get(f"article_{side}") for row in chunk for side in "ab"} - {None}
        if every is None and looked_up + len(files) > _FILES_LOOKED_UP:
            every = copy_counts(kg_store)
        counts = every if every is not None else copy_counts(kg_store, files)
        looked_up += len(files)
        for row in chunk:
            row["copies_a"] = counts.get(row.get("article_a"), 0)
            row["copies_b"] = counts.get(row.get("article_b"), 0)
        yield from chunk


def conflict_texts(kg_store, rows: Iterable[dict[str, Any]], columns: list[str], fmt: str) -> Iterator[str]:
    """The rows with their copies (``with_copies``) as text in ``fmt``, a format written row by row (not the
    aligned table), as they are read: ``columns``, then the first row's other columns, as
    kg.output.render_stream writes them. A stored listing not yet started (``kg.analysis.sides.Listing``)
    whose columns come in its rows' order is written from its pairs instead of dicts
    (``kg.analysis.sides.PairTexts``): the same text, each claim's cells written once however many rows
    it is in."""
    full = columns + [c for c in listed_sides.ROW_COLUMNS if c not in columns]
    if isinstance(rows, listed_sides.Listing) and not rows.started and full == list(listed_sides.ROW_COLUMNS):
        batches = (batch for batch in rows.batches if batch)
        first = next(batches, None)
        if first is not None:
            yield from _pair_texts(kg_store, chain([first], batches), RowFormat(fmt, full))
            return
        rows = iter(())
    rows = with_copies(kg_store, rows)
    first = next(rows, None)
    yield from render_stream([] if first is None else chain([first], rows),
                             columns + [c for c in (first or {}) if c not in columns], fmt)


def _pair_texts(kg_store, batches: Iterable[list], row_format: RowFormat) -> Iterator[str]:
    """``conflict_texts`` of batches of pairs: their sides' copies counted as ``with_copies`` counts them (the
    first articles by name, then every story's at once), their rows written as ``row_format`` writes them."""
    texts = listed_sides.PairTexts(row_format)
    every: dict[str, int] | None = None
    looked_up = 0

    def written(pairs: list) -> list[str]:
        nonlocal every, looked_up
        sides = [side for pair in pairs for side in pair[-2:] if side.copies is None]
        if sides:
            files = {side.file for side in sides}
            if every is None and looked_up + len(files) > _FILES_LOOKED_UP:
                every = copy_counts(kg_store)
            counts = every if every is not None else copy_counts(kg_store, files)
            looked_up += len(files)
            for side in sides:
                side.copies = counts.get(side.file, 0)
        return texts.rows(pairs)

    yield row_format.start
    yield from row_format.pieces(written(pairs) for batch in batches for pairs in growing_chunks(batch))


def stored_conflicts(kg_store, params: dict[str, Any], limit: int | None = None) -> Iterable[dict[str, Any]]:
    """The stored findings' conflicts: the rows the named query ``conflicts`` gives (``conflicts-of-incident``,
    ``conflicts-of-source`` for an incident or a source), paired, filtered and sorted here from the findings
    and each claim's side written with them (kg.analysis.sides). Given an incident or a source, the read
    starts from it, so its time grows with its own findings, not with the store."""
    if not listed_sides.written(kg_store):  # a findings graph an older kg started: `kg analyse` starts it again
        return named_conflicts(kg_store, params, limit)
    incident, asserter = params.get("incident"), params.get("asserter")
    rest = {k: params.get(k) for k in ("metric", "kind", "place", "since", "until")}
    labels = incident_labels(kg_store, incident) if incident else None
    if labels is not None:
        rows = {r["claim_a"] + " " + r["claim_b"] + " " + r["kind"]: r for label in labels
                for r in listed_sides.read(kg_store, **rest, incident=label)}
        rows = sorted(rows.values(), key=_listing_order) if len(labels) > 1 else list(rows.values())
        if asserter:  # the rows name sources by their canonical names (kg.sources)
            name = source_label(kg_store, asserter).casefold()
            rows = [r for r in rows if name in ((r.get("asserter_a") or "").casefold(),
                                                (r.get("asserter_b") or "").casefold())]
        return _first(rows, limit)
    source = source_iri(kg_store, asserter) if asserter else None
    if asserter and source is None:  # a name no stored source has: the named query matches it as it can
        return run_named(kg_store, "conflicts", {**rest, "asserter": asserter}, limit)
    # group by group: a first page reads the first groups only
    return listed_sides.stream(kg_store, **rest, source=source)


def named_conflicts(kg_store, params: dict[str, Any], limit: int | None = None) -> list[dict[str, Any]]:
    """The stored findings' conflicts from the named queries, for a store whose findings have no listed
    sides (worked out by a kg before them). Given an incident or a source, a keyed query starts from it
    (index lookups: its time grows with its own findings, not with the store) instead of filtering
    every finding. The keyed queries use SPARQL 1.2 LATERAL; an endpoint without it gets the
    filtered listing. ``limit``: in the query where its rows are the listing, else after the pick."""
    incident, asserter = params.get("incident"), params.get("asserter")
    rest = {k: params.get(k) for k in ("metric", "kind", "place", "since", "until")}
    labels = incident_labels(kg_store, incident) if incident else None
    try:
        if labels is not None:
            alone = len(labels) == 1 and not asserter  # the query's rows are the listing
            rows = [r for label in labels
                    for r in run_named(kg_store, "conflicts-of-incident", {**rest, "incident": label},
                                       limit if alone else None)]
            if asserter:  # the rows name sources by their canonical names (kg.sources)
                name = source_label(kg_store, asserter).casefold()
                rows = [r for r in rows if name in ((r.get("asserter_a") or "").casefold(),
                                                    (r.get("asserter_b") or "").casefold())]
            return _first(sorted(rows, key=_listing_order) if len(labels) > 1 else rows, limit)
        source = source_iri(kg_store, asserter) if asserter else None
        if source is not None:
            return run_named(kg_store, "conflicts-of-source", {**rest, "source": source}, limit)
    except ValueError as exc:  # the remote store's "invalid SPARQL": no LATERAL there
        if "LATERAL" not in str(exc):
            raise
    rows = run_named(kg_store, "conflicts", {**rest, "asserter": asserter}, None if labels else limit)
    return _first(about_incidents(rows, labels), limit)


def about_incidents(rows: list[dict[str, Any]], labels: list[str] | None) -> list[dict[str, Any]]:
    """The rows about incidents with these labels (all rows when None)."""
    if labels is None:
        return rows
    wanted = {label.casefold() for label in labels}
    return [r for r in rows if (r.get("incident") or "").casefold() in wanted]


def _listing_order(row: dict[str, Any]) -> tuple:
    """The listing queries' ORDER BY, for rows of several incidents merged."""
    text = lambda k: str(row.get(k) or "")  # noqa: E731
    number = lambda k: Decimal(str(row.get(k) or 0))  # noqa: E731
    return (text("metric"), text("period_end"), text("kind"), text("asserter_a"), text("asserter_b"),
            number("value_a"), number("value_b"), text("article_a"), text("article_b"))


def figure_from(record: dict[str, Any]) -> Figure:
    vmax = record.get("value_max")
    return Figure(claim=record["claim"], metric=record["metric"], value=Decimal(str(record["value"])),
                  bound=record["bound"], value_max=Decimal(str(vmax)) if vmax not in (None, "") else None,
                  asserter=record["asserter"], article=record["article"],
                  period_start=record.get("period_start") or None, period_end=record.get("period_end") or None,
                  running=bool(record.get("running")), places=tuple(p for p in (record.get("places") or "").split(",") if p),
                  incident=record.get("incident") or None, quote=record.get("quote") or "", outlet=record.get("outlet") or None,
                  voice=record.get("voice") or "")


def load_figures(kg_store, metric: str | None) -> dict[str, Figure]:
    return {r["claim"]: figure_from(r) for r in run_named(kg_store, "figures", {"metric": metric})}


def explain_row(row: dict[str, Any], figures: dict[str, Figure], tolerance: Decimal) -> str:
    a, b = figures.get(row.get("claim_a")), figures.get(row.get("claim_b"))
    if a is None or b is None:
        return ""
    reasons = [why for kind, _, why in classify(a, b, tolerance) if kind == row["kind"]]
    return reasons[0] if reasons else ""


def unlisted_pairs(rows, figures: dict[str, Figure], tolerance: Decimal, asserter: str | None = None):
    """Pairs of different sources on the same metric and a shared place that are not listed, with the reason.
    ``asserter``: only pairs with this source on a side, by the name the figures give it (``source_label``)."""
    listed = {frozenset((r.get("claim_a"), r.get("claim_b"))) for r in rows}
    found = []
    items = sorted(figures.values(), key=lambda f: (f.metric, f.period_end or "", f.asserter, f.claim))
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if a.metric != b.metric or a.asserter == b.asserter or frozenset((a.claim, b.claim)) in listed:
                continue
            if not (set(a.places) & set(b.places)) and not (a.incident and a.incident == b.incident):
                continue
            if asserter and asserter.casefold() not in (a.asserter.casefold(), b.asserter.casefold()):
                continue
            ok, why = comparable(a, b)
            if ok:
                results = [r for r in classify(a, b, tolerance) if r[0] in (None, "compatible")]
                why = results[0][2] if results else why
            found.append((a, b, ("compared, not a conflict: " if ok else "") + why))
    return found


# What varies between reasons of one kind: what a parenthesis names, a date or a number
_REASON_VALUES = re.compile(r"\s*\([^)]*\)|\b\d[\d.:,-]*\b")


def reason_kinds(pairs) -> list[tuple[str, int]]:
    """(reason, count) of the pairs ``unlisted_pairs`` gives, their reasons without the values they name
    ("periods start differently", "running totals ending … and …, more than a month apart"), the most
    frequent first."""
    counts: dict[str, int] = {}
    for _a, _b, why in pairs:
        reason = _REASON_VALUES.sub(lambda m: "" if m.group(0).lstrip().startswith("(") else "…", why).strip()
        counts[reason] = counts.get(reason, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
