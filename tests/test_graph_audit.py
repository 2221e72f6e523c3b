"""The strength audit: suggested ratings from the rules, CERQual components and every flag."""

from __future__ import annotations

import json
import re

import pytest
from conftest import MANIFEST, THEORY_A, THEORY_B
from graphkit import coded, excerpt, participant, staff_project, transcript

from realist.errors import InputError
from realist.graph import audit, build
from realist.store.project import load_project


def run_audit(project, data):
    return audit(project, build(project, data))


def one(result, theory="alpha"):
    return next(t for t in result.theories if t.id == theory)


def flags(result, theory="alpha"):
    return sorted((f.code, f.target) for f in result.flags if f.theory == theory)


@pytest.fixture
def project(make_project):
    return load_project(make_project())


def test_convincing_when_one_strand_alone_is_strong(project):
    t = one(run_audit(project, staff_project(n_people=4, per_person=2, config=2)))
    assert t.measures["excerpts"] == 8 and t.measures["participants"] == 4 and t.measures["configurational"] == 2
    assert (t.suggestion.rating, t.suggestion.why) == ("convincing", "strongly supported by one strand")


def test_one_strand_short_of_strong_is_plausible_and_says_why(project):
    t = one(run_audit(project, staff_project(n_people=3, per_person=2, config=2)))
    assert t.suggestion.rating == "plausible"
    assert t.suggestion.reasons[0] == ("not convincing (strongly supported by one strand): no strand alone has "
                                       "6 excerpts, 4 participants, 2 configurational (best: staff-interviews with "
                                       "6 excerpts, 3 participants, 2 configurational)")
    assert t.suggestion.reasons[-1] == "plausible: some credible evidence, though limited in scope"


def test_convincing_when_several_strands_align_c_m_and_o(project):
    staff = staff_project(n_people=1, per_person=1, config=1)
    recipients = staff_project(n_people=1, per_person=1, config=1, strand_group="recipient")
    data = coded(staff.transcripts + recipients.transcripts, staff.participants + recipients.participants,
                 staff.excerpts + recipients.excerpts)
    t = one(run_audit(project, data))
    assert t.measures["strands"] == 2 and t.measures["aligned_strands"] == 2
    assert t.suggestion.why == "supported by several strands with context, mechanism and outcome aligned"


def test_unanswered_refutation_holds_a_theory_back_from_convincing(project):
    data = staff_project(n_people=4, per_person=2, config=2)
    data.excerpts.append(excerpt("no", "t-S0", ["alpha:M1"], stance="refutes", participant="S0"))
    t = one(run_audit(project, data))
    assert t.suggestion.rating == "plausible"
    assert "refuting or refining excerpts not yet answered: 1, at most 0 allowed" in t.suggestion.reasons[0]
    assert t.components["coherence"].level == "moderate concerns"


def test_tentative_with_one_excerpt_and_with_none(project):
    t = one(run_audit(project, staff_project(n_people=1, per_person=1, config=0)))
    assert (t.suggestion.rating, t.suggestion.why) == ("tentative", "only indirect or speculative evidence so far")
    t = one(run_audit(project, coded()))
    assert (t.suggestion.rating, t.suggestion.why) == ("tentative", "no direct evidence coded yet")
    assert t.components["adequacy"].level == "serious concerns"


def test_rules_from_the_manifest_replace_the_defaults(make_project):
    rules = "  rules:\n    plausible:\n      - {excerpts: 1, why: one excerpt will do}\n"
    root = make_project({"realist.yaml": MANIFEST.replace("  scale: [convincing, plausible, tentative]\n",
                                                          "  scale: [convincing, plausible, tentative]\n" + rules)})
    t = one(run_audit(load_project(root), staff_project(n_people=1, per_person=1, config=0)))
    assert (t.suggestion.rating, t.suggestion.why) == ("plausible", "one excerpt will do")


