"""Article files and folders: .txt/.md (with optional YAML front matter), .html/.htm, manifests.

``find_files`` walks the inputs (folders in name order, symlinked folders once each, notes
files and hidden files left out: ``NOT_ARTICLES``);
``read_article`` reads one article file; ``read_manifest`` reads the CSV of metadata
for many files.
"""

from __future__ import annotations

import csv
import os
from fnmatch import fnmatchcase
from pathlib import Path, PurePath
from typing import Iterable, Iterator

import yaml

from kg.readers.base import (_FRONT_MATTER, META_KEYS, STDIN, InputError, InputWarning, MetadataError, RawArticle,
                             SkippedFile, decode_text, finish, input_kind, is_url, manifest_row, merge_meta,
                             read_bytes_capped)

# Files a folder of articles often holds beside them that are not articles: a folder's notes, its
# list of sources, licences and change logs are prose about the articles, and read as articles they
# gave dozens of bogus claims and junk conflicts (one SOURCES.md: 36 claims, issue 21). Hidden files
# (".name") belong to editors and tools. Matched against the file name, case-insensitively, when
# a folder is walked (a file named on the command line is always read); ``--include`` overrides.
# SOURCES and NOTES only with a dot after them: "sources-say-12-killed.txt" is an article's slug.
NOT_ARTICLES = ("README*", "LICENSE*", "LICENCE*", "COPYING*", "CHANGELOG*", "SOURCES.*", "NOTES.*", ".*")


def split_front_matter(text: str) -> tuple[dict, str, list[str]]:
    """Return (metadata, body, warnings). Raises MetadataError for malformed YAML."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    try:
        # BaseLoader keeps every value a string: dates are checked by check_date, not by YAML.
        data = yaml.load(match.group(1) or "", Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError as exc:
        first_line = str(exc).splitlines()[0]
        raise MetadataError(f"malformed YAML front matter: {first_line}") from None
    if not isinstance(data, dict):
        raise MetadataError("front matter is not a mapping of keys to values")
    warnings = [f"unknown front-matter key {k!r} ignored" for k in data if k not in META_KEYS]
    for key in META_KEYS:
        if key in data and not isinstance(data[key], str):
            raise MetadataError(f"front-matter key {key!r} must be a single value")
    return {k: data[k] for k in META_KEYS if k in data}, text[match.end():], warnings


def read_manifest(path: Path) -> dict[str, dict]:
    """Manifest CSV: a ``file`` column (name relative to the manifest, or base name) and metadata columns."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise MetadataError(f"{path}: manifest needs a 'file' column")
            return {row["file"].strip(): {k: (row.get(k) or "").strip() or None for k in META_KEYS}
                    for row in reader if row.get("file")}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise MetadataError(f"{path}: cannot read manifest: {exc}") from exc


def _walk(root: Path) -> Iterator[Path | InputWarning]:
    """Files under a folder in name order, following symlinked folders once each (loops are skipped)."""
    seen_dirs: set[tuple[int, int]] = set()

    def visit(folder: Path) -> Iterator[Path | InputWarning]:
        try:
            st = folder.stat()
        except OSError as exc:
            yield InputWarning(folder, f"cannot read folder: {exc.strerror or exc}")
            return
        if (st.st_dev, st.st_ino) in seen_dirs:
            if folder.is_symlink():
                yield InputWarning(folder, "symlink to a folder already walked (a loop?); skipped")
            return
        seen_dirs.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield InputWarning(folder, f"cannot list folder: {exc.strerror or exc}")
            return
        for entry in entries:
            sub = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.name.startswith("."):  # .git, .obsidian, .venv: a tool's, never articles
                    yield from visit(sub)
            else:
                yield sub

    yield from visit(root)


def _is_feed_csv(path: Path) -> bool:
    """A CSV in a folder is a feed only when it has a text or html column (manifests and notes are not)."""
    from kg.readers.feeds import csv_header

    header = csv_header(path)
    return header is not None and bool({"text", "html"} & {h.strip().lower() for h in header})


def _matches(relative: PurePath, patterns: Iterable[str]) -> bool:
    """Whether a glob matches the file's name or its path within the folder walked (case-insensitively)."""
    names = (relative.name.lower(), relative.as_posix().lower())
    return any(fnmatchcase(name, pattern.lower()) for pattern in patterns for name in names)


def is_article_file(relative: PurePath, include: Iterable[str] = (), exclude: Iterable[str] = ()) -> bool:
    """Whether a file found in a folder is read: not when it matches ``NOT_ARTICLES`` or an ``exclude``
    glob, unless it matches an ``include`` glob (an explicit include beats every skip)."""
    return _matches(relative, include) or not _matches(relative, (*NOT_ARTICLES, *exclude))


def find_files(paths: Iterable[Path | str], include: Iterable[str] = (), exclude: Iterable[str] = ()
               ) -> Iterator[Path | str | InputError | InputWarning | SkippedFile]:
    """Inputs under the given paths: article and feed files (folders walked in name order), URLs, '-'.
    Files in folders that are not articles (``is_article_file``) come as ``SkippedFile``."""
    include, exclude = tuple(include), tuple(exclude)
    for item in paths:
        if is_url(item) or item == STDIN or str(item) == STDIN:
            yield str(item)
            continue
        path = Path(item)
        if path.is_dir():
            seen: set[Path] = set()
            for sub in _walk(path):
                if isinstance(sub, InputWarning):
                    yield sub
                    continue
                kind = input_kind(sub)
                if kind is None or (kind == "feed" and sub.name.lower().endswith((".csv", ".csv.gz"))
                                    and not _is_feed_csv(sub)):
                    continue
                if not is_article_file(sub.relative_to(path), include, exclude):
                    yield SkippedFile(sub, "not an article")
                    continue
                if sub.is_symlink() and not sub.exists():
                    yield InputError(sub, "broken symbolic link")
                    continue
                if not sub.is_file():  # a FIFO or device named like an article would block the read
                    yield InputError(sub, "not a regular file")
                    continue
                real = sub.resolve()
                if real not in seen:  # symlinked folders can show one file twice
                    seen.add(real)
                    yield sub
        elif path.is_file():
            yield path
        elif path.is_symlink():
            yield InputError(path, "broken symbolic link")
        elif path.exists():
            yield InputError(path, "not a regular file or folder")
        else:
            yield InputError(path, "no such file or folder")


def read_article(path: Path, overrides: dict | None = None, manifest: dict[str, dict] | None = None) -> RawArticle | InputError:
    """One article file: .txt/.md (with optional front matter) or .html/.htm."""
    if input_kind(path) == "html":
        from kg.readers.html import read_html_file

        return read_html_file(path, overrides, manifest)
    try:
        text, warnings = decode_text(read_bytes_capped(path))
        if not text.strip():
            return InputError(path, "empty file" if not text else "empty file (only whitespace)")
        front, body, more = split_front_matter(text)
        meta = merge_meta(path.name, manifest_row(path, manifest), front, overrides)
    except MetadataError as exc:
        return InputError(path, str(exc))
    if not body.strip():
        return InputError(path, "no article text after the front matter")
    return finish(RawArticle(path, body, meta, warnings + more))
