"""`realist evidence compute` from raw figures; `realist evidence paired` from a CSV; table rows."""

from __future__ import annotations

import json

import pytest

from realist.quant.tables import table_row, table_rows
from realist.store.project import load_project
from tests.conftest import REPO

RAW_RATE = """\
id: mentoring-rate
title: Reoffending of mentees
design: matched-comparison
measure: rate
raw:
  treatment: {n: 100, events: 30}
  comparison: {n: 100, events: 20}
"""

RAW_MEANS = """\
id: days
title: Days to reoffence
design: matched-comparison
measure: time
unit: days
raw:
  treatment: {n: 10, mean: 5.0, sd: 2.0}
  comparison: {n: 10, mean: 3.0, sd: 2.0}
"""


def test_compute_a_rate(make_project, run):
    root = make_project({"theories/evidence/mentoring-rate.yaml": RAW_RATE})
    r = run(["evidence", "compute", "mentoring-rate", "--format", "json"], cwd=root)
    assert r.code == 0, r.err
    c = json.loads(r.out)
    assert c["difference"]["estimate"] == pytest.approx(10.0)             # percentage points
    assert c["difference"]["se"] == pytest.approx(6.1134, abs=1e-4)
    assert c["statistic"] == pytest.approx(1.635757, abs=1e-5)
    assert c["effect_size"]["cohens_h"] == pytest.approx(0.231984, abs=1e-6)
    assert c["effect_size"]["cohens_d"] == pytest.approx(0.231330, abs=1e-5)
    assert c["significant"] is False
    text = run(["evidence", "compute", "mentoring-rate"], cwd=root)
    assert "not statistically significant at 0.05" in text.out
    assert "needed n" in text.out


def test_compute_means_and_say_uses_the_computed_interval(make_project, run):
    root = make_project({"theories/evidence/days.yaml": RAW_MEANS})
    c = json.loads(run(["evidence", "compute", "days", "--format", "json"], cwd=root).out)
    assert c["p_value"] == pytest.approx(0.038250, abs=1e-6)
    assert c["difference"]["ci"] == pytest.approx([0.120878, 3.879122], abs=1e-5)
    assert c["effect_size"] == {"cohens_d": pytest.approx(1.0)}
    r = run(["evidence", "say", "days"], cwd=root)
    assert "could be longer by between less than 1 day and 4 days. This is a statistically significant" in r.out
    assert run(["evidence", "check"], cwd=root).code == 0


def test_written_figures_disagreeing_with_raw_ones(make_project, run):
    root = make_project({"theories/evidence/days.yaml": RAW_MEANS + "difference: {estimate: 2.0, ci: [0.12, 3.88]}\n"
                                                                    "p_value: 0.20\n"})
    r = run(["evidence", "check"], cwd=root)
    assert r.code == 1
    assert ("theories/evidence/days.yaml:10:10: p 0.2 does not match 0.0382 computed from the raw figures (Welch's "
            "t-test)\n") in r.out


def test_compute_without_raw_figures(run):
    r = run(["evidence", "compute", "psm-reoffending-rate"], cwd=REPO)
    assert r.code == 2
    assert r.err.startswith("error: theories/evidence/psm-reoffending-rate.yaml: evidence 'psm-reoffending-rate' "
                            "has no raw figures") or "has no raw figures" in r.err


CSV = """person,need,start,month12
p1,Housing,4,3
p2,Housing,5,3
p3,Housing,6,4
p4,Housing,3,3
p5,Housing,7,4
p6,Housing,2,
p1,Drugs,2,3
p2,Drugs,4,4
p3,Drugs,1,2
p4,Drugs,3,NA
"""


def test_paired_writes_an_evidence_file_that_checks(make_project, run):
    root = make_project({"needs.csv": CSV})
    r = run(["evidence", "paired", "needs.csv", "--id", "person", "--before", "start", "--after", "month12",
             "--by", "need", "--name", "needs-12", "--follow-up", "12 months", "--bears-on", "alpha:O1"], cwd=root)
    assert r.code == 0, r.err
    assert "wrote " in r.err
    ev = load_project(root).evidence["needs-12"]
    housing, drugs = ev.data["domains"]
    # Housing: 5 pairs (p6 has no follow-up), changes -1 -2 -2 0 -3; zero dropped by the test
    assert (housing["n"], housing["n_dropped"]) == (5, 1)
    assert housing["mean_before"] == pytest.approx(5.0)
    assert housing["mean_change"] == pytest.approx(-1.6)
    # non-zero changes -1 -2 -2 -3: ranks 1, 2.5, 2.5, 4, W+ = 0; ties -> normal approximation
    assert housing["statistic"] == 0
    # z = (0 - 4*5/4) / sqrt(4*5*9/24 - (2^3 - 2)/48) = -5 / sqrt(7.375) = -1.84115, r = z / sqrt(5)
    assert housing["effect_size"]["r"] == pytest.approx(-1.84115 / 5 ** 0.5, abs=1e-4)
    assert (drugs["n"], drugs["n_dropped"]) == (3, 1)
    assert ev.bears_on[0].target == "alpha:O1"
    assert run(["check"], cwd=root).code == 0
    again = run(["evidence", "paired", "needs.csv", "--id", "person", "--before", "start", "--after", "month12",
                 "--by", "need", "--name", "needs-12"], cwd=root)
    assert again.code == 2
    assert "already exists; pass --force" in again.err


