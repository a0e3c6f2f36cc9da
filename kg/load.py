"""Load articles into a store: read, normalise, extract, validate, commit.

Every article is validated on its own and committed whole or not at all (one
journaled bulk write per batch, kg.stores), so a rejected article leaves nothing
behind and never stops the others.

An article is known by its text (the graph's IRI is its content hash). Loading a stored
text again with other metadata (a manifest that now gives its publisher or date) corrects
it: the article is extracted again with the corrected metadata, since its outlet-voice
claims and relative periods follow from them, and its graph is swapped for the new one in
one transaction (``corrected_meta``).

A text that copies a story already stored or loaded before it (kg.copies: near-duplicate by
MinHash/LSH, or the same text under another name) is stored as an appearance of that story: its
own article node, linked to the story, without claims, so findings do not count it again.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from kg import sources
from kg.analysis import findings
from kg.copies import DEFAULT_THRESHOLD, CopyIndex, encode, signature
from kg.curate import replace_keeping_curation
from kg.extract import EXTRACTOR_VERSION, extract, normalise
from kg.readers import InputError, InputWarning, RawArticle, SkippedFile, find_files, read_inputs, read_manifest
from kg.model import Article, ArticleMeta, LoadWarning, Sighting, resolve_source
from kg.processes import die_with_parent
import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.namespaces import KG
from kg.rdf import article_iri, article_triples, to_nquads
from kg.resources import ontology_files
from kg.stores.base import StoreError, from_ox, prefix_header, quads, sync_reference
from kg.stores.oxigraph import DiskFull
from kg.validate import validate_graphs
from kg.vocab import Vocabulary, vocabulary


@dataclass
class LoadReport:
    new: int = 0
    updated: int = 0  # stored texts whose metadata this load corrected
    unchanged: int = 0
    rejected: int = 0
    claims: int = 0
    warnings: list[LoadWarning] = field(default_factory=list)  # kg.model.by_kind counts them by kind
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders left out as not articles
    copies: int = 0  # new articles stored as copies of a story (kg.copies)
    copied: set[str] = field(default_factory=set)  # the stories they copy
    read: int = 0  # articles read (and input errors): each ends new, updated, unchanged, rejected or not stored
    analysis_left: int = 0  # after a load stopped: stored articles whose findings the next writer works out
    inputs_read: int = 0  # files, feeds and URLs read or being read (find_files' items)

    @property
    def not_stored(self) -> int:
        """Articles read but neither stored, found unchanged nor rejected: those of a load that stopped."""
        return max(0, self.read - self.new - self.updated - self.unchanged - self.rejected)

    @property
    def ok(self) -> bool:
        return self.rejected == 0

    def count(self, outcome: "Outcome", correction: bool = False) -> None:
        """An article stored (or written out): new or updated, a copy or not, its claims and warnings."""
        if correction:
            self.updated += 1
        else:
            self.new += 1
            if outcome.original:
                self.copies += 1
                self.copied.add(outcome.original)
        self.claims += outcome.claims
        self.warnings.extend(outcome.warnings)

    def summary(self) -> str:
        updated = f"{self.updated} updated, " if self.updated else ""
        line = (f"{self.new} new, {updated}{self.unchanged} unchanged, {self.rejected} rejected article(s); "
                f"{self.claims} claim(s) stored; {len(self.warnings)} warning(s)")
        if self.copies:
            line += f"; {self.copies} of the new are copies of {len(self.copied)} stor{'y' if len(self.copied) == 1 else 'ies'}"
        if self.skipped:
            line += f"; {skipped_note(self.skipped)}"
        return line


class LoadStopped(StoreError):
    """A load stopped by a write that cannot succeed (a full disk); ``report``: what it stored before,
    every article of it whole, and how many it read but did not store."""

    def __init__(self, message: str, report: LoadReport):
        super().__init__(message)
        self.report = report


def skipped_note(paths: list[str], named: int = 3) -> str:
    """'2 files skipped as not articles (README.md, SOURCES.md)': one line, at most ``named`` names."""
    names = [Path(p).name for p in paths[:named]] + (["…"] if len(paths) > named else [])
    what = "1 file skipped as not an article" if len(paths) == 1 else f"{len(paths)} files skipped as not articles"
    return f"{what} ({', '.join(names)})"


class RejectedArticle(Exception):
    """An article failed validation; the message names the claim and the broken rule."""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_meta(store, iri: URIRef) -> ArticleMeta | None:
    """An article's metadata as stored (its publisher by label); None when the graph holds no article."""
    rows = store.query(prefix_header() + f"""
        SELECT ?file ?title ?url ?publisher ?published ?inferred ?author WHERE {{ GRAPH <{iri}> {{
          <{iri}> kg:fileName ?file
          OPTIONAL {{ <{iri}> schema:headline ?title }} OPTIONAL {{ <{iri}> schema:url ?url }}
          OPTIONAL {{ <{iri}> schema:publisher/skos:prefLabel ?publisher }}
          OPTIONAL {{ <{iri}> schema:datePublished ?published }} OPTIONAL {{ <{iri}> kg:dateInferred ?inferred }}
          OPTIONAL {{ <{iri}> schema:author ?author }} }} }} LIMIT 1""").rows
    if not rows:
        return None
    file_name, title, url, publisher, published, inferred, author = (None if v is None else str(v) for v in rows[0])
    return ArticleMeta(file_name, title, url, publisher, published, inferred in ("true", "1"), author)


