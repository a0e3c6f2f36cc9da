"""`kg sources`: the sources of the store as kg counts them (each with its names, kind, family and
claims), and an analyst's `kg sources merge` and `kg sources unmerge` (kg.sources, kg.curate)."""

from __future__ import annotations

from typing import Optional

import typer

from kg.cli.options import FormatOpt, StoreOpt, show
from kg.output import render
from kg.stores import open_store

COLUMNS = ["source", "kind", "aliases", "part_of", "voice", "claims"]
HELP = ("The sources of the store: one per organisation, person or outlet, however articles name it "
        "(names, acronyms, aliases merged), with its family and claims; merge and unmerge them.")

CuratorOpt = typer.Option(..., "--curator", help="The analyst the statement is attributed to.")


def list_sources(
    ctx: typer.Context,
    store: Optional[str] = StoreOpt,
    fmt: str = FormatOpt,
) -> None:
    """The sources of the store with their aliases, kind, parent organisation, voice (the family whose
    figures are one voice) and claim counts."""
    if ctx.invoked_subcommand is not None:
        return
    from kg.sources import source_rows

    with open_store(store, read_only=True, bounded=True) as kg_store:
        rows = source_rows(kg_store)
    if fmt in ("table", "csv", "tsv", "md"):
        rows = [{**r, "aliases": "; ".join(r["aliases"]), "same_as": " ".join(r["same_as"])} for r in rows]
    columns = COLUMNS if fmt == "table" else COLUMNS + ["merged", "iri", "same_as"]
    show(render(rows, columns, fmt))


def merge(
    name: str = typer.Argument(..., help="A name of the source to merge (any name or alias `kg sources` shows)."),
    into: str = typer.Argument(..., help="A name of the source it is one with; the merged source takes its name."),
    curator: str = CuratorOpt,
    store: Optional[str] = StoreOpt,
) -> None:
    """Make two sources one (an analyst's statement, attributed and reversible with `kg sources unmerge`);
    the findings of their claims are worked out again."""
    from kg.curate import merge_sources

    with open_store(store) as kg_store:
        typer.echo(merge_sources(kg_store, name, into, curator))


def unmerge(
    name: str = typer.Argument(..., help="A name of the source to take apart."),
    other: str = typer.Argument(..., help="Another name of it, to be a source of its own."),
    curator: str = CuratorOpt,
    store: Optional[str] = StoreOpt,
) -> None:
    """Undo a merge, or keep two names apart that kg took for one source (an analyst's statement,
    attributed); the findings of their claims are worked out again."""
    from kg.curate import unmerge_sources

    with open_store(store) as kg_store:
        typer.echo(unmerge_sources(kg_store, name, other, curator))
