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


MAX_MESSAGE = 1_000  # characters of a problem message shown; a quote or value pasted whole could run to megabytes


def message_line(message: str) -> str:
    """A problem message for the terminal: control characters escaped, and at most about ``MAX_MESSAGE``
    characters, cut in the middle (the end often says what is wrong) with the count of what was cut."""
    text = terminal_safe(message)
    if len(text) > MAX_MESSAGE:
        head, tail = MAX_MESSAGE * 2 // 3, MAX_MESSAGE // 3
        text = f"{text[:head]} …({len(text) - head - tail} characters cut)… {text[-tail:]}"
    return text


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"kg: {message_line(message)}", err=True)
    raise typer.Exit(code)


def show(text: str) -> None:
    """Print text made from data (tables, explanations, results): its control characters come out
    as visible escapes, so an article cannot clear the screen or retitle the terminal."""
    typer.echo(terminal_safe(text), nl=False)
