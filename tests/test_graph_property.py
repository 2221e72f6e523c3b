"""Property: any coded project builds a graph with no dangling edges, and the audit runs on it."""

from __future__ import annotations

from graphkit import coded, excerpt, participant, transcript
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realist.graph import audit, build
from realist.graph.audit import FLAGS, LEVELS
from realist.store.project import load_project

CODES = ["alpha", "alpha:C1", "alpha:C2", "alpha:I1", "alpha:M1", "alpha:O1", "beta", "beta:C1", "beta:M1",
         "beta:O1", "free:hope", "gamma:C1", "alpha:C9"]  # the last two point nowhere: they must be skipped

excerpts = st.lists(st.tuples(st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True),
                              st.sampled_from(["supports", "refutes", "refines"]),
                              st.sampled_from(["P1", "P2", "P3", None]),
                              st.sampled_from(["t1", "t2", "missing"]),
                              st.booleans()), max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=excerpts)
def test_any_coded_project_builds_a_clean_graph(make_project, items):
    project = load_project(make_project())
    data = coded([transcript("t1", stage="second", site="A"), transcript("t2", stage="third", site="B",
                                                                         type="focus-group")],
                 [participant("P1", "staff", "A"), participant("P2", "recipient", "B"),
                  participant("P3", "peer-mentor", "B")],
                 [excerpt(f"x{i}", t, codes, stance, p, memo="answered" if m else None)
                  for i, (codes, stance, p, t, m) in enumerate(items)])
    g = build(project, data)
    for u, v, d in g.edges(data=True):
        assert "type" in g.nodes[u] and "type" in g.nodes[v], (u, v, d)
    result = audit(project, g)
    assert {f.code for f in result.flags} <= set(FLAGS)
    for t in result.theories:
        assert t.suggestion.rating in project.manifest.strength_scale
        assert all(c.level in LEVELS for c in t.components.values())
        assert t.profile.count == sum(1 for x in t.profile.excerpts.values() for _ in x)
