"""`realist evidence check`: the worked example passes; each planted inconsistency is found at its line."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO

GOOD = """\
id: good
title: Good
strand: psm
design: matched-comparison
measure: rate
unit: percent
alpha: 0.05
treatment:
  n: 2297
  reoffenders: 894
  estimate: 38.9
  ci: [36.9, 40.9]
comparison:
  n: 3839
  estimate: 38.5
  ci: [37.0, 40.1]
difference:
  estimate: 0.4
  ci: [-2.1, 2.9]
effect_size: {cohens_d: 0.01}
p_value: 0.75
significant: false
"""


def plant(line: int, text: str | None, base: str = GOOD) -> str:
    """GOOD with line ``line`` (1-based) replaced by ``text`` (None: inserted lines go after it)."""
    lines = base.splitlines()
    lines[line - 1] = text if text is not None else lines[line - 1]
    return "\n".join(lines) + "\n"


def test_worked_example_passes(run):
    r = run(["evidence", "check"], cwd=REPO)
    assert (r.code, r.out, r.err) == (0, "", "ok: 5 evidence files consistent\n")


def test_good_file_passes(make_project, run):
    root = make_project({"theories/evidence/good.yaml": GOOD})
    r = run(["evidence", "check"], cwd=root)
    assert (r.code, r.out) == (0, "")


PLANTS = [
    ("quant.n", 14, "  n: 0", 14, "comparison group size n must be a positive number of people, not 0"),
    ("quant.subpopulation", 10, "  reoffenders: 2400", 10,
     "treatment reoffenders (2,400) must lie between 0 and the group's n (2,297)"),
    ("quant.counts", 10, "  reoffenders: 700", 11, "treatment rate 38.9% is not 700 of 2,297 people (30.47%)"),
    ("quant.ci", 12, "  ci: [39.5, 40.9]", 12, "treatment estimate 38.9 lies outside its CI 39.5 to 40.9"),
    ("quant.ci", 19, "  ci: [2.9, -2.1]", 19,
     "difference: the CI's lower bound 2.9 is above its upper bound -2.1; write [lower, upper]"),
    ("quant.difference", 15, "  estimate: 37.6", 18,
     "difference 0.4 is not treatment − comparison (38.9 − 37.6 = 1.3) within the rounding of the figures (±0.15)"),
    ("quant.p-ci", 21, "p_value: 0.30", 21, "p 0.3 does not agree with the difference 0.4 and its 95% CI -2.1 to "
     "2.9, which imply p ≈ 0.75 (between 0.72 and 0.79 given the rounding)"),
    ("quant.se", 19, "  ci: [-2.1, 2.9]\n  se: 3.0", 20,
     "standard error 3 does not agree with the CI -2.1 to 2.9, which implies 1.27553"),
    ("quant.effect-sign", 20, "effect_size: {cohens_d: -0.01}", 20,
     "effect size cohens_d -0.01 points the other way from the difference 0.4"),
]


@pytest.mark.parametrize("rule,line,text,where,message", PLANTS, ids=[p[0] + str(p[1]) for p in PLANTS])
def test_each_planted_inconsistency_is_reported_with_its_line(make_project, run, rule, line, text, where, message):
    root = make_project({"theories/evidence/good.yaml": plant(line, text)})
    r = run(["evidence", "check", "--format", "json"], cwd=root)
    assert r.code == 1
    findings = json.loads(r.out)["findings"]
    assert [(f["rule"], f["line"], f["message"]) for f in findings] == [(rule, where, message)]
    text_run = run(["evidence", "check"], cwd=root)
    assert text_run.out.startswith(f"theories/evidence/good.yaml:{where}:")


def test_significance_flag_against_p_and_ci(make_project, run):
    root = make_project({"theories/evidence/good.yaml": plant(22, "significant: true")})
    r = run(["evidence", "check"], cwd=root)
    assert r.code == 1
    assert r.out == ("theories/evidence/good.yaml:22:14: says significant, but p = 0.75 is > alpha 0.05\n"
                     "theories/evidence/good.yaml:22:14: says significant, but the CI -2.1 to 2.9 includes 0\n")
    assert r.err == "2 errors, 0 warnings in 1 evidence file\n"


def test_p_at_alpha_is_indeterminate_but_unrounded_p_decides(make_project, run):
    sig = GOOD.replace("ci: [-2.1, 2.9]", "ci: [0.02, 2.98]").replace("estimate: 0.4", "estimate: 1.5") \
        .replace("significant: false", "significant: true").replace("38.5", "37.4")
    for p, code in (("0.05", 0), ("0.0504", 1), ("0.0499", 0)):
        root = make_project({"theories/evidence/good.yaml": sig.replace("p_value: 0.75", f"p_value: {p}")})
        r = run(["evidence", "check", "--format", "json"], cwd=root)
        rules = [f["rule"] for f in json.loads(r.out)["findings"]]
        assert r.code == code, (p, rules)
        assert set(rules) <= {"quant.significance"}


def test_a_bound_printed_as_zero_is_indeterminate(make_project, run):
    body = GOOD.replace("ci: [-2.1, 2.9]", "ci: [0.0, 2.9]").replace("estimate: 0.4", "estimate: 1.4") \
        .replace("38.5", "37.5").replace("p_value: 0.75\n", "")
    for flag in ("true", "false"):
        root = make_project({"theories/evidence/good.yaml": body.replace("significant: false", f"significant: {flag}")})
        r = run(["evidence", "check"], cwd=root)
        assert (r.code, r.out) == (0, ""), flag


def test_weighted_comparison_rate_may_differ_from_raw_counts(make_project, run):
    counted = GOOD.replace("  n: 3839\n", "  n: 3839\n  reoffenders: 1335\n")
    root = make_project({"theories/evidence/good.yaml": counted})
    r = run(["evidence", "check"], cwd=root)
    assert r.code == 1
    assert r.out == ("theories/evidence/good.yaml:16:13: comparison rate 38.5% is not 1,335 of 3,839 people "
                     "(34.77%) (if the comparison group is weighted, say weighted_comparison: true)\n")
    root = make_project({"theories/evidence/good.yaml": counted.replace("alpha: 0.05", "alpha: 0.05\n"
                                                                         "weighted_comparison: true")})
    assert run(["evidence", "check"], cwd=root).code == 0


def test_subpopulation_larger_than_its_group(make_project, run):
    root = make_project({"theories/evidence/good.yaml": GOOD.replace("  n: 2297\n", "  n: 2297\n  out_of: 900\n")})
    r = run(["evidence", "check"], cwd=root)
    assert r.out == ("theories/evidence/good.yaml:9:6: treatment n (2,297) is larger than the group it is drawn "
                     "from (out_of: 900)\n")


PAIRED = """\
id: needs
title: Needs
design: paired-change
measure: score
domains:
  - {name: Housing, range: [0, 8], n: 120, mean_before: 4.33, mean_after: 4.2, mean_change: -0.13, p_value: 0.01, significant: true, effect_size: {r: -0.2}}
