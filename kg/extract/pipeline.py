"""The extraction pipeline (placeholder until the stages land)."""

from __future__ import annotations

from kg import __version__
from kg.model import ArticleMeta, Claim
from kg.vocab import Vocabulary

EXTRACTOR_VERSION = f"kg-extract/{__version__}"


def extract(text: str, meta: ArticleMeta, vocab: Vocabulary) -> list[Claim]:
    return []
