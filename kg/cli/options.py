"""What the command modules share: the --store and --format options and ``fail``, the one error shape.

Every message kg prints for a problem is one line, ``kg: <what went wrong>``, with exit
code 2 (1 means the command ran but some input was rejected). Commands call ``fail`` for
usage errors; library exceptions reach ``fail`` through ``kg.cli.app``, which maps them.
"""

from __future__ import annotations

import typer

from kg.output import FORMATS, terminal_safe

StoreOpt = typer.Option(None, "--store", envvar="KG_STORE",
                        help="Store folder (default ./kg-data) or http(s):// SPARQL endpoint.")
FormatOpt = typer.Option("table", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"kg: {terminal_safe(message)}", err=True)
    raise typer.Exit(code)


def show(text: str) -> None:
    """Print text made from data (tables, explanations, results): its control characters come out
    as visible escapes, so an article cannot clear the screen or retitle the terminal."""
    typer.echo(terminal_safe(text), nl=False)
