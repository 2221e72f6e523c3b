"""`realist evidence say ID`: a result in plain English, from its unrounded figures.

For a matched comparison the confidence interval of the difference is put
per 100 people (a rate's percentage points as they are, a frequency per
person times 100; days and scores as they are), rounded half to even, and
worded as the interval demands: "could be lower by as many as X, or higher
by as many as Y" when it straddles zero, "lower by between X and Y ... This is
a statistically significant result" when it does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from realist.model import Evidence, Project
from realist.quant import stats
from realist.quant.significance import Significance, significance
from realist.quant.wording import fill, wording


@dataclass
class Statement:
    """What can be said about one evidence node. ``summary`` is the sentence `theory show` prints."""

    id: str
    title: str
    summary: str
    can_say: str | None = None
    cannot_say: str | None = None
    needed_text: Callable[[], str | None] | None = field(default=None, repr=False, compare=False)
    details: list[str] = field(default_factory=list)
    significance: Significance | None = None

    @property
    def needed(self) -> str | None:
        """The treatment-group size needed, for an inconclusive result (worked out on first use: it needs scipy)."""
        if self.needed_text is None:
            return None
        text = self.needed_text()
        self.needed_text = lambda: text
        return text

    def text(self) -> str:
        """Everything, as paragraphs."""
        parts = [self.summary, *self.details]
        if self.can_say:
            parts.append(f"What you can say: {self.can_say}")
        if self.cannot_say:
            parts.append(f"What you cannot say: {self.cannot_say}")
        if self.needed:
            parts.append(self.needed)
        return "\n\n".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "summary": self.summary, "details": self.details,
                "can_say": self.can_say, "cannot_say": self.cannot_say, "needed": self.needed,
                "significance": self.significance.state if self.significance else None}


def amount(value: float, places: int, one: str, many: str, less_than_one: str) -> str:
    """``"3 people"``, ``"1 person"``, ``"1,235 people"``: half to even, thousands separated.

    >>> amount(2.5, 0, "person", "people", "less than 1 person")
    '2 people'
    >>> amount(1.4, 0, "person", "people", "less than 1 person")
    '1 person'
    """
    rounded = stats.round_half_even(abs(value), places)
    if rounded == 0:
        return less_than_one
    number = f"{rounded:,}" if places == 0 else f"{rounded:,.{places}f}"
    return f"{number} {one if rounded == Decimal(1) else many}"


def _unit_amount(value: float, measure: dict[str, Any], words: dict[str, Any]) -> str:
    places = int(measure.get("places", 0))
    one, many = str(measure["one"]), str(measure["many"])
    return amount(value, places, one, many, fill(str(words["less_than_one"]), one=one, many=many))


def _bare_amount(value: float, measure: dict[str, Any], words: dict[str, Any]) -> str:
    """The nearer bound of "between 1 and 18 days": its number alone, unless it rounds to 0."""
    text = _unit_amount(value, measure, words)
    if stats.round_half_even(abs(value), int(measure.get("places", 0))) == 0:
        return text
    return text.rsplit(" ", 1)[0]


def say(project: Project, evidence_id: str, *, power: float | None = None) -> Statement:
    """The plain-English statement for one evidence node.

    >>> say(project, "psm-time-to-reoffence").summary  # doctest: +SKIP
    'For typical participants who reoffended, ... shorter by between 1 and 18 days. This is ...'
    """
    from realist.errors import UsageError
    from realist.text import did_you_mean

    if evidence_id not in project.evidence:
        raise UsageError(f"no evidence '{evidence_id}'{did_you_mean(evidence_id, project.evidence)}; "
                         "see `realist evidence check` for the list")
    evidence = project.evidence[evidence_id]
    if evidence.design == "matched-comparison":
        return _say_comparison(project, evidence, power)
    if evidence.design == "paired-change":
        return _say_paired(project, evidence)
    return _say_descriptive(evidence)


def _say_comparison(project: Project, evidence: Evidence, power: float | None) -> Statement:
    from realist.errors import InputError
    from realist.quant.compute import needed_treatment_n
    from realist.quant.figures import DEFAULT_POWER, comparison_of, shown_path

    words = wording(project, evidence)
    measure_name = evidence.measure or "score"
    measure = words["measures"].get(measure_name) or words["measures"]["score"]
    result = comparison_of(evidence)
    if result.difference.ci is None:
        raise InputError(f"evidence '{evidence.id}' has no confidence interval for the difference "
                         "(difference: {estimate, ci: [lower, upper]}), nor raw figures to compute one",
                         path=shown_path(evidence))
    per = float(words["per"])
    factor = (per / 100 if measure_name == "rate" else per) if measure.get("per_person") else 1.0
    low, high = (b * factor for b in result.difference.ci)
    population = (result.population or "").lower()
    if measure.get("per_person"):
        lead_key = "lead_per_person"
    elif population.startswith("re-offender") or population.startswith("reoffender"):
        lead_key = "lead_reoffenders"
    else:
        lead_key = "lead_average"
    common = {k: v for k, v in words.items() if isinstance(v, (str, int))}
    common.update({k: v for k, v in measure.items() if isinstance(v, str)})
    common["lead"] = fill(str(words[lead_key]), **common)
    sig = significance(evidence)
    if low < 0 < high or low == 0 or high == 0:
        summary = fill(str(words["straddle"]), **common, x=_unit_amount(low, measure, words),
                       y=_unit_amount(high, measure, words))
    else:
        near, far = (high, low) if high < 0 else (low, high)
        places = int(measure.get("places", 0))
        same = stats.round_half_even(abs(near), places) == stats.round_half_even(abs(far), places)
        summary = fill(str(words["one_side_same" if same else "one_side"]), **common,
                       direction=measure["down" if high < 0 else "up"],
                       a=_bare_amount(near, measure, words), b=_unit_amount(far, measure, words))
    needed_fn: Callable[[], str | None] | None = None
    if sig.significant:
        verb = measure["decrease"] if (result.difference.estimate or 0) < 0 else measure["increase"]
        can = fill(str(words["can_say_significant"]), **common, verb=verb)
        cannot = fill(str(words["cannot_say_significant"]), **common, verb=verb)
    else:
        can = fill(str(words["can_say_inconclusive"]), **common)
        cannot = fill(str(words["cannot_say_inconclusive"]), **common)
        target = power if power is not None else DEFAULT_POWER

        def needed() -> str | None:
            n_needed = needed_treatment_n(result, power=target)
            if n_needed is None or not result.treatment.n:
                return None
            return fill(str(words["needed_n"]), **common, needed=f"{n_needed:,}", n=f"{result.treatment.n:,}",
                        power=f"{target * 100:g}", alpha=f"{result.alpha:g}")

        needed_fn = needed
    return Statement(evidence.id, evidence.title, summary, can, cannot, needed_fn, significance=sig)


def _say_paired(project: Project, evidence: Evidence) -> Statement:
    from realist.quant.figures import PairedChange

    words = wording(project, evidence)
    paired = PairedChange.from_evidence(evidence)
    sig = significance(evidence)
    details = []
    for d in paired.domains:
        if d.mean_change is None:
            continue
        rng = f" (range {stats.format_figure(d.range[0], 0)}-{stats.format_figure(d.range[1], 0)})" if d.range else ""
        flag = d.is_significant(paired.alpha)
        verdict = words["paired_significant"] if flag else words["paired_inconclusive"]
        direction = "down" if d.mean_change < 0 else ("up" if d.mean_change > 0 else "no change,")
        details.append(fill(str(words["paired_domain"]), domain=d.name, direction=direction,
                            change=_plain(abs(d.mean_change), 3), before=_plain(d.mean_before, 2), range=rng,
                            verdict=verdict))
    changes = [d for d in paired.domains if d.mean_change is not None]
    falls = [d for d in changes if d.mean_change is not None and d.mean_change < 0]
    sig_falls = [d for d in falls if d.is_significant(paired.alpha)]
    largest = ""
    if falls:
        top = min(falls, key=lambda d: d.mean_change or 0)
        largest = fill(str(words["paired_largest"]), change=_plain(abs(top.mean_change or 0), 3), domain=top.name)
    over = f" over {paired.follow_up}" if paired.follow_up else ""
    summary = fill(str(words["paired_summary"]), title=evidence.title, over=over, fell=len(falls), domains=len(changes),
                   significant_falls=len(sig_falls), largest=largest or "none fell").replace("; .", ".")
    return Statement(evidence.id, evidence.title, summary, details=details, significance=sig)


def _plain(value: float | None, places: int) -> str:
    """As the tables print it (a change to 3 decimals, an average to 2)."""
    return "?" if value is None else stats.format_figure(value, places)


def _say_descriptive(evidence: Evidence) -> Statement:
    figures: list[Any] = evidence.data["figures"] if isinstance(evidence.data.get("figures"), list) else []
    parts = []
    for f in figures:
        if isinstance(f, dict) and "label" in f and "value" in f:
            unit = str(f.get("unit") or "")
            value = f"{f['value']:,}" if isinstance(f["value"], int) and not isinstance(f["value"], bool) \
                else str(f["value"])
            parts.append(f"{f['label']}: {value}{'' if unit in ('', '%') else ' '}{unit}")
    summary = evidence.title + (f" — {'; '.join(parts)}." if parts else ".")
    return Statement(evidence.id, evidence.title, summary, significance=significance(evidence))