def stored_sighting(store, iri: URIRef) -> Sighting | None:
    """A stored copy's link to its story, as copy detection made it; None for a story."""
    rows = store.query(prefix_header() + f"""
        SELECT ?story ?similarity WHERE {{ GRAPH <{iri}> {{ <{iri}> prov:wasDerivedFrom ?story
          OPTIONAL {{ <{iri}> kg:copySimilarity ?similarity }} }} }} LIMIT 1""").rows
    if not rows:
        return None
    story, similarity = rows[0]
    return Sighting(original=str(story), similarity=None if similarity is None else float(similarity.toPython()))


def same_article(stored: ArticleMeta, given: ArticleMeta) -> bool:
    """Whether a text loaded again is the stored article (then its metadata may be corrected) rather
    than the same text published elsewhere: it comes under the same file name or URL."""
    return given.file_name == stored.file_name or (given.url is not None and given.url == stored.url)


def corrected_meta(stored: ArticleMeta, given: ArticleMeta, vocab: Vocabulary) -> ArticleMeta | None:
    """The stored metadata of an article corrected by what a new load of the same text gives; None
    when that changes nothing. A field the load does not give keeps its stored value (loading one
    file without its folder's manifest forgets nothing), and so does a stored date against an
    inferred one; the file name stays the stored one. Publishers compare as sources: an alias of
    the stored publisher is no correction."""
    keep_date = given.published is None or (given.date_inferred and stored.published is not None)
    given_fields = {name: getattr(given, name) for name in ("title", "url", "publisher", "author")}
    corrected = replace(stored, **{name: value for name, value in given_fields.items() if value is not None})
    if not keep_date:
        corrected = replace(corrected, published=given.published, date_inferred=given.date_inferred)

    def identity(meta: ArticleMeta) -> tuple:
        publisher = resolve_source(meta.publisher, vocab, "Outlet").key if meta.publisher else None
        return meta.title, meta.url, publisher, meta.published, meta.date_inferred, meta.author

    return None if identity(corrected) == identity(stored) else corrected


def prepare(raw: RawArticle, vocab: Vocabulary, sighting: Sighting | None = None) -> Article:
    """Normalise and extract: everything short of storing."""
    text = normalise(raw.text)
    article = Article(raw.meta, text, content_hash(text), warnings=list(raw.warnings), sighting=sighting)
    # A non-English article is kept without claims: the extractor reads English only. A copy's
    # claims are its story's: extracted again, they would count each figure once more.
    article.claims = extract(text, raw.meta, vocab) if raw.language is None and article.original is None else []
    return article


@dataclass
class Outcome:
    """What became of one article in a batch: N-Quads ready to commit, or the reason it was rejected."""

    path: str
    iri: str | None = None
    nquads: bytes | None = None
    claims: int = 0
    warnings: list[LoadWarning] = field(default_factory=list)
    error: str | None = None
    facts: tuple | None = None  # its claims' keys and figures (kg.analysis.findings.claim_facts), for the writer's analysis
    original: str | None = None  # the story it copies, for a copy


