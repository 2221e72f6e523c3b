"""Theory tables (one per group, Tables B.1-B.3), the theory of change (Table A.1), the phases matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from realist.export.settings import Settings

if TYPE_CHECKING:
    import pandas as pd

    from realist.model import Project, Theory


def ordered_theories(project: Project, settings: Settings) -> list[Theory]:
    """Theories in report order: ``report.theory_order`` first, then the rest by file name."""
    first = [project.theories[t] for t in settings.theory_order if t in project.theories]
    rest = [t for tid, t in sorted(project.theories.items()) if tid not in settings.theory_order]
    return first + rest


def theory_groups(project: Project, settings: Settings) -> list[tuple[str | None, str, list[Theory]]]:
    """``(group id, group title, theories)`` in the order of realist.yaml's ``groups:``."""
    theories = ordered_theories(project, settings)
    out: list[tuple[str | None, str, list[Theory]]] = []
    for gid, title in project.manifest.groups.items():
        members = [t for t in theories if t.group == gid]
        if members:
            out.append((gid, title, members))
    loose = [t for t in theories if t.group not in project.manifest.groups]
    if loose:
        out.append((None, settings.say("ungrouped"), loose))
    return out


def _label(text: str, first: bool) -> str:
    """Lower-case a strand label after the first ("and non-participant observations"), keep acronyms."""
    if first or len(text) < 2 or not text[1].islower():
        return text
    return text[0].lower() + text[1:]


def join_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b, and c``."""
    if len(items) <= 1:
        return "".join(items)
    # a comma before the last "and" when the items have their own ("X, and OASys and nDelius data")
    last = ", and " if len(items) > 2 or any(" and " in item for item in items) else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def sources_phrase(project: Project, sources: list[str], settings: Settings) -> str:
    """The strands behind a rating in words; every qualitative strand at once reads "All qualitative data"."""
    strands = project.manifest.strands
    qualitative = [s for s, strand in strands.items() if strand.kind == "qualitative"]
    parts: list[str] = []
    rest = list(sources)
    if len(qualitative) > 1 and all(q in sources for q in qualitative):
        parts.append(settings.say("all_qualitative"))
        rest = [s for s in sources if s not in qualitative]
    for source in rest:
        label = strands[source].label if source in strands else source
        parts.append(_label(label, not parts))
    return join_words(parts)


def strength_cell(project: Project, theory: Theory, settings: Settings) -> str:
    """``Convincing`` and, on the next line, ``Source: ...``."""
    rating = theory.strength.rating
    lines = [rating[:1].upper() + rating[1:] if rating else settings.say("not_rated")]
    if theory.strength.sources:
        lines.append(settings.say("source", sources=sources_phrase(project, theory.strength.sources, settings)))
    return "\n".join(lines)


def theory_frame(project: Project, theories: list[Theory], settings: Settings) -> pd.DataFrame:
    """Theory title | If.. | Then.. | Because.. | Strength and sources of evidence."""
    import pandas as pd

    say = settings.say
    columns = [say("theory_title"), say("if"), say("then"), say("because"), say("strength")]
    rows = [[t.title, t.statement.if_, t.statement.then, t.statement.because,
             strength_cell(project, t, settings)] for t in theories]
    return pd.DataFrame(rows, columns=columns)


def toc_frame(project: Project, settings: Settings) -> pd.DataFrame | None:
    """Stage | entries (a bulleted list), one row per stage of the logic model."""
    import pandas as pd

    toc = project.toc
    if toc is None:
        return None
    stages: list[tuple[str, list[Any]]] = [("inputs", toc.inputs), ("activities", toc.activities),
                                           ("outputs", toc.outputs)]
    stages += [(term, toc.outcomes.get(term, [])) for term in ("short", "medium", "long")]
    stages.append(("impact", toc.impact))
    rows = [[settings.say(key), [e.text for e in entries]] for key, entries in stages if entries]
    return pd.DataFrame(rows, columns=[settings.say("toc_stage"), settings.say("toc_entries")])


def phase_cell(theory: Theory, phase: str) -> str:
    """What happened to a theory in one phase, e.g. ``revised``, ``merged into x``."""
    parts = []
    for entry in theory.history:
        if entry.phase != phase:
            continue
        text = entry.status
        if entry.into:
            text += " into " + ", ".join(entry.into)
        if entry.from_:
            text += " from " + ", ".join(entry.from_)
        parts.append(text)
    return "; ".join(parts)


def phases_frame(project: Project, settings: Settings) -> pd.DataFrame | None:
    """Theory x phase matrix of statuses."""
    import pandas as pd

    phases = list(project.manifest.phases)
    for theory in project.theories.values():
        for entry in theory.history:
            if entry.phase not in phases:
                phases.append(entry.phase)
    if not phases or not project.theories:
        return None
    empty = settings.say("phases_not_seen")
    rows = [[t.title] + [phase_cell(t, p) or empty for p in phases] for t in ordered_theories(project, settings)]
    return pd.DataFrame(rows, columns=[settings.say("phases_theory")] + [p[:1].upper() + p[1:] for p in phases])
