"""Everything of a realist project that goes into a .qdpx, read through each area's own API.

Transcripts, participants, codings and memos are optional parts of realist (each written by
its own module); a part that is not installed simply contributes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realist.model import Project


@dataclass
class Gathered:
    transcripts: dict[str, Any] = field(default_factory=dict)  # id -> Transcript
    participants: dict[str, Any] = field(default_factory=dict)  # id -> Participant
    excerpts: list[Any] = field(default_factory=list)  # Excerpt
    memos: list[Any] = field(default_factory=list)  # Memo
    files: dict[str, str] = field(default_factory=dict)  # project-relative path -> text

    @property
    def coders(self) -> list[str]:
        names = {e.coder for e in self.excerpts if e.coder}
        names.update(m.author for m in self.memos if getattr(m, "author", None))
        return sorted(names)


def project_files(project: Project) -> dict[str, str]:
    """The human-written files REFI-QDA has no place for: the manifest, the theory of change,
    the quantitative evidence; carried as notes so that a round trip restores them.
    """
    root = project.root
    paths: list[Path] = [project.manifest_path]
    if project.manifest.toc:
        paths.append(root / project.manifest.toc)
    paths += [ev.path for ev in project.evidence.values() if ev.path is not None]
    out = {}
    for path in paths:
        if path.is_file():
            out[path.resolve().relative_to(root.resolve()).as_posix()] = path.read_text(encoding="utf-8")
    return out


def gather(project: Project) -> Gathered:
    found = Gathered(files=project_files(project))
    try:
        from realist.store.transcripts import load_transcripts
    except ImportError:
        pass
    else:
        found.transcripts = dict(sorted(load_transcripts(project).items()))
    try:
        from realist.store.participants import load_participants
    except ImportError:
        pass
    else:
        found.participants = load_participants(project)
    try:
        from realist.coding.query import load_excerpts
    except ImportError:
        pass
    else:
        found.excerpts = sorted(load_excerpts(project), key=lambda e: (e.transcript, e.start, e.end, e.id))
    try:
        from realist.store.memos import load_memos
    except ImportError:
        pass
    else:
        found.memos = list(load_memos(project.root).memos)
    return found
