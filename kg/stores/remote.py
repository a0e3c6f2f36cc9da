"""A remote SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB, Oxigraph server, `kg serve`).

Same interface as ``kg.stores.oxigraph.OxigraphStore``; queries go out as SPARQL 1.1 Query,
writes as SPARQL 1.1 Update through SPARQLWrapper. Each article is written as its
own named graph in one update request, so a store that runs each request in a
transaction (all four above do) keeps every article whole.

Credentials: ``https://user:password@host/sparql`` (HTTP digest or basic, as the
server asks), or ``$KG_STORE_USER`` / ``$KG_STORE_PASSWORD``; a bearer token (for
`kg serve --allow-update`) from ``$KG_STORE_TOKEN``. Updates go to the query URL
unless ``$KG_STORE_UPDATE_URL`` says otherwise; a URL ending in ``/query``
(Oxigraph server, Fuseki) sends its updates to ``/update`` next to it.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Iterator
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from SPARQLWrapper import DIGEST, BASIC, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (EndPointInternalError, EndPointNotFound, QueryBadFormed,
                                            SPARQLWrapperException, Unauthorized)

from kg.namespaces import BASE
from kg.stores.base import QueryResult, StoreError, prefix_header, quads
from kg.stores.sparqlparse import SparqlSyntaxError, read_query
from kg.stores.sparqlterms import with_values

DEFAULT_TIMEOUT = 300  # seconds; a whole-corpus query on a busy server may take a while


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """(url without user:password@, user, password)."""
    parts = urlsplit(url)
    if parts.username is None:
        return url, None, None
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return (urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)),
            unquote(parts.username), unquote(parts.password or ""))


def default_update_url(query_url: str) -> str:
    parts = urlsplit(query_url)
    if parts.path.endswith("/query"):
        return urlunsplit(parts._replace(path=parts.path[: -len("query")] + "update"))
    return query_url


def term_from_json(binding: dict | None):
    """An rdflib term from one SPARQL 1.1 JSON results binding (also Virtuoso's 'typed-literal')."""
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    lang = binding.get("xml:lang")
    datatype = binding.get("datatype")
    if lang:
        return Literal(value, lang=lang)
    if datatype and datatype != str(XSD.string):
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


def _form(sparql: str) -> str:
    """The query form, to pick the answer format (the server decides what the query may do).
    Parsing costs up to a second on kg's longest queries, so text that cannot be a graph query
    is taken for a SELECT unparsed; so is text the SPARQL 1.1 parser cannot read (SPARQL 1.2
    LATERAL). A wrong guess only costs the server's 406."""
    if not any(word in sparql.upper() for word in ("CONSTRUCT", "DESCRIBE")):
        return "select"
    try:
        return read_query(sparql).form
    except SparqlSyntaxError:
        return "select"


class RemoteStore:
    """A SPARQL 1.1 Query + Update endpoint used as a kg store."""

    remote = True

    def __init__(self, url: str, token: str | None = None, update_url: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT):
        self.url, user, password = split_credentials(url)
        self.user = user if user is not None else os.environ.get("KG_STORE_USER")
        self.password = password if password is not None else os.environ.get("KG_STORE_PASSWORD")
        self.token = token or os.environ.get("KG_STORE_TOKEN")
        update = update_url or os.environ.get("KG_STORE_UPDATE_URL")
        self.update_url = split_credentials(update)[0] if update else default_update_url(self.url)
        self.timeout = timeout

    @property
    def location(self) -> str:
        return self.url  # never the credentials

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def close(self) -> None:
        pass

    def flush(self) -> None:
        pass  # every update request is committed by the server when it answers

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- HTTP
    def _client(self, url: str) -> SPARQLWrapper:
        client = SPARQLWrapper(url, agent="kg (https://w3id.org/kg-claims/)")
        client.setMethod(POST)  # queries and article graphs are too long for a URL
        client.setTimeout(self.timeout)
        if self.user is not None:
            # Digest when the server asks for it (Virtuoso's /sparql-auth), else basic.
            client.setHTTPAuth(DIGEST if self._wants_digest(url) else BASIC)
            client.setCredentials(self.user, self.password or "")
        if self.token:
            client.addCustomHttpHeader("Authorization", f"Bearer {self.token}")
        return client

    _probed: dict[str, tuple[int, dict[str, str]]] = {}  # url -> (status, headers) of one GET, once per process

    def _probe(self, url: str) -> tuple[int, dict[str, str]]:
        """The status and headers of a plain GET of the URL, asked once: which scheme the server challenges
        with, and what server it says it is. (0, {}) when it cannot be reached (the query then says why)."""
        if url not in self._probed:
            status, headers = 0, {}
            try:
                with urllib.request.urlopen(urllib.request.Request(url, method="GET"), timeout=self.timeout) as resp:
                    status, headers = resp.status, dict(resp.headers.items())
            except urllib.error.HTTPError as exc:
                status, headers = exc.code, dict(exc.headers.items()) if exc.headers else {}
            except (OSError, ValueError):
                pass
            self._probed[url] = (status, {k.lower(): v for k, v in headers.items()})
        return self._probed[url]

    def _wants_digest(self, url: str) -> bool:
        status, headers = self._probe(url)
        return status == 401 and "digest" in headers.get("www-authenticate", "").lower()

    @property
    def dialect(self) -> str | None:
        """The SPARQL dialect of the server where kg's named queries need a form of their own there:
        "virtuoso" for a server that names itself Virtuoso (its ``Server`` header), which lacks SPARQL 1.2
        LATERAL; None for the others. kg.analysis.queries then reads queries/virtuoso/NAME.rq for NAME."""
        server = self._probe(self.url)[1].get("server", "")
        return "virtuoso" if server.lower().startswith("virtuoso") else None

    def _send(self, client: SPARQLWrapper):
        # SPARQLWrapper installs a process-wide urllib opener when given credentials; put the
        # previous one back so that other HTTP clients in the process (and other stores) are unaffected.
        saved = urllib.request._opener
        try:
            return self._send_unguarded(client)
        finally:
            urllib.request.install_opener(saved)

    def _send_unguarded(self, client: SPARQLWrapper):
        where = self.url
        try:
            return client.query()
        except QueryBadFormed as exc:
            raise ValueError(f"invalid SPARQL (according to {where}): {_server_message(exc)}") from exc
        except Unauthorized as exc:
            raise StoreError(f"{where}: not authorised (give user:password@ in the URL, "
                             f"$KG_STORE_USER/$KG_STORE_PASSWORD or $KG_STORE_TOKEN)") from exc
        except EndPointNotFound as exc:
            raise StoreError(f"{where}: no SPARQL endpoint at this URL") from exc
        except EndPointInternalError as exc:
            raise StoreError(f"{where}: server error: {_server_message(exc)}") from exc
        except SPARQLWrapperException as exc:
            raise StoreError(f"{where}: {_server_message(exc)}") from exc
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            if exc.code in (401, 403):
                raise StoreError(f"{where}: not authorised ({exc.code}): {detail}") from exc
            raise StoreError(f"{where}: HTTP {exc.code}: {detail}") from exc
        except ValueError as exc:  # urllib's auth handlers on a challenge they cannot answer (Bearer)
            raise StoreError(f"{where}: not authorised: {exc}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{where}: cannot reach the SPARQL endpoint: {reason}") from exc

    # -- reading
    def query(self, sparql: str, bindings=None, timeout: float | None = None, user_query: bool = False) -> QueryResult:
        """``user_query`` changes nothing here: the server reads FROM / FROM NAMED itself."""
        if bindings:
            sparql = with_values(sparql, {k: v for k, v in bindings.items() if v is not None})
        client = self._client(self.url)
        if timeout:
            client.setTimeout(timeout)
        client.setQuery(sparql)
        graph = _form(sparql) in ("construct", "describe")
        client.setReturnFormat(TURTLE if graph else JSON)
        response = self._send(client)
        body = response.response.read()
        if graph:
            g = Graph()
            content_type = response.response.headers.get("Content-Type", "text/turtle").split(";")[0].strip()
            fmt = {"application/n-triples": "nt", "text/plain": "nt", "application/rdf+xml": "xml",
                   "application/ld+json": "json-ld"}.get(content_type, "turtle")
            try:
                g.parse(data=body, format=fmt)
            except Exception as exc:  # noqa: BLE001 - any parser failure means a bad answer
                raise StoreError(f"{self.url}: unreadable graph in the answer: {exc}") from exc
            return QueryResult("graph", triples=list(g))
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise StoreError(f"{self.url}: the answer is not SPARQL JSON results") from exc
        capped = data.get("kg") or {}
        if capped.get("truncated"):  # kg serve's row cap: never use a cut answer as if it were whole
            raise StoreError(f"{self.url}: the server cut the answer at {capped.get('maxRows')} rows (its row cap); "
                             "ask with LIMIT/OFFSET, or give the server's token ($KG_STORE_TOKEN) for whole answers")
        if "boolean" in data:
            return QueryResult("ask", boolean=bool(data["boolean"]))
        variables = list(data.get("head", {}).get("vars", []))
        rows = [[term_from_json(b.get(v)) for v in variables] for b in data.get("results", {}).get("bindings", [])]
        return QueryResult("select", variables, rows)

    def rows(self, sparql: str, with_names: bool = False) -> Iterator[tuple[str | None, ...]]:
        """A SELECT's rows as plain strings (None when unbound), like OxigraphStore.rows."""
        result = self.query(sparql)
        if with_names:
            yield tuple(result.variables)
        for row in result.rows:
            yield tuple(None if term is None else str(term) for term in row)

    def has_graph(self, name: URIRef) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}").boolean)

    def article_graphs(self) -> list[URIRef]:
        res = self.query(prefix_header() + "SELECT ?a WHERE { GRAPH ?a { ?a a kg:Article } }")
        return [row[0] for row in res.rows]

    def triple_count(self) -> int:
        """Triples in kg's own graphs (a shared server has graphs of its own, Virtuoso's system graphs)."""
        res = self.query(f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                         f'FILTER(STRSTARTS(STR(?g), "{BASE}")) }}')
        return int(res.rows[0][0]) if res.rows and res.rows[0][0] is not None else 0

    def graph(self, name: URIRef) -> Graph:
        res = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        g = Graph()
        for triple in res.triples:
            g.add(triple)
        return g

    def graph_quads(self, name: URIRef) -> Iterator:
        """A graph's quads as Oxigraph terms (kg.stores.base.quads), as the embedded store gives them."""
        return quads(self.graph(name), name)

    # -- writing
    def update(self, sparql: str) -> None:
        client = self._client(self.update_url)
        client.setQuery(sparql)
        self._send(client)

    def add_graph(self, name: URIRef, graph: Graph) -> None:
        """One article: all its triples in one update request."""
        if len(graph):
            self.update(_insert(name, graph))

    def add_ntriples(self, name: URIRef, text: str, atomic: bool = True) -> None:
        """N-Triples (no blank nodes) into a graph, in one update request (atomic either way)."""
        if text.strip():
            self.update(f"INSERT DATA {{ GRAPH <{name}> {{\n{text}\n}} }}")

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """One update request (the old graph or the new, never half), except for a graph too large for one
        Virtuoso request (more than _INSERT_CHUNK triples, no blank nodes: the reference data), written in
        several."""
        drop = f"DROP SILENT GRAPH <{name}>"
        if len(graph) > _INSERT_CHUNK and not any(isinstance(t, BNode) for triple in graph for t in triple):
            first, *rest = _insert_chunks(name, graph)
            self.update(f"{drop} ;\n{first}")
            for statement in rest:
                self.update(statement)
            return
        self.update(f"{drop} ;\n{_insert(name, graph)}" if len(graph) else drop)

    def replace_ntriples(self, name: URIRef, text: str) -> None:
        """N-Triples (no blank nodes) in place of a graph's content, in one update request."""
        self.update(f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{text}\n}} }}")

    def remove_graph(self, name: URIRef) -> bool:
        if not self.has_graph(name):
            return False
        self.update(f"DROP SILENT GRAPH <{name}>")
        return True


