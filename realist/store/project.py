"""Find a project (like git finds .git), load every human-written file, validate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from realist.errors import ProjectInvalid, ProjectNotFound
from realist.model import Project
from realist.store import build, cache
from realist.store.findings import Report

if TYPE_CHECKING:
    from realist.store.yamlio import YamlDoc

# yaml, the schemas and the meaning checks are imported where a full scan needs them: a project
# answered from the cache (`realist theories` in a big project) never pays for them.

MANIFEST = "realist.yaml"


def find_root(start: Path | str | None = None) -> Path:
    """The folder holding realist.yaml at or above ``start`` (default: the working directory)."""
    here = Path(start or ".").resolve()
    if here.is_file():
        here = here.parent if here.name != MANIFEST else here.parent
    if not here.exists():
        raise ProjectNotFound(f"folder not found: {here}")
    for folder in (here, *here.parents):
        if (folder / MANIFEST).is_file():
            return folder
    raise ProjectNotFound(f"no {MANIFEST} in {here} or any folder above it; "
                          "run `realist init` to start a project, or pass --project PATH")


def _load_doc(path: Path, schema: str, report: Report) -> YamlDoc | None:
    from realist.store.schema import check_shape
    from realist.store.yamlio import YamlProblem, load

    report.files += 1
    try:
        doc = load(path)
    except YamlProblem as p:
        report.add(p.path, p.line, p.col, p.message, rule="yaml")
        return None
    if doc.data is None:
        report.add(path, 1, 1, "is empty", rule="yaml.empty")
        return None
    if not isinstance(doc.data, dict):
        report.add(path, 1, 1, f"must be a mapping of keys to values, found {type(doc.data).__name__}",
                   rule="schema.type")
        return None
    check_shape(doc, schema, report)
    return doc


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly inside ``folder``, sorted (subfolders are not read)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def scan(root: Path | str | None = None) -> tuple[Project | None, Report]:
    """Load and validate the project at or above ``root``; never raises for bad content.

    Returns the project (None when the manifest itself is unusable) and the report.
    When none of the files changed since a scan that found nothing at all, the files
    are read without positions and not validated again (``realist.store.cache``).
    """
    root_path = find_root(root)
    known = _from_cache(root_path)
    if known is not None:
        return known
    before = _inputs(root_path)
    project, report = _scan(root_path)
    if project is not None and not report.findings and before is not None and before == _inputs(root_path):
        cache.write(root_path, "scan", {"inputs": before, "files": report.files, "data": _plain(before)})
    return project, report


def _plain(inputs: dict[str, Any]) -> dict[str, Any]:
    """The parsed content of each input that JSON keeps exactly (a YAML date, say, it does not)."""
    import hashlib
    import json

    import yaml

    from realist.store.yamlio import _Loader

    out = {}
    for name in inputs["digests"]:
        try:
            raw = Path(name).read_bytes()
            if hashlib.blake2b(raw, digest_size=16).hexdigest() != inputs["digests"][name]:
                continue  # changed since it was read: not kept
            data = yaml.load(raw.decode("utf-8-sig"), Loader=_Loader)  # noqa: S506 - a safe loader
            if json.loads(json.dumps(data)) == data:
                out[name] = data
        except Exception:  # not kept: read from the file next time
            continue
    return out


def _inputs(root: Path, manifest_data: Any = None) -> dict[str, Any] | None:
    """Every file a scan reads, with its digest (None: the manifest cannot be read fast).

    ``manifest_data``: the manifest's content when already known (its digest checked)."""
    manifest = root / MANIFEST
    try:
        data = manifest_data if manifest_data is not None else _load_fast(manifest)
        m = build.manifest_from(data)
    except Exception:  # any problem: no cache; the full scan reports it
        return None
    probe = Project(root=root, manifest=m)
    files = [manifest]
    theories = yaml_files(probe.theories_path)
    evidence = yaml_files(probe.evidence_path) if probe.evidence_path is not None else []
    toc = [root / m.toc] if m.toc is not None else []
    files += theories + evidence + toc
    return {"digests": {str(f): cache.digest(f) for f in files},
            "theories": [str(f) for f in theories], "evidence": [str(f) for f in evidence],
            "toc": [str(f) for f in toc]}


def _load_fast(path: Path) -> Any:
    from realist.store.yamlio import load_fast

    return load_fast(path)


def _from_cache(root: Path) -> tuple[Project, Report] | None:
    if not cache.enabled():
        return None
    known = cache.read(root, "scan")
    if not isinstance(known, dict) or not isinstance(known.get("inputs"), dict):
        return None
    kept = known.get("data") or {}
    manifest = str(root / MANIFEST)
    if manifest not in kept or cache.digest(root / MANIFEST) != known["inputs"].get("digests", {}).get(manifest):
        return None
    if known["inputs"] != _inputs(root, kept[manifest]):
        return None
    inputs = known["inputs"]

    def load_fast(path: Path) -> Any:  # the content as parsed when the digests were taken
        return kept[str(path)] if str(path) in kept else _load_fast(path)
    try:
        project = Project(root=root, manifest=build.manifest_from(load_fast(root / MANIFEST)))
        for name in inputs["theories"]:
            theory = build.theory_from(load_fast(Path(name)), Path(name))
            project.theories[theory.id] = theory
        for name in inputs["evidence"]:
            ev = build.evidence_from(load_fast(Path(name)), Path(name))
            project.evidence[ev.id] = ev
        for name in inputs["toc"]:
            project.toc = build.toc_from(load_fast(Path(name)), Path(name))
    except Exception:  # the files changed under us: read them the careful way
        return None
    return project, Report(root=root, files=int(known.get("files", 0)))


