"""Coded passages as compact records, and evidence profiles computed from them in one pass.

The graph (:func:`realist.graph.build`) holds one node per excerpt with an attribute dict and its
edges; at national scale (90,000 excerpts) building it takes seconds. The audit and the evidence
matrix only need, per theory and element, counts by stance, strand, participant, site, stage and
group, and which excerpts hold the configuration: :func:`fast_profiles` works those out from the
records below without the graph, and gives the same :class:`Profile` objects as
:func:`realist.graph.profile.profiles` on the graph.

>>> found = fast_profiles(project)                 # doctest: +SKIP
>>> found["trusting-relationships"].by_strand       # doctest: +SKIP
{'staff-interviews': {'supports': 4}}
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from realist.coding.strands import _attr, strand_of
from realist.graph.coded import Coded, load_coded
from realist.graph.profile import CMO, Profile
from realist.model import Project


@dataclass(slots=True)
class Passage:
    """One coded excerpt as the graph's excerpt node sees it (``node`` is ``excerpt:ID``)."""

    node: str
    stance: str
    strand: str | None
    participant: Any
    group: Any
    site: Any
    stage: Any
    research_team: bool
    duplicate_of: str | None
    codes: list[str]
    memo: Any = None
    created: Any = None

    def get(self, name: str, default: Any = None) -> Any:
        """Read like the graph's excerpt node: ``x.get("strand")``."""
        return getattr(self, name, default)

    def __getitem__(self, name: str) -> Any:
        return getattr(self, name)


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector off for a block that makes a hundred thousand objects with no cycles
    among them (loading and counting a national project's excerpts: it would otherwise spend a
    quarter of the time scanning them)."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def transcript_strands(project: Project, coded: Coded, research_team: Any) -> dict[str, str | None]:
    """Each transcript's strand, as the graph's transcript node records it."""
    participants = {str(p.id): p for p in coded.participants}
    found: dict[str, str | None] = {}
    for t in coded.transcripts:
        speakers = [str(x) for x in _attr(t, "participants", [])]
        voices = [pid for pid in speakers if pid in participants and not research_team(participants[pid])]
        only = participants.get(voices[0]) if len(voices) == 1 else None
        found[str(t.id)] = strand_of(project, t, only)
    return found


def duplicates(coded: Coded) -> dict[str, str]:
    """Excerpt id -> the primary coder's excerpt id it double-codes (see ``_mark_double_coding``)."""
    found: dict[str, str] = {}
    by_transcript: dict[str, dict[str, list[Any]]] = {}
    for x in coded.excerpts:
        by_transcript.setdefault(str(_attr(x, "transcript", "")), {}).setdefault(str(_attr(x, "coder", "")), []).append(x)
    for coders in by_transcript.values():
        if len(coders) < 2:
            continue
        primary = min(coders, key=lambda c: (-len(coders[c]), c))
        firsts = [(_attr(y, "start", 0), _attr(y, "end", 0), _theories(y), y) for y in coders[primary]]
        for coder, excerpts in coders.items():
            if coder == primary:
                continue
            for x in excerpts:
                theories = _theories(x)
                x_start, x_end = _attr(x, "start", 0), _attr(x, "end", 0)
                for y_start, y_end, y_theories, y in firsts:
                    if x_start < y_end and y_start < x_end and theories & y_theories:
                        found[str(x.id)] = str(y.id)
                        break
    return found


def _theories(x: Any) -> set[str]:
    return {str(c).split(":", 1)[0] for c in _attr(x, "codes", []) if not str(c).startswith("free:")}


def passages(project: Project, coded: Coded) -> list[Passage]:
    """Every excerpt of ``coded`` as a :class:`Passage`, in the order the graph adds them."""
    from realist.graph.build import research_team

    participants = {str(p.id): p for p in coded.participants}
    transcripts = {str(t.id): t for t in coded.transcripts}
    team = {key: research_team(p) for key, p in participants.items()}
    by_transcript = transcript_strands(project, coded, research_team)
    dup = duplicates(coded)
    strands: dict[tuple[str | None, str | None], str | None] = {}
    out: list[Passage] = []
    for x in coded.excerpts:
        t = transcripts.get(str(_attr(x, "transcript", "")))
        pid = _attr(x, "participant")
        p = participants.get(str(pid)) if pid else None
        in_team = p is not None and team[str(pid)]
        where = (str(t.id) if t is not None else None, str(pid) if p is not None else None)
        if where not in strands:
            strands[where] = (strand_of(project, t, p) if (t is not None or p is not None) else None) \
                or (by_transcript.get(str(t.id)) if t is not None else None)
        site = _attr(p, "site") if p is not None and _attr(p, "site") else (_attr(t, "site") if t else None)
        d = dup.get(str(x.id))
        out.append(Passage(f"excerpt:{x.id}", _attr(x, "stance", "supports"), strands[where], pid,
                           _attr(p, "group") if p is not None and not in_team else None, site,
                           _attr(t, "stage") if t else None, in_team, f"excerpt:{d}" if d else None,
                           [str(c) for c in _attr(x, "codes", [])], _attr(x, "memo"), _attr(x, "created")))
    return out


