"""The HTTP side of `kg serve`: SPARQL 1.1 Protocol, Graph Store GET, named queries, the query workbench.

Routes::

    GET|POST /sparql          query (GET ?query=, POST form, POST application/sparql-query),
                              update (POST form update=, POST application/sparql-update; token needed),
                              the Service Description when GET carries no query
    GET /graph-store?graph=I  one graph (SPARQL 1.1 Graph Store Protocol, read side); ?default the
                              default graph (the union); neither: the whole dataset (N-Quads, TriG)
    GET /queries              the named queries (JSON)
    GET /queries/NAME?p=v     run a named query, parameters bound as literals
    GET /prefixes             the prefixes kg's queries and outputs use (JSON)
    GET /health               liveness and store generation
    GET /                     the query workbench: YASGUI, vendored in kg/server/static/yasgui, no network
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hmac
import logging
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.namespaces import PREFIXES
from kg.server.negotiation import DATASET, GRAPH, NotAcceptable, negotiate, same_format
from kg.server.results import GRAPH_TYPES, RESULT_TYPES, serialise_rdf
from kg.server.snapshots import Snapshots
from kg.server.updates import Updater, UpdateRejected
from kg.server.workers import (Job, NotAQuery, QueryOutOfMemory, QueryRefused, QuerySyntaxError, QueryTimeout,
                               ResultNotAcceptable, ServerBusy, WorkerFailed, WorkerPool)

log = logging.getLogger("kg.serve")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
STATIC_DIR = Path(__file__).resolve().parent / "static"
# The workbench's files, by name: a lookup table, so no request path ever reaches the file system.
# yasgui/ is the vendored @zazuko/yasgui build (its README says which and why).
STATIC_FILES = {"index.html": "text/html; charset=utf-8",
                "workbench.js": "text/javascript; charset=utf-8",
                "workbench.css": "text/css; charset=utf-8",
                "yasgui/yasgui.min.js": "text/javascript; charset=utf-8",
                "yasgui/yasgui.min.css": "text/css; charset=utf-8",
                "yasgui/LICENSE": "text/plain; charset=utf-8",
                "yasgui/THIRD-PARTY-LICENSES.txt": "text/plain; charset=utf-8"}
# Scripts only from this server. Styles may be inline: YASGUI's table sets style attributes and adds
# <style> elements (column widths); a style cannot run code.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
               "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
UNCAPPED = 10**12
EXPOSED = ["X-KG-Rows", "X-KG-Row-Cap", "X-KG-Truncated", "X-KG-Generation"]


@dataclass
class ServeConfig:
    store: Path
    timeout: float | None = 30.0
    max_rows: int = 10_000
    allow_update: bool = False
    token: str | None = None
    allow_service: bool = False
    workers: int = 3
    # MiB of heap per query worker (None: no limit). A worker takes 100-300 MiB for the named queries
    # on a 10,000-claim store; a sort over a cross join of the seed store reaches 4 GiB in 20 s.
    worker_memory: int | None = 1024
    max_query_length: int = 100_000  # characters
    max_body: int = 1_000_000  # bytes, for anyone
    max_update_body: int = 64_000_000  # bytes, once the token checked out
    local_token: str | None = None  # from the discovery file (kg.stores.discovery)
    public_url: str = ""

    def token_ok(self, given: str | None) -> bool:
        if not given:
            return False
        tokens = [t for t in ((self.token if self.allow_update else None), self.local_token) if t]
        return any(hmac.compare_digest(given.encode(), t.encode()) for t in tokens)


class HTTPProblem(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


@dataclass
class ServerState:
    config: ServeConfig
    store: ox.Store = field(init=False)
    snapshots: Snapshots = field(init=False)
    pool: WorkerPool = field(init=False)
    updater: Updater = field(init=False)

    def open(self) -> None:
        from kg.vocab import vocabulary

        self.store = ox.Store(str(self.config.store))
        self.snapshots = Snapshots(self.store, self.config.store)
        self.pool = WorkerPool(self.config.workers, self.config.timeout, allow_network=self.config.allow_service,
                               memory_mib=self.config.worker_memory)
        self.updater = Updater(self.store, vocabulary)

    def close(self) -> None:
        self.pool.close()
        self.snapshots.close()
        self.store.flush()
        self.store = None


# ---------------------------------------------------------------- helpers

def problem(status: int, message: str, headers: dict | None = None) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


def bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPProblem(413, f"request body larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPProblem(413, f"request body larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def multi(pairs) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out


def one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise HTTPProblem(400, f"give {name} once")
    return values[0]


def one_format(params: dict[str, list[str]]) -> str | None:
    """The ``?format=`` value; repeats that name the same format count once (SPARQLWrapper sends
    ``format=json-ld&format=application/ld+json,application/x-json+ld``), different ones are a 400."""
    values = params.get("format") or []
    if not same_format(values):
        raise HTTPProblem(400, f"give format once: {', '.join(values)[:200]} name different formats")
    return values[0] if values else None


def negotiated(request: Request, offer, format_name: str | None) -> str:
    try:
        return negotiate(request.headers.get("accept"), offer, format_name)
    except NotAcceptable as exc:
        raise HTTPProblem(406, str(exc)) from exc


def result_headers(out, max_rows: int, generation: int) -> dict:
    cap = "none" if max_rows >= UNCAPPED else str(max_rows)
    headers = {"X-KG-Rows": str(out.count), "X-KG-Row-Cap": cap, "X-KG-Generation": str(generation)}
    if out.truncated:
        headers["X-KG-Truncated"] = f"true; first {max_rows} rows of more"
        headers["Warning"] = f'199 kg "result truncated to {max_rows} rows by the row cap"'
    return headers


# ---------------------------------------------------------------- query execution

async def run_query(state: ServerState, request: Request, sparql: str, params: dict[str, list[str]],
                    vetted: bool = False) -> Response:
    """Run a query in a worker, which parses it first (SERVICE, FROM) unless it is ``vetted``, the
    server's own text (a named query)."""
    cfg = state.config
    if len(sparql) > cfg.max_query_length:
        raise HTTPProblem(413, f"query longer than {cfg.max_query_length} characters")
    for name in ("default-graph-uri", "named-graph-uri"):
        for iri in params.get(name, []):
            try:
                ox.NamedNode(iri)
            except ValueError:
                raise HTTPProblem(400, f"{name}: not an IRI: {iri[:200]!r}") from None
    # Token holders (kg's own commands on a served folder, update clients) get whole answers.
    max_rows = UNCAPPED if cfg.token_ok(bearer(request)) else cfg.max_rows
    job = Job(snapshot="", query=sparql, accept=request.headers.get("accept"), format=one_format(params),
              max_rows=max_rows, allow_service=cfg.allow_service, vetted=vetted,
              default_graphs=params.get("default-graph-uri", []), named_graphs=params.get("named-graph-uri", []),
              prefixes=PREFIXES)
    out = await run_in_threadpool(_execute, state, job)
    headers = result_headers(out, max_rows, state.snapshots.generation)
    content_type = out.media_type + ("; charset=utf-8" if not out.media_type.endswith("xml") else "")
    return Response(out.body, status_code=200, headers=headers, media_type=content_type)


