"""Charts of the figures with matplotlib (Agg backend, no display needed): PNG or SVG (``kg.formats.CHARTS``).

``timeline``: each source's figures against the end of their period.  Exact figures are
filled markers, approximations hollow markers with a ±10 % bar, ranges vertical bars,
"at least"/"more than" a marker with an arrow up ("at most"/"less than": down); one
source's figures for the same start, places and incident are joined in period order,
so revisions read as a line.  ``compare``: one bar (or interval) per source for one
comparable period.  Sources differ by marker, line style and hatching as well as by
colour, so the charts stay readable in grey-scale.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display on servers and in CI
matplotlib.rcParams["svg.fonttype"] = "none"  # SVG text stays text: searchable and editable

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from kg.analysis.names import check_names  # noqa: E402
from kg.export.data import ClaimRow, fetch_claims  # noqa: E402
from kg.formats import CHARTS  # noqa: E402

COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]  # Okabe-Ito
MARKERS = ["o", "s", "D", "P", "X", "h", "*", "p"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 2)), (0, (8, 2))]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "++", "--"]
UP = ("at-least", "more-than")
DOWN = ("at-most", "less-than")
APPROX_TOLERANCE = 0.10


class PlotError(ValueError):
    """Nothing to draw for what was asked; the message says what exists."""


def period_end_date(iso: str) -> date:
    """The last day a period end at its precision covers: '2017' -> 2017-12-31, '2017-11' -> 2017-11-30."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts[:3])


def same_at_shared_precision(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    n = min(len(a), len(b))
    return a[:n] == b[:n]


# sources told apart by style; the rest share one grey style as "other sources"
DISTINCT_SOURCES = 20
OTHER = {"color": "#999999", "marker": ".", "linestyle": (0, (1, 3)), "hatch": ""}


class _Styles:
    """One colour, marker, line style and hatch per source, in order of first appearance: the marker and line style
    pair differs for the first DISTINCT_SOURCES sources (the line style moves on by one every round of markers, so
    it reads in grey-scale too); later sources share OTHER."""

    def __init__(self, sources: list[str]):
        self.index = {s: i for i, s in enumerate(sources)}
        self.others = sources[DISTINCT_SOURCES:]

    def __call__(self, source: str) -> dict:
        i = self.index[source]
        if i >= DISTINCT_SOURCES:
            return OTHER
        shifted = i + i // len(MARKERS)
        return {"color": COLOURS[i % len(COLOURS)], "marker": MARKERS[i % len(MARKERS)],
                "linestyle": LINESTYLES[shifted % len(LINESTYLES)], "hatch": HATCHES[shifted % len(HATCHES)]}

    def legend(self, sources: list[str]) -> list[Line2D]:
        handles = [Line2D([], [], color=self(s)["color"], marker=self(s)["marker"], linestyle=self(s)["linestyle"],
                          label=s) for s in sources[:DISTINCT_SOURCES]]
        if self.others:
            handles.append(Line2D([], [], color=OTHER["color"], marker=OTHER["marker"], linestyle=OTHER["linestyle"],
                                  label=f"other sources ({len(self.others)})"))
        return handles


def _thousands(ax) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))


def _metric_label(claims: list[ClaimRow], metric: str) -> str:
    return next((c.metric_label for c in claims if c.metric_label), metric.replace("-", " "))


def _save(fig, out: Path, fmt: str | None) -> None:
    fig.savefig(out, format=CHARTS.pick(fmt, out), dpi=150, bbox_inches="tight")
    plt.close(fig)


def _claims(store, metric: str, asserter: str | None = None, filters: dict | None = None,
            limit: int | None = None) -> list[ClaimRow]:
    """The figures to draw: a metric's, a source's, at a place and in a time window (``filters``:
    kg.analysis.filters.listing_params), the first ``limit``."""
    check_names(store, metric=metric, asserter=asserter)
    claims = list(fetch_claims(store, metric=metric, asserter=asserter, filters=filters, limit=limit).values())
    if not claims:
        chosen = "".join(f" {k} {v}" for k, v in (filters or {}).items() if k != "place")
        place = f" at {str((filters or {})['place']).rsplit('/', 1)[-1]}" if (filters or {}).get("place") else ""
        raise PlotError(f"no claims for metric {metric!r}" + (f" asserted by {asserter!r}" if asserter else "")
                        + place + (f" with{chosen}" if chosen else ""))
    return claims


