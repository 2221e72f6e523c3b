"""`audit(project)`: GRADE-CERQual components per theory, a suggested strength beside the
researcher's own, flags, and the RAMESES II items the project can show.

The researcher's rating is read, never written.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from realist.graph.build import ELEMENT_TYPES, node_id
from realist.graph.profile import Profile, is_configurational, profiles
from realist.graph.rules import Suggestion, rules_for, suggest
from realist.model import Project
from realist.text import plural

if TYPE_CHECKING:
    import networkx as nx

#: GRADE-CERQual levels of concern, least first
LEVELS = ("no or very minor concerns", "minor concerns", "moderate concerns", "serious concerns")
COMPONENTS = ("adequacy", "coherence", "methodological limitations", "relevance")
#: statuses that answer a refuting or refining excerpt, and statuses that end a theory
ANSWERING = ("revised", "refuted", "merged", "split", "retired")
ENDED = ("merged", "refuted", "retired")
FLAGS = {
    "rating-differs": "the suggested rating differs from yours",
    "not-rated": "the theory has no rating yet",
    "element-without-evidence": "an element has no evidence at all",
    "unanswered-refuting": "a refuting excerpt is not answered by a memo or a later revision",
    "unanswered-refining": "a refining excerpt is not answered by a memo or a later revision",
    "source-without-evidence": "a strand the theory names as a source has no coded evidence for it",
    "dangling-link": "a link points at a theory or element that does not exist or no longer stands",
    "one-way-link": "a link that the other theory does not return",
    "not-revisited": "the theory was not revisited in the latest phase",
    "fragments-only": "no excerpt holds a context, a mechanism and an outcome of it together",
    "null-as-refuting": "a non-significant result is treated as refuting (it is inconclusive)",
}


@dataclass
class Flag:
    code: str
    message: str
    theory: str | None = None
    target: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"flag": self.code, "theory": self.theory, "target": self.target, "message": self.message}


@dataclass
class Component:
    name: str
    level: str
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"level": self.level, "reasons": self.reasons}


@dataclass
class TheoryAudit:
    id: str
    title: str
    rating: str | None
    suggestion: Suggestion
    components: dict[str, Component]
    profile: Profile
    measures: dict[str, int]
    flags: list[Flag] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "rating": self.rating,
                "suggested": self.suggestion.rating, "why": self.suggestion.why,
                "reasons": self.suggestion.reasons, "measures": self.measures,
                "components": {k: c.as_dict() for k, c in self.components.items()},
                "profile": self.profile.as_dict(), "flags": [f.as_dict() for f in self.flags]}


@dataclass
class Audit:
    theories: list[TheoryAudit]
    flags: list[Flag]
    rameses: list[Any]
    latest_phase: str | None = None

    @property
    def clean(self) -> bool:
        return not self.flags

    def as_dict(self) -> dict[str, Any]:
        return {"theories": [t.as_dict() for t in self.theories], "flags": [f.as_dict() for f in self.flags],
                "rameses": [i.as_dict() for i in self.rameses], "latest_phase": self.latest_phase}


def latest_phase(project: Project, g: nx.MultiDiGraph) -> str | None:
    """The latest phase the project has reached: in a theory's history or a transcript's stage."""
    used = {e.phase for t in project.theories.values() for e in t.history}
    used |= {d.get("stage") for _, d in g.nodes(data=True) if d["type"] == "transcript"}
    ordered = [p for p in project.manifest.phases if p in used]
    return ordered[-1] if ordered else None


def _phase_order(g: nx.MultiDiGraph, phase: str | None) -> int | None:
    node = g.nodes.get(node_id("phase", phase)) if phase else None
    return node.get("order") if node else None


_MEMO_DATES: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, dict[str, str]]] = weakref.WeakKeyDictionary()


def _latest_memo_dates(g: nx.MultiDiGraph) -> dict[str, str]:
    """For every node a memo is about, the latest date of those memos (worked out once per graph:
    a theory has thousands of incoming edges, and every refuting excerpt would walk them again)."""
    known = _MEMO_DATES.get(g)
    if known is not None and known[0] == len(g):
        return known[1]
    latest: dict[str, str] = {}
    for u, v, d in g.edges(data=True):
        if d["type"] == "about" and g.nodes[u]["type"] == "memo":
            date = str(g.nodes[u].get("date") or "")
            if v not in latest or date > latest[v]:
                latest[v] = date
    _MEMO_DATES[g] = (len(g), latest)
    return latest


def answered(g: nx.MultiDiGraph, xid: str, theory: str) -> bool:
    """A refuting or refining excerpt is answered by a memo on it; by a memo on the theory or on an
    element it is coded to, written on or after the coding; or by a revision of the theory in the
    excerpt's own phase or a later one (any revision when the excerpt's phase is unknown)."""
    about = any(g.nodes[u]["type"] == "memo" for u, _, d in g.in_edges(xid, data=True) if d["type"] == "about")
    targets = {v for _, v, d in g.out_edges(xid, data=True) if d["type"] == "coded-as"}
    return _answered(g, g.nodes[xid], about, targets, theory)


def _answered(g: nx.MultiDiGraph, x: Any, about: bool, targets: set[str], theory: str) -> bool:
    """:func:`answered` for an excerpt's attributes ``x``, whether a memo is ``about`` it, and the
    theories and elements it is coded to (``g`` needs no excerpt nodes)."""
    if x.get("memo") or about:
        return True
    # a memo on the theory, or on an element the excerpt is coded to, written on or after the coding
    created = str(x.get("created") or "")
    latest = _latest_memo_dates(g)
    if any(target in latest and latest[target] >= created for target in {theory} | targets):
        return True
    stage = _phase_order(g, x.get("stage"))
    for _, phase, d in g.out_edges(theory, data=True):
        if d["type"] == "revised-in" and d["status"] in ANSWERING:
            order = g.nodes[phase].get("order", 0)
            if stage is None or order >= stage:
                return True
    return False


def _level(n: int) -> str:
    return LEVELS[max(0, min(n, len(LEVELS) - 1))]


def _measures(node: Any, p: Profile, theory: str, unanswered: int) -> tuple[dict[str, int],
                                                                           dict[str, dict[str, int]]]:
    support = [node(x) for x in p.supporting]
    configurational = set(p.configurational)  # a set: thousands of excerpts at national scale
    config = {x for x in p.supporting if x in configurational}
    by_strand: dict[str, dict[str, Any]] = {}
    for x, d in zip(p.supporting, support, strict=True):
        s = by_strand.setdefault(d.get("strand") or "unknown", {"excerpts": 0, "participants": set(), "sites": set(),
                                                                "configurational": 0})
        s["excerpts"] += 1
        if d.get("participant") and not d.get("research_team"):
            s["participants"].add(d["participant"])
        if d.get("site"):
            s["sites"].add(d["site"])
        s["configurational"] += x in config
    # passages whose strand is unknown count overall, but never as "a strand" of their own
    counted = {k: {m: (len(v) if isinstance(v, set) else v) for m, v in s.items()} for k, s in by_strand.items()
               if k != "unknown"}
    quant = [q for q in p.quantitative if q["stance"] == "supports" and q["significant"] is True]
    measures = {
        "excerpts": len(support),
        "participants": len({d["participant"] for d in support if d.get("participant") and not d.get("research_team")}),
        "sites": len({d["site"] for d in support if d.get("site")}),
        "stages": len({d["stage"] for d in support if d.get("stage")}),
        "groups": len({d["group"] for d in support if d.get("group")}),
        "strands": len(set(counted) | {q["strand"] for q in quant if q["strand"]}),
        "aligned_strands": len({s for s, c in counted.items() if c["configurational"]}),
        "configurational": len(config),
        "quantitative": len(quant),
        "unanswered": unanswered,
    }
    return measures, counted


def audit_theory(project: Project, g: nx.MultiDiGraph, theory_id: str, p: Profile,
                 rules: dict[str, list[dict[str, Any]]], latest: str | None, excerpts: Any = None) -> TheoryAudit:
    """One theory's audit; ``excerpts`` (an :class:`Excerpts`) reads excerpts from compact records
    instead of the graph's excerpt nodes."""
    theory = project.theories[theory_id]
    node = excerpts.node if excerpts is not None else g.nodes.__getitem__
    is_answered = excerpts.answered if excerpts is not None else (lambda x, t: answered(g, x, t))
    flags: list[Flag] = []

    def flag(code: str, message: str, target: str | None = None) -> None:
        flags.append(Flag(code, message, theory_id, target))

    # coherence: refuting and refining excerpts not yet answered
    open_items = {s: [x for x in p.excerpts.get(s, []) if not is_answered(x, theory_id)] for s in ("refutes", "refines")}
    for stance, code in (("refutes", "unanswered-refuting"), ("refines", "unanswered-refining")):
        for x in open_items[stance]:
            flag(code, f"{x.split(':', 1)[1]} {stance} it and is not answered by a memo or a later revision", x)
    measures, by_strand = _measures(node, p, theory_id, sum(len(v) for v in open_items.values()))
    suggestion = suggest(project.manifest.strength_scale, rules, measures, by_strand)

    components = {
        "adequacy": _adequacy(p, measures),
        "coherence": _coherence(p, open_items),
        "methodological limitations": _limitations(g, p, theory),
        "relevance": _relevance(project, p, theory),
    }

    ended = theory.latest_status in ENDED
    rating = theory.strength.rating
    if ended:
        pass  # a merged, refuted or retired theory is kept for the record: no rating or coverage flags
    elif rating is None:
        flag("not-rated", f"not rated; the rules suggest {suggestion.rating}")
    elif rating != suggestion.rating:
        flag("rating-differs", f"rated {rating}; the rules suggest {suggestion.rating} ({suggestion.why})")
    for code in [] if ended else p.without_evidence:
        flag("element-without-evidence", f"{code.split(':', 1)[1]} ({p.elements[code].label}) has no evidence", code)
    speaking = set(p.strands())
    for source in [] if ended else theory.strength.sources:
        if source not in speaking:
            flag("source-without-evidence", f"names {source} as a source, but no coded evidence from it speaks "
                 "to the theory", node_id("strand", source))
    for _, target, d in g.out_edges(theory_id, data=True):
        if d["type"] != "links-to":
            continue
        tnode = g.nodes[target]
        if tnode.get("missing"):
            flag("dangling-link", f"links to '{target}', which is not a theory of this project", target)
        elif tnode.get("status") in ENDED:
            flag("dangling-link", f"links to {target}, which was {tnode['status']}", target)
        if d.get("via") and d.get("via_node") is None:
            flag("dangling-link", f"links to {target} via {d['via']}, which is not one of its elements", target)
        if not tnode.get("missing") and not any(dd["type"] == "links-to" for _, t2, dd in g.out_edges(target, data=True)
                                                if t2 == theory_id):
            flag("one-way-link", f"links to {target}, which does not link back (if the connection runs both "
                 "ways, add the link there)", target)
    if latest and not ended and not any(e.phase == latest for e in theory.history):
        last = theory.history[-1].phase if theory.history else "no phase"
        flag("not-revisited", f"not revisited in the latest phase, {latest} (last recorded: {last})",
             node_id("phase", latest))
    if p.count and not p.configurational and not ended:
        flag("fragments-only", f"{plural(p.count, 'excerpt')}, but none holds a context, a mechanism and an "
             "outcome of it together")
    for q in p.quantitative:
        if q["stance"] == "refutes" and q["significant"] is False:
            flag("null-as-refuting", f"{q['id']} is not significant ({q['significance']}) but is recorded as "
                 "refuting; a null result is inconclusive, say 'refines' or remove the stance",
                 node_id("evidence", q["id"]))
    return TheoryAudit(theory_id, theory.title, rating, suggestion, components, p, measures, flags)


