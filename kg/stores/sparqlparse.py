"""What a SPARQL query or update asks for, read from its parse (rdflib's SPARQL 1.1 parser and algebra).

A parser handles what patterns over the text cannot: ``\\u`` escapes, comments, ``#`` inside
IRIs, keywords in strings. The checks fail closed: text that this parser cannot read is not
judged harmless, whatever another engine would make of it. Known gap: SPARQL 1.2 ``LATERAL``
is not SPARQL 1.1, so ad-hoc queries using it are refused where a check is required.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.term import URIRef, Variable

_ONE_LINE = 300  # characters of a parser message kept in an error line


class SparqlSyntaxError(ValueError):
    """Text that does not parse as the expected kind of SPARQL request."""


class SparqlNestingError(SparqlSyntaxError):
    """Groups nested deeper than the parser can follow."""


class NotAQuery(SparqlSyntaxError):
    """An update given where a query was expected."""


class SparqlRefused(ValueError):
    """A request that parses but asks for something this caller does not allow."""


@dataclass(frozen=True)
class QueryFacts:
    form: str  # "select" | "ask" | "construct" | "describe"
    services: tuple[str, ...] = ()  # the endpoint of each SERVICE clause (``?var`` when a variable)
    default_graphs: tuple[str, ...] = ()  # FROM
    named_graphs: tuple[str, ...] = ()  # FROM NAMED

    @property
    def has_dataset(self) -> bool:
        """True when the query says which graphs it reads (FROM / FROM NAMED)."""
        return bool(self.default_graphs or self.named_graphs)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= _ONE_LINE else text[:_ONE_LINE] + "…"


def _parse(text: str, parse, translate, what: str):
    try:
        return translate(parse(text))
    except RecursionError:  # rdflib's recursive parser on deeply nested groups; Oxigraph's would crash the process
        raise SparqlNestingError(f"invalid SPARQL {what}: nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - pyparsing and rdflib's translation raise many kinds
        raise SparqlSyntaxError(f"invalid SPARQL {what}: {_one_line(exc)}") from None


def _nodes(tree):
    """Every algebra node (rdflib CompValue) in a parsed request, however deep: subqueries,
    EXISTS and NOT EXISTS inside filters, OPTIONAL, MINUS, UNION, GRAPH and update WHERE clauses."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if hasattr(node, "name"):
                yield node
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set)):
            stack.extend(node)


def _field(node, key: str):
    """A field of an algebra node, None when absent (rdflib's ``CompValue.get`` returns the key itself)."""
    return dict.get(node, key) if isinstance(node, dict) else None


def _term_text(term) -> str:
    return f"?{term}" if isinstance(term, Variable) else str(term)


def _services(tree) -> tuple[str, ...]:
    return tuple(_term_text(_field(n, "term")) for n in _nodes(tree) if n.name == "ServiceGraphPattern")


def read_query(text: str) -> QueryFacts:
    """The form, SERVICE endpoints and dataset (FROM, FROM NAMED) of a query.

    Raises ``SparqlSyntaxError`` for text that is not a SPARQL 1.1 query (an update says so)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        query = _parse(text, parseQuery, translateQuery, "query")
    except SparqlSyntaxError:
        if _is_update(text):
            raise NotAQuery("this is a SPARQL update, not a query") from None
        raise
    algebra = query.algebra
    form = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
            "DescribeQuery": "describe"}[algebra.name]
    dataset = _field(algebra, "datasetClause") or []
    graphs = {kind: tuple(str(_field(d, kind)) for d in dataset if _field(d, kind) is not None)
              for kind in ("default", "named")}
    return QueryFacts(form, _services(algebra), graphs["default"], graphs["named"])


def _is_update(text: str) -> bool:
    try:
        _parse_update(text)
    except SparqlSyntaxError:
        return False
    return True


def _parse_update(text: str):
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    return _parse(text, parseUpdate, translateUpdate, "update")


def refuse_service(facts: QueryFacts) -> None:
    """``SparqlRefused`` when the query would make the engine fetch another endpoint."""
    if facts.services:
        raise SparqlRefused(f"SERVICE <{facts.services[0]}> (a federated query) is not allowed here: "
                            "it would make the server fetch another URL")


@dataclass(frozen=True)
class CheckedUpdate:
    """An update that touches only the named graphs it names, with its parse (run this, not the text)."""

    parsed: object  # rdflib.plugins.sparql.sparql.Update
    graphs: frozenset[str]


# Update operations that reach beyond the graphs an update names, and why they are refused.
_BEYOND_NAMED_GRAPHS = {
    "Load": "LOAD (it would make the server read a URL or a local file)",
    "Add": "ADD", "Move": "MOVE", "Copy": "COPY",
}


def check_update(text: str) -> CheckedUpdate:
    """The named graphs an update reads or writes, from its parse.

    Refuses (``SparqlRefused``) what would reach beyond named graphs given by IRI: ``LOAD`` (a
    server-side fetch), ``SERVICE``, ``ADD/MOVE/COPY``, ``DROP/CLEAR ALL|NAMED|DEFAULT``, a graph
    variable (``GRAPH ?g``), ``WITH``/``USING`` a variable."""
    update = _parse_update(text)
    services = _services(update.algebra)
    if services:
        raise SparqlRefused(f"SERVICE <{services[0]}> is not accepted in updates")
    graphs: set[str] = set()
    for op in update.algebra:
        if op.name in _BEYOND_NAMED_GRAPHS:
            raise SparqlRefused(f"{_BEYOND_NAMED_GRAPHS[op.name]} is not accepted: "
                                "name each graph the update touches by its IRI")
        target = _field(op, "graphiri")
        if isinstance(target, str) and not isinstance(target, URIRef):  # ALL, NAMED, DEFAULT
            raise SparqlRefused(f"{op.name.upper()} {target} is not accepted: "
                                "name each graph the update touches by its IRI")
        for term in _graph_terms(op):
            if not isinstance(term, URIRef):
                raise SparqlRefused(f"GRAPH {_term_text(term)}: updates must name their graphs by IRI, "
                                    "not by a variable")
            graphs.add(str(term))
    return CheckedUpdate(update, frozenset(graphs))


def _graph_terms(op):
    """The graph of each GRAPH, WITH, USING, INTO and quad block in one update operation."""
    if isinstance(_field(op, "graphiri"), URIRef):
        yield _field(op, "graphiri")
    if _field(op, "withClause") is not None:
        yield op["withClause"]
    for using in _field(op, "using") or []:
        yield _field(using, "default") if _field(using, "default") is not None else _field(using, "named")
    for block in (op, _field(op, "delete"), _field(op, "insert")):
        if block is not None and _field(block, "quads"):
            yield from _field(block, "quads").keys()
    for node in _nodes(_field(op, "where")):
        if node.name in ("Graph", "GraphGraphPattern"):
            yield _field(node, "term")
