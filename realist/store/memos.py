"""Analytic memos: one plain-text Markdown file per memo under the project's ``memos/`` folder.

A memo file is Markdown with a small YAML front matter::

    ---
    id: m3f9a2c
    on: trusting-relationships:M1
    author: Coder A
    date: 2026-11-23T16:40:12Z
    ---
    Staff in both regions describe trust as earned slowly ...

``on`` names what the memo is about: a theory (``trusting-relationships``), one of its
elements (``trusting-relationships:M1``), an excerpt (``excerpt:ID``) or a free code
(``free:name``). One file per memo, so two researchers writing memos on two branches
merge without conflicts; a memo is never rewritten by the tool once written.

>>> memo = parse_memo("---\\non: alpha\\ndate: 2026-01-02T03:04:05Z\\n---\\nText.\\n")
>>> memo.on, memo.text
('alpha', 'Text.')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realist.errors import InputError, UsageError

MEMOS_DIR = "memos"
_FENCE = "---"


@dataclass
class Memo:
    """One analytic memo: what it is on, who wrote it, when, and the text."""

    id: str
    on: str
    text: str
    date: str  # ISO 8601, UTC, to the second
    author: str | None = None
    path: Path | None = None

    @property
    def target(self) -> str:
        """What the memo is on (the name other modules read)."""
        return self.on

    @property
    def day(self) -> str:
        return self.date[:10]

    @property
    def theory(self) -> str | None:
        """The theory a theory or element memo is on (None for excerpts and free codes)."""
        if self.on.startswith(("excerpt:", "free:")):
            return None
        return self.on.split(":", 1)[0]

    @property
    def first_line(self) -> str:
        return next((line.strip() for line in self.text.splitlines() if line.strip()), "")


@dataclass
class MemoProblem:
    path: Path
    line: int
    message: str


@dataclass
class Memos:
    """Every memo of a project, oldest first, and the files that could not be read."""

    memos: list[Memo] = field(default_factory=list)
    problems: list[MemoProblem] = field(default_factory=list)

    def on(self, target: str, *, elements: bool = False) -> list[Memo]:
        """Memos on ``target``; with ``elements`` a theory's memos include those on its elements."""
        return [m for m in self.memos
                if m.on == target or (elements and ":" not in target and m.theory == target and m.on != target)]

    def get(self, memo_id: str) -> Memo:
        """The memo with this id (or a unique prefix of it); UsageError otherwise."""
        from realist.text import did_you_mean

        exact = [m for m in self.memos if m.id == memo_id]
        found = exact or [m for m in self.memos if m.id.startswith(memo_id)]
        if len(found) == 1:
            return found[0]
        if found:
            raise UsageError(f"'{memo_id}' matches {len(found)} memos ({', '.join(m.id for m in found[:5])}); "
                             "give more of the id")
        raise UsageError(f"no memo '{memo_id}'{did_you_mean(memo_id, [m.id for m in self.memos])}; "
                         "see `realist memo list`")


def memos_path(root: Path) -> Path:
    return root / MEMOS_DIR


def parse_memo(text: str, path: Path | None = None) -> Memo:
    """A memo from its file text; InputError (with the line) when the front matter is unusable."""
    import yaml

    where = path or Path("memo")
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != _FENCE:
        raise InputError("a memo starts with a '---' line, then on:, date: and author:, then '---' and the text",
                         path=where, line=1)
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == _FENCE)
    except StopIteration:
        raise InputError("the front matter is never closed: add a '---' line before the memo text",
                         path=where, line=1) from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:close])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        raise InputError(f"the front matter is not valid YAML ({getattr(exc, 'problem', exc)})",
                         path=where, line=line) from None
    if not isinstance(meta, dict):
        raise InputError("the front matter must be keys and values (on:, date:, author:)", path=where, line=2)
    if True in meta and "on" not in meta:  # YAML 1.1 reads a bare `on` key as the boolean true
        meta["on"] = meta.pop(True)
    for key in ("on", "date"):
        if not meta.get(key):
            raise InputError(f"the front matter has no '{key}:'", path=where, line=2)
    date = meta["date"]
    if isinstance(date, dt.datetime):
        date = _iso(date)
    elif isinstance(date, dt.date):
        date = date.isoformat()
    body = "\n".join(lines[close + 1:]).strip("\n")
    memo_id = str(meta.get("id") or (path.stem if path else _memo_id(str(meta["on"]), str(date), body)))
    author = meta.get("author")
    return Memo(id=memo_id, on=str(meta["on"]), text=body, date=str(date),
                author=str(author) if author is not None else None, path=path)