def _adequacy(p: Profile, m: dict[str, int]) -> Component:
    sig = [q for q in p.quantitative if q["significant"]]
    reasons = [f"{plural(p.count, 'excerpt')} ({m['excerpts']} supporting) from "
               f"{plural(len(p.participants), 'participant')}; {plural(m['configurational'], 'supporting excerpt')} "
               "holding C, M and O together"]
    if p.quantitative:
        reasons.append(f"{plural(len(p.quantitative), 'quantitative result')}, {len(sig)} significant")
    if not p.count:
        level = 3
        reasons.append("no coded excerpts")
    elif m["excerpts"] < 3 or len(p.participants) < 2:
        level = 2
    elif not m["configurational"] or len(p.without_evidence) * 2 > len(p.elements):
        level = 1
        if len(p.without_evidence) * 2 > len(p.elements):
            reasons.append(f"{len(p.without_evidence)} of {len(p.elements)} elements without evidence")
    else:
        level = 0
    return Component("adequacy", _level(level), reasons)


def _coherence(p: Profile, open_items: dict[str, list[str]]) -> Component:
    refutes, refines = len(p.excerpts.get("refutes", [])), len(p.excerpts.get("refines", []))
    reasons = [f"{refutes} refuting and {refines} refining excerpts; "
               f"{len(open_items['refutes'])} and {len(open_items['refines'])} of them not yet answered"]
    nulls = [q["id"] for q in p.quantitative if q["stance"] == "refutes" and q["significant"] is False]
    if nulls:
        reasons.append(f"non-significant results recorded as refuting: {', '.join(nulls)}")
    if len(open_items["refutes"]) > len(p.supporting):
        level = 3
    elif open_items["refutes"]:
        level = 2
    elif open_items["refines"] or nulls:
        level = 1
    else:
        level = 0
    return Component("coherence", _level(level), reasons)


