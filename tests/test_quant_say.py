"""`realist evidence say`: every wording branch, from hand-worked intervals."""

from __future__ import annotations

import json

import pytest

from realist.quant.say import say
from realist.quant.significance import effective_stance, significance
from realist.store.project import load_project
from tests.conftest import REPO


def result(measure: str, low: float, high: float, *, p: float | None = None, population: str | None = None,
           extra: str = "") -> str:
    estimate = round((low + high) / 2, 4)
    lines = ["id: r", "title: A result", "design: matched-comparison", f"measure: {measure}",
             "treatment: {n: 500, estimate: 40.0, ci: [36.0, 44.0]}",
             "comparison: {n: 800, estimate: 39.0, ci: [36.0, 42.0]}",
             f"difference: {{estimate: {estimate}, ci: [{low}, {high}]}}"]
    if p is not None:
        lines.append(f"p_value: {p}")
    if population:
        lines.append(f"population: {population}")
    return "\n".join(lines) + "\n" + extra


LEAD = "For every 100 typical participants, compared with 100 similar non-participants, "


@pytest.mark.parametrize("measure,low,high,population,expected", [
    # straddling zero: the issue's own example
    ("rate", -3.14, 8.68, None, LEAD + "the number of people who reoffend could be lower by as many as 3 people, "
     "or higher by as many as 9 people."),
    # significant, down; half to even at .5 (8.5 -> 8)
    ("rate", -8.5, -1.2, None, LEAD + "the number of people who reoffend could be lower by between 1 and 8 people. "
     "This is a statistically significant result."),
    # significant, up; a frequency per person times 100 (0.015 -> 1.5 -> 2, 0.2349 -> 23.49 -> 23)
    ("frequency", 0.015, 0.2349, None, LEAD + "the number of proven reoffences could be higher by between 2 and 23 "
     "offences. This is a statistically significant result."),
    # singular
    ("rate", -1.4, 0.6, None, LEAD + "the number of people who reoffend could be lower by as many as 1 person, or "
     "higher by as many as 1 person."),
    # half to even both ways: 2.5 -> 2, 3.5 -> 4
    ("rate", -2.5, 3.5, None, LEAD + "the number of people who reoffend could be lower by as many as 2 people, or "
     "higher by as many as 4 people."),
    # thousands separators (12.345 per person -> 1,234.5 -> 1,234)
    ("frequency", -12.345, 0.5, None, LEAD + "the number of proven reoffences could be lower by as many as 1,234 "
     "offences, or higher by as many as 50 offences."),
    # days, as they are, among re-offenders
    ("time", -18.31, -0.87, "re-offenders", "For typical participants who reoffended, compared with similar "
     "non-participants who reoffended, the average time to first proven reoffence could be shorter by between 1 "
     "and 18 days. This is a statistically significant result."),
    # both bounds round to the same number
    ("rate", 1.2, 1.4, None, LEAD + "the number of people who reoffend could be higher by about 1 person. "
     "This is a statistically significant result."),
    ("time", -0.3, 12.5, None, "For typical participants, compared with similar non-participants, the average "
     "time to first proven reoffence could be shorter by as many as less than 1 day, or longer by as many as "
     "12 days."),
])
def test_wording_branches(make_project, measure, low, high, population, expected):
    root = make_project({"theories/evidence/r.yaml": result(measure, low, high, population=population)})
    assert say(load_project(root), "r").summary == expected


def test_inconclusive_says_what_you_can_and_cannot_say_and_the_needed_sample(make_project, run):
    root = make_project({"theories/evidence/r.yaml": result("rate", -3.14, 8.68, p=0.36)})
    statement = say(load_project(root), "r")
    assert statement.can_say == ("This analysis does not give clear evidence that the programme increases or "
                                 "reduces the number of people who reoffend.")
    assert statement.cannot_say.startswith("That the programme has no effect on the number of people who reoffend")
    # difference 2.77 points, treatment SD sqrt(.4 * .6 * 500/499) = 0.490389 -> d = 0.056486;
    # n = ((1.95996 + 1.64485) / d)^2 + 1.95996^2 / 2 (the noncentral-t term) = 4072.6 + 1.9 -> 4,075
    assert statement.needed == ("A treatment group of about 4,075 people (it had 500) would be needed to detect a "
                                "difference of this size as statistically significant (95% power, two-sided test "
                                "at 0.05).")
    r = run(["evidence", "say", "r", "--power", "0.8", "--format", "json"], cwd=root)
    # ((1.95996 + 0.84162) / d)^2 + 1.9 = 2460.0 + 1.9 -> 2,462
    assert "about 2,462 people" in json.loads(r.out)["needed"]


def test_significant_says_the_direction(make_project):
    root = make_project({"theories/evidence/r.yaml": result("rate", -8.5, -1.2, p=0.01)})
    statement = say(load_project(root), "r")
    assert statement.can_say == ("This analysis gives evidence that the programme reduces the number of people who "
                                 "reoffend, for people like those compared here.")
    assert statement.needed is None


