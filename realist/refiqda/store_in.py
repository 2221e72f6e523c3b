"""Writing a planned .qdpx import: files, theories, free codes, participants, transcripts,
codings and memos, each through the module that owns it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from realist.model import Project
from realist.refiqda import apply
from realist.refiqda.report import ImportReport
from realist.refiqda.sources_in import SourcesPlan
from realist.store.atomic import atomic_write_text, project_lock

if TYPE_CHECKING:
    from realist.refiqda.read import Plan


def drop_known_excerpts(project: Project, sources: SourcesPlan, report: ImportReport) -> None:
    """Leave out excerpts the project already has (same coder, transcript, span and codes)."""
    from realist.store.codings import codings_path, read_codings

    for (tid, coder), excerpts in sources.excerpts.items():
        path = codings_path(project, tid, coder)
        if not path.is_file():
            continue
        have = {(e.start, e.end) for e in read_codings(path)}
        fresh = [e for e in excerpts if (e.start, e.end) not in have]
        gone = len(excerpts) - len(fresh)
        if gone:
            report.created["excerpts"] = report.created.get("excerpts", 0) - gone
            report.keep("excerpts", gone)
        sources.excerpts[(tid, coder)] = fresh


def _write_codings(project: Project, sources: SourcesPlan) -> None:
    from realist.store.codings import codings_path, read_codings, write_codings

    for (tid, coder), excerpts in sorted(sources.excerpts.items()):
        if not excerpts:
            continue
        path = codings_path(project, tid, coder)
        existing = read_codings(path) if path.is_file() else []
        taken = {e.id for e in existing}
        for e in excerpts:
            if e.id in taken:  # an id made elsewhere for another span: make it unique
                from realist.coding.anchor import excerpt_id

                salt = 1
                while e.id in taken:
                    e.id = excerpt_id(tid, e.start, e.end, coder, salt)
                    salt += 1
            taken.add(e.id)
        write_codings(project, tid, coder, [*existing, *excerpts])


def write_all(plan: Plan, project: Project | None, new: Path | None, title: str, report: ImportReport) -> None:
    """Write everything ``plan`` holds into ``project`` (or a new project at ``new``)."""
    from realist.store.project import load_project

    if new is not None:
        folder = apply.new_project_folder(new)
        manifest = plan.files.get("realist.yaml") or apply.manifest_for(title, plan.codes.theories)
        atomic_write_text(folder / "realist.yaml", manifest)
        for rel, text in plan.files.items():
            if rel != "realist.yaml":
                atomic_write_text(folder / rel, text)
        project = load_project(folder, strict=False)
        for sub in (project.theories_path, project.transcripts_path, project.evidence_path):
            if sub is not None:
                sub.mkdir(parents=True, exist_ok=True)
    assert project is not None
    with project_lock(project.root):
        apply.write_theories(project, plan.codes)
    project = apply.reload(project)
    apply.write_free_codes(project, plan.codes, report)
    sources = plan.sources
    if sources is not None:
        from realist.store.participants import load_participants, save_participants
        from realist.store.transcripts import save_transcript

        with project_lock(project.root):
            if sources.participants:
                people: dict[str, Any] = load_participants(project)
                people.update(sources.participants)
                save_participants(project, people)
            for transcript in sources.transcripts.values():
                save_transcript(project, transcript)
            _write_codings(project, sources)
    if plan.memos:
        from realist.store.memos import save_memo

        for memo in plan.memos:
            save_memo(project.root, memo)
    apply.after_check(apply.reload(project), report)
