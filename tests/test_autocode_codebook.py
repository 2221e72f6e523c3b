"""autocode (preview, confirm, no duplicates, one write per file) and codebook promote / rename / merge."""

from __future__ import annotations

import analysiskit
import pytest
import yaml

built = pytest.fixture(scope="module")(analysiskit.built_project)
coded = pytest.fixture(analysiskit.fresh_copy)


def _excerpts(root, transcript, coder):
    path = root / "transcripts" / "codings" / transcript / f"{coder}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["excerpts"] if path.exists() else []


def test_autocode_previews_without_a_terminal_and_writes_with_yes(coded, run):
    root, _ = coded
    r = run(["autocode", "heard", "alpha:M1", "--scope", "sentence", "--coder", "carol"], cwd=root)
    assert r.code == 0
    assert r.out == ("2 matches: 2 new excerpts (sentences, in 2 transcripts; coder carol)\n"
                     "  po1:2  People feel [heard] and they engage.\n"
                     "  rec1:2  I feel [heard].\n")
    assert r.err == "nothing written: add --yes to code them (no terminal to ask on)\n"
    assert not (root / "transcripts/codings/po1/carol.yaml").exists()
    r = run(["autocode", "heard", "alpha:M1", "--scope", "sentence", "--coder", "carol", "--dry-run"], cwd=root)
    assert r.err == "dry run: nothing written\n"
    r = run(["autocode", "heard", "alpha:M1", "--scope", "sentence", "--coder", "carol", "--yes"], cwd=root)
    assert r.err == "coded 2 passages as alpha:M1 for carol (2 codings files written)\n"
    (po,) = _excerpts(root, "po1", "carol")
    assert (po["quote"], po["codes"], po["stance"]) == ("People feel heard and they engage.", ["alpha:M1"],
                                                       "supports")
    # again: nothing new
    r = run(["autocode", "heard", "alpha:M1", "--scope", "sentence", "--coder", "carol", "--yes"], cwd=root)
    assert r.out == "2 matches; 2 passages already coded with alpha:M1: nothing to do\n"
    assert len(_excerpts(root, "po1", "carol")) == 1


def test_autocode_scopes_speaker_and_existing_excerpts(coded, run):
    root, ids = coded
    # match scope, whole words: "listen" but not "listens"
    r = run(["autocode", "listen", "free:quick-response", "-w", "--coder", "carol", "--yes"], cwd=root)
    assert r.out.startswith("1 match: 1 new excerpt (matches")
    assert [e["quote"] for e in _excerpts(root, "po1", "carol")] == ["listen"]
    # turn scope, only what recipients say; the same turn twice is one excerpt
    r = run(["autocode", "(caught|quick)", "beta", "--regex", "--scope", "turn", "--speaker", "recipient",
             "--coder", "carol", "--yes"], cwd=root)
    assert r.out.startswith("2 matches: 1 new excerpt (turns, in 1 transcript")
    (turn,) = _excerpts(root, "rec1", "carol")
    assert turn["quote"] == "Breaches get a quick response. I expect to be caught, so I comply."
    r = run(["autocode", "caught", "beta", "--speaker", "staff", "--coder", "carol", "--yes"], cwd=root)
    assert r.out == "1 match: nothing to do\n"
    # alice already has "The housing shortage gets in the way." as alpha:C2: the sentence gains alpha:C1
    r = run(["autocode", "housing shortage", "alpha:C1", "--scope", "sentence", "--coder", "alice", "--yes"],
            cwd=root)
    assert r.out.startswith("1 match: 0 new excerpts, 1 existing excerpt(s) gain the code")
    a2 = next(e for e in _excerpts(root, "po1", "alice") if e["id"] == ids["a2"])
    assert a2["codes"] == ["alpha:C2", "alpha:C1"] and a2["stance"] == "refutes"
    assert len(_excerpts(root, "po1", "alice")) == 2


@pytest.mark.parametrize("args,message", [
    (["(oops", "alpha", "--regex"], "error: '(oops' is not a valid regular expression (missing ), unterminated "
                                    "subpattern at position 0); leave out --regex to search for the words as written\n"),
    (["x", "alpha:Q1"], "error: theory 'alpha' has no element 'Q1'; its elements are C1, C2, I1, M1, O1\n"),
    (["x", "alpha", "--speaker", "judge"], "error: no participant with role or group 'judge'; roles and groups: "
                                           "Person on IOM, Probation Officer, recipient, staff\n"),
    (["x", "alpha", "--transcript", "po2"], "error: no transcript 'po2' (did you mean 'po1'?); "
                                            "see `realist transcripts list`\n"),
    (["  ", "alpha"], "error: the search pattern is empty\n"),
])
def test_autocode_usage_errors(coded, run, args, message):
    root, _ = coded
    r = run(["autocode", *args], cwd=root)
    assert (r.code, r.err) == (2, message)


def test_autocode_one_write_per_touched_file(coded, monkeypatch):
    root, _ = coded
    from realist import load_project
    from realist.coding import autocode as ac
    from realist.store import codings

    writes = []
    real = codings.write_codings
    monkeypatch.setattr(codings, "write_codings", lambda *a, **k: writes.append(a[1:3]) or real(*a, **k))
    project = load_project(root)
    plan = ac.plan_autocode(project, "e", "alpha", coder="dora")  # hundreds of matches in two transcripts
    assert plan.matches > 20 and len(plan.new) == plan.matches
    ac.apply_autocode(project, plan)
    assert sorted(writes) == [("po1", "dora"), ("rec1", "dora")]


