"""Article feeds: JSON Lines or CSV, one article per row, gzip-compressed or not.

The shape of a newsroom export or a news-API dump. Columns (or JSON keys): ``text``
or ``html`` (the article), ``url``, ``title``, ``publisher``, ``published``; a few
common aliases are understood (``content``/``body``, ``source``/``site_name``,
``publishedAt``/``date``, ``headline``; a NewsAPI-style ``source: {name}``), and
``id`` or ``file`` names the article (else ``FEED#ROW``). Rows are streamed: a feed
of any size is read in constant memory, and one bad row rejects only that row.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from pathlib import Path
from typing import IO, Iterator

from kg.readers.base import (MAX_ARTICLE_BYTES, InputError, MetadataError, RawArticle, finish, loose_date, merge_meta)

ALIASES = {
    "text": ("text", "content", "body", "article", "full_text"),
    "html": ("html", "raw_html", "content_html"),
    "url": ("url", "link", "canonical_url"),
    "title": ("title", "headline"),
    "publisher": ("publisher", "source", "site_name", "sitename", "outlet", "source_name"),
    "published": ("published", "publishedAt", "published_at", "date", "pubDate", "datePublished"),
    "author": ("author", "byline", "creator"),
    "name": ("file", "id", "name"),
}
GZIP_MAGIC = b"\x1f\x8b"
# Rows are read with this cap so one runaway line (or a gzip bomb) never fills memory.
MAX_ROW_BYTES = MAX_ARTICLE_BYTES + 64 * 1024

csv.field_size_limit(MAX_ROW_BYTES)


def _pick(row: dict, key: str):
    for alias in ALIASES[key]:
        value = row.get(alias)
        if key == "publisher" and isinstance(value, dict):  # NewsAPI: "source": {"id": ..., "name": ...}
            value = value.get("name")
        if value not in (None, ""):
            return value
    return None


def row_article(row: dict, name: str, overrides: dict | None) -> RawArticle | InputError:
    """One feed row as an article."""
    label = str(_pick(row, "name") or name)
    try:
        text, html = _pick(row, "text"), _pick(row, "html")
        warnings: list[str] = []
        page: dict = {}
        if text is None and html is None:
            raise MetadataError("row has no text or html column value")
        if text is None:
            from kg.readers.html import extract_html

            text, page, warnings = extract_html(str(html), url=_pick(row, "url"))
        if not isinstance(text, str):
            raise MetadataError("text must be a string")
        if not text.strip():
            raise MetadataError("empty article text")
        fields = {k: _pick(row, k) for k in ("url", "title", "publisher", "author")}
        fields = {k: (v if isinstance(v, str) else str(v)) if v is not None else None for k, v in fields.items()}
        published = _pick(row, "published")
        fields["published"] = loose_date(published) if published is not None else None
        meta = merge_meta(label, page, fields, overrides)
    except MetadataError as exc:
        return InputError(name if label == name else f"{name} ({label})", str(exc))
    return finish(RawArticle(label, text, meta, warnings))


def _open_binary(path: Path) -> IO[bytes]:
    fh = open(path, "rb")
    if path.name.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=fh, mode="rb")
    return fh


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) with a cap per line: an over-long line yields (n, None) and is skipped."""
    number = 0
    while True:
        line = stream.readline(MAX_ROW_BYTES)
        if not line:
            return
        number += 1
        if len(line) >= MAX_ROW_BYTES and not line.endswith(b"\n"):
            while True:  # drain the rest of the runaway line
                more = stream.readline(MAX_ROW_BYTES)
                if not more or more.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def read_jsonl(stream: IO[bytes], name: str, overrides: dict | None = None) -> Iterator[RawArticle | InputError]:
    for number, line in _lines(stream):
        where = f"{name}#{number}"
        if line is None:
            yield InputError(where, f"row is over the {MAX_ARTICLE_BYTES // 2**20} MB limit for one article")
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            yield InputError(where, f"not valid UTF-8 (byte {exc.start})")
            continue
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(row, dict):
            yield InputError(where, "a JSON Lines row must be an object with a text or html key")
            continue
        yield row_article(row, where, overrides)


def read_csv_rows(stream: IO[bytes], name: str, overrides: dict | None = None) -> Iterator[RawArticle | InputError]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text)
    header = reader.fieldnames or []
    if not {"text", "html"} & {h.strip() for h in header} and not any(a in header for a in ALIASES["text"] + ALIASES["html"]):
        yield InputError(name, "CSV feed needs a text or html column")
        return
    for number, row in enumerate(reader, 1):
        where = f"{name}#{number}"
        if None in row:
            yield InputError(where, "row has more cells than the header")
            continue
        yield row_article({k.strip(): v for k, v in row.items() if k}, where, overrides)


def _read(stream: IO[bytes], kind: str, name: str, overrides: dict | None) -> Iterator[RawArticle | InputError]:
    reader = read_csv_rows if kind == "csv" else read_jsonl
    try:
        yield from reader(stream, name, overrides)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield InputError(name, f"corrupt or truncated gzip data ({exc or type(exc).__name__}); rows before it were read")
    except UnicodeDecodeError as exc:
        yield InputError(name, f"not valid UTF-8 (byte {exc.start}); rows before it were read")
    except csv.Error as exc:
        yield InputError(name, f"malformed CSV: {exc}; rows before it were read")
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")


def read_feed_file(path: Path, overrides: dict | None = None) -> Iterator[RawArticle | InputError]:
    kind = "csv" if path.name.lower().endswith((".csv", ".csv.gz")) else "jsonl"
    try:
        stream = _open_binary(path)
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        yield from _read(stream, kind, path.name, overrides)


def read_feed_stream(stream: IO[bytes], name: str = "stdin", overrides: dict | None = None) -> Iterator[RawArticle | InputError]:
    """JSON Lines from a byte stream (standard input), gzip-compressed or not."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        buffered = gzip.GzipFile(fileobj=buffered, mode="rb")
    yield from _read(buffered, "jsonl", name, overrides)


def csv_header(path: Path) -> list[str] | None:
    """The header row of a CSV file (gzip or not), or None when it cannot be read."""
    try:
        with _open_binary(path) as stream:
            first = stream.readline(64 * 1024).decode("utf-8-sig")
        return next(csv.reader([first]))
    except (OSError, EOFError, UnicodeDecodeError, csv.Error, StopIteration, zlib.error):
        return None
