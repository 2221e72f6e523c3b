"""What the figures say about evidence: counts per strand, and how a quantitative result reads.

Coded excerpts come from ``realist.coding`` (their strand decided as the theory graph
decides it); significance from ``realist.quant``, so a figure never disagrees with
the audit or the tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from realist.model.project import BearsOn, Evidence, Project, Theory


@dataclass(frozen=True)
class StrandCount:
    """One strand of evidence behind a theory: its label and, when known, how many excerpts or results."""

    strand: str
    label: str
    kind: str  # qualitative | quantitative
    count: int | None  # None: listed in the theory's sources; nothing coded in the project yet


def coded_strands(project: Project, theory_id: str) -> dict[str, int] | None:
    """Excerpts coded to the theory (or any of its elements), per strand; None when nothing is coded.

    >>> coded_strands(project, "trusting-relationships")  # doctest: +SKIP
    {'staff-interviews': 14, 'recipient-interviews': 6}
    """
    from realist.coding import load_excerpts, load_participants, load_transcripts
    from realist.coding.strands import strand_of

    excerpts = load_excerpts(project)
    if not excerpts:
        return None
    transcripts = load_transcripts(project)
    people = load_participants(project)
    counts: dict[str, int] = {}
    for excerpt in excerpts:
        if theory_id not in excerpt.theories:
            continue
        transcript = transcripts.get(excerpt.transcript)
        person = people.get(excerpt.participant) if excerpt.participant else None
        strand = strand_of(project, transcript, person) or "unknown"
        counts[strand] = counts.get(strand, 0) + 1
    return counts


def strand_counts(project: Project, theory: Theory) -> list[StrandCount]:
    """The strands of evidence behind ``theory``, in the manifest's order.

    Once anything in the project is coded, every qualitative strand the theory lists
    or has excerpts in shows its count (0 included: a listed source nobody coded);
    before that, the strands are those under ``strength.sources``, uncounted.
    Quantitative strands count the evidence files that bear on the theory.

    >>> [s.strand for s in strand_counts(project, project.theory("flexibility"))]  # doctest: +SKIP
    ['staff-interviews', 'recipient-interviews', 'observations', 'focus-groups']
    """
    strands = project.manifest.strands
    coded = coded_strands(project, theory.id)
    results: dict[str, int] = {}
    for ev in project.evidence.values():
        if ev.strand and any(b.theory == theory.id for b in ev.bears_on):
            results[ev.strand] = results.get(ev.strand, 0) + 1
    listed = set(theory.strength.sources) | set(coded or {}) | set(results)
    order = list(strands) + sorted(s for s in listed if s not in strands)
    rows = []
    for sid in order:
        if sid not in listed:
            continue
        known = strands.get(sid)
        kind = known.kind if known else "qualitative"
        if kind == "quantitative":
            n: int | None = results.get(sid, 0)
        else:
            n = None if coded is None else coded.get(sid, 0)
        label = known.label if known else ("strand not known" if sid == "unknown" else sid)
        rows.append(StrandCount(sid, label, kind, n))
    return rows


@dataclass(frozen=True)
class Reading:
    """How one quantitative result reads on a figure."""

    verdict: str  # supports | refutes | refines | inconclusive
    detail: str  # e.g. "p = 0.03" or "6 of 8 domains significant"


def reading(ev: Evidence, bears_on: BearsOn) -> Reading:
    """How the result bears on its target: a result that is not significant is inconclusive, never refuting.

    >>> from realist.model.project import BearsOn, Evidence
    >>> ev = Evidence("x", "X", "psm", "matched-comparison", {"p_value": 0.32})
    >>> reading(ev, BearsOn("t:O1", "refutes"))
    Reading(verdict='inconclusive', detail='p = 0.32')
    """
    from realist.quant.significance import SIGNIFICANT, effective_stance, significance

    sig = significance(ev)
    verdict = effective_stance(ev, bears_on)
    if sig.domains:
        n = sum(1 for state in sig.domains.values() if state == SIGNIFICANT)
        return Reading(verdict, f"{n} of {len(sig.domains)} domains significant")
    if sig.p_value is not None:
        return Reading(verdict, "p < 0.01" if sig.p_value < 0.005 else f"p = {sig.p_value:.2f}")
    return Reading(verdict, "not significant" if verdict == "inconclusive" else "")