"""


@pytest.mark.parametrize("old,new,rule,message", [
    ("range: [0, 8]", "range: [0, 4.25]", "quant.range", "domain 'Housing': mean_before 4.33 lies outside the range 0-4.25"),
    ("mean_change: -0.13", "mean_change: -0.3", "quant.difference", "domain 'Housing': mean_change -0.3 is not after − before (4.2 − 4.33)"),
    ("significant: true", "significant: false", "quant.significance", "says not significant, but p = 0.01 is ≤ alpha 0.05"),
    ("r: -0.2", "r: 0.2", "quant.effect-sign", "effect size r 0.2 points the other way from the difference -0.13"),
    ("range: [0, 8]", "range: [8, 0]", "quant.range", "domain 'Housing': range 8-0 must be written [lowest, highest]"),
    ("n: 120", "n: -3", "quant.n", "domain 'Housing': n must be a positive number of people, not -3"),
])
def test_paired_change_rules(make_project, run, old, new, rule, message):
    root = make_project({"theories/evidence/needs.yaml": PAIRED})
    assert run(["evidence", "check"], cwd=root).code == 0
    root = make_project({"theories/evidence/needs.yaml": PAIRED.replace(old, new)})
    r = run(["evidence", "check", "--format", "json"], cwd=root)
    findings = json.loads(r.out)["findings"]
    assert [(f["rule"], f["line"], f["message"]) for f in findings] == [(rule, 6, message)]


def test_raw_figures_that_cannot_be_computed(make_project, run):
    root = make_project({"theories/evidence/good.yaml": GOOD + "raw:\n  treatment: {n: 1, events: 0}\n"
                         "  comparison: {n: 50, events: 5}\n"})
    r = run(["evidence", "check"], cwd=root)
    assert r.out == ("theories/evidence/good.yaml:24:3: raw.treatment.n must be a whole number of at least "
                     "2 people\n")


def test_inconclusive_result_attached_as_support_is_a_warning(make_project, run):
    root = make_project({"theories/evidence/good.yaml": GOOD + "bears_on:\n  - {target: alpha:O1, stance: refutes}\n"})
    r = run(["evidence", "check"], cwd=root)
    assert r.code == 0
    assert r.out == ("theories/evidence/good.yaml:24:32: warning: the result is not statistically significant, so "
                     "it is inconclusive: it will count neither as supporting nor as refuting 'alpha:O1' (use "
                     "stance: refines, or drop the link)\n")
    assert run(["evidence", "check", "--strict"], cwd=root).code == 1
    check = run(["check"], cwd=root)
    assert "quant" not in check.out or "warning" in check.out
    assert "good.yaml:24:32: warning" in check.out


def test_realist_check_includes_the_quant_findings(make_project, run):
    root = make_project({"theories/evidence/good.yaml": plant(20, "effect_size: {cohens_d: -0.01}")})
    r = run(["check"], cwd=root)
    assert r.code == 1
    assert "theories/evidence/good.yaml:20:25: effect size cohens_d -0.01" in r.out


def test_unknown_id(make_project, run):
    root = make_project({"theories/evidence/good.yaml": GOOD})
    r = run(["evidence", "check", "godo"], cwd=root)
    assert (r.code, r.err) == (2, "error: no evidence 'godo' (did you mean 'good'?)\n")
