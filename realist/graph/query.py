"""Questions to the graph: what touches a node, how one theory feeds another; export for Gephi,
Cytoscape and networkx."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from realist.errors import UsageError
from realist.graph.build import node_id
from realist.text import did_you_mean

if TYPE_CHECKING:
    import networkx as nx

EXPORT_FORMATS = ("graphml", "gexf", "json")
_PREFIXES = ("excerpt", "transcript", "participant", "strand", "evidence", "phase", "memo")


def resolve(g: nx.MultiDiGraph, ident: str) -> str:
    """The node a researcher means: ``alpha``, ``alpha:C1``, ``psm`` (a strand), ``x12`` (an excerpt)...

    >>> resolve(build(project), "psm-time-to-reoffence")        # doctest: +SKIP
    'evidence:psm-time-to-reoffence'
    """
    if ident in g:
        return ident
    found = [node_id(kind, ident) for kind in _PREFIXES if node_id(kind, ident) in g]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise UsageError(f"'{ident}' could be {', '.join(found)}; say which")
    known = [n.split(":", 1)[1] if n.split(":", 1)[0] in _PREFIXES else n for n in g.nodes]
    hint = did_you_mean(ident, known)
    starts = sorted(k for k in known if k.startswith(ident) and ":" not in k)
    if not hint and starts:
        hint = f" (did you mean '{starts[0]}'?)"
    raise UsageError(f"nothing called '{ident}' in the graph{hint}; "
                     "give a theory id, an element (theory:C1), or an excerpt, transcript, participant, "
                     "strand, evidence or phase id")


def _edge_text(d: dict[str, Any]) -> str:
    parts = []
    for key in ("stance", "status", "via", "label", "phase", "coder"):
        if d.get(key):
            parts.append(f"{key} {d[key]}" if key in ("via", "phase", "coder") else str(d[key]))
    return ", ".join(parts)


def neighbours(g: nx.MultiDiGraph, ident: str, edge_type: str | None = None) -> list[dict[str, Any]]:
    """Every node one edge away, with the edge's type and direction (``out`` or ``in``)."""
    node = resolve(g, ident)
    rows = []
    for direction, edges in (("out", g.out_edges(node, data=True)), ("in", g.in_edges(node, data=True))):
        for u, v, d in edges:
            other = v if direction == "out" else u
            if edge_type and d["type"] != edge_type:
                continue
            rows.append({"direction": direction, "edge": d["type"], "node": other,
                         "type": g.nodes[other]["type"], "label": g.nodes[other].get("label"),
                         "detail": _edge_text(d)})
    rows.sort(key=lambda r: (r["direction"] != "out", r["edge"], r["node"]))
    return rows


def _theory_of(g: nx.MultiDiGraph, node: str) -> str:
    d = g.nodes[node]
    if d["type"] == "theory":
        return node
    if d.get("theory"):
        return str(d["theory"])
    raise UsageError(f"'{node}' is a {d['type']}; path works between theories or their elements")


def path(g: nx.MultiDiGraph, a: str, b: str) -> dict[str, Any]:
    """How theory ``a`` feeds theory ``b`` along the links between theories, through which elements.

    Follows links in their direction; when there is none, says so and gives the path that
    ignores direction, if any.
    """
    import networkx as nx

    start, end = _theory_of(g, resolve(g, a)), _theory_of(g, resolve(g, b))
    links = nx.DiGraph()
    for u, v, d in g.edges(data=True):
        if d["type"] == "links-to":
            links.add_edge(u, v, **{k: d.get(k) for k in ("via", "label", "via_node")})
    links.add_nodes_from([start, end])
    directed = True
    try:
        nodes = nx.shortest_path(links, start, end)
    except nx.NetworkXNoPath:
        directed = False
        try:
            nodes = nx.shortest_path(links.to_undirected(as_view=True), start, end)
        except nx.NetworkXNoPath:
            return {"from": start, "to": end, "directed": False, "hops": []}
    hops = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        forward = links.has_edge(u, v)
        d = links.edges[u, v] if forward else links.edges[v, u]
        via = d.get("via_node")
        hops.append({"from": u, "to": v, "forward": forward, "via": d.get("via"),
                     "via_text": g.nodes[via].get("label") if via else None, "label": d.get("label")})
    return {"from": start, "to": end, "directed": directed, "hops": hops}


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def flat_copy(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A sorted copy whose attributes are strings, numbers or booleans only (GraphML and GEXF need
    that): lists become ``a; b``, unset attributes are left out, edges get unique ids."""
    import networkx as nx

    h = nx.MultiDiGraph()
    h.graph.update({k: _flat(v) for k, v in g.graph.items() if v is not None})
    for n in sorted(g.nodes):
        h.add_node(n, **{k: _flat(v) for k, v in g.nodes[n].items() if v is not None and v != []})
    # edge keys become unique ids (e0, e1...): Gephi and Cytoscape identify edges by id
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for i, (u, v, _, d) in enumerate(edges):
        h.add_edge(u, v, key=f"e{i}", **{a: _flat(x) for a, x in d.items() if x is not None and x != []})
    return h


def export(g: nx.MultiDiGraph, fmt: str) -> str:
    """The graph as GraphML, GEXF (Gephi) or node-link JSON (networkx, d3), deterministic.

    >>> export(build(project), "graphml").startswith("<?xml")       # doctest: +SKIP
    True
    """
    import io

    import networkx as nx

    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown format '{fmt}'{did_you_mean(fmt, EXPORT_FORMATS)}; use graphml, gexf or json")
    h = flat_copy(g)
    if fmt == "json":
        data = nx.node_link_data(h, edges="edges")
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(h, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    else:
        # GEXF reserves an edge's "type" for directed/undirected: the relation goes under "relation"
        for _, _, d in h.edges(data=True):
            d["relation"] = d.pop("type")
        nx.write_gexf(h, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")
