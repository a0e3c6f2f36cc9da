"""The `kg` typer app: the commands of the modules next to this one, and the error mapping.

Each command lives in a module of its own group (``load``, ``query``, ``admin``,
``conflicts``, ``export``, ``serve``) as a plain function; this module registers them,
in the order `kg --help` lists them. The command modules import nothing from here.

Error mapping: this is the one place where library exceptions become the one-line
``kg: <message>`` and exit code 2 (``options.fail``). Each command is registered with
the exceptions it maps: ``StoreError`` (a store that cannot be opened, read or written)
and, for most, ``ValueError``, the base of kg's typed library errors (``QueryError``,
``ExportError``, ``PlotError``, ``CurationError``, ``MetadataError``) and of bad SPARQL.
"""

from __future__ import annotations

import functools

import typer

from kg import __version__
from kg.cli import admin, conflicts, export, load, query, serve
from kg.cli.options import fail
from kg.extract.parse import ModelMissing
from kg.stores import StoreError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="kg: casualty figures from news articles as a knowledge graph of claims; "
                       "who asserted what, and where sources disagree.")

LIBRARY_ERRORS = (StoreError, ValueError)


def one_line_errors(command, errors: tuple[type[BaseException], ...] = LIBRARY_ERRORS):
    """``command`` with ``errors`` reported as ``kg: <message>`` and exit code 2 instead of a traceback."""
    if not errors:
        return command

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except errors as exc:
            fail(str(exc))

    return run


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                      help="Show the version and exit.")) -> None:
    pass


app.command("load")(one_line_errors(load.load, (*LIBRARY_ERRORS, ModelMissing)))
app.command("extract")(one_line_errors(load.extract, (ModelMissing,)))
app.command("claims")(one_line_errors(query.claims))
app.command("query")(one_line_errors(query.query))
app.command("remove")(one_line_errors(admin.remove, (StoreError,)))
app.command("analyse")(one_line_errors(conflicts.analyse, (StoreError,)))
app.command("stats")(one_line_errors(admin.stats, (StoreError,)))
app.command("check")(one_line_errors(admin.check, (StoreError,)))
app.command("conflicts")(one_line_errors(conflicts.conflicts_command))
app.command("export")(one_line_errors(export.export_command))

plot_app = typer.Typer(no_args_is_help=True, help=export.PLOT_HELP)
plot_app.command("timeline")(one_line_errors(export.plot_timeline))
plot_app.command("compare")(one_line_errors(export.plot_compare))
app.add_typer(plot_app, name="plot")

app.command("serve")(one_line_errors(serve.serve, ()))
