"""Named SPARQL queries from ``queries/*.rq``, their parameters bound safely.

Each ``.rq`` file starts with a comment header::

    # title: Conflicting figures
    # description: Every typed disagreement between comparable claims.
    # param: metric (optional) -- metric notation, e.g. civilians-killed
    # param: kind (optional) -- contradiction | discrepancy | ...

Parameters are bound as RDF terms (an IRI when written ``<https://…>``, else a
literal) in a ``VALUES`` block injected at the start of
the query's top-level group: the value is made an RDF term and written by pyoxigraph's
serialiser (``kg.stores.sparqlterms``), never pasted into the query text, so quotes,
line breaks, braces or ``} UNION {`` stay a literal.
A parameter ``metric`` binds the variable ``?param_metric`` (``-`` becomes ``_``);
named queries use their parameters in the top-level group. Best as the pattern
variable itself (``?m skos:notation ?param_metric``): unbound it matches anything,
bound it is an index lookup. Otherwise as
``FILTER(!BOUND(?param_metric) || ?metric = ?param_metric)``, so that an omitted
optional parameter filters nothing (Oxigraph applies such filters after the join).

A line ``# include: internal/lateral-evidence.rq`` is replaced by that file's text
(found beside the including file, else among the shipped queries), so that queries
sharing a long block keep it in one place.

A store whose SPARQL differs (``dialect``: a remote Virtuoso, ``kg.stores.remote``) gets
``queries/DIALECT/NAME.rq`` for a named query that has one there, with the same header and
the same columns and rows: Virtuoso 7 has no SPARQL 1.2 LATERAL, which the keyed queries use
for speed on the embedded store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.output import records
from kg.resources import data_dir, query_files
from kg.stores.sparqlterms import QueryError, bind

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$", re.I)
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][\w-]*)\s*(?P<opt>\((?:optional|required)\))?\s*(?:--|—|-)?\s*(?P<doc>.*)$")
_INCLUDE = re.compile(r"^\s*#\s*include\s*:\s*(\S+)\s*$", re.M)


@dataclass
class Param:
    name: str
    optional: bool = True
    doc: str = ""


@dataclass
class NamedQuery:
    name: str
    path: Path
    text: str
    title: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def expand_includes(text: str, folder: Path, seen: tuple[Path, ...] = ()) -> str:
    """The text with each ``# include: FILE`` line replaced by that file's (expanded) text."""
    def included(m: re.Match) -> str:
        candidates = [folder / m.group(1), data_dir("queries") / m.group(1)]
        path = next((c.resolve() for c in candidates if c.is_file()), None)
        if path is None:
            raise QueryError(f"{folder / m.group(1)}: included query file not found")
        if path in seen:
            raise QueryError(f"{path}: includes itself")
        return expand_includes(path.read_text(encoding="utf-8"), path.parent, (*seen, path)).rstrip("\n")
    return _INCLUDE.sub(included, text)


def parse_query_file(path: Path) -> NamedQuery:
    text = expand_includes(path.read_text(encoding="utf-8"), path.parent, (path.resolve(),))
    q = NamedQuery(path.stem, path, text)
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "title":
            q.title = value
        elif key == "description":
            q.description = (q.description + " " + value).strip()
        else:
            pm = _PARAM.match(value)
            if pm:
                q.params.append(Param(pm.group("name"), pm.group("opt") != "(required)", pm.group("doc").strip()))
    return q


def catalog(extra_dirs: tuple[Path, ...] = ()) -> dict[str, NamedQuery]:
    queries = {}
    for path in [*query_files(), *(p for d in extra_dirs for p in sorted(Path(d).glob("*.rq")))]:
        q = parse_query_file(path)
        queries[q.name] = q
    return queries


def dialect_form(name: str, store=None) -> Path | None:
    """The file of the named query's form for the store's dialect (None: the store runs the common one)."""
    dialect = getattr(store, "dialect", None)
    if not dialect:
        return None
    path = data_dir("queries") / dialect / f"{name}.rq"
    return path if path.is_file() else None


def resolve(name_or_file: str, store=None) -> NamedQuery:
    """A named query (``conflicts``) or a ``.rq`` file path; given the store it is to run on, the
    named query's form for that store's dialect where it has one (queries/virtuoso/NAME.rq)."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return parse_query_file(path)
    queries = catalog()
    if name_or_file in queries:
        form = dialect_form(name_or_file, store)
        return parse_query_file(form) if form is not None else queries[name_or_file]
    raise QueryError(f"no named query {name_or_file!r}; `kg query --list` shows them")


def prepare(query: NamedQuery, params: dict[str, str], limit: int | None = None) -> str:
    """The query text with its declared parameters bound; unknown or missing ones are an error.
    ``limit``: at most that many rows (a ``LIMIT`` after the query's own ``ORDER BY``)."""
    declared = {p.name for p in query.params}
    unknown = sorted(set(params) - declared)
    if unknown:
        raise QueryError(f"query {query.name!r} has no parameter {', '.join(unknown)} "
                         f"(it takes: {', '.join(sorted(declared)) or 'none'})")
    missing = [p.name for p in query.params if not p.optional and not params.get(p.name)]
    if missing:
        raise QueryError(f"query {query.name!r} needs --param {missing[0]}=VALUE")
    return limited(bind(query.text, {param_variable(k): v for k, v in params.items()}), limit)


_LIMIT = re.compile(r"\bLIMIT\s+(\d+)\s*$", re.I)


def limited(text: str, limit: int | None) -> str:
    """A SELECT query's text that returns at most ``limit`` rows (None: as it is); a query that has a
    ``LIMIT`` of its own at the end keeps the smaller of the two."""
    if limit is None:
        return text
    limit = max(int(limit), 0)
    own = _LIMIT.search(text.rstrip())
    if own:
        return text.rstrip()[:own.start()] + f"LIMIT {min(limit, int(own.group(1)))}\n"
    return text.rstrip() + f"\nLIMIT {limit}\n"


def run_named(kg_store, name: str, params: dict[str, Any] | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """A named query's rows as plain values; parameters given as None or "" are left unbound.
    ``limit``: at most that many rows, the first in the query's order."""
    query = prepare(resolve(name, kg_store), {k: v for k, v in (params or {}).items() if v not in (None, "")}, limit)
    return records(kg_store.query(query))


def param_variable(name: str) -> str:
    """The SPARQL variable a parameter binds: ``metric`` -> ``param_metric``."""
    return "param_" + name.replace("-", "_")
