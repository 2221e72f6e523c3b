"""Typed views of an evidence file's figures, read from ``Evidence.data``.

The model keeps every field of the file as written; these views give the
quantitative modules names and types for them, and fill in what ``raw``
figures allow `realist evidence compute` to derive.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realist.model import Evidence

DEFAULT_ALPHA = 0.05
DEFAULT_POWER = 0.95


def shown_path(evidence: Evidence) -> Path | None:
    """The evidence file's path as the user would type it: relative to the working folder when inside it."""
    if evidence.path is None:
        return None
    try:
        return evidence.path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return evidence.path


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _ci(value: Any) -> tuple[float, float] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        low, high = _num(value[0]), _num(value[1])
        if low is not None and high is not None:
            return (low, high)
    return None


@dataclass
class Group:
    """One arm of a matched comparison (treatment or comparison)."""

    n: int | None = None
    estimate: float | None = None
    ci: tuple[float, float] | None = None
    sd: float | None = None
    reoffenders: int | None = None
    out_of: int | None = None

    @classmethod
    def from_data(cls, data: Any) -> Group:
        d = data if isinstance(data, dict) else {}
        return cls(n=_int(d.get("n")), estimate=_num(d.get("estimate")), ci=_ci(d.get("ci")), sd=_num(d.get("sd")),
                    reoffenders=_int(d.get("reoffenders")), out_of=_int(d.get("out_of")))


@dataclass
class Difference:
    estimate: float | None = None
    ci: tuple[float, float] | None = None
    se: float | None = None

    @classmethod
    def from_data(cls, data: Any) -> Difference:
        d = data if isinstance(data, dict) else {}
        return cls(estimate=_num(d.get("estimate")), ci=_ci(d.get("ci")), se=_num(d.get("se")))


@dataclass
class Comparison:
    """A matched-comparison result: treatment vs comparison, their difference and its test."""

    id: str
    measure: str | None
    treatment: Group
    comparison: Group
    difference: Difference
    p_value: float | None = None
    significant: bool | None = None
    effect_size: dict[str, float] = field(default_factory=dict)
    alpha: float = DEFAULT_ALPHA
    weighted_comparison: bool = False
    population: str | None = None
    test: str | None = None
    computed: bool = False  # figures derived from `raw` rather than written in the file
    df: float | None = None  # degrees of freedom of the test, when the file gives them

    @classmethod
    def from_evidence(cls, evidence: Evidence) -> Comparison:
        d = evidence.data
        effect: dict[str, Any] = d["effect_size"] if isinstance(d.get("effect_size"), dict) else {}
        sig = d.get("significant")
        return cls(
            id=evidence.id, measure=evidence.measure,
            treatment=Group.from_data(d.get("treatment")), comparison=Group.from_data(d.get("comparison")),
            difference=Difference.from_data(d.get("difference")), p_value=_num(d.get("p_value")),
            significant=sig if isinstance(sig, bool) else None,
            effect_size={k: v for k, v in effect.items() if _num(v) is not None},
            alpha=_num(d.get("alpha")) or DEFAULT_ALPHA,
            weighted_comparison=d.get("weighted_comparison") is True,
            population=d.get("population") if isinstance(d.get("population"), str) else None,
            test=d.get("test") if isinstance(d.get("test"), str) else None, df=_num(d.get("df")),
        )

    @property
    def scale(self) -> float:
        """How one unit of the file's figures converts to a per-person fraction (rates are percent)."""
        return 100.0 if self.measure == "rate" else 1.0


@dataclass
class Domain:
    """One need or domain of a paired-change result."""

    name: str
    range: tuple[float, float] | None = None
    n: int | None = None
    n_dropped: int | None = None
    mean_before: float | None = None
    mean_after: float | None = None
    mean_change: float | None = None
    ci: tuple[float, float] | None = None
    statistic: float | None = None
    p_value: float | None = None
    significant: bool | None = None
    effect_size: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: Any) -> Domain:
        d = data if isinstance(data, dict) else {}
        effect: dict[str, Any] = d["effect_size"] if isinstance(d.get("effect_size"), dict) else {}
        sig = d.get("significant")
        return cls(
            name=str(d.get("name", "")), range=_ci(d.get("range")), n=_int(d.get("n")),
            n_dropped=_int(d.get("n_dropped")), mean_before=_num(d.get("mean_before")),
            mean_after=_num(d.get("mean_after")), mean_change=_num(d.get("mean_change")), ci=_ci(d.get("ci")),
            statistic=_num(d.get("statistic")), p_value=_num(d.get("p_value")),
            significant=sig if isinstance(sig, bool) else None,
            effect_size={k: v for k, v in effect.items() if _num(v) is not None},
        )

    def is_significant(self, alpha: float) -> bool | None:
        """Significant by the unrounded p when given, else by the file's flag (which also settles a p
        written as alpha itself)."""
        if self.p_value is not None and (self.significant is None or self.p_value != alpha):
            return self.p_value <= alpha
        return self.significant


@dataclass
class PairedChange:
    id: str
    domains: list[Domain]
    alpha: float = DEFAULT_ALPHA
    follow_up: str | None = None
    test: str | None = None

    @classmethod
    def from_evidence(cls, evidence: Evidence) -> PairedChange:
        d = evidence.data
        domains: list[Any] = d["domains"] if isinstance(d.get("domains"), list) else []
        return cls(id=evidence.id, domains=[Domain.from_data(x) for x in domains],
                   alpha=_num(d.get("alpha")) or DEFAULT_ALPHA,
                   follow_up=d.get("follow_up") if isinstance(d.get("follow_up"), str) else None,
                   test=d.get("test") if isinstance(d.get("test"), str) else None)


def comparison_of(evidence: Evidence) -> Comparison:
    """The matched comparison of ``evidence``, with computed figures filling what the file leaves out.

    Figures written in the file always win; ``raw`` figures only fill gaps.
    """
    result = Comparison.from_evidence(evidence)
    if isinstance(evidence.data.get("raw"), dict) and (result.difference.ci is None or result.p_value is None):
        from realist.quant.compute import compute

        c = compute(evidence)
        result.computed = True
        for name in ("treatment", "comparison"):
            mine, theirs = getattr(result, name), getattr(c, name)
            for attr in ("n", "estimate", "ci", "sd"):
                if getattr(mine, attr) is None:
                    setattr(mine, attr, getattr(theirs, attr))
        if result.difference.estimate is None:
            result.difference.estimate = c.difference.estimate
        if result.difference.ci is None:
            result.difference.ci = c.difference.ci
        if result.difference.se is None:
            result.difference.se = c.difference.se
        if result.p_value is None:
            result.p_value = c.p_value
        for key, value in c.effect_size.items():
            result.effect_size.setdefault(key, value)
    return result
