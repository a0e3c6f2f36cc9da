"""Claim extraction: a pipeline of small stages from article text to claims.

Public entry points:
- ``normalise(raw) -> str``: the text kg stores; evidence offsets point into it.
- ``extract(text, meta, vocab) -> list[Claim]``: the claims found in normalised text.
"""

from kg.extract.pipeline import EXTRACTOR_VERSION, extract
from kg.extract.text import normalise

__all__ = ["EXTRACTOR_VERSION", "extract", "normalise"]
