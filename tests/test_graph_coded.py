"""The graph over a project coded through the real coding API: transcripts, participants, excerpts, memos."""

from __future__ import annotations

import json

from realist.coding import add_excerpt, find_phrase, get_transcript
from realist.graph import build, theory_profile
from realist.ingest.importer import import_transcripts
from realist.ingest.people import add_participant
from realist.store.memos import add_memo
from realist.store.project import load_project

TEXT = """\
Interviewer: How do the weekly meetings go?
Sam: With small caseloads she has time, I feel heard, and I turn up every week now.
Interviewer: Always?
Sam: Not when the housing fell through; then I stopped going.
"""


def coded_project(make_project, tmp_path):
    root = make_project()
    source = tmp_path / "po-1.txt"
    source.write_text(TEXT, encoding="utf-8")
    project = load_project(root)
    person = add_participant(project, "Probation Officer", group="staff", site="Region A")
    import_transcripts(project, [source], stage="second", site="Region A", participants=[person.id])
    t = get_transcript(project, "po-1")
    s, e = find_phrase(t, "With small caseloads she has time, I feel heard, and I turn up every week now.")
    add_excerpt(project, "po-1", s, e, ["alpha:C1", "alpha:M1", "alpha:O1"], stance="supports", coder="ana")
    s, e = find_phrase(t, "Not when the housing fell through; then I stopped going.")
    x = add_excerpt(project, "po-1", s, e, ["alpha:C2", "alpha:O1"], stance="refines", coder="ana")
    add_memo(project, f"excerpt:{x.id}", "Housing is a barrier, not a refutation.", author="ana")
    return root, x.id


def test_graph_of_a_coded_project(make_project, tmp_path):
    root, refining = coded_project(make_project, tmp_path)
    project = load_project(root)
    g = build(project)
    assert g.nodes["transcript:po-1"]["strand"] == "staff-interviews"
    assert g.nodes["transcript:po-1"]["stage"] == "second"
    x = g.nodes[f"excerpt:{refining}"]
    assert (x["stance"], x["participant"], x["site"], x["group"], x["strand"]) == (
        "refines", "P01", "Region A", "staff", "staff-interviews")
    memo = next(n for n, d in g.nodes(data=True) if d["type"] == "memo")
    assert list(g.successors(memo)) == [f"excerpt:{refining}"]
    assert g.nodes[memo]["phase"] == "second"
    p = theory_profile(g, "alpha")
    assert p.count == 2 and len(p.configurational) == 1 and p.participants == {"P01"}
    assert p.without_evidence == ["alpha:I1"]


def test_audit_and_lineage_cli_on_a_coded_project(make_project, tmp_path, run):
    root, refining = coded_project(make_project, tmp_path)
    r = run(["audit", "--theory", "alpha", "--format", "json"], cwd=root)
    assert r.code == 0
    alpha = json.loads(r.out)["theories"][0]
    assert alpha["measures"]["excerpts"] == 1 and alpha["measures"]["unanswered"] == 0  # the memo answers it
    assert alpha["suggested"] == "tentative"
    assert alpha["components"]["methodological limitations"]["reasons"] == [
        "one site only (Region A)", "one participant group only (staff)"]
    assert {f["flag"] for f in alpha["flags"]} == {"rating-differs", "element-without-evidence", "one-way-link",
                                                  "not-revisited"}
    r = run(["theory", "lineage", "alpha"], cwd=root)
    last = r.out.splitlines()[-1]
    assert last.startswith("  memo m") and last.endswith(" (second): Housing is a barrier, not a refutation.")
