"""`kg export` and the `kg plot` group: networks, RDF, tables, an HTML page and charts."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kg.analysis.filters import listing_params
from kg.cli.options import SinceOpt, StoreOpt, UntilOpt, fail, format_option, limit_option, place_option, window
from kg.formats import CHARTS, EXPORTS
from kg.stores import open_store

ViewOpt = typer.Option("sources", "--view", help="Network to draw: sources (who disagrees with whom) or claims.")
MetricFilter = typer.Option(None, "--metric", help="Only this metric (notation, e.g. civilians-killed).")
AsserterFilter = typer.Option(None, "--asserter", help="Only this source's claims and those related to them.")


def export_command(
    output: Path = typer.Option(..., "--output", "-o", help="File to write."),
    fmt: Optional[str] = format_option(EXPORTS, None, "Format (default: from the file suffix)"),
    view: str = ViewOpt,
    metric: Optional[str] = MetricFilter,
    asserter: Optional[str] = AsserterFilter,
    place: Optional[str] = place_option("claims at this place or at a place within it, and those related to them"),
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    limit: Optional[int] = limit_option("claims (and those related to them)"),
    store: Optional[str] = StoreOpt,
) -> None:
    """Export the graph for Gephi, Cytoscape, yEd or Graphviz, as RDF, as a table of claims or as an offline HTML page."""
    from kg.export import export, summary

    window(since, until)
    try:
        chosen = EXPORTS.pick(fmt, output)
        if output.parent and not output.parent.exists():
            fail(f"{output.parent}: no such folder")
        with open_store(store, read_only=True, bounded=True) as kg_store:
            filters = listing_params(kg_store, place, since, until)
            data = export(kg_store, chosen, output, view=view, metric=metric, asserter=asserter, filters=filters,
                          limit=limit)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    typer.echo(f"wrote {output} ({chosen}: {summary(data, chosen, view)})")


PLOT_HELP = "Charts of the figures: timelines and comparisons (PNG or SVG by the -o suffix)."

PlotOutput = typer.Option(..., "--output", "-o", help="Image file: .png or .svg.")
PlotFormat = format_option(CHARTS, None, "Image format (default: from the file suffix)")


def _plot(fn, output: Path, fmt: Optional[str], store: Optional[str], place: Optional[str], since: Optional[str],
          until: Optional[str], **kwargs) -> None:
    fmt = CHARTS.pick(fmt, output)  # before the store is read: a wrong name costs nothing
    window(since, until)
    try:
        with open_store(store, read_only=True, bounded=True) as kg_store:
            summary = fn(kg_store, output, fmt=fmt, filters=listing_params(kg_store, place, since, until), **kwargs)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    typer.echo(f"wrote {output} ({summary})")


def plot_timeline(
    metric: str = typer.Option(..., "--metric", help="Metric notation, e.g. civilians-killed."),
    output: Path = PlotOutput,
    fmt: Optional[str] = PlotFormat,
    asserter: Optional[str] = AsserterFilter,
    place: Optional[str] = place_option(),
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    limit: Optional[int] = limit_option("figures"),
    store: Optional[str] = StoreOpt,
) -> None:
    """Each source's figures against the end of their period; ranges as bars, open bounds as arrows, revisions joined."""
    from kg.export.plots import timeline

    _plot(timeline, output, fmt, store, place, since, until, metric=metric, asserter=asserter, limit=limit)


def plot_compare(
    metric: str = typer.Option(..., "--metric", help="Metric notation, e.g. civilians-killed."),
    period: str = typer.Option(..., "--period", help="START/END, e.g. 2014-08/2018 (dates at any precision; "
                                                     "they match at the shared precision)."),
    output: Path = PlotOutput,
    fmt: Optional[str] = PlotFormat,
    place: Optional[str] = place_option(),
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    limit: Optional[int] = limit_option("figures read (before the latest of each source is picked)"),
    store: Optional[str] = StoreOpt,
) -> None:
    """One bar (or interval) per source for one comparable period."""
    from kg.export.plots import compare

    _plot(compare, output, fmt, store, place, since, until, metric=metric, period=period, limit=limit)
