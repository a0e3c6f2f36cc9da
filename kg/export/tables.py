"""The claims table as CSV or TSV for spreadsheets, as JSON, JSON Lines or Markdown."""

from __future__ import annotations

from pathlib import Path

from kg.export.data import ExportData
from kg.output import render

CSV_COLUMNS = ["claim", "article", "title", "published", "asserter", "reported_by", "metric", "value",
               "value_max", "bound", "figure", "period_start", "period_end", "place", "incident", "quote",
               "start", "end", "confidence", "conflicts"]


def claim_table(data: ExportData) -> list[dict]:
    """One row per claim; ``conflicts`` names the kinds of disagreement it takes part in."""
    kinds: dict[str, set[str]] = {}
    for r in data.relations:
        for iri in (r.a, r.b):
            kinds.setdefault(iri, set()).add(r.kind)
    rows = []
    for c in sorted(data.claims.values(), key=lambda c: (c.file, c.start or 0, c.metric, c.value)):
        row = c.as_dict()
        row["conflicts"] = sorted(kinds.get(c.iri, ()))
        rows.append(row)
    return rows


def write_table(data: ExportData, fmt: str, out: Path) -> None:
    # utf-8-sig for spreadsheets: they then read the en dashes and quotes right
    encoding = "utf-8-sig" if fmt in ("csv", "tsv") else "utf-8"
    out.write_text(render(claim_table(data), CSV_COLUMNS, fmt), encoding=encoding)
