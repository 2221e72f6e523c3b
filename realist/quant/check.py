"""`realist evidence check`: is each quantitative result consistent with itself?

Every comparison allows for the rounding of the figures as they are written
in the file: a figure written ``38.9`` may be anything from 38.85 to 38.95, so
``-10`` next to ``133`` and ``142`` is fine. Findings carry file:line:col.

Rules (the ``rule`` of each finding):

* ``quant.n`` — group sizes are positive whole numbers;
* ``quant.subpopulation`` — re-offenders are no more than their group (``reoffenders``, ``out_of``);
* ``quant.counts`` — a rate equals its raw counts (unless the comparison group is weighted);
* ``quant.ci`` — each estimate lies inside its confidence interval, lower below upper;
* ``quant.difference`` — the difference is treatment − comparison (after − before for a change);
* ``quant.significance`` — the significance flag, p ≤ alpha and "the CI excludes 0" agree;
* ``quant.p-ci`` / ``quant.se`` — p and the standard error agree with the interval;
* ``quant.effect-sign`` — the effect size points the same way as the difference;
* ``quant.range`` — paired-change means lie inside the domain's range;
* ``quant.raw`` — raw figures can be computed from, and agree with the written ones;
* ``quant.stance`` — (warning) an inconclusive result is attached as supporting or refuting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from realist.model import Evidence, Project
from realist.quant import stats
from realist.quant.figures import Comparison, Group, PairedChange
from realist.store.findings import Report
from realist.store.yamlio import YamlDoc, YamlProblem, load

_NUMBER = re.compile(r"[-+]?(\d[\d_]*)?(\.(\d*))?([eE][-+]?\d+)?")
_EPS = 1e-9


class _File:
    """One evidence file: its parsed document, source lines and where findings go."""

    def __init__(self, evidence: Evidence, doc: YamlDoc, report: Report) -> None:
        self.evidence, self.doc, self.report = evidence, doc, report
        self.lines = Path(doc.path).read_text(encoding="utf-8-sig").splitlines()

    def add(self, keys: Iterable[Any], message: str, rule: str, level: str = "error") -> None:
        line, col = self.doc.pos(*keys)
        self.report.add(self.doc.path, line, col, f"{message}", level=level, rule=rule)

    def half(self, *keys: Any) -> float:
        """Half a unit in the last decimal place written for the value at ``keys``."""
        line, col = self.doc.pos(*keys)
        if 0 < line <= len(self.lines):
            m = _NUMBER.match(self.lines[line - 1], col - 1)
            if m and (m.group(1) or m.group(3)):
                places = len(m.group(3) or "")
                exponent = int(m.group(4)[1:]) if m.group(4) else 0
                return 0.5 * 10.0 ** (exponent - places)
        return 0.5 * 10.0 ** -_places_of(self.doc_value(*keys))

    def doc_value(self, *keys: Any) -> Any:
        value: Any = self.doc.data
        for k in keys:
            value = value[k] if isinstance(value, (dict, list)) else None
        return value


def _places_of(value: Any) -> int:
    text = repr(value)
    return len(text.split(".", 1)[1]) if "." in text and "e" not in text else 0


def _fmt(value: float) -> str:
    return f"{value:.6g}"


def check(project: Project, report: Report) -> None:
    """The checker `realist check` runs: every evidence file of the project."""
    for evidence in project.evidence.values():
        _check_one(evidence, report)


def check_evidence(project: Project, evidence_ids: Iterable[str] | None = None) -> Report:
    """Check the named evidence files (all when None) and return the findings.

    >>> check_evidence(project).valid()  # doctest: +SKIP
    True
    """
    from realist.errors import UsageError
    from realist.text import did_you_mean

    report = Report(root=project.root)
    ids = list(evidence_ids) if evidence_ids else list(project.evidence)
    for evidence_id in ids:
        if evidence_id not in project.evidence:
            raise UsageError(f"no evidence '{evidence_id}'{did_you_mean(evidence_id, project.evidence)}")
        report.files += 1
        _check_one(project.evidence[evidence_id], report)
    return report


def _check_one(evidence: Evidence, report: Report) -> None:
    if evidence.path is None:
        return
    try:
        doc = load(evidence.path)
    except YamlProblem:  # the shape check has reported it already
        return
    if not isinstance(doc.data, dict):
        return
    f = _File(evidence, doc, report)
    if evidence.design == "matched-comparison":
        _check_comparison(f)
    elif evidence.design == "paired-change":
        _check_paired(f)
    _check_stance(f)


# --- matched comparison ---------------------------------------------------------------------------

def _check_comparison(f: _File) -> None:
    result = Comparison.from_evidence(f.evidence)
    for name in ("treatment", "comparison"):
        _check_group(f, result, name, getattr(result, name))
    d, t, c = result.difference, result.treatment, result.comparison
    if d.estimate is not None and d.ci is not None:
        _check_inside(f, ("difference",), d.estimate, d.ci, "difference")
    if d.estimate is not None and t.estimate is not None and c.estimate is not None:
        tol = f.half("difference", "estimate") + f.half("treatment", "estimate") + f.half("comparison", "estimate")
        expected = t.estimate - c.estimate
        if abs(d.estimate - expected) > tol + _EPS:
            f.add(("difference", "estimate"),
                  f"difference {_fmt(d.estimate)} is not treatment − comparison ({_fmt(t.estimate)} − "
                  f"{_fmt(c.estimate)} = {_fmt(expected)}) within the rounding of the figures (±{_fmt(tol)})",
                  "quant.difference")
    _check_significance(f, ("significant",), ("p_value",), ("difference", "ci"), result.significant,
                        result.p_value, d.ci, result.alpha)
    df = _df(result)
    if result.p_value is not None and d.estimate is not None and d.ci is not None and d.ci[1] > d.ci[0]:
        low, high = _implied_p_range(f, d.estimate, d.ci, result.alpha, df)
        hp = f.half("p_value")
        if result.p_value + hp < low - _EPS or result.p_value - hp > high + _EPS:
            se = (d.ci[1] - d.ci[0]) / (2 * _critical(result.alpha, df))
            central = _two_sided_p(abs(d.estimate) / se, df)
            f.add(("p_value",),
                  f"p {_fmt(result.p_value)} does not agree with the difference {_fmt(d.estimate)} and its "
                  f"{_level(result.alpha)} CI {_fmt(d.ci[0])} to {_fmt(d.ci[1])}, which imply p ≈ "
                  f"{central:.2g} (between {low:.2g} and {high:.2g} given the rounding)", "quant.p-ci")
    if d.se is not None and d.ci is not None and d.ci[1] > d.ci[0]:
        width = d.ci[1] - d.ci[0]
        slack = f.half("difference", "ci", 0) + f.half("difference", "ci", 1)
        crit = _critical(result.alpha, df)
        low, high = (width - slack) / (2 * crit), (width + slack) / (2 * crit)
        hs = f.half("difference", "se")
        if d.se + hs < low - _EPS or d.se - hs > high + _EPS:
            f.add(("difference", "se"), f"standard error {_fmt(d.se)} does not agree with the CI "
                  f"{_fmt(d.ci[0])} to {_fmt(d.ci[1])}, which implies {_fmt(width / (2 * crit))}", "quant.se")
    if d.estimate is not None:
        _check_effect_sign(f, ("effect_size",), result.effect_size, d.estimate, f.half("difference", "estimate"))
    _check_raw(f, result)


def _level(alpha: float) -> str:
    return f"{(1 - alpha) * 100:g}%"


def _df(result: Comparison) -> float | None:
    """Degrees of freedom: the file's ``df``; for a t-test n1 + n2 - 2; None (the normal) otherwise."""
    if result.df is not None and result.df > 0:
        return result.df
    test = (result.test or "t").lower()
    if ("t" in re.split(r"[^a-z]+", test) or test.startswith(("welch", "t-", "student"))) \
            and result.treatment.n and result.comparison.n and result.treatment.n + result.comparison.n > 2:
        return float(result.treatment.n + result.comparison.n - 2)
    return None


