"""Coding matrix and co-occurrence counts on a small set of excerpts built by hand."""

from __future__ import annotations

import pytest

from realist.coding.matrix import UNKNOWN, Record, coding_matrix, configurations, cooccurrence


def rec(eid, transcript, codes, *, participant=None, turn=None, stance="supports", **attrs):
    attrs.setdefault("transcript", transcript)
    return Record(eid, transcript, tuple(codes), stance=stance, participant=participant, turn=turn, attrs=attrs)


# Two transcripts. T1: a probation officer (P1, North), turns 0-2. T2: a recipient (P2, South), turns 0-1.
RECORDS = [
    rec("e1", "T1", ["alpha:C1", "alpha:M1", "alpha:O1"], participant="P1", turn=0, role="officer", site="North",
        strand="staff"),
    rec("e2", "T1", ["alpha:C1", "free:family"], participant="P1", turn=1, role="officer", site="North",
        strand="staff"),
    rec("e3", "T1", ["alpha:M1"], participant="P1", turn=1, role="officer", site="North", strand="staff",
        stance="refutes"),
    rec("e4", "T1", ["beta", "beta:M1"], participant="P1", turn=2, role="officer", site="North", strand="staff"),
    rec("e5", "T2", ["alpha:O1", "beta:O1"], participant="P2", turn=0, role="recipient", site="South",
        strand="recipients"),
    rec("e6", "T2", ["alpha:C1"], participant="P2", turn=1, role="recipient", site="South", strand="recipients"),
    rec("e7", "T2", ["free:family"], participant=None, turn=1, strand="recipients"),
]


def test_theory_by_strand_counts_each_excerpt_once_per_theory():
    m = coding_matrix(RECORDS, rows="theory", cols="strand", all_rows=["alpha", "beta", "gamma"],
                      all_cols=["staff", "recipients", "observations"])
    assert m.rows == ["alpha", "beta", "gamma"]
    assert m.cols == ["staff", "recipients", "observations"]
    # alpha: e1, e2, e3 (staff); e5, e6 (recipients). e1 has three alpha codes but counts once.
    assert (m.cell("alpha", "staff"), m.cell("alpha", "recipients"), m.cell("alpha", "observations")) == (3, 2, 0)
    assert (m.cell("beta", "staff"), m.cell("beta", "recipients")) == (1, 1)
    assert m.cell("gamma", "staff") == 0
    assert m.row_totals == {"alpha": 5, "beta": 2}
    # e5 counts in both alpha and beta, but once in its column; e7 has only a free code
    assert m.col_totals == {"staff": 4, "recipients": 2}
    assert m.total == 6
    assert m.table()[-1] == ["total", 4, 2, 0, 6]


def test_element_rows_stance_filter_and_unknown_column():
    m = coding_matrix(RECORDS, rows="element", cols="role")
    assert m.rows == ["alpha:C1", "alpha:M1", "alpha:O1", "beta:M1", "beta:O1"]
    assert m.cell("alpha:C1", "officer") == 2 and m.cell("alpha:C1", "recipient") == 1
    assert m.cell("alpha:M1", "officer") == 2
    refuting = coding_matrix(RECORDS, rows="element", cols="role", stance="refutes")
    assert refuting.cells == {("alpha:M1", "officer"): 1}
    codes = coding_matrix(RECORDS, rows="code", cols="site")
    assert codes.cell("free:family", "North") == 1 and codes.cell("free:family", UNKNOWN) == 1
    assert codes.cols == ["North", "South", UNKNOWN]


def test_participants_count_distinct_people():
    m = coding_matrix(RECORDS, rows="theory", cols="site", participants=True)
    assert m.measure == "participants"
    assert m.cell("alpha", "North") == 1 and m.cell("alpha", "South") == 1
    assert m.row_totals == {"alpha": 2, "beta": 2}
    assert m.total == 2  # e7 has no known speaker


def test_bad_dimensions_are_refused():
    with pytest.raises(ValueError):
        coding_matrix(RECORDS, rows="speaker", cols="site")
    with pytest.raises(ValueError):
        coding_matrix(RECORDS, rows="theory", cols="colour")


def test_cooccurrence_by_excerpt():
    co = cooccurrence(RECORDS, unit="excerpt")
    assert co.units == 7
    assert co.code_units["alpha:C1"] == 3 and co.code_units["free:family"] == 2
    pairs = {(p.a, p.b): p for p in co.pairs}
    assert pairs["alpha:C1", "alpha:M1"].together == 1
    # alpha:C1 in e1,e2,e6; free:family in e2,e7 -> together 1, either 4
    assert pairs["alpha:C1", "free:family"].jaccard == pytest.approx(1 / 4)
    assert pairs["alpha:O1", "beta:O1"].jaccard == pytest.approx(1 / 2)  # O1 in e1,e5; beta:O1 in e5
    assert ("alpha:M1", "beta:M1") not in pairs
    assert co.pairs[0].together >= co.pairs[-1].together


def test_cooccurrence_by_turn_and_transcript():
    by_turn = cooccurrence(RECORDS, unit="turn")
    assert by_turn.units == 5  # T1 turns 0,1,2 and T2 turns 0,1
    pairs = {(p.a, p.b): p.together for p in by_turn.pairs}
    assert pairs["alpha:C1", "alpha:M1"] == 2  # T1 turn 0 (e1) and T1 turn 1 (e2 + e3)
    assert pairs["alpha:C1", "free:family"] == 2  # T1 turn 1 and T2 turn 1 (e6 + e7)
    by_transcript = cooccurrence(RECORDS, unit="transcript", level="theory")
    assert by_transcript.units == 2
    assert {(p.a, p.b): p.together for p in by_transcript.pairs} == {
        ("alpha", "beta"): 2, ("alpha", "free:family"): 2, ("beta", "free:family"): 2}


def test_configurations_together_versus_apart():
    kinds = {"alpha:C1": "C", "alpha:M1": "M", "alpha:O1": "O", "beta:M1": "M", "beta:O1": "O"}
    by_excerpt = {c.theory: c for c in configurations(RECORDS, kinds, unit="excerpt", theories=["alpha", "beta"])}
    a = by_excerpt["alpha"]
    # alpha elements in e1 (C,M,O), e2 (C), e3 (M), e5 (O), e6 (C)
    assert (a.units, a.c, a.m, a.o) == (5, 3, 2, 2)
    assert (a.c_m_o, a.c_m, a.m_o, a.c_o, a.alone) == (1, 1, 1, 1, 4)
    assert not a.apart
    b = by_excerpt["beta"]
    assert (b.units, b.m, b.o, b.c_m_o, b.alone) == (2, 1, 1, 0, 2)
    by_turn = {c.theory: c for c in configurations(RECORDS, kinds, unit="turn")}
    # T1 turn 1 now holds alpha C1 (e2) and M1 (e3) together
    assert (by_turn["alpha"].units, by_turn["alpha"].c_m, by_turn["alpha"].alone) == (4, 2, 2)


def test_apart_when_each_kind_is_coded_but_never_together():
    recs = [rec("x1", "T", ["g:C1"]), rec("x2", "T", ["g:M1"]), rec("x3", "T", ["g:O1"])]
    (g,) = configurations(recs, {})
    assert g.apart and g.alone == 3
    (g_t,) = configurations(recs, {}, unit="transcript")
    assert not g_t.apart and g_t.c_m_o == 1