def _rejection(violations) -> str:
    more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
    return f"{violations[0]}{more}"


def process_articles(items: list[tuple[str, Article]], vocab: Vocabulary) -> list[Outcome]:
    """Build and validate the graphs of prepared articles (validation runs once for the whole batch)."""
    graphs = [(article_iri(a.key), article_triples(a, vocab, EXTRACTOR_VERSION)) for _, a in items]
    # converted to Oxigraph terms once: validated, then serialised
    made = {str(iri): list(quads(triples, iri)) for iri, triples in graphs}
    reports = validate_graphs(graphs, vocab, made)
    outcomes = []
    for (path, article), (iri, triples) in zip(items, graphs):
        found = reports[iri]
        violations = [f for f in found if f.severity == "violation"]
        if violations:
            outcomes.append(Outcome(path, error=f"rejected: {_rejection(violations)}"))
            continue
        warnings = [*(LoadWarning(path, w) for w in article.warnings),
                    *(LoadWarning(path, f"{f.message}{f.about}", f.message) for f in found)]
        outcomes.append(Outcome(path, str(iri), to_nquads(triples, iri, made[str(iri)]), len(article.claims),
                                warnings, facts=findings.claim_facts(triples),
                                original=article.original))
    return outcomes


def process_batch(raws: list[RawArticle], vocab: Vocabulary, sightings: list[Sighting | None] | None = None
                  ) -> list[Outcome]:
    """Extract, build and validate a batch of articles; one bad article never spoils the others.
    ``sightings``: what copy detection said of each (kg.copies), when it ran."""
    prepared, failed = [], {}
    for i, (raw, sighting) in enumerate(zip(raws, sightings or [None] * len(raws))):
        try:
            prepared.append((i, (str(raw.path), prepare(raw, vocab, sighting))))
        except Exception as exc:  # noqa: BLE001 - reported per article
            failed[i] = Outcome(str(raw.path), error=f"{type(exc).__name__}: {exc}")
    items = [item for _, item in prepared]
    try:
        outcomes = process_articles(items, vocab)
    except Exception:  # noqa: BLE001 - find the article at fault: retry one by one
        outcomes = []
        for item in items:
            try:
                outcomes += process_articles([item], vocab)
            except Exception as exc:  # noqa: BLE001 - reported per article
                outcomes.append(Outcome(item[0], error=f"{type(exc).__name__}: {exc}"))
    done = dict(zip((i for i, _ in prepared), outcomes))
    return [failed.get(i) or done[i] for i in range(len(raws))]


def _pool_worker_start(parent_pid: int) -> None:
    """The pool's workers end with this process, even when it is killed with SIGKILL (``kg.processes``)."""
    die_with_parent(parent_pid, kernel=True)  # the pool starts its workers from the main thread


def process_batch_for(raws: list[RawArticle], sources: tuple[Path, ...],
                      sightings: list[Sighting | None] | None = None) -> list[Outcome]:
    """``process_batch`` in a worker process or on a Dask worker: the vocabulary is built once per process."""
    return process_batch(raws, vocabulary(sources), sightings)


def commit(store, outcome: Outcome) -> None:
    """Store one article's graph in one transaction."""
    name = URIRef(outcome.iri)
    if hasattr(store, "add_nquads"):
        store.add_nquads(name, outcome.nquads)
        return
    graph = Graph()  # stores without an N-Quads fast path (remote SPARQL) take a graph
    for quad in ox.parse(outcome.nquads, format=ox.RdfFormat.N_QUADS):
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    store.add_graph(name, graph)


def store_article(store, article: Article, vocab: Vocabulary) -> list[LoadWarning]:
    """Validate and commit one article's graph; returns warnings, raises RejectedArticle on a violation."""
    outcome = process_articles([(article.meta.file_name, article)], vocab)[0]
    if outcome.error:
        raise RejectedArticle(outcome.error.removeprefix("rejected: "))
    with findings.tracking(store, [URIRef(outcome.iri)]):
        commit(store, outcome)
    return outcome.warnings