def _implied_p_range(f: _File, estimate: float, ci: tuple[float, float], alpha: float,
                     df: float | None) -> tuple[float, float]:
    """The p-values an estimate and CI allow, given how they are rounded."""
    he = f.half("difference", "estimate")
    slack = f.half("difference", "ci", 0) + f.half("difference", "ci", 1)
    width = ci[1] - ci[0]
    crit = _critical(alpha, df)
    se_min, se_max = max(width - slack, _EPS) / (2 * crit), (width + slack) / (2 * crit)
    z_min, z_max = max(abs(estimate) - he, 0.0) / se_max, (abs(estimate) + he) / se_min
    return _two_sided_p(z_max, df), _two_sided_p(z_min, df)


#: from this many degrees of freedom on, the check reads t as the normal (a difference below 0.1%,
#: far inside the rounding it allows) so that `realist check` need not load scipy
LARGE_DF = 1000


def _critical(alpha: float, df: float | None) -> float:
    if df is None or df >= LARGE_DF:
        from statistics import NormalDist

        return NormalDist().inv_cdf(1 - alpha / 2)
    return stats.critical_value(alpha, df)


def _two_sided_p(z: float, df: float | None) -> float:
    if df is None or df >= LARGE_DF:
        from statistics import NormalDist

        return 2 * (1 - NormalDist().cdf(abs(z)))
    return stats.two_sided_p(z, df)