def format_memo(memo: Memo) -> str:
    """The file text of a memo (front matter, blank-free, then the text)."""
    meta: dict[str, Any] = {"id": memo.id, "on": memo.on}
    if memo.author:
        meta["author"] = memo.author
    meta["date"] = memo.date
    front = "".join(f"{key}: {value if key == 'date' else _scalar(value)}\n" for key, value in meta.items())
    return f"{_FENCE}\n{front}{_FENCE}\n{memo.text.strip()}\n"


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as the same string (quoted only when it must be)."""
    import json

    import yaml

    if value and value == value.strip() and yaml.safe_load(value) == value and "#" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def load_memos(root: Path) -> Memos:
    """Every ``*.md`` file under ``memos/`` (subfolders too), oldest first; bad files as problems."""
    result = Memos()
    folder = memos_path(root)
    if not folder.is_dir():
        return result
    for path in sorted(folder.rglob("*.md")):
        try:
            result.memos.append(parse_memo(path.read_text(encoding="utf-8"), path))
        except InputError as exc:
            result.problems.append(MemoProblem(path, exc.line or 1, exc.message))
        except (OSError, UnicodeDecodeError) as exc:
            result.problems.append(MemoProblem(path, 1, f"cannot be read ({exc})"))
    result.memos.sort(key=lambda m: (m.date, m.id))
    return result


def new_memo(on: str, text: str, author: str | None, now: dt.datetime | None = None) -> Memo:
    """A memo dated now (UTC), with an id derived from its content."""
    text = text.strip()
    if not text:
        raise UsageError("the memo is empty: give its text with --text \"...\" (or --file FILE)")
    date = _iso(now or dt.datetime.now(dt.timezone.utc))
    return Memo(id=_memo_id(on, date, text), on=on, text=text, date=date, author=author)


def save_memo(root: Path, memo: Memo) -> Path:
    """Write a new memo file atomically, under the project lock; never overwrites a memo."""
    from realist.store.atomic import atomic_write_text, project_lock

    folder = memos_path(root)
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", memo.on).strip("-")[:60] or "memo"
    with project_lock(root):
        path = folder / f"{memo.day}-{slug}-{memo.id}.md"
        n = 1
        while path.exists():  # the same memo written twice in one second: keep both
            n += 1
            memo.id = f"{memo.id.split('.')[0]}.{n}"
            path = folder / f"{memo.day}-{slug}-{memo.id}.md"
        atomic_write_text(path, format_memo(memo))
    memo.path = path
    return path


def _iso(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc)
    return value.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def _memo_id(on: str, date: str, text: str) -> str:
    return "m" + hashlib.sha256(f"{on}\n{date}\n{text}".encode()).hexdigest()[:6]


def resolve_target(project: Any, on: str) -> str:
    """Check what a memo is on and return it canonically: ``theory``, ``theory:E1``, ``excerpt:ID``, ``free:x``.

    A bare id that is not a theory is taken as an excerpt id.
    """
    from realist.text import did_you_mean

    on = on.strip()
    if not on:
        raise UsageError("say what the memo is on: --on THEORY, --on THEORY:ELEMENT or --on EXCERPT")
    if on.startswith("free:"):
        from realist.coding.codes import parse_code

        return parse_code(project, on)
    if on.startswith("excerpt:") or (":" not in on and on not in project.theories and _is_excerpt(project, on)):
        excerpt_id = on.removeprefix("excerpt:")
        if not _is_excerpt(project, excerpt_id):
            raise UsageError(f"no excerpt '{excerpt_id}'; list them with `realist excerpts`")
        return f"excerpt:{excerpt_id}"
    theory_id = on.partition(":")[0]
    if theory_id not in project.theories:
        raise UsageError(f"no theory or excerpt '{on}'{did_you_mean(theory_id, project.theories)}; "
                         "a memo is on a theory, THEORY:ELEMENT or an excerpt id")
    from realist.coding.codes import parse_code

    return parse_code(project, on)


def _is_excerpt(project: Any, excerpt_id: str) -> bool:
    try:
        from realist.store.codings import find_excerpt_file
    except ImportError:  # no coding support installed: no excerpts
        return False

    return find_excerpt_file(project, excerpt_id) is not None


def add_memo(project: Any, on: str, text: str, *, author: str | None = None,
             now: dt.datetime | None = None) -> Memo:
    """Write a new memo on a theory, an element, an excerpt or a free code.

    >>> add_memo(project, "trusting-relationships:M1", "Trust is earned slowly", author="alice")  # doctest: +SKIP
    Memo(id='m3f9a2c', on='trusting-relationships:M1', ...)
    """
    memo = new_memo(resolve_target(project, on), text, author or default_author(), now)
    save_memo(project.root, memo)
    project._cache.pop("memos", None)
    return memo


def project_memos(project: Any) -> Memos:
    """Every memo of the project (cached on the project until a memo is written)."""
    cached = project._cache.get("memos")
    if cached is None:
        cached = project._cache["memos"] = load_memos(project.root)
    return cached  # type: ignore[no-any-return]


def default_author() -> str:
    """``$REALIST_CODER``, else the login name: the same default as a coder's."""
    import getpass
    import os

    env = os.environ.get("REALIST_CODER")
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def memo_lines(memo: Memo, *, target: str | None = None) -> list[str]:
    """A memo as plain lines: a heading (date, author, what it is on) and its text."""
    head = f"{memo.day}  {memo.author or 'unknown'}" + (f"  on {target}" if target else "") + f"  [{memo.id}]"
    return [head, *(f"  {line}" for line in memo.text.splitlines())]