def _fill(profile: Profile, xs: list[Passage], detail: bool = True) -> None:
    """Count the distinct passages ``xs`` (in order) into ``profile``, a column at a time
    (without ``detail``, only the excerpts and the counts per strand)."""
    from collections import Counter

    excerpts = profile.excerpts
    for x in xs:
        excerpts.setdefault(x.stance or "supports", []).append(x.node)
    profile._seen.update(x.node for x in xs)
    for (strand, stance), n in Counter((x.strand, x.stance or "supports") for x in xs).items():
        counts = profile.by_strand.setdefault(strand, {})
        counts[stance] = counts.get(stance, 0) + n
    if not detail:
        return
    # a researcher's field notes count as evidence, but not as a participant or group heard
    profile.participants.update(str(x.participant) for x in xs if x.participant and not x.research_team)
    profile.groups.update(str(x.group) for x in xs if x.group and not x.research_team)
    profile.sites.update(str(x.site) for x in xs if x.site)
    profile.stages.update(str(x.stage) for x in xs if x.stage)


def _quant(project: Project, targets: dict[str, Profile]) -> dict[str, list[dict[str, Any]]]:
    """Quantitative results per theory or element code, in the graph's order."""
    from realist.graph.significance import significance

    found: dict[str, list[dict[str, Any]]] = {}
    for ev in project.evidence.values():
        sig = significance(project, ev)
        for b in ev.bears_on:
            target = b.target if b.target in targets else b.theory
            if target in targets:
                found.setdefault(target, []).append(
                    {"id": ev.id, "title": ev.title, "strand": ev.strand, "stance": b.stance,
                     "target": target, "significant": sig.significant, "significance": sig.summary})
    return found


def fast_profiles(project: Project, coded: Coded | None = None, records: list[Passage] | None = None,
                  detail: bool = True) -> dict[str, Profile]:
    """A profile for every theory, as :func:`realist.graph.profile.profiles` gives on the graph
    (``records``: the passages of ``coded``, when already worked out). Without ``detail`` only each
    theory's excerpts, counts per strand and quantitative results are filled in (the evidence
    matrix needs no more), which is quicker."""
    if records is None:
        records = passages(project, coded if coded is not None else load_coded(project))
    theories: dict[str, Profile] = {}
    elements: dict[str, tuple[str, int, str, Profile]] = {}  # code -> theory, index, kind, profile
    for theory in project.theories.values():
        tp = Profile(theory.id, theory.title)
        theories[theory.id] = tp
        for i, element in enumerate(theory.elements):
            code = f"{theory.id}:{element.id}"
            ep = Profile(code, element.text)
            tp.elements[code] = ep
            elements[code] = (theory.id, i, element.kind, ep)
    needed = {tid: [k for k in CMO if any(elements[c][2] == k for c in p.elements)] for tid, p in theories.items()}
    # per theory: excerpts in the order theory_profile meets them (by the first element coded, then direct)
    buckets: dict[str, dict[int, list[Passage]]] = {tid: {} for tid in theories}
    configurational: dict[str, list[str]] = {tid: [] for tid in theories}
    per_element: dict[str, list[Passage]] = {code: [] for code in elements}
    for x in records:
        if x.duplicate_of:
            continue
        first: dict[str, int] = {}
        kinds: dict[str, set[str]] = {}
        direct: set[str] = set()
        for code in x.codes:
            if code in elements:
                tid, i, kind, _ = elements[code]
                found = per_element[code]
                if detail and (not found or found[-1] is not x):  # a code written twice counts once
                    found.append(x)
                first[tid] = min(first.get(tid, i), i)
                kinds.setdefault(tid, set()).add(kind)
            elif code in theories:
                direct.add(code)
        for tid in direct:
            first.setdefault(tid, len(theories[tid].elements))
        for tid, i in first.items():
            buckets[tid].setdefault(i, []).append(x)
            if detail and (tid in direct or needed[tid] and all(k in kinds.get(tid, ()) for k in needed[tid])):
                configurational[tid].append(x.node)
    quant = _quant(project, {**theories, **{c: e[3] for c, e in elements.items()}})
    for code, (_, _, _, ep) in elements.items():
        _fill(ep, per_element[code])
    for tid, tp in theories.items():
        _fill(tp, [x for i in sorted(buckets[tid]) for x in buckets[tid][i]], detail)
        for code, ep in tp.elements.items():
            ep.quantitative = list(quant.get(code, []))
            tp.quantitative.extend(quant.get(code, []))
        tp.quantitative.extend(quant.get(tid, []))
        tp.configurational = sorted(configurational[tid])
    return theories


__all__ = ["Passage", "collection_paused", "duplicates", "fast_profiles", "passages", "transcript_strands"]
