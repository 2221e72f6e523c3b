"""The graph model: typed nodes and edges, profiles, queries and export read back."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from graphkit import coded, excerpt, participant, transcript

from realist.errors import UsageError
from realist.graph import EDGE_TYPES, NODE_TYPES, build, theory_profile
from realist.graph.query import export, neighbours, path, resolve
from realist.store.project import load_project

EVIDENCE = """\
id: psm-x
title: A matched comparison
strand: psm
design: matched-comparison
p_value: 0.01
bears_on:
  - {target: beta:O1, stance: supports}
"""


def sample(make_project):
    root = make_project({"theories/evidence/psm-x.yaml": EVIDENCE})
    project = load_project(root)
    data = coded(
        [transcript("t1", stage="second", site="A", participants=("P1",)),
         transcript("t2", stage="third", site="B", type="focus-group", participants=("P2", "P3"))],
        [participant("P1", "staff", "A"), participant("P2", "recipient", "B"), participant("P3", "staff", "B")],
        [excerpt("x1", "t1", ["alpha:C1", "alpha:M1", "alpha:O1"], participant="P1"),
         excerpt("x2", "t2", ["alpha:M1", "free:hope"], stance="refutes", participant="P2"),
         excerpt("x3", "t2", ["beta"], stance="refines", participant="P3")],
        [type("Memo", (), {"id": "m1", "text": "Why x2 matters", "about": ["excerpt:x2"], "phase": "third"})()])
    return project, build(project, data)


def edges(g, kind):
    return {(u, v) for u, v, d in g.edges(data=True) if d["type"] == kind}


def test_nodes_and_edges_are_typed(make_project):
    project, g = sample(make_project)
    assert {d["type"] for _, d in g.nodes(data=True)} <= set(NODE_TYPES)
    assert {d["type"] for _, _, d in g.edges(data=True)} <= set(EDGE_TYPES)
    assert g.nodes["alpha"]["type"] == "theory" and g.nodes["alpha"]["rating"] == "plausible"
    c1 = g.nodes["alpha:C1"]
    assert (c1["type"], c1["theory"], c1["element"], c1["role"], c1["label"]) == (
        "context", "alpha", "C1", "requirement", "Small caseloads")
    assert g.nodes["alpha:M1"]["mechanism_kind"] == "reasoning"
    assert ("alpha", "alpha:I1") in edges(g, "has-element")
    assert edges(g, "links-to") == {("alpha", "beta")}
    link = g.get_edge_data("alpha", "beta")["links-to"]
    assert (link["via"], link["via_node"], link["label"]) == ("O1", "alpha:O1", "engagement opens the door")
    assert edges(g, "revised-in") == {("alpha", "phase:initial"), ("beta", "phase:initial"), ("beta", "phase:second")}
    assert g.get_edge_data("beta", "phase:second")["revised-in"]["status"] == "supported"
    assert edges(g, "coded-as") == {("excerpt:x1", "alpha:C1"), ("excerpt:x1", "alpha:M1"),
                                    ("excerpt:x1", "alpha:O1"), ("excerpt:x2", "alpha:M1"), ("excerpt:x3", "beta")}
    assert g.get_edge_data("excerpt:x2", "alpha:M1")["coded-as"]["stance"] == "refutes"
    assert edges(g, "from-transcript") == {("excerpt:x1", "transcript:t1"), ("excerpt:x2", "transcript:t2"),
                                           ("excerpt:x3", "transcript:t2")}
    assert ("excerpt:x2", "participant:P2") in edges(g, "spoken-by")
    assert ("transcript:t2", "participant:P3") in edges(g, "spoken-by")
    assert edges(g, "in-strand") == {("transcript:t1", "strand:staff-interviews"), ("evidence:psm-x", "strand:psm")}
    assert edges(g, "bears-on") == {("evidence:psm-x", "beta:O1")}
    assert g.get_edge_data("evidence:psm-x", "beta:O1")["bears-on"]["significant"] is True
    assert edges(g, "about") == {("memo:m1", "excerpt:x2")}
    assert g.nodes["excerpt:x2"]["free_codes"] == ["free:hope"]
    assert g.nodes["excerpt:x2"]["stage"] == "third" and g.nodes["excerpt:x2"]["site"] == "B"


def test_no_edge_points_at_an_untyped_node(make_project):
    _, g = sample(make_project)
    for u, v, d in g.edges(data=True):
        assert "type" in g.nodes[u] and "type" in g.nodes[v], (u, v, d)


def test_strand_of_a_focus_group_comes_from_the_transcript_type(make_project):
    root = make_project({"realist.yaml": _manifest_with_focus()})
    g = build(load_project(root), coded([transcript("t", type="focus-group")], [], []))
    assert g.nodes["transcript:t"]["strand"] == "focus-groups"


def _manifest_with_focus() -> str:
    from conftest import MANIFEST

    return MANIFEST.replace("  psm:", "  focus-groups: {label: Focus groups, kind: qualitative}\n  psm:")


def test_profile_counts_stances_people_places_and_configurations(make_project):
    _, g = sample(make_project)
    p = theory_profile(g, "alpha")
    assert {s: len(v) for s, v in p.excerpts.items()} == {"supports": 1, "refutes": 1, "refines": 0}
    assert p.participants == {"P1", "P2"} and p.sites == {"A", "B"} and p.stages == {"second", "third"}
    assert p.by_strand == {"staff-interviews": {"supports": 1}, None: {"refutes": 1}}
    assert p.configurational == ["excerpt:x1"]
    assert p.without_evidence == ["alpha:C2", "alpha:I1"]
    assert p.elements["alpha:M1"].count == 2
    beta = theory_profile(g, "beta")
    assert beta.configurational == ["excerpt:x3"]  # a whole-theory code holds the configuration
    assert [q["id"] for q in beta.quantitative] == ["psm-x"]
    assert beta.elements["beta:O1"].has_evidence and beta.without_evidence == ["beta:C1", "beta:M1"]


def test_resolve_and_neighbours(make_project):
    _, g = sample(make_project)
    assert resolve(g, "psm") == "strand:psm"
    assert resolve(g, "x1") == "excerpt:x1"
    with pytest.raises(UsageError, match="nothing called 'alph' in the graph \\(did you mean 'alpha'\\?\\)"):
        resolve(g, "alph")
    rows = neighbours(g, "beta")
    assert {(r["direction"], r["edge"], r["node"]) for r in rows} == {
        ("out", "has-element", "beta:C1"), ("out", "has-element", "beta:M1"), ("out", "has-element", "beta:O1"),
        ("out", "revised-in", "phase:initial"), ("out", "revised-in", "phase:second"),
        ("in", "links-to", "alpha"), ("in", "coded-as", "excerpt:x3")}
    assert [r["node"] for r in neighbours(g, "alpha:M1", "coded-as")] == ["excerpt:x1", "excerpt:x2"]


def test_path_follows_links_and_says_when_it_runs_against_them(make_project):
    _, g = sample(make_project)
    forward = path(g, "alpha:C1", "beta")
    assert forward["directed"] and forward["hops"] == [{"from": "alpha", "to": "beta", "forward": True, "via": "O1",
                                                        "via_text": "Engagement", "label": "engagement opens the door"}]
    backward = path(g, "beta", "alpha")
    assert not backward["directed"] and backward["hops"][0]["forward"] is False
    with pytest.raises(UsageError, match="path works between theories"):
        path(g, "psm", "alpha")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_reads_back(make_project, tmp_path, fmt):
    _, g = sample(make_project)
    text = export(g, fmt)
    assert export(g, fmt) == text  # deterministic
    f = tmp_path / f"g.{fmt}"
    f.write_text(text, encoding="utf-8")
    if fmt == "graphml":
        h = nx.read_graphml(f, force_multigraph=True)
    elif fmt == "gexf":
        h = nx.read_gexf(f)
    else:
        h = nx.node_link_graph(json.loads(text), edges="edges")
    assert set(h.nodes) == set(g.nodes)
    assert h.number_of_edges() == g.number_of_edges()
    assert {d["type"] for _, d in h.nodes(data=True)} == {d["type"] for _, d in g.nodes(data=True)}
    assert h.nodes["alpha"]["sources"] == "staff-interviews"
    if fmt != "json":
        ids = re.findall(r'<edge [^>]*id="([^"]+)"', text)
        assert len(ids) == g.number_of_edges() == len(set(ids))
    kind = "relation" if fmt == "gexf" else "type"  # GEXF keeps "type" for directed/undirected
    assert sorted(d[kind] for _, _, d in h.edges(data=True)) == sorted(d["type"] for _, _, d in g.edges(data=True))


def test_graph_cli(make_project, run):
    root = make_project({"theories/evidence/psm-x.yaml": EVIDENCE})
    r = run(["graph", "neighbours", "beta:O1", "--format", "tsv"], cwd=root)
    assert r.code == 0
    assert r.out == ("direction\tedge\tnode\ttype\tlabel\tdetail\n"
                     "in\tbears-on\tevidence:psm-x\tevidence\tA matched comparison\tsupports\n"
                     "in\thas-element\tbeta\ttheory\tBeta\t\n")
    r = run(["graph", "path", "alpha", "beta"], cwd=root)
    assert r.out == "  alpha -> beta via O1 (Engagement): engagement opens the door\n"
    r = run(["graph", "neighbours", "alpha", "--edge", "link-to"], cwd=root)
    assert r.code == 2 and r.err.startswith("error: no edge type 'link-to' (did you mean 'links-to'?)")
    r = run(["graph", "export", "--format", "graphml", "--out", "g.graphml"], cwd=root)
    assert r.code == 0 and r.err.startswith("wrote g.graphml (")
    assert nx.read_graphml(root / "g.graphml").has_edge("alpha", "beta")


def test_profile_cli(make_project, run):
    root = make_project({"theories/evidence/psm-x.yaml": EVIDENCE})
    r = run(["graph", "profile", "beta"], cwd=root)
    assert r.code == 0
    assert r.out == ("Beta (beta)\n"
                     "  excerpts 0+ 0- 0~ from 0 participants; sites: -; stages: -; 0 holding C, M and O together\n"
                     "  psm-x: supports beta:O1 (p = 0.01 ≤ 0.05)\n"
                     "  C1  no evidence           Shared intelligence\n"
                     "  M1  no evidence           Expectation of being caught\n"
                     "  O1  1 quantitative        Compliance\n")
    r = run(["graph", "profile", "beta", "--format", "json"], cwd=root)
    assert json.loads(r.out)["without_evidence"] == ["beta:C1", "beta:M1"]


def test_a_passage_coded_by_two_coders_counts_once(make_project):
    project = load_project(make_project())
    a1 = excerpt("a1", "t1", ["alpha:M1", "alpha:O1"])
    a2 = excerpt("a2", "t1", ["alpha:C1"])
    a2.start, a2.end = 20, 30
    b1 = excerpt("b1", "t1", ["alpha:M1"])  # same passage as a1, second coder
    b1.coder, b1.start, b1.end = "bo", 3, 9
    b2 = excerpt("b2", "t1", ["alpha:I1"])  # a passage only the second coder saw
    b2.coder, b2.start, b2.end = "bo", 40, 50
    g = build(project, coded([transcript("t1")], [], [a1, a2, b1, b2]))
    assert g.nodes["excerpt:b1"]["duplicate_of"] == "excerpt:a1"
    assert "duplicate_of" not in g.nodes["excerpt:b2"]
    p = theory_profile(g, "alpha")
    assert sorted(p.supporting) == ["excerpt:a1", "excerpt:a2", "excerpt:b2"]
    assert p.elements["alpha:M1"].count == 1


def test_the_research_team_counts_as_evidence_but_not_as_participants(make_project):
    project = load_project(make_project())
    researcher = participant("R1", group="other")
    researcher.role = "Researcher"
    data = coded([transcript("t1", type="observation", participants=("R1", "P1"))],
                 [researcher, participant("P1")],
                 [excerpt("f1", "t1", ["alpha:M1"], participant="R1"), excerpt("f2", "t1", ["alpha:O1"], participant="P1")])
    g = build(project, data)
    assert g.nodes["participant:R1"]["research_team"] is True
    p = theory_profile(g, "alpha")
    assert p.count == 2 and p.participants == {"P1"} and p.groups == {"staff"}