def _execute(state: ServerState, job: Job):
    snapshot = state.snapshots.acquire()
    try:
        job.snapshot = snapshot
        return state.pool.run(job)
    except NotAQuery as exc:
        raise HTTPProblem(400, "this is a SPARQL update: POST it as update=… or application/sparql-update") from exc
    except QuerySyntaxError as exc:
        raise HTTPProblem(400, str(exc)) from exc
    except QueryRefused as exc:
        raise HTTPProblem(403, f"{exc}; SERVICE is disabled on this endpoint "
                               "(start kg serve with --allow-service to permit it)") from exc
    except ResultNotAcceptable as exc:
        raise HTTPProblem(406, str(exc)) from exc
    except QueryTimeout as exc:
        raise HTTPProblem(503, f"query stopped: it ran longer than this server's {state.config.timeout:g} s "
                               f"limit (kg serve --timeout)") from exc
    except QueryOutOfMemory as exc:
        raise HTTPProblem(503, f"query stopped: it needed more than this server's {state.config.worker_memory} MiB "
                               "of memory per query (kg serve --worker-memory)") from exc
    except ServerBusy as exc:
        raise HTTPProblem(503, "all query workers are busy; try again shortly", {"Retry-After": "5"}) from exc
    except WorkerFailed as exc:
        log.error("query failed: %s", exc)
        raise HTTPProblem(500, "the query failed on the server") from exc
    finally:
        state.snapshots.release(snapshot)