def _check_group(f: _File, result: Comparison, name: str, g: Group) -> None:
    if g.n is not None and g.n <= 0:
        f.add((name, "n"), f"{name} group size n must be a positive number of people, not {g.n}", "quant.n")
    if g.out_of is not None and g.n is not None and g.n > g.out_of:
        f.add((name, "n"), f"{name} n ({g.n:,}) is larger than the group it is drawn from (out_of: {g.out_of:,})",
              "quant.subpopulation")
    if g.reoffenders is not None:
        if g.reoffenders < 0 or (g.n is not None and g.reoffenders > g.n):
            f.add((name, "reoffenders"), f"{name} reoffenders ({g.reoffenders:,}) must lie between 0 and the "
                  f"group's n ({g.n:,})" if g.n is not None else f"{name} reoffenders must not be negative",
                  "quant.subpopulation")
        elif result.measure == "rate" and g.n and g.estimate is not None:
            raw_rate = 100 * g.reoffenders / g.n
            weighted = name == "comparison" and result.weighted_comparison
            if abs(raw_rate - g.estimate) > f.half(name, "estimate") + _EPS and not weighted:
                hint = " (if the comparison group is weighted, say weighted_comparison: true)" \
                    if name == "comparison" else ""
                f.add((name, "estimate"), f"{name} rate {_fmt(g.estimate)}% is not {g.reoffenders:,} of "
                      f"{g.n:,} people ({raw_rate:.2f}%){hint}", "quant.counts")
    if g.estimate is not None and g.ci is not None:
        _check_inside(f, (name,), g.estimate, g.ci, f"{name} estimate")


def _check_inside(f: _File, at: tuple[Any, ...], estimate: float, ci: tuple[float, float], what: str) -> None:
    lo_half, hi_half = f.half(*at, "ci", 0), f.half(*at, "ci", 1)
    if ci[0] > ci[1] + lo_half + hi_half + _EPS:
        f.add((*at, "ci"), f"{what}: the CI's lower bound {_fmt(ci[0])} is above its upper bound {_fmt(ci[1])}; "
              "write [lower, upper]", "quant.ci")
        return
    he = f.half(*at, "estimate") if (*at, "estimate") in f.doc.positions else f.half(*at, "mean_change")
    if estimate < ci[0] - lo_half - he - _EPS or estimate > ci[1] + hi_half + he + _EPS:
        f.add((*at, "ci"), f"{what} {_fmt(estimate)} lies outside its CI {_fmt(ci[0])} to {_fmt(ci[1])}", "quant.ci")


def _check_significance(f: _File, flag_at: tuple[Any, ...], p_at: tuple[Any, ...], ci_at: tuple[Any, ...],
                        flag: bool | None, p: float | None, ci: tuple[float, float] | None, alpha: float) -> None:
    by_p: bool | None = None
    if p is not None:
        hp = f.half(*p_at)
        if p + hp <= alpha + _EPS:
            by_p = True
        elif p - hp > alpha + _EPS:
            by_p = False
    by_ci: bool | None = None
    if ci is not None and ci[0] != 0 and ci[1] != 0 and ci[0] <= ci[1]:  # a bound printed as 0: either side
        by_ci = ci[0] > 0 or ci[1] < 0
    said = {True: "significant", False: "not significant"}
    if flag is not None and by_p is not None and flag != by_p:
        f.add(flag_at, f"says {said[flag]}, but p = {_fmt(p or 0)} is {'≤' if by_p else '>'} alpha {alpha:g}",
              "quant.significance")
    if flag is not None and by_ci is not None and flag != by_ci:
        f.add(flag_at, f"says {said[flag]}, but the CI {_fmt(ci[0])} to {_fmt(ci[1])} "  # type: ignore[index]
              f"{'excludes' if by_ci else 'includes'} 0", "quant.significance")
    if flag is None and by_p is not None and by_ci is not None and by_p != by_ci:
        f.add(p_at, f"p = {_fmt(p or 0)} says {said[by_p]} at alpha {alpha:g}, but the CI "
              f"{_fmt(ci[0])} to {_fmt(ci[1])} {'excludes' if by_ci else 'includes'} 0",  # type: ignore[index]
              "quant.significance")


def _check_effect_sign(f: _File, at: tuple[Any, ...], effect: dict[str, float], direction: float,
                       half: float) -> None:
    if abs(direction) <= half:  # the difference printed could be either side of 0
        return
    for key, value in effect.items():
        centre = 1.0 if "ratio" in key else 0.0
        if value != centre and (value - centre > 0) != (direction > 0):
            f.add((*at, key), f"effect size {key} {_fmt(value)} points the other way from the difference "
                  f"{_fmt(direction)}", "quant.effect-sign")


