"""Graph exports and pictures: networks for Gephi, Cytoscape, yEd and Graphviz, the RDF itself,
the claims table, an offline HTML page, and timeline plots.

``export(store, fmt, out, view=…, metric=…, asserter=…)`` writes one file; the formats
are ``kg.formats.EXPORTS``.  Everything is read through ``store.query``/``store.graph``,
so a remote store exports like the embedded one.
"""

from __future__ import annotations

from pathlib import Path

from kg.export.data import ExportData, ExportError
from kg.export.relations import load_export_data
from kg.export.views import VIEWS, build_view
from kg.formats import EXPORTS, RDF, TABLES


def export(store, fmt: str | None, out: Path, view: str = "sources", metric: str | None = None,
           asserter: str | None = None, filters: dict | None = None, limit: int | None = None) -> ExportData | None:
    """Write the store (or the filtered part of it) to ``out`` in format ``fmt`` (a name or alias of
    ``kg.formats.EXPORTS``; None: the one ``out``'s suffix names). ``filters``: a place and a time
    window as kg.analysis.filters.listing_params gives them; ``limit``: the first that many claims
    (with the claims related to them, as for ``asserter``)."""
    out = Path(out)
    fmt = EXPORTS.pick(fmt, out)
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    if fmt in RDF:
        if metric or asserter or filters or limit is not None:
            raise ExportError(f"--metric, --asserter, --place, --since, --until and --limit filter the networks "
                              f"and tables; {fmt} exports the whole store")
        from kg.export.rdf_formats import write_rdf

        write_rdf(store, fmt, out)
        return None
    data = load_export_data(store, metric=metric, asserter=asserter, filters=filters, limit=limit)
    if fmt in TABLES.names:
        from kg.export.tables import write_table

        write_table(data, fmt, out)
    elif fmt == "html":
        from kg.export.html import write_html

        write_html(data, out, title=_title(metric, asserter))
    else:
        from kg.export import graph_formats

        graph = build_view(data, view)
        getattr(graph_formats, f"write_{fmt}")(graph, out)
    return data


def summary(data: ExportData | None, fmt: str, view: str = "sources") -> str:
    """What ``export`` wrote, counted as the file holds it: the store, the table's rows, or the
    network's nodes and links (the page draws the sources view)."""
    if data is None:
        return "the whole store"
    if fmt in TABLES.names:
        return f"{len(data.claims)} claims"
    drawn = "sources" if fmt == "html" else view
    graph = build_view(data, drawn)
    nodes = "sources" if drawn == "sources" else "nodes"
    return f"{graph.number_of_nodes()} {nodes} and {graph.number_of_edges()} links, from {len(data.claims)} claims"


def _title(metric: str | None, asserter: str | None) -> str:
    parts = ["kg: who disagrees with whom"]
    if metric:
        parts.append(metric)
    if asserter:
        parts.append(f"around {asserter}")
    return " — ".join(parts)


__all__ = ["ExportError", "VIEWS", "export", "summary"]