def _arrow(ax, x, y, colour: str, up: bool) -> None:
    ax.annotate("", xy=(x, y), xytext=(0, 22 if up else -22), textcoords="offset points",
                arrowprops={"arrowstyle": "<|-", "color": colour, "lw": 1.4, "shrinkA": 0, "shrinkB": 4})


def revision_lines(claims: list[ClaimRow]) -> list[tuple[str, list[ClaimRow]]]:
    """Each source's revised series: figures for the same start, places and incident, by period end.

    A series with one figure is not a line; when a period end has several figures the first is kept.
    Figures without a stated start are not joined: nothing says they count from the same day.
    """
    series: dict[tuple, list[ClaimRow]] = defaultdict(list)
    for c in claims:
        if c.period_end and c.period_start:
            series[(c.asserter_label, c.period_start, c.places, c.incident)].append(c)
    lines = []
    for (source, *_), members in sorted(series.items(), key=lambda kv: str(kv[0])):
        by_end: dict[str, ClaimRow] = {}
        for c in sorted(members, key=lambda c: (c.period_end, c.value)):
            by_end.setdefault(c.period_end, c)
        if len(by_end) >= 2:
            lines.append((source, list(by_end.values())))
    return lines


def timeline(store, out: Path, metric: str, asserter: str | None = None, fmt: str | None = None,
             filters: dict | None = None, limit: int | None = None) -> str:
    claims = _claims(store, metric, asserter, filters, limit)
    dated = [c for c in claims if c.period_end]
    if not dated:
        raise PlotError(f"none of the {len(claims)} claims for {metric!r} has a resolved period to place on a timeline")
    dated.sort(key=lambda c: (c.asserter_label, c.period_end, c.value))
    sources = sorted({c.asserter_label for c in dated}, key=lambda s: -max(c.value for c in dated if c.asserter_label == s))
    style = _Styles(sources)
    label = _metric_label(dated, metric)

    fig, ax = plt.subplots(figsize=(10, 6))
    for source, points in revision_lines(dated):
        s = style(source)
        ax.plot([period_end_date(c.period_end) for c in points], [c.value for c in points],
                color=s["color"], linestyle=s["linestyle"], lw=1.6, alpha=0.9, zorder=2)

    labels: dict[tuple, list[str]] = {}  # one label per drawn point: "≥1,061 / 1,061", not two overprinted
    for c in dated:
        s = style(c.asserter_label)
        x, y = period_end_date(c.period_end), c.value
        hollow = c.bound == "approx"
        if c.bound == "range" and c.value_max is not None:
            ax.vlines(x, c.value, c.value_max, colors=s["color"], lw=6, alpha=0.55, zorder=3)
            ax.plot([x, x], [c.value, c.value_max], linestyle="none", marker="_", markersize=18,
                    color=s["color"], zorder=4)
            y = (c.value + c.value_max) / 2
        elif hollow:
            ax.errorbar(x, y, yerr=y * APPROX_TOLERANCE, color=s["color"], capsize=4, lw=1, zorder=3)
        ax.plot([x], [y], linestyle="none", marker=s["marker"], markersize=8, color=s["color"],
                markerfacecolor="white" if hollow else s["color"], markeredgecolor=s["color"], zorder=5)
        if c.bound in UP or c.bound in DOWN:
            _arrow(ax, x, c.value, s["color"], up=c.bound in UP)
        labels.setdefault((x, y), []).append(c.figure)

    if len(labels) <= 40:
        for (x, y), figures in labels.items():
            ax.annotate(" / ".join(dict.fromkeys(figures)), (x, y), xytext=(7, 3), textcoords="offset points",
                        fontsize=8, color="#222222")
    ax.set_ylim(bottom=0)
    top = max(max(c.value_max or c.value for c in dated), 1)
    ax.set_ylim(top=top * 1.12)
    _thousands(ax)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_xlabel("end of the period the figure covers")
    ax.set_ylabel(label)
    ax.set_title(f"{label} ({metric}): each source's figures over time")
    ax.grid(True, color="#dddddd", lw=0.6)
    handles = style.legend(sources)
    handles += [Line2D([], [], color="#555555", marker="$\\uparrow$", linestyle="none", markersize=10,
                       label="at least / more than"),
                Line2D([], [], color="#555555", lw=6, alpha=0.55, label="range (low–high)"),
                Line2D([], [], color="#555555", marker="o", markerfacecolor="white", linestyle="none",
                       label="approximately (±10 %)")]
    ax.legend(handles=handles, loc="upper left", fontsize=8, framealpha=0.9)
    _save(fig, out, fmt)
    skipped = len(claims) - len(dated)
    return f"{len(dated)} figures from {len(sources)} sources" + (f"; {skipped} without a period left out" if skipped else "")


