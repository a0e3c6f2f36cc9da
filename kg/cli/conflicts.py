"""`kg conflicts` (where sources disagree, grouped by metric and period, with both sides' quotes) and
`kg analyse` (work the findings out again)."""

from __future__ import annotations

import re
import textwrap
from decimal import Decimal, InvalidOperation
from typing import Any, Optional

import typer
from rdflib import RDFS, URIRef

from kg import findings
from kg.cli.options import FormatOpt, StoreOpt, fail, show
from kg.conflicts import ALL_KINDS, DEFAULT_TOLERANCE, Figure, classify, comparable
from kg.output import FORMATS, records, render
from kg.namespaces import INCIDENT, KG, SOURCE
from kg.queries import prepare, resolve
from kg.rdf import resolve_source, string_literal
from kg.stores import open_store
from kg.vocab import vocabulary

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
    tolerance: str = typer.Option(str(DEFAULT_TOLERANCE), help="Relative tolerance for approximate figures and "
                                                              "discrepancies (0.10 = 10 %)."),
    explain: bool = typer.Option(False, "--explain", help="Say why each pair is listed, and why other pairs of "
                                                          "sources on the same metric are not."),
) -> None:
    """Where sources disagree: contradictions, discrepancies, misreports, downward revisions and figures
    that look alike but are not comparable, each with both sides' asserter, outlet and quote."""
    if fmt not in FORMATS + ("tsv",):
        fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if kind is not None and kind not in ALL_KINDS:
        fail(f"unknown kind {kind!r}; choose one of {', '.join(ALL_KINDS)}")
    t = parse_tolerance(tolerance)
    params = {"metric": metric, "kind": kind, "asserter": asserter, "incident": incident}
    with open_store(store, read_only=True) as kg_store:
        rows, note = conflict_rows(kg_store, params, t)
        figures = load_figures(kg_store, metric) if explain else {}
    if note:
        typer.echo(f"kg: {note}", err=True)
    if explain:
        for row in rows:
            row["why"] = explain_row(row, figures, t)
    if fmt == "table":
        show(readable(rows, explain))
        if explain:
            show(readable_unlisted(unlisted_pairs(rows, figures, t, asserter)))
        return
    columns = COLUMNS + [c for c in (rows[0] if rows else {}) if c not in COLUMNS]
    show(render(rows, columns, fmt))


def analyse(
    store: Optional[str] = StoreOpt,
    tolerance: str = typer.Option(str(DEFAULT_TOLERANCE), help="Relative tolerance for approximate figures and "
                                                              "discrepancies (0.10 = 10 %)."),
) -> None:
    """Work out every finding (conflicts, revisions, corroborations) again: after a bulk load of
    `kg extract --out` files, changes made with SPARQL Update, or to store another tolerance.
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


# ---------------------------------------------------------------- library-side helpers

def run_named(kg_store, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    query = prepare(resolve(name), {k: v for k, v in params.items() if v is not None})
    return records(kg_store.query(query))


def conflict_rows(kg_store, params: dict[str, Any], tolerance: Decimal) -> tuple[list[dict[str, Any]], str | None]:
    """The conflicts, read from the stored findings when they were worked out with ``tolerance``;
    otherwise computed live (slower), with a note saying why."""
    stored = findings.tolerance_of(kg_store)
    unfinished = len(findings.awaiting(kg_store)) if stored == tolerance else 0
    if stored == tolerance and not unfinished:
        return stored_conflicts(kg_store, params), None
    why = (f"{unfinished} article(s) still await analysis (a load or kg analyse was interrupted; the next "
           "kg load finishes them)" if unfinished
           else f"the stored findings use tolerance {stored}" if stored is not None
           else "the store has no findings (loaded by other means?)")
    note = f"computing conflicts live, which is slow on a large store: {why}; `kg analyse --tolerance {tolerance}` stores them"
    live = {k: v for k, v in params.items() if k != "incident"}
    rows = run_named(kg_store, "conflicts-live", {**live, "tolerance": str(tolerance)})
    incident = params.get("incident")
    return about_incidents(rows, incident_labels(kg_store, incident) if incident else None), note


def stored_conflicts(kg_store, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The stored findings' conflicts. Given an incident or a source, a keyed query starts from it
    (index lookups: its time grows with its own findings, not with the store) instead of filtering
    every finding. The keyed queries use SPARQL 1.2 LATERAL; an endpoint without it gets the
    filtered listing."""
    incident, asserter = params.get("incident"), params.get("asserter")
    rest = {k: params.get(k) for k in ("metric", "kind")}
    labels = incident_labels(kg_store, incident) if incident else None
    try:
        if labels is not None:
            rows = [r for label in labels
                    for r in run_named(kg_store, "conflicts-of-incident", {**rest, "incident": label})]
            if asserter:
                name = resolve_source(asserter, vocabulary()).label.casefold()
                rows = [r for r in rows if name in ((r.get("asserter_a") or "").casefold(),
                                                    (r.get("asserter_b") or "").casefold())]
            return sorted(rows, key=_listing_order) if len(labels) > 1 else rows
        source = source_iri(kg_store, asserter) if asserter else None
        if source is not None:
            return run_named(kg_store, "conflicts-of-source", {**rest, "source": source})
    except ValueError as exc:  # the remote store's "invalid SPARQL": no LATERAL there
        if "LATERAL" not in str(exc):
            raise
    return about_incidents(run_named(kg_store, "conflicts", {**rest, "asserter": asserter}), labels)


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


