"""SPARQL text: lexical facts read off it without a full parser, and terms written into it.

Strings, comments and IRIs are blanked out first so that a keyword inside a
literal (an article quoting "SERVICE") never counts, while a keyword in the
query itself always does. The checks err on the side of refusing.

Terms go into the text serialised, never pasted: ``string_literal`` for code that writes
RDF or SPARQL as text, ``bind`` for parameters (a ``VALUES`` block at the start of the
top-level group; the remote store binds a query's ``bindings`` this way, the named
queries of ``kg.analysis.queries`` their parameters).
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.term import Node

_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'          # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'                    # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'              # IRI references
    r"|#[^\n]*",                               # comments
    re.S,
)
_FORM = re.compile(r"(?<![?$\w:])(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_UPDATE_OPS = re.compile(
    r"(?<![?$\w:])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_SERVICE = re.compile(r"(?<![?$\w:])SERVICE\b", re.I)


def blank_lexemes(text: str, keep_iris: bool = False) -> str:
    """The text with strings and comments (and IRIs unless ``keep_iris``) replaced by spaces."""

    def repl(m: re.Match) -> str:
        token = m.group(0)
        if keep_iris and token.startswith("<"):
            return token
        if token.startswith("<"):
            return "<" + " " * (len(token) - 2) + ">"
        return " " * len(token)

    return _LEXEMES.sub(repl, text)


def query_form(sparql: str) -> str | None:
    """'select', 'ask', 'construct' or 'describe' from the first query keyword; None if there is none."""
    m = _FORM.search(blank_lexemes(sparql))
    return m.group(1).lower() if m else None


def is_update(sparql: str) -> bool:
    """True when the text starts (after its prologue) with an update operation rather than a query form."""
    code = blank_lexemes(sparql)
    form, op = _FORM.search(code), _UPDATE_OPS.search(code)
    return op is not None and (form is None or op.start() < form.start())


def uses_service(sparql: str) -> bool:
    """True when the text contains a SERVICE clause (a federated query fetching another endpoint)."""
    return _SERVICE.search(blank_lexemes(sparql)) is not None


_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
_GRAPH_REF = re.compile(
    r"(?<![?$\w:])(GRAPH|WITH|USING\s+NAMED|USING|INTO|FROM\s+NAMED|FROM)\s+"
    r"(<[^>]*>|[?$]\w+|[A-Za-z][\w.-]*:[\w.-]*|:[\w.-]*)",
    re.I,
)
_WHOLE_STORE = re.compile(
    r"(?<![?$\w:])(DROP|CLEAR)\s+(SILENT\s+)?(ALL|NAMED|DEFAULT)\b"
    r"|(?<![?$\w:])(LOAD|COPY|MOVE|ADD)\b",
    re.I,
)


class UpdateScopeError(ValueError):
    """An update whose target graphs cannot be told from its text."""


def update_graphs(update: str) -> set[str]:
    """IRIs of the named graphs an update reads or writes, given by IRI or prefixed name.

    Refuses (``UpdateScopeError``) what would reach beyond named graphs: a graph
    variable, ``LOAD`` (a server-side fetch), ``COPY/MOVE/ADD``, ``DROP/CLEAR ALL|NAMED|DEFAULT``.
    """
    code = blank_lexemes(update, keep_iris=True)
    whole = _WHOLE_STORE.search(code)
    if whole:
        what = " ".join(whole.group(0).upper().split())
        raise UpdateScopeError(f"{what} is not accepted: name each graph the update touches by its IRI")
    prefixes = {(m.group(1) or ""): m.group(2) for m in _PREFIX_DECL.finditer(code)}
    graphs = set()
    for m in _GRAPH_REF.finditer(code):
        ref = m.group(2)
        if ref[0] in "?$":
            raise UpdateScopeError(f"{m.group(1).upper()} {ref}: updates must name their graphs by IRI, not by a variable")
        if ref.startswith("<"):
            graphs.add(ref[1:-1])
        else:
            prefix, local = ref.split(":", 1)
            if prefix not in prefixes:
                raise UpdateScopeError(f"unknown prefix {prefix!r} in {ref}")
            graphs.add(prefixes[prefix] + local)
    return graphs


# ---------------------------------------------------------------- terms written into SPARQL text

_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
_IRI = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\s]*>")


class QueryError(ValueError):
    """A named query is missing, malformed, or called with wrong parameters (``bind`` and ``kg.analysis.queries``)."""


def string_literal(text: str) -> str:
    """A plain string literal as N-Triples (and SPARQL) write it, for code that writes RDF as text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def strip_comments(sparql: str) -> str:
    return "\n".join("" if line.lstrip().startswith("#") else line for line in sparql.splitlines())


def bind(sparql: str, values: dict[str, Node | str | None]) -> str:
    """Bind variables to terms with a VALUES block at the start of the top-level WHERE group."""
    given = {k: as_term(v) for k, v in values.items() if v not in (None, "")}
    if not given:
        return sparql
    for name in given:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"invalid parameter name {name!r}")
    body = strip_comments(sparql)
    m = _WHERE.search(body)
    brace = m.end() - 1 if m else body.find("{")
    if brace < 0:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    names = " ".join(f"?{k}" for k in given)
    terms = " ".join(term.n3() for term in given.values())
    return f"{body[:brace + 1]} VALUES ({names}) {{ ({terms}) }} {body[brace + 1:]}"


def as_term(value: Node | str) -> Node:
    """A parameter's term: an IRI when written in angle brackets (``<https://…>``), else a literal."""
    if isinstance(value, Node):
        return value
    if _IRI.fullmatch(value):
        return URIRef(value[1:-1])
    return Literal(value)
