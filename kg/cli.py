"""The `kg` command line: a thin typer layer over the kg library."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import List, Optional

import typer

from kg import __version__, findings
from kg.conflicts import DEFAULT_TOLERANCE
from kg.output import FORMATS, claim_records, render, render_result
from kg.queries import QueryError, catalog, prepare, resolve
from kg.store import StoreError, open_store

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="kg: casualty figures from news articles as a knowledge graph of claims; "
                       "who asserted what, and where sources disagree.")

StoreOpt = typer.Option(None, "--store", envvar="KG_STORE",
                        help="Store folder (default ./kg-data) or http(s):// SPARQL endpoint.")
FormatOpt = typer.Option("table", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")

CLAIM_COLUMNS = ["article", "asserter", "reported_by", "metric", "value", "value_max", "bound",
                 "period_start", "period_end", "place", "incident", "quote"]
CLAIM_FIELDS = ["claim", "article", "asserter", "reported_by", "metric", "value", "value_max", "bound",
                "period_start", "period_end", "place", "incident", "quote", "start", "end", "confidence", "method"]


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"kg: {message}", err=True)
    raise typer.Exit(code)


def parse_params(params: list[str]) -> dict[str, str]:
    out = {}
    for p in params:
        if "=" not in p:
            fail(f"--param {p!r}: expected NAME=VALUE")
        k, v = p.split("=", 1)
        out[k.strip()] = v
    return out


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                      help="Show the version and exit.")) -> None:
    pass


@app.command()
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
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or warnings, only the summary."),
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
) -> None:
    """Load articles: extract claims, validate them with SHACL, store one graph per article."""
    from kg.inputs import find_files
    from kg.load import COMMIT_BATCH, Loader

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
    try:
        with open_store(store) as kg_store, _executor(dask, workers) as executor:
            loader = Loader(kg_store, sources=sources, workers=workers, batch_size=batch_size, executor=executor,
                            commit_batch=commit_size or COMMIT_BATCH)
            reports = []
            if paths:
                total = sum(1 for _ in find_files(paths))
                show = not quiet and sys.stderr.isatty()
                with typer.progressbar(length=total, label="loading", file=sys.stderr, hidden=not show) as bar:
                    report = loader.load_paths(paths, overrides, manifest, progress=lambda _: bar.update(1))
                reports.append((report, report.summary()))
            if claims_table is not None:
                from kg.curate import apply_claims_table

                curated = apply_claims_table(kg_store, loader.vocab, claims_table, curator)
                reports.append((curated, curated.summary(curator.strip())))
    except (StoreError, ValueError) as exc:
        fail(str(exc))
    for report, _ in reports:
        for err in report.errors:
            typer.echo(f"error: {err}", err=True)
        if not quiet:
            for warning in report.warnings:
                typer.echo(f"warning: {warning}", err=True)
    for _, summary in reports:
        typer.echo(summary)
    raise typer.Exit(0 if all(r.ok for r, _ in reports) else 1)


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


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Article files, feeds or folders, as for `kg load`."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the N-Quads files (one per batch)."),
    manifest: Optional[Path] = typer.Option(None, help="CSV with columns file,title,url,publisher,published."),
    sources: List[Path] = typer.Option([], "--sources", help="Extra Turtle file of known sources (repeatable)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes for extraction and validation."),
    batch_size: int = typer.Option(256, "--batch-size", min=1, help="Articles per batch (and per file)."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Dask scheduler address, or 'local'."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the summary."),
) -> None:
    """Extract and validate without a store: N-Quads files for a triple store's bulk loader."""
    from kg.scale import extract_loader

    if manifest is not None and not manifest.is_file():
        fail(f"{manifest}: manifest not found")
    with _executor(dask, workers) as executor:
        loader = extract_loader(out, sources=sources, workers=workers, batch_size=batch_size, executor=executor)
        report = loader.load_paths(paths, None, manifest)
    for err in report.errors:
        typer.echo(f"error: {err}", err=True)
    if not quiet:
        for warning in report.warnings:
            typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"{report.summary()}; written to {out}")
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def claims(
    store: Optional[str] = StoreOpt,
    fmt: str = FormatOpt,
    metric: Optional[str] = typer.Option(None, help="Only this metric (notation, e.g. civilians-killed)."),
    asserter: Optional[str] = typer.Option(None, help="Only claims by this source (name or alias)."),
    article: Optional[str] = typer.Option(None, help="Only claims of this article (file name)."),
) -> None:
    """List stored claims: figure, asserter, outlet, period, places, incident and quote."""
    # one article's claims are looked up from the article (claims-of-article, SPARQL 1.2 LATERAL);
    # a remote store without LATERAL gets the claims listing filtered by article
    rows = _run_named("claims-of-article" if article else "claims",
                      {"metric": metric, "asserter": asserter, "article": article}, store, claims_shape=True,
                      without_lateral="claims")
    columns = CLAIM_COLUMNS if fmt in ("table", "md") else CLAIM_FIELDS
    if fmt in ("csv", "tsv"):  # ready for curation: edit status to wrong, or add rows marked added (docs/inputs.md)
        columns = [*columns, "status"]
        rows = [{**r, "status": "ok"} for r in rows]
    if fmt in ("json", "jsonl"):
        rows = [{k: r.get(k) for k in CLAIM_FIELDS} for r in rows]
    typer.echo(render(rows, columns, fmt), nl=False)


