"""Quantitative tables: paired change (Tables 5.1-5.2) and matched comparisons (Tables 5.3-5.5).

The figures come from the evidence files. When the quantitative module (``realist.quant``) is
installed its table-ready rounding is used; otherwise the figures are printed as written.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from realist.export.settings import Settings

if TYPE_CHECKING:
    from realist.export.catalogue import Draft
    from realist.model import Evidence, Project

MEASURE_WORDS = {"rate": "rate (%)", "frequency": "frequency", "time": "time (days)", "score": "score"}
DIFFERENCE_UNITS = {"rate": " (% points)", "time": " (days)"}


def number(value: Any) -> str:
    """A figure as written: ``0.4``, ``-10``, ``2297``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return f"{value:f}".rstrip("0").rstrip(".") if "e" in text else text
    return str(value)


def decimals(values: list[Any]) -> int | None:
    """The most decimal places among ``values`` as written (``-0.260`` loaded as -0.26 counts as 2)."""
    places = [len(repr(v).split(".")[1]) for v in values if isinstance(v, float) and "e" not in repr(v)]
    return max(places) if places else None


def fixed(value: Any, places: int | None) -> str:
    """``value`` with ``places`` decimals, so a row of figures lines up (-0.071, -0.260)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and places is not None:
        return f"{value:.{places}f}"
    return number(value)


def with_ci(block: Any) -> str:
    """``38.9 (36.9 to 40.9)``."""
    if not isinstance(block, dict):
        return ""
    text = number(block.get("estimate"))
    ci = block.get("ci")
    if isinstance(ci, list) and len(ci) == 2:
        text += f" ({number(ci[0])} to {number(ci[1])})"
    return text


def p_text(p: Any) -> str:
    if not isinstance(p, (int, float)) or isinstance(p, bool):
        return ""
    return "<0.01" if p < 0.005 else f"{p:.2f}"


def _significant(ev: Evidence) -> bool | None:
    data = ev.data
    if isinstance(data.get("significant"), bool):
        return bool(data["significant"])
    p = data.get("p_value")
    if isinstance(p, (int, float)):
        return bool(p <= float(data.get("alpha", 0.05)))
    return None


def quant_rows(project: Project, ev: Evidence) -> list[dict[str, Any]] | None:
    """The quantitative module's table-ready rows for one result, when it is installed."""
    try:
        if importlib.util.find_spec("realist.quant.tables") is None:
            return None
    except ModuleNotFoundError:
        return None
    from realist.quant.tables import table_rows  # type: ignore[import-not-found,unused-ignore]

    try:
        return [dict(row) for row in table_rows(project, ev.design, [ev.id])]
    except Exception:  # a broken file is `realist evidence check`'s business; print the figures as written
        return None


def matched_frame(project: Project, ev: Evidence, settings: Settings) -> Any:
    """One row in the form of Tables 5.3-5.5."""
    import pandas as pd

    data = ev.data
    measure = str(data.get("measure") or "")
    word = MEASURE_WORDS.get(measure, measure or "estimate")
    treatment, comparison = data.get("treatment") or {}, data.get("comparison") or {}
    significant = _significant(ev)
    figures: dict[str, Any] = {
        "n_treatment": treatment.get("n"), "n_comparison": comparison.get("n"),
        "treatment": with_ci(treatment), "comparison": with_ci(comparison),
        "difference": with_ci(data.get("difference")),
        "effect_size": number(next(iter((data.get("effect_size") or {"": None}).values()))),
        "significant": "" if significant is None else settings.say("yes" if significant else "no"),
        "p_value": p_text(data.get("p_value")),
    }
    effect_name = "Cohen's d" if "cohens_d" in (data.get("effect_size") or {}) or not data.get("effect_size") \
        else next(iter(data["effect_size"]))
    ready = quant_rows(project, ev)
    if ready:
        row = ready[0]
        effect_name = str(row.get("effect_size_name") or effect_name)
        figures.update({key: row[key] for key in ("n_treatment", "n_comparison", "treatment", "comparison",
                                                  "difference", "effect_size") if row.get(key) not in (None, "")})
        if row.get("p"):
            figures["p_value"] = row["p"]
    say = settings.say
    columns = [say("n_treatment"), say("n_comparison"), say("treatment", measure=word),
               say("comparison", measure=word), say("difference", unit=DIFFERENCE_UNITS.get(measure, "")),
               say("effect_size", name=effect_name), say("significant"), say("p_value")]
    return pd.DataFrame([list(figures.values())], columns=columns)


def paired_frame(project: Project, ev: Evidence, settings: Settings) -> Any:
    """Needs as columns; range, average at the start and average change as rows (Tables 5.1-5.2)."""
    import pandas as pd

    domains = [d for d in ev.data.get("domains") or [] if isinstance(d, dict)]
    follow_up = str(ev.data.get("follow_up") or "follow-up")
    ranges, before, change = [settings.say("paired_range")], [settings.say("paired_before")], \
        [settings.say("paired_change", follow_up=follow_up)]
    before_places = decimals([d.get("mean_before") for d in domains])
    change_places = decimals([d.get("mean_change") for d in domains])
    for d in domains:
        r = d.get("range")
        ranges.append(f"{number(r[0])}–{number(r[1])}" if isinstance(r, list) and len(r) == 2 else "")
        before.append(fixed(d.get("mean_before"), before_places))
        mark = "**" if d.get("significant") is True or (isinstance(d.get("p_value"), (int, float))
                                                          and d["p_value"] <= ev.data.get("alpha", 0.05)) else ""
        change.append(fixed(d.get("mean_change"), change_places) + mark)
    ready = quant_rows(project, ev)
    if ready and len(ready) == len(domains):
        ranges[1:] = [re.sub(r"(?<=\d)-", "–", r["range"]) if r.get("range") else "" for r in ready]
        before[1:] = [r.get("mean_before", "") for r in ready]
        change[1:] = [f"{r.get('mean_change', '')}{r.get('marker', '')}" for r in ready]
    columns = [settings.say("paired_need")] + [str(d.get("name", "")) for d in domains]
    return pd.DataFrame([ranges, before, change], columns=columns)


def statement(project: Project, ev: Evidence) -> str | None:
    """The plain-English statement of a result, when the quantitative module is installed."""
    from realist.views import evidence_statement

    return evidence_statement(project, ev.id)


def quant_drafts(project: Project, settings: Settings) -> Iterator[Draft]:
    """Paired-change tables first, then matched comparisons, each in file-name order."""
    from realist.export.catalogue import Draft

    order = list(MEASURE_WORDS)
    evidence = sorted(project.evidence.values(), key=lambda e: (
        order.index(e.measure) if e.measure in order else len(order), e.data.get("population") is not None, e.id))
    for design in ("paired-change", "matched-comparison"):
        for ev in evidence:
            if ev.design != design:
                continue
            frame = paired_frame(project, ev, settings) if design == "paired-change" else matched_frame(project, ev, settings)
            notes = []
            if design == "paired-change" and any("**" in str(c) for c in frame.iloc[-1]):
                notes.append(settings.say("paired_significant"))
            if ev.data.get("note"):
                notes.append(" ".join(str(ev.data["note"]).split()))
            yield Draft(f"evidence-{ev.id}", ev.title, frame, notes)
