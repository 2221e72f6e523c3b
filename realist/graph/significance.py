"""Is a quantitative result significant? The graph's one question to the quantitative strand.

A non-significant result is *inconclusive*: it neither supports nor refutes a theory. The audit
uses ``significant`` to count supporting results and to flag a file that treats a null result as
refuting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_ALPHA = 0.05


@dataclass
class Significance:
    """``significant`` is True, False, or None when the file gives nothing to judge by."""

    significant: bool | None
    p_value: float | None = None
    alpha: float = DEFAULT_ALPHA
    summary: str = ""


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _from_quant(project: Any, evidence: Any) -> Significance | None:
    """Ask ``realist.quant`` when it offers a significance function."""
    import importlib
    import importlib.util

    try:
        if importlib.util.find_spec("realist.quant.significance") is None:
            return None
    except ModuleNotFoundError:
        return None
    module = importlib.import_module("realist.quant.significance")
    func = getattr(module, "significance", None)
    if not callable(func):
        return None
    try:
        result = func(evidence)
    except Exception:  # a file the quantitative checks reject: judge it from its own fields below
        return None
    sig = getattr(result, "significant", result)
    if sig is not None and not isinstance(sig, bool):
        return None
    return Significance(sig, _num(getattr(result, "p_value", None)),
                        _num(getattr(result, "alpha", None)) or DEFAULT_ALPHA,
                        str(getattr(result, "summary", "") or ""))


def significance(project: Any, evidence: Any) -> Significance:
    """Significance of an evidence node, from ``realist.quant`` when installed, else from the file.

    From the file: ``significant:`` as written; else ``p_value`` against ``alpha`` (default 0.05);
    else whether ``difference.ci`` excludes zero; for paired changes by domain, significant when
    any domain is (the summary says how many).

    >>> from realist.model import Evidence
    >>> significance(None, Evidence("x", "t", "psm", "matched-comparison", {"p_value": 0.32})).significant
    False
    """
    found = _from_quant(project, evidence)
    if found is not None:
        return found
    data = evidence.data if isinstance(getattr(evidence, "data", None), dict) else {}
    alpha = _num(data.get("alpha")) or DEFAULT_ALPHA
    p = _num(data.get("p_value"))
    if isinstance(data.get("significant"), bool):
        sig = bool(data["significant"])
        return Significance(sig, p, alpha, "significant" if sig else "not significant")
    if p is not None:
        return Significance(p <= alpha, p, alpha, f"p = {p:g} {'≤' if p <= alpha else '>'} {alpha:g}")
    domains = [d for d in data.get("domains") or [] if isinstance(d, dict)]
    if domains:
        flags = [d.get("significant") for d in domains if isinstance(d.get("significant"), bool)]
        if flags:
            n = sum(1 for f in flags if f)
            return Significance(n > 0, None, alpha, f"significant in {n} of {len(flags)} domains")
    diff = data.get("difference")
    ci = diff.get("ci") if isinstance(diff, dict) else None
    if isinstance(ci, list) and len(ci) == 2 and all(_num(v) is not None for v in ci):
        low, high = float(ci[0]), float(ci[1])
        sig = low > 0 or high < 0
        return Significance(sig, None, alpha, "interval excludes zero" if sig else "interval includes zero")
    return Significance(None, None, alpha, "no p-value, interval or significance given")
