"""`realist phases` (Figure B.1) and `realist theory lineage`: merges, splits and quiet revisions."""

from __future__ import annotations

import json

from graphkit import coded, excerpt, transcript

from realist.graph import build
from realist.graph.phases import ancestors, lineage, phase_matrix
from realist.store.project import load_project

OLD = """\
id: old
title: Old
group: carrot
statement: {if: a, then: b}
history:
  - {phase: initial, status: proposed}
  - {phase: second, status: merged, into: [alpha], note: same mechanism as alpha}
"""
CHILD = """\
id: child
title: Child
group: stick
statement: {if: c, then: d}
history:
  - {phase: third, status: split, from: [beta], note: recipients differ from staff}
"""
ALPHA = """\
id: alpha
title: Alpha
group: carrot
statement: {if: staff listen, then: people engage, because: they feel heard}
history:
  - {phase: initial, status: proposed}
  - phase: second
    status: revised
    note: remit widened to all staff
    previous: {if: probation staff listen, then: people engage}
  - {phase: third, status: supported}
"""


def project_with_history(make_project):
    return make_project({"theories/old.yaml": OLD, "theories/child.yaml": CHILD, "theories/alpha.yaml": ALPHA})


def test_matrix_shows_merges_splits_and_quiet_revisions(make_project):
    m = phase_matrix(load_project(project_with_history(make_project)))
    assert m["phases"] == ["initial", "second", "third"]
    assert {r["id"]: r["cells"] for r in m["rows"]} == {
        "alpha": {"initial": "proposed", "second": "revised (remit changed, title kept)", "third": "supported"},
        "old": {"initial": "proposed", "second": "merged into alpha", "third": None},
        "beta": {"initial": "proposed", "second": "supported", "third": None},
        "child": {"initial": None, "second": None, "third": "split from beta"},
    }


def test_phases_cli(make_project, run):
    root = project_with_history(make_project)
    r = run(["phases"], cwd=root)
    assert r.code == 0
    assert r.out == ("id\tinitial\tsecond\tthird\n"
                     "alpha\tproposed\trevised (remit changed, title kept)\tsupported\n"
                     "old\tproposed\tmerged into alpha\t\n"
                     "beta\tproposed\tsupported\t\n"
                     "child\t\t\tsplit from beta\n")
    assert run(["phases", "--format", "md"], cwd=root).out.splitlines()[:3] == [
        "| theory | initial | second | third |", "|---|---|---|---|",
        "| Alpha | proposed | revised (remit changed, title kept) | supported |"]
    assert json.loads(run(["phases", "--format", "json"], cwd=root).out) == \
        phase_matrix(load_project(root))


def test_lineage_follows_merges_and_splits(make_project):
    project = load_project(project_with_history(make_project))
    assert ancestors(project, "alpha") == ["old"]
    assert ancestors(project, "child") == ["beta"]
    data = coded([transcript("t2", stage="second")], [],
                 [excerpt("a", "t2", ["alpha"], "refines"), excerpt("b", "t2", ["alpha"], "supports"),
                  excerpt("c", "t2", ["beta:M1"], "supports")])
    memo = type("Memo", (), {"id": "m1", "title": "Merging old into alpha", "about": ["alpha"], "phase": "second"})()
    data.memos.append(memo)
    steps = lineage(project, build(project, data), "alpha")["steps"]
    assert [(s["theory"], s["phase"], s["status"]) for s in steps] == [
        ("old", "initial", "proposed"), ("alpha", "initial", "proposed"), ("old", "second", "merged"),
        ("alpha", "second", "revised"), ("alpha", "third", "supported")]
    revised = steps[3]
    assert revised["previous"] == "If probation staff listen, then people engage."
    assert revised["excerpts"] == {"refines": 1, "supports": 1}
    assert revised["memos"] == [{"id": "m1", "title": "Merging old into alpha", "date": None,
                                 "phase": "second"}]


def test_lineage_cli(make_project, run):
    root = project_with_history(make_project)
    r = run(["theory", "lineage", "alpha"], cwd=root)
    assert r.code == 0
    assert r.out == (
        "Alpha (alpha)\n"
        "  now: If staff listen, then people engage, because they feel heard.\n"
        "  grew from: old\n"
        "  initial    old: proposed\n"
        "  initial    proposed\n"
        "  second     old: merged into alpha  same mechanism as alpha\n"
        "  second     revised  remit widened to all staff\n"
        "             before: If probation staff listen, then people engage.\n"
        "  third      supported\n")
    r = run(["theory", "lineage", "alpah"], cwd=root)
    assert (r.code, r.err) == (2, "error: no theory 'alpah' (did you mean 'alpha'?)\n")
