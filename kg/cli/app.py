"""The `kg` typer app: the commands of the modules next to this one, and the error mapping.

Each command lives in a module of its own group (``load``, ``query``, ``admin``,
``conflicts``, ``export``, ``serve``) as a plain function; this module registers them,
in the order `kg --help` lists them. The command modules import nothing from here.

Error mapping: this is the one place where library exceptions become the one-line
``kg: <message>`` and exit code 2 (``options.fail``). Each command is registered with
the exceptions it maps: ``StoreError`` (a store that cannot be opened, read or written)
and, for most, ``ValueError``, the base of kg's typed library errors (``QueryError``,
``ExportError``, ``PlotError``, ``CurationError``, ``MetadataError``, ``FormatError``,
``UnknownName``) and of bad SPARQL.

Help: ``-h`` as well as ``--help`` on every command, and option values named as click names
them (``ClickStyleHelp``).
"""

from __future__ import annotations

import functools

import typer
from typer.core import TyperCommand, TyperGroup

from kg import __version__
from kg.cli import admin, conflicts, export, load, query, serve, sources
from kg.cli.options import fail
from kg.extract.parse import ModelMissing
from kg.stores import StoreError


class ClickStyleHelp:
    """Help that says what an option takes as click does (TEXT, INTEGER, PATH) and nothing for a flag,
    where typer prints Python's type names (``<str>``, ``<bool>``)."""

    VALUE_WORDS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH"}

    def get_params(self, ctx: typer.Context) -> list:
        params = super().get_params(ctx)
        for param in params:
            if param.param_type_name == "option" and param.metavar is None:
                python_type = param.bare_type().removeprefix("list[").removesuffix("]")  # repeatable: one value's
                param.metavar = "" if param.is_flag else self.VALUE_WORDS.get(python_type, "VALUE")
        return params


class Command(ClickStyleHelp, TyperCommand):
    pass


class Group(ClickStyleHelp, TyperGroup):
    pass


HELP = {"help_option_names": ["-h", "--help"]}  # commands inherit it from the group they are in
app = typer.Typer(cls=Group, context_settings=HELP, add_completion=False, no_args_is_help=True,
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


def register(group: typer.Typer, name: str, command, errors: tuple[type[BaseException], ...] = LIBRARY_ERRORS) -> None:
    group.command(name, cls=Command)(one_line_errors(command, errors))


register(app, "load", load.load, (*LIBRARY_ERRORS, ModelMissing))
register(app, "extract", load.extract, (ModelMissing,))
register(app, "claims", query.claims)
register(app, "query", query.query)
register(app, "remove", admin.remove, (StoreError,))
register(app, "analyse", conflicts.analyse, (StoreError,))
register(app, "stats", admin.stats, (StoreError,))
register(app, "check", admin.check, (StoreError,))
register(app, "conflicts", conflicts.conflicts_command)
register(app, "export", export.export_command)

plot_app = typer.Typer(cls=Group, no_args_is_help=True, help=export.PLOT_HELP)
register(plot_app, "timeline", export.plot_timeline)
register(plot_app, "compare", export.plot_compare)
app.add_typer(plot_app, name="plot")

sources_app = typer.Typer(cls=Group, invoke_without_command=True, help=sources.HELP)
sources_app.callback()(one_line_errors(sources.list_sources))
register(sources_app, "merge", sources.merge)
register(sources_app, "unmerge", sources.unmerge)
app.add_typer(sources_app, name="sources")

register(app, "serve", serve.serve, ())
