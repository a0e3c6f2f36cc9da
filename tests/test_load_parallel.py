"""Loading in batches and in a process pool gives exactly the triples of a plain load."""

import shutil
from pathlib import Path

from kg.load import Loader
from kg.stores import open_store

from bench.corpus import write_corpus

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def dump(path):
    """The article graphs' quads (the ontology's lists are blank nodes, named anew in each store)."""
    with open_store(path, read_only=True) as store:
        return sorted(q for q in store.dump_nquads().splitlines() if b"/kg-claims/graph/" not in q)


def test_workers_and_batches_store_the_same_triples(tmp_path, seed_dir):
    corpus = write_corpus(tmp_path / "corpus", 24, seed=3)
    for name in seed_dir.glob("*.txt"):
        shutil.copy(name, corpus / name.name)
    reports = {}
    for label, workers, batch in (("plain", 1, 1), ("batched", 1, 7), ("pool", 2, 5)):
        with open_store(tmp_path / label) as store:
            # committed a batch at a time: "plain" one transaction per article, the others the bulk loader
            reports[label] = Loader(store, workers=workers, batch_size=batch, commit_batch=batch).load_paths([corpus])
    assert {(r.new, r.rejected) for r in reports.values()} == {(29, 0)}
    assert len({r.claims for r in reports.values()}) == 1
    assert dump(tmp_path / "plain") == dump(tmp_path / "batched") == dump(tmp_path / "pool")


def test_the_same_text_twice_in_one_run_is_extracted_once_and_the_second_name_is_a_copy(tmp_path, seed_dir):
    (seed_dir / "copy.txt").write_bytes((seed_dir / "001_bf04cfafd866ef6d.txt").read_bytes())
    with open_store(tmp_path / "s") as store:
        report = Loader(store, batch_size=16).load_paths([seed_dir])
    with open_store(tmp_path / "alone") as store:
        alone = Loader(store, batch_size=16, copy_threshold=None).load_paths([SEEDS])
    assert (report.new, report.unchanged, report.copies, report.claims) == (6, 0, 1, alone.claims)


def test_a_rejected_article_in_a_batch_spares_the_others(tmp_path, seed_dir, monkeypatch):
    import kg.load
    from decimal import Decimal

    real_extract = kg.load.extract

    def extract_with_a_bad_claim(text, meta, vocab):
        claims = real_extract(text, meta, vocab)
        if meta.file_name.startswith("002"):
            for c in claims:
                c.value = Decimal(-1)
        return claims

    monkeypatch.setattr(kg.load, "extract", extract_with_a_bad_claim)
    with open_store(tmp_path / "s") as store:
        report = Loader(store, batch_size=8).load_paths([seed_dir])
        assert report.new + report.rejected == 5
        if report.rejected:  # the extractor found claims in 002: they were negated and rejected
            assert any("002_863f4b74bda37bd1.txt: rejected:" in e and "value" in e for e in report.errors)
            assert len(store.article_graphs()) == 4
