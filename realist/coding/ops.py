"""Coding operations: add an excerpt, remove it (to the trash), change its codes.

Each operation holds the project's write lock while it reads, changes and writes
the one codings file it touches, so two coders (or two scripts) working at the
same time never lose each other's work.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from realist.coding.anchor import context, excerpt_id
from realist.coding.codes import parse_codes
from realist.errors import UsageError
from realist.model import STANCES, Excerpt, Project
from realist.store.atomic import atomic_write_text, project_lock
from realist.store.codings import (
    check_coder,
    codings_path,
    find_excerpt_file,
    read_codings,
    write_codings,
)
from realist.store.transcripts import dump, get_transcript
from realist.text import did_you_mean, one_of

TRASH_DIR = ".realist-trash"


def default_coder(coder: str | None = None) -> str:
    """``--coder``, else ``$REALIST_CODER``, else the login name (made file-safe)."""
    if coder:
        return check_coder(coder)
    env = os.environ.get("REALIST_CODER")
    if env:
        return check_coder(env)
    try:
        user = getpass.getuser()
    except Exception:  # no login name in some containers
        user = "coder"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", user).strip("-.") or "coder"


def check_stance(stance: str) -> str:
    if stance not in STANCES:
        raise UsageError(f"stance '{stance}' is not one of {one_of(STANCES)}{did_you_mean(stance, STANCES)}")
    return stance


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def add_excerpt(project: Project, transcript_id: str, start: int, end: int, codes: list[str], *,
                stance: str = "supports", coder: str | None = None, memo: str | None = None,
                key: bool = False) -> Excerpt:
    """Code ``text[start:end]`` of a transcript and save it in the coder's codings file.

    >>> e = add_excerpt(project, "po-1", 120, 245, ["trusting-relationships:C1",
    ...                 "trusting-relationships:M1"], stance="supports", coder="alice")  # doctest: +SKIP
    >>> e.configurational  # doctest: +SKIP
    True
    """
    transcript = get_transcript(project, transcript_id)
    text = transcript.text
    if not (0 <= start < end <= len(text)):
        raise UsageError(f"span {start}-{end} is past the end of transcript '{transcript_id}' "
                         f"({len(text):,} characters)")
    canonical = parse_codes(project, codes)
    check_stance(stance)
    coder = default_coder(coder)
    prefix, suffix = context(text, start, end)
    with project_lock(project.root):
        path = codings_path(project, transcript_id, coder)
        existing = read_codings(path) if path.exists() else []
        for other in existing:
            if other.start == start and other.end == end:
                raise UsageError(f"{coder} already coded this passage as excerpt {other.id} "
                                 f"({', '.join(other.codes)}); change its codes with "
                                 f"`realist recode {other.id} CODE...`")
        taken = _ids_of_transcript(project, transcript_id)
        salt = 0
        new_id = excerpt_id(transcript_id, start, end, coder)
        while new_id in taken:
            salt += 1
            new_id = excerpt_id(transcript_id, start, end, coder, salt)
        excerpt = Excerpt(id=new_id, transcript=transcript_id, start=start, end=end, quote=text[start:end],
                          prefix=prefix, suffix=suffix, codes=canonical, stance=stance, coder=coder,
                          memo=memo or None, key=key, created=now(), path=path)
        write_codings(project, transcript_id, coder, [*existing, excerpt])
    excerpt.participant = transcript.participant_in(start, end)
    return excerpt


def _ids_of_transcript(project: Project, transcript_id: str) -> set[str]:
    from realist.store.codings import coding_files

    ids: set[str] = set()
    for path in coding_files(project, [transcript_id]):
        ids.update(e.id for e in read_codings(path))
    return ids


def get_excerpt(project: Project, excerpt_id: str) -> Excerpt:
    """The excerpt with this id; UsageError when there is none."""
    path = find_excerpt_file(project, excerpt_id)
    if path is not None:
        for e in read_codings(path):
            if e.id == excerpt_id:
                return e
    raise UsageError(f"no excerpt '{excerpt_id}'; list them with `realist excerpts`")


def _trash(project: Project, operation: str, excerpt: Excerpt) -> Path:
    """Keep what an operation removes or replaces, so it can be taken back."""
    from realist.store.codings import excerpt_data

    folder = project.root / TRASH_DIR
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".gitignore").write_text("*\n", encoding="utf-8")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{stamp}-{operation}-{excerpt.id}.yaml"
    rel = str(excerpt.path.relative_to(project.root)) if excerpt.path else None
    atomic_write_text(path, dump({"operation": operation, "when": now(), "file": rel,
                                  "transcript": excerpt.transcript, "coder": excerpt.coder,
                                  "excerpt": excerpt_data(excerpt)}))
    return path


def _change(project: Project, excerpt_id: str, operation: str,
            change: Callable[[Excerpt], Excerpt | None]) -> tuple[Excerpt, Excerpt | None]:
    with project_lock(project.root):
        path = find_excerpt_file(project, excerpt_id)
        excerpts = read_codings(path) if path is not None else []
        old = next((e for e in excerpts if e.id == excerpt_id), None)
        if path is None or old is None:
            raise UsageError(f"no excerpt '{excerpt_id}'; list them with `realist excerpts`")
        new = change(old)
        _trash(project, operation, old)
        kept = [e for e in excerpts if e.id != excerpt_id] + ([new] if new is not None else [])
        write_codings(project, old.transcript, old.coder, kept)
    return old, new


def remove_excerpt(project: Project, excerpt_id: str) -> Excerpt:
    """Remove an excerpt; it is kept in ``.realist-trash/`` (see docs/coding.md).

    >>> remove_excerpt(project, "rnfgk3vf").quote  # doctest: +SKIP
    'I trust her because she never lied to me'
    """
    old, _ = _change(project, excerpt_id, "uncode", lambda e: None)
    return old


def recode(project: Project, excerpt_id: str, codes: list[str], *, stance: str | None = None,
           memo: str | None = None, key: bool | None = None) -> Excerpt:
    """Replace the codes of an excerpt (and its stance, memo or key flag when given).

    The version before is kept in ``.realist-trash/``.

    >>> recode(project, "rnfgk3vf", ["trusting-relationships:M1"], stance="refines")  # doctest: +SKIP
    """
    canonical = parse_codes(project, codes)
    if stance is not None:
        check_stance(stance)

    def change(e: Excerpt) -> Excerpt:
        from dataclasses import replace

        return replace(e, codes=canonical, stance=stance or e.stance,
                       memo=e.memo if memo is None else (memo or None), key=e.key if key is None else key)

    _, new = _change(project, excerpt_id, "recode", change)
    assert new is not None
    return new