# Articles per write to the store: the bulk loader's CPU per article falls with the size of the
# write, 4.5 ms at 32 articles, 3.1 ms at 256, 2.5 ms at 640 (bench/bench_commit.py); the writer
# holds up to this many articles' N-Quads meanwhile.
COMMIT_BATCH = 256


class Loader:
    """Loads articles into one store, keeping a running report.

    Articles flow in batches: the main process reads, normalises and skips unchanged
    texts (by content hash; a stored text with corrected metadata goes on, to replace its
    graph: ``corrected_meta``); extraction, graph building and validation run in the
    main process or, with ``workers > 1``, in a process pool; one writer (this
    process) commits each batch's accepted articles, each whole or not at all.
    """

    def __init__(self, store, vocab: Vocabulary | None = None, sources: Iterable[Path] = (),
                 workers: int = 1, batch_size: int = 32, executor=None, analysis_batch: int = 512,
                 commit_batch: int = COMMIT_BATCH, copy_threshold: float | None = DEFAULT_THRESHOLD):
        self.store = store
        self.sources = tuple(Path(p) for p in sources)
        self.vocab = vocab or vocabulary(self.sources)
        if store is not None:
            sync_reference(store, [*ontology_files(), *self.sources])
            findings.resume(store)  # a load that crashed mid-batch left its articles awaiting analysis
            restore_copies(store, self.vocab)  # a removal that crashed left copies of a story that is gone
        self.report = LoadReport()
        self.workers = max(1, workers)
        self.batch_size = max(1, batch_size)
        # Where batches run: None (this process), a process pool made on first use when
        # workers > 1, or any object with submit(fn, *args) -> future.result(), such as
        # a dask.distributed Client.
        self.executor = executor
        self._own_pool = None
        self._in_flight: deque = deque()
        self._pending: list[tuple[RawArticle, Sighting | None]] = []
        self._seen: set[str] = set()  # the keys (kg.model.Article.key) of the articles this load queued
        # Copy detection (kg.copies); None when off. The index is read from the store when first needed.
        self.copies = CopyIndex(copy_threshold, store) if copy_threshold is not None else None
        self._texts: dict[str, tuple[ArticleMeta, Sighting | None]] = {}  # each text queued: its first metadata
        self._replacing: set[str] = set()  # IRIs of stored articles this load corrects
        self.on_outcomes = self._commit_outcomes
        self.commit_batch = max(1, commit_batch)
        self._uncommitted: list[Outcome] = []
        # Findings are worked out for many articles at once (each run reads the stored claims the
        # new ones share a key with); the figures and group members read stay cached while this
        # process is the embedded store's only writer.
        self.analysis_batch = max(1, analysis_batch)
        self._awaiting_analysis: list[URIRef] = []
        self._awaiting_facts: tuple[dict, dict] | None = ({}, {})  # None once a stored graph came without them
        self._analysis_cache = findings.AnalysisCache() if store is not None and not store.remote else None

    # -- the stream
    def load_raw(self, raw: RawArticle | InputError) -> None:
        """Queue one article (or record an input error); call ``flush()`` to finish."""
        report = self.report
        report.read += 1
        if isinstance(raw, InputError):
            report.rejected += 1
            report.errors.append(str(raw))
            return
        text = normalise(raw.text)
        digest = content_hash(text)
        sighting = self._exact_copy(digest, raw.meta) if self.copies is not None else None
        key = sighting.key if sighting is not None else digest
        iri = article_iri(key)
        if key in self._seen:  # a second copy in one load corrects nothing: the first one counts
            report.unchanged += 1
            return
        if self.store is not None and self.store.has_graph(iri):
            stored = stored_meta(self.store, iri)
            corrected = corrected_meta(stored, raw.meta, self.vocab) if stored is not None else None
            if corrected is None:
                report.unchanged += 1
                return
            raw.meta = corrected
            self._replacing.add(str(iri))
            if self.copies is not None and sighting is None:  # a correction keeps what the article was
                sighting = stored_sighting(self.store, iri) or Sighting(encode(signature(text)))
        elif self.copies is not None and sighting is None:
            sighting = self.copies.sight(str(iri), text)
        self._seen.add(key)
        self._texts.setdefault(digest, (raw.meta, sighting))
        self._pending.append((raw, sighting))
        if len(self._pending) >= self.batch_size:
            self._dispatch()

    def _exact_copy(self, digest: str, meta: ArticleMeta) -> Sighting | None:
        """The sighting of a text stored or queued before under another file name and URL: a copy of
        the first appearance's story, stored under an IRI of its own. None for a new text or the same
        article loaded again."""
        first = self._texts.get(digest)
        iri = article_iri(digest)
        if first is None and self.store is not None and self.store.has_graph(iri):
            stored = stored_meta(self.store, iri)
            first = (stored, stored_sighting(self.store, iri)) if stored is not None else None
        if first is None or same_article(first[0], meta):
            return None
        story = first[1].original if first[1] is not None and first[1].original else str(iri)
        return Sighting(original=story, similarity=1.0, key=content_hash(f"{digest}|{meta.url or meta.file_name}"))

    def _dispatch(self) -> None:
        queued, self._pending = self._pending, []
        if not queued:
            return
        batch, sightings = [raw for raw, _ in queued], [sighting for _, sighting in queued]
        executor = self._executor()
        if executor is None:
            self._record(process_batch(batch, self.vocab, sightings))
            return
        self._in_flight.append(executor.submit(process_batch_for, batch, self.sources, sightings))
        # Bounded: never more than two batches per worker in flight, so memory stays flat.
        while len(self._in_flight) > 2 * self.workers:
            self._record(self._in_flight.popleft().result())

    def _executor(self):
        if self.executor is not None:
            return self.executor
        if self.workers == 1:
            return None
        if self._own_pool is None:
            # spawn, not fork: a forked child would share the open store's file handles.
            ctx = multiprocessing.get_context("spawn")
            self._own_pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_pool_worker_start,
                                                 initargs=(os.getpid(),))
        return self._own_pool

    def _record(self, outcomes: list[Outcome]) -> None:
        self.on_outcomes(outcomes)

    def _commit_outcomes(self, outcomes: list[Outcome]) -> None:
        self._uncommitted += outcomes
        if sum(not o.error for o in self._uncommitted) >= self.commit_batch:
            self._commit()

    def _commit(self) -> None:
        outcomes, self._uncommitted = self._uncommitted, []
        # Listed as awaiting analysis before they are stored: a crash before their findings are
        # worked out leaves them for the next writer (kg.analysis.findings).
        graphs = findings.begin(self.store, [URIRef(o.iri) for o in outcomes if not o.error], self._analysis_cache)
        for stored in self._commit_each(outcomes):
            if stored.facts is None or self._awaiting_facts is None:
                self._awaiting_facts = None
            else:
                for known, new in zip(self._awaiting_facts, stored.facts):
                    known.update(new)
        self._awaiting_analysis += graphs
        if len(self._awaiting_analysis) >= self.analysis_batch:
            self._analyse()

    def _analyse(self) -> None:
        graphs, self._awaiting_analysis = self._awaiting_analysis, []
        facts, self._awaiting_facts = self._awaiting_facts, ({}, {})
        findings.finish(self.store, graphs, self._analysis_cache, facts)

    def _commit_each(self, outcomes: list[Outcome]) -> list[Outcome]:
        """Store the accepted outcomes, report every outcome; returns those stored."""
        report, stored = self.report, []
        # Corrections never go through the bulk write: a write cut short drops its graphs, and the
        # old graph of a corrected article must survive that.
        written = self._commit_together([o for o in outcomes if not o.error and o.iri not in self._replacing])
        for outcome in outcomes:
            if outcome.error:
                report.rejected += 1
                report.errors.append(f"{outcome.path}: {outcome.error}")
                continue
            correction = outcome.iri in self._replacing
            try:
                if correction:
                    if replace_keeping_curation(self.store, URIRef(outcome.iri), outcome.nquads):
                        outcome.facts = None  # analysts' edits merged in: the analysis reads the stored graph
                elif not written:
                    commit(self.store, outcome)
            except DiskFull:
                raise  # nothing more will fit: the load stops (load_paths), the article is not stored
            except Exception as exc:  # noqa: BLE001 - a failed write is reported, the rest go on
                report.rejected += 1
                report.errors.append(f"{outcome.path}: {exc}")
                if correction:  # the old graph stays, and its claims are not the outcome's: read them
                    self._awaiting_facts = None
                continue
            stored.append(outcome)
            report.count(outcome, correction)
        return stored

    def _commit_together(self, accepted: list[Outcome]) -> bool:
        """The batch's graphs in one bulk write where the store has one (each graph still whole or
        absent); False sends them one transaction at a time, which also finds a failing one."""
        if len(accepted) < 2 or not hasattr(self.store, "add_graphs_nquads"):
            return False
        try:
            self.store.add_graphs_nquads([(URIRef(o.iri), o.nquads) for o in accepted])
        except Exception:  # noqa: BLE001 - nothing of the batch is stored: retried one by one
            return False
        return True

    def flush(self) -> LoadReport:
        """Process what is queued and wait for the workers."""
        self._dispatch()
        while self._in_flight:
            self._record(self._in_flight.popleft().result())
        if self._uncommitted:
            self._commit()
        if self._awaiting_analysis:
            self._analyse()
        return self.report

    def close(self) -> None:
        if self._own_pool is not None:
            self._own_pool.shutdown()
            self._own_pool = None

    def load_paths(self, paths: Iterable[Path], overrides: dict | None = None, manifest: Path | None = None,
                   progress: Callable[[Path | None], None] | None = None, include: Iterable[str] = (),
                   exclude: Iterable[str] = ()) -> LoadReport:
        """Load every article under ``paths``; ``include``/``exclude``: globs that change which files
        of a folder are read (kg.readers.find_files)."""
        # URLs and '-' (standard input) stay strings; Path() would mangle 'https://'.
        paths = [p if isinstance(p, str) and (p == "-" or "://" in p) else Path(p) for p in paths]
        rows = read_manifest(manifest) if manifest else None
        if rows is None:  # a folder's own manifest.csv applies to the files in it
            found = [p / "manifest.csv" for p in paths if isinstance(p, Path) and (p / "manifest.csv").is_file()]
            rows = {k: v for m in found for k, v in read_manifest(m).items()} or None
        try:
            for item in find_files(paths, include, exclude):
                self.report.inputs_read += 1
                if isinstance(item, InputWarning):
                    self.report.warnings.append(LoadWarning(str(item.path), item.message))
                elif isinstance(item, SkippedFile):
                    self.report.skipped.append(str(item.path))
                else:
                    for raw in ([item] if isinstance(item, InputError) else read_inputs(item, overrides, rows)):
                        self.load_raw(raw)
                if progress:
                    progress(item.path if isinstance(item, (InputError, InputWarning, SkippedFile)) else item)
            self.flush()
        except DiskFull as exc:
            # Each article's graph is written whole or not at all: those counted in the report are stored,
            # the rest are not; the stored ones whose findings were not worked out stay listed for the next writer.
            try:  # the graphs of the batch that failed are listed too, before they were written
                self.report.analysis_left = sum(1 for g in findings.awaiting(self.store) if self.store.has_graph(g))
            except StoreError:
                pass
            raise LoadStopped(str(exc), self.report) from exc
        finally:
            self.close()
        return self.report


