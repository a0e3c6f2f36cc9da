"""Tables written as text lines: which column a number in a row sits under.

A statistical bulletin or a "by the numbers" box may set its figures out as a table, one row a
line, cells split by "|" or tabs, under a header row of words ("Territory | Killed | Injured").
A number in a row counts what its column's header names; the row's first cell says where or
what ("Dibaya", "Total"). This stage finds the rows and each cell's header; the metric stage
reads the header as the figure's outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CELL_SEPARATOR = re.compile(r"\s*(?:\||\t)\s*")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Cell:
    start: int  # offsets in the row's sentence
    end: int
    header: str  # the text of the header cell above it


def _cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a line split by "|" or tabs, leading and trailing blanks left out."""
    out, at = [], 0
    for m in [*CELL_SEPARATOR.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        raw = text[at:end]
        lead = len(raw) - len(raw.lstrip())
        out.append((at + lead, at + len(raw.rstrip())))
        if m is not None:
            at = m.end()
    # (no empty cell from a leading or trailing "|"; an empty one inside holds its column: "Total | | 87 | 139")
    while out and out[0][1] <= out[0][0]:
        out.pop(0)
    while out and out[-1][1] <= out[-1][0]:
        out.pop()
    return out


def table_rows(sents) -> dict[int, list[Cell]]:
    """Sentence index -> the cells of a table row (with their headers), for each run of two or more lines split
    into the same number (two or more) of cells, whose first line has no digits (the header)."""
    rows: dict[int, list[Cell]] = {}
    i = 0
    while i < len(sents):
        header = _cells(sents[i].text) if CELL_SEPARATOR.search(sents[i].text) else []
        if len(header) < 2 or _DIGIT.search(sents[i].text):
            i += 1
            continue
        names = [sents[i].text[a:b] for a, b in header]
        j = i + 1
        while j < len(sents) and CELL_SEPARATOR.search(sents[j].text) and len(_cells(sents[j].text)) == len(header):
            rows[j] = [Cell(a, b, name) for (a, b), name in zip(_cells(sents[j].text), names)]
            j += 1
        i = max(j, i + 1)
    return rows


def table_leads(rows: dict[int, list[Cell]]) -> dict[int, int]:
    """Row sentence -> the sentence over its table's header (the line that says what the table counts), where there is one."""
    out = {}
    for si in sorted(rows):
        header = si - 1
        while header in rows:
            header -= 1
        if header > 0:
            out[si] = header - 1
    return out


def header_of(cells: list[Cell], start: int) -> str | None:
    """The header of the cell the figure at ``start`` is in; None outside every cell or in the row's first (its label)."""
    return next((c.header for k, c in enumerate(cells) if k > 0 and c.start <= start < c.end), None)


def first_row(rows: dict[int, list[Cell]], si: int) -> int:
    """The first row of the table row ``si`` is in."""
    while si - 1 in rows:
        si -= 1
    return si