def test_p_decides_significance_on_the_unrounded_value(make_project):
    for p, state in ((0.05, "significant"), (0.0504, "not-significant"), (0.005, "significant")):
        root = make_project({"theories/evidence/r.yaml": result("rate", -8.5, -1.2, p=p)})
        assert significance(load_project(root).evidence["r"]).state == state


def test_inconclusive_never_refutes(make_project):
    root = make_project({"theories/evidence/r.yaml": result("rate", -3.14, 8.68, p=0.36,
                                                            extra="bears_on:\n  - {target: alpha, stance: refutes}\n")})
    ev = load_project(root).evidence["r"]
    assert significance(ev).inconclusive
    assert effective_stance(ev, ev.bears_on[0]) == "inconclusive"


def test_wording_overridden_in_realist_yaml(make_project):
    from tests.conftest import MANIFEST

    manifest = MANIFEST + ("wording:\n  programme: the mentoring scheme\n  participants: typical mentees\n"
                           "  measures:\n    rate: {subject: the number of people recalled to prison}\n")
    root = make_project({"realist.yaml": manifest,
                         "theories/evidence/r.yaml": result("rate", -3.14, 8.68, p=0.36)})
    statement = say(load_project(root), "r")
    assert statement.summary.startswith("For every 100 typical mentees, compared with 100 similar non-participants, "
                                        "the number of people recalled to prison could be lower")
    assert "the mentoring scheme" in statement.can_say


def test_worked_example_statements(run):
    r = run(["evidence", "say", "psm-time-to-reoffence"], cwd=REPO)
    assert r.code == 0
    assert "could be shorter by between 1 and 18 days. This is a statistically significant result." in r.out
    rate = say(load_project(REPO), "psm-reoffending-rate")
    assert "lower by as many as 2 people, or higher by as many as 3 people" in rate.summary
    freq = say(load_project(REPO), "psm-reoffending-frequency")
    assert "lower by as many as 8 offences, or higher by as many as 24 offences" in freq.summary


def test_theory_show_lists_the_statement(run):
    r = run(["theory", "show", "swifter-and-smoother-justice"], cwd=REPO)
    assert "psm-time-to-reoffence" in r.out
    assert "shorter by between 1 and 18 days" in r.out


def test_unknown_evidence(run):
    r = run(["evidence", "say", "psm-time-to-reofence"], cwd=REPO)
    assert r.code == 2
    assert r.err.startswith("error: no evidence 'psm-time-to-reofence' (did you mean 'psm-time-to-reoffence'?)")


def test_a_p_written_as_alpha_leaves_the_decision_to_the_flag(make_project):
    for flag, state in (("false", "not-significant"), ("true", "significant")):
        body = result("rate", -8.5, -1.2, p=0.05, extra=f"significant: {flag}\n")
        root = make_project({"theories/evidence/r.yaml": body})
        assert significance(load_project(root).evidence["r"]).state == state


def test_descriptive_and_missing_interval(make_project, run):
    root = make_project({
        "theories/evidence/cases.yaml": "id: cases\ntitle: Cases in the needs data\ndesign: descriptive\n"
                                        "figures:\n  - {label: Cases, value: 14758}\n  - {label: Dropped, value: 29, unit: '%'}\n",
        "theories/evidence/bare.yaml": "id: bare\ntitle: Bare\ndesign: matched-comparison\nmeasure: rate\n"
                                       "p_value: 0.2\n"})
    r = run(["evidence", "say", "cases"], cwd=root)
    assert r.out == "Cases in the needs data\n\nCases in the needs data — Cases: 14,758; Dropped: 29%.\n"
    r = run(["evidence", "say", "bare"], cwd=root)
    assert r.code == 2
    assert r.err == ("error: theories/evidence/bare.yaml: evidence 'bare' has no confidence interval for the "
                     "difference (difference: {estimate, ci: [lower, upper]}), nor raw figures to compute one\n")


def test_evidence_list_and_json_equal_the_api(run):
    r = run(["evidence", "list"], cwd=REPO)
    assert r.out.splitlines()[0] == "id\tdesign\tmeasure\tsignificant\tbears_on"
    assert ("psm-time-to-reoffence\tmatched-comparison\ttime\tsignificant\t"
            "swifter-and-smoother-justice:O1 (supports)") in r.out.splitlines()
    assert "psm-reoffending-rate\tmatched-comparison\trate\tnot-significant\t" in r.out.splitlines()
    as_json = json.loads(run(["evidence", "say", "psm-reoffending-rate", "--format", "json"], cwd=REPO).out)
    assert as_json == say(load_project(REPO), "psm-reoffending-rate").as_dict()


def test_theory_show_marks_an_inconclusive_result(make_project, run):
    root = make_project({"theories/evidence/r.yaml": result("rate", -3.14, 8.68, p=0.36,
                                                            extra="bears_on:\n  - {target: alpha:O1, stance: supports}\n")})
    r = run(["theory", "show", "alpha"], cwd=root)
    assert "  r (supports, but inconclusive: alpha:O1): A result\n" in r.out
    j = json.loads(run(["theory", "show", "alpha", "--format", "json"], cwd=root).out)
    assert j["evidence"][0]["counts_as"] == "inconclusive"
