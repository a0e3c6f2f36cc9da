"""A load killed with SIGKILL leaves only whole articles; loading again completes the store exactly.

While the load runs its progress is read from a copy of the folder: the store itself refuses
readers while a writer works (pyoxigraph's read-only mode is undefined then).
"""

import os
import shutil
import signal
import subprocess
import sys
import time

from kg.stores import open_store

from bench.corpus import write_corpus


def graphs(path) -> dict[bytes, set[bytes]]:
    """Each article graph's quads, by graph name (reference graphs left out: their lists are blank nodes)."""
    out: dict[bytes, set[bytes]] = {}
    with open_store(path, read_only=True) as store:
        for quad in store.dump_nquads().splitlines():
            if b"/kg-claims/graph/" in quad:
                continue
            name = quad.rsplit(b" ", 2)[-2]
            out.setdefault(name, set()).add(quad)
    return out


def findings_of(path) -> set[bytes]:
    """The findings graph's quads (conflicts worked out at load time), a listing group's pages one quad a finding
    on them and pages of sides one a claim: which page holds a finding or a claim follows the batches that wrote
    it, which a crash and a reload change."""
    with open_store(path, read_only=True) as store:
        quads = [q for q in store.dump_nquads().splitlines() if b"/kg-claims/graph/findings>" in q]
    return {line for q in quads for line in _a_finding_a_quad(q)}


def _a_finding_a_quad(quad: bytes) -> list[bytes]:
    if b"#sidePage> " in quad:  # pages of sides, like a group's pages, follow the batches: a claim's line a quad
        return [quad.partition(b"#sidePage> ")[0] + b"#sidePage> (a page)"]
    if b"#listedSides> " in quad:
        _, _, rest = quad.partition(b' "')
        page, _, tail = rest.rpartition(b'" ')
        return [b'(a page) "' + line + b'" ' + tail for line in page.split("\ue002".encode())]
    if b"#listedFindings> " not in quad:
        return [quad]
    head, _, rest = quad.partition(b' "')
    page, _, tail = rest.rpartition(b'" ')
    return [head + b' "' + entry + b'" ' + tail for entry in page.split(b"\\n")]


def articles_in_a_copy(path, scratch) -> int:
    """Articles stored so far, read from a copy of the folder: the store itself cannot be opened
    while the load writes it. A copy caught mid-write may not open; that counts as none yet."""
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        shutil.copytree(path, scratch, ignore=shutil.ignore_patterns("kg.lock"))
        with open_store(scratch, read_only=True) as store:
            return len(store.article_graphs())
    except Exception:  # noqa: BLE001 - a torn copy, or nothing written yet
        return 0


def kg_load(corpus, store, *extra):
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "load", str(corpus), "--store", str(store), "-q", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_sigkill_mid_load_then_reload_gives_the_clean_store(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 100, seed=11)
    clean = tmp_path / "clean"
    assert kg_load(corpus, clean, "--batch-size", "4").wait() == 0
    expected = graphs(clean)
    assert len(expected) == 100

    crashed = tmp_path / "crashed"
    proc = kg_load(corpus, crashed, "--batch-size", "4", "--commit-size", "4")
    deadline = time.time() + 120
    stored = {}
    while time.time() < deadline:  # kill once some, but not all, articles are in
        time.sleep(0.5)
        if articles_in_a_copy(crashed, tmp_path / "peek") >= 8:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = graphs(crashed)
    assert 0 < len(stored) < 100, "the kill should land mid-load"
    for name, quads in stored.items():  # only whole articles
        assert quads == expected[name]

    # The lock of the killed writer is released by the kernel; a second load completes the store.
    again = kg_load(corpus, crashed, "--batch-size", "4")
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert f"{100 - len(stored)} new, {len(stored)} unchanged, 0 rejected".encode() in out
    assert graphs(crashed) == expected
    # ... and its findings (conflicts worked out at load time): those of the batch the kill
    # interrupted were finished by the second load; nothing is left awaiting analysis.
    assert findings_of(crashed) == findings_of(clean) and len(findings_of(clean)) > 50
    assert not any(b"awaitingAnalysis" in q for q in findings_of(crashed))


def test_two_loads_on_one_store_fail_fast_with_the_pid(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 60, seed=5)
    first = kg_load(corpus, tmp_path / "s", "--batch-size", "2")
    try:
        deadline = time.time() + 60
        while not (tmp_path / "s" / "kg.lock").exists() and time.time() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        second = kg_load(corpus, tmp_path / "s")
        _, err = second.communicate(timeout=120)
        if first.poll() is None:  # still writing: the second one must have been refused
            assert second.returncode == 2
            assert f"store is locked by PID {first.pid}".encode() in err
    finally:
        first.communicate(timeout=600)
    assert first.returncode == 0
    assert len(graphs(tmp_path / "s")) == 60