def test_paired_names_a_missing_column_and_a_bad_cell(make_project, run):
    root = make_project({"needs.csv": CSV, "bad.csv": "person,start,end\np1,4,x\n"})
    r = run(["evidence", "paired", "needs.csv", "--id", "person", "--before", "strat", "--after", "month12"], cwd=root)
    assert r.code == 2
    assert r.err == ("error: needs.csv:1: has no column 'strat' (did you mean 'start'?); its columns are person, need, "
                     "start, month12\n")
    r = run(["evidence", "paired", "bad.csv", "--id", "person", "--before", "start", "--after", "end"], cwd=root)
    assert r.err == "error: bad.csv:2: row 2, column 'end': 'x' is not a number (leave it empty if missing)\n"


def test_paired_to_stdout(make_project, run):
    root = make_project({"needs.csv": CSV.split("p1,Drugs")[0]})
    r = run(["evidence", "paired", "needs.csv", "--id", "person", "--before", "start", "--after", "month12",
             "--out", "-"], cwd=root)
    assert r.code == 0
    assert r.out.startswith("# Written by `realist evidence paired` from needs.csv")
    assert "id: needs\n" in r.out


def test_table_rows_of_the_worked_example():
    project = load_project(REPO)
    rows = {r["id"]: r for r in table_rows(project, "matched-comparison")}
    assert rows["psm-reoffending-rate"] | {} == rows["psm-reoffending-rate"]
    rate = rows["psm-reoffending-rate"]
    assert (rate["n_treatment"], rate["treatment"], rate["comparison"], rate["difference"], rate["effect_size"],
            rate["significant"], rate["p"]) == ("2297", "38.9 (36.9 to 40.9)", "38.5 (37.0 to 40.1)",
                                                "0.4 (-2.1 to 2.9)", "0.01", "No", "0.75")
    assert rows["psm-reoffending-frequency"]["difference"] == "0.08 (-0.08 to 0.24)"
    assert rows["psm-time-to-reoffence"]["difference"] == "-10 (-18 to -1)"
    assert rows["psm-time-to-reoffence"]["significant"] == "Yes"
    needs = table_rows(project, "paired-change", ["oasys-needs-24-months"])
    assert [(r["domain"], r["mean_change"], r["marker"]) for r in needs][:3] == [
        ("Accommodation", "-0.071", "**"), ("Employability", "-0.041", ""), ("Relationships", "-0.260", "**")]
    assert table_row(project, "psm-reoffending-rate")["p_value"] == "0.75"
    assert table_row(project, "oasys-needs-12-months") is None


def test_wilcoxon_exact_p_by_hand():
    from realist.quant.paired import wilcoxon_domain

    # five rises, no ties: W- = 0, exact two-sided p = 2 / 2^5 = 0.0625; z = (15 - 7.5) / sqrt(13.75)
    r = wilcoxon_domain("x", [(1, 2), (1, 3), (1, 4), (1, 5), (1, 6)])
    assert r.p_value == pytest.approx(0.0625)
    assert r.significant is False
    assert r.r == pytest.approx((7.5 / 13.75 ** 0.5) / 5 ** 0.5)
    assert (r.mean_before, r.mean_after, r.mean_change) == (1.0, 4.0, 3.0)


def test_paired_summary_of_the_worked_example():
    from realist.quant.say import say

    s = say(load_project(REPO), "oasys-needs-24-months")
    assert s.summary == ("Average scores fell in 8 of 8 domains over 24 months, statistically significantly in 7; "
                         "the largest fall was 0.260 points (Relationships).")
    assert s.details[1] == ("Employability: down 0.041 points from an average of 4.89 (range 0-8); not statistically "
                            "significant (inconclusive).")


def test_compute_write_adds_only_missing_figures_and_keeps_comments(make_project, run):
    body = RAW_RATE.replace("raw:", "# our own note\np_value: 0.16   # from the analyst\nraw:")
    root = make_project({"theories/evidence/mentoring-rate.yaml": body})
    r = run(["evidence", "compute", "mentoring-rate", "--write"], cwd=root)
    assert r.code == 0, r.err
    assert r.err.startswith("added treatment, comparison, difference, significant, effect_size, test, df to ")
    assert "kept your own p_value" in r.err
    text = (root / "theories/evidence/mentoring-rate.yaml").read_text()
    assert "# our own note\np_value: 0.16   # from the analyst\n" in text
    assert "difference: {estimate: 10.0, ci: [-2.057098, 22.057098], se: 6.113406}" in text
    assert "df: 194.449067" in text  # Welch-Satterthwaite, 194.45 by hand
    # the analyst's p disagrees with the raw figures by more than its rounding: the check says so
    check = run(["evidence", "check"], cwd=root)
    assert "p 0.16 does not match 0.104 computed from the raw figures" in check.out
    again = run(["evidence", "compute", "mentoring-rate", "--write"], cwd=root)
    assert not again.err.startswith("added")
