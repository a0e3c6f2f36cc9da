"""kg's own reads of a store folder in a child process whose heap is capped (``BoundedReader``), and
the memory caps that `kg query`'s child (``kg.stores.bounded``) and `kg serve`'s query workers share.

Child protocol: ``python -m kg.stores.reader MIB PARENT_PID``; each call is a length-prefixed
pickled (method, args, kwargs) on its stdin, each answer a pickled ("ok", value) or
("error", kind, message) on its stdout.
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator

from kg.stores.base import QueryResult, StoreError

OOM_MARK = b"memory allocation of "  # how Rust's default handler starts its line before it aborts
OOM_MARKS = (OOM_MARK, b"std::bad_alloc")  # and RocksDB's (C++) uncaught exception


def limit_memory(mib: int | None) -> None:
    """Cap this process's heap (RLIMIT_DATA: private writable memory, which is what a query's sorts,
    joins and hash tables take; it follows the resident size within about 100 MiB, unlike
    RLIMIT_AS, which thread stacks and RocksDB's reservations fill). Past it an allocation fails:
    Python raises MemoryError, Rust (Oxigraph) prints "memory allocation of N bytes failed" and aborts."""
    if mib:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (mib * 2**20, mib * 2**20))


def default_memory_mib() -> int:
    """Half of this machine's memory: a query may take much, never the whole machine."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**21
    except (ValueError, OSError, AttributeError):
        return 4096


MEMORY_ENV = "KG_MEMORY"  # MiB for every bounded read of a store folder (kg query's default too); 0: no limit


class MemorySettingError(StoreError):
    """$KG_MEMORY is not a number of MiB."""


def memory_setting() -> int | None:
    """$KG_MEMORY: the heap, in MiB, that a command's reads of a store folder may take (0: no limit); None when unset."""
    value = os.environ.get(MEMORY_ENV, "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise MemorySettingError(f"{MEMORY_ENV}={value!r}: give the memory kg may take to read a store, "
                                 "in MiB (0: no limit)")
    return int(value)


