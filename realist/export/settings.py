"""The words, numbers and order of the appendix tables, overridable under ``report:`` in realist.yaml.

Everything a reader sees that is not the researcher's own data (captions, column headings,
"Source: All qualitative data", how a quotation is attributed) lives in :data:`WORDING`, so a
team can match its house style or write the tables in another language::

    report:
      numbering: {quantitative: "5"}          # Tables 5.1, 5.2 ... instead of C.1, C.2 ...
      theory_order: [flexibility, wrap-around-support]
      wording:
        theory_title: Theory
        all_qualitative: All qualitative data
    attribution:
      format: "— {role} {number}, {site}"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from realist.errors import InputError

#: Default wording. Keys are documented in docs/tables.md.
WORDING: dict[str, str] = {
    # theory tables (Tables B.1-B.3 of the worked example)
    "theory_title": "Theory title",
    "if": "If..",
    "then": "Then..",
    "because": "Because..",
    "strength": "Strength and sources of evidence",
    "source": "Source: {sources}",
    "all_qualitative": "All qualitative data",
    "not_rated": "Not yet rated",
    "ungrouped": "Other theories",
    # theory of change (Table A.1)
    "toc_caption": "Theory of change",
    "toc_stage": "Stage",
    "toc_entries": "What it holds",
    "inputs": "Inputs",
    "activities": "Activities",
    "outputs": "Outputs",
    "short": "Short-term outcomes",
    "medium": "Medium-term outcomes",
    "long": "Long-term outcomes",
    "impact": "Impact",
    # phases matrix
    "phases_caption": "Phases of iteration: what happened to each theory in each phase",
    "phases_theory": "Theory",
    "phases_not_seen": "",
    # quantitative tables (Tables 5.1-5.5)
    "n_treatment": "Number in treatment group",
    "n_comparison": "Number in comparison group",
    "treatment": "Treatment group {measure}",
    "comparison": "Comparison group {measure}",
    "difference": "Estimated difference{unit}",
    "effect_size": "Standardised effect size ({name})",
    "significant": "Statistically significant difference?",
    "p_value": "p-value",
    "yes": "Yes",
    "no": "No",
    "paired_need": "Need",
    "paired_range": "Range",
    "paired_before": "Average at the start",
    "paired_change": "Average change after {follow_up}",
    "paired_significant": "** statistically significant change",
    # evidence matrix, codebook, quotations
    "evidence_caption": "Evidence for each theory by strand (supports / refutes / refines)",
    "evidence_theory": "Theory",
    "codebook_caption": "Codebook: codes, definitions and how often each was applied",
    "code": "Code",
    "definition": "Definition",
    "count": "Excerpts",
    "quotations_caption": "Key quotations: {theory}",
    "quotation": "Quotation",
    "attributed_to": "Attributed to",
    "codes": "Codes",
    # the report
    "report_title": "{title}: appendix",
    "appendix": "Appendix {letter}: {title}",
    "section_toc": "Theory of change",
    "section_theories": "Programme theories",
    "strength_scale": "The strength of evidence behind each theory is rated {scale}.",
    "section_phases": "Phases of iteration",
    "section_detailed": "Detailed configurations",
    "section_quotations": "Key quotations",
    "section_connections": "Connections between theories",
    "section_quantitative": "Quantitative results",
    "section_evidence": "Evidence and codes",
    "figure": "Figure {number}: {caption}",
    "table": "Table {number}: {caption}",
}

#: Default appendix letter (or chapter number) of each kind of table.
NUMBERING: dict[str, str] = {
    "toc": "A", "theories": "B", "phases": "B", "quantitative": "C", "evidence": "D", "codebook": "D",
    "quotations": "E",
}

ATTRIBUTION = "— {role} {number}, {site}"


@dataclass
class Settings:
    """The resolved ``report:`` and ``attribution:`` settings of one project."""

    wording: dict[str, str] = field(default_factory=lambda: dict(WORDING))
    numbering: dict[str, str] = field(default_factory=lambda: dict(NUMBERING))
    theory_order: list[str] = field(default_factory=list)
    attribution: str = ATTRIBUTION
    title: str | None = None

    def say(self, key: str, **values: Any) -> str:
        """The wording for ``key`` with ``{placeholders}`` filled in."""
        text = self.wording[key]
        try:
            return text.format(**values) if values else text
        except (KeyError, IndexError) as exc:
            raise InputError(f"report.wording.{key} in realist.yaml uses {exc}, which is not available here; "
                             f"use only {', '.join('{' + k + '}' for k in values) or 'plain text'}") from None


def settings_of(project: Any) -> Settings:
    """Read ``report:`` and ``attribution:`` from the manifest, checking every key."""
    from realist.text import did_you_mean

    extra = project.manifest.extra
    path = project.manifest_path
    report = extra.get("report") or {}
    settings = Settings()
    if not isinstance(report, dict):
        raise InputError("report: must be a mapping (title, numbering, theory_order, wording)", path=path)
    known = {"title", "numbering", "theory_order", "wording"}
    for key in report:
        if key not in known:
            raise InputError(f"report: has no setting '{key}'{did_you_mean(str(key), known)}", path=path)
    for key, value in (report.get("wording") or {}).items():
        if key not in WORDING:
            raise InputError(f"report.wording has no entry '{key}'{did_you_mean(str(key), WORDING)}; "
                             "see docs/tables.md for the list", path=path)
        settings.wording[key] = str(value)
    for key, value in (report.get("numbering") or {}).items():
        if key not in NUMBERING:
            raise InputError(f"report.numbering has no entry '{key}'{did_you_mean(str(key), NUMBERING)}", path=path)
        settings.numbering[key] = str(value)
    settings.theory_order = [str(t) for t in report.get("theory_order") or []]
    for theory_id in settings.theory_order:
        if theory_id not in project.theories:
            raise InputError(f"report.theory_order names '{theory_id}', which is not a theory"
                             f"{did_you_mean(theory_id, project.theories)}", path=path)
    settings.title = str(report["title"]) if report.get("title") else None
    attribution = extra.get("attribution") or {}
    if isinstance(attribution, dict) and attribution.get("format"):
        settings.attribution = str(attribution["format"])
    return settings
