"""Text stage: normalise raw article text into the text kg stores."""

from __future__ import annotations

import unicodedata


def normalise(raw: str) -> str:
    """NFKC, Unix newlines, no trailing blanks. Offsets of claims point into the result."""
    text = unicodedata.normalize("NFKC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"
