"""Render query results as text tables, CSV, TSV, JSON, JSON Lines or Markdown."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.formats import TABLES
from kg.stores.base import QueryResult

# What makes a spreadsheet read a cell as a formula (OWASP's list), and a plain number, which it reads as a number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_NUMERIC = {XSD.decimal, XSD.integer, XSD.nonNegativeInteger, XSD.int, XSD.long, XSD.double, XSD.float}


def plain(term: Node | None) -> Any:
    """A JSON-friendly Python value: numbers as numbers, everything else as text."""
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.datatype in _NUMERIC:
            try:
                number = Decimal(str(term))
            except ArithmeticError:
                return str(term)
            return int(number) if number == number.to_integral_value() else float(number)
        if term.datatype == XSD.boolean:
            return str(term).lower() in ("true", "1")
        return str(term)
    if isinstance(term, (URIRef, BNode)):
        return str(term)
    return str(term)


def records(result: QueryResult) -> list[dict[str, Any]]:
    return [{k: plain(v) for k, v in zip(result.variables, row)} for row in result.rows]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


def terminal_safe(text: str) -> str:
    """Text for a terminal: control characters that a terminal would obey (ESC sequences that clear
    the screen or set the title, BEL, the C1 controls, bidirectional overrides) are written as
    visible escapes (``\\x1b``); line breaks and tabs stay. What kg prints from data goes through here."""
    return _TERMINAL_CONTROLS.sub(_visible, text)


def _visible(m: re.Match) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def spreadsheet_safe(cell: str) -> str:
    """A CSV/TSV cell that a spreadsheet shows as text: one starting like a formula (``= + - @``, tab,
    carriage return) gets a leading ``'``, which spreadsheets hide. A cell that is a plain number
    (``-5``, ``+3.25``, ``-1.5e3``) is left alone: a spreadsheet reads it as that number, never as a
    formula, and numeric columns stay numeric. Every CSV kg writes goes through here."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def spreadsheet_value(cell: str) -> str:
    """A cell read back as it was before ``spreadsheet_safe`` (a spreadsheet drops the ``'`` when it
    saves; a text editor keeps it)."""
    if cell.startswith("'") and spreadsheet_safe(cell[1:]) == cell:
        return cell[1:]
    return cell


def render(rows: list[dict[str, Any]], columns: list[str], fmt: str, max_width: int | None = None) -> str:
    """The rows in one of ``kg.formats.TABLES`` (by name or alias)."""
    fmt = TABLES.named(fmt)
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
    if fmt == "md":
        esc = lambda s: _text(s).replace("|", "\\|").replace("\n", " ")  # noqa: E731
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(esc(r.get(c)) for c in columns) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    return table(rows, columns, max_width)


def table(rows: list[dict[str, Any]], columns: list[str], max_width: int | None = None) -> str:
    """A plain aligned text table; long cells are cut to fit the terminal."""
    width = max_width or shutil.get_terminal_size((160, 24)).columns
    cells = [[_text(r.get(c)).replace("\n", " ") for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    budget = max(width - 2 * (len(columns) - 1), 10 * len(columns))
    while sum(widths) > budget and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1

    def fit(s: str, w: int) -> str:
        return s if len(s) <= w else s[: max(w - 1, 0)] + "…"

    out = ["  ".join(fit(c, w).ljust(w) for c, w in zip(columns, widths)).rstrip(),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(fit(v, w).ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def render_result(result: QueryResult, fmt: str) -> str:
    if result.kind == "ask":
        return json.dumps({"boolean": result.boolean}) + "\n" if fmt in ("json", "jsonl") else f"{str(result.boolean).lower()}\n"
    if result.kind == "graph":
        from rdflib import Graph

        g = Graph()
        for t in result.triples:
            g.add(t)
        return g.serialize(format="turtle")
    return render(records(result), result.variables, fmt)


def claim_records(result: QueryResult) -> list[dict[str, Any]]:
    """The claims query's rows shaped as `kg claims` JSON: places as a list, empty values as null."""
    rows = []
    for r in records(result):
        r["place"] = sorted(p for p in (r.get("place") or "").split("|") if p)  # GROUP_CONCAT's order is the engine's
        for key in ("value_max", "period_start", "period_end", "incident", "reported_by"):
            if r.get(key) == "":
                r[key] = None
        rows.append(r)
    return rows


