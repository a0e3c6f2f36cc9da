"""Locate the data files kg ships: ontology, shapes and queries.

In a wheel they live in ``kg/_data/``; in a source checkout (or an editable
install) they are the top-level folders of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder of shipped data called ``name`` (ontology, shapes, queries)."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg data folder {name!r} not found next to {_PACKAGE}")


def ontology_files() -> list[Path]:
    return sorted(data_dir("ontology").glob("*.ttl"))


def shape_files() -> list[Path]:
    return sorted(data_dir("shapes").glob("*.ttl"))


def query_files() -> list[Path]:
    return sorted(data_dir("queries").glob("*.rq"))