def _limitations(g: nx.MultiDiGraph, p: Profile, theory: Any) -> Component:
    if not p.count:
        return Component("methodological limitations", _level(3), ["no coded excerpts to judge"])
    reasons = []
    if len(p.sites) <= 1:
        reasons.append(f"one site only ({next(iter(p.sites))})" if p.sites else "no site recorded")
    if len(p.groups) <= 1:
        reasons.append(f"one participant group only ({next(iter(p.groups))})" if p.groups
                       else "no participant group recorded")
    first = theory.history[0].phase if theory.history else None
    if first and p.stages <= {first}:
        reasons.append(f"evidence only from {first}, the phase that generated the theory")
    level = len(reasons)
    if not reasons:
        reasons.append(f"{plural(len(p.sites), 'site')}, {plural(len(p.groups), 'participant group')}, "
                       f"{plural(len(p.stages), 'stage')}")
    return Component("methodological limitations", _level(level), reasons)


def _relevance(project: Project, p: Profile, theory: Any) -> Component:
    speaking = set(p.strands())
    claimed = set(theory.strength.sources)
    contexts = [c for c in p.elements if p.elements[c].has_evidence and c.split(":", 1)[1].startswith("C")]
    all_contexts = [c for c in p.elements if c.split(":", 1)[1].startswith("C")]
    reasons = [f"{len(contexts)} of {len(all_contexts)} contexts have evidence"]
    silent = sorted(claimed - speaking)
    extra = sorted(speaking - claimed)
    if speaking:
        reasons.append(f"strands that speak to it: {', '.join(sorted(speaking))}")
    if silent:
        reasons.append(f"named as sources but silent: {', '.join(silent)}")
    if extra:
        reasons.append(f"speak to it but not named as sources: {', '.join(extra)}")
    groups = sorted({g for c in contexts for g in p.elements[c].groups})
    if groups:
        reasons.append(f"contexts evidenced by: {', '.join(groups)}")
    if not speaking or (all_contexts and not contexts):
        level = 3
    elif (claimed and len(silent) * 2 >= len(claimed)) or (all_contexts and len(contexts) * 2 < len(all_contexts)):
        level = 2
    elif silent or extra or len(contexts) < len(all_contexts):
        level = 1
    else:
        level = 0
    return Component("relevance", _level(level), reasons)