def test_promote_adds_the_element_and_repoints_codings_and_memos(coded, run):
    root, ids = coded
    assert run(["memo", "add", "--on", "free:quick-response", "--text", "Both sites", "--author", "ann"],
               cwd=root).code == 0
    r = run(["codebook", "promote", "free:quick-response", "--to", "beta:c2"], cwd=root)
    assert (r.code, r.err) == (0, "added beta:C2 to beta; promoted free:quick-response: 1 excerpt re-pointed to "
                                  "beta:C2 (1 codings file, 1 memo)\n")
    theory = (root / "theories/beta.yaml").read_text(encoding="utf-8")
    assert ("  - {id: C2, text: Breaches met fast, definition: Breaches met fast (was free:quick-response)}\n"
            in theory)
    a4 = next(e for e in _excerpts(root, "rec1", "alice") if e["id"] == ids["a4"])
    assert a4["codes"] == ["beta:C1", "beta:C2"]
    assert yaml.safe_load((root / "codebook.yaml").read_text(encoding="utf-8"))["codes"] == []
    (memo,) = (root / "memos").glob("*.md")
    assert "\non: beta:C2\n" in memo.read_text(encoding="utf-8")
    assert run(["check"], cwd=root).code == 0
    r = run(["codebook", "promote", "free:quick-response", "--to", "beta:C3"], cwd=root)
    assert r.err == ("error: no free code 'quick-response' in codebook.yaml; add it with "
                     "`realist codebook add quick-response`\n")


def test_promote_into_an_existing_element_and_bad_targets(coded, run):
    root, ids = coded
    r = run(["codebook", "promote", "free:quick-response", "--to", "beta:C1"], cwd=root)
    assert r.err == "promoted free:quick-response: 1 excerpt re-pointed to beta:C1 (1 codings file)\n"
    a4 = next(e for e in _excerpts(root, "rec1", "alice") if e["id"] == ids["a4"])
    assert a4["codes"] == ["beta:C1"]  # not twice
    assert run(["codebook", "add", "kin"], cwd=root).code == 0
    assert run(["codebook", "promote", "free:kin", "--to", "beta"], cwd=root).err.startswith(
        "error: promote to an element: --to beta:C1")
    assert run(["codebook", "promote", "free:kin", "--to", "beta:X1"], cwd=root).err == (
        "error: 'X1' is not an element id; use C, I, M or O and a number (C7, M3)\n")
    assert run(["codebook", "promote", "alpha:C1", "--to", "beta:C4"], cwd=root).err == (
        "error: 'alpha:C1' is not a free code; free codes are written free:NAME\n")


def test_rename_and_merge_free_codes(coded, run):
    root, ids = coded
    assert run(["codebook", "add", "kin", "--definition", "Family"], cwd=root).code == 0
    r = run(["codebook", "rename", "free:quick-response", "free:swift-response"], cwd=root)
    assert r.err == "renamed free:quick-response: 1 excerpt re-pointed to free:swift-response (1 codings file)\n"
    r = run(["codebook", "rename", "free:kin", "free:swift-response"], cwd=root)
    assert r.err.startswith("error: free code 'swift-response' is already in codebook.yaml; to fold 'kin' into it")
    run(["code", "rec1", "4", "free:kin", "free:swift-response", "--coder", "carol"], cwd=root)
    r = run(["codebook", "merge", "free:kin", "--into", "free:swift-response"], cwd=root)
    assert r.err == "merged free:kin: 1 excerpt re-pointed to free:swift-response (1 codings file)\n"
    (carol,) = _excerpts(root, "rec1", "carol")
    assert carol["codes"] == ["free:swift-response"]
    book = yaml.safe_load((root / "codebook.yaml").read_text(encoding="utf-8"))["codes"]
    assert book == [{"name": "swift-response", "definition": "Breaches met fast", "created": book[0]["created"],
                     "renamed_from": ["quick-response"], "merged_from": ["kin"]}]
    assert run(["check"], cwd=root).code == 0


def test_codebook_lists_definitions_and_counts(coded, run):
    root, _ = coded
    import json

    rows = {r["code"]: r for r in json.loads(run(["codebook", "--format", "json"], cwd=root).out)}
    assert rows["alpha"]["excerpts"] == 0 and rows["alpha"]["excerpts_any"] == 5
    assert rows["alpha:C1"] == {"code": "alpha:C1", "kind": "context", "text": "Small caseloads", "definition": None,
                                "excerpts": 2, "coders": ["alice", "bob"]}
    assert rows["free:quick-response"]["excerpts"] == 1


def test_excerpts_show_memos(coded, run, monkeypatch):
    root, ids = coded
    run(["memo", "add", "--on", ids["a2"], "--text", "Housing is the real barrier", "--author", "ann"], cwd=root)
    md = run(["excerpts", "--code", "alpha:C2", "--coder", "alice", "--format", "md"], cwd=root).out
    assert "*Memo* (ann, " in md and "): Housing is the real barrier" in md
    monkeypatch.setenv("REALIST_WIDTH", "120")
    table = run(["excerpts", "--code", "alpha:C2", "--coder", "alice", "--format", "table"], cwd=root).out
    assert "memo: Housing is the real barrier (ann, " in table
