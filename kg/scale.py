"""Loading beyond one process: N-Quads files for bulk loaders, and Dask clusters.

``kg extract --output DIR`` runs the same extraction and validation as ``kg load`` but
writes each batch's accepted articles to ``DIR/batch-NNNNNN.nq`` (plus the ontology
and reference data in ``DIR/reference.nq``), ready for the bulk loaders of Oxigraph,
Virtuoso, QLever or Neptune. ``--dask ADDRESS`` maps the batches over a Dask
distributed cluster (``local`` starts one on this machine); results stream back to
the one writer, which is the store (``kg load``) or the folder (``kg extract``).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from kg.load import Loader, Outcome
from kg.resources import ontology_files
from kg.stores.base import quads, reference_graphs


class NQuadsFolder:
    """Receives batches of outcomes and writes the accepted articles to one N-Quads file per batch."""

    def __init__(self, loader: Loader, out: Path):
        self.loader = loader
        self.out = out
        self.batches = 0
        out.mkdir(parents=True, exist_ok=True)
        with (out / "reference.nq").open("wb") as fh:
            for name, graph, _ in reference_graphs([*ontology_files(), *loader.sources]):
                fh.write(ox.serialize(quads(graph, name), format=ox.RdfFormat.N_QUADS))

    def __call__(self, outcomes: list[Outcome]) -> None:
        report = self.loader.report
        accepted = [o for o in outcomes if not o.error]
        for o in outcomes:
            if o.error:
                report.rejected += 1
                report.errors.append(f"{o.path}: {o.error}")
        if not accepted:
            return
        self.batches += 1
        target = self.out / f"batch-{self.batches:06d}.nq"
        partial = target.with_suffix(".nq.partial")  # renamed when whole: a crash leaves no half file
        with partial.open("wb") as fh:
            for o in accepted:
                fh.write(o.nquads)
        partial.rename(target)
        for o in accepted:
            report.count(o)


def extract_loader(out: Path, **loader_args) -> Loader:
    """A Loader without a store whose accepted batches go to N-Quads files in ``out``."""
    loader = Loader(None, **loader_args)
    loader.on_outcomes = NQuadsFolder(loader, out)
    return loader


class DaskExecutor:
    """Submits batches to a Dask cluster as impure tasks (each batch is new work, never a cached result)."""

    def __init__(self, client):
        self.client = client

    def submit(self, fn, *args):
        return self.client.submit(fn, *args, pure=False)


@contextmanager
def dask_executor(address: str, workers: int) -> Iterator[DaskExecutor]:
    """An executor on a dask.distributed cluster: ``local`` starts one of ``workers`` processes here."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a declared dependency
        raise RuntimeError("--dask needs dask.distributed: pip install 'dask[distributed]'") from exc
    if address == "local":
        with LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield DaskExecutor(client)
    else:
        with Client(address, timeout="10s") as client:
            yield DaskExecutor(client)
