"""`realist evidence compute`: the test, interval, effect size and needed sample from raw figures.

A file may give, under ``raw``, each group's size and mean and standard
deviation (``{n, mean, sd}``), or for a rate the number of people with the
event (``{n, events}``) or the rate itself in percent (``{n, rate}``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from realist.errors import InputError
from realist.model import Evidence
from realist.quant import stats
from realist.quant.figures import DEFAULT_ALPHA, DEFAULT_POWER, Comparison, Difference, Group, shown_path


@dataclass
class Computed:
    """What `compute` derives, in the file's own units (a rate in percent)."""

    id: str
    measure: str | None
    treatment: Group
    comparison: Group
    difference: Difference
    p_value: float
    significant: bool
    statistic: float
    df: float
    alpha: float
    effect_size: dict[str, float] = field(default_factory=dict)
    needed_n: int | None = None
    power: float = DEFAULT_POWER

    def as_dict(self) -> dict[str, Any]:
        """The figures as an evidence file would hold them (unrounded)."""
        def group(g: Group) -> dict[str, Any]:
            return {"n": g.n, "estimate": g.estimate, "ci": list(g.ci) if g.ci else None, "sd": g.sd}

        return {
            "id": self.id, "measure": self.measure, "treatment": group(self.treatment),
            "comparison": group(self.comparison),
            "difference": {"estimate": self.difference.estimate,
                           "ci": list(self.difference.ci) if self.difference.ci else None,
                           "se": self.difference.se},
            "p_value": self.p_value, "significant": self.significant, "effect_size": dict(self.effect_size),
            "test": "welch-t", "statistic": self.statistic, "df": self.df, "alpha": self.alpha,
            "needed_n": self.needed_n, "power": self.power,
        }


def _raw_group(evidence: Evidence, name: str, rate: bool) -> tuple[int, float, float]:
    """(n, per-person mean, per-person variance) of one raw group; rates as proportions 0..1."""
    raw = evidence.data.get("raw") or {}
    g = raw.get(name) if isinstance(raw, dict) else None
    where = f"evidence '{evidence.id}': raw.{name}"
    if not isinstance(g, dict):
        raise InputError(f"{where} is missing; give {{n, mean, sd}} (or for a rate {{n, events}})",
                         path=shown_path(evidence))
    n = g.get("n")
    if not isinstance(n, int) or isinstance(n, bool) or n < 2:
        raise InputError(f"{where}.n must be a whole number of at least 2 people", path=shown_path(evidence))
    if rate:
        if isinstance(g.get("events"), int):
            events = g["events"]
            if not 0 <= events <= n:
                raise InputError(f"{where}.events ({events}) must lie between 0 and n ({n})", path=shown_path(evidence))
            p = events / n
        elif isinstance(g.get("rate"), (int, float)):
            p = float(g["rate"]) / 100
            if not 0 <= p <= 1:
                raise InputError(f"{where}.rate must be a percentage between 0 and 100", path=shown_path(evidence))
        else:
            raise InputError(f"{where} needs events (people with the outcome) or rate (percent)",
                             path=shown_path(evidence))
        return n, p, stats.rate_variance(p, n)
    mean, sd = g.get("mean"), g.get("sd")
    if not isinstance(mean, (int, float)) or not isinstance(sd, (int, float)) or sd < 0:
        raise InputError(f"{where} needs mean and sd (a standard deviation of 0 or more)", path=shown_path(evidence))
    return n, float(mean), float(sd) ** 2


def compute(evidence: Evidence, *, alpha: float | None = None, power: float | None = None) -> Computed:
    """Welch's t-test, 95% intervals, Cohen's d (and h for rates) and the needed treatment group.

    >>> compute(project.evidence["my-result"]).p_value  # doctest: +SKIP
    0.0312
    """
    if evidence.design != "matched-comparison":
        raise InputError(f"evidence '{evidence.id}' is {evidence.design}; compute works on matched-comparison "
                         "files (for paired data use `realist evidence paired`)", path=shown_path(evidence))
    if not isinstance(evidence.data.get("raw"), dict):
        raise InputError(f"evidence '{evidence.id}' has no raw figures to compute from; add raw: "
                         "{treatment: {n, mean, sd}, comparison: {n, mean, sd}}", path=shown_path(evidence))
    alpha = alpha if alpha is not None else float(evidence.data.get("alpha") or DEFAULT_ALPHA)
    power = power if power is not None else DEFAULT_POWER
    rate = evidence.measure == "rate"
    scale = 100.0 if rate else 1.0
    n1, m1, v1 = _raw_group(evidence, "treatment", rate)
    n2, m2, v2 = _raw_group(evidence, "comparison", rate)
    try:
        test = stats.welch(n1, m1, v1, n2, m2, v2, alpha)
        effect = {"cohens_d": stats.cohens_d(n1, m1, v1, n2, m2, v2)}
    except ValueError as exc:
        raise InputError(f"evidence '{evidence.id}': {exc}", path=shown_path(evidence)) from None
    if rate:
        effect["cohens_h"] = stats.cohens_h(m1, m2)

    def group(n: int, m: float, v: float) -> Group:
        half = stats.critical_value(alpha, n - 1) * math.sqrt(v / n)
        return Group(n=n, estimate=m * scale, ci=((m - half) * scale, (m + half) * scale), sd=math.sqrt(v) * scale)

    sd1 = math.sqrt(v1)
    needed = stats.needed_n(test.difference / sd1, alpha, power) if sd1 > 0 else None
    return Computed(
        id=evidence.id, measure=evidence.measure, treatment=group(n1, m1, v1), comparison=group(n2, m2, v2),
        difference=Difference(test.difference * scale, (test.ci[0] * scale, test.ci[1] * scale), test.se * scale),
        p_value=test.p_value, significant=test.p_value <= alpha, statistic=test.statistic, df=test.df,
        alpha=alpha, effect_size=effect, needed_n=needed, power=power,
    )


