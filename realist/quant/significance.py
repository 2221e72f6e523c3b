"""Is a result statistically significant, and what may it count as? One answer for every module.

A result that is not statistically significant is *inconclusive*: whatever
stance its file records, it never counts as refuting a theory (nor as
supporting one). The audit, the graph, diagrams and tables call
:func:`significance` and :func:`effective_stance` rather than deciding for
themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from realist.model import BearsOn, Evidence

SIGNIFICANT = "significant"
NOT_SIGNIFICANT = "not-significant"
UNKNOWN = "unknown"
INCONCLUSIVE = "inconclusive"


@dataclass(frozen=True)
class Significance:
    """``state`` is significant | not-significant | unknown; ``direction`` lower | higher | None."""

    state: str
    direction: str | None = None
    p_value: float | None = None
    alpha: float = 0.05
    domains: dict[str, str] = field(default_factory=dict)  # paired change: domain -> state

    @property
    def significant(self) -> bool | None:
        """True, False, or None when the file gives nothing to judge by."""
        return None if self.state == UNKNOWN else self.state == SIGNIFICANT

    @property
    def summary(self) -> str:
        """A few words on how significance was decided: "p = 0.75 > 0.05", "significant in 7 of 8 domains"."""
        if self.domains:
            n = sum(1 for s in self.domains.values() if s == SIGNIFICANT)
            return f"significant in {n} of {len(self.domains)} domains"
        if self.p_value is not None:
            return f"p = {self.p_value:g} {'≤' if self.p_value <= self.alpha else '>'} {self.alpha:g}"
        return {SIGNIFICANT: "significant", NOT_SIGNIFICANT: "not significant"}.get(self.state, "not known")

    @property
    def inconclusive(self) -> bool:
        """True unless the result is statistically significant."""
        return self.state != SIGNIFICANT

    @property
    def label(self) -> str:
        """"Yes", "No" or "" — the table column "Statistically significant difference?"."""
        return {SIGNIFICANT: "Yes", NOT_SIGNIFICANT: "No"}.get(self.state, "")


def _direction(value: float | None) -> str | None:
    if value is None or value == 0:
        return None
    return "lower" if value < 0 else "higher"


def _at_alpha(p: float, alpha: float) -> bool:
    """A p written so coarsely that it could lie either side of alpha (0.05 to two decimals)."""
    text = repr(float(p))
    places = len(text.split(".", 1)[1]) if "." in text and "e" not in text else 0
    return abs(p - alpha) <= 0.5 * 10.0 ** -places and p != alpha + 0.5 * 10.0 ** -places


def significance(evidence: Evidence) -> Significance:
    """Decide significance from the unrounded p (p ≤ alpha), else the file's flag, else the CI.

    A p written as alpha itself (0.05 to two decimals) could be either side of it: then the
    file's ``significant`` flag, when given, decides.

    For a paired change the result is significant when any domain is, and
    ``domains`` gives each domain's own state.

    >>> significance(project.evidence["psm-time-to-reoffence"]).state  # doctest: +SKIP
    'significant'
    """
    from realist.quant.figures import PairedChange, comparison_of

    if evidence.design == "paired-change":
        paired = PairedChange.from_evidence(evidence)
        states = {}
        for d in paired.domains:
            flag = d.is_significant(paired.alpha)
            states[d.name] = UNKNOWN if flag is None else (SIGNIFICANT if flag else NOT_SIGNIFICANT)
        if any(s == SIGNIFICANT for s in states.values()):
            overall = SIGNIFICANT
        elif states and all(s == NOT_SIGNIFICANT for s in states.values()):
            overall = NOT_SIGNIFICANT
        else:
            overall = UNKNOWN
        return Significance(overall, alpha=paired.alpha, domains=states)
    if evidence.design != "matched-comparison":
        sig = evidence.data.get("significant")
        state = UNKNOWN if not isinstance(sig, bool) else (SIGNIFICANT if sig else NOT_SIGNIFICANT)
        return Significance(state)
    try:
        result = comparison_of(evidence)
    except Exception:  # unusable raw figures: `evidence check` reports them
        from realist.quant.figures import Comparison

        result = Comparison.from_evidence(evidence)
    direction = _direction(result.difference.estimate)
    if result.p_value is not None and not (result.significant is not None
                                           and _at_alpha(result.p_value, result.alpha)):
        state = SIGNIFICANT if result.p_value <= result.alpha else NOT_SIGNIFICANT
    elif result.significant is not None:
        state = SIGNIFICANT if result.significant else NOT_SIGNIFICANT
    elif result.difference.ci is not None:
        low, high = result.difference.ci
        state = SIGNIFICANT if low > 0 or high < 0 else NOT_SIGNIFICANT
    else:
        state = UNKNOWN
    return Significance(state, direction, result.p_value, result.alpha)


def is_significant(evidence: Evidence) -> bool | None:
    """True or False when the result's significance can be told, None when it cannot."""
    return significance(evidence).significant


def effective_stance(evidence: Evidence, bears_on: BearsOn) -> str:
    """The stance the evidence may count as: its own when significant, else ``inconclusive``.

    >>> effective_stance(ev, ev.bears_on[0])  # doctest: +SKIP
    'supports'
    """
    sig = significance(evidence)
    if sig.state == NOT_SIGNIFICANT or (sig.state == UNKNOWN and bears_on.stance == "refutes"):
        return INCONCLUSIVE
    return bears_on.stance