def _check_raw(f: _File, result: Comparison) -> None:
    if not isinstance(f.evidence.data.get("raw"), dict):
        return
    from realist.errors import InputError
    from realist.quant.compute import compute

    try:
        c = compute(f.evidence, alpha=result.alpha)
    except InputError as exc:
        f.add(("raw",), exc.message.split(": ", 1)[-1], "quant.raw")
        return
    d = result.difference
    if d.estimate is not None and c.difference.estimate is not None:
        tol = f.half("difference", "estimate")
        if abs(d.estimate - c.difference.estimate) > tol + _EPS:
            f.add(("difference", "estimate"), f"difference {_fmt(d.estimate)} does not match "
                  f"{c.difference.estimate:.4g} computed from the raw figures", "quant.raw")
    if result.p_value is not None:
        hp = f.half("p_value")
        if abs(result.p_value - c.p_value) > hp + _EPS:
            f.add(("p_value",), f"p {_fmt(result.p_value)} does not match {c.p_value:.3g} computed from the raw "
                  "figures (Welch's t-test)", "quant.raw")


# --- paired change --------------------------------------------------------------------------------

def _check_paired(f: _File) -> None:
    paired = PairedChange.from_evidence(f.evidence)
    for i, d in enumerate(paired.domains):
        at: tuple[Any, ...] = ("domains", i)
        label = f"domain '{d.name}'"
        if d.n is not None and d.n <= 0:
            f.add((*at, "n"), f"{label}: n must be a positive number of people, not {d.n}", "quant.n")
        if d.n_dropped is not None and d.n_dropped < 0:
            f.add((*at, "n_dropped"), f"{label}: n_dropped must not be negative", "quant.n")
        if d.range is not None and d.range[0] >= d.range[1]:
            f.add((*at, "range"), f"{label}: range {_fmt(d.range[0])}-{_fmt(d.range[1])} must be written "
                  "[lowest, highest]", "quant.range")
        elif d.range is not None:
            lo, hi = d.range
            for key, value in (("mean_before", d.mean_before), ("mean_after", d.mean_after)):
                if value is not None and not lo - f.half(*at, key) <= value <= hi + f.half(*at, key):
                    f.add((*at, key), f"{label}: {key} {_fmt(value)} lies outside the range {_fmt(lo)}-{_fmt(hi)}",
                          "quant.range")
            if d.mean_before is not None and d.mean_change is not None and d.mean_after is None:
                after = d.mean_before + d.mean_change
                slack = f.half(*at, "mean_before") + f.half(*at, "mean_change")
                if not lo - slack <= after <= hi + slack:
                    f.add((*at, "mean_change"), f"{label}: a change of {_fmt(d.mean_change)} from "
                          f"{_fmt(d.mean_before)} leaves the range {_fmt(lo)}-{_fmt(hi)}", "quant.range")
        if d.mean_before is not None and d.mean_after is not None and d.mean_change is not None:
            tol = f.half(*at, "mean_before") + f.half(*at, "mean_after") + f.half(*at, "mean_change")
            if abs(d.mean_after - d.mean_before - d.mean_change) > tol + _EPS:
                f.add((*at, "mean_change"), f"{label}: mean_change {_fmt(d.mean_change)} is not after − before "
                      f"({_fmt(d.mean_after)} − {_fmt(d.mean_before)})", "quant.difference")
        if d.mean_change is not None and d.ci is not None:
            _check_inside(f, at, d.mean_change, d.ci, f"{label}: mean_change")
        _check_significance(f, (*at, "significant"), (*at, "p_value"), (*at, "ci"), d.significant, d.p_value,
                            d.ci, paired.alpha)
        if d.mean_change is not None:
            _check_effect_sign(f, (*at, "effect_size"), d.effect_size, d.mean_change, f.half(*at, "mean_change"))


# --- attachment -----------------------------------------------------------------------------------

def _check_stance(f: _File) -> None:
    from realist.quant.significance import NOT_SIGNIFICANT, significance

    if not f.evidence.bears_on or significance(f.evidence).state != NOT_SIGNIFICANT:
        return
    for i, b in enumerate(f.evidence.bears_on):
        if b.stance in ("supports", "refutes"):
            f.add(("bears_on", i, "stance"), f"the result is not statistically significant, so it is inconclusive: "
                  f"it will count neither as supporting nor as refuting '{b.target}' (use stance: refines, or "
                  "drop the link)", "quant.stance", level="warning")