def test_defaults_follow_the_position_on_any_scale(make_project):
    root = make_project({
        "realist.yaml": MANIFEST.replace("[convincing, plausible, tentative]", "[high, moderate, low]"),
        "theories/alpha.yaml": THEORY_A.replace("rating: plausible", "rating: moderate"),
        "theories/beta.yaml": THEORY_B.replace("rating: tentative", "rating: low")})
    t = one(run_audit(load_project(root), staff_project(n_people=4, per_person=2, config=2)))
    assert t.suggestion.rating == "high"


@pytest.mark.parametrize("rules,message", [
    ("    strong: [{excerpts: 1}]", "strength rules name 'strong', which is not on the strength scale"),
    ("    plausible: [{exerpts: 1}]", "strength rules for 'plausible': unknown measure 'exerpts' (did you mean "
                                     "'excerpts'?)"),
    ("    plausible: [{excerpts: -1}]", "strength rules for 'plausible': excerpts must be a whole number of 0 or more"),
    ("    plausible: [{strand: {people: 2}}]", "strength rules for 'plausible': strand cannot count 'people'"),
])
def test_bad_rules_say_how_to_fix_them(make_project, rules, message):
    root = make_project({"realist.yaml": MANIFEST.replace("  scale: [convincing, plausible, tentative]\n",
                                                          "  scale: [convincing, plausible, tentative]\n  rules:\n"
                                                          + rules + "\n")})
    with pytest.raises(InputError, match=re.escape(message)):
        run_audit(load_project(root), coded())


def test_rating_differs_and_not_rated(make_project):
    root = make_project({"theories/beta.yaml": THEORY_B.replace("rating: tentative, ", "")})
    result = run_audit(load_project(root), staff_project(n_people=4, per_person=2, config=2))
    assert ("rating-differs", None) in flags(result)
    assert next(f.message for f in result.flags if f.code == "rating-differs") == \
        "rated plausible; the rules suggest convincing (strongly supported by one strand)"
    assert [f.message for f in result.flags if f.code == "not-rated"] == ["not rated; the rules suggest tentative"]


def test_elements_and_sources_without_evidence(project):
    data = staff_project(n_people=1, per_person=1, config=1)
    result = run_audit(project, data)
    assert [t for c, t in flags(result) if c == "element-without-evidence"] == ["alpha:C2", "alpha:I1"]
    assert [t for c, t in flags(result, "beta") if c == "source-without-evidence"] == [
        "strand:recipient-interviews", "strand:staff-interviews"]
    assert not [c for c, _ in flags(result) if c == "source-without-evidence"]


def test_refuting_and_refining_excerpts_need_an_answer(project):
    data = coded([transcript("t1", stage="second", participants=("P1",))], [participant("P1")],
                 [excerpt("r1", "t1", ["alpha:M1"], "refutes", "P1"),
                  excerpt("r2", "t1", ["alpha:O1"], "refines", "P1"),
                  excerpt("r3", "t1", ["alpha:C1"], "refutes", "P1", memo="staff at site A had no caseload relief")])
    result = run_audit(project, data)
    assert [(c, t) for c, t in flags(result) if c.startswith("unanswered")] == [
        ("unanswered-refining", "excerpt:r2"), ("unanswered-refuting", "excerpt:r1")]
    assert next(f.message for f in result.flags if f.target == "excerpt:r1") == \
        "r1 refutes it and is not answered by a memo or a later revision"


def test_a_later_revision_answers_but_an_earlier_one_does_not(make_project):
    revised = THEORY_A.replace("  - {phase: initial, status: proposed}\n",
                               "  - {phase: initial, status: proposed}\n  - {phase: second, status: revised}\n")
    project = load_project(make_project({"theories/alpha.yaml": revised}))
    data = coded([transcript("t2", stage="second"), transcript("t3", stage="third")], [],
                 [excerpt("same", "t2", ["alpha:M1"], "refutes"), excerpt("later", "t3", ["alpha:M1"], "refutes")])
    result = run_audit(project, data)
    assert [t for c, t in flags(result) if c == "unanswered-refuting"] == ["excerpt:later"]


