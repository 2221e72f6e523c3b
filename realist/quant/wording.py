"""Every sentence `realist evidence say` writes, in one place, overridable in realist.yaml.

The defaults follow the way UK justice analysts report a matched comparison
("for every 100 typical participants, compared with 100 similar
non-participants ..."). A project in another country, or about another
outcome, overrides any key under ``wording:`` in ``realist.yaml``; one
evidence file may override the measure's keys under its own ``wording:``
(for example ``subject: the number of people who are recalled``).

Placeholders are Python ``str.format`` fields: ``{programme}``, ``{subject}``,
``{topic}``, ``{down}``, ``{up}``, ``{x}``, ``{y}``, ``{a}``, ``{b}`` ...
"""

from __future__ import annotations

import copy
from typing import Any

from realist.model import Evidence, Project

DEFAULT_WORDING: dict[str, Any] = {
    "programme": None,  # None: the manifest's `programme`, else "the programme"
    "participants": "typical participants",
    "non_participants": "similar non-participants",
    "per": 100,
    "lead_per_person": "For every {per} {participants}, compared with {per} {non_participants}",
    "lead_average": "For {participants}, compared with {non_participants}",
    "lead_reoffenders": "For {participants} who reoffended, compared with {non_participants} who reoffended",
    "straddle": "{lead}, {subject} could be {down} by as many as {x}, or {up} by as many as {y}.",
    "one_side": "{lead}, {subject} could be {direction} by between {a} and {b}. {significant}",
    "one_side_same": "{lead}, {subject} could be {direction} by about {b}. {significant}",
    "significant": "This is a statistically significant result.",
    "less_than_one": "less than 1 {one}",
    "can_say_inconclusive": "This analysis does not give clear evidence that {programme} {increase} or "
                            "{decrease} {topic}.",
    "cannot_say_inconclusive": "That {programme} has no effect on {topic}: a result that is not statistically "
                               "significant is inconclusive, not evidence of no effect.",
    "can_say_significant": "This analysis gives evidence that {programme} {verb} {topic}, for people like "
                           "those compared here.",
    "cannot_say_significant": "Exactly how much {programme} {verb} {topic}, or that it would do the same for "
                              "people unlike those compared here.",
    "needed_n": "A treatment group of about {needed} people (it had {n}) would be needed to detect a difference "
                "of this size as statistically significant ({power}% power, two-sided test at {alpha}).",
    "paired_summary": "Average scores fell in {fell} of {domains} domains{over}, statistically significantly "
                      "in {significant_falls}; {largest}.",
    "paired_largest": "the largest fall was {change} points ({domain})",
    "paired_domain": "{domain}: {direction} {change} points from an average of {before}{range}; {verdict}.",
    "paired_significant": "statistically significant",
    "paired_inconclusive": "not statistically significant (inconclusive)",
    "measures": {
        "rate": {"subject": "the number of people who reoffend", "topic": "the number of people who reoffend",
                 "one": "person", "many": "people", "down": "lower", "up": "higher",
                 "decrease": "reduces", "increase": "increases", "per_person": True, "places": 0},
        "frequency": {"subject": "the number of proven reoffences", "topic": "the number of proven reoffences",
                      "one": "offence", "many": "offences", "down": "lower", "up": "higher",
                      "decrease": "reduces", "increase": "increases", "per_person": True, "places": 0},
        "time": {"subject": "the average time to first proven reoffence",
                 "topic": "the time to first proven reoffence", "one": "day", "many": "days",
                 "down": "shorter", "up": "longer", "decrease": "shortens", "increase": "lengthens",
                 "per_person": False, "places": 0},
        "score": {"subject": "the average score", "topic": "the average score", "one": "point", "many": "points",
                  "down": "lower", "up": "higher", "decrease": "lowers", "increase": "raises",
                  "per_person": False, "places": 2},
    },
}


def _merge(base: dict[str, Any], over: Any) -> dict[str, Any]:
    out = copy.deepcopy(base)
    if not isinstance(over, dict):
        return out
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def wording(project: Project | None = None, evidence: Evidence | None = None) -> dict[str, Any]:
    """The templates in force: defaults, then ``realist.yaml`` ``wording:``, then the file's own.

    >>> wording()["measures"]["time"]["many"]
    'days'
    """
    words = _merge(DEFAULT_WORDING, project.manifest.extra.get("wording") if project else None)
    if not words.get("programme"):
        words["programme"] = (project.manifest.programme if project else None) or "the programme"
    if evidence is not None and isinstance(evidence.data.get("wording"), dict):
        measure = evidence.measure or "score"
        own = evidence.data["wording"]
        words["measures"][measure] = _merge(words["measures"].get(measure, {}), own)
        words = _merge(words, {k: v for k, v in own.items() if k in words and k != "measures"})
    return words


def fill(template: str, **fields: Any) -> str:
    """``template.format(**fields)`` that names a missing placeholder instead of crashing."""
    from realist.errors import InputError

    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError) as exc:
        raise InputError(f"a wording template has an unknown or broken placeholder ({exc}): {template!r}; "
                         f"available: {', '.join(sorted(fields))}") from None
