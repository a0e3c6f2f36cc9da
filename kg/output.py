"""Render query results as text tables, CSV, TSV, JSON, JSON Lines or Markdown."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import textwrap
from decimal import Decimal
from itertools import islice
from operator import itemgetter
from typing import Any, Iterable, Iterator

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
    if text.isascii():  # the usual case, told at once: deleting the ASCII controls from its bytes leaves them all
        ascii_bytes = text.encode("ascii")
        if len(ascii_bytes.translate(None, _ASCII_CONTROLS)) == len(ascii_bytes):
            return text
    return _TERMINAL_CONTROLS.sub(_visible, text)


_ASCII_CONTROLS = bytes(range(0x00, 0x09)) + bytes(range(0x0b, 0x20)) + b"\x7f"  # _TERMINAL_CONTROLS' ASCII ones


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
    return "".join(render_stream(rows, columns, fmt, max_width))


_PIECE_ROWS = 2000  # rows rendered into one piece of text by render_stream
_JSON = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(..., ensure_ascii=False) makes for every call
_JSON_INDENTED = json.JSONEncoder(ensure_ascii=False, indent=1)


def render_stream(rows: Iterable[dict[str, Any]], columns: list[str], fmt: str,
                  max_width: int | None = None) -> Iterator[str]:
    """``render``'s text in pieces, as the rows come (64 rows, then twice as many, up to ``_PIECE_ROWS``), so
    that a long listing is written while it is read; the aligned table, whose widths need every row, comes in
    one piece."""
    fmt = TABLES.named(fmt)
    pieces = growing_chunks(rows)
    if fmt == "json":
        first = True
        for piece in pieces:
            # json.dumps(rows, indent=1) is each row's own dump, every line of it one space in
            items = ",\n".join(" " + _JSON_INDENTED.encode(r).replace("\n", "\n ") for r in piece)
            yield ("[\n" if first else ",\n") + items
            first = False
        yield "[]\n" if first else "\n]\n"
    elif fmt == "jsonl":
        for piece in pieces:
            yield "".join(_JSON.encode(r) + "\n" for r in piece)
    elif fmt in ("csv", "tsv"):
        yield from _delimited(pieces, columns, "," if fmt == "csv" else "\t")
    elif fmt == "md":
        esc = lambda s: _text(s).replace("|", "\\|").replace("\n", " ")  # noqa: E731
        yield "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n"
        for piece in pieces:
            yield "".join("| " + " | ".join(esc(r.get(c)) for c in columns) + " |\n" for r in piece)
    else:
        yield table(list(rows), columns, max_width)


def growing_chunks(items: Iterable, first: int = 64, most: int = _PIECE_ROWS) -> Iterator[list]:
    """The items in lists of ``first``, twice as many, … up to ``most``: the first soon, the rest in few steps."""
    items, size = iter(items), first
    while chunk := list(islice(items, size)):
        yield chunk
        size = min(size * 2, most)


class _CellTexts(dict):
    """Values as a CSV/TSV writer writes them in a row (``spreadsheet_safe``, then quoted when they must be),
    kept: a listing repeats its names, files, quotes and numbers row after row, and a row is then its cells
    joined. Strings and None are the keys (no other value equals one of them); numbers are kept apart by
    type (1, 1.0 and True are one key to a dict, not one cell); lists are written each time."""

    def __init__(self, delimiter: str):
        super().__init__()
        self._buf = io.StringIO()
        self._writer = csv.writer(self._buf, delimiter=delimiter, lineterminator="\n")
        self._typed: dict[tuple, str] = {}

    def __missing__(self, value) -> str:
        if value is None or value.__class__ is str:
            if len(self) >= 100_000:  # a bound on what is kept, not on what is written
                self.clear()
            cell = self[value] = self.written(value)
            return cell
        key = (value.__class__, value)
        cell = self._typed.get(key)
        if cell is None:
            if len(self._typed) >= 100_000:
                self._typed.clear()
            cell = self._typed[key] = self.written(value)
        return cell

    def cell(self, value) -> str:
        try:
            return self[value]
        except TypeError:  # not hashable
            return self.written(value)

    def written(self, value) -> str:
        """The cell as it is written among others (with another cell after it: a row of one empty cell is
        written as "" to tell it from no row)."""
        self._buf.seek(0)
        self._buf.truncate()
        self._writer.writerow([spreadsheet_safe(_text(value)), ""])
        return self._buf.getvalue()[:-2]


def _delimited(pieces: Iterable[list[dict[str, Any]]], columns: list[str], delimiter: str) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    yield buf.getvalue()
    if len(columns) == 1:  # a row of one empty cell is written as "": by the writer itself
        for piece in pieces:
            buf.seek(0)
            buf.truncate()
            writer.writerows([spreadsheet_safe(_text(r.get(columns[0])))] for r in piece)
            yield buf.getvalue()
        return
    cells = _CellTexts(delimiter)
    values, cell = itemgetter(*columns), cells.__getitem__

    def line(row: dict[str, Any]) -> str:
        try:
            return delimiter.join(map(cell, values(row)))
        except (KeyError, TypeError):  # a column the row lacks, a value that is a list
            return delimiter.join([cells.cell(v) for v in map(row.get, columns)])

    for piece in pieces:
        yield "".join([line(r) + "\n" for r in piece])


class RowFormat:
    """How ``render_stream`` writes one row of a format it writes row by row (CSV, TSV, JSON Lines, JSON,
    Markdown), as parts: a row is ``head`` + its cells joined by ``sep`` + ``tail``, a cell being its
    column's ``key`` (JSON's name and colon; nothing in the others) and its value's text (``value``). For a
    caller that writes a value's text once and joins the texts row after row (kg.analysis.sides: a claim's
    cells are in many rows): ``start`` + ``pieces`` is ``render_stream``'s text, byte for byte
    (tests/test_conflicts_stream.py)."""

    def __init__(self, fmt: str, columns: list[str]):
        fmt = TABLES.named(fmt)
        if fmt not in ("csv", "tsv", "jsonl", "json", "md") or (fmt in ("csv", "tsv") and len(columns) < 2):
            raise ValueError(f"{fmt}: not written cell by cell")
        self.fmt = fmt
        self.key = lambda column: ""
        if fmt in ("csv", "tsv"):
            delimiter = "," if fmt == "csv" else "\t"
            cells, special = _CellTexts(delimiter), re.compile(f'[{delimiter}"\r\n]').search
            quoted_or_formula = re.compile(f'["\r\n]|{delimiter}[=+\\-@\t\r]').search

            def value(value: Any) -> str:  # text as it is, unless the writer may quote it
                if value.__class__ is str and not (value.startswith(_FORMULA_START) or special(value)):
                    return value
                return cells.cell(value)

            def values(values: Iterable) -> list[str]:
                # strings as they are, looked at at once: when none holds a delimiter, a quote or a line break or
                # starts like a formula; whole numbers as str() writes them, which is a plain number
                texts = [v if v.__class__ is str else str(v) if v.__class__ is int else "" if v is None
                         else cells.cell(v) for v in values]
                text = delimiter.join(texts)
                if text.count(delimiter) == len(texts) - 1 and not quoted_or_formula(delimiter + text):
                    return texts
                return [cells.written(v) if v.__class__ is str and (v.startswith(_FORMULA_START) or special(v)) else t
                        for v, t in zip(values, texts)]
            self.value, self.values = value, values
            self.head, self.sep, self.tail = "", delimiter, "\n"
            self.start = next(_delimited([], columns, delimiter))
        elif fmt == "md":
            self.value = lambda value: _text(value).replace("|", "\\|").replace("\n", " ")
            self.head, self.sep, self.tail = "| ", " | ", " |\n"
            self.start = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n"
        elif fmt == "jsonl":  # json.dumps: ", " between items, ": " after a key
            self.key = lambda column: _JSON.encode(column) + ": "
            self.value = _JSON.encode
            self.head, self.sep, self.tail = "{", ", ", "}\n"
            self.start = ""
        else:  # the list indented by one, each row one space in: its items two
            self.key = lambda column: "  " + _JSON.encode(column) + ": "
            self.value = _JSON.encode
            self.head, self.sep, self.tail = " {\n", ",\n", "\n }"
            self.start = ""

    def values(self, values: Iterable) -> list[str]:
        """The texts of these values, in cells."""
        return list(map(self.value, values))

    def cell(self, column: str, value: Any) -> str:
        return self.key(column) + self.value(value)

    def pieces(self, rows: Iterable[list[str]]) -> Iterator[str]:
        """Lists of rows' texts (each ``head`` + cells + ``tail``) as the text of the rows, then its ending."""
        first = True
        for texts in rows:
            if not texts:
                continue
            if self.fmt == "json":
                yield ("[\n" if first else ",\n") + ",\n".join(texts)
            else:
                yield "".join(texts)
            first = False
        if self.fmt == "json":
            yield "[]\n" if first else "\n]\n"


