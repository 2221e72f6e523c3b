"""What the figures say about evidence: counts per strand, and how a quantitative result reads.

Both read what other parts of realist provide when they are installed (coded
excerpts from ``realist.coding``, significance from ``realist.quant``) and fall
back to what the theory and evidence files themselves say.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from realist.model.project import Evidence, Project, Theory


@dataclass(frozen=True)
class StrandCount:
    """One strand of evidence behind a theory: its label and, when known, how many excerpts."""

    strand: str
    label: str
    kind: str  # qualitative | quantitative
    excerpts: int | None  # None: listed in the theory's sources, not counted from codings


def _coded_excerpts(project: Project) -> list[Any] | None:
    """Every coded excerpt of the project, or None when the coding core is not available."""
    try:
        coding = importlib.import_module("realist.coding")
    except ImportError:
        return None
    loader = getattr(coding, "load_excerpts", None) or getattr(coding, "excerpts", None)
    if loader is None or not callable(loader):
        return None
    try:
        return list(loader(project))
    except Exception:  # a broken coding file is `realist check`'s business, not the figure's
        return None


def _excerpt_strand(project: Project, excerpt: Any) -> str | None:
    for name in ("strand", "source_strand"):
        value = getattr(excerpt, name, None)
        if isinstance(value, str) and value:
            return value
    return None


def _excerpt_codes(excerpt: Any) -> list[str]:
    codes = getattr(excerpt, "codes", None) or []
    out = []
    for code in codes:
        out.append(code if isinstance(code, str) else str(getattr(code, "code", code)))
    return out


def strand_counts(project: Project, theory: Theory) -> list[StrandCount]:
    """The strands of evidence behind ``theory``, in the manifest's order.

    When coded excerpts are available, each qualitative strand that has excerpts
    coded to the theory (or one of its elements) is counted; otherwise the
    strands are those the theory lists under ``strength.sources``, uncounted.
    Quantitative strands count the evidence files that bear on the theory.

    Example::

        >>> [s.strand for s in strand_counts(project, project.theory("flexibility"))]  # doctest: +SKIP
        ['staff-interviews', 'recipient-interviews', 'observations', 'focus-groups']
    """
    strands = project.manifest.strands
    counts: dict[str, int] = {}
    excerpts = _coded_excerpts(project)
    if excerpts:
        for excerpt in excerpts:
            if any(code.partition(":")[0] == theory.id for code in _excerpt_codes(excerpt)):
                strand = _excerpt_strand(project, excerpt)
                if strand:
                    counts[strand] = counts.get(strand, 0) + 1
    evidence_counts: dict[str, int] = {}
    for ev in sorted(project.evidence.values(), key=lambda e: e.id):
        if ev.strand and any(b.theory == theory.id for b in ev.bears_on):
            evidence_counts[ev.strand] = evidence_counts.get(ev.strand, 0) + 1
    listed = set(theory.strength.sources) | set(counts) | set(evidence_counts)
    order = list(strands) + sorted(s for s in listed if s not in strands)
    rows = []
    for sid in order:
        if sid not in listed:
            continue
        known = strands.get(sid)
        kind = known.kind if known else "qualitative"
        n = evidence_counts.get(sid) if kind == "quantitative" else counts.get(sid)
        rows.append(StrandCount(sid, known.label if known else sid, kind, n))
    return rows


@dataclass(frozen=True)
class Reading:
    """How one quantitative result reads on a figure."""

    verdict: str  # supports | refutes | refines | inconclusive
    detail: str  # e.g. "p = 0.03" or "6 of 8 domains significant"


def _alpha(ev: Evidence) -> float:
    try:
        return float(ev.data.get("alpha", 0.05))
    except (TypeError, ValueError):
        return 0.05


def significance(ev: Evidence) -> bool | None:
    """True/False when the result's significance can be told, None when it cannot.

    Asks ``realist.quant`` when it is installed; otherwise reads ``significant``,
    then the p-value against ``alpha``, then whether the difference's CI excludes 0.
    """
    try:
        quant = importlib.import_module("realist.quant")
        judge = getattr(quant, "is_significant", None)
        if callable(judge):
            verdict = judge(ev)
            if isinstance(verdict, bool):
                return verdict
    except Exception:  # the files' own fields below still answer
        pass
    data = ev.data
    if isinstance(data.get("significant"), bool):
        return bool(data["significant"])
    p = data.get("p_value")
    if isinstance(p, (int, float)):
        return float(p) <= _alpha(ev)
    ci = (data.get("difference") or {}).get("ci") if isinstance(data.get("difference"), dict) else None
    if isinstance(ci, list) and len(ci) == 2 and all(isinstance(x, (int, float)) for x in ci):
        return bool(ci[0] > 0 or ci[1] < 0)
    return None


def reading(ev: Evidence, stance: str) -> Reading:
    """How the result bears on its target: a non-significant result is inconclusive, never refuting.

    >>> from realist.model.project import Evidence
    >>> reading(Evidence("x", "X", "psm", "matched-comparison", {"p_value": 0.32}), "refutes").verdict
    'inconclusive'
    """
    domains = ev.data.get("domains")
    if isinstance(domains, list) and domains:
        flags = [d.get("significant") for d in domains if isinstance(d, dict)]
        sig = sum(1 for f in flags if f is True)
        detail = f"{sig} of {len(flags)} domains significant"
        if sig == 0:
            return Reading("inconclusive", detail)
        return Reading(stance, detail)
    p = ev.data.get("p_value")
    detail = ""
    if isinstance(p, (int, float)):
        detail = "p < 0.01" if p < 0.005 else f"p = {p:.2f}"
    if significance(ev) is False:
        return Reading("inconclusive", detail or "not significant")
    return Reading(stance, detail)
