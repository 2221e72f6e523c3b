"""`build(project)`: the theory graph, the one model that audit, diagrams and tables read from.

Node ids are what a researcher types: a theory is its id (``trusting-relationships``), an element
is its code (``trusting-relationships:C1``), everything else is ``KIND:ID`` (``excerpt:x12``,
``transcript:t3``, ``participant:P01``, ``strand:psm``, ``evidence:psm-rate``, ``phase:second``,
``memo:m4``). Every node has ``type`` and ``label``; every edge has ``type`` (also its key).
The attributes are listed in docs/graph.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realist.coding.strands import _attr, strand_of
from realist.graph.coded import Coded, load_coded
from realist.graph.significance import significance
from realist.model import Project

if TYPE_CHECKING:
    import networkx as nx

NODE_TYPES = ("theory", "context", "intervention", "mechanism", "outcome", "excerpt", "transcript",
              "participant", "strand", "evidence", "memo", "phase")
EDGE_TYPES = ("has-element", "coded-as", "from-transcript", "spoken-by", "in-strand", "links-to", "bears-on",
              "revised-in", "merged-into", "split-from", "about")
ELEMENT_TYPES = ("context", "intervention", "mechanism", "outcome")

#: transcript type -> words a strand id may contain


def node_id(kind: str, ident: str) -> str:
    """The graph id of a thing: ``node_id("excerpt", "x1") == "excerpt:x1"``; theories stay bare."""
    return ident if kind == "theory" else f"{kind}:{ident}"




#: roles of the research team: their words are field notes or questions, not a participant's account
RESEARCH_ROLES = ("researcher", "interviewer", "observer", "facilitator", "moderator", "evaluator")


def research_team(participant: Any) -> bool:
    """True for a member of the research team recorded as a participant (role Researcher, Observer...)."""
    role = str(_attr(participant, "role", "")).lower()
    return _attr(participant, "group") == "researcher" or any(r in role for r in RESEARCH_ROLES)


def build(project: Project, coded: Coded | None = None) -> nx.MultiDiGraph:
    """The project as a typed ``networkx.MultiDiGraph``.

    ``coded`` defaults to what the coding module has stored in the project.

    >>> g = build(load_project("."))                       # doctest: +SKIP
    >>> g.nodes["trusting-relationships:C1"]["type"]       # doctest: +SKIP
    'context'
    """
    import networkx as nx

    coded = coded if coded is not None else load_coded(project)
    g = nx.MultiDiGraph(title=project.manifest.title, phases=list(project.manifest.phases))

    def edge(a: str, b: str, kind: str, **attrs: Any) -> None:
        g.add_edge(a, b, key=kind if not g.has_edge(a, b, kind) else f"{kind}#{g.number_of_edges(a, b)}",
                   type=kind, **attrs)

    for i, phase in enumerate(project.manifest.phases):
        g.add_node(node_id("phase", phase), type="phase", label=phase, order=i)
    for sid, strand in project.manifest.strands.items():
        g.add_node(node_id("strand", sid), type="strand", label=strand.label, kind=strand.kind)

    for theory in project.theories.values():
        g.add_node(theory.id, type="theory", label=theory.title, group=theory.group,
                   rating=theory.strength.rating, sources=list(theory.strength.sources),
                   status=theory.latest_status, statement=theory.statement.sentence(),
                   first_phase=theory.history[0].phase if theory.history else None,
                   path=str(theory.path.relative_to(project.root)) if theory.path else None)
        for element in theory.elements:
            eid = f"{theory.id}:{element.id}"
            g.add_node(eid, type=element.kind, label=element.text, theory=theory.id, element=element.id,
                       role=element.role, mechanism_kind=element.mechanism_kind, term=element.term)
            edge(theory.id, eid, "has-element")
    for theory in project.theories.values():
        for link in theory.links:
            if link.to not in g:
                # a dangling link keeps its target visible, so the audit can name it
                g.add_node(link.to, type="theory", label=link.to, missing=True)
            via_node = f"{theory.id}:{link.via}" if link.via else None
            edge(theory.id, link.to, "links-to", label=link.label, via=link.via,
                 via_node=via_node if via_node in g else None)
        for order, entry in enumerate(theory.history):
            phase = node_id("phase", entry.phase)
            if phase not in g:
                g.add_node(phase, type="phase", label=entry.phase, order=len(project.manifest.phases))
            edge(theory.id, phase, "revised-in", status=entry.status, note=entry.note, order=order,
                 into=list(entry.into), from_=list(entry.from_),
                 previous=entry.previous.sentence() if entry.previous else None, date=entry.date)
            for other in entry.into:
                if other in project.theories:
                    edge(theory.id, other, "merged-into", phase=entry.phase)
            for other in entry.from_:
                if other in project.theories:
                    edge(theory.id, other, "split-from", phase=entry.phase)

    for ev in project.evidence.values():
        sig = significance(project, ev)
        g.add_node(node_id("evidence", ev.id), type="evidence", label=ev.title, strand=ev.strand,
                   design=ev.design, measure=ev.measure, significant=sig.significant, p_value=sig.p_value,
                   significance=sig.summary, path=str(ev.path.relative_to(project.root)) if ev.path else None)
        if ev.strand and node_id("strand", ev.strand) in g:
            edge(node_id("evidence", ev.id), node_id("strand", ev.strand), "in-strand")
        for b in ev.bears_on:
            target = b.target if b.target in g else b.theory
            if target in g:
                edge(node_id("evidence", ev.id), target, "bears-on", stance=b.stance, significant=sig.significant)

    _add_coded(project, g, coded, edge)
    return g


def _add_coded(project: Project, g: nx.MultiDiGraph, coded: Coded, edge: Any) -> None:
    participants = {str(p.id): p for p in coded.participants}
    transcripts = {str(t.id): t for t in coded.transcripts}
    for p in coded.participants:
        pid = node_id("participant", str(p.id))
        label = _attr(p, "label") or f"{_attr(p, 'role', '')} {_attr(p, 'number', '')}".strip() or str(p.id)
        g.add_node(pid, type="participant", label=label, role=_attr(p, "role"), group=_attr(p, "group"),
                   site=_attr(p, "site"), strand=_attr(p, "strand"), research_team=research_team(p))
    for t in coded.transcripts:
        tid = node_id("transcript", str(t.id))
        speakers = [str(x) for x in _attr(t, "participants", [])]
        voices = [pid for pid in speakers if pid in participants and not research_team(participants[pid])]
        only = participants.get(voices[0]) if len(voices) == 1 else None
        strand = strand_of(project, t, only)
        g.add_node(tid, type="transcript", label=_attr(t, "title") or str(t.id), stage=_attr(t, "stage"),
                   site=_attr(t, "site"), transcript_type=_attr(t, "type", "interview"), strand=strand)
        if strand and node_id("strand", strand) in g:
            edge(tid, node_id("strand", strand), "in-strand")
        for pid in speakers:
            if node_id("participant", pid) in g:
                edge(tid, node_id("participant", pid), "spoken-by")
    from realist.graph.passages import passages

    records = passages(project, coded)  # strand, site, group, stage and double coding: one rule with profiles
    for x, r in zip(coded.excerpts, records, strict=True):
        xid = r.node
        t = transcripts.get(str(_attr(x, "transcript", "")))
        pid = r.participant
        p = participants.get(str(pid)) if pid else None
        quote = str(_attr(x, "quote", ""))
        codes = [str(c) for c in _attr(x, "codes", [])]
        g.add_node(xid, type="excerpt", label=quote if len(quote) <= 80 else quote[:77] + "...",
                   quote=quote, transcript=_attr(x, "transcript"), participant=pid,
                   stance=_attr(x, "stance", "supports"), coder=_attr(x, "coder"), memo=_attr(x, "memo"),
                   start=_attr(x, "start"), end=_attr(x, "end"), stage=r.stage, created=_attr(x, "created"),
                   site=r.site, group=r.group, research_team=r.research_team, strand=r.strand,
                   free_codes=[c for c in codes if c.startswith("free:")], key_quote=bool(_attr(x, "key", False)))
        if t is not None:
            edge(xid, node_id("transcript", str(t.id)), "from-transcript")
        if p is not None:
            edge(xid, node_id("participant", str(pid)), "spoken-by")
        for code in codes:
            if code.startswith("free:"):
                continue
            target = code if code in g else None
            if target is not None and g.nodes[target]["type"] in ("theory", *ELEMENT_TYPES):
                edge(xid, target, "coded-as", stance=_attr(x, "stance", "supports"), coder=_attr(x, "coder"))
    for r in records:  # a passage coded by two coders is one piece of evidence (see passages.duplicates)
        if r.duplicate_of:
            g.nodes[r.node]["duplicate_of"] = r.duplicate_of
    for m in coded.memos:
        mid = node_id("memo", str(m.id))
        text = str(_attr(m, "text", ""))
        title = _attr(m, "title") or next((line.strip() for line in text.splitlines() if line.strip()), str(m.id))
        date = _attr(m, "date")
        g.add_node(mid, type="memo", label=title[:80], text=text, date=date, phase=_attr(m, "phase"),
                   author=_attr(m, "author"), on=_attr(m, "on"))
        targets = _attr(m, "on", None) or _attr(m, "about", None) or []
        for target in [targets] if isinstance(targets, str) else targets:
            node = _memo_target(g, str(target))
            if node is not None:
                edge(mid, node, "about")
                if g.nodes[mid]["phase"] is None:
                    g.nodes[mid]["phase"] = _memo_phase(project, g, node, str(date or ""))


def _memo_phase(project: Project, g: nx.MultiDiGraph, target: str, date: str) -> str | None:
    """The phase a memo belongs to: its excerpt's stage, else the first dated step of its theory
    recorded on or after the memo's day (memos lead to the next recorded step)."""
    d = g.nodes[target]
    if d["type"] == "excerpt":
        return d.get("stage")
    theory = project.theories.get(target if d["type"] == "theory" else str(d.get("theory")))
    if theory is None or not date:
        return None
    for entry in theory.history:
        if entry.date and entry.date[:10] >= date[:10]:
            return entry.phase
    return None


def _memo_target(g: nx.MultiDiGraph, target: str) -> str | None:
    """A memo's target as written (``theory``, ``theory:C1``, ``excerpt-id``) -> its node."""
    for candidate in (target, node_id("excerpt", target), node_id("transcript", target),
                      node_id("participant", target)):
        if candidate in g:
            return candidate
    return None
