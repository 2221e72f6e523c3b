"""`realist init`, `theories`, `theory show`, `theory revise` (which must keep a human's file intact)."""

from __future__ import annotations

import json

import yaml

from tests.conftest import THEORY_B

COMMENTED = """\
# Beta: a theory about the stick.   <- a hand-written comment
id: beta
title: Beta
group: stick
statement:
  if: breaches meet quick responses
  then: compliance rises
  because: people expect to be caught   # the mechanism

strength: {rating: tentative, sources: [staff-interviews]}
contexts:
  - {id: C1, text: Shared intelligence, role: requirement}

mechanisms:
  - {id: M1, text: Expectation of being caught, kind: reasoning}
outcomes:
  - {id: O1, text: Compliance, term: medium}
history:
  - {phase: initial, status: proposed}   # from the theory of change
"""


def test_revise_keeps_comments_blank_lines_and_layout(make_project, run):
    root = make_project({"theories/beta.yaml": COMMENTED})
    r = run(["theory", "revise", "beta", "--phase", "second", "--status", "revised", "--note", "remit widened"],
            cwd=root)
    assert r.code == 0, r.err
    text = (root / "theories/beta.yaml").read_text()
    before_lines = COMMENTED.splitlines()
    after_lines = text.splitlines()
    assert after_lines[: len(before_lines)] == before_lines  # everything the human wrote, untouched
    added = after_lines[len(before_lines):]
    assert added == ["  - {phase: second, status: revised, note: remit widened, previous: {if: breaches meet quick "
                     "responses, then: compliance rises, because: people expect to be caught}}"]
    data = yaml.safe_load(text)
    assert data["history"][-1]["previous"]["then"] == "compliance rises"
    assert run(["check"], cwd=root).code == 0


def test_revise_block_style_history_stays_block(make_project, run):
    block = THEORY_B.replace("history:\n  - {phase: initial, status: proposed}\n  - {phase: second, status: supported}\n",
                             "history:\n  - phase: initial\n    status: proposed\n")
    root = make_project({"theories/beta.yaml": block})
    r = run(["theory", "revise", "beta", "--phase", "third", "--status", "supported"], cwd=root)
    assert r.code == 0, r.err
    assert (root / "theories/beta.yaml").read_text().endswith(
        "  - phase: initial\n    status: proposed\n  - phase: third\n    status: supported\n")


def test_revise_refuses_bad_input_and_writes_nothing(make_project, run):
    root = make_project()
    before = (root / "theories/beta.yaml").read_text()
    cases = [
        (["theory", "revise", "beta", "--phase", "fourth", "--status", "supported"], "phase 'fourth' is not in"),
        (["theory", "revise", "beta", "--phase", "third", "--status", "suported"], "(did you mean 'supported'?)"),
        (["theory", "revise", "beta", "--phase", "initial", "--status", "supported"], "later phase 'second'"),
        (["theory", "revise", "betta", "--phase", "third", "--status", "supported"], "(did you mean 'beta'?)"),
        (["theory", "revise", "beta", "--phase", "third", "--status", "merged"], "needs --into"),
    ]
    for args, message in cases:
        r = run(args, cwd=root)
        assert r.code == 2, args
        assert message in r.err and r.err.startswith("error: ")
    assert (root / "theories/beta.yaml").read_text() == before


def test_revise_merge_records_into(make_project, run):
    root = make_project()
    r = run(["theory", "revise", "beta", "--phase", "third", "--status", "merged", "--into", "alpha"], cwd=root)
    assert r.code == 0, r.err
    assert yaml.safe_load((root / "theories/beta.yaml").read_text())["history"][-1] == {
        "phase": "third", "status": "merged", "into": ["alpha"]}


def test_theory_show_text_and_json(make_project, run):
    root = make_project()
    r = run(["theory", "show", "beta"], cwd=root)
    assert r.code == 0
    assert "If      breaches meet quick responses" in r.out
    assert "← alpha (their O1): engagement opens the door" in r.out
    j = json.loads(run(["theory", "show", "alpha", "--format", "json"], cwd=root).out)
    assert j["contexts"][1] == {"id": "C2", "text": "Housing shortage", "role": "barrier"}
    assert j["links_out"] == [{"to": "beta", "via": "O1", "label": "engagement opens the door"}]
    r = run(["theory", "show", "alpa"], cwd=root)
    assert r.code == 2 and r.err == "error: no theory 'alpa' (did you mean 'alpha'?)\n"


def test_init_then_check(tmp_path, run):
    r = run(["init", "eval"], cwd=tmp_path)
    assert r.code == 0, r.err
    assert run(["check"], cwd=tmp_path / "eval").code == 0
    again = run(["init", "eval"], cwd=tmp_path)
    assert again.code == 2 and "already a realist project" in again.err


def test_schema_prints_json(run):
    r = run(["schema", "theory"])
    assert json.loads(r.out)["title"] == "realist programme theory"
    assert run(["schema", "theroy"]).err.endswith("(did you mean 'theory'?)\n")
