"""`realist check`: one broken fixture per rule, each a positioned finding with exit 1."""

from __future__ import annotations

import json

import pytest

from tests.conftest import THEORY_A, THEORY_B


def test_valid_project_passes(make_project, run):
    root = make_project()
    r = run(["check"], cwd=root)
    assert r.code == 0, r.out + r.err
    assert r.out == ""
    assert "ok: 3 files checked" in r.err


def test_worked_example_passes(run):
    from tests.conftest import REPO

    r = run(["check", "--project", str(REPO)])
    assert r.code == 0, r.out + r.err


BROKEN = [
    # (description, file, replace-from, replace-to, expected finding)
    ("unknown key with suggestion", "theories/alpha.yaml", "strength:", "strenght:",
     "theories/alpha.yaml:5:1: unknown key 'strenght' (did you mean 'strength'?)"),
    ("missing required key", "theories/alpha.yaml", "title: Alpha\n", "",
     "theories/alpha.yaml:1:1: missing required key 'title'"),
    ("bad role enum", "theories/alpha.yaml", "role: barrier", "role: barier",
     "theories/alpha.yaml:8:44: 'barier' is not allowed here; expected 'requirement', 'supportive' or 'barrier' "
     "(did you mean 'barrier'?) (at contexts -> 2 -> role)"),
    ("bad kind enum", "theories/alpha.yaml", "kind: reasoning", "kind: thinking",
     "theories/alpha.yaml:12:41: 'thinking' is not allowed here; expected 'resource' or 'reasoning' "
     "(at mechanisms -> 1 -> kind)"),
    ("bad term enum", "theories/alpha.yaml", "term: short", "term: soon",
     "theories/alpha.yaml:14:38: 'soon' is not allowed here; expected 'short', 'medium' or 'long' "
     "(at outcomes -> 1 -> term)"),
    ("bad status enum", "theories/alpha.yaml", "status: proposed", "status: proposd",
     "theories/alpha.yaml:18:30: 'proposd' is not allowed here"),
    ("wrong type", "theories/alpha.yaml", "sources: [staff-interviews]", "sources: staff-interviews",
     "theories/alpha.yaml:5:40: expected a list, found text (at strength -> sources)"),
    ("rating not on scale", "theories/alpha.yaml", "rating: plausible", "rating: plausable",
     "theories/alpha.yaml:5:20: rating 'plausable' is not on the strength scale"),
    ("file stem differs from id", "theories/alpha.yaml", "id: alpha", "id: alpha2",
     "theories/alpha.yaml:1:5: id 'alpha2' must equal the file name 'alpha'"),
    ("duplicate element id", "theories/alpha.yaml", "{id: C2, text: Housing", "{id: C1, text: Housing",
     "theories/alpha.yaml:8:10: element id 'C1' is used twice in this theory (first on line 7)"),
    ("element of wrong letter", "theories/alpha.yaml", "{id: I1, text: Weekly", "{id: M9, text: Weekly",
     "theories/alpha.yaml:10:10: 'M9' is not a valid value here"),
    ("link to unknown theory", "theories/alpha.yaml", "to: beta", "to: betta",
     "theories/alpha.yaml:16:10: link to unknown theory 'betta' (did you mean 'beta'?)"),
    ("link via unknown element", "theories/alpha.yaml", "via: O1", "via: O7",
     "theories/alpha.yaml:16:21: link via unknown element 'O7'"),
    ("unknown strand", "theories/alpha.yaml", "sources: [staff-interviews]", "sources: [staf-interviews]",
     "theories/alpha.yaml:5:41: source 'staf-interviews' is not a strand in realist.yaml "
     "(did you mean 'staff-interviews'?)"),
    ("unknown group", "theories/alpha.yaml", "group: carrot", "group: carot",
     "theories/alpha.yaml:3:8: group 'carot' is not one of the groups in realist.yaml (did you mean 'carrot'?)"),
    ("unknown phase", "theories/beta.yaml", "{phase: second", "{phase: fourth",
     "theories/beta.yaml:14:13: phase 'fourth' is not in the phases of realist.yaml"),
    ("history out of order", "theories/beta.yaml",
     "  - {phase: initial, status: proposed}\n  - {phase: second, status: supported}",
     "  - {phase: second, status: proposed}\n  - {phase: initial, status: supported}",
     "theories/beta.yaml:14:13: phase 'initial' comes before 'second' in realist.yaml"),
    ("merged into unknown theory", "theories/beta.yaml", "{phase: second, status: supported}",
     "{phase: second, status: merged, into: [gamma]}",
     "theories/beta.yaml:14:44: 'into' names unknown theory 'gamma'"),
    ("duplicate key", "theories/alpha.yaml", "title: Alpha\n", "title: Alpha\ntitle: Again\n",
     "theories/alpha.yaml:3:1: duplicate key 'title' (first defined on line 2)"),
    ("yaml syntax error", "theories/alpha.yaml", "title: Alpha", "title: [Alpha",
     "theories/alpha.yaml:3:6: YAML syntax error"),
]


