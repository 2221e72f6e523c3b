"""matrix, framework, cooccur and agreement on the hand-built project of tests/analysiskit.py."""

from __future__ import annotations

import csv
import io
import json

import analysiskit
import pytest

built = pytest.fixture(scope="module")(analysiskit.built_project)
coded = pytest.fixture(analysiskit.fresh_copy)


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_matrix_theory_by_strand(coded, run):
    root, _ = coded
    r = run(["matrix", "--rows", "theory", "--cols", "strand", "--coder", "alice"], cwd=root)
    assert r.code == 0, r.err
    # alice: alpha a1, a2 (staff) and a3 (recipient); beta a4, a5 (recipient)
    assert _csv(r.out) == [["theory", "staff-interviews", "recipient-interviews", "total"],
                           ["alpha", "2", "1", "3"], ["beta", "0", "2", "2"], ["total", "2", "3", "5"]]
    both = run(["matrix"], cwd=root)  # bob's b1, b2 count too
    assert _csv(both.out)[1] == ["alpha", "4", "1", "5"]


def test_matrix_elements_stance_and_participants(coded, run):
    root, _ = coded
    r = run(["matrix", "--rows", "element", "--cols", "stage", "--coder", "alice", "--format", "json"], cwd=root)
    rows = {row["element"]: row for row in json.loads(r.out)}
    assert list(rows) == ["alpha:C1", "alpha:C2", "alpha:I1", "alpha:M1", "alpha:O1", "beta:C1", "beta:M1",
                          "beta:O1", "total"]
    assert rows["alpha:M1"] == {"element": "alpha:M1", "initial": 1, "second": 1, "third": 0, "total": 2}
    assert rows["alpha:I1"]["total"] == 0
    r = run(["matrix", "--rows", "theory", "--cols", "role", "--stance", "refutes"], cwd=root)
    # roles sorted: Person on IOM, Probation Officer; a2 (refutes) is the officer's
    assert _csv(r.out)[1:] == [["alpha", "0", "1", "1"], ["beta", "0", "0", "0"], ["total", "0", "1", "1"]]
    r = run(["matrix", "--rows", "code", "--cols", "site", "--participants", "--format", "csv"], cwd=root)
    table = {row[0]: row[1:] for row in _csv(r.out)}
    assert table["alpha:M1"] == ["1", "1", "2"]
    assert table["free:quick-response"] == ["0", "1", "1"]
    assert table["total"] == ["1", "1", "2"]


def test_matrix_md_and_xlsx(coded, run, tmp_path):
    root, _ = coded
    md = run(["matrix", "--format", "md", "--coder", "alice"], cwd=root).out
    assert md.splitlines()[:6] == ["**Excerpts coded to each theory, by strand**", "",
                                   "| theory | staff-interviews | recipient-interviews | total |",
                                   "|---|---|---|---|", "| alpha | 2 | 1 | 3 |", "| beta | 0 | 2 | 2 |"]
    assert "*Open a cell: realist excerpts --theory alpha --strand staff-interviews*" in md
    out = tmp_path / "m.xlsx"
    r = run(["matrix", "--cols", "site", "--format", "xlsx", "--out", str(out)], cwd=root)
    assert r.code == 0 and r.err == f"wrote {out}\n"
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    assert ws["A1"].value == "Excerpts coded to each theory, by site"
    assert [c.value for c in ws[2]] == ["theory", "Region A", "Region B", "total"]
    assert [c.value for c in ws[3]] == ["alpha", 4, 1, 5]


def test_matrix_cell_opens_with_excerpts(coded, run):
    root, ids = coded
    r = run(["excerpts", "--theory", "alpha", "--strand", "staff-interviews", "--coder", "alice"], cwd=root)
    assert [row[0] for row in _csv(r.out)[1:]] == [ids["a1"], ids["a2"]]
    r = run(["excerpts", "--strand", "staff"], cwd=root)
    assert r.code == 2
    assert r.err.startswith("error: strand 'staff' is not in realist.yaml")


