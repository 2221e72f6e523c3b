"""``codings/<transcript>/<coder>.yaml``: one coder's excerpts of one transcript.

One file per coder per transcript, so two coders on two branches never touch the
same file. The format is flat and parsed with libyaml (CSafeLoader), keys in a
fixed order, excerpts sorted by position, so diffs stay small and loading stays fast.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from realist.errors import InputError, UsageError
from realist.model import Excerpt, Project
from realist.store.atomic import atomic_write_text
from realist.store.transcripts import CODINGS_DIR, dump
from realist.store.yamlio import YamlProblem, load_fast

_CODER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def codings_root(project: Project) -> Path:
    return project.transcripts_path / CODINGS_DIR


def codings_path(project: Project, transcript_id: str, coder: str) -> Path:
    return codings_root(project) / transcript_id / f"{coder}.yaml"


def check_coder(coder: str) -> str:
    """A coder name usable as a file name: letters, digits, ``.``, ``_``, ``-``."""
    if not _CODER.match(coder or ""):
        raise UsageError(f"coder name '{coder}' cannot be used as a file name; use letters, digits, "
                         "'.', '_' or '-' (for example --coder alice)")
    return coder


def coding_files(project: Project, transcripts: list[str] | None = None) -> list[Path]:
    """Every codings file, sorted; only those of ``transcripts`` when given."""
    root = codings_root(project)
    if not root.is_dir():
        return []
    if transcripts is None:
        return sorted(root.glob("*/*.yaml"))
    files: list[Path] = []
    for tid in transcripts:
        folder = root / tid
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.yaml")))
    return files


def excerpt_from(item: dict[str, Any], transcript: str, coder: str, path: Path | None) -> Excerpt:
    return Excerpt(id=str(item["id"]), transcript=transcript, start=int(item["start"]), end=int(item["end"]),
                   quote=str(item.get("quote", "")), prefix=str(item.get("prefix") or ""),
                   suffix=str(item.get("suffix") or ""), codes=[str(c) for c in item.get("codes") or []],
                   stance=str(item.get("stance") or "supports"), coder=coder, memo=item.get("memo"),
                   key=bool(item.get("key", False)), created=item.get("created"), path=path)


def excerpt_data(e: Excerpt) -> dict[str, Any]:
    """One excerpt as written: fixed key order; memo and key only when set."""
    data: dict[str, Any] = {"id": e.id, "start": e.start, "end": e.end, "codes": list(e.codes),
                            "stance": e.stance}
    if e.memo:
        data["memo"] = e.memo
    if e.key:
        data["key"] = True
    data["quote"] = e.quote
    data["prefix"] = e.prefix
    data["suffix"] = e.suffix
    data["created"] = e.created
    return data


def read_codings(path: Path) -> list[Excerpt]:
    """The excerpts of one codings file; InputError with the position when it is unreadable."""
    try:
        data = load_fast(path)
    except YamlProblem as p:
        raise InputError(p.message, path=p.path, line=p.line, col=p.col) from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("excerpts", []), list):
        raise InputError("is not a codings file (expected 'transcript', 'coder' and a list of 'excerpts')",
                         path=path)
    transcript = str(data.get("transcript") or path.parent.name)
    coder = str(data.get("coder") or path.stem)
    out = []
    for i, item in enumerate(data.get("excerpts") or []):
        try:
            out.append(excerpt_from(item, transcript, coder, path))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise InputError(f"excerpt {i + 1} lacks a readable id, start or end", path=path) from None
    return out


def write_codings(project: Project, transcript_id: str, coder: str, excerpts: list[Excerpt]) -> Path:
    """Replace one coder's codings of one transcript (atomically; call under the project lock)."""
    path = codings_path(project, transcript_id, coder)
    ordered = sorted(excerpts, key=lambda e: (e.start, e.end, e.id))
    if not ordered:
        if path.exists():
            path.unlink()
        return path
    text = dump({"transcript": transcript_id, "coder": coder,
                 "excerpts": [excerpt_data(e) for e in ordered]})
    atomic_write_text(path, text)
    project._cache.pop("excerpts", None)
    return path


def find_excerpt_file(project: Project, excerpt_id: str) -> Path | None:
    """The codings file that holds ``excerpt_id`` (a text search before any parsing)."""
    needle = f"- id: {excerpt_id}\n"
    quoted = f"- id: '{excerpt_id}'\n"
    for path in coding_files(project):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if needle in text or quoted in text:
            return path
    return None
