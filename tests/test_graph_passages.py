"""Property: profiles worked out from compact records equal the profiles read off the graph."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace as NS

from graphkit import coded, participant, transcript
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realist.graph import audit, build, profiles
from realist.graph.coded import load_coded
from realist.graph.passages import fast_profiles
from realist.store.project import load_project

CODES = ["alpha", "alpha:C1", "alpha:C2", "alpha:I1", "alpha:M1", "alpha:O1", "beta", "beta:C1", "beta:M1",
         "beta:O1", "free:hope", "gamma:C1", "alpha:C9"]

excerpts = st.lists(st.tuples(st.lists(st.sampled_from(CODES), min_size=1, max_size=5),  # repeats allowed
                              st.sampled_from(["supports", "refutes", "refines", None]),
                              st.sampled_from(["P1", "P2", "P3", "R1", None]),
                              st.sampled_from(["t1", "t2", "missing"]),
                              st.sampled_from(["ana", "ben", "cy"]),
                              st.integers(0, 40), st.integers(1, 20)), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=excerpts)
def test_profiles_from_records_equal_profiles_from_the_graph(make_project, items):
    project = load_project(make_project())
    research = NS(id="R1", role="Researcher", number=1, group="researcher", site="C", strand=None, label="R")
    data = coded([transcript("t1", stage="second", site="A", participants=("P1", "R1")),
                  transcript("t2", stage="third", site="B", type="focus-group")],
                 [participant("P1", "staff", "A"), participant("P2", "recipient", "B"),
                  participant("P3", "peer-mentor", None), research],
                 [NS(id=f"x{i}", transcript=t, codes=codes, stance=stance, participant=p, memo=None,
                     quote="q", start=start, end=start + length, coder=coder, key=False)
                  for i, (codes, stance, p, t, coder, start, length) in enumerate(items)],
                 [NS(id="m1", text="on x1", about="x1", on=None, date=None),
                  NS(id="m2", text="on the theory", about=None, on=["alpha:M1"], date="2024-01-01")])
    assert fast_profiles(project, data) == profiles(build(project, data))
    assert audit(project, coded=data).as_dict() == audit(project, build(project, data)).as_dict()


def test_profiles_from_records_on_the_worked_example():
    project = load_project(Path(__file__).resolve().parent.parent)
    data = load_coded(project)
    fast = fast_profiles(project, data)
    assert fast == profiles(build(project, data))
    assert any(p.quantitative for p in fast.values()) and any(p.count for p in fast.values())
    assert audit(project).as_dict() == audit(project, build(project, data)).as_dict()
    brief = fast_profiles(project, data, detail=False)
    assert {k: (p.excerpts, p.by_strand, p.quantitative) for k, p in brief.items()} == \
        {k: (p.excerpts, p.by_strand, p.quantitative) for k, p in fast.items()}
