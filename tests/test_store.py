"""The embedded store: atomic per-article graphs, idempotent loads, removal, persistence."""

from kg.admin import remove_article
from kg.load import Loader, RejectedArticle, store_article
from kg.rdf import article_iri
from kg.stores import open_store

from conftest import make_article, make_claim


def test_an_article_is_stored_as_its_own_named_graph(store, vocab):
    art = make_article(claims=[make_claim()])
    store_article(store, art, vocab)
    iri = article_iri(art.content_hash)
    assert store.has_graph(iri)
    g = store.graph(iri)
    assert len(g) > 30
    # The union default graph sees the claim.
    res = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/kg-claims/ns#Claim> }")
    assert int(res.rows[0][0]) == 1


def test_an_invalid_claim_is_rejected_and_nothing_is_stored(store, vocab):
    good = make_article(text="first article\n", claims=[make_claim()])
    store_article(store, good, vocab)
    before = store.triple_count()
    bad = make_article(text="second article\n", claims=[make_claim(value=-3, quote="minus three civilians")])
    try:
        store_article(store, bad, vocab)
    except RejectedArticle as exc:
        assert "minus three civilians" in str(exc)
        assert "value" in str(exc)
    else:
        raise AssertionError("invalid claim was stored")
    assert store.triple_count() == before
    assert not store.has_graph(article_iri(bad.content_hash))


def test_loading_the_same_folder_twice_changes_nothing(tmp_path, seed_dir):
    store = open_store(tmp_path / "s")
    first = Loader(store).load_paths([seed_dir])
    assert (first.new, first.rejected) == (5, 0)
    count = store.triple_count()
    second = Loader(store).load_paths([seed_dir])
    assert (second.new, second.unchanged) == (0, 5)
    assert store.triple_count() == count


def test_the_store_persists_on_disk(tmp_path, seed_dir):
    path = tmp_path / "s"
    store = open_store(path)
    Loader(store).load_paths([seed_dir])
    count = store.triple_count()
    store.close()
    reopened = open_store(path, read_only=True)
    assert reopened.triple_count() == count
    assert len(reopened.article_graphs()) == 5


def test_remove_drops_one_article_graph(store, vocab):
    a = make_article(text="one\n", claims=[make_claim()])
    b = make_article(text="two\n", claims=[make_claim()])
    store_article(store, a, vocab)
    only_a = store.triple_count()
    store_article(store, b, vocab)
    assert store.triple_count() > only_a + 10  # b's graph, and the finding pairing b's claim with a's
    assert remove_article(store, article_iri(b.content_hash))
    assert store.triple_count() == only_a
    assert not remove_article(store, article_iri(b.content_hash))


def test_reference_data_lives_in_its_own_graphs(tmp_path, seed_dir):
    store = open_store(tmp_path / "s")
    Loader(store)
    res = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = {str(r[0]) for r in res.rows}
    assert graphs == {"https://w3id.org/kg-claims/graph/ontology", "https://w3id.org/kg-claims/graph/reference"}
    count = store.triple_count()
    Loader(store)  # unchanged reference data is not rewritten
    assert store.triple_count() == count


def test_rejected_file_does_not_stop_the_others(tmp_path, seed_dir):
    (seed_dir / "empty.txt").write_text("  \n")
    (seed_dir / "binary.txt").write_bytes(b"%PDF-1.4\x00\x01\x02")
    store = open_store(tmp_path / "s")
    report = Loader(store).load_paths([seed_dir])
    assert report.new == 5 and report.rejected == 2
    assert any("empty.txt: empty file" in e for e in report.errors)
    assert any("binary.txt: binary file" in e for e in report.errors)


def test_a_second_writer_fails_fast_naming_the_pid(tmp_path):
    import os
    import subprocess
    import sys

    import pytest

    from kg.stores import StoreError

    path = tmp_path / "s"
    holder = open_store(path)
    try:
        with pytest.raises(StoreError, match=f"store is locked by PID {os.getpid()}"):
            open_store(path)
        # Another process gets the same one-line answer.
        out = subprocess.run([sys.executable, "-m", "kg.cli", "load", str(tmp_path), "--store", str(path)],
                             capture_output=True, text=True)
        assert out.returncode == 2
        assert f"store is locked by PID {os.getpid()}" in out.stderr
        # Nor can a reader open it: pyoxigraph's read-only mode is undefined while another process writes.
        with pytest.raises(StoreError, match=f"store is being written by PID {os.getpid()}"):
            open_store(path, read_only=True)
    finally:
        holder.close()


def test_readers_share_the_store_and_keep_writers_out_until_they_close(tmp_path):
    import pytest

    from kg.stores import StoreError

    path = tmp_path / "s"
    open_store(path).close()
    first, second = open_store(path, read_only=True), open_store(path, read_only=True)
    with pytest.raises(StoreError, match="store is open for reading by another process"):
        open_store(path)
    first.close()
    second.close()
    open_store(path).close()


