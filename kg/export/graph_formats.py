"""Network files for graph tools: GraphML (yEd, Gephi), GEXF (Gephi), Cytoscape.js JSON, DOT (Graphviz)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

# Colours by relation kind (also the HTML page's); line styles keep them apart in grey-scale.
KIND_STYLE = {
    "contradiction": ("#d62728", "bold"),
    "discrepancy": ("#ff7f0e", "dashed"),
    "misreport": ("#9467bd", "dotted"),
    "corroboration": ("#2ca02c", "solid"),
    "revision": ("#1f77b4", "solid"),
    "downward-revision": ("#8c564b", "dashed"),
    "reported": ("#7f7f7f", "dashed"),
}
NODE_SHAPE = {"Organization": "ellipse", "Person": "ellipse", "Outlet": "box", "source": "ellipse",
              "article": "note", "claim": "box", "incident": "diamond", "metric": "hexagon"}


def with_unique_edge_ids(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with edge keys e0, e1, … (GraphML and Cytoscape want unique edge ids)."""
    h = nx.MultiDiGraph(**g.graph)
    h.add_nodes_from(g.nodes(data=True))
    for i, (u, v, data) in enumerate(g.edges(data=True)):
        h.add_edge(u, v, key=f"e{i}", **data)
    return h


def write_graphml(g: nx.MultiDiGraph, out: Path) -> None:
    nx.write_graphml(with_unique_edge_ids(g), out, encoding="utf-8", prettyprint=True)


def write_gexf(g: nx.MultiDiGraph, out: Path) -> None:
    h = with_unique_edge_ids(g)
    # GEXF gives each edge an id attribute of its own; the multigraph key is then redundant.
    for u, v, k, data in h.edges(keys=True, data=True):
        data["id"] = k
    nx.write_gexf(h, out, encoding="utf-8", prettyprint=True)


def cytoscape_elements(g: nx.MultiDiGraph) -> dict:
    """Cytoscape.js's JSON as Cytoscape and ``networkx.cytoscape_graph`` read it: ``{"elements": {"nodes":
    [{"data": {id, value, name, …}}], "edges": [{"data": {id, key, source, target, …}}]}}``.

    networkx takes a node's ``value`` for its key, so ``value`` is the node's id, and a claim's
    figure as a number is ``figure_value`` (next to ``figure``, its text)."""
    def node(n, data: dict) -> dict:
        attrs = {("figure_value" if k == "value" else k): v for k, v in data.items()}
        return {"data": {**attrs, "id": str(n), "value": str(n), "name": data.get("label", str(n)),
                         "label": data.get("label", str(n))}}

    nodes = [node(n, data) for n, data in g.nodes(data=True)]
    edges = [{"data": {**data, "id": f"e{i}", "key": f"e{i}", "source": str(u), "target": str(v)}}
             for i, (u, v, data) in enumerate(g.edges(data=True))]
    return {"format_version": "1.0", "generated_by": "kg", "target_cytoscapejs_version": "~3.30",
            "data": {"name": f"kg {g.graph.get('view', '')} network".strip(), **g.graph},
            "directed": True, "multigraph": True, "elements": {"nodes": nodes, "edges": edges}}


def write_cyjs(g: nx.MultiDiGraph, out: Path) -> None:
    out.write_text(json.dumps(cytoscape_elements(g), ensure_ascii=False, indent=1), encoding="utf-8")


def dot_quote(value) -> str:
    """A DOT quoted string: only the double quote needs escaping; line breaks become spaces."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")
    return f'"{text}"'


def to_pydot(g: nx.MultiDiGraph):
    import pydot

    dot = pydot.Dot(graph_name="kg", graph_type="digraph", strict=False)
    dot.set("overlap", "false")
    dot.set("splines", "true")
    ids = {n: f"n{i}" for i, n in enumerate(g.nodes)}
    for n, data in g.nodes(data=True):
        shape = NODE_SHAPE.get(data.get("type"), "ellipse")
        attrs = {k: dot_quote(v) for k, v in data.items()}
        attrs.setdefault("label", dot_quote(n))
        attrs["shape"] = shape
        dot.add_node(pydot.Node(ids[n], **attrs))
    for u, v, data in g.edges(data=True):
        colour, style = KIND_STYLE.get(data.get("kind"), ("#444444", "solid"))
        attrs = {k: dot_quote(v) for k, v in data.items()}
        attrs.update(color=dot_quote(colour), style=style,
                     penwidth=str(1 + min(int(data.get("weight", 1)), 6) * 0.5))
        if data.get("relation") == "compared":
            attrs["dir"] = "none"
        dot.add_edge(pydot.Edge(ids[u], ids[v], **attrs))
    return dot


def write_dot(g: nx.MultiDiGraph, out: Path) -> None:
    out.write_text(to_pydot(g).to_string(), encoding="utf-8")
