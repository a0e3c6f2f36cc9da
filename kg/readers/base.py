"""What every reader shares: the article and error types, and the checks every input passes.

``RawArticle`` is an article as read (text and metadata, before extraction); ``InputError``
names an input and what is wrong with it (one bad file never stops the others);
``InputWarning`` is something odd that rejects nothing (a symlink loop skipped);
``SkippedFile`` a file in a folder left out as not an article (a README, a licence).
``MetadataError`` is raised inside readers and becomes an ``InputError`` at their edge.

Every article, whatever its kind, passes through ``finish``: language check (a
non-English article is stored without claims) and publication date inferred from
the URL or the dateline when none was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kg.model import ArticleMeta

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".csv", ".csv.gz")
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
META_KEYS = ("title", "url", "publisher", "published", "author")
# One news article is a few tens of kB; 10 MB is a document of another kind (or a mistake),
# refused from its size alone so it never costs minutes. Feeds are streamed row by row.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
STDIN = "-"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_URL = re.compile(r"^https?://", re.I)
# File signatures of formats that are not text even when their first bytes look like it.
_MAGIC = {b"%PDF-": "a PDF", b"\x89PNG": "a PNG image", b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image",
          b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)", b"\x1f\x8b": "gzip-compressed data",
          b"\xd0\xcf\x11\xe0": "an old Office document", b"{\\rtf": "an RTF document"}


@dataclass
class RawArticle:
    path: Path | str
    text: str
    meta: ArticleMeta
    warnings: list[str] = field(default_factory=list)
    language: str | None = None  # set when the text is not English: stored without claims


@dataclass
class InputNote:
    """Something said about one input: where (``path``) and what (``message``), shown as ``path: message``."""

    path: Path | str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class InputError(InputNote):
    """An input that gives no article, and why."""


@dataclass
class InputWarning(InputNote):
    """Something odd about the inputs that rejects no article (a symlink loop skipped)."""


@dataclass
class SkippedFile(InputNote):
    """A file found in a folder and left out as not an article (a README, a licence, a hidden file)."""


class MetadataError(ValueError):
    pass


def is_url(item) -> bool:
    return isinstance(item, str) and bool(_URL.match(item))


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


def loose_date(value) -> str | None:
    """A date as feeds and pages write it: ISO, ISO date-time, or RFC 822 (RSS); checked like ``check_date``."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    match = _ISO_DATETIME.match(text)
    if match:
        return check_date(match.group(1))
    if not _ISO_DATE.match(text) and re.match(r"^[A-Z][a-z]{2}, \d", text):
        from email.utils import parsedate_to_datetime

        try:
            return parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError):
            pass
    return check_date(text)


def input_kind(path: Path) -> str | None:
    """'text', 'html' or 'feed' from the file name; None for files kg does not read."""
    name = path.name.lower()
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    return None


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def sniff_binary(data: bytes) -> str | None:
    """What a file is when it is not text ('a PDF', 'binary data'), else None."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    head = data[:8192]
    if b"\x00" in head:
        return "binary data"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # in C: 10x faster than a byte at a time
    if head and controls / len(head) > 0.01:
        return "binary data"
    return None


def binary_message(what: str, expected: str) -> str:
    return f"binary file, not {expected}" if what == "binary data" else f"binary file ({what}), not {expected}"


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 text (BOM allowed), else Windows-1252 with a warning; raises MetadataError for non-text.

    Decision (docs/inputs.md): older newsroom exports are often Latin-1/Windows-1252. Such a file is
    decoded and stored with a warning naming the first non-UTF-8 byte, rather than rejected.
    """
    what = sniff_binary(data)
    if what:
        raise MetadataError(binary_message(what, "article text"))
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise MetadataError(f"not valid UTF-8 (byte {first_bad}) nor Windows-1252; convert it to UTF-8 first") from None
    return text, [f"not valid UTF-8 (byte {first_bad}); decoded as Windows-1252 (Latin-1): check accented letters"]


def read_bytes_capped(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise MetadataError(f"cannot read: {exc.strerror or exc}") from None
    if size > MAX_ARTICLE_BYTES:
        raise MetadataError(f"file is {size / 1e6:.1f} MB, over the {MAX_ARTICLE_BYTES // 2**20} MB limit "
                            "for one article (split it, or load it as a .jsonl feed)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise MetadataError(f"cannot read: {exc.strerror or exc}") from None


def merge_meta(name: str, *layers: dict | None) -> ArticleMeta:
    """ArticleMeta from metadata layers, later layers winning (page < manifest < front matter < options)."""
    fields: dict = {}
    for layer in layers:
        fields.update({k: v for k, v in (layer or {}).items() if k in META_KEYS and v not in (None, "")})
    return ArticleMeta(
        file_name=name,
        title=" ".join(str(fields["title"]).split()) if fields.get("title") else None,
        url=str(fields["url"]).strip() if fields.get("url") else None,
        publisher=str(fields["publisher"]).strip() if fields.get("publisher") else None,
        published=check_date(fields.get("published")),
        author=" ".join(str(fields["author"]).split()) if fields.get("author") else None,
    )


def manifest_row(path: Path, manifest: dict[str, dict] | None) -> dict:
    if not manifest:
        return {}
    return manifest.get(path.name) or manifest.get(str(path)) or {}


def finish(raw: RawArticle) -> RawArticle:
    """Checks every article gets: language, and a publication date inferred when none was given."""
    from kg.readers.dates import infer_date
    from kg.readers.language import detect_language

    language = detect_language(raw.text)
    if language is not None:
        raw.language = language
        raw.warnings.append(f"text looks {language}, not English: stored without claims")
    if raw.meta.published is None:
        found = infer_date(raw.meta.url, raw.text)
        if found:
            raw.meta.published, where = found
            raw.meta.date_inferred = True
            raw.warnings.append(f"publication date {raw.meta.published} inferred from the {where}")
    return raw
