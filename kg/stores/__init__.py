"""The triple store behind kg: one named graph per article, reference data in graphs of its own.

``open_store(location)`` returns an embedded, persistent Oxigraph store for a folder
path (the default; ``oxigraph``) and a remote SPARQL 1.1 store for an ``http(s)://`` URL
(``remote``); a folder that a `kg serve` holds is reached through that server
(``discovery``). What both stores share, and the result type, are in ``base``;
``sparqlparse`` reads what a request asks for from its parse (SERVICE, FROM, the graphs an
update touches); ``sparqlterms`` writes terms into SPARQL text (string literals, parameters
bound as a ``VALUES`` block).
Queries see the union of all graphs as their default graph.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.stores.base import (DEFAULT_STORE, QueryResult, Store, StoreError, prefix_header, quads, store_location,
                            sync_reference, write_triples)
from kg.stores.oxigraph import LOCK_FILE, OxigraphStore

__all__ = ["open_store", "store_location", "Store", "StoreError", "QueryResult", "OxigraphStore", "LOCK_FILE",
           "DEFAULT_STORE", "prefix_header", "quads", "sync_reference", "write_triples"]


def open_store(location: str | os.PathLike | None = None, read_only: bool = False,
               bounded: bool = False) -> "OxigraphStore":
    """The store at ``location``. ``bounded`` (with ``read_only``): a folder is read in a child process
    whose heap is capped ($KG_MEMORY MiB, by default twice the store's size, 1 GiB at least; ``reader``),
    so that a damaged store cannot take all the memory; the commands that only read use it."""
    loc = store_location(location)
    if loc.startswith(("http://", "https://")):
        from kg.stores.remote import RemoteStore  # imported lazily: only remote users need SPARQLWrapper

        return RemoteStore(loc)
    # While `kg serve` holds the folder (Oxigraph allows one writer process), talk to it instead.
    from kg.stores.discovery import running_server

    served = running_server(loc)
    if served is not None:
        from kg.stores.remote import ServedStore

        return ServedStore(served.url, token=served.token)
    if read_only and bounded:
        from kg.stores.reader import BoundedReader, read_memory_mib

        memory = read_memory_mib(Path(loc))
        if memory:
            return BoundedReader(Path(loc), memory)
    return OxigraphStore(Path(loc), read_only=read_only)
