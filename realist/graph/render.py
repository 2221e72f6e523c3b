"""The audit, the phase matrix and a lineage as plain text or Markdown (pure functions)."""

from __future__ import annotations

from typing import Any

from realist.graph.audit import FLAGS, Audit, TheoryAudit
from realist.graph.profile import Profile

_SHORT = {"no or very minor concerns": "no/very minor concerns"}
_STANCE = {"supports": "+", "refutes": "-", "refines": "~"}
_GROUPED = {"element-without-evidence": "{n} element{s} without evidence",
            "unanswered-refuting": "{n} refuting excerpt{s} not answered by a memo or a later revision",
            "unanswered-refining": "{n} refining excerpt{s} not answered by a memo or a later revision"}


def _strands(t: TheoryAudit) -> str:
    parts = []
    for strand, counts in sorted(t.profile.by_strand.items(), key=lambda kv: str(kv[0])):
        c = " ".join(f"{counts.get(s, 0)}{_STANCE[s]}" for s in ("supports", "refutes", "refines"))
        parts.append(f"{strand or 'unknown strand'} {c}")
    for q in t.profile.quantitative:
        sig = {True: "significant", False: "not significant", None: "significance unknown"}[q["significant"]]
        parts.append(f"{q['id']} ({q['stance']} {q['target'].split(':', 1)[-1] if ':' in q['target'] else 'theory'}, "
                     f"{sig})")
    return "; ".join(parts) or "none"


def _flag_lines(t: TheoryAudit) -> list[str]:
    """One line per flag; flags on many elements or excerpts grouped into one line each."""
    lines: list[str] = []
    grouped: dict[str, list[str]] = {}
    for f in t.flags:
        if f.code in _GROUPED and f.target:
            grouped.setdefault(f.code, []).append(f.target.split(":", 1)[1])
        else:
            lines.append(f"{f.code}: {f.message}")
    head = [f"{code}: {_GROUPED[code].format(n=len(ids), s='s' * (len(ids) != 1))}: {', '.join(ids)}"
            for code, ids in grouped.items()]
    return head + lines


def theory_text(t: TheoryAudit) -> str:
    rated = t.rating or "not rated"
    agree = "agrees" if t.rating == t.suggestion.rating else "differs"
    out = [f"{t.title} ({t.id})",
           f"  rated {rated}; suggested {t.suggestion.rating} ({agree}): {t.suggestion.why}"]
    for name, comp in t.components.items():
        out.append(f"  {name + ':':<29}{_SHORT.get(comp.level, comp.level)}; {'; '.join(comp.reasons)}")
    out.append(f"  {'evidence by strand:':<29}{_strands(t)}")
    for reason in t.suggestion.reasons[:-1]:
        out.append(f"  why not higher: {reason}")
    flags = _flag_lines(t)
    if flags:
        out.append(f"  flags ({len(t.flags)}):")
        out += [f"    ! {line}" for line in flags]
    return "\n".join(out)


_LEVEL_WORD = {"no or very minor concerns": "none", "minor concerns": "minor", "moderate concerns": "moderate",
               "serious concerns": "serious"}


def summary_text(audit: Audit) -> str:
    """One line per theory: ratings side by side, the level of concern per component, flags."""
    head = ["theory", "your rating", "suggested", "adequacy", "coherence", "limitations", "relevance", "flags"]
    rows = [head] + [[t.id, t.rating or "-", t.suggestion.rating,
                      *(_LEVEL_WORD.get(c.level, c.level) for c in t.components.values()), str(len(t.flags))]
                     for t in audit.theories]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def audit_text(audit: Audit) -> str:
    """The whole audit as plain text: a summary, theory by theory, the flags in sum, RAMESES II."""
    blocks = [summary_text(audit)] + [theory_text(t) for t in audit.theories]
    counts: dict[str, int] = {}
    for f in audit.flags:
        counts[f.code] = counts.get(f.code, 0) + 1
    summary = ["Flags"] + ([f"  {n:>4}  {code}: {FLAGS[code]}" for code, n in sorted(counts.items())]
                           or ["  none"])
    agree = sum(1 for t in audit.theories if t.rating == t.suggestion.rating)
    summary.append(f"  suggestion agrees with your rating for {agree} of {len(audit.theories)} theories")
    rameses = ["RAMESES II reporting items"]
    for item in audit.rameses:
        rameses.append(f"  {item.number:>2} {item.status:<8} {item.title}: {item.detail}")
    return "\n\n".join(blocks + ["\n".join(summary), "\n".join(rameses)]) + "\n"