def memo_section(project: Any, theory_id: str) -> dict[str, Any] | None:
    """The "Memos" section of `realist theory show`: memos on the theory and on its elements."""
    memos = project_memos(project).on(theory_id, elements=True)
    if not memos:
        return None
    lines: list[str] = []
    for memo in memos:
        lines.extend(memo_lines(memo, target=memo.on.partition(":")[2] or None))
    return {"title": f"Memos ({len(memos)})", "lines": lines}


def memo_rows(project: Any, memos: list[Memo]) -> list[dict[str, Any]]:
    """Memos as plain dicts (what ``--format json`` prints), with what they are on in words."""
    rows = []
    for memo in memos:
        rows.append({"id": memo.id, "on": memo.on, "author": memo.author, "date": memo.date,
                     "first_line": memo.first_line, "text": memo.text, "about": _about(project, memo.on),
                     "path": str(memo.path.relative_to(project.root)) if memo.path else None})
    return rows


def _about(project: Any, on: str) -> str | None:
    """``Trusting Relationships, M1: Belief that staff are genuinely trying to help``."""
    if on.startswith(("excerpt:", "free:")):
        return None
    theory_id, _, element_id = on.partition(":")
    theory = project.theories.get(theory_id)
    if theory is None:
        return None
    if not element_id:
        return theory.title
    element = theory.element(element_id)
    return f"{theory.title}, {element_id}: {element.text}" if element else theory.title
