"""The filters every listing takes besides names of metrics and sources: a place, a time window and a limit.

``listing_params`` turns them into parameters of the named queries (``queries/*.rq``), which apply
them: the place as its IRI (a name the store does not have is refused with the nearest one,
``kg.analysis.names.place_iri``), the window's dates checked. What they mean (docs/conflicts.md,
"Filters"):

- a claim is *at a place* when one of its places is that place or lies within it (``kg:within``);
- a claim is *in the window* ``[since, until]`` when its period overlaps it, dates compared at the
  coarser precision of the two (``--since 2018`` takes a period ending ``2018-11-30``; a period
  ``2014-08..2017`` is in ``--until 2017-06``). A period without a start is taken as its end, and a
  claim without a period is outside every window;
- a conflict matches when either of its two claims does;
- a limit keeps the first N rows in the listing's order (the query's ``LIMIT``).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from kg.analysis.names import place_iri

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class FilterError(ValueError):
    """A filter's value that means nothing (a date that is not one, a window that ends before it starts)."""


def check_date(option: str, text: str | None) -> str | None:
    """``text`` when it is a date at a year's, a month's or a day's precision (2018, 2018-05, 2018-05-03)."""
    if text is None:
        return None
    m = _DATE.fullmatch(text.strip())
    try:
        if m is None:
            raise ValueError
        year, month, day = (int(g) if g else None for g in m.groups())
        if month is not None:
            date(year, month, day or 1)
    except ValueError:
        raise FilterError(f"{option} {text!r}: not a date; give YYYY, YYYY-MM or YYYY-MM-DD, "
                          "e.g. 2018 or 2018-05-31") from None
    return text.strip()


def _last_day(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return date(year, month, parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1])


def _first_day(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return date(*parts[:3])


def check_window(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """The window's dates, checked; one that ends before it starts is refused."""
    since, until = check_date("--since", since), check_date("--until", until)
    if since and until and _first_day(since) > _last_day(until):
        raise FilterError(f"--since {since} is after --until {until}: the window would be empty")
    return since, until


def check_limit(limit: int | None) -> int | None:
    if limit is not None and limit < 0:
        raise FilterError(f"--limit {limit}: give a number of rows, 0 or more")
    return limit


def listing_params(kg_store, place: str | None = None, since: str | None = None,
                   until: str | None = None) -> dict[str, object]:
    """The named queries' ``place``, ``since`` and ``until`` parameters for these filters (only those given)."""
    since, until = check_window(since, until)
    params: dict[str, object] = {}
    if place:
        params["place"] = place_iri(kg_store, place)
    if since:
        params["since"] = since
    if until:
        params["until"] = until
    return params


def one_more(limit: int | None) -> int | None:
    """The limit to ask the store for, so that ``first_rows`` can tell whether rows were left out."""
    return None if limit is None else limit + 1


def first_rows(rows: list, limit: int | None) -> tuple[list, bool]:
    """The first ``limit`` rows of a listing read with ``one_more(limit)``, and whether more exist."""
    if limit is None or len(rows) <= limit:
        return rows, False
    return rows[:limit], True
