"""Read articles from files and folders: text, YAML front matter and manifest metadata.

Each input yields either a ``RawArticle`` or an ``InputError`` naming the file and
the problem, so one bad file never stops the others.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from kg.model import ArticleMeta

ARTICLE_SUFFIXES = {".txt", ".md"}
META_KEYS = ("title", "url", "publisher", "published")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class RawArticle:
    path: Path
    text: str
    meta: ArticleMeta
    warnings: list[str] = field(default_factory=list)


@dataclass
class InputError:
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class MetadataError(ValueError):
    pass


def check_date(value) -> str | None:
    """An ISO date at year, month or day precision, checked to be a real date."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not _ISO_DATE.match(text):
        raise MetadataError(f"published date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in text.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise MetadataError(f"published date {text!r} is not a real date ({exc})") from None
    return text


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
    return {k: data[k] for k in META_KEYS if k in data}, text[match.end():], warnings


def read_manifest(path: Path) -> dict[str, dict]:
    """Manifest CSV: a ``file`` column (name relative to the manifest, or base name) and metadata columns."""
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise MetadataError(f"{path}: manifest needs a 'file' column")
            return {row["file"].strip(): {k: (row.get(k) or "").strip() or None for k in META_KEYS}
                    for row in reader if row.get("file")}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise MetadataError(f"{path}: cannot read manifest: {exc}") from exc


def find_files(paths: Iterable[Path]) -> Iterator[Path | InputError]:
    """Article files under the given paths, folders walked recursively in name order."""
    for path in paths:
        if path.is_dir():
            seen: set[Path] = set()
            for sub in sorted(path.rglob("*")):
                if sub.suffix.lower() in ARTICLE_SUFFIXES and sub.is_file():
                    real = sub.resolve()
                    if real not in seen:  # symlinked folders can show one file twice
                        seen.add(real)
                        yield sub
        elif path.is_file():
            yield path
        elif path.exists():
            yield InputError(path, "not a regular file or folder")
        else:
            yield InputError(path, "no such file or folder")


def read_article(path: Path, overrides: dict | None = None, manifest: dict[str, dict] | None = None) -> RawArticle | InputError:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputError(path, f"cannot read: {exc.strerror or exc}")
    if b"\x00" in data[:8192]:
        return InputError(path, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(path, f"not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first")
    if not text.strip():
        return InputError(path, "empty file")
    try:
        front, body, warnings = split_front_matter(text)
        fields: dict = {}
        if manifest:
            row = manifest.get(path.name) or manifest.get(str(path)) or {}
            fields.update({k: v for k, v in row.items() if v})
        fields.update({k: v for k, v in front.items() if v not in (None, "")})
        fields.update({k: v for k, v in (overrides or {}).items() if v})
        meta = ArticleMeta(
            file_name=path.name,
            title=str(fields["title"]) if fields.get("title") else None,
            url=str(fields["url"]) if fields.get("url") else None,
            publisher=str(fields["publisher"]) if fields.get("publisher") else None,
            published=check_date(fields.get("published")),
        )
    except MetadataError as exc:
        return InputError(path, str(exc))
    if not body.strip():
        return InputError(path, "no article text after the front matter")
    return RawArticle(path, body, meta, warnings)