def treatment_sd(result: Comparison) -> float | None:
    """The per-person standard deviation of the treatment group, in the file's units, if derivable.

    From ``sd`` when given; for a rate from the rate itself; otherwise from the
    group's confidence interval and size (SD = SE·√n).
    """
    t = result.treatment
    if t.sd is not None:
        return t.sd
    if result.measure == "rate" and t.estimate is not None and t.n and t.n > 1:
        p = t.estimate / 100
        if 0 <= p <= 1:
            return math.sqrt(stats.rate_variance(p, t.n)) * 100
    if t.ci is not None and t.n and t.n > 1:
        return stats.implied_se(t.ci[0], t.ci[1], result.alpha, t.n - 1) * math.sqrt(t.n)
    return None


def needed_treatment_n(result: Comparison, *, power: float = DEFAULT_POWER) -> int | None:
    """Treatment-group size needed to detect the observed difference (comparison mean fixed)."""
    sd = treatment_sd(result)
    diff = result.difference.estimate
    if sd is None or sd <= 0 or diff is None:
        return None
    return stats.needed_n(diff / sd, result.alpha, power)


def _six(value: float) -> float:
    return round(float(value), 6)


def write_computed(project: Any, evidence_id: str, *, alpha: float | None = None,
                   power: float | None = None) -> tuple[Computed, list[str], list[str]]:
    """Write the computed figures into the evidence file where it has none; never overwrite a figure.

    Returns (the computation, the keys added, the keys already there and kept). Comments,
    order and layout of the file are kept; figures are written to 6 decimals.

    >>> write_computed(project, "mentoring-rate")[1]  # doctest: +SKIP
    ['treatment', 'comparison', 'difference', 'p_value', 'significant', 'effect_size', 'test', 'df']
    """
    from realist.store.atomic import atomic_write_text, project_lock
    from realist.store.edit import _flow, _verify, dump_roundtrip, load_roundtrip

    evidence = project.evidence[evidence_id]
    c = compute(evidence, alpha=alpha, power=power)
    assert evidence.path is not None
    figures: dict[str, Any] = {
        "treatment": {"n": c.treatment.n, "estimate": _six(c.treatment.estimate or 0),
                      "ci": [_six(x) for x in c.treatment.ci or ()]},
        "comparison": {"n": c.comparison.n, "estimate": _six(c.comparison.estimate or 0),
                       "ci": [_six(x) for x in c.comparison.ci or ()]},
        "difference": {"estimate": _six(c.difference.estimate or 0),
                       "ci": [_six(x) for x in c.difference.ci or ()], "se": _six(c.difference.se or 0)},
        "p_value": _six(c.p_value), "significant": c.significant,
        "effect_size": {k: _six(v) for k, v in c.effect_size.items()}, "test": "welch-t", "df": _six(c.df),
    }
    added: list[str] = []
    kept: list[str] = []
    with project_lock(project.root):
        yaml, data, _ = load_roundtrip(evidence.path)
        for key, value in figures.items():
            if isinstance(value, dict):
                block = data.get(key)
                if block is None:
                    data[key] = _flow(value)
                    added.append(key)
                    continue
                for sub, subvalue in value.items():
                    if sub in block:
                        kept.append(f"{key}.{sub}")
                    else:
                        block[sub] = subvalue
                        added.append(f"{key}.{sub}")
            elif key in data:
                kept.append(key)
            else:
                data[key] = value
                added.append(key)
        if added:
            text = dump_roundtrip(yaml, data)
            _verify(evidence.path, text)
            atomic_write_text(evidence.path, text)
    return c, added, kept
