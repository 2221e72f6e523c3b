"""`realist guide`: interview questions for the theories whose audit shows gaps."""

from __future__ import annotations

import docx
from graphkit import coded, excerpt, participant, staff_project, transcript

from realist.graph import audit, build
from realist.graph.guide import build_guide, guide_markdown
from realist.store.project import load_project


def guide_for(project, data, **kw):
    return build_guide(project, audit(project, build(project, data)), "third", **kw)


def test_only_theories_with_gaps_and_only_their_weak_elements(make_project):
    project = load_project(make_project())
    data = staff_project(n_people=2, per_person=1, config=2)  # alpha: C1, M1, O1 from two people
    g = guide_for(project, data)
    assert [s.id for s in g.sections] == ["alpha", "beta"]
    alpha = g.sections[0]
    assert alpha.statement == "If staff listen, then people engage, because they feel heard."
    asked = [q.element for q in alpha.groups[0].questions if q.element]
    assert sorted(set(asked)) == ["C2", "I1"]
    assert "2 of 5 elements have no evidence" in alpha.gaps


def test_groups_not_yet_heard_come_first(make_project):
    project = load_project(make_project())
    g = guide_for(project, staff_project(n_people=2, per_person=1, config=1))
    assert [b.title for b in g.sections[0].groups] == [
        "People receiving the programme (not yet heard on this theory)", "Staff"]
    recipient = g.sections[0].groups[0].questions
    assert recipient[0].text.startswith("Here is what we think happens (read out the statement above). "
                                        "In your own experience,")


def test_unanswered_challenges_become_a_researcher_note(make_project):
    project = load_project(make_project())
    data = coded([transcript("t")], [participant("P1")], [excerpt("r9", "t", ["beta:M1"], "refutes", "P1")])
    beta = next(s for s in guide_for(project, data, groups=["staff"]).sections if s.id == "beta")
    assert beta.researcher_notes[-1] == "put the challenge in these excerpts to participants (do not quote them): r9"
    assert [b.group for b in beta.groups] == ["staff"]


def test_markdown_and_docx_from_the_cli(make_project, run):
    root = make_project()
    r = run(["guide", "--phase", "third", "--group", "recipient", "--max-elements", "1"], cwd=root)
    assert r.code == 0
    assert r.out.startswith("# Interview guide: third phase, people receiving the programme\n")
    assert "## Alpha\n\n> If staff listen, then people engage, because they feel heard.\n" in r.out
    assert "2. In your own experience, when it works, is it because of this: feeling heard? " \
           "What goes through your mind? [M1, confirm]\n" in r.out
    project = load_project(root)
    assert r.out == guide_markdown(build_guide(project, audit(project), "third", ["recipient"], 1))
    r = run(["guide", "--phase", "third", "--format", "docx", "--out", "guide.docx"], cwd=root)
    assert (r.code, r.err) == (0, "wrote guide.docx (2 theories with gaps)\n")
    text = [p.text for p in docx.Document(str(root / "guide.docx")).paragraphs]
    assert text[0] == "Interview guide: third phase"
    assert "If staff listen, then people engage, because they feel heard." in text


def test_guide_usage_errors(make_project, run):
    root = make_project()
    r = run(["guide", "--phase", "thrid"], cwd=root)
    assert (r.code, r.err) == (2, "error: phase 'thrid' is not in realist.yaml ('initial', 'second' or 'third') "
                                  "(did you mean 'third'?)\n")
    r = run(["guide", "--phase", "third", "--group", "staf"], cwd=root)
    assert r.code == 2 and "(did you mean 'staff'?)" in r.err
    r = run(["guide", "--phase", "third", "--format", "docx"], cwd=root)
    assert (r.code, r.err) == (2, "error: a Word guide needs a file: add --out guide.docx\n")
