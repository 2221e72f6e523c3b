"""`realist graph neighbours | path | export`: query and export the theory graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from realist.cli.common import emit_json, format_option, open_project, project_option
from realist.cli.lazy import LazyGroup


@click.group(cls=LazyGroup, lazy={})
def graph() -> None:
    """Query and export the theory graph (theories, elements, evidence, excerpts, phases).

    \b
    Example:
      realist graph neighbours trusting-relationships
      realist graph path flexibility control-to-deter
      realist graph profile flexibility
      realist graph export --format graphml --out iom.graphml
    """


@graph.command()
@click.argument("ident", metavar="ID")
@click.option("--edge", "edge_type", default=None, help="Only edges of this type (e.g. links-to, coded-as).")
@project_option
@format_option("text", "tsv", "json")
def neighbours(ident: str, edge_type: str | None, project_path: Path | None, fmt: str | None) -> None:
    """List everything one edge away from a theory, element, excerpt, strand, evidence or phase.

    \b
    Example:
      realist graph neighbours trusting-relationships
      realist graph neighbours control-to-deter:M1 --edge coded-as
      realist graph neighbours psm
    """
    from realist import ui
    from realist.errors import UsageError
    from realist.graph.build import EDGE_TYPES, build
    from realist.graph.query import neighbours as find
    from realist.graph.query import resolve
    from realist.text import did_you_mean

    if edge_type is not None and edge_type not in EDGE_TYPES:
        raise UsageError(f"no edge type '{edge_type}'{did_you_mean(edge_type, EDGE_TYPES)}; "
                         f"edge types: {', '.join(EDGE_TYPES)}")
    g = build(open_project(project_path))
    node = resolve(g, ident)
    rows = find(g, node, edge_type)
    fmt = fmt or ("text" if ui.is_terminal() else "tsv")
    if fmt == "json":
        emit_json({"node": node, "type": g.nodes[node]["type"], "label": g.nodes[node].get("label"),
                   "neighbours": rows})
        return
    if fmt == "tsv":
        sys.stdout.write("direction\tedge\tnode\ttype\tlabel\tdetail\n")
        for r in rows:
            sys.stdout.write("\t".join(str(r[k] or "") for k in ("direction", "edge", "node", "type", "label",
                                                                 "detail")) + "\n")
        return
    sys.stdout.write(f"{node} ({g.nodes[node]['type']}): {g.nodes[node].get('label') or ''}\n")
    for r in rows:
        arrow = "->" if r["direction"] == "out" else "<-"
        detail = f" [{r['detail']}]" if r["detail"] else ""
        sys.stdout.write(f"  {arrow} {r['edge']:<15} {r['node']} ({r['type']}){detail}: {r['label'] or ''}\n")
    if not rows:
        sys.stderr.write("no neighbours\n")


@graph.command()
@click.argument("theory_id", metavar="ID")
@project_option
@format_option("text", "json", default="text")
def profile(theory_id: str, project_path: Path | None, fmt: str) -> None:
    """Show the evidence profile of a theory and of each of its elements.

    Excerpts by stance (+ supports, - refutes, ~ refines) and by strand,
    distinct participants, sites and stages, quantitative results and their
    significance, and the elements with no evidence at all.

    \b
    Example:
      realist graph profile trusting-relationships
    """
    from realist.graph.build import build
    from realist.graph.profile import theory_profile
    from realist.graph.render import profile_text

    project = open_project(project_path)
    project.theory(theory_id)
    p = theory_profile(build(project), theory_id)
    if fmt == "json":
        emit_json(p.as_dict())
    else:
        sys.stdout.write(profile_text(p))


@graph.command()
@click.argument("start", metavar="A")
@click.argument("end", metavar="B")
@project_option
@format_option("text", "json", default="text")
def path(start: str, end: str, project_path: Path | None, fmt: str) -> None:
    """Show how theory A feeds theory B along the links between theories, and through which elements.

    A and B may be theories or elements (theory:O1). Links are followed in
    their direction; when no such path exists, the path against the direction
    of some links is shown and marked.

    \b
    Example:
      realist graph path flexibility control-to-deter
    """
    from realist.graph.build import build
    from realist.graph.query import path as find

    g = build(open_project(project_path))
    result = find(g, start, end)
    if fmt == "json":
        emit_json(result)
        return
    if not result["hops"]:
        sys.stdout.write(f"no connection between {result['from']} and {result['to']}\n")
        return
    if not result["directed"]:
        sys.stdout.write(f"{result['from']} does not feed {result['to']} in the direction of the links; "
                         "the connection ignoring direction:\n")
    for hop in result["hops"]:
        via = f" via {hop['via']} ({hop['via_text']})" if hop["via"] else ""
        if hop["forward"]:
            sys.stdout.write(f"  {hop['from']} -> {hop['to']}{via}")
        else:
            sys.stdout.write(f"  {hop['from']} <- {hop['to']} (their link{via})")
        sys.stdout.write(f": {hop['label']}\n" if hop["label"] else "\n")


@graph.command()
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), default="graphml",
              help="graphml (Cytoscape, Gephi, yEd), gexf (Gephi) or json (networkx node-link).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="Write to this file (default: standard output).")
@project_option
def export(fmt: str, out: Path | None, project_path: Path | None) -> None:
    """Export the whole graph for Gephi, Cytoscape or networkx.

    Node and edge attributes are described in docs/graph.md. Lists are
    written as "a; b"; unset attributes are left out. Excerpt quotes are
    included: keep the file as private as the transcripts.

    \b
    Example:
      realist graph export --format graphml --out iom.graphml
      realist graph export --format json > iom.json
    """
    from realist.graph.build import build
    from realist.graph.query import export as dump
    from realist.store.atomic import atomic_write_text

    g = build(open_project(project_path))
    text = dump(g, fmt)
    if out is None:
        sys.stdout.write(text)
        return
    atomic_write_text(out, text)
    sys.stderr.write(f"wrote {out} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)\n")