def test_a_killed_writers_pid_is_not_blamed_for_a_readers_lock(tmp_path):
    import pytest

    from kg.stores import LOCK_FILE, StoreError

    path = tmp_path / "s"
    open_store(path).close()
    reader = open_store(path, read_only=True)
    (path / LOCK_FILE).write_text("999999999")  # as left by a writer killed with SIGKILL
    with pytest.raises(StoreError, match="open for reading by another process"):
        open_store(path)
    reader.close()
    open_store(path).close()  # released: the next writer gets in


def test_an_ngo_publishing_its_own_press_release_is_its_outlet(store, vocab):
    art = make_article(claims=[make_claim()], publisher="Amnesty International")
    assert store_article(store, art, vocab) is not None
    res = store.query("""PREFIX schema: <https://schema.org/> PREFIX kg: <https://w3id.org/kg-claims/ns#>
        ASK { ?a schema:publisher <https://w3id.org/kg-claims/source/amnesty> .
              <https://w3id.org/kg-claims/source/amnesty> a kg:Outlet }""")
    assert res.boolean


def test_claims_rows_are_not_repeated_by_labels_shared_between_articles(store, vocab):
    from kg.analysis.queries import prepare, resolve

    for i in range(4):  # the same source, period and places in every article graph
        store_article(store, make_article(text=f"article {i}\n", claims=[make_claim(), make_claim(value=5)]), vocab)
    rows = store.query(prepare(resolve("claims"), {})).dicts()
    assert len(rows) == 8
    assert {str(r["place"]) for r in rows} in ({"Iraq|Syria"}, {"Syria|Iraq"})


def _article_quads(path) -> set[bytes]:
    """The quads of the article graphs and the findings (reference graphs hold blank nodes)."""
    with open_store(path, read_only=True) as store:
        return {q for q in store.dump_nquads().splitlines()
                if b"/kg-claims/graph/ontology>" not in q and b"/kg-claims/graph/reference>" not in q}


def test_a_batch_written_at_once_stores_what_one_transaction_per_article_stores(tmp_path, seed_dir):
    # writes of 5 go through the bulk loader (journaled); writes of 1 are one transaction each
    for name, batch in (("bulk", 5), ("each", 1)):
        with open_store(tmp_path / name) as store:
            report = Loader(store, batch_size=batch, commit_batch=batch).load_paths([seed_dir])
        assert (report.new, report.rejected) == (5, 0)
    assert _article_quads(tmp_path / "bulk") == _article_quads(tmp_path / "each")
    assert not any(b"/graph/journal>" in q for q in _article_quads(tmp_path / "bulk"))


_KILLED_MID_WRITE = """
import os, sys
from kg.load import Loader
from kg.stores import open_store

class HalfThenKilled:
    # stands in for pyoxigraph's store: the bulk write lands half its quads, then the process dies
    def __init__(self, real):
        self.real = real
    def __getattr__(self, name):
        return getattr(self.real, name)
    def bulk_load(self, data, **kw):
        lines = data.splitlines(keepends=True)
        self.real.bulk_load(b"".join(lines[: len(lines) // 2]), **kw)
        os._exit(9)

store = open_store(sys.argv[1])
store._store = HalfThenKilled(store._store)
Loader(store, batch_size=8).load_paths([sys.argv[2]])
"""


def test_a_bulk_write_cut_short_is_dropped_by_the_next_writer(tmp_path, seed_dir):
    import subprocess
    import sys

    clean, crashed = tmp_path / "clean", tmp_path / "crashed"
    with open_store(clean) as store:
        Loader(store).load_paths([seed_dir])
    killed = subprocess.run([sys.executable, "-c", _KILLED_MID_WRITE, str(crashed), str(seed_dir)])
    assert killed.returncode == 9
    # half an article's quads are on disk: the first to open the store, even a reader, drops them
    with open_store(crashed, read_only=True) as store:
        assert not store.query("ASK { GRAPH ?g { ?c a <https://w3id.org/kg-claims/ns#Claim> } }").boolean
    with open_store(crashed) as store:
        report = Loader(store).load_paths([seed_dir])
    assert (report.new, report.unchanged) == (5, 0)
    assert _article_quads(crashed) == _article_quads(clean)


def test_a_failed_bulk_write_falls_back_to_one_transaction_per_article(tmp_path, seed_dir):
    from kg.stores import StoreError

    def refuse(graphs):
        raise StoreError("disk full")

    with open_store(tmp_path / "s") as store:
        store.add_graphs_nquads = refuse
        report = Loader(store, batch_size=5).load_paths([seed_dir])
        assert (report.new, report.rejected) == (5, 0)
        assert len(store.article_graphs()) == 5
