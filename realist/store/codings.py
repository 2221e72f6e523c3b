"""``codings/<transcript>/<coder>.yaml``: one coder's excerpts of one transcript.

One file per coder per transcript, so two coders on two branches never touch the
same file. The file is YAML written in its JSON subset, one excerpt per line: any
YAML tool reads it, a diff shows one line per changed excerpt, and ``json`` parses
it twenty times faster than libyaml (100,000 excerpts in well under a second). A
file a person has rewritten in another YAML style is still read, through libyaml.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from realist.errors import InputError, UsageError
from realist.model import Excerpt, Project
from realist.store.atomic import atomic_write_text, remove_file
from realist.store.transcripts import CODINGS_DIR
from realist.store.yamlio import YamlProblem, parse, read_text, shown

_CODER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# characters JSON leaves raw that YAML reads as line breaks or refuses: written as \\uXXXX
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


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
        found: list[Path] = []
        with os.scandir(root) as folders:
            for entry in folders:
                if entry.is_dir() and not entry.name.startswith("."):
                    with os.scandir(entry.path) as entries:
                        found.extend(Path(e.path) for e in entries
                                     if e.name.endswith(".yaml") and not e.name.startswith(".") and e.is_file())
        return sorted(found)
    files: list[Path] = []
    for tid in transcripts:
        folder = root / tid
        if folder.is_dir():
            files.extend(sorted(p for p in folder.glob("*.yaml") if not p.name.startswith(".")))
    return files


def excerpt_from(item: dict[str, Any], transcript: str, coder: str, path: Path | None) -> Excerpt:
    get = item.get
    xid, start, end, codes, quote = item["id"], item["start"], item["end"], get("codes"), get("quote")
    if (type(xid) is str and type(start) is int and type(end) is int and type(quote) is str
            and type(codes) is list and all(type(c) is str for c in codes)):
        # the shape we write ourselves: no conversions (a hundred thousand excerpts load measurably quicker)
        return Excerpt(xid, transcript, start, end, quote, str(get("prefix") or ""), str(get("suffix") or ""),
                       codes, str(get("stance") or "supports"), coder, get("memo"), bool(get("key", False)),
                       get("created"), None, path)
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


def _json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps_codings(transcript_id: str, coder: str, excerpts: list[Excerpt]) -> str:
    """The text of a codings file: a JSON-style YAML mapping, one excerpt per line."""
    lines = [f"  {_json(excerpt_data(e))}" for e in excerpts]
    return (f'{{"transcript": {_json(transcript_id)}, "coder": {_json(coder)}, "excerpts": [\n'
            + ",\n".join(lines) + "\n]}\n")


def parse_codings(path: Path) -> object:
    """The data of a codings file: ``json`` when it is in the JSON subset we write, else libyaml."""
    try:
        text = read_text(path)
    except YamlProblem as p:
        raise p.as_input_error() from None
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return parse(text, path).data  # positions, duplicate keys and merge-conflict markers reported
    except YamlProblem as p:
        raise p.as_input_error() from None


def read_codings(path: Path) -> list[Excerpt]:
    """The excerpts of one codings file; InputError with the position when it is unreadable."""
    data = parse_codings(path)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("excerpts", []), list):
        raise InputError("is not a codings file (expected 'transcript', 'coder' and a list of 'excerpts')",
                         path=shown(path))
    transcript = str(data.get("transcript") or path.parent.name)
    coder = str(data.get("coder") or path.stem)
    out = []
    for i, item in enumerate(data.get("excerpts") or []):
        try:
            out.append(excerpt_from(item, transcript, coder, path))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise InputError(f"excerpt {i + 1} lacks a readable id, start or end", path=shown(path)) from None
    return out


def write_codings(project: Project, transcript_id: str, coder: str, excerpts: list[Excerpt]) -> Path:
    """Replace one coder's codings of one transcript (atomically; call under the project lock)."""
    path = codings_path(project, transcript_id, coder)
    if path.parent.is_dir():  # a write killed half-way leaves its temp file: we hold the lock, so it is stale
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            stale.unlink(missing_ok=True)
    ordered = sorted(excerpts, key=lambda e: (e.start, e.end, e.id))
    if not ordered:
        if path.exists():
            remove_file(path)
        return path
    atomic_write_text(path, dumps_codings(transcript_id, coder, ordered))
    project._cache.pop("excerpts", None)
    return path


def find_excerpt_file(project: Project, excerpt_id: str) -> Path | None:
    """The codings file that holds ``excerpt_id`` (a text search before any parsing)."""
    needles = (f'"id": "{excerpt_id}"', f"id: {excerpt_id}\n", f"id: '{excerpt_id}'", f'id: "{excerpt_id}"')
    for path in coding_files(project):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if any(needle in text for needle in needles) and any(e.id == excerpt_id for e in read_codings(path)):
            return path
    return None
