"""Plain-data views of the model, shared by the text output and ``--format json``."""

from __future__ import annotations

from typing import Any

from realist.model import Project, Theory

ROLE_LABELS = {"requirement": "Requirements", "supportive": "Supportive factors", "barrier": "External barriers",
               None: "Contexts"}
KIND_LABELS = {"resource": "resource", "reasoning": "reasoning"}
TERM_LABELS = {"short": "short term", "medium": "medium term", "long": "long term"}


def theory_row(theory: Theory) -> dict[str, Any]:
    """One line of `realist theories`."""
    counts = {k: len(theory.elements_of(k)) for k in ("context", "intervention", "mechanism", "outcome")}
    return {
        "id": theory.id, "title": theory.title, "group": theory.group, "rating": theory.strength.rating,
        "elements": "C{context} I{intervention} M{mechanism} O{outcome}".format(**counts),
        "status": theory.latest_status, "sources": theory.strength.sources,
    }


def links_in(project: Project, theory_id: str) -> list[dict[str, Any]]:
    return [{"from": t.id, "via": link.via, "label": link.label}
            for t in project.theories.values() for link in t.links if link.to == theory_id]


def evidence_for(project: Project, theory_id: str) -> list[dict[str, Any]]:
    out = []
    for ev in project.evidence.values():
        for b in ev.bears_on:
            if b.theory == theory_id:
                out.append({"id": ev.id, "title": ev.title, "strand": ev.strand, "design": ev.design,
                            "target": b.target, "stance": b.stance, "counts_as": _counts_as(ev, b),
                            "statement": evidence_statement(project, ev.id)})
    return out


def _counts_as(ev: Any, bears_on: Any) -> str:
    """The stance the result may count as: ``inconclusive`` when it is not statistically significant."""
    import importlib.util

    if importlib.util.find_spec("realist.quant.significance") is None:
        return str(bears_on.stance)
    from realist.quant.significance import effective_stance

    return effective_stance(ev, bears_on)


def evidence_statement(project: Project, evidence_id: str) -> str | None:
    """The plain-English statement when the quantitative module is installed."""
    import importlib.util

    if importlib.util.find_spec("realist.quant.say") is None:
        return None
    from realist.quant.say import say  # type: ignore[import-not-found]

    try:
        return str(say(project, evidence_id).summary)
    except Exception:  # a statement is a courtesy here; `evidence check` reports the problem
        return None


def theory_detail(project: Project, theory: Theory) -> dict[str, Any]:
    """Everything `realist theory show` prints."""
    def element(e: Any) -> dict[str, Any]:
        d = {"id": e.id, "text": e.text}
        for key in ("role", "term"):
            if getattr(e, key):
                d[key] = getattr(e, key)
        if e.mechanism_kind:
            d["kind"] = e.mechanism_kind
        return d

    return {
        "id": theory.id, "title": theory.title, "group": theory.group,
        "group_title": project.manifest.groups.get(theory.group or ""),
        "statement": {"if": theory.statement.if_, "then": theory.statement.then,
                      "because": theory.statement.because},
        "strength": {"rating": theory.strength.rating, "sources": theory.strength.sources,
                     "note": theory.strength.note},
        "contexts": [element(e) for e in theory.contexts],
        "interventions": [element(e) for e in theory.interventions],
        "mechanisms": [element(e) for e in theory.mechanisms],
        "outcomes": [element(e) for e in theory.outcomes],
        "links_out": [{"to": link.to, "via": link.via, "label": link.label} for link in theory.links],
        "links_in": links_in(project, theory.id),
        "history": [{"phase": h.phase, "status": h.status, "note": h.note, "into": h.into, "from": h.from_}
                    for h in theory.history],
        "evidence": evidence_for(project, theory.id),
        "path": str(theory.path.relative_to(project.root)) if theory.path else None,
        "extra_sections": extra_sections(project, theory),
    }


def extra_sections(project: Project, theory: Theory) -> list[dict[str, Any]]:
    """Sections other parts add to `realist theory show` (memos...), as {title, lines}."""
    from realist.store.memos import memo_section

    sections = []
    memos = memo_section(project, theory.id)
    if memos is not None:
        sections.append(memos)
    return sections
