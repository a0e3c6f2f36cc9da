"""A disk that fills up mid-load (issue 20, case 5): one line saying so, a summary of what was stored
and what was not, no half-written article, and the same load finishes once there is room. On a real
tmpfs, so it needs root to mount one."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    # CI runs as root (.ci/run): a machine that cannot mount a small tmpfs fails this test, never skips it
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True, text=True)
    assert done.returncode == 0, f"cannot mount an 8 MiB tmpfs for the full-disk test (run as root): {done.stderr.strip()}"
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def article_graphs(store: Path) -> dict[str, int]:
    """Each article graph and its number of quads."""
    s = ox.Store.read_only(str(store))
    counts: dict[str, int] = {}
    for q in s.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode) and "/article/" in q.graph_name.value:
            counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1
    return counts


def test_a_full_disk_mid_load_is_one_line_and_leaves_whole_articles(small_disk, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(80):
        for seed in SEEDS.glob("*.txt"):
            (corpus / f"{seed.stem}_{i}.txt").write_text(seed.read_text() + f"\nReference {i}.\n")
    reference = tmp_path / "reference"
    # the variants are copies of the seeds: stored as such, without claims, they no longer fill the disk
    assert kg("load", str(corpus), "--store", str(reference), "-q", "--no-copies").returncode in (0, 1)
    whole = article_graphs(reference)

    store = small_disk / "store"
    full = kg("load", str(corpus), "--store", str(store), "--no-copies", "-q")
    assert full.returncode == 2, full.stderr[-2000:]
    lines = [line for line in full.stderr.strip().splitlines() if not line.startswith("loading: ")]  # progress
    assert len(lines) == 1 and lines[0].startswith(f"kg: {store}: the disk is full"), full.stderr[-2000:]
    assert "free some space" in lines[0] and "Traceback" not in full.stderr
    # the load's summary says what it stored and what it did not
    summary = full.stdout.strip().splitlines()
    assert len(summary) == 2, full.stdout
    new = int(re.match(r"(\d+) new, 0 unchanged, 0 rejected article\(s\); (\d+) claim\(s\) stored", summary[0])[1])
    left = re.match(r"stopped: (\d+) article\(s\) read but not stored and (\d+) input\(s\) not read; every article "
                    r"stored is whole and none is half-written: the same kg load stores the rest once there is room",
                    summary[1])
    assert left, summary[1]

    subprocess.run(["mount", "-o", "remount,size=400m", str(small_disk)], check=True)
    assert kg("check", "--store", str(store)).returncode == 0
    stored = article_graphs(store)
    assert 0 < len(stored) < len(whole)
    assert {g: whole[g] for g in stored} == stored, "an article was stored in part"
    assert len(stored) == new and new + int(left[1]) + int(left[2]) == len(whole) == 400, (summary, len(stored))

    again = kg("load", str(corpus), "--store", str(store), "--no-copies")
    assert again.returncode in (0, 1), again.stderr[-2000:]
    assert article_graphs(store) == whole
    assert kg("check", "--store", str(store)).returncode == 0
