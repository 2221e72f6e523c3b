"""Evidence profiles: what speaks to a theory or an element, from which strands, people and places."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from realist.model import STANCES

if TYPE_CHECKING:
    import networkx as nx

#: the element kinds a configuration must hold together (those the theory has)
CMO = ("context", "mechanism", "outcome")


@dataclass
class Profile:
    """The evidence behind one theory or one element.

    ``excerpts`` maps a stance to excerpt node ids; ``by_strand`` maps a strand (``None`` when
    unknown) to counts per stance; ``quantitative`` lists the evidence nodes that bear on it.
    """

    target: str
    label: str
    excerpts: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in STANCES})
    by_strand: dict[str | None, dict[str, int]] = field(default_factory=dict)
    participants: set[str] = field(default_factory=set)
    sites: set[str] = field(default_factory=set)
    stages: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    configurational: list[str] = field(default_factory=list)
    quantitative: list[dict[str, Any]] = field(default_factory=list)
    elements: dict[str, Profile] = field(default_factory=dict)
    _seen: set[str] = field(default_factory=set, repr=False, compare=False)  # every excerpt in ``excerpts``

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.excerpts.values())

    @property
    def supporting(self) -> list[str]:
        return self.excerpts["supports"]

    @property
    def has_evidence(self) -> bool:
        return self.count > 0 or bool(self.quantitative)

    @property
    def without_evidence(self) -> list[str]:
        """Element codes with neither an excerpt nor a quantitative result."""
        return [code for code, p in self.elements.items() if not p.has_evidence]

    def strands(self, stance: str | None = None) -> list[str]:
        """Strands with excerpts (of ``stance``) or with significant quantitative results that agree."""
        found = {s for s, counts in self.by_strand.items() if s and (counts.get(stance, 0) if stance else
                                                                     sum(counts.values()))}
        for q in self.quantitative:
            if q["strand"] and q["significant"] is not False and (stance is None or q["stance"] == stance):
                found.add(q["strand"])
        return sorted(found)

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "target": self.target, "label": self.label,
            "excerpts": {s: len(v) for s, v in self.excerpts.items()},
            "by_strand": {str(k or "unknown"): v for k, v in sorted(self.by_strand.items(), key=lambda kv: str(kv[0]))},
            "participants": len(self.participants), "sites": sorted(self.sites), "stages": sorted(self.stages),
            "groups": sorted(self.groups), "quantitative": self.quantitative,
        }
        if self.elements:
            d["configurational"] = len(self.configurational)
            d["elements"] = {code: {"excerpts": p.excerpts and {s: len(v) for s, v in p.excerpts.items()},
                                    "participants": len(p.participants),
                                    "quantitative": [q["id"] for q in p.quantitative]}
                             for code, p in self.elements.items()}
            d["without_evidence"] = self.without_evidence
        return d


def _add_excerpt(profile: Profile, g: nx.MultiDiGraph, xid: str) -> None:
    x = g.nodes[xid]
    if x.get("duplicate_of"):
        return  # the same passage as another coder's excerpt: counted once, there
    stance = x.get("stance") or "supports"
    bucket = profile.excerpts.setdefault(stance, [])
    if xid in profile._seen and xid in bucket:  # the set keeps this test quick on thousands of excerpts
        return
    profile._seen.add(xid)
    bucket.append(xid)
    counts = profile.by_strand.setdefault(x.get("strand"), {})
    counts[stance] = counts.get(stance, 0) + 1
    # a researcher's field notes count as evidence, but not as a participant or group heard
    keys = ("site", "stage") if x.get("research_team") else ("participant", "site", "stage", "group")
    into_of = {"participant": profile.participants, "site": profile.sites, "stage": profile.stages,
               "group": profile.groups}
    for key, into in ((k, into_of[k]) for k in keys):
        if x.get(key):
            into.add(str(x[key]))


def _add_quant(profile: Profile, g: nx.MultiDiGraph, evid: str, edge: dict[str, Any], target: str) -> None:
    ev = g.nodes[evid]
    profile.quantitative.append({"id": evid.split(":", 1)[1], "title": ev.get("label"), "strand": ev.get("strand"),
                                 "stance": edge.get("stance", "supports"), "target": target,
                                 "significant": ev.get("significant"), "significance": ev.get("significance")})


def _incoming(g: nx.MultiDiGraph, node: str) -> list[tuple[str, dict[str, Any]]]:
    return [(u, d) for u, _, d in g.in_edges(node, data=True)]


def _needed(g: nx.MultiDiGraph, theory: str) -> list[str]:
    """The element kinds (of context, mechanism, outcome) that the theory has."""
    kinds = {g.nodes[e]["type"] for _, e, d in g.out_edges(theory, data=True) if d["type"] == "has-element"}
    return [k for k in CMO if k in kinds]


def is_configurational(g: nx.MultiDiGraph, xid: str, theory: str, needed: list[str] | None = None) -> bool:
    """An excerpt holds the configuration when it is coded to the whole theory, or to at least one
    context, one mechanism and one outcome of it (of those kinds the theory has)."""
    if needed is None:
        needed = _needed(g, theory)
    coded: set[str] = set()
    for _, target, d in g.out_edges(xid, data=True):
        if d["type"] != "coded-as":
            continue
        if target == theory:
            return True
        node = g.nodes[target]
        if node.get("theory") == theory:
            coded.add(node["type"])
    return bool(needed) and all(k in coded for k in needed)


def theory_profile(g: nx.MultiDiGraph, theory: str) -> Profile:
    """The evidence profile of a theory, with one profile per element inside it.

    >>> theory_profile(build(project), "alpha").supporting     # doctest: +SKIP
    ['excerpt:x1', 'excerpt:x2']
    """
    node = g.nodes[theory]
    profile = Profile(theory, node.get("label", theory))
    elements = [e for _, e, d in g.out_edges(theory, data=True) if d["type"] == "has-element"]
    for code in elements:
        ep = Profile(code, g.nodes[code].get("label", code))
        for u, d in _incoming(g, code):
            if d["type"] == "coded-as":
                _add_excerpt(ep, g, u)
                _add_excerpt(profile, g, u)
            elif d["type"] == "bears-on":
                _add_quant(ep, g, u, d, code)
                _add_quant(profile, g, u, d, code)
        profile.elements[code] = ep
    for u, d in _incoming(g, theory):
        if d["type"] == "coded-as":
            _add_excerpt(profile, g, u)
        elif d["type"] == "bears-on":
            _add_quant(profile, g, u, d, theory)
    every = [x for xs in profile.excerpts.values() for x in xs]
    needed = _needed(g, theory)
    profile.configurational = sorted(x for x in every if is_configurational(g, x, theory, needed))
    return profile


def profiles(g: nx.MultiDiGraph) -> dict[str, Profile]:
    """A profile for every theory in the graph (missing link targets left out)."""
    return {n: theory_profile(g, n) for n, d in g.nodes(data=True)
            if d["type"] == "theory" and not d.get("missing")}