def table(rows: list[dict[str, Any]], columns: list[str], max_width: int | None = None) -> str:
    """A plain aligned text table as wide as the terminal (``max_width``, else ``$COLUMNS`` or the
    terminal's width, 160 when there is none). Nothing is cut: when the rows are wider, the widest
    columns wrap at spaces, a row taking several lines, and no word (a metric name, a date, a file
    name) is split. When even their longest words do not fit side by side, each row is shown as a
    record instead, one column a line (``records_text``)."""
    width = max_width or shutil.get_terminal_size((160, 24)).columns
    cells = [[_text(r.get(c)).replace("\n", " ") for c in columns] for r in rows]
    widths = column_widths(columns, cells, width - 2 * (len(columns) - 1))
    if widths is None:
        return records_text(columns, cells, width)

    def lines_of(values: list[str], header: bool = False) -> list[str]:
        wrapped = [_wrap_cell(v, w, header) for v, w in zip(values, widths)]
        height = max((len(w) for w in wrapped), default=1)
        return ["  ".join((w[i] if i < len(w) else "").ljust(n) for w, n in zip(wrapped, widths)).rstrip()
                for i in range(height)]

    out = lines_of(columns, header=True) + ["  ".join("-" * w for w in widths)]
    for row in cells:
        out += lines_of(row)
    out.append(_row_count(rows))
    return "\n".join(out) + "\n"


