"""Serialise pyoxigraph results in the SPARQL 1.1 result formats and RDF syntaxes, with a row cap.

Select results are written here (not by pyoxigraph) so that the cap can cut the
stream at ``max_rows`` and say so inside the document where the format has room
for it (a JSON field, an XML or Turtle comment); the HTTP layer adds a header too.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.output import spreadsheet_safe

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
DATASET_TYPES = {  # every graph, each quad naming its own
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
WITH_PREFIXES = (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML, ox.RdfFormat.TRIG)
WITH_COMMENTS = (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)


@dataclass
class Serialised:
    body: bytes
    media_type: str
    kind: str  # select | ask | graph
    count: int = 0
    truncated: bool = False
    info: dict = field(default_factory=dict)


def truncation_note(max_rows: int) -> str:
    return (f"result truncated to the first {max_rows} rows by the server's row cap "
            f"(kg serve --max-rows); add LIMIT/OFFSET to page through the rest")


# ---------------------------------------------------------------- select / ask

def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # RDF-star triples: rare, kept readable


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _tsv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and spreadsheet_safe(term.value) != term.value:
        # A spreadsheet takes the quotes off "=cmd…" and runs what is left: the ' goes inside them.
        safe = spreadsheet_safe(term.value)
        term = ox.Literal(safe, language=term.language) if term.language else ox.Literal(safe, datatype=term.datatype)
    text = str(term)  # pyoxigraph's str() is the N-Triples/Turtle form
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def serialise_solutions(solutions, fmt: str, max_rows: int) -> Serialised:
    variables = [v.value for v in solutions.variables]
    rows, truncated = [], False
    for solution in solutions:
        if len(rows) >= max_rows:
            truncated = True
            break
        rows.append([solution[v] for v in variables])
    media = next(m for m, f in RESULT_TYPES.items() if f == fmt)
    if fmt == "json":
        doc = {"head": {"vars": variables},
               "results": {"bindings": [{v: _json_term(t) for v, t in zip(variables, row) if t is not None}
                                        for row in rows]}}
        if truncated:
            doc["kg"] = {"truncated": True, "maxRows": max_rows, "message": truncation_note(max_rows)}
        body = json.dumps(doc, ensure_ascii=False).encode()
    elif fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head>\n")
        if truncated:
            out.append(f"<!-- {escape(truncation_note(max_rows))} -->\n")
        out.append("<results>\n")
        for row in rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in zip(variables, row) if t is not None]
            out.append("</result>\n")
        out.append("</results>\n</sparql>\n")
        body = "".join(out).encode()
    else:
        buf = io.StringIO()
        if fmt == "csv":
            writer = csv.writer(buf, lineterminator="\r\n")
            writer.writerow(variables)
            writer.writerows([spreadsheet_safe(_csv_value(t)) for t in row] for row in rows)
        else:
            buf.write("\t".join("?" + v for v in variables) + "\n")
            for row in rows:
                buf.write("\t".join(_tsv_value(t) for t in row) + "\n")
        body = buf.getvalue().encode()
    return Serialised(body, media, "select", len(rows), truncated)


def serialise_boolean(value: bool, fmt: str) -> Serialised:
    media = next(m for m, f in RESULT_TYPES.items() if f == fmt)
    if fmt == "json":
        body = json.dumps({"head": {}, "boolean": value}).encode()
    elif fmt == "xml":
        body = ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    else:
        body = b"true\n" if value else b"false\n"
    return Serialised(body, media, "ask", 1)


# ---------------------------------------------------------------- graphs

def serialise_rdf(statements, media_type: str, max_rows: int, prefixes: dict | None = None) -> Serialised:
    """Triples in a ``GRAPH_TYPES`` syntax, or quads in a ``DATASET_TYPES`` one, cut at ``max_rows``."""
    kept, truncated = [], False
    for statement in statements:
        if len(kept) >= max_rows:
            truncated = True
            break
        kept.append(statement)
    fmt = {**GRAPH_TYPES, **DATASET_TYPES}[media_type]
    kwargs = {"prefixes": prefixes} if prefixes and fmt in WITH_PREFIXES else {}
    body = ox.serialize(kept, format=fmt, **kwargs) or b""
    if truncated:
        note = truncation_note(max_rows).replace("rows", "triples")
        if fmt in WITH_COMMENTS:
            body = f"# {note}\n".encode() + body
        elif fmt == ox.RdfFormat.RDF_XML:
            head, sep, rest = body.partition(b"?>")
            body = head + sep + f"\n<!-- {note} -->".encode() + rest if sep else body
    return Serialised(body, media_type, "graph", len(kept), truncated)
