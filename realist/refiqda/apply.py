"""Writing what an import brings: a new project's manifest, theory files and free codes.

Theory files are new files (an existing theory is never overwritten); free codes go through
the codebook's own API, so codebook.yaml keeps its comments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from realist.errors import UsageError
from realist.model import Project
from realist.refiqda.codes_in import CodePlan
from realist.refiqda.report import ImportReport
from realist.store.atomic import atomic_write_text


def new_project_folder(folder: Path) -> Path:
    """Check that ``folder`` can hold a new project (missing or empty)."""
    folder = folder.resolve()
    if (folder / "realist.yaml").exists():
        raise UsageError(f"{folder} is already a realist project; import into it with --project {folder}")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder")
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder} is not empty; give a new folder for the new project")
    return folder


def manifest_for(title: str, theories: dict[str, str], labels: dict[str, str] | None = None) -> str:
    """A realist.yaml whose groups, phases, strands and ratings cover the imported theories.

    ``labels`` names groups (from the sets realist writes, ``realist group 'carrot'``).
    """
    phases = ["initial", "second", "third"]
    scale = ["convincing", "plausible", "tentative"]
    groups: dict[str, str] = {}
    strands: dict[str, dict[str, str]] = {}
    for text in theories.values():
        data = yaml.safe_load(text) or {}
        if not isinstance(data, dict):
            continue
        if data.get("group"):
            group = str(data["group"])
            groups.setdefault(group, (labels or {}).get(group) or group.replace("-", " ").capitalize())
        strength: dict[str, Any] = data["strength"] if isinstance(data.get("strength"), dict) else {}
        if strength.get("rating") and str(strength["rating"]) not in scale:
            scale.append(str(strength["rating"]))
        for source in strength.get("sources") or []:
            strands.setdefault(str(source), {"label": str(source).replace("-", " ").capitalize(),
                                             "kind": "qualitative"})
        for entry in data.get("history") or []:
            phase = str(entry.get("phase")) if isinstance(entry, dict) else None
            if phase and phase not in phases:
                phases.append(phase)
    manifest: dict[str, Any] = {"format": 1, "title": title, "theories": "theories", "transcripts": "transcripts",
                            "evidence": "theories/evidence", "phases": phases, "strength": {"scale": scale}}
    if strands:
        manifest["strands"] = strands
    if groups:
        manifest["groups"] = groups
    head = "# realist project manifest, made by `realist import`. Reference: `realist schema realist`.\n"
    return head + yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=100)


def write_theories(project: Project, plan: CodePlan) -> list[Path]:
    written = []
    folder = project.theories_path
    for theory_id, text in plan.theories.items():
        path = folder / f"{theory_id}.yaml"
        if path.exists():  # never overwrite a researcher's file
            continue
        atomic_write_text(path, text)
        written.append(path)
    return written


def write_free_codes(project: Project, plan: CodePlan, report: ImportReport) -> None:
    if not plan.free:
        return
    try:
        from realist.coding.codes import add_free_code
    except ImportError:
        report.note(f"{len(plan.free)} free codes were not written: this version of realist has no codebook")
        return
    for name, definition in plan.free.items():
        add_free_code(project, name, definition)


def reload(project: Project) -> Project:
    from realist.store.project import load_project

    return load_project(project.root, strict=False)


def after_check(project: Project, report: ImportReport) -> None:
    """Say when the imported project needs attention (unknown groups, phases...)."""
    from realist.store.project import scan

    _, found = scan(project.root)
    errors = [f for f in found.sorted() if f.level == "error"]
    if errors:
        report.note(f"the project now has {len(errors)} problem{'s' if len(errors) > 1 else ''} to fix, "
                    f"first: {errors[0]}; run `realist check`")
