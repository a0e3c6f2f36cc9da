"""Beyond one process: N-Quads files for bulk loaders, and a local Dask cluster of 2 workers."""

import pyoxigraph as ox
from typer.testing import CliRunner

from kg.cli import app
from kg.stores import open_store

from bench.corpus import write_corpus

runner = CliRunner()


def article_quads(path) -> set[bytes]:
    with open_store(path, read_only=True) as store:
        return {q for q in store.dump_nquads().splitlines() if b"/kg-claims/graph/" not in q}


def test_extract_writes_nquads_a_bulk_loader_takes(tmp_path, seed_dir):
    r = runner.invoke(app, ["load", str(seed_dir), "--store", str(tmp_path / "s"), "-q"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["extract", str(seed_dir), "--output", str(tmp_path / "nq"), "--batch-size", "2", "-q"])
    assert r.exit_code == 0, r.output
    assert "5 new, 0 unchanged, 0 rejected" in r.stdout
    files = sorted(p.name for p in (tmp_path / "nq").iterdir())
    assert files == ["batch-000001.nq", "batch-000002.nq", "batch-000003.nq", "reference.nq"]
    # Oxigraph's bulk loader takes the files; the articles are exactly those `kg load` stores.
    bulk = ox.Store(str(tmp_path / "bulk"))
    for f in files:
        bulk.bulk_load(path=str(tmp_path / "nq" / f), format=ox.RdfFormat.N_QUADS)
    bulk.flush()
    del bulk
    assert article_quads(tmp_path / "bulk") == article_quads(tmp_path / "s")


def test_a_local_dask_cluster_of_two_workers_stores_the_same_triples(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 30, seed=9)
    r = runner.invoke(app, ["load", str(corpus), "--store", str(tmp_path / "plain"), "-q"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["load", str(corpus), "--store", str(tmp_path / "dask"), "-q",
                            "--dask", "local", "--workers", "2", "--batch-size", "4"])
    assert r.exit_code == 0, r.output
    assert "30 new, 0 unchanged, 0 rejected" in r.stdout
    assert article_quads(tmp_path / "dask") == article_quads(tmp_path / "plain")


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path, seed_dir):
    r = runner.invoke(app, ["load", str(seed_dir), "--store", str(tmp_path / "s"), "--dask", "tcp://127.0.0.1:9"])
    assert r.exit_code == 2
    assert "--dask tcp://127.0.0.1:9: cannot reach the cluster" in r.stderr


def test_extract_takes_output_like_every_command_and_still_takes_out(seed_dir, tmp_path):
    for option in ("--output", "-o", "--out"):
        out = tmp_path / option.strip("-")
        r = runner.invoke(app, ["extract", str(seed_dir), option, str(out), "-q"])
        assert r.exit_code == 0, r.output
        assert list(out.glob("*.nq"))