def _row_count(rows: list) -> str:
    return f"({len(rows)} row{'s' if len(rows) != 1 else ''})"


def _longest_word(text: str, header: bool = False) -> int:
    """The longest word of a value; a header's words end at underscores too (``period_start``)."""
    return max((len(w) for w in re.split(r"[\s_]+" if header else r"\s+", text)), default=0)


def column_widths(columns: list[str], cells: list[list[str]], budget: int) -> list[int] | None:
    """Each column's width: its longest value's when the table fits ``budget``; otherwise the widest
    columns narrowed in turn, none below its longest word. None when the longest words alone do not fit."""
    natural = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    floor = [max([_longest_word(c, header=True)] + [_longest_word(row[i]) for row in cells]) for i, c in enumerate(columns)]
    if sum(floor) > budget:
        return None
    widths = list(natural)
    while sum(widths) > budget:
        # narrow the widest column that has room, to the width of the next widest (at least by one)
        widest = max((i for i, (w, f) in enumerate(zip(widths, floor)) if w > f), key=lambda i: widths[i])
        below = max([w for i, w in enumerate(widths) if i != widest and w < widths[widest]] + [floor[widest]])
        widths[widest] -= max(1, min(sum(widths) - budget, widths[widest] - below))
    return widths


def records_text(columns: list[str], cells: list[list[str]], width: int) -> str:
    """Each row as a record, one column a line (``name  value``), its value wrapped to the width left."""
    label = max(len(c) for c in columns) + 2
    room = max(width - label, 20)
    out: list[str] = []
    for row in cells:
        for name, value in zip(columns, row):
            lines = textwrap.wrap(value, width=room, break_on_hyphens=False) or [""]
            out.append(f"{name.ljust(label)}{lines[0]}".rstrip())
            out += [" " * label + line for line in lines[1:]]
        out.append("")
    out.append(_row_count(cells))
    return "\n".join(out) + "\n"


def _wrap_cell(text: str, width: int, header: bool = False) -> list[str]:
    if len(text) <= width:
        return [text]
    if header:  # "period_start" over "period_" and "start"
        return textwrap.wrap(text.replace("_", "_ "), width=width + 1, break_on_hyphens=False) or [""]
    return textwrap.wrap(text, width=width, break_on_hyphens=False, break_long_words=False) or [""]


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


