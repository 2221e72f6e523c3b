"""RAMESES II: which reporting items for realist evaluations the project can show.

The twenty items are those of Wong et al. (2016), RAMESES II reporting standards for realist
evaluations, BMC Medicine 14:96. Items about the written report alone (abstract, ethics, funding...)
are listed as ``report``: the project cannot show them, the report must.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from realist.model import Project
from realist.text import plural

if TYPE_CHECKING:
    import networkx as nx

STATUSES = ("shown", "partial", "missing", "report")

ITEMS: list[tuple[int, str]] = [
    (1, "Title identifies a realist evaluation"),
    (2, "Summary or abstract"),
    (3, "Rationale for evaluation"),
    (4, "Initial programme theory stated"),
    (5, "Evaluation questions, objectives and focus"),
    (6, "Ethical approval"),
    (7, "Rationale for using realist evaluation"),
    (8, "Environment surrounding the evaluation"),
    (9, "The programme evaluated"),
    (10, "Evaluation design"),
    (11, "Data collection methods and sources per theory"),
    (12, "Recruitment process and sampling strategy"),
    (13, "Data analysis, refinement recorded"),
    (14, "Details of participants"),
    (15, "Main findings, strength of evidence justified"),
    (16, "Summary of findings"),
    (17, "Strengths, limitations and future research directions"),
    (18, "Comparison with existing literature"),
    (19, "Conclusion and recommendations"),
    (20, "Funding and conflict of interest"),
]
REPORT_ONLY = {2, 3, 5, 6, 7, 16, 18, 19, 20}


@dataclass
class Item:
    number: int
    title: str
    status: str  # shown | partial | missing | report
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"item": self.number, "title": self.title, "status": self.status, "detail": self.detail}


def _nodes(g: nx.MultiDiGraph, kind: str) -> list[dict[str, Any]]:
    return [d for _, d in g.nodes(data=True) if d["type"] == kind]


def rameses(project: Project, g: nx.MultiDiGraph, theory_audits: list[Any] | None = None,
            excerpt_count: int | None = None) -> list[Item]:
    """Every RAMESES II item with what the project shows for it.

    >>> [i.status for i in rameses(project, build(project))][:4]     # doctest: +SKIP
    ['partial', 'report', 'report', 'shown']
    """
    theories = list(project.theories.values())
    phases = project.manifest.phases
    first = phases[0] if phases else None
    transcripts, people, excerpts = (_nodes(g, k) for k in ("transcript", "participant", "excerpt"))
    participants = [d for d in people if not d.get("research_team")]
    n_excerpts = len(excerpts) if excerpt_count is None else excerpt_count  # a graph may be built without them
    found: dict[int, tuple[str, str]] = {}

    title = project.manifest.title
    found[1] = ("shown", f"'{title}'") if "realist" in title.lower() else \
        ("partial", f"the title '{title}' does not say it is a realist evaluation")

    initial = [t for t in theories if t.history and t.history[0].phase == first]
    if theories and len(initial) == len(theories):
        found[4] = ("shown", f"{plural(len(theories), 'theory', 'theories')} proposed in {first}"
                    + (", with a theory of change" if project.toc else ""))
    elif initial or project.toc:
        found[4] = ("partial", f"{len(initial)} of {len(theories)} theories recorded in the first phase ({first})"
                    + ("; theory of change present" if project.toc else ""))
    else:
        found[4] = ("missing", "no theory records the first phase; add history: [{phase: ..., status: proposed}]")

    sites = sorted({str(d["site"]) for d in transcripts + participants if d.get("site")})
    found[8] = ("partial", f"sites recorded: {', '.join(sites)}; describe the setting in the report") if sites else \
        ("missing", "no sites recorded on transcripts or participants")

    if project.manifest.programme and project.toc:
        found[9] = ("shown", f"{project.manifest.programme}, with a theory of change")
    elif project.manifest.programme or project.toc:
        found[9] = ("partial", "programme named" if project.manifest.programme else "theory of change only")
    else:
        found[9] = ("missing", "name the programme (programme: in realist.yaml) and add a theory of change")

    strands = project.manifest.strands
    if len(phases) > 1 and strands:
        found[10] = ("shown", f"{plural(len(phases), 'phase')} and {plural(len(strands), 'evidence strand')}")
    else:
        found[10] = ("partial" if phases or strands else "missing",
                     "list the phases and evidence strands in realist.yaml")

    with_sources = [t for t in theories if t.strength.sources]
    used = {str(d["strand"]) for d in transcripts if d.get("strand")} | \
        {str(d["strand"]) for d in _nodes(g, "evidence") if d.get("strand")}
    detail = f"{len(with_sources)} of {len(theories)} theories name their sources; " \
             f"{len(used)} of {len(strands)} strands hold data"
    named = {src for t in theories for src in t.strength.sources}
    found[11] = ("shown" if theories and len(with_sources) == len(theories) and named <= used else
                 "partial" if with_sources or used else "missing", detail)

    groups = sorted({str(d["group"]) for d in participants if d.get("group")})
    found[12] = ("partial", f"{plural(len(participants), 'participant')} in groups {', '.join(groups) or 'not recorded'}; "
                 "describe recruitment in the report") if participants else \
        ("missing", "no participants recorded")

    revisions = [e for t in theories for e in t.history if e.status in ("revised", "merged", "split", "refuted")]
    explained = [e for e in revisions if e.note or e.previous]
    if n_excerpts and explained:
        found[13] = ("shown", f"{plural(n_excerpts, 'coded excerpt')}; {len(explained)} of "
                     f"{plural(len(revisions), 'refinement')} recorded with a note or the previous statement")
    elif n_excerpts or explained:
        found[13] = ("partial", f"{plural(n_excerpts, 'coded excerpt')}; "
                     f"{plural(len(explained), 'refinement')} recorded")
    else:
        found[13] = ("missing", "no coded excerpts and no recorded refinement")

    described = [d for d in participants if d.get("role") and d.get("group")]
    found[14] = ("shown" if participants and len(described) == len(participants) else
                 "partial" if participants else "missing",
                 f"{len(described)} of {plural(len(participants), 'participant')} with role and group")

    justified = [t for t in theories if t.strength.rating and t.strength.sources and t.strength.note]
    rated = [t for t in theories if t.strength.rating]
    found[15] = ("shown" if theories and len(justified) == len(theories) else "partial" if rated else "missing",
                 f"{len(justified)} of {len(theories)} theories rated with sources and a note")

    if theory_audits:
        limited = [t for t in theory_audits
                   if t.components["methodological limitations"].level != "no or very minor concerns"]
        found[17] = ("partial", f"the audit finds limitations for {len(limited)} of {len(theory_audits)} theories; "
                     "discuss them in the report")
    else:
        found[17] = ("report", "discuss strengths and limitations in the report")

    items = []
    for number, title_ in ITEMS:
        status, detail = found.get(number, ("report", "written in the report; the project cannot show it"))
        items.append(Item(number, title_, status, detail))
    return items