class ServedStore(RemoteStore):
    """The `kg serve` that holds a store folder (``kg.stores.discovery``), with its writer token: a
    remote store that also takes whole graphs as N-Quads, several per request (the Graph Store's POST
    of a dataset, ``kg.server.updates.Updater.add_nquads``). `kg load` then writes its batches as the
    embedded store's bulk path does (``add_graphs_nquads``), one request for hundreds of articles,
    where an update per article cost the server a parse of its text (0.5 s an article)."""

    dialect = None  # kg's own server: the embedded store's SPARQL

    def __init__(self, url: str, token: str):
        super().__init__(url, token=token)
        base = self.url.rsplit("/", 1)[0] if self.url.endswith("/sparql") else self.url.rstrip("/")
        self.graph_store_url = base + "/graph-store"

    def add_nquads(self, name: URIRef, data: bytes) -> None:
        """One graph given as N-Quads, stored whole or not at all."""
        self._post(data)

    def add_graphs_nquads(self, graphs: list[tuple[URIRef, bytes]]) -> None:
        """Several graphs given as N-Quads in one request: all stored, or none (one transaction)."""
        self._post(b"".join(data for _, data in graphs))

    def add_ntriples(self, name: URIRef, text: str, atomic: bool = True) -> None:
        """N-Triples added to a graph (the findings), in one request: read as data, not as update text."""
        if text.strip():
            self._post(text.encode(), graph=name)

    def _post(self, data: bytes, graph: URIRef | None = None) -> None:
        url, media = self.graph_store_url, "application/n-quads"
        if graph is not None:
            url, media = f"{url}?{urlencode({'graph': str(graph)})}", "application/n-triples"
        request = urllib.request.Request(url, data=data, method="POST",
                                         headers={"Content-Type": media, "Authorization": f"Bearer {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read().decode("utf-8", "replace").split())[:500]
            raise StoreError(f"{self.url}: HTTP {exc.code}: {detail}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{self.url}: cannot reach the SPARQL endpoint: {reason}") from exc


def _ntriples(graph: Graph) -> str:
    """N-Triples lines, which are valid SPARQL triples."""
    return graph.serialize(format="nt")


# triples per request: Virtuoso compiles a request to one SQL code vector and refuses one over 32 KB or
# 10,000 lines (the reference data, ~3,000 triples, passed that limit as one INSERT DATA)
_INSERT_CHUNK = 1000


def _insert(name: URIRef, graph: Graph) -> str:
    """INSERT DATA, or INSERT … WHERE {} when the graph has blank nodes (the ontology's OWL lists):
    Virtuoso refuses blank nodes in INSERT DATA ("not allowed in a constant clause")."""
    body = _ntriples(graph)
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        return f"INSERT {{ GRAPH <{name}> {{\n{body}}} }} WHERE {{}}"
    return f"INSERT DATA {{ GRAPH <{name}> {{\n{body}}} }}"


def _insert_chunks(name: URIRef, graph: Graph) -> list[str]:
    """INSERT DATA statements of at most _INSERT_CHUNK triples each, for a graph without blank nodes too
    large for one request; the reference graphs' content hash comes last, so that a sync cut short is
    redone (kg.stores.base.sync_reference)."""
    lines = sorted(_ntriples(graph).splitlines(keepends=True), key=lambda line: "contentHash" in line)
    return [f"INSERT DATA {{ GRAPH <{name}> {{\n{''.join(lines[i:i + _INSERT_CHUNK])}}} }}"
            for i in range(0, len(lines), _INSERT_CHUNK)]


def _server_message(exc: Exception) -> str:
    text = str(exc).strip()
    # SPARQLWrapper prefixes its own class description; keep the server's words.
    marker = "Response:\n"
    if marker in text:
        text = text.split(marker, 1)[1].strip()
        if text.startswith("b'") or text.startswith('b"'):
            try:
                import ast

                text = ast.literal_eval(text).decode("utf-8", "replace")
            except (ValueError, SyntaxError):
                pass
    return " ".join(text.split())[:500]