def incident_labels(kg_store, text: str) -> list[str]:
    """The labels of the incidents ``text`` names: a label as stored, an incident key, or a label in
    another case (the last reads every incident's label, so it is tried last)."""
    if kg_store.query(f"ASK {{ ?i <{RDFS.label}> {string_literal(text)} ; a <{KG.Incident}> }}").boolean:
        return [text]
    if re.fullmatch(r"[\w.-]+", text):  # incident keys are IRI-safe: 2017-05_mosul_airstrike
        keyed = [str(r[0]) for r in kg_store.rows(f"SELECT DISTINCT ?l WHERE {{ <{INCIDENT[text]}> <{RDFS.label}> ?l }}")]
        if keyed:
            return keyed
    wanted = text.casefold()
    every = kg_store.rows(f"SELECT DISTINCT ?l WHERE {{ ?i a <{KG.Incident}> ; <{RDFS.label}> ?l }}")
    return sorted({str(r[0]) for r in every if str(r[0]).casefold() == wanted})


def source_iri(kg_store, name: str) -> URIRef | None:
    """The source a name or alias means (any case), as the loader names it; None when no claim has it."""
    iri = SOURCE[resolve_source(name, vocabulary()).key]
    return iri if kg_store.query(f"ASK {{ ?c <{KG.assertedBy}> <{iri}> }}").boolean else None


def figure_from(record: dict[str, Any]) -> Figure:
    vmax = record.get("value_max")
    return Figure(claim=record["claim"], metric=record["metric"], value=Decimal(str(record["value"])),
                  bound=record["bound"], value_max=Decimal(str(vmax)) if vmax not in (None, "") else None,
                  asserter=record["asserter"], article=record["article"],
                  period_start=record.get("period_start") or None, period_end=record.get("period_end") or None,
                  running=bool(record.get("running")), places=tuple(p for p in (record.get("places") or "").split(",") if p),
                  incident=record.get("incident") or None, quote=record.get("quote") or "", outlet=record.get("outlet") or None)


def load_figures(kg_store, metric: str | None) -> dict[str, Figure]:
    return {r["claim"]: figure_from(r) for r in run_named(kg_store, "figures", {"metric": metric})}


def explain_row(row: dict[str, Any], figures: dict[str, Figure], tolerance: Decimal) -> str:
    a, b = figures.get(row.get("claim_a")), figures.get(row.get("claim_b"))
    if a is None or b is None:
        return ""
    reasons = [why for kind, _, why in classify(a, b, tolerance) if kind == row["kind"]]
    return reasons[0] if reasons else ""


def unlisted_pairs(rows, figures: dict[str, Figure], tolerance: Decimal, asserter: str | None = None):
    """Pairs of different sources on the same metric and a shared place that are not listed, with the reason."""
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


def _wrap(text: str, indent: int) -> str:
    return textwrap.fill(text, width=100, initial_indent=" " * indent, subsequent_indent=" " * indent)


def readable(rows: list[dict[str, Any]], explain: bool = False) -> str:
    """Rows grouped by metric and period; each pair with both sides' figure, asserter, outlet, article and quote."""
    if not rows:
        return "No conflicts found.\n"
    out: list[str] = []
    group = None
    # real disagreements first; figures that only look alike come last, in a section of their own
    ordered = [r for r in rows if r["kind"] != "not-comparable"] + [r for r in rows if r["kind"] == "not-comparable"]
    for index, row in enumerate(ordered):
        if row["kind"] == "not-comparable" and (index == 0 or ordered[index - 1]["kind"] != "not-comparable"):
            out.append("\n== Not comparable: the same metric over overlapping periods, but other places ==")
            group = None
        head = (row.get("metric"), row.get("period_start"), row.get("period_end"), row.get("place"), row.get("incident"))
        if head != group:
            group = head
            where = row.get("place") or "no place"
            about = f" · {row['incident']}" if row.get("incident") else ""
            out.append(f"\n{row.get('metric')} · {_period(row.get('period_start'), row.get('period_end'))} · {where}{about}")
        ratio = f" ×{row['ratio']}" if row.get("ratio") not in (None, "") and row["kind"] != "not-comparable" else ""
        out.append(f"  {row['kind'].upper()}{ratio}")
        for side in ("a", "b"):
            fig = _side(row, side)
            outlet = row.get(f"outlet_{side}") or "publisher unknown"
            period = ""
            if side == "b" and (row.get("period_end_b"), row.get("period_start_b"), row.get("place_b")) != \
                    (row.get("period_end"), row.get("period_start"), row.get("place")):
                period = f"  [{_period(row.get('period_start_b'), row.get('period_end_b'))} · {row.get('place_b') or 'no place'}]"
            out.append(f"    {row.get(f'asserter_{side}')}: {fig.stated}{period}  — reported by {outlet}, "
                       f"{row.get(f'article_{side}')}")
            out.append(_wrap(f"“{row.get(f'quote_{side}')}”", 6))
        if explain and row.get("why"):
            out.append(_wrap(f"why: {row['why']}", 4))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["kind"]] = counts.get(row["kind"], 0) + 1
    out.append("\n" + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    return "\n".join(out).lstrip("\n") + "\n"


def readable_unlisted(pairs) -> str:
    if not pairs:
        return ""
    out = ["", "Not listed (other sources on the same metric and place):"]
    for a, b, why in pairs:
        out.append(f"  {a.metric}: {a.asserter} {a.stated} ({a.period}) vs {b.asserter} {b.stated} ({b.period})")
        out.append(_wrap(why, 4))
    return "\n".join(out) + "\n"
