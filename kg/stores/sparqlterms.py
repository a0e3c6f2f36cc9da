"""RDF terms in SPARQL text, and variables bound to terms in a ``VALUES`` block.

A value never becomes query syntax: it is made an RDF term first (an IRI is checked by
pyoxigraph's IRI parser) and written by pyoxigraph's N-Triples serialiser, which escapes
quotes, backslashes and line breaks, so that whatever a string holds it stays one literal.
(rdflib's ``Literal.n3()`` writes a value with a line break as a triple-quoted long string,
which a value ending in a backslash and a quote left open: issue 20, case 2.)
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.stores.base import to_ox

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
_IRI = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\s]*>")


class QueryError(ValueError):
    """A named query is missing, malformed, or called with wrong parameters (``bind`` and ``kg.analysis.queries``)."""


def string_literal(text: str) -> str:
    """A plain string literal as N-Triples (and SPARQL) write it, for code that writes RDF as text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def sparql_term(term: Node) -> str:
    """A term as SPARQL text (an N-Triples term is one); an invalid IRI is a ``ValueError``."""
    if isinstance(term, BNode):
        raise ValueError("a blank node cannot be bound: it names nothing outside its graph")
    return str(to_ox(term))


def strip_comments(sparql: str) -> str:
    return "\n".join("" if line.lstrip().startswith("#") else line for line in sparql.splitlines())


def with_values(sparql: str, bindings: dict[str, Node]) -> str:
    """The query with ``VALUES (?name …) { (term …) }`` at the start of its top-level WHERE group.

    The query text is the caller's own (a named query, a .rq file); only the bound terms come from outside."""
    if not bindings:
        return sparql
    for name in bindings:
        if not _VARIABLE.fullmatch(name):
            raise ValueError(f"invalid parameter name {name!r}")
    terms = " ".join(sparql_term(term) for term in bindings.values())
    body = strip_comments(sparql)
    m = _WHERE.search(body)
    brace = m.end() - 1 if m else body.find("{")
    if brace < 0:
        raise ValueError("cannot bind parameters: the query has no WHERE group")
    names = " ".join(f"?{name}" for name in bindings)
    return f"{body[:brace + 1]} VALUES ({names}) {{ ({terms}) }} {body[brace + 1:]}"


def bind(sparql: str, values: dict[str, Node | str | None]) -> str:
    """Bind variables to terms with a VALUES block at the start of the top-level WHERE group."""
    try:
        return with_values(sparql, {k: as_term(v) for k, v in values.items() if v not in (None, "")})
    except ValueError as exc:
        raise QueryError(str(exc)) from exc


def as_term(value: Node | str) -> Node:
    """A parameter's term: an IRI when written in angle brackets (``<https://…>``), else a literal."""
    if isinstance(value, Node):
        return value
    if _IRI.fullmatch(value):
        return URIRef(value[1:-1])
    return Literal(value)
