"""One self-contained HTML page: the source network drawn in SVG by a little vanilla JavaScript.

No CDN and no bundled library: the layout is computed here (networkx spring layout, seeded so
the page is the same every time); the page measures the names in its font, pushes apart nodes
whose names would overlap, draws, selects and searches.  The data goes
into a ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped as
``\\u003c`` …, and the script inserts every value with ``textContent``, so an article that
contains ``<script>`` shows it as text.  A Content-Security-Policy lets only the page's own
script run (by its hash) and forbids every network request.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from pathlib import Path

import networkx as nx

from kg.export.data import ExportData
from kg.export.graph_formats import KIND_STYLE
from kg.export.views import sources_view

TEMPLATE = Path(__file__).with_name("page.html")
WIDTH, HEIGHT, MARGIN = 1000, 700, 70
DASH = {"contradiction": "none", "discrepancy": "9 5", "misreport": "2 4", "corroboration": "none",
        "revision": "none", "downward-revision": "6 3", "reported": "4 4", "other": "none"}
LEGEND = {"contradiction": "contradict", "discrepancy": "differ", "misreport": "misreport",
          "corroboration": "agree", "reported": "outlet reported the source's figures"}
NODE_COLORS = {"Organization": "#56B4E9", "Person": "#CC79A7", "Outlet": "#E69F00"}


def escape_json_for_script(data) -> str:
    """JSON that cannot end its <script> block or open a comment: <, > and & as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Node positions in page pixels; linked sources close, unlinked ones spread around them."""
    if g.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(g.nodes)
    for u, v, d in g.edges(data=True):
        w = simple.get_edge_data(u, v, {}).get("weight", 0) + math.log2(1 + d.get("weight", 1))
        simple.add_edge(u, v, weight=w)
    k = 1.6 / math.sqrt(max(simple.number_of_nodes(), 1))
    pos = nx.spring_layout(simple, seed=7, k=k, iterations=200, weight="weight")
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    # A canvas whose area grows with the number of sources; the page then pushes apart nodes whose
    # names would overlap, once it has measured the names in its own font.
    grow = max(1.0, math.sqrt(simple.number_of_nodes() / 40))
    width, height = (WIDTH - 2 * MARGIN - 220) * grow, (HEIGHT - 2 * MARGIN) * grow
    return {n: (round(MARGIN + (p[0] - min(xs)) / span_x * width, 1),
                round(MARGIN + (p[1] - min(ys)) / span_y * height, 1)) for n, p in pos.items()}


def page_data(data: ExportData, title: str) -> dict:
    g = sources_view(data)
    pos = layout(g)
    claims = {}
    for iri, c in data.claims.items():
        row = c.as_dict()
        row.update(asserter_id=c.asserter, reported_by_id=c.outlet)
        claims[iri] = row
    asserted: dict[str, list[str]] = {}
    published: dict[str, list[str]] = {}
    for iri, c in sorted(data.claims.items(), key=lambda kv: (kv[1].metric, kv[1].period_end or "", kv[1].value)):
        asserted.setdefault(c.asserter, []).append(iri)
        if c.outlet:
            published.setdefault(c.outlet, []).append(iri)
    nodes = []
    for n, d in g.nodes(data=True):
        x, y = pos[n]
        nodes.append({"id": n, "label": d["label"], "type": d["type"], "source_type": d.get("source_type"),
                      "claims": d.get("claims", 0), "reported": d.get("reported", 0), "x": x, "y": y,
                      "asserted": asserted.get(n, []), "published": published.get(n, [])})

    pair_claims: dict[frozenset, list[dict]] = {}
    for r in data.relations:
        a, b = data.claims[r.a], data.claims[r.b]
        if a.asserter != b.asserter:
            pair_claims.setdefault(frozenset((a.asserter, b.asserter)), []).append(
                {"kind": r.kind, "a": r.a, "b": r.b, "ratio": r.ratio})
    edges, seen = [], {}
    for u, v, d in g.edges(data=True):
        pair = frozenset((u, v))
        bend = seen.get(pair, 0)
        seen[pair] = bend + 1
        if d["relation"] == "compared":
            pairs, listed = pair_claims.get(pair, []), []
        else:
            pairs = []
            listed = [iri for iri in published.get(u, []) if data.claims[iri].asserter == v]
        edges.append({"source": u, "target": v, "relation": d["relation"], "kind": d["kind"], "weight": d["weight"],
                      "label": d["label"], "bend": bend, "pairs": pairs, "claims": listed})
    styles = {kind: {"color": colour, "dash": DASH.get(kind, "none")} for kind, (colour, _) in KIND_STYLE.items()}
    styles["other"] = {"color": "#444444", "dash": "none"}
    return {"title": title, "width": WIDTH, "height": HEIGHT, "nodes": nodes, "edges": edges, "claims": claims,
            "styles": styles, "legend": LEGEND, "node_colors": NODE_COLORS}


def render_page(data: ExportData, title: str = "kg: who disagrees with whom") -> str:
    page = TEMPLATE.read_text(encoding="utf-8")
    page = page.replace("{{TITLE}}", html.escape(title)).replace("{{DATA}}", escape_json_for_script(page_data(data, title)))
    return _pin_script_hash(page)


def _pin_script_hash(page: str) -> str:
    """Allow exactly the page's own script in the Content-Security-Policy (by SHA-256), nothing injected."""
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    return page.replace("script-src 'unsafe-inline'", f"script-src {hashes}", 1)


def write_html(data: ExportData, out: Path, title: str = "kg: who disagrees with whom") -> None:
    Path(out).write_text(render_page(data, title), encoding="utf-8")
