"""One query in a child process whose memory is capped: `kg query` on SPARQL the user wrote.

Oxigraph cannot be interrupted, and a sort over a cross join grows by gigabytes a second; in
the command's own process that ends in the kernel's OOM killer, or a machine that swaps.
In a child with ``RLIMIT_DATA`` set, an allocation past the cap fails instead: Rust prints
"memory allocation of N bytes failed" and aborts the child (Python raises MemoryError), and
the parent turns either into ``QueryMemoryError``, one line. The query server's workers
(``kg.server.workers``) use the same cap.

Child protocol: ``python -m kg.stores.bounded MIB PARENT_PID`` reads a pickled (location, sparql,
user_query) on stdin and writes a pickled ("ok", QueryResult) or ("error", kind, message)
on stdout.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

from kg.stores.base import QueryResult, StoreError
from kg.stores.reader import OOM_MARK, child_reply, limit_memory


class QueryMemoryError(StoreError):
    """The query needed more memory than the cap."""


def query_bounded(location: str | None, sparql: str, user_query: bool, memory_mib: int) -> QueryResult:
    """``open_store(location, read_only=True).query(sparql, user_query=…)`` in a child process
    whose heap is capped at ``memory_mib``; its errors are raised here as they were there."""
    request = pickle.dumps((location, sparql, user_query))
    child = subprocess.run([sys.executable, "-m", "kg.stores.bounded", str(memory_mib), str(os.getpid())],
                           input=request, capture_output=True)
    reply = None
    if child.returncode == 0:
        try:
            reply = pickle.loads(child.stdout)
        except (pickle.UnpicklingError, EOFError):
            pass
    if reply is not None and reply[0] == "ok":
        return reply[1]
    if (reply is not None and reply[1] == "memory") or OOM_MARK in child.stderr:
        raise QueryMemoryError(f"the query needed more than {memory_mib} MiB of memory and was stopped; "
                               "narrow it, or allow more with kg query --memory MIB (0: no limit)")
    if reply is not None:
        raise (ValueError if reply[1] == "value" else StoreError)(reply[2])
    last = child.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit status {child.returncode}"]
    raise StoreError(f"the query failed: {last[0]}")


def _child(memory_mib: int, parent: int) -> None:
    from kg.processes import die_with_parent

    die_with_parent(parent, kernel=True)  # the parent's thread waits for this child: it cannot end first
    limit_memory(memory_mib)  # first: the imports and the store count against it like the query
    from kg.stores import open_store

    location, sparql, user_query = pickle.loads(sys.stdin.buffer.read())

    def call():
        with open_store(location, read_only=True) as store:
            return store.query(sparql, user_query=user_query)

    reply = child_reply(call)
    try:
        payload = pickle.dumps(reply)
    except MemoryError:
        payload = pickle.dumps(("error", "memory", ""))
    sys.stdout.buffer.write(payload)


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]))