def audit(project: Project, g: nx.MultiDiGraph | None = None, *, coded: Any = None) -> Audit:
    """Audit every theory of the project (of ``g`` when given; else of ``coded``, by default what the
    project has stored, read as compact records beside a graph without excerpt nodes).

    >>> report = audit(load_project("."))            # doctest: +SKIP
    >>> [(t.id, t.rating, t.suggestion.rating) for t in report.theories][:1]   # doctest: +SKIP
    [('building-self-belief', 'plausible', 'plausible')]
    """
    from realist.graph.build import build
    from realist.graph.coded import Coded, load_coded
    from realist.graph.passages import collection_paused, fast_profiles, passages
    from realist.graph.rameses import rameses

    rules = rules_for(project.manifest.strength_scale, project.manifest.strength_rules, project.manifest_path)
    excerpts: Excerpts | None = None
    with collection_paused():
        if g is None:  # excerpts as compact records beside a graph without them: much quicker at scale
            coded = coded if coded is not None else load_coded(project)
            records = passages(project, coded)
            excerpts = Excerpts(records, coded.memos)
            g = build(project, Coded(coded.transcripts, coded.participants, [], coded.memos))
            excerpts.resolve(g)
            found = fast_profiles(project, records=records)
        else:
            found = profiles(g)
        latest = latest_phase(project, g)
        theories = [audit_theory(project, g, tid, found[tid], rules, latest, excerpts)
                    for tid in sorted(project.theories)]
    flags = [f for t in theories for f in t.flags]
    count = len(excerpts.by_node) if excerpts is not None else None
    return Audit(theories, flags, rameses(project, g, theories, excerpt_count=count), latest)


class Excerpts:
    """The excerpts of an audit read from :class:`Passage` records, for a graph built without them."""

    def __init__(self, records: list[Any], memos: list[Any]) -> None:
        self.by_node = {x.node: x for x in records}
        self.memos = memos
        self.about: set[str] = set()
        self.g: Any = None

    def resolve(self, g: nx.MultiDiGraph) -> None:
        """Find the excerpts memos are about, as the graph would (see ``build._memo_target``)."""
        self.g = g
        for m in self.memos:
            targets = getattr(m, "on", None) or getattr(m, "about", None) or []
            for target in [targets] if isinstance(targets, str) else targets:
                for candidate in (str(target), node_id("excerpt", str(target)), node_id("transcript", str(target)),
                                  node_id("participant", str(target))):
                    if candidate in g:
                        break
                    if candidate in self.by_node:
                        self.about.add(candidate)
                        break

    def node(self, xid: str) -> Any:
        return self.by_node[xid]

    def answered(self, xid: str, theory: str) -> bool:
        x = self.by_node[xid]
        g = self.g
        targets = {c for c in x.codes if c in g and g.nodes[c]["type"] in ("theory", *ELEMENT_TYPES)}
        return _answered(g, x, xid in self.about, targets, theory)


__all__ = ["Audit", "Flag", "TheoryAudit", "audit", "is_configurational"]
