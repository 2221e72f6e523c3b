"""Table-ready figures: the rows of Tables 5.1–5.5 of the worked example, from any project.

Figures are rounded half to even at the places a measure is usually printed
(rates 1 decimal; frequencies 1, their difference 2; days 0; scores 2), or at
the file's own ``decimals: {groups, difference, effect_size}``. p-values read
"0.75" or "<0.01". Significance is decided on the unrounded p.
"""

from __future__ import annotations

from typing import Any

from realist.model import Evidence, Project
from realist.quant import stats
from realist.quant.significance import significance

#: measure -> (group places, difference places)
PLACES = {"rate": (1, 1), "frequency": (1, 2), "time": (0, 0), "score": (2, 2)}
EFFECT_NAMES = {"cohens_d": "Cohen's d", "cohens_h": "Cohen's h", "r": "r", "hedges_g": "Hedges' g"}
UNITS = {"rate": "rate (%)", "frequency": "frequency", "time": "time (days)", "score": "score"}
DIFFERENCE_UNITS = {"rate": "Estimated difference (% points)", "time": "Estimated difference (days)"}


def table_columns(design: str, measure: str | None = None) -> dict[str, str]:
    """Column key -> heading, in order, for :func:`table_rows` of one design (and measure).

    >>> table_columns("matched-comparison", "rate")["treatment"]
    'Treatment group rate (%)'
    """
    if design == "matched-comparison":
        unit = UNITS.get(measure or "", "estimate")
        return {"n_treatment": "Number in treatment group", "n_comparison": "Number in comparison group",
                "treatment": f"Treatment group {unit}", "comparison": f"Comparison group {unit}",
                "difference": DIFFERENCE_UNITS.get(measure or "", "Estimated difference"),
                "effect_size": "Standardised effect size (Cohen's d)",
                "significant": "Statistically significant difference?", "p": "p-value"}
    if design == "paired-change":
        return {"domain": "Domain", "range": "Range", "n": "n", "mean_before": "Average at start",
                "mean_change": "Average change", "significant": "Statistically significant?", "p": "p-value",
                "r": "Effect size (r)"}
    return {"label": "Figure", "value": "Value"}


def _places(evidence: Evidence, key: str, default: int) -> int:
    own = evidence.data.get("decimals")
    value = own.get(key) if isinstance(own, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10 else default


def comparison_row(evidence: Evidence) -> dict[str, Any]:
    """One row of a matched-comparison table (Tables 5.3–5.5)."""
    from realist.quant.figures import comparison_of

    result = comparison_of(evidence)
    group_default, diff_default = PLACES.get(evidence.measure or "", (2, 2))
    gp, dp = _places(evidence, "groups", group_default), _places(evidence, "difference", diff_default)
    ep = _places(evidence, "effect_size", 2)
    sig = significance(evidence)
    effect_key = next((k for k in ("cohens_d", "cohens_h", "hedges_g", "r") if k in result.effect_size),
                      next(iter(result.effect_size), None))

    def group(g: Any) -> str:
        return "" if g.estimate is None else stats.format_ci(g.estimate, g.ci, gp)

    d = result.difference
    return {
        "id": evidence.id, "title": evidence.title, "measure": evidence.measure,
        "population": result.population or "all",
        "n_treatment": "" if result.treatment.n is None else str(result.treatment.n),
        "n_comparison": "" if result.comparison.n is None else str(result.comparison.n),
        "treatment": group(result.treatment), "comparison": group(result.comparison),
        "difference": "" if d.estimate is None else stats.format_ci(d.estimate, d.ci, dp),
        "effect_size": "" if effect_key is None else stats.format_figure(result.effect_size[effect_key], ep),
        "effect_size_name": EFFECT_NAMES.get(effect_key or "", effect_key or ""),
        "significant": sig.label, "p": "" if result.p_value is None else stats.format_p(result.p_value),
        "weighted_comparison": result.weighted_comparison, "computed": result.computed,
    }


def table_row(project: Project, evidence_id: str) -> dict[str, str] | None:
    """The figures of one matched comparison as the export's Tables 5.3–5.5 want them, else None.

    Keys: n_treatment, n_comparison, treatment, comparison, difference, effect_size, p_value.

    >>> table_row(project, "psm-reoffending-rate")["difference"]  # doctest: +SKIP
    '0.4 (-2.1 to 2.9)'
    """
    evidence = project.evidence.get(evidence_id)
    if evidence is None or evidence.design != "matched-comparison":
        return None
    row = comparison_row(evidence)
    out = {k: str(row[k]) for k in ("n_treatment", "n_comparison", "treatment", "comparison", "difference",
                                    "effect_size")}
    out["p_value"] = row["p"]
    return out


def paired_rows(evidence: Evidence) -> list[dict[str, Any]]:
    """One row per domain of a paired-change table (Tables 5.1–5.2); ``marker`` is "**" when significant."""
    from realist.quant.figures import PairedChange

    paired = PairedChange.from_evidence(evidence)
    bp, cp = _places(evidence, "groups", 2), _places(evidence, "difference", 3)
    rows = []
    for d in paired.domains:
        flag = d.is_significant(paired.alpha)
        rows.append({
            "id": evidence.id, "title": evidence.title, "follow_up": paired.follow_up, "domain": d.name,
            "range": "" if d.range is None else f"{stats.format_figure(d.range[0], 0)}-"
                                                 f"{stats.format_figure(d.range[1], 0)}",
            "n": "" if d.n is None else str(d.n), "n_dropped": "" if d.n_dropped is None else str(d.n_dropped),
            "mean_before": "" if d.mean_before is None else stats.format_figure(d.mean_before, bp),
            "mean_change": "" if d.mean_change is None else stats.format_figure(d.mean_change, cp),
            "significant": {True: "Yes", False: "No", None: ""}[flag], "marker": "**" if flag else "",
            "p": "" if d.p_value is None else stats.format_p(d.p_value),
            "r": "" if "r" not in d.effect_size else stats.format_figure(d.effect_size["r"], 2),
        })
    return rows


def table_rows(project: Project, design: str, ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Table-ready rows for every evidence node of ``design`` (or the named ones), in id order.

    Matched comparisons give one row per file; paired changes one row per domain.

    >>> table_rows(project, "matched-comparison")[0]["treatment"]  # doctest: +SKIP
    '38.9 (36.9 to 40.9)'
    """
    rows: list[dict[str, Any]] = []
    for evidence_id in sorted(ids or project.evidence):
        evidence = project.evidence[evidence_id]
        if evidence.design != design:
            continue
        if design == "matched-comparison":
            rows.append(comparison_row(evidence))
        elif design == "paired-change":
            rows.extend(paired_rows(evidence))
        else:
            for f in evidence.data.get("figures") or []:
                if isinstance(f, dict):
                    rows.append({"id": evidence.id, "title": evidence.title, "label": str(f.get("label", "")),
                                 "value": str(f.get("value", ""))})
    return rows