def test_cooccur_pairs_and_configurations(coded, run):
    root, _ = coded
    r = run(["cooccur", "--coder", "alice", "--format", "json"], cwd=root)
    data = json.loads(r.out)
    pairs = {(p["code a"], p["code b"]): p for p in data["pairs"]}
    assert pairs["alpha:M1", "alpha:O1"] == {"code a": "alpha:M1", "code b": "alpha:O1", "together": 2, "a": 2,
                                            "b": 2, "jaccard": 1.0}
    assert pairs["alpha:C1", "alpha:M1"]["jaccard"] == 0.5  # together in a1; C1 in a1, M1 in a1 and a3
    assert ("alpha:C2", "alpha:M1") not in pairs
    confs = {c["theory"]: c for c in data["configurations"]}
    assert confs["alpha"] == {"theory": "alpha", "excerpts": 3, "C": 2, "M": 2, "O": 2, "C+M": 1, "M+O": 2,
                              "C+O": 1, "C+M+O": 1, "alone": 1, "configuration": "together"}
    assert confs["beta"]["configuration"] == "apart"  # C1 in a4, M1 and O1 in a5
    by_turn = json.loads(run(["cooccur", "--coder", "alice", "--unit", "turn", "--format", "json"], cwd=root).out)
    beta = {c["theory"]: c for c in by_turn["configurations"]}["beta"]
    assert (beta["turns"], beta["C+M+O"], beta["configuration"]) == (1, 1, "together")  # a4, a5: one turn


def test_cooccur_theory_level_and_filters(coded, run):
    root, _ = coded
    r = run(["cooccur", "--unit", "transcript", "--level", "theory", "--only", "pairs", "--coder", "alice"],
            cwd=root)
    rows = _csv(r.out)
    assert rows[0] == ["code a", "code b", "together", "a", "b", "jaccard"]
    # po1 holds alpha; rec1 holds alpha, beta and free:quick-response. Equal counts: higher Jaccard first
    assert rows[1:] == [["beta", "free:quick-response", "1", "1", "1", "1.0"],
                        ["alpha", "beta", "1", "2", "1", "0.5"], ["alpha", "free:quick-response", "1", "2", "1", "0.5"]]
    r = run(["cooccur", "--only", "configurations", "--theory", "beta", "--format", "md"], cwd=root)
    assert "| beta | 2 | 1 | 1 | 1 | 0 | 1 | 0 | 0 | 1 | apart |" in r.out
    assert "| alpha |" not in r.out
    assert run(["cooccur", "--theory", "gama"], cwd=root).err == "error: no theory 'gama'\n"


def test_framework_matrix(coded, run, tmp_path):
    root, ids = coded
    r = run(["framework", "--coder", "alice", "--format", "json"], cwd=root)
    rows = {row["participant"]: row for row in json.loads(r.out)}
    assert list(rows) == ["Person on IOM 1", "Probation Officer 1"]
    assert rows["Probation Officer 1"]["Alpha"] == (
        f"“Small caseloads let me listen. People feel heard and they engage.” [{ids['a1']}]\n"
        f"“The housing shortage gets in the way.” [{ids['a2']}, refutes]")
    assert rows["Probation Officer 1"]["Beta"] == ""
    assert rows["Person on IOM 1"]["Beta"].count("“") == 2
    by_site = json.loads(run(["framework", "--rows", "site", "--coder", "bob", "--format", "json"], cwd=root).out)
    assert by_site == [{"site": "Region A", "Alpha": f"“Small caseloads let me listen.” [{ids['b1']}]\n"
                        f"“The housing shortage gets in the way. Trust takes time.” [{ids['b2']}]", "Beta": ""}]
    out = tmp_path / "fw.xlsx"
    assert run(["framework", "--format", "xlsx", "--out", str(out)], cwd=root).code == 0
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    assert [c.value for c in ws[2]] == ["participant", "Alpha", "Beta"]
    md = run(["framework", "--format", "md", "--coder", "alice"], cwd=root).out
    assert md.startswith("**Framework matrix: participants x theories**")


