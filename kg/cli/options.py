"""What the command modules share: the --store and --format options and ``fail``, the one error shape.

Every message kg prints for a problem is one line, ``kg: <what went wrong>``, with exit
code 2 (1 means the command ran but some input was rejected). Commands call ``fail`` for
usage errors; library exceptions reach ``fail`` through ``kg.cli.app``, which maps them.
"""

from __future__ import annotations

import typer

from kg.analysis.filters import check_date, check_limit, check_window
from kg.formats import TABLES, FormatChoice, FormatError
from kg.output import terminal_safe

StoreOpt = typer.Option(None, "--store", envvar="KG_STORE",
                        help="Store folder (default ./kg-data) or http(s):// SPARQL endpoint.")


def format_option(choice: FormatChoice, default: str | None, help: str):
    """``--format/-f`` for a command that writes ``choice``: the value comes to the command as the
    format's name (an alias or any case is fine); anything else ends in one line before the command runs."""
    def named(value: str | None) -> str | None:
        try:
            return None if value is None else choice.named(value)
        except FormatError as exc:
            fail(str(exc))

    return typer.Option(default, "--format", "-f", callback=named, metavar="FORMAT", help=f"{help}: {choice.listing()}.")


FormatOpt = format_option(TABLES, "table", "Output format")


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


# ---------------------------------------------------------------- the filters of the listings (kg.analysis.filters)

def _checked(check):
    def callback(ctx: typer.Context, param: typer.CallbackParam, value):
        try:
            return check(f"--{param.name}", value)
        except ValueError as exc:
            fail(str(exc))
    return callback


def _limit(option: str, value: int | None) -> int | None:
    return check_limit(value)


def limit_option(what: str = "rows"):
    return typer.Option(None, "--limit", metavar="N", callback=_checked(_limit),
                        help=f"At most N {what}, the first in the listing's order.")


def place_option(what: str = "claims at this place or at a place within it"):
    return typer.Option(None, "--place", metavar="NAME", help=f"Only {what} (a name in any case or a key, e.g. Mosul).")


def date_options(what: str = "claims whose period overlaps"):
    """--since and --until: each checked as the command line is read (one line for a date that is not one)."""
    since = typer.Option(None, "--since", metavar="DATE", callback=_checked(check_date),
                         help=f"Only {what} the time from DATE on (YYYY, YYYY-MM or YYYY-MM-DD).")
    until = typer.Option(None, "--until", metavar="DATE", callback=_checked(check_date),
                         help=f"Only {what} the time up to DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
    return since, until


def window(since: str | None, until: str | None) -> None:
    """Refuse a window that ends before it starts, before any store is opened."""
    try:
        check_window(since, until)
    except ValueError as exc:
        fail(str(exc))


SinceOpt, UntilOpt = date_options()
PairSinceOpt, PairUntilOpt = date_options("pairs with either claim's period overlapping")


def note_limit(limit: int | None, more: bool, noun: str) -> None:
    """Say on stderr that --limit left rows out (stdout stays the data, for machine formats too)."""
    if more:
        typer.echo(f"kg: showing the first {limit} {noun} (--limit {limit}); more exist, drop --limit for all", err=True)
