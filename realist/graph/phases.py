"""Phases of iteration: the theory x phase matrix (Figure B.1) and a theory's lineage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from realist.model import PhaseEntry, Project

if TYPE_CHECKING:
    import networkx as nx


def cell_text(entry: PhaseEntry) -> str:
    """How one history entry reads in the matrix: ``merged into x``, ``revised (remit changed, title kept)``."""
    text = entry.status
    if entry.into:
        text += " into " + ", ".join(entry.into)
    if entry.from_:
        text += " from " + ", ".join(entry.from_)
    if entry.status == "revised" and entry.previous is not None:
        text += " (remit changed, title kept)"
    return text


def phase_matrix(project: Project) -> dict[str, Any]:
    """Theories x phases: what happened to each theory in each phase (empty when not revisited).

    >>> phase_matrix(project)["rows"][0]["cells"]["initial"]      # doctest: +SKIP
    'proposed'
    """
    phases = list(project.manifest.phases)
    for t in project.theories.values():
        for e in t.history:
            if e.phase not in phases:
                phases.append(e.phase)
    rows = []
    groups = list(project.manifest.groups)
    order = {g: i for i, g in enumerate(groups)}
    for theory in sorted(project.theories.values(), key=lambda t: (order.get(t.group or "", len(order)), t.id)):
        cells: dict[str, str | None] = {p: None for p in phases}
        notes: dict[str, str] = {}
        for entry in theory.history:
            text = cell_text(entry)
            cells[entry.phase] = f"{cells[entry.phase]}; {text}" if cells[entry.phase] else text
            if entry.note:
                notes[entry.phase] = f"{notes[entry.phase]}; {entry.note}" if entry.phase in notes else entry.note
        rows.append({"id": theory.id, "title": theory.title, "group": theory.group, "cells": cells, "notes": notes})
    return {"phases": phases, "rows": rows}


@dataclass
class Step:
    """One step of a lineage: what happened to a theory (this one or an ancestor) in a phase."""

    theory: str
    phase: str
    status: str
    note: str | None = None
    into: list[str] = field(default_factory=list)
    from_: list[str] = field(default_factory=list)
    previous: str | None = None
    excerpts: dict[str, int] = field(default_factory=dict)
    memos: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"theory": self.theory, "phase": self.phase, "status": self.status, "note": self.note,
                "into": self.into, "from": self.from_, "previous": self.previous, "excerpts": self.excerpts,
                "memos": self.memos}


def ancestors(project: Project, theory_id: str) -> list[str]:
    """Theories that merged into this one or that it was split from, recursively, oldest first."""
    seen: list[str] = []

    def visit(tid: str) -> None:
        theory = project.theories.get(tid)
        if theory is None:
            return
        parents = [t.id for t in project.theories.values() for e in t.history
                   if e.status == "merged" and tid in e.into]
        parents += [p for e in theory.history for p in e.from_]
        for parent in parents:
            if parent not in seen and parent != theory_id:
                seen.append(parent)
                visit(parent)

    visit(theory_id)
    return list(reversed(seen))


def lineage(project: Project, g: nx.MultiDiGraph, theory_id: str) -> dict[str, Any]:
    """Every phase, revision, merge and split that led to the theory as it stands, with the
    excerpts (by stance, from transcripts of that phase) and memos behind each step.

    >>> [s["status"] for s in lineage(project, build(project), "control-to-deter")["steps"]]  # doctest: +SKIP
    ['proposed', 'revised', 'supported']
    """
    theory = project.theory(theory_id)
    order = {p: i for i, p in enumerate(project.manifest.phases)}
    steps: list[Step] = []
    for tid in [*ancestors(project, theory_id), theory_id]:
        for entry in project.theories[tid].history:
            steps.append(Step(tid, entry.phase, entry.status, entry.note, list(entry.into), list(entry.from_),
                              entry.previous.sentence() if entry.previous else None,
                              _excerpts_in(g, tid, entry.phase), _memos_in(g, tid, entry.phase)))
    steps.sort(key=lambda s: order.get(s.phase, len(order)))
    placed = {m["id"] for s in steps for m in s.memos}
    unphased = [m for m in _memos_in(g, theory_id, None, any_phase=True) if m["id"] not in placed]
    quant = [{"id": u.split(":", 1)[1], "title": g.nodes[u].get("label"), "stance": d.get("stance"),
              "target": v, "significance": g.nodes[u].get("significance")}
             for u, v, d in g.edges(data=True) if d["type"] == "bears-on" and (v == theory_id or
                                                                                v.startswith(theory_id + ":"))]
    return {"id": theory.id, "title": theory.title, "statement": theory.statement.sentence(),
            "ancestors": ancestors(project, theory_id), "steps": [s.as_dict() for s in steps],
            "memos": unphased, "quantitative": quant}


def _coded_to(g: nx.MultiDiGraph, theory_id: str) -> list[str]:
    targets = [theory_id] + [v for _, v, d in g.out_edges(theory_id, data=True) if d["type"] == "has-element"]
    found: list[str] = []
    for t in targets:
        for u, _, d in g.in_edges(t, data=True):
            if d["type"] == "coded-as" and u not in found:
                found.append(u)
    return found


def _excerpts_in(g: nx.MultiDiGraph, theory_id: str, phase: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    if theory_id not in g:
        return counts
    for x in _coded_to(g, theory_id):
        if g.nodes[x].get("stage") == phase and not g.nodes[x].get("duplicate_of"):
            stance = g.nodes[x].get("stance") or "supports"
            counts[stance] = counts.get(stance, 0) + 1
    return counts


def _memos_in(g: nx.MultiDiGraph, theory_id: str, phase: str | None, any_phase: bool = False) -> list[dict[str, Any]]:
    """Memos about the theory, its elements or its excerpts, written in ``phase`` (or in any)."""
    if theory_id not in g:
        return []
    about = {theory_id, *_coded_to(g, theory_id)}
    about |= {v for _, v, d in g.out_edges(theory_id, data=True) if d["type"] == "has-element"}
    out = []
    for m, d in g.nodes(data=True):
        if d["type"] != "memo" or (not any_phase and d.get("phase") != phase):
            continue
        if any(v in about for _, v, e in g.out_edges(m, data=True) if e["type"] == "about"):
            out.append({"id": m.split(":", 1)[1], "title": d.get("label"), "date": d.get("date"),
                        "phase": d.get("phase")})
    return out