def _run_named(name: str, params: dict, store: Optional[str], claims_shape: bool = False,
               without_lateral: Optional[str] = None):
    """Run a named query; ``without_lateral``: the query to run instead on a store that refuses SPARQL 1.2 LATERAL."""
    from kg.output import records

    params = {k: v for k, v in params.items() if v is not None}
    try:
        with open_store(store, read_only=True) as kg_store:
            try:
                result = kg_store.query(prepare(resolve(name), params))
            except ValueError as exc:
                if without_lateral is None or "LATERAL" not in str(exc):
                    raise
                result = kg_store.query(prepare(resolve(without_lateral), params))
    except (QueryError, StoreError, ValueError) as exc:
        fail(str(exc))
    return claim_records(result) if claims_shape else records(result)


@app.command()
def query(
    name: Optional[str] = typer.Argument(None, help="A named query (see --list) or a .rq file."),
    sparql: Optional[str] = typer.Option(None, "--sparql", help="Ad-hoc SPARQL text instead of a named query."),
    param: List[str] = typer.Option([], "--param", "-p", help="NAME=VALUE, bound as a literal, or as an IRI when written <https://…> (repeatable)."),
    store: Optional[str] = StoreOpt,
    fmt: str = FormatOpt,
    list_: bool = typer.Option(False, "--list", help="List the named queries and their parameters."),
) -> None:
    """Run a named query, a .rq file or ad-hoc SPARQL over the union of all graphs."""
    if list_:
        for q in catalog().values():
            typer.echo(f"{q.name}: {q.title}")
            if q.description:
                typer.echo(f"    {q.description}")
            for p in q.params:
                typer.echo(f"    --param {p.name}=…  {'(optional) ' if p.optional else '(required) '}{p.doc}")
        return
    if fmt not in FORMATS + ("tsv",):
        fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    params = parse_params(param)
    try:
        if sparql is not None:
            from kg.queries import bind, param_variable

            text = bind(sparql, {param_variable(k): v for k, v in params.items()})
        elif name:
            text = prepare(resolve(name), params)
        else:
            fail("give a query name, a .rq file, --sparql TEXT or --list")
        with open_store(store, read_only=True) as kg_store:
            result = kg_store.query(text)
    except (QueryError, StoreError, ValueError) as exc:
        fail(str(exc))
    typer.echo(render_result(result, fmt), nl=False)


@app.command()
def remove(
    articles: List[str] = typer.Argument(..., help="Article file name, content hash prefix or IRI."),
    store: Optional[str] = StoreOpt,
) -> None:
    """Remove articles (their whole graphs) from the store."""
    from kg.admin import find_article, remove_article

    missing = 0
    try:
        with open_store(store) as kg_store:
            for ref in articles:
                iri = find_article(kg_store, ref)
                if iri is None or not remove_article(kg_store, iri):
                    typer.echo(f"kg: {ref}: no such article in the store", err=True)
                    missing += 1
                else:
                    typer.echo(f"removed {iri}")
    except StoreError as exc:
        fail(str(exc))
    raise typer.Exit(1 if missing else 0)


@app.command()
def analyse(
    store: Optional[str] = StoreOpt,
    tolerance: str = typer.Option(str(DEFAULT_TOLERANCE), help="Relative tolerance for approximate figures and "
                                                              "discrepancies (0.10 = 10 %)."),
) -> None:
    """Work out every finding (conflicts, revisions, corroborations) again: after a bulk load of
    `kg extract --out` files, changes made with SPARQL Update, or to store another tolerance.
    `kg load` keeps them up to date by itself."""
    t = parse_tolerance(tolerance)
    try:
        with open_store(store) as kg_store:
            count = findings.rebuild(kg_store, t)
    except StoreError as exc:
        fail(str(exc))
    typer.echo(f"{count} findings at tolerance {t}")


def parse_tolerance(text: str) -> Decimal:
    """A relative tolerance from 0 to below 1, or a usage error."""
    try:
        t = Decimal(text)
    except InvalidOperation:
        t = Decimal(-1)
    if not (Decimal(0) <= t < Decimal(1)):
        fail(f"--tolerance {text!r}: expected a number from 0 to below 1, e.g. 0.10")
    return t


@app.command()
def stats(store: Optional[str] = StoreOpt, fmt: str = FormatOpt) -> None:
    """Counts of articles, claims, sources and triples in the store."""
    from kg.admin import store_stats

    try:
        with open_store(store, read_only=True) as kg_store:
            rows = store_stats(kg_store)
    except StoreError as exc:
        fail(str(exc))
    typer.echo(render(rows, ["what", "count"], fmt), nl=False)

# Commands that live in modules of their own register themselves on `app` when imported.
from kg.commands import conflicts as _conflicts, export as _export, serve as _serve  # noqa: E402,F401


if __name__ == "__main__":
    app()