def read_memory_mib(path: Path) -> int:
    """The heap kg's own reads of the store folder ``path`` may take: $KG_MEMORY, else twice the store's
    size on disk, at least 1,024 MiB and at most half of this machine's memory. kg's queries read a part
    of the store (on a 10,000-article store of 1.2 GB, 100 to 330 MiB); a damaged store's reads grow
    without end, and stop here within seconds instead of taking half the machine."""
    setting = memory_setting()
    if setting is not None:
        return setting
    size = 0
    try:
        with os.scandir(path) as entries:
            size = sum(entry.stat().st_size for entry in entries if entry.is_file())
    except OSError:
        pass
    return min(default_memory_mib(), max(READ_MEMORY_FLOOR_MIB, 2 * size // 2**20))


READ_MEMORY_FLOOR_MIB = 1024


_LEN = struct.Struct("!Q")
READER_METHODS = {"query", "rows", "has_graph", "article_graphs", "triple_count", "graph", "graph_quads", "verify"}


def _send(stream, obj) -> None:
    payload = pickle.dumps(obj)
    stream.write(_LEN.pack(len(payload)) + payload)
    stream.flush()


def _receive(stream):
    head = stream.read(_LEN.size)
    if len(head) < _LEN.size:
        return None
    payload = stream.read(_LEN.unpack(head)[0])
    try:
        return pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError):
        return None


class BoundedReader:
    """A store folder opened for reading in a child process whose heap is capped (``limit_memory``):
    the reads of `kg stats`, `kg check`, `kg claims`, `kg conflicts`, `kg sources`, `kg export` and `kg plot`.

    Why: a damaged block makes Oxigraph's RocksDB iterators yield the same error for ever, and a
    query that collects its input (a hash join, a sort) collects those errors until the machine's
    memory is gone (issue 20: `kg stats` grew to 23 GB and was killed by the kernel). In the child
    the growth stops at the cap; the child ends, and this side reads the store whole in a fresh
    child (``verify``, which stops at the first bad block) to say which it was: a damaged store,
    with what to do, or a read that needed more memory, with how to allow more.

    Same read methods as ``OxigraphStore``; each call is one pickled request and reply on the
    child's stdin and stdout (``python -m kg.stores.reader MIB PARENT_PID``)."""

    remote = False
    dialect = None  # the SPARQL kg's named queries are written in (kg.analysis.queries)
    read_only = True

    def __init__(self, path: Path, memory_mib: int, diagnose: bool = True):
        self.path = path
        self.memory_mib = memory_mib
        self._diagnose = diagnose
        self._stderr = b""
        self._child = subprocess.Popen(
            [sys.executable, "-m", "kg.stores.reader", str(memory_mib), str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._drain = threading.Thread(target=self._read_stderr, daemon=True)
        self._drain.start()
        try:
            self._call("open", str(path))
        except BaseException:
            self.close()
            raise

    def _read_stderr(self) -> None:
        for line in self._child.stderr:
            self._stderr = (self._stderr + line)[-65536:]  # Rust's allocation failure comes with a backtrace

    @property
    def location(self) -> str:
        return str(self.path)

    def _call(self, method: str, *args, **kwargs):
        reply = None
        if self._child is not None:
            try:
                _send(self._child.stdin, (method, args, kwargs))
                reply = _receive(self._child.stdout)
            except (BrokenPipeError, ConnectionResetError):
                reply = None
        if reply is None:  # the child ended: an allocation failed (Rust or RocksDB aborts), or it crashed
            self._end()
            self._drain.join(5)
            self._failed(any(mark in self._stderr for mark in OOM_MARKS))
        if reply[0] == "ok":
            return reply[1]
        kind, message = reply[1], reply[2]
        if kind == "memory":
            self._end()
            self._failed(True)
        raise (ValueError if kind == "value" else StoreError)(message)

    def _failed(self, out_of_memory: bool) -> None:
        """The child ended without an answer: a damaged store, or a read too large for the cap? A fresh
        child reads the store whole to tell (``verify`` raises the damaged store's one line)."""
        intact = False
        if self._diagnose:
            try:
                with BoundedReader(self.path, self.memory_mib, diagnose=False) as fresh:
                    fresh.verify()
                intact = True
            except ReadMemoryError:
                pass
        if out_of_memory:
            raise ReadMemoryError(f"{self.path}: reading the store needed more than {self.memory_mib} MiB of memory "
                                  f"and was stopped{' (the store itself is intact)' if intact else ''}; allow more "
                                  f"with {MEMORY_ENV}=MIB (0: no limit)")
        last = self._stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["it ended without a word"]
        raise StoreError(f"{self.path}: reading the store failed: {last[0].strip()}")

    def _end(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        try:
            child.stdin.close()
        except OSError:
            pass
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        child.stdout.close()

    def close(self) -> None:
        self._end()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close()

    def query(self, sparql: str, bindings: dict | None = None, timeout: float | None = None,
              user_query: bool = False) -> QueryResult:
        return self._call("query", sparql, bindings=bindings, user_query=user_query)

    def rows(self, sparql: str, with_names: bool = False) -> Iterator[tuple[str | None, ...]]:
        return iter(self._call("rows", sparql, with_names=with_names))

    def has_graph(self, name) -> bool:
        return self._call("has_graph", name)

    def article_graphs(self) -> list:
        return self._call("article_graphs")

    def triple_count(self) -> int:
        return self._call("triple_count")

    def graph(self, name):
        from rdflib import Graph

        g = Graph()
        for triple in self._call("graph", name):
            g.add(triple)
        return g

    def graph_quads(self, name) -> Iterator:
        """A graph's quads as Oxigraph terms (the RDF exports), read in the capped child like every read and
        passed as N-Quads (no rdflib terms in between: they made the N-Quads export 5x slower)."""
        import pyoxigraph as ox

        return ox.parse(self._call("graph_quads", name), format=ox.RdfFormat.N_QUADS)

    def verify(self) -> int:
        return self._call("verify")


class ReadMemoryError(StoreError):
    """A read of the store needed more memory than the cap, on a store found intact."""


def child_reply(call) -> tuple:
    """A capped child's answer to one call: ("ok", result), or ("error", kind, message) with kind memory, store or
    value, which the parent raises again as its own errors."""
    try:
        return ("ok", call())
    except MemoryError:
        return ("error", "memory", "")
    except StoreError as exc:
        return ("error", "store", str(exc))
    except ValueError as exc:
        return ("error", "value", str(exc))


def _reader(memory_mib: int, parent: int) -> None:
    """The child of ``BoundedReader``: open the store, answer calls until stdin closes."""
    from kg.processes import die_with_parent

    die_with_parent(parent)  # not ``kernel``: the parent may start it from a thread that ends first
    limit_memory(memory_mib)  # first: the imports and the store count against it like the reads
    inp, out = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # nothing but replies on the pipe
    from kg.stores.oxigraph import OxigraphStore

    store = None
    try:
        while True:
            request = _receive(inp)
            if request is None:
                return
            method, args, kwargs = request

            def call():
                nonlocal store
                if method == "open":
                    store = OxigraphStore(Path(args[0]), read_only=True)
                    return None
                if method not in READER_METHODS:
                    raise StoreError(f"{method}: not a read")
                if method == "rows":
                    return list(store.rows(*args, **kwargs))
                if method == "graph":
                    return list(store.graph(*args))
                if method == "graph_quads":
                    import pyoxigraph as ox

                    return ox.serialize(store.graph_quads(*args), format=ox.RdfFormat.N_QUADS)
                return getattr(store, method)(*args, **kwargs)

            reply = child_reply(call)
            try:
                _send(out, reply)
            except MemoryError:
                _send(out, ("error", "memory", ""))
            if reply[1:2] == ("memory",):
                return  # what is left of the heap is not worth keeping
    finally:
        if store is not None:
            store.close()


if __name__ == "__main__":
    _reader(int(sys.argv[1]), int(sys.argv[2]))
