"""The embedded store: a persistent Oxigraph (RocksDB) store in a folder, one writer or many readers."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.namespaces import JOURNAL_GRAPH, KG
from kg.stores.base import QueryResult, StoreError, from_ox, prefix_header, quads, to_ox
from kg.stores.sparqlparse import SparqlNestingError, SparqlSyntaxError, read_query


LOCK_FILE = "kg.lock"
RECOVERY = ("restore a backup (a copy of the folder, or a `kg export -o backup.nq` bulk-loaded into a new folder, "
            "docs/security.md) or rebuild it with `kg load` from the articles")


def damaged(path: Path, what: str) -> StoreError:
    """The one-line error for a store that RocksDB finds damaged, with what to do about it."""
    first = " ".join(what.split())[:300]
    return StoreError(f"{path}: the store is damaged ({first}); {RECOVERY}")


def _disk_full(exc: BaseException) -> bool:
    return getattr(exc, "errno", None) == errno.ENOSPC or "No space left on device" in str(exc)


class DiskFull(StoreError):
    """A write failed for want of disk space: nothing of it is stored, and nothing more will fit."""


def write_failed(path: Path, what: str, exc: BaseException) -> StoreError:
    """The one-line error for a write that failed; ``what``: what became of the data ("nothing stored
    for …"). A full disk is said in plain words: RocksDB's message runs over lines and names a log file."""
    if _disk_full(exc):
        return DiskFull(f"{path}: the disk is full, {what}; free some space and run the command again "
                          "(articles stored before are whole: `kg check` verifies the store)")
    return StoreError(f"{path}: write failed, {what}: {' '.join(str(exc).split())}")


def _missing_current(path: Path) -> bool:
    """RocksDB files without the CURRENT file that names the live MANIFEST: a damaged store, not an empty folder."""
    return not (path / "CURRENT").exists() and any(path.glob("MANIFEST-*"))


class StoreLock:
    """One writer or any number of readers per store: an advisory lock file that records the writer's PID.

    RocksDB refuses a second writer with an opaque error, and pyoxigraph's read-only mode is
    undefined while another process writes (a compaction can delete files under the reader).
    So a writer takes the lock exclusively and readers share it: each side is refused at once,
    with a message that names the other, instead of failing later.
    """

    def __init__(self, path: Path):
        self.path = path / LOCK_FILE
        self._fh = None

    def acquire(self, shared: bool = False) -> None:
        try:
            fh = open(self.path, "a+")
        except OSError:
            if shared:
                return  # a folder nobody may write to: no writer either
            raise
        try:
            fcntl.flock(fh, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            if holder and not _alive(holder):
                holder = ""  # left by a writer that was killed: readers hold the lock now
            where = self.path.parent
            if holder and not shared:
                raise StoreError(f"{where}: store is locked by PID {holder} (another kg load or kg serve "
                                 "--allow-update is writing); try again when it ends") from None
            if holder:
                raise StoreError(f"{where}: store is being written by PID {holder} (kg load, kg analyse, kg remove); "
                                 "try again when it ends, or run `kg serve` on the folder to load and query at "
                                 "the same time") from None
            raise StoreError(f"{where}: store is open for reading by another process (kg query, kg claims, "
                             "kg conflicts, kg export …); try again when it ends") from None
        if not shared:
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
        self._fh, self._shared = fh, shared

    def release(self) -> None:
        if self._fh is not None:
            fh, self._fh = self._fh, None
            if not self._shared:  # the writer's PID goes with it
                fh.seek(0)
                fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)
            fh.close()


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _names_its_graphs(sparql: str) -> bool:
    """True when the query has FROM or FROM NAMED. Text the SPARQL 1.1 parser cannot read (SPARQL 1.2
    LATERAL) is left to Oxigraph, except nesting too deep to parse, which would crash Oxigraph's parser."""
    try:
        return read_query(sparql).has_dataset
    except SparqlNestingError:
        raise
    except SparqlSyntaxError:
        return False


class OxigraphStore:
    """An embedded Oxigraph (RocksDB) store in a folder on disk."""

    remote = False
    dialect = None  # the SPARQL kg's named queries are written in (kg.analysis.queries)

    def __init__(self, path: Path, read_only: bool = False):
        self.path = path
        self.read_only = read_only
        self._lock = None
        try:
            if _missing_current(path):
                raise damaged(path, "the CURRENT file is missing")
            if read_only:
                if not (path / "CURRENT").exists():
                    raise StoreError(f"{path}: no kg store here (run `kg load` first)")
                self._open_reader()
                if self._unfinished_writes():  # a writer died mid-write: finish its clean-up first
                    self.close()
                    OxigraphStore(path).close()
                    self._open_reader()
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._lock = StoreLock(path)
                self._lock.acquire()
                self._store = ox.Store(str(path))
                self._drop_unfinished_writes()
        except OSError as exc:
            self.close()
            raise StoreError(f"{path}: cannot open store: {exc}") from exc
        except RuntimeError as exc:  # pyoxigraph's name for RocksDB's "Corruption: …"
            self.close()
            raise damaged(path, str(exc)) from exc

    def _open_reader(self) -> None:
        self._lock = StoreLock(self.path)
        self._lock.acquire(shared=True)
        self._store = ox.Store.read_only(str(self.path))

    @property
    def location(self) -> str:
        return str(self.path)

    def close(self) -> None:
        # pyoxigraph closes RocksDB when the Store object is freed; drop our reference.
        store, self._store = getattr(self, "_store", None), None
        try:
            if store is not None and not self.read_only:
                store.flush()
        except OSError as exc:
            raise write_failed(self.path, "the last writes may not be stored", exc) from exc
        finally:
            del store
            if self._lock is not None:
                self._lock.release()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.close()
        except StoreError:
            if exc_type is None:
                raise
            # the error already on its way (a full disk, say) is the one to report, not its echo here

    # -- reading
    def has_graph(self, name: URIRef) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(str(name)))

    def article_graphs(self) -> list[URIRef]:
        res = self.query(prefix_header() + "SELECT ?a WHERE { GRAPH ?a { ?a a kg:Article } }")
        return [row[0] for row in res.rows]

    def triple_count(self) -> int:
        try:
            return len(self._store)
        except RuntimeError as exc:
            raise damaged(self.path, str(exc)) from exc

    def graph(self, name: URIRef) -> Graph:
        g = Graph()
        for q in self.graph_quads(name):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g

    def graph_quads(self, name: URIRef) -> Iterator[ox.Quad]:
        """A graph's quads as Oxigraph terms, for writers that need no rdflib Graph (the RDF exports)."""
        return self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))

    def query(self, sparql: str, bindings: dict[str, Node] | None = None,
              timeout: float | None = None, user_query: bool = False) -> QueryResult:
        """Run a query over the union of all graphs. A ``user_query`` (ad-hoc text, a .rq file) is read
        first: its FROM / FROM NAMED then choose the graphs, and nesting too deep to parse is refused."""
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items() if v is not None}
        dataset = {"use_default_graph_as_union": True}
        if user_query and _names_its_graphs(sparql):
            dataset = {}  # Oxigraph takes the dataset from the query's FROM / FROM NAMED
        try:
            result = self._store.query(sparql, substitutions=subs or None, **dataset)
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(result))
            if isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                rows = [[from_ox(sol[v]) for v in variables] for sol in result]
                return QueryResult("select", variables, rows)
            return QueryResult("graph", triples=[(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
                                                 for t in result])
        except SyntaxError as exc:
            raise ValueError(f"invalid SPARQL: {exc}") from exc
        except RuntimeError as exc:
            raise damaged(self.path, str(exc)) from exc

    def rows(self, sparql: str, with_names: bool = False) -> Iterator[tuple[str | None, ...]]:
        """A SELECT's rows as plain strings (None when unbound), streamed: for internal bulk reads,
        where building rdflib terms would cost more than the query. ``with_names``: the variable
        names come first."""
        try:
            solutions = self._store.query(sparql, use_default_graph_as_union=True)
            if with_names:
                yield tuple(v.value for v in solutions.variables)
            for solution in solutions:
                yield tuple(None if term is None else term.value for term in solution)
        except RuntimeError as exc:
            raise damaged(self.path, str(exc)) from exc

    def verify(self) -> int:
        """Read every index of the store whole (RocksDB checks each block's checksum as it reads it)
        and check that they agree; the number of quads, or ``StoreError`` saying what is damaged.
        Oxigraph keeps each quad in several orders (subject, predicate or object first; within each
        graph, predicate or object first): each pattern below is answered from one of them."""
        every = lambda *pattern: self._store.quads_for_pattern(*pattern)  # noqa: E731
        try:
            quads = list(every(None, None, None, None))
            seen = {"subject": set(), "predicate": set(), "object": set(), "graph and predicate": set(),
                    "graph and object": set()}
            for q in quads:
                for key, part in (("subject", q.subject), ("predicate", q.predicate), ("object", q.object),
                                  ("graph and predicate", (q.predicate, q.graph_name)),
                                  ("graph and object", (q.object, q.graph_name))):
                    seen[key].add(part)
            # Only the quads that match count: pyoxigraph 0.5 on disk answers the pattern with the
            # object "255"^^xsd:integer with every later integer of the index too, which would read
            # as an index holding more quads than the others on any store with an offset of 255.
            counts = {
                "subject": sum(1 for s in seen["subject"] for q in every(s, None, None, None) if q.subject == s),
                "predicate": sum(1 for p in seen["predicate"] for q in every(None, p, None, None) if q.predicate == p),
                "object": sum(1 for o in seen["object"] for q in every(None, None, o, None) if q.object == o),
                "graph and predicate": sum(1 for p, g in seen["graph and predicate"] for q in every(None, p, None, g)
                                           if q.predicate == p and q.graph_name == g),
                "graph and object": sum(1 for o, g in seen["graph and object"] for q in every(None, None, o, g)
                                        if q.object == o and q.graph_name == g),
            }
        except RuntimeError as exc:
            raise damaged(self.path, str(exc)) from exc
        for index, count in counts.items():
            if count != len(quads):
                raise damaged(self.path, f"the {index} index holds {count} quads, the graph index {len(quads)}")
        return len(quads)

    # -- writing
    def add_graph(self, name: URIRef, graph: Graph) -> None:
        """Store one graph atomically: all of its triples or none."""
        try:
            self._store.extend(quads(graph, name))
        except OSError as exc:
            raise write_failed(self.path, f"nothing stored for {name}", exc) from exc

    def add_nquads(self, name: URIRef, data: bytes) -> None:
        """Store one graph given as N-Quads, atomically (the loader's fast path)."""
        try:
            self._store.load(data, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as exc:
            raise write_failed(self.path, f"nothing stored for {name}", exc) from exc

    def add_graphs_nquads(self, graphs: list[tuple[URIRef, bytes]]) -> None:
        """Store several graphs given as N-Quads, each whole or not at all, through Oxigraph's bulk
        loader: 2.3x faster than a transaction per graph. The bulk loader is not atomic, so the
        graphs are listed in the journal graph (one small transaction) before it runs and struck
        off after; a write cut short leaves them listed, and whoever opens the store next drops
        them. No reader can open the store while this process writes it (``StoreLock``)."""
        names = [name for name, _ in graphs]
        self._journal(names, True)
        try:
            self._store.bulk_load(b"".join(data for _, data in graphs), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as exc:
            try:
                self._drop_unfinished_writes()
            except (OSError, StoreError):
                pass  # they stay listed in the journal: whoever opens the store next drops them
            raise write_failed(self.path, f"nothing stored for {len(names)} graph(s)", exc) from exc
        self._journal(names, False)

    def _journal(self, names: list[URIRef], writing: bool) -> None:
        data = "".join(f"<{name}> <{KG.beingWritten}> true .\n" for name in names)
        op = "INSERT" if writing else "DELETE"
        try:
            self._store.update(f"{op} DATA {{ GRAPH <{JOURNAL_GRAPH}> {{ {data} }} }}")
        except OSError as exc:
            what = f"nothing stored for {len(names)} graph(s)" if writing else f"{len(names)} graph(s) stored"
            raise write_failed(self.path, what, exc) from exc

    def _unfinished_writes(self) -> list[str]:
        journal = ox.NamedNode(str(JOURNAL_GRAPH))
        return [q.subject.value for q in self._store.quads_for_pattern(None, None, None, journal)]

    def _drop_unfinished_writes(self) -> None:
        """Drop the graphs of a bulk write that was cut short (see ``add_graphs_nquads``). A writer
        does it on opening the store; a reader that finds such graphs first opens it as a writer
        (as SQLite's readers roll back a hot journal), so no one ever reads half an article."""
        names = self._unfinished_writes()
        if names:
            drops = " ; ".join(f"DROP SILENT GRAPH <{name}>" for name in names)
            self._store.update(f"{drops} ; DROP SILENT GRAPH <{JOURNAL_GRAPH}>")

    def add_triples(self, name: URIRef, triples: Iterable[tuple]) -> None:
        """Add triples to a graph, atomically."""
        try:
            self._store.extend(list(quads(triples, name)))
        except OSError as exc:
            raise write_failed(self.path, f"nothing stored for {name}", exc) from exc

    def add_ntriples(self, name: URIRef, text: str, atomic: bool = True) -> None:
        """Add N-Triples to a graph: in one transaction, or (``atomic=False``, for derived data the
        caller can redo after a crash) through the bulk loader, 3.5x faster. Safe beside readers:
        the store lock keeps other processes out while this one writes, and kg serve's queries
        read checkpoints, whose hard-linked files a compaction does not delete."""
        load = self._store.load if atomic else self._store.bulk_load
        try:
            load(text.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(name)))
        except (OSError, SyntaxError) as exc:
            done = "nothing stored" if atomic else "part may be stored"
            raise write_failed(self.path, f"{done} for {name}", exc) from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update in one transaction."""
        try:
            self._store.update(sparql)
        except RuntimeError as exc:
            raise damaged(self.path, str(exc)) from exc
        except OSError as exc:
            raise write_failed(self.path, "nothing of this update stored", exc) from exc

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Swap a graph's content in one transaction (reference data, curated articles)."""
        self.replace_ntriples(name, graph.serialize(format="nt"))

    def replace_ntriples(self, name: URIRef, text: str) -> None:
        """Swap a graph's content for N-Triples in one transaction (corrected articles)."""
        try:
            self._store.update(f"DROP SILENT GRAPH <{name}> ; INSERT DATA {{ GRAPH <{name}> {{ {text} }} }}")
        except OSError as exc:
            raise write_failed(self.path, f"{name} is as it was", exc) from exc

    def remove_graph(self, name: URIRef) -> bool:
        node = ox.NamedNode(str(name))
        if not self._store.contains_named_graph(node):
            return False
        self._store.update(f"DROP GRAPH <{name}>")
        return True

    def flush(self) -> None:
        try:
            self._store.flush()
        except OSError as exc:
            raise write_failed(self.path, "the last writes may not be stored", exc) from exc

    def dump_nquads(self) -> bytes:
        return self._store.dump(format=ox.RdfFormat.N_QUADS)
