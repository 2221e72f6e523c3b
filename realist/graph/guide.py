"""An interview guide for the next phase, from the audit's gaps (teacher-learner interviews).

In a realist teacher-learner interview the researcher puts the theory to the participant and
asks them to confirm, refute or refine it. The guide picks the theories whose audit shows gaps,
states each as "If ... then ... because ...", and asks about its weak elements, worded for each
participant group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realist.errors import UsageError
from realist.graph.audit import ENDED, LEVELS, Audit, TheoryAudit
from realist.model import PARTICIPANT_GROUPS, Element, Project, Theory
from realist.text import did_you_mean, one_of

#: how to address each participant group: an opener, how to ask for cases, who it happens to
VOICE = {
    "staff": ("In your work with people on the programme", "Have you seen cases where", "people"),
    "recipient": ("In your own experience", "Has there been a time when", "you"),
    "peer-mentor": ("From your time as a mentor", "Have you seen cases where", "people"),
    "other": ("From what you have seen", "Have you seen cases where", "people"),
}
GROUP_TITLES = {"staff": "Staff", "recipient": "People receiving the programme", "peer-mentor": "Peer mentors",
                "other": "Others"}
#: weak elements asked about first: mechanisms, then requirements, outcomes, the rest
_PRIORITY = {"mechanism": 0, "context": 1, "outcome": 2, "intervention": 3}
GAP_FLAGS = ("element-without-evidence", "unanswered-refuting", "unanswered-refining", "fragments-only",
             "source-without-evidence", "not-revisited", "rating-differs", "not-rated")


@dataclass
class Question:
    purpose: str  # confirm | refute | refine
    text: str
    element: str | None = None


@dataclass
class GroupQuestions:
    group: str
    title: str
    questions: list[Question] = field(default_factory=list)


@dataclass
class TheorySection:
    id: str
    title: str
    statement: str
    gaps: list[str]
    groups: list[GroupQuestions]
    researcher_notes: list[str] = field(default_factory=list)


@dataclass
class Guide:
    title: str
    phase: str
    intro: list[str]
    sections: list[TheorySection]


def _lower(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _gaps(t: TheoryAudit) -> list[str]:
    gaps: list[str] = []
    if t.profile.without_evidence:
        gaps.append(f"{len(t.profile.without_evidence)} of {len(t.profile.elements)} elements have no evidence")
    for code, words in (("unanswered-refuting", "refuting"), ("unanswered-refining", "refining")):
        n = sum(1 for f in t.flags if f.code == code)
        if n:
            gaps.append(f"{n} {words} excerpt{'s' * (n != 1)} not yet answered")
    if any(f.code == "fragments-only" for f in t.flags):
        gaps.append("no excerpt yet holds a context, a mechanism and an outcome together")
    for name, comp in t.components.items():
        if LEVELS.index(comp.level) >= 2 and name in ("methodological limitations", "relevance"):
            gaps.append(f"{name}: {'; '.join(comp.reasons)}")
    if t.rating and t.rating != t.suggestion.rating:
        gaps.append(f"rated {t.rating}, the evidence so far suggests {t.suggestion.rating}")
    return gaps


def _weak_elements(theory: Theory, t: TheoryAudit) -> list[Element]:
    """Elements with no evidence, evidence from at most one participant, or only challenges."""
    weak = []
    for element in theory.elements:
        p = t.profile.elements.get(f"{theory.id}:{element.id}")
        if p is None:
            continue
        support = len(p.excerpts.get("supports", [])) + sum(1 for q in p.quantitative if q["significant"])
        if not p.has_evidence or len(p.participants) <= 1 or support == 0:
            weak.append(element)
    return sorted(weak, key=lambda e: (_PRIORITY[e.kind], e.role == "barrier", e.id))


def questions_for(element: Element, theory: Theory, group: str) -> list[Question]:
    """Confirm, refute and refine questions about one element, in the group's voice."""
    opener, cases, who = VOICE.get(group, VOICE["other"])
    text = _lower(element.text)
    code = element.id
    if element.kind == "context":
        if element.role == "barrier":
            return [Question("confirm", f"{opener}, does this get in the way: {text}? How?", code),
                    Question("refute", f"{cases} things worked out all the same despite this? "
                             "What made the difference?", code),
                    Question("refine", "What, if anything, softens its effect?", code)]
        return [Question("confirm", f"{opener}, what difference does this make: {text}?", code),
                Question("refute", f"{cases} it worked without this, or failed even with it?", code),
                Question("refine", "What else needs to be in place for it to work?", code)]
    if element.kind == "mechanism":
        return [Question("confirm", f"{opener}, when it works, is it because of this: {text}? "
                         f"What goes through {'your' if who == 'you' else 'people' + chr(39) + 's'} mind"
                         f"{'' if who == 'you' else 's'}?", code),
                Question("refute", f"{cases} the same help was given but {who} did not respond that way? "
                         "What happened?", code),
                Question("refine", f"Is there another reason {who} respond the way {who} do?", code)]
    if element.kind == "outcome":
        return [Question("confirm", f"{opener}, does this follow: {text}? How long does it take?", code),
                Question("refute", f"{cases} it did not follow, even with the support in place?", code),
                Question("refine", "For whom does it happen, and for whom not?", code)]
    return [Question("confirm", f"{opener}, what does this look like in practice: {text}?", code),
            Question("refute", f"{cases} it made no difference, or the opposite?", code),
            Question("refine", "How could it be done better, or differently?", code)]