def _md_escape(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def audit_markdown(audit: Audit) -> str:
    """The audit as Markdown: a summary table, one section per theory, the RAMESES II checklist."""
    lines = ["# Strength of evidence audit", "",
             "| theory | your rating | suggested | adequacy | coherence | limitations | relevance | flags |",
             "|---|---|---|---|---|---|---|---|"]
    for t in audit.theories:
        c = t.components
        lines.append("| " + " | ".join(_md_escape(x) for x in (
            t.title, t.rating or "—", t.suggestion.rating, c["adequacy"].level, c["coherence"].level,
            c["methodological limitations"].level, c["relevance"].level, len(t.flags))) + " |")
    for t in audit.theories:
        lines += ["", f"## {t.title}", "", f"Rated **{t.rating or 'not rated'}**; the rules suggest "
                  f"**{t.suggestion.rating}**: {t.suggestion.why}.", ""]
        for name, comp in t.components.items():
            lines.append(f"- *{name}*: {comp.level}; {'; '.join(comp.reasons)}")
        lines.append(f"- *evidence by strand*: {_strands(t)}")
        for reason in t.suggestion.reasons[:-1]:
            lines.append(f"- {reason}")
        flags = _flag_lines(t)
        if flags:
            lines += ["", "Flags:", ""] + [f"- {_md_escape(f)}" for f in flags]
    lines += ["", "## RAMESES II", "", "| item | status | what the project shows |", "|---|---|---|"]
    for item in audit.rameses:
        lines.append(f"| {item.number}. {_md_escape(item.title)} | {item.status} | {_md_escape(item.detail)} |")
    return "\n".join(lines) + "\n"


def matrix_text(matrix: dict[str, Any]) -> str:
    """The phase matrix as aligned plain text (a blank cell: not revisited in that phase)."""
    phases = matrix["phases"]
    rows = [["theory", *phases]] + [[r["id"], *(r["cells"][p] or "" for p in phases)] for r in matrix["rows"]]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows) + "\n"


def matrix_markdown(matrix: dict[str, Any]) -> str:
    """The phase matrix as a Markdown table, theory titles in the first column."""
    phases = matrix["phases"]
    lines = ["| theory | " + " | ".join(phases) + " |", "|---" * (len(phases) + 1) + "|"]
    for r in matrix["rows"]:
        lines.append("| " + " | ".join(_md_escape(x) for x in [r["title"], *(r["cells"][p] or "" for p in phases)])
                     + " |")
    return "\n".join(lines) + "\n"


def matrix_tsv(matrix: dict[str, Any]) -> str:
    phases = matrix["phases"]
    lines = ["\t".join(["id", *phases])]
    lines += ["\t".join([r["id"], *(r["cells"][p] or "" for p in phases)]) for r in matrix["rows"]]
    return "\n".join(lines) + "\n"


def lineage_text(data: dict[str, Any]) -> str:
    out = [f"{data['title']} ({data['id']})", f"  now: {data['statement']}"]
    if data["ancestors"]:
        out.append(f"  grew from: {', '.join(data['ancestors'])}")
    for s in data["steps"]:
        who = "" if s["theory"] == data["id"] else f"{s['theory']}: "
        extra = (" into " + ", ".join(s["into"])) if s["into"] else ""
        extra += (" from " + ", ".join(s["from"])) if s["from"] else ""
        out.append(f"  {s['phase']:<10} {who}{s['status']}{extra}" + (f"  {s['note']}" if s["note"] else ""))
        if s["previous"]:
            out.append(f"  {'':<10} before: {s['previous']}")
        if s["excerpts"]:
            counts = ", ".join(f"{n} {stance}" for stance, n in sorted(s["excerpts"].items()))
            out.append(f"  {'':<10} excerpts from this phase: {counts}")
        for m in s["memos"]:
            out.append(f"  {'':<10} memo {m['id']}: {m['title']}")
    for m in data["memos"]:
        when = f" ({m['phase']})" if m.get("phase") else ""
        out.append(f"  memo {m['id']}{when}: {m['title']}")
    for q in data["quantitative"]:
        out.append(f"  evidence {q['id']} ({q['stance']} {q['target']}): {q['title']}"
                   + (f" [{q['significance']}]" if q.get("significance") else ""))
    return "\n".join(out) + "\n"


def _counts(p: Profile) -> str:
    return " ".join(f"{len(p.excerpts.get(s, []))}{_STANCE[s]}" for s in ("supports", "refutes", "refines"))


def profile_text(p: Profile) -> str:
    """A theory's evidence profile: the whole, by strand, then element by element."""
    out = [f"{p.label} ({p.target})",
           f"  excerpts {_counts(p)} from {len(p.participants)} participants; sites: {', '.join(sorted(p.sites)) or '-'}; "
           f"stages: {', '.join(sorted(p.stages)) or '-'}; {len(p.configurational)} holding C, M and O together"]
    for strand, counts in sorted(p.by_strand.items(), key=lambda kv: str(kv[0])):
        c = " ".join(f"{counts.get(s, 0)}{_STANCE[s]}" for s in ("supports", "refutes", "refines"))
        out.append(f"  {strand or 'unknown strand'}: {c}")
    for q in p.quantitative:
        out.append(f"  {q['id']}: {q['stance']} {q['target']} ({q['significance'] or 'significance unknown'})")
    width = max((len(code.split(':', 1)[1]) for code in p.elements), default=2)
    for code, ep in p.elements.items():
        parts = [f"{_counts(ep)} from {len(ep.participants)}"] if ep.count else []
        parts += [f"{len(ep.quantitative)} quantitative"] if ep.quantitative else []
        evidence = ", ".join(parts) or "no evidence"
        out.append(f"  {code.split(':', 1)[1]:<{width}}  {evidence:<20}  {ep.label}")
    return "\n".join(out) + "\n"