def test_a_memo_about_the_excerpt_answers_it(project):
    memo = type("Memo", (), {"id": "m1", "text": "site A differs", "about": "r1"})()
    data = coded([transcript("t1")], [], [excerpt("r1", "t1", ["alpha:M1"], "refutes")], [memo])
    assert not [c for c, _ in flags(run_audit(project, data)) if c.startswith("unanswered")]


def test_dangling_and_one_way_links(make_project):
    links = ("links:\n  - {to: beta, via: O1, label: engagement opens the door}\n"
             "  - {to: gamma, label: nowhere}\n  - {to: retired, via: O9}\n")
    retired = ("id: retired\ntitle: Retired\nstatement: {if: a, then: b}\n"
               "history:\n  - {phase: initial, status: proposed}\n  - {phase: second, status: retired}\n"
               "links:\n  - {to: alpha}\n")
    root = make_project({"theories/alpha.yaml": THEORY_A.replace(
        "links:\n  - {to: beta, via: O1, label: engagement opens the door}\n", links),
        "theories/retired.yaml": retired})
    result = run_audit(load_project(root, strict=False), coded())
    messages = sorted(f.message for f in result.flags if f.theory == "alpha" and "link" in f.code)
    assert messages == [
        "links to 'gamma', which is not a theory of this project",
        "links to beta, which does not link back (if the connection runs both ways, add the link there)",
        "links to retired via O9, which is not one of its elements",
        "links to retired, which was retired",
    ]


def test_not_revisited_in_the_latest_phase(make_project):
    ended = THEORY_B.replace("  - {phase: second, status: supported}\n",
                             "  - {phase: second, status: merged, into: [alpha]}\n")
    root = make_project({"theories/beta.yaml": ended})
    data = coded([transcript("t", stage="third")], [], [])
    result = run_audit(load_project(root), data)
    assert result.latest_phase == "third"
    assert [f.message for f in result.flags if f.code == "not-revisited"] == [
        "not revisited in the latest phase, third (last recorded: initial)"]
    assert not [f for f in result.flags if f.code == "not-revisited" and f.theory == "beta"]


def test_fragments_only(project):
    data = staff_project(n_people=2, per_person=2, config=0)
    assert ("fragments-only", None) in flags(run_audit(project, data))
    data = staff_project(n_people=2, per_person=2, config=1)
    assert ("fragments-only", None) not in flags(run_audit(project, data))


def test_a_null_result_recorded_as_refuting_is_flagged(make_project):
    ev = ("id: nothing\ntitle: No difference\nstrand: psm\ndesign: matched-comparison\np_value: 0.32\n"
          "bears_on:\n  - {target: beta:O1, stance: refutes}\n")
    sig = ev.replace("id: nothing", "id: sig").replace("0.32", "0.01")
    root = make_project({"theories/evidence/nothing.yaml": ev, "theories/evidence/sig.yaml": sig})
    result = run_audit(load_project(root), coded())
    assert [(f.code, f.target) for f in result.flags if f.code == "null-as-refuting"] == [
        ("null-as-refuting", "evidence:nothing")]
    beta = one(result, "beta")
    assert beta.components["coherence"].reasons[-1] == "non-significant results recorded as refuting: nothing"


def test_methodological_limitations(project):
    narrow = staff_project(n_people=2, per_person=1, config=1, site_of=lambda i: "A")
    for t in narrow.transcripts:
        t.stage = "initial"
    comp = one(run_audit(project, narrow)).components["methodological limitations"]
    assert comp.reasons == ["one site only (A)", "one participant group only (staff)",
                            "evidence only from initial, the phase that generated the theory"]
    assert comp.level == "serious concerns"
    wide = staff_project(n_people=2, per_person=1, config=1)
    comp = one(run_audit(project, wide)).components["methodological limitations"]
    assert comp.level == "minor concerns" and comp.reasons == ["one participant group only (staff)"]


