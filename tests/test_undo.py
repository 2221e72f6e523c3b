"""`realist undo`: every change can be taken back, and an undo never destroys later work."""

from __future__ import annotations

import json

import pytest

from tests.test_coding_processes import LINES


@pytest.fixture
def coded(make_project, run, monkeypatch, tmp_path):
    monkeypatch.setenv("REALIST_CODER", "alice")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    root = make_project({"s1.txt": "Interviewer: tell me\n" + LINES[:2000]})
    assert run(["transcripts", "import", "s1.txt"], cwd=root).code == 0
    return root


def snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and not {".realist-trash", ".realist-cache"} & set(p.relative_to(root).parts)}


def test_uncode_recode_and_code_are_taken_back_one_by_one(coded, run):
    first = snapshot(coded)
    eid = run(["code", "s1", "3", "alpha:M1", "--memo", "heard"], cwd=coded).out.strip()
    coded_once = snapshot(coded)
    assert run(["recode", eid, "alpha:C1", "--stance", "refutes"], cwd=coded).code == 0
    recoded = snapshot(coded)
    assert run(["uncode", eid], cwd=coded).code == 0
    r = run(["undo"], cwd=coded)
    assert r.code == 0, r.err
    assert r.err == (f"took back `realist uncode {eid}` ({r.err.split('(')[1].split(')')[0]}): "
                     "restored transcripts/codings/s1/alice.yaml\n")
    assert snapshot(coded) == recoded
    assert run(["undo"], cwd=coded).code == 0
    assert snapshot(coded) == coded_once
    r = run(["undo"], cwd=coded)
    assert "removed transcripts/codings/s1/alice.yaml" in r.err
    assert snapshot(coded) == {k: v for k, v in first.items()}


def test_theory_memo_and_codebook_changes_are_taken_back(coded, run):
    before = snapshot(coded)
    assert run(["theory", "revise", "alpha", "--phase", "second", "--status", "revised", "--note", "wider"],
               cwd=coded).code == 0
    assert run(["memo", "add", "--on", "alpha", "--text", "trust first"], cwd=coded).code == 0
    assert run(["codebook", "add", "family-support", "--definition", "family helps"], cwd=coded).code == 0
    assert snapshot(coded) != before
    listed = json.loads(run(["undo", "--list", "--format", "json"], cwd=coded).out)
    assert [c["command"].split()[1] for c in listed[:3]] == ["codebook", "memo", "theory"]
    for _ in range(3):
        r = run(["undo"], cwd=coded)
        assert r.code == 0, r.err
    assert snapshot(coded) == before  # the theory file byte for byte, comments and all


def test_undo_refuses_when_a_file_changed_since(coded, run):
    eid = run(["code", "s1", "3", "alpha:M1"], cwd=coded).out.strip()
    run(["recode", eid, "alpha:C1"], cwd=coded)
    path = coded / "transcripts/codings/s1/alice.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"supports"', '"refines"'), encoding="utf-8")
    edited = snapshot(coded)
    r = run(["undo"], cwd=coded)
    assert r.code == 2
    assert r.err.startswith(f"error: cannot undo `realist recode {eid} alpha:C1` (")
    assert "transcripts/codings/s1/alice.yaml has changed since and undoing would lose that" in r.err
    assert snapshot(coded) == edited
    assert eid in path.read_text(encoding="utf-8")


def test_nothing_to_undo(make_project, run):
    r = run(["undo"], cwd=make_project())
    assert r.code == 2 and r.err.startswith("error: there is nothing to undo")


def test_dry_run_writes_nothing(coded, run):
    run(["code", "s1", "3", "alpha:M1"], cwd=coded)
    now = snapshot(coded)
    r = run(["undo", "--dry-run"], cwd=coded)
    assert r.code == 0 and r.err.startswith("would take back `realist code s1 3 alpha:M1`")
    assert snapshot(coded) == now


def test_pseudonymising_is_not_kept_in_the_history(coded, run, tmp_path):
    key = tmp_path / "key.yaml"
    key.write_text("names:\n  Sam: Participant 7\n", encoding="utf-8")
    run(["code", "s1", "3", "alpha:M1"], cwd=coded)
    assert run(["pseudonymise", "--key", str(key)], cwd=coded).code == 0
    assert "Participant 7" in (coded / "transcripts/s1.txt").read_text(encoding="utf-8")
    history = [c["command"] for c in json.loads(run(["undo", "--list", "--format", "json"], cwd=coded).out)]
    assert not any("pseudonymise" in c for c in history)
    (coded / "s1.txt").unlink()  # the source file, with its names
    r = run(["check", "--privacy", "--key", str(key)], cwd=coded)
    assert r.code == 0, r.out
