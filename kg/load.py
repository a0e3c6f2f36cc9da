"""Load articles into a store: read, normalise, extract, validate, commit.

Every article is validated on its own and committed in one transaction, so a
rejected article leaves nothing behind and never stops the others.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from kg.extract import EXTRACTOR_VERSION, extract, normalise
from kg.inputs import InputError, InputWarning, RawArticle, find_files, read_inputs, read_manifest
from kg.model import Article
from kg.rdf import article_graph, article_iri
from kg.resources import ontology_files
from kg.store import sync_reference
from kg.validate import validate_graph
from kg.vocab import Vocabulary, vocabulary


@dataclass
class LoadReport:
    new: int = 0
    unchanged: int = 0
    rejected: int = 0
    claims: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.rejected == 0

    def summary(self) -> str:
        return (f"{self.new} new, {self.unchanged} unchanged, {self.rejected} rejected article(s); "
                f"{self.claims} claim(s) stored; {len(self.warnings)} warning(s)")


class RejectedArticle(Exception):
    """An article failed validation; the message names the claim and the broken rule."""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def prepare(raw: RawArticle, vocab: Vocabulary) -> Article:
    """Normalise and extract: everything short of storing."""
    text = normalise(raw.text)
    article = Article(raw.meta, text, content_hash(text), warnings=list(raw.warnings))
    # A non-English article is kept without claims: the extractor reads English only.
    article.claims = extract(text, raw.meta, vocab) if raw.language is None else []
    return article


def store_article(store, article: Article, vocab: Vocabulary) -> list[str]:
    """Validate and commit one article's graph; returns warnings, raises RejectedArticle on a violation."""
    graph = article_graph(article, vocab, EXTRACTOR_VERSION)
    findings = validate_graph(graph, vocab)
    violations = [f for f in findings if f.severity == "violation"]
    if violations:
        first = violations[0]
        more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
        raise RejectedArticle(f"{first}{more}")
    store.add_graph(article_iri(article.content_hash), graph)
    return [str(f) for f in findings]


class Loader:
    """Loads articles into one store, keeping a running report."""

    def __init__(self, store, vocab: Vocabulary | None = None, sources: Iterable[Path] = ()):
        self.store = store
        self.sources = tuple(Path(p) for p in sources)
        self.vocab = vocab or vocabulary(self.sources)
        sync_reference(store, [*ontology_files(), *self.sources])
        self.report = LoadReport()

    def load_raw(self, raw: RawArticle | InputError) -> None:
        report = self.report
        if isinstance(raw, InputError):
            report.rejected += 1
            report.errors.append(str(raw))
            return
        name = raw.path
        text = normalise(raw.text)
        if self.store.has_graph(article_iri(content_hash(text))):
            report.unchanged += 1
            return
        try:
            article = prepare(raw, self.vocab)
            warnings = store_article(self.store, article, self.vocab)
        except RejectedArticle as exc:
            report.rejected += 1
            report.errors.append(f"{name}: rejected: {exc}")
            return
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the others
            report.rejected += 1
            report.errors.append(f"{name}: {type(exc).__name__}: {exc}")
            return
        report.new += 1
        report.claims += len(article.claims)
        report.warnings.extend(f"{name}: {w}" for w in [*article.warnings, *warnings])

    def load_paths(self, paths: Iterable[Path], overrides: dict | None = None, manifest: Path | None = None,
                   progress: Callable[[Path | None], None] | None = None) -> LoadReport:
        # URLs and '-' (standard input) stay strings; Path() would mangle 'https://'.
        paths = [p if isinstance(p, str) and (p == "-" or "://" in p) else Path(p) for p in paths]
        rows = read_manifest(manifest) if manifest else None
        if rows is None:  # a folder's own manifest.csv applies to the files in it
            found = [p / "manifest.csv" for p in paths if isinstance(p, Path) and (p / "manifest.csv").is_file()]
            rows = {k: v for m in found for k, v in read_manifest(m).items()} or None
        for item in find_files(paths):
            if isinstance(item, InputWarning):
                self.report.warnings.append(str(item))
                continue
            for raw in ([item] if isinstance(item, InputError) else read_inputs(item, overrides, rows)):
                self.load_raw(raw)
            if progress:
                progress(item.path if isinstance(item, InputError) else item)
        return self.report
