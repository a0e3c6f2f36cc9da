"""Loader fuzzing: arbitrary bytes and arbitrary text never crash `kg load` or half-store an article."""

import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.load import Loader
from kg.stores import open_store

REPORTING = st.sampled_from([
    "at least", "more than", "nearly", "between 3 and", "up to", "-5", "10^30", "1e400", "0x1F", "½", "٣", "一百",
    "civilians were killed", "strikes", "reports are still open", "said", "according to", "since 2014",
    "\u202e", "\x00", "\ufeff", "“", "”", "—", "\n\n", "READ MORE:", "Share:", "2018-13-45",
])
TEXT = st.lists(st.one_of(REPORTING, st.text(max_size=40)), min_size=1, max_size=40).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(st.one_of(TEXT.map(str.encode), st.binary(max_size=300)), min_size=1, max_size=4))
def test_arbitrary_inputs_never_crash_the_loader(tmp_path_factory, docs):
    folder = tmp_path_factory.mktemp("fuzz")
    for i, data in enumerate(docs):
        (folder / f"{i}.txt").write_bytes(data)
    with open_store(folder / "store") as store:
        report = Loader(store).load_paths([folder])
        assert report.new + report.rejected + report.unchanged == len(docs)
        # Anything stored is whole: each stored article validates and has its text.
        for graph in store.article_graphs():
            assert store.query(f"ASK {{ GRAPH <{graph}> {{ <{graph}> <https://w3id.org/kg-claims/ns#text> ?t }} }}").boolean
        for error in report.errors:  # one line each, naming the file, no traceback
            assert "\n" not in error and "Traceback" not in error
            assert str(folder) in error


def test_the_cli_reports_bad_bytes_without_a_traceback(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe\x00\x00" * 50)
    (tmp_path / "b.txt").write_bytes("Officials said 12 civilians were killed in Mosul.".encode())
    out = subprocess.run([sys.executable, "-m", "kg.cli", "load", str(tmp_path), "--store", str(tmp_path / "s")],
                         capture_output=True, text=True)
    assert "Traceback" not in out.stderr
    assert out.returncode in (0, 1)
    assert "1 new" in out.stdout
