"""Graph exports and pictures: networks for Gephi, Cytoscape, yEd and Graphviz, the RDF itself,
the claims table, an offline HTML page, and timeline plots.

``export(store, fmt, out, view=…, metric=…, asserter=…)`` writes one file; the formats
are listed in ``FORMATS``.  Everything is read through ``store.query``/``store.graph``,
so a remote store exports like the embedded one.
"""

from __future__ import annotations

from pathlib import Path

from kg.export.data import ExportData, ExportError
from kg.export.relations import load_export_data
from kg.export.views import VIEWS, build_view

GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "dot")
RDF_FORMATS = ("turtle", "nquads", "jsonld")
FORMATS = GRAPH_FORMATS + RDF_FORMATS + ("csv", "html")
# File suffixes that name a format when --format is not given.
SUFFIX_FORMAT = {".graphml": "graphml", ".gexf": "gexf", ".cyjs": "cytoscape", ".dot": "dot", ".gv": "dot",
                 ".ttl": "turtle", ".nq": "nquads", ".jsonld": "jsonld", ".csv": "csv", ".html": "html",
                 ".htm": "html"}


def format_for(out: Path, fmt: str | None) -> str:
    if fmt:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return fmt
    guessed = SUFFIX_FORMAT.get(out.suffix.lower())
    if guessed is None:
        raise ExportError(f"cannot tell the format from {out.name!r}; give --format ({', '.join(FORMATS)})")
    return guessed


def export(store, fmt: str, out: Path, view: str = "sources", metric: str | None = None,
           asserter: str | None = None) -> ExportData | None:
    """Write the store (or the filtered part of it) to ``out`` in format ``fmt``."""
    out = Path(out)
    fmt = format_for(out, fmt)
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    if fmt in RDF_FORMATS:
        if metric or asserter:
            raise ExportError(f"--metric and --asserter filter the networks and tables; {fmt} exports the whole store")
        from kg.export import rdf_formats

        {"turtle": rdf_formats.write_turtle, "nquads": rdf_formats.write_nquads,
         "jsonld": rdf_formats.write_jsonld}[fmt](store, out)
        return None
    data = load_export_data(store, metric=metric, asserter=asserter)
    if fmt == "csv":
        from kg.export.tables import write_csv

        write_csv(data, out)
    elif fmt == "html":
        from kg.export.html import write_html

        write_html(data, out, title=_title(metric, asserter))
    else:
        from kg.export import graph_formats

        graph = build_view(data, view)
        getattr(graph_formats, f"write_{fmt}")(graph, out)
    return data


def _title(metric: str | None, asserter: str | None) -> str:
    parts = ["kg: who disagrees with whom"]
    if metric:
        parts.append(metric)
    if asserter:
        parts.append(f"around {asserter}")
    return " — ".join(parts)


__all__ = ["ExportError", "FORMATS", "GRAPH_FORMATS", "RDF_FORMATS", "VIEWS", "export", "format_for"]
