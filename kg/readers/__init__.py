"""Reading articles from files, folders, feeds, URLs and standard input.

The face of the package: ``find_files`` lists the inputs under the paths given, and
``read_inputs`` reads one input into ``RawArticle``s, or an ``InputError`` naming the
input and the problem, so one bad file never stops the others.

One module per input kind: ``files`` (.txt/.md with front matter, folders, manifests),
``html`` (saved pages), ``feeds`` (JSON Lines and CSV, gzip or not, files or standard
input), ``urls`` (pages fetched over HTTP); ``base`` holds the types and helpers they
share, with the checks every article gets (``finish``): ``language`` and ``dates``
(publication date inferred from the URL or the dateline).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from kg.readers.base import (STDIN, InputError, InputWarning, MetadataError, RawArticle, SkippedFile, check_date,
                             input_kind, is_url, loose_date)
from kg.readers.files import NOT_ARTICLES, find_files, read_article, read_manifest

__all__ = ["find_files", "read_inputs", "read_article", "read_manifest", "RawArticle", "InputError",
           "InputWarning", "SkippedFile", "NOT_ARTICLES", "MetadataError", "check_date", "loose_date"]


def read_inputs(item: Path | str, overrides: dict | None = None,
                manifest: dict[str, dict] | None = None) -> Iterator[RawArticle | InputError]:
    """Every article one input gives: a file gives one, a feed or standard input many, a URL one."""
    if is_url(item):
        from kg.readers.urls import fetch_article

        yield fetch_article(str(item), overrides)
        return
    if str(item) == STDIN:
        import sys

        from kg.readers.feeds import read_feed_stream

        yield from read_feed_stream(sys.stdin.buffer, "stdin", overrides)
        return
    path = Path(item)
    if input_kind(path) == "feed":
        from kg.readers.feeds import read_feed_file

        yield from read_feed_file(path, overrides)
        return
    yield read_article(path, overrides, manifest)
