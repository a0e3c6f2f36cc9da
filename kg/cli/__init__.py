"""The `kg` command line: a thin typer layer over the kg library.

``kg.cli.app`` builds the typer app from one module per command or group of commands
(``load``, ``query``, ``admin``, ``conflicts``, ``export``, ``serve``); what they share
is in ``options``. The console script is ``kg = "kg.cli:app"``; ``python -m kg.cli``
runs it too (``__main__``).
"""

from kg.cli.app import app  # the typer app; this name shadows the module kg.cli.app on purpose

__all__ = ["app"]
