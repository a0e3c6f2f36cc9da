"""`kg remove`, `kg stats` and `kg check`: take articles out of the store, count what is in it, verify it."""

from __future__ import annotations

from typing import List, Optional

import typer

from kg.cli.options import FormatOpt, StoreOpt
from kg.output import render
from kg.stores import StoreError, open_store


def remove(
    articles: List[str] = typer.Argument(..., help="Article file name, content hash prefix or IRI."),
    store: Optional[str] = StoreOpt,
) -> None:
    """Remove articles (their whole graphs) from the store; a removed story's copies become articles again."""
    from kg.admin import find_article, remove_story

    missing = 0
    with open_store(store) as kg_store:
        for ref in articles:
            iri = find_article(kg_store, ref)
            restored = remove_story(kg_store, iri) if iri is not None else None
            if restored is None:
                typer.echo(f"kg: {ref}: no such article in the store", err=True)
                missing += 1
                continue
            typer.echo(f"removed {iri}")
            for r in restored:
                if r.story:
                    typer.echo(f"  {r.file_name}: a copy of {r.story_file or r.story} now")
                else:
                    typer.echo(f"  {r.file_name}: a story now (its story was removed), {r.claims} claim(s)"
                               + (f"; {r.note}" if r.note else ""))
    raise typer.Exit(1 if missing else 0)


def stats(store: Optional[str] = StoreOpt, fmt: str = FormatOpt) -> None:
    """Counts of articles, claims, sources, copies and triples in the store."""
    from kg.admin import copies_line, store_stats

    with open_store(store, read_only=True, bounded=True) as kg_store:
        rows = store_stats(kg_store)
    typer.echo(render(rows, ["what", "count"], fmt), nl=False)
    line = copies_line(rows) if fmt == "table" else None
    if line:
        typer.echo(f"\n{line}")


def check(store: Optional[str] = StoreOpt) -> None:
    """Read the whole store, every index, and say whether it is intact (exit 2 and what to do if not)."""
    with open_store(store, read_only=True, bounded=True) as kg_store:
        if kg_store.remote:
            raise StoreError(f"{kg_store.location}: kg check verifies a store folder; ask the server's admin")
        quads = kg_store.verify()
    typer.echo(f"ok: {quads} quads, every index read whole and in agreement")
