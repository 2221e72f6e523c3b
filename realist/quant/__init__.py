"""Quantitative evidence: consistency checks, tests and effect sizes, plain-English statements.

The public API (see docs/quant.md):

* :func:`significance` / :func:`effective_stance` — significant or inconclusive, for every module;
* :func:`say` — the plain-English statement of one evidence node;
* :func:`table_rows` — table-ready rounded figures (Tables 5.1–5.5 of the worked example);
* :func:`check_evidence` — internal consistency, as a report of positioned findings;
* :func:`compute` — Welch's t-test, Cohen's d / h and the needed sample from raw figures;
* :func:`paired_change` — Wilcoxon signed-rank per domain from a CSV of before/after scores.

scipy is imported only inside the functions that need it.
"""

from __future__ import annotations

from typing import Any

from realist.quant.significance import Significance, effective_stance, significance

__all__ = ["Significance", "check_evidence", "compute", "effective_stance", "paired_change", "say",
           "significance", "table_row", "table_rows"]


def __getattr__(name: str) -> Any:  # lazy: importing realist.quant stays cheap
    if name == "say":
        from realist.quant.say import say

        return say
    if name == "table_rows":
        from realist.quant.tables import table_rows

        return table_rows
    if name == "table_row":
        from realist.quant.tables import table_row

        return table_row
    if name == "check_evidence":
        from realist.quant.check import check_evidence

        return check_evidence
    if name == "compute":
        from realist.quant.compute import compute

        return compute
    if name == "paired_change":
        from realist.quant.paired import paired_change

        return paired_change
    raise AttributeError(f"module 'realist.quant' has no attribute {name!r}")
