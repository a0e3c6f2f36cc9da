"""'did you mean …?': the names kg knows that are nearest to one it does not."""

from __future__ import annotations

import difflib
from typing import Iterable


def did_you_mean(text: str, names: Iterable[str]) -> str:
    """``"; did you mean NAME?"`` for the name closest to ``text`` in spelling, else for up to three
    names that contain it ("mosul" in "2017-05 airstrike in Mosul"), all in any case; ``""`` when none."""
    by_folded: dict[str, str] = {}
    for name in names:
        by_folded.setdefault(name.casefold(), name)
    wanted = text.casefold()
    close = difflib.get_close_matches(wanted, list(by_folded), n=1) or sorted(n for n in by_folded if wanted in n)[:3]
    if not close:
        return ""
    spelled = [by_folded[n] for n in close]
    return f"; did you mean {' or '.join(spelled)}?"