# ---------------------------------------------------------------- endpoints

def make_app(state: ServerState, on_shutdown=None) -> Starlette:
    """The ASGI app; ``on_shutdown`` runs when uvicorn stops it (SIGINT or SIGTERM)."""
    cfg = state.config

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        if on_shutdown is not None:
            on_shutdown()

    async def sparql_endpoint(request: Request) -> Response:
        params = multi(request.query_params.multi_items())
        update = None
        if request.method == "POST":
            token = bearer(request)
            limit = cfg.max_update_body if cfg.token_ok(token) else cfg.max_body
            body = await read_body(request, limit)
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/x-www-form-urlencoded":
                try:
                    form = multi(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False))
                except UnicodeDecodeError as exc:
                    raise HTTPProblem(400, "form body is not UTF-8") from exc
                for k, v in form.items():
                    params.setdefault(k, []).extend(v)
            elif ctype == "application/sparql-query":
                params.setdefault("query", []).append(body.decode("utf-8", "replace"))
            elif ctype == "application/sparql-update":
                params.setdefault("update", []).append(body.decode("utf-8", "replace"))
            else:
                raise HTTPProblem(415, "POST a form (application/x-www-form-urlencoded), "
                                       "application/sparql-query or application/sparql-update")
            update = one(params, "update")
        query = one(params, "query")
        if request.method == "GET" and "update" in params:
            raise HTTPProblem(400, "updates are POSTed, never sent with GET")
        if query is not None and update is not None:
            raise HTTPProblem(400, "give either query or update, not both")
        if update is not None:
            return await run_update(request, update)
        if query is not None:
            return await run_query(state, request, query, params)
        if request.method == "GET":
            return service_description(request)
        raise HTTPProblem(400, "no query: give query=… (or update=…)")

    def require_writer(request: Request, what: str) -> None:
        """403 on a read-only endpoint, 401 without the bearer token: ``what`` (updates, writes) needs it."""
        if not cfg.token_ok(bearer(request)):
            if not cfg.allow_update:
                raise HTTPProblem(403, "this endpoint is read-only (start kg serve with --allow-update and a token)")
            raise HTTPProblem(401, f"{what} need the bearer token given to kg serve",
                              {"WWW-Authenticate": 'Bearer realm="kg"'})

    async def write(change, *args) -> Response:
        """Run an updater call off the event loop; its outcome as the one answer every write gives."""
        try:
            outcome = await run_in_threadpool(change, *args)
        except UpdateRejected as exc:
            raise HTTPProblem(400, str(exc)) from exc
        if outcome.changed:
            state.snapshots.mark_changed()
        lines = [f"ok: {len(outcome.changed)} graph(s) changed, {outcome.triples} triple(s) written"]
        lines += [f"warning: {w}" for w in outcome.warnings]
        return problem(200, "\n".join(lines))

    async def run_update(request: Request, update: str) -> Response:
        require_writer(request, "updates")
        return await write(state.updater.apply, update)

    def service_description(request: Request) -> Response:
        media = negotiated(request, GRAPH, one_format(multi(request.query_params.multi_items())))
        g = Graph()
        g.bind("sd", SD)
        service = BNode()
        endpoint = URIRef(str(request.url.replace(query="", fragment="")))
        g.add((service, RDF.type, SD.Service))
        g.add((service, SD.endpoint, endpoint))
        g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
        if cfg.allow_update:
            g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
        g.add((service, SD.feature, SD.UnionDefaultGraph))
        g.add((service, RDFS.comment, Literal(
            "Without FROM / FROM NAMED (or default-graph-uri / named-graph-uri) the default graph is the union "
            "of all graphs; with them, the graphs they name (a graph that does not exist is empty).")))
        if cfg.allow_service:
            g.add((service, SD.feature, SD.BasicFederatedQuery))
        for media_type in [*RESULT_TYPES, *GRAPH_TYPES]:
            g.add((service, SD.resultFormat, URIRef(_format_iri(media_type))))
        dataset = BNode()
        g.add((service, SD.defaultDataset, dataset))
        g.add((dataset, RDF.type, SD.Dataset))
        default = BNode()
        g.add((dataset, SD.defaultGraph, default))
        g.add((default, RDF.type, SD.Graph))
        rdflib_format = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
                         "application/rdf+xml": "xml"}[media]
        return Response(g.serialize(format=rdflib_format, encoding="utf-8"), media_type=media)

    async def graph_store(request: Request) -> Response:
        """Graph Store Protocol, read side: ?graph=IRI one graph; ?default the default graph, which is
        the union of all graphs as for queries; neither: the whole dataset, each quad naming its graph.
        Write side: POST of N-Quads to the dataset (no ?graph), with the token (``post_dataset``)."""
        params = multi(request.query_params.multi_items())
        if request.method == "POST" and set(params) <= {"graph"}:
            return await post_data(request, one(params, "graph"))
        if request.method not in ("GET", "HEAD"):
            raise HTTPProblem(405, "this Graph Store takes GET, HEAD, and POST (N-Quads to the dataset, "
                              "N-Triples to ?graph=IRI) with the token", {"Allow": "GET, HEAD, POST"})
        name = one(params, "graph")
        if "default" in params:
            if name is not None:
                raise HTTPProblem(400, "give ?graph=IRI or ?default, not both")
            # a query, so that the union is read by a worker, under the time and memory limits
            return await run_query(state, request, "CONSTRUCT WHERE { ?s ?p ?o }", params, vetted=True)
        media = negotiated(request, GRAPH if name is not None else DATASET, one_format(params))
        max_rows = UNCAPPED if cfg.token_ok(bearer(request)) else cfg.max_rows  # as for queries

        def read():
            if name is None:
                return serialise_rdf(state.store.quads_for_pattern(None, None, None, None), media, max_rows, PREFIXES)
            try:
                node = ox.NamedNode(name)
            except ValueError as exc:
                raise HTTPProblem(400, f"not an IRI: {name!r}") from exc
            if not state.store.contains_named_graph(node):
                raise HTTPProblem(404, f"no graph <{name}> in this store")
            triples = (ox.Triple(q.subject, q.predicate, q.object)
                       for q in state.store.quads_for_pattern(None, None, None, node))
            return serialise_rdf(triples, media, max_rows, PREFIXES)

        out = await run_in_threadpool(read)
        return Response(out.body, media_type=media, headers=result_headers(out, max_rows, state.snapshots.generation))

    async def post_data(request: Request, graph: str | None) -> Response:
        """Graph Store POST: N-Quads merged into the named graphs they name, or N-Triples into ?graph=IRI;
        each graph validated as an update's, all in one transaction (kg load's batches and findings
        through the server: ``Updater.add_data``)."""
        require_writer(request, "writes")
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        expected = "application/n-quads" if graph is None else "application/n-triples"
        if media != expected:
            raise HTTPProblem(415, f"POST {'the dataset' if graph is None else 'a graph'} as {expected}")
        body = await read_body(request, cfg.max_update_body)
        return await write(state.updater.add_data, body, graph)

    async def list_queries(request: Request) -> Response:
        from kg.analysis.queries import catalog

        return JSONResponse([{"name": q.name, "title": q.title, "description": q.description,
                              "url": f"/queries/{q.name}",
                              "params": [{"name": p.name, "optional": p.optional, "doc": p.doc} for p in q.params],
                              "sparql": q.text} for q in catalog().values()])

    async def named_query(request: Request) -> Response:
        from kg.analysis.queries import QueryError, catalog, prepare

        name = request.path_params["name"]
        queries = catalog()
        if name not in queries:
            raise HTTPProblem(404, f"no named query {name!r}; GET /queries lists them")
        params = multi(request.query_params.multi_items())
        values = {k: one(params, k) for k in params if k != "format"}
        try:
            sparql = prepare(queries[name], values)
        except QueryError as exc:
            raise HTTPProblem(400, str(exc)) from exc
        return await run_query(state, request, sparql, {"format": params.get("format", [])}, vetted=True)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "generation": state.snapshots.generation,
                             "updates": cfg.allow_update, "service": cfg.allow_service,
                             "workers": cfg.workers, "worker_memory_mib": cfg.worker_memory,
                             "stopped_queries": state.pool.kills})

    async def static(request: Request) -> Response:
        name = request.path_params.get("name", "index.html")
        media = STATIC_FILES.get(name)
        if media is None:
            raise HTTPProblem(404, "not found")
        headers = {"Content-Security-Policy": PAGE_POLICY, "X-Content-Type-Options": "nosniff",
                   "Referrer-Policy": "no-referrer", "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(static_file(name, True), media_type=media, headers=headers)
        return Response(static_file(name, False), media_type=media, headers=headers)

    async def prefixes(request: Request) -> Response:
        return JSONResponse(PREFIXES)

    async def on_problem(request: Request, exc: HTTPProblem) -> Response:
        return problem(exc.status, exc.message, exc.headers)

    async def on_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return problem(500, "internal server error")

    async def on_http(request: Request, exc) -> Response:
        return problem(exc.status_code, exc.detail if isinstance(exc.detail, str) else "error",
                       getattr(exc, "headers", None))

    from starlette.exceptions import HTTPException

    routes = [
        Route("/", static, methods=["GET", "HEAD"]),
        Route("/static/{name:path}", static, methods=["GET", "HEAD"]),
        Route("/prefixes", prefixes, methods=["GET"]),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/graph-store", graph_store, methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
        Route("/queries", list_queries, methods=["GET"]),
        Route("/queries/{name}", named_query, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                             allow_headers=["Accept", "Content-Type", "Authorization"], expose_headers=EXPOSED,
                             max_age=3600)]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={HTTPProblem: on_problem, HTTPException: on_http, Exception: on_error})


@functools.lru_cache(maxsize=len(STATIC_FILES) * 2)
def static_file(name: str, gzipped: bool) -> bytes:
    """A page file's bytes, read once; gzipped, YASGUI's 1 MB script is 280 kB on the wire."""
    body = (STATIC_DIR / name).read_bytes()
    return gzip.compress(body, mtime=0) if gzipped else body


def _format_iri(media_type: str) -> str:
    return {
        "application/sparql-results+json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
        "application/sparql-results+xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
        "text/csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
        "text/tab-separated-values": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
        "text/turtle": "http://www.w3.org/ns/formats/Turtle",
        "application/n-triples": "http://www.w3.org/ns/formats/N-Triples",
        "application/ld+json": "http://www.w3.org/ns/formats/JSON-LD",
        "application/rdf+xml": "http://www.w3.org/ns/formats/RDF_XML",
    }[media_type]
