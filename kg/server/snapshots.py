"""Immutable checkpoints of the live store for the query workers.

After a write the next query triggers a new RocksDB checkpoint (hard links, a few
tens of milliseconds) inside the store folder; workers open it read-only. Old
checkpoints are deleted once no query uses them.
"""

from __future__ import annotations

import shutil
import threading
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

DIR_NAME = "kg-serve-snapshots"


class Snapshots:
    def __init__(self, store: ox.Store, store_dir: Path):
        self.store = store
        self.root = store_dir / DIR_NAME
        shutil.rmtree(self.root, ignore_errors=True)  # left over by a killed server
        self.root.mkdir(parents=True)
        self._lock = threading.Lock()
        self._in_use: Counter[str] = Counter()
        self.generation = 0
        self._dirty = True
        self._current = ""
        self.acquire()
        self.release(self._current)

    def mark_changed(self) -> None:
        with self._lock:
            self._dirty = True

    def acquire(self) -> str:
        """The newest checkpoint (made now if the store changed); pair with ``release``."""
        with self._lock:
            if self._dirty:
                self.generation += 1
                path = self.root / str(self.generation)
                self.store.backup(str(path))
                self._current = str(path)
                self._dirty = False
            self._in_use[self._current] += 1
            return self._current

    def release(self, path: str) -> None:
        with self._lock:
            self._in_use[path] -= 1
            stale = [p for p in self.root.iterdir() if str(p) != self._current and self._in_use[str(p)] <= 0]
            for p in stale:
                self._in_use.pop(str(p), None)
                shutil.rmtree(p, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