def _scan(root_path: Path) -> tuple[Project | None, Report]:
    report = Report(root=root_path)
    mdoc = _load_doc(root_path / MANIFEST, "realist", report)
    if mdoc is None:
        return None, report
    project = Project(root=root_path, manifest=build.manifest_from(mdoc.data))
    manifest = project.manifest
    if not _usable_paths(project, mdoc, report):
        return None, report

    theories_dir = project.theories_path
    if not theories_dir.is_dir():
        line, col = mdoc.pos("theories")
        report.add(mdoc.path, line, col, f"theories folder '{manifest.theories_dir}' does not exist",
                   rule="ref.folder")
    docs: dict[str, YamlDoc] = {}
    for path in yaml_files(theories_dir):
        doc = _load_doc(path, "theory", report)
        if doc is None:
            continue
        theory = build.theory_from(doc.data, path)
        if theory.id in project.theories:
            other = project.theories[theory.id].path
            line, col = doc.pos("id")
            report.add(path, line, col, f"theory id '{theory.id}' is also used by {other}", rule="id.unique")
            continue
        project.theories[theory.id] = theory
        docs[theory.id] = doc

    evidence_docs: dict[str, YamlDoc] = {}
    if manifest.evidence_dir is not None:
        evidence_dir = project.evidence_path
        assert evidence_dir is not None
        if not evidence_dir.is_dir():
            line, col = mdoc.pos("evidence")
            report.add(mdoc.path, line, col, f"evidence folder '{manifest.evidence_dir}' does not exist",
                       rule="ref.folder")
        for path in yaml_files(evidence_dir):
            doc = _load_doc(path, "evidence", report)
            if doc is None:
                continue
            ev = build.evidence_from(doc.data, path)
            if ev.id in project.evidence:
                line, col = doc.pos("id")
                report.add(path, line, col, f"evidence id '{ev.id}' is used twice", rule="id.unique")
                continue
            project.evidence[ev.id] = ev
            evidence_docs[ev.id] = doc

    toc_doc = None
    if manifest.toc is not None:
        toc_path = root_path / manifest.toc
        if not toc_path.is_file():
            line, col = mdoc.pos("toc")
            report.add(mdoc.path, line, col, f"theory-of-change file '{manifest.toc}' does not exist",
                       rule="ref.folder")
        else:
            toc_doc = _load_doc(toc_path, "toc", report)
            if toc_doc is not None:
                project.toc = build.toc_from(toc_doc.data, toc_path)

    _check_manifest(project, mdoc, report)
    from realist.store.meaning import check_meaning

    check_meaning(project, docs, evidence_docs, toc_doc, report)
    return project, report


def _usable_paths(project: Project, mdoc: YamlDoc, report: Report) -> bool:
    """Whether each folder and file realist.yaml names can be looked up at all (not too long, no NUL)."""
    import os

    ok = True
    m = project.manifest
    for key, value in (("theories", m.theories_dir), ("transcripts", m.transcripts_dir),
                       ("evidence", m.evidence_dir), ("toc", m.toc)):
        if value is None:
            continue
        try:
            os.stat(project.root / str(value))
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            line, col = mdoc.pos(key)
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            report.add(mdoc.path, line, col, f"'{key}' is not a usable path ({why.lower()}); "
                       "give a folder name inside the project", rule="ref.folder")
            ok = False
    return ok


def _check_manifest(project: Project, mdoc: YamlDoc, report: Report) -> None:
    m = project.manifest
    for key, values in (("phases", m.phases), ("strength", m.strength_scale)):
        seen = set()
        for i, value in enumerate(values):
            if value in seen:
                path = ("phases", i) if key == "phases" else ("strength", "scale", i)
                line, col = mdoc.pos(*path)
                report.add(mdoc.path, line, col, f"'{value}' is listed twice", rule="manifest.unique")
            seen.add(value)


def load_project(root: Path | str | None = None, *, strict: bool = True) -> Project:
    """Load the project; with ``strict`` refuse one with errors (ProjectInvalid, exit 2)."""
    project, report = scan(root)
    if project is None or (strict and report.errors):
        errors = report.sorted()
        errors = [f for f in errors if f.level == "error"]
        first = errors[0]
        more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''}: run `realist check`)" \
            if len(errors) > 1 else ""
        raise ProjectInvalid(f"{first}{more}", findings=errors)
    return project