@pytest.mark.parametrize("case", BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_fixture_is_a_positioned_finding(make_project, run, case):
    _, rel, old, new, expected = case
    text = {"theories/alpha.yaml": THEORY_A, "theories/beta.yaml": THEORY_B}[rel]
    assert old in text
    root = make_project({rel: text.replace(old, new, 1)})
    r = run(["check"], cwd=root)
    assert r.code == 1, r.out + r.err
    assert any(line.startswith(expected) for line in r.out.splitlines()), r.out


def test_syntax_error_is_reported_with_the_other_findings(make_project, run):
    root = make_project({"theories/alpha.yaml": THEORY_A.replace("title: Alpha", "title: [Alpha"),
                         "theories/beta.yaml": THEORY_B.replace("group: stick", "group: stik")})
    r = run(["check"], cwd=root)
    assert r.code == 1
    lines = r.out.splitlines()
    assert any(line.startswith("theories/alpha.yaml:3:") and "YAML syntax error" in line for line in lines)
    assert any(line.startswith("theories/beta.yaml:3:8: group 'stik'") for line in lines)


def test_evidence_bears_on_unknown_target(make_project, run):
    ev = """\
    id: psm-rate
    title: Reoffending rate
    strand: psm
    design: matched-comparison
    bears_on:
      - {target: alpha:O9, stance: supports}
      - {target: gamma, stance: refutes}
    """
    root = make_project({"theories/evidence/psm-rate.yaml": ev})
    r = run(["check"], cwd=root)
    assert r.code == 1
    assert "theories/evidence/psm-rate.yaml:6:14: theory 'alpha' has no element 'O9'" in r.out
    assert "theories/evidence/psm-rate.yaml:7:14: bears_on names unknown theory 'gamma'" in r.out


def test_manifest_problems(make_project, run):
    from tests.conftest import MANIFEST

    root = make_project({"realist.yaml": MANIFEST.replace("format: 1", "format: 2") + "colour: blue\n"})
    r = run(["check"], cwd=root)
    assert r.code == 1
    assert "realist.yaml:1:9: must be 1, found 2" in r.out
    assert "realist.yaml:16:1: unknown key 'colour'" in r.out


def test_non_utf8_and_folder_and_binary(make_project, run):
    root = make_project({"theories/gamma.yaml": b"id: gamma\ntitle: caf\xe9\n",
                         "theories/bin.yaml": b"\x00\x01\x02binary"})
    (root / "theories" / "folder.yaml").mkdir()
    r = run(["check"], cwd=root)
    assert r.code == 1
    assert "theories/gamma.yaml:2:11: is not UTF-8 text (byte 20: 0xe9); save it as UTF-8" in r.out
    assert "theories/bin.yaml:1:1: is a binary file, not YAML text" in r.out


def test_merge_conflict_markers_are_named(make_project, run):
    text = THEORY_A.replace("title: Alpha\n", "<<<<<<< HEAD\ntitle: Alpha\n=======\ntitle: A\n>>>>>>> other\n")
    root = make_project({"theories/alpha.yaml": text})
    r = run(["check"], cwd=root)
    assert r.code == 1
    assert "theories/alpha.yaml:2:1: contains git merge-conflict markers" in r.out


def test_json_format_equals_the_api(make_project, run):
    from realist.check import check_project

    root = make_project({"theories/alpha.yaml": THEORY_A.replace("role: barrier", "role: barier")})
    r = run(["check", "--format", "json"], cwd=root)
    assert r.code == 1
    assert json.loads(r.out) == check_project(root).as_dict()


def test_other_commands_refuse_broken_input_with_one_line(make_project, run):
    root = make_project({"theories/alpha.yaml": THEORY_A.replace("title: Alpha", "title: [Alpha")})
    r = run(["theories"], cwd=root)
    assert r.code == 2
    assert r.err.startswith("error: theories/alpha.yaml:3:")
    assert len(r.err.strip().splitlines()) == 1
    assert "Traceback" not in r.err


def test_missing_manifest(tmp_path, run):
    r = run(["theories"], cwd=tmp_path)
    assert r.code == 2
    assert r.err.startswith("error: no realist.yaml in ")
    assert "realist init" in r.err


def test_project_found_from_a_subfolder(make_project, run):
    root = make_project()
    r = run(["theories", "--format", "json"], cwd=root / "theories")
    assert r.code == 0
    assert [t["id"] for t in json.loads(r.out)] == ["alpha", "beta"]