# ---------------------------------------------------------------- copies whose story is gone

@dataclass
class Restored:
    """What became of a copy whose story was removed (``restore_copies``): a story of its own, extracted
    now (``claims``; ``note`` when its claims could not be stored), or a copy of ``story``."""

    file_name: str
    iri: str
    story: str | None = None  # the story it copies now; None: a story itself
    story_file: str | None = None
    claims: int = 0
    note: str | None = None


def orphaned_copies(store) -> list[URIRef]:
    """The stored copies whose story is not in the store (removed), the earliest published first, then
    by file name: the order in which they become stories again."""
    rows = store.rows(prefix_header() + """
        SELECT ?copy ?published ?file WHERE {
          GRAPH ?copy { ?copy a kg:Article ; prov:wasDerivedFrom ?story ; kg:fileName ?file
                        OPTIONAL { ?copy schema:datePublished ?published } }
          FILTER NOT EXISTS { GRAPH ?story { ?story a kg:Article } } }""")
    return [URIRef(iri) for iri, _, _ in sorted(set(rows), key=lambda r: (r[1] or "9999", r[2], r[0]))]


def _stored_text(store, iri: URIRef) -> str:
    rows = list(store.rows(f"SELECT ?t WHERE {{ GRAPH <{iri}> {{ <{iri}> <{KG.text}> ?t }} }}"))
    return rows[0][0] if rows else ""