def parse_period(text: str) -> tuple[str | None, str | None]:
    if "/" not in text:
        raise PlotError(f"--period {text!r}: expected START/END, e.g. 2014-08/2018-11 (either side may be empty)")
    start, end = (p.strip() or None for p in text.split("/", 1))
    for part in (start, end):
        if part is not None:
            try:
                period_end_date(part)
            except (ValueError, TypeError):
                raise PlotError(f"--period {text!r}: {part!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    if start is None and end is None:
        raise PlotError("--period: give at least a start or an end")
    return start, end


def compare(store, out: Path, metric: str, period: str, fmt: str | None = None, filters: dict | None = None,
            limit: int | None = None) -> str:
    start, end = parse_period(period)
    claims = _claims(store, metric, filters=filters, limit=limit)
    chosen = [c for c in claims
              if (start is None or same_at_shared_precision(start, c.period_start))
              and (end is None or same_at_shared_precision(end, c.period_end))]
    if not chosen:
        periods = sorted({f"{c.period_start or ''}/{c.period_end or ''}" for c in claims})
        raise PlotError(f"no {metric} figure for the period {period}; periods with figures: {', '.join(periods)}")
    # One figure per source: its latest (by period end, then publication).
    latest: dict[str, ClaimRow] = {}
    for c in sorted(chosen, key=lambda c: (c.period_end or "", c.published or "", c.value)):
        latest[c.asserter_label] = c
    sources = sorted(latest, key=lambda s: latest[s].value)
    style = _Styles(sources)
    label = _metric_label(chosen, metric)

    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(sources) + 3), 6))
    for i, source in enumerate(sources):
        c, s = latest[source], style(source)
        bar = {"color": s["color"], "alpha": 0.75, "edgecolor": "black", "hatch": s["hatch"], "width": 0.6}
        if c.bound == "range" and c.value_max is not None:
            ax.bar(i, c.value_max - c.value, bottom=c.value, **bar)
            top = c.value_max
        else:
            ax.bar(i, c.value, **bar)
            top = c.value
            if c.bound == "approx":
                ax.errorbar(i, c.value, yerr=c.value * APPROX_TOLERANCE, color="black", capsize=6)
            if c.bound in UP or c.bound in DOWN:
                _arrow(ax, i, c.value, "black", up=c.bound in UP)
        ax.annotate(c.figure, (i, top), xytext=(0, 26 if c.bound in UP else 4), textcoords="offset points",
                    ha="center", fontsize=9)
    ax.set_xticks(range(len(sources)))
    ax.set_xticklabels([f"{s}\n({latest[s].period_start or '…'} – {latest[s].period_end or '…'})" for s in sources],
                       fontsize=9)
    ax.set_ylim(0, max(c.value_max or c.value for c in latest.values()) * 1.2 or 1)
    _thousands(ax)
    ax.set_ylabel(label)
    ax.set_xlabel("source (period of its figure)")
    ax.set_title(f"{label} ({metric}), period {start or '…'} – {end or '…'}")
    ax.grid(True, axis="y", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    ax.legend(handles=[matplotlib.patches.Patch(facecolor=style(s)["color"], alpha=0.75, edgecolor="black",
                                                hatch=style(s)["hatch"], label=s) for s in sources],
              fontsize=8, loc="upper left")
    _save(fig, out, fmt)
    return f"{len(sources)} sources for {start or '…'}/{end or '…'}"
