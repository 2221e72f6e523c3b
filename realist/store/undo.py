"""The undo history: every change a command made, and `realist undo` to take the last one back.

Each time a command holds the project's write lock, the files it writes or deletes
are one *change*. Before a file is first replaced, its old content is kept; when the
lock is let go, the change is saved as ``.realist-trash/undo/<UTC time>-<pid>.json``::

    {"command": "uncode rnfgk3vf", "when": "2026-11-23T16:45:00Z",
     "files": [{"path": "transcripts/codings/po-1/alice.yaml",
                "before": "...the file as it was...", "after_sha256": "3a7b..."}]}

``before`` is null for a file the change created (undo deletes it again); binary
content is kept as ``before_base64``. ``after_sha256`` is null for a file the change
deleted. Undo restores every file of the change, but only when each is still as the
change left it: a file changed since (by a later command, a coding screen, a text
editor or ``git pull``) is named and nothing is restored, so an undo never destroys
later work. An undone change is renamed ``*.undone.json`` (kept, not deleted) and the
next ``realist undo`` takes back the change before it. The newest 200 changes are kept.

>>> changes = list_changes(project.root)  # doctest: +SKIP
>>> undo(project.root).command  # doctest: +SKIP
'uncode rnfgk3vf'
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from realist.errors import UsageError
from realist.store.atomic import TRASH_DIR, Journal, atomic_write_bytes, no_undo, project_lock, remove_file

UNDO_DIR = "undo"
KEEP = 200


def undo_dir(root: Path) -> Path:
    return root / TRASH_DIR / UNDO_DIR


def save_change(journal: Journal, command: str) -> Path | None:
    """Write one change to the undo history (called when the write lock is let go)."""
    if not journal.recording or not journal.before:
        return None
    folder = undo_dir(journal.root)
    trash = folder.parent
    if not trash.is_dir():
        trash.mkdir(parents=True, exist_ok=True)
    ignore = trash / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    files = []
    for rel, before in journal.before.items():
        item: dict[str, Any] = {"path": rel}
        if before is None:
            item["before"] = None
        else:
            try:
                item["before"] = before.decode("utf-8")
            except UnicodeDecodeError:
                item["before_base64"] = base64.b64encode(before).decode("ascii")
        item["after_sha256"] = journal.after.get(rel)
        files.append(item)
    now = datetime.now(timezone.utc)
    data = {"command": command or "a change", "when": now.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
            "files": files}
    path = folder / f"{now.strftime('%Y%m%dT%H%M%S%fZ')}-{os.getpid()}.json"
    with no_undo():
        atomic_write_bytes(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    _prune(folder)
    return path


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"))
    for old in entries[:-KEEP] if len(entries) > KEEP else []:
        old.unlink(missing_ok=True)


@dataclass
class Change:
    """One change in the undo history."""

    path: Path
    command: str
    when: str
    files: list[dict[str, Any]]
    undone: bool = False

    @property
    def paths(self) -> list[str]:
        return [f["path"] for f in self.files]


def list_changes(root: Path, *, undone: bool = False) -> list[Change]:
    """The changes in the undo history, newest first (with ``undone=True`` also those taken back)."""
    folder = undo_dir(root)
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.glob("*.json"), reverse=True):
        is_undone = path.name.endswith(".undone.json")
        if is_undone and not undone:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            out.append(Change(path, str(data.get("command", "")), str(data.get("when", "")),
                              list(data.get("files") or []), is_undone))
        except (OSError, ValueError, TypeError, AttributeError):
            continue  # an entry cut short by a crash: nothing to take back from it
    return out


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def undo(root: Path, *, dry_run: bool = False) -> Change:
    """Take back the newest change not yet undone; UsageError when a file changed since.

    >>> undo(project.root).paths  # doctest: +SKIP
    ['transcripts/codings/po-1/alice.yaml']
    """
    root = root.resolve()
    with no_undo(), project_lock(root):
        changes = list_changes(root)
        if not changes:
            raise UsageError("there is nothing to undo: no change has been recorded in this project "
                             f"(the history is in {TRASH_DIR}/{UNDO_DIR}/)")
        change = changes[0]
        changed = [f["path"] for f in change.files if _sha(root / f["path"]) != f.get("after_sha256")]
        if changed:
            raise UsageError(f"cannot undo `{change.command}` ({change.when}): {changed[0]} has changed since "
                             f"{'(and ' + str(len(changed) - 1) + ' more) ' if len(changed) > 1 else ''}"
                             "and undoing would lose that; its earlier content is in "
                             f"{change.path.relative_to(root)}")
        if dry_run:
            return change
        for item in change.files:
            target = root / item["path"]
            if "before_base64" in item:
                atomic_write_bytes(target, base64.b64decode(item["before_base64"]))
            elif item.get("before") is None:
                remove_file(target)
            else:
                atomic_write_bytes(target, str(item["before"]).encode("utf-8"))
        done = change.path.with_name(change.path.name[: -len(".json")] + ".undone.json")
        os.replace(change.path, done)
        change.path, change.undone = done, True
    return change