def test_framework_memos(coded, run):
    root, ids = coded
    assert run(["memo", "add", "--on", ids["a2"], "--text", "Housing is the real barrier", "--author", "ann"],
               cwd=root).code == 0
    rows = json.loads(run(["framework", "--memos", "--coder", "alice", "--format", "json"], cwd=root).out)
    po = next(r for r in rows if r["participant"] == "Probation Officer 1")
    assert po["Alpha"].startswith(f"[{ids['a2']}] Housing is the real barrier (ann, ")


def test_agreement_cli(coded, run):
    root, _ = coded
    r = run(["agreement", "--coders", "alice,bob", "--format", "json"], cwd=root)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["transcripts"] == ["po1"] and data["skipped"] == ["rec1"]
    codes = {c["code"]: c for c in data["codes"]}
    assert list(codes) == ["alpha:C1", "alpha:C2", "alpha:M1", "alpha:O1"]
    from realist import load_project
    from realist.coding import get_transcript

    n = len(get_transcript(load_project(root), "po1").text)
    long = len("Small caseloads let me listen. People feel heard and they engage.")
    short = len("Small caseloads let me listen.")
    c1 = codes["alpha:C1"]
    assert (c1["coded_a"], c1["coded_b"], c1["both"], c1["characters"]) == (long, short, short, n)
    assert c1["percent"] == round((n - (long - short)) / n, 4)
    assert codes["alpha:M1"]["kappa"] == 0.0  # bob never used it
    spans = data["disagreements"]
    assert [(d["code"], d["coded_by"], d["quote"]) for d in spans] == [  # in text order
        ("alpha:M1", "alice", "Small caseloads let me listen. People feel heard and they engage."),
        ("alpha:O1", "alice", "Small caseloads let me listen. People feel heard and they engage."),
        ("alpha:C1", "alice", "People feel heard and they engage."),
        ("alpha:C2", "bob", "Trust takes time.")]
    assert spans[0]["line"] == 2 and spans[-1]["line"] == 4
    only = json.loads(run(["agreement", "--coders", "alice,bob", "--code", "alpha:C2", "--format", "json"],
                          cwd=root).out)
    assert [c["code"] for c in only["codes"]] == ["alpha:C2"] and only["overall"]["both"] == only["codes"][0]["both"]


@pytest.mark.parametrize("args,message", [
    (["--coders", "alice"], "error: --coders takes two coder names separated by a comma (for example --coders "
                            "alice,bob), not 'alice'\n"),
    (["--coders", "alice,alice"], "error: give two different coders (--coders alice,OTHER)\n"),
    (["--coders", "alice,bobb"], "error: no codings by 'bobb' (did you mean 'bob'?); coders in this project: "
                                 "alice, bob\n"),
    (["--coders", "alice,bob", "--transcript", "po2"], "error: no transcript 'po2' (did you mean 'po1'?); "
                                                       "see `realist transcripts list`\n"),
])
def test_agreement_usage_errors(coded, run, args, message):
    root, _ = coded
    r = run(["agreement", *args], cwd=root)
    assert (r.code, r.err) == (2, message)


def test_agreement_table_lists_disagreements(coded, run, monkeypatch):
    root, _ = coded
    monkeypatch.setenv("REALIST_WIDTH", "110")
    r = run(["agreement", "--coders", "alice,bob", "--format", "table"], cwd=root)
    assert "Agreement of alice and bob, character by character, on 1 transcript" in r.out
    assert "Not compared (coded by only one of them): rec1" in r.out
    assert "po1:4  alpha:C2  only bob: “Trust takes time.”" in r.out
    md = run(["agreement", "--coders", "alice,bob", "--format", "md"], cwd=root).out
    assert "- po1:4 `alpha:C2` only bob: “Trust takes time.”" in md


def test_the_worked_example_gives_a_matrix_and_a_cooccurrence_table(run):
    """What the README demo shows: the sample transcripts, coded, counted."""
    from conftest import REPO

    from realist import load_project

    theories = list(load_project(REPO).theories)
    rows = json.loads(run(["matrix", "--format", "json"], cwd=REPO).out)
    assert [r["theory"] for r in rows] == [*theories, "total"]
    assert rows[-1]["total"] > 0
    data = json.loads(run(["cooccur", "--format", "json"], cwd=REPO).out)
    assert data["pairs"] and [c["theory"] for c in data["configurations"]] == theories
