"""Run SPARQL queries in worker processes that can be killed when they overrun.

pyoxigraph releases the GIL while it evaluates, but it cannot be interrupted: a
``COUNT(*)`` over a cross join of all claims computes to the end before its one
row comes out. So each query runs in a separate process (``python -m
kg.server.workers``) and the server kills that process when the time limit
passes, then starts a fresh one. A small pool keeps workers warm.

Workers read an immutable snapshot of the store (a RocksDB checkpoint made by the
server, see ``kg.server.snapshots``): a read-only Oxigraph handle on a store that
another process writes is undefined behaviour, a checkpoint never changes.
Workers cannot open network sockets (``kg.server.sandbox``, a seccomp filter), nor take more
than their memory limit (``RLIMIT_DATA``; a sort over a cross join would otherwise grow one
worker by gigabytes a second until the machine runs out), and they end with the server even when
it is killed (``kg.processes``). Before a query runs, the worker reads it with a SPARQL parser
(``kg.stores.sparqlparse``):
SERVICE is refused unless the server allows it, FROM / FROM NAMED choose the graphs. The parse
happens here, not in the server, so that a query that is slow or deep to parse costs a worker
that the time limit can kill, never the server.

Frames on the pipes are a 4-byte length and a pickle; only the server talks to them.
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from kg.stores.reader import OOM_MARK

log = logging.getLogger("kg.serve")
_LEN = struct.Struct("!I")


class QueryTimeout(Exception):
    pass


class ServerBusy(Exception):
    pass


class QuerySyntaxError(ValueError):
    pass


class QueryRefused(Exception):
    """The query parses but asks for what the server does not allow (SERVICE)."""


class NotAQuery(QuerySyntaxError):
    """An update sent as a query."""


class ResultNotAcceptable(Exception):
    """The client accepts none of the media types offered for this kind of result."""


class WorkerFailed(Exception):
    pass


class QueryOutOfMemory(Exception):
    """The query needed more memory than a worker may take; the worker is gone, a fresh one replaces it."""


@dataclass
class Job:
    snapshot: str
    query: str
    accept: str | None  # the client's Accept header
    format: str | None  # ?format=…, which overrides it
    max_rows: int
    allow_service: bool = False
    # The text is the server's own (a named query, parameters bound as terms): run it unparsed,
    # since some use SPARQL 1.2 LATERAL, which the checking parser does not read.
    vetted: bool = False
    union_default_graph: bool = True
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- worker side

def _dataset(job: Job, facts) -> dict:
    """Oxigraph's dataset arguments: the protocol's graph parameters, else the query's FROM /
    FROM NAMED (Oxigraph honours them when given no arguments), else the union of all graphs."""
    import pyoxigraph as ox

    if job.default_graphs or job.named_graphs:
        kwargs = {"default_graph": [ox.NamedNode(g) for g in job.default_graphs]} if job.default_graphs else {}
        if job.named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
        return kwargs
    if facts is not None and facts.has_dataset:
        return {}
    return {"use_default_graph_as_union": job.union_default_graph}


def _execute(job: Job, stores: dict):
    import pyoxigraph as ox

    from kg.server.negotiation import GRAPH, RESULTS, NotAcceptable, negotiate
    from kg.server.results import RESULT_TYPES, serialise_boolean, serialise_rdf, serialise_solutions
    from kg.stores.sparqlparse import read_query, refuse_service

    facts = None
    if not job.vetted:
        facts = read_query(job.query)
        if not job.allow_service:
            refuse_service(facts)
    store = stores.get(job.snapshot)
    if store is None:
        stores.clear()  # one snapshot at a time: the newest
        store = stores[job.snapshot] = ox.Store.read_only(job.snapshot)
    result = store.query(job.query, **_dataset(job, facts))
    try:
        media = negotiate(job.accept, RESULTS if isinstance(result, (ox.QueryBoolean, ox.QuerySolutions)) else GRAPH,
                          job.format)
    except NotAcceptable as exc:
        raise ResultNotAcceptable(str(exc)) from None
    if isinstance(result, ox.QueryBoolean):
        return serialise_boolean(bool(result), RESULT_TYPES[media])
    if isinstance(result, ox.QuerySolutions):
        return serialise_solutions(result, RESULT_TYPES[media], job.max_rows)
    return serialise_rdf(result, media, job.max_rows, job.prefixes)


def _read_frame(stream) -> bytes | None:
    head = stream.read(_LEN.size)
    if len(head) < _LEN.size:
        return None
    return stream.read(_LEN.unpack(head)[0])


def _write_frame(stream, payload: bytes) -> None:
    stream.write(_LEN.pack(len(payload)) + payload)
    stream.flush()


def worker_main(allow_network: bool = False, memory_mib: int | None = None, parent: int | None = None) -> None:
    from kg.processes import die_with_parent
    from kg.stores.reader import limit_memory

    if parent is not None:
        die_with_parent(parent)  # a killed server's workers must not run on (not ``kernel``: see there)
    limit_memory(memory_mib)  # first: the imports and the store count against it like the query
    from kg.stores.sparqlparse import NotAQuery as UpdateText, SparqlRefused, SparqlSyntaxError

    from kg.server.sandbox import deny_network

    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the pipe
    stores: dict = {}
    # before any query: from here on, no network even for a query that slips past the parse
    sandboxed = False if allow_network else deny_network()
    _write_frame(out, pickle.dumps(("ready", os.getpid(), sandboxed)))
    while True:
        frame = _read_frame(inp)
        if frame is None:
            return
        job = pickle.loads(frame)
        try:
            reply = ("ok", _execute(job, stores))
        except UpdateText as exc:
            reply = ("update", str(exc))
        except SyntaxError as exc:  # Oxigraph's parser, on a vetted query
            reply = ("syntax", f"invalid SPARQL query: {exc}")
        except SparqlSyntaxError as exc:
            reply = ("syntax", str(exc))
        except SparqlRefused as exc:
            reply = ("refused", str(exc))
        except ResultNotAcceptable as exc:
            reply = ("not-acceptable", str(exc))
        except MemoryError:
            # what is left of the heap is not worth keeping: say why, then make way for a fresh worker
            _write_frame(out, pickle.dumps(("memory", "")))
            return
        except Exception as exc:  # noqa: BLE001 - reported to the server, which decides what the client sees
            reply = ("error", f"{type(exc).__name__}: {exc}")
        _write_frame(out, pickle.dumps(reply))


# ---------------------------------------------------------------- server side

class Worker:
    def __init__(self, allow_network: bool = False, memory_mib: int | None = None):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.allow_network = allow_network
        flags = ["--parent", str(os.getpid())] + (["--allow-network"] if allow_network else [])
        if memory_mib:
            flags += ["--memory", str(memory_mib)]
        self.proc = subprocess.Popen([sys.executable, "-m", "kg.server.workers", *flags], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                     start_new_session=True)
        self._ready = False
        self.sandboxed = False
        # The worker's stderr goes to the server's log, read here so that the server knows when a
        # worker died because an allocation failed (Rust says so there, then aborts) and not of a crash.
        self.out_of_memory = False
        self._stderr = threading.Thread(target=self._read_stderr, daemon=True)
        self._stderr.start()

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            if line.startswith(OOM_MARK):
                self.out_of_memory = True
            log.warning("query worker %d: %s", self.proc.pid, line.decode("utf-8", "replace").rstrip())
        self.proc.stderr.close()

    def died_of_memory(self) -> bool:
        """After ``kill``: whether the worker had said that an allocation failed."""
        self._stderr.join(2)  # its stderr ends with it: the last lines are read by now or soon
        return self.out_of_memory

    def _recv(self, deadline: float | None):
        fd = self.proc.stdout.fileno()
        buf = b""
        need = _LEN.size
        header_done = False
        while True:
            while len(buf) < need:
                wait = None if deadline is None else deadline - time.monotonic()
                if wait is not None and wait <= 0:
                    raise QueryTimeout()
                ready, _, _ = select.select([fd], [], [], wait)
                if not ready:
                    raise QueryTimeout()
                chunk = os.read(fd, max(65536, need - len(buf)))
                if not chunk:
                    raise WorkerFailed("query worker exited")
                buf += chunk
            if header_done:
                return pickle.loads(buf[_LEN.size:need])
            need = _LEN.size + _LEN.unpack(buf[:_LEN.size])[0]
            header_done = True

    def wait_ready(self, timeout: float = 60) -> None:
        if not self._ready:
            _, _, self.sandboxed = self._recv(time.monotonic() + timeout)
            self._ready = True
            if not self.sandboxed and not self.allow_network:
                log.warning("query worker %d runs without the network filter (kg.server.sandbox): "
                            "not available on this platform", self.proc.pid)

    def run(self, job: Job, timeout: float | None):
        self.wait_ready()
        payload = pickle.dumps(job)
        self.proc.stdin.write(_LEN.pack(len(payload)) + payload)
        self.proc.stdin.flush()
        return self._recv(None if timeout is None else time.monotonic() + timeout)

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def alive(self) -> bool:
        return self.proc.poll() is None


class WorkerPool:
    """``size`` warm worker processes; a query waits at most ``timeout`` for a free one, then for its answer.
    Workers cannot open network sockets unless ``allow_network`` (for kg serve --allow-service)."""

    def __init__(self, size: int, timeout: float | None, allow_network: bool = False,
                 memory_mib: int | None = None):
        self.timeout = timeout
        self.allow_network = allow_network
        self.memory_mib = memory_mib
        self.size = size
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self.kills = 0
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        worker = Worker(self.allow_network, self.memory_mib)
        with self._lock:
            self._all.add(worker)
        self._idle.put(worker)

    def _drop(self, worker: Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def run(self, job: Job):
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusy() from None
        remaining = None if self.timeout is None else max(0.05, self.timeout - (time.monotonic() - started))
        try:
            status, value = worker.run(job, remaining)
        except QueryTimeout:
            self.kills += 1
            self._drop(worker)
            self._add()
            raise
        except (WorkerFailed, OSError, EOFError, pickle.UnpicklingError) as exc:
            self._drop(worker)
            self._add()
            if worker.died_of_memory():
                self.kills += 1
                raise QueryOutOfMemory() from exc
            raise WorkerFailed(str(exc)) from exc
        if status == "memory":  # MemoryError in Python: the worker has exited
            self.kills += 1
            self._drop(worker)
            self._add()
            raise QueryOutOfMemory()
        self._idle.put(worker)
        if status == "ok":
            return value
        errors = {"syntax": QuerySyntaxError, "update": NotAQuery, "refused": QueryRefused,
                  "not-acceptable": ResultNotAcceptable}
        raise errors.get(status, WorkerFailed)(value)

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()


if __name__ == "__main__":
    args = sys.argv[1:]
    worker_main(allow_network="--allow-network" in args,
                memory_mib=int(args[args.index("--memory") + 1]) if "--memory" in args else None,
                parent=int(args[args.index("--parent") + 1]) if "--parent" in args else None)