def statement_sentence(theory: Theory) -> str:
    """``If x, then y, because z.`` with each part starting in lower case (acronyms kept)."""
    s = theory.statement
    parts = [f"If {_lower(s.if_)}", f"then {_lower(s.then)}"] + ([f"because {_lower(s.because)}"] if s.because else [])
    return ", ".join(parts) + "."


def build_guide(project: Project, audit: Audit, phase: str, groups: list[str] | None = None,
                max_elements: int = 5) -> Guide:
    """The guide for ``phase``: the theories with gaps, their statements and the questions.

    >>> guide = build_guide(project, audit(project), "third", ["staff"])     # doctest: +SKIP
    >>> guide.sections[0].groups[0].questions[0].purpose                      # doctest: +SKIP
    'confirm'
    """
    if phase not in project.manifest.phases:
        raise UsageError(f"phase '{phase}' is not in realist.yaml ({one_of(project.manifest.phases)})"
                         f"{did_you_mean(phase, project.manifest.phases)}")
    known = list(PARTICIPANT_GROUPS)
    for g in groups or []:
        if g not in known:
            raise UsageError(f"group '{g}' is not one of {one_of(known)}{did_you_mean(g, known)}")
    sections = []
    for t in audit.theories:
        theory = project.theories[t.id]
        if theory.latest_status in ENDED:
            continue
        gaps = _gaps(t)
        if not gaps and not any(f.code in GAP_FLAGS for f in t.flags):
            continue
        weak = _weak_elements(theory, t)
        chosen = weak[:max_elements]
        heard = t.profile.groups
        wanted = groups or [g for g in ("staff", "recipient") if g in known]
        # the groups not yet heard on this theory come first
        ordered = sorted(wanted, key=lambda g: (g in heard, wanted.index(g)))
        blocks = []
        for group in ordered:
            opener = VOICE.get(group, VOICE["other"])[0]
            qs = [Question("confirm", f"Here is what we think happens (read out the statement above). {opener}, "
                           "does it match what you know? Tell me about a time it did, or did not.")]
            for element in chosen:
                qs += questions_for(element, theory, group)
            title = GROUP_TITLES.get(group, group) + ("" if group in heard or not t.profile.count
                                                      else " (not yet heard on this theory)")
            blocks.append(GroupQuestions(group, title, qs))
        notes = []
        if len(weak) > len(chosen):
            notes.append(f"also weak: {', '.join(e.id for e in weak[len(chosen):])}")
        challenged = [f.target.split(":", 1)[1] for f in t.flags if f.code.startswith("unanswered") and f.target]
        if challenged:
            notes.append(f"put the challenge in these excerpts to participants (do not quote them): "
                         f"{', '.join(challenged)}")
        sections.append(TheorySection(theory.id, theory.title, statement_sentence(theory), gaps, blocks, notes))
    intro = [
        "A teacher-learner interview: put each theory to the participant in plain words, then ask them "
        "to confirm, refute or refine it from their own experience.",
        "Theories come from the strength-of-evidence audit: only those with gaps are here, and for each "
        "only its weakest elements (mechanisms first). Element ids in brackets are for the researcher.",
        "Do not read out quotations from other participants.",
    ]
    who = f", {', '.join(GROUP_TITLES.get(g, g).lower() for g in groups)}" if groups else ""
    return Guide(f"Interview guide: {phase} phase{who}", phase, intro, sections)


def guide_markdown(guide: Guide) -> str:
    """The guide as Markdown."""
    lines = [f"# {guide.title}", ""] + [f"{p}\n" for p in guide.intro]
    if not guide.sections:
        lines.append("No theory shows a gap: nothing to ask about.\n")
    for s in guide.sections:
        lines += [f"## {s.title}", "", f"> {s.statement}", "", "Why it is here: " + "; ".join(s.gaps) + ".", ""]
        for g in s.groups:
            lines += [f"### {g.title}", ""]
            for i, q in enumerate(g.questions, 1):
                tag = f" [{q.element}, {q.purpose}]" if q.element else f" [{q.purpose}]"
                lines.append(f"{i}. {q.text}{tag}")
            lines.append("")
        for note in s.researcher_notes:
            lines.append(f"*Researcher's note: {note}.*")
        if s.researcher_notes:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_guide_docx(guide: Guide, path: Path) -> None:
    """The guide as a Word document (python-docx), written atomically."""
    import io

    from docx import Document
    from docx.shared import Pt

    from realist.store.atomic import atomic_write_bytes

    doc: Any = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(guide.title, level=0)
    for p in guide.intro:
        doc.add_paragraph(p)
    if not guide.sections:
        doc.add_paragraph("No theory shows a gap: nothing to ask about.")
    for s in guide.sections:
        doc.add_heading(s.title, level=1)
        doc.add_paragraph(s.statement, style="Intense Quote")
        doc.add_paragraph("Why it is here: " + "; ".join(s.gaps) + ".")
        for g in s.groups:
            doc.add_heading(g.title, level=2)
            for i, q in enumerate(g.questions, 1):
                para = doc.add_paragraph()
                para.paragraph_format.left_indent = Pt(18)
                para.paragraph_format.first_line_indent = Pt(-18)
                para.add_run(f"{i}.\t{q.text}")
                tag = para.add_run(f"  [{q.element}, {q.purpose}]" if q.element else f"  [{q.purpose}]")
                tag.italic = True
                tag.font.size = Pt(9)
        for note in s.researcher_notes:
            run = doc.add_paragraph().add_run(f"Researcher's note: {note}.")
            run.italic = True
    buf = io.BytesIO()
    doc.save(buf)
    atomic_write_bytes(path, buf.getvalue())