def test_rameses_items(project):
    items = {i.number: i for i in run_audit(project, coded()).rameses}
    assert len(items) == 20
    assert items[4].status == "shown" and items[4].detail == "2 theories proposed in initial"
    assert items[14].status == "missing"
    assert items[6].status == "report"
    data = staff_project(n_people=2, per_person=1, config=1)
    items = {i.number: i for i in run_audit(project, data).rameses}
    assert (items[14].status, items[14].detail) == ("shown", "2 of 2 participants with role and group")
    assert items[13].status == "partial"


def test_audit_cli_exit_codes_and_json(make_project, run):
    root = make_project()
    before = (root / "theories" / "alpha.yaml").read_bytes()
    r = run(["audit"], cwd=root)
    assert r.code == 0
    assert r.out.startswith(
        "theory  your rating  suggested  adequacy  coherence  limitations  relevance  flags\n"
        "alpha   plausible    tentative  serious   none       serious      serious    9\n"
        "beta    tentative    tentative  serious   none       serious      serious    5\n"
        "\n"
        "Alpha (alpha)\n  rated plausible; suggested tentative (differs): no direct evidence coded yet\n")
    assert r.err.endswith("flags on 2 theories; --strict would fail\n")
    assert run(["audit", "--strict"], cwd=root).code == 1
    r = run(["audit", "--format", "json"], cwd=root)
    assert json.loads(r.out) == json.loads(json.dumps(audit(load_project(root)).as_dict(), default=str))
    r = run(["audit", "--theory", "beta", "--format", "md"], cwd=root)
    assert r.out.startswith("# Strength of evidence audit\n") and "| Alpha |" not in r.out
    r = run(["audit", "--theory", "gamma"], cwd=root)
    assert (r.code, r.err) == (2, "error: no theory 'gamma'\n")
    assert (root / "theories" / "alpha.yaml").read_bytes() == before


def test_a_later_memo_on_the_theory_or_element_answers_but_an_earlier_one_does_not(project):
    x = excerpt("r1", "t1", ["alpha:M1"], "refutes")
    x.created = "2026-05-02T10:00:00Z"
    early = type("Memo", (), {"id": "m0", "text": "first thoughts", "on": "alpha", "date": "2026-05-01T09:00:00Z"})()
    data = coded([transcript("t1")], [], [x], [early])
    assert [c for c, _ in flags(run_audit(project, data)) if c.startswith("unanswered")] == ["unanswered-refuting"]
    later = type("Memo", (), {"id": "m1", "text": "why M1 fails at site B", "on": "alpha:M1",
                              "date": "2026-05-03T09:00:00Z"})()
    data = coded([transcript("t1")], [], [x], [early, later])
    assert not [c for c, _ in flags(run_audit(project, data)) if c.startswith("unanswered")]


def test_the_worked_example_spells_out_the_default_rules():
    from conftest import REPO

    from realist.graph.rules import rules_for

    project = load_project(REPO)
    scale = project.manifest.strength_scale
    assert rules_for(scale, project.manifest.strength_rules) == rules_for(scale, {})
    result = audit(project)
    quant = {t.id: t.measures["quantitative"] for t in result.theories if t.measures["quantitative"]}
    assert quant == {"person-centred-approach": 2, "swifter-and-smoother-justice": 1}
    assert not [f for f in result.flags if f.code in ("dangling-link", "null-as-refuting")]


def test_a_merged_theory_is_kept_for_the_record_without_coverage_flags(make_project):
    merged = THEORY_B.replace("  - {phase: second, status: supported}\n",
                              "  - {phase: second, status: merged, into: [alpha]}\n")
    result = run_audit(load_project(make_project({"theories/beta.yaml": merged})), coded())
    assert flags(result, "beta") == []
    assert one(result, "beta").suggestion.rating == "tentative"
