"""Shared fixtures: a fresh on-disk store per test, the vocabulary, hand-made articles."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from kg.load import content_hash
from kg.model import Article, ArticleMeta, Claim, Period, SourceRef
from kg.resources import ontology_files
from kg.stores import open_store, sync_reference
from kg.vocab import vocabulary

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "seeds"


@pytest.fixture(scope="session")
def vocab():
    return vocabulary()


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "store")
    sync_reference(s, ontology_files())  # as the loader does: metric and bound notations live there
    yield s
    s.close()


@pytest.fixture
def seed_dir(tmp_path) -> Path:
    """A private copy of the seed articles and their manifest."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


CJTF = SourceRef("cjtf-oir", "CJTF-OIR")
AIRWARS = SourceRef("airwars", "Airwars")


def make_claim(**overrides) -> Claim:
    text = overrides.pop("quote", "CJTF-OIR assesses at least 817 civilians have been killed")
    base = dict(metric="civilians-killed", value=Decimal(817), bound="at-least", asserter=CJTF,
                period=Period("2014-08", "2017-11"), places=("iraq", "syria"), quote=text,
                start=0, end=len(text), confidence=0.9, rule="test")
    base.update(overrides)
    return Claim(**base)


def make_article(text: str = "CJTF-OIR assesses at least 817 civilians have been killed.\n", claims=(),
                 name: str = "hand.txt", publisher: str | None = "Sputnik", published: str | None = "2017-12") -> Article:
    meta = ArticleMeta(file_name=name, publisher=publisher, published=published)
    return Article(meta, text, content_hash(text), list(claims))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """A store folder with the seed articles, loaded by `kg load` (the real extractor), once per test module."""
    from typer.testing import CliRunner

    from kg.cli import app

    store = tmp_path_factory.mktemp("seeds") / "store"
    r = CliRunner().invoke(app, ["load", str(SEEDS), "--store", str(store), "-q"])
    assert r.exit_code == 0, r.output
    return store


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A store folder of 2,000 generated claims (bench.synthetic_claims), analysed, once per test module."""
    from bench.synthetic_claims import write_analysed_store

    path = tmp_path_factory.mktemp("generated") / "store"
    write_analysed_store(path, 2000)
    return path


def refusal(r) -> str:
    """The one line a refused command prints (exit 2, no traceback)."""
    assert r.exit_code == 2, (r.exception, r.output)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: "), r.stderr
    return lines[0]