def restore_copies(store, vocab: Vocabulary | None = None,
                   threshold: float = DEFAULT_THRESHOLD) -> list[Restored]:
    """Make the copies whose story was removed (``orphaned_copies``) what a load without that story
    would have made them, in that order: a copy of a stored story (the same text, or one copying
    it by ``threshold``: most often the first of them, a story now), else a story of its own,
    extracted now, whose claims count. Each article is swapped for its new graph in one update (an
    exact copy that becomes a story takes the IRI of its text, as a load would give it), its
    findings worked out as for any change; a story whose claims break the shapes is stored without
    claims (``note``). Idempotent: a run cut short leaves copies still orphaned for the next one
    (``Loader`` runs it when it opens a store)."""
    from kg.readers.language import detect_language

    orphans = orphaned_copies(store)
    if not orphans:
        return []
    vocab = vocab or vocabulary()
    index = CopyIndex(threshold, store)
    restored = []
    for old in orphans:
        meta, text = stored_meta(store, old), normalise(_stored_text(store, old))
        if meta is None:
            continue
        digest = content_hash(text)
        own = article_iri(digest)
        if own != old and store.has_graph(own):  # the same text stored under another name: an appearance of
            first = stored_sighting(store, own)  # its story, as Loader._exact_copy makes it
            story = first.original if first is not None and first.original else str(own)
            sighting = Sighting(original=story, similarity=1.0,
                                key=content_hash(f"{digest}|{meta.url or meta.file_name}"))
        else:
            sighting = index.sight(str(own), text)
        raw = RawArticle(meta.file_name, text, meta, language=detect_language(text))
        outcome, note = _restored_outcome(raw, vocab, sighting)
        new = URIRef(outcome.iri)
        taught = sources.sources_in(store, [str(old)])
        triples = ox.serialize([q.triple for q in ox.parse(outcome.nquads, format=ox.RdfFormat.N_QUADS)],
                               format=ox.RdfFormat.N_TRIPLES).decode()
        with findings.tracking(store, list(dict.fromkeys([old, new])), removed=taught):
            # one update: the copy is never gone before its new graph is there. Not replace_keeping_curation:
            # a copy has no claims, so every claim extracted now would count as one an analyst removed
            store.update(f"DROP SILENT GRAPH <{old}> ; DROP SILENT GRAPH <{new}> ; "
                         f"INSERT DATA {{ GRAPH <{new}> {{ {triples} }} }}")
        story = sighting.original
        story_meta = stored_meta(store, URIRef(story)) if story else None
        restored.append(Restored(meta.file_name, str(new), story, story_meta.file_name if story_meta else None,
                                 outcome.claims, note))
    return restored


def _restored_outcome(raw: RawArticle, vocab: Vocabulary, sighting: Sighting) -> tuple[Outcome, str | None]:
    """The graph of an article restored from a copy; a story whose extraction fails or whose claims
    break the shapes is built without claims, with a note saying why."""
    try:
        article = prepare(raw, vocab, sighting)
        outcome = process_articles([(raw.meta.file_name, article)], vocab)[0]
        if not outcome.error:
            return outcome, None
        why = outcome.error
    except Exception as exc:  # noqa: BLE001 - reported with the article, which is stored without claims
        why = f"{type(exc).__name__}: {exc}"
    text = normalise(raw.text)
    article = Article(raw.meta, text, content_hash(text), sighting=sighting)
    outcome = process_articles([(raw.meta.file_name, article)], vocab)[0]
    if outcome.error:
        raise StoreError(f"{raw.meta.file_name}: cannot be stored again: {outcome.error}")
    return outcome, f"stored without claims: {why}"
