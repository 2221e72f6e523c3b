"""The rules that turn an evidence profile into a suggested strength of evidence.

Rules live in realist.yaml under ``strength: rules:``; each rating (strongest first) lists
alternatives, and a theory earns the first rating for which any alternative holds. The last rating
on the scale needs nothing. Every number is a minimum, except ``unanswered``, a maximum. A rule
may also ask that one strand on its own meets minimums (``strand: {excerpts: 6, ...}``).

The defaults encode the worked example's definitions (Appendix B of the IOM report):

* convincing: strongly supported by one strand, or supported by several strands with context,
  mechanism and outcome aligned;
* plausible: some credible evidence and a coherent logic, though limited in scope;
* tentative: indirect or speculative evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from realist.errors import InputError
from realist.text import did_you_mean, one_of

#: measure -> what it counts, in words (also the keys a rule may use)
MEASURES: dict[str, str] = {
    "excerpts": "supporting excerpts",
    "participants": "participants behind them",
    "sites": "sites",
    "stages": "fieldwork stages",
    "groups": "participant groups",
    "strands": "strands that support it",
    "aligned_strands": "strands with an excerpt holding C, M and O together",
    "configurational": "excerpts holding C, M and O together",
    "quantitative": "significant supporting quantitative results",
    "unanswered": "refuting or refining excerpts not yet answered (at most)",
}
STRAND_MEASURES = ("excerpts", "participants", "sites", "configurational")
MAXIMUMS = ("unanswered",)

DEFAULT_RULES: list[list[dict[str, Any]]] = [
    [  # the strongest rating
        {"why": "strongly supported by one strand",
         "strand": {"excerpts": 6, "participants": 4, "configurational": 2}, "unanswered": 0},
        {"why": "supported by several strands with context, mechanism and outcome aligned",
         "strands": 2, "aligned_strands": 2, "unanswered": 0},
    ],
    [  # the middle rating
        {"why": "some credible evidence, though limited in scope", "excerpts": 2, "participants": 2},
    ],
]


@dataclass
class Suggestion:
    rating: str
    why: str
    reasons: list[str]


def rules_for(scale: list[str], configured: dict[str, Any], path: Any = None) -> dict[str, list[dict[str, Any]]]:
    """The rules per rating: those in realist.yaml, else the defaults by position on the scale."""
    rules: dict[str, list[dict[str, Any]]] = {}
    for rating, alternatives in (configured or {}).items():
        if rating not in scale:
            raise InputError(f"strength rules name '{rating}', which is not on the strength scale "
                             f"({one_of(scale)}){did_you_mean(str(rating), scale)}", path=path)
        if isinstance(alternatives, dict):
            alternatives = [alternatives]
        if not isinstance(alternatives, list) or not all(isinstance(a, dict) for a in alternatives):
            raise InputError(f"strength rules for '{rating}' must be a list of conditions, "
                             "e.g. [{excerpts: 2, participants: 2}]", path=path)
        for alt in alternatives:
            _check_rule(rating, alt, path)
        rules[rating] = alternatives
    if not configured:
        for rating, alternatives in zip(scale[:-1], DEFAULT_RULES, strict=False):
            rules[rating] = alternatives
    return rules


def _check_rule(rating: str, rule: dict[str, Any], path: Any) -> None:
    for key, value in rule.items():
        if key == "why":
            continue
        if key == "strand":
            if not isinstance(value, dict):
                raise InputError(f"strength rules for '{rating}': strand must be a mapping such as "
                                 "{excerpts: 6, participants: 4}", path=path)
            for sub, n in value.items():
                if sub not in STRAND_MEASURES:
                    raise InputError(f"strength rules for '{rating}': strand cannot count '{sub}' (it counts "
                                     f"{one_of(STRAND_MEASURES)}){did_you_mean(str(sub), STRAND_MEASURES)}", path=path)
                _check_number(rating, f"strand.{sub}", n, path)
            continue
        if key not in MEASURES:
            raise InputError(f"strength rules for '{rating}': unknown measure '{key}'"
                             f"{did_you_mean(str(key), MEASURES) or '; use one of ' + one_of(MEASURES)}", path=path)
        _check_number(rating, key, value, path)


def _check_number(rating: str, key: str, value: Any, path: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InputError(f"strength rules for '{rating}': {key} must be a whole number of 0 or more", path=path)


def _failures(rule: dict[str, Any], measures: dict[str, int], by_strand: dict[str, dict[str, int]]) -> list[str]:
    """What a theory lacks to meet ``rule``; empty when it meets it."""
    missing = []
    for key, need in rule.items():
        if key == "why":
            continue
        if key == "strand":
            if not any(all(counts.get(k, 0) >= n for k, n in need.items()) for counts in by_strand.values()):
                best: tuple[str | None, dict[str, int]] = max(
                    by_strand.items(), key=lambda kv: tuple(kv[1].get(k, 0) for k in need), default=(None, {}))
                wanted = ", ".join(f"{n} {k}" for k, n in need.items())
                best_has = ", ".join(f"{best[1].get(k, 0)} {k}" for k in need)
                missing.append(f"no strand alone has {wanted}" + (f" (best: {best[0]} with {best_has})"
                                                                  if best[0] else ""))
            continue
        have = measures.get(key, 0)
        if key in MAXIMUMS:
            if have > need:
                missing.append(f"{MEASURES[key].replace(' (at most)', '')}: {have}, at most {need} allowed")
        elif have < need:
            missing.append(f"{MEASURES[key]}: {have}, needs {need}")
    return missing


def suggest(scale: list[str], rules: dict[str, list[dict[str, Any]]], measures: dict[str, int],
            by_strand: dict[str, dict[str, int]]) -> Suggestion:
    """The strongest rating whose rules the measures meet, with the reasons.

    >>> rules = rules_for(["convincing", "plausible", "tentative"], {})
    >>> suggest(["convincing", "plausible", "tentative"], rules, {"excerpts": 3, "participants": 2}, {}).rating
    'plausible'
    """
    reasons: list[str] = []
    for rating in scale[:-1]:
        alternatives = rules.get(rating, [])
        if not alternatives:
            continue
        for rule in alternatives:
            lacks = _failures(rule, measures, by_strand)
            if not lacks:
                why = str(rule.get("why") or _describe(rule))
                return Suggestion(rating, why, reasons + [f"{rating}: {why}"])
        for rule in alternatives:
            why = str(rule.get("why") or _describe(rule))
            reasons.append(f"not {rating} ({why}): " + "; ".join(_failures(rule, measures, by_strand)))
    last = scale[-1]
    why = "only indirect or speculative evidence so far" if measures.get("excerpts", 0) or \
        measures.get("quantitative", 0) else "no direct evidence coded yet"
    return Suggestion(last, why, reasons + [f"{last}: {why}"])


def _describe(rule: dict[str, Any]) -> str:
    parts = [f"{n} {MEASURES[k]}" for k, n in rule.items() if k in MEASURES]
    if "strand" in rule:
        parts.append("one strand with " + ", ".join(f"{n} {k}" for k, n in rule["strand"].items()))
    return ", ".join(parts)
